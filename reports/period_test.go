package reports

import (
	"testing"
	"time"
)

func TestParsePeriod(t *testing.T) {
	d := func(y int, m time.Month, day int) time.Time { return time.Date(y, m, day, 0, 0, 0, 0, Vietnam) }
	for _, c := range []struct {
		in         string
		kind       Kind
		start, end time.Time
		prev       string
	}{
		// 1 Jan 2026 is a Thursday: week 1 starts on Monday 29 Dec 2025.
		{"2026-W01", Week, d(2025, 12, 29), d(2026, 1, 5), "2025-W52"},
		{"2026-W48", Week, d(2026, 11, 23), d(2026, 11, 30), "2026-W47"},
		{"2026-W53", Week, d(2026, 12, 28), d(2027, 1, 4), "2026-W52"},
		// 2027 starts on a Friday: its week 1 starts on Monday 4 Jan 2027,
		// after 2026-W53.
		{"2027-W01", Week, d(2027, 1, 4), d(2027, 1, 11), "2026-W53"},
		// 2021-W01 starts on 4 Jan 2021; 2020 had 53 weeks.
		{"2021-W01", Week, d(2021, 1, 4), d(2021, 1, 11), "2020-W53"},
		{"2026-11", Month, d(2026, 11, 1), d(2026, 12, 1), "2026-10"},
		{"2026-01", Month, d(2026, 1, 1), d(2026, 2, 1), "2025-12"},
		{"2026-Q4", Quarter, d(2026, 10, 1), d(2027, 1, 1), "2026-Q3"},
		{"2026-Q1", Quarter, d(2026, 1, 1), d(2026, 4, 1), "2025-Q4"},
		{"2026", Year, d(2026, 1, 1), d(2027, 1, 1), "2025"},
	} {
		p, err := ParsePeriod(c.in)
		if err != nil {
			t.Errorf("%s: %v", c.in, err)
			continue
		}
		if p.Kind != c.kind || !p.Start.Equal(c.start) || !p.End.Equal(c.end) {
			t.Errorf("%s = %v %v..%v, want %v %v..%v", c.in, p.Kind, p.Start, p.End, c.kind, c.start, c.end)
		}
		if p.String() != c.in {
			t.Errorf("%s prints as %s", c.in, p)
		}
		if got := p.Previous(); got.String() != c.prev || !got.End.Equal(p.Start) {
			t.Errorf("%s previous = %s (%v..%v), want %s", c.in, got, got.Start, got.End, c.prev)
		}
		if n := p.Previous().Next(); n != p {
			t.Errorf("%s previous.next = %v", c.in, n)
		}
		q, err := PeriodOf(c.kind, c.end.Add(-time.Nanosecond))
		if err != nil || q != p {
			t.Errorf("PeriodOf(%s, last instant) = %v, %v", c.kind, q, err)
		}
		if !p.Contains(c.start) || p.Contains(c.end) {
			t.Errorf("%s Contains bounds wrong", c.in)
		}
	}
	for _, bad := range []string{"", "26", "2026-W00", "2026-W54", "2025-W53", "2026-W1", "2026-13", "2026-00", "2026-1",
		"2026-Q0", "2026-Q5", "2026-Q", "abcd", "2026-", "2026-W+1", "2026-+1", "2026-11-01"} {
		if p, err := ParsePeriod(bad); err == nil {
			t.Errorf("ParsePeriod(%q) = %v, want an error", bad, p)
		}
	}
}

func TestPeriodOfUsesHanoiTime(t *testing.T) {
	// Sunday 22 Nov 2026 18:30 UTC is Monday 23 Nov 01:30 in Hanoi: week 48.
	p, err := PeriodOf(Week, time.Date(2026, 11, 22, 18, 30, 0, 0, time.UTC))
	if err != nil {
		t.Fatal(err)
	}
	if p.String() != "2026-W48" || p.Label() != "Tuần 48/2026" {
		t.Errorf("got %s %q", p, p.Label())
	}
	if _, err := PeriodOf("day", time.Now()); err == nil {
		t.Error("unknown kind accepted")
	}
	q, _ := ParsePeriod("2026-Q4")
	if q.Label() != "Quý IV/2026" {
		t.Errorf("label %q", q.Label())
	}
}
