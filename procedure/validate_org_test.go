package procedure_test

import (
	"testing"

	"github.com/lienthong/lienthong/procedure"
)

func TestValidateOrganisation(t *testing.T) {
	tests := []struct {
		name          string
		mutate        func(o *procedure.Organisation)
		path, message string
	}{
		{"head unknown", func(o *procedure.Organisation) { o.Units[0].Head = "nobody" },
			"$.units[0].head", `unknown person "nobody"`},
		{"no head", func(o *procedure.Organisation) { o.Units[3].Head = "" },
			"$.units[3].head", "unit has no head"},
		{"deputy unknown", func(o *procedure.Organisation) { o.Units[1].Deputies[0] = "ghost" },
			"$.units[1].deputies[0]", `unknown person "ghost"`},
		{"member unknown", func(o *procedure.Organisation) { o.Units[1].Members[0].Person = "ghost" },
			"$.units[1].members[0].person", `unknown person "ghost"`},
		{"member role unknown", func(o *procedure.Organisation) { o.Units[1].Members[0].Role = "boss" },
			"$.units[1].members[0].role", `unknown role "boss"`},
		{"member role missing", func(o *procedure.Organisation) { o.Units[1].Members[0].Role = "" },
			"$.units[1].members[0].role", "missing role"},
		{"duplicate person", func(o *procedure.Organisation) { o.People[1].ID = "chair" },
			"$.people[1].id", `duplicate person id "chair"`},
		{"person id malformed", func(o *procedure.Organisation) { o.People[9].ID = "fire officer" },
			"$.people[9].id", `malformed person id "fire officer"`},
		{"person name missing", func(o *procedure.Organisation) { o.People[0].Name = " " },
			"$.people[0].name", "missing person name"},
		{"person title missing", func(o *procedure.Organisation) { o.People[0].Title.VI = "" },
			"$.people[0].title.vi", "missing Vietnamese title"},
		{"email malformed", func(o *procedure.Organisation) { o.People[0].Email = "chair.example.vn" },
			"$.people[0].email", `malformed e-mail address "chair.example.vn"`},
		{"parent unknown", func(o *procedure.Organisation) { o.Units[1].Parent = "NOPE" },
			"$.units[1].parent", `unknown parent unit "NOPE"`},
		{"parent cycle", func(o *procedure.Organisation) { o.Units[0].Parent = "CITY.DEPT.DIV" },
			"$.units[0].parent", "parent cycle: CITY → CITY.DEPT.DIV → CITY.DEPT → CITY"},
		{"own parent", func(o *procedure.Organisation) { o.Units[3].Parent = "CITY.DESK" },
			"$.units[3].parent", "parent cycle: CITY.DESK → CITY.DESK"},
		{"successor unknown", func(o *procedure.Organisation) { o.Units[4].Successor = "GONE" },
			"$.units[4].successor", `unknown successor unit "GONE"`},
		{"successor self", func(o *procedure.Organisation) { o.Units[4].Successor = "CITY.OLD" },
			"$.units[4].successor", "unit is its own successor"},
		{"successor without validTo", func(o *procedure.Organisation) { o.Units[4].ValidTo = ""; o.Units[4].Head = "chair" },
			"$.units[4].validTo", "successor without validTo"},
		{"validTo before validFrom", func(o *procedure.Organisation) { o.Units[4].ValidTo = "2019-01-01" },
			"$.units[4].validTo", "validTo 2019-01-01 is before validFrom 2020-01-01"},
		{"validFrom malformed", func(o *procedure.Organisation) { o.Units[0].ValidFrom = "2020-13-01" },
			"$.units[0].validFrom", `malformed date "2020-13-01"`},
		{"validFrom missing", func(o *procedure.Organisation) { o.Units[0].ValidFrom = "" },
			"$.units[0].validFrom", "missing date"},
		{"code with hyphen", func(o *procedure.Organisation) { o.Units[5].Code = "CITY-FIRE" },
			"$.units[5].code", `malformed unit code "CITY-FIRE"`},
		{"code missing", func(o *procedure.Organisation) { o.Units[5].Code = "" },
			"$.units[5].code", "missing unit code"},
		{"duplicate code", func(o *procedure.Organisation) { o.Units[5].Code = "CITY.DESK" },
			"$.units[5].code", `duplicate unit code "CITY.DESK"`},
		{"name missing", func(o *procedure.Organisation) { o.Units[0].Name.EN = "" },
			"$.units[0].name.en", "missing English name"},
		{"no units", func(o *procedure.Organisation) { o.Units = nil },
			"$.units", "organisation has no units"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			o := fixtureOrg()
			tt.mutate(o)
			want(t, orgProblems(t, o), "org.json", tt.path, tt.message)
		})
	}
}

func TestValidateOrganisationReportsACycleOnce(t *testing.T) {
	o := fixtureOrg()
	o.Units[1].Parent = "CITY.DEPT.DIV" // CITY.DEPT ⇄ CITY.DEPT.DIV; CITY.DESK etc. are outside it
	ps := orgProblems(t, o)
	if len(ps) != 1 || ps[0].Message != "parent cycle: CITY.DEPT → CITY.DEPT.DIV → CITY.DEPT" {
		t.Errorf("got\n%v", ps)
	}
}
