package procedure

import (
	"fmt"
	"strings"

	"github.com/lienthong/lienthong/workday"
)

// audiences lists who a rung may alert.
var audiences = []Audience{AudienceHolder, AudienceUnitHead, AudienceAgencyHead, AudienceDesk}

func validAudience(a Audience) bool {
	for _, k := range audiences {
		if a == k {
			return true
		}
	}
	return false
}

const audiencesExpected = "one of holder, unit_head, agency_head, desk"

// checkAudience reports a missing or unknown audience.
func checkAudience(r reporter, path string, a Audience) {
	switch {
	case a == "":
		r.add(path, audiencesExpected, "missing audience")
	case !validAudience(a):
		r.add(path, audiencesExpected, "unknown audience %q", a)
	}
}

// ladderIDs returns the ids of the procedure's ladders.
func ladderIDs(p *Procedure) map[string]bool {
	ids := map[string]bool{}
	for _, l := range p.Ladders {
		ids[l.ID] = true
	}
	return ids
}

// validateLadders checks the escalation ladders, the default ladder and the
// dossier ladder.
func validateLadders(r reporter, p *Procedure) {
	ids := map[string]bool{}
	for i := range p.Ladders {
		l := &p.Ladders[i]
		path := index("$.ladders", i)
		if checkID(r, field(path, "id"), l.ID, "ladder id") {
			if ids[l.ID] {
				r.add(field(path, "id"), "unique ladder ids", "duplicate ladder id %q", l.ID)
			}
			ids[l.ID] = true
		}
		if len(l.Rungs) == 0 {
			r.add(field(path, "rungs"), "at least one rung", "ladder without rungs")
		}
		checkRungs(r, field(path, "rungs"), l.Rungs)
		if l.Repeat != nil {
			rp := field(path, "repeat")
			if checkDuration(r, field(rp, "every"), l.Repeat.Every) && l.Repeat.Every.Amount == 0 {
				r.add(field(field(rp, "every"), "amount"), "an amount of 1 or more", "repeat interval must be positive")
			}
			checkAudience(r, field(rp, "notify"), l.Repeat.Notify)
		}
	}
	if p.DefaultLadder != "" && !ids[p.DefaultLadder] {
		r.add("$.defaultLadder", "the id of a ladder in $.ladders", "unknown ladder %q", p.DefaultLadder)
	}
	checkRungs(r, "$.dossierLadder", p.DossierLadder)
}

// rungPhase orders the three ways of placing a rung.
type rungPhase int

const (
	phasePercent rungPhase = iota // before the deadline, by share of the step's time
	phaseBefore                   // before the deadline, by a duration
	phaseAfter                    // after the deadline
)

// rungPosition places a rung on one time line for ordering: the phase, then
// a key that grows with time within the phase.
type rungPosition struct {
	phase rungPhase
	key   int64
	text  string
}

func (a rungPosition) earlier(b rungPosition) bool {
	if a.phase != b.phase {
		return a.phase < b.phase
	}
	return a.key < b.key
}

// checkRungs checks each rung and their order: AtPercent rungs ascending,
// then Before rungs descending by duration, then After rungs ascending. Rungs
// at the same instant are allowed (two audiences at once).
func checkRungs(r reporter, path string, rungs []Rung) {
	var prev *rungPosition
	for k, g := range rungs {
		rp := index(path, k)
		pos, ok := checkRung(r, rp, g)
		checkAudience(r, field(rp, "notify"), g.Notify)
		if !ok {
			continue
		}
		if prev != nil && pos.earlier(*prev) {
			r.add(rp, "rungs in time order: atPercent ascending, then before descending, then after ascending",
				"rung %s is earlier than the rung before it (%s)", pos.text, prev.text)
		}
		prev = &pos
	}
}

// checkRung checks that a rung has exactly one valid placement and returns
// its position.
func checkRung(r reporter, path string, g Rung) (rungPosition, bool) {
	var set []string
	if g.AtPercent != 0 {
		set = append(set, "atPercent")
	}
	if g.Before != nil {
		set = append(set, "before")
	}
	if g.After != nil {
		set = append(set, "after")
	}
	const placement = "exactly one of atPercent, before, after"
	switch len(set) {
	case 0:
		r.add(path, placement, "rung without placement")
		return rungPosition{}, false
	case 1:
	default:
		r.add(path, placement, "rung with more than one placement (%s)", strings.Join(set, ", "))
		return rungPosition{}, false
	}
	switch {
	case g.AtPercent != 0:
		if g.AtPercent < 1 || g.AtPercent > 99 {
			r.add(field(path, "atPercent"), "1..99 (use after 0 for the deadline itself)", "atPercent %d outside 1..99", g.AtPercent)
			return rungPosition{}, false
		}
		return rungPosition{phasePercent, int64(g.AtPercent), fmt.Sprintf("at %d %%", g.AtPercent)}, true
	case g.Before != nil:
		if !checkDuration(r, field(path, "before"), *g.Before) {
			return rungPosition{}, false
		}
		return rungPosition{phaseBefore, -roughMinutes(*g.Before), describeOffset(*g.Before, "before")}, true
	default:
		if !checkDuration(r, field(path, "after"), *g.After) {
			return rungPosition{}, false
		}
		return rungPosition{phaseAfter, roughMinutes(*g.After), describeOffset(*g.After, "after")}, true
	}
}

// describeOffset renders a rung placement, e.g. "1 working_days after the deadline".
func describeOffset(d workday.Duration, side string) string {
	return d.String() + " " + side + " the deadline"
}
