package workflows

import (
	"os"
	"path/filepath"
	"testing"

	"go.temporal.io/sdk/worker"
	"go.uber.org/zap"

	"github.com/lienthong/lienthong/logging"
	"github.com/lienthong/lienthong/payload"
)

// Every history recorded from a real server (testdata/histories, written by
// the integration test with LIENTHONG_RECORD_HISTORY=1) must replay against
// the current code: a workflow change that breaks running dossiers fails here.
func TestReplayRecordedHistories(t *testing.T) {
	files, err := filepath.Glob(filepath.Join("testdata", "histories", "*.json"))
	if err != nil {
		t.Fatal(err)
	}
	if len(files) == 0 {
		t.Fatal("no recorded histories in testdata/histories: the replay guard would prove nothing")
	}
	keys, err := payload.LoadKeys(filepath.Join("testdata", "test-payload-keys.json"))
	if err != nil {
		t.Fatal(err)
	}
	for _, f := range files {
		t.Run(filepath.Base(f), func(t *testing.T) {
			r, err := worker.NewWorkflowReplayerWithOptions(worker.WorkflowReplayerOptions{
				DataConverter:    payload.DataConverter(keys),
				FailureConverter: payload.FailureConverter(keys),
			})
			if err != nil {
				t.Fatal(err)
			}
			Register(r)
			if _, err := os.Stat(f); err != nil {
				t.Fatal(err)
			}
			if err := r.ReplayWorkflowHistoryFromJSONFile(logging.NewTemporalLogger(zap.NewNop()), f); err != nil {
				t.Fatalf("replay %s: %v", f, err)
			}
		})
	}
}
