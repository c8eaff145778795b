package readmodel

import (
	"context"
	"database/sql"
	"fmt"
	"sort"
	"strconv"
	"strings"

	"github.com/lienthong/lienthong/journal"
)

// Apply writes journal records into the read model in one transaction. Each
// record is stored in events once, by its key; only a record not seen before
// changes the projections (dossiers, step_attempts, alerts), so applying the
// same records again — an activity retried, a batch replayed in any order, a
// rebuild from the journal — changes nothing.
//
// Within a call, each dossier's records are applied in history order (the
// number at the end of the workflow's keys, then alerts), whatever order the
// slice has.
func (s *Store) Apply(ctx context.Context, recs []journal.Record) error {
	if len(recs) == 0 {
		return nil
	}
	for _, r := range recs {
		if r.Key == "" || r.Dossier == "" || r.Kind == "" {
			return fmt.Errorf("readmodel: record without key, dossier or kind: %+v", r)
		}
	}
	sorted := make([]journal.Record, len(recs))
	copy(sorted, recs)
	sortRecords(sorted)

	tx, err := s.db.BeginTx(ctx, nil)
	if err != nil {
		return fmt.Errorf("readmodel: begin: %w", err)
	}
	defer tx.Rollback() //nolint:errcheck // a no-op after Commit
	a := applier{ctx: ctx, tx: tx, d: s.d}
	for _, r := range sorted {
		if err := a.record(r); err != nil {
			return fmt.Errorf("readmodel: apply %s (%s of %s): %w", r.Key, r.Kind, r.Dossier, err)
		}
	}
	if err := tx.Commit(); err != nil {
		return fmt.Errorf("readmodel: commit: %w", err)
	}
	return nil
}

// sortRecords orders records by dossier, then the workflow's own records by
// their history number, then the alerts (keys "alert/...") in given order.
func sortRecords(recs []journal.Record) {
	sort.SliceStable(recs, func(i, j int) bool {
		a, b := recs[i], recs[j]
		if a.Dossier != b.Dossier {
			return a.Dossier < b.Dossier
		}
		ra, na := historyNo(a.Key)
		rb, nb := historyNo(b.Key)
		if ra != rb {
			return ra < rb
		}
		return na < nb
	})
}

// historyNo ranks a key: (0, n) for the workflow's "CODE/n" keys, (1, 0)
// for anything else, alerts included.
func historyNo(key string) (int, int) {
	if strings.HasPrefix(key, "alert/") {
		return 1, 0
	}
	i := strings.LastIndexByte(key, '/')
	n, err := strconv.Atoi(key[i+1:])
	if i < 0 || err != nil {
		return 1, 0
	}
	return 0, n
}

// applier applies records inside one transaction.
type applier struct {
	ctx context.Context
	tx  *sql.Tx
	d   dialect
}

func (a *applier) exec(q string, args ...any) (sql.Result, error) {
	return a.tx.ExecContext(a.ctx, q, args...)
}

// record stores one event and, when it is new, projects it.
func (a *applier) record(r journal.Record) error {
	res, err := a.exec(`INSERT INTO events (key, dossier, procedure, kind, at, step, attempt, unit, actor, on_behalf, action, due, level, audience, note)
VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $14, $15)
ON CONFLICT (key) DO NOTHING`,
		r.Key, r.Dossier, r.Procedure, r.Kind, a.d.ts(r.At), r.Step, r.Attempt, r.Unit, r.Actor, r.OnBehalf, r.Action,
		a.d.tsOrNull(r.Due), r.Level, r.Audience, r.Note)
	if err != nil {
		return err
	}
	if n, err := res.RowsAffected(); err != nil {
		return err
	} else if n == 0 {
		return nil // seen before: the projections already have it
	}
	// The dossier row exists before anything refers to it, whatever record
	// comes first; in PostgreSQL the upsert also locks it, so concurrent
	// writers of one dossier take turns.
	if _, err := a.exec(`INSERT INTO dossiers (code, procedure) VALUES ($1, $2)
ON CONFLICT (code) DO UPDATE SET procedure = CASE WHEN excluded.procedure = '' THEN dossiers.procedure ELSE excluded.procedure END`,
		r.Dossier, r.Procedure); err != nil {
		return err
	}
	switch r.Kind {
	case journal.KindReceived:
		return a.received(r)
	case journal.KindHandoff:
		return a.handoff(r)
	case journal.KindDecision:
		return a.decision(r)
	case journal.KindClockStop:
		return a.clockStop(r)
	case journal.KindClockStart:
		return a.clockResume(r)
	case journal.KindExtension:
		return a.dossierDue(r)
	case journal.KindRecomputed:
		return a.recomputed(r)
	case journal.KindAlert:
		return a.alert(r)
	case journal.KindFinished:
		return a.finished(r)
	}
	return nil // an unknown kind is kept in events only
}
