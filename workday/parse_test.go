package workday

import (
	"errors"
	"strings"
	"testing"
	"testing/fstest"
)

// minimal is a small valid calendar file; the tests below break one thing at
// a time with strings.Replace.
const minimal = `{
  "year": 2026,
  "timezone": "Asia/Ho_Chi_Minh",
  "officeHours": [{"start": "08:00", "end": "12:00"}, {"start": "13:00", "end": "17:00"}],
  "paperCutoff": "15:00",
  "source": "test",
  "daysOff": [
    {"date": "2026-01-01", "kind": "holiday", "name": {"vi": "Tết Dương lịch", "en": "New Year's Day"}},
    {"date": "2026-01-02", "kind": "swapped", "madeUpOn": "2026-01-10", "name": {"vi": "Nghỉ hoán đổi", "en": "Swapped"}},
    {"date": "2026-04-26", "kind": "holiday", "name": {"vi": "Giỗ Tổ Hùng Vương", "en": "Hùng Kings"}},
    {"date": "2026-04-27", "kind": "compensatory", "for": "2026-04-26", "name": {"vi": "Nghỉ bù", "en": "Compensatory"}}
  ],
  "makeUpDays": [{"date": "2026-01-10", "for": "2026-01-02"}]
}`

func TestParseValid(t *testing.T) {
	yf, err := Parse("calendar/2026.json", []byte(minimal))
	if err != nil {
		t.Fatal(err)
	}
	if yf.Year != 2026 || len(yf.DaysOff) != 4 || len(yf.MakeUpDays) != 1 {
		t.Errorf("parsed %+v", yf)
	}
}

func TestParseErrors(t *testing.T) {
	tests := []struct {
		name     string
		old, new string // replaced once in minimal
		want     string // the whole DataError text, or a part of it
	}{
		{"bad date", `"date": "2026-04-27"`, `"date": "2026-02-30"`,
			`calendar/2026.json: $.daysOff[3].date: "2026-02-30" is not a date; want a date YYYY-MM-DD`},
		{"date outside the year", `"date": "2026-01-01"`, `"date": "2025-12-31"`,
			`calendar/2026.json: $.daysOff[0].date: 2025-12-31 is outside the file's year 2026; want a date in 2026, or move it to 2025.json`},
		{"duplicate date", `"date": "2026-04-27"`, `"date": "2026-01-01"`,
			`calendar/2026.json: $.daysOff[3].date: 2026-01-01 is listed twice (also $.daysOff[0]); want one entry per date`},
		{"make-up day not a Saturday", `{"date": "2026-01-10", "for"`, `{"date": "2026-01-11", "for"`,
			`calendar/2026.json: $.makeUpDays[0].date: 2026-01-11 is a Sunday; want a Saturday (make-up days are worked Saturdays)`},
		{"overlapping office hours", `{"start": "13:00", "end": "17:00"}`, `{"start": "11:00", "end": "17:00"}`,
			`calendar/2026.json: $.officeHours[1]: session 11:00–17:00 overlaps or precedes the session before it (ends 12:00); want sessions in ascending order, not overlapping`},
		{"inverted office hours", `{"start": "08:00", "end": "12:00"}`, `{"start": "12:00", "end": "08:00"}`,
			`calendar/2026.json: $.officeHours[0]: session 12:00–08:00 ends before it starts; want start before end`},
		{"bad clock", `"end": "17:00"`, `"end": "17h00"`,
			`calendar/2026.json: $.officeHours[1].end: "17h00" is not a time of day`},
		{"no office hours", `[{"start": "08:00", "end": "12:00"}, {"start": "13:00", "end": "17:00"}]`, `[]`,
			`calendar/2026.json: $.officeHours: no office sessions`},
		{"cut-off outside office hours", `"paperCutoff": "15:00"`, `"paperCutoff": "18:00"`,
			`calendar/2026.json: $.paperCutoff: 18:00 is outside office hours 08:00–17:00; want a time within office hours`},
		{"unknown kind", `"kind": "holiday", "name": {"vi": "Tết Dương lịch"`, `"kind": "festival", "name": {"vi": "Tết Dương lịch"`,
			`calendar/2026.json: $.daysOff[0].kind: unknown kind "festival"; want one of "holiday", "compensatory", "swapped"`},
		{"unknown timezone", `"Asia/Ho_Chi_Minh"`, `"Mars/Olympus_Mons"`,
			`calendar/2026.json: $.timezone: unknown time zone "Mars/Olympus_Mons"`},
		{"Local timezone", `"Asia/Ho_Chi_Minh"`, `"Local"`, `$.timezone: unknown time zone "Local"`},
		{"year does not match file", `"year": 2026`, `"year": 2027`,
			`calendar/2026.json: $.year: year 2027 does not match the file name 2026.json; want year 2026, or rename the file`},
		{"year out of range", `"year": 2026`, `"year": 20026`, `$.year: year 20026 is out of range`},
		{"swap without its make-up day", `"madeUpOn": "2026-01-10"`, `"madeUpOn": "2026-01-17"`,
			`calendar/2026.json: $.daysOff[1].madeUpOn: 2026-01-17 is not listed in makeUpDays as making up for 2026-01-02`},
		{"compensatory for a non-holiday", `"for": "2026-04-26"`, `"for": "2026-04-25"`,
			`calendar/2026.json: $.daysOff[3].for: 2026-04-25 is not listed as a holiday in this file`},
		{"compensatory before its holiday", `"for": "2026-04-26"`, `"for": "2026-04-28"`,
			`$.daysOff[3].for: compensates 2026-04-28, which is not before 2026-04-27`},
		{"swapped on a weekend", `"date": "2026-01-02", "kind": "swapped"`, `"date": "2026-01-03", "kind": "swapped"`,
			`$.daysOff[1].date: 2026-01-03 is a Saturday, so a swapped day off changes nothing; want a Monday to Friday`},
		{"missing name", `"name": {"vi": "Nghỉ bù", "en": "Compensatory"}`, `"name": {"vi": "", "en": "Compensatory"}`,
			`$.daysOff[3].name.vi: missing`},
		{"unknown field", `"paperCutoff"`, `"dayOff": [], "paperCutoff"`,
			`calendar/2026.json: $: unknown field "dayOff"; want only the fields of workday.YearFile (check the spelling)`},
		{"wrong type", `"year": 2026`, `"year": "2026"`,
			`calendar/2026.json: $.year: JSON string cannot be stored in a int`},
		{"syntax error", `"source": "test",`, `"source": "test",,`,
			`calendar/2026.json: line 6, column 20: invalid character ','`},
		{"trailing data", `"for": "2026-01-02"}]
}`, `"for": "2026-01-02"}]
} {}`, `calendar/2026.json: $: extra data after the JSON object`},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			data := strings.Replace(minimal, tt.old, tt.new, 1)
			if data == minimal {
				t.Fatalf("test case does not change the file: %q not found", tt.old)
			}
			_, err := Parse("calendar/2026.json", []byte(data))
			if err == nil {
				t.Fatalf("no error, want %s", tt.want)
			}
			if !strings.Contains(err.Error(), tt.want) {
				t.Errorf("error:\n  %v\nwant it to contain:\n  %s", err, tt.want)
			}
			var de *DataError
			if !errors.As(err, &de) {
				t.Errorf("error %T is not a *DataError", err)
			}
		})
	}
}

func TestParseReportsEveryProblem(t *testing.T) {
	data := strings.Replace(minimal, `"date": "2026-04-27"`, `"date": "2026-13-01"`, 1)
	data = strings.Replace(data, `"paperCutoff": "15:00"`, `"paperCutoff": "25:00"`, 1)
	_, err := Parse("calendar/2026.json", []byte(data))
	if err == nil || !strings.Contains(err.Error(), "$.daysOff[3].date") || !strings.Contains(err.Error(), "$.paperCutoff") {
		t.Errorf("error = %v, want both problems", err)
	}
}

// simple returns a valid file for year with one holiday on 1 January, plus
// extra daysOff entries (JSON, each followed by a comma).
func simple(year, tz, extra string) *fstest.MapFile {
	return &fstest.MapFile{Data: []byte(`{"year": ` + year + `, "timezone": "` + tz + `", "source": "test",
  "officeHours": [{"start": "08:00", "end": "17:00"}], "paperCutoff": "15:00",
  "daysOff": [` + extra + `{"date": "` + year + `-01-01", "kind": "holiday", "name": {"vi": "Tết Dương lịch", "en": "New Year"}}]}`)}
}

func TestLoadSet(t *testing.T) {
	const vn = "Asia/Ho_Chi_Minh"
	tests := []struct {
		name string
		fs   fstest.MapFS
		want string
	}{
		{"empty", fstest.MapFS{"calendar/README": {}}, "no calendar files in calendar/"},
		{"gap", fstest.MapFS{"calendar/2026.json": simple("2026", vn, ""), "calendar/2028.json": simple("2028", vn, "")},
			"workday: calendar years must be contiguous: 2026 and 2028 are loaded but 2027 is missing; add calendar/2027.json"},
		{"two time zones", fstest.MapFS{"calendar/2026.json": simple("2026", vn, ""), "calendar/2027.json": simple("2027", "Asia/Bangkok", "")},
			`calendar/2027.json: $.timezone: "Asia/Bangkok" differs from calendar/2026.json's "Asia/Ho_Chi_Minh"; want the same time zone in every year`},
		{"problems in two files", fstest.MapFS{
			"calendar/2026.json": {Data: []byte(strings.Replace(minimal, `"2026-04-27"`, `"2026-04-31"`, 1))},
			"calendar/2027.json": {Data: []byte("{")},
		}, `calendar/2026.json: $.daysOff[3].date: "2026-04-31" is not a date`},
		{"problems in two files (second)", fstest.MapFS{
			"calendar/2026.json": {Data: []byte(strings.Replace(minimal, `"2026-04-27"`, `"2026-04-31"`, 1))},
			"calendar/2027.json": {Data: []byte("{")},
		}, `calendar/2027.json: $: file is empty or truncated`},
		{"cross-year make-up day missing", fstest.MapFS{
			"calendar/2026.json": simple("2026", vn, ""),
			"calendar/2025.json": simple("2025", vn, `{"date": "2025-12-31", "kind": "swapped", "madeUpOn": "2026-01-03", "name": {"vi": "a", "en": "b"}},`),
		}, "calendar/2025.json: $.daysOff[0].madeUpOn: 2026-01-03 is not listed in calendar/2026.json as making up for 2025-12-31"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			_, err := Load(tt.fs)
			if err == nil || !strings.Contains(err.Error(), tt.want) {
				t.Errorf("Load error:\n  %v\nwant it to contain:\n  %s", err, tt.want)
			}
		})
	}
	// The same pair, made consistent, loads.
	ok := fstest.MapFS{
		"calendar/2026.json": {Data: []byte(`{"year": 2026, "timezone": "Asia/Ho_Chi_Minh", "source": "test",
  "officeHours": [{"start": "08:00", "end": "17:00"}], "paperCutoff": "15:00",
  "daysOff": [{"date": "2026-01-01", "kind": "holiday", "name": {"vi": "Tết Dương lịch", "en": "New Year"}}],
  "makeUpDays": [{"date": "2026-01-03", "for": "2025-12-31"}]}`)},
		"calendar/2025.json": simple("2025", vn, `{"date": "2025-12-31", "kind": "swapped", "madeUpOn": "2026-01-03", "name": {"vi": "a", "en": "b"}},`),
	}
	c, err := Load(ok)
	if err != nil {
		t.Fatal(err)
	}
	if w, _, _ := c.IsWorkingDay(at(t, "2026-01-03T10:00:00+07:00")); !w {
		t.Error("make-up Saturday 2026-01-03 is not a working day")
	}
}

func TestRevision(t *testing.T) {
	load := func(data string) string {
		c, err := Load(fstest.MapFS{"calendar/2026.json": {Data: []byte(data)}})
		if err != nil {
			t.Fatal(err)
		}
		return c.Revision()
	}
	base := load(minimal)
	if len(base) != 12 {
		t.Errorf("revision %q, want 12 hex digits", base)
	}
	if got := load(strings.ReplaceAll(minimal, "\n", "\n\t  ")); got != base {
		t.Errorf("reformatting changed the revision: %s → %s", base, got)
	}
	if got := load(strings.Replace(minimal, `"Nghỉ bù"`, `"Nghỉ bù Giỗ Tổ"`, 1)); got == base {
		t.Error("changing a name kept the revision")
	}
	if a, b := shipped(t).Revision(), shipped(t).Revision(); a != b {
		t.Errorf("revision not stable: %s, %s", a, b)
	}
}

func TestNew(t *testing.T) {
	yf, err := Parse("calendar/2026.json", []byte(minimal))
	if err != nil {
		t.Fatal(err)
	}
	c, err := New(yf)
	if err != nil {
		t.Fatal(err)
	}
	if got := c.Years(); len(got) != 1 || got[0] != 2026 || c.Location().String() != "Asia/Ho_Chi_Minh" {
		t.Errorf("Years %v, Location %s", got, c.Location())
	}
	bad := *yf
	bad.PaperCutoff = "7pm"
	if _, err := New(&bad); err == nil || !strings.Contains(err.Error(), "calendar/2026.json: $.paperCutoff") {
		t.Errorf("New with a bad file: %v", err)
	}
	if _, err := New(yf, yf); err == nil || !strings.Contains(err.Error(), "both describe 2026") {
		t.Errorf("New with a year twice: %v", err)
	}
	if _, err := New(); err == nil {
		t.Error("New(): no error")
	}
}
