package web

import (
	"crypto/rand"
	"errors"
	"net/http"
	"net/url"
	"regexp"
	"slices"
	"sort"
	"strings"
	"time"

	"go.uber.org/zap"

	"github.com/lienthong/lienthong/intake"
	"github.com/lienthong/lienthong/procedure"
	"github.com/lienthong/lienthong/workflows"
)

// formTokenField is the hidden field holding the intake form's one-time
// token: the submission's request id, so the same form posted twice (a
// double click, a reload) is one dossier.
const formTokenField = "form_token"

// formToken is what rand.Text makes: 26 base32 characters.
var formToken = regexp.MustCompile(`^[A-Z2-7]{26}$`)

// procedureItem is a line of the procedure list.
type procedureItem struct {
	Code string
	Name procedure.Text
}

// inForce lists the procedures in force today, by code.
func (s *server) inForce(now time.Time) []procedure.Procedure {
	seen := map[string]bool{}
	var out []procedure.Procedure
	for _, p := range s.cfg.Catalogue.Procedures {
		if seen[p.Code] {
			continue
		}
		seen[p.Code] = true
		if cur, err := s.cfg.Catalogue.ProcedureAt(p.Code, now.In(vnZone)); err == nil {
			out = append(out, cur)
		}
	}
	sort.Slice(out, func(i, j int) bool { return out[i].Code < out[j].Code })
	return out
}

// intakeList lets a clerk pick a procedure by code or name.
func (s *server) intakeList(q *req) {
	if q.user.Desk == "" {
		s.fail(q, http.StatusForbidden, "no.desk")
		return
	}
	filter := strings.ToLower(strings.TrimSpace(q.r.URL.Query().Get("q")))
	var items []procedureItem
	for _, p := range s.inForce(s.cfg.Now()) {
		hay := strings.ToLower(p.Code + " " + p.Name.VI + " " + p.Name.EN)
		if filter == "" || strings.Contains(hay, filter) {
			items = append(items, procedureItem{Code: p.Code, Name: p.Name})
		}
	}
	s.render(q, http.StatusOK, "intake_list", "intake", map[string]any{"Procedures": items, "Query": filter})
}

// intakeData is the intake form: the procedure, what was typed, and the
// errors per field.
type intakeData struct {
	Proc     procedure.Procedure
	Desk     string
	DeskName string
	Token    string
	Channel  string
	Values   map[string]string
	Docs     map[string]bool
	// Errors maps a field key ("documents", "channel" or a dossier field's
	// key) to its messages; General holds the rest.
	Errors  map[string][]string
	General []string
}

// Channels lists the channels for the select.
func (intakeData) Channels() []string { return []string{"desk", "post", "online"} }

func (s *server) procedureFor(q *req) (procedure.Procedure, bool) {
	if q.user.Desk == "" {
		s.fail(q, http.StatusForbidden, "no.desk")
		return procedure.Procedure{}, false
	}
	p, err := s.cfg.Catalogue.ProcedureAt(q.r.PathValue("procedure"), s.cfg.Now().In(vnZone))
	if err != nil {
		s.fail(q, http.StatusNotFound, "not.found")
		return procedure.Procedure{}, false
	}
	return p, true
}

// intakeForm shows the form of a procedure with a fresh one-time token.
func (s *server) intakeForm(q *req) {
	p, ok := s.procedureFor(q)
	if !ok {
		return
	}
	d := intakeData{Proc: p, Desk: q.user.Desk, DeskName: s.unitName(q.lang, q.user.Desk), Token: rand.Text(),
		Channel: string(workflows.ChannelDesk), Values: map[string]string{}, Docs: map[string]bool{}, Errors: map[string][]string{}}
	s.render(q, http.StatusOK, "intake_form", "intake", d)
}

// intakeSubmit receives the dossier: the logged-in clerk at their desk, the
// form token as request id. Errors re-render the form, values kept, each
// message beside its field.
func (s *server) intakeSubmit(q *req) {
	p, ok := s.procedureFor(q)
	if !ok {
		return
	}
	f := q.r.PostForm
	d := intakeData{Proc: p, Desk: q.user.Desk, DeskName: s.unitName(q.lang, q.user.Desk), Token: f.Get(formTokenField),
		Channel: f.Get("channel"), Values: map[string]string{}, Docs: map[string]bool{}, Errors: map[string][]string{}}
	if !formToken.MatchString(d.Token) {
		s.fail(q, http.StatusForbidden, "csrf.bad")
		return
	}
	ir := intake.Request{Procedure: p.Code, Desk: q.user.Desk, ReceivedBy: q.user.ID, Channel: workflows.Channel(d.Channel),
		Fields: map[string]string{}, RequestID: "web:" + q.user.ID + ":" + d.Token}
	for _, fd := range p.Fields {
		v := strings.TrimSpace(f.Get("f." + fd.Key))
		d.Values[fd.Key] = v
		if v != "" {
			ir.Fields[fd.Key] = v
		}
	}
	for _, doc := range f["doc"] {
		if slices.ContainsFunc(p.Documents, func(x procedure.Document) bool { return x.Key == doc }) && !d.Docs[doc] {
			d.Docs[doc] = true
			ir.Documents = append(ir.Documents, doc)
		}
	}
	rc, err := s.cfg.Submitter.Submit(q.r.Context(), ir)
	var fe intake.FieldErrors
	switch {
	case errors.As(err, &fe):
		for _, e := range fe {
			key := strings.TrimPrefix(e.Field, "fields.")
			if key == "documents" || key == "channel" || slices.ContainsFunc(p.Fields, func(x procedure.Field) bool { return x.Key == key }) {
				d.Errors[key] = append(d.Errors[key], bilingual(q.lang, e.Message))
			} else {
				d.General = append(d.General, bilingual(q.lang, e.Message))
			}
		}
		// Field names only: the values may be personal data.
		s.log.Info("web: intake refused", zap.String("procedure", p.Code), zap.String("clerk", q.user.ID), zap.Int("errors", len(fe)))
		s.render(q, http.StatusUnprocessableEntity, "intake_form", "intake", d)
		return
	case err != nil:
		s.log.Error("web: intake failed", zap.String("procedure", p.Code), zap.String("clerk", q.user.ID), zap.Error(err))
		d.General = append(d.General, T(q.lang, "error"))
		s.render(q, http.StatusServiceUnavailable, "intake_form", "intake", d)
		return
	}
	s.log.Info("web: dossier received", zap.String("code", rc.Code), zap.String("clerk", q.user.ID), zap.Bool("existing", rc.Existing))
	target := "/receipts/" + url.PathEscape(rc.Code)
	if rc.Existing {
		target += "?existing=1"
	}
	http.Redirect(q.w, q.r, target, http.StatusSeeOther)
}

// receipt prints the giấy tiếp nhận hồ sơ và hẹn trả kết quả.
func (s *server) receipt(q *req) {
	slip, ok := s.slipFor(q)
	if !ok {
		return
	}
	s.render(q, http.StatusOK, "receipt", "receipt", map[string]any{
		"Slip": slip, "DeskName": s.unitName(q.lang, slip.Desk), "Existing": q.r.URL.Query().Get("existing") == "1",
		"Clerk": s.personName(firstGiver(slip)),
	})
}

// firstGiver is the clerk who received the dossier (the first row's giver).
func firstGiver(slip workflows.Slip) string {
	if len(slip.Rows) > 0 {
		return slip.Rows[0].GivenBy
	}
	return ""
}

func (s *server) personName(id string) string {
	if p, ok := s.org.Person(id); ok {
		return p.Name
	}
	return id
}
