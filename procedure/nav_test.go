package procedure_test

import (
	"reflect"
	"testing"

	"github.com/lienthong/lienthong/procedure"
)

func TestStepAndGroupOf(t *testing.T) {
	p := fixtureProcedure()
	for id, want := range map[string]bool{"appraise": true, "c_fire": true, "route": true, "end": false, "": false} {
		if s, ok := p.Step(id); ok != want || (ok && s.ID != id) {
			t.Errorf("Step(%q) = %q, %v", id, s.ID, ok)
		}
	}
	if g, ok := p.GroupOf("c_dept"); !ok || g.ID != "consult" {
		t.Errorf("GroupOf(c_dept) = %q, %v", g.ID, ok)
	}
	if _, ok := p.GroupOf("appraise"); ok {
		t.Error("GroupOf(appraise): a top-level step has no group")
	}
}

func TestFirstAndFollowing(t *testing.T) {
	p := fixtureProcedure()
	p.Steps[0].Next = "appraise"
	p.Steps[4].Next = procedure.End
	if got := p.First(); got != "intake" {
		t.Errorf("First() = %q", got)
	}
	if got := (&procedure.Procedure{}).First(); got != procedure.End {
		t.Errorf("First() of an empty procedure = %q", got)
	}
	for id, want := range map[string]string{
		"intake":   "appraise", // explicit next
		"appraise": "consult",  // next in the list
		"consult":  "route",    // a parallel group moves on like a task
		"sign":     "end",      // explicit end
		"return":   "end",      // last in the list
		"route":    "",         // a branch routes with Route
		"c_fire":   "",         // a member does not move the dossier
		"nowhere":  "",
	} {
		if got := p.Following(id); got != want {
			t.Errorf("Following(%q) = %q, want %q", id, got, want)
		}
	}
}

func TestRoute(t *testing.T) {
	p := fixtureProcedure()
	route, _ := p.Step("route")
	tests := []struct {
		name    string
		branch  procedure.Step
		fields  map[string]string
		want    string
		wantOK  bool
		setDflt string
	}{
		{"case a", route, map[string]string{"category": "a"}, "sign", true, ""},
		{"case b", route, map[string]string{"category": "b", "name": "x"}, "return", true, ""},
		{"no value, no default", route, map[string]string{}, "", false, ""},
		{"unknown value, no default", route, map[string]string{"category": "z"}, "", false, ""},
		{"unknown value, default", route, map[string]string{"category": "z"}, "appraise", true, "appraise"},
		{"nil fields, default", route, nil, "appraise", true, "appraise"},
		{"not a branch", p.Steps[0], map[string]string{"category": "a"}, "", false, ""},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			b := tt.branch
			if tt.setDflt != "" {
				b.Default = tt.setDflt
			}
			got, ok := p.Route(b, tt.fields)
			if got != tt.want || ok != tt.wantOK {
				t.Errorf("Route = %q, %v; want %q, %v", got, ok, tt.want, tt.wantOK)
			}
		})
	}
}

func TestLadderFor(t *testing.T) {
	p := fixtureProcedure()
	p.Ladders = append(p.Ladders, procedure.Ladder{ID: "urgent", Rungs: []procedure.Rung{{After: wdp(0), Notify: "agency_head"}}})
	p.Steps[4].Ladder = "urgent"
	for id, want := range map[string]string{"intake": "default", "sign": "urgent", "consult": "default", "c_fire": "default", "route": ""} {
		s, _ := p.Step(id)
		l, ok := p.LadderFor(s)
		if l.ID != want || ok != (want != "") {
			t.Errorf("LadderFor(%s) = %q, %v; want %q", id, l.ID, ok, want)
		}
	}
	p.DefaultLadder = ""
	if _, ok := p.LadderFor(p.Steps[0]); ok {
		t.Error("LadderFor without a default: want none")
	}
}

func TestEarlierSteps(t *testing.T) {
	p := fixtureProcedure()
	for id, want := range map[string][]string{
		"intake":   nil,
		"appraise": {"intake"},
		"consult":  {"intake", "appraise"},
		"c_fire":   {"intake", "appraise"}, // a member answers for its group
		"sign":     {"intake", "appraise"}, // the group and the branch are not task steps
		"return":   {"intake", "appraise", "sign"},
		"nowhere":  nil,
	} {
		if got := p.EarlierSteps(id); !reflect.DeepEqual(got, want) {
			t.Errorf("EarlierSteps(%q) = %q, want %q", id, got, want)
		}
	}
}

func TestEarlierStepsFollowOnlyLinksThatLeadThere(t *testing.T) {
	cat := loadShipped(t)
	var death procedure.Procedure
	for _, p := range cat.Procedures {
		if p.Code == "1.011537" {
			death = p
		}
	}
	// The two allowance steps are alternatives: neither precedes the other.
	if got, want := death.EarlierSteps("burial_allowance_home_affairs"), []string{"death_registration", "residence_removal"}; !reflect.DeepEqual(got, want) {
		t.Errorf("got %q, want %q", got, want)
	}
	if got := death.EarlierSteps("return_result"); len(got) != 4 {
		t.Errorf("return_result: got %q", got)
	}
}

func TestEarlierStepsTerminatesOnACycle(t *testing.T) {
	p := fixtureProcedure()
	p.Steps[4].Next = "appraise" // invalid, but helpers must not hang
	if got, want := p.EarlierSteps("appraise"), []string{"intake", "sign"}; !reflect.DeepEqual(got, want) {
		t.Errorf("got %q, want %q", got, want)
	}
}
