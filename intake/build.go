package intake

import (
	"fmt"
	"regexp"
	"slices"
	"sort"
	"strings"
	"time"
	"unicode/utf8"

	"github.com/lienthong/lienthong/procedure"
	"github.com/lienthong/lienthong/workflows"
)

// Request is what the desk received: the body of `starter submit --file` and
// of the intake form.
type Request struct {
	Procedure  string            `json:"procedure"`
	Desk       string            `json:"desk"`
	ReceivedBy string            `json:"receivedBy"`
	Channel    workflows.Channel `json:"channel"`
	// ReceivedAt defaults to now; a dossier received by post keeps its
	// postmark time.
	ReceivedAt time.Time         `json:"receivedAt,omitzero"`
	Fields     map[string]string `json:"fields"`
	Documents  []string          `json:"documents,omitempty"`
	// RequestID makes the submission idempotent; empty means a hash of the
	// content and the day, so the same dossier submitted twice is one dossier.
	RequestID string `json:"requestId,omitempty"`
}

// FieldError says what is wrong with one part of a Request and how to fix it.
// It never repeats the value, which may be personal data.
type FieldError struct {
	Field   string `json:"field"`
	Message string `json:"message"`
}

// FieldErrors is every problem found in a Request.
type FieldErrors []FieldError

func (e FieldErrors) Error() string {
	lines := make([]string, len(e))
	for i, f := range e {
		lines[i] = f.Field + ": " + f.Message
	}
	return strings.Join(lines, "\n")
}

var (
	citizenID = regexp.MustCompile(`^([0-9]{12}|[0-9]{9})$`)
	phone     = regexp.MustCompile(`^(\+84|0)[0-9]{9,10}$`)
	number    = regexp.MustCompile(`^-?[0-9]+(\.[0-9]+)?$`)
)

// maxFieldLen bounds a text field (an address is the longest honest value).
const maxFieldLen = 500

// Build validates req against the catalogue and returns the workflow input,
// without its code (the code is allocated when the dossier is started).
func Build(cat *procedure.Catalogue, req Request) (workflows.DossierInput, error) {
	var errs FieldErrors
	add := func(field, format string, args ...any) {
		errs = append(errs, FieldError{Field: field, Message: fmt.Sprintf(format, args...)})
	}
	if req.ReceivedAt.IsZero() {
		add("receivedAt", "thiếu thời điểm tiếp nhận / receivedAt is missing")
		return workflows.DossierInput{}, errs
	}
	p, err := cat.ProcedureAt(req.Procedure, req.ReceivedAt.In(vnZone))
	if err != nil {
		add("procedure", "%v", err)
		return workflows.DossierInput{}, errs
	}
	org := &cat.Organisation
	if _, ok := org.Unit(req.Desk); !ok {
		add("desk", "không có bộ phận tiếp nhận %q trong danh mục tổ chức / unknown desk unit %q", req.Desk, req.Desk)
	} else if req.ReceivedBy == "" {
		add("receivedBy", "thiếu cán bộ tiếp nhận / the receiving clerk is required")
	} else if roles := org.RolesOf(req.ReceivedBy, req.Desk); !slices.ContainsFunc(roles, func(r procedure.Role) bool {
		return r == procedure.RoleClerk || r == procedure.RoleUnitHead || r == procedure.RoleDeputyHead
	}) {
		add("receivedBy", "%q không phải cán bộ của bộ phận %s / %q is not on the staff of desk %s", req.ReceivedBy, req.Desk, req.ReceivedBy, req.Desk)
	}
	if !req.Channel.Valid() {
		add("channel", "kênh %q không hợp lệ; dùng desk, post hoặc online / channel %q is not desk, post or online", req.Channel, req.Channel)
	}
	errs = append(errs, checkFields(p, req.Fields)...)
	errs = append(errs, checkDocuments(p, req.Documents)...)
	if len(errs) > 0 {
		return workflows.DossierInput{}, errs
	}
	return workflows.DossierInput{
		Procedure:  p,
		Units:      unitSnapshot(org, p, req.Desk),
		Desk:       req.Desk,
		Channel:    req.Channel,
		ReceivedAt: req.ReceivedAt,
		ReceivedBy: req.ReceivedBy,
		Fields:     req.Fields,
		Documents:  req.Documents,
	}, nil
}

func checkFields(p procedure.Procedure, values map[string]string) FieldErrors {
	var errs FieldErrors
	add := func(field, format string, args ...any) {
		errs = append(errs, FieldError{Field: "fields." + field, Message: fmt.Sprintf(format, args...)})
	}
	known := map[string]bool{}
	for _, f := range p.Fields {
		known[f.Key] = true
		v, ok := values[f.Key]
		v = strings.TrimSpace(v)
		if !ok || v == "" {
			if f.Required {
				add(f.Key, "bắt buộc: %s / required: %s", f.Label.VI, f.Label.EN)
			}
			continue
		}
		if utf8.RuneCountInString(v) > maxFieldLen {
			add(f.Key, "dài quá %d ký tự / longer than %d characters", maxFieldLen, maxFieldLen)
			continue
		}
		switch f.Kind {
		case procedure.FieldCitizenID:
			if !citizenID.MatchString(v) {
				add(f.Key, "số căn cước phải gồm 12 chữ số (CMND cũ: 9 chữ số), không có dấu cách / a citizen ID is 12 digits (old ID cards: 9), no spaces")
			}
		case procedure.FieldPhone:
			if !phone.MatchString(v) {
				add(f.Key, "số điện thoại dạng 0912345678 hoặc +84912345678 / a phone number like 0912345678 or +84912345678")
			}
		case procedure.FieldDate:
			if _, err := time.Parse("2006-01-02", v); err != nil {
				add(f.Key, "ngày dạng YYYY-MM-DD, ví dụ 2026-11-24 / a date as YYYY-MM-DD, e.g. 2026-11-24")
			}
		case procedure.FieldNumber:
			if !number.MatchString(v) {
				add(f.Key, "phải là một số, ví dụ 120.5 / must be a number, e.g. 120.5")
			}
		case procedure.FieldChoice:
			valid := make([]string, len(f.Choices))
			for i, c := range f.Choices {
				valid[i] = c.Value
			}
			if !slices.Contains(valid, v) {
				add(f.Key, "chọn một trong %v / choose one of %v", valid, valid)
			}
		}
	}
	var unknown []string
	for k := range values {
		if !known[k] {
			unknown = append(unknown, k)
		}
	}
	sort.Strings(unknown)
	for _, k := range unknown {
		add(k, "thủ tục %s không có trường này / procedure %s has no such field", p.Code, p.Code)
	}
	return errs
}

func checkDocuments(p procedure.Procedure, docs []string) FieldErrors {
	var errs FieldErrors
	known := map[string]bool{}
	for _, d := range p.Documents {
		known[d.Key] = true
		if d.Required && !slices.Contains(docs, d.Key) {
			errs = append(errs, FieldError{Field: "documents", Message: fmt.Sprintf("thiếu giấy tờ bắt buộc %q (%s) / missing required document %q (%s)", d.Key, d.Label.VI, d.Key, d.Label.EN)})
		}
	}
	for _, d := range docs {
		if !known[d] {
			errs = append(errs, FieldError{Field: "documents", Message: fmt.Sprintf("giấy tờ %q không có trong danh mục của thủ tục / %q is not on the procedure's checklist", d, d)})
		}
	}
	return errs
}

// unitSnapshot copies the units a dossier can touch — every step's unit, the
// desk, and their ancestors — so authority checks survive reorganisations.
func unitSnapshot(org *procedure.Organisation, p procedure.Procedure, desk string) map[string]workflows.UnitRef {
	out := map[string]workflows.UnitRef{}
	visit := func(code string) {
		for hops := 0; code != "" && hops < 16; hops++ {
			if _, done := out[code]; done {
				return
			}
			u, ok := org.Unit(code)
			if !ok {
				return
			}
			out[code] = workflows.UnitRef{Code: u.Code, Name: u.Name, Parent: u.Parent, Agency: u.Agency}
			code = u.Parent
		}
	}
	visit(desk)
	visit(p.Agency)
	for _, s := range p.Steps {
		visit(s.Unit)
		for _, m := range s.Members {
			visit(m.Unit)
		}
	}
	return out
}
