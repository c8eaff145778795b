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
	unit := authz.ActingUnit(u.Units, stepUnit, s.org.AgencyCodeOf)
	roles := u.Roles[unit]
	if len(roles) == 0 {
		return workflows.Actor{}, false
	}
	return workflows.Actor{ID: u.ID, Unit: unit, Role: authz.Highest(roles)}, true
}

// allowedActions are the actions of an open step the user may take, by the
// same table the workflow's validators use.
func (s *server) allowedActions(u *User, st workflows.OpenStep) []procedure.Action {
	a, ok := s.actorFor(u, st.Unit)
	if !ok {
		return nil
	}
	if st.Holder != "" && st.Holder != u.ID && !authz.IsHead(a.Role) {
		return nil // reassigned to a colleague
	}
	rel := authz.Relate(a.Unit, st.Unit, s.org.AgencyCodeOf)
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
