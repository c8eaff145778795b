package payload

import (
	"crypto/rand"
	"encoding/base64"
	"encoding/json"
	"testing"
)

// citizen is a dossier fragment with the kind of personal data that must not
// reach Temporal in plaintext.
type citizen struct {
	FullName string
	IDNumber string
}

var an = citizen{FullName: "Nguyễn Văn An", IDNumber: "001203004567"}

// newKeys returns fresh random 32-byte keys under the given ids.
func newKeys(t *testing.T, ids ...string) map[string][]byte {
	t.Helper()
	keys := make(map[string][]byte, len(ids))
	for _, id := range ids {
		key := make([]byte, keySize)
		if _, err := rand.Read(key); err != nil {
			t.Fatal(err)
		}
		keys[id] = key
	}
	return keys
}

func mustKeyring(t *testing.T, active string, keys map[string][]byte) *Keyring {
	t.Helper()
	k, err := NewKeyring(active, keys)
	if err != nil {
		t.Fatal(err)
	}
	return k
}

// keysJSON renders keys in the keys-file format.
func keysJSON(t *testing.T, active string, keys map[string][]byte) []byte {
	t.Helper()
	f := keyFile{Active: active, Keys: map[string]string{}}
	for id, key := range keys {
		f.Keys[id] = base64.StdEncoding.EncodeToString(key)
	}
	data, err := json.Marshal(f)
	if err != nil {
		t.Fatal(err)
	}
	return data
}
