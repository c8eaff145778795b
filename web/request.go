package web

import (
	"bytes"
	"html/template"
	"net/http"
	"net/url"
	"time"

	"go.uber.org/zap"

	"github.com/lienthong/lienthong/procedure"
)

// maxForm bounds a form body: an intake form is a few kilobytes.
const maxForm = 64 << 10

// req is one request with what every page needs.
type req struct {
	w    http.ResponseWriter
	r    *http.Request
	lang Lang
	sess session
	user *User // nil when not logged in
}

// handle loads the language and session, and refuses a POST whose CSRF token
// does not match the session with a 403 page.
func (s *server) handle(fn func(*req)) http.HandlerFunc {
	return func(w http.ResponseWriter, r *http.Request) {
		q := &req{w: w, r: r, lang: langOf(w, r, s.cfg.SecureCookies || r.TLS != nil), sess: s.sess.load(w, r)}
		if q.sess.User != "" {
			q.user = s.userOf(q.sess.User)
		}
		if r.Method == http.MethodPost {
			r.Body = http.MaxBytesReader(w, r.Body, maxForm)
			if err := r.ParseForm(); err != nil {
				s.fail(q, http.StatusBadRequest, "error")
				return
			}
			if !s.sess.csrfOK(q.sess, r) {
				s.log.Warn("web: CSRF token refused", zap.String("path", r.URL.Path), zap.String("user", q.sess.User))
				s.fail(q, http.StatusForbidden, "csrf.bad")
				return
			}
		}
		fn(q)
	}
}

// authed sends people who are not logged in to the login page.
func (s *server) authed(fn func(*req)) func(*req) {
	return func(q *req) {
		if q.user == nil {
			if q.r.Method == http.MethodGet {
				http.Redirect(q.w, q.r, "/login?next="+url.QueryEscape(q.r.URL.RequestURI()), http.StatusSeeOther)
				return
			}
			s.fail(q, http.StatusForbidden, "forbidden")
			return
		}
		fn(q)
	}
}

// page is what every template receives.
type page struct {
	Lang  Lang
	User  *User
	CSRF  string
	Path  string
	Title string
	Data  any
}

// T translates a message key.
func (p page) T(key string) string { return T(p.Lang, key) }

// Text picks the page's language of a catalogue text.
func (p page) Text(t procedure.Text) string { return text(p.Lang, t) }

// Other is the language the switch offers.
func (p page) Other() Lang {
	if p.Lang == LangEN {
		return LangVI
	}
	return LangEN
}

// Unit names a unit in the page's language.
func (s *server) unitName(lang Lang, code string) string {
	if u, ok := s.org.Unit(code); ok {
		return text(lang, u.Name)
	}
	return code
}

// render writes a page with status.
func (s *server) render(q *req, status int, name, titleKey string, data any) {
	t, ok := s.pages[name]
	if !ok {
		http.Error(q.w, "no template "+name, http.StatusInternalServerError)
		return
	}
	p := page{Lang: q.lang, User: q.user, CSRF: s.sess.csrfToken(q.sess), Path: q.r.URL.Path, Title: T(q.lang, titleKey), Data: data}
	var buf bytes.Buffer
	if err := t.ExecuteTemplate(&buf, "layout", p); err != nil {
		s.log.Error("web: render", zap.String("page", name), zap.Error(err))
		http.Error(q.w, T(q.lang, "error"), http.StatusInternalServerError)
		return
	}
	q.w.Header().Set("Content-Type", "text/html; charset=utf-8")
	q.w.WriteHeader(status)
	_, _ = q.w.Write(buf.Bytes())
}

// fail renders the error page with a message key.
func (s *server) fail(q *req, status int, msgKey string) {
	s.render(q, status, "error", msgKey, map[string]any{"Status": status, "Message": T(q.lang, msgKey)})
}

// failMsg renders the error page with a message already in words.
func (s *server) failMsg(q *req, status int, titleKey, msg string) {
	s.render(q, status, "error", titleKey, map[string]any{"Status": status, "Message": msg})
}

// vnZone is Asia/Ho_Chi_Minh (no daylight saving), for showing times.
var vnZone = time.FixedZone("ICT", 7*3600)

var funcs = template.FuncMap{
	"when": func(t time.Time) string {
		if t.IsZero() {
			return ""
		}
		return t.In(vnZone).Format("15:04 02/01/2006")
	},
	"date": func(t time.Time) string {
		if t.IsZero() {
			return ""
		}
		return t.In(vnZone).Format("02/01/2006")
	},
}
