package workday

import (
	"crypto/sha256"
	"encoding/hex"
	"encoding/json"
	"errors"
	"fmt"
	"sort"
	"strconv"
	"strings"
	"time"
)

// New builds a calendar from year files, validating each (as Parse does) and
// the set as a whole: one file per year, contiguous years (a gap would make
// any deadline across it wrong), one time zone, and pairs that cross a year
// boundary (a swapped day and its make-up Saturday, a compensatory day and its
// holiday) consistent when both years are loaded.
func New(files ...*YearFile) (*Calendar, error) {
	named := make([]namedFile, len(files))
	for i, f := range files {
		if f == nil {
			return nil, fmt.Errorf("workday: New: file %d is nil", i)
		}
		named[i] = namedFile{name: fmt.Sprintf("calendar/%d.json", f.Year), file: f}
	}
	return build(named, true)
}

// namedFile is a year file with the name its errors should carry.
type namedFile struct {
	name string
	file *YearFile
}

// build validates the set of files (each file too when validateEach) and
// precomputes the tables.
func build(files []namedFile, validateEach bool) (*Calendar, error) {
	if len(files) == 0 {
		return nil, errors.New("workday: no calendar years given; want at least one calendar/<year>.json")
	}
	if validateEach {
		var errs []error
		for _, f := range files {
			if err := validate(f.name, f.file); err != nil {
				errs = append(errs, err)
			}
		}
		if len(errs) > 0 {
			return nil, errors.Join(errs...)
		}
	}
	files = append([]namedFile(nil), files...)
	sort.Slice(files, func(i, j int) bool { return files[i].file.Year < files[j].file.Year })

	if err := checkSet(files); err != nil {
		return nil, err
	}
	loc, err := loadZone(files[0].file.Timezone)
	if err != nil {
		return nil, fmt.Errorf("%s: $.timezone: %w", files[0].name, err)
	}

	c := &Calendar{loc: loc}
	for _, f := range files {
		c.years = append(c.years, f.file.Year)
	}
	c.base = daysFromCivil(c.years[0], time.January, 1)
	last := c.years[len(c.years)-1]
	n := daysFromCivil(last+1, time.January, 1) - c.base
	c.days = make([]day, 0, n)
	for _, f := range files {
		c.addYear(f.file)
	}
	c.buildPrefixes()
	c.revision = revision(files)
	return c, nil
}

// checkSet checks what no single file can: duplicates, gaps, one time zone,
// and references into neighbouring years.
func checkSet(files []namedFile) error {
	var errs []error
	byYear := map[int]*YearFile{}
	for i, f := range files {
		y := f.file.Year
		if i > 0 {
			prev := files[i-1]
			switch {
			case prev.file.Year == y:
				errs = append(errs, fmt.Errorf("workday: %s and %s both describe %d; want one file per year", prev.name, f.name, y))
			case y != prev.file.Year+1:
				missing := make([]string, 0, y-prev.file.Year-1)
				for m := prev.file.Year + 1; m < y; m++ {
					missing = append(missing, strconv.Itoa(m))
				}
				errs = append(errs, fmt.Errorf("workday: calendar years must be contiguous: %d and %d are loaded but %s is missing; add calendar/%s.json", prev.file.Year, y, strings.Join(missing, ", "), missing[0]))
			}
			if f.file.Timezone != files[0].file.Timezone {
				errs = append(errs, &DataError{File: f.name, Path: "$.timezone", Problem: fmt.Sprintf("%q differs from %s's %q", f.file.Timezone, files[0].name, files[0].file.Timezone), Want: "the same time zone in every year"})
			}
		}
		byYear[y] = f.file
	}
	// Cross-year references, e.g. a day swapped in late December and made up
	// in January.
	find := func(date string) (*YearFile, bool) {
		if len(date) < 4 {
			return nil, false
		}
		y, err := strconv.Atoi(date[:4])
		if err != nil {
			return nil, false
		}
		yf, ok := byYear[y]
		return yf, ok
	}
	for _, f := range files {
		prefix := strconv.Itoa(f.file.Year) + "-"
		for i, d := range f.file.DaysOff {
			at := fmt.Sprintf("$.daysOff[%d]", i)
			switch {
			case d.Kind == Compensatory && !strings.HasPrefix(d.For, prefix):
				if other, ok := find(d.For); ok && !hasOff(other, d.For, Holiday, "") {
					errs = append(errs, &DataError{File: f.name, Path: at + ".for", Problem: fmt.Sprintf("%s is not listed as a holiday in calendar/%d.json", d.For, other.Year), Want: "the date of a holiday"})
				}
			case d.Kind == Swapped && !strings.HasPrefix(d.MadeUpOn, prefix):
				if other, ok := find(d.MadeUpOn); ok && !hasMakeUp(other, d.MadeUpOn, d.Date) {
					errs = append(errs, &DataError{File: f.name, Path: at + ".madeUpOn", Problem: fmt.Sprintf("%s is not listed in calendar/%d.json as making up for %s", d.MadeUpOn, other.Year, d.Date), Want: "a matching makeUpDays entry"})
				}
			}
		}
		for i, m := range f.file.MakeUpDays {
			if strings.HasPrefix(m.For, prefix) {
				continue
			}
			if other, ok := find(m.For); ok && !hasOff(other, m.For, Swapped, m.Date) {
				errs = append(errs, &DataError{File: f.name, Path: fmt.Sprintf("$.makeUpDays[%d].for", i), Problem: fmt.Sprintf("%s is not listed in calendar/%d.json as a swapped day made up on %s", m.For, other.Year, m.Date), Want: "a matching daysOff entry of kind \"swapped\""})
			}
		}
	}
	return errors.Join(errs...)
}

func hasOff(yf *YearFile, date string, kind OffKind, madeUpOn string) bool {
	for _, d := range yf.DaysOff {
		if d.Date == date && d.Kind == kind && d.MadeUpOn == madeUpOn {
			return true
		}
	}
	return false
}

func hasMakeUp(yf *YearFile, date, forDate string) bool {
	for _, m := range yf.MakeUpDays {
		if m.Date == date && m.For == forDate {
			return true
		}
	}
	return false
}

// addYear appends the days of one (validated) year.
func (c *Calendar) addYear(yf *YearFile) {
	h := &hours{}
	for _, s := range yf.OfficeHours {
		start, _ := parseClock(s.Start)
		end, _ := parseClock(s.End)
		h.sessions = append(h.sessions, span{start, end})
		h.office += end - start
	}
	h.cutoff, _ = parseClock(yf.PaperCutoff)

	off := make(map[string]*DayOff, len(yf.DaysOff))
	for i := range yf.DaysOff {
		off[yf.DaysOff[i].Date] = &yf.DaysOff[i]
	}
	worked := make(map[string]*MakeUpDay, len(yf.MakeUpDays))
	for i := range yf.MakeUpDays {
		worked[yf.MakeUpDays[i].Date] = &yf.MakeUpDays[i]
	}

	for t := time.Date(yf.Year, time.January, 1, 12, 0, 0, 0, time.UTC); t.Year() == yf.Year; t = t.AddDate(0, 0, 1) {
		date := t.Format(dateLayout)
		wd := t.Weekday()
		info := DayInfo{Date: date, Weekday: wd, Working: !isWeekend(wd), Kind: RegularDay, Name: weekdayNames[wd]}
		if isWeekend(wd) {
			info.Kind = WeeklyRest
		}
		if d, ok := off[date]; ok {
			info.Working = false
			info.Kind = DayKind(d.Kind)
			info.Name = d.Name
			info.Occasion = d.Occasion
			info.Related = d.For + d.MadeUpOn // at most one is set
			info.Verify = d.Verify
		}
		if m, ok := worked[date]; ok {
			info.Working = true
			info.Kind = MakeUpSaturday
			info.Related = m.For
			info.Verify = m.Verify
			if m.Name != nil {
				info.Name = *m.Name
			} else {
				f, _ := time.Parse(dateLayout, m.For)
				info.Name = Name{VI: "Làm bù cho ngày " + f.Format("02/01/2006"), EN: "Make-up working day for " + f.Format("2 Jan 2006")}
			}
		}
		c.days = append(c.days, day{year: t.Year(), month: t.Month(), dom: t.Day(), hours: h, info: info})
	}
}

// buildPrefixes fills the prefix tables from the days.
func (c *Calendar) buildPrefixes() {
	n := len(c.days)
	c.workBefore = make([]int32, n+1)
	c.officeBefore = make([]time.Duration, n+1)
	c.sessionsBefore = make([]int32, n+1)
	for i := range c.days {
		d := &c.days[i]
		c.workBefore[i+1] = c.workBefore[i]
		c.officeBefore[i+1] = c.officeBefore[i]
		c.sessionsBefore[i+1] = c.sessionsBefore[i]
		if !d.info.Working {
			continue
		}
		c.workDays = append(c.workDays, int32(i))
		c.workBefore[i+1]++
		c.officeBefore[i+1] += d.hours.office
		for s := range d.hours.sessions {
			c.sessions = append(c.sessions, sessionRef{day: int32(i), session: int32(s)})
		}
		c.sessionsBefore[i+1] += int32(len(d.hours.sessions))
	}
}

// revision hashes the canonical JSON of the files: formatting changes keep
// the revision, any change of content gives a new one.
func revision(files []namedFile) string {
	h := sha256.New()
	for _, f := range files {
		b, _ := json.Marshal(f.file) // cannot fail: plain strings, ints, bools
		h.Write(b)
		h.Write([]byte{'\n'})
	}
	return hex.EncodeToString(h.Sum(nil))[:12]
}
