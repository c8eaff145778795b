package main

import (
	"bytes"
	"context"
	"encoding/json"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/lienthong/lienthong/intake"
	"github.com/lienthong/lienthong/internal/teststack"
	"github.com/lienthong/lienthong/workflows"
)

// cli runs one starter command in-process and returns its exit code and output.
func cli(t *testing.T, args ...string) (int, string, string) {
	t.Helper()
	var out, errb bytes.Buffer
	rc := run(context.Background(), args, &out, &errb)
	return rc, out.String(), errb.String()
}

// The clerk's and officers' commands against a real server and worker:
// submit (twice: one dossier), decisions accepted and refused with their
// codes, the slip as JSON and as text, and an invalid file that starts nothing.
func TestCommandsOnRealServer(t *testing.T) {
	s := teststack.Start(t)
	data := t.TempDir()
	t.Setenv("TEMPORAL_ADDRESS", s.Server.HostPort())
	t.Setenv("TEMPORAL_NAMESPACE", s.Server.Namespace())
	t.Setenv("LIENTHONG_PAYLOAD_KEYS_FILE", s.KeyFile)
	t.Setenv("LIENTHONG_DATA_DIR", data)
	example := filepath.Join("..", "docs", "examples", "business-registration.json")

	rc, out, errs := cli(t, "submit", "--procedure", "2.001610", "--file", example, "--json")
	if rc != 0 {
		t.Fatalf("submit: rc %d, stderr %s", rc, errs)
	}
	var r intake.Receipt
	if err := json.Unmarshal([]byte(out), &r); err != nil {
		t.Fatalf("submit --json printed %q: %v", out, err)
	}
	if !workflows.ValidCode(r.Code) || r.DueAt.IsZero() || r.Existing {
		t.Fatalf("receipt %+v", r)
	}
	rc, out, _ = cli(t, "submit", "--procedure", "2.001610", "--file", example)
	if rc != 0 || !strings.Contains(out, r.Code) || !strings.Contains(out, "đã được tiếp nhận trước đó") {
		t.Errorf("resubmission: rc %d, output %q; want the same code, marked as already received", rc, out)
	}

	if rc, _, errs := cli(t, "decide", r.Code, "--action", "approve", "--actor", "toanlt"); rc != 0 {
		t.Fatalf("desk hand-off: rc %d, %s", rc, errs)
	}
	if rc, _, errs := cli(t, "decide", r.Code, "--action", "refuse", "--actor", "yentd"); rc != 1 || !strings.Contains(errs, "[invalid_request]") {
		t.Errorf("refusal without a reason: rc %d, stderr %q", rc, errs)
	}
	if rc, _, errs := cli(t, "decide", r.Code, "--action", "approve", "--actor", "toanlt"); rc != 1 || !strings.Contains(errs, "[not_authorised]") {
		t.Errorf("clerk approving the officer's step: rc %d, stderr %q", rc, errs)
	}
	if rc, _, errs := cli(t, "decide", r.Code, "--action", "approve", "--actor", "nobody.here"); rc != 1 || !strings.Contains(errs, "nobody.here") {
		t.Errorf("unknown staff id: rc %d, stderr %q", rc, errs)
	}

	rc, out, errs = cli(t, "status", r.Code, "--json")
	if rc != 0 {
		t.Fatalf("status: rc %d, %s", rc, errs)
	}
	var slip workflows.Slip
	if err := json.Unmarshal([]byte(out), &slip); err != nil {
		t.Fatal(err)
	}
	if len(slip.Rows) != 2 || slip.Rows[0].Result != "approve" || slip.Rows[1].StepID != "review" || slip.Rows[1].Result != "" {
		t.Errorf("slip rows: %+v", slip.Rows)
	}
	if rc, out, _ = cli(t, "status", r.Code); rc != 0 || !strings.Contains(out, "PHIẾU KIỂM SOÁT") || !strings.Contains(out, "review#1") {
		t.Errorf("status text: rc %d\n%s", rc, out)
	}

	bad := filepath.Join(t.TempDir(), "bad.json")
	raw, _ := os.ReadFile(example)
	if err := os.WriteFile(bad, bytes.Replace(raw, []byte(`"001090000000"`), []byte(`"0010900000"`), 1), 0o600); err != nil {
		t.Fatal(err)
	}
	rc, _, errs = cli(t, "submit", "--procedure", "2.001610", "--file", bad)
	if rc != 1 || !strings.Contains(errs, "fields.owner_citizen_id") || strings.Contains(errs, "0010900000") {
		t.Errorf("invalid file: rc %d, stderr %q (must name the field, never the value)", rc, errs)
	}
	if seq, err := os.ReadFile(filepath.Join(data, "sequence.json")); err != nil || bytes.Count(seq, []byte(`"seq"`)) != 1 {
		t.Errorf("the invalid file must not take a code: %s %v", seq, err)
	}
}
