package workday

import "time"

// countsOfficeTime reports whether a unit counts office time (and so whether
// the time left on a stopped clock is measured in office time or elapsed time).
func countsOfficeTime(u Unit) bool {
	return u == WorkingDays || u == HalfDays || u == WorkingHours || u == WorkingMinutes
}

// Remaining returns the time left between from and due, for stopping a clock
// (waiting for the citizen, a fee) and resuming it later with
// Add(resumeAt, Remaining(stopAt, due, unit)). For working units it is the
// office time between the two, in working_minutes; for calendar_days and
// minutes it is elapsed time, in minutes. It is zero when due is not after
// from, and is rounded up to the whole minute so that a stopped clock never
// loses time to rounding.
func (c *Calendar) Remaining(from, due time.Time, u Unit) (Duration, error) {
	if !u.Valid() {
		return Duration{}, Duration{Unit: u}.Validate()
	}
	if !countsOfficeTime(u) {
		if !due.After(from) {
			return Duration{Amount: 0, Unit: Minutes}, nil
		}
		return Duration{Amount: ceilMinutes(due.Sub(from)), Unit: Minutes}, nil
	}
	left, err := c.officeBetween(from, due)
	if err != nil {
		return Duration{}, err
	}
	return Duration{Amount: ceilMinutes(left), Unit: WorkingMinutes}, nil
}

// officeBetween returns the office time between from and due (0 if due is not
// after from).
func (c *Calendar) officeBetween(from, due time.Time) (time.Duration, error) {
	fi, ft, err := c.locate(from)
	if err != nil {
		return 0, err
	}
	di, dt, err := c.locate(due)
	if err != nil {
		return 0, err
	}
	if !due.After(from) {
		return 0, nil
	}
	return c.officeAt(di, dt) - c.officeAt(fi, ft), nil
}

func ceilMinutes(d time.Duration) int {
	return int((d + time.Minute - 1) / time.Minute)
}
