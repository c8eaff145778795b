package procedure

import (
	"fmt"
	"strings"
)

// Problem is one thing wrong with a catalogue file.
type Problem struct {
	// File is the file's path inside the catalogue, e.g. "procedures/birth.v1.json".
	File string
	// Path is a JSON path into the file, e.g. "$.steps[2].duration.amount".
	Path string
	// Message says what is wrong.
	Message string
	// Expected says what would be right; it may be empty.
	Expected string
}

// String renders the problem as "file: path: message (expected …)".
func (p Problem) String() string {
	var b strings.Builder
	if p.File != "" {
		b.WriteString(p.File)
		b.WriteString(": ")
	}
	if p.Path != "" {
		b.WriteString(p.Path)
		b.WriteString(": ")
	}
	b.WriteString(p.Message)
	if p.Expected != "" {
		b.WriteString(" (expected ")
		b.WriteString(p.Expected)
		b.WriteString(")")
	}
	return b.String()
}

// Problems is every problem found in a catalogue. Loading and validation
// collect them all rather than stopping at the first, so that an administrator
// fixes a file in one pass.
type Problems []Problem

// Error renders one problem per line.
func (ps Problems) Error() string {
	lines := make([]string, len(ps))
	for i, p := range ps {
		lines[i] = p.String()
	}
	return strings.Join(lines, "\n")
}

// Err returns ps as an error, or nil when there is no problem.
func (ps Problems) Err() error {
	if len(ps) == 0 {
		return nil
	}
	return ps
}

// reporter collects problems for one file.
type reporter struct {
	file string
	ps   *Problems
}

// add records a problem at path.
func (r reporter) add(path, expected, format string, args ...any) {
	*r.ps = append(*r.ps, Problem{File: r.file, Path: path, Message: fmt.Sprintf(format, args...), Expected: expected})
}

// field appends a field name to a JSON path.
func field(path, name string) string { return path + "." + name }

// index appends an index to a JSON path.
func index(path string, i int) string { return fmt.Sprintf("%s[%d]", path, i) }
