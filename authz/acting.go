package authz

import (
	"slices"

	"github.com/lienthong/lienthong/procedure"
)

// AgencyOf returns the code of the agency containing a unit (the unit itself
// when it is an agency), or "" when there is none. The workflow answers it
// from the unit snapshot taken at intake, the web app and the CLI from the
// organisation catalogue (procedure.Organisation.AgencyCodeOf).
type AgencyOf func(unit string) string

// Relate says how the acting unit stands to the unit concerned.
func Relate(actorUnit, unit string, agencyOf AgencyOf) Relation {
	if actorUnit == unit {
		return SameUnit
	}
	if a := agencyOf(unit); a != "" && a == actorUnit {
		return AgencyAbove
	}
	return Unrelated
}

// ActingUnit chooses, among a person's units, the one they act for on work
// held by unit: that unit itself, else the agency above it, else their first
// unit ("" when they have none). The workflow then decides whether the
// authority held there suffices.
func ActingUnit(units []string, unit string, agencyOf AgencyOf) string {
	if slices.Contains(units, unit) {
		return unit
	}
	if a := agencyOf(unit); a != "" && slices.Contains(units, a) {
		return a
	}
	if len(units) > 0 {
		return units[0]
	}
	return ""
}

// authority orders roles for choosing the one a person acts with.
var authority = map[procedure.Role]int{
	procedure.RoleClerk: 1, procedure.RoleOfficer: 1, procedure.RoleDeputyHead: 2,
	procedure.RoleUnitHead: 3, procedure.RoleAgencyHead: 4,
}

// Highest returns the role with the most authority among roles (which must
// not be empty).
func Highest(roles []procedure.Role) procedure.Role {
	best := roles[0]
	for _, r := range roles[1:] {
		if authority[r] > authority[best] {
			best = r
		}
	}
	return best
}

// IsHead reports whether role heads a unit: heads reassign, extend, and act
// on steps reassigned to a colleague.
func IsHead(role procedure.Role) bool { return slices.Contains(heads, role) }
