package notify

import "time"

// Payload identification, see docs/webhooks.md.
const (
	PayloadType    = "lienthong.escalation"
	PayloadVersion = 1
)

// Payload is the JSON body of an escalation webhook, version 1. Fields are
// only ever added within a version; a receiver must ignore fields it does not
// know. Times are RFC 3339 with the +07:00 offset.
type Payload struct {
	Type    string `json:"type"`    // always "lienthong.escalation"
	Version int    `json:"version"` // 1
	// ID is the idempotency key, equal to the Idempotency-Key header: the
	// same rung always has the same ID.
	ID        string           `json:"id"`
	Kind      Kind             `json:"kind"` // reminder | escalation | apology
	Level     int              `json:"level"`
	Audience  Audience         `json:"audience"`
	Apology   bool             `json:"apology"`
	At        *time.Time       `json:"at,omitempty"` // when the rung fired
	Dossier   PayloadDossier   `json:"dossier"`
	Procedure PayloadCodeName  `json:"procedure"`
	Step      *PayloadStep     `json:"step,omitempty"` // absent for the dossier's own ladder
	Unit      PayloadCodeName  `json:"unit"`
	Holder    string           `json:"holder,omitempty"` // staff id
	DueAt     time.Time        `json:"dueAt"`
	Overdue   *PayloadOverdue  `json:"overdue,omitempty"` // absent when not yet due
	Recipient PayloadRecipient `json:"recipient"`
	Text      PayloadText      `json:"text"`
}

// PayloadDossier names the dossier and links to its page.
type PayloadDossier struct {
	Code string `json:"code"`
	URL  string `json:"url,omitempty"`
}

// PayloadCodeName is a catalogue entry: its code and Vietnamese name.
type PayloadCodeName struct {
	Code string `json:"code"`
	Name string `json:"name,omitempty"`
}

// PayloadStep is the step that is late.
type PayloadStep struct {
	ID   string `json:"id"`
	Name string `json:"name,omitempty"`
}

// PayloadOverdue is how long the step is overdue in working time.
type PayloadOverdue struct {
	Text    string `json:"text,omitempty"` // Vietnamese, e.g. "1 ngày 3 giờ làm việc"
	Seconds int64  `json:"seconds,omitempty"`
}

// PayloadRecipient is the person the rung is for (staff, never a citizen).
type PayloadRecipient struct {
	Name  string `json:"name,omitempty"`
	Email string `json:"email,omitempty"`
}

// PayloadText is the rendered message, so that a chat bridge can relay it
// as is: the e-mail subject and plain-text body.
type PayloadText struct {
	Subject string `json:"subject"`
	Body    string `json:"body"`
}

// NewPayload builds the webhook body for m.
func NewPayload(m Message) (Payload, error) {
	r, err := Render(m)
	if err != nil {
		return Payload{}, err
	}
	p := Payload{
		Type:      PayloadType,
		Version:   PayloadVersion,
		ID:        m.Key,
		Kind:      m.Kind(),
		Level:     m.Level,
		Audience:  m.Audience,
		Apology:   m.Apology,
		Dossier:   PayloadDossier{Code: m.Dossier, URL: m.Link},
		Procedure: PayloadCodeName{Code: m.ProcedureCode, Name: m.ProcedureName},
		Unit:      PayloadCodeName{Code: m.UnitCode, Name: m.UnitName},
		Holder:    m.Holder,
		DueAt:     m.DueAt.In(TimeZone),
		Recipient: PayloadRecipient{Name: m.RecipientName, Email: m.RecipientEmail},
		Text:      PayloadText{Subject: r.Subject, Body: r.Text},
	}
	if !m.At.IsZero() {
		at := m.At.In(TimeZone)
		p.At = &at
	}
	if m.StepID != "" {
		p.Step = &PayloadStep{ID: m.StepID, Name: m.StepName}
	}
	if m.Overdue != "" || m.OverdueWorking > 0 {
		p.Overdue = &PayloadOverdue{Text: m.Overdue, Seconds: int64(m.OverdueWorking / time.Second)}
	}
	return p, nil
}
