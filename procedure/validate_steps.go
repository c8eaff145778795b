package procedure

import (
	"fmt"
	"slices"
	"strings"
)

// validAction reports whether a is one of Actions.
func validAction(a Action) bool {
	for _, k := range Actions {
		if a == k {
			return true
		}
	}
	return false
}

func actionsExpected() string {
	names := make([]string, len(Actions))
	for i, a := range Actions {
		names[i] = string(a)
	}
	return "one of " + strings.Join(names, ", ")
}

// stepChecker checks the steps of one procedure.
type stepChecker struct {
	r       reporter
	p       *Procedure
	org     *orgView
	fields  map[string]*Field
	ladders map[string]bool
	ids     map[string]bool
}

// validateSteps checks every step and parallel member on its own; the links
// between steps are checked by validateGraph.
func validateSteps(r reporter, p *Procedure, org *orgView, fields map[string]*Field, ladders map[string]bool) {
	if len(p.Steps) == 0 {
		r.add("$.steps", "at least one step", "procedure has no steps")
		return
	}
	c := stepChecker{r: r, p: p, org: org, fields: fields, ladders: ladders, ids: map[string]bool{}}
	for i := range p.Steps {
		s := &p.Steps[i]
		path := index("$.steps", i)
		c.common(path, s)
		switch s.Kind {
		case "", KindTask:
			c.task(path, s, false)
		case KindParallel:
			c.parallel(path, s)
		case KindBranch:
			c.branch(path, s)
		default:
			c.r.add(field(path, "kind"), "task, parallel or branch", "unknown step kind %q", s.Kind)
		}
	}
}

// common checks what every step has: a unique id and a name.
func (c *stepChecker) common(path string, s *Step) {
	if checkID(c.r, field(path, "id"), s.ID, "step id") {
		switch {
		case s.ID == End:
			c.r.add(field(path, "id"), "any id but \"end\"", "step id %q is reserved", End)
		case c.ids[s.ID]:
			c.r.add(field(path, "id"), "ids unique across steps and parallel members", "duplicate step id %q", s.ID)
		}
		c.ids[s.ID] = true
	}
	checkText(c.r, field(path, "name"), s.Name, "name")
}

// stray reports the keys that are set on a step of a kind that does not use
// them; allowed lists the keys this kind uses.
func (c *stepChecker) stray(path string, s *Step, kind string, allowed ...string) {
	set := map[string]bool{
		"unit":            s.Unit != "",
		"role":            s.Role != "",
		"actions":         len(s.Actions) > 0,
		"ladder":          s.Ladder != "",
		"supplementLimit": s.SupplementLimit != nil,
		"stopsClock":      s.StopsClock,
		"next":            s.Next != "",
		"duration":        !s.Duration.IsZero(),
		"members":         len(s.Members) > 0,
		"completion":      s.Completion != nil,
		"field":           s.Field != "",
		"cases":           len(s.Cases) > 0,
		"default":         s.Default != "",
	}
	where := map[string]string{
		"unit": "task steps (a parallel group's units are its members)", "role": "task steps", "actions": "task steps",
		"ladder": "task and parallel steps", "supplementLimit": "task steps", "stopsClock": "top-level task steps",
		"next": "task and parallel steps", "duration": "task and parallel steps",
		"members": "parallel steps", "completion": "parallel steps",
		"field": "branch steps", "cases": "branch steps", "default": "branch steps",
	}
	for _, a := range allowed {
		delete(set, a)
	}
	for _, key := range []string{"unit", "role", "actions", "duration", "ladder", "supplementLimit", "stopsClock", "next", "members", "completion", "field", "cases", "default"} {
		if !set[key] {
			continue
		}
		expected := key + " only on " + where[key]
		if kind == "parallel member" && key == "next" {
			expected = "next on the parallel group, not on its members"
		}
		c.r.add(field(path, key), expected, "%s on a %s", key, kind)
	}
}

// task checks a task step or a parallel member.
func (c *stepChecker) task(path string, s *Step, member bool) {
	if member {
		c.stray(path, s, "parallel member", "unit", "role", "actions", "duration", "ladder", "supplementLimit")
	} else {
		c.stray(path, s, "task step", "unit", "role", "actions", "duration", "ladder", "supplementLimit", "stopsClock", "next")
	}
	switch {
	case s.Unit == "":
		c.r.add(field(path, "unit"), "the code of the unit that does the step", "task step without unit")
	case c.org != nil:
		c.org.checkUnitInForce(c.r, field(path, "unit"), s.Unit, c.p)
	default:
		checkCode(c.r, field(path, "unit"), s.Unit, "unit code")
	}
	if checkRole(c.r, field(path, "role"), s.Role) && !slices.Contains(StepRoles, s.Role) {
		c.r.add(field(path, "role"), fmt.Sprintf("one of %v", StepRoles), "role %q decides no steps (leaders and administrators hold none)", s.Role)
	}
	if len(s.Actions) == 0 {
		c.r.add(field(path, "actions"), "at least one of "+strings.TrimPrefix(actionsExpected(), "one of "), "task step allows no action")
	}
	seen := map[Action]bool{}
	for k, a := range s.Actions {
		ap := index(field(path, "actions"), k)
		switch {
		case !validAction(a):
			c.r.add(ap, actionsExpected(), "unknown action %q", a)
		case seen[a]:
			c.r.add(ap, "each action once", "duplicate action %q", a)
		}
		seen[a] = true
	}
	checkDuration(c.r, field(path, "duration"), s.Duration)
	c.ladder(path, s)
	if s.SupplementLimit != nil && *s.SupplementLimit < 0 {
		c.r.add(field(path, "supplementLimit"), "0 or more (omit for no limit)", "negative supplement limit %d", *s.SupplementLimit)
	}
}

// ladder checks the ladder a task step or parallel group escalates on.
func (c *stepChecker) ladder(path string, s *Step) {
	switch {
	case s.Ladder != "" && !c.ladders[s.Ladder]:
		c.r.add(field(path, "ladder"), "the id of a ladder in $.ladders", "unknown ladder %q", s.Ladder)
	case s.Ladder == "" && c.p.DefaultLadder == "":
		c.r.add(field(path, "ladder"), "a ladder id, or a defaultLadder on the procedure", "no ladder and the procedure has no defaultLadder")
	}
}

// parallel checks a consultation group and its members.
func (c *stepChecker) parallel(path string, s *Step) {
	c.stray(path, s, "parallel step", "duration", "ladder", "next", "members", "completion")
	checkDuration(c.r, field(path, "duration"), s.Duration)
	c.ladder(path, s)
	if len(s.Members) == 0 {
		c.r.add(field(path, "members"), "at least one consulted unit", "parallel group without members")
	}
	cp := field(path, "completion")
	switch {
	case s.Completion == nil:
		c.r.add(cp, "a completion rule: all, quorum or silence_is_consent", "parallel group without completion rule")
	case s.Completion.Rule == CompleteQuorum:
		if s.Completion.Quorum < 1 || s.Completion.Quorum > len(s.Members) {
			c.r.add(field(cp, "quorum"), fmt.Sprintf("1..%d (the number of members)", len(s.Members)), "quorum %d outside 1..%d", s.Completion.Quorum, len(s.Members))
		}
	case s.Completion.Rule == CompleteAll || s.Completion.Rule == CompleteSilenceIsConsent:
		if s.Completion.Quorum != 0 {
			c.r.add(field(cp, "quorum"), "quorum only with rule quorum", "quorum with rule %q", s.Completion.Rule)
		}
	case s.Completion.Rule == "":
		c.r.add(field(cp, "rule"), "all, quorum or silence_is_consent", "missing completion rule")
	default:
		c.r.add(field(cp, "rule"), "all, quorum or silence_is_consent", "unknown completion rule %q", s.Completion.Rule)
	}
	for k := range s.Members {
		m := &s.Members[k]
		mp := index(field(path, "members"), k)
		c.common(mp, m)
		switch m.Kind {
		case "", KindTask:
			c.task(mp, m, true)
		case KindParallel, KindBranch:
			c.r.add(field(mp, "kind"), "task members", "nested %s step in a parallel group", m.Kind)
		default:
			c.r.add(field(mp, "kind"), "task members", "unknown step kind %q", m.Kind)
		}
	}
}

// branch checks a routing step.
func (c *stepChecker) branch(path string, s *Step) {
	c.stray(path, s, "branch step", "field", "cases", "default")
	var f *Field
	switch {
	case s.Field == "":
		c.r.add(field(path, "field"), "the key of a non-personal dossier field", "branch without field")
	case c.fields[s.Field] == nil:
		c.r.add(field(path, "field"), "the key of a field in $.fields", "unknown field %q", s.Field)
	default:
		f = c.fields[s.Field]
		if f.Personal {
			c.r.add(field(path, "field"), "a non-personal field (routing must not read personal data)", "branch field %q is personal data", s.Field)
		}
	}
	if len(s.Cases) == 0 {
		c.r.add(field(path, "cases"), "at least one case", "branch without cases")
	}
	covered := map[string]bool{}
	for k, b := range s.Cases {
		ep := field(index(field(path, "cases"), k), "equals")
		switch {
		case b.Equals == "":
			c.r.add(ep, "the field value this case matches", "missing case value")
		case covered[b.Equals]:
			c.r.add(ep, "each value once", "duplicate case value %q", b.Equals)
		case f != nil && f.Kind == FieldChoice && !hasChoice(f, b.Equals):
			c.r.add(ep, "a value of "+choiceList(f), "case value %q is not a choice of field %q", b.Equals, f.Key)
		}
		covered[b.Equals] = true
	}
	if s.Default != "" || f == nil {
		return
	}
	if f.Kind != FieldChoice || !f.Required {
		c.r.add(field(path, "default"), "a default target, unless the field is a required choice with a case for every value", "branch without default")
		return
	}
	for _, ch := range f.Choices {
		if !covered[ch.Value] {
			c.r.add(field(path, "default"), "a default target or a case for every choice", "branch without default does not cover choice %q", ch.Value)
		}
	}
}

func hasChoice(f *Field, v string) bool {
	for _, c := range f.Choices {
		if c.Value == v {
			return true
		}
	}
	return false
}

func choiceList(f *Field) string {
	vs := make([]string, len(f.Choices))
	for i, c := range f.Choices {
		vs[i] = c.Value
	}
	return strings.Join(vs, ", ")
}
