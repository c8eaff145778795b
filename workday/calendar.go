package workday

import (
	"fmt"
	"time"
)

// Calendar is a loaded, validated set of yearly calendars with per-day tables
// precomputed, so that deadline arithmetic costs a few lookups. It is
// immutable and safe for concurrent use.
type Calendar struct {
	loc      *time.Location
	years    []int // ascending, contiguous
	revision string

	base int   // civil day number of 1 January of years[0]
	days []day // one per date from 1 January of years[0] to 31 December of the last year

	// Prefix tables, indexed by day index; entry i covers days [0, i), so each
	// has len(days)+1 entries.
	workBefore     []int32         // working days
	officeBefore   []time.Duration // office time
	sessionsBefore []int32         // office sessions (half-days)

	workDays []int32      // day index of each working day, in order
	sessions []sessionRef // every office session, in order
}

// day is the precomputed information about one date.
type day struct {
	year  int
	month time.Month
	dom   int
	hours *hours // office hours of the date's year (also on days off, for the cut-off)
	info  DayInfo
}

// hours are the office hours of one year.
type hours struct {
	sessions []span
	cutoff   time.Duration // paper cut-off, since midnight
	office   time.Duration // total office time of a working day
}

// span is an office session as offsets from local midnight.
type span struct{ start, end time.Duration }

// sessionRef locates one office session: the day and the session's index.
type sessionRef struct {
	day     int32
	session int32
}

// DayKind classifies a date for people and reports.
type DayKind string

const (
	// RegularDay is a Monday to Friday with normal office hours.
	RegularDay DayKind = "working"
	// MakeUpSaturday is a Saturday worked in exchange for a swapped day.
	MakeUpSaturday DayKind = "make_up"
	// WeeklyRest is a Saturday or Sunday that is not a make-up day.
	WeeklyRest DayKind = "weekend"
	// HolidayDay is a public holiday.
	HolidayDay DayKind = DayKind(Holiday)
	// CompensatoryDay is a day off compensating a holiday on a rest day.
	CompensatoryDay DayKind = DayKind(Compensatory)
	// SwappedDay is a working day given off and made up on a Saturday.
	SwappedDay DayKind = DayKind(Swapped)
)

// DayInfo describes one date of the calendar.
type DayInfo struct {
	// Date is the civil date, YYYY-MM-DD.
	Date    string       `json:"date"`
	Weekday time.Weekday `json:"-"` // the date says it; an int would be ambiguous in JSON
	// Working reports whether offices are open.
	Working bool    `json:"working"`
	Kind    DayKind `json:"kind"`
	// Name is the reason people read: the holiday ("Tết Nguyên đán"), the
	// weekday ("Thứ Bảy"), or the make-up ("Làm bù cho ngày 02/05/2025").
	Name Name `json:"name"`
	// Occasion is the data's holiday key, when there is one.
	Occasion string `json:"occasion,omitempty"`
	// Related is the other date of a pair: the holiday a compensatory day is
	// for, the Saturday a swapped day is made up on, the day a make-up
	// Saturday makes up for.
	Related string `json:"related,omitempty"`
	// Verify is set when the data marks the entry as not yet confirmed.
	Verify bool `json:"verify,omitempty"`
}

// Reason is the Vietnamese reason people see for the day, e.g. "Tết Nguyên đán".
func (d DayInfo) Reason() string { return d.Name.VI }

// weekdayNames are the Vietnamese and English weekday names, indexed by time.Weekday.
var weekdayNames = [7]Name{
	{"Chủ nhật", "Sunday"},
	{"Thứ Hai", "Monday"},
	{"Thứ Ba", "Tuesday"},
	{"Thứ Tư", "Wednesday"},
	{"Thứ Năm", "Thursday"},
	{"Thứ Sáu", "Friday"},
	{"Thứ Bảy", "Saturday"},
}

// Location returns the calendar's time zone; every instant the calendar
// returns is in it.
func (c *Calendar) Location() *time.Location { return c.loc }

// Years returns the loaded years, ascending.
func (c *Calendar) Years() []int { return append([]int(nil), c.years...) }

// Revision returns a short hash of the loaded data. A deadline records it so
// that, when the calendar changes, one can tell which calendar computed it.
func (c *Calendar) Revision() string { return c.revision }

// IsWorkingDay reports whether offices are open on the civil date of date in
// the calendar's time zone, with what the calendar says about that date.
func (c *Calendar) IsWorkingDay(date time.Time) (bool, DayInfo, error) {
	idx, _, err := c.locate(date)
	if err != nil {
		return false, DayInfo{}, err
	}
	info := c.days[idx].info
	return info.Working, info, nil
}

// Day returns what the calendar says about a civil date "YYYY-MM-DD"; it is
// IsWorkingDay for callers that hold a date rather than an instant.
func (c *Calendar) Day(date string) (DayInfo, error) {
	t, err := time.Parse(dateLayout, date)
	if err != nil {
		return DayInfo{}, fmt.Errorf("workday: %q is not a date; want YYYY-MM-DD", date)
	}
	idx, err := c.dayIndex(t.Year(), t.Month(), t.Day())
	if err != nil {
		return DayInfo{}, err
	}
	return c.days[idx].info, nil
}
