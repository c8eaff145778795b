// Package readmodeltest gives tests a fresh, empty read-model database of
// each dialect: a file for SQLite, a schema of its own in the PostgreSQL of
// LIENTHONG_TEST_POSTGRES_DSN (scripts/postgres.sh start prints one),
// dropped when the test ends. Like net/http/httptest, it is for tests only.
package readmodeltest

import (
	"context"
	"crypto/rand"
	"database/sql"
	"encoding/hex"
	"net/url"
	"os"
	"path/filepath"
	"testing"

	_ "github.com/jackc/pgx/v5/stdlib" // registers the "pgx" driver
)

// Environment variables that configure the PostgreSQL half of a suite.
const (
	EnvPostgresDSN  = "LIENTHONG_TEST_POSTGRES_DSN"
	EnvSkipPostgres = "LIENTHONG_SKIP_POSTGRES"
)

// Dialects are the databases every read-model suite runs on.
var Dialects = []string{"sqlite", "postgres"}

// DSN returns a DSN for a fresh, empty database of the dialect. Without
// LIENTHONG_TEST_POSTGRES_DSN the PostgreSQL half fails with the command to
// run, unless LIENTHONG_SKIP_POSTGRES=1 makes it a skip.
func DSN(tb testing.TB, dialect string) string {
	tb.Helper()
	if dialect == "sqlite" {
		return "sqlite:" + filepath.Join(tb.TempDir(), "readmodel.db")
	}
	base := os.Getenv(EnvPostgresDSN)
	if base == "" {
		if os.Getenv(EnvSkipPostgres) == "1" {
			tb.Skipf("PostgreSQL half skipped: %s=1", EnvSkipPostgres)
		}
		tb.Fatalf("PostgreSQL half of the suite: %s is not set. Run\n"+
			"\texport %s=\"$(scripts/postgres.sh start)\"\n"+
			"(or set %s=1 to skip it)", EnvPostgresDSN, EnvPostgresDSN, EnvSkipPostgres)
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
		tb.Fatalf("%s: %v", EnvPostgresDSN, err)
	}
	q := u.Query()
	q.Set("search_path", schema)
	u.RawQuery = q.Encode()
	return u.String()
}
