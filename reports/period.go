package reports

import (
	"fmt"
	"strconv"
	"strings"
	"time"
)

// Vietnam is the offices' time zone, Asia/Ho_Chi_Minh, which is UTC+07:00
// all year. Periods start and end at local midnight in it.
var Vietnam = time.FixedZone("ICT", 7*60*60)

// Kind is the length of a reporting period.
type Kind string

// The period kinds: a week runs Monday to Sunday (ISO 8601 weeks); the others
// are calendar months, quarters and years.
const (
	Week    Kind = "week"
	Month   Kind = "month"
	Quarter Kind = "quarter"
	Year    Kind = "year"
)

// Period is a reporting period: the instants from Start (inclusive) to End
// (exclusive), both local midnights in Vietnam.
type Period struct {
	Kind  Kind
	Start time.Time
	End   time.Time
}

// PeriodOf returns the period of the kind that contains t.
func PeriodOf(k Kind, t time.Time) (Period, error) {
	t = t.In(Vietnam)
	y, m, d := t.Date()
	var start time.Time
	switch k {
	case Week:
		wd := (int(t.Weekday()) + 6) % 7 // Monday 0 … Sunday 6
		start = time.Date(y, m, d-wd, 0, 0, 0, 0, Vietnam)
	case Month:
		start = time.Date(y, m, 1, 0, 0, 0, 0, Vietnam)
	case Quarter:
		start = time.Date(y, m-(m-1)%3, 1, 0, 0, 0, 0, Vietnam)
	case Year:
		start = time.Date(y, 1, 1, 0, 0, 0, 0, Vietnam)
	default:
		return Period{}, fmt.Errorf("reports: unknown period kind %q (want week, month, quarter or year)", k)
	}
	return Period{Kind: k, Start: start, End: advance(k, start, 1)}, nil
}

// advance moves a period start by n periods of the kind.
func advance(k Kind, start time.Time, n int) time.Time {
	switch k {
	case Week:
		return start.AddDate(0, 0, 7*n)
	case Month:
		return start.AddDate(0, n, 0)
	case Quarter:
		return start.AddDate(0, 3*n, 0)
	default:
		return start.AddDate(n, 0, 0)
	}
}

// Previous returns the period of the same kind just before p.
func (p Period) Previous() Period {
	return Period{Kind: p.Kind, Start: advance(p.Kind, p.Start, -1), End: p.Start}
}

// Next returns the period of the same kind just after p.
func (p Period) Next() Period {
	return Period{Kind: p.Kind, Start: p.End, End: advance(p.Kind, p.End, 1)}
}

// Contains reports whether t falls in the period.
func (p Period) Contains(t time.Time) bool { return !t.Before(p.Start) && t.Before(p.End) }

// String formats the period as ParsePeriod reads it: "2026-W48" (ISO week),
// "2026-11", "2026-Q4" or "2026".
func (p Period) String() string {
	s := p.Start.In(Vietnam)
	switch p.Kind {
	case Week:
		y, w := s.ISOWeek()
		return fmt.Sprintf("%04d-W%02d", y, w)
	case Month:
		return fmt.Sprintf("%04d-%02d", s.Year(), int(s.Month()))
	case Quarter:
		return fmt.Sprintf("%04d-Q%d", s.Year(), (int(s.Month())-1)/3+1)
	case Year:
		return fmt.Sprintf("%04d", s.Year())
	}
	return fmt.Sprintf("%s..%s", s.Format(time.DateOnly), p.End.In(Vietnam).Format(time.DateOnly))
}

// Label is the period in Vietnamese for headings: "Tuần 48/2026",
// "Tháng 11/2026", "Quý IV/2026", "Năm 2026".
func (p Period) Label() string {
	s := p.Start.In(Vietnam)
	switch p.Kind {
	case Week:
		y, w := s.ISOWeek()
		return fmt.Sprintf("Tuần %d/%d", w, y)
	case Month:
		return fmt.Sprintf("Tháng %d/%d", int(s.Month()), s.Year())
	case Quarter:
		return fmt.Sprintf("Quý %s/%d", [...]string{"I", "II", "III", "IV"}[(int(s.Month())-1)/3], s.Year())
	}
	return fmt.Sprintf("Năm %d", s.Year())
}

// ParsePeriod reads "2026-W48" (ISO 8601 week: Monday to Sunday, week 1 holds
// the year's first Thursday, so 2026-W01 starts on Monday 29 Dec 2025),
// "2026-11" (month), "2026-Q4" (quarter) or "2026" (year).
func ParsePeriod(s string) (Period, error) {
	bad := func(why string) (Period, error) {
		return Period{}, fmt.Errorf("reports: period %q: %s (want 2026-W48, 2026-11, 2026-Q4 or 2026)", s, why)
	}
	year := func(v string) (int, bool) {
		if len(v) != 4 {
			return 0, false
		}
		n, err := strconv.Atoi(v)
		return n, err == nil && n >= 1
	}
	ys, rest, hasRest := strings.Cut(s, "-")
	y, ok := year(ys)
	if !ok {
		return bad("bad year")
	}
	if !hasRest {
		start := time.Date(y, 1, 1, 0, 0, 0, 0, Vietnam)
		return Period{Kind: Year, Start: start, End: advance(Year, start, 1)}, nil
	}
	number := func(v string, lo, hi int) (int, bool) {
		if v == "" || len(v) > 2 {
			return 0, false
		}
		n, err := strconv.Atoi(v)
		return n, err == nil && n >= lo && n <= hi && v[0] != '+' && v[0] != '-'
	}
	switch {
	case strings.HasPrefix(rest, "W"):
		w, ok := number(rest[1:], 1, 53)
		if !ok || len(rest) != 3 {
			return bad("bad week")
		}
		// Monday of week 1 is the Monday on or before 4 January.
		jan4 := time.Date(y, 1, 4, 0, 0, 0, 0, Vietnam)
		week1 := jan4.AddDate(0, 0, -((int(jan4.Weekday()) + 6) % 7))
		start := week1.AddDate(0, 0, 7*(w-1))
		if iy, _ := start.ISOWeek(); iy != y {
			return bad(fmt.Sprintf("%d has no week %d", y, w))
		}
		return Period{Kind: Week, Start: start, End: advance(Week, start, 1)}, nil
	case strings.HasPrefix(rest, "Q"):
		q, ok := number(rest[1:], 1, 4)
		if !ok || len(rest) != 2 {
			return bad("bad quarter")
		}
		start := time.Date(y, time.Month(3*q-2), 1, 0, 0, 0, 0, Vietnam)
		return Period{Kind: Quarter, Start: start, End: advance(Quarter, start, 1)}, nil
	default:
		m, ok := number(rest, 1, 12)
		if !ok || len(rest) != 2 {
			return bad("bad month")
		}
		start := time.Date(y, time.Month(m), 1, 0, 0, 0, 0, Vietnam)
		return Period{Kind: Month, Start: start, End: advance(Month, start, 1)}, nil
	}
}
