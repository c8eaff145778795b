// Package authz is lienthong's one authorisation table: which role, standing in
// which relation to the unit that holds a step, may take which action. The
// workflow's Update validators and the web app both ask it, so a button the
// page shows is a decision the workflow accepts.
package authz

import (
	"fmt"
	"slices"

	"github.com/lienthong/lienthong/procedure"
)

// Operation is anything a person can do to a dossier: a step action, or a desk
// operation (resume a stopped clock, withdraw).
type Operation string

// Desk operations, beside the step actions of package procedure.
const (
	OpResume   Operation = "resume"
	OpWithdraw Operation = "withdraw"
)

// Relation is how the acting unit stands to the unit the operation concerns.
type Relation string

const (
	// SameUnit: the actor works in the unit holding the step (or the desk).
	SameUnit Relation = "same_unit"
	// AgencyAbove: the actor's unit is the agency containing that unit.
	AgencyAbove Relation = "agency_above"
	// Unrelated: neither.
	Unrelated Relation = "unrelated"
)

// stepDecisions are the actions that decide a step; who may take them depends
// on the role the step requires.
var stepDecisions = []procedure.Action{
	procedure.ActionApprove, procedure.ActionObject, procedure.ActionSupplement,
	procedure.ActionSendBack, procedure.ActionRefuse,
}

// Deciders maps a step's required role to the roles of the same unit that may
// decide it: a head may always do what the officers below do, and an agency
// head heads the agency's own unit.
var Deciders = map[procedure.Role][]procedure.Role{
	procedure.RoleClerk:      {procedure.RoleClerk, procedure.RoleDeputyHead, procedure.RoleUnitHead, procedure.RoleAgencyHead},
	procedure.RoleOfficer:    {procedure.RoleOfficer, procedure.RoleDeputyHead, procedure.RoleUnitHead, procedure.RoleAgencyHead},
	procedure.RoleDeputyHead: {procedure.RoleDeputyHead, procedure.RoleUnitHead, procedure.RoleAgencyHead},
	procedure.RoleUnitHead:   {procedure.RoleUnitHead, procedure.RoleAgencyHead},
	procedure.RoleAgencyHead: {procedure.RoleAgencyHead},
}

// heads may reassign a step within their unit and grant the one extension.
var heads = []procedure.Role{procedure.RoleDeputyHead, procedure.RoleUnitHead, procedure.RoleAgencyHead}

// deskStaff may resume a stopped clock and record a withdrawal at the desk.
var deskStaff = []procedure.Role{procedure.RoleClerk, procedure.RoleDeputyHead, procedure.RoleUnitHead, procedure.RoleAgencyHead}

// Check answers whether role, in relation rel to the unit concerned, may take
// op on a step that requires stepRole (ignored for desk operations). A nil
// error means allowed; otherwise the error says why not, in Vietnamese then
// English.
func Check(role procedure.Role, rel Relation, op Operation, stepRole procedure.Role) error {
	if op != OpResume && op != OpWithdraw && !slices.Contains(procedure.Actions, procedure.Action(op)) {
		return fmt.Errorf("thao tác %q không tồn tại / unknown operation %q", op, op)
	}
	if rel == AgencyAbove && role == procedure.RoleAgencyHead {
		return nil // the agency head has every power of the units below
	}
	if rel != SameUnit {
		return fmt.Errorf("vai trò %s không thuộc đơn vị xử lý / role %s does not belong to the unit concerned", role, role)
	}
	switch {
	case op == OpResume || op == OpWithdraw:
		if slices.Contains(deskStaff, role) {
			return nil
		}
		return fmt.Errorf("chỉ cán bộ một cửa hoặc lãnh đạo bộ phận được %s / only desk clerks or their heads may %s", op, op)
	case op == Operation(procedure.ActionReassign) || op == Operation(procedure.ActionExtend):
		if slices.Contains(heads, role) {
			return nil
		}
		return fmt.Errorf("chỉ lãnh đạo đơn vị được %s / only the unit's head or deputy may %s", op, op)
	case slices.Contains(stepDecisions, procedure.Action(op)):
		if slices.Contains(Deciders[stepRole], role) {
			return nil
		}
		return fmt.Errorf("bước này cần vai trò %s, người dùng có vai trò %s / this step needs role %s, the user has role %s", stepRole, role, stepRole, role)
	}
	return fmt.Errorf("thao tác %q không tồn tại / unknown operation %q", op, op)
}
