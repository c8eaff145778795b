package authz

import (
	"fmt"
	"slices"
	"strings"
	"testing"

	"github.com/lienthong/lienthong/procedure"
)

// The expected answers are written out here from the rules, not derived from
// the package's own tables, so a change to those tables shows up as a diff.
//
// Rules (SameUnit):
//   - a step decision (approve, object, supplement, send_back, refuse) needs
//     the step's role, or a head above it in the unit: deputy and unit head may
//     do what clerks and officers do, the unit head what the deputy does, and
//     the agency head (who heads the agency's own unit) what the unit head
//     does; clerk and officer steps are not interchangeable; an agency-head
//     step is the agency head's alone;
//   - reassign and extend: heads only (deputy head, unit head, agency head);
//   - resume and withdraw are desk operations: the clerks and the heads of the
//     desk (deputy head, unit head, agency head); the step role does not matter;
//   - an unknown operation is refused.
//
// AgencyAbove: only the agency head, who may do every operation.
// Unrelated: nobody.

// deciders[stepRole] is the set of roles that may decide such a step, one
// letter per role in the order clerk, officer, deputy, unit head, agency
// head, leader, admin.
var decideGrid = map[procedure.Role]string{
	//                         c o d u a l m
	procedure.RoleClerk:      "Y . Y Y Y . .",
	procedure.RoleOfficer:    ". Y Y Y Y . .",
	procedure.RoleDeputyHead: ". . Y Y Y . .",
	procedure.RoleUnitHead:   ". . . Y Y . .",
	procedure.RoleAgencyHead: ". . . . Y . .",
}

var gridOrder = []procedure.Role{
	procedure.RoleClerk, procedure.RoleOfficer, procedure.RoleDeputyHead, procedure.RoleUnitHead,
	procedure.RoleAgencyHead, procedure.RoleLeader, procedure.RoleAdmin,
}

// sameUnitOps[op] says who may take op in the unit, whatever the step role.
var sameUnitOps = map[Operation]string{
	//                                     c o d u a l m
	Operation(procedure.ActionReassign): ". . Y Y Y . .",
	Operation(procedure.ActionExtend):   ". . Y Y Y . .",
	OpResume:                            "Y . Y Y Y . .",
	OpWithdraw:                          "Y . Y Y Y . .",
}

var decisionOps = []Operation{
	Operation(procedure.ActionApprove), Operation(procedure.ActionObject), Operation(procedure.ActionSupplement),
	Operation(procedure.ActionSendBack), Operation(procedure.ActionRefuse),
}

func gridAllows(t *testing.T, row string, role procedure.Role) bool {
	t.Helper()
	cells := strings.Fields(row)
	if len(cells) != len(gridOrder) {
		t.Fatalf("grid row %q has %d cells, want %d", row, len(cells), len(gridOrder))
	}
	i := slices.Index(gridOrder, role)
	if i < 0 {
		t.Fatalf("role %s is not in the grid", role)
	}
	return cells[i] == "Y"
}

// expected is the test's own answer for one cell of the table.
func expected(t *testing.T, role procedure.Role, rel Relation, op Operation, stepRole procedure.Role) bool {
	t.Helper()
	known := slices.Contains(decisionOps, op) || sameUnitOps[op] != ""
	switch {
	case !known:
		return false
	case rel == AgencyAbove:
		return role == procedure.RoleAgencyHead
	case rel != SameUnit:
		return false
	case slices.Contains(decisionOps, op):
		return gridAllows(t, decideGrid[stepRole], role)
	default:
		return gridAllows(t, sameUnitOps[op], role)
	}
}

// The test's lists must cover what the procedure package defines, or the
// walk below would silently skip new roles or actions.
func TestTableCoversEveryRoleAndAction(t *testing.T) {
	if !slices.Equal(gridOrder, procedure.Roles) {
		t.Fatalf("procedure.Roles = %v; the expected grid covers %v", procedure.Roles, gridOrder)
	}
	for _, a := range procedure.Actions {
		op := Operation(a)
		if !slices.Contains(decisionOps, op) && sameUnitOps[op] == "" {
			t.Errorf("action %s has no expected answers in this test", a)
		}
	}
	for r := range Deciders {
		if decideGrid[r] == "" {
			t.Errorf("step role %s (in Deciders) has no expected row in this test", r)
		}
	}
	for r := range decideGrid {
		if _, ok := Deciders[r]; !ok {
			t.Errorf("the test expects step role %s, which Deciders does not list", r)
		}
	}
}

func TestCheckWholeTable(t *testing.T) {
	var ops []Operation
	for _, a := range procedure.Actions {
		ops = append(ops, Operation(a))
	}
	ops = append(ops, OpResume, OpWithdraw, "", "delete", "APPROVE", "approve ", "sign")
	var stepRoles []procedure.Role
	for r := range Deciders {
		stepRoles = append(stepRoles, r)
	}
	slices.Sort(stepRoles)
	rels := []Relation{SameUnit, AgencyAbove, Unrelated}

	cells, allowed := 0, 0
	for _, role := range procedure.Roles {
		for _, rel := range rels {
			for _, op := range ops {
				for _, sr := range stepRoles {
					cells++
					want := expected(t, role, rel, op, sr)
					err := Check(role, rel, op, sr)
					if want {
						allowed++
					}
					if got := err == nil; got != want {
						t.Errorf("Check(%s, %s, %q, step %s) allowed=%v, want %v (err: %v)", role, rel, op, sr, got, want, err)
					}
					if err != nil {
						checkBilingual(t, err)
					}
				}
			}
		}
	}
	// 7 roles × 3 relations × 14 operations × 5 step roles.
	if cells != 7*3*14*5 {
		t.Fatalf("walked %d cells, want %d", cells, 7*3*14*5)
	}
	if allowed == 0 || allowed == cells {
		t.Fatalf("degenerate table: %d of %d cells allowed", allowed, cells)
	}
}

// checkBilingual asserts an error says why in Vietnamese, then " / ", then English.
func checkBilingual(t *testing.T, err error) {
	t.Helper()
	msg := err.Error()
	vi, en, ok := strings.Cut(msg, " / ")
	if !ok || strings.TrimSpace(vi) == "" || strings.TrimSpace(en) == "" {
		t.Errorf("error %q is not \"Vietnamese / English\"", msg)
		return
	}
	// The Vietnamese part carries Vietnamese letters; the English part is ASCII.
	if !strings.ContainsAny(vi, "àáảãạăắằẳẵặâấầẩẫậđèéẻẽẹêếềểễệìíỉĩịòóỏõọôốồổỗộơớờởỡợùúủũụưứừửữựỳýỷỹỵ") {
		t.Errorf("first part of %q has no Vietnamese", msg)
	}
	for _, r := range en {
		if r > 0x7f {
			t.Errorf("English part of %q has non-ASCII %q", msg, r)
			break
		}
	}
}

// A few cells spelled out, so a failure of the walk is easy to read.
func TestCheckExamples(t *testing.T) {
	cases := []struct {
		role     procedure.Role
		rel      Relation
		op       Operation
		stepRole procedure.Role
		ok       bool
		why      string // part of the English message when refused
	}{
		{procedure.RoleOfficer, SameUnit, "approve", procedure.RoleOfficer, true, ""},
		{procedure.RoleUnitHead, SameUnit, "approve", procedure.RoleOfficer, true, ""},
		{procedure.RoleDeputyHead, SameUnit, "refuse", procedure.RoleClerk, true, ""},
		{procedure.RoleClerk, SameUnit, "approve", procedure.RoleOfficer, false, "this step needs role officer, the user has role clerk"},
		{procedure.RoleOfficer, SameUnit, "supplement", procedure.RoleClerk, false, "this step needs role clerk, the user has role officer"},
		{procedure.RoleDeputyHead, SameUnit, "approve", procedure.RoleUnitHead, false, "needs role unit_head"},
		{procedure.RoleUnitHead, SameUnit, "approve", procedure.RoleAgencyHead, false, "needs role agency_head"},
		{procedure.RoleOfficer, SameUnit, "reassign", procedure.RoleOfficer, false, "only the unit's head or deputy may reassign"},
		{procedure.RoleClerk, SameUnit, "extend", procedure.RoleClerk, false, "may extend"},
		{procedure.RoleDeputyHead, SameUnit, "extend", procedure.RoleOfficer, true, ""},
		{procedure.RoleClerk, SameUnit, OpResume, "", true, ""},
		{procedure.RoleClerk, SameUnit, OpWithdraw, procedure.RoleOfficer, true, ""},
		{procedure.RoleOfficer, SameUnit, OpWithdraw, "", false, "only desk clerks or their heads may withdraw"},
		{procedure.RoleLeader, SameUnit, OpResume, "", false, "may resume"},
		{procedure.RoleAdmin, SameUnit, "approve", procedure.RoleOfficer, false, "needs role officer"},
		{procedure.RoleUnitHead, AgencyAbove, "approve", procedure.RoleOfficer, false, "does not belong to the unit concerned"},
		{procedure.RoleOfficer, Unrelated, "approve", procedure.RoleOfficer, false, "does not belong to the unit concerned"},
		{procedure.RoleAgencyHead, Unrelated, "approve", procedure.RoleAgencyHead, false, "does not belong"},
		{procedure.RoleAgencyHead, AgencyAbove, "approve", procedure.RoleOfficer, true, ""},
		{procedure.RoleAgencyHead, AgencyAbove, OpWithdraw, "", true, ""},
		{procedure.RoleAgencyHead, AgencyAbove, "reassign", procedure.RoleClerk, true, ""},
		{procedure.RoleAgencyHead, SameUnit, "approve", procedure.RoleAgencyHead, true, ""},
		{procedure.RoleAgencyHead, SameUnit, "reassign", procedure.RoleOfficer, true, ""},
		{procedure.RoleAgencyHead, SameUnit, "approve", procedure.RoleOfficer, true, ""},
		{procedure.RoleAgencyHead, SameUnit, OpResume, "", true, ""},
		{procedure.RoleUnitHead, SameUnit, "delete", procedure.RoleOfficer, false, `unknown operation "delete"`},
		{procedure.RoleAgencyHead, AgencyAbove, "delete", procedure.RoleOfficer, false, `unknown operation "delete"`},
		{procedure.RoleUnitHead, SameUnit, "", procedure.RoleOfficer, false, `unknown operation ""`},
		// A step role outside the table is decided by nobody.
		{procedure.RoleUnitHead, SameUnit, "approve", procedure.RoleLeader, false, "needs role leader"},
		{procedure.RoleUnitHead, SameUnit, "approve", "", false, "needs role"},
		// A relation outside the three is not the unit.
		{procedure.RoleUnitHead, "", "approve", procedure.RoleOfficer, false, "does not belong"},
		{procedure.RoleAgencyHead, "agency_below", "approve", procedure.RoleOfficer, false, "does not belong"},
	}
	for _, c := range cases {
		err := Check(c.role, c.rel, c.op, c.stepRole)
		if (err == nil) != c.ok {
			t.Errorf("Check(%s, %q, %q, %q) = %v, want allowed=%v", c.role, c.rel, c.op, c.stepRole, err, c.ok)
			continue
		}
		if err != nil {
			checkBilingual(t, err)
			if !strings.Contains(err.Error(), c.why) {
				t.Errorf("Check(%s, %q, %q, %q) = %q, want it to say %q", c.role, c.rel, c.op, c.stepRole, err, c.why)
			}
		}
	}
}

func ExampleCheck() {
	fmt.Println(Check(procedure.RoleClerk, SameUnit, Operation(procedure.ActionApprove), procedure.RoleOfficer))
	fmt.Println(Check(procedure.RoleDeputyHead, SameUnit, Operation(procedure.ActionApprove), procedure.RoleOfficer))
	// Output:
	// bước này cần vai trò officer, người dùng có vai trò clerk / this step needs role officer, the user has role clerk
	// <nil>
}
