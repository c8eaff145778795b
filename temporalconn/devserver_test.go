package temporalconn

import (
	"context"
	"errors"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"sync"
	"testing"
	"time"

	"go.temporal.io/sdk/client"
	"go.temporal.io/sdk/testsuite"
	"go.uber.org/zap"

	"github.com/lienthong/lienthong/logging"
)

// envTemporalCLI overrides where the tests find the temporal CLI binary.
const envTemporalCLI = "LIENTHONG_TEMPORAL_CLI"

// shared is one dev server for the whole package, started by the first test
// that needs it: starting one takes seconds, and the tests only read from it
// or use names of their own.
var shared struct {
	once sync.Once
	srv  *testsuite.DevServer
	err  error
}

func TestMain(m *testing.M) {
	code := m.Run()
	if shared.srv != nil {
		shared.srv.Client().Close()
		if err := shared.srv.Stop(); err != nil {
			fmt.Fprintln(os.Stderr, "stopping dev server:", err)
		}
	}
	os.Exit(code)
}

// devServer returns the host:port of the package's dev server, starting it on
// first use. A missing binary fails the test: skipping would let a broken
// checkout report green.
func devServer(t *testing.T) string {
	t.Helper()
	shared.once.Do(func() {
		path, err := temporalCLI()
		if err != nil {
			shared.err = err
			return
		}
		ctx, cancel := context.WithTimeout(context.Background(), 2*time.Minute)
		defer cancel()
		shared.srv, shared.err = testsuite.StartDevServer(ctx, testsuite.DevServerOptions{
			ExistingPath: path,
			LogLevel:     "error",
			// The CLI prints a banner on stdout; its errors still reach stderr.
			Stdout:        io.Discard,
			ClientOptions: &client.Options{Logger: logging.NewTemporalLogger(zap.NewNop())},
		})
		if shared.err != nil {
			shared.err = fmt.Errorf("starting dev server from %s: %w", path, shared.err)
		}
	})
	if shared.err != nil {
		t.Fatal(shared.err)
	}
	return shared.srv.FrontendHostPort()
}

// temporalCLI finds the temporal CLI: $LIENTHONG_TEMPORAL_CLI, else .bin/temporal
// at the repository root, where `make tools` builds it.
func temporalCLI() (string, error) {
	path := os.Getenv(envTemporalCLI)
	if path == "" {
		root, err := repoRoot()
		if err != nil {
			return "", err
		}
		path = filepath.Join(root, ".bin", "temporal")
	}
	if _, err := os.Stat(path); err != nil {
		return "", fmt.Errorf("temporal CLI not found at %s (%v): run `make tools` to build it, or set %s to a temporal binary",
			path, err, envTemporalCLI)
	}
	return path, nil
}

// repoRoot walks up from the working directory (the package directory under
// go test) to the directory holding go.mod.
func repoRoot() (string, error) {
	dir, err := os.Getwd()
	if err != nil {
		return "", err
	}
	for {
		if _, err := os.Stat(filepath.Join(dir, "go.mod")); err == nil {
			return dir, nil
		}
		parent := filepath.Dir(dir)
		if parent == dir {
			return "", errors.New("go.mod not found above the working directory; run the tests from inside the repository")
		}
		dir = parent
	}
}
