package procedure_test

import (
	"encoding/json"
	"errors"
	"strings"
	"testing"
	"testing/fstest"
	"time"

	"github.com/lienthong/lienthong/procedure"
)

func mustJSON(t *testing.T, v any) []byte {
	t.Helper()
	data, err := json.Marshal(v)
	if err != nil {
		t.Fatal(err)
	}
	return data
}

// fixtureCatalogue loads the fixture organisation and procedure from files.
func fixtureCatalogue(t *testing.T, procs ...*procedure.Procedure) (*procedure.Catalogue, error) {
	t.Helper()
	fsys := fstest.MapFS{"organisation/org.json": {Data: mustJSON(t, fixtureOrg())}}
	for i, p := range procs {
		fsys["procedures/p"+string(rune('1'+i))+".json"] = &fstest.MapFile{Data: mustJSON(t, p)}
	}
	return procedure.Load(fsys)
}

func TestVersions(t *testing.T) {
	v1 := fixtureProcedure()
	v1.EffectiveTo = "2025-12-31"
	v2 := fixtureProcedure()
	v2.Version, v2.EffectiveFrom = 2, "2026-01-01"
	cat, err := fixtureCatalogue(t, v1, v2)
	if err != nil {
		t.Fatal(err)
	}
	hcm := time.FixedZone("ICT", 7*3600)
	for _, tt := range []struct {
		at      time.Time
		version int
	}{
		{time.Date(2025, 7, 1, 0, 0, 0, 0, hcm), 1},
		{time.Date(2025, 12, 31, 23, 59, 0, 0, hcm), 1},
		{time.Date(2025, 12, 31, 17, 30, 0, 0, time.UTC), 1}, // 00:30 on 1 Jan in Hanoi, but read in UTC: 31 Dec
		{time.Date(2026, 1, 1, 8, 0, 0, 0, hcm), 2},
		{time.Date(2040, 1, 1, 8, 0, 0, 0, hcm), 2},
	} {
		p, err := cat.ProcedureAt("1.000001", tt.at)
		if err != nil || p.Version != tt.version {
			t.Errorf("at %v: got v%d, %v; want v%d", tt.at, p.Version, err, tt.version)
		}
	}
	_, err = cat.ProcedureAt("1.000001", time.Date(2025, 6, 30, 12, 0, 0, 0, hcm))
	if !errors.Is(err, procedure.ErrNotInForce) || err.Error() !=
		`no procedure in force: no version of procedure "1.000001" is in force on 2025-06-30 (versions: v1 2025-07-01…2025-12-31, v2 2026-01-01…open)` {
		t.Errorf("before v1: got %v", err)
	}
	_, err = cat.ProcedureAt("9.999999", time.Date(2025, 8, 1, 12, 0, 0, 0, hcm))
	if !errors.Is(err, procedure.ErrNotInForce) || !strings.Contains(err.Error(), `"9.999999" is not in the catalogue (asked for 2025-08-01)`) {
		t.Errorf("unknown code: got %v", err)
	}
	if p, ok := cat.Procedure("1.000001", 2); !ok || p.EffectiveFrom != "2026-01-01" {
		t.Errorf("Procedure(v2) = %v, %v", p.EffectiveFrom, ok)
	}
}

func TestVersionProblems(t *testing.T) {
	tests := []struct {
		name          string
		mutate        func(v2 *procedure.Procedure)
		path, message string
	}{
		{"duplicate version", func(v2 *procedure.Procedure) { v2.Version = 1 },
			"$.version", `duplicate version 1 of procedure "1.000001"`},
		{"overlap", func(v2 *procedure.Procedure) { v2.EffectiveFrom = "2026-01-01" },
			"$.effectiveFrom", "in force 2026-01-01…open, overlapping version 1 (procedures/p1.json, 2025-07-01…open)"},
		{"overlap on one day", func(v2 *procedure.Procedure) { v2.EffectiveFrom, v2.EffectiveTo = "2025-06-01", "2025-07-01" },
			"$.effectiveFrom", "in force 2025-06-01…2025-07-01, overlapping version 1 (procedures/p1.json, 2025-07-01…open)"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			v2 := fixtureProcedure()
			v2.Version = 2
			tt.mutate(v2)
			_, err := fixtureCatalogue(t, fixtureProcedure(), v2)
			want(t, problemsOf(t, err), "procedures/p2.json", tt.path, tt.message)

			// The same through AddProcedure.
			cat, err := fixtureCatalogue(t, fixtureProcedure())
			if err != nil {
				t.Fatal(err)
			}
			_, err = cat.AddProcedure("procedures/p2.json", mustJSON(t, v2))
			want(t, problemsOf(t, err), "procedures/p2.json", tt.path, tt.message)
			if len(cat.Procedures) != 1 {
				t.Errorf("a refused procedure was added")
			}
		})
	}
}

func TestLoadChecksProceduresAgainstOrganisation(t *testing.T) {
	p := fixtureProcedure()
	p.Steps[0].Unit = "CITY.NOPE"
	_, err := fixtureCatalogue(t, p)
	want(t, problemsOf(t, err), "procedures/p1.json", "$.steps[0].unit", `unknown unit "CITY.NOPE"`)
}

func TestLoadWithoutOrganisation(t *testing.T) {
	_, err := procedure.Load(fstest.MapFS{})
	if err == nil || err.Error() != "organisation: no organisation file (expected organisation/*.json)" {
		t.Errorf("got %v", err)
	}
}

func TestLoadDoesNotRepeatABrokenOrganisation(t *testing.T) {
	fsys := fstest.MapFS{
		"organisation/org.json": {Data: []byte(`{"units": [`)},
		"procedures/p.json":     {Data: mustJSON(t, fixtureProcedure())},
	}
	_, err := procedure.Load(fsys)
	ps := problemsOf(t, err)
	if len(ps) != 1 || ps[0].File != "organisation/org.json" {
		t.Errorf("got\n%v", err)
	}
}
