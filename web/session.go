package web

import (
	"crypto/hmac"
	"crypto/rand"
	"crypto/sha256"
	"encoding/base64"
	"encoding/json"
	"errors"
	"net/http"
	"strings"
	"sync"
	"time"
)

// sessionCookie holds the signed session.
const sessionCookie = "lt_session"

// session is what the signed cookie carries. Every visitor has one; User is
// empty until they log in, and logging in starts a new session (new ID).
type session struct {
	ID      string    `json:"id"`
	User    string    `json:"u,omitempty"`
	Expires time.Time `json:"exp"`
}

// sessions signs and checks session cookies with HMAC-SHA256 and remembers
// the sessions logged out before their expiry.
type sessions struct {
	key    []byte
	ttl    time.Duration
	secure bool
	now    func() time.Time

	mu      sync.Mutex
	revoked map[string]time.Time // id → expiry
}

func newSessions(key []byte, ttl time.Duration, secure bool) *sessions {
	return &sessions{key: key, ttl: ttl, secure: secure, now: time.Now, revoked: map[string]time.Time{}}
}

// mac signs data with the session key under a purpose label, so a value
// signed for one purpose is never valid for another.
func (s *sessions) mac(purpose string, data []byte) []byte {
	m := hmac.New(sha256.New, s.key)
	m.Write([]byte(purpose))
	m.Write([]byte{0})
	m.Write(data)
	return m.Sum(nil)
}

func (s *sessions) encode(ss session) string {
	body, _ := json.Marshal(ss)
	enc := base64.RawURLEncoding
	return enc.EncodeToString(body) + "." + enc.EncodeToString(s.mac("session", body))
}

var errBadSession = errors.New("web: bad session")

func (s *sessions) decode(v string) (session, error) {
	b64, sig, ok := strings.Cut(v, ".")
	if !ok {
		return session{}, errBadSession
	}
	enc := base64.RawURLEncoding
	body, err1 := enc.DecodeString(b64)
	mac, err2 := enc.DecodeString(sig)
	if err1 != nil || err2 != nil || !hmac.Equal(mac, s.mac("session", body)) {
		return session{}, errBadSession
	}
	var ss session
	if err := json.Unmarshal(body, &ss); err != nil || ss.ID == "" {
		return session{}, errBadSession
	}
	if !s.now().Before(ss.Expires) || s.isRevoked(ss.ID) {
		return session{}, errBadSession
	}
	return ss, nil
}

// load returns the request's session, starting an anonymous one (and setting
// its cookie) when there is none or it is not valid.
func (s *sessions) load(w http.ResponseWriter, r *http.Request) session {
	if c, err := r.Cookie(sessionCookie); err == nil {
		if ss, err := s.decode(c.Value); err == nil {
			return ss
		}
	}
	return s.start(w, r, "")
}

// start issues a new session for user ("" = anonymous) and sets its cookie.
func (s *sessions) start(w http.ResponseWriter, r *http.Request, user string) session {
	ss := session{ID: rand.Text(), User: user, Expires: s.now().Add(s.ttl).UTC().Truncate(time.Second)}
	http.SetCookie(w, &http.Cookie{
		Name: sessionCookie, Value: s.encode(ss), Path: "/", Expires: ss.Expires,
		HttpOnly: true, SameSite: http.SameSiteStrictMode, Secure: s.secure || r.TLS != nil,
	})
	return ss
}

// revoke ends a session before its expiry (logout).
func (s *sessions) revoke(ss session) {
	s.mu.Lock()
	defer s.mu.Unlock()
	now := s.now()
	for id, exp := range s.revoked {
		if now.After(exp) {
			delete(s.revoked, id)
		}
	}
	s.revoked[ss.ID] = ss.Expires
}

func (s *sessions) isRevoked(id string) bool {
	s.mu.Lock()
	defer s.mu.Unlock()
	_, ok := s.revoked[id]
	return ok
}
