package web

import (
	"crypto/hmac"
	"encoding/base64"
	"net/http"
)

// csrfField is the hidden form field holding the CSRF token.
const csrfField = "csrf"

// csrfToken is the token every form of the session carries: an HMAC of the
// session id, so it needs no storage and dies with the session.
func (s *sessions) csrfToken(ss session) string {
	return base64.RawURLEncoding.EncodeToString(s.mac("csrf", []byte(ss.ID)))
}

// csrfOK checks the token of a POST against the session.
func (s *sessions) csrfOK(ss session, r *http.Request) bool {
	got, err := base64.RawURLEncoding.DecodeString(r.PostFormValue(csrfField))
	return err == nil && hmac.Equal(got, s.mac("csrf", []byte(ss.ID)))
}
