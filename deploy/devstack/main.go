// Command devstack runs the whole local stack with one command (`make dev`):
// the Temporal dev server with its data in .data/temporal.db and its UI on
// 127.0.0.1:8233, then the worker, whose admin listener also serves the payload
// codec endpoint the UI uses to show decrypted payloads.
//
// On a fresh clone it builds the pinned Temporal CLI into .bin/ and creates
// .data/ and the payload keys file. Every child's output is printed with its
// name in front. Ctrl-C (or SIGTERM) stops the children, worker first, and
// exits 0; a child that dies on its own stops the rest and exits 1.
//
// Usage:
//
//	go run ./deploy/devstack [--port 7233] [--ui-port 8233] [--data-dir .data] [--admin-addr 127.0.0.1:8234] [--no-worker]
package main

import (
	"context"
	"errors"
	"flag"
	"fmt"
	"io"
	"os"
	"os/exec"
	"os/signal"
	"path/filepath"
	"strings"
	"syscall"
	"time"

	"github.com/lienthong/lienthong/deploy/devserver"
	"github.com/lienthong/lienthong/payload"
	"github.com/lienthong/lienthong/workflows"
)

// config is what the flags decide.
type config struct {
	root      string // repository root
	dataDir   string
	port      int
	uiPort    int
	adminAddr string
	noWorker  bool
}

func main() {
	ctx, stop := signal.NotifyContext(context.Background(), os.Interrupt, syscall.SIGTERM)
	code := run(ctx, os.Args[1:], os.Stdout, os.Stderr)
	stop()
	os.Exit(code)
}

func run(ctx context.Context, args []string, stdout, stderr io.Writer) int {
	cfg, err := parseFlags(args, stderr)
	if err != nil {
		if errors.Is(err, flag.ErrHelp) {
			return 0
		}
		return 2
	}
	con := newConsole(stdout, 8)
	if err := runStack(ctx, cfg, con); err != nil {
		con.printf("devstack", "error: %v", err)
		return 1
	}
	con.printf("devstack", "stopped")
	return 0
}

func parseFlags(args []string, stderr io.Writer) (config, error) {
	fs := flag.NewFlagSet("devstack", flag.ContinueOnError)
	fs.SetOutput(stderr)
	var cfg config
	fs.IntVar(&cfg.port, "port", devserver.DefaultPort, "Temporal frontend gRPC port on 127.0.0.1")
	fs.IntVar(&cfg.uiPort, "ui-port", devserver.DefaultUIPort, "Temporal UI port on 127.0.0.1 (-1: no UI)")
	fs.StringVar(&cfg.dataDir, "data-dir", "", "directory for the server database, payload keys and worker data (default <repo>/.data)")
	fs.StringVar(&cfg.adminAddr, "admin-addr", "127.0.0.1:8234", "worker admin listener, which serves the UI's codec endpoint at /codec")
	fs.BoolVar(&cfg.noWorker, "no-worker", false, "start only the Temporal server")
	if err := fs.Parse(args); err != nil {
		return cfg, err
	}
	if fs.NArg() > 0 {
		fmt.Fprintf(stderr, "devstack: unexpected arguments %v\n", fs.Args())
		return cfg, errors.New("usage")
	}
	root, err := devserver.RepoRoot()
	if err != nil {
		fmt.Fprintf(stderr, "devstack: %v (run it inside the repository)\n", err)
		return cfg, err
	}
	cfg.root = root
	if cfg.dataDir == "" {
		cfg.dataDir = filepath.Join(root, ".data")
	}
	if cfg.dataDir, err = filepath.Abs(cfg.dataDir); err != nil {
		return cfg, err
	}
	return cfg, nil
}

// children are the processes started after the server, in order; they are
// stopped in reverse order: the worker, then the web app (starter serve, with
// demo accounts created on first start).
func children(cfg config) []childSpec {
	var specs []childSpec
	if !cfg.noWorker {
		specs = append(specs, childSpec{
			Name:  "worker",
			Build: goBuild(cfg, "worker"),
			Path:  bin(cfg, "worker"),
			Dir:   cfg.root,
			Env:   commonEnv(cfg),
		}, childSpec{
			Name:  "web",
			Build: goBuild(cfg, "starter"),
			Path:  bin(cfg, "starter"),
			Args:  []string{"serve", "--init-demo-accounts", "--addr", webAddr},
			Dir:   cfg.root,
			Env:   commonEnv(cfg),
		})
	}
	return specs
}

// webAddr is where the local stack serves the web app.
const webAddr = "127.0.0.1:8080"

// commonEnv is the environment every child gets: where Temporal is, the
// payload keys, the data directory and the admin listener.
func commonEnv(cfg config) []string {
	return []string{
		"TEMPORAL_ADDRESS=" + hostPort(cfg),
		"TEMPORAL_NAMESPACE=" + devserver.DefaultNamespace,
		payload.EnvKeysFile + "=" + keysFile(cfg),
		"LIENTHONG_ADMIN_ADDR=" + cfg.adminAddr,
		"LIENTHONG_DATA_DIR=" + cfg.dataDir,
	}
}

func goBuild(cfg config, pkg string) []string {
	return []string{"go", "build", "-o", bin(cfg, pkg), "./" + pkg}
}

func bin(cfg config, name string) string { return filepath.Join(cfg.root, ".bin", name) }

func keysFile(cfg config) string { return filepath.Join(cfg.dataDir, "payload-keys.json") }

func hostPort(cfg config) string { return fmt.Sprintf("%s:%d", devserver.DefaultIP, cfg.port) }

func codecEndpoint(cfg config) string { return "http://" + cfg.adminAddr + "/codec" }

// runStack prepares the machine, starts everything, waits for Ctrl-C or a
// failure and stops everything it started.
func runStack(ctx context.Context, cfg config, con *console) error {
	st := &stack{con: con}
	defer st.stopAll() // after a start-up error; a no-op after wait
	if err := startStack(ctx, cfg, con, st); err != nil {
		if ctx.Err() != nil {
			return nil // interrupted during start-up: what failed is what we cancelled
		}
		return err
	}
	return st.wait(ctx)
}

// startStack prepares the machine and starts the server and the children,
// adding each to st as it starts.
func startStack(ctx context.Context, cfg config, con *console, st *stack) error {
	temporalBin, err := ensureTemporalCLI(ctx, cfg, con)
	if err != nil {
		return err
	}
	if err := os.MkdirAll(cfg.dataDir, 0o700); err != nil {
		return err
	}
	if err := ensureKeys(cfg, con); err != nil {
		return err
	}

	con.printf("devstack", "starting the Temporal dev server (data in %s)", filepath.Join(cfg.dataDir, "temporal.db"))
	srvOut := con.writer("temporal")
	srv, err := devserver.Start(ctx, devserver.Options{
		Binary:        temporalBin,
		DBFile:        filepath.Join(cfg.dataDir, "temporal.db"),
		IP:            devserver.DefaultIP,
		Port:          cfg.port,
		UIPort:        cfg.uiPort,
		Namespace:     devserver.DefaultNamespace,
		CodecEndpoint: codecEndpoint(cfg),
		LogLevel:      "error", // its warnings are mostly shutdown noise
		Stdout:        srvOut,
		Stderr:        srvOut,
	})
	srvOut.Flush()
	if err != nil {
		return err
	}
	st.add(serverUnit{srv})

	for _, spec := range children(cfg) {
		if err := st.startChild(ctx, spec); err != nil {
			return err
		}
	}
	printBanner(con, cfg, srv)
	return nil
}

// ensureTemporalCLI returns the Temporal CLI, building the version pinned in
// tools/temporal into .bin/ when it is missing.
func ensureTemporalCLI(ctx context.Context, cfg config, con *console) (string, error) {
	p, err := devserver.FindBinary()
	if err == nil || !errors.Is(err, devserver.ErrNoBinary) {
		return p, err
	}
	out := bin(cfg, "temporal")
	con.printf("devstack", "building the Temporal CLI pinned in tools/temporal into %s", out)
	con.printf("devstack", "this takes a few minutes the first time (later runs reuse the Go build cache)")
	begin := time.Now()
	build := exec.CommandContext(ctx, "go", "build", "-o", out, "github.com/temporalio/cli/cmd/temporal")
	build.Dir = filepath.Join(cfg.root, "tools", "temporal")
	w := con.writer("build")
	build.Stdout, build.Stderr = w, w
	err = build.Run()
	w.Flush()
	if err != nil {
		return "", fmt.Errorf("build the Temporal CLI: %w", err)
	}
	con.printf("devstack", "built the Temporal CLI in %s", time.Since(begin).Round(time.Second))
	return out, nil
}

// ensureKeys creates the payload keys file on first start. It is never
// replaced: histories sealed with its keys would become unreadable.
func ensureKeys(cfg config, con *console) error {
	path := keysFile(cfg)
	if _, err := os.Stat(path); err == nil {
		return nil
	} else if !errors.Is(err, os.ErrNotExist) {
		return err
	}
	if err := payload.GenerateKeyFile(path); err != nil {
		return err
	}
	con.printf("devstack", "created payload keys in %s (keep it: without it the stored histories cannot be decrypted)", path)
	return nil
}

func printBanner(con *console, cfg config, srv *devserver.Server) {
	rel := func(p string) string {
		if r, err := filepath.Rel(cfg.root, p); err == nil && !strings.HasPrefix(r, "..") {
			return r
		}
		return p
	}
	lines := []string{
		"",
		"lienthong dev stack is running",
		"",
	}
	if ui := srv.UIAddress(); ui != "" {
		lines = append(lines, "  Temporal UI        "+ui+"/namespaces/"+srv.Namespace()+"/workflows")
	}
	lines = append(lines,
		fmt.Sprintf("  Temporal frontend  %s  (namespace %s, task queue %s)", srv.HostPort(), srv.Namespace(), workflows.TaskQueue))
	if !cfg.noWorker {
		lines = append(lines,
			"  Web app            http://"+webAddr+"/  (demo logins: printed by 'web |' when "+rel(cfg.dataDir)+"/accounts.json is created)",
			"  Codec endpoint     "+codecEndpoint(cfg)+"  (served by the worker; the UI uses it to decrypt payloads)")
	} else {
		lines = append(lines, "  Worker             not started (--no-worker)")
	}
	lines = append(lines,
		"  Data               "+rel(cfg.dataDir)+"/  (temporal.db, payload-keys.json)",
		"",
		"  Submit a dossier, from another terminal in "+cfg.root+":",
		"    export "+payload.EnvKeysFile+"="+keysFile(cfg)+" TEMPORAL_ADDRESS="+srv.HostPort(),
		"    go run ./starter submit --procedure CODE --file FILE",
		"",
		"  Stop: Ctrl-C (stops what it started, last first; data stays in "+rel(cfg.dataDir)+"/)",
		"",
	)
	for _, l := range lines {
		con.printf("devstack", "%s", l)
	}
}

// serverUnit adapts the dev server to the stack.
type serverUnit struct{ s *devserver.Server }

func (u serverUnit) name() string          { return "temporal" }
func (u serverUnit) done() <-chan struct{} { return u.s.Done() }
func (u serverUnit) err() error            { return u.s.Err() }
func (u serverUnit) stop() error           { return u.s.Stop() }
