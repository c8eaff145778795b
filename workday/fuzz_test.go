package workday

import (
	"os"
	"testing"
	"time"
)

// FuzzParse feeds arbitrary bytes to Parse: it must never panic, and whatever
// it accepts must be a usable year: New builds it and every day of it answers.
func FuzzParse(f *testing.F) {
	for _, name := range []string{"2025", "2026", "2027"} {
		data, err := os.ReadFile("../catalog/calendar/" + name + ".json")
		if err != nil {
			f.Fatal(err)
		}
		f.Add(data)
	}
	f.Add([]byte(minimal))
	f.Add([]byte(`{"year": 2026}`))
	f.Add([]byte(`{"year": 1900, "timezone": "UTC", "source": "s", "officeHours": [{"start": "00:00", "end": "24:00"}], "paperCutoff": "24:00", "daysOff": []}`))
	f.Add([]byte(`[]`))
	f.Add([]byte{})
	f.Fuzz(func(t *testing.T, data []byte) {
		yf, err := Parse("calendar/fuzz.json", data)
		if err != nil {
			if yf != nil {
				t.Fatalf("Parse returned both a file and an error: %v", err)
			}
			return
		}
		if yf.Year < minYear || yf.Year > maxYear {
			t.Fatalf("accepted year %d", yf.Year)
		}
		c, err := New(yf)
		if err != nil {
			t.Fatalf("Parse accepted a file New rejects: %v", err)
		}
		if got := c.Years(); len(got) != 1 || got[0] != yf.Year {
			t.Fatalf("Years() = %v, want [%d]", got, yf.Year)
		}
		jan1 := time.Date(yf.Year, 1, 1, 12, 0, 0, 0, c.Location())
		if _, _, err := c.IsWorkingDay(jan1); err != nil {
			t.Fatalf("IsWorkingDay(1 Jan): %v", err)
		}
		if _, err := c.Add(jan1, Duration{1, WorkingHours}); err != nil {
			if _, ok := err.(*MissingYearError); !ok {
				t.Fatalf("Add: %v", err)
			}
		}
	})
}
