package procedure_test

import (
	"encoding/json"
	"errors"
	"io/fs"
	"testing"

	"github.com/lienthong/lienthong/catalog"
	"github.com/lienthong/lienthong/procedure"
)

// seedFiles adds every shipped file matching pattern to the corpus.
func seedFiles(f *testing.F, pattern string) {
	names, err := fs.Glob(catalog.FS(), pattern)
	if err != nil || len(names) == 0 {
		f.Fatalf("no seed files for %s: %v", pattern, err)
	}
	for _, n := range names {
		data, err := fs.ReadFile(catalog.FS(), n)
		if err != nil {
			f.Fatal(err)
		}
		f.Add(data)
	}
}

// checkProblems checks that a parse error is a non-empty Problems naming the file.
func checkProblems(t *testing.T, err error) {
	var ps procedure.Problems
	if !errors.As(err, &ps) || len(ps) == 0 {
		t.Fatalf("error %v is not a non-empty Problems", err)
	}
	for _, p := range ps {
		if p.File != "f.json" || p.Message == "" {
			t.Fatalf("problem without file or message: %#v", p)
		}
	}
}

func FuzzParseProcedure(f *testing.F) {
	seedFiles(f, "procedures/*.json")
	f.Add(mustRead(f, "../catalog/testdata/drill.json"))
	data, _ := json.Marshal(fixtureProcedure())
	f.Add(data)
	f.Add([]byte(`{"steps": [{"id": "a", "next": "a"}]}`))
	f.Fuzz(func(t *testing.T, data []byte) {
		p, err := procedure.ParseProcedure("f.json", data)
		if err != nil {
			checkProblems(t, err)
			return
		}
		if ps := procedure.ValidateProcedure("f.json", p, nil); len(ps) > 0 {
			t.Fatalf("parsed procedure does not validate:\n%v", ps)
		}
		again, err := json.Marshal(p)
		if err != nil {
			t.Fatal(err)
		}
		if _, err := procedure.ParseProcedure("f.json", again); err != nil {
			t.Fatalf("re-encoded procedure does not parse:\n%v\n%s", err, again)
		}
		// The navigation helpers walk a valid procedure from first to end.
		if _, ok := p.Step(p.First()); !ok {
			t.Fatalf("first step %q not found", p.First())
		}
		for _, s := range p.Steps {
			next := p.Following(s.ID)
			if s.Kind == procedure.KindBranch {
				next, _ = p.Route(s, map[string]string{})
			}
			if _, ok := p.Step(next); next != "" && next != procedure.End && !ok {
				t.Fatalf("step %q leads to unknown %q", s.ID, next)
			}
			p.EarlierSteps(s.ID)
			if _, ok := p.LadderFor(s); !ok && s.Kind != procedure.KindBranch {
				t.Fatalf("step %q has no ladder", s.ID)
			}
		}
	})
}

func FuzzParseOrganisation(f *testing.F) {
	seedFiles(f, "organisation/*.json")
	data, _ := json.Marshal(fixtureOrg())
	f.Add(data)
	f.Add([]byte(`{"units": [{"code": "A", "parent": "B"}, {"code": "B", "parent": "A"}]}`))
	f.Fuzz(func(t *testing.T, data []byte) {
		o, err := procedure.ParseOrganisation("f.json", data)
		if err != nil {
			checkProblems(t, err)
			return
		}
		again, err := json.Marshal(o)
		if err != nil {
			t.Fatal(err)
		}
		if _, err := procedure.ParseOrganisation("f.json", again); err != nil {
			t.Fatalf("re-encoded organisation does not parse:\n%v", err)
		}
		for _, u := range o.Units {
			if a, ok := o.AgencyOf(u.Code); ok && !a.Agency {
				t.Fatalf("AgencyOf(%s) = %s, not an agency", u.Code, a.Code)
			}
			if u.Head != "" {
				if _, ok := o.HeadOf(u.Code); !ok {
					t.Fatalf("head of %s not found", u.Code)
				}
				o.RolesOf(u.Head, u.Code)
			}
		}
	})
}
