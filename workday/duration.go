package workday

import (
	"fmt"
	"strings"
)

// Unit is the unit in which a time limit is counted. Vietnamese procedures
// mostly count working days; some laws count calendar days, and internal plans
// split a step into half-days or hours.
type Unit string

const (
	// WorkingDays counts whole working days. Counting starts the day after the
	// start instant; the limit ends at the close of office hours of the last day.
	// Zero working days means "the same working day" (the next working day when
	// the start is after the paper cut-off or on a day off).
	WorkingDays Unit = "working_days"
	// HalfDays counts whole office sessions (morning 08:00–12:00, afternoon
	// 13:00–17:00) starting after the start instant.
	HalfDays Unit = "half_days"
	// WorkingHours counts office time from the start instant, hour by hour.
	WorkingHours Unit = "working_hours"
	// WorkingMinutes counts office time in minutes; it is what remains of a
	// stopped clock and what internal arithmetic uses.
	WorkingMinutes Unit = "working_minutes"
	// CalendarDays counts plain days; a limit that ends on a day off ends at the
	// close of the next working day.
	CalendarDays Unit = "calendar_days"
	// Minutes counts elapsed wall-clock minutes, ignoring the calendar. It exists
	// for drills and test catalogues, never for a real legal limit.
	Minutes Unit = "minutes"
)

// Units lists every unit a catalogue may use, in the order documentation shows them.
var Units = []Unit{WorkingDays, HalfDays, WorkingHours, WorkingMinutes, CalendarDays, Minutes}

// Valid reports whether u is one of Units.
func (u Unit) Valid() bool {
	for _, k := range Units {
		if u == k {
			return true
		}
	}
	return false
}

// Duration is an amount of time in a Unit, e.g. {3, working_days}.
type Duration struct {
	Amount int  `json:"amount"`
	Unit   Unit `json:"unit"`
}

// String renders the duration for people and logs, e.g. "3 working_days".
func (d Duration) String() string { return fmt.Sprintf("%d %s", d.Amount, d.Unit) }

// IsZero reports whether d is the zero value (no limit configured).
func (d Duration) IsZero() bool { return d.Amount == 0 && d.Unit == "" }

// Validate reports whether d can be computed: a known unit and a
// non-negative amount. The zero Duration is not valid: it has no unit.
func (d Duration) Validate() error {
	if !d.Unit.Valid() {
		names := make([]string, len(Units))
		for i, u := range Units {
			names[i] = string(u)
		}
		return fmt.Errorf("workday: duration %q: unknown unit %q; want one of %s", d.String(), d.Unit, strings.Join(names, ", "))
	}
	if d.Amount < 0 {
		return fmt.Errorf("workday: duration %q: negative amount; want 0 or more", d.String())
	}
	return nil
}
