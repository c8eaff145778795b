// Package web is the desk: server-rendered pages for clerks, officers and
// heads, Vietnamese first with an English switch, printable where paper is
// still used, and usable without JavaScript. It logs people in against local
// accounts bound to the organisation catalogue, receives dossiers through
// intake.Submitter, lists a unit's inbox from the read model and sends
// decisions to the dossier workflows as Updates.
package web

import (
	"embed"
	"errors"
	"fmt"
	"html/template"
	"io/fs"
	"net/http"
	"time"

	"go.temporal.io/sdk/client"
	"go.uber.org/zap"

	"github.com/lienthong/lienthong/intake"
	"github.com/lienthong/lienthong/procedure"
	"github.com/lienthong/lienthong/readmodel"
)

//go:embed templates/*.html
var templateFS embed.FS

// Config is what the web app needs.
type Config struct {
	// Client talks to Temporal: slip queries and decisions.
	Client client.Client
	// Namespace is the Temporal namespace, for links to the Temporal UI.
	Namespace string
	// Submitter receives dossiers.
	Submitter *intake.Submitter
	// ReadModel lists units' inboxes.
	ReadModel *readmodel.Store
	// Catalogue gives procedures, and the organisation that binds accounts
	// to units and roles.
	Catalogue *procedure.Catalogue
	// Accounts checks passwords.
	Accounts Accounts
	// SessionKey signs session cookies and CSRF tokens: at least 32 random
	// bytes, kept secret and stable across restarts.
	SessionKey []byte
	// SessionTTL is how long a login lasts (default 10 hours: a working day).
	SessionTTL time.Duration
	// SecureCookies marks cookies Secure even when the request did not come
	// over TLS (behind a TLS-terminating proxy).
	SecureCookies bool
	// TemporalUI is the Temporal UI's base URL, e.g. http://127.0.0.1:8233;
	// empty hides the administrators' link.
	TemporalUI string
	// Logger receives codes and staff ids only, never citizens' data.
	Logger *zap.Logger
	// Now is the clock (default time.Now).
	Now func() time.Time
	// PageSize is the number of inbox rows a page shows (default 50).
	PageSize int
}

// server holds the parsed templates and the configuration.
type server struct {
	cfg   Config
	org   *procedure.Organisation
	sess  *sessions
	pages map[string]*template.Template
	log   *zap.Logger
}

// New returns the web app's handler.
func New(cfg Config) (http.Handler, error) {
	switch {
	case cfg.Client == nil || cfg.Submitter == nil || cfg.ReadModel == nil || cfg.Catalogue == nil || cfg.Accounts == nil:
		return nil, errors.New("web: Client, Submitter, ReadModel, Catalogue and Accounts are required")
	case len(cfg.SessionKey) < 32:
		return nil, errors.New("web: the session key must be at least 32 bytes")
	}
	if cfg.SessionTTL == 0 {
		cfg.SessionTTL = 10 * time.Hour
	}
	if cfg.Logger == nil {
		cfg.Logger = zap.NewNop()
	}
	if cfg.Now == nil {
		cfg.Now = time.Now
	}
	if cfg.Namespace == "" {
		cfg.Namespace = "default"
	}
	s := &server{cfg: cfg, org: &cfg.Catalogue.Organisation, log: cfg.Logger,
		sess: newSessions(cfg.SessionKey, cfg.SessionTTL, cfg.SecureCookies)}
	s.sess.now = cfg.Now
	var err error
	if s.pages, err = parsePages(templateFS); err != nil {
		return nil, err
	}
	mux := http.NewServeMux()
	mux.HandleFunc("GET /{$}", s.handle(s.home))
	mux.HandleFunc("GET /login", s.handle(s.loginPage))
	mux.HandleFunc("POST /login", s.handle(s.login))
	mux.HandleFunc("POST /logout", s.handle(s.logout))
	mux.HandleFunc("GET /intake", s.handle(s.authed(s.intakeList)))
	mux.HandleFunc("GET /intake/{procedure}", s.handle(s.authed(s.intakeForm)))
	mux.HandleFunc("POST /intake/{procedure}", s.handle(s.authed(s.intakeSubmit)))
	mux.HandleFunc("GET /receipts/{code}", s.handle(s.authed(s.receipt)))
	mux.HandleFunc("GET /inbox", s.handle(s.authed(s.inbox)))
	mux.HandleFunc("GET /dossiers/{code}", s.handle(s.authed(s.dossier)))
	mux.HandleFunc("POST /dossiers/{code}/decide", s.handle(s.authed(s.decide)))
	mux.HandleFunc("GET /healthz", func(w http.ResponseWriter, _ *http.Request) { _, _ = w.Write([]byte("ok\n")) })
	return securityHeaders(mux), nil
}

// parsePages parses each page template together with the layout.
func parsePages(fsys fs.FS) (map[string]*template.Template, error) {
	names, err := fs.Glob(fsys, "templates/*.html")
	if err != nil {
		return nil, err
	}
	pages := map[string]*template.Template{}
	for _, n := range names {
		base := n[len("templates/") : len(n)-len(".html")]
		if base == "layout" {
			continue
		}
		t, err := template.New(base).Funcs(funcs).ParseFS(fsys, "templates/layout.html", n)
		if err != nil {
			return nil, fmt.Errorf("web: template %s: %w", n, err)
		}
		pages[base] = t
	}
	return pages, nil
}

// securityHeaders forbids framing, sniffing and third-party content, and
// keeps pages holding personal data out of caches.
func securityHeaders(next http.Handler) http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		h := w.Header()
		h.Set("Content-Security-Policy", "default-src 'self'; style-src 'self' 'unsafe-inline'; form-action 'self'; frame-ancestors 'none'")
		h.Set("X-Frame-Options", "DENY")
		h.Set("X-Content-Type-Options", "nosniff")
		h.Set("Referrer-Policy", "same-origin")
		h.Set("Cache-Control", "no-store")
		next.ServeHTTP(w, r)
	})
}
