package workday

import "time"

// Timeliness is how a step or dossier finished relative to its deadline, as
// reported on the process control slip and in on-time rates.
type Timeliness string

const (
	// Early is a finish on a local date before the due date ("trước hạn").
	Early Timeliness = "early"
	// OnTime is a finish on the due date, at or before the due instant ("đúng hạn").
	OnTime Timeliness = "on_time"
	// Late is a finish after the due instant ("quá hạn").
	Late Timeliness = "late"
)

// Vietnamese returns the label used on slips and reports: "trước hạn",
// "đúng hạn" or "quá hạn".
func (t Timeliness) Vietnamese() string {
	switch t {
	case Early:
		return "trước hạn"
	case OnTime:
		return "đúng hạn"
	case Late:
		return "quá hạn"
	}
	return string(t)
}

// English returns the English label: "early", "on time" or "late".
func (t Timeliness) English() string {
	switch t {
	case Early:
		return "early"
	case OnTime:
		return "on time"
	case Late:
		return "late"
	}
	return string(t)
}

// Classify says whether finished is early, on time or late for due. Early
// means on an earlier local date (in the calendar's time zone), as the
// regulations count it, not merely an earlier instant: finishing at 09:00
// for a 17:00 deadline the same day is on time. It needs no loaded year.
func (c *Calendar) Classify(finished, due time.Time) Timeliness {
	if finished.After(due) {
		return Late
	}
	fy, fm, fd := finished.In(c.loc).Date()
	dy, dm, dd := due.In(c.loc).Date()
	if daysFromCivil(fy, fm, fd) < daysFromCivil(dy, dm, dd) {
		return Early
	}
	return OnTime
}
