package payload

import (
	"bytes"
	"crypto/aes"
	"crypto/cipher"
	"encoding/base64"
	"encoding/json"
	"errors"
	"fmt"
	"regexp"
	"slices"
	"strings"
)

// keySize is the AES-256 key length in bytes.
const keySize = 32

// keyIDPattern keeps key ids short and plain because they are stored in clear
// in every payload's metadata and typed by operators into key files.
var keyIDPattern = regexp.MustCompile(`^[A-Za-z0-9._-]{1,64}$`)

// Keyring holds the payload encryption keys: one active key that seals new
// payloads and any number of retired keys kept to open old ones. It is safe for
// concurrent use. Its String method names key ids only, never key material.
// The zero Keyring holds no key; build one with NewKeyring, ParseKeyring,
// LoadKeys or KeyringFromEnv.
type Keyring struct {
	active string
	aeads  map[string]cipher.AEAD
}

// keyFile is the JSON shape of a keys file; see the package documentation.
type keyFile struct {
	Active string            `json:"active"`
	Keys   map[string]string `json:"keys"`
}

// NewKeyring builds a keyring from raw 32-byte keys indexed by key id, with
// active naming the key that seals new payloads.
func NewKeyring(active string, keys map[string][]byte) (*Keyring, error) {
	if len(keys) == 0 {
		return nil, errors.New("payload keys: no keys")
	}
	k := &Keyring{active: active, aeads: make(map[string]cipher.AEAD, len(keys))}
	for id, key := range keys {
		if !keyIDPattern.MatchString(id) {
			return nil, fmt.Errorf("payload keys: key id %q: use 1 to 64 letters, digits, '.', '_' or '-'", id)
		}
		if len(key) != keySize {
			return nil, fmt.Errorf("payload keys: key %q is %d bytes, want %d (AES-256)", id, len(key), keySize)
		}
		block, err := aes.NewCipher(key)
		if err != nil {
			return nil, fmt.Errorf("payload keys: key %q: %w", id, err)
		}
		aead, err := cipher.NewGCM(block)
		if err != nil {
			return nil, fmt.Errorf("payload keys: key %q: %w", id, err)
		}
		k.aeads[id] = aead
	}
	if active == "" {
		return nil, fmt.Errorf(`payload keys: "active" is empty; set it to one of: %s`, k.idList())
	}
	if _, ok := k.aeads[active]; !ok {
		return nil, fmt.Errorf("payload keys: active key %q is not among the keys (have %s)", active, k.idList())
	}
	return k, nil
}

// ParseKeyring reads a keyring from the JSON keys-file format described in the
// package documentation. Unknown fields are rejected so that a misspelt
// "active" is reported instead of ignored.
func ParseKeyring(data []byte) (*Keyring, error) {
	dec := json.NewDecoder(bytes.NewReader(data))
	dec.DisallowUnknownFields()
	var f keyFile
	if err := dec.Decode(&f); err != nil {
		return nil, fmt.Errorf(`payload keys: not a keys file ({"active": "...", "keys": {"id": "<base64>"}}): %w`, err)
	}
	if len(f.Keys) == 0 {
		return nil, errors.New(`payload keys: "keys" is empty`)
	}
	raw := make(map[string][]byte, len(f.Keys))
	for id, b64 := range f.Keys {
		key, err := base64.StdEncoding.DecodeString(strings.TrimSpace(b64))
		if err != nil {
			// The decoder's error names only a byte offset, never key material.
			return nil, fmt.Errorf("payload keys: key %q: bad base64 (want standard base64 of %d bytes, e.g. from `openssl rand -base64 32`): %w", id, keySize, err)
		}
		raw[id] = key
	}
	return NewKeyring(f.Active, raw)
}

// ActiveKeyID returns the id of the key that seals new payloads.
func (k *Keyring) ActiveKeyID() string { return k.active }

// KeyIDs returns every key id in the keyring, sorted.
func (k *Keyring) KeyIDs() []string {
	ids := make([]string, 0, len(k.aeads))
	for id := range k.aeads {
		ids = append(ids, id)
	}
	slices.Sort(ids)
	return ids
}

// String describes the keyring by key ids, so that printing or logging one by
// mistake cannot leak key material.
func (k *Keyring) String() string {
	return fmt.Sprintf("payload.Keyring{active: %s, keys: %s}", k.active, k.idList())
}

// GoString is String, so that %#v does not print the cipher state either.
func (k *Keyring) GoString() string { return k.String() }

func (k *Keyring) idList() string { return strings.Join(k.KeyIDs(), ", ") }
