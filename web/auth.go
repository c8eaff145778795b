package web

import (
	"net/http"
	"slices"
	"strings"

	"go.uber.org/zap"

	"github.com/lienthong/lienthong/procedure"
)

// User is a logged-in member of staff, with the units and roles the
// organisation catalogue gives them today.
type User struct {
	ID    string
	Name  string
	Units []string
	// Roles maps each unit to the person's roles there.
	Roles map[string][]procedure.Role
	// Desk is the one-stop desk where the person receives dossiers as a
	// clerk; empty when they are not a clerk anywhere.
	Desk    string
	IsAdmin bool
}

// userOf builds the User of a staff id; nil when the catalogue no longer
// knows them (their session ends).
func (s *server) userOf(id string) *User {
	p, ok := s.org.Person(id)
	if !ok {
		return nil
	}
	u := &User{ID: id, Name: p.Name, Units: s.org.UnitsOf(id), Roles: map[string][]procedure.Role{}}
	for _, unit := range u.Units {
		roles := s.org.RolesOf(id, unit)
		u.Roles[unit] = roles
		if u.Desk == "" && slices.Contains(roles, procedure.RoleClerk) {
			u.Desk = unit
		}
		u.IsAdmin = u.IsAdmin || slices.Contains(roles, procedure.RoleAdmin)
	}
	return u
}

// home sends people where their work is.
func (s *server) home(q *req) {
	switch {
	case q.user == nil:
		http.Redirect(q.w, q.r, "/login", http.StatusSeeOther)
	case q.user.Desk != "":
		http.Redirect(q.w, q.r, "/intake", http.StatusSeeOther)
	default:
		http.Redirect(q.w, q.r, "/inbox", http.StatusSeeOther)
	}
}

type loginData struct {
	Username string
	Next     string
	Failed   bool
}

func (s *server) loginPage(q *req) {
	s.render(q, http.StatusOK, "login", "login", loginData{Next: safeNext(q.r.URL.Query().Get("next"))})
}

// login checks the password and starts a new session (a new id, so a session
// fixed before the login is worthless after it).
func (s *server) login(q *req) {
	user := strings.TrimSpace(q.r.PostFormValue("username"))
	next := safeNext(q.r.PostFormValue("next"))
	err := s.cfg.Accounts.Authenticate(user, q.r.PostFormValue("password"))
	if err == nil && s.userOf(user) == nil {
		err = ErrBadCredentials // an account whose person left the catalogue
	}
	if err != nil {
		s.log.Info("web: login failed")
		s.render(q, http.StatusUnauthorized, "login", "login", loginData{Username: user, Next: next, Failed: true})
		return
	}
	s.sess.start(q.w, q.r, user)
	s.log.Info("web: login", zap.String("user", user))
	http.Redirect(q.w, q.r, next, http.StatusSeeOther)
}

func (s *server) logout(q *req) {
	s.sess.revoke(q.sess)
	s.sess.start(q.w, q.r, "")
	http.Redirect(q.w, q.r, "/login", http.StatusSeeOther)
}

// safeNext keeps a redirect target on this site.
func safeNext(next string) string {
	if !strings.HasPrefix(next, "/") || strings.HasPrefix(next, "//") || strings.HasPrefix(next, "/\\") {
		return "/"
	}
	return next
}
