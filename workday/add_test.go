package workday

import (
	"errors"
	"reflect"
	"strings"
	"testing"
)

func TestAdd(t *testing.T) {
	c := shipped(t)
	tests := []struct {
		name    string
		from    string
		d       Duration
		want    string
		skipped []string // "date reason"
	}{
		{
			name: "Tết 2026: off Sat 14 – Sun 22 Feb",
			from: "2026-02-12T16:00:00+07:00", d: Duration{3, WorkingDays}, want: "2026-02-24T17:00:00+07:00",
			skipped: []string{
				"2026-02-14 Thứ Bảy", "2026-02-15 Chủ nhật",
				"2026-02-16 Tết Nguyên đán", "2026-02-17 Tết Nguyên đán", "2026-02-18 Tết Nguyên đán",
				"2026-02-19 Tết Nguyên đán", "2026-02-20 Tết Nguyên đán",
				"2026-02-21 Thứ Bảy", "2026-02-22 Chủ nhật",
			},
		},
		{
			name: "counting starts the day after receipt, whatever the hour",
			from: "2026-03-02T08:00:00+07:00", d: Duration{1, WorkingDays}, want: "2026-03-03T17:00:00+07:00",
		},
		{
			name: "received on a Saturday",
			from: "2026-03-07T10:00:00+07:00", d: Duration{1, WorkingDays}, want: "2026-03-09T17:00:00+07:00",
			skipped: []string{"2026-03-08 Chủ nhật"},
		},
		{
			name: "instant given in UTC is counted in Hanoi",
			from: "2026-03-01T20:00:00Z", d: Duration{1, WorkingDays}, want: "2026-03-03T17:00:00+07:00",
		},
		{
			name: "2025: Saturday 26 Apr is a make-up working day",
			from: "2025-04-25T10:00:00+07:00", d: Duration{1, WorkingDays}, want: "2025-04-26T17:00:00+07:00",
		},
		{
			name: "2025: 30 Apr – 4 May off, 2 May swapped",
			from: "2025-04-29T09:00:00+07:00", d: Duration{1, WorkingDays}, want: "2025-05-05T17:00:00+07:00",
			skipped: []string{
				"2025-04-30 Ngày Giải phóng miền Nam, thống nhất đất nước",
				"2025-05-01 Ngày Quốc tế Lao động",
				"2025-05-02 Nghỉ lễ 30/4 – 1/5 (nghỉ hoán đổi)",
				"2025-05-03 Thứ Bảy", "2025-05-04 Chủ nhật",
			},
		},
		{
			name: "2025 Tết: 27 Jan swapped, back on Mon 3 Feb",
			from: "2025-01-24T10:00:00+07:00", d: Duration{1, WorkingDays}, want: "2025-02-03T17:00:00+07:00",
			skipped: []string{
				"2025-01-25 Thứ Bảy", "2025-01-26 Chủ nhật", "2025-01-27 Tết Nguyên đán (nghỉ hoán đổi)",
				"2025-01-28 Tết Nguyên đán", "2025-01-29 Tết Nguyên đán", "2025-01-30 Tết Nguyên đán",
				"2025-01-31 Tết Nguyên đán", "2025-02-01 Tết Nguyên đán", "2025-02-02 Chủ nhật",
			},
		},
		{
			name: "2025 Tết make-up Saturday 8 Feb counts",
			from: "2025-02-07T10:00:00+07:00", d: Duration{1, WorkingDays}, want: "2025-02-08T17:00:00+07:00",
		},
		{
			name: "2 September 2025 (30 Aug – 2 Sep off)",
			from: "2025-08-29T10:00:00+07:00", d: Duration{1, WorkingDays}, want: "2025-09-03T17:00:00+07:00",
			skipped: []string{"2025-08-30 Thứ Bảy", "2025-08-31 Chủ nhật", "2025-09-01 Quốc khánh", "2025-09-02 Quốc khánh"},
		},
		{
			name: "Hùng Kings 2026 on a Sunday, compensatory Monday",
			from: "2026-04-24T10:00:00+07:00", d: Duration{1, WorkingDays}, want: "2026-04-28T17:00:00+07:00",
			skipped: []string{"2026-04-25 Thứ Bảy", "2026-04-26 Giỗ Tổ Hùng Vương", "2026-04-27 Nghỉ bù Giỗ Tổ Hùng Vương"},
		},
		{
			name: "across a year boundary",
			from: "2025-12-31T10:00:00+07:00", d: Duration{2, WorkingDays}, want: "2026-01-06T17:00:00+07:00",
			skipped: []string{"2026-01-01 Tết Dương lịch", "2026-01-02 Tết Dương lịch (nghỉ hoán đổi)", "2026-01-03 Thứ Bảy", "2026-01-04 Chủ nhật"},
		},
		{name: "0 working days before the cut-off: same day", from: "2026-03-02T14:59:00+07:00", d: Duration{0, WorkingDays}, want: "2026-03-02T17:00:00+07:00"},
		{name: "0 working days at the cut-off: next working day", from: "2026-03-02T15:00:00+07:00", d: Duration{0, WorkingDays}, want: "2026-03-03T17:00:00+07:00"},
		{
			name: "0 working days on a day off", from: "2026-03-07T09:00:00+07:00", d: Duration{0, WorkingDays}, want: "2026-03-09T17:00:00+07:00",
			skipped: []string{"2026-03-07 Thứ Bảy", "2026-03-08 Chủ nhật"},
		},
		{name: "half day: the next whole session", from: "2026-02-12T09:00:00+07:00", d: Duration{1, HalfDays}, want: "2026-02-12T17:00:00+07:00"},
		{name: "half day from a session start counts that session", from: "2026-02-12T08:00:00+07:00", d: Duration{1, HalfDays}, want: "2026-02-12T12:00:00+07:00"},
		{name: "three half days", from: "2026-02-12T09:00:00+07:00", d: Duration{3, HalfDays}, want: "2026-02-13T17:00:00+07:00"},
		{
			name: "half days across Tết", from: "2026-02-12T09:00:00+07:00", d: Duration{4, HalfDays}, want: "2026-02-23T12:00:00+07:00",
			skipped: []string{
				"2026-02-14 Thứ Bảy", "2026-02-15 Chủ nhật",
				"2026-02-16 Tết Nguyên đán", "2026-02-17 Tết Nguyên đán", "2026-02-18 Tết Nguyên đán",
				"2026-02-19 Tết Nguyên đán", "2026-02-20 Tết Nguyên đán",
				"2026-02-21 Thứ Bảy", "2026-02-22 Chủ nhật",
			},
		},
		{name: "hours: to the end of a session and no further", from: "2026-03-02T10:00:00+07:00", d: Duration{2, WorkingHours}, want: "2026-03-02T12:00:00+07:00"},
		{name: "hours: over lunch", from: "2026-03-02T11:00:00+07:00", d: Duration{2, WorkingHours}, want: "2026-03-02T14:00:00+07:00"},
		{name: "hours: from lunch break", from: "2026-03-02T12:30:00+07:00", d: Duration{1, WorkingHours}, want: "2026-03-02T14:00:00+07:00"},
		{name: "hours: from before opening", from: "2026-03-02T06:00:00+07:00", d: Duration{1, WorkingHours}, want: "2026-03-02T09:00:00+07:00"},
		{
			name: "hours: Friday afternoon into Monday after Tết", from: "2026-02-13T15:30:00+07:00", d: Duration{2, WorkingHours}, want: "2026-02-23T08:30:00+07:00",
			skipped: []string{
				"2026-02-14 Thứ Bảy", "2026-02-15 Chủ nhật",
				"2026-02-16 Tết Nguyên đán", "2026-02-17 Tết Nguyên đán", "2026-02-18 Tết Nguyên đán",
				"2026-02-19 Tết Nguyên đán", "2026-02-20 Tết Nguyên đán",
				"2026-02-21 Thứ Bảy", "2026-02-22 Chủ nhật",
			},
		},
		{name: "hours: a full day ends at 17:00, not 08:00 next day", from: "2026-03-02T08:00:00+07:00", d: Duration{8, WorkingHours}, want: "2026-03-02T17:00:00+07:00"},
		{name: "hours: seconds are kept", from: "2026-03-02T09:15:30+07:00", d: Duration{1, WorkingHours}, want: "2026-03-02T10:15:30+07:00"},
		{name: "minutes of office time", from: "2026-03-02T16:50:00+07:00", d: Duration{20, WorkingMinutes}, want: "2026-03-03T08:10:00+07:00"},
		{name: "zero working minutes outside office: next opening", from: "2026-03-02T17:30:00+07:00", d: Duration{0, WorkingMinutes}, want: "2026-03-03T08:00:00+07:00"},
		{name: "zero working minutes at a session end stays", from: "2026-03-02T12:00:00+07:00", d: Duration{0, WorkingMinutes}, want: "2026-03-02T12:00:00+07:00"},
		{
			name: "calendar days ending on a Sunday", from: "2026-03-02T10:00:00+07:00", d: Duration{6, CalendarDays}, want: "2026-03-09T17:00:00+07:00",
			skipped: []string{"2026-03-08 Chủ nhật"},
		},
		{name: "calendar days ending on a working day", from: "2026-03-02T16:00:00+07:00", d: Duration{15, CalendarDays}, want: "2026-03-17T17:00:00+07:00"},
		{
			name: "calendar days ending in Tết", from: "2026-02-06T10:00:00+07:00", d: Duration{10, CalendarDays}, want: "2026-02-23T17:00:00+07:00",
			skipped: []string{
				"2026-02-16 Tết Nguyên đán", "2026-02-17 Tết Nguyên đán", "2026-02-18 Tết Nguyên đán",
				"2026-02-19 Tết Nguyên đán", "2026-02-20 Tết Nguyên đán",
				"2026-02-21 Thứ Bảy", "2026-02-22 Chủ nhật",
			},
		},
		{name: "minutes ignore the calendar", from: "2026-02-14T23:50:00+07:00", d: Duration{20, Minutes}, want: "2026-02-15T00:10:00+07:00"},
		{name: "2027 draft: 1 May on Saturday, compensatory Monday", from: "2027-04-29T10:00:00+07:00", d: Duration{1, WorkingDays}, want: "2027-05-04T17:00:00+07:00",
			skipped: []string{
				"2027-04-30 Ngày Giải phóng miền Nam, thống nhất đất nước", "2027-05-01 Ngày Quốc tế Lao động",
				"2027-05-02 Chủ nhật", "2027-05-03 Nghỉ bù Ngày Quốc tế Lao động",
			},
		},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			from := at(t, tt.from)
			want := at(t, tt.want)
			got, err := c.Add(from, tt.d)
			if err != nil {
				t.Fatalf("Add(%s, %s): %v", tt.from, tt.d, err)
			}
			if !got.Equal(want) || got.Format(timeLayout) != want.Format(timeLayout) {
				t.Errorf("Add(%s, %s) = %s, want %s", tt.from, tt.d, got.Format(timeLayout), tt.want)
			}
			due, skipped, err := c.Explain(from, tt.d)
			if err != nil || !due.Equal(got) {
				t.Fatalf("Explain = %s, %v; want %s as Add", due, err, got)
			}
			var lines []string
			for _, s := range skipped {
				lines = append(lines, s.Date+" "+s.Reason)
			}
			if !reflect.DeepEqual(lines, tt.skipped) {
				t.Errorf("skipped:\n  %s\nwant:\n  %s", strings.Join(lines, "\n  "), strings.Join(tt.skipped, "\n  "))
			}
		})
	}
}

const timeLayout = "2006-01-02T15:04:05-07:00"

func TestAddSkippedKinds(t *testing.T) {
	c := shipped(t)
	_, skipped, err := c.Explain(at(t, "2025-01-24T10:00:00+07:00"), Duration{1, WorkingDays})
	if err != nil {
		t.Fatal(err)
	}
	kinds := map[string]DayKind{}
	for _, s := range skipped {
		kinds[s.Date] = s.Kind
	}
	want := map[string]DayKind{"2025-01-25": WeeklyRest, "2025-01-27": SwappedDay, "2025-01-29": HolidayDay}
	for date, k := range want {
		if kinds[date] != k {
			t.Errorf("%s: kind %q, want %q", date, kinds[date], k)
		}
	}
}

func TestAddMissingYear(t *testing.T) {
	c := shipped(t)
	tests := []struct {
		from string
		d    Duration
		year int
	}{
		{"2028-03-01T10:00:00+07:00", Duration{1, WorkingDays}, 2028},
		{"2024-12-31T10:00:00+07:00", Duration{1, WorkingDays}, 2024},
		{"2027-12-30T10:00:00+07:00", Duration{5, WorkingDays}, 2028},
		{"2027-12-31T16:00:00+07:00", Duration{2, WorkingHours}, 2028},
		{"2027-12-31T10:00:00+07:00", Duration{3, HalfDays}, 2028},
		{"2027-12-20T10:00:00+07:00", Duration{30, CalendarDays}, 2028},
		{"2027-12-20T10:00:00+07:00", Duration{5000, CalendarDays}, 2041},
		{"2025-01-01T10:00:00+07:00", Duration{1 << 40, WorkingDays}, 2028},
		{"2025-01-01T10:00:00+07:00", Duration{1 << 40, WorkingMinutes}, 2028},
		{"2025-01-01T10:00:00+07:00", Duration{1 << 40, HalfDays}, 2028},
		{"2027-12-31T18:00:00+07:00", Duration{0, WorkingMinutes}, 2028},
	}
	for _, tt := range tests {
		_, err := c.Add(at(t, tt.from), tt.d)
		var my *MissingYearError
		if !errors.As(err, &my) {
			t.Errorf("Add(%s, %s) error = %v, want a *MissingYearError", tt.from, tt.d, err)
			continue
		}
		if my.Year != tt.year {
			t.Errorf("Add(%s, %s): missing year %d, want %d", tt.from, tt.d, my.Year, tt.year)
		}
	}
	_, err := c.Add(at(t, "2028-03-01T10:00:00+07:00"), Duration{1, WorkingDays})
	want := "workday: no calendar loaded for 2028 (loaded: 2025, 2026, 2027); add catalog/calendar/2028.json"
	if err == nil || err.Error() != want {
		t.Errorf("error = %v\nwant    %s", err, want)
	}
}

func TestAddBadDuration(t *testing.T) {
	c := shipped(t)
	from := at(t, "2026-03-02T10:00:00+07:00")
	for _, d := range []Duration{{1, "weeks"}, {-1, WorkingDays}, {}, {1 << 40, CalendarDays}, {1 << 40, Minutes}} {
		_, err := c.Add(from, d)
		if err == nil {
			t.Errorf("Add(%v) succeeded, want an error", d)
			continue
		}
		var my *MissingYearError
		if errors.As(err, &my) {
			t.Errorf("Add(%v) = %v, want an input error, not a missing year", d, err)
		}
	}
	_, err := c.Add(from, Duration{1, "weeks"})
	if err == nil || !strings.Contains(err.Error(), `unknown unit "weeks"`) || !strings.Contains(err.Error(), "working_days") {
		t.Errorf("error = %v, want it to name the unit and list the valid ones", err)
	}
}

func TestIsWorkingDay(t *testing.T) {
	c := shipped(t)
	tests := []struct {
		date    string
		working bool
		kind    DayKind
		reason  string
	}{
		{"2025-04-26T10:00:00+07:00", true, MakeUpSaturday, "Làm bù cho ngày 02/05/2025"},
		{"2025-05-02T10:00:00+07:00", false, SwappedDay, "Nghỉ lễ 30/4 – 1/5 (nghỉ hoán đổi)"},
		{"2025-09-02T10:00:00+07:00", false, HolidayDay, "Quốc khánh"},
		{"2026-02-16T10:00:00+07:00", false, HolidayDay, "Tết Nguyên đán"},
		{"2026-02-14T10:00:00+07:00", false, WeeklyRest, "Thứ Bảy"},
		{"2026-02-23T10:00:00+07:00", true, RegularDay, "Thứ Hai"},
		{"2026-04-27T10:00:00+07:00", false, CompensatoryDay, "Nghỉ bù Giỗ Tổ Hùng Vương"},
		{"2026-03-01T18:00:00Z", true, RegularDay, "Thứ Hai"}, // 01:00 Monday in Hanoi
	}
	for _, tt := range tests {
		ok, info, err := c.IsWorkingDay(at(t, tt.date))
		if err != nil {
			t.Fatalf("%s: %v", tt.date, err)
		}
		if ok != tt.working || info.Working != tt.working || info.Kind != tt.kind || info.Reason() != tt.reason {
			t.Errorf("%s: %v %+v, want %v %s %q", tt.date, ok, info, tt.working, tt.kind, tt.reason)
		}
	}
	if _, _, err := c.IsWorkingDay(at(t, "2028-01-03T10:00:00+07:00")); err == nil {
		t.Error("2028: no error, want a missing year")
	}
	info, err := c.Day("2026-01-02")
	if err != nil || info.Kind != SwappedDay || !info.Verify || info.Related != "2026-01-10" {
		t.Errorf("Day(2026-01-02) = %+v, %v; want a swapped day to verify, made up on 2026-01-10", info, err)
	}
	if _, err := c.Day("2026-02-30"); err == nil {
		t.Error("Day(2026-02-30): no error")
	}
}
