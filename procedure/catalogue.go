package procedure

import (
	"errors"
	"fmt"
	"sort"
	"strings"
	"time"
)

// ErrNotInForce is wrapped by the error of ProcedureAt when no version of a
// procedure is in force on the date asked.
var ErrNotInForce = errors.New("no procedure in force")

// Catalogue is a loaded and validated catalogue: the organisation and every
// version of every procedure.
type Catalogue struct {
	Organisation Organisation
	Procedures   []Procedure
	// files holds the file each procedure came from, for problems found when
	// a procedure is added later.
	files []string
}

// Procedure returns version of the procedure code.
func (c *Catalogue) Procedure(code string, version int) (Procedure, bool) {
	for _, p := range c.Procedures {
		if p.Code == code && p.Version == version {
			return p, true
		}
	}
	return Procedure{}, false
}

// ProcedureAt returns the version of the procedure code in force on the civil
// date of date, read in date's own location (pass a time in Asia/Ho_Chi_Minh).
// A version is in force from its EffectiveFrom to its EffectiveTo, both
// inclusive; an empty EffectiveTo is open. The error wraps ErrNotInForce.
func (c *Catalogue) ProcedureAt(code string, date time.Time) (Procedure, error) {
	day := date.Format(dateLayout)
	var found *Procedure
	var versions []string
	for i := range c.Procedures {
		p := &c.Procedures[i]
		if p.Code != code {
			continue
		}
		versions = append(versions, fmt.Sprintf("v%d %s", p.Version, span(p.EffectiveFrom, p.EffectiveTo)))
		if p.inForce(day) && (found == nil || p.Version > found.Version) {
			found = p
		}
	}
	if found != nil {
		return *found, nil
	}
	if len(versions) == 0 {
		return Procedure{}, fmt.Errorf("%w: procedure %q is not in the catalogue (asked for %s)", ErrNotInForce, code, day)
	}
	sort.Strings(versions)
	return Procedure{}, fmt.Errorf("%w: no version of procedure %q is in force on %s (versions: %s)", ErrNotInForce, code, day, strings.Join(versions, ", "))
}

// inForce reports whether the procedure is in force on day (YYYY-MM-DD).
func (p *Procedure) inForce(day string) bool {
	return p.EffectiveFrom <= day && (p.EffectiveTo == "" || day <= p.EffectiveTo)
}

// AddProcedure parses a procedure file, validates it against the catalogue's
// organisation and the versions already in the catalogue, and adds it. It is
// how tests bring in procedures that are not shipped, such as the drill.
func (c *Catalogue) AddProcedure(name string, data []byte) (Procedure, error) {
	var ps Problems
	r := reporter{file: name, ps: &ps}
	var p Procedure
	if !decodeStrict(r, data, &p) {
		return Procedure{}, ps
	}
	validateProcedure(r, &p, newOrgView(&c.Organisation))
	procs := append(append([]Procedure(nil), c.Procedures...), p)
	files := append(append([]string(nil), c.sourceFiles()...), name)
	validateVersions(procs, files, &ps, len(procs)-1)
	if len(ps) > 0 {
		return Procedure{}, ps
	}
	c.Procedures = procs
	c.files = files
	return p, nil
}

// sourceFiles returns the file of each procedure, naming unknown ones by code.
func (c *Catalogue) sourceFiles() []string {
	files := make([]string, len(c.Procedures))
	for i, p := range c.Procedures {
		if i < len(c.files) {
			files[i] = c.files[i]
		} else {
			files[i] = fmt.Sprintf("%s v%d", p.Code, p.Version)
		}
	}
	return files
}

// validateVersions checks the versions of each code: no version number twice
// and no two effective ranges overlapping. Only procedures from index from on
// are reported (the others were checked before).
func validateVersions(procs []Procedure, files []string, ps *Problems, from int) {
	for j := from; j < len(procs); j++ {
		b := &procs[j]
		r := reporter{file: files[j], ps: ps}
		for i := 0; i < j; i++ {
			a := &procs[i]
			if a.Code != b.Code {
				continue
			}
			if a.Version == b.Version {
				r.add("$.version", "a new version number (also in "+files[i]+")", "duplicate version %d of procedure %q", b.Version, b.Code)
				continue
			}
			if !datesUsable(a) || !datesUsable(b) {
				continue
			}
			if a.EffectiveFrom <= orOpen(b.EffectiveTo) && b.EffectiveFrom <= orOpen(a.EffectiveTo) {
				r.add("$.effectiveFrom", "effective ranges of one code that do not overlap",
					"in force %s, overlapping version %d (%s, %s)", span(b.EffectiveFrom, b.EffectiveTo), a.Version, files[i], span(a.EffectiveFrom, a.EffectiveTo))
			}
		}
	}
}

// orOpen maps an open end to a date after every real one.
func orOpen(to string) string {
	if to == "" {
		return "9999-12-31"
	}
	return to
}

// datesUsable reports whether a procedure's dates parse and are in order.
func datesUsable(p *Procedure) bool {
	if _, ok := parseDate(p.EffectiveFrom); !ok {
		return false
	}
	if p.EffectiveTo == "" {
		return true
	}
	_, ok := parseDate(p.EffectiveTo)
	return ok && p.EffectiveFrom <= p.EffectiveTo
}
