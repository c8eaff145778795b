package procedure_test

import (
	"os"
	"strings"
	"testing"
	"testing/fstest"

	"github.com/lienthong/lienthong/catalog"
	"github.com/lienthong/lienthong/procedure"
)

// loadShipped loads the shipped catalogue or fails the test.
func loadShipped(t testing.TB) *procedure.Catalogue {
	t.Helper()
	cat, err := procedure.Load(catalog.FS())
	if err != nil {
		t.Fatalf("shipped catalogue:\n%v", err)
	}
	return cat
}

func TestShippedCatalogueIsValid(t *testing.T) {
	cat := loadShipped(t)
	if len(cat.Procedures) != 5 {
		t.Errorf("got %d procedures, want 5", len(cat.Procedures))
	}
	for _, p := range cat.Procedures {
		last := p.Steps[len(p.Steps)-1]
		if last.Role != procedure.RoleClerk || p.Following(last.ID) != procedure.End {
			t.Errorf("%s: last step %q is not a return at the desk", p.Code, last.ID)
		}
		if strings.Contains(p.Agency, "-") {
			t.Errorf("%s: agency code %q contains '-'", p.Code, p.Agency)
		}
	}
}

func TestDrillValidatesAgainstShippedOrganisation(t *testing.T) {
	cat := loadShipped(t)
	p, err := cat.AddProcedure("testdata/drill.json", mustRead(t, "../catalog/testdata/drill.json"))
	if err != nil {
		t.Fatalf("drill:\n%v", err)
	}
	if p.Code != "DRILL" || p.Total.Unit != "minutes" {
		t.Errorf("drill: got %s in %s", p.Code, p.Total.Unit)
	}
}

func TestLoadReportsEveryFile(t *testing.T) {
	fsys := fstest.MapFS{
		"organisation/a.json": {Data: []byte(`{"units": [], "peple": []}`)},
		"organisation/b.json": {Data: mustRead(t, "../catalog/organisation/hanoi-city.json")},
		"organisation/c.json": {Data: mustRead(t, "../catalog/organisation/hanoi-wards.json")},
		"procedures/x.json":   {Data: []byte(`{"code": "1.000001", "version": 1,`)},
		"procedures/y.json":   {Data: []byte(`[]`)},
	}
	_, err := procedure.Load(fsys)
	want := []string{
		`organisation/a.json: $.peple: unknown field "peple" (expected "people")`,
		`procedures/x.json: $: unexpected end of file (expected a complete JSON document)`,
		`procedures/y.json: $: wrong type: an array (expected an object)`,
	}
	if err == nil || err.Error() != strings.Join(want, "\n") {
		t.Errorf("got\n%v\nwant\n%s", err, strings.Join(want, "\n"))
	}
}

func mustRead(t testing.TB, name string) []byte {
	t.Helper()
	data, err := os.ReadFile(name)
	if err != nil {
		t.Fatal(err)
	}
	return data
}
