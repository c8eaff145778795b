package temporalconn

import (
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// mapEnv is an envconfig.EnvLookup over a fixed map, so settings resolve the
// same on every machine whatever its environment or ~/.config holds.
type mapEnv map[string]string

func (m mapEnv) Environ() []string {
	out := make([]string, 0, len(m))
	for k, v := range m {
		out = append(out, k+"="+v)
	}
	return out
}

func (m mapEnv) LookupEnv(key string) (string, bool) {
	v, ok := m[key]
	return v, ok
}

// hermetic returns an environment whose config file does not exist, so no
// user profile leaks into a test.
func hermetic(t *testing.T, kv ...string) mapEnv {
	t.Helper()
	env := mapEnv{"TEMPORAL_CONFIG_FILE": filepath.Join(t.TempDir(), "absent.toml")}
	for i := 0; i+1 < len(kv); i += 2 {
		env[kv[i]] = kv[i+1]
	}
	return env
}

// isolateProcessEnv blanks the process's TEMPORAL_* settings for tests that go
// through the exported API, which reads the real environment. envconfig treats
// empty variables as "no value" for everything these tests rely on.
func isolateProcessEnv(t *testing.T) {
	t.Helper()
	t.Setenv("TEMPORAL_CONFIG_FILE", filepath.Join(t.TempDir(), "absent.toml"))
	for _, kv := range os.Environ() {
		if name, _, _ := strings.Cut(kv, "="); strings.HasPrefix(name, "TEMPORAL_") && name != "TEMPORAL_CONFIG_FILE" {
			t.Setenv(name, "")
		}
	}
	t.Setenv("TEMPORAL_ADDRESS", "")
	t.Setenv("TEMPORAL_NAMESPACE", "")
	t.Setenv("TEMPORAL_API_KEY", "")
	t.Setenv("TEMPORAL_PROFILE", "")
}
