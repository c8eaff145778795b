package main

import (
	"bytes"
	"context"
	"io"
	"net/http"
	"net/http/httptest"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/uber-go/tally/v4"
	sdktally "go.temporal.io/sdk/contrib/tally"
	"go.uber.org/zap"

	"github.com/lienthong/lienthong/journal"
	"github.com/lienthong/lienthong/metrics"
	"github.com/lienthong/lienthong/payload"
	"github.com/lienthong/lienthong/readmodel"
)

// /metrics on the admin endpoint serves the project's metrics in the
// Prometheus text format, with unit codes as they are written.
func TestMetricsEndpoint(t *testing.T) {
	prom := metrics.NewPrometheus(10*time.Millisecond, func(err error) { t.Errorf("register: %v", err) })
	defer prom.Close()
	metrics.StepDecided(prom.Handler, "H26.STC.DKKD", "approve")
	metrics.Escalation(prom.Handler, 1, "unit_head")
	metrics.AlertDelivery(prom.Handler, "webhook", metrics.ResultRetry)
	metrics.SetOpenOverdue(prom.Handler, "H26.STC.DKKD", 3)
	keys, err := payload.NewKeyring("k1", map[string][]byte{"k1": bytes.Repeat([]byte{7}, 32)})
	if err != nil {
		t.Fatal(err)
	}
	srv := httptest.NewServer(adminHandler(keys, nil, "", prom.HTTP))
	defer srv.Close()

	want := []string{
		`lienthong_steps_decided_total{action="approve",unit="H26.STC.DKKD"} 1`,
		`lienthong_escalations_total{audience="unit_head",level="1"} 1`,
		`lienthong_alert_deliveries_total{channel="webhook",result="retry"} 1`,
		`lienthong_open_overdue_steps{unit="H26.STC.DKKD"} 3`,
		`go_goroutines `,
	}
	var body string
	for deadline := time.Now().Add(5 * time.Second); time.Now().Before(deadline); time.Sleep(20 * time.Millisecond) {
		res, err := http.Get(srv.URL + "/metrics")
		if err != nil {
			t.Fatal(err)
		}
		b, _ := io.ReadAll(res.Body)
		res.Body.Close()
		if res.StatusCode != http.StatusOK {
			t.Fatalf("GET /metrics: %d %s", res.StatusCode, b)
		}
		if body = string(b); containsAll(body, want) {
			return
		}
	}
	for _, w := range want {
		if !strings.Contains(body, w) {
			t.Errorf("scrape lacks %q", w)
		}
	}
	t.Logf("scrape:\n%s", body)
}

func containsAll(s string, subs []string) bool {
	for _, sub := range subs {
		if !strings.Contains(s, sub) {
			return false
		}
	}
	return true
}

// The overdue gauge counts the open steps past due per unit in a real
// SQLite read model, reads 0 for units with none, and drops when a step is
// decided.
func TestOverdueGauge(t *testing.T) {
	ctx := context.Background()
	rm, err := readmodel.Open(ctx, "sqlite:"+filepath.Join(t.TempDir(), "readmodel.db"))
	if err != nil {
		t.Fatal(err)
	}
	defer rm.Close()
	now := time.Date(2026, 3, 4, 10, 0, 0, 0, time.FixedZone("ICT", 7*3600))
	past, future := now.Add(-2*time.Hour), now.Add(48*time.Hour)
	var recs []journal.Record
	open := func(code, unit string, due time.Time) {
		recs = append(recs,
			journal.Record{Key: code + "/1", Dossier: code, Procedure: "P1", Kind: journal.KindReceived, At: now.Add(-72 * time.Hour), Unit: "desk", Due: &future},
			journal.Record{Key: code + "/2", Dossier: code, Procedure: "P1", Kind: journal.KindHandoff, At: now.Add(-72 * time.Hour), Step: "s1", Attempt: 1, Unit: unit, Due: &due})
	}
	open("D-0001", "u1", past)
	open("D-0002", "u1", past)
	open("D-0003", "u2", past)
	open("D-0004", "u2", future)
	if err := rm.Apply(ctx, recs); err != nil {
		t.Fatal(err)
	}
	units := []string{"u1", "u2", "u3"}
	scope := tally.NewTestScope("", nil)
	h := sdktally.NewMetricsHandler(scope)
	check := func(when string, want map[string]float64) {
		t.Helper()
		if err := updateOverdue(ctx, rm, h, units, now); err != nil {
			t.Fatal(err)
		}
		got := map[string]float64{}
		for _, g := range scope.Snapshot().Gauges() {
			if g.Name() == metrics.OpenOverdueSteps {
				got[g.Tags()[metrics.LabelUnit]] = g.Value()
			}
		}
		for _, u := range units {
			if v, ok := got[u]; !ok || v != want[u] {
				t.Errorf("%s: %s{unit=%s} = %v (set: %v), want %v", when, metrics.OpenOverdueSteps, u, v, ok, want[u])
			}
		}
	}
	check("before", map[string]float64{"u1": 2, "u2": 1, "u3": 0})

	decided := journal.Record{Key: "D-0003/3", Dossier: "D-0003", Procedure: "P1", Kind: journal.KindDecision, At: now.Add(-time.Hour),
		Step: "s1", Attempt: 1, Unit: "u2", Action: "approve"}
	if err := rm.Apply(ctx, []journal.Record{decided}); err != nil {
		t.Fatal(err)
	}
	check("after u2 decided", map[string]float64{"u1": 2, "u2": 0, "u3": 0})

	// The watcher updates at once and stops with its context.
	scope2 := tally.NewTestScope("", nil)
	wctx, cancel := context.WithCancel(ctx)
	done := make(chan struct{})
	go func() {
		defer close(done)
		watchOverdue(wctx, rm, sdktally.NewMetricsHandler(scope2), units, time.Hour, zap.NewNop())
	}()
	for deadline := time.Now().Add(5 * time.Second); len(scope2.Snapshot().Gauges()) < len(units); time.Sleep(10 * time.Millisecond) {
		if time.Now().After(deadline) {
			t.Fatalf("watcher set %d gauges, want %d", len(scope2.Snapshot().Gauges()), len(units))
		}
	}
	cancel()
	select {
	case <-done:
	case <-time.After(5 * time.Second):
		t.Fatal("watcher did not stop")
	}
}
