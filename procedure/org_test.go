package procedure_test

import (
	"reflect"
	"testing"

	"github.com/lienthong/lienthong/procedure"
)

func TestOrganisationLookups(t *testing.T) {
	o := fixtureOrg()
	if u, ok := o.Unit("CITY.DESK"); !ok || u.Parent != "CITY" {
		t.Errorf("Unit(CITY.DESK) = %+v, %v", u, ok)
	}
	if _, ok := o.Unit("NOPE"); ok {
		t.Error("Unit(NOPE) found")
	}
	if p, ok := o.Person("clerk"); !ok || p.Name != "Nguyễn Văn clerk" {
		t.Errorf("Person(clerk) = %+v, %v", p, ok)
	}
	for unit, want := range map[string]string{"CITY.DEPT.DIV": "CITY.DEPT", "CITY.DEPT": "CITY.DEPT", "CITY.DESK": "CITY", "NOPE": ""} {
		if a, ok := o.AgencyOf(unit); a.Code != want || ok != (want != "") {
			t.Errorf("AgencyOf(%s) = %q, %v; want %q", unit, a.Code, ok, want)
		}
	}
	if h, ok := o.HeadOf("CITY.DEPT.DIV"); !ok || h.ID != "divhead" {
		t.Errorf("HeadOf(CITY.DEPT.DIV) = %q, %v", h.ID, ok)
	}
	if _, ok := o.HeadOf("CITY.OLD"); ok {
		t.Error("HeadOf(CITY.OLD): a closed unit without head")
	}
	if got, want := o.UnitsOf("director"), []string{"CITY.DEPT"}; !reflect.DeepEqual(got, want) {
		t.Errorf("UnitsOf(director) = %q", got)
	}
}

func TestRolesOf(t *testing.T) {
	o := fixtureOrg()
	o.Units[3].Members = append(o.Units[3].Members, procedure.Member{Person: "clerk", Role: procedure.RoleOfficer})
	tests := []struct {
		person, unit string
		want         []procedure.Role
	}{
		{"director", "CITY.DEPT", []procedure.Role{"unit_head", "agency_head"}},
		{"director", "CITY.DEPT.DIV", []procedure.Role{"agency_head"}},
		{"deputy", "CITY.DEPT", []procedure.Role{"deputy_head"}},
		{"deputy", "CITY.DEPT.DIV", nil}, // a deputy director is not the agency head
		{"officer2", "CITY.DEPT.DIV", []procedure.Role{"officer"}},
		{"clerk", "CITY.DESK", []procedure.Role{"clerk", "officer"}},
		{"chair", "CITY.DESK", []procedure.Role{"agency_head"}},
		{"chair", "CITY.DEPT.DIV", nil}, // the nearest agency is the department
		{"clerk", "CITY.DEPT", nil},
		{"nobody", "CITY", nil},
		{"chair", "NOPE", nil},
	}
	for _, tt := range tests {
		if got := o.RolesOf(tt.person, tt.unit); !reflect.DeepEqual(got, tt.want) {
			t.Errorf("RolesOf(%s, %s) = %q, want %q", tt.person, tt.unit, got, tt.want)
		}
	}
}

func TestAgencyOfTerminatesOnAParentCycle(t *testing.T) {
	o := &procedure.Organisation{Units: []procedure.Unit{{Code: "A", Parent: "B"}, {Code: "B", Parent: "A"}}}
	if _, ok := o.AgencyOf("A"); ok {
		t.Error("found an agency in a cycle without one")
	}
}

func TestShippedOrganisationRoles(t *testing.T) {
	o := loadShipped(t).Organisation
	for _, code := range []string{"H26.HK.TTHCC", "H26.BD.TTHCC", "H26.TTHCC"} {
		u, _ := o.Unit(code)
		clerks := 0
		for _, m := range u.Members {
			if m.Role == procedure.RoleClerk {
				clerks++
			}
		}
		if clerks == 0 {
			t.Errorf("%s has no clerk", code)
		}
	}
	// The ward's one-stop centre is run by a vice chairperson, who is agency
	// head of nothing but deputy of the ward.
	desk, _ := o.Unit("H26.HK.TTHCC")
	if got := o.RolesOf(desk.Head, "H26.HK.TTHCC"); !reflect.DeepEqual(got, []procedure.Role{"unit_head"}) {
		t.Errorf("head of the desk: %q", got)
	}
	if got := o.RolesOf(desk.Head, "H26.HK.UBND"); !reflect.DeepEqual(got, []procedure.Role{"deputy_head"}) {
		t.Errorf("head of the desk on the ward: %q", got)
	}
	ward, _ := o.Unit("H26.HK.UBND")
	if got := o.RolesOf(ward.Head, "H26.HK.VP"); !reflect.DeepEqual(got, []procedure.Role{"agency_head"}) {
		t.Errorf("ward chair on the ward office: %q", got)
	}
	if a, _ := o.AgencyOf("H26.SNNMT.VPDK.CN1"); a.Code != "H26.SNNMT.VPDK" {
		t.Errorf("agency of the land branch: %s", a.Code)
	}
}
