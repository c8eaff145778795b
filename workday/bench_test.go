package workday

import (
	"math/rand"
	"testing"
	"time"
)

// BenchmarkAdd measures the hot path the worker calls for every step and
// every rung of every escalation ladder.
func BenchmarkAdd(b *testing.B) {
	c := shipped(b)
	r := rand.New(rand.NewSource(4))
	froms := make([]time.Time, 1024)
	for i := range froms {
		froms[i] = randomInstant(r)
	}
	for _, d := range []Duration{{5, WorkingDays}, {15, WorkingDays}, {3, HalfDays}, {20, WorkingHours}, {90, WorkingMinutes}, {30, CalendarDays}} {
		b.Run(d.String(), func(b *testing.B) {
			b.ReportAllocs()
			i := 0
			for b.Loop() {
				if _, err := c.Add(froms[i&1023], d); err != nil {
					b.Fatal(err)
				}
				i++
			}
		})
	}
}

// BenchmarkExplain is Add with the list of days off built.
func BenchmarkExplain(b *testing.B) {
	c := shipped(b)
	from := time.Date(2026, 2, 12, 16, 0, 0, 0, c.Location())
	b.ReportAllocs()
	for b.Loop() {
		if _, _, err := c.Explain(from, Duration{3, WorkingDays}); err != nil {
			b.Fatal(err)
		}
	}
}

// BenchmarkLoad measures parsing and precomputing the shipped years.
func BenchmarkLoad(b *testing.B) {
	files := shippedFiles(b)
	b.ReportAllocs()
	for b.Loop() {
		if _, err := New(files...); err != nil {
			b.Fatal(err)
		}
	}
}
