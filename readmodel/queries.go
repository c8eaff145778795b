package readmodel

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"strconv"
	"strings"
	"time"
)

// ErrNotFound is returned by Dossier for a code the read model does not know.
var ErrNotFound = errors.New("readmodel: not found")

// Page sizes of Inbox.
const (
	DefaultPageSize = 50
	MaxPageSize     = 500
)

// attemptCols are the step_attempts columns scanAttempt reads, in order.
const attemptCols = `sa.dossier, sa.step, sa.attempt, sa.seq, sa.row_no, sa.procedure, sa.unit, sa.holder, sa.given_by,
	sa.given_at, sa.due_at, sa.finished_at, sa.result, sa.actor, sa.on_behalf, sa.note, sa.alert_level`

// attemptDest returns the scan destinations of attemptCols.
func attemptDest(a *Attempt) []any {
	return []any{&a.Dossier, &a.Step, &a.Attempt, &a.Seq, &a.RowNo, &a.Procedure, &a.Unit, &a.Holder, &a.GivenBy,
		timeCol{&a.GivenAt}, timeCol{&a.DueAt}, timeCol{&a.FinishedAt}, &a.Result, &a.Actor, &a.OnBehalf, &a.Note, &a.AlertLevel}
}

// args builds a query's argument list and hands out its $n placeholders.
type args []any

func (a *args) add(v any) string {
	*a = append(*a, v)
	return "$" + strconv.Itoa(len(*a))
}

// Inbox lists a unit's open step attempts, soonest deadline first (attempts
// without a deadline last), then by dossier code; it returns one page and
// the cursor of the next, nil on the last page. The query walks a partial
// index of open attempts by (unit, due_at, dossier, ...), so a page costs
// the same on page 1 and page 2,000.
func (s *Store) Inbox(ctx context.Context, unit string, f InboxFilter) ([]InboxRow, *Cursor, error) {
	limit := f.Limit
	if limit <= 0 {
		limit = DefaultPageSize
	}
	if limit > MaxPageSize {
		limit = MaxPageSize
	}
	now := f.Now
	if now.IsZero() {
		now = time.Now()
	}
	var a args
	where := []string{"sa.unit = " + a.add(unit), "sa.finished_at IS NULL"}
	if f.Procedure != "" {
		where = append(where, "sa.procedure = "+a.add(f.Procedure))
	}
	if f.Overdue != nil {
		op := ">="
		if *f.Overdue {
			op = "<"
		}
		where = append(where, "sa.due_at "+op+" "+a.add(s.d.ts(now)))
	}
	if c := f.After; c != nil {
		where = append(where, fmt.Sprintf("(sa.due_at, sa.dossier, sa.step, sa.attempt) > (%s, %s, %s, %s)",
			a.add(s.d.ts(c.DueAt)), a.add(c.Dossier), a.add(c.Step), a.add(c.Attempt)))
	}
	q := `SELECT ` + attemptCols + `, d.due_at, d.status
FROM step_attempts sa JOIN dossiers d ON d.code = sa.dossier
WHERE ` + strings.Join(where, " AND ") + `
ORDER BY sa.due_at, sa.dossier, sa.step, sa.attempt
LIMIT ` + a.add(limit+1)
	rows, err := s.db.QueryContext(ctx, q, a...)
	if err != nil {
		return nil, nil, fmt.Errorf("readmodel: inbox of %s: %w", unit, err)
	}
	defer rows.Close()
	var out []InboxRow
	for rows.Next() {
		var r InboxRow
		if err := rows.Scan(append(attemptDest(&r.Attempt), timeCol{&r.DossierDueAt}, &r.DossierStatus)...); err != nil {
			return nil, nil, fmt.Errorf("readmodel: inbox of %s: %w", unit, err)
		}
		out = append(out, r)
	}
	if err := rows.Err(); err != nil {
		return nil, nil, fmt.Errorf("readmodel: inbox of %s: %w", unit, err)
	}
	if len(out) <= limit {
		return out, nil, nil
	}
	out = out[:limit]
	return out, cursorOf(out[limit-1].Attempt), nil
}

// Dossier returns a dossier with its slip rows in the order they were
// opened, or ErrNotFound.
func (s *Store) Dossier(ctx context.Context, code string) (*DossierView, error) {
	var v DossierView
	d := &v.DossierRow
	err := s.db.QueryRowContext(ctx, `SELECT code, procedure, desk, channel, received_at, due_at, status, outcome, finished_at, overdue, alert_level
FROM dossiers WHERE code = $1`, code).Scan(&d.Code, &d.Procedure, &d.Desk, &d.Channel, timeCol{&d.ReceivedAt}, timeCol{&d.DueAt},
		&d.Status, &d.Outcome, timeCol{&d.FinishedAt}, &d.Overdue, &d.AlertLevel)
	if errors.Is(err, sql.ErrNoRows) {
		return nil, fmt.Errorf("%w: dossier %s", ErrNotFound, code)
	}
	if err != nil {
		return nil, fmt.Errorf("readmodel: dossier %s: %w", code, err)
	}
	rows, err := s.db.QueryContext(ctx, `SELECT `+attemptCols+` FROM step_attempts sa WHERE sa.dossier = $1 ORDER BY sa.row_no`, code)
	if err != nil {
		return nil, fmt.Errorf("readmodel: dossier %s: %w", code, err)
	}
	defer rows.Close()
	for rows.Next() {
		var a Attempt
		if err := rows.Scan(attemptDest(&a)...); err != nil {
			return nil, fmt.Errorf("readmodel: dossier %s: %w", code, err)
		}
		v.Attempts = append(v.Attempts, a)
	}
	if err := rows.Err(); err != nil {
		return nil, fmt.Errorf("readmodel: dossier %s: %w", code, err)
	}
	return &v, nil
}

// Overdue lists the open step attempts of the given units that are past
// their deadline at now, most overdue first: the escalation board. Each row
// carries the highest escalation level its alerts reached.
func (s *Store) Overdue(ctx context.Context, units []string, now time.Time) ([]OverdueRow, error) {
	if len(units) == 0 {
		return nil, nil
	}
	var a args
	in := make([]string, len(units))
	for i, u := range units {
		in[i] = a.add(u)
	}
	q := `SELECT ` + attemptCols + `, d.due_at
FROM step_attempts sa JOIN dossiers d ON d.code = sa.dossier
WHERE sa.unit IN (` + strings.Join(in, ", ") + `) AND sa.finished_at IS NULL AND sa.due_at < ` + a.add(s.d.ts(now)) + `
ORDER BY sa.due_at, sa.dossier, sa.step, sa.attempt`
	rows, err := s.db.QueryContext(ctx, q, a...)
	if err != nil {
		return nil, fmt.Errorf("readmodel: overdue board: %w", err)
	}
	defer rows.Close()
	var out []OverdueRow
	for rows.Next() {
		var r OverdueRow
		if err := rows.Scan(append(attemptDest(&r.Attempt), timeCol{&r.DossierDueAt})...); err != nil {
			return nil, fmt.Errorf("readmodel: overdue board: %w", err)
		}
		r.Late = now.Sub(r.DueAt)
		out = append(out, r)
	}
	if err := rows.Err(); err != nil {
		return nil, fmt.Errorf("readmodel: overdue board: %w", err)
	}
	return out, nil
}

// Alerts returns a unit's in-app alert feed, newest first, at most limit
// entries (default 50, at most 500).
func (s *Store) Alerts(ctx context.Context, unit string, limit int) ([]Alert, error) {
	if limit <= 0 {
		limit = DefaultPageSize
	}
	if limit > MaxPageSize {
		limit = MaxPageSize
	}
	rows, err := s.db.QueryContext(ctx, `SELECT key, dossier, procedure, step, attempt, unit, holder, audience, level, at, due
FROM alerts WHERE unit = $1 ORDER BY at DESC, key DESC LIMIT $2`, unit, limit)
	if err != nil {
		return nil, fmt.Errorf("readmodel: alerts of %s: %w", unit, err)
	}
	defer rows.Close()
	var out []Alert
	for rows.Next() {
		var x Alert
		if err := rows.Scan(&x.Key, &x.Dossier, &x.Procedure, &x.Step, &x.Attempt, &x.Unit, &x.Holder, &x.Audience, &x.Level,
			timeCol{&x.At}, timeCol{&x.DueAt}); err != nil {
			return nil, fmt.Errorf("readmodel: alerts of %s: %w", unit, err)
		}
		out = append(out, x)
	}
	if err := rows.Err(); err != nil {
		return nil, fmt.Errorf("readmodel: alerts of %s: %w", unit, err)
	}
	return out, nil
}
