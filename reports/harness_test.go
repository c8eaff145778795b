package reports

import (
	"context"
	"fmt"
	"testing"
	"time"

	"github.com/lienthong/lienthong/journal"
	"github.com/lienthong/lienthong/readmodel"
	"github.com/lienthong/lienthong/readmodel/readmodeltest"
)

// forEachDB runs fn on a fresh read model of each database
// (readmodeltest.Dialects): the Store to fill and the Reports reading it.
func forEachDB(t *testing.T, fn func(t *testing.T, s *readmodel.Store, r *Reports)) {
	t.Helper()
	for _, d := range readmodeltest.Dialects {
		t.Run(d, func(t *testing.T) {
			s, err := readmodel.Open(context.Background(), readmodeltest.DSN(t, d))
			if err != nil {
				t.Fatal(err)
			}
			t.Cleanup(func() { s.Close() })
			r, err := New(s)
			if err != nil {
				t.Fatal(err)
			}
			fn(t, s, r)
		})
	}
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
