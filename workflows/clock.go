package workflows

import (
	"strings"

	"github.com/lienthong/lienthong/activities"
	"github.com/lienthong/lienthong/journal"
	"github.com/lienthong/lienthong/workday"
)

// stopDossierClock queues stopping the dossier's own clock: what is left of
// its time is kept and given back on resume.
func (d *dossier) stopDossierClock(b *batch, kind Status, step, reason string) {
	now := d.now()
	c := &d.s.Dossier
	b.record(journal.Record{Kind: journal.KindClockStop, Step: step, Action: string(kind)})
	if c.Stopped == nil && !c.Due.IsZero() {
		b.remaining(activities.RemainingRequest{From: now, Due: c.Due, Unit: c.Basis.Duration.Unit}, func(r workday.Duration) {
			c.Stopped = &r
		})
	}
	b.then(func() {
		d.s.Status = kind
		// A stop handed on from a previous stop (one clock-stopping step to
		// the next) closes that one's period.
		if n := len(d.s.ClockStops); n > 0 && d.s.ClockStops[n-1].ResumedAt.IsZero() {
			d.s.ClockStops[n-1].ResumedAt = now
		}
		d.s.ClockStops = append(d.s.ClockStops, ClockStop{Kind: kind, Step: step, StoppedAt: now, Reason: reason})
	})
}

// resumeDossierClock queues restarting the dossier's clock with the time it
// had left.
func (d *dossier) resumeDossierClock(b *batch, status Status) {
	now := d.now()
	c := &d.s.Dossier
	rec := journal.Record{Kind: journal.KindClockStart, At: now}
	if c.Stopped == nil {
		b.record(rec)
	} else {
		left := resumable(*c.Stopped, c.Basis.Duration.Unit)
		b.window(activities.WindowRequest{From: now, Duration: left, Rungs: d.in.Procedure.DossierLadder, Record: &rec}, func(w activities.Window) {
			c.Basis = Basis{From: now, Duration: left}
			clockFrom(c, w)
			c.Stopped = nil
			c.Overdue = !w.Due.After(now)
		})
	}
	b.then(func() {
		d.s.Status = status
		if n := len(d.s.ClockStops); n > 0 && d.s.ClockStops[n-1].ResumedAt.IsZero() {
			d.s.ClockStops[n-1].ResumedAt = now
		}
	})
}

// requestSupplement queues the return of the dossier to the citizen through
// the desk: every open clock stops until the supplement arrives.
func (d *dossier) requestSupplement(b *batch, t *Task, req DecideRequest, via *Delegation) {
	now := d.now()
	reason := supplementNote(req)
	d.closeTask(b, t, string(req.Action), &req.Actor, via, reason)
	for _, o := range d.s.Tasks {
		if o == t || o.Clock.Due.IsZero() || o.Clock.Stopped != nil {
			continue
		}
		oc := &o.Clock
		b.remaining(activities.RemainingRequest{From: now, Due: oc.Due, Unit: oc.Basis.Duration.Unit}, func(r workday.Duration) { oc.Stopped = &r })
	}
	if !t.Clock.Due.IsZero() {
		tc := &t.Clock
		b.remaining(activities.RemainingRequest{From: now, Due: tc.Due, Unit: tc.Basis.Duration.Unit}, func(r workday.Duration) { tc.Stopped = &r })
	}
	// A consultation's own deadline (silence is consent) waits for the
	// citizen too.
	if g := d.s.Group; g != nil && !g.Clock.Due.IsZero() && g.Clock.Stopped == nil {
		gc := &g.Clock
		b.remaining(activities.RemainingRequest{From: now, Due: gc.Due, Unit: gc.Basis.Duration.Unit}, func(r workday.Duration) { gc.Stopped = &r })
	}
	wasStopped := d.s.Status == StatusObligations
	d.stopDossierClock(b, StatusSupplement, t.StepID, reason)
	b.then(func() {
		d.s.Supplements++
		d.s.StepSupplements[t.StepID]++
		// The task stays open, held by the desk until the citizen returns:
		// closeTask removed it, so it comes back as a stopped task.
		d.s.Tasks = append(d.s.Tasks, t)
		if wasStopped {
			d.s.ClockStops[len(d.s.ClockStops)-1].Reason += " (trong thời gian chờ nghĩa vụ tài chính)"
		}
	})
}

func supplementNote(req DecideRequest) string {
	parts := []string{}
	if req.Reason != "" {
		parts = append(parts, req.Reason)
	}
	if len(req.Missing) > 0 {
		parts = append(parts, "thiếu: "+strings.Join(req.Missing, "; "))
	}
	return strings.Join(parts, " — ")
}

// resumable is what a stopped clock gives back on resume: the remaining
// working time as is, but a calendar-day limit's remaining minutes as whole
// calendar days (rounded up), so it still ends at the close of a working day.
func resumable(left workday.Duration, unit workday.Unit) workday.Duration {
	if unit == workday.CalendarDays && left.Unit == workday.Minutes {
		return workday.Duration{Amount: (left.Amount + 24*60 - 1) / (24 * 60), Unit: workday.CalendarDays}
	}
	return left
}

// resume queues the restart of every stopped clock after a supplement: each
// task gets back the time it had left, counted from now, and the unit that
// asked receives the dossier again (a new slip row).
func (d *dossier) resume(b *batch, req ResumeRequest) {
	now := d.now()
	stop := d.s.ClockStops[len(d.s.ClockStops)-1]
	for _, t := range d.s.Tasks {
		if t.Clock.Stopped == nil {
			continue
		}
		t := t
		left := resumable(*t.Clock.Stopped, t.Clock.Basis.Duration.Unit)
		var rec *journal.Record
		if t.StepID == stop.Step {
			rec = &journal.Record{Kind: journal.KindHandoff, Step: t.StepID, Attempt: t.Attempt, Unit: t.Unit, Actor: req.Actor.ID, Note: "supplemented"}
		}
		b.window(activities.WindowRequest{From: now, Duration: left, Rungs: d.ladderRungs(t.StepID), Record: rec}, func(w activities.Window) {
			t.Clock.Basis = Basis{From: now, Duration: left}
			clockFrom(&t.Clock, w)
			t.Clock.Stopped = nil
			t.Clock.Overdue = false
		})
		if rec != nil {
			b.then(func() {
				t.Started = now
				t.Row = d.openRow(t, req.Actor.ID, "đã bổ sung hồ sơ / supplemented")
			})
		}
	}
	if g := d.s.Group; g != nil && g.Clock.Stopped != nil {
		left := resumable(*g.Clock.Stopped, g.Clock.Basis.Duration.Unit)
		b.window(activities.WindowRequest{From: now, Duration: left}, func(w activities.Window) {
			g.Clock.Basis = Basis{From: now, Duration: left}
			clockFrom(&g.Clock, w)
			g.Clock.Stopped = nil
		})
	}
	if cur, _ := d.in.Procedure.Step(d.s.Current); cur.StopsClock {
		// The dossier clock was already stopped for financial obligations.
		b.record(journal.Record{Kind: journal.KindClockStart, Actor: req.Actor.ID, Step: stop.Step})
		b.then(func() {
			d.s.Status = StatusObligations
			d.s.ClockStops[len(d.s.ClockStops)-1].ResumedAt = now
		})
		return
	}
	d.resumeDossierClock(b, StatusInProgress)
}

// extend queues the one extension of the return date that an apology slip
// grants: the dossier's deadline and the late step's move by the same time.
func (d *dossier) extend(b *batch, t *Task, req DecideRequest, via *Delegation) {
	now := d.now()
	dc, tc := &d.s.Dossier, &t.Clock
	// The extension record carries the new return date.
	rec := journal.Record{Kind: journal.KindExtension, At: now, Step: t.StepID, Attempt: t.Attempt, Unit: t.Unit, Actor: req.Actor.ID, Note: req.ExtendBy.String()}
	b.window(activities.WindowRequest{From: dc.Basis.From, DueFrom: dc.Due, Duration: req.ExtendBy, Rungs: d.in.Procedure.DossierLadder, Record: &rec}, func(w activities.Window) {
		dc.Basis = Basis{From: dc.Basis.From, DueFrom: dc.Due, Duration: req.ExtendBy}
		clockFrom(dc, w)
		dc.Overdue = !w.Due.After(now)
	})
	if !tc.Due.IsZero() {
		// The late step's deadline moves too; its record carries the new due.
		moved := journal.Record{Kind: journal.KindRecomputed, At: now, Step: t.StepID, Attempt: t.Attempt, Unit: t.Unit, Note: "extension"}
		b.window(activities.WindowRequest{From: tc.Basis.From, DueFrom: tc.Due, Duration: req.ExtendBy, Rungs: d.ladderRungs(t.StepID), Record: &moved}, func(w activities.Window) {
			tc.Basis = Basis{From: tc.Basis.From, DueFrom: tc.Due, Duration: req.ExtendBy}
			clockFrom(tc, w)
			tc.Overdue = !w.Due.After(now)
		})
	}
	b.then(func() {
		d.s.Extended = true
		d.s.ExtendedBy = req.Actor.ID
		row := &d.s.Rows[t.Row]
		row.DueAt = tc.Due
		row.Note = strings.TrimSpace(row.Note + " Gia hạn / extended " + req.ExtendBy.String() + ": " + req.Reason)
	})
}
