package main

import (
	"bytes"
	"context"
	"strings"
	"sync"
	"testing"
	"time"
)

// syncBuffer is a bytes.Buffer safe for the console's concurrent writers.
type syncBuffer struct {
	mu sync.Mutex
	b  bytes.Buffer
}

func (s *syncBuffer) Write(p []byte) (int, error) {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.b.Write(p)
}

func (s *syncBuffer) String() string {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.b.String()
}

func startAll(t *testing.T, st *stack, specs ...childSpec) {
	t.Helper()
	for _, spec := range specs {
		if err := st.startChild(context.Background(), spec); err != nil {
			t.Fatal(err)
		}
	}
	t.Cleanup(st.stopAll)
}

func ended(u unit) bool {
	select {
	case <-u.done():
		return true
	default:
		return false
	}
}

func TestStackStopsChildrenOnCancel(t *testing.T) {
	out := &syncBuffer{}
	st := &stack{con: newConsole(out, 8)}
	startAll(t, st,
		childSpec{Name: "first", Path: "sh", Args: []string{"-c", "echo first up; exec sleep 60"}},
		childSpec{Name: "second", Build: []string{"sh", "-c", "echo compiled"}, Path: "sleep", Args: []string{"60"}},
	)
	ctx, cancel := context.WithCancel(context.Background())
	result := make(chan error, 1)
	go func() { result <- st.wait(ctx) }()

	time.Sleep(200 * time.Millisecond)
	for _, u := range st.units {
		if ended(u) {
			t.Fatalf("%s ended before cancel", u.name())
		}
	}
	cancel()
	select {
	case err := <-result:
		if err != nil {
			t.Fatalf("wait after cancel: %v", err)
		}
	case <-time.After(15 * time.Second):
		t.Fatal("wait did not return after cancel")
	}
	for _, u := range st.units {
		if !ended(u) {
			t.Errorf("%s still running after wait", u.name())
		}
	}
	got := out.String()
	// Last started is stopped first.
	if i, j := strings.Index(got, "stopping second"), strings.Index(got, "stopping first"); i < 0 || j < 0 || i > j {
		t.Errorf("stop order wrong:\n%s", got)
	}
	if !strings.Contains(got, "second   | compiled\n") {
		t.Errorf("build output missing:\n%s", got)
	}
	if !strings.Contains(got, "first    | first up\n") {
		t.Errorf("child output not prefixed:\n%s", got)
	}
}

func TestStackStopsTheRestWhenAChildDies(t *testing.T) {
	out := &syncBuffer{}
	st := &stack{con: newConsole(out, 8)}
	startAll(t, st,
		childSpec{Name: "server", Path: "sleep", Args: []string{"60"}},
		childSpec{Name: "worker", Path: "sh", Args: []string{"-c", "sleep 0.2; echo dying >&2; exit 3"}},
	)
	begin := time.Now()
	err := st.wait(context.Background())
	if err == nil || !strings.Contains(err.Error(), "worker exited unexpectedly: exit status 3") {
		t.Fatalf("wait: %v", err)
	}
	if d := time.Since(begin); d > 10*time.Second {
		t.Errorf("took %s", d)
	}
	if !ended(st.units[0]) {
		t.Error("server left running after the worker died")
	}
	if !strings.Contains(out.String(), "worker   | dying\n") {
		t.Errorf("output:\n%s", out.String())
	}
}

func TestStopKillsAChildThatIgnoresSIGTERM(t *testing.T) {
	defer func(g time.Duration) { stopGrace = g }(stopGrace)
	stopGrace = 300 * time.Millisecond
	st := &stack{con: newConsole(&syncBuffer{}, 8)}
	startAll(t, st, childSpec{Name: "stubborn", Path: "sh", Args: []string{"-c", "trap '' TERM; echo ready; while :; do sleep 0.1; done"}})
	time.Sleep(200 * time.Millisecond) // let the trap be installed
	err := st.units[0].stop()
	if err == nil || !strings.Contains(err.Error(), "killed") {
		t.Errorf("stop: %v", err)
	}
	if !ended(st.units[0]) {
		t.Error("still running")
	}
}

func TestStartChildBuildFailure(t *testing.T) {
	st := &stack{con: newConsole(&syncBuffer{}, 8)}
	err := st.startChild(context.Background(), childSpec{Name: "web", Build: []string{"false"}, Path: "sleep", Args: []string{"60"}})
	if err == nil || !strings.Contains(err.Error(), "build web") {
		t.Fatalf("startChild: %v", err)
	}
	if len(st.units) != 0 {
		t.Error("a child whose build failed was started")
	}
}

func TestPrefixWriter(t *testing.T) {
	out := &syncBuffer{}
	con := newConsole(out, 6)
	a, b := con.writer("a"), con.writer("worker")
	a.Write([]byte("hel"))
	b.Write([]byte("one\r\ntwo\n"))
	a.Write([]byte("lo\npartial"))
	a.Flush()
	want := "worker | one\nworker | two\na      | hello\na      | partial\n"
	if got := out.String(); got != want {
		t.Errorf("got\n%q\nwant\n%q", got, want)
	}
}

func TestChildrenEnvironment(t *testing.T) {
	cfg := config{root: "/r", dataDir: "/r/.data", port: 7233, adminAddr: "127.0.0.1:8234"}
	specs := children(cfg)
	if len(specs) != 2 || specs[0].Name != "worker" || specs[0].Path != "/r/.bin/worker" ||
		specs[1].Name != "web" || strings.Join(specs[1].Args, " ") != "serve --init-demo-accounts --addr 127.0.0.1:8080" {
		t.Fatalf("children: %+v", specs)
	}
	env := strings.Join(specs[0].Env, " ")
	for _, want := range []string{
		"TEMPORAL_ADDRESS=127.0.0.1:7233",
		"LIENTHONG_PAYLOAD_KEYS_FILE=/r/.data/payload-keys.json",
		"LIENTHONG_ADMIN_ADDR=127.0.0.1:8234",
		"LIENTHONG_DATA_DIR=/r/.data",
	} {
		if !strings.Contains(env, want) {
			t.Errorf("worker env lacks %s: %s", want, env)
		}
	}
	if got := strings.Join(specs[0].Build, " "); got != "go build -o /r/.bin/worker ./worker" {
		t.Errorf("build: %s", got)
	}
	cfg.noWorker = true
	if len(children(cfg)) != 0 {
		t.Error("--no-worker still starts the worker")
	}
	if got := codecEndpoint(cfg); got != "http://127.0.0.1:8234/codec" {
		t.Errorf("codec endpoint %s", got)
	}
}
