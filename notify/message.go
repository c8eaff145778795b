package notify

import (
	"errors"
	"fmt"
	"net/mail"
	"net/url"
	"strings"
	"time"
)

// TimeZone is the zone every time is shown in: Asia/Ho_Chi_Minh, which has
// been UTC+7 without daylight saving since 1975. A fixed zone needs no tzdata.
var TimeZone = time.FixedZone("ICT", 7*60*60)

// TimeLayout is how times are shown to people: "17:00 30/11/2026".
const TimeLayout = "15:04 02/01/2006"

// Audience is who a rung alerts; the values match procedure.Audience.
type Audience string

// The audiences of an escalation ladder.
const (
	AudienceHolder     Audience = "holder"
	AudienceUnitHead   Audience = "unit_head"
	AudienceAgencyHead Audience = "agency_head"
	AudienceDesk       Audience = "desk"
)

// Kind is the wording a message takes.
type Kind string

// The kinds of message: a reminder (level 0), an escalation (level 1 and up)
// and the apology-duty rung (Apology set, whatever the level).
const (
	KindReminder   Kind = "reminder"
	KindEscalation Kind = "escalation"
	KindApology    Kind = "apology"
)

// Message is one escalation for one recipient. It names the dossier by code
// and staff by id and name; it carries no citizen data.
type Message struct {
	// Key is the rung's idempotency key (dossier/step/attempt/rung[/repeat]),
	// plus the recipient when a rung reaches several people. A resend of the
	// same Key is recognisable by the receiver.
	Key string

	Dossier       string // dossier code, e.g. H26.STC-261125-0001
	ProcedureCode string // national procedure code, e.g. 2.001610
	ProcedureName string // Vietnamese name of the procedure
	StepID        string // empty for the dossier's own ladder
	StepName      string // Vietnamese name of the step
	UnitCode      string // unit holding the step
	UnitName      string // its Vietnamese name
	Holder        string // staff id of the holder; empty when the unit holds it
	HolderName    string // optional display name of the holder

	Audience Audience
	Level    int
	Apology  bool

	DueAt time.Time // when the step (or dossier) fell due
	At    time.Time // when the rung fired; zero means unknown

	// Overdue is how long the step is overdue in working time, already
	// worded by the caller from the calendar, e.g. "1 ngày 3 giờ làm việc";
	// empty when it is not yet due.
	Overdue string
	// OverdueWorking is the same span as a duration of working time, for
	// machines (the webhook payload and the English line); zero when unknown.
	OverdueWorking time.Duration

	// Link is the absolute URL of the dossier page; see DossierLink.
	Link string

	RecipientName  string
	RecipientEmail string // required by the SMTP sender only
}

// DossierLink joins the web app's base URL and the dossier page path:
// DossierLink("https://dvc.example.gov.vn", "H26.STC-261125-0001") is
// "https://dvc.example.gov.vn/dossiers/H26.STC-261125-0001".
func DossierLink(baseURL, dossier string) (string, error) {
	u, err := url.Parse(baseURL)
	if err != nil || (u.Scheme != "https" && u.Scheme != "http") || u.Host == "" {
		return "", fmt.Errorf("notify: base URL %q must be an absolute http(s) URL", baseURL)
	}
	return u.JoinPath("dossiers", dossier).String(), nil
}

// Kind returns the wording the message takes.
func (m Message) Kind() Kind {
	switch {
	case m.Apology:
		return KindApology
	case m.Level <= 0:
		return KindReminder
	default:
		return KindEscalation
	}
}

// Validate checks what every channel needs: a key, a dossier code, a unit, a
// known audience, a due time, and an absolute http(s) link when one is given.
func (m Message) Validate() error {
	var problems []string
	if strings.TrimSpace(m.Key) == "" {
		problems = append(problems, "key is empty")
	}
	if strings.TrimSpace(m.Dossier) == "" {
		problems = append(problems, "dossier code is empty")
	}
	if strings.TrimSpace(m.UnitCode) == "" {
		problems = append(problems, "unit code is empty")
	}
	switch m.Audience {
	case AudienceHolder, AudienceUnitHead, AudienceAgencyHead, AudienceDesk:
	default:
		problems = append(problems, fmt.Sprintf("audience %q is not one of holder, unit_head, agency_head, desk", m.Audience))
	}
	if m.DueAt.IsZero() {
		problems = append(problems, "due time is zero")
	}
	if m.Link != "" {
		if u, err := url.Parse(m.Link); err != nil || (u.Scheme != "https" && u.Scheme != "http") || u.Host == "" {
			problems = append(problems, "link is not an absolute http(s) URL")
		}
	}
	if len(problems) > 0 {
		return errors.New("notify: invalid message: " + strings.Join(problems, "; "))
	}
	return nil
}

// recipient returns the recipient's parsed address, for the SMTP sender.
func (m Message) recipient() (*mail.Address, error) {
	if m.RecipientEmail == "" {
		return nil, errors.New("notify: message has no recipient e-mail")
	}
	a, err := mail.ParseAddress(m.RecipientEmail)
	if err != nil {
		return nil, fmt.Errorf("notify: recipient e-mail is not an address: %w", err)
	}
	a.Name = oneLine(m.RecipientName)
	return a, nil
}

// oneLine replaces control characters (CR, LF, tabs…) with spaces so that no
// field can break a header or a subject line.
func oneLine(s string) string {
	return strings.Join(strings.FieldsFunc(s, func(r rune) bool {
		return r < ' ' || r == 0x7f || r == ' '
	}), " ")
}
