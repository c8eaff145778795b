package activities

import (
	"context"
	"errors"
	"testing"
	"time"

	"go.temporal.io/sdk/temporal"
	"go.uber.org/zap"

	"github.com/lienthong/lienthong/catalog"
	"github.com/lienthong/lienthong/journal"
	"github.com/lienthong/lienthong/procedure"
	"github.com/lienthong/lienthong/workday"
)

var ict = time.FixedZone("ICT", 7*3600)

func at(y int, m time.Month, d, hh, mm int) time.Time { return time.Date(y, m, d, hh, mm, 0, 0, ict) }

func newActivities(t *testing.T) (*Activities, *journal.Store) {
	t.Helper()
	cal, err := workday.Load(catalog.FS())
	if err != nil {
		t.Fatal(err)
	}
	j, err := journal.Open(t.TempDir())
	if err != nil {
		t.Fatal(err)
	}
	return New(cal, j, zap.NewNop()), j
}

func wd(n int) *workday.Duration { return &workday.Duration{Amount: n, Unit: workday.WorkingDays} }

// One Plan call answers every request of a decision: the window with its
// rungs (a "before" rung never earlier than the start), the remaining time
// of a stopped clock, the next repeat, and writes the records — the attached
// one with the computed start and due.
func TestPlanAnswersEveryRequestAndRecordsOnce(t *testing.T) {
	a, j := newActivities(t)
	in := PlanInput{
		Records: []journal.Record{{Key: "D-1/1", Dossier: "D-1", Kind: journal.KindDecision, At: at(2026, 11, 25, 9, 0)}},
		Windows: []WindowRequest{{
			From: at(2026, 11, 26, 16, 0), Paper: true, Duration: *wd(2),
			Rungs: []procedure.Rung{
				{AtPercent: 50, Notify: procedure.AudienceHolder},
				{Before: wd(5), Notify: procedure.AudienceUnitHead},
				{After: wd(0), Notify: procedure.AudienceUnitHead},
				{After: wd(1), Notify: procedure.AudienceAgencyHead},
			},
			Record: &journal.Record{Key: "D-1/2", Dossier: "D-1", Kind: journal.KindHandoff},
		}},
		Remaining: []RemainingRequest{{From: at(2026, 11, 26, 10, 0), Due: at(2026, 11, 27, 17, 0), Unit: workday.WorkingDays}},
		Repeats:   []RepeatRequest{{After: at(2026, 11, 27, 17, 0), Every: *wd(1)}},
	}
	out, err := a.Plan(context.Background(), in)
	if err != nil {
		t.Fatal(err)
	}
	w := out.Windows[0]
	// Paper after the 15:00 cut-off moves Friday 08:00; two working days: Tuesday 17:00.
	wantStart, wantDue := at(2026, 11, 27, 8, 0), at(2026, 12, 1, 17, 0)
	if !w.Start.Equal(wantStart) || !w.Due.Equal(wantDue) || !w.DueDayStart.Equal(at(2026, 12, 1, 0, 0)) {
		t.Fatalf("window %+v, want start %s due %s", w, wantStart, wantDue)
	}
	wantRungs := []time.Time{at(2026, 11, 30, 12, 0), wantStart, wantDue, at(2026, 12, 2, 17, 0)}
	for i, r := range wantRungs {
		if !w.Rungs[i].Equal(r) {
			t.Errorf("rung %d at %s, want %s", i, w.Rungs[i].In(ict), r)
		}
	}
	if out.Remaining[0] != (workday.Duration{Amount: 840, Unit: workday.WorkingMinutes}) {
		t.Errorf("remaining %v, want 840 working minutes", out.Remaining[0])
	}
	if !out.Repeats[0].Equal(at(2026, 11, 30, 17, 0)) {
		t.Errorf("next repeat %s, want Monday 17:00", out.Repeats[0].In(ict))
	}
	if out.CalendarRevision == "" {
		t.Error("no calendar revision")
	}
	// A retried attempt writes nothing twice.
	if _, err := a.Plan(context.Background(), in); err != nil {
		t.Fatal(err)
	}
	recs, err := j.Read("D-1")
	if err != nil {
		t.Fatal(err)
	}
	if len(recs) != 2 || !recs[1].At.Equal(wantStart) || recs[1].Due == nil || !recs[1].Due.Equal(wantDue) {
		t.Fatalf("journal: %+v", recs)
	}
}

// A date beyond the loaded calendars is an error naming the year, never a
// guess.
func TestPlanRefusesAYearWithoutCalendar(t *testing.T) {
	a, _ := newActivities(t)
	_, err := a.Plan(context.Background(), PlanInput{Windows: []WindowRequest{{From: at(2028, 3, 1, 9, 0), Duration: *wd(3)}}})
	if err == nil {
		t.Fatal("planned a deadline in a year with no calendar")
	}
	var missing *workday.MissingYearError
	if !errors.As(err, &missing) || missing.Year != 2028 {
		t.Errorf("error %v, want a MissingYearError for 2028", err)
	}
}

func asApp(err error, target **temporal.ApplicationError) bool { return errors.As(err, target) }
