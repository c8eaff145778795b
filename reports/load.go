package reports

import (
	"github.com/lienthong/lienthong/readmodel"

	"context"
	"fmt"
	"time"
)

// Results of a slip row that do not end the step attempt: the attempt goes
// on in a later row of the same (dossier, step, attempt).
const (
	resultSupplement = "supplement"  // sent back to the citizen; the clock stops
	resultReassign   = "reassign"    // a head gave it to a colleague
	resultHandedOver = "handed_over" // a new hand-off of the same attempt superseded the row
)

// withdrawn reports whether a row's result means the citizen withdrew the
// dossier (the officer's action, or the dossier's final status closing the
// row).
func withdrawn(result string) bool { return result == "withdraw" || result == "withdrawn" }

// row is one slip row of step_attempts.
type row struct {
	dossier, step string
	attempt, seq  int
	procedure     string
	unit          string
	givenAt       time.Time
	dueAt         time.Time // zero: no time limit
	finishedAt    time.Time // zero: open
	result        string
}

// attemptsQuery loads every row of the step attempts that have a row the
// unit held during [$1, $2): given before the end and not finished before the
// start. An attempt waiting for the citizen during the whole period (its last
// row ended with "supplement" before the start) holds no such row and is left
// out, as are attempts that ended before the start.
const attemptsQuery = `SELECT s.dossier, s.step, s.attempt, s.seq, s.procedure, s.unit, s.given_at, s.due_at, s.finished_at, s.result
FROM step_attempts s
WHERE EXISTS (SELECT 1 FROM step_attempts o
	WHERE o.dossier = s.dossier AND o.step = s.step AND o.attempt = s.attempt
	AND o.given_at < $2 AND (o.finished_at IS NULL OR o.finished_at >= $1))
ORDER BY s.dossier, s.step, s.attempt, s.seq`

// loadRows returns the rows of the attempts touching p, grouped by attempt in
// seq order.
func (r *Reports) loadRows(ctx context.Context, p Period) ([][]row, error) {
	rs, err := r.store.DB().QueryContext(ctx, attemptsQuery, r.store.TimeArg(p.Start), r.store.TimeArg(p.End))
	if err != nil {
		return nil, fmt.Errorf("reports: load step attempts: %w", err)
	}
	defer rs.Close()
	var out [][]row
	for rs.Next() {
		var x row
		if err := rs.Scan(&x.dossier, &x.step, &x.attempt, &x.seq, &x.procedure, &x.unit,
			readmodel.TimeScanner(&x.givenAt), readmodel.TimeScanner(&x.dueAt), readmodel.TimeScanner(&x.finishedAt), &x.result); err != nil {
			return nil, fmt.Errorf("reports: load step attempts: %w", err)
		}
		if n := len(out); n > 0 {
			if l := out[n-1][0]; l.dossier == x.dossier && l.step == x.step && l.attempt == x.attempt {
				out[n-1] = append(out[n-1], x)
				continue
			}
		}
		out = append(out, []row{x})
	}
	if err := rs.Err(); err != nil {
		return nil, fmt.Errorf("reports: load step attempts: %w", err)
	}
	return out, nil
}
