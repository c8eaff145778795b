package payload

import (
	"os"
	"path/filepath"
	"strings"
	"testing"
)

func TestGenerateKeyFile(t *testing.T) {
	path := filepath.Join(t.TempDir(), ".data", "payload-keys.json")
	if err := GenerateKeyFile(path); err != nil {
		t.Fatal(err)
	}
	info, err := os.Stat(path)
	if err != nil {
		t.Fatal(err)
	}
	if perm := info.Mode().Perm(); perm != 0o600 {
		t.Errorf("mode = %v, want 0600", perm)
	}
	k, err := LoadKeys(path)
	if err != nil {
		t.Fatalf("generated file does not load: %v", err)
	}
	if ids := k.KeyIDs(); len(ids) != 1 || ids[0] != k.ActiveKeyID() {
		t.Errorf("keys %v, active %q", ids, k.ActiveKeyID())
	}
}

func TestGenerateKeyFileRefusesToOverwrite(t *testing.T) {
	path := filepath.Join(t.TempDir(), "payload-keys.json")
	if err := GenerateKeyFile(path); err != nil {
		t.Fatal(err)
	}
	before, _ := os.ReadFile(path)

	err := GenerateKeyFile(path)
	if err == nil || !strings.Contains(err.Error(), "already exists") {
		t.Fatalf("second GenerateKeyFile: err = %v, want a refusal", err)
	}
	after, _ := os.ReadFile(path)
	if string(before) != string(after) {
		t.Error("existing keys file was changed")
	}
}

func TestLoadKeysNamesTheFile(t *testing.T) {
	missing := filepath.Join(t.TempDir(), "nope.json")
	if _, err := LoadKeys(missing); err == nil || !strings.Contains(err.Error(), missing) {
		t.Errorf("missing file: err = %v", err)
	}
	bad := filepath.Join(t.TempDir(), "bad.json")
	if err := os.WriteFile(bad, []byte(`{"active":"k1","keys":{"k1":"AAAA"}}`), 0o600); err != nil {
		t.Fatal(err)
	}
	if _, err := LoadKeys(bad); err == nil || !strings.Contains(err.Error(), bad) || !strings.Contains(err.Error(), "want 32") {
		t.Errorf("bad file: err = %v", err)
	}
}

func TestKeyringFromEnv(t *testing.T) {
	fileKeys := newKeys(t, "from-file")
	path := filepath.Join(t.TempDir(), "keys.json")
	if err := os.WriteFile(path, keysJSON(t, "from-file", fileKeys), 0o600); err != nil {
		t.Fatal(err)
	}
	inline := string(keysJSON(t, "inline", newKeys(t, "inline")))

	t.Run("file first", func(t *testing.T) {
		t.Setenv(EnvKeysFile, path)
		t.Setenv(EnvKeys, inline)
		k, err := KeyringFromEnv()
		if err != nil || k.ActiveKeyID() != "from-file" {
			t.Fatalf("k = %v, err = %v; want the file's keys", k, err)
		}
	})
	t.Run("inline", func(t *testing.T) {
		t.Setenv(EnvKeysFile, "")
		t.Setenv(EnvKeys, inline)
		k, err := KeyringFromEnv()
		if err != nil || k.ActiveKeyID() != "inline" {
			t.Fatalf("k = %v, err = %v; want the inline keys", k, err)
		}
	})
	t.Run("inline error names the variable", func(t *testing.T) {
		t.Setenv(EnvKeysFile, "")
		t.Setenv(EnvKeys, `{"active":"x"}`)
		if _, err := KeyringFromEnv(); err == nil || !strings.Contains(err.Error(), EnvKeys) {
			t.Fatalf("err = %v", err)
		}
	})
	t.Run("neither", func(t *testing.T) {
		t.Setenv(EnvKeysFile, "")
		t.Setenv(EnvKeys, "")
		_, err := KeyringFromEnv()
		if err == nil || !strings.Contains(err.Error(), EnvKeysFile) || !strings.Contains(err.Error(), EnvKeys) {
			t.Fatalf("err = %v, want one naming both variables", err)
		}
	})
}
