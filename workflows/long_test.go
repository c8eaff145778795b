package workflows

import (
	"errors"
	"io/fs"
	"testing"
	"time"

	"go.temporal.io/sdk/converter"
	"go.temporal.io/sdk/workflow"

	"github.com/lienthong/lienthong/catalog"
	"github.com/lienthong/lienthong/procedure"
	"github.com/lienthong/lienthong/workday"
)

// A step nobody decides keeps escalating every working day; when the history
// grows past the limit the dossier continues as new, carrying its whole state,
// and the next run keeps climbing where the last stopped.
func TestContinueAsNewCarriesTheState(t *testing.T) {
	start := at(2026, 11, 25, 9, 0)
	h := newHarness(t, start)
	// On Thursday 3 December the server suggests continuing as new (as it
	// does when a history grows large).
	h.env.RegisterDelayedCallback(func() { h.env.SetContinueAsNewSuggested(true) }, at(2026, 12, 3, 12, 0).Sub(start))
	h.env.ExecuteWorkflow(DossierWorkflowName, input(testProcedure(), start, ChannelOnline))
	if !h.env.IsWorkflowCompleted() {
		t.Fatal("workflow did not complete")
	}
	err := h.env.GetWorkflowError()
	var can *workflow.ContinueAsNewError
	if !errors.As(err, &can) {
		t.Fatalf("want continue-as-new, got %v", err)
	}
	var next DossierInput
	if err := converter.GetDefaultDataConverter().FromPayloads(can.Input, &next); err != nil {
		t.Fatal(err)
	}
	st := next.Resumed
	if st == nil || len(st.Tasks) != 1 || st.Tasks[0].StepID != "tham-dinh" || !st.Tasks[0].Clock.Overdue {
		t.Fatalf("carried state: %s", dump(st))
	}
	if st.Tasks[0].Clock.Repeats == 0 || st.Tasks[0].Clock.NextRepeat.IsZero() || len(st.Escalations) < 4 {
		t.Fatalf("the ladder should have repeated before continuing: %s", dump(st.Tasks[0].Clock))
	}

	// The next run resumes: a decision on the carried step is accepted and
	// the slip keeps every row and escalation of the first run.
	h2 := newHarness(t, workflowNow(st))
	ok := h2.decide(workflowNow(st).Add(time.Hour), DecideRequest{StepID: "tham-dinh", Action: procedure.ActionRefuse, Actor: head, Reason: "quá hạn lâu"})
	slip := h2.run(next)
	mustAccept(t, "decision after continue-as-new", ok)
	if slip.Outcome != "refused" || len(slip.Escalations) < len(st.Escalations) || slip.Rows[0].Result != "refuse" {
		t.Errorf("after continue-as-new: outcome %s, %d escalations (had %d), rows %s", slip.Outcome, len(slip.Escalations), len(st.Escalations), dump(slip.Rows))
	}
}

// workflowNow is the time the carried state was last changed (its last
// escalation): the next run starts after it.
func workflowNow(st *State) time.Time {
	return st.Escalations[len(st.Escalations)-1].At.Add(time.Minute)
}

// A calendar change reaches an open dossier as a signal: deadlines move and
// each move is recorded with its reason.
func TestCalendarChangeRecomputesDeadlines(t *testing.T) {
	start := at(2026, 11, 25, 9, 0)
	h := newHarness(t, start)
	// The government declares Friday 27 November a day off (a make-up day on
	// a Saturday in December): the step due Friday moves to Monday.
	changed := withExtraDayOff(t, "2026-11-27", "2026-12-05")
	h.env.RegisterDelayedCallback(func() {
		h.acts.SetCalendar(changed)
		h.env.SignalWorkflow(SignalCalendarChanged, CalendarChange{Reason: "Quyết định nghỉ bù 27/11/2026"})
	}, time.Hour)
	h.update(at(2026, 11, 25, 12, 0), UpdateWithdraw, WithdrawRequest{Actor: clerk, Reason: "rút"})
	mid := h.slipAt(at(2026, 11, 25, 11, 0))
	h.run(input(testProcedure(), start, ChannelOnline))
	if len(mid.Open) != 1 {
		t.Fatalf("open: %s", dump(mid.Open))
	}
	equalTime(t, "step due after the change", mid.Open[0].Due, at(2026, 11, 30, 17, 0))
	equalTime(t, "return date after the change", mid.DueAt, at(2026, 12, 3, 17, 0))
	if len(mid.Recomputed) != 2 || mid.Recomputed[0].Reason != "Quyết định nghỉ bù 27/11/2026" {
		t.Fatalf("recomputations: %s", dump(mid.Recomputed))
	}
	equalTime(t, "recorded old due", mid.Recomputed[0].From, at(2026, 11, 27, 17, 0))
}

// withExtraDayOff returns the shipped calendar with one more day swapped off
// and made up on a Saturday.
func withExtraDayOff(t *testing.T, date, saturday string) *workday.Calendar {
	t.Helper()
	var files []*workday.YearFile
	for _, y := range []string{"2025", "2026", "2027"} {
		data, err := fs.ReadFile(catalog.FS(), "calendar/"+y+".json")
		if err != nil {
			t.Fatal(err)
		}
		yf, err := workday.Parse(y+".json", data)
		if err != nil {
			t.Fatal(err)
		}
		if y == date[:4] {
			yf.DaysOff = append(yf.DaysOff, workday.DayOff{Date: date, Kind: workday.Swapped, MadeUpOn: saturday,
				Name: workday.Name{VI: "Nghỉ bù", EN: "Swapped day off"}})
			yf.MakeUpDays = append(yf.MakeUpDays, workday.MakeUpDay{Date: saturday, For: date})
		}
		files = append(files, yf)
	}
	c, err := workday.New(files...)
	if err != nil {
		t.Fatal(err)
	}
	return c
}

// At the end of the last loaded calendar year the next repeat cannot be
// computed: the dossier neither fails nor spins, retries hourly, and still
// takes decisions.
func TestLadderOutlivesTheCalendar(t *testing.T) {
	p := testProcedure()
	p.Total = wd(3)
	start := at(2027, 12, 27, 9, 0) // Monday; the calendar ends with 2027
	h := newHarness(t, start)
	end := h.update(at(2028, 1, 3, 10, 0), UpdateWithdraw, WithdrawRequest{Actor: clerk, Reason: "công dân xin rút"})
	slip := h.run(input(p, start, ChannelOnline))
	mustAccept(t, "withdrawal after the calendar ran out", end)
	last := slip.Escalations[len(slip.Escalations)-1]
	if slip.Outcome != "withdrawn" || last.Step != "tham-dinh" || !last.At.Equal(at(2027, 12, 31, 17, 0)) {
		t.Errorf("outcome %s, last escalation %+v; want withdrawn after a repeat on 31 Dec 17:00", slip.Outcome, last)
	}
}
