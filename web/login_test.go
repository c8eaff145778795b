package web

import (
	"net/http"
	"net/url"
	"strings"
	"testing"

	"github.com/lienthong/lienthong/internal/teststack"
)

// Login, logout, the language switch and CSRF refusals, on a real stack.
func TestLoginLogoutAndCSRF(t *testing.T) {
	st := teststack.Start(t)
	srv, _ := app(t, st, 0)
	b := newBrowser(t, srv)

	if r := b.get("/"); r.Status != http.StatusSeeOther || r.Location != "/login" {
		t.Errorf("anonymous /: %d → %q, want 303 → /login", r.Status, r.Location)
	}
	if r := b.get("/inbox"); r.Status != http.StatusSeeOther || r.Location != "/login?next=%2Finbox" {
		t.Errorf("anonymous /inbox: %d → %q", r.Status, r.Location)
	}
	r := b.get("/login")
	if r.Status != http.StatusOK || !strings.Contains(r.Body, "Đăng nhập") || b.csrf == "" {
		t.Fatalf("login page: %d, csrf %q", r.Status, b.csrf)
	}

	// Wrong password, unknown user, and an account whose person is not in
	// the catalogue: the same refusal.
	for _, c := range [][2]string{{"toanlt", "wrong"}, {"nobody", testPassword}, {"ghost", testPassword}} {
		r := b.post("/login", url.Values{"username": {c[0]}, "password": {c[1]}})
		if r.Status != http.StatusUnauthorized || !strings.Contains(r.Body, `id="login-failed"`) {
			t.Errorf("login %s/%s: %d, want 401 with the failure message", c[0], c[1], r.Status)
		}
	}

	// A login POST from another site: no session cookie, no token.
	other := newBrowser(t, srv)
	r = other.post("/login", url.Values{"username": {"toanlt"}, "password": {testPassword}, "csrf": {"forged"}})
	if r.Status != http.StatusForbidden || !strings.Contains(r.Body, "Biểu mẫu đã hết hạn hoặc không hợp lệ") {
		t.Errorf("cross-site login: %d %s, want 403 with the explanation", r.Status, r.Body)
	}

	// A good login goes to where it was asked for, and starts a new session.
	before := cookie(b, srv.URL)
	r = b.post("/login", url.Values{"username": {"toanlt"}, "password": {testPassword}, "next": {"/inbox"}})
	if r.Status != http.StatusSeeOther || r.Location != "/inbox" {
		t.Fatalf("login: %d → %q", r.Status, r.Location)
	}
	session := cookie(b, srv.URL)
	if session == before || session == "" {
		t.Error("the session id did not change at login")
	}
	if r := b.get("/"); r.Location != "/intake" {
		t.Errorf("a clerk's home: %q, want /intake", r.Location)
	}
	r = b.get("/intake")
	if r.Status != http.StatusOK || !strings.Contains(r.Body, "Lê Trọng Toàn") || !strings.Contains(r.Body, "2.001610") {
		t.Errorf("intake page: %d", r.Status)
	}

	// Every POST needs the session's token: a forged one is a 403 and
	// changes nothing.
	r = b.post("/logout", url.Values{"csrf": {"AAAA"}})
	if r.Status != http.StatusForbidden || !strings.Contains(r.Body, `id="error"`) {
		t.Errorf("logout with a bad token: %d", r.Status)
	}
	if r := b.get("/intake"); r.Status != http.StatusOK {
		t.Errorf("still logged in after a refused logout? %d", r.Status)
	}

	// English by a switch, remembered.
	if r := b.get("/intake?lang=en"); !strings.Contains(r.Body, "Receive a dossier") || !strings.Contains(r.Body, `lang="en"`) {
		t.Error("?lang=en did not switch to English")
	}
	if r := b.get("/intake"); !strings.Contains(r.Body, "Receive a dossier") {
		t.Error("the language choice was not remembered")
	}
	b.get("/intake?lang=vi")

	// Logout ends the session, even for a copy of the old cookie.
	b.get("/intake")
	if r := b.post("/logout", url.Values{}); r.Status != http.StatusSeeOther || r.Location != "/login" {
		t.Errorf("logout: %d → %q", r.Status, r.Location)
	}
	if r := b.get("/intake"); r.Status != http.StatusSeeOther {
		t.Errorf("after logout /intake: %d, want a redirect to the login", r.Status)
	}
	replay := newBrowser(t, srv)
	u, _ := url.Parse(srv.URL)
	replay.c.Jar.SetCookies(u, []*http.Cookie{{Name: sessionCookie, Value: session}})
	if r := replay.get("/intake"); r.Status != http.StatusSeeOther {
		t.Errorf("old session cookie after logout: %d, want a redirect to the login", r.Status)
	}
}

// cookie returns the browser's session cookie.
func cookie(b *browser, base string) string {
	u, _ := url.Parse(base)
	for _, c := range b.c.Jar.Cookies(u) {
		if c.Name == sessionCookie {
			return c.Value
		}
	}
	return ""
}
