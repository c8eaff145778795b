package workday

import "time"

// Skipped is a day off passed over while counting a limit, so that a receipt
// or an explanation can say why the deadline is later than it looks.
type Skipped struct {
	// Date is the civil date, YYYY-MM-DD.
	Date string `json:"date"`
	// Reason is the Vietnamese reason, e.g. "Tết Nguyên đán", "Thứ Bảy", "Chủ nhật".
	Reason string `json:"reason"`
	// Kind tells weekends from holidays and swapped days.
	Kind DayKind `json:"kind"`
}

// Limits beyond which an amount cannot be meant: they keep the arithmetic
// away from integer overflow. Anything that large needs years that are not
// loaded anyway.
const (
	maxCalendarDays = 3_660_000          // about 10,000 years
	maxMinutes      = 100_000_000        // about 190 years of wall-clock time
	maxOfficeTime   = 1_000_000 * 60 * 8 // minutes in a million working days
)

// Add returns the instant a limit of d counted from from ends.
//
//   - working_days N (N ≥ 1): counting starts the day after from's local
//     date; the limit ends at the close of office (17:00) of the N-th working
//     day. N = 0 means the same working day: the close of from's day if it is
//     a working day and from is before the paper cut-off (15:00), else the
//     close of the next working day.
//   - half_days N: the end of the N-th whole office session starting at or
//     after from. N = 0 gives from moved into office time (as below).
//   - working_hours, working_minutes: office time consumed from from; a from
//     outside office time starts at the next session start. A result that
//     lands exactly on the end of a session stays there (12:00, 17:00) rather
//     than moving to the next start.
//   - calendar_days N: the close of office on from's local date + N days; if
//     that is a day off, the close of the next working day.
//   - minutes: from + N minutes, ignoring the calendar.
//
// For all working units, Add(Add(t, a), b) equals Add(t, a+b) (for working_days
// when a, b ≥ 1, since 0 means "same day", not "no time"), and the result is
// always within office hours. Results are in the calendar's time zone. A date
// outside the loaded years gives a *MissingYearError.
func (c *Calendar) Add(from time.Time, d Duration) (time.Time, error) {
	due, _, err := c.add(from, d, false)
	return due, err
}

// Explain is Add that also lists the days off passed over: for working_days
// (N ≥ 1) those after from's date and before the due date; for the office-time
// units and working_days 0 those from from's date on; for calendar_days those
// that pushed the due date back from the nominal one.
func (c *Calendar) Explain(from time.Time, d Duration) (due time.Time, skipped []Skipped, err error) {
	return c.add(from, d, true)
}

// add implements Add and Explain; explain is false on the hot path so that no
// list is built.
func (c *Calendar) add(from time.Time, d Duration, explain bool) (time.Time, []Skipped, error) {
	if err := d.Validate(); err != nil {
		return time.Time{}, nil, err
	}
	n := d.Amount
	if d.Unit == Minutes {
		if n > maxMinutes {
			return time.Time{}, nil, durationError(d, "amount too large")
		}
		return from.Add(time.Duration(n) * time.Minute).In(c.loc), nil, nil
	}
	idx, tod, err := c.locate(from)
	if err != nil {
		return time.Time{}, nil, err
	}

	var dueIdx int
	var dueTod time.Duration
	skipFrom := idx
	switch d.Unit {
	case WorkingDays:
		if dueIdx, err = c.nthWorkingDay(idx, tod, n); err != nil {
			return time.Time{}, nil, err
		}
		dueTod = c.closing(dueIdx)
		if n > 0 {
			skipFrom = idx + 1
		}
	case HalfDays:
		if n == 0 {
			dueIdx, dueTod, err = c.normalise(idx, tod)
		} else {
			dueIdx, dueTod, err = c.nthSession(idx, tod, n)
		}
	case WorkingHours, WorkingMinutes:
		unit := time.Minute
		if d.Unit == WorkingHours {
			unit = time.Hour
		}
		if int64(n)*int64(unit/time.Minute) > maxOfficeTime {
			return time.Time{}, nil, c.beyond()
		}
		if n == 0 {
			dueIdx, dueTod, err = c.normalise(idx, tod)
		} else {
			dueIdx, dueTod, err = c.officePosition(c.officeAt(idx, tod) + time.Duration(n)*unit)
		}
	case CalendarDays:
		if n > maxCalendarDays {
			return time.Time{}, nil, durationError(d, "amount too large")
		}
		target := idx + n
		if target >= len(c.days) {
			dd := &c.days[idx]
			return time.Time{}, nil, c.missing(time.Date(dd.year, dd.month, dd.dom+n, 12, 0, 0, 0, time.UTC).Year())
		}
		k := int(c.workBefore[target])
		if k >= len(c.workDays) {
			return time.Time{}, nil, c.beyond()
		}
		dueIdx = int(c.workDays[k])
		dueTod = c.closing(dueIdx)
		skipFrom = target
	}
	if err != nil {
		return time.Time{}, nil, err
	}
	due := c.instant(dueIdx, dueTod)
	if !explain {
		return due, nil, nil
	}
	return due, c.daysOff(skipFrom, dueIdx), nil
}

// nthWorkingDay returns the day whose close ends a limit of n working days
// from (idx, tod); see Add.
func (c *Calendar) nthWorkingDay(idx int, tod time.Duration, n int) (int, error) {
	dd := &c.days[idx]
	if n == 0 && dd.info.Working && tod < dd.hours.cutoff {
		return idx, nil
	}
	if n > len(c.workDays) {
		return 0, c.beyond()
	}
	k := int(c.workBefore[idx+1]) + n - 1
	if n == 0 {
		k = int(c.workBefore[idx+1])
	}
	if k >= len(c.workDays) {
		return 0, c.beyond()
	}
	return int(c.workDays[k]), nil
}

// nthSession returns the end of the n-th (n ≥ 1) whole session starting at
// or after (idx, tod).
func (c *Calendar) nthSession(idx int, tod time.Duration, n int) (int, time.Duration, error) {
	if n > len(c.sessions) {
		return 0, 0, c.beyond()
	}
	g := int(c.sessionsBefore[idx])
	if c.days[idx].info.Working {
		for _, s := range c.days[idx].hours.sessions {
			if s.start < tod {
				g++ // started before from: not whole
			}
		}
	}
	g += n - 1
	if g >= len(c.sessions) {
		return 0, 0, c.beyond()
	}
	ref := c.sessions[g]
	return int(ref.day), c.days[ref.day].hours.sessions[ref.session].end, nil
}

// closing returns the time of day offices close on day idx.
func (c *Calendar) closing(idx int) time.Duration {
	ss := c.days[idx].hours.sessions
	return ss[len(ss)-1].end
}

// daysOff lists the days off in [from, to).
func (c *Calendar) daysOff(from, to int) []Skipped {
	var out []Skipped
	for i := from; i < to; i++ {
		if info := &c.days[i].info; !info.Working {
			out = append(out, Skipped{Date: info.Date, Reason: info.Name.VI, Kind: info.Kind})
		}
	}
	return out
}
