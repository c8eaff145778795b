package readmodel

import (
	"context"
	"crypto/rand"
	"database/sql"
	"encoding/hex"
	"net/url"
	"os"
	"path/filepath"
	"testing"
)

// The same tests run on SQLite and PostgreSQL. PostgreSQL comes from
// LIENTHONG_TEST_POSTGRES_DSN (scripts/postgres.sh start prints one); each
// test gets its own schema, dropped afterwards.
const (
	envPostgresDSN  = "LIENTHONG_TEST_POSTGRES_DSN"
	envSkipPostgres = "LIENTHONG_SKIP_POSTGRES"
)

// dialects are the databases every test runs on.
var dialects = []string{"sqlite", "postgres"}

// forEachDB runs fn as a subtest on a fresh store of each database.
func forEachDB(t *testing.T, fn func(t *testing.T, s *Store)) {
	t.Helper()
	for _, d := range dialects {
		t.Run(d, func(t *testing.T) {
			fn(t, openTest(t, d))
		})
	}
}

// testDSN returns a DSN for a fresh, empty database of the dialect.
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
		tb.Fatalf("PostgreSQL half of the read-model suite: %s is not set. Run\n"+
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

// openTest opens a fresh store of the dialect, closed when the test ends.
func openTest(tb testing.TB, dialect string) *Store {
	tb.Helper()
	s, err := Open(context.Background(), testDSN(tb, dialect))
	if err != nil {
		tb.Fatal(err)
	}
	tb.Cleanup(func() { s.Close() })
	if s.Dialect() != dialect {
		tb.Fatalf("opened %s, want %s", s.Dialect(), dialect)
	}
	return s
}
