package workflows

import (
	"time"

	"github.com/lienthong/lienthong/procedure"
	"github.com/lienthong/lienthong/workday"
)

// State is a dossier's whole state. Every field is exported and serialisable
// because the state travels to the next run on continue-as-new.
type State struct {
	Status      Status     `json:"status"`
	Outcome     string     `json:"outcome,omitempty"`
	FinishedAt  time.Time  `json:"finishedAt,omitzero"`
	Timeliness  Timeliness `json:"timeliness,omitempty"`
	Current     string     `json:"current,omitempty"` // current top-level step id
	Tasks       []*Task    `json:"tasks,omitempty"`   // open work
	Group       *Group     `json:"group,omitempty"`   // the open parallel consultation
	Dossier     Clock      `json:"dossier"`           // the dossier's own deadline
	Extended    bool       `json:"extended,omitempty"`
	ExtendedBy  string     `json:"extendedBy,omitempty"`
	OriginalDue time.Time  `json:"originalDue"`
	// Visited lists top-level steps in the order they started (send-back targets).
	Visited         []string        `json:"visited,omitempty"`
	Attempts        map[string]int  `json:"attempts,omitempty"`
	Supplements     int             `json:"supplements"`
	StepSupplements map[string]int  `json:"stepSupplements,omitempty"`
	Rows            []SlipRow       `json:"rows,omitempty"`
	ClockStops      []ClockStop     `json:"clockStops,omitempty"`
	Escalations     []Escalation    `json:"escalations,omitempty"`
	Recomputed      []Recomputation `json:"recomputed,omitempty"`
	Units           []string        `json:"units,omitempty"`
	LateUnits       []string        `json:"lateUnits,omitempty"`
	// Seq numbers journal records: (dossier code, Seq) is their idempotency key.
	Seq int `json:"seq"`
	// LastActor is who handed the dossier on last: the giver of the next row.
	LastActor string `json:"lastActor"`
}

// Basis is how a deadline was computed, so it can be computed again when the
// calendar changes: Due = Add(DueFrom or From, Duration).
type Basis struct {
	From     time.Time        `json:"from"`
	DueFrom  time.Time        `json:"dueFrom,omitzero"`
	Duration workday.Duration `json:"duration"`
}

// Clock is a deadline with its ladder: the due instant, the rungs, and what is
// left of it while the clock is stopped.
type Clock struct {
	Basis       Basis             `json:"basis"`
	Due         time.Time         `json:"due,omitzero"`
	DueDayStart time.Time         `json:"dueDayStart,omitzero"`
	Rungs       []RungState       `json:"rungs,omitempty"`
	Repeat      *procedure.Repeat `json:"repeat,omitempty"`
	NextRepeat  time.Time         `json:"nextRepeat,omitzero"`
	// LastRepeat is when the last repeat was due: the next is counted from
	// it (from the last rung before any repeat).
	LastRepeat time.Time `json:"lastRepeat,omitzero"`
	Repeats    int       `json:"repeats,omitempty"`
	Overdue    bool      `json:"overdue,omitempty"`
	Level      int       `json:"level,omitempty"`
	// Stopped holds the remaining time while the clock is stopped.
	Stopped *workday.Duration `json:"stopped,omitempty"`
}

// RungState is a placed ladder rung.
type RungState struct {
	At      time.Time          `json:"at"`
	Notify  procedure.Audience `json:"notify"`
	Level   int                `json:"level"`
	Apology bool               `json:"apology,omitempty"`
	Fired   bool               `json:"fired,omitempty"`
}

// Task is one unit's open work: a task step, or one consulted unit of a
// parallel group.
type Task struct {
	StepID  string         `json:"stepId"`
	Group   string         `json:"group,omitempty"`
	Attempt int            `json:"attempt"`
	Unit    string         `json:"unit"`
	Role    procedure.Role `json:"role"`
	Holder  string         `json:"holder,omitempty"`
	Started time.Time      `json:"started"`
	Row     int            `json:"row"` // index of its slip row
	Clock   Clock          `json:"clock"`
}

// Group is an open parallel consultation.
type Group struct {
	StepID   string                   `json:"stepId"`
	Rule     procedure.CompletionRule `json:"rule"`
	Quorum   int                      `json:"quorum,omitempty"`
	Members  int                      `json:"members"`
	Answered int                      `json:"answered"`
	Clock    Clock                    `json:"clock"`
}

// placeRungs turns a ladder into rung states: reminders (at a percentage or
// before the deadline) are level 0; each rung at or after the deadline climbs
// one level.
func placeRungs(rungs []procedure.Rung) []RungState {
	out := make([]RungState, len(rungs))
	level := 0
	for i, r := range rungs {
		if r.After != nil {
			level++
		}
		out[i] = RungState{Notify: r.Notify, Level: level, Apology: r.Apology}
	}
	return out
}

// topLevel returns the level reached: the highest rung fired, plus one for
// each repeat — the ladder keeps climbing until someone acts.
func (c *Clock) topLevel() int {
	lvl := 0
	for _, r := range c.Rungs {
		if r.Fired && r.Level > lvl {
			lvl = r.Level
		}
	}
	return lvl + c.Repeats
}

func addUnique(list []string, v string) []string {
	for _, x := range list {
		if x == v {
			return list
		}
	}
	return append(list, v)
}
