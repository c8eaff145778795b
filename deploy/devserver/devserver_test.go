package devserver

import (
	"context"
	"net"
	"net/http"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"
	"time"

	"go.temporal.io/api/operatorservice/v1"
	"go.temporal.io/sdk/client"

	"github.com/lienthong/lienthong/workflows"
)

// cliBinary returns the Temporal CLI, skipping the test when it is missing
// outside CI (`make tools` builds it; `make test` always has it).
func cliBinary(t *testing.T) string {
	t.Helper()
	if testing.Short() {
		t.Skip("starts a Temporal dev server")
	}
	bin, err := FindBinary()
	if err != nil {
		if os.Getenv("CI") != "" {
			t.Fatal(err)
		}
		t.Skip(err)
	}
	return bin
}

func start(t *testing.T, opts Options) *Server {
	t.Helper()
	ctx, cancel := context.WithTimeout(context.Background(), 2*time.Minute)
	defer cancel()
	s, err := Start(ctx, opts)
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { _ = s.Stop() })
	return s
}

func dial(t *testing.T, s *Server) client.Client {
	t.Helper()
	c, err := client.Dial(client.Options{HostPort: s.HostPort(), Namespace: s.Namespace()})
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(c.Close)
	return c
}

func assertSearchAttributes(t *testing.T, c client.Client, namespace string, want []workflows.SearchAttribute) {
	t.Helper()
	resp, err := c.OperatorService().ListSearchAttributes(context.Background(),
		&operatorservice.ListSearchAttributesRequest{Namespace: namespace})
	if err != nil {
		t.Fatal(err)
	}
	for _, sa := range want {
		got, ok := resp.GetCustomAttributes()[sa.Name]
		if !ok {
			t.Errorf("search attribute %s not registered (have %v)", sa.Name, resp.GetCustomAttributes())
		} else if got != sa.Type {
			t.Errorf("search attribute %s: type %v, want %v", sa.Name, got, sa.Type)
		}
	}
}

func TestStartInMemoryRegistersSearchAttributes(t *testing.T) {
	s := start(t, Options{Binary: cliBinary(t), Namespace: "lienthong-test"})
	if !strings.HasPrefix(s.HostPort(), "127.0.0.1:") || s.UIAddress() == "" {
		t.Fatalf("HostPort %q, UIAddress %q", s.HostPort(), s.UIAddress())
	}
	assertSearchAttributes(t, dial(t, s), "lienthong-test", workflows.SearchAttributes)

	resp, err := http.Get(s.UIAddress())
	if err != nil {
		t.Fatalf("UI: %v", err)
	}
	resp.Body.Close()
	if resp.StatusCode != http.StatusOK {
		t.Errorf("UI answered %s", resp.Status)
	}

	if err := s.Stop(); err != nil {
		t.Fatal(err)
	}
	select {
	case <-s.Done():
	default:
		t.Fatal("Done not closed after Stop")
	}
	if err := s.Err(); err != nil {
		t.Errorf("Err after Stop: %v", err)
	}
}

// The CLI registers --search-attribute only when it creates the namespace;
// a restart on the same file must keep the data and still end up with every
// attribute, including ones added to the code since the first start.
func TestRestartOnSameDBFileKeepsDataAndAddsNewSearchAttributes(t *testing.T) {
	bin := cliBinary(t)
	db := filepath.Join(t.TempDir(), "temporal.db")
	first := workflows.SearchAttributes[:3]
	opts := Options{Binary: bin, DBFile: db, UIPort: Headless, SearchAttributes: first}

	s := start(t, opts)
	if s.UIAddress() != "" {
		t.Errorf("headless server has UIAddress %q", s.UIAddress())
	}
	c := dial(t, s)
	assertSearchAttributes(t, c, DefaultNamespace, first)
	run, err := c.ExecuteWorkflow(context.Background(), client.StartWorkflowOptions{
		ID: "restart-test", TaskQueue: "nobody-polls",
	}, "NoSuchWorkflow")
	if err != nil {
		t.Fatal(err)
	}
	c.Close()
	if err := s.Stop(); err != nil {
		t.Log(err)
	}

	for i := range 2 { // the second restart finds everything registered already
		opts.SearchAttributes = nil // all of workflows.SearchAttributes
		s = start(t, opts)
		c = dial(t, s)
		assertSearchAttributes(t, c, DefaultNamespace, workflows.SearchAttributes)
		desc, err := c.DescribeWorkflowExecution(context.Background(), "restart-test", run.GetRunID())
		if err != nil {
			t.Fatalf("restart %d: workflow started before the restart: %v", i+1, err)
		}
		if got := desc.GetWorkflowExecutionInfo().GetType().GetName(); got != "NoSuchWorkflow" {
			t.Errorf("restart %d: workflow type %q", i+1, got)
		}
		if err := s.Stop(); err != nil {
			t.Log(err) // slow to stop on a loaded machine; SQLite keeps what was committed
		}
	}
}

func TestStartReportsEarlyExitWithOutput(t *testing.T) {
	fake := filepath.Join(t.TempDir(), "temporal")
	script := "#!/bin/sh\necho 'starting up'\necho 'boom: port in use' >&2\nexit 3\n"
	if err := os.WriteFile(fake, []byte(script), 0o755); err != nil {
		t.Fatal(err)
	}
	_, err := Start(context.Background(), Options{Binary: fake, StartTimeout: 20 * time.Second})
	if err == nil {
		t.Fatal("Start succeeded with a binary that exits")
	}
	for _, want := range []string{"exited during start-up", "exit status 3", "boom: port in use", "starting up"} {
		if !strings.Contains(err.Error(), want) {
			t.Errorf("error lacks %q:\n%v", want, err)
		}
	}
}

func TestStartTimesOutWithOutput(t *testing.T) {
	fake := filepath.Join(t.TempDir(), "temporal")
	if err := os.WriteFile(fake, []byte("#!/bin/sh\necho 'still thinking'\nexec sleep 60\n"), 0o755); err != nil {
		t.Fatal(err)
	}
	begin := time.Now()
	_, err := Start(context.Background(), Options{Binary: fake, StartTimeout: time.Second, StopTimeout: time.Second})
	if err == nil {
		t.Fatal("Start succeeded without a frontend")
	}
	if !strings.Contains(err.Error(), "not ready after 1s") || !strings.Contains(err.Error(), "still thinking") {
		t.Errorf("unexpected error:\n%v", err)
	}
	if d := time.Since(begin); d > 10*time.Second {
		t.Errorf("Start took %s to give up", d)
	}
}

func TestArgs(t *testing.T) {
	o := Options{Binary: "temporal", DBFile: "/d/t.db", IP: "127.0.0.1", Port: 7233, UIPort: 8233,
		Namespace: "default", CodecEndpoint: "http://127.0.0.1:8234/codec", LogLevel: "error",
		SearchAttributes: workflows.SearchAttributes[:2]}
	got := strings.Join(o.args(), " ")
	want := "server start-dev --ip 127.0.0.1 --port 7233 --ui-port 8233 --db-filename /d/t.db " +
		"--ui-codec-endpoint http://127.0.0.1:8234/codec --log-level error " +
		"--search-attribute ProcedureCode=Keyword --search-attribute CurrentUnit=Keyword"
	if got != want {
		t.Errorf("args\n got %s\nwant %s", got, want)
	}
	o.UIPort, o.Namespace, o.DBFile, o.CodecEndpoint, o.LogLevel = Headless, "hcm", "", "", ""
	args := o.args()
	if !slices.Contains(args, "--headless") || slices.Contains(args, "--ui-port") {
		t.Errorf("headless args: %v", args)
	}
	if i := slices.Index(args, "--namespace"); i < 0 || args[i+1] != "hcm" {
		t.Errorf("namespace args: %v", args)
	}
}

func TestDefaultsPickFreePorts(t *testing.T) {
	o, err := Options{Binary: "x"}.withDefaults()
	if err != nil {
		t.Fatal(err)
	}
	if o.Port == 0 || o.UIPort == 0 || o.Port == o.UIPort || o.IP != DefaultIP || o.Namespace != DefaultNamespace {
		t.Errorf("defaults: %+v", o)
	}
	if len(o.SearchAttributes) != len(workflows.SearchAttributes) {
		t.Errorf("SearchAttributes not defaulted")
	}
}

func TestTailBuffer(t *testing.T) {
	tb := newTailBuffer(20)
	if got := tb.lastLines(3); got != "(no output)" {
		t.Errorf("empty: %q", got)
	}
	for _, s := range []string{"one\n", "two\nthree\n", "four\nfive\n"} {
		tb.Write([]byte(s))
	}
	if got := tb.lastLines(2); got != "four\nfive" {
		t.Errorf("lastLines(2) = %q", got)
	}
	if len(tb.buf) > 20 {
		t.Errorf("buffer grew to %d bytes", len(tb.buf))
	}
}

func TestFindBinary(t *testing.T) {
	fake := filepath.Join(t.TempDir(), "temporal")
	if err := os.WriteFile(fake, nil, 0o755); err != nil {
		t.Fatal(err)
	}
	t.Setenv(EnvBinary, fake)
	if got, err := FindBinary(); err != nil || got != fake {
		t.Errorf("with %s: %q, %v", EnvBinary, got, err)
	}
	t.Setenv(EnvBinary, filepath.Join(t.TempDir(), "missing"))
	if _, err := FindBinary(); err == nil {
		t.Error("missing env binary accepted")
	}

	t.Setenv(EnvBinary, "")
	root, err := RepoRoot()
	if err != nil {
		t.Fatal(err)
	}
	if _, err := os.Stat(filepath.Join(root, "deploy", "devserver")); err != nil {
		t.Errorf("RepoRoot %s is not the repository root: %v", root, err)
	}
	got, err := FindBinary()
	switch {
	case err == nil && got != filepath.Join(root, ".bin", "temporal"):
		t.Errorf("FindBinary = %s", got)
	case err != nil && !strings.Contains(err.Error(), "make tools"):
		t.Errorf("error does not say how to get the binary: %v", err)
	}
}

func TestStartRefusesAPortInUse(t *testing.T) {
	l, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	defer l.Close()
	port := l.Addr().(*net.TCPAddr).Port
	_, err = Start(context.Background(), Options{Binary: "/nonexistent/temporal", Port: port, UIPort: Headless})
	if err == nil || !strings.Contains(err.Error(), "in use") {
		t.Fatalf("Start on a busy port: %v", err)
	}
}
