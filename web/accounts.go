package web

import (
	"crypto/pbkdf2"
	"crypto/rand"
	"crypto/sha256"
	"crypto/subtle"
	"encoding/base64"
	"encoding/json"
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"sync"
)

// Account is one local login: the username is the person's staff id in the
// organisation catalogue, which gives the units and roles.
type Account struct {
	Username     string `json:"username"`
	PasswordHash string `json:"passwordHash"`
}

// Accounts checks passwords. It is the seam where an OpenID Connect provider
// will plug in: anything that turns credentials into a staff id.
type Accounts interface {
	// Authenticate returns nil when password is the user's.
	Authenticate(username, password string) error
}

// ErrBadCredentials is returned for an unknown user or a wrong password alike.
var ErrBadCredentials = errors.New("web: wrong username or password")

// FileAccounts are local accounts read from a JSON file (accounts.json).
type FileAccounts struct {
	hashes map[string]string
}

// LoadAccounts reads an accounts file: a JSON array of Account.
func LoadAccounts(path string) (*FileAccounts, error) {
	data, err := os.ReadFile(path)
	if err != nil {
		return nil, fmt.Errorf("accounts: %w", err)
	}
	var list []Account
	if err := json.Unmarshal(data, &list); err != nil {
		return nil, fmt.Errorf("accounts %s: %w", path, err)
	}
	a := &FileAccounts{hashes: map[string]string{}}
	for i, acc := range list {
		if acc.Username == "" {
			return nil, fmt.Errorf("accounts %s: entry %d has no username", path, i)
		}
		if _, _, _, err := parseHash(acc.PasswordHash); err != nil {
			return nil, fmt.Errorf("accounts %s: %s: %w", path, acc.Username, err)
		}
		a.hashes[acc.Username] = acc.PasswordHash
	}
	return a, nil
}

// NewFileAccounts builds accounts from a list, for tests and tools.
func NewFileAccounts(list []Account) *FileAccounts {
	a := &FileAccounts{hashes: map[string]string{}}
	for _, acc := range list {
		a.hashes[acc.Username] = acc.PasswordHash
	}
	return a
}

// dummyHash is checked for unknown users so that they take as long as known
// ones.
var dummyHash = sync.OnceValue(func() string { return mustHash("not-a-password", DefaultIterations) })

// Authenticate implements Accounts.
func (a *FileAccounts) Authenticate(username, password string) error {
	h, ok := a.hashes[username]
	if !ok {
		_ = VerifyPassword(dummyHash(), password)
		return ErrBadCredentials
	}
	if VerifyPassword(h, password) != nil {
		return ErrBadCredentials
	}
	return nil
}

// DefaultIterations is the PBKDF2-SHA256 work factor of HashPassword
// (OWASP's 2023 recommendation).
const DefaultIterations = 600_000

const hashPrefix = "pbkdf2-sha256"

// HashPassword hashes a password for the accounts file:
// "pbkdf2-sha256$iterations$salt$hash" (salt and hash in unpadded base64).
func HashPassword(password string) (string, error) {
	return hashPassword(password, DefaultIterations)
}

func hashPassword(password string, iterations int) (string, error) {
	salt := make([]byte, 16)
	if _, err := rand.Read(salt); err != nil {
		return "", err
	}
	key, err := pbkdf2.Key(sha256.New, password, salt, iterations, 32)
	if err != nil {
		return "", err
	}
	enc := base64.RawStdEncoding
	return fmt.Sprintf("%s$%d$%s$%s", hashPrefix, iterations, enc.EncodeToString(salt), enc.EncodeToString(key)), nil
}

func mustHash(password string, iterations int) string {
	h, err := hashPassword(password, iterations)
	if err != nil {
		panic(err)
	}
	return h
}

// VerifyPassword checks a password against a hash made by HashPassword.
func VerifyPassword(hash, password string) error {
	iter, salt, want, err := parseHash(hash)
	if err != nil {
		return err
	}
	got, err := pbkdf2.Key(sha256.New, password, salt, iter, len(want))
	if err != nil {
		return err
	}
	if subtle.ConstantTimeCompare(got, want) != 1 {
		return ErrBadCredentials
	}
	return nil
}

func parseHash(h string) (int, []byte, []byte, error) {
	parts := strings.Split(h, "$")
	if len(parts) != 4 || parts[0] != hashPrefix {
		return 0, nil, nil, errors.New(`password hash is not "pbkdf2-sha256$iterations$salt$hash"`)
	}
	iter, err := strconv.Atoi(parts[1])
	if err != nil || iter < 1000 {
		return 0, nil, nil, errors.New("password hash: iterations must be a number of at least 1000")
	}
	enc := base64.RawStdEncoding
	salt, err1 := enc.DecodeString(parts[2])
	key, err2 := enc.DecodeString(parts[3])
	if err1 != nil || err2 != nil || len(salt) < 8 || len(key) < 16 {
		return 0, nil, nil, errors.New("password hash: salt or hash is not valid base64 of the right length")
	}
	return iter, salt, key, nil
}

// WriteDemoAccounts creates the accounts file at path with a random password
// for each of people, when no file exists there; it returns the passwords
// it chose (username → password) for the local stack to print, or nil when
// the file already existed.
func WriteDemoAccounts(path string, people []string) (map[string]string, error) {
	if _, err := os.Stat(path); err == nil {
		return nil, nil
	} else if !errors.Is(err, os.ErrNotExist) {
		return nil, err
	}
	passwords := map[string]string{}
	list := make([]Account, 0, len(people))
	for _, p := range people {
		pw := rand.Text()[:12]
		h, err := HashPassword(pw)
		if err != nil {
			return nil, err
		}
		passwords[p] = pw
		list = append(list, Account{Username: p, PasswordHash: h})
	}
	data, err := json.MarshalIndent(list, "", "  ")
	if err != nil {
		return nil, err
	}
	if err := os.MkdirAll(filepath.Dir(path), 0o700); err != nil {
		return nil, err
	}
	f, err := os.OpenFile(path, os.O_WRONLY|os.O_CREATE|os.O_EXCL, 0o600)
	if err != nil {
		return nil, err
	}
	if _, err := f.Write(append(data, '\n')); err != nil {
		f.Close()
		return nil, err
	}
	if err := f.Close(); err != nil {
		return nil, err
	}
	return passwords, nil
}
