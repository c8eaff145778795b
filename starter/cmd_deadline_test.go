package main

import (
	"bytes"
	"context"
	"encoding/json"
	"strings"
	"testing"
)

func deadline(t *testing.T, args ...string) (code int, stdout, stderr string) {
	t.Helper()
	t.Setenv("LIENTHONG_CATALOG", "")
	var out, errOut bytes.Buffer
	code = runDeadline(context.Background(), args, &out, &errOut)
	return code, out.String(), errOut.String()
}

func TestDeadlineTet(t *testing.T) {
	for _, cat := range []string{"", "../catalog"} { // built-in, and a directory
		code, out, errOut := deadline(t, "--from", "2026-02-12T16:00:00+07:00", "--working-days", "3", "--catalog", cat)
		if code != 0 {
			t.Fatalf("catalog %q: exit %d, stderr %s", cat, code, errOut)
		}
		lines := strings.Split(strings.TrimSpace(out), "\n")
		if lines[0] != "2026-02-24T17:00:00+07:00" {
			t.Errorf("first line %q, want the due instant 2026-02-24T17:00:00+07:00", lines[0])
		}
		if len(lines) != 10 || lines[3] != "2026-02-16 Tết Nguyên đán" || lines[1] != "2026-02-14 Thứ Bảy" {
			t.Errorf("skipped days:\n%s", out)
		}
	}
}

func TestDeadlineJSONPaper(t *testing.T) {
	code, out, errOut := deadline(t, "--from", "2026-03-06T15:30:00+07:00", "--working-hours", "2", "--paper", "--json")
	if code != 0 {
		t.Fatalf("exit %d, stderr %s", code, errOut)
	}
	var res struct {
		Start, Due string
		Skipped    []struct{ Date, Reason string }
		Calendar   struct{ Revision string }
	}
	if err := json.Unmarshal([]byte(out), &res); err != nil {
		t.Fatalf("output is not JSON: %v\n%s", err, out)
	}
	// Paper after the Friday cut-off moves on Monday 08:00; 2 office hours later.
	if res.Start != "2026-03-09T08:00:00+07:00" || res.Due != "2026-03-09T10:00:00+07:00" || res.Calendar.Revision == "" {
		t.Errorf("start %s due %s revision %q", res.Start, res.Due, res.Calendar.Revision)
	}
}

func TestDeadlineErrors(t *testing.T) {
	tests := []struct {
		args []string
		code int
		want string
	}{
		{[]string{"--working-days", "3"}, 2, "--from is required"},
		{[]string{"--from", "2026-02-12", "--working-days", "3"}, 2, "not an RFC 3339 instant"},
		{[]string{"--from", "2026-02-12T16:00:00+07:00"}, 2, "give the limit"},
		{[]string{"--from", "2026-02-12T16:00:00+07:00", "--working-days", "1", "--calendar-days", "2"}, 2, "only one limit"},
		{[]string{"--from", "2026-02-12T16:00:00+07:00", "--half-days", "-1"}, 2, "cannot be negative"},
		{[]string{"--from", "2026-02-12T16:00:00+07:00", "--working-days", "x"}, 2, "invalid value"},
		{[]string{"--from", "2026-02-12T16:00:00+07:00", "--working-days", "1", "extra"}, 2, `unexpected argument "extra"`},
		{[]string{"--from", "2028-02-12T16:00:00+07:00", "--working-days", "1"}, 1, "no calendar loaded for 2028"},
		{[]string{"--from", "2026-02-12T16:00:00+07:00", "--working-days", "1", "--catalog", "/nonexistent"}, 1, "does not exist"},
	}
	for _, tt := range tests {
		code, _, errOut := deadline(t, tt.args...)
		if code != tt.code || !strings.Contains(errOut, tt.want) {
			t.Errorf("%v: exit %d, stderr %q; want exit %d mentioning %q", tt.args, code, errOut, tt.code, tt.want)
		}
	}
	if code, _, _ := deadline(t, "-h"); code != 0 {
		t.Errorf("-h: exit %d, want 0", code)
	}
}
