package workday

import (
	"errors"
	"fmt"
	"io/fs"
)

// CalendarDir is the directory of a catalogue that holds the calendar files,
// one per year: calendar/2025.json, calendar/2026.json, …
const CalendarDir = "calendar"

// Load reads and validates every calendar/*.json of a catalogue file system
// (catalog.FS() or catalog.Open(dir)) and builds the calendar. All problems in
// all files are reported together, each naming its file and JSON path, so an
// administrator fixes them in one round.
func Load(fsys fs.FS) (*Calendar, error) {
	names, err := fs.Glob(fsys, CalendarDir+"/*.json")
	if err != nil {
		return nil, fmt.Errorf("workday: listing %s/: %w", CalendarDir, err)
	}
	if len(names) == 0 {
		return nil, fmt.Errorf("workday: no calendar files in %s/ of the catalogue; want one <year>.json per year", CalendarDir)
	}
	var files []namedFile
	var errs []error
	for _, name := range names {
		data, err := fs.ReadFile(fsys, name)
		if err != nil {
			errs = append(errs, fmt.Errorf("workday: reading %s: %w", name, err))
			continue
		}
		yf, err := Parse(name, data)
		if err != nil {
			errs = append(errs, err)
			continue
		}
		files = append(files, namedFile{name: name, file: yf})
	}
	if len(errs) > 0 {
		return nil, errors.Join(errs...)
	}
	return build(files, false)
}
