package main

import (
	"fmt"
	"time"

	"github.com/lienthong/lienthong/authz"
	"github.com/lienthong/lienthong/procedure"
	"github.com/lienthong/lienthong/workflows"
)

// resolveActor finds under which unit and role a person acts on work held by
// stepUnit: their own unit if it is that one, else the agency above it, else
// their first unit; and their highest role there. The workflow decides
// whether that authority suffices.
func resolveActor(org *procedure.Organisation, person, unit, stepUnit string) (workflows.Actor, error) {
	if _, ok := org.Person(person); !ok {
		return workflows.Actor{}, fmt.Errorf("không có cán bộ %q trong danh mục tổ chức / no staff member %q in the organisation catalogue", person, person)
	}
	units := org.UnitsOf(person)
	if unit == "" {
		unit = authz.ActingUnit(units, stepUnit, org.AgencyCodeOf)
	}
	roles := org.RolesOf(person, unit)
	if len(roles) == 0 {
		return workflows.Actor{}, fmt.Errorf("%s không có vai trò nào tại đơn vị %q (các đơn vị: %v) / %s has no role in unit %q (units: %v)", person, unit, units, person, unit, units)
	}
	return workflows.Actor{ID: person, Unit: unit, Role: authz.Highest(roles)}, nil
}

// delegation describes authority lent by `from` to the actor until `until`.
func delegation(org *procedure.Organisation, from, kind string, until time.Time, stepUnit string) (*workflows.Delegation, error) {
	lender, err := resolveActor(org, from, "", stepUnit)
	if err != nil {
		return nil, err
	}
	switch kind {
	case "KT", "TUQ", "TL", "Q":
	default:
		return nil, fmt.Errorf("hình thức ký %q không hợp lệ: KT, TUQ, TL hoặc Q / signing form %q is not KT, TUQ, TL or Q", kind, kind)
	}
	if !until.After(time.Now()) {
		return nil, fmt.Errorf("--until phải ở tương lai / --until must be in the future")
	}
	return &workflows.Delegation{Person: from, Role: lender.Role, Unit: lender.Unit, Kind: kind, Until: until}, nil
}
