package workflows

import (
	"testing"

	"github.com/lienthong/lienthong/procedure"
)

func consultationProcedure() procedure.Procedure {
	p := testProcedure()
	p.Steps = []procedure.Step{
		p.Steps[0],
		{ID: "lay-y-kien", Name: procedure.Text{VI: "Lấy ý kiến", EN: "Consultation"}, Kind: procedure.KindParallel, Duration: wd(3),
			Completion: &procedure.Completion{Rule: procedure.CompleteSilenceIsConsent},
			Members: []procedure.Step{
				{ID: "y-kien-b", Name: procedure.Text{VI: "Ý kiến B", EN: "B's opinion"}, Unit: "B", Role: procedure.RoleOfficer,
					Actions: []procedure.Action{procedure.ActionApprove, procedure.ActionObject}},
				{ID: "y-kien-c", Name: procedure.Text{VI: "Ý kiến C", EN: "C's opinion"}, Unit: "C", Role: procedure.RoleOfficer,
					Actions: []procedure.Action{procedure.ActionApprove, procedure.ActionObject}},
			}},
		p.Steps[2],
	}
	return p
}

// A consulted agency that does not answer by the group's deadline is deemed
// to agree (construction permits): the dossier moves on at that minute, and
// the silent agency is reminded but not escalated as late.
func TestSilenceIsConsent(t *testing.T) {
	start := at(2026, 11, 25, 9, 0)
	h := newHarness(t, start)
	a := h.decide(at(2026, 11, 25, 11, 0), DecideRequest{StepID: "tham-dinh", Action: procedure.ActionApprove, Actor: officer})
	bAnswer := h.decide(at(2026, 11, 26, 10, 0), DecideRequest{StepID: "y-kien-b", Action: procedure.ActionApprove, Actor: Actor{ID: "cv.b", Unit: "B", Role: procedure.RoleOfficer}})
	ret := h.decide(at(2026, 12, 1, 9, 0), DecideRequest{StepID: "tra-ket-qua", Action: procedure.ActionApprove, Actor: clerk})
	slip := h.run(input(consultationProcedure(), start, ChannelOnline))
	mustAccept(t, "appraisal", a)
	mustAccept(t, "B answers", bAnswer)
	mustAccept(t, "return", ret)

	byStep := map[string]SlipRow{}
	for _, r := range slip.Rows {
		byStep[r.StepID] = r
	}
	c := byStep["y-kien-c"]
	if c.Result != "consent_by_silence" {
		t.Fatalf("C's row: %s", dump(c))
	}
	equalTime(t, "C deemed to agree", c.FinishedAt, at(2026, 11, 30, 17, 0))
	equalTime(t, "return step handed over", byStep["tra-ket-qua"].GivenAt, at(2026, 11, 30, 17, 0))
	equalTime(t, "return step due", byStep["tra-ket-qua"].DueAt, at(2026, 12, 1, 12, 0))
	if len(slip.Escalations) != 1 || slip.Escalations[0].Unit != "C" || slip.Escalations[0].Level != 0 {
		t.Fatalf("escalations: %s", dump(slip.Escalations))
	}
	equalTime(t, "C reminded at 75 %", slip.Escalations[0].At, at(2026, 11, 30, 8, 45))
	if slip.Outcome != "finished_on_time" && slip.Outcome != "finished_early" {
		t.Errorf("outcome %s", slip.Outcome)
	}
}

// A quorum consultation moves on as soon as enough agencies answered; the
// others are closed as not needed. An objection needs its reason.
func TestQuorumCompletesEarly(t *testing.T) {
	p := consultationProcedure()
	p.Steps[1].Completion = &procedure.Completion{Rule: procedure.CompleteQuorum, Quorum: 1}
	start := at(2026, 11, 25, 9, 0)
	cOfficer := Actor{ID: "cv.c", Unit: "C", Role: procedure.RoleOfficer}
	h := newHarness(t, start)
	h.decide(at(2026, 11, 25, 10, 0), DecideRequest{StepID: "tham-dinh", Action: procedure.ActionApprove, Actor: officer})
	bare := h.decide(at(2026, 11, 25, 11, 0), DecideRequest{StepID: "y-kien-c", Action: procedure.ActionObject, Actor: cOfficer})
	obj := h.decide(at(2026, 11, 25, 11, 30), DecideRequest{StepID: "y-kien-c", Action: procedure.ActionObject, Actor: cOfficer, Reason: "vi phạm chỉ giới"})
	ret := h.decide(at(2026, 11, 25, 14, 0), DecideRequest{StepID: "tra-ket-qua", Action: procedure.ActionApprove, Actor: clerk})
	slip := h.run(input(p, start, ChannelOnline))
	wantCode(t, bare.rejected, ErrInvalidRequest)
	mustAccept(t, "objection", obj)
	mustAccept(t, "return", ret)
	results := map[string]string{}
	for _, r := range slip.Rows {
		results[r.StepID] = r.Result
	}
	if results["y-kien-c"] != "object" || results["y-kien-b"] != "not_needed" || slip.Status != StatusFinished {
		t.Fatalf("rows: %s", dump(slip.Rows))
	}
}

// Every validator refusal, each with its code, and nothing written to history
// for a refused Update; then valid delegated authority is accepted and
// recorded with both names.
func TestValidatorRefusals(t *testing.T) {
	start := at(2026, 11, 25, 9, 0)
	now := at(2026, 11, 25, 10, 0)
	h := newHarness(t, start)
	outsider := Actor{ID: "cv.x", Unit: "B", Role: procedure.RoleOfficer}
	cases := []struct {
		name string
		req  any
		kind string
		code string
	}{
		{"wrong unit", DecideRequest{StepID: "tham-dinh", Action: procedure.ActionApprove, Actor: outsider}, UpdateDecide, ErrNotAuthorised},
		{"wrong role", DecideRequest{StepID: "tham-dinh", Action: procedure.ActionApprove, Actor: Actor{ID: "ld.y", Unit: "A.P", Role: procedure.RoleLeader}}, UpdateDecide, ErrNotAuthorised},
		{"clerk on an officer's step", DecideRequest{StepID: "tham-dinh", Action: procedure.ActionApprove, Actor: Actor{ID: "mc.z", Unit: "A.P", Role: procedure.RoleClerk}}, UpdateDecide, ErrNotAuthorised},
		{"stale step", DecideRequest{StepID: "phe-duyet", Action: procedure.ActionApprove, Actor: head}, UpdateDecide, ErrStaleStep},
		{"stale attempt", DecideRequest{StepID: "tham-dinh", Attempt: 2, Action: procedure.ActionApprove, Actor: officer}, UpdateDecide, ErrStaleStep},
		{"action the step does not allow", DecideRequest{StepID: "tham-dinh", Action: procedure.ActionSendBack, Actor: officer, Reason: "x", Target: "tham-dinh"}, UpdateDecide, ErrActionNotAllowed},
		{"unknown action", DecideRequest{StepID: "tham-dinh", Action: "sign", Actor: officer}, UpdateDecide, ErrInvalidRequest},
		{"refuse without reason", DecideRequest{StepID: "tham-dinh", Action: procedure.ActionRefuse, Actor: officer}, UpdateDecide, ErrInvalidRequest},
		{"supplement without items", DecideRequest{StepID: "tham-dinh", Action: procedure.ActionSupplement, Actor: officer}, UpdateDecide, ErrInvalidRequest},
		{"reassign by an officer", DecideRequest{StepID: "tham-dinh", Action: procedure.ActionReassign, Actor: officer, Assignee: "cv.khac"}, UpdateDecide, ErrNotAuthorised},
		{"reassign without assignee", DecideRequest{StepID: "tham-dinh", Action: procedure.ActionReassign, Actor: head}, UpdateDecide, ErrInvalidRequest},
		{"extend beyond the limit", DecideRequest{StepID: "tham-dinh", Action: procedure.ActionExtend, Actor: head, Reason: "xin lỗi", ExtendBy: wd(4)}, UpdateDecide, ErrLimitReached},
		{"extend without apology", DecideRequest{StepID: "tham-dinh", Action: procedure.ActionExtend, Actor: head, ExtendBy: wd(1)}, UpdateDecide, ErrInvalidRequest},
		{"extend by nothing", DecideRequest{StepID: "tham-dinh", Action: procedure.ActionExtend, Actor: head, Reason: "x"}, UpdateDecide, ErrInvalidRequest},
		{"no actor", DecideRequest{StepID: "tham-dinh", Action: procedure.ActionApprove}, UpdateDecide, ErrInvalidRequest},
		{"expired delegation", DecideRequest{StepID: "tham-dinh", Action: procedure.ActionApprove, Actor: Actor{ID: "cv.x", Unit: "B", Role: procedure.RoleOfficer,
			OnBehalfOf: &Delegation{Person: head.ID, Role: procedure.RoleUnitHead, Unit: "A.P", Kind: "TUQ", Until: at(2026, 11, 25, 9, 30)}}}, UpdateDecide, ErrNotAuthorised},
		{"delegation for another unit", DecideRequest{StepID: "tham-dinh", Action: procedure.ActionApprove, Actor: Actor{ID: "cv.x", Unit: "B", Role: procedure.RoleOfficer,
			OnBehalfOf: &Delegation{Person: "tp.c", Role: procedure.RoleUnitHead, Unit: "C", Kind: "TUQ", Until: at(2026, 12, 31, 17, 0)}}}, UpdateDecide, ErrNotAuthorised},
		{"resume while not waiting", ResumeRequest{Actor: clerk}, UpdateResume, ErrInvalidRequest},
		{"withdraw without reason", WithdrawRequest{Actor: clerk}, UpdateWithdraw, ErrInvalidRequest},
		{"withdraw by an officer", WithdrawRequest{Actor: officer, Reason: "x"}, UpdateWithdraw, ErrNotAuthorised},
	}
	outs := make([]*outcome, len(cases))
	for i, c := range cases {
		outs[i] = h.update(now, c.kind, c.req)
	}
	delegated := h.decide(at(2026, 11, 25, 11, 0), DecideRequest{StepID: "tham-dinh", Action: procedure.ActionApprove,
		Actor: Actor{ID: "cv.x", Unit: "B", Role: procedure.RoleOfficer,
			OnBehalfOf: &Delegation{Person: head.ID, Role: procedure.RoleUnitHead, Unit: "A.P", Kind: "TUQ", Until: at(2026, 12, 31, 17, 0)}}})
	byDirector := h.decide(at(2026, 11, 25, 12, 0), DecideRequest{StepID: "phe-duyet", Action: procedure.ActionApprove, Actor: director})
	closed := h.decide(at(2026, 11, 25, 15, 0), DecideRequest{StepID: "tra-ket-qua", Action: procedure.ActionApprove, Actor: clerk})
	slip := h.run(input(testProcedure(), start, ChannelOnline))
	for i, c := range cases {
		if outs[i].rejected == nil {
			t.Errorf("%s: accepted, want %s", c.name, c.code)
			continue
		}
		wantCode(t, outs[i].rejected, c.code)
	}
	mustAccept(t, "delegated approval", delegated)
	mustAccept(t, "agency head approves a division's step", byDirector)
	mustAccept(t, "return", closed)
	r := slip.Rows[0]
	if r.Actor != "cv.x" || r.OnBehalfOf != head.ID || r.Delegation != "TUQ" {
		t.Errorf("delegated row records actor %q on behalf of %q (%q)", r.Actor, r.OnBehalfOf, r.Delegation)
	}
	if len(slip.Rows) != 3 {
		t.Errorf("refused Updates changed the slip: %s", dump(slip.Rows))
	}
}

// A head sends the dossier back; the earlier step runs again as attempt 2.
// The one extension moves both deadlines; a second is refused.
func TestSendBackAndExtendOnce(t *testing.T) {
	start := at(2026, 11, 25, 9, 0)
	h := newHarness(t, start)
	h.decide(at(2026, 11, 25, 10, 0), DecideRequest{StepID: "tham-dinh", Action: procedure.ActionApprove, Actor: officer})
	badTarget := h.decide(at(2026, 11, 25, 11, 0), DecideRequest{StepID: "phe-duyet", Action: procedure.ActionSendBack, Actor: head, Reason: "x", Target: "tra-ket-qua"})
	back := h.decide(at(2026, 11, 25, 11, 0), DecideRequest{StepID: "phe-duyet", Action: procedure.ActionSendBack, Actor: head, Reason: "thẩm định lại", Target: "tham-dinh"})
	stale := h.decide(at(2026, 11, 25, 12, 0), DecideRequest{StepID: "tham-dinh", Attempt: 1, Action: procedure.ActionApprove, Actor: officer})
	ext := h.decide(at(2026, 11, 26, 9, 0), DecideRequest{StepID: "tham-dinh", Attempt: 2, Action: procedure.ActionExtend, Actor: head, Reason: "xin lỗi vì chậm trễ", ExtendBy: wd(2)})
	ext2 := h.decide(at(2026, 11, 26, 10, 0), DecideRequest{StepID: "tham-dinh", Action: procedure.ActionExtend, Actor: head, Reason: "lần nữa", ExtendBy: wd(1)})
	h.decide(at(2026, 11, 26, 11, 0), DecideRequest{StepID: "tham-dinh", Attempt: 2, Action: procedure.ActionApprove, Actor: officer})
	h.decide(at(2026, 11, 26, 14, 0), DecideRequest{StepID: "phe-duyet", Action: procedure.ActionRefuse, Actor: head, Reason: "không đủ điều kiện"})
	slip := h.run(input(testProcedure(), start, ChannelOnline))
	wantCode(t, badTarget.rejected, ErrInvalidRequest)
	mustAccept(t, "send back", back)
	wantCode(t, stale.rejected, ErrStaleStep)
	mustAccept(t, "extend", ext)
	wantCode(t, ext2.rejected, ErrLimitReached)

	if len(slip.Rows) != 4 || slip.Rows[2].StepID != "tham-dinh" || slip.Rows[2].Attempt != 2 || slip.Rows[1].Result != "send_back" {
		t.Fatalf("rows: %s", dump(slip.Rows))
	}
	equalTime(t, "original return date", slip.OriginalDueAt, at(2026, 12, 2, 17, 0))
	equalTime(t, "extended return date", slip.DueAt, at(2026, 12, 4, 17, 0))
	// attempt 2 started Wed 11:00 with 2 working days (Fri 17:00), extended by 2.
	equalTime(t, "extended step due", slip.Rows[2].DueAt, at(2026, 12, 1, 17, 0))
	if slip.ExtendedBy != head.ID || slip.Outcome != "refused" {
		t.Errorf("extendedBy %q outcome %q", slip.ExtendedBy, slip.Outcome)
	}
}

// A branch step routes by a dossier field.
func TestBranchRoutesByField(t *testing.T) {
	p := testProcedure()
	p.Steps = []procedure.Step{
		{ID: "re-nhanh", Kind: procedure.KindBranch, Field: "kind", Name: procedure.Text{VI: "Phân loại", EN: "Routing"},
			Cases: []procedure.Branch{{Equals: "special", Next: "phe-duyet"}}, Default: "tham-dinh"},
		p.Steps[0], p.Steps[1], p.Steps[2],
	}
	p.Steps[1].Next = procedure.End
	for _, tc := range []struct{ kind, first string }{{"special", "phe-duyet"}, {"normal", "tham-dinh"}} {
		start := at(2026, 11, 25, 9, 0)
		h := newHarness(t, start)
		h.update(at(2026, 11, 25, 10, 0), UpdateWithdraw, WithdrawRequest{Actor: clerk, Reason: "rút"})
		in := input(p, start, ChannelOnline)
		in.Fields = map[string]string{"kind": tc.kind}
		slip := h.run(in)
		if len(slip.Rows) != 1 || slip.Rows[0].StepID != tc.first || slip.Rows[0].Result != "withdraw" {
			t.Errorf("kind=%s: rows %s, want first step %s", tc.kind, dump(slip.Rows), tc.first)
		}
	}
}

// A consulted agency asks the citizen for a document: the consultation's
// silence-is-consent deadline stops with every other clock, and resumes with
// the time it had left.
func TestSupplementDuringConsultationStopsItsDeadline(t *testing.T) {
	p := consultationProcedure()
	p.Steps[1].Members[1].Actions = append(p.Steps[1].Members[1].Actions, procedure.ActionSupplement)
	start := at(2026, 11, 25, 9, 0)
	cOfficer := Actor{ID: "cv.c", Unit: "C", Role: procedure.RoleOfficer}
	h := newHarness(t, start)
	h.decide(at(2026, 11, 25, 11, 0), DecideRequest{StepID: "tham-dinh", Action: procedure.ActionApprove, Actor: officer})
	sup := h.decide(at(2026, 11, 26, 11, 0), DecideRequest{StepID: "y-kien-c", Action: procedure.ActionSupplement, Actor: cOfficer, Missing: []string{"bản vẽ"}})
	during := h.slipAt(at(2026, 12, 3, 9, 0)) // the consultation was due Mon 30 Nov 17:00
	res := h.update(at(2026, 12, 7, 8, 0), UpdateResume, ResumeRequest{Actor: clerk})
	h.update(at(2026, 12, 7, 9, 0), UpdateWithdraw, WithdrawRequest{Actor: clerk, Reason: "rút"})
	after := h.slipAt(at(2026, 12, 7, 8, 30))
	h.run(input(p, start, ChannelOnline))
	mustAccept(t, "supplement", sup)
	mustAccept(t, "resume", res)
	for _, r := range during.Rows {
		if r.Result == "consent_by_silence" {
			t.Fatalf("silence counted as consent while the citizen was supplementing: %s", dump(during.Rows))
		}
	}
	if during.Status != StatusSupplement || len(after.Open) != 2 {
		t.Fatalf("during: %s; after resume: %s", during.Status, dump(after.Open))
	}
	// Thu 26 Nov 11:00 → Mon 30 Nov 17:00 left 1260 working minutes; from
	// Mon 7 Dec 08:00 they run out on Wed 9 Dec at 14:00.
	for _, o := range after.Open {
		equalTime(t, o.StepID+" due after resume", o.Due, at(2026, 12, 9, 14, 0))
	}
}

// Land transfer: the tax assessment and the citizen's payment both stop the
// dossier clock; between them it stays stopped, and after the payment the
// return date is what was left when the first stop began.
func TestConsecutiveClockStops(t *testing.T) {
	p := testProcedure()
	stop := func(id, vi string) procedure.Step {
		return procedure.Step{ID: id, Name: procedure.Text{VI: vi, EN: id}, Unit: "A.P", Role: procedure.RoleOfficer, Duration: wd(2),
			StopsClock: true, Actions: []procedure.Action{procedure.ActionApprove}}
	}
	p.Steps = []procedure.Step{p.Steps[0], stop("thue", "Xác định nghĩa vụ tài chính"), stop("nop-tien", "Chờ nộp tiền"), p.Steps[2]}
	start := at(2026, 11, 25, 9, 0)
	h := newHarness(t, start)
	h.decide(at(2026, 11, 25, 10, 0), DecideRequest{StepID: "tham-dinh", Action: procedure.ActionApprove, Actor: officer})
	h.decide(at(2026, 11, 27, 10, 0), DecideRequest{StepID: "thue", Action: procedure.ActionApprove, Actor: officer})
	during := h.slipAt(at(2026, 12, 2, 18, 0)) // past the original return date
	paid := h.decide(at(2026, 12, 3, 9, 0), DecideRequest{StepID: "nop-tien", Action: procedure.ActionApprove, Actor: officer})
	h.update(at(2026, 12, 3, 10, 0), UpdateWithdraw, WithdrawRequest{Actor: clerk, Reason: "rút"})
	slip := h.run(input(p, start, ChannelOnline))
	mustAccept(t, "payment confirmed", paid)
	if during.Status != StatusObligations {
		t.Errorf("while paying: status %s", during.Status)
	}
	for _, e := range during.Escalations {
		if e.Step == "" {
			t.Errorf("the dossier's ladder climbed while its clock was stopped: %+v", e)
		}
	}
	// 2760 working minutes were left on Wed 25 Nov 10:00; from Thu 3 Dec
	// 09:00 they run out on Thu 10 Dec at 16:00.
	equalTime(t, "return date after the payment", paid.result.DueAt, at(2026, 12, 10, 16, 0))
	if len(slip.ClockStops) != 2 {
		t.Fatalf("clock stops: %s", dump(slip.ClockStops))
	}
	equalTime(t, "first stop ends when the second begins", slip.ClockStops[0].ResumedAt, at(2026, 11, 27, 10, 0))
	equalTime(t, "second stop ends at the payment", slip.ClockStops[1].ResumedAt, at(2026, 12, 3, 9, 0))
}
