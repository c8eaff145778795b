package web

import (
	"encoding/json"
	"net/http"
	"net/http/httptest"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"
)

func TestPasswordHash(t *testing.T) {
	t.Parallel()
	h, err := HashPassword("s3cret")
	if err != nil {
		t.Fatal(err)
	}
	if !strings.HasPrefix(h, "pbkdf2-sha256$600000$") {
		t.Errorf("hash %q: want pbkdf2-sha256$600000$…", h)
	}
	if err := VerifyPassword(h, "s3cret"); err != nil {
		t.Errorf("right password refused: %v", err)
	}
	if err := VerifyPassword(h, "S3cret"); err == nil {
		t.Error("wrong password accepted")
	}
	h2, _ := HashPassword("s3cret")
	if h == h2 {
		t.Error("two hashes of one password are equal: the salt is not random")
	}
	for _, bad := range []string{"", "plain", "pbkdf2-sha256$10$AAAAAAAAAAA$AAAAAAAAAAAAAAAAAAAAAAA", "md5$1000$a$b"} {
		if err := VerifyPassword(bad, "x"); err == nil {
			t.Errorf("hash %q accepted", bad)
		}
	}
}

func TestAccountsFile(t *testing.T) {
	t.Parallel()
	path := filepath.Join(t.TempDir(), "sub", "accounts.json")
	pw, err := WriteDemoAccounts(path, []string{"toanlt", "yentd"})
	if err != nil {
		t.Fatal(err)
	}
	if len(pw) != 2 || len(pw["toanlt"]) != 12 || pw["toanlt"] == pw["yentd"] {
		t.Fatalf("passwords %v", pw)
	}
	if fi, _ := os.Stat(path); fi.Mode().Perm() != 0o600 {
		t.Errorf("accounts file mode %v, want 0600", fi.Mode().Perm())
	}
	data, _ := os.ReadFile(path)
	if strings.Contains(string(data), pw["toanlt"]) {
		t.Error("the file holds a password in clear")
	}
	acc, err := LoadAccounts(path)
	if err != nil {
		t.Fatal(err)
	}
	if err := acc.Authenticate("toanlt", pw["toanlt"]); err != nil {
		t.Errorf("demo password refused: %v", err)
	}
	if acc.Authenticate("toanlt", pw["yentd"]) == nil || acc.Authenticate("nobody", "x") == nil {
		t.Error("a wrong password or an unknown user was accepted")
	}
	again, err := WriteDemoAccounts(path, []string{"toanlt"})
	if err != nil || again != nil {
		t.Errorf("second call: %v, %v; want nil, nil (the file is kept)", again, err)
	}
	bad := filepath.Join(t.TempDir(), "bad.json")
	b, _ := json.Marshal([]Account{{Username: "x", PasswordHash: "plain"}})
	_ = os.WriteFile(bad, b, 0o600)
	if _, err := LoadAccounts(bad); err == nil {
		t.Error("an account with a clear-text password was loaded")
	}
}

func TestSessionCookie(t *testing.T) {
	now := time.Date(2026, 11, 25, 9, 0, 0, 0, time.UTC)
	s := newSessions([]byte(strings.Repeat("k", 32)), time.Hour, false)
	s.now = func() time.Time { return now }
	w := httptest.NewRecorder()
	r := httptest.NewRequest(http.MethodGet, "/", nil)
	ss := s.start(w, r, "yentd")
	c := w.Result().Cookies()[0]
	if !c.HttpOnly || c.SameSite != http.SameSiteStrictMode || c.Secure {
		t.Errorf("cookie %+v: want HttpOnly, SameSite=Strict, not Secure over plain HTTP", c)
	}
	if got, err := s.decode(c.Value); err != nil || got.User != "yentd" {
		t.Fatalf("decode: %+v, %v", got, err)
	}
	// A forged user, a foreign key, expiry and logout are all refused.
	body, sig, _ := strings.Cut(c.Value, ".")
	if _, err := s.decode(strings.ToUpper(body[:4]) + body[4:] + "." + sig); err == nil {
		t.Error("tampered session accepted")
	}
	other := newSessions([]byte(strings.Repeat("x", 32)), time.Hour, false)
	if _, err := other.decode(c.Value); err == nil {
		t.Error("session signed with another key accepted")
	}
	now = now.Add(2 * time.Hour)
	if _, err := s.decode(c.Value); err == nil {
		t.Error("expired session accepted")
	}
	now = now.Add(-2 * time.Hour)
	s.revoke(ss)
	if _, err := s.decode(c.Value); err == nil {
		t.Error("session accepted after logout")
	}
	// Over TLS the cookie is Secure.
	w = httptest.NewRecorder()
	s.start(w, httptest.NewRequest(http.MethodGet, "https://desk.example/", nil), "")
	if !w.Result().Cookies()[0].Secure {
		t.Error("cookie over TLS is not Secure")
	}
}

func TestCSRFToken(t *testing.T) {
	s := newSessions([]byte(strings.Repeat("k", 32)), time.Hour, false)
	a, b := session{ID: "A"}, session{ID: "B"}
	form := func(tok string) *http.Request {
		r := httptest.NewRequest(http.MethodPost, "/", strings.NewReader("csrf="+tok))
		r.Header.Set("Content-Type", "application/x-www-form-urlencoded")
		return r
	}
	if !s.csrfOK(a, form(s.csrfToken(a))) {
		t.Error("the session's own token refused")
	}
	if s.csrfOK(a, form(s.csrfToken(b))) || s.csrfOK(a, form("")) || s.csrfOK(a, form("%%%")) {
		t.Error("another session's token, an empty or a malformed one accepted")
	}
}

func TestSafeNextAndRemaining(t *testing.T) {
	for in, want := range map[string]string{"/inbox": "/inbox", "//evil.example": "/", "https://evil.example": "/", "/\\evil": "/", "": "/"} {
		if got := safeNext(in); got != want {
			t.Errorf("safeNext(%q) = %q, want %q", in, got, want)
		}
	}
	now := time.Date(2026, 11, 25, 9, 0, 0, 0, time.UTC)
	if got := remaining(LangVI, now.Add(26*time.Hour+5*time.Minute), now); got != "còn 1 ngày 2 giờ" {
		t.Errorf("remaining: %q", got)
	}
	if got := remaining(LangEN, now.Add(-90*time.Minute), now); got != "late by 1 h 30 min" {
		t.Errorf("remaining late: %q", got)
	}
}

func TestTemplatesParseAndCatalogueComplete(t *testing.T) {
	pages, err := parsePages(templateFS)
	if err != nil {
		t.Fatal(err)
	}
	for _, p := range []string{"login", "error", "intake_list", "intake_form", "receipt", "inbox", "dossier"} {
		if pages[p] == nil {
			t.Errorf("no page %s", p)
		}
	}
	for k, m := range messages {
		if m[0] == "" || m[1] == "" {
			t.Errorf("message %q lacks a language", k)
		}
	}
}

func TestBilingual(t *testing.T) {
	msg := "bắt buộc: Tên / required: Name"
	if got := bilingual(LangVI, msg); got != "bắt buộc: Tên" {
		t.Errorf("vi: %q", got)
	}
	if got := bilingual(LangEN, msg); got != "required: Name" {
		t.Errorf("en: %q", got)
	}
	if got := bilingual(LangEN, "no separator"); got != "no separator" {
		t.Errorf("whole: %q", got)
	}
}
