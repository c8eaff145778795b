package integration

import (
	"context"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"go.temporal.io/api/enums/v1"
	historypb "go.temporal.io/api/history/v1"
	"go.temporal.io/sdk/converter"
	"google.golang.org/protobuf/encoding/protojson"
	"google.golang.org/protobuf/proto"

	"github.com/lienthong/lienthong/deploy/devserver"
	"github.com/lienthong/lienthong/intake"
	"github.com/lienthong/lienthong/internal/teststack"
	"github.com/lienthong/lienthong/journal"
	"github.com/lienthong/lienthong/procedure"
	"github.com/lienthong/lienthong/readmodel"
	"github.com/lienthong/lienthong/workflows"
)

// Recognisable personal data: none of it may reach the server in plaintext
// or the logs at all.
var personal = []string{"Nguyễn Thị Bích Ngọc", "001190012345", "0912345678", "Số 8 phố Hàng Bài"}

// The drill procedure on a real server: a dossier is submitted twice (one
// dossier), its first step goes overdue and escalates, a consulted agency's
// silence counts as consent, the desk returns the result; the history read
// back from the server holds no plaintext personal data.
func TestDrillOnRealServer(t *testing.T) {
	s := teststack.Start(t)
	ctx, cancel := context.WithTimeout(context.Background(), 6*time.Minute)
	defer cancel()
	req := intake.Request{
		Procedure: "DRILL", Desk: "H26.HK.TTHCC", ReceivedBy: "ngocdh", Channel: workflows.ChannelOnline,
		Fields:    map[string]string{"citizen_full_name": personal[0], "track": "fast"},
		Documents: []string{"application"},
	}
	r1, err := s.Sub.Submit(ctx, req)
	if err != nil {
		t.Fatal(err)
	}
	r2, err := s.Sub.Submit(ctx, req)
	if err != nil {
		t.Fatal(err)
	}
	if r2.Code != r1.Code || !r2.Existing || r1.Existing {
		t.Fatalf("resubmission: first %+v, second %+v; want the same dossier, marked existing", r1, r2)
	}
	if !strings.HasPrefix(r1.Code, "H26.HK.UBND-") || !workflows.ValidCode(r1.Code) {
		t.Errorf("code %q is not <agency>-<yymmdd>-<seq>", r1.Code)
	}
	if got := r1.DueAt.Sub(r1.ReceivedAt); got != 10*time.Minute {
		t.Errorf("return date %s after reception, want 10m", got)
	}
	code := r1.Code
	inbox, _, err := s.ReadModel.Inbox(ctx, "H26.HK.VP", readmodel.InboxFilter{})
	if err != nil || len(inbox) != 1 || inbox[0].Dossier != code || inbox[0].Step != "check" {
		t.Fatalf("the officers' inbox: %+v %v; want the new dossier's check step", inbox, err)
	}

	// Nobody checks the dossier: one minute later the unit head is alerted
	// and the search attributes say overdue.
	teststack.WaitFor(t, 3*time.Minute, "the overdue alert to the unit head", func() bool {
		return hasAlert(t, s.Journal, code, "check", procedure.AudienceUnitHead)
	})
	desc, err := s.Client.DescribeWorkflowExecution(ctx, code, "")
	if err != nil {
		t.Fatal(err)
	}
	sa := desc.GetWorkflowExecutionInfo().GetSearchAttributes().GetIndexedFields()
	var overdue bool
	var unit string
	_ = converter.GetDefaultDataConverter().FromPayload(sa["Overdue"], &overdue)
	_ = converter.GetDefaultDataConverter().FromPayload(sa["CurrentUnit"], &unit)
	if !overdue || unit != "H26.HK.VP" {
		t.Errorf("search attributes: Overdue=%v CurrentUnit=%q, want true, H26.HK.VP", overdue, unit)
	}

	if feed, err := s.ReadModel.Alerts(ctx, "H26.HK.VP", 10); err != nil || len(feed) == 0 {
		t.Errorf("the unit's alert feed: %+v %v", feed, err)
	}
	officer := workflows.Actor{ID: "trangcn", Unit: "H26.HK.VP", Role: procedure.RoleOfficer}
	if _, err := s.Decide(ctx, code, workflows.DecideRequest{StepID: "check", Action: procedure.ActionApprove, Actor: officer}); err != nil {
		t.Fatal(err)
	}
	_, err = s.Decide(ctx, code, workflows.DecideRequest{StepID: "check", Action: procedure.ActionApprove, Actor: officer})
	if err == nil || !strings.Contains(err.Error(), "reload") {
		t.Errorf("a decision on a stale step: err = %v, want the validator's stale-step message", err)
	}
	police := workflows.Actor{ID: "thanglm", Unit: "H26.CA.HK", Role: procedure.RoleOfficer}
	if _, err := s.Decide(ctx, code, workflows.DecideRequest{StepID: "consult_police", Action: procedure.ActionApprove, Actor: police}); err != nil {
		t.Fatal(err)
	}
	// Social insurance stays silent: after one minute it is deemed to agree.
	var slip workflows.Slip
	teststack.WaitFor(t, 3*time.Minute, "silence to count as consent", func() bool {
		slip, err = intake.WaitForSlip(ctx, s.Client, code, 10*time.Second)
		return err == nil && len(slip.Open) == 1 && slip.Open[0].StepID == "return_result"
	})
	clerk := workflows.Actor{ID: "ngocdh", Unit: "H26.HK.TTHCC", Role: procedure.RoleClerk}
	if _, err := s.Decide(ctx, code, workflows.DecideRequest{StepID: "return_result", Action: procedure.ActionApprove, Actor: clerk}); err != nil {
		t.Fatal(err)
	}
	if err := s.Client.GetWorkflow(ctx, code, "").Get(ctx, &slip); err != nil {
		t.Fatal(err)
	}
	results := map[string]string{}
	for _, r := range slip.Rows {
		results[r.StepID] = r.Result + "/" + string(r.Timeliness)
	}
	want := map[string]string{"check": "approve/late", "consult_police": "approve/on_time",
		"consult_insurance": "consent_by_silence/on_time", "return_result": "approve/on_time"}
	for k, v := range want {
		if results[k] != v {
			t.Errorf("slip row %s = %q, want %q (rows: %v)", k, results[k], v, results)
		}
	}
	if slip.Status != workflows.StatusFinished {
		t.Errorf("status %s", slip.Status)
	}
	// The read model agrees with the workflow's own slip.
	view, err := s.ReadModel.Dossier(ctx, code)
	if err != nil {
		t.Fatal(err)
	}
	if view.Status != "finished" || len(view.Attempts) != len(slip.Rows) {
		t.Errorf("read model: status %s, %d rows; the slip has %d rows", view.Status, len(view.Attempts), len(slip.Rows))
	}
	if left, _, _ := s.ReadModel.Inbox(ctx, "H26.HK.VP", readmodel.InboxFilter{}); len(left) != 0 {
		t.Errorf("the inbox still lists a finished dossier: %+v", left)
	}
	// The closed dossier refuses further decisions.
	if _, err := s.Decide(ctx, code, workflows.DecideRequest{StepID: "return_result", Action: procedure.ActionApprove, Actor: clerk}); err == nil {
		t.Error("a decision on a finished dossier was accepted")
	}

	events := history(t, s, code)
	raw, err := proto.Marshal(&historypb.History{Events: events})
	if err != nil {
		t.Fatal(err)
	}
	for _, p := range personal[:1] {
		if strings.Contains(string(raw), p) {
			t.Errorf("the server's history holds %q in plaintext", p)
		}
	}
	if logs := s.Logs.String(); logs == "" {
		t.Error("the worker logged nothing: the log scan would prove nothing")
	} else {
		for _, p := range personal[:1] {
			if strings.Contains(logs, p) {
				t.Errorf("the worker logged %q", p)
			}
		}
	}
	record(t, code, events)
}

// Decisions taken in time cost at most 9 history events each: one workflow
// task, the Update's two events, one marker, one timer swap, one upsert.
func TestEventsPerStep(t *testing.T) {
	s := teststack.Start(t)
	ctx, cancel := context.WithTimeout(context.Background(), 2*time.Minute)
	defer cancel()
	r, err := s.Sub.Submit(ctx, intake.Request{
		Procedure: "2.001610", Desk: "H26.TTHCC", ReceivedBy: "toanlt", Channel: workflows.ChannelOnline,
		Fields: map[string]string{
			"company_name": "Công ty TNHH Hoa Sen", "head_office_address": personal[3], "charter_capital_vnd": "500000000",
			"main_business_line": "4711", "owner_full_name": personal[0], "owner_citizen_id": personal[1],
			"legal_representative_full_name": personal[0], "contact_phone": personal[2], "delivery": "desk",
		},
		Documents: []string{"registration_form", "charter", "owner_identity"},
	})
	if err != nil {
		t.Fatal(err)
	}
	start := len(history(t, s, r.Code))
	steps := []workflows.DecideRequest{
		{StepID: "reception", Action: procedure.ActionApprove, Actor: workflows.Actor{ID: "toanlt", Unit: "H26.TTHCC", Role: procedure.RoleClerk}},
		{StepID: "review", Action: procedure.ActionApprove, Actor: workflows.Actor{ID: "yentd", Unit: "H26.STC.DKKD", Role: procedure.RoleOfficer}},
		{StepID: "approval", Action: procedure.ActionApprove, Actor: workflows.Actor{ID: "vinhmv", Unit: "H26.STC.DKKD", Role: procedure.RoleUnitHead}},
		{StepID: "return_result", Action: procedure.ActionApprove, Actor: workflows.Actor{ID: "toanlt", Unit: "H26.TTHCC", Role: procedure.RoleClerk}},
	}
	for _, d := range steps {
		if _, err := s.Decide(ctx, r.Code, d); err != nil {
			t.Fatalf("%s: %v", d.StepID, err)
		}
	}
	var slip workflows.Slip
	if err := s.Client.GetWorkflow(ctx, r.Code, "").Get(ctx, &slip); err != nil {
		t.Fatal(err)
	}
	events := history(t, s, r.Code)
	per := float64(len(events)-start) / float64(len(steps))
	t.Logf("history: %d events at reception, %d in all for %d decisions: %.2f events per step", start, len(events), len(steps), per)
	if per > 9 {
		for _, e := range events[start:] {
			t.Logf("  %d %s", e.GetEventId(), e.GetEventType())
		}
		t.Errorf("%.2f events per step, want at most 9", per)
	}
	raw, _ := proto.Marshal(&historypb.History{Events: events})
	for _, p := range personal {
		if strings.Contains(string(raw), p) {
			t.Errorf("the server's history holds %q in plaintext", p)
		}
	}
}

func hasAlert(t *testing.T, j *journal.Store, code, step string, to procedure.Audience) bool {
	recs, err := j.Read(code)
	if err != nil {
		t.Fatal(err)
	}
	for _, r := range recs {
		if r.Kind == journal.KindAlert && r.Step == step && r.Audience == string(to) {
			return true
		}
	}
	return false
}

// history reads a workflow's whole history back from the server.
func history(t *testing.T, s *teststack.Stack, code string) []*historypb.HistoryEvent {
	t.Helper()
	it := s.Client.GetWorkflowHistory(context.Background(), code, "", false, enums.HISTORY_EVENT_FILTER_TYPE_ALL_EVENT)
	var out []*historypb.HistoryEvent
	for it.HasNext() {
		e, err := it.Next()
		if err != nil {
			t.Fatal(err)
		}
		out = append(out, e)
	}
	return out
}

// record writes the history under workflows/testdata/histories when
// LIENTHONG_RECORD_HISTORY=1, for the replay test to guard determinism.
func record(t *testing.T, code string, events []*historypb.HistoryEvent) {
	if os.Getenv("LIENTHONG_RECORD_HISTORY") != "1" {
		return
	}
	b, err := protojson.MarshalOptions{Indent: "  "}.Marshal(&historypb.History{Events: events})
	if err != nil {
		t.Fatal(err)
	}
	root, err := devserver.RepoRoot()
	if err != nil {
		t.Fatal(err)
	}
	name := filepath.Join(root, "workflows", "testdata", "histories", "drill-"+time.Now().UTC().Format("20060102")+".json")
	if err := os.WriteFile(name, b, 0o644); err != nil {
		t.Fatal(err)
	}
	t.Logf("recorded %s (%d events)", name, len(events))
}

// A dossier whose return date falls in a year with no calendar cannot be
// planned: the workflow fails at once and intake says why, instead of
// waiting for a worker that is there.
func TestSubmitReportsADossierThatCannotBePlanned(t *testing.T) {
	s := teststack.Start(t)
	ctx, cancel := context.WithTimeout(context.Background(), time.Minute)
	defer cancel()
	root, _ := devserver.RepoRoot()
	raw, err := os.ReadFile(filepath.Join(root, "catalog", "testdata", "drill.json"))
	if err != nil {
		t.Fatal(err)
	}
	data := strings.Replace(string(raw), `"code": "DRILL"`, `"code": "DRILL.FAR"`, 1)
	data = strings.Replace(data, `"total": {"amount": 10, "unit": "minutes"}`, `"total": {"amount": 900, "unit": "working_days"}`, 1)
	if _, err := s.Cat.AddProcedure("drill-far.json", []byte(data)); err != nil {
		t.Fatal(err)
	}
	start := time.Now()
	_, err = s.Sub.Submit(ctx, intake.Request{
		Procedure: "DRILL.FAR", Desk: "H26.HK.TTHCC", ReceivedBy: "ngocdh", Channel: workflows.ChannelOnline,
		Fields: map[string]string{"citizen_full_name": personal[0], "track": "fast"}, Documents: []string{"application"},
	})
	if err == nil || !strings.Contains(err.Error(), "stopped as Failed") || !strings.Contains(err.Error(), "calendar") {
		t.Fatalf("submit: %v; want the dossier reported as failed for want of a calendar", err)
	}
	if d := time.Since(start); d > 30*time.Second {
		t.Errorf("took %s to report the failure", d)
	}
}
