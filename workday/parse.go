package workday

import (
	"bytes"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"path"
	"regexp"
	"strconv"
	"strings"
	"time"
)

// Year bounds accepted in a file. They are generous; they exist so that a typo
// such as 20026 is caught instead of producing a calendar nobody can reach.
const (
	minYear = 1900
	maxYear = 9999
)

// maxProblems caps how many problems one file reports, so a file of garbage
// gives a readable answer.
const maxProblems = 50

const dateLayout = "2006-01-02"

var occasionRE = regexp.MustCompile(`^[a-z][a-z0-9_]*$`)

// Parse decodes and validates one calendar file. name is used in error
// messages and, when its base name is "<year>.json", must agree with the
// file's year. Unknown fields are rejected so that a misspelt key
// ("dayOff") is not silently ignored. The error, if any, joins one *DataError
// per problem found.
func Parse(name string, data []byte) (*YearFile, error) {
	var yf YearFile
	dec := json.NewDecoder(bytes.NewReader(data))
	dec.DisallowUnknownFields()
	if err := dec.Decode(&yf); err != nil {
		return nil, decodeError(name, data, err)
	}
	if _, err := dec.Token(); err != io.EOF {
		return nil, &DataError{File: name, Path: "$", Problem: "extra data after the JSON object", Want: "exactly one JSON object"}
	}
	if err := validate(name, &yf); err != nil {
		return nil, err
	}
	return &yf, nil
}

// decodeError turns encoding/json's errors into DataErrors with a position or
// a JSONPath, because "invalid character '}'" alone does not say where.
func decodeError(name string, data []byte, err error) error {
	var syn *json.SyntaxError
	var typ *json.UnmarshalTypeError
	switch {
	case errors.As(err, &syn):
		line, col := lineCol(data, syn.Offset)
		return &DataError{File: name, Path: fmt.Sprintf("line %d, column %d", line, col), Problem: syn.Error(), Want: "valid JSON"}
	case errors.As(err, &typ):
		p := "$"
		if typ.Field != "" {
			p += "." + typ.Field
		}
		return &DataError{File: name, Path: p, Problem: fmt.Sprintf("JSON %s cannot be stored in a %s", typ.Value, typ.Type), Want: "the type the calendar format defines (see workday.YearFile)"}
	case errors.Is(err, io.EOF), errors.Is(err, io.ErrUnexpectedEOF):
		return &DataError{File: name, Path: "$", Problem: "file is empty or truncated", Want: "a JSON object"}
	case strings.HasPrefix(err.Error(), "json: unknown field "):
		field := strings.TrimPrefix(err.Error(), "json: unknown field ")
		return &DataError{File: name, Path: "$", Problem: "unknown field " + field, Want: "only the fields of workday.YearFile (check the spelling)"}
	default:
		return &DataError{File: name, Path: "$", Problem: err.Error()}
	}
}

// lineCol converts the offset of a json.SyntaxError (bytes read, including
// the offending one) into the 1-based line and column of the offending byte.
func lineCol(data []byte, off int64) (line, col int) {
	if off > 0 {
		off--
	}
	if off > int64(len(data)) {
		off = int64(len(data))
	}
	line, col = 1, 1
	for _, b := range data[:off] {
		if b == '\n' {
			line++
			col = 1
		} else {
			col++
		}
	}
	return line, col
}

// problems collects DataErrors for one file.
type problems struct {
	file string
	errs []error
}

func (p *problems) add(at, problem, want string) {
	if len(p.errs) < maxProblems {
		p.errs = append(p.errs, &DataError{File: p.file, Path: at, Problem: problem, Want: want})
	}
}

func (p *problems) err() error { return errors.Join(p.errs...) }

// validate checks everything a loaded calendar relies on. It runs on every
// file, whether parsed from JSON or built in Go and given to New.
func validate(name string, yf *YearFile) error {
	p := &problems{file: name}

	if yf.Year < minYear || yf.Year > maxYear {
		p.add("$.year", fmt.Sprintf("year %d is out of range", yf.Year), fmt.Sprintf("a year between %d and %d", minYear, maxYear))
	}
	if base := path.Base(name); strings.HasSuffix(base, ".json") {
		if n, err := strconv.Atoi(strings.TrimSuffix(base, ".json")); err == nil && n != yf.Year {
			p.add("$.year", fmt.Sprintf("year %d does not match the file name %s", yf.Year, base), fmt.Sprintf("year %d, or rename the file", n))
		}
	}
	if yf.Timezone == "" {
		p.add("$.timezone", "missing", `an IANA time zone name such as "Asia/Ho_Chi_Minh"`)
	} else if _, err := loadZone(yf.Timezone); err != nil {
		p.add("$.timezone", fmt.Sprintf("unknown time zone %q", yf.Timezone), `an IANA time zone name such as "Asia/Ho_Chi_Minh"`)
	}
	if strings.TrimSpace(yf.Source) == "" {
		p.add("$.source", "missing", "the legal documents the file is built from")
	}

	sessions := validateSessions(p, yf.OfficeHours)
	if yf.PaperCutoff == "" {
		p.add("$.paperCutoff", "missing", `a local time "HH:MM" within office hours, e.g. "15:00"`)
	} else if cut, ok := parseClock(yf.PaperCutoff); !ok {
		p.add("$.paperCutoff", fmt.Sprintf("%q is not a time of day", yf.PaperCutoff), `"HH:MM" between 00:00 and 24:00`)
	} else if len(sessions) > 0 && (cut < sessions[0].start || cut > sessions[len(sessions)-1].end) {
		p.add("$.paperCutoff", fmt.Sprintf("%s is outside office hours %s–%s", yf.PaperCutoff, yf.OfficeHours[0].Start, yf.OfficeHours[len(yf.OfficeHours)-1].End), "a time within office hours")
	}

	// First pass: each entry on its own; remember valid dates for the
	// cross-references checked in the second pass.
	off := map[string]int{}    // date -> index in DaysOff
	worked := map[string]int{} // date -> index in MakeUpDays
	for i, d := range yf.DaysOff {
		at := fmt.Sprintf("$.daysOff[%d]", i)
		t, ok := checkDate(p, at+".date", d.Date, yf.Year)
		if ok {
			if j, dup := off[d.Date]; dup {
				p.add(at+".date", fmt.Sprintf("%s is listed twice (also $.daysOff[%d])", d.Date, j), "one entry per date")
			} else {
				off[d.Date] = i
			}
		}
		if !d.Kind.Valid() {
			p.add(at+".kind", fmt.Sprintf("unknown kind %q", d.Kind), `one of "holiday", "compensatory", "swapped"`)
		}
		if ok && (d.Kind == Compensatory || d.Kind == Swapped) && isWeekend(t.Weekday()) {
			p.add(at+".date", fmt.Sprintf("%s is a %s, so a %s day off changes nothing", d.Date, t.Weekday(), d.Kind), "a Monday to Friday")
		}
		if strings.TrimSpace(d.Name.VI) == "" {
			p.add(at+".name.vi", "missing", "the Vietnamese name people see, e.g. \"Tết Nguyên đán\"")
		}
		if strings.TrimSpace(d.Name.EN) == "" {
			p.add(at+".name.en", "missing", "the English name, e.g. \"Lunar New Year\"")
		}
		if d.Occasion != "" && !occasionRE.MatchString(d.Occasion) {
			p.add(at+".occasion", fmt.Sprintf("%q is not a key", d.Occasion), "lower-case letters, digits and _, e.g. \"hung_kings\"")
		}
		if d.Lunar != nil && (d.Lunar.Month < 1 || d.Lunar.Month > 12 || d.Lunar.Day < 1 || d.Lunar.Day > 30) {
			p.add(at+".lunar", fmt.Sprintf("lunar day %d of month %d does not exist", d.Lunar.Day, d.Lunar.Month), "month 1–12 and day 1–30")
		}
		switch d.Kind {
		case Holiday:
			if d.For != "" || d.MadeUpOn != "" {
				p.add(at, "a holiday has \"for\" or \"madeUpOn\"", `kind "compensatory" (with "for") or "swapped" (with "madeUpOn")`)
			}
		case Compensatory:
			if d.MadeUpOn != "" {
				p.add(at+".madeUpOn", "a compensatory day is not made up", `no "madeUpOn" (or kind "swapped")`)
			}
			if d.For == "" {
				p.add(at+".for", "missing", "the date of the holiday it compensates")
			} else if f, fok := checkDate(p, at+".for", d.For, 0); fok && ok && !f.Before(t) {
				p.add(at+".for", fmt.Sprintf("compensates %s, which is not before %s", d.For, d.Date), "an earlier holiday date")
			}
		case Swapped:
			if d.For != "" {
				p.add(at+".for", "a swapped day compensates nothing", `"madeUpOn" (or kind "compensatory")`)
			}
			if d.MadeUpOn == "" {
				p.add(at+".madeUpOn", "missing", "the Saturday on which the day is made up")
			} else {
				checkDate(p, at+".madeUpOn", d.MadeUpOn, 0)
			}
		}
	}
	for i, m := range yf.MakeUpDays {
		at := fmt.Sprintf("$.makeUpDays[%d]", i)
		t, ok := checkDate(p, at+".date", m.Date, yf.Year)
		if ok {
			if j, dup := off[m.Date]; dup {
				p.add(at+".date", fmt.Sprintf("%s is also a day off ($.daysOff[%d])", m.Date, j), "a date that is either off or worked")
			} else if j, dup := worked[m.Date]; dup {
				p.add(at+".date", fmt.Sprintf("%s is listed twice (also $.makeUpDays[%d])", m.Date, j), "one entry per date")
			} else {
				worked[m.Date] = i
			}
			if t.Weekday() != time.Saturday {
				p.add(at+".date", fmt.Sprintf("%s is a %s", m.Date, t.Weekday()), "a Saturday (make-up days are worked Saturdays)")
			}
		}
		if m.For == "" {
			p.add(at+".for", "missing", "the swapped day it makes up for")
		} else {
			checkDate(p, at+".for", m.For, 0)
		}
		if m.Name != nil && (strings.TrimSpace(m.Name.VI) == "" || strings.TrimSpace(m.Name.EN) == "") {
			p.add(at+".name", "name given without both vi and en", "both, or no name (a default is used)")
		}
	}

	// Second pass: references inside the same year must point at the right
	// kind of entry; references to other years are checked by Load.
	yearPrefix := strconv.Itoa(yf.Year) + "-"
	for i, d := range yf.DaysOff {
		at := fmt.Sprintf("$.daysOff[%d]", i)
		switch {
		case d.Kind == Compensatory && strings.HasPrefix(d.For, yearPrefix):
			if j, found := off[d.For]; !found || yf.DaysOff[j].Kind != Holiday {
				p.add(at+".for", fmt.Sprintf("%s is not listed as a holiday in this file", d.For), "the date of a daysOff entry of kind \"holiday\"")
			}
		case d.Kind == Swapped && strings.HasPrefix(d.MadeUpOn, yearPrefix):
			if j, found := worked[d.MadeUpOn]; !found || yf.MakeUpDays[j].For != d.Date {
				p.add(at+".madeUpOn", fmt.Sprintf("%s is not listed in makeUpDays as making up for %s", d.MadeUpOn, d.Date), fmt.Sprintf(`a makeUpDays entry {"date": %q, "for": %q}`, d.MadeUpOn, d.Date))
			}
		}
	}
	for i, m := range yf.MakeUpDays {
		if !strings.HasPrefix(m.For, yearPrefix) {
			continue
		}
		if j, found := off[m.For]; !found || yf.DaysOff[j].Kind != Swapped || yf.DaysOff[j].MadeUpOn != m.Date {
			p.add(fmt.Sprintf("$.makeUpDays[%d].for", i), fmt.Sprintf("%s is not listed as a swapped day made up on %s", m.For, m.Date), fmt.Sprintf(`a daysOff entry {"date": %q, "kind": "swapped", "madeUpOn": %q}`, m.For, m.Date))
		}
	}
	return p.err()
}

// validateSessions checks office hours and returns them parsed (nil when any
// is wrong, so later checks do not pile up on the same mistake).
func validateSessions(p *problems, ss []Session) []span {
	if len(ss) == 0 {
		p.add("$.officeHours", "no office sessions", `at least one {"start": "HH:MM", "end": "HH:MM"}`)
		return nil
	}
	out := make([]span, 0, len(ss))
	ok := true
	for i, s := range ss {
		at := fmt.Sprintf("$.officeHours[%d]", i)
		start, sok := parseClock(s.Start)
		end, eok := parseClock(s.End)
		if !sok {
			p.add(at+".start", fmt.Sprintf("%q is not a time of day", s.Start), `"HH:MM" between 00:00 and 24:00`)
		}
		if !eok {
			p.add(at+".end", fmt.Sprintf("%q is not a time of day", s.End), `"HH:MM" between 00:00 and 24:00`)
		}
		if !sok || !eok {
			ok = false
			continue
		}
		if end <= start {
			p.add(at, fmt.Sprintf("session %s–%s ends before it starts", s.Start, s.End), "start before end")
			ok = false
			continue
		}
		if n := len(out); n > 0 && start < out[n-1].end {
			p.add(at, fmt.Sprintf("session %s–%s overlaps or precedes the session before it (ends %s)", s.Start, s.End, ss[i-1].End), "sessions in ascending order, not overlapping")
			ok = false
		}
		out = append(out, span{start: start, end: end})
	}
	if !ok {
		return nil
	}
	return out
}

// checkDate parses a YYYY-MM-DD date and, when year is not 0, requires it to
// be in that year.
func checkDate(p *problems, at, s string, year int) (time.Time, bool) {
	t, err := time.Parse(dateLayout, s)
	if err != nil {
		p.add(at, fmt.Sprintf("%q is not a date", s), "a date YYYY-MM-DD")
		return time.Time{}, false
	}
	if year != 0 && t.Year() != year {
		p.add(at, fmt.Sprintf("%s is outside the file's year %d", s, year), fmt.Sprintf("a date in %d, or move it to %d.json", year, t.Year()))
		return t, false
	}
	return t, true
}

// parseClock parses "HH:MM" (00:00 to 24:00) as the time since midnight.
func parseClock(s string) (time.Duration, bool) {
	if len(s) != 5 || s[2] != ':' {
		return 0, false
	}
	h, err1 := strconv.Atoi(s[:2])
	m, err2 := strconv.Atoi(s[3:])
	if err1 != nil || err2 != nil || s[0] == '+' || s[0] == '-' || s[3] == '+' || s[3] == '-' {
		return 0, false
	}
	if h < 0 || h > 24 || m < 0 || m > 59 || (h == 24 && m != 0) {
		return 0, false
	}
	return time.Duration(h)*time.Hour + time.Duration(m)*time.Minute, true
}

// isWeekend reports the weekly rest days of the civil service, Saturday and
// Sunday (Decision 188/1999/QĐ-TTg). They are fixed in code because they have
// not changed since 1999, unlike the holidays, which are data.
func isWeekend(w time.Weekday) bool { return w == time.Saturday || w == time.Sunday }
