package main

import (
	"context"
	"encoding/json"
	"flag"
	"fmt"
	"io"
	"strings"
	"time"

	"github.com/lienthong/lienthong/workday"
)

func init() {
	commands["deadline"] = command{
		summary: "compute a due instant from the working-day calendar",
		run:     runDeadline,
	}
}

// deadlineResult is the --json output of the deadline command.
type deadlineResult struct {
	From     string             `json:"from"`
	Paper    bool               `json:"paper"`
	Start    string             `json:"start"` // from, or when a paper file moves
	Duration workday.Duration   `json:"duration"`
	Due      string             `json:"due"`
	Skipped  []workday.Skipped  `json:"skipped"`
	Verify   []workday.DayInfo  `json:"verify,omitempty"`
	Calendar deadlineCalendarID `json:"calendar"`
}

type deadlineCalendarID struct {
	Revision string `json:"revision"`
	Years    []int  `json:"years"`
}

// runDeadline lets a clerk or administrator check a deadline by hand, the
// same computation the worker does: due instant first, then the days off
// passed over, so the answer can be read out to a citizen.
func runDeadline(_ context.Context, args []string, stdout, stderr io.Writer) int {
	fs := flag.NewFlagSet("deadline", flag.ContinueOnError)
	fs.SetOutput(stderr)
	fs.Usage = func() {
		fmt.Fprintln(stderr, "usage: starter deadline --from RFC3339 (--working-days N | --half-days N | --working-hours N | --calendar-days N) [--paper] [--json] [--catalog DIR]")
		fmt.Fprintln(stderr, "\nexample: starter deadline --from 2026-02-12T16:00:00+07:00 --working-days 3")
		fmt.Fprintln(stderr, "\nflags:")
		fs.PrintDefaults()
	}
	fromFlag := fs.String("from", "", "received at, RFC 3339 (e.g. 2026-02-12T16:00:00+07:00); required")
	amounts := []struct {
		name string
		unit workday.Unit
		n    *int
	}{
		{name: "working-days", unit: workday.WorkingDays},
		{name: "half-days", unit: workday.HalfDays},
		{name: "working-hours", unit: workday.WorkingHours},
		{name: "calendar-days", unit: workday.CalendarDays},
	}
	for i := range amounts {
		amounts[i].n = fs.Int(amounts[i].name, 0, "limit in "+string(amounts[i].unit))
	}
	paper := fs.Bool("paper", false, "paper dossier: it moves at 08:00 of the next working day when received at or after the 15:00 cut-off or outside office hours")
	asJSON := fs.Bool("json", false, "print a JSON object instead of lines")
	catalogDir := catalogFlag(fs)

	if rc, ok := parseFlags(fs, args); !ok {
		return rc // the flag package has printed the problem and the usage
	}
	usageErr := func(format string, a ...any) int {
		fmt.Fprintf(stderr, "starter deadline: "+format+"\n", a...)
		fmt.Fprintln(stderr, "run 'starter deadline -h' for the flags")
		return 2
	}
	if fs.NArg() > 0 {
		return usageErr("unexpected argument %q", fs.Arg(0))
	}
	if *fromFlag == "" {
		return usageErr("--from is required, e.g. --from 2026-02-12T16:00:00+07:00")
	}
	from, err := time.Parse(time.RFC3339, *fromFlag)
	if err != nil {
		return usageErr("--from %q is not an RFC 3339 instant; want e.g. 2026-02-12T16:00:00+07:00 (date, T, time, offset)", *fromFlag)
	}
	set := map[string]bool{}
	fs.Visit(func(f *flag.Flag) { set[f.Name] = true })
	var d workday.Duration
	var chosen []string
	for _, a := range amounts {
		if set[a.name] {
			chosen = append(chosen, "--"+a.name)
			d = workday.Duration{Amount: *a.n, Unit: a.unit}
		}
	}
	switch {
	case len(chosen) == 0:
		return usageErr("give the limit: one of --working-days, --half-days, --working-hours, --calendar-days")
	case len(chosen) > 1:
		return usageErr("give only one limit, not %s", strings.Join(chosen, " and "))
	case d.Amount < 0:
		return usageErr("%s %d: the limit cannot be negative", chosen[0], d.Amount)
	}

	cat, err := openCatalog(*catalogDir)
	if err != nil {
		fmt.Fprintln(stderr, "starter deadline:", err)
		return 1
	}
	cal, err := workday.Load(cat)
	if err != nil {
		fmt.Fprintf(stderr, "starter deadline: loading the calendar: %v\n", err)
		return 1
	}
	start := from
	if *paper {
		if start, err = cal.TransferInstant(from, true); err != nil {
			fmt.Fprintf(stderr, "starter deadline: %v\n", err)
			return 1
		}
	}
	due, skipped, err := cal.Explain(start, d)
	if err != nil {
		fmt.Fprintf(stderr, "starter deadline: %v\n", err)
		return 1
	}
	verify := toVerify(cal, start, due)

	if *asJSON {
		res := deadlineResult{
			From: from.Format(time.RFC3339), Paper: *paper, Start: start.In(cal.Location()).Format(time.RFC3339),
			Duration: d, Due: due.Format(time.RFC3339), Skipped: skipped, Verify: verify,
			Calendar: deadlineCalendarID{Revision: cal.Revision(), Years: cal.Years()},
		}
		if res.Skipped == nil {
			res.Skipped = []workday.Skipped{}
		}
		enc := json.NewEncoder(stdout)
		enc.SetIndent("", "  ")
		enc.SetEscapeHTML(false)
		if err := enc.Encode(res); err != nil {
			fmt.Fprintf(stderr, "starter deadline: %v\n", err)
			return 1
		}
		return 0
	}
	fmt.Fprintln(stdout, due.Format(time.RFC3339))
	for _, s := range skipped {
		fmt.Fprintf(stdout, "%s %s\n", s.Date, s.Reason)
	}
	if !start.Equal(from) {
		fmt.Fprintf(stderr, "note: paper dossier received %s moves at %s\n", from.Format(time.RFC3339), start.In(cal.Location()).Format(time.RFC3339))
	}
	for _, v := range verify {
		fmt.Fprintf(stderr, "note: %s (%s) is not yet confirmed in calendar %s; check the official announcement\n", v.Date, v.Reason(), cal.Revision())
	}
	return 0
}

// toVerify lists the days between start and due whose calendar entry is
// marked "verify": the deadline depends on data not yet confirmed.
func toVerify(cal *workday.Calendar, start, due time.Time) []workday.DayInfo {
	var out []workday.DayInfo
	loc := cal.Location()
	first := start.In(loc)
	last := due.In(loc).Format("2006-01-02")
	for d := time.Date(first.Year(), first.Month(), first.Day(), 12, 0, 0, 0, loc); d.Format("2006-01-02") <= last; d = d.AddDate(0, 0, 1) {
		_, info, err := cal.IsWorkingDay(d)
		if err != nil {
			break
		}
		if info.Verify {
			out = append(out, info)
		}
	}
	return out
}
