package payload

import (
	"crypto/rand"
	"encoding/base64"
	"encoding/json"
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"time"
)

// Environment variables that locate the keys, checked in this order.
const (
	// EnvKeysFile names a keys file; the usual setting, e.g. a mounted secret.
	EnvKeysFile = "LIENTHONG_PAYLOAD_KEYS_FILE"
	// EnvKeys holds the keys-file JSON itself, for platforms that only pass
	// secrets as environment variables.
	EnvKeys = "LIENTHONG_PAYLOAD_KEYS"
)

// LoadKeys reads a keyring from the JSON keys file at path.
func LoadKeys(path string) (*Keyring, error) {
	data, err := os.ReadFile(path)
	if err != nil {
		return nil, fmt.Errorf("payload keys: read %s: %w", path, err)
	}
	k, err := ParseKeyring(data)
	if err != nil {
		return nil, fmt.Errorf("%s: %w", path, err)
	}
	return k, nil
}

// KeyringFromEnv loads the keyring named by the environment: the file in
// LIENTHONG_PAYLOAD_KEYS_FILE if set, else the JSON in LIENTHONG_PAYLOAD_KEYS.
// With neither set it fails rather than run unencrypted, because a process
// that silently wrote plaintext would put personal data into Temporal.
func KeyringFromEnv() (*Keyring, error) {
	if path := os.Getenv(EnvKeysFile); path != "" {
		return LoadKeys(path)
	}
	if inline := os.Getenv(EnvKeys); inline != "" {
		k, err := ParseKeyring([]byte(inline))
		if err != nil {
			return nil, fmt.Errorf("%s: %w", EnvKeys, err)
		}
		return k, nil
	}
	return nil, fmt.Errorf("payload keys: neither %s nor %s is set; point %s at a keys file "+
		"(the local stack creates .data/payload-keys.json on first start) or put the keys JSON in %s",
		EnvKeysFile, EnvKeys, EnvKeysFile, EnvKeys)
}

// GenerateKeyFile writes a new keys file at path holding one fresh random key,
// active, with an id made from today's UTC date (e.g. "k20260212"). The file
// is created with mode 0600 (and its directory with 0700 if missing). It
// refuses to overwrite an existing file, because replacing keys would make
// every history sealed with them unreadable.
func GenerateKeyFile(path string) error {
	key := make([]byte, keySize)
	if _, err := rand.Read(key); err != nil {
		return fmt.Errorf("payload keys: generate key: %w", err)
	}
	id := time.Now().UTC().Format("k20060102")
	data, err := json.MarshalIndent(keyFile{
		Active: id,
		Keys:   map[string]string{id: base64.StdEncoding.EncodeToString(key)},
	}, "", "  ")
	if err != nil {
		return fmt.Errorf("payload keys: encode key file: %w", err)
	}
	data = append(data, '\n')

	if err := os.MkdirAll(filepath.Dir(path), 0o700); err != nil {
		return fmt.Errorf("payload keys: create directory for %s: %w", path, err)
	}
	// O_EXCL makes the existence check and the creation one step, so two
	// processes starting at once cannot both write a key.
	f, err := os.OpenFile(path, os.O_WRONLY|os.O_CREATE|os.O_EXCL, 0o600)
	if errors.Is(err, os.ErrExist) {
		return fmt.Errorf("payload keys: %s already exists; refusing to overwrite keys that may still be needed to read histories", path)
	}
	if err != nil {
		return fmt.Errorf("payload keys: create %s: %w", path, err)
	}
	if _, err := f.Write(data); err != nil {
		_ = f.Close()
		_ = os.Remove(path)
		return fmt.Errorf("payload keys: write %s: %w", path, err)
	}
	if err := f.Sync(); err != nil {
		_ = f.Close()
		_ = os.Remove(path)
		return fmt.Errorf("payload keys: write %s: %w", path, err)
	}
	if err := f.Close(); err != nil {
		_ = os.Remove(path)
		return fmt.Errorf("payload keys: write %s: %w", path, err)
	}
	return nil
}
