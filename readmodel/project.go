package readmodel

import (
	"database/sql"
	"errors"
	"strings"
	"time"

	"github.com/lienthong/lienthong/journal"
)

// This file turns one new event into changes of the projections. Each
// function runs inside Apply's transaction, after the event row was stored
// and the dossier row made to exist.

// reassignedPrefix starts the note of the hand-off a reassignment writes:
// "reassigned to <staff id>".
const reassignedPrefix = "reassigned to "

// Results written by the projection itself, beside the workflow's actions.
const (
	resultReassign   = "reassign"    // a head gave the attempt to a colleague
	resultHandedOver = "handed_over" // a new hand-off of the same attempt superseded the row
)

func (a *applier) received(r journal.Record) error {
	_, err := a.exec(`UPDATE dossiers SET desk = $2, channel = $3, received_at = $4,
	due_at = COALESCE($5, due_at) WHERE code = $1`,
		r.Dossier, r.Unit, r.Note, a.d.ts(r.At), a.d.tsOrNull(r.Due))
	return err
}

// handoff opens a row: the first of an attempt, or the next one after a
// reassignment (which ends the open row) or a supplement (whose decision
// already ended it). The new row keeps the holder of the one before it and,
// when the record has no deadline, its deadline.
func (a *applier) handoff(r journal.Record) error {
	var (
		prevSeq    int
		prevHolder string
		prevDue    time.Time
		prevOpen   bool
		prevLevel  int
		finishedAt time.Time
	)
	err := a.tx.QueryRowContext(a.ctx, `SELECT seq, holder, due_at, finished_at, alert_level FROM step_attempts
WHERE dossier = $1 AND step = $2 AND attempt = $3 ORDER BY seq DESC LIMIT 1`, r.Dossier, r.Step, r.Attempt).
		Scan(&prevSeq, &prevHolder, timeCol{&prevDue}, timeCol{&finishedAt}, &prevLevel)
	switch {
	case errors.Is(err, sql.ErrNoRows):
	case err != nil:
		return err
	default:
		prevOpen = finishedAt.IsZero()
	}
	reassigned := strings.HasPrefix(r.Note, reassignedPrefix)
	holder, level := prevHolder, 0
	if reassigned {
		holder = strings.TrimPrefix(r.Note, reassignedPrefix)
		level = prevLevel // the same clock runs on
	}
	due := r.Due
	if due == nil && !prevDue.IsZero() {
		due = &prevDue
	}
	if prevOpen {
		result, actor := resultHandedOver, ""
		if reassigned {
			result, actor = resultReassign, r.Actor
		}
		if _, err := a.exec(`UPDATE step_attempts SET finished_at = $5, result = $6, actor = $7
WHERE dossier = $1 AND step = $2 AND attempt = $3 AND seq = $4`,
			r.Dossier, r.Step, r.Attempt, prevSeq, a.d.ts(r.At), result, actor); err != nil {
			return err
		}
	}
	var rowNo int
	if err := a.tx.QueryRowContext(a.ctx, `UPDATE dossiers SET slip_rows = slip_rows + 1 WHERE code = $1 RETURNING slip_rows`,
		r.Dossier).Scan(&rowNo); err != nil {
		return err
	}
	_, err = a.exec(`INSERT INTO step_attempts (dossier, step, attempt, seq, row_no, procedure, unit, holder, given_by, given_at, due_at, note, alert_level)
VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13)`,
		r.Dossier, r.Step, r.Attempt, prevSeq+1, rowNo, r.Procedure, r.Unit, holder, r.Actor, a.d.ts(r.At), a.d.due(due), r.Note, level)
	return err
}

// decision ends the attempt's open row with the action taken.
func (a *applier) decision(r journal.Record) error {
	_, err := a.exec(`UPDATE step_attempts SET finished_at = $4, result = $5, actor = $6, on_behalf = $7
WHERE dossier = $1 AND step = $2 AND attempt = $3 AND finished_at IS NULL`,
		r.Dossier, r.Step, r.Attempt, a.d.ts(r.At), r.Action, r.Actor, r.OnBehalf)
	return err
}

// clockStop marks the dossier waiting: for the citizen's supplement or for
// financial obligations (the record's action says which).
func (a *applier) clockStop(r journal.Record) error {
	status := r.Action
	if status == "" {
		status = StatusWaitingSupplement
	}
	return a.setStatus(r.Dossier, status)
}

// clockResume restarts the dossier: its new return date is in the record.
// A resume naming a step ends a supplement that arrived while the clock was
// also stopped for financial obligations, so the dossier waits for those.
func (a *applier) clockResume(r journal.Record) error {
	status := StatusInProgress
	if r.Step != "" {
		status = StatusWaitingObligations
	}
	if err := a.setStatus(r.Dossier, status); err != nil {
		return err
	}
	return a.dossierDue(r)
}

func (a *applier) setStatus(dossier, status string) error {
	_, err := a.exec(`UPDATE dossiers SET status = $2 WHERE code = $1 AND status NOT IN ($3, $4, $5)`,
		dossier, status, StatusFinished, StatusRefused, StatusWithdrawn)
	return err
}

// dossierDue moves the return date when the record carries one (resume,
// extension, recomputation of the dossier's deadline).
func (a *applier) dossierDue(r journal.Record) error {
	if r.Due == nil || r.Due.IsZero() {
		return nil
	}
	_, err := a.exec(`UPDATE dossiers SET due_at = $2 WHERE code = $1`, r.Dossier, a.d.ts(*r.Due))
	return err
}

// recomputed moves a deadline after a calendar change: the dossier's when
// the record names no step, else the step's open rows.
func (a *applier) recomputed(r journal.Record) error {
	if r.Step == "" {
		return a.dossierDue(r)
	}
	if r.Due == nil || r.Due.IsZero() {
		return nil
	}
	_, err := a.exec(`UPDATE step_attempts SET due_at = $3 WHERE dossier = $1 AND step = $2 AND finished_at IS NULL`,
		r.Dossier, r.Step, a.d.ts(*r.Due))
	return err
}

// alert files an entry of the in-app feed and raises the escalation level of
// the attempt (or of the dossier, for its own ladder).
func (a *applier) alert(r journal.Record) error {
	if _, err := a.exec(`INSERT INTO alerts (key, dossier, procedure, step, attempt, unit, holder, audience, level, at, due)
VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11)`,
		r.Key, r.Dossier, r.Procedure, r.Step, r.Attempt, r.Unit, r.Actor, r.Audience, r.Level, a.d.ts(r.At), a.d.tsOrNull(r.Due)); err != nil {
		return err
	}
	if r.Step == "" {
		_, err := a.exec(`UPDATE dossiers SET alert_level = $2 WHERE code = $1 AND alert_level < $2`, r.Dossier, r.Level)
		return err
	}
	_, err := a.exec(`UPDATE step_attempts SET alert_level = $4
WHERE dossier = $1 AND step = $2 AND attempt = $3 AND finished_at IS NULL AND alert_level < $4`,
		r.Dossier, r.Step, r.Attempt, r.Level)
	return err
}

// finished ends the dossier and any row still open (a withdrawal or refusal
// closes what was pending).
func (a *applier) finished(r journal.Record) error {
	status := r.Action
	if status == "" {
		status = StatusFinished
	}
	var due time.Time
	if err := a.tx.QueryRowContext(a.ctx, `SELECT due_at FROM dossiers WHERE code = $1`, r.Dossier).Scan(timeCol{&due}); err != nil {
		return err
	}
	late := !due.IsZero() && r.At.After(due)
	outcome := status
	if status == StatusFinished {
		outcome = "finished_" + timeliness(r.At, due)
	}
	if _, err := a.exec(`UPDATE dossiers SET status = $2, outcome = $3, finished_at = $4, overdue = $5 WHERE code = $1`,
		r.Dossier, status, outcome, a.d.ts(r.At), a.d.boolArg(late)); err != nil {
		return err
	}
	_, err := a.exec(`UPDATE step_attempts SET finished_at = $2, result = $3 WHERE dossier = $1 AND finished_at IS NULL`,
		r.Dossier, a.d.ts(r.At), status)
	return err
}

// vietnam is the offices' time zone (UTC+7 all year): a dossier returned
// before the day of its return date is early.
var vietnam = time.FixedZone("ICT", 7*60*60)

// timeliness classifies a finish against the return date as the workflow
// does: late after it, early before its local day, else on time.
func timeliness(at, due time.Time) string {
	if due.IsZero() {
		return "on_time"
	}
	if at.After(due) {
		return "late"
	}
	d := due.In(vietnam)
	if at.Before(time.Date(d.Year(), d.Month(), d.Day(), 0, 0, 0, 0, vietnam)) {
		return "early"
	}
	return "on_time"
}
