package workday

import "time"

// Before returns the instant a duration d before due, for warnings that must
// come ahead of a deadline (the apology-letter duty one working day before a
// dossier's due time). It mirrors Add:
//
//   - working_days N: the close of office of the N-th working day before
//     due's local date;
//   - half_days N: the start of the N-th whole office session ending at or
//     before due;
//   - working_hours, working_minutes: office time counted back from due
//     (a result on a session boundary is the earlier session's end, as in Add);
//   - calendar_days N: the close of office on due's local date − N days, or of
//     the last working day before it if that is a day off (warning early
//     rather than late);
//   - minutes: due − N minutes.
//
// An amount of 0 returns due unchanged.
func (c *Calendar) Before(due time.Time, d Duration) (time.Time, error) {
	if err := d.Validate(); err != nil {
		return time.Time{}, err
	}
	n := d.Amount
	if d.Unit == Minutes {
		if n > maxMinutes {
			return time.Time{}, durationError(d, "amount too large")
		}
		return due.Add(-time.Duration(n) * time.Minute).In(c.loc), nil
	}
	idx, tod, err := c.locate(due)
	if err != nil {
		return time.Time{}, err
	}
	if n == 0 {
		return due.In(c.loc), nil
	}
	before := c.missing(c.years[0] - 1)
	switch d.Unit {
	case WorkingDays:
		k := int(c.workBefore[idx]) - min(n, len(c.workDays)+1)
		if k < 0 {
			return time.Time{}, before
		}
		w := int(c.workDays[k])
		return c.instant(w, c.closing(w)), nil
	case HalfDays:
		g := int(c.sessionsBefore[idx])
		if c.days[idx].info.Working {
			for _, s := range c.days[idx].hours.sessions {
				if s.end <= tod {
					g++
				}
			}
		}
		g -= min(n, len(c.sessions)+1)
		if g < 0 {
			return time.Time{}, before
		}
		ref := c.sessions[g]
		return c.instant(int(ref.day), c.days[ref.day].hours.sessions[ref.session].start), nil
	case WorkingHours, WorkingMinutes:
		unit := time.Minute
		if d.Unit == WorkingHours {
			unit = time.Hour
		}
		if int64(n)*int64(unit/time.Minute) > maxOfficeTime {
			return time.Time{}, before
		}
		target := c.officeAt(idx, tod) - time.Duration(n)*unit
		switch {
		case target < 0:
			return time.Time{}, before
		case target == 0:
			w := int(c.workDays[0])
			return c.instant(w, c.days[w].hours.sessions[0].start), nil
		}
		p, t, err := c.officePosition(target)
		if err != nil {
			return time.Time{}, err
		}
		return c.instant(p, t), nil
	default: // CalendarDays
		if n > maxCalendarDays {
			return time.Time{}, durationError(d, "amount too large")
		}
		target := idx - n
		if target < 0 {
			dd := &c.days[idx]
			return time.Time{}, c.missing(time.Date(dd.year, dd.month, dd.dom-n, 12, 0, 0, 0, time.UTC).Year())
		}
		k := int(c.workBefore[target+1]) - 1 // last working day ≤ target
		if k < 0 {
			return time.Time{}, before
		}
		w := int(c.workDays[k])
		return c.instant(w, c.closing(w)), nil
	}
}
