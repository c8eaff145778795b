package temporalconn

import (
	"bytes"
	"context"
	"errors"
	"net"
	"strings"
	"testing"
	"time"

	enumspb "go.temporal.io/api/enums/v1"
	"go.temporal.io/api/serviceerror"
	"go.temporal.io/sdk/client"
	"go.temporal.io/sdk/converter"
	"go.uber.org/zap/zaptest"
	"google.golang.org/protobuf/proto"

	"github.com/lienthong/lienthong/payload"
)

type intake struct {
	FullName string
	IDNumber string
}

var an = intake{FullName: "Nguyễn Văn An", IDNumber: "001203004567"}

func dialContext(t *testing.T) context.Context {
	t.Helper()
	ctx, cancel := context.WithTimeout(context.Background(), 30*time.Second)
	t.Cleanup(cancel)
	return ctx
}

// TestDialEncryptsWhatReachesTheServer starts a workflow through a dialled
// client and reads its history back raw: the server must hold only ciphertext.
func TestDialEncryptsWhatReachesTheServer(t *testing.T) {
	addr := devServer(t)
	isolateProcessEnv(t)
	ctx := dialContext(t)

	c, err := Dial(ctx, Options{HostPort: addr, Keyring: testKeyring(t)}, zaptest.NewLogger(t))
	if err != nil {
		t.Fatal(err)
	}
	defer c.Close()

	// No worker polls this queue: only the start event is needed.
	run, err := c.ExecuteWorkflow(ctx, client.StartWorkflowOptions{
		ID:                       "temporalconn-test-" + t.Name(),
		TaskQueue:                "temporalconn-test-no-worker",
		WorkflowIDConflictPolicy: enumspb.WORKFLOW_ID_CONFLICT_POLICY_TERMINATE_EXISTING,
	}, "HoSoWorkflow", an)
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { _ = c.TerminateWorkflow(context.Background(), run.GetID(), run.GetRunID(), "test done") })

	iter := c.GetWorkflowHistory(ctx, run.GetID(), run.GetRunID(), false, enumspb.HISTORY_EVENT_FILTER_TYPE_ALL_EVENT)
	event, err := iter.Next()
	if err != nil {
		t.Fatal(err)
	}
	input := event.GetWorkflowExecutionStartedEventAttributes().GetInput()
	if len(input.GetPayloads()) != 1 {
		t.Fatalf("start event input = %v", input)
	}
	stored := input.GetPayloads()[0]
	if enc := string(stored.Metadata[converter.MetadataEncoding]); enc != payload.EncodingEncrypted {
		t.Errorf("server stored encoding %q, want %q", enc, payload.EncodingEncrypted)
	}
	wire, _ := proto.Marshal(event)
	for _, secret := range []string{an.FullName, an.IDNumber} {
		if bytes.Contains(wire, []byte(secret)) {
			t.Errorf("history holds %q in plaintext", secret)
		}
	}
}

func TestDialUsesEnvironment(t *testing.T) {
	addr := devServer(t)
	isolateProcessEnv(t)
	t.Setenv("TEMPORAL_ADDRESS", addr)

	c, err := Dial(dialContext(t), Options{Keyring: testKeyring(t)}, nil)
	if err != nil {
		t.Fatalf("TEMPORAL_ADDRESS=%s: %v", addr, err)
	}
	c.Close()
}

func TestDialUnknownNamespace(t *testing.T) {
	addr := devServer(t)
	isolateProcessEnv(t)

	_, err := Dial(dialContext(t), Options{HostPort: addr, Namespace: "khong-ton-tai", Keyring: testKeyring(t)}, nil)
	if err == nil {
		t.Fatal("dial to a missing namespace succeeded")
	}
	for _, want := range []string{`"khong-ton-tai"`, addr, "does not exist", "temporal operator namespace create"} {
		if !strings.Contains(err.Error(), want) {
			t.Errorf("error %q does not mention %s", err, want)
		}
	}
}

func TestDialUnreachable(t *testing.T) {
	isolateProcessEnv(t)
	addr := closedPort(t)

	_, err := Dial(dialContext(t), Options{HostPort: addr, Namespace: "mot-cua", Keyring: testKeyring(t)}, nil)
	if err == nil {
		t.Fatal("dial to a closed port succeeded")
	}
	for _, want := range []string{addr, `namespace "mot-cua"`, "plaintext", "TEMPORAL_ADDRESS"} {
		if !strings.Contains(err.Error(), want) {
			t.Errorf("error %q does not mention %s", err, want)
		}
	}
}

func TestDialErrorHints(t *testing.T) {
	refused := serviceerror.NewUnavailable("connection refused")

	local := dialError(client.Options{HostPort: DefaultHostPort, Namespace: DefaultNamespace}, refused)
	if !strings.Contains(local.Error(), "make dev") {
		t.Errorf("local stack hint missing: %v", local)
	}
	if !errors.Is(local, refused) {
		t.Error("cause not wrapped")
	}

	withKey, err := clientOptions(Options{Keyring: testKeyring(t)}, nil,
		hermetic(t, "TEMPORAL_ADDRESS", "cloud.example:7233", "TEMPORAL_API_KEY", "very-secret-key"))
	if err != nil {
		t.Fatal(err)
	}
	denied := dialError(withKey, serviceerror.NewPermissionDenied("bad key", ""))
	msg := denied.Error()
	if !strings.Contains(msg, "TEMPORAL_API_KEY") || !strings.Contains(msg, "TLS, API key set") {
		t.Errorf("credentials hint missing: %v", msg)
	}
	if strings.Contains(msg, "very-secret-key") {
		t.Errorf("error leaks the API key: %v", msg)
	}
}

// closedPort returns a loopback address nothing listens on.
func closedPort(t *testing.T) string {
	t.Helper()
	l, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	addr := l.Addr().String()
	if err := l.Close(); err != nil {
		t.Fatal(err)
	}
	return addr
}
