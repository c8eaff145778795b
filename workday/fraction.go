package workday

import (
	"fmt"
	"time"
)

// Fraction returns the instant at which percent % of the time between from
// and due has passed: office time for working units (so a 75 % reminder on a
// step spanning a weekend falls in office hours), elapsed time for
// calendar_days and minutes. percent 0 gives from and 100 gives due; the
// result never precedes from.
func (c *Calendar) Fraction(from, due time.Time, u Unit, percent int) (time.Time, error) {
	if !u.Valid() {
		return time.Time{}, Duration{Unit: u}.Validate()
	}
	if percent < 0 || percent > 100 {
		return time.Time{}, fmt.Errorf("workday: percent %d is out of range; want 0 to 100", percent)
	}
	var start, total time.Duration
	if countsOfficeTime(u) {
		fi, ft, err := c.locate(from)
		if err != nil {
			return time.Time{}, err
		}
		di, dt, err := c.locate(due)
		if err != nil {
			return time.Time{}, err
		}
		start = c.officeAt(fi, ft)
		total = c.officeAt(di, dt) - start
	}
	switch {
	case percent == 0:
		return from.In(c.loc), nil
	case percent == 100 || !due.After(from):
		return due.In(c.loc), nil
	case !countsOfficeTime(u):
		return from.Add(portion(due.Sub(from), percent)).In(c.loc), nil
	}
	part := portion(total, percent)
	if part == 0 {
		return from.In(c.loc), nil
	}
	idx, tod, err := c.officePosition(start + part)
	if err != nil {
		return time.Time{}, err
	}
	// part > 0, so the earliest instant reaching start+part is after from.
	return c.instant(idx, tod), nil
}

// portion returns d·percent/100 without overflowing for long durations.
func portion(d time.Duration, percent int) time.Duration {
	p := time.Duration(percent)
	return d/100*p + d%100*p/100
}
