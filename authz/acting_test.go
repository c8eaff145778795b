package authz

import (
	"testing"

	"github.com/lienthong/lienthong/procedure"
)

// A division P under agency A; B is another agency.
func agencies(unit string) string {
	return map[string]string{"A": "A", "A.P": "A", "B": "B"}[unit]
}

func TestRelateActingUnitHighest(t *testing.T) {
	for _, c := range []struct {
		actor, unit string
		want        Relation
	}{{"A.P", "A.P", SameUnit}, {"A", "A.P", AgencyAbove}, {"A", "A", SameUnit}, {"B", "A.P", Unrelated}, {"A.P", "A", Unrelated}, {"X", "Y", Unrelated}} {
		if got := Relate(c.actor, c.unit, agencies); got != c.want {
			t.Errorf("Relate(%s, %s) = %s, want %s", c.actor, c.unit, got, c.want)
		}
	}
	for _, c := range []struct {
		units      []string
		unit, want string
	}{{[]string{"B", "A.P"}, "A.P", "A.P"}, {[]string{"B", "A"}, "A.P", "A"}, {[]string{"B"}, "A.P", "B"}, {nil, "A.P", ""}} {
		if got := ActingUnit(c.units, c.unit, agencies); got != c.want {
			t.Errorf("ActingUnit(%v, %s) = %q, want %q", c.units, c.unit, got, c.want)
		}
	}
	if got := Highest([]procedure.Role{procedure.RoleOfficer, procedure.RoleUnitHead, procedure.RoleDeputyHead}); got != procedure.RoleUnitHead {
		t.Errorf("Highest = %s", got)
	}
	if !IsHead(procedure.RoleDeputyHead) || IsHead(procedure.RoleOfficer) || IsHead(procedure.RoleClerk) {
		t.Error("IsHead disagrees with the heads of the table")
	}
}
