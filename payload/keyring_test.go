package payload

import (
	"bytes"
	"encoding/base64"
	"fmt"
	"slices"
	"strings"
	"testing"
)

func TestParseKeyring(t *testing.T) {
	keys := newKeys(t, "k0", "k1")
	k, err := ParseKeyring(keysJSON(t, "k1", keys))
	if err != nil {
		t.Fatal(err)
	}
	if k.ActiveKeyID() != "k1" {
		t.Errorf("active = %q", k.ActiveKeyID())
	}
	if got := k.KeyIDs(); !slices.Equal(got, []string{"k0", "k1"}) {
		t.Errorf("KeyIDs = %v", got)
	}
}

func TestParseKeyringErrorsNameTheProblem(t *testing.T) {
	good := base64.StdEncoding.EncodeToString(bytes.Repeat([]byte{7}, 32))
	short := base64.StdEncoding.EncodeToString(bytes.Repeat([]byte{7}, 16))
	for _, tc := range []struct {
		name, json, want string
	}{
		{"bad base64", `{"active":"k1","keys":{"k1":"not base64!"}}`, `key "k1": bad base64`},
		{"wrong length", `{"active":"k1","keys":{"k1":"` + short + `"}}`, `key "k1" is 16 bytes, want 32`},
		{"active missing", `{"active":"k2","keys":{"k1":"` + good + `"}}`, `active key "k2" is not among the keys (have k1)`},
		{"active empty", `{"keys":{"k1":"` + good + `"}}`, `"active" is empty`},
		{"no keys", `{"active":"k1","keys":{}}`, `"keys" is empty`},
		{"misspelt field", `{"activ":"k1","keys":{"k1":"` + good + `"}}`, `unknown field "activ"`},
		{"not json", `active=k1`, `not a keys file`},
		{"bad key id", `{"active":"k 1","keys":{"k 1":"` + good + `"}}`, `key id "k 1"`},
	} {
		t.Run(tc.name, func(t *testing.T) {
			_, err := ParseKeyring([]byte(tc.json))
			if err == nil || !strings.Contains(err.Error(), tc.want) {
				t.Fatalf("err = %v, want it to contain %q", err, tc.want)
			}
			if strings.Contains(err.Error(), good) {
				t.Errorf("error leaks key material: %v", err)
			}
		})
	}
}

func TestKeyringPrintsNoKeyMaterial(t *testing.T) {
	keys := newKeys(t, "k1")
	k := mustKeyring(t, "k1", keys)
	for _, s := range []string{fmt.Sprint(k), fmt.Sprintf("%v", k), fmt.Sprintf("%+v", k), fmt.Sprintf("%#v", k)} {
		if !strings.Contains(s, "k1") {
			t.Errorf("%q does not name the key id", s)
		}
		if strings.Contains(s, base64.StdEncoding.EncodeToString(keys["k1"])) || strings.Contains(s, string(keys["k1"])) {
			t.Errorf("%q leaks the key", s)
		}
	}
}
