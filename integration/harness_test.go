package integration

import (
	"bytes"
	"context"
	"os"
	"path/filepath"
	"testing"
	"time"

	"go.temporal.io/sdk/client"
	"go.temporal.io/sdk/worker"
	"go.uber.org/zap"

	"github.com/lienthong/lienthong/activities"
	"github.com/lienthong/lienthong/catalog"
	"github.com/lienthong/lienthong/deploy/devserver"
	"github.com/lienthong/lienthong/intake"
	"github.com/lienthong/lienthong/journal"
	"github.com/lienthong/lienthong/payload"
	"github.com/lienthong/lienthong/procedure"
	"github.com/lienthong/lienthong/temporalconn"
	"github.com/lienthong/lienthong/workday"
	"github.com/lienthong/lienthong/workflows"
)

// stack is a dev server, a worker and a submitter, all real.
type stack struct {
	server  *devserver.Server
	client  client.Client
	journal *journal.Store
	sub     *intake.Submitter
	keys    *payload.Keyring
	cat     *procedure.Catalogue
	logs    *lockedBuffer
}

// testKeys is the committed test-only keyring (also used to replay the
// recorded histories); production keys never live in the repository.
func testKeys(t *testing.T) *payload.Keyring {
	t.Helper()
	root, err := devserver.RepoRoot()
	if err != nil {
		t.Fatal(err)
	}
	k, err := payload.LoadKeys(filepath.Join(root, "workflows", "testdata", "test-payload-keys.json"))
	if err != nil {
		t.Fatal(err)
	}
	return k
}

// catalogueWithDrill is the shipped catalogue plus the drill procedure
// (durations in wall-clock minutes) with its task steps cut to one minute.
func catalogueWithDrill(t *testing.T) *procedure.Catalogue {
	t.Helper()
	cat, err := procedure.Load(catalog.FS())
	if err != nil {
		t.Fatal(err)
	}
	root, _ := devserver.RepoRoot()
	data, err := os.ReadFile(filepath.Join(root, "catalog", "testdata", "drill.json"))
	if err != nil {
		t.Fatal(err)
	}
	data = bytes.ReplaceAll(data, []byte(`"duration": {"amount": 2, "unit": "minutes"}`), []byte(`"duration": {"amount": 1, "unit": "minutes"}`))
	if _, err := cat.AddProcedure("drill.json", data); err != nil {
		t.Fatal(err)
	}
	return cat
}

func startStack(t *testing.T) *stack {
	t.Helper()
	if testing.Short() {
		t.Skip("needs a Temporal dev server (-short given)")
	}
	ctx := context.Background()
	bin, err := devserver.FindBinary()
	if err != nil {
		t.Fatal(err) // not a skip: CI must build the server (make tools)
	}
	srv, err := devserver.Start(ctx, devserver.Options{Binary: bin, UIPort: devserver.Headless})
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { _ = srv.Stop() })
	s := &stack{server: srv, keys: testKeys(t), cat: catalogueWithDrill(t), logs: newLogs()}
	logger := zap.New(zapCore(s.logs))
	c, err := temporalconn.Dial(ctx, temporalconn.Options{HostPort: srv.HostPort(), Namespace: srv.Namespace(), Keyring: s.keys}, logger)
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(c.Close)
	s.client = c
	cal, err := workday.Load(catalog.FS())
	if err != nil {
		t.Fatal(err)
	}
	if s.journal, err = journal.Open(filepath.Join(t.TempDir(), "journal")); err != nil {
		t.Fatal(err)
	}
	w := worker.New(c, workflows.TaskQueue, worker.Options{})
	workflows.Register(w)
	activities.New(cal, s.journal, logger).Register(w)
	if err := w.Start(); err != nil {
		t.Fatal(err)
	}
	t.Cleanup(w.Stop)
	seq, err := intake.NewFileSequencer(filepath.Join(t.TempDir(), "sequence.json"))
	if err != nil {
		t.Fatal(err)
	}
	s.sub = &intake.Submitter{Client: c, Catalogue: s.cat, Sequencer: seq, DataConverter: payload.DataConverter(s.keys)}
	return s
}

// decide sends one decision and waits for its result.
func (s *stack) decide(ctx context.Context, code string, req workflows.DecideRequest) (workflows.DecideResult, error) {
	return s.update(ctx, code, workflows.UpdateDecide, req)
}

func (s *stack) update(ctx context.Context, code, name string, arg any) (workflows.DecideResult, error) {
	var res workflows.DecideResult
	h, err := s.client.UpdateWorkflow(ctx, client.UpdateWorkflowOptions{
		WorkflowID: code, UpdateName: name, Args: []any{arg}, WaitForStage: client.WorkflowUpdateStageCompleted,
	})
	if err == nil {
		err = h.Get(ctx, &res)
	}
	return res, err
}

// waitFor polls cond until it holds or the timeout passes.
func waitFor(t *testing.T, timeout time.Duration, what string, cond func() bool) {
	t.Helper()
	deadline := time.Now().Add(timeout)
	for !cond() {
		if time.Now().After(deadline) {
			t.Fatalf("timed out after %s waiting for %s", timeout, what)
		}
		time.Sleep(500 * time.Millisecond)
	}
}
