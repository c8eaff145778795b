package web

import (
	"bytes"
	"io"
	"net/http"
	"net/http/cookiejar"
	"net/http/httptest"
	"net/url"
	"regexp"
	"strings"
	"sync"
	"testing"

	"go.uber.org/zap"
	"go.uber.org/zap/zapcore"

	"github.com/lienthong/lienthong/internal/teststack"
)

// testPassword is every test account's password; the hashes use few
// iterations to keep the tests fast.
const testPassword = "mật-khẩu-thử"

// testAccounts are the staff of the business registration procedure, a
// ward officer (trangcn), and an account whose person is not in the catalogue.
var testAccounts = []string{"toanlt", "yentd", "vinhmv", "toanct", "trangcn", "ghost"}

// app serves the web app against a real stack; its logs go to the returned
// buffer, to be scanned for personal data.
func app(t *testing.T, st *teststack.Stack, pageSize int) (*httptest.Server, *logBuffer) {
	t.Helper()
	var list []Account
	for _, u := range testAccounts {
		list = append(list, Account{Username: u, PasswordHash: mustHash(testPassword, 1000)})
	}
	logs := &logBuffer{}
	h, err := New(Config{
		Client: st.Client, Namespace: st.Server.Namespace(), Submitter: st.Sub, ReadModel: st.ReadModel,
		Catalogue: st.Cat, Accounts: NewFileAccounts(list), SessionKey: []byte(strings.Repeat("k", 32)),
		TemporalUI: "http://ui.example", PageSize: pageSize,
		Logger: zap.New(zapcore.NewCore(zapcore.NewJSONEncoder(zap.NewProductionEncoderConfig()), logs, zapcore.DebugLevel)),
	})
	if err != nil {
		t.Fatal(err)
	}
	srv := httptest.NewServer(h)
	t.Cleanup(srv.Close)
	return srv, logs
}

// logBuffer collects log lines from the handlers' goroutines.
type logBuffer struct {
	mu  sync.Mutex
	buf bytes.Buffer
}

func (l *logBuffer) Write(p []byte) (int, error) {
	l.mu.Lock()
	defer l.mu.Unlock()
	return l.buf.Write(p)
}

func (l *logBuffer) Sync() error { return nil }

func (l *logBuffer) String() string {
	l.mu.Lock()
	defer l.mu.Unlock()
	return l.buf.String()
}

// browser keeps cookies and does not follow redirects, so tests see them.
type browser struct {
	t    *testing.T
	base string
	c    *http.Client
	// csrf is the token of the last page that had a form.
	csrf string
}

func newBrowser(t *testing.T, srv *httptest.Server) *browser {
	jar, _ := cookiejar.New(nil)
	return &browser{t: t, base: srv.URL, c: &http.Client{Jar: jar, CheckRedirect: func(*http.Request, []*http.Request) error {
		return http.ErrUseLastResponse
	}}}
}

// resp is a response with its body read.
type resp struct {
	Status   int
	Body     string
	Location string
}

var csrfRE = regexp.MustCompile(`name="csrf" value="([^"]+)"`)

func (b *browser) do(req *http.Request) resp {
	b.t.Helper()
	res, err := b.c.Do(req)
	if err != nil {
		b.t.Fatal(err)
	}
	defer res.Body.Close()
	body, _ := io.ReadAll(res.Body)
	if m := csrfRE.FindSubmatch(body); m != nil {
		b.csrf = string(m[1])
	}
	return resp{Status: res.StatusCode, Body: string(body), Location: res.Header.Get("Location")}
}

func (b *browser) get(path string) resp {
	b.t.Helper()
	req, _ := http.NewRequest(http.MethodGet, b.base+path, nil)
	return b.do(req)
}

// post sends a form with the current CSRF token unless the form has one.
func (b *browser) post(path string, form url.Values) resp {
	b.t.Helper()
	if !form.Has("csrf") {
		form.Set("csrf", b.csrf)
	}
	req, _ := http.NewRequest(http.MethodPost, b.base+path, strings.NewReader(form.Encode()))
	req.Header.Set("Content-Type", "application/x-www-form-urlencoded")
	return b.do(req)
}

// login logs user in and fails the test if that does not work.
func (b *browser) login(user string) {
	b.t.Helper()
	b.get("/login")
	r := b.post("/login", url.Values{"username": {user}, "password": {testPassword}})
	if r.Status != http.StatusSeeOther {
		b.t.Fatalf("login %s: status %d, body %s", user, r.Status, r.Body)
	}
}

// follow GETs the redirect target of r.
func (b *browser) follow(r resp) resp {
	b.t.Helper()
	if r.Status != http.StatusSeeOther {
		b.t.Fatalf("want 303, got %d: %s", r.Status, r.Body)
	}
	return b.get(r.Location)
}
