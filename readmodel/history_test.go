package readmodel

import (
	"fmt"
	"time"

	"github.com/lienthong/lienthong/journal"
)

// history writes a dossier's journal records the way the workflow does: keys
// "CODE/n" in history order, dossier and procedure on every record.
type history struct {
	code, proc string
	n          int
	recs       []journal.Record
}

func newHistory(code, proc string) *history { return &history{code: code, proc: proc} }

func (h *history) add(r journal.Record) journal.Record {
	h.n++
	r.Key = fmt.Sprintf("%s/%d", h.code, h.n)
	r.Dossier, r.Procedure = h.code, h.proc
	h.recs = append(h.recs, r)
	return r
}

// alert adds an Alert activity's record (its key is not a history number).
func (h *history) alert(r journal.Record, rung string) journal.Record {
	r.Key = fmt.Sprintf("alert/%s/%s/%d/%s", h.code, r.Step, r.Attempt, rung)
	r.Dossier, r.Procedure, r.Kind = h.code, h.proc, journal.KindAlert
	h.recs = append(h.recs, r)
	return r
}

// t0 is a Monday morning in Hanoi.
var t0 = time.Date(2026, 3, 2, 8, 0, 0, 0, time.FixedZone("ICT", 7*3600))

func at(h time.Duration) time.Time { return t0.Add(h).UTC() }

func ptr(t time.Time) *time.Time { return &t }
