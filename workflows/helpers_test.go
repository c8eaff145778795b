package workflows

import (
	"encoding/json"
	"fmt"
	"testing"
	"time"

	"go.temporal.io/sdk/testsuite"
	"go.uber.org/zap"

	"github.com/lienthong/lienthong/activities"
	"github.com/lienthong/lienthong/catalog"
	"github.com/lienthong/lienthong/journal"
	"github.com/lienthong/lienthong/logging"
	"github.com/lienthong/lienthong/procedure"
	"github.com/lienthong/lienthong/workday"
)

// ict is Vietnam's zone for writing expected instants.
var ict = time.FixedZone("ICT", 7*3600)

func at(y int, m time.Month, d, hh, mm int) time.Time { return time.Date(y, m, d, hh, mm, 0, 0, ict) }

func wd(n int) workday.Duration  { return workday.Duration{Amount: n, Unit: workday.WorkingDays} }
func whr(n int) workday.Duration { return workday.Duration{Amount: n, Unit: workday.WorkingHours} }
func ptr[T any](v T) *T          { return &v }

// Test organisation: agency A with division A.P; ward W with its desk W.MC;
// consulted agencies B and C.
var testUnits = map[string]UnitRef{
	"A":    {Code: "A", Name: procedure.Text{VI: "Sở A", EN: "Department A"}, Agency: true},
	"A.P":  {Code: "A.P", Name: procedure.Text{VI: "Phòng P", EN: "Division P"}, Parent: "A"},
	"W":    {Code: "W", Name: procedure.Text{VI: "UBND phường W", EN: "Ward W"}, Agency: true},
	"W.MC": {Code: "W.MC", Name: procedure.Text{VI: "Bộ phận Một cửa W", EN: "Desk W"}, Parent: "W"},
	"B":    {Code: "B", Name: procedure.Text{VI: "Cơ quan B", EN: "Agency B"}, Agency: true},
	"C":    {Code: "C", Name: procedure.Text{VI: "Cơ quan C", EN: "Agency C"}, Agency: true},
}

var (
	officer  = Actor{ID: "cv.an", Unit: "A.P", Role: procedure.RoleOfficer}
	head     = Actor{ID: "tp.binh", Unit: "A.P", Role: procedure.RoleUnitHead}
	director = Actor{ID: "gd.cuong", Unit: "A", Role: procedure.RoleAgencyHead}
	clerk    = Actor{ID: "mc.dung", Unit: "W.MC", Role: procedure.RoleClerk}
)

func testLadder() procedure.Ladder {
	return procedure.Ladder{
		ID: "standard",
		Rungs: []procedure.Rung{
			{AtPercent: 75, Notify: procedure.AudienceHolder},
			{After: ptr(wd(0)), Notify: procedure.AudienceUnitHead},
			{After: ptr(wd(1)), Notify: procedure.AudienceAgencyHead},
		},
		Repeat: &procedure.Repeat{Every: wd(1), Notify: procedure.AudienceAgencyHead},
	}
}

// testProcedure: appraisal (officer, 2 working days) → approval (head, 1) →
// return at the desk (clerk, 4 working hours); 5 working days in all.
func testProcedure() procedure.Procedure {
	return procedure.Procedure{
		Code: "T.001", Version: 1, EffectiveFrom: "2025-01-01", Agency: "A",
		Name:            procedure.Text{VI: "Thủ tục thử", EN: "Test procedure"},
		Total:           wd(5),
		MaxExtension:    wd(3),
		SupplementLimit: ptr(1),
		Fields:          []procedure.Field{{Key: "kind", Kind: procedure.FieldChoice}},
		Steps: []procedure.Step{
			{ID: "tham-dinh", Name: procedure.Text{VI: "Thẩm định", EN: "Appraisal"}, Unit: "A.P", Role: procedure.RoleOfficer, Duration: wd(2),
				Actions: []procedure.Action{procedure.ActionApprove, procedure.ActionSupplement, procedure.ActionRefuse}},
			{ID: "phe-duyet", Name: procedure.Text{VI: "Phê duyệt", EN: "Approval"}, Unit: "A.P", Role: procedure.RoleUnitHead, Duration: wd(1),
				Actions: []procedure.Action{procedure.ActionApprove, procedure.ActionSendBack, procedure.ActionRefuse}},
			{ID: "tra-ket-qua", Name: procedure.Text{VI: "Trả kết quả", EN: "Return"}, Unit: "W.MC", Role: procedure.RoleClerk, Duration: whr(4),
				Actions: []procedure.Action{procedure.ActionApprove}},
		},
		Ladders:       []procedure.Ladder{testLadder()},
		DefaultLadder: "standard",
		DossierLadder: []procedure.Rung{
			{Before: ptr(wd(1)), Notify: procedure.AudienceUnitHead, Apology: true},
			{After: ptr(wd(0)), Notify: procedure.AudienceDesk},
		},
	}
}

func input(p procedure.Procedure, received time.Time, ch Channel) DossierInput {
	return DossierInput{
		Code: "A-261126-0001", Procedure: p, Units: testUnits, Desk: "W.MC", Channel: ch,
		ReceivedAt: received, ReceivedBy: clerk.ID, Fields: map[string]string{"kind": "x"},
	}
}

var testCalendar *workday.Calendar

func calendar(t *testing.T) *workday.Calendar {
	t.Helper()
	if testCalendar == nil {
		c, err := workday.Load(catalog.FS())
		if err != nil {
			t.Fatalf("load shipped calendar: %v", err)
		}
		testCalendar = c
	}
	return testCalendar
}

// harness is a test environment with the real activities (calendar,
// journal in a temporary directory) and helpers to drive a dossier.
type harness struct {
	t       *testing.T
	env     *testsuite.TestWorkflowEnvironment
	journal *journal.Store
	acts    *activities.Activities
	start   time.Time
	n       int
}

// newHarness builds the environment; options adjust the suite before it is
// built (e.g. suite.SetMetricsHandler).
func newHarness(t *testing.T, start time.Time, options ...func(*testsuite.WorkflowTestSuite)) *harness {
	t.Helper()
	var suite testsuite.WorkflowTestSuite
	suite.SetLogger(logging.NewTemporalLogger(zap.NewNop()))
	for _, o := range options {
		o(&suite)
	}
	env := suite.NewTestWorkflowEnvironment()
	// A workflow that never ends (a ladder repeating forever) fails the test
	// instead of hanging the run.
	env.SetTestTimeout(20 * time.Second)
	j, err := journal.Open(t.TempDir())
	if err != nil {
		t.Fatal(err)
	}
	acts := activities.New(calendar(t), j, zap.NewNop())
	Register(env)
	acts.Register(env)
	env.SetStartTime(start)
	return &harness{t: t, env: env, journal: j, acts: acts, start: start}
}

// outcome of one Update.
type outcome struct {
	rejected error
	err      error
	result   DecideResult
}

// update sends an Update at workflow time `when` and stores what came back.
func (h *harness) update(when time.Time, name string, arg any) *outcome {
	o := &outcome{}
	h.n++
	id := fmt.Sprintf("%s-%d", name, h.n)
	h.env.RegisterDelayedCallback(func() {
		h.env.UpdateWorkflow(name, id, &testsuite.TestUpdateCallback{
			OnAccept: func() {},
			OnReject: func(err error) { o.rejected = err },
			OnComplete: func(v interface{}, err error) {
				o.err = err
				if r, ok := v.(DecideResult); ok {
					o.result = r
				}
			},
		}, arg)
	}, when.Sub(h.startTime()))
	return o
}

func (h *harness) startTime() time.Time { return h.start }

func (h *harness) decide(when time.Time, req DecideRequest) *outcome {
	return h.update(when, UpdateDecide, req)
}

// slipAt records the slip as it is at workflow time `when`.
func (h *harness) slipAt(when time.Time) *Slip {
	s := &Slip{}
	h.env.RegisterDelayedCallback(func() {
		v, err := h.env.QueryWorkflow(QuerySlip)
		if err != nil {
			h.t.Errorf("query at %s: %v", when, err)
			return
		}
		if err := v.Get(s); err != nil {
			h.t.Errorf("decode slip: %v", err)
		}
	}, when.Sub(h.startTime()))
	return s
}

// run executes the workflow to its end and returns the final slip.
func (h *harness) run(in DossierInput) Slip {
	h.t.Helper()
	h.env.ExecuteWorkflow(DossierWorkflowName, in)
	if !h.env.IsWorkflowCompleted() {
		h.t.Fatal("workflow did not complete")
	}
	if err := h.env.GetWorkflowError(); err != nil {
		h.t.Fatalf("workflow failed: %v", err)
	}
	var s Slip
	if err := h.env.GetWorkflowResult(&s); err != nil {
		h.t.Fatal(err)
	}
	return s
}

func mustAccept(t *testing.T, what string, o *outcome) {
	t.Helper()
	if o.rejected != nil || o.err != nil {
		t.Fatalf("%s: rejected=%v err=%v", what, o.rejected, o.err)
	}
}

func equalTime(t *testing.T, what string, got, want time.Time) {
	t.Helper()
	if !got.Equal(want) {
		t.Errorf("%s = %s, want %s", what, got.In(ict).Format(time.RFC3339), want.Format(time.RFC3339))
	}
}

func dump(v any) string {
	b, _ := json.MarshalIndent(v, "", "  ")
	return string(b)
}
