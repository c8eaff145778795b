package temporalconn

import (
	"bytes"
	"crypto/rand"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"go.temporal.io/sdk/client"
	"go.temporal.io/sdk/converter"
	"go.uber.org/zap"

	"github.com/lienthong/lienthong/payload"
)

func testKeyring(t *testing.T) *payload.Keyring {
	t.Helper()
	key := make([]byte, 32)
	if _, err := rand.Read(key); err != nil {
		t.Fatal(err)
	}
	k, err := payload.NewKeyring("k1", map[string][]byte{"k1": key})
	if err != nil {
		t.Fatal(err)
	}
	return k
}

func TestClientOptionsDefaults(t *testing.T) {
	opts, err := clientOptions(Options{Keyring: testKeyring(t)}, nil, hermetic(t))
	if err != nil {
		t.Fatal(err)
	}
	if opts.HostPort != DefaultHostPort || opts.Namespace != DefaultNamespace {
		t.Errorf("got %s / %s, want the local stack's defaults", opts.HostPort, opts.Namespace)
	}
	if opts.ConnectionOptions.TLS != nil || opts.Credentials != nil {
		t.Error("local default should be plaintext without credentials")
	}
	if opts.Logger == nil || opts.FailureConverter == nil {
		t.Error("logger or failure converter not set")
	}
	p, err := opts.DataConverter.ToPayload("Nguyễn Văn An")
	if err != nil {
		t.Fatal(err)
	}
	if enc := string(p.Metadata[converter.MetadataEncoding]); enc != payload.EncodingEncrypted {
		t.Errorf("data converter writes %q, want encrypted payloads", enc)
	}
}

func TestClientOptionsFromEnvironment(t *testing.T) {
	env := hermetic(t,
		"TEMPORAL_ADDRESS", "temporal.hanoi.gov.vn:7233",
		"TEMPORAL_NAMESPACE", "mot-cua",
		"TEMPORAL_API_KEY", "api-key-value",
	)
	opts, err := clientOptions(Options{Keyring: testKeyring(t)}, nil, env)
	if err != nil {
		t.Fatal(err)
	}
	if opts.HostPort != "temporal.hanoi.gov.vn:7233" || opts.Namespace != "mot-cua" {
		t.Errorf("got %s / %s", opts.HostPort, opts.Namespace)
	}
	if opts.Credentials == nil || opts.ConnectionOptions.TLS == nil {
		t.Error("an API key should set credentials and turn TLS on")
	}

	env["TEMPORAL_TLS"] = "false"
	opts, err = clientOptions(Options{Keyring: testKeyring(t)}, nil, env)
	if err != nil {
		t.Fatal(err)
	}
	if !opts.ConnectionOptions.TLSDisabled {
		t.Error("TEMPORAL_TLS=false should disable TLS")
	}
}

func TestClientOptionsOverridesWin(t *testing.T) {
	env := hermetic(t, "TEMPORAL_ADDRESS", "from-env:7233", "TEMPORAL_NAMESPACE", "from-env")
	metrics := client.MetricsNopHandler
	opts, err := clientOptions(Options{
		HostPort:       "from-flag:7233",
		Namespace:      "from-flag",
		Identity:       "worker-1@so-tu-phap",
		MetricsHandler: metrics,
		Keyring:        testKeyring(t),
	}, zap.NewNop(), env)
	if err != nil {
		t.Fatal(err)
	}
	if opts.HostPort != "from-flag:7233" || opts.Namespace != "from-flag" {
		t.Errorf("got %s / %s, want the overrides", opts.HostPort, opts.Namespace)
	}
	if opts.Identity != "worker-1@so-tu-phap" || opts.MetricsHandler != metrics {
		t.Error("identity or metrics handler not passed through")
	}
}

func TestClientOptionsFromProfile(t *testing.T) {
	file := filepath.Join(t.TempDir(), "temporal.toml")
	toml := `
[profile.staging]
address = "staging.internal:7233"
namespace = "lienthong-staging"

[profile.staging.tls]
disabled = true
`
	if err := os.WriteFile(file, []byte(toml), 0o600); err != nil {
		t.Fatal(err)
	}
	env := mapEnv{"TEMPORAL_CONFIG_FILE": file, "TEMPORAL_PROFILE": "staging"}
	opts, err := clientOptions(Options{Keyring: testKeyring(t)}, nil, env)
	if err != nil {
		t.Fatal(err)
	}
	if opts.HostPort != "staging.internal:7233" || opts.Namespace != "lienthong-staging" || !opts.ConnectionOptions.TLSDisabled {
		t.Errorf("profile not applied: %s / %s, TLS disabled %v", opts.HostPort, opts.Namespace, opts.ConnectionOptions.TLSDisabled)
	}

	env["TEMPORAL_ADDRESS"] = "override:7233"
	if opts, err = clientOptions(Options{Keyring: testKeyring(t)}, nil, env); err != nil || opts.HostPort != "override:7233" {
		t.Errorf("environment should override the profile: %v, %v", opts.HostPort, err)
	}

	env["TEMPORAL_PROFILE"] = "prod"
	_, err = clientOptions(Options{Keyring: testKeyring(t)}, nil, env)
	if err == nil || !strings.Contains(err.Error(), "prod") || !strings.Contains(err.Error(), "TEMPORAL_PROFILE") {
		t.Errorf("missing profile: err = %v", err)
	}
}

func TestClientOptionsNeedsPayloadKeys(t *testing.T) {
	t.Setenv(payload.EnvKeysFile, "")
	t.Setenv(payload.EnvKeys, "")
	_, err := clientOptions(Options{}, nil, hermetic(t))
	if err == nil || !strings.Contains(err.Error(), payload.EnvKeysFile) {
		t.Fatalf("err = %v, want a refusal naming %s", err, payload.EnvKeysFile)
	}
}

func TestClientOptionsLoadsKeysFromEnvironment(t *testing.T) {
	path := filepath.Join(t.TempDir(), "payload-keys.json")
	if err := payload.GenerateKeyFile(path); err != nil {
		t.Fatal(err)
	}
	t.Setenv(payload.EnvKeysFile, path)
	opts, err := clientOptions(Options{}, nil, hermetic(t))
	if err != nil {
		t.Fatal(err)
	}
	p, err := opts.DataConverter.ToPayload("x")
	if err != nil || !bytes.Equal(p.Metadata[converter.MetadataEncoding], []byte(payload.EncodingEncrypted)) {
		t.Errorf("keys from %s not used: %v", payload.EnvKeysFile, err)
	}
}
