package workflows

import (
	"time"

	"github.com/lienthong/lienthong/activities"
	"github.com/lienthong/lienthong/journal"
	"github.com/lienthong/lienthong/procedure"
	"github.com/lienthong/lienthong/workday"
)

// enter queues the hand-off of the dossier to top-level step id at instant
// from, following branches, and opens its tasks once the plan succeeds.
// paper applies the paper cut-off to the hand-off instant.
func (d *dossier) enter(b *batch, id string, from time.Time, paper bool) error {
	p := &d.in.Procedure
	st, err := d.resolve(id)
	if err != nil {
		return err
	}
	if st.ID == procedure.End {
		d.finish(b, StatusFinished, "", nil)
		return nil
	}
	id = st.ID

	attempt := d.s.Attempts[id] + 1
	giver := b.giver
	if giver == "" {
		giver = d.s.LastActor
	}
	var tasks []*Task
	open := func(m procedure.Step, group string, dur workday.Duration) {
		ladder, _ := p.LadderFor(m)
		t := &Task{StepID: m.ID, Group: group, Attempt: attempt, Unit: m.Unit, Role: m.Role, Started: from}
		t.Clock = Clock{Basis: Basis{From: from, Duration: dur}, Rungs: placeRungs(ladder.Rungs), Repeat: ladder.Repeat}
		rec := journal.Record{Kind: journal.KindHandoff, Step: m.ID, Attempt: attempt, Unit: m.Unit, Actor: giver}
		b.window(activities.WindowRequest{From: from, Paper: paper, Duration: dur, Rungs: ladder.Rungs, Record: &rec},
			func(w activities.Window) {
				t.Started = w.Start
				t.Clock.Basis.From = w.Start
				clockFrom(&t.Clock, w)
			})
		tasks = append(tasks, t)
	}
	var group *Group
	switch st.Kind {
	case procedure.KindParallel:
		c := st.Completion
		if c == nil {
			c = &procedure.Completion{Rule: procedure.CompleteAll}
		}
		group = &Group{StepID: st.ID, Rule: c.Rule, Quorum: c.Quorum, Members: len(st.Members)}
		group.Clock.Basis = Basis{From: from, Duration: st.Duration}
		b.window(activities.WindowRequest{From: from, Paper: paper, Duration: st.Duration}, func(w activities.Window) {
			group.Clock.Basis.From = w.Start
			clockFrom(&group.Clock, w)
		})
		for _, m := range st.Members {
			dur := m.Duration
			if dur.IsZero() {
				dur = st.Duration
			}
			open(m, st.ID, dur)
		}
	default:
		open(st, "", st.Duration)
	}
	if st.StopsClock {
		d.stopDossierClock(b, StatusObligations, st.ID, "")
	}
	b.then(func() {
		d.s.Current = st.ID
		d.s.Visited = append(d.s.Visited, st.ID)
		d.s.Attempts[st.ID] = attempt
		d.s.Group = group
		for _, t := range tasks {
			t.Row = d.openRow(t, giver, "")
			d.s.Tasks = append(d.s.Tasks, t)
			d.s.Units = addUnique(d.s.Units, t.Unit)
		}
	})
	return nil
}

// resolve follows branches from top-level step id to the step that will run;
// its ID is procedure.End when the dossier ends there.
func (d *dossier) resolve(id string) (procedure.Step, error) {
	p := &d.in.Procedure
	for hops := 0; hops <= len(p.Steps); hops++ {
		if id == procedure.End {
			return procedure.Step{ID: procedure.End}, nil
		}
		st, ok := p.Step(id)
		if !ok {
			return st, errorf(ErrCatalogue, "thủ tục %s không có bước %q / procedure %s has no step %q", p.Code, id, p.Code, id)
		}
		if st.Kind != procedure.KindBranch {
			return st, nil
		}
		if id, ok = p.Route(st, d.in.Fields); !ok {
			return st, errorf(ErrInvalidRequest, "không xác định được nhánh của bước %q: trường %q có giá trị không nằm trong danh mục / cannot route step %q: field %q has no matching case", st.ID, st.Field, st.ID, st.Field)
		}
	}
	return procedure.Step{}, errorf(ErrCatalogue, "các nhánh của thủ tục %s tạo thành vòng lặp / the branches of procedure %s form a loop", p.Code, p.Code)
}

// openRow appends the slip row for a task handed to its unit and returns its index.
func (d *dossier) openRow(t *Task, giver, note string) int {
	st, _ := d.in.Procedure.Step(t.StepID)
	receiver := t.Unit
	if t.Holder != "" {
		receiver = t.Holder
	}
	d.s.Rows = append(d.s.Rows, SlipRow{
		Seq: len(d.s.Rows) + 1, StepID: t.StepID, Attempt: t.Attempt, StepName: st.Name, Unit: t.Unit,
		GivenBy: giver, GivenAt: t.Started, ReceivedBy: receiver, DueAt: t.Clock.Due, Note: note,
	})
	return len(d.s.Rows) - 1
}

// closeTask queues the end of a task now: its slip row gets the result, the
// actor and whether it finished early, on time or late.
func (d *dossier) closeTask(b *batch, t *Task, result string, a *Actor, via *Delegation, note string) {
	d.closeTaskAt(b, t, d.now(), result, a, via, note)
}

// closeTaskAt is closeTask with the instant the task counts as finished: a
// silent consultation is deemed answered at its deadline, whenever the timer
// that noticed it fired.
func (d *dossier) closeTaskAt(b *batch, t *Task, now time.Time, result string, a *Actor, via *Delegation, note string) {
	rec := journal.Record{Kind: journal.KindDecision, At: now, Step: t.StepID, Attempt: t.Attempt, Unit: t.Unit, Action: result}
	if a != nil {
		rec.Actor = a.ID
		b.giver = a.ID
	}
	if via != nil {
		rec.OnBehalf = via.Person
	}
	b.record(rec)
	b.then(func() {
		row := &d.s.Rows[t.Row]
		row.FinishedAt = now
		row.Result = result
		row.Timeliness = classify(now, t.Clock)
		if note != "" {
			row.Note = note
		}
		if a != nil {
			row.Actor = a.ID
			d.s.LastActor = a.ID
		}
		if via != nil {
			row.OnBehalfOf = via.Person
			row.Delegation = via.Kind
		}
		if row.Timeliness == Late {
			d.s.LateUnits = addUnique(d.s.LateUnits, t.Unit)
		}
		d.removeTask(t)
	})
}

func (d *dossier) removeTask(t *Task) {
	for i, x := range d.s.Tasks {
		if x == t {
			d.s.Tasks = append(d.s.Tasks[:i], d.s.Tasks[i+1:]...)
			return
		}
	}
}

// closeAll queues the end of every open task with the same result.
func (d *dossier) closeAll(b *batch, result string, a *Actor, via *Delegation, note string) {
	for _, t := range d.s.Tasks {
		d.closeTask(b, t, result, a, via, note)
	}
	b.then(func() { d.s.Group = nil })
}

// advance queues the move past the current top-level step: the dossier clock
// restarts if that step had stopped it, and the next step is entered — after
// the paper cut-off when the dossier leaves the desk.
func (d *dossier) advance(b *batch, from string) error {
	st, _ := d.in.Procedure.Step(from)
	next, err := d.resolve(d.in.Procedure.Following(from))
	if err != nil {
		return err
	}
	// Between two clock-stopping steps (tax assessment, then payment) the
	// dossier clock stays stopped.
	if st.StopsClock && !next.StopsClock {
		d.resumeDossierClock(b, StatusInProgress)
	}
	return d.enter(b, next.ID, d.now(), st.Kind != procedure.KindParallel && d.leavesDesk(st.Unit))
}

// finish queues the end of the dossier. status is finished, refused or
// withdrawn; a finished dossier's outcome says whether it was early, on time
// or late against its (possibly extended) return date.
func (d *dossier) finish(b *batch, status Status, reason string, a *Actor) {
	now := d.now()
	rec := journal.Record{Kind: journal.KindFinished, Unit: d.in.Desk, Action: string(status)}
	if a != nil {
		rec.Actor = a.ID
	}
	b.record(rec)
	b.then(func() {
		d.s.Status = status
		d.s.FinishedAt = now
		d.s.Current = ""
		d.s.Group = nil
		switch status {
		case StatusFinished:
			d.s.Timeliness = classify(now, d.s.Dossier)
			d.s.Outcome = "finished_" + string(d.s.Timeliness)
		default:
			d.s.Outcome = string(status)
		}
		if len(d.s.ClockStops) > 0 {
			if last := &d.s.ClockStops[len(d.s.ClockStops)-1]; last.ResumedAt.IsZero() {
				last.ResumedAt = now
			}
		}
	})
}

// classify compares a finish with a clock's deadline.
func classify(at time.Time, c Clock) Timeliness {
	switch {
	case c.Due.IsZero():
		return OnTime
	case at.After(c.Due):
		return Late
	case at.Before(c.DueDayStart):
		return Early
	default:
		return OnTime
	}
}

// task returns the open task of a step, or nil.
func (d *dossier) task(stepID string) *Task {
	for _, t := range d.s.Tasks {
		if t.StepID == stepID {
			return t
		}
	}
	return nil
}

// ladderRungs returns the rungs of a task's ladder.
func (d *dossier) ladderRungs(stepID string) []procedure.Rung {
	st, _ := d.in.Procedure.Step(stepID)
	l, _ := d.in.Procedure.LadderFor(st)
	return l.Rungs
}

// handoffRecord is the journal record of a task handed to its unit by giver.
func handoffRecord(t *Task, giver string) journal.Record {
	return journal.Record{Kind: journal.KindHandoff, Step: t.StepID, Attempt: t.Attempt, Unit: t.Unit, Actor: giver}
}
