package workday

import "time"

// TransferInstant returns when a dossier received at received starts moving
// to the next unit. Electronic dossiers move at once. A paper file has to be
// carried: one received on a working day before the paper cut-off (15:00)
// moves at once if the office is open, or when it next opens that day
// (before 08:00, at lunch); one received at or after the cut-off, after
// closing or on a day off moves at 08:00 of the next working day.
func (c *Calendar) TransferInstant(received time.Time, paper bool) (time.Time, error) {
	if !paper {
		return received.In(c.loc), nil
	}
	idx, tod, err := c.locate(received)
	if err != nil {
		return time.Time{}, err
	}
	dd := &c.days[idx]
	if dd.info.Working && tod < dd.hours.cutoff {
		for _, s := range dd.hours.sessions {
			if s.end > tod && s.start < dd.hours.cutoff {
				if tod >= s.start {
					return received.In(c.loc), nil
				}
				return c.instant(idx, s.start), nil
			}
		}
	}
	k := int(c.workBefore[idx+1])
	if k >= len(c.workDays) {
		return time.Time{}, c.beyond()
	}
	next := int(c.workDays[k])
	return c.instant(next, c.days[next].hours.sessions[0].start), nil
}
