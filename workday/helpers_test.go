package workday

import (
	"os"
	"sync"
	"testing"
	"time"
)

var (
	shippedOnce sync.Once
	shippedCal  *Calendar
	shippedErr  error
)

// shipped loads the calendar shipped in catalog/calendar, read from the
// source tree so that these tests do not depend on the catalog package.
func shipped(t testing.TB) *Calendar {
	t.Helper()
	shippedOnce.Do(func() { shippedCal, shippedErr = Load(os.DirFS("../catalog")) })
	if shippedErr != nil {
		t.Fatalf("loading the shipped calendar: %v", shippedErr)
	}
	return shippedCal
}

// at parses an RFC 3339 instant.
func at(t testing.TB, s string) time.Time {
	t.Helper()
	v, err := time.Parse(time.RFC3339, s)
	if err != nil {
		t.Fatalf("bad instant %q: %v", s, err)
	}
	return v
}

// inOffice reports whether t lies within an office session (ends included)
// of a working day.
func inOffice(c *Calendar, t time.Time) bool {
	idx, tod, err := c.locate(t)
	if err != nil || !c.days[idx].info.Working {
		return false
	}
	for _, s := range c.days[idx].hours.sessions {
		if tod >= s.start && tod <= s.end {
			return true
		}
	}
	return false
}
