package procedure

// Lookups in the organisation. They scan the slices: an organisation has a
// few hundred units, and a scan keeps Organisation a plain value that can
// travel in workflow inputs.

// Unit returns the unit with code.
func (o *Organisation) Unit(code string) (Unit, bool) {
	if u := o.unit(code); u != nil {
		return *u, true
	}
	return Unit{}, false
}

func (o *Organisation) unit(code string) *Unit {
	for i := range o.Units {
		if o.Units[i].Code == code {
			return &o.Units[i]
		}
	}
	return nil
}

// Person returns the person with id.
func (o *Organisation) Person(id string) (Person, bool) {
	for _, p := range o.People {
		if p.ID == id {
			return p, true
		}
	}
	return Person{}, false
}

// AgencyOf returns the agency a unit belongs to: the unit itself when it is
// an agency, else its nearest ancestor that is one.
func (o *Organisation) AgencyOf(unitCode string) (Unit, bool) {
	u := o.unit(unitCode)
	for steps := 0; u != nil && steps <= len(o.Units); steps++ {
		if u.Agency {
			return *u, true
		}
		if u.Parent == "" {
			break
		}
		u = o.unit(u.Parent)
	}
	return Unit{}, false
}

// HeadOf returns the head of a unit.
func (o *Organisation) HeadOf(unitCode string) (Person, bool) {
	u := o.unit(unitCode)
	if u == nil || u.Head == "" {
		return Person{}, false
	}
	return o.Person(u.Head)
}

// RolesOf returns the roles a person holds in a unit, in the order of Roles:
// unit_head for its head, deputy_head for its deputies, the member roles, and
// agency_head for the head of the unit's agency (on every unit below it).
func (o *Organisation) RolesOf(personID, unitCode string) []Role {
	u := o.unit(unitCode)
	if u == nil || personID == "" {
		return nil
	}
	has := map[Role]bool{}
	if u.Head == personID {
		has[RoleUnitHead] = true
	}
	for _, d := range u.Deputies {
		if d == personID {
			has[RoleDeputyHead] = true
		}
	}
	for _, m := range u.Members {
		if m.Person == personID {
			has[m.Role] = true
		}
	}
	if a, ok := o.AgencyOf(unitCode); ok && a.Head == personID {
		has[RoleAgencyHead] = true
	}
	var roles []Role
	for _, r := range Roles {
		if has[r] {
			roles = append(roles, r)
		}
	}
	return roles
}

// UnitsOf returns the codes of the units where a person is head, deputy or
// member, in catalogue order.
func (o *Organisation) UnitsOf(personID string) []string {
	var codes []string
	for _, u := range o.Units {
		in := u.Head == personID
		for _, d := range u.Deputies {
			in = in || d == personID
		}
		for _, m := range u.Members {
			in = in || m.Person == personID
		}
		if in && personID != "" {
			codes = append(codes, u.Code)
		}
	}
	return codes
}

// AgencyCodeOf is AgencyOf's code, or "" when the unit has no agency: the
// form authz.AgencyOf takes.
func (o *Organisation) AgencyCodeOf(unitCode string) string {
	if a, ok := o.AgencyOf(unitCode); ok {
		return a.Code
	}
	return ""
}
