package readmodel

import (
	"context"
	"fmt"
	"math/rand"
	"reflect"
	"sort"
	"testing"
	"time"

	"github.com/lienthong/lienthong/journal"
)

// openStep is one open attempt the inbox tests create.
type openStep struct {
	code, proc, unit string
	due              time.Time // zero: no time limit
}

// seedInbox writes n dossiers, each with one open step: spread over units
// u1 and u2 and procedures P1 and P2, some without a time limit, some
// sharing a deadline (the dossier code breaks the tie). A closed step in u1
// must never show.
func seedInbox(t *testing.T, s *Store, n int) []openStep {
	t.Helper()
	rng := rand.New(rand.NewSource(3))
	var recs []journal.Record
	var open []openStep
	for i := 0; i < n; i++ {
		o := openStep{proc: "P1", unit: "u1"}
		o.code = fmt.Sprintf("Q%03d-%d", rng.Intn(1000), i)
		if i%4 == 0 {
			o.proc = "P2"
		}
		if i%3 == 0 {
			o.unit = "u2"
		}
		var due *time.Time
		if i%7 != 0 {
			o.due = at(time.Duration(rng.Intn(40)) * time.Hour)
			due = &o.due
		}
		h := newHistory(o.code, o.proc)
		h.add(journal.Record{Kind: journal.KindReceived, At: at(0), Unit: "mot-cua", Due: ptr(at(100 * time.Hour))})
		h.add(journal.Record{Kind: journal.KindHandoff, At: at(0), Step: "s1", Attempt: 1, Unit: "u1", Due: ptr(at(time.Hour))})
		h.add(journal.Record{Kind: journal.KindDecision, At: at(0), Step: "s1", Attempt: 1, Unit: "u1", Action: "approve"})
		h.add(journal.Record{Kind: journal.KindHandoff, At: at(0), Step: "s2", Attempt: 1, Unit: o.unit, Due: due})
		recs = append(recs, h.recs...)
		open = append(open, o)
	}
	mustApply(t, s, recs)
	return open
}

// expected lists the open steps the inbox must show, in its order.
func expected(open []openStep, keep func(openStep) bool) []string {
	var out []openStep
	for _, o := range open {
		if keep(o) {
			out = append(out, o)
		}
	}
	key := func(o openStep) time.Time {
		if o.due.IsZero() {
			return noDeadline
		}
		return o.due
	}
	sort.Slice(out, func(i, j int) bool {
		if !key(out[i]).Equal(key(out[j])) {
			return key(out[i]).Before(key(out[j]))
		}
		return out[i].code < out[j].code
	})
	codes := make([]string, len(out))
	for i, o := range out {
		codes[i] = o.code
	}
	return codes
}

// allPages walks the inbox page by page (through the cursor's token, as the
// web app does) and returns the dossier codes in order.
func allPages(t *testing.T, s *Store, unit string, f InboxFilter) []string {
	t.Helper()
	var codes []string
	for pages := 0; ; pages++ {
		if pages > 1000 {
			t.Fatal("the inbox never ends")
		}
		rows, next, err := s.Inbox(context.Background(), unit, f)
		if err != nil {
			t.Fatal(err)
		}
		if len(rows) > f.Limit || (next != nil && len(rows) != f.Limit) {
			t.Fatalf("page of %d rows (limit %d), next %v", len(rows), f.Limit, next)
		}
		for _, r := range rows {
			if r.Unit != unit || !r.Open() || r.Step != "s2" || !r.DossierDueAt.Equal(at(100*time.Hour)) || r.DossierStatus != StatusInProgress {
				t.Fatalf("bad row %+v", r)
			}
			codes = append(codes, r.Dossier)
		}
		if next == nil {
			return codes
		}
		c, err := ParseCursor(next.String())
		if err != nil || !reflect.DeepEqual(*c, *next) {
			t.Fatalf("cursor round trip: %+v -> %+v, %v", next, c, err)
		}
		f.After = c
	}
}

func TestInboxPaging(t *testing.T) {
	forEachDB(t, func(t *testing.T, s *Store) {
		open := seedInbox(t, s, 130)
		now := at(20 * time.Hour)
		yes, no := true, false
		cases := []struct {
			name string
			f    InboxFilter
			keep func(openStep) bool
		}{
			{"all", InboxFilter{Limit: 7}, func(o openStep) bool { return o.unit == "u1" }},
			{"one page", InboxFilter{Limit: 500}, func(o openStep) bool { return o.unit == "u1" }},
			{"procedure", InboxFilter{Limit: 5, Procedure: "P2"}, func(o openStep) bool { return o.unit == "u1" && o.proc == "P2" }},
			{"overdue", InboxFilter{Limit: 4, Overdue: &yes, Now: now}, func(o openStep) bool {
				return o.unit == "u1" && !o.due.IsZero() && o.due.Before(now)
			}},
			{"not overdue", InboxFilter{Limit: 6, Overdue: &no, Now: now, Procedure: "P1"}, func(o openStep) bool {
				return o.unit == "u1" && o.proc == "P1" && (o.due.IsZero() || !o.due.Before(now))
			}},
		}
		for _, c := range cases {
			got := allPages(t, s, "u1", c.f)
			want := expected(open, c.keep)
			if len(want) < 3 {
				t.Fatalf("%s: test data too thin (%d rows)", c.name, len(want))
			}
			if !reflect.DeepEqual(got, want) {
				t.Errorf("%s:\n got %v\nwant %v", c.name, got, want)
			}
		}
		if rows := inboxOf(t, s, "u1", InboxFilter{}); len(rows) != DefaultPageSize {
			t.Errorf("default page has %d rows", len(rows))
		}
		if rows := inboxOf(t, s, "nobody", InboxFilter{}); len(rows) != 0 {
			t.Errorf("inbox of an unknown unit: %+v", rows)
		}
	})
}

func TestOverdueBoardAndAlerts(t *testing.T) {
	forEachDB(t, func(t *testing.T, s *Store) {
		ctx := context.Background()
		var recs []journal.Record
		for i, unit := range []string{"u1", "u2", "u3", "u1"} {
			h := newHistory(fmt.Sprintf("B%d", i), "P1")
			h.add(journal.Record{Kind: journal.KindReceived, At: at(0), Unit: "mot-cua", Due: ptr(at(100 * time.Hour))})
			h.add(journal.Record{Kind: journal.KindHandoff, At: at(0), Step: "s", Attempt: 1, Unit: unit, Due: ptr(at(time.Duration(10-i) * time.Hour))})
			h.alert(journal.Record{At: at(time.Duration(11) * time.Hour), Step: "s", Attempt: 1, Unit: unit, Audience: "unit_head", Level: 2}, "r2")
			h.alert(journal.Record{At: at(time.Duration(12+i) * time.Hour), Step: "s", Attempt: 1, Unit: unit, Audience: "holder", Level: 1}, "r1")
			h.alert(journal.Record{At: at(13 * time.Hour), Unit: "mot-cua", Audience: "desk", Level: 1}, "d1")
			recs = append(recs, h.recs...)
		}
		mustApply(t, s, recs)
		now := at(9*time.Hour + 30*time.Minute) // B0 (due 10h) is not yet late
		board, err := s.Overdue(ctx, []string{"u1", "u2"}, now)
		if err != nil {
			t.Fatal(err)
		}
		if len(board) != 2 || board[0].Dossier != "B3" || board[1].Dossier != "B1" {
			t.Fatalf("board: %+v", board)
		}
		if board[0].AlertLevel != 2 || board[0].Late != 2*time.Hour+30*time.Minute || !board[0].DossierDueAt.Equal(at(100*time.Hour)) {
			t.Fatalf("board row: %+v", board[0])
		}
		if b, err := s.Overdue(ctx, nil, now); err != nil || b != nil {
			t.Fatalf("board of no units: %v %v", b, err)
		}
		feed, err := s.Alerts(ctx, "u1", 3)
		if err != nil {
			t.Fatal(err)
		}
		var got []string
		for _, a := range feed {
			got = append(got, fmt.Sprintf("%s/%d@%v", a.Dossier, a.Level, a.At.Sub(at(0))))
		}
		if want := []string{"B3/1@15h0m0s", "B0/1@12h0m0s", "B3/2@11h0m0s"}; !reflect.DeepEqual(got, want) {
			t.Fatalf("feed %v, want %v", got, want)
		}
		if v := mustDossier(t, s, "B2"); v.AlertLevel != 1 {
			t.Fatalf("dossier ladder level %d", v.AlertLevel)
		}
		if desk, _ := s.Alerts(ctx, "mot-cua", 0); len(desk) != 4 || desk[0].Step != "" {
			t.Fatalf("desk feed %+v", desk)
		}
	})
}

func TestParseCursorRejectsGarbage(t *testing.T) {
	for _, tok := range []string{"", "!!", "YWJj"} {
		if _, err := ParseCursor(tok); err == nil {
			t.Errorf("ParseCursor(%q) accepted", tok)
		}
	}
}
