package main

import (
	"context"
	"errors"
	"flag"
	"fmt"
	"io"
	"io/fs"
	"path/filepath"
	"strconv"
	"strings"

	"github.com/lienthong/lienthong/procedure"
	"github.com/lienthong/lienthong/workday"
)

func init() {
	commands["validate"] = command{
		summary: "check every catalogue file: organisation, procedures, calendars",
		run:     runValidate,
	}
}

// runValidate checks a catalogue before it is deployed: one line per problem,
// "file: path: message (expected …)", and exit status 1; or a one-line summary
// and exit status 0.
func runValidate(_ context.Context, args []string, stdout, stderr io.Writer) int {
	fs := flag.NewFlagSet("validate", flag.ContinueOnError)
	fs.SetOutput(stderr)
	fs.Usage = func() {
		fmt.Fprintln(stderr, "usage: starter validate [--catalog DIR]")
		fmt.Fprintln(stderr, "\nChecks organisation/*.json, procedures/*.json and calendar/*.json and prints every problem.")
		fmt.Fprintln(stderr, "\nflags:")
		fs.PrintDefaults()
	}
	catalogDir := catalogFlag(fs)
	if rc, ok := parseFlags(fs, args); !ok {
		return rc
	}
	if fs.NArg() > 0 {
		fmt.Fprintf(stderr, "starter validate: unexpected argument %q\nrun 'starter validate -h' for the flags\n", fs.Arg(0))
		return 2
	}
	cat, err := openCatalog(*catalogDir)
	if err != nil {
		fmt.Fprintln(stderr, "starter validate:", err)
		return 1
	}
	return validateCatalogue(cat, *catalogDir, stdout)
}

// validateCatalogue loads everything in fsys and reports. File names are
// shown under dir, so that an editor can open them from the output.
func validateCatalogue(fsys fs.FS, dir string, stdout io.Writer) int {
	cat, err := procedure.Load(fsys)
	problems := asProblems(err)
	cal, err := workday.Load(fsys)
	problems = append(problems, calendarProblems(err)...)
	if len(problems) > 0 {
		for _, p := range problems {
			if dir != "" && p.File != "" {
				p.File = filepath.Join(dir, filepath.FromSlash(p.File))
			}
			fmt.Fprintln(stdout, p)
		}
		return 1
	}
	years := cal.Years()
	span := strconv.Itoa(years[0])
	if len(years) > 1 {
		span += "–" + strconv.Itoa(years[len(years)-1])
	}
	fmt.Fprintf(stdout, "catalogue ok: %d units, %d people, %d procedures, calendar %s\n",
		len(cat.Organisation.Units), len(cat.Organisation.People), len(cat.Procedures), span)
	return 0
}

// asProblems returns the problems of a procedure.Load error.
func asProblems(err error) procedure.Problems {
	if err == nil {
		return nil
	}
	var ps procedure.Problems
	if errors.As(err, &ps) {
		return ps
	}
	return procedure.Problems{{Message: err.Error()}}
}

// calendarProblems turns the errors of workday.Load into problems in the
// same format: a *workday.DataError keeps its file and path; any other error
// is reported against the calendar directory.
func calendarProblems(err error) procedure.Problems {
	var ps procedure.Problems
	for _, e := range leafErrors(err) {
		var de *workday.DataError
		if errors.As(e, &de) {
			ps = append(ps, procedure.Problem{File: de.File, Path: de.Path, Message: de.Problem, Expected: de.Want})
			continue
		}
		ps = append(ps, procedure.Problem{File: workday.CalendarDir, Message: strings.TrimPrefix(e.Error(), "workday: ")})
	}
	return ps
}

// leafErrors flattens errors.Join trees.
func leafErrors(err error) []error {
	if err == nil {
		return nil
	}
	if joined, ok := err.(interface{ Unwrap() []error }); ok {
		var out []error
		for _, e := range joined.Unwrap() {
			out = append(out, leafErrors(e)...)
		}
		return out
	}
	return []error{err}
}
