package readmodel

import "time"

// Dossier statuses in the dossiers table. The waiting statuses are the
// clock-stop kinds the workflow writes; the last three are final.
const (
	StatusInProgress         = "in_progress"
	StatusWaitingSupplement  = "waiting_supplement"
	StatusWaitingObligations = "waiting_obligations"
	StatusFinished           = "finished"
	StatusRefused            = "refused"
	StatusWithdrawn          = "withdrawn"
)

// DossierRow is one dossier as the projection knows it. Times are UTC; a
// zero time is unknown or not yet reached.
type DossierRow struct {
	Code       string
	Procedure  string
	Desk       string
	Channel    string
	ReceivedAt time.Time
	// DueAt is the return date promised to the citizen, moved by clock
	// stops, extensions and recomputations.
	DueAt  time.Time
	Status string
	// Outcome is set when the dossier ends: finished_early, finished_on_time,
	// finished_late, refused or withdrawn.
	Outcome    string
	FinishedAt time.Time
	// Overdue is true when the dossier ended after its return date. For an
	// open dossier use OverdueAt.
	Overdue bool
	// AlertLevel is the highest level of the dossier's own escalation ladder
	// reached so far.
	AlertLevel int
}

// OverdueAt reports whether the dossier is (or ended) past its return date
// at now.
func (d DossierRow) OverdueAt(now time.Time) bool {
	if !d.FinishedAt.IsZero() {
		return d.Overdue
	}
	return !d.DueAt.IsZero() && now.After(d.DueAt)
}

// Attempt is one row of a dossier's process control slip: a step attempt from
// the moment its unit (or a named holder) received it until it was decided,
// sent back, reassigned or closed. Reassigning or supplementing a step
// attempt ends its row and opens the next Seq of the same attempt.
type Attempt struct {
	Dossier string
	Step    string
	Attempt int
	// Seq numbers the hand-offs within one step attempt from 1.
	Seq int
	// RowNo numbers the dossier's rows in the order they were opened, from 1.
	RowNo     int
	Procedure string
	Unit      string
	// Holder is the officer the attempt was reassigned to; empty while the
	// whole unit holds it.
	Holder  string
	GivenBy string
	GivenAt time.Time
	// DueAt is the step's deadline; zero when the step has no time limit.
	DueAt time.Time
	// FinishedAt is zero while the attempt is open.
	FinishedAt time.Time
	// Result is the action that ended the row (approve, object, supplement,
	// send_back, refuse, reassign, withdraw, consent_by_silence, not_needed,
	// or the dossier's final status when it ended with the row still open).
	Result   string
	Actor    string
	OnBehalf string
	Note     string
	// AlertLevel is the highest escalation level reached by this attempt.
	AlertLevel int
}

// ReceivedBy is who received the attempt: the holder if one was named, else
// the unit.
func (a Attempt) ReceivedBy() string {
	if a.Holder != "" {
		return a.Holder
	}
	return a.Unit
}

// Open reports whether the attempt is still waiting for a decision.
func (a Attempt) Open() bool { return a.FinishedAt.IsZero() }

// OverdueAt reports whether the attempt is open and past its deadline at now.
func (a Attempt) OverdueAt(now time.Time) bool {
	return a.Open() && !a.DueAt.IsZero() && now.After(a.DueAt)
}

// DossierView is a dossier with its slip rows in the order they were opened.
type DossierView struct {
	DossierRow
	Attempts []Attempt
}

// InboxFilter narrows a unit's inbox. The zero value lists everything, 50 rows
// a page.
type InboxFilter struct {
	// Procedure, when set, keeps only that procedure's dossiers.
	Procedure string
	// Overdue, when set, keeps only overdue (true) or not yet overdue
	// (false) attempts at Now.
	Overdue *bool
	// Now is the instant Overdue is judged at; zero means time.Now().
	Now time.Time
	// After is the cursor returned with the previous page.
	After *Cursor
	// Limit is the page size: default 50, at most 500.
	Limit int
}

// InboxRow is one open step attempt in a unit's inbox, with what the list
// shows of its dossier.
type InboxRow struct {
	Attempt
	// DossierDueAt is the dossier's return date.
	DossierDueAt  time.Time
	DossierStatus string
}

// OverdueRow is a line of the escalation board: an open attempt past its
// deadline with the escalation level its alerts reached.
type OverdueRow struct {
	Attempt
	DossierDueAt time.Time
	// Late is how long past the deadline the attempt is at the board's now.
	Late time.Duration
}

// Alert is one entry of the in-app alert feed.
type Alert struct {
	Key       string
	Dossier   string
	Procedure string
	// Step is empty for the dossier's own ladder.
	Step     string
	Attempt  int
	Unit     string
	Holder   string
	Audience string
	Level    int
	At       time.Time
	DueAt    time.Time
}
