package activities

import (
	"context"
	"fmt"
	"time"

	"github.com/lienthong/lienthong/journal"
	"github.com/lienthong/lienthong/procedure"
	"github.com/lienthong/lienthong/workday"
)

// PlanInput is everything one workflow task needs from the outside world:
// records to write and deadlines to compute. Batching them keeps a decision to
// a single local activity, i.e. a single marker event in history.
type PlanInput struct {
	Records   []journal.Record   `json:"records,omitempty"`
	Windows   []WindowRequest    `json:"windows,omitempty"`
	Remaining []RemainingRequest `json:"remaining,omitempty"`
	Repeats   []RepeatRequest    `json:"repeats,omitempty"`
}

// WindowRequest asks for the deadline of a piece of work that starts at From
// and may take Duration, and for the instants of its ladder rungs.
type WindowRequest struct {
	From time.Time `json:"from"`
	// Paper applies the paper cut-off first: a paper dossier received after
	// 15:00 moves at the start of the next working day.
	Paper    bool             `json:"paper,omitempty"`
	Duration workday.Duration `json:"duration"`
	Rungs    []procedure.Rung `json:"rungs,omitempty"`
	// DueFrom, when set, counts Duration from it instead of from the start:
	// an extension adds time to an existing deadline.
	DueFrom time.Time `json:"dueFrom,omitzero"`
	// Record, when set, is written with Due = the window's deadline (and At =
	// its start unless set): the hand-off, reception or new-deadline record of
	// the work this window times.
	Record *journal.Record `json:"record,omitempty"`
}

// Window is a computed deadline. Due is zero when the duration is zero-valued
// (no limit), and then there are no rung instants.
type Window struct {
	Start time.Time `json:"start"`
	Due   time.Time `json:"due,omitzero"`
	// DueDayStart is midnight at the start of Due's local date: work finished
	// before it is early (trước hạn).
	DueDayStart time.Time   `json:"dueDayStart,omitzero"`
	Rungs       []time.Time `json:"rungs,omitempty"`
}

// RemainingRequest asks how much time is left at From before Due, counted in
// the unit of the limit (working minutes for working units, minutes for
// calendar and clock units): what a stopped clock keeps.
type RemainingRequest struct {
	From time.Time    `json:"from"`
	Due  time.Time    `json:"due"`
	Unit workday.Unit `json:"unit"`
}

// RepeatRequest asks for the next instant of a repeating rung.
type RepeatRequest struct {
	After time.Time        `json:"after"`
	Every workday.Duration `json:"every"`
}

// PlanOutput answers a PlanInput, slice for slice.
type PlanOutput struct {
	Windows   []Window           `json:"windows,omitempty"`
	Remaining []workday.Duration `json:"remaining,omitempty"`
	Repeats   []time.Time        `json:"repeats,omitempty"`
	// CalendarRevision names the calendar data the answer was computed with.
	CalendarRevision string `json:"calendarRevision"`
}

// Plan writes the records (idempotently: a retried attempt writes nothing
// twice) and computes the requested deadlines. It runs as a local activity.
func (a *Activities) Plan(ctx context.Context, in PlanInput) (PlanOutput, error) {
	cal := a.Calendar()
	out := PlanOutput{CalendarRevision: cal.Revision()}
	records := in.Records
	for i, w := range in.Windows {
		win, err := window(cal, w)
		if err != nil {
			return PlanOutput{}, fmt.Errorf("window %d: %w", i, err)
		}
		out.Windows = append(out.Windows, win)
		if w.Record != nil {
			r := *w.Record
			if r.At.IsZero() {
				r.At = win.Start
			}
			if !win.Due.IsZero() {
				due := win.Due
				r.Due = &due
			}
			records = append(records, r)
		}
	}
	for i, r := range in.Remaining {
		d, err := cal.Remaining(r.From, r.Due, r.Unit)
		if err != nil {
			return PlanOutput{}, fmt.Errorf("remaining %d: %w", i, err)
		}
		out.Remaining = append(out.Remaining, d)
	}
	for i, r := range in.Repeats {
		t, err := cal.Add(r.After, r.Every)
		if err != nil {
			return PlanOutput{}, fmt.Errorf("repeat %d: %w", i, err)
		}
		out.Repeats = append(out.Repeats, t)
	}
	if len(records) > 0 {
		if _, err := a.record(ctx, records); err != nil {
			return PlanOutput{}, err
		}
	}
	return out, nil
}

func window(cal *workday.Calendar, w WindowRequest) (Window, error) {
	start := w.From
	if w.Paper {
		t, err := cal.TransferInstant(w.From, true)
		if err != nil {
			return Window{}, err
		}
		start = t
	}
	win := Window{Start: start}
	if w.Duration.IsZero() {
		return win, nil
	}
	from := start
	if !w.DueFrom.IsZero() {
		from = w.DueFrom
	}
	due, err := cal.Add(from, w.Duration)
	if err != nil {
		return Window{}, err
	}
	win.Due = due
	local := due.In(cal.Location())
	win.DueDayStart = time.Date(local.Year(), local.Month(), local.Day(), 0, 0, 0, 0, local.Location())
	for i, r := range w.Rungs {
		t, err := rungAt(cal, start, due, w.Duration.Unit, r)
		if err != nil {
			return Window{}, fmt.Errorf("rung %d: %w", i, err)
		}
		win.Rungs = append(win.Rungs, t)
	}
	return win, nil
}

// rungAt places a ladder rung against the window [start, due].
func rungAt(cal *workday.Calendar, start, due time.Time, unit workday.Unit, r procedure.Rung) (time.Time, error) {
	switch {
	case r.AtPercent > 0:
		return cal.Fraction(start, due, unit, r.AtPercent)
	case r.After != nil:
		if r.After.Amount == 0 {
			return due, nil // "at the deadline", whatever the unit
		}
		return cal.Add(due, *r.After)
	case r.Before != nil:
		t, err := cal.Before(due, *r.Before)
		if err != nil {
			return time.Time{}, err
		}
		return latest(start, t), nil // never before the work began
	}
	return time.Time{}, fmt.Errorf("rung has none of atPercent, before, after")
}

// WorkingMinutes converts a duration to office minutes (a working day is 8
// office hours, a half-day 4) to compare limits given in different units; a
// calendar day counts as a working day for that comparison.
func WorkingMinutes(d workday.Duration) int {
	switch d.Unit {
	case workday.WorkingDays, workday.CalendarDays:
		return d.Amount * 480
	case workday.HalfDays:
		return d.Amount * 240
	case workday.WorkingHours:
		return d.Amount * 60
	default:
		return d.Amount
	}
}

func latest(a, b time.Time) time.Time {
	if a.After(b) {
		return a
	}
	return b
}
