package workflows

import (
	"time"

	"github.com/lienthong/lienthong/procedure"
	"github.com/lienthong/lienthong/workday"
)

// Channel is how a dossier reached the desk.
type Channel string

const (
	ChannelDesk   Channel = "desk"   // trực tiếp tại Bộ phận Một cửa
	ChannelPost   Channel = "post"   // qua bưu chính
	ChannelOnline Channel = "online" // trực tuyến
)

// Paper reports whether the channel delivers a paper dossier, which moves
// between units at the next working day when received after the cut-off.
func (c Channel) Paper() bool { return c == ChannelDesk || c == ChannelPost }

// Valid reports whether c is a known channel.
func (c Channel) Valid() bool { return c == ChannelDesk || c == ChannelPost || c == ChannelOnline }

// UnitRef is the part of the organisation catalogue a running dossier needs:
// enough to tell whose authority covers a step, snapshotted at intake so
// that a later reorganisation does not change a running dossier.
type UnitRef struct {
	Code   string         `json:"code"`
	Name   procedure.Text `json:"name"`
	Parent string         `json:"parent,omitempty"`
	Agency bool           `json:"agency,omitempty"`
}

// DossierInput starts a dossier. Fields hold the citizen's data; they travel
// only inside encrypted payloads and are never logged or put in search
// attributes, memos or summaries.
type DossierInput struct {
	Code       string              `json:"code"`
	Procedure  procedure.Procedure `json:"procedure"`
	Units      map[string]UnitRef  `json:"units"`
	Desk       string              `json:"desk"` // the one-stop desk unit that received it
	Channel    Channel             `json:"channel"`
	ReceivedAt time.Time           `json:"receivedAt"`
	ReceivedBy string              `json:"receivedBy"` // clerk's staff id
	Fields     map[string]string   `json:"fields,omitempty"`
	Documents  []string            `json:"documents,omitempty"`
	// Resumed carries the state into a run that continued as new; it is nil
	// when a dossier is received.
	Resumed *State `json:"resumed,omitempty"`
}

// Delegation is authority a head lent to the actor for a period (KT., TUQ.,
// TL., Q.). The web app or CLI resolves it before calling; the workflow checks
// that it covers the step and is still valid, and records both names.
type Delegation struct {
	Person string         `json:"person"` // who holds the authority
	Role   procedure.Role `json:"role"`   // the authority lent
	Unit   string         `json:"unit"`   // where it applies
	Kind   string         `json:"kind"`   // KT, TUQ, TL, Q
	Until  time.Time      `json:"until"`
}

// Actor is who acts, as authenticated by the caller.
type Actor struct {
	ID         string         `json:"id"`
	Unit       string         `json:"unit"`
	Role       procedure.Role `json:"role"`
	OnBehalfOf *Delegation    `json:"onBehalfOf,omitempty"`
}

// DecideRequest is a decision on an open step, sent as the UpdateDecide Update.
type DecideRequest struct {
	// StepID (and Attempt, when not zero) name the step the actor saw: a
	// decision on a step that is no longer current is refused.
	StepID  string           `json:"stepId"`
	Attempt int              `json:"attempt,omitempty"`
	Action  procedure.Action `json:"action"`
	Actor   Actor            `json:"actor"`
	// Reason is required to refuse, object, send back, ask for a supplement
	// or extend; Comment is optional.
	Reason  string   `json:"reason,omitempty"`
	Comment string   `json:"comment,omitempty"`
	Missing []string `json:"missing,omitempty"` // supplement: the missing items
	// Target is the earlier step a send-back returns to.
	Target string `json:"target,omitempty"`
	// Assignee is the colleague a reassignment gives the step to.
	Assignee string `json:"assignee,omitempty"`
	// ExtendBy is how much later the new return date is (extend).
	ExtendBy workday.Duration `json:"extendBy,omitzero"`
}

// ResumeRequest records at the desk that the citizen supplemented the dossier
// (or met the obligation that stopped the clock): the clock restarts.
type ResumeRequest struct {
	Actor     Actor    `json:"actor"`
	Comment   string   `json:"comment,omitempty"`
	Documents []string `json:"documents,omitempty"`
}

// WithdrawRequest ends the dossier at the applicant's written request.
type WithdrawRequest struct {
	Actor  Actor  `json:"actor"`
	Reason string `json:"reason"`
}

// CalendarChange tells a dossier that the calendar data changed.
type CalendarChange struct {
	Reason string `json:"reason"`
}

// Status of a dossier, as reports use them.
type Status string

const (
	StatusInProgress  Status = "in_progress"
	StatusSupplement  Status = "waiting_supplement"  // clock stopped for the citizen
	StatusObligations Status = "waiting_obligations" // clock stopped for fees, taxes, notices
	StatusFinished    Status = "finished"
	StatusRefused     Status = "refused"
	StatusWithdrawn   Status = "withdrawn"
)

// Closed reports whether the dossier has ended.
func (s Status) Closed() bool {
	return s == StatusFinished || s == StatusRefused || s == StatusWithdrawn
}

// Timeliness classifies a finish against its deadline.
type Timeliness string

const (
	Early  Timeliness = "early"   // trước hạn
	OnTime Timeliness = "on_time" // đúng hạn
	Late   Timeliness = "late"    // quá hạn
)

// OpenStep is a step being worked on now.
type OpenStep struct {
	StepID  string             `json:"stepId"`
	Group   string             `json:"group,omitempty"` // parallel group id for a consulted unit
	Attempt int                `json:"attempt"`
	Name    procedure.Text     `json:"name"`
	Unit    string             `json:"unit"`
	Role    procedure.Role     `json:"role"`
	Holder  string             `json:"holder,omitempty"`
	Actions []procedure.Action `json:"actions"`
	Started time.Time          `json:"startedAt"`
	Due     time.Time          `json:"dueAt,omitzero"`
	Overdue bool               `json:"overdue,omitempty"`
	Level   int                `json:"escalationLevel,omitempty"`
}

// SlipRow is one row of the process control slip (phiếu kiểm soát quá trình
// giải quyết hồ sơ): one hand-off, who gave and who received it and when,
// and how the receiving unit finished it.
type SlipRow struct {
	Seq        int            `json:"seq"`
	StepID     string         `json:"stepId"`
	Attempt    int            `json:"attempt"`
	StepName   procedure.Text `json:"stepName"`
	Unit       string         `json:"unit"`
	GivenBy    string         `json:"givenBy"`
	GivenAt    time.Time      `json:"givenAt"`
	ReceivedBy string         `json:"receivedBy"` // the unit, or the person it was assigned to
	DueAt      time.Time      `json:"dueAt,omitzero"`
	FinishedAt time.Time      `json:"finishedAt,omitzero"`
	// Result is the action that closed the row (approve, object, supplement,
	// send_back, refuse, withdraw, consent_by_silence, not_needed).
	Result     string     `json:"result,omitempty"`
	Timeliness Timeliness `json:"timeliness,omitempty"`
	// Actor acted; OnBehalfOf is who held the authority when it was lent (KT./TUQ.).
	Actor      string `json:"actor,omitempty"`
	OnBehalfOf string `json:"onBehalfOf,omitempty"`
	Delegation string `json:"delegation,omitempty"`
	Note       string `json:"note,omitempty"`
}

// ClockStop is a period during which the dossier's clock did not run.
type ClockStop struct {
	Kind      Status    `json:"kind"`
	Step      string    `json:"step"`
	StoppedAt time.Time `json:"stoppedAt"`
	ResumedAt time.Time `json:"resumedAt,omitzero"`
	Reason    string    `json:"reason,omitempty"`
}

// Escalation is one alert sent for a ladder rung.
type Escalation struct {
	At       time.Time          `json:"at"`
	Step     string             `json:"step,omitempty"`
	Unit     string             `json:"unit"`
	Audience procedure.Audience `json:"audience"`
	Level    int                `json:"level"`
	Apology  bool               `json:"apology,omitempty"`
}

// Recomputation records a deadline moved by a calendar change.
type Recomputation struct {
	At     time.Time `json:"at"`
	Step   string    `json:"step,omitempty"` // empty for the dossier's own deadline
	From   time.Time `json:"from"`
	To     time.Time `json:"to"`
	Reason string    `json:"reason"`
}

// Slip is the answer to QuerySlip: the dossier's state and its control slip.
// It holds no citizen data, so the public lookup can show it.
type Slip struct {
	Code          string          `json:"code"`
	Procedure     string          `json:"procedure"`
	ProcedureName procedure.Text  `json:"procedureName"`
	Version       int             `json:"version"`
	Status        Status          `json:"status"`
	Outcome       string          `json:"outcome,omitempty"`
	Channel       Channel         `json:"channel"`
	Desk          string          `json:"desk"` // the one-stop desk that received it
	ReceivedAt    time.Time       `json:"receivedAt"`
	DueAt         time.Time       `json:"dueAt"`
	OriginalDueAt time.Time       `json:"originalDueAt"`
	ExtendedBy    string          `json:"extendedBy,omitempty"`
	FinishedAt    time.Time       `json:"finishedAt,omitzero"`
	Timeliness    Timeliness      `json:"timeliness,omitempty"`
	Open          []OpenStep      `json:"open"`
	Rows          []SlipRow       `json:"rows"`
	ClockStops    []ClockStop     `json:"clockStops,omitempty"`
	Escalations   []Escalation    `json:"escalations,omitempty"`
	Recomputed    []Recomputation `json:"recomputed,omitempty"`
	Supplements   int             `json:"supplements"`
}

// DecideResult answers an accepted decision: where the dossier is now.
type DecideResult struct {
	Status  Status     `json:"status"`
	Open    []OpenStep `json:"open"`
	DueAt   time.Time  `json:"dueAt"`
	Outcome string     `json:"outcome,omitempty"`
}
