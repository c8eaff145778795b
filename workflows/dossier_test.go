package workflows

import (
	"testing"
	"time"

	"github.com/lienthong/lienthong/procedure"
)

// A dossier that moves through every step in time: exact hand-off instants,
// deadlines from the calendar, early / on-time classification per row.
func TestHappyPathRecordsTheSlip(t *testing.T) {
	start := at(2026, 11, 26, 9, 0) // Thursday
	h := newHarness(t, start)
	a := h.decide(at(2026, 11, 27, 10, 0), DecideRequest{StepID: "tham-dinh", Action: procedure.ActionApprove, Actor: officer})
	b := h.decide(at(2026, 11, 30, 16, 0), DecideRequest{StepID: "phe-duyet", Action: procedure.ActionApprove, Actor: head})
	c := h.decide(at(2026, 12, 1, 9, 0), DecideRequest{StepID: "tra-ket-qua", Action: procedure.ActionApprove, Actor: clerk})
	slip := h.run(input(testProcedure(), start, ChannelOnline))
	mustAccept(t, "approve appraisal", a)
	mustAccept(t, "approve approval", b)
	mustAccept(t, "return", c)

	if slip.Status != StatusFinished || slip.Outcome != "finished_early" {
		t.Fatalf("status %s outcome %s, want finished/finished_early", slip.Status, slip.Outcome)
	}
	equalTime(t, "dossier due", slip.DueAt, at(2026, 12, 3, 17, 0))
	equalTime(t, "finished", slip.FinishedAt, at(2026, 12, 1, 9, 0))
	want := []struct {
		step       string
		given, due time.Time
		finished   time.Time
		result     string
		timeliness Timeliness
		actor      string
	}{
		{"tham-dinh", start, at(2026, 11, 30, 17, 0), at(2026, 11, 27, 10, 0), "approve", Early, officer.ID},
		{"phe-duyet", at(2026, 11, 27, 10, 0), at(2026, 11, 30, 17, 0), at(2026, 11, 30, 16, 0), "approve", OnTime, head.ID},
		{"tra-ket-qua", at(2026, 11, 30, 16, 0), at(2026, 12, 1, 11, 0), at(2026, 12, 1, 9, 0), "approve", OnTime, clerk.ID},
	}
	if len(slip.Rows) != len(want) {
		t.Fatalf("slip has %d rows, want %d:\n%s", len(slip.Rows), len(want), dump(slip.Rows))
	}
	for i, w := range want {
		r := slip.Rows[i]
		if r.StepID != w.step || r.Result != w.result || r.Timeliness != w.timeliness || r.Actor != w.actor {
			t.Errorf("row %d = %s/%s/%s/%s, want %s/%s/%s/%s", i, r.StepID, r.Result, r.Timeliness, r.Actor, w.step, w.result, w.timeliness, w.actor)
		}
		equalTime(t, w.step+" given", r.GivenAt, w.given)
		equalTime(t, w.step+" due", r.DueAt, w.due)
		equalTime(t, w.step+" finished", r.FinishedAt, w.finished)
	}
	if i := 1; i < len(slip.Rows) && slip.Rows[i].GivenBy != officer.ID {
		t.Errorf("approval handed over by %q, want %q", slip.Rows[i].GivenBy, officer.ID)
	}
	// The approval step's 75 % reminder (Mon 13:30) came before the head acted.
	if len(slip.Escalations) != 1 {
		t.Fatalf("escalations = %s, want one reminder", dump(slip.Escalations))
	}
	e := slip.Escalations[0]
	equalTime(t, "reminder", e.At, at(2026, 11, 30, 13, 30))
	if e.Step != "phe-duyet" || e.Audience != procedure.AudienceHolder || e.Level != 0 {
		t.Errorf("reminder = %+v", e)
	}
	if b.result.Open[0].StepID != "tra-ket-qua" {
		t.Errorf("update result after approval = %+v, want the return step open", b.result)
	}
}

// Nobody acts: the ladder climbs over the weekend to the unit head, the
// agency head, and repeats every working day; the dossier's apology duty
// comes one working day before its deadline.
func TestEscalationClimbsOverTheWeekendAndRepeats(t *testing.T) {
	start := at(2026, 11, 25, 9, 0) // Wednesday
	h := newHarness(t, start)
	a := h.decide(at(2026, 12, 3, 9, 0), DecideRequest{StepID: "tham-dinh", Action: procedure.ActionApprove, Actor: head})
	b := h.decide(at(2026, 12, 3, 10, 0), DecideRequest{StepID: "phe-duyet", Action: procedure.ActionRefuse, Actor: head, Reason: "không đủ điều kiện"})
	mid := h.slipAt(at(2026, 11, 30, 17, 30))
	slip := h.run(input(testProcedure(), start, ChannelOnline))
	mustAccept(t, "late approval", a)
	mustAccept(t, "refusal", b)

	type esc struct {
		at      time.Time
		step    string
		unit    string
		to      procedure.Audience
		level   int
		apology bool
	}
	want := []esc{
		{at(2026, 11, 27, 10, 15), "tham-dinh", "A.P", procedure.AudienceHolder, 0, false},
		{at(2026, 11, 27, 17, 0), "tham-dinh", "A.P", procedure.AudienceUnitHead, 1, false},
		{at(2026, 11, 30, 17, 0), "tham-dinh", "A.P", procedure.AudienceAgencyHead, 2, false}, // Monday: weekend skipped
		{at(2026, 12, 1, 17, 0), "tham-dinh", "A.P", procedure.AudienceAgencyHead, 3, false},
		{at(2026, 12, 1, 17, 0), "", "A.P", procedure.AudienceUnitHead, 0, true},             // apology duty, 1 working day before
		{at(2026, 12, 2, 17, 0), "tham-dinh", "A.P", procedure.AudienceAgencyHead, 4, false}, // still climbing
		{at(2026, 12, 2, 17, 0), "", "W.MC", procedure.AudienceDesk, 1, false},               // the dossier is late
	}
	if len(slip.Escalations) != len(want) {
		t.Fatalf("escalations:\n%s\nwant %d", dump(slip.Escalations), len(want))
	}
	for i, w := range want {
		e := slip.Escalations[i]
		if !e.At.Equal(w.at) || e.Step != w.step || e.Unit != w.unit || e.Audience != w.to || e.Level != w.level || e.Apology != w.apology {
			t.Errorf("escalation %d = %s %s %s %s L%d apology=%v, want %s %s %s %s L%d apology=%v", i,
				e.At.In(ict).Format(time.RFC3339), e.Step, e.Unit, e.Audience, e.Level, e.Apology,
				w.at.Format(time.RFC3339), w.step, w.unit, w.to, w.level, w.apology)
		}
	}
	if len(mid.Open) != 1 || !mid.Open[0].Overdue || mid.Open[0].Level != 2 {
		t.Errorf("on Monday evening the open step should be overdue at level 2: %s", dump(mid.Open))
	}
	if slip.Rows[0].Timeliness != Late || slip.Outcome != "refused" {
		t.Errorf("row 0 timeliness %s, outcome %s; want late, refused", slip.Rows[0].Timeliness, slip.Outcome)
	}
	// Every alert was delivered once, to the journal, under its own key.
	recs, err := h.journal.Read("A-261126-0001")
	if err != nil {
		t.Fatal(err)
	}
	alerts := 0
	for _, r := range recs {
		if r.Kind == "alert" {
			alerts++
		}
	}
	if alerts != len(want) {
		t.Errorf("journal has %d alerts, want %d", alerts, len(want))
	}
}

// A paper dossier received on the Thursday before Tết after the 15:00
// cut-off moves on Friday morning; its deadline and escalations skip the
// nine days of Tết 2026.
func TestDeadlinesSkipTet(t *testing.T) {
	start := at(2026, 2, 12, 16, 0)
	h := newHarness(t, start)
	a := h.decide(at(2026, 2, 26, 8, 30), DecideRequest{StepID: "tham-dinh", Action: procedure.ActionApprove, Actor: officer})
	b := h.decide(at(2026, 2, 26, 9, 0), DecideRequest{StepID: "phe-duyet", Action: procedure.ActionRefuse, Actor: head, Reason: "hồ sơ không hợp lệ"})
	slip := h.run(input(testProcedure(), start, ChannelDesk))
	mustAccept(t, "approve", a)
	mustAccept(t, "refuse", b)
	r := slip.Rows[0]
	equalTime(t, "transfer after the cut-off", r.GivenAt, at(2026, 2, 13, 8, 0))
	equalTime(t, "appraisal due", r.DueAt, at(2026, 2, 24, 17, 0))
	// The return date counts from the day after receipt: Fri 13, then 23–26 Feb.
	equalTime(t, "dossier due", slip.DueAt, at(2026, 2, 26, 17, 0))
	want := []struct {
		at      time.Time
		step    string
		apology bool
	}{
		{at(2026, 2, 24, 10, 0), "tham-dinh", false}, // 75 % of Fri 13 + Mon 23 + Tue 24
		{at(2026, 2, 24, 17, 0), "tham-dinh", false}, // the deadline: unit head
		{at(2026, 2, 25, 17, 0), "tham-dinh", false}, // one working day later: agency head
		{at(2026, 2, 25, 17, 0), "", true},           // apology duty, one working day before the return date
	}
	if len(slip.Escalations) != len(want) {
		t.Fatalf("escalations:\n%s", dump(slip.Escalations))
	}
	for i, w := range want {
		e := slip.Escalations[i]
		equalTime(t, "escalation", e.At, w.at)
		if e.Step != w.step || e.Apology != w.apology {
			t.Errorf("escalation %d: step %q apology %v, want %q %v", i, e.Step, e.Apology, w.step, w.apology)
		}
	}
}

// A supplement request stops every clock; the desk's resume gives back the
// working time that was left, counted from the resume.
func TestSupplementStopsAndResumesTheClock(t *testing.T) {
	start := at(2026, 11, 25, 9, 0)
	h := newHarness(t, start)
	sup := h.decide(at(2026, 11, 26, 10, 0), DecideRequest{StepID: "tham-dinh", Action: procedure.ActionSupplement, Actor: officer, Missing: []string{"bản sao giấy tờ"}})
	during := h.decide(at(2026, 11, 30, 9, 0), DecideRequest{StepID: "tham-dinh", Action: procedure.ActionApprove, Actor: officer})
	stopped := h.slipAt(at(2026, 12, 1, 9, 0))
	res := h.update(at(2026, 12, 7, 14, 0), UpdateResume, ResumeRequest{Actor: clerk})
	again := h.decide(at(2026, 12, 8, 8, 0), DecideRequest{StepID: "tham-dinh", Action: procedure.ActionSupplement, Actor: officer, Reason: "thiếu nữa"})
	ok := h.decide(at(2026, 12, 8, 9, 0), DecideRequest{StepID: "tham-dinh", Action: procedure.ActionApprove, Actor: officer})
	end := h.update(at(2026, 12, 8, 10, 0), UpdateWithdraw, WithdrawRequest{Actor: clerk, Reason: "công dân xin rút"})
	slip := h.run(input(testProcedure(), start, ChannelOnline))
	mustAccept(t, "supplement", sup)
	mustAccept(t, "resume", res)
	mustAccept(t, "approve", ok)
	mustAccept(t, "withdraw", end)
	wantCode(t, during.rejected, ErrClockStopped)
	wantCode(t, again.rejected, ErrLimitReached)

	if stopped.Status != StatusSupplement || len(stopped.Escalations) != 0 {
		t.Errorf("while stopped: status %s, escalations %s", stopped.Status, dump(stopped.Escalations))
	}
	// 840 working minutes were left of the step, 2280 of the dossier.
	equalTime(t, "step due after resume", slip.Rows[1].DueAt, at(2026, 12, 9, 11, 0))
	equalTime(t, "dossier due after resume", res.result.DueAt, at(2026, 12, 14, 11, 0))
	if len(slip.ClockStops) != 1 {
		t.Fatalf("clock stops: %s", dump(slip.ClockStops))
	}
	cs := slip.ClockStops[0]
	equalTime(t, "stopped", cs.StoppedAt, at(2026, 11, 26, 10, 0))
	equalTime(t, "resumed", cs.ResumedAt, at(2026, 12, 7, 14, 0))
	if slip.Rows[0].Result != "supplement" || slip.Rows[1].GivenBy != clerk.ID || slip.Rows[1].Result != "approve" {
		t.Errorf("rows: %s", dump(slip.Rows))
	}
	if slip.Outcome != "withdrawn" || slip.Supplements != 1 {
		t.Errorf("outcome %s supplements %d", slip.Outcome, slip.Supplements)
	}
}

// A paper dossier's own reception step starts at the desk at once; the
// dossier leaves the desk after the 15:00 cut-off, so the next unit receives
// it at 08:00 on the next working day.
func TestPaperLeavesTheDeskAfterTheCutOff(t *testing.T) {
	p := testProcedure()
	reception := procedure.Step{ID: "tiep-nhan", Name: procedure.Text{VI: "Tiếp nhận", EN: "Reception"}, Unit: "W.MC", Role: procedure.RoleClerk,
		Duration: wd(0), Actions: []procedure.Action{procedure.ActionApprove}}
	p.Steps = append([]procedure.Step{reception}, p.Steps...)
	start := at(2026, 11, 26, 15, 30) // Thursday, after the cut-off
	h := newHarness(t, start)
	h.decide(at(2026, 11, 26, 16, 0), DecideRequest{StepID: "tiep-nhan", Action: procedure.ActionApprove, Actor: clerk})
	h.update(at(2026, 11, 27, 9, 0), UpdateWithdraw, WithdrawRequest{Actor: clerk, Reason: "rút"})
	slip := h.run(input(p, start, ChannelDesk))
	if len(slip.Rows) != 2 {
		t.Fatalf("rows: %s", dump(slip.Rows))
	}
	equalTime(t, "reception starts at once", slip.Rows[0].GivenAt, start)
	equalTime(t, "same-day step after the cut-off is due next working day", slip.Rows[0].DueAt, at(2026, 11, 27, 17, 0))
	equalTime(t, "appraisal received next morning", slip.Rows[1].GivenAt, at(2026, 11, 27, 8, 0))
	equalTime(t, "appraisal due", slip.Rows[1].DueAt, at(2026, 12, 1, 17, 0))
}
