// Package reports computes the league tables of units and agencies from the
// read model: for a week, month, quarter or year, how many step attempts each
// unit received, finished early, on time or late, and still holds within time
// or overdue at the period's end; the on-time rate and progress score of
// Decision 766/QĐ-TTg; working time per finished step; rank and change
// against the previous period. It drills down to the attempts behind every
// number and renders tables as CSV and charts as SVG.
//
// # Definitions
//
// The counted thing is a step attempt: one (dossier, step, attempt) of the
// read model's step_attempts, which may span several slip rows (a
// reassignment, a supplement asked and returned). For a period [Start, End):
//
//   - An attempt ends at the finished_at of its last row when that row's
//     result is a decision (approve, object, refuse, send_back,
//     consent_by_silence, not_needed, ... or the dossier's final status
//     "finished"/"refused" closing it). "supplement", "reassign" and
//     "handed_over" do not end it; "withdraw"/"withdrawn" end it as
//     withdrawn. Only rows given before End are considered, so a past
//     period is seen as it stood at its end (except that deadlines moved
//     later by extensions or recomputations are read as they are now).
//   - Attempts that ended before Start are outside the period. So are
//     attempts that started before Start and that the unit did not hold at
//     any instant of the period (waiting for the citizen throughout).
//   - Received: the attempt's first row was given in the period.
//   - CarriedOver: it started before Start and was still open (or waiting
//     for the citizen) at Start, and the unit held it during the period.
//   - Handled = Received + CarriedOver ("received or handled in the period").
//   - Early / OnTime / Late: it ended in the period, judged against the due
//     time of its last row: Late if it ended after the due instant, Early if
//     it ended before the local (Vietnam) date of the due instant, else on
//     time. An attempt without a time limit is on time.
//   - InTime / Overdue: it is open at End (its current row was given before
//     End and not finished before End); Overdue if its due instant is before
//     End, else InTime (no time limit is in time).
//   - Waiting: at End its last row ended with "supplement" (the clock is
//     stopped for the citizen). Withdrawn: withdrawn in the period.
//     Handled = Early + OnTime + Late + InTime + Overdue + Waiting + Withdrawn.
//   - Rate (Decision 766 on-time rate) = (Early + OnTime + InTime) /
//     (Early + OnTime + Late + InTime + Overdue): the attempts received or
//     handled in the period, less those the unit cannot be judged on at the
//     period end (waiting for the citizen, withdrawn). With a zero
//     denominator the row is not rated (Rated false, Rate and Score 0).
//   - Score = Points (20) if Rate ≥ Target, else Rate × Points / Target.
//   - Working time of a finished attempt: the office time (working minutes
//     of the calendar) of each of its rows from given to finished, summed;
//     the time it waited for the citizen between rows is not counted. Avg is
//     the mean over attempts finished in the period, P90 the nearest-rank
//     90th percentile (the ⌈0.9·n⌉-th smallest).
//   - Delay attribution: an attempt's numbers count for the unit of its last
//     row given before End, which is the unit that held the step when its
//     time ran out (a reassignment stays inside the unit).
//   - Rank: rated rows first, by Rate descending, then Overdue ascending,
//     then code; unrated rows after them by code. RankDelta = previous rank
//     − rank (positive: moved up), RateDelta = Rate − previous Rate, both
//     only when the row was rated in the previous period too.
package reports

import (
	"github.com/lienthong/lienthong/readmodel"

	"context"
	"errors"
	"fmt"
	"math"
	"sort"
	"time"
)

// Points is the weight of processing progress in Decision 766's 100 points.
const Points = 20.0

// DefaultTarget is the on-time rate that earns full points when Options
// sets none.
const DefaultTarget = 0.95

// Reports reads the league tables from the read model.
type Reports struct {
	store *readmodel.Store
}

// New returns the reports over the read model s. The caller keeps owning s.
func New(s *readmodel.Store) (*Reports, error) {
	if s == nil {
		return nil, errors.New("reports: nil read model")
	}
	return &Reports{store: s}, nil
}

// Options tune a table. The zero value is usable: target 0.95, no working
// times, agencies equal to units, names equal to codes.
type Options struct {
	// Target is the on-time rate that earns full points; 0 means
	// DefaultTarget.
	Target float64
	// WorkTime returns the working time between two instants, e.g.
	//	func(from, to time.Time) (time.Duration, error) {
	//		d, err := cal.Remaining(from, to, workday.WorkingMinutes)
	//		return time.Duration(d.Amount) * time.Minute, err
	//	}
	// When nil, Avg and P90 stay zero.
	WorkTime func(from, to time.Time) (time.Duration, error)
	// AgencyOf maps a unit code to its agency's code for agency tables
	// (e.g. from procedure.Organisation.AgencyOf). Nil, or an empty result,
	// makes the unit its own agency.
	AgencyOf func(unit string) string
	// NameOf gives the display name of a unit or agency code for CSV and
	// charts. Nil, or an empty result, shows the code.
	NameOf func(code string) string
}

func (o Options) target() float64 {
	if o.Target <= 0 {
		return DefaultTarget
	}
	return o.Target
}

// By says what a table's rows are.
type By string

// Row groupings.
const (
	ByUnit   By = "unit"
	ByAgency By = "agency"
)

// Table is a league table for one period.
type Table struct {
	Period   Period
	Previous Period
	By       By
	Target   float64
	// Rows are in rank order.
	Rows []Row
}

// Row is one unit's (or agency's) line of a table. See the package
// documentation for the exact definitions.
type Row struct {
	Code string
	Name string

	Received    int
	CarriedOver int
	Handled     int

	Early  int
	OnTime int
	Late   int

	InTime  int
	Overdue int

	Waiting   int
	Withdrawn int

	// Rated is false when nothing in the row can be judged (zero
	// denominator); Rate and Score are then 0.
	Rated bool
	Rate  float64
	Score float64

	// Avg and P90 are the working time of the attempts finished in the
	// period (Early+OnTime+Late); zero without Options.WorkTime.
	Avg time.Duration
	P90 time.Duration

	Rank int
	// HasPrevious is true when the row was rated in the previous period;
	// PrevRank, RankDelta and RateDelta are meaningful only then.
	HasPrevious bool
	PrevRank    int
	RankDelta   int
	RateDelta   float64

	work []time.Duration
}

// Finished is Early + OnTime + Late.
func (r Row) Finished() int { return r.Early + r.OnTime + r.Late }

// InProgress is InTime + Overdue.
func (r Row) InProgress() int { return r.InTime + r.Overdue }

// Cell names a number of a row, for drilling down.
type Cell string

// The cells one can drill into.
const (
	CellReceived    Cell = "received"
	CellCarriedOver Cell = "carried_over"
	CellHandled     Cell = "handled"
	CellEarly       Cell = "early"
	CellOnTime      Cell = "on_time"
	CellLate        Cell = "late"
	CellFinished    Cell = "finished"
	CellInTime      Cell = "in_time"
	CellOverdue     Cell = "overdue"
	CellInProgress  Cell = "in_progress"
	CellWaiting     Cell = "waiting"
	CellWithdrawn   Cell = "withdrawn"
)

// state is where an attempt stands in a period.
type state int

const (
	stEarly state = iota + 1
	stOnTime
	stLate
	stInTime
	stOverdue
	stWaiting
	stWithdrawn
)

var stateCell = map[state]Cell{
	stEarly: CellEarly, stOnTime: CellOnTime, stLate: CellLate,
	stInTime: CellInTime, stOverdue: CellOverdue, stWaiting: CellWaiting, stWithdrawn: CellWithdrawn,
}

// Item is one step attempt behind a number.
type Item struct {
	Dossier   string
	Step      string
	Attempt   int
	Procedure string
	Unit      string
	// GivenAt is when the attempt's first row was given.
	GivenAt time.Time
	// DueAt is the due time it was judged against; zero: no time limit.
	DueAt time.Time
	// FinishedAt is when it ended; zero if it had not ended by the period's
	// end.
	FinishedAt time.Time
	// Received is true when it was received in the period, false when it
	// was carried over.
	Received bool
	// Cell is where it stands: early, on_time, late, in_time, overdue,
	// waiting or withdrawn.
	Cell Cell
	// WorkTime is its working time, for finished attempts when Options has
	// WorkTime.
	WorkTime time.Duration
}

// classify returns the attempt as it stands in p, or false when it is
// outside the period.
func classify(rows []row, p Period, workTime func(from, to time.Time) (time.Duration, error)) (Item, bool, error) {
	n := 0
	for n < len(rows) && rows[n].givenAt.Before(p.End) {
		n++
	}
	if n == 0 {
		return Item{}, false, nil
	}
	rows = rows[:n]
	first, last := rows[0], rows[n-1]
	it := Item{
		Dossier: first.dossier, Step: first.step, Attempt: first.attempt,
		Procedure: last.procedure, Unit: last.unit,
		GivenAt: first.givenAt, DueAt: last.dueAt,
		Received: p.Contains(first.givenAt),
	}
	held := false
	for _, x := range rows {
		if x.finishedAt.IsZero() || !x.finishedAt.Before(p.Start) {
			held = true
		}
	}
	if !held {
		return Item{}, false, nil
	}
	switch {
	case last.finishedAt.IsZero() || !last.finishedAt.Before(p.End):
		if !last.dueAt.IsZero() && last.dueAt.Before(p.End) {
			it.Cell = CellOverdue
		} else {
			it.Cell = CellInTime
		}
		return it, true, nil
	case last.result == resultSupplement || last.result == resultReassign || last.result == resultHandedOver:
		it.Cell = CellWaiting
		return it, true, nil
	}
	if last.finishedAt.Before(p.Start) {
		return Item{}, false, nil // ended before the period
	}
	it.FinishedAt = last.finishedAt
	if withdrawn(last.result) {
		it.Cell = CellWithdrawn
		return it, true, nil
	}
	it.Cell = stateCell[timeliness(last.finishedAt, last.dueAt)]
	if workTime != nil {
		for _, x := range rows {
			d, err := workTime(x.givenAt, x.finishedAt)
			if err != nil {
				return Item{}, false, fmt.Errorf("reports: working time of %s/%s/%d: %w", x.dossier, x.step, x.attempt, err)
			}
			it.WorkTime += d
		}
	}
	return it, true, nil
}

// timeliness classifies a finish against its due time as the workflow and
// the read model do: late after it, early before its local day, else on
// time; no due time is on time.
func timeliness(at, due time.Time) state {
	if due.IsZero() {
		return stOnTime
	}
	if at.After(due) {
		return stLate
	}
	d := due.In(Vietnam)
	if at.Before(time.Date(d.Year(), d.Month(), d.Day(), 0, 0, 0, 0, Vietnam)) {
		return stEarly
	}
	return stOnTime
}

// items returns every attempt of the period, classified.
func (r *Reports) items(ctx context.Context, p Period, opt Options) ([]Item, error) {
	groups, err := r.loadRows(ctx, p)
	if err != nil {
		return nil, err
	}
	var out []Item
	for _, g := range groups {
		it, ok, err := classify(g, p, opt.WorkTime)
		if err != nil {
			return nil, err
		}
		if ok {
			out = append(out, it)
		}
	}
	return out, nil
}

// keyOf returns the row code an item counts for.
func keyOf(by By, opt Options, unit string) string {
	if by == ByAgency && opt.AgencyOf != nil {
		if a := opt.AgencyOf(unit); a != "" {
			return a
		}
	}
	return unit
}

// Units returns the table of the units that held step attempts in p, with
// ranks and changes against p.Previous().
func (r *Reports) Units(ctx context.Context, p Period, opt Options) (*Table, error) {
	return r.table(ctx, p, ByUnit, opt)
}

// Agencies returns the table of p rolled up by opt.AgencyOf, with ranks and
// changes against p.Previous().
func (r *Reports) Agencies(ctx context.Context, p Period, opt Options) (*Table, error) {
	return r.table(ctx, p, ByAgency, opt)
}

func (r *Reports) table(ctx context.Context, p Period, by By, opt Options) (*Table, error) {
	cur, err := r.rank(ctx, p, by, opt)
	if err != nil {
		return nil, err
	}
	prev, err := r.rank(ctx, p.Previous(), by, Options{Target: opt.Target, AgencyOf: opt.AgencyOf})
	if err != nil {
		return nil, err
	}
	before := make(map[string]Row, len(prev.Rows))
	for _, x := range prev.Rows {
		before[x.Code] = x
	}
	for i := range cur.Rows {
		x := &cur.Rows[i]
		if b, ok := before[x.Code]; ok && b.Rated && x.Rated {
			x.HasPrevious, x.PrevRank = true, b.Rank
			x.RankDelta = b.Rank - x.Rank
			x.RateDelta = x.Rate - b.Rate
		}
	}
	return cur, nil
}

// rank builds and ranks the table of one period, without comparison.
func (r *Reports) rank(ctx context.Context, p Period, by By, opt Options) (*Table, error) {
	items, err := r.items(ctx, p, opt)
	if err != nil {
		return nil, err
	}
	t := &Table{Period: p, Previous: p.Previous(), By: by, Target: opt.target()}
	idx := map[string]int{}
	for _, it := range items {
		code := keyOf(by, opt, it.Unit)
		i, ok := idx[code]
		if !ok {
			i = len(t.Rows)
			idx[code] = i
			t.Rows = append(t.Rows, Row{Code: code, Name: nameOf(opt, code)})
		}
		x := &t.Rows[i]
		if it.Received {
			x.Received++
		} else {
			x.CarriedOver++
		}
		x.Handled++
		switch it.Cell {
		case CellEarly:
			x.Early++
		case CellOnTime:
			x.OnTime++
		case CellLate:
			x.Late++
		case CellInTime:
			x.InTime++
		case CellOverdue:
			x.Overdue++
		case CellWaiting:
			x.Waiting++
		case CellWithdrawn:
			x.Withdrawn++
		}
		if it.Cell == CellEarly || it.Cell == CellOnTime || it.Cell == CellLate {
			x.work = append(x.work, it.WorkTime)
		}
	}
	for i := range t.Rows {
		x := &t.Rows[i]
		if den := x.Finished() + x.InProgress(); den > 0 {
			x.Rated = true
			x.Rate = float64(x.Early+x.OnTime+x.InTime) / float64(den)
			x.Score = Score(x.Rate, t.Target)
		}
		if opt.WorkTime != nil && len(x.work) > 0 {
			x.Avg, x.P90 = avgP90(x.work)
		}
		x.work = nil
	}
	sort.Slice(t.Rows, func(i, j int) bool {
		a, b := t.Rows[i], t.Rows[j]
		if a.Rated != b.Rated {
			return a.Rated
		}
		if a.Rated && a.Rate != b.Rate {
			return a.Rate > b.Rate
		}
		if a.Rated && a.Overdue != b.Overdue {
			return a.Overdue < b.Overdue
		}
		return a.Code < b.Code
	})
	for i := range t.Rows {
		t.Rows[i].Rank = i + 1
	}
	return t, nil
}

// Score is Decision 766's progress score: Points when rate reaches target,
// else rate × Points / target.
func Score(rate, target float64) float64 {
	if rate >= target {
		return Points
	}
	return rate * Points / target
}

// avgP90 returns the mean and the nearest-rank 90th percentile.
func avgP90(ds []time.Duration) (avg, p90 time.Duration) {
	s := append([]time.Duration(nil), ds...)
	sort.Slice(s, func(i, j int) bool { return s[i] < s[j] })
	var sum time.Duration
	for _, d := range s {
		sum += d
	}
	k := int(math.Ceil(0.9*float64(len(s)))) - 1
	return sum / time.Duration(len(s)), s[k]
}

func nameOf(opt Options, code string) string {
	if opt.NameOf != nil {
		if n := opt.NameOf(code); n != "" {
			return n
		}
	}
	return code
}

// Drill returns the step attempts behind one number of a row of the unit
// table (by ByUnit: code is a unit) or the agency table (ByAgency: code is an
// agency, mapped through opt.AgencyOf), ordered by dossier, step and attempt.
// The composite cells finished (early+on time+late), in_progress (in
// time+overdue) and handled (everything) are accepted too.
func (r *Reports) Drill(ctx context.Context, p Period, by By, code string, cell Cell, opt Options) ([]Item, error) {
	switch cell {
	case CellReceived, CellCarriedOver, CellHandled, CellEarly, CellOnTime, CellLate, CellFinished,
		CellInTime, CellOverdue, CellInProgress, CellWaiting, CellWithdrawn:
	default:
		return nil, fmt.Errorf("reports: unknown cell %q", cell)
	}
	items, err := r.items(ctx, p, opt)
	if err != nil {
		return nil, err
	}
	var out []Item
	for _, it := range items {
		if keyOf(by, opt, it.Unit) != code {
			continue
		}
		var in bool
		switch cell {
		case CellReceived:
			in = it.Received
		case CellCarriedOver:
			in = !it.Received
		case CellHandled:
			in = true
		case CellFinished:
			in = it.Cell == CellEarly || it.Cell == CellOnTime || it.Cell == CellLate
		case CellInProgress:
			in = it.Cell == CellInTime || it.Cell == CellOverdue
		default:
			in = it.Cell == cell
		}
		if in {
			out = append(out, it)
		}
	}
	sort.SliceStable(out, func(i, j int) bool {
		a, b := out[i], out[j]
		if a.Dossier != b.Dossier {
			return a.Dossier < b.Dossier
		}
		if a.Step != b.Step {
			return a.Step < b.Step
		}
		return a.Attempt < b.Attempt
	})
	return out, nil
}

// Trend returns the tables of the n periods ending with p (oldest first),
// for the trend chart. Each table is compared with its own previous period.
func (r *Reports) Trend(ctx context.Context, p Period, n int, by By, opt Options) ([]*Table, error) {
	if n < 1 {
		return nil, fmt.Errorf("reports: trend of %d periods", n)
	}
	out := make([]*Table, n)
	for i := n - 1; i >= 0; i-- {
		t, err := r.table(ctx, p, by, opt)
		if err != nil {
			return nil, err
		}
		out[i] = t
		p = p.Previous()
	}
	return out, nil
}
