// Package devserver runs the Temporal CLI's development server
// (`temporal server start-dev`) as a child process, with the project's custom
// search attributes registered, and waits until its frontend answers.
//
// It backs `make dev` (deploy/devstack) and the tests that need a real server.
// The binary is the Temporal CLI pinned in tools/temporal and built by
// `make tools`; FindBinary locates it.
package devserver

import (
	"context"
	"errors"
	"fmt"
	"io"
	"log/slog"
	"net"
	"os"
	"os/exec"
	"strconv"
	"sync"
	"syscall"
	"time"

	"go.temporal.io/api/enums/v1"
	"go.temporal.io/api/operatorservice/v1"
	"go.temporal.io/api/workflowservice/v1"
	"go.temporal.io/sdk/client"
	sdklog "go.temporal.io/sdk/log"

	"github.com/lienthong/lienthong/workflows"
)

// Defaults of `make dev`. The zero Options pick free ports instead, which is
// what tests want; DefaultOptions fills these in.
const (
	DefaultIP        = "127.0.0.1"
	DefaultPort      = 7233
	DefaultUIPort    = 8233
	DefaultNamespace = "default"

	// Headless as Options.UIPort disables the web UI.
	Headless = -1
)

const (
	defaultStartTimeout = 60 * time.Second
	defaultStopTimeout  = 30 * time.Second
	tailLines           = 40
)

// Options configure a dev server. The zero value is usable: an in-memory
// server on 127.0.0.1 with free ports for the frontend and the UI.
type Options struct {
	// Binary is the Temporal CLI executable; empty means FindBinary.
	Binary string
	// DBFile is the SQLite file that keeps the server's state across
	// restarts; empty means in-memory (everything is lost on Stop).
	DBFile string
	// IP the frontend and UI bind to; empty means 127.0.0.1.
	IP string
	// Port of the frontend gRPC service; 0 picks a free port.
	Port int
	// UIPort of the web UI; 0 picks a free port, Headless (-1) disables the UI.
	UIPort int
	// Namespace created at launch (with the search attributes registered);
	// empty means "default", which the CLI always creates.
	Namespace string
	// CodecEndpoint, if set, is the remote payload codec the UI calls to
	// decode payloads (--ui-codec-endpoint).
	CodecEndpoint string
	// LogLevel of the server (debug, info, warn, error, never); empty keeps
	// the CLI's default for start-dev (warn).
	LogLevel string
	// SearchAttributes to register; nil means workflows.SearchAttributes.
	SearchAttributes []workflows.SearchAttribute
	// ExtraArgs are appended to the command line, e.g.
	// "--dynamic-config-value", `K="V"`.
	ExtraArgs []string
	// StartTimeout bounds the wait for the frontend; 0 means 60 s.
	StartTimeout time.Duration
	// StopTimeout is how long Stop waits after SIGTERM before SIGKILL;
	// 0 means 30 s (it takes about a second on an idle machine, much longer
	// on a loaded one).
	StopTimeout time.Duration
	// Stdout and Stderr receive the server's output; nil discards it. The
	// last lines are kept either way for error messages.
	Stdout, Stderr io.Writer
}

// DefaultOptions are the settings of the local stack: frontend on
// 127.0.0.1:7233, UI on 127.0.0.1:8233, namespace "default", in-memory.
func DefaultOptions() Options {
	return Options{IP: DefaultIP, Port: DefaultPort, UIPort: DefaultUIPort, Namespace: DefaultNamespace}
}

// Server is a running dev server process.
type Server struct {
	opts     Options
	hostPort string
	uiAddr   string
	cmd      *exec.Cmd
	tail     *tailBuffer

	done    chan struct{} // closed when the process has exited
	waitErr error         // set before done is closed

	stopOnce sync.Once
	stopping chan struct{} // closed when Stop was called
	stopErr  error
}

// Start launches `temporal server start-dev` and returns once the frontend
// answers health checks, the namespace exists and every search attribute is
// registered. ctx bounds only the start-up: the server keeps running after
// ctx is done, until Stop. On error nothing is left running.
func Start(ctx context.Context, opts Options) (*Server, error) {
	opts, err := opts.withDefaults()
	if err != nil {
		return nil, err
	}
	s := &Server{
		opts:     opts,
		hostPort: net.JoinHostPort(opts.IP, strconv.Itoa(opts.Port)),
		tail:     newTailBuffer(64 << 10),
		done:     make(chan struct{}),
		stopping: make(chan struct{}),
	}
	if opts.UIPort != Headless {
		s.uiAddr = "http://" + net.JoinHostPort(opts.IP, strconv.Itoa(opts.UIPort))
	}

	// A port held by another process (often a dev server left running) would
	// make the new server fail while the readiness check talks to the old one.
	for _, p := range []int{opts.Port, opts.UIPort} {
		if p != Headless {
			if err := checkPortFree(opts.IP, p); err != nil {
				return nil, err
			}
		}
	}

	s.cmd = exec.Command(opts.Binary, opts.args()...)
	s.cmd.Stdout = teeTo(opts.Stdout, s.tail)
	s.cmd.Stderr = teeTo(opts.Stderr, s.tail)
	s.cmd.SysProcAttr = childSysProcAttr()
	if err := s.cmd.Start(); err != nil {
		return nil, fmt.Errorf("start temporal dev server (%s): %w", opts.Binary, err)
	}
	go func() {
		s.waitErr = s.cmd.Wait()
		close(s.done)
	}()

	startCtx, cancel := context.WithTimeout(ctx, opts.StartTimeout)
	defer cancel()
	if err := s.waitReady(startCtx); err != nil {
		_ = s.Stop()
		return nil, fmt.Errorf("temporal dev server on %s: %w\n--- last lines of its output ---\n%s",
			s.hostPort, err, s.tail.lastLines(tailLines))
	}
	return s, nil
}

// HostPort is the frontend address for SDK clients, e.g. 127.0.0.1:7233.
func (s *Server) HostPort() string { return s.hostPort }

// UIAddress is the web UI's URL, e.g. http://127.0.0.1:8233; empty when
// headless.
func (s *Server) UIAddress() string { return s.uiAddr }

// Namespace is the namespace the search attributes were registered in.
func (s *Server) Namespace() string { return s.opts.Namespace }

// Done is closed when the server process has exited, whether through Stop
// or not.
func (s *Server) Done() <-chan struct{} { return s.done }

// Err reports why the process ended once Done is closed: nil if Stop was
// called, otherwise the exit error with the tail of the server's output.
func (s *Server) Err() error {
	select {
	case <-s.done:
	default:
		return nil
	}
	select {
	case <-s.stopping:
		return nil // it ended because Stop asked; Stop reports how
	default:
	}
	if s.waitErr == nil {
		return errors.New("temporal dev server exited")
	}
	return fmt.Errorf("temporal dev server exited: %w\n--- last lines of its output ---\n%s",
		s.waitErr, s.tail.lastLines(tailLines))
}

// Stop sends SIGTERM, waits up to Options.StopTimeout for the server to exit
// and then kills it. It is safe to call more than once and after the process
// has exited.
func (s *Server) Stop() error {
	s.stopOnce.Do(func() {
		close(s.stopping)
		s.stopErr = stopProcess(s.cmd.Process, s.done, s.opts.StopTimeout)
	})
	return s.stopErr
}

// stopProcess terminates p gracefully: SIGTERM, then SIGKILL after grace.
// done must be closed once p has been waited for.
func stopProcess(p *os.Process, done <-chan struct{}, grace time.Duration) error {
	select {
	case <-done:
		return nil
	default:
	}
	if err := p.Signal(syscall.SIGTERM); err != nil && !errors.Is(err, os.ErrProcessDone) {
		return fmt.Errorf("signal temporal dev server: %w", err)
	}
	timer := time.NewTimer(grace)
	defer timer.Stop()
	select {
	case <-done:
		return nil
	case <-timer.C:
	}
	_ = p.Kill()
	<-done
	return fmt.Errorf("temporal dev server did not exit within %s of SIGTERM; killed", grace)
}

func (o Options) withDefaults() (Options, error) {
	if o.Binary == "" {
		bin, err := FindBinary()
		if err != nil {
			return o, err
		}
		o.Binary = bin
	}
	if o.IP == "" {
		o.IP = DefaultIP
	}
	if o.Namespace == "" {
		o.Namespace = DefaultNamespace
	}
	if o.SearchAttributes == nil {
		o.SearchAttributes = workflows.SearchAttributes
	}
	if o.StartTimeout <= 0 {
		o.StartTimeout = defaultStartTimeout
	}
	if o.StopTimeout <= 0 {
		o.StopTimeout = defaultStopTimeout
	}
	var err error
	if o.Port == 0 {
		if o.Port, err = freePort(o.IP); err != nil {
			return o, err
		}
	}
	if o.UIPort == 0 {
		if o.UIPort, err = freePort(o.IP); err != nil {
			return o, err
		}
	}
	return o, nil
}

// args is the start-dev command line for o (defaults applied).
func (o Options) args() []string {
	args := []string{"server", "start-dev",
		"--ip", o.IP,
		"--port", strconv.Itoa(o.Port),
	}
	if o.UIPort == Headless {
		args = append(args, "--headless")
	} else {
		args = append(args, "--ui-port", strconv.Itoa(o.UIPort))
	}
	if o.DBFile != "" {
		args = append(args, "--db-filename", o.DBFile)
	}
	if o.Namespace != DefaultNamespace {
		args = append(args, "--namespace", o.Namespace)
	}
	if o.CodecEndpoint != "" {
		args = append(args, "--ui-codec-endpoint", o.CodecEndpoint)
	}
	if o.LogLevel != "" {
		args = append(args, "--log-level", o.LogLevel)
	}
	for _, sa := range o.SearchAttributes {
		args = append(args, "--search-attribute", sa.Name+"="+workflows.CLIType(sa.Type))
	}
	return append(args, o.ExtraArgs...)
}

// waitReady polls until the frontend is healthy, the namespace answers and
// the search attributes are registered, or the process dies, or ctx ends.
func (s *Server) waitReady(ctx context.Context) error {
	var lastErr error
	for {
		lastErr = s.checkReady(ctx)
		var perm *permanentError
		if lastErr == nil || errors.As(lastErr, &perm) {
			return lastErr
		}
		select {
		case <-s.done:
			return fmt.Errorf("exited during start-up (%v); last check: %w", s.waitErr, lastErr)
		case <-ctx.Done():
			if errors.Is(ctx.Err(), context.Canceled) {
				return fmt.Errorf("start-up cancelled: %w", ctx.Err())
			}
			return fmt.Errorf("not ready after %s: %w", s.opts.StartTimeout, lastErr)
		case <-time.After(200 * time.Millisecond):
		}
	}
}

func (s *Server) checkReady(ctx context.Context) error {
	attemptCtx, cancel := context.WithTimeout(ctx, 3*time.Second)
	defer cancel()
	c, err := client.DialContext(attemptCtx, client.Options{
		HostPort:  s.hostPort,
		Namespace: s.opts.Namespace,
		Logger:    sdklog.NewStructuredLogger(slog.New(slog.DiscardHandler)),
	})
	if err != nil {
		return fmt.Errorf("dial: %w", err)
	}
	defer c.Close()
	if _, err := c.CheckHealth(attemptCtx, &client.CheckHealthRequest{}); err != nil {
		return fmt.Errorf("health check: %w", err)
	}
	if _, err := c.WorkflowService().DescribeNamespace(attemptCtx,
		&workflowservice.DescribeNamespaceRequest{Namespace: s.opts.Namespace}); err != nil {
		return fmt.Errorf("describe namespace %q: %w", s.opts.Namespace, err)
	}
	return ensureSearchAttributes(attemptCtx, c.OperatorService(), s.opts.Namespace, s.opts.SearchAttributes)
}

// ensureSearchAttributes registers the attributes missing from namespace.
//
// The CLI registers --search-attribute only when it creates the namespace,
// that is on a fresh database: a server restarted on an existing
// --db-filename keeps the attributes of its first start. Attributes added to
// the code since then are registered here through the operator service.
// An attribute registered with another type is an error: changing a type
// needs a fresh database.
func ensureSearchAttributes(ctx context.Context, op operatorservice.OperatorServiceClient, namespace string, want []workflows.SearchAttribute) error {
	have, err := op.ListSearchAttributes(ctx, &operatorservice.ListSearchAttributesRequest{Namespace: namespace})
	if err != nil {
		return fmt.Errorf("list search attributes: %w", err)
	}
	missing := map[string]enums.IndexedValueType{}
	for _, sa := range want {
		got, ok := have.GetCustomAttributes()[sa.Name]
		switch {
		case !ok:
			missing[sa.Name] = sa.Type
		case got != sa.Type:
			return &permanentError{fmt.Errorf("search attribute %s is registered as %s but the code wants %s; "+
				"start from a fresh database to change its type", sa.Name, workflows.CLIType(got), workflows.CLIType(sa.Type))}
		}
	}
	if len(missing) == 0 {
		return nil
	}
	if _, err := op.AddSearchAttributes(ctx, &operatorservice.AddSearchAttributesRequest{
		Namespace:        namespace,
		SearchAttributes: missing,
	}); err != nil {
		return fmt.Errorf("add search attributes: %w", err)
	}
	// Report not-ready until the listing shows them, so callers never see a
	// half-registered set.
	return fmt.Errorf("registered %d missing search attributes; waiting for them to show", len(missing))
}

// permanentError marks a readiness failure that retrying cannot fix.
type permanentError struct{ error }

func (e *permanentError) Unwrap() error { return e.error }

// freePort asks the kernel for a free TCP port on ip. Another process may
// take it before the server binds it; on a developer machine that is rare.
func freePort(ip string) (int, error) {
	l, err := net.Listen("tcp", net.JoinHostPort(ip, "0"))
	if err != nil {
		return 0, fmt.Errorf("find a free port on %s: %w", ip, err)
	}
	defer l.Close()
	return l.Addr().(*net.TCPAddr).Port, nil
}

// checkPortFree fails when something already listens on ip:port.
func checkPortFree(ip string, port int) error {
	addr := net.JoinHostPort(ip, strconv.Itoa(port))
	l, err := net.Listen("tcp", addr)
	if err != nil {
		return fmt.Errorf("cannot start the temporal dev server: %s is in use (another dev server still running?): %w", addr, err)
	}
	return l.Close()
}

// teeTo copies the server's output to w (if any) and to tail. A failing w
// never blocks or fails the server's output pipe.
func teeTo(w io.Writer, tail *tailBuffer) io.Writer {
	if w == nil {
		return tail
	}
	return writerFunc(func(p []byte) (int, error) {
		_, _ = w.Write(p)
		return tail.Write(p)
	})
}

type writerFunc func(p []byte) (int, error)

func (f writerFunc) Write(p []byte) (int, error) { return f(p) }
