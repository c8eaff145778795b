package procedure

import (
	"fmt"
	"sort"
	"strings"
)

// orgPart is one organisation file.
type orgPart struct {
	file string
	org  *Organisation
}

// located is a catalogue entry with the place it was declared.
type located struct {
	file, path string
}

func (l located) String() string { return l.file + " " + l.path }

// validateOrganisation checks the organisation made of parts, which may
// reference one another (a ward's police station under the city police).
func validateOrganisation(parts []orgPart, ps *Problems) {
	people := map[string]located{}
	units := map[string]located{}
	byCode := map[string]*Unit{}
	nUnits := 0
	for _, part := range parts {
		r := reporter{file: part.file, ps: ps}
		for i := range part.org.People {
			checkPerson(r, index("$.people", i), &part.org.People[i], people)
		}
		for i := range part.org.Units {
			u := &part.org.Units[i]
			path := index("$.units", i)
			nUnits++
			if checkCode(r, field(path, "code"), u.Code, "unit code") {
				if first, dup := units[u.Code]; dup {
					r.add(field(path, "code"), "unique unit codes (first at "+first.String()+")", "duplicate unit code %q", u.Code)
				} else {
					units[u.Code] = located{part.file, path}
					byCode[u.Code] = u
				}
			}
			checkText(r, field(path, "name"), u.Name, "name")
			checkRange(r, path, "validFrom", u.ValidFrom, "validTo", u.ValidTo)
			checkEmail(r, field(path, "email"), u.Email)
		}
	}
	if nUnits == 0 && len(parts) > 0 {
		reporter{file: parts[0].file, ps: ps}.add("$.units", "at least one unit", "organisation has no units")
	}
	for _, part := range parts {
		r := reporter{file: part.file, ps: ps}
		for i := range part.org.Units {
			checkUnitRefs(r, index("$.units", i), &part.org.Units[i], byCode, people)
		}
	}
	reportParentCycles(parts, byCode, ps)
}

// checkPerson checks one person and records their id.
func checkPerson(r reporter, path string, p *Person, seen map[string]located) {
	if checkID(r, field(path, "id"), p.ID, "person id") {
		if first, dup := seen[p.ID]; dup {
			r.add(field(path, "id"), "unique person ids (first at "+first.String()+")", "duplicate person id %q", p.ID)
		} else {
			seen[p.ID] = located{r.file, path}
		}
	}
	if strings.TrimSpace(p.Name) == "" {
		r.add(field(path, "name"), "the person's full name", "missing person name")
	}
	checkText(r, field(path, "title"), p.Title, "title")
	checkEmail(r, field(path, "email"), p.Email)
}

// checkUnitRefs checks a unit's references to other units and to people.
func checkUnitRefs(r reporter, path string, u *Unit, units map[string]*Unit, people map[string]located) {
	if u.Parent != "" {
		if _, ok := units[u.Parent]; !ok {
			r.add(field(path, "parent"), "the code of a unit in the organisation", "unknown parent unit %q", u.Parent)
		}
	}
	if u.Successor != "" {
		switch _, ok := units[u.Successor]; {
		case u.Successor == u.Code:
			r.add(field(path, "successor"), "another unit", "unit is its own successor")
		case !ok:
			r.add(field(path, "successor"), "the code of a unit in the organisation", "unknown successor unit %q", u.Successor)
		}
		if u.ValidTo == "" {
			r.add(field(path, "validTo"), "the last day of a unit that has a successor", "successor without validTo")
		}
	}
	person := func(p, id string) {
		if _, ok := people[id]; !ok {
			r.add(p, "the id of a person in the organisation", "unknown person %q", id)
		}
	}
	switch {
	case u.Head != "":
		person(field(path, "head"), u.Head)
	case u.ValidTo == "":
		r.add(field(path, "head"), "a person id (escalations go to the head)", "unit has no head")
	}
	for k, d := range u.Deputies {
		person(index(field(path, "deputies"), k), d)
	}
	for k, m := range u.Members {
		mp := index(field(path, "members"), k)
		person(field(mp, "person"), m.Person)
		checkRole(r, field(mp, "role"), m.Role)
	}
}

// reportParentCycles reports each cycle of parent links once, at the unit of
// the cycle with the smallest code.
func reportParentCycles(parts []orgPart, units map[string]*Unit, ps *Problems) {
	for _, part := range parts {
		r := reporter{file: part.file, ps: ps}
		for i := range part.org.Units {
			u := &part.org.Units[i]
			if units[u.Code] != u {
				continue // duplicate, already reported
			}
			chain := []string{u.Code}
			seen := map[string]bool{u.Code: true}
			for cur := units[u.Code]; cur.Parent != ""; {
				next, ok := units[cur.Parent]
				if !ok {
					break
				}
				chain = append(chain, next.Code)
				if next.Code == u.Code {
					if smallest(chain) == u.Code {
						r.add(field(index("$.units", i), "parent"), "a tree of units", "parent cycle: %s", strings.Join(chain, " → "))
					}
					break
				}
				if seen[next.Code] {
					break // a cycle further up, reported from one of its units
				}
				seen[next.Code] = true
				cur = next
			}
		}
	}
}

func smallest(codes []string) string {
	s := append([]string(nil), codes...)
	sort.Strings(s)
	return s[0]
}

// orgView indexes an organisation for validating procedures against it.
type orgView struct {
	units map[string]*Unit
}

// newOrgView indexes o; nil gives nil (procedures are then checked alone).
func newOrgView(o *Organisation) *orgView {
	if o == nil {
		return nil
	}
	v := &orgView{units: map[string]*Unit{}}
	for i := range o.Units {
		if _, dup := v.units[o.Units[i].Code]; !dup {
			v.units[o.Units[i].Code] = &o.Units[i]
		}
	}
	return v
}

// checkUnitInForce reports a unit referenced by a procedure that is unknown,
// not yet or no longer in force on the procedure's first day, or that closes
// while the procedure stays in force.
func (v *orgView) checkUnitInForce(r reporter, path, code string, p *Procedure) (*Unit, bool) {
	u, ok := v.units[code]
	if !ok {
		r.add(path, "the code of a unit in the organisation", "unknown unit %q", code)
		return nil, false
	}
	if _, ok := parseDate(p.EffectiveFrom); !ok {
		return u, true
	}
	if p.EffectiveFrom < u.ValidFrom || (u.ValidTo != "" && p.EffectiveFrom > u.ValidTo) {
		r.add(path, fmt.Sprintf("a unit in force on %s (%s is valid %s)", p.EffectiveFrom, code, span(u.ValidFrom, u.ValidTo)),
			"unit %q is not in force on effectiveFrom %s", code, p.EffectiveFrom)
		return u, false
	}
	if u.ValidTo != "" && (p.EffectiveTo == "" || p.EffectiveTo > u.ValidTo) {
		r.add(path, fmt.Sprintf("effectiveTo on or before %s, or a unit that stays", u.ValidTo),
			"unit %q closes after %s while the procedure stays in force", code, u.ValidTo)
		return u, false
	}
	return u, true
}

// span renders a validity range.
func span(from, to string) string {
	if to == "" {
		to = "open"
	}
	return from + "…" + to
}
