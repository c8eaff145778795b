package readmodel

import (
	"github.com/lienthong/lienthong/readmodel/readmodeltest"

	"context"
	"database/sql"
	"fmt"
	"math/rand"
	"strings"
	"testing"
	"time"
)

// bulkOpen loads n open dossiers straight into the projection tables, each
// with one open step attempt in one of units units, inside one transaction:
// the rows Apply would build, loaded in seconds rather than minutes. SQLite
// is fastest with one prepared INSERT a row, PostgreSQL with multi-row
// INSERTs (one round trip for 500 rows).
func bulkOpen(tb testing.TB, s *Store, n, units int) {
	tb.Helper()
	ctx := context.Background()
	rng := rand.New(rand.NewSource(4))
	tx, err := s.db.BeginTx(ctx, nil)
	if err != nil {
		tb.Fatal(err)
	}
	defer tx.Rollback() //nolint:errcheck // a no-op after Commit
	chunk := 1
	if s.d == postgresDialect {
		chunk = 500
	}
	const (
		dossierRow = "(%s, %s, 'mot-cua', 'desk', %s, %s, 1)"
		stepRow    = "(%s, 's1', 1, 1, 1, %s, %s, 'clerk', %s, %s)"
	)
	// Statements are prepared once per text: with one row a statement the
	// text repeats and SQLite parses it only once.
	prepared := map[string]*sql.Stmt{}
	run := func(q string, a args) error {
		st, ok := prepared[q]
		if !ok {
			var err error
			if st, err = tx.PrepareContext(ctx, q); err != nil {
				return err
			}
			prepared[q] = st
		}
		_, err := st.ExecContext(ctx, a...)
		return err
	}
	for lo := 0; lo < n; lo += chunk {
		var da, sa args
		var dv, sv []string
		for i := lo; i < min(lo+chunk, n); i++ {
			code := fmt.Sprintf("000.%02d.%02d.H%02d-%06d", i%100, i%30, i%63, i)
			proc := fmt.Sprintf("P%d", i%5)
			recv := at(-time.Duration(rng.Intn(30*24)) * time.Hour)
			due := at(time.Duration(rng.Intn(30*24*60)-10*24*60) * time.Minute)
			unit := fmt.Sprintf("unit-%02d", rng.Intn(units))
			dv = append(dv, fmt.Sprintf(dossierRow, da.add(code), da.add(proc), da.add(s.d.ts(recv)), da.add(s.d.ts(due.Add(240*time.Hour)))))
			sv = append(sv, fmt.Sprintf(stepRow, sa.add(code), sa.add(proc), sa.add(unit), sa.add(s.d.ts(recv)), sa.add(s.d.ts(due))))
		}
		if err := run(`INSERT INTO dossiers (code, procedure, desk, channel, received_at, due_at, slip_rows) VALUES `+strings.Join(dv, ", "), da); err != nil {
			tb.Fatal(err)
		}
		if err := run(`INSERT INTO step_attempts (dossier, step, attempt, seq, row_no, procedure, unit, given_by, given_at, due_at) VALUES `+strings.Join(sv, ", "), sa); err != nil {
			tb.Fatal(err)
		}
	}
	if err := tx.Commit(); err != nil {
		tb.Fatal(err)
	}
}

// BenchmarkInbox100k measures one unit's inbox page (50 rows) with 100,000
// open dossiers over 50 units, on both databases: the first page, a page
// 1,000 rows deep (cursor), and the first page filtered by procedure and by
// overdue.
func BenchmarkInbox100k(b *testing.B) {
	for _, d := range readmodeltest.Dialects {
		b.Run(d, func(b *testing.B) {
			s := openTest(b, d)
			start := time.Now()
			bulkOpen(b, s, 100_000, 50)
			b.Logf("%s: loaded 100,000 open dossiers in %v", d, time.Since(start).Round(time.Millisecond))
			ctx := context.Background()
			yes := true
			// The cursor 1,000 rows into unit-07's inbox.
			deep := InboxFilter{Limit: 50}
			for range 20 {
				_, next, err := s.Inbox(ctx, "unit-07", deep)
				if err != nil || next == nil {
					b.Fatalf("paging: %v", err)
				}
				deep.After = next
			}
			for _, c := range []struct {
				name string
				f    InboxFilter
			}{
				{"first-page", InboxFilter{Limit: 50}},
				{"page-21", deep},
				{"procedure", InboxFilter{Limit: 50, Procedure: "P3"}},
				{"overdue", InboxFilter{Limit: 50, Overdue: &yes, Now: at(0)}},
			} {
				b.Run(c.name, func(b *testing.B) {
					for b.Loop() {
						rows, _, err := s.Inbox(ctx, "unit-07", c.f)
						if err != nil || len(rows) != 50 {
							b.Fatalf("%d rows, %v", len(rows), err)
						}
					}
				})
			}
		})
	}
}
