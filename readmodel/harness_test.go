package readmodel

import (
	"context"
	"testing"

	"github.com/lienthong/lienthong/readmodel/readmodeltest"
)

// forEachDB runs fn as a subtest on a fresh store of each database
// (readmodeltest.Dialects).
func forEachDB(t *testing.T, fn func(t *testing.T, s *Store)) {
	t.Helper()
	for _, d := range readmodeltest.Dialects {
		t.Run(d, func(t *testing.T) {
			fn(t, openTest(t, d))
		})
	}
}

// openTest opens a fresh store of the dialect, closed when the test ends.
func openTest(tb testing.TB, dialect string) *Store {
	tb.Helper()
	s, err := Open(context.Background(), readmodeltest.DSN(tb, dialect))
	if err != nil {
		tb.Fatal(err)
	}
	tb.Cleanup(func() { s.Close() })
	if s.Dialect() != dialect {
		tb.Fatalf("opened %s, want %s", s.Dialect(), dialect)
	}
	return s
}
