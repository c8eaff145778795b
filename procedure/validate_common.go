package procedure

import (
	"regexp"
	"strings"
	"time"

	"github.com/lienthong/lienthong/workday"
)

// dateLayout is the layout of civil dates in catalogue files.
const dateLayout = "2006-01-02"

var (
	// idPattern is the shape of step, field, document, ladder and person ids.
	idPattern = regexp.MustCompile(`^[A-Za-z0-9][A-Za-z0-9_.-]{0,63}$`)
	// codePattern is the shape of unit and procedure codes: dot-separated
	// segments of letters and digits. No '-': an agency code is the first
	// segment of a dossier code "<agency>-<yymmdd>-<seq>".
	codePattern = regexp.MustCompile(`^[A-Za-z0-9]+(\.[A-Za-z0-9]+)*$`)
	// emailPattern is a loose check of a mailbox address.
	emailPattern = regexp.MustCompile(`^[^@\s]+@[^@\s]+\.[^@\s]+$`)
)

const (
	idExpected   = "letters, digits, '_', '-' or '.' (at most 64)"
	codeExpected = "letters and digits in dot-separated segments, e.g. H26.STC (no '-': it prefixes dossier codes)"
)

// checkText reports a missing Vietnamese or English label; what is "name",
// "label" or "title".
func checkText(r reporter, path string, t Text, what string) {
	if strings.TrimSpace(t.VI) == "" {
		r.add(field(path, "vi"), "a Vietnamese "+what, "missing Vietnamese %s", what)
	}
	if strings.TrimSpace(t.EN) == "" {
		r.add(field(path, "en"), "an English "+what, "missing English %s", what)
	}
}

// checkID reports a missing or malformed identifier; what is "step id" etc.
func checkID(r reporter, path, id, what string) bool {
	if id == "" {
		r.add(path, idExpected, "missing %s", what)
		return false
	}
	if !idPattern.MatchString(id) {
		r.add(path, idExpected, "malformed %s %q", what, id)
		return false
	}
	return true
}

// checkCode reports a missing or malformed unit or procedure code.
func checkCode(r reporter, path, code, what string) bool {
	if code == "" {
		r.add(path, codeExpected, "missing %s", what)
		return false
	}
	if !codePattern.MatchString(code) || len(code) > 64 {
		r.add(path, codeExpected, "malformed %s %q", what, code)
		return false
	}
	return true
}

// checkEmail reports a malformed e-mail address; empty is allowed.
func checkEmail(r reporter, path, email string) {
	if email != "" && !emailPattern.MatchString(email) {
		r.add(path, "name@domain", "malformed e-mail address %q", email)
	}
}

// parseDate parses a civil date YYYY-MM-DD.
func parseDate(s string) (time.Time, bool) {
	t, err := time.Parse(dateLayout, s)
	if err != nil || t.Format(dateLayout) != s {
		return time.Time{}, false
	}
	return t, true
}

// checkDate reports a missing (when required) or malformed date and tells
// whether s is a usable date.
func checkDate(r reporter, path, s string, required bool) bool {
	if s == "" {
		if required {
			r.add(path, "YYYY-MM-DD", "missing date")
		}
		return false
	}
	if _, ok := parseDate(s); !ok {
		r.add(path, "YYYY-MM-DD", "malformed date %q", s)
		return false
	}
	return true
}

// checkRange checks a from/to pair of dates (to inclusive and optional) and
// tells whether both are usable.
func checkRange(r reporter, path, fromKey, from, toKey, to string) bool {
	okFrom := checkDate(r, field(path, fromKey), from, true)
	okTo := checkDate(r, field(path, toKey), to, false)
	if okFrom && okTo && to < from {
		r.add(field(path, toKey), "a date on or after "+fromKey, "%s %s is before %s %s", toKey, to, fromKey, from)
		return false
	}
	return okFrom && (to == "" || okTo)
}

// unitsExpected lists the duration units for messages.
func unitsExpected() string {
	names := make([]string, len(workday.Units))
	for i, u := range workday.Units {
		names[i] = string(u)
	}
	return "one of " + strings.Join(names, ", ")
}

// checkDuration reports a missing or unknown unit and a negative amount.
func checkDuration(r reporter, path string, d workday.Duration) bool {
	ok := true
	switch {
	case d.Unit == "":
		r.add(field(path, "unit"), unitsExpected(), "missing duration unit")
		ok = false
	case !d.Unit.Valid():
		r.add(field(path, "unit"), unitsExpected(), "unknown duration unit %q", d.Unit)
		ok = false
	}
	if d.Amount < 0 {
		r.add(field(path, "amount"), "an amount of 0 or more", "negative duration %d", d.Amount)
		ok = false
	}
	return ok
}

// roughMinutes converts a duration to a rough count of working minutes, only
// to compare rungs of a ladder: a working day is 480 minutes, a half-day 240,
// an hour 60, a calendar day is taken as a working day.
func roughMinutes(d workday.Duration) int64 {
	per := int64(1)
	switch d.Unit {
	case workday.WorkingDays, workday.CalendarDays:
		per = 480
	case workday.HalfDays:
		per = 240
	case workday.WorkingHours:
		per = 60
	}
	return int64(d.Amount) * per
}

// validRole reports whether r is one of Roles.
func validRole(r Role) bool {
	for _, k := range Roles {
		if r == k {
			return true
		}
	}
	return false
}

// rolesExpected lists the roles for messages.
func rolesExpected() string {
	names := make([]string, len(Roles))
	for i, r := range Roles {
		names[i] = string(r)
	}
	return "one of " + strings.Join(names, ", ")
}

// checkRole reports a missing or unknown role.
func checkRole(r reporter, path string, role Role) bool {
	if role == "" {
		r.add(path, rolesExpected(), "missing role")
		return false
	}
	if !validRole(role) {
		r.add(path, rolesExpected(), "unknown role %q", role)
		return false
	}
	return true
}
