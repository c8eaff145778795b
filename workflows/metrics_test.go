package workflows

import (
	"testing"

	"github.com/uber-go/tally/v4"
	sdktally "go.temporal.io/sdk/contrib/tally"
	"go.temporal.io/sdk/testsuite"

	"github.com/lienthong/lienthong/metrics"
	"github.com/lienthong/lienthong/procedure"
)

// counted sums the counter name over the series whose tags include want.
func counted(s tally.Snapshot, name string, want map[string]string) int64 {
	var n int64
next:
	for _, c := range s.Counters() {
		if c.Name() != name {
			continue
		}
		for k, v := range want {
			if c.Tags()[k] != v {
				continue next
			}
		}
		n += c.Value()
	}
	return n
}

// Accepted decisions are counted by unit and action, a refused one is not,
// and a fired rung is counted by level and audience; no series carries a
// dossier code or a person.
func TestMetricsCountDecisionsAndEscalations(t *testing.T) {
	scope := tally.NewTestScope("", nil)
	start := at(2026, 11, 26, 9, 0) // Thursday
	h := newHarness(t, start, func(s *testsuite.WorkflowTestSuite) {
		s.SetMetricsHandler(sdktally.NewMetricsHandler(scope))
	})
	a := h.decide(at(2026, 11, 27, 10, 0), DecideRequest{StepID: "tham-dinh", Action: procedure.ActionApprove, Actor: officer})
	stale := h.decide(at(2026, 11, 27, 11, 0), DecideRequest{StepID: "tham-dinh", Action: procedure.ActionApprove, Actor: officer})
	b := h.decide(at(2026, 11, 30, 16, 0), DecideRequest{StepID: "phe-duyet", Action: procedure.ActionApprove, Actor: head})
	c := h.decide(at(2026, 12, 1, 9, 0), DecideRequest{StepID: "tra-ket-qua", Action: procedure.ActionApprove, Actor: clerk})
	slip := h.run(input(testProcedure(), start, ChannelOnline))
	mustAccept(t, "approve appraisal", a)
	mustAccept(t, "approve approval", b)
	mustAccept(t, "return", c)
	if stale.rejected == nil {
		t.Fatal("a second decision on a closed step was accepted")
	}

	snap := scope.Snapshot()
	for _, w := range []struct {
		unit string
		n    int64
	}{{"A.P", 2}, {"W.MC", 1}} {
		got := counted(snap, metrics.StepsDecided, map[string]string{metrics.LabelUnit: w.unit, metrics.LabelAction: "approve"})
		if got != w.n {
			t.Errorf("%s{unit=%s,action=approve} = %d, want %d", metrics.StepsDecided, w.unit, got, w.n)
		}
	}
	if got := counted(snap, metrics.StepsDecided, nil); got != 3 {
		t.Errorf("%s = %d in all, want 3 (the refused decision is not counted)", metrics.StepsDecided, got)
	}
	if len(slip.Escalations) != 1 {
		t.Fatalf("escalations: %s", dump(slip.Escalations))
	}
	if got := counted(snap, metrics.Escalations, map[string]string{metrics.LabelLevel: "0", metrics.LabelAudience: string(procedure.AudienceHolder)}); got != 1 {
		t.Errorf("%s{level=0,audience=holder} = %d, want 1", metrics.Escalations, got)
	}
	allowed := map[string]bool{metrics.LabelUnit: true, metrics.LabelAction: true, metrics.LabelLevel: true, metrics.LabelAudience: true,
		"namespace": true, "task_queue": true, "workflow_type": true}
	for _, c := range snap.Counters() {
		if c.Name() != metrics.StepsDecided && c.Name() != metrics.Escalations {
			continue
		}
		for k, v := range c.Tags() {
			if !allowed[k] {
				t.Errorf("%s has an unexpected label %s=%q", c.Name(), k, v)
			}
		}
	}
}
