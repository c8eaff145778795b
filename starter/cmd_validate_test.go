package main

import (
	"bytes"
	"context"
	"io/fs"
	"strings"
	"testing"
	"testing/fstest"

	"github.com/lienthong/lienthong/catalog"
)

func TestValidateShippedCatalogue(t *testing.T) {
	t.Setenv("LIENTHONG_CATALOG", "")
	for _, dir := range []string{"", "../catalog"} {
		var out, errOut bytes.Buffer
		code := runValidate(context.Background(), []string{"--catalog", dir}, &out, &errOut)
		if code != 0 || !strings.HasPrefix(out.String(), "catalogue ok: ") || !strings.Contains(out.String(), " units, ") {
			t.Errorf("catalog %q: exit %d\n%s%s", dir, code, out.String(), errOut.String())
		}
	}
}

func TestValidateBrokenCatalogue(t *testing.T) {
	shipped := func(name string) *fstest.MapFile {
		data, err := fs.ReadFile(catalog.FS(), name)
		if err != nil {
			t.Fatal(err)
		}
		return &fstest.MapFile{Data: data}
	}
	fsys := fstest.MapFS{
		"organisation/org.json": {Data: []byte(`{
  "units": [
    {"code": "X", "name": {"vi": "Sở X", "en": "Department X"}, "agency": true, "head": "a", "validFrom": "2025-03-01"},
    {"code": "X.DESK", "name": {"vi": "Bộ phận Một cửa", "en": ""}, "parent": "X", "head": "ghost", "validFrom": "2025-03-01"}
  ],
  "people": [{"id": "a", "name": "Trần Văn A", "title": {"vi": "Giám đốc", "en": "Director"}}]
}`)},
		"procedures/p.json": {Data: []byte(`{
  "code": "1.000001", "version": 1, "effectiveFrom": "2025-07-01", "name": {"vi": "Thủ tục", "en": "Procedure"},
  "legalBasis": ["Luật 1/2025"], "agency": "X", "total": {"amount": 3, "unit": "working_days"},
  "fields": [], "steps": [
    {"id": "desk", "name": {"vi": "Tiếp nhận", "en": "Reception"}, "unit": "X.DESK", "role": "clerk",
     "duration": {"amount": -1, "unit": "working_days"}, "actions": ["approve"], "next": "sign"}
  ],
  "ladders": [{"id": "default", "rungs": [{"after": {"amount": 1, "unit": "working_days"}, "notify": "unit_head"},
                                          {"after": {"amount": 0, "unit": "working_days"}, "notify": "agency_head"}]}],
  "defaultLadder": "default"
}`)},
		"procedures/q.json":  {Data: []byte(`{"code": "1.000002", "versoin": 1}`)},
		"calendar/2025.json": shipped("calendar/2025.json"),
		"calendar/2026.json": {Data: []byte(`{"year": 2026`)},
	}
	var out bytes.Buffer
	code := validateCatalogue(fsys, "", &out)
	wantLines := []string{
		`organisation/org.json: $.units[1].name.en: missing English name (expected an English name)`,
		`organisation/org.json: $.units[1].head: unknown person "ghost" (expected the id of a person in the organisation)`,
		`procedures/p.json: $.steps[0].duration.amount: negative duration -1 (expected an amount of 0 or more)`,
		`procedures/p.json: $.steps[0].next: unknown step "sign" (expected the id of a top-level step, or "end")`,
		`procedures/p.json: $.ladders[0].rungs[1]: rung 0 working_days after the deadline is earlier than the rung before it (1 working_days after the deadline) (expected rungs in time order: atPercent ascending, then before descending, then after ascending)`,
		`procedures/q.json: $.versoin: unknown field "versoin" (expected "version")`,
	}
	lines := strings.Split(strings.TrimRight(out.String(), "\n"), "\n")
	if code != 1 {
		t.Errorf("exit %d, want 1", code)
	}
	if len(lines) != len(wantLines)+1 || strings.Join(lines[:len(wantLines)], "\n") != strings.Join(wantLines, "\n") {
		t.Fatalf("got\n%s\nwant\n%s\n<one line for calendar/2026.json>", out.String(), strings.Join(wantLines, "\n"))
	}
	if !strings.HasPrefix(lines[len(lines)-1], "calendar/2026.json: $") {
		t.Errorf("calendar problem: %q", lines[len(lines)-1])
	}
}

func TestValidateFileNamesUnderTheDirectory(t *testing.T) {
	var out bytes.Buffer
	fsys := fstest.MapFS{"organisation/org.json": {Data: []byte(`{"units": [], "peple": []}`)}}
	validateCatalogue(fsys, "/srv/catalog", &out)
	if !strings.HasPrefix(out.String(), `/srv/catalog/organisation/org.json: $.peple: unknown field "peple"`) {
		t.Errorf("got\n%s", out.String())
	}
}

func TestValidateArguments(t *testing.T) {
	t.Setenv("LIENTHONG_CATALOG", "")
	var out, errOut bytes.Buffer
	if code := runValidate(context.Background(), []string{"extra"}, &out, &errOut); code != 2 {
		t.Errorf("extra argument: exit %d", code)
	}
	if code := runValidate(context.Background(), []string{"--catalog", "/does/not/exist"}, &out, &errOut); code != 1 ||
		!strings.Contains(errOut.String(), "does not exist") {
		t.Errorf("missing directory: exit %d, %s", code, errOut.String())
	}
}
