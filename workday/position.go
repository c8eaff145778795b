package workday

import (
	"sort"
	"time"
)

// This file converts between instants and the calendar's internal
// coordinates: a day index (days since 1 January of the first loaded year)
// and a time of day (offset since local midnight), and between those and
// cumulative office time.

// daysFromCivil returns the number of days from 1970-01-01 to the given civil
// date of the proleptic Gregorian calendar (H. Hinnant's algorithm). It avoids
// time.Date so that locating a date costs a few integer operations.
func daysFromCivil(y int, m time.Month, d int) int {
	if m <= 2 {
		y--
	}
	era := y / 400
	if y < 0 && y%400 != 0 {
		era--
	}
	yoe := y - era*400
	mp := (int(m) + 9) % 12 // March = 0
	doy := (153*mp+2)/5 + d - 1
	doe := yoe*365 + yoe/4 - yoe/100 + doy
	return era*146097 + doe - 719468
}

// missing returns the error for a computation that needs year.
func (c *Calendar) missing(year int) error {
	return &MissingYearError{Year: year, Loaded: c.Years()}
}

// beyond is the error for a computation that runs past the last loaded day.
func (c *Calendar) beyond() error { return c.missing(c.years[len(c.years)-1] + 1) }

// dayIndex returns the index of a civil date, or a MissingYearError.
func (c *Calendar) dayIndex(y int, m time.Month, d int) (int, error) {
	idx := daysFromCivil(y, m, d) - c.base
	if idx < 0 || idx >= len(c.days) {
		return 0, c.missing(y)
	}
	return idx, nil
}

// locate returns the day index and time of day of t in the calendar's zone.
func (c *Calendar) locate(t time.Time) (idx int, tod time.Duration, err error) {
	lt := t.In(c.loc)
	y, m, d := lt.Date()
	idx, err = c.dayIndex(y, m, d)
	if err != nil {
		return 0, 0, err
	}
	h, mi, s := lt.Clock()
	tod = time.Duration(h)*time.Hour + time.Duration(mi)*time.Minute + time.Duration(s)*time.Second + time.Duration(lt.Nanosecond())
	return idx, tod, nil
}

// instant returns the instant at time of day tod on day idx.
func (c *Calendar) instant(idx int, tod time.Duration) time.Time {
	dd := &c.days[idx]
	h := tod / time.Hour
	tod -= h * time.Hour
	mi := tod / time.Minute
	tod -= mi * time.Minute
	s := tod / time.Second
	ns := tod - s*time.Second
	return time.Date(dd.year, dd.month, dd.dom, int(h), int(mi), int(s), int(ns), c.loc)
}

// officeAt returns the office time from the start of the calendar up to time
// of day tod on day idx. It is constant outside office sessions, which is what
// makes office-time arithmetic simple: subtract two of these.
func (c *Calendar) officeAt(idx int, tod time.Duration) time.Duration {
	total := c.officeBefore[idx]
	if !c.days[idx].info.Working {
		return total
	}
	for _, s := range c.days[idx].hours.sessions {
		switch {
		case tod >= s.end:
			total += s.end - s.start
		case tod > s.start:
			total += tod - s.start
		}
	}
	return total
}

// officePosition returns the earliest position at which the cumulative
// office time reaches target (> 0). Being the earliest, a target on the
// boundary between two sessions gives the end of the first one (12:00, or
// 17:00 of the previous working day) rather than the start of the next.
func (c *Calendar) officePosition(target time.Duration) (int, time.Duration, error) {
	n := len(c.days)
	if target > c.officeBefore[n] {
		return 0, 0, c.beyond()
	}
	// Smallest j with officeBefore[j] >= target; target lies in day j-1,
	// which therefore has office time and is a working day.
	j := sort.Search(n+1, func(i int) bool { return c.officeBefore[i] >= target })
	idx := j - 1
	rem := target - c.officeBefore[idx]
	ss := c.days[idx].hours.sessions
	for _, s := range ss {
		if l := s.end - s.start; rem > l {
			rem -= l
		} else {
			return idx, s.start + rem, nil
		}
	}
	// Unreachable while the tables are consistent.
	return idx, ss[len(ss)-1].end, nil
}

// normalise returns the position itself if it lies within an office session
// (ends included), otherwise the start of the next session.
func (c *Calendar) normalise(idx int, tod time.Duration) (int, time.Duration, error) {
	if c.days[idx].info.Working {
		for _, s := range c.days[idx].hours.sessions {
			if tod <= s.end {
				return idx, max(tod, s.start), nil
			}
		}
	}
	k := int(c.workBefore[idx+1])
	if k >= len(c.workDays) {
		return 0, 0, c.beyond()
	}
	next := int(c.workDays[k])
	return next, c.days[next].hours.sessions[0].start, nil
}
