package main

import (
	"context"
	"net"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"go.temporal.io/api/operatorservice/v1"
	"go.temporal.io/sdk/client"

	"github.com/lienthong/lienthong/deploy/devserver"
	"github.com/lienthong/lienthong/workflows"
)

func freePort(t *testing.T) int {
	t.Helper()
	l, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	defer l.Close()
	return l.Addr().(*net.TCPAddr).Port
}

// The whole stack without the worker: a fresh data directory gets its keys
// file and database, the server answers with the search attributes
// registered, and cancelling (Ctrl-C) stops it and returns cleanly.
func TestRunStackWithoutWorker(t *testing.T) {
	if testing.Short() {
		t.Skip("starts a Temporal dev server")
	}
	if _, err := devserver.FindBinary(); err != nil {
		if os.Getenv("CI") != "" {
			t.Fatal(err)
		}
		t.Skip(err)
	}
	root, err := devserver.RepoRoot()
	if err != nil {
		t.Fatal(err)
	}
	cfg := config{root: root, dataDir: filepath.Join(t.TempDir(), "data"), port: freePort(t),
		uiPort: devserver.Headless, adminAddr: "127.0.0.1:1", noWorker: true}
	out := &syncBuffer{}
	ctx, cancel := context.WithCancel(context.Background())
	defer cancel()
	result := make(chan error, 1)
	go func() { result <- runStack(ctx, cfg, newConsole(out, 8)) }()

	deadline := time.Now().Add(2 * time.Minute)
	for !strings.Contains(out.String(), "dev stack is running") {
		select {
		case err := <-result:
			t.Fatalf("runStack returned early: %v\n%s", err, out.String())
		case <-time.After(100 * time.Millisecond):
		}
		if time.Now().After(deadline) {
			t.Fatalf("no banner:\n%s", out.String())
		}
	}
	for _, f := range []string{"payload-keys.json", "temporal.db"} {
		if _, err := os.Stat(filepath.Join(cfg.dataDir, f)); err != nil {
			t.Error(err)
		}
	}
	c, err := client.Dial(client.Options{HostPort: hostPort(cfg)})
	if err != nil {
		t.Fatal(err)
	}
	resp, err := c.OperatorService().ListSearchAttributes(ctx, &operatorservice.ListSearchAttributesRequest{Namespace: "default"})
	c.Close()
	if err != nil {
		t.Fatal(err)
	}
	for _, sa := range workflows.SearchAttributes {
		if _, ok := resp.GetCustomAttributes()[sa.Name]; !ok {
			t.Errorf("search attribute %s missing", sa.Name)
		}
	}

	cancel()
	select {
	case err := <-result:
		if err != nil {
			t.Fatalf("runStack after cancel: %v", err)
		}
	case <-time.After(30 * time.Second):
		t.Fatal("runStack did not return after cancel")
	}
	if _, err := net.DialTimeout("tcp", hostPort(cfg), time.Second); err == nil {
		t.Error("server still listening after the stack stopped")
	}
}
