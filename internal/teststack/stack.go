// Package teststack starts, for tests only, what lienthong runs on: a real
// Temporal dev server (the pinned CLI in .bin/temporal), an in-process worker
// with the real activities, and the intake submitter, all with the committed
// test-only payload key. Tests that need a server use it; nothing else may.
package teststack

import (
	"bytes"
	"context"
	"os"
	"path/filepath"
	"sync"
	"testing"
	"time"

	"go.temporal.io/sdk/client"
	"go.temporal.io/sdk/worker"
	"go.uber.org/zap"
	"go.uber.org/zap/zapcore"

	"github.com/lienthong/lienthong/activities"
	"github.com/lienthong/lienthong/catalog"
	"github.com/lienthong/lienthong/deploy/devserver"
	"github.com/lienthong/lienthong/intake"
	"github.com/lienthong/lienthong/journal"
	"github.com/lienthong/lienthong/payload"
	"github.com/lienthong/lienthong/procedure"
	"github.com/lienthong/lienthong/readmodel"
	"github.com/lienthong/lienthong/temporalconn"
	"github.com/lienthong/lienthong/workday"
	"github.com/lienthong/lienthong/workflows"
)

// Stack is a dev server, a worker and a submitter, all real.
type Stack struct {
	Server  *devserver.Server
	Client  client.Client
	Journal *journal.Store
	// ReadModel is the SQL projection the worker writes (SQLite in a
	// temporary directory).
	ReadModel *readmodel.Store
	Sub       *intake.Submitter
	Keys      *payload.Keyring
	// KeyFile is the path of the test-only key file, for processes that read
	// LIENTHONG_PAYLOAD_KEYS_FILE.
	KeyFile string
	Cat     *procedure.Catalogue
	// Logs holds everything the worker logged, for scans for personal data.
	Logs *LockedBuffer
}

// KeyFile returns the committed test-only key file (also used to replay the
// recorded histories); production keys never live in the repository.
func KeyFile(t testing.TB) string {
	t.Helper()
	root, err := devserver.RepoRoot()
	if err != nil {
		t.Fatal(err)
	}
	return filepath.Join(root, "workflows", "testdata", "test-payload-keys.json")
}

// CatalogueWithDrill is the shipped catalogue plus the drill procedure
// (durations in wall-clock minutes) with its task steps cut to one minute.
func CatalogueWithDrill(t testing.TB) *procedure.Catalogue {
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

// Start starts a dev server on free ports, a worker and a submitter; all stop
// when the test ends. It fails (never skips) when the server binary is
// missing, unless the test runs with -short.
func Start(t testing.TB) *Stack {
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
	s := &Stack{Server: srv, KeyFile: KeyFile(t), Cat: CatalogueWithDrill(t), Logs: newLogs()}
	if s.Keys, err = payload.LoadKeys(s.KeyFile); err != nil {
		t.Fatal(err)
	}
	logger := zap.New(zapCore(s.Logs))
	c, err := temporalconn.Dial(ctx, temporalconn.Options{HostPort: srv.HostPort(), Namespace: srv.Namespace(), Keyring: s.Keys}, logger)
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(c.Close)
	s.Client = c
	cal, err := workday.Load(catalog.FS())
	if err != nil {
		t.Fatal(err)
	}
	if s.Journal, err = journal.Open(filepath.Join(t.TempDir(), "journal")); err != nil {
		t.Fatal(err)
	}
	w := worker.New(c, workflows.TaskQueue, worker.Options{})
	workflows.Register(w)
	if s.ReadModel, err = readmodel.Open(ctx, "sqlite:"+filepath.Join(t.TempDir(), "readmodel.db")); err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { s.ReadModel.Close() })
	acts := activities.New(cal, s.Journal, logger)
	acts.Org, acts.Projection = &s.Cat.Organisation, s.ReadModel
	acts.Register(w)
	if err := w.Start(); err != nil {
		t.Fatal(err)
	}
	t.Cleanup(w.Stop)
	seq, err := intake.NewFileSequencer(filepath.Join(t.TempDir(), "sequence.json"))
	if err != nil {
		t.Fatal(err)
	}
	s.Sub = &intake.Submitter{Client: c, Catalogue: s.Cat, Sequencer: seq, DataConverter: payload.DataConverter(s.Keys)}
	return s
}

// Decide sends one decision and waits for its result.
func (s *Stack) Decide(ctx context.Context, code string, req workflows.DecideRequest) (workflows.DecideResult, error) {
	return s.Update(ctx, code, workflows.UpdateDecide, req)
}

// Update sends one Update and waits for its result.
func (s *Stack) Update(ctx context.Context, code, name string, arg any) (workflows.DecideResult, error) {
	var res workflows.DecideResult
	h, err := s.Client.UpdateWorkflow(ctx, client.UpdateWorkflowOptions{
		WorkflowID: code, UpdateName: name, Args: []any{arg}, WaitForStage: client.WorkflowUpdateStageCompleted,
	})
	if err == nil {
		err = h.Get(ctx, &res)
	}
	return res, err
}

// WaitFor polls cond until it holds or the timeout passes.
func WaitFor(t testing.TB, timeout time.Duration, what string, cond func() bool) {
	t.Helper()
	deadline := time.Now().Add(timeout)
	for !cond() {
		if time.Now().After(deadline) {
			t.Fatalf("timed out after %s waiting for %s", timeout, what)
		}
		time.Sleep(500 * time.Millisecond)
	}
}

// LockedBuffer lets the worker's goroutines log into one buffer the test
// scans afterwards for personal data.
type LockedBuffer struct {
	mu  sync.Mutex
	buf *bytes.Buffer
}

func (l *LockedBuffer) Write(p []byte) (int, error) {
	l.mu.Lock()
	defer l.mu.Unlock()
	return l.buf.Write(p)
}

func (l *LockedBuffer) Sync() error { return nil }

func (l *LockedBuffer) String() string {
	l.mu.Lock()
	defer l.mu.Unlock()
	return l.buf.String()
}

func newLogs() *LockedBuffer { return &LockedBuffer{buf: &bytes.Buffer{}} }

// zapCore logs everything, at debug level, as JSON into l.
func zapCore(l *LockedBuffer) zapcore.Core {
	enc := zapcore.NewJSONEncoder(zap.NewProductionEncoderConfig())
	return zapcore.NewCore(enc, l, zapcore.DebugLevel)
}
