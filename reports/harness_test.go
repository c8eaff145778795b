package reports

import (
	"context"
	"crypto/rand"
	"database/sql"
	"encoding/hex"
	"fmt"
	"net/url"
	"os"
	"path/filepath"
	"testing"
	"time"

	"github.com/lienthong/lienthong/journal"
	"github.com/lienthong/lienthong/readmodel"
)

// The same tests run on SQLite and PostgreSQL, as in readmodel: PostgreSQL
// comes from LIENTHONG_TEST_POSTGRES_DSN (scripts/postgres.sh start prints
// one); each test gets its own schema, dropped afterwards.
const (
	envPostgresDSN  = "LIENTHONG_TEST_POSTGRES_DSN"
	envSkipPostgres = "LIENTHONG_SKIP_POSTGRES"
)

var dialects = []string{"sqlite", "postgres"}

// forEachDB runs fn on a fresh read model of each database: the Store to
// fill and the Reports reading it through a second *sql.DB on the same DSN.
func forEachDB(t *testing.T, fn func(t *testing.T, s *readmodel.Store, r *Reports)) {
	t.Helper()
	for _, d := range dialects {
		t.Run(d, func(t *testing.T) {
			dsn := testDSN(t, d)
			s, err := readmodel.Open(context.Background(), dsn)
			if err != nil {
				t.Fatal(err)
			}
			t.Cleanup(func() { s.Close() })
			db := openDB(t, d, dsn)
			r, err := New(db, s.Dialect())
			if err != nil {
				t.Fatal(err)
			}
			fn(t, s, r)
		})
	}
}

// openDB opens the database behind a readmodel DSN the way readmodel.Open
// does.
func openDB(t *testing.T, dialect, dsn string) *sql.DB {
	t.Helper()
	var (
		db  *sql.DB
		err error
	)
	if dialect == "sqlite" {
		q := url.Values{}
		q.Add("_pragma", "busy_timeout(10000)")
		q.Add("_pragma", "foreign_keys(1)")
		db, err = sql.Open("sqlite", "file:"+dsn[len("sqlite:"):]+"?"+q.Encode())
	} else {
		db, err = sql.Open("pgx", dsn)
	}
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { db.Close() })
	return db
}

func testDSN(tb testing.TB, dialect string) string {
	tb.Helper()
	if dialect == "sqlite" {
		return "sqlite:" + filepath.Join(tb.TempDir(), "readmodel.db")
	}
	base := os.Getenv(envPostgresDSN)
	if base == "" {
		if os.Getenv(envSkipPostgres) == "1" {
			tb.Skipf("PostgreSQL half skipped: %s=1", envSkipPostgres)
		}
		tb.Fatalf("PostgreSQL half of the reports suite: %s is not set. Run\n"+
			"\texport %s=\"$(scripts/postgres.sh start)\"\n"+
			"(or set %s=1 to skip it)", envPostgresDSN, envPostgresDSN, envSkipPostgres)
	}
	ctx := context.Background()
	admin, err := sql.Open("pgx", base)
	if err != nil {
		tb.Fatal(err)
	}
	defer admin.Close()
	var b [6]byte
	rand.Read(b[:]) //nolint:errcheck // never fails
	schema := "t_" + hex.EncodeToString(b[:])
	if _, err := admin.ExecContext(ctx, "CREATE SCHEMA "+schema); err != nil {
		tb.Fatalf("create schema in %s: %v", base, err)
	}
	tb.Cleanup(func() {
		admin, err := sql.Open("pgx", base)
		if err != nil {
			return
		}
		defer admin.Close()
		admin.ExecContext(context.Background(), "DROP SCHEMA "+schema+" CASCADE") //nolint:errcheck // best effort
	})
	u, err := url.Parse(base)
	if err != nil {
		tb.Fatalf("%s: %v", envPostgresDSN, err)
	}
	q := u.Query()
	q.Set("search_path", schema)
	u.RawQuery = q.Encode()
	return u.String()
}

// hist writes one dossier's journal records.
type hist struct {
	code string
	n    int
	recs []journal.Record
}

func (h *hist) add(r journal.Record) *hist {
	h.n++
	r.Key = fmt.Sprintf("%s/%d", h.code, h.n)
	r.Dossier, r.Procedure = h.code, "P1"
	h.recs = append(h.recs, r)
	return h
}

// ict is a local instant in March 2026: ict(10, 9, 0) is Tuesday 10 March
// 2026 09:00 in Hanoi.
func ict(day, hour, minute int) time.Time {
	return time.Date(2026, 3, day, hour, minute, 0, 0, Vietnam)
}
