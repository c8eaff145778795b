package workday

import "testing"

func TestClassify(t *testing.T) {
	c := shipped(t)
	due := "2026-02-24T17:00:00+07:00"
	tests := []struct {
		finished string
		want     Timeliness
		vi       string
	}{
		{"2026-02-23T16:59:00+07:00", Early, "trước hạn"},
		{"2026-02-23T23:30:00Z", OnTime, "đúng hạn"}, // 06:30 on the due date in Hanoi
		{"2026-02-24T09:00:00+07:00", OnTime, "đúng hạn"},
		{"2026-02-24T17:00:00+07:00", OnTime, "đúng hạn"},
		{"2026-02-24T17:00:01+07:00", Late, "quá hạn"},
		{"2026-03-01T10:00:00+07:00", Late, "quá hạn"},
	}
	for _, tt := range tests {
		got := c.Classify(at(t, tt.finished), at(t, due))
		if got != tt.want || got.Vietnamese() != tt.vi {
			t.Errorf("Classify(%s) = %s (%s), want %s (%s)", tt.finished, got, got.Vietnamese(), tt.want, tt.vi)
		}
	}
	if OnTime.English() != "on time" {
		t.Errorf("OnTime.English() = %q", OnTime.English())
	}
}

func TestTransferInstant(t *testing.T) {
	c := shipped(t)
	tests := []struct {
		received string
		paper    bool
		want     string
	}{
		{"2026-03-02T16:30:00+07:00", false, "2026-03-02T16:30:00+07:00"},
		{"2026-03-07T10:00:00+07:00", false, "2026-03-07T10:00:00+07:00"},
		{"2026-03-02T14:59:00+07:00", true, "2026-03-02T14:59:00+07:00"},
		{"2026-03-02T15:00:00+07:00", true, "2026-03-03T08:00:00+07:00"},
		{"2026-03-02T07:30:00+07:00", true, "2026-03-02T08:00:00+07:00"},
		{"2026-03-02T12:15:00+07:00", true, "2026-03-02T13:00:00+07:00"},
		{"2026-03-02T20:00:00+07:00", true, "2026-03-03T08:00:00+07:00"},
		{"2026-03-06T15:30:00+07:00", true, "2026-03-09T08:00:00+07:00"}, // Friday after the cut-off
		{"2026-02-13T15:00:00+07:00", true, "2026-02-23T08:00:00+07:00"}, // before Tết
		{"2025-04-26T09:00:00+07:00", true, "2025-04-26T09:00:00+07:00"}, // make-up Saturday
		{"2026-02-17T10:00:00+07:00", true, "2026-02-23T08:00:00+07:00"}, // received during Tết
	}
	for _, tt := range tests {
		got, err := c.TransferInstant(at(t, tt.received), tt.paper)
		if err != nil || !got.Equal(at(t, tt.want)) {
			t.Errorf("TransferInstant(%s, paper=%v) = %s, %v; want %s", tt.received, tt.paper, got, err, tt.want)
		}
	}
	if _, err := c.TransferInstant(at(t, "2027-12-31T16:00:00+07:00"), true); err == nil {
		t.Error("paper at the end of 2027: no error, want the missing 2028")
	}
}

func TestBefore(t *testing.T) {
	c := shipped(t)
	tests := []struct {
		due  string
		d    Duration
		want string
	}{
		{"2026-02-24T17:00:00+07:00", Duration{1, WorkingDays}, "2026-02-23T17:00:00+07:00"},
		{"2026-02-24T17:00:00+07:00", Duration{2, WorkingDays}, "2026-02-13T17:00:00+07:00"},
		{"2026-02-24T17:00:00+07:00", Duration{1, HalfDays}, "2026-02-24T13:00:00+07:00"},
		{"2026-02-24T10:00:00+07:00", Duration{1, HalfDays}, "2026-02-23T13:00:00+07:00"},
		{"2026-02-23T09:00:00+07:00", Duration{2, WorkingHours}, "2026-02-13T16:00:00+07:00"},
		{"2026-03-02T17:00:00+07:00", Duration{4, WorkingHours}, "2026-03-02T12:00:00+07:00"},
		{"2026-03-09T17:00:00+07:00", Duration{1, CalendarDays}, "2026-03-06T17:00:00+07:00"}, // Sunday → Friday
		{"2026-03-09T17:00:00+07:00", Duration{90, Minutes}, "2026-03-09T15:30:00+07:00"},
		{"2026-03-09T17:00:00+07:00", Duration{0, WorkingDays}, "2026-03-09T17:00:00+07:00"},
	}
	for _, tt := range tests {
		got, err := c.Before(at(t, tt.due), tt.d)
		if err != nil || !got.Equal(at(t, tt.want)) {
			t.Errorf("Before(%s, %s) = %s, %v; want %s", tt.due, tt.d, got, err, tt.want)
		}
	}
	if _, err := c.Before(at(t, "2025-01-02T17:00:00+07:00"), Duration{2, WorkingDays}); err == nil {
		t.Error("Before into 2024: no error")
	}
	// Add undoes Before for office time.
	for _, d := range []Duration{{3, WorkingHours}, {100, WorkingMinutes}, {7, WorkingDays}, {5, HalfDays}} {
		due := at(t, "2026-05-12T17:00:00+07:00")
		b, err := c.Before(due, d)
		if err != nil {
			t.Fatal(err)
		}
		if back, _ := c.Add(b, d); !back.Equal(due) {
			t.Errorf("Add(Before(%s, %s)) = %s (Before gave %s)", due, d, back, b)
		}
	}
}
