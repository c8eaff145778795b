package web

import (
	"slices"

	"github.com/lienthong/lienthong/authz"
	"github.com/lienthong/lienthong/procedure"
	"github.com/lienthong/lienthong/workflows"
)

// actorFor finds under which unit and role a user acts on work held by
// stepUnit, as `starter decide` does: their own unit if it is that one, else
// the agency above it, else their first unit; and their highest role there.
// The workflow decides whether that authority suffices.
func (s *server) actorFor(u *User, stepUnit string) (workflows.Actor, bool) {
	unit := ""
	switch {
	case slices.Contains(u.Units, stepUnit):
		unit = stepUnit
	default:
		if a, ok := s.org.AgencyOf(stepUnit); ok && slices.Contains(u.Units, a.Code) {
			unit = a.Code
		} else if len(u.Units) > 0 {
			unit = u.Units[0]
		}
	}
	roles := u.Roles[unit]
	if len(roles) == 0 {
		return workflows.Actor{}, false
	}
	return workflows.Actor{ID: u.ID, Unit: unit, Role: highest(roles)}, true
}

// rank orders roles by authority, for choosing the highest a person holds.
var rank = map[procedure.Role]int{
	procedure.RoleClerk: 1, procedure.RoleOfficer: 1, procedure.RoleDeputyHead: 2,
	procedure.RoleUnitHead: 3, procedure.RoleAgencyHead: 4,
}

func highest(roles []procedure.Role) procedure.Role {
	best := roles[0]
	for _, r := range roles[1:] {
		if rank[r] > rank[best] {
			best = r
		}
	}
	return best
}

// relation is how the actor's unit stands to the unit holding a step.
func (s *server) relation(actorUnit, stepUnit string) authz.Relation {
	if actorUnit == stepUnit {
		return authz.SameUnit
	}
	if a, ok := s.org.AgencyOf(stepUnit); ok && a.Code == actorUnit {
		return authz.AgencyAbove
	}
	return authz.Unrelated
}

// allowedActions are the actions of an open step the user may take, by the
// same table the workflow's validators use.
func (s *server) allowedActions(u *User, st workflows.OpenStep) []procedure.Action {
	a, ok := s.actorFor(u, st.Unit)
	if !ok {
		return nil
	}
	if st.Holder != "" && st.Holder != u.ID && a.Role != procedure.RoleUnitHead && a.Role != procedure.RoleDeputyHead && a.Role != procedure.RoleAgencyHead {
		return nil // reassigned to a colleague
	}
	rel := s.relation(a.Unit, st.Unit)
	var out []procedure.Action
	for _, act := range st.Actions {
		if authz.Check(a.Role, rel, authz.Operation(act), st.Role) == nil {
			out = append(out, act)
		}
	}
	return out
}

// mayView reports whether the user may read a dossier: it was received at
// or passed through one of their units (or an agency above one), or they
// administer the system.
func (s *server) mayView(u *User, slip workflows.Slip) bool {
	if u.IsAdmin {
		return true
	}
	units := []string{slip.Desk}
	for _, r := range slip.Rows {
		units = append(units, r.Unit)
	}
	for _, o := range slip.Open {
		units = append(units, o.Unit)
	}
	for _, unit := range units {
		if slices.Contains(u.Units, unit) {
			return true
		}
		if a, ok := s.org.AgencyOf(unit); ok && slices.Contains(u.Units, a.Code) {
			return true
		}
	}
	return false
}
