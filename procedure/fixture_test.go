package procedure_test

import (
	"encoding/json"
	"errors"
	"testing"

	"github.com/lienthong/lienthong/procedure"
	"github.com/lienthong/lienthong/workday"
)

// The fixture is a small valid organisation and a procedure that uses every
// kind of step; each validation test breaks one thing in a copy.

func wd(n int) workday.Duration   { return workday.Duration{Amount: n, Unit: workday.WorkingDays} }
func wdp(n int) *workday.Duration { d := wd(n); return &d }
func text(s string) procedure.Text {
	return procedure.Text{VI: s + " (vi)", EN: s}
}

func fixtureOrg() *procedure.Organisation {
	person := func(id string) procedure.Person {
		return procedure.Person{ID: id, Name: "Nguyễn Văn " + id, Title: text("title"), Email: id + "@example.vn"}
	}
	return &procedure.Organisation{
		Units: []procedure.Unit{
			{Code: "CITY", Name: text("city"), Agency: true, Head: "chair", ValidFrom: "2020-01-01"},
			{Code: "CITY.DEPT", Name: text("department"), Agency: true, Parent: "CITY", Head: "director", Deputies: []string{"deputy"},
				Members: []procedure.Member{{Person: "officer", Role: procedure.RoleOfficer}}, ValidFrom: "2025-03-01"},
			{Code: "CITY.DEPT.DIV", Name: text("division"), Parent: "CITY.DEPT", Head: "divhead",
				Members: []procedure.Member{{Person: "officer2", Role: procedure.RoleOfficer}}, ValidFrom: "2025-03-01"},
			{Code: "CITY.DESK", Name: text("desk"), Parent: "CITY", Head: "deskhead",
				Members: []procedure.Member{{Person: "clerk", Role: procedure.RoleClerk}}, ValidFrom: "2025-01-01"},
			{Code: "CITY.OLD", Name: text("old department"), Agency: true, Parent: "CITY", ValidFrom: "2020-01-01", ValidTo: "2025-02-28", Successor: "CITY.DEPT"},
			{Code: "CITY.FIRE", Name: text("fire police"), Agency: true, Parent: "CITY", Head: "fire",
				Members: []procedure.Member{{Person: "fireofficer", Role: procedure.RoleOfficer}}, ValidFrom: "2020-01-01"},
		},
		People: []procedure.Person{person("chair"), person("director"), person("deputy"), person("officer"), person("divhead"),
			person("officer2"), person("deskhead"), person("clerk"), person("fire"), person("fireofficer")},
	}
}

func fixtureProcedure() *procedure.Procedure {
	actions := func(as ...procedure.Action) []procedure.Action { return as }
	return &procedure.Procedure{
		Code: "1.000001", Version: 1, EffectiveFrom: "2025-07-01", Name: text("procedure"),
		LegalBasis: []string{"Law 1/2025"}, Agency: "CITY.DEPT", Total: wd(10),
		Fields: []procedure.Field{
			{Key: "name", Label: text("name"), Kind: procedure.FieldText, Required: true, Personal: true},
			{Key: "category", Label: text("category"), Kind: procedure.FieldChoice, Required: true,
				Choices: []procedure.Choice{{Value: "a", Label: text("a")}, {Value: "b", Label: text("b")}}},
		},
		Documents: []procedure.Document{{Key: "application", Label: text("application"), Required: true}},
		Steps: []procedure.Step{
			{ID: "intake", Name: text("intake"), Unit: "CITY.DESK", Role: procedure.RoleClerk,
				Duration: workday.Duration{Amount: 1, Unit: workday.HalfDays}, Actions: actions("approve", "supplement", "refuse")},
			{ID: "appraise", Name: text("appraise"), Unit: "CITY.DEPT.DIV", Role: procedure.RoleOfficer, Duration: wd(3),
				Actions: actions("approve", "send_back", "supplement")},
			{ID: "consult", Name: text("consult"), Kind: procedure.KindParallel, Duration: wd(2),
				Completion: &procedure.Completion{Rule: procedure.CompleteAll},
				Members: []procedure.Step{
					{ID: "c_fire", Name: text("fire"), Unit: "CITY.FIRE", Role: procedure.RoleOfficer, Duration: wd(2), Actions: actions("approve", "object")},
					{ID: "c_dept", Name: text("dept"), Unit: "CITY.DEPT", Role: procedure.RoleOfficer, Duration: wd(2), Actions: actions("approve", "object")},
				}},
			{ID: "route", Name: text("route"), Kind: procedure.KindBranch, Field: "category",
				Cases: []procedure.Branch{{Equals: "a", Next: "sign"}, {Equals: "b", Next: "return"}}},
			{ID: "sign", Name: text("sign"), Unit: "CITY.DEPT", Role: procedure.RoleUnitHead, Duration: wd(1),
				Actions: actions("approve", "send_back", "refuse")},
			{ID: "return", Name: text("return"), Unit: "CITY.DESK", Role: procedure.RoleClerk, Duration: wd(0), Actions: actions("approve")},
		},
		Ladders: []procedure.Ladder{{ID: "default", Rungs: []procedure.Rung{
			{AtPercent: 75, Notify: procedure.AudienceHolder},
			{After: wdp(0), Notify: procedure.AudienceUnitHead},
			{After: wdp(1), Notify: procedure.AudienceAgencyHead},
		}, Repeat: &procedure.Repeat{Every: wd(1), Notify: procedure.AudienceAgencyHead}}},
		DefaultLadder: "default",
		DossierLadder: []procedure.Rung{
			{Before: wdp(1), Notify: procedure.AudienceHolder, Apology: true},
			{After: wdp(0), Notify: procedure.AudienceDesk},
		},
	}
}

// problemsOf returns the problems in err.
func problemsOf(t *testing.T, err error) procedure.Problems {
	t.Helper()
	if err == nil {
		return nil
	}
	var ps procedure.Problems
	if !errors.As(err, &ps) {
		t.Fatalf("error %v is not Problems", err)
	}
	return ps
}

// want checks that ps holds a problem in file at path with message.
func want(t *testing.T, ps procedure.Problems, file, path, message string) {
	t.Helper()
	for _, p := range ps {
		if p.File == file && p.Path == path && p.Message == message {
			if p.Expected == "" {
				t.Errorf("%s %s: problem without expected", path, message)
			}
			return
		}
	}
	t.Errorf("missing problem %s: %s: %s; got:\n%v", file, path, message, ps)
}

// orgProblems validates o as one organisation file.
func orgProblems(t *testing.T, o *procedure.Organisation) procedure.Problems {
	t.Helper()
	data, err := json.Marshal(o)
	if err != nil {
		t.Fatal(err)
	}
	_, err = procedure.ParseOrganisation("org.json", data)
	return problemsOf(t, err)
}

func TestFixtureIsValid(t *testing.T) {
	if ps := orgProblems(t, fixtureOrg()); len(ps) > 0 {
		t.Fatalf("organisation:\n%v", ps)
	}
	if ps := procedure.ValidateProcedure("p.json", fixtureProcedure(), fixtureOrg()); len(ps) > 0 {
		t.Fatalf("procedure:\n%v", ps)
	}
}
