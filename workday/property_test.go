package workday

import (
	"math/rand"
	"reflect"
	"testing"
	"testing/quick"
	"time"
)

// randomInstant returns a whole-minute instant between 2025-01-01 and
// 2027-06-30 in Hanoi, at any time of day (nights and weekends included), so
// that adding the amounts below stays inside the loaded years.
func randomInstant(r *rand.Rand) time.Time {
	start := time.Date(2025, 1, 1, 0, 0, 0, 0, time.FixedZone("ICT", vietnamOffset))
	span := int(time.Date(2027, 6, 30, 0, 0, 0, 0, time.UTC).Sub(time.Date(2025, 1, 1, 0, 0, 0, 0, time.UTC)) / time.Minute)
	return start.Add(time.Duration(r.Intn(span)) * time.Minute)
}

// propertyUnits are the working units with the amounts the property holds
// for: working_days from 1, since 0 means "the same day", not "no time".
var propertyUnits = []struct {
	unit     Unit
	min, max int
}{
	{WorkingDays, 1, 40},
	{HalfDays, 0, 60},
	{WorkingHours, 0, 100},
	{WorkingMinutes, 0, 6000},
}

type addCase struct {
	From time.Time
	Unit Unit
	A, B int
}

// Generate implements quick.Generator.
func (addCase) Generate(r *rand.Rand, _ int) reflect.Value {
	u := propertyUnits[r.Intn(len(propertyUnits))]
	n := func() int { return u.min + r.Intn(u.max-u.min+1) }
	return reflect.ValueOf(addCase{From: randomInstant(r), Unit: u.unit, A: n(), B: n()})
}

// TestAddComposes checks Add(Add(t, a), b) == Add(t, a+b) for every working
// unit, and that results lie within office hours.
func TestAddComposes(t *testing.T) {
	c := shipped(t)
	prop := func(k addCase) bool {
		ab, err1 := c.Add(k.From, Duration{k.A, k.Unit})
		twice, err2 := c.Add(ab, Duration{k.B, k.Unit})
		once, err3 := c.Add(k.From, Duration{k.A + k.B, k.Unit})
		if err1 != nil || err2 != nil || err3 != nil {
			t.Logf("%s + %d + %d %s: errors %v %v %v", k.From, k.A, k.B, k.Unit, err1, err2, err3)
			return false
		}
		if !twice.Equal(once) {
			t.Logf("%s + %d + %d %s: stepwise %s, at once %s", k.From, k.A, k.B, k.Unit, twice, once)
			return false
		}
		for _, r := range []time.Time{ab, twice} {
			if !inOffice(c, r) {
				t.Logf("%s + %d %s = %s: outside office hours", k.From, k.A, k.Unit, r)
				return false
			}
			if r.Location() != c.Location() {
				t.Logf("result %s not in the calendar's zone", r)
				return false
			}
		}
		return !ab.Before(k.From) || !inOffice(c, k.From)
	}
	if err := quick.Check(prop, &quick.Config{MaxCount: 20000, Rand: rand.New(rand.NewSource(1))}); err != nil {
		t.Error(err)
	}
}

// TestStopResume checks the clock-stop contract: stopping at any instant
// before the deadline and resuming at once gives back the same deadline, and
// resuming later shifts it by the office time of the pause.
func TestStopResume(t *testing.T) {
	c := shipped(t)
	r := rand.New(rand.NewSource(2))
	for i := 0; i < 20000; i++ {
		u := propertyUnits[r.Intn(len(propertyUnits))]
		from := randomInstant(r)
		d := Duration{u.min + r.Intn(u.max-u.min+1), u.unit}
		if d.Unit == WorkingDays || d.Amount == 0 {
			d.Amount = max(d.Amount, 1)
		}
		due, err := c.Add(from, d)
		if err != nil {
			t.Fatal(err)
		}
		stop := from.Add(time.Duration(r.Int63n(int64(due.Sub(from)/time.Minute)+1)) * time.Minute)
		left, err := c.Remaining(stop, due, d.Unit)
		if err != nil {
			t.Fatal(err)
		}
		if left.Unit != WorkingMinutes {
			t.Fatalf("Remaining unit %s, want working_minutes", left.Unit)
		}
		if left.Amount == 0 {
			continue // stopped at (or on the office-time boundary of) the deadline
		}
		again, err := c.Add(stop, left)
		if err != nil {
			t.Fatal(err)
		}
		if !again.Equal(due) {
			t.Fatalf("from %s + %s = %s; stop %s, %s left, resume at once → %s", from, d, due, stop, left, again)
		}
	}
}

func TestRemaining(t *testing.T) {
	c := shipped(t)
	tests := []struct {
		from, due string
		u         Unit
		want      Duration
	}{
		// Fri 15:00 → Tue after Tết 17:00: 2h Friday + 8h Mon 23 + 8h Tue 24.
		{"2026-02-13T15:00:00+07:00", "2026-02-24T17:00:00+07:00", WorkingDays, Duration{18 * 60, WorkingMinutes}},
		{"2026-03-02T11:30:00+07:00", "2026-03-02T13:30:00+07:00", WorkingHours, Duration{60, WorkingMinutes}},
		{"2026-03-02T12:10:00+07:00", "2026-03-02T12:50:00+07:00", HalfDays, Duration{0, WorkingMinutes}},
		{"2026-03-02T10:00:00+07:00", "2026-03-02T09:00:00+07:00", WorkingDays, Duration{0, WorkingMinutes}},
		{"2026-03-02T10:00:00+07:00", "2026-03-02T10:00:30+07:00", WorkingMinutes, Duration{1, WorkingMinutes}},
		{"2026-03-02T10:00:00+07:00", "2026-03-04T10:00:00+07:00", CalendarDays, Duration{2 * 24 * 60, Minutes}},
		{"2026-03-02T10:00:00+07:00", "2026-03-02T09:00:00+07:00", Minutes, Duration{0, Minutes}},
	}
	for _, tt := range tests {
		got, err := c.Remaining(at(t, tt.from), at(t, tt.due), tt.u)
		if err != nil || got != tt.want {
			t.Errorf("Remaining(%s, %s, %s) = %v, %v; want %v", tt.from, tt.due, tt.u, got, err, tt.want)
		}
	}
	// The documented use: stop before Tết with 25 office hours left (1 h on
	// Thu 12, 8 h each on Fri 13, Mon 23, Tue 24 Feb), resume on Wed 25 Feb at
	// 09:00: 7 h that day, 8 h Thu, 8 h Fri, 2 h on Mon 2 Mar.
	due := at(t, "2026-02-24T17:00:00+07:00")
	left, _ := c.Remaining(at(t, "2026-02-12T16:00:00+07:00"), due, WorkingDays)
	resumed, err := c.Add(at(t, "2026-02-25T09:00:00+07:00"), left)
	if want := at(t, "2026-03-02T10:00:00+07:00"); err != nil || !resumed.Equal(want) {
		t.Errorf("resumed deadline %s, %v; want %s", resumed, err, want)
	}
	if _, err := c.Remaining(at(t, "2028-01-03T10:00:00+07:00"), due, WorkingDays); err == nil {
		t.Error("Remaining from 2028: no error")
	}
	if _, err := c.Remaining(at(t, "2026-01-03T10:00:00+07:00"), due, "fortnights"); err == nil {
		t.Error("Remaining with an unknown unit: no error")
	}
}

func TestFraction(t *testing.T) {
	c := shipped(t)
	tests := []struct {
		from, due string
		u         Unit
		percent   int
		want      string
	}{
		// 4 working days = 32 office hours; 75 % = 24 h = 3 days: Thu 12, Fri 13, Mon 23 Feb.
		{"2026-02-12T08:00:00+07:00", "2026-02-24T17:00:00+07:00", WorkingDays, 75, "2026-02-23T17:00:00+07:00"},
		{"2026-02-12T08:00:00+07:00", "2026-02-24T17:00:00+07:00", WorkingDays, 50, "2026-02-13T17:00:00+07:00"},
		{"2026-03-02T08:00:00+07:00", "2026-03-02T17:00:00+07:00", WorkingHours, 50, "2026-03-02T12:00:00+07:00"},
		{"2026-03-02T08:00:00+07:00", "2026-03-02T17:00:00+07:00", WorkingHours, 75, "2026-03-02T15:00:00+07:00"},
		{"2026-03-02T08:00:00+07:00", "2026-03-02T17:00:00+07:00", WorkingHours, 0, "2026-03-02T08:00:00+07:00"},
		{"2026-03-02T08:00:00+07:00", "2026-03-02T17:00:00+07:00", WorkingHours, 100, "2026-03-02T17:00:00+07:00"},
		{"2026-03-02T00:00:00+07:00", "2026-03-06T00:00:00+07:00", CalendarDays, 25, "2026-03-03T00:00:00+07:00"},
		{"2026-03-02T10:00:00+07:00", "2026-03-02T09:00:00+07:00", WorkingDays, 50, "2026-03-02T09:00:00+07:00"},
	}
	for _, tt := range tests {
		got, err := c.Fraction(at(t, tt.from), at(t, tt.due), tt.u, tt.percent)
		if err != nil || !got.Equal(at(t, tt.want)) {
			t.Errorf("Fraction(%s, %s, %s, %d) = %s, %v; want %s", tt.from, tt.due, tt.u, tt.percent, got, err, tt.want)
		}
	}
	if _, err := c.Fraction(at(t, "2026-03-02T08:00:00+07:00"), at(t, "2026-03-02T17:00:00+07:00"), WorkingHours, 101); err == nil {
		t.Error("Fraction 101 %: no error")
	}
	// Property: the fraction lies between from and due, in office hours, and
	// the office time before it is the fraction of the total (to the nanosecond).
	r := rand.New(rand.NewSource(3))
	for i := 0; i < 5000; i++ {
		from := randomInstant(r)
		due, _ := c.Add(from, Duration{1 + r.Intn(20), WorkingDays})
		p := 1 + r.Intn(99)
		f, err := c.Fraction(from, due, WorkingDays, p)
		if err != nil {
			t.Fatal(err)
		}
		if f.Before(from) || f.After(due) || !inOffice(c, f) {
			t.Fatalf("Fraction(%s, %s, %d%%) = %s: not within [from, due] in office hours", from, due, p, f)
		}
		total, _ := c.officeBetween(from, due)
		part, _ := c.officeBetween(from, f)
		if part != portion(total, p) {
			t.Fatalf("Fraction(%s, %s, %d%%): %s of %s passed, want %s", from, due, p, part, total, portion(total, p))
		}
	}
}
