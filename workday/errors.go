package workday

import (
	"fmt"
	"strconv"
	"strings"
)

// MissingYearError reports that a computation needed a year for which no
// calendar is loaded. Deadlines are never guessed: an administrator has to add
// the year's file (published by the government each year) first. Callers can
// detect it with errors.As to, for instance, alert an administrator rather
// than the clerk.
type MissingYearError struct {
	// Year is the year that is needed and missing.
	Year int
	// Loaded lists the years the calendar has, ascending.
	Loaded []int
}

// Error names the missing year, the loaded ones and the file to add.
func (e *MissingYearError) Error() string {
	loaded := make([]string, len(e.Loaded))
	for i, y := range e.Loaded {
		loaded[i] = strconv.Itoa(y)
	}
	have := strings.Join(loaded, ", ")
	if have == "" {
		have = "none"
	}
	return fmt.Sprintf("workday: no calendar loaded for %d (loaded: %s); add catalog/calendar/%d.json", e.Year, have, e.Year)
}

// DataError is one problem found in a calendar file. It names the file, the
// place in the JSON document (a JSONPath such as $.daysOff[3].date), what is
// wrong and what is expected, so an administrator can fix the file without
// reading code.
type DataError struct {
	// File is the file name as given to Parse or found by Load.
	File string
	// Path is the JSONPath of the offending value; "$" is the whole document.
	Path string
	// Problem says what is wrong, e.g. `"2026-02-30" is not a date`.
	Problem string
	// Want says what is expected, e.g. "a date YYYY-MM-DD"; it may be empty.
	Want string
}

// Error reads "file: path: problem; want …".
func (e *DataError) Error() string {
	msg := fmt.Sprintf("%s: %s: %s", e.File, e.Path, e.Problem)
	if e.Want != "" {
		msg += "; want " + e.Want
	}
	return msg
}

// durationError reports a Duration that cannot be computed (unknown unit,
// negative or absurd amount). It is an input error, distinct from a calendar
// gap.
func durationError(d Duration, problem string) error {
	return fmt.Errorf("workday: duration %q: %s", d.String(), problem)
}
