package procedure_test

import (
	"testing"

	"github.com/lienthong/lienthong/procedure"
	"github.com/lienthong/lienthong/workday"
)

func TestValidateProcedure(t *testing.T) {
	type (
		P = procedure.Procedure
		O = procedure.Organisation
	)
	tests := []struct {
		name          string
		mutate        func(p *P, o *O)
		path, message string
	}{
		// Header.
		{"code missing", func(p *P, o *O) { p.Code = "" }, "$.code", "missing procedure code"},
		{"version zero", func(p *P, o *O) { p.Version = 0 }, "$.version", "version 0 is not positive"},
		{"name vi missing", func(p *P, o *O) { p.Name.VI = "" }, "$.name.vi", "missing Vietnamese name"},
		{"name en missing", func(p *P, o *O) { p.Name.EN = "" }, "$.name.en", "missing English name"},
		{"legal basis missing", func(p *P, o *O) { p.LegalBasis = nil }, "$.legalBasis", "missing legal basis"},
		{"effectiveFrom malformed", func(p *P, o *O) { p.EffectiveFrom = "2025-7-1" }, "$.effectiveFrom", `malformed date "2025-7-1"`},
		{"effectiveTo malformed", func(p *P, o *O) { p.EffectiveTo = "31/12/2025" }, "$.effectiveTo", `malformed date "31/12/2025"`},
		{"effectiveTo before effectiveFrom", func(p *P, o *O) { p.EffectiveTo = "2025-01-01" },
			"$.effectiveTo", "effectiveTo 2025-01-01 is before effectiveFrom 2025-07-01"},
		{"agency missing", func(p *P, o *O) { p.Agency = "" }, "$.agency", "missing lead agency"},
		{"agency with hyphen", func(p *P, o *O) { p.Agency = "CITY-DEPT" }, "$.agency", `malformed agency code "CITY-DEPT"`},
		{"agency unknown", func(p *P, o *O) { p.Agency = "CITY.NOPE" }, "$.agency", `unknown unit "CITY.NOPE"`},
		{"agency not an agency", func(p *P, o *O) { p.Agency = "CITY.DESK" }, "$.agency", `unit "CITY.DESK" is not an agency`},
		{"total unit missing", func(p *P, o *O) { p.Total = workday.Duration{} }, "$.total.unit", "missing duration unit"},
		{"maxExtension negative", func(p *P, o *O) { p.MaxExtension = wd(-2) }, "$.maxExtension.amount", "negative duration -2"},
		{"supplementLimit negative", func(p *P, o *O) { n := -1; p.SupplementLimit = &n },
			"$.supplementLimit", "negative supplement limit -1"},

		// Fields and documents.
		{"field kind unknown", func(p *P, o *O) { p.Fields[0].Kind = "email" }, "$.fields[0].kind", `unknown field kind "email"`},
		{"field kind missing", func(p *P, o *O) { p.Fields[0].Kind = "" }, "$.fields[0].kind", "missing field kind"},
		{"choice without choices", func(p *P, o *O) { p.Fields[1].Choices = nil }, "$.fields[1].choices", "choice field without choices"},
		{"choices on text", func(p *P, o *O) { p.Fields[0].Choices = p.Fields[1].Choices }, "$.fields[0].choices", "choices on a text field"},
		{"duplicate choice", func(p *P, o *O) { p.Fields[1].Choices[1].Value = "a" },
			"$.fields[1].choices[1].value", `duplicate choice value "a"`},
		{"duplicate field key", func(p *P, o *O) { p.Fields[1].Key = "name" }, "$.fields[1].key", `duplicate field key "name"`},
		{"field label missing", func(p *P, o *O) { p.Fields[0].Label.EN = "" }, "$.fields[0].label.en", "missing English label"},
		{"duplicate document", func(p *P, o *O) { p.Documents = append(p.Documents, p.Documents[0]) },
			"$.documents[1].key", `duplicate document key "application"`},

		// Steps.
		{"no steps", func(p *P, o *O) { p.Steps = nil }, "$.steps", "procedure has no steps"},
		{"step id missing", func(p *P, o *O) { p.Steps[5].ID = "" }, "$.steps[5].id", "missing step id"},
		{"step id end", func(p *P, o *O) { p.Steps[5].ID = "end"; p.Steps[3].Cases[1].Next = "end" },
			"$.steps[5].id", `step id "end" is reserved`},
		{"duplicate step id", func(p *P, o *O) { p.Steps[5].ID = "intake" }, "$.steps[5].id", `duplicate step id "intake"`},
		{"member id duplicates a step", func(p *P, o *O) { p.Steps[2].Members[0].ID = "appraise" },
			"$.steps[2].members[0].id", `duplicate step id "appraise"`},
		{"step name missing", func(p *P, o *O) { p.Steps[0].Name.VI = "" }, "$.steps[0].name.vi", "missing Vietnamese name"},
		{"unknown kind", func(p *P, o *O) { p.Steps[1].Kind = "review" }, "$.steps[1].kind", `unknown step kind "review"`},
		{"step without unit", func(p *P, o *O) { p.Steps[1].Unit = "" }, "$.steps[1].unit", "task step without unit"},
		{"unknown unit", func(p *P, o *O) { p.Steps[1].Unit = "CITY.NOPE" }, "$.steps[1].unit", `unknown unit "CITY.NOPE"`},
		{"unit closed before effectiveFrom", func(p *P, o *O) { p.Steps[1].Unit = "CITY.OLD" },
			"$.steps[1].unit", `unit "CITY.OLD" is not in force on effectiveFrom 2025-07-01`},
		{"unit opens after effectiveFrom", func(p *P, o *O) { o.Units[2].ValidFrom = "2025-08-01" },
			"$.steps[1].unit", `unit "CITY.DEPT.DIV" is not in force on effectiveFrom 2025-07-01`},
		{"unit closes while in force", func(p *P, o *O) { o.Units[5].ValidTo = "2026-01-01" },
			"$.steps[2].members[0].unit", `unit "CITY.FIRE" closes after 2026-01-01 while the procedure stays in force`},
		{"role missing", func(p *P, o *O) { p.Steps[1].Role = "" }, "$.steps[1].role", "missing role"},
		{"role unknown", func(p *P, o *O) { p.Steps[1].Role = "boss" }, "$.steps[1].role", `unknown role "boss"`},
		{"no action", func(p *P, o *O) { p.Steps[1].Actions = nil }, "$.steps[1].actions", "task step allows no action"},
		{"action unknown", func(p *P, o *O) { p.Steps[1].Actions[1] = "approve_all" }, "$.steps[1].actions[1]", `unknown action "approve_all"`},
		{"action twice", func(p *P, o *O) { p.Steps[1].Actions[1] = "approve" }, "$.steps[1].actions[1]", `duplicate action "approve"`},
		{"send_back on the first step", func(p *P, o *O) { p.Steps[0].Actions = append(p.Steps[0].Actions, "send_back") },
			"$.steps[0].actions[3]", "send_back with no earlier task step"},
		{"duration unit unknown", func(p *P, o *O) { p.Steps[1].Duration.Unit = "days" }, "$.steps[1].duration.unit", `unknown duration unit "days"`},
		{"duration unit missing", func(p *P, o *O) { p.Steps[1].Duration.Unit = "" }, "$.steps[1].duration.unit", "missing duration unit"},
		{"duration negative", func(p *P, o *O) { p.Steps[1].Duration.Amount = -1 }, "$.steps[1].duration.amount", "negative duration -1"},
		{"step supplementLimit negative", func(p *P, o *O) { n := -3; p.Steps[1].SupplementLimit = &n },
			"$.steps[1].supplementLimit", "negative supplement limit -3"},
		{"members on a task", func(p *P, o *O) { p.Steps[1].Members = p.Steps[2].Members[:1] }, "$.steps[1].members", "members on a task step"},
		{"field on a task", func(p *P, o *O) { p.Steps[1].Field = "category" }, "$.steps[1].field", "field on a task step"},

		// Parallel groups.
		{"parallel without members", func(p *P, o *O) { p.Steps[2].Members = nil }, "$.steps[2].members", "parallel group without members"},
		{"nested parallel", func(p *P, o *O) { p.Steps[2].Members[0].Kind = procedure.KindParallel },
			"$.steps[2].members[0].kind", "nested parallel step in a parallel group"},
		{"nested branch", func(p *P, o *O) { p.Steps[2].Members[1].Kind = procedure.KindBranch },
			"$.steps[2].members[1].kind", "nested branch step in a parallel group"},
		{"next on a member", func(p *P, o *O) { p.Steps[2].Members[1].Next = "sign" }, "$.steps[2].members[1].next", "next on a parallel member"},
		{"stopsClock on a member", func(p *P, o *O) { p.Steps[2].Members[1].StopsClock = true },
			"$.steps[2].members[1].stopsClock", "stopsClock on a parallel member"},
		{"unit on a group", func(p *P, o *O) { p.Steps[2].Unit = "CITY.DEPT" }, "$.steps[2].unit", "unit on a parallel step"},
		{"group without completion", func(p *P, o *O) { p.Steps[2].Completion = nil },
			"$.steps[2].completion", "parallel group without completion rule"},
		{"completion rule unknown", func(p *P, o *O) { p.Steps[2].Completion.Rule = "majority" },
			"$.steps[2].completion.rule", `unknown completion rule "majority"`},
		{"quorum too high", func(p *P, o *O) {
			p.Steps[2].Completion = &procedure.Completion{Rule: procedure.CompleteQuorum, Quorum: 3}
		},
			"$.steps[2].completion.quorum", "quorum 3 outside 1..2"},
		{"quorum zero", func(p *P, o *O) { p.Steps[2].Completion = &procedure.Completion{Rule: procedure.CompleteQuorum} },
			"$.steps[2].completion.quorum", "quorum 0 outside 1..2"},
		{"quorum with rule all", func(p *P, o *O) { p.Steps[2].Completion.Quorum = 1 },
			"$.steps[2].completion.quorum", `quorum with rule "all"`},
		{"group duration missing", func(p *P, o *O) { p.Steps[2].Duration = workday.Duration{} },
			"$.steps[2].duration.unit", "missing duration unit"},

		// Branches.
		{"branch field undeclared", func(p *P, o *O) { p.Steps[3].Field = "colour" }, "$.steps[3].field", `unknown field "colour"`},
		{"branch field missing", func(p *P, o *O) { p.Steps[3].Field = "" }, "$.steps[3].field", "branch without field"},
		{"branch field personal", func(p *P, o *O) { p.Steps[3].Field = "name"; p.Steps[3].Default = "sign" },
			"$.steps[3].field", `branch field "name" is personal data`},
		{"branch without cases", func(p *P, o *O) { p.Steps[3].Cases = nil; p.Steps[3].Default = "sign" },
			"$.steps[3].cases", "branch without cases"},
		{"case not a choice", func(p *P, o *O) { p.Steps[3].Cases[1].Equals = "c" },
			"$.steps[3].cases[1].equals", `case value "c" is not a choice of field "category"`},
		{"case twice", func(p *P, o *O) { p.Steps[3].Cases[1].Equals = "a" }, "$.steps[3].cases[1].equals", `duplicate case value "a"`},
		{"choice not covered", func(p *P, o *O) { p.Steps[3].Cases = p.Steps[3].Cases[:1]; p.Steps[5].Next = "" },
			"$.steps[3].default", `branch without default does not cover choice "b"`},
		{"optional field without default", func(p *P, o *O) { p.Fields[1].Required = false }, "$.steps[3].default", "branch without default"},
		{"unit on a branch", func(p *P, o *O) { p.Steps[3].Unit = "CITY.DEPT" }, "$.steps[3].unit", "unit on a branch step"},
		{"duration on a branch", func(p *P, o *O) { p.Steps[3].Duration = wd(1) }, "$.steps[3].duration", "duration on a branch step"},
		{"next on a branch", func(p *P, o *O) { p.Steps[3].Next = "sign" }, "$.steps[3].next", "next on a branch step"},

		// Links.
		{"next unknown", func(p *P, o *O) { p.Steps[1].Next = "nowhere" }, "$.steps[1].next", `unknown step "nowhere"`},
		{"next to a member", func(p *P, o *O) { p.Steps[1].Next = "c_fire" },
			"$.steps[1].next", `step "c_fire" is a member of parallel group "consult"`},
		{"case target unknown", func(p *P, o *O) { p.Steps[3].Cases[0].Next = "nowhere" }, "$.steps[3].cases[0].next", `unknown step "nowhere"`},
		{"case target missing", func(p *P, o *O) { p.Steps[3].Cases[0].Next = "" }, "$.steps[3].cases[0].next", "missing target"},
		{"default target unknown", func(p *P, o *O) { p.Steps[3].Default = "nowhere" }, "$.steps[3].default", `unknown step "nowhere"`},
		{"cycle", func(p *P, o *O) { p.Steps[4].Next = "appraise" },
			"$.steps[4].next", "cycle: appraise → consult → route → sign → appraise"},
		{"self loop", func(p *P, o *O) { p.Steps[1].Next = "appraise" }, "$.steps[1].next", "cycle: appraise → appraise"},
		{"unreachable", func(p *P, o *O) { p.Steps[1].Next = "route" }, "$.steps[2]", `step "consult" is unreachable from the first step`},

		// Ladders.
		{"ladder unknown", func(p *P, o *O) { p.Steps[1].Ladder = "fast" }, "$.steps[1].ladder", `unknown ladder "fast"`},
		{"default ladder unknown", func(p *P, o *O) { p.DefaultLadder = "fast" }, "$.defaultLadder", `unknown ladder "fast"`},
		{"no ladder at all", func(p *P, o *O) { p.DefaultLadder = "" }, "$.steps[0].ladder", "no ladder and the procedure has no defaultLadder"},
		{"ladder id duplicate", func(p *P, o *O) { p.Ladders = append(p.Ladders, p.Ladders[0]) }, "$.ladders[1].id", `duplicate ladder id "default"`},
		{"ladder id missing", func(p *P, o *O) { p.Ladders[0].ID = ""; p.DefaultLadder = "" }, "$.ladders[0].id", "missing ladder id"},
		{"ladder without rungs", func(p *P, o *O) { p.Ladders[0].Rungs = nil }, "$.ladders[0].rungs", "ladder without rungs"},
		{"after rungs out of order", func(p *P, o *O) { r := p.Ladders[0].Rungs; r[1], r[2] = r[2], r[1] },
			"$.ladders[0].rungs[2]", "rung 0 working_days after the deadline is earlier than the rung before it (1 working_days after the deadline)"},
		{"before after after", func(p *P, o *O) { r := p.DossierLadder; r[0], r[1] = r[1], r[0] },
			"$.dossierLadder[1]", "rung 1 working_days before the deadline is earlier than the rung before it (0 working_days after the deadline)"},
		{"percent after before", func(p *P, o *O) {
			p.Ladders[0].Rungs = append([]procedure.Rung{{Before: wdp(1), Notify: "holder"}}, p.Ladders[0].Rungs...)
		}, "$.ladders[0].rungs[1]", "rung at 75 % is earlier than the rung before it (1 working_days before the deadline)"},
		{"before rungs ascending", func(p *P, o *O) {
			p.DossierLadder = []procedure.Rung{{Before: wdp(1), Notify: "holder"}, {Before: &workday.Duration{Amount: 3, Unit: workday.HalfDays}, Notify: "desk"}}
		}, "$.dossierLadder[1]", "rung 3 half_days before the deadline is earlier than the rung before it (1 working_days before the deadline)"},
		{"percent descending", func(p *P, o *O) {
			p.Ladders[0].Rungs = append([]procedure.Rung{{AtPercent: 90, Notify: "holder"}}, p.Ladders[0].Rungs...)
		}, "$.ladders[0].rungs[1]", "rung at 75 % is earlier than the rung before it (at 90 %)"},
		{"rung without placement", func(p *P, o *O) { p.Ladders[0].Rungs[0].AtPercent = 0 }, "$.ladders[0].rungs[0]", "rung without placement"},
		{"rung with two placements", func(p *P, o *O) { p.Ladders[0].Rungs[0].After = wdp(0) },
			"$.ladders[0].rungs[0]", "rung with more than one placement (atPercent, after)"},
		{"atPercent 100", func(p *P, o *O) { p.Ladders[0].Rungs[0].AtPercent = 100 }, "$.ladders[0].rungs[0].atPercent", "atPercent 100 outside 1..99"},
		{"atPercent negative", func(p *P, o *O) { p.Ladders[0].Rungs[0].AtPercent = -5 }, "$.ladders[0].rungs[0].atPercent", "atPercent -5 outside 1..99"},
		{"rung duration negative", func(p *P, o *O) { p.Ladders[0].Rungs[1].After = wdp(-1) }, "$.ladders[0].rungs[1].after.amount", "negative duration -1"},
		{"audience unknown", func(p *P, o *O) { p.Ladders[0].Rungs[0].Notify = "mayor" }, "$.ladders[0].rungs[0].notify", `unknown audience "mayor"`},
		{"audience missing", func(p *P, o *O) { p.DossierLadder[1].Notify = "" }, "$.dossierLadder[1].notify", "missing audience"},
		{"repeat every zero", func(p *P, o *O) { p.Ladders[0].Repeat.Every.Amount = 0 },
			"$.ladders[0].repeat.every.amount", "repeat interval must be positive"},
		{"repeat audience unknown", func(p *P, o *O) { p.Ladders[0].Repeat.Notify = "everyone" },
			"$.ladders[0].repeat.notify", `unknown audience "everyone"`},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			p, o := fixtureProcedure(), fixtureOrg()
			tt.mutate(p, o)
			want(t, procedure.ValidateProcedure("p.json", p, o), "p.json", tt.path, tt.message)
		})
	}
}

func TestValidateProcedureWithoutOrganisationSkipsUnits(t *testing.T) {
	p := fixtureProcedure()
	p.Steps[1].Unit = "CITY.NOPE"
	p.Agency = "CITY.DESK"
	if ps := procedure.ValidateProcedure("p.json", p, nil); len(ps) > 0 {
		t.Errorf("got\n%v", ps)
	}
	p.Steps[1].Unit = "CITY-NOPE"
	want(t, procedure.ValidateProcedure("p.json", p, nil), "p.json", "$.steps[1].unit", `malformed unit code "CITY-NOPE"`)
}

func TestValidateProcedureOneProblemPerMistake(t *testing.T) {
	p := fixtureProcedure()
	p.Steps[1].Duration.Unit = "days"
	ps := procedure.ValidateProcedure("p.json", p, fixtureOrg())
	want := `p.json: $.steps[1].duration.unit: unknown duration unit "days" (expected one of working_days, half_days, working_hours, working_minutes, calendar_days, minutes)`
	if ps.Error() != want {
		t.Errorf("got\n%v\nwant\n%s", ps, want)
	}
}
