package procedure

import (
	"bytes"
	"os"
	"strings"
	"testing"
)

// A step held by a leader or an administrator could never be decided: the
// authorisation table gives those roles no steps.
func TestStepRoleMustDecide(t *testing.T) {
	data, err := os.ReadFile("../catalog/testdata/drill.json")
	if err != nil {
		t.Fatal(err)
	}
	for _, role := range []string{"leader", "admin"} {
		bad := bytes.Replace(data, []byte(`"role": "officer"`), []byte(`"role": "`+role+`"`), 1)
		_, err := ParseProcedure("drill.json", bad)
		if err == nil || !strings.Contains(err.Error(), "$.steps[0].role") || !strings.Contains(err.Error(), "decides no steps") {
			t.Errorf("role %s: %v", role, err)
		}
	}
}
