package readmodel

import (
	"github.com/lienthong/lienthong/readmodel/readmodeltest"

	"context"
	"errors"
	"fmt"
	"math/rand"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/lienthong/lienthong/journal"
)

// lifecycle is one dossier's journal, cut into the batches the activities
// write: intake, a reassignment, an alert, a supplement asked and returned,
// an approval handing over to the next step, an extension and a recomputed
// deadline, the last approval signed on behalf of the head, and the end.
func lifecycle(code string) (batches [][]journal.Record) {
	h := newHistory(code, "P1")
	cut := func() { batches = append(batches, h.recs); h.recs = nil }
	h.add(journal.Record{Kind: journal.KindReceived, At: at(0), Unit: "mot-cua", Actor: "clerk1", Note: "desk", Due: ptr(at(240 * time.Hour))})
	h.add(journal.Record{Kind: journal.KindHandoff, At: at(time.Hour), Step: "tham-dinh", Attempt: 1, Unit: "phong-tn", Actor: "clerk1", Due: ptr(at(49 * time.Hour))})
	cut()
	h.add(journal.Record{Kind: journal.KindHandoff, At: at(2 * time.Hour), Step: "tham-dinh", Attempt: 1, Unit: "phong-tn", Actor: "head1", Note: "reassigned to cb-an"})
	cut()
	h.alert(journal.Record{At: at(3 * time.Hour), Step: "tham-dinh", Attempt: 1, Unit: "phong-tn", Actor: "cb-an", Audience: "holder", Level: 1, Due: ptr(at(49 * time.Hour))}, "r1")
	cut()
	h.add(journal.Record{Kind: journal.KindDecision, At: at(5 * time.Hour), Step: "tham-dinh", Attempt: 1, Unit: "phong-tn", Actor: "cb-an", Action: "supplement"})
	h.add(journal.Record{Kind: journal.KindClockStop, At: at(5 * time.Hour), Step: "tham-dinh", Action: StatusWaitingSupplement})
	cut()
	h.add(journal.Record{Kind: journal.KindHandoff, At: at(30 * time.Hour), Step: "tham-dinh", Attempt: 1, Unit: "phong-tn", Actor: "clerk1", Note: "supplemented", Due: ptr(at(70 * time.Hour))})
	h.add(journal.Record{Kind: journal.KindClockStart, At: at(30 * time.Hour), Due: ptr(at(260 * time.Hour))})
	cut()
	h.add(journal.Record{Kind: journal.KindDecision, At: at(40 * time.Hour), Step: "tham-dinh", Attempt: 1, Unit: "phong-tn", Actor: "cb-an", Action: "approve"})
	h.add(journal.Record{Kind: journal.KindHandoff, At: at(40 * time.Hour), Step: "phe-duyet", Attempt: 1, Unit: "lanh-dao", Actor: "cb-an", Due: ptr(at(60 * time.Hour))})
	cut()
	h.add(journal.Record{Kind: journal.KindExtension, At: at(61 * time.Hour), Step: "phe-duyet", Attempt: 1, Unit: "lanh-dao", Actor: "gd", Due: ptr(at(300 * time.Hour)), Note: "5d"})
	h.add(journal.Record{Kind: journal.KindRecomputed, At: at(62 * time.Hour), Step: "phe-duyet", Due: ptr(at(65 * time.Hour))})
	cut()
	h.add(journal.Record{Kind: journal.KindDecision, At: at(70 * time.Hour), Step: "phe-duyet", Attempt: 1, Unit: "lanh-dao", Actor: "pho-gd", OnBehalf: "gd", Action: "approve"})
	h.add(journal.Record{Kind: journal.KindFinished, At: at(70 * time.Hour), Unit: "mot-cua", Actor: "clerk1", Action: StatusFinished})
	cut()
	return batches
}

func mustApply(t *testing.T, s *Store, recs []journal.Record) {
	t.Helper()
	if err := s.Apply(context.Background(), recs); err != nil {
		t.Fatal(err)
	}
}

func mustDossier(t *testing.T, s *Store, code string) *DossierView {
	t.Helper()
	v, err := s.Dossier(context.Background(), code)
	if err != nil {
		t.Fatal(err)
	}
	return v
}

func inboxOf(t *testing.T, s *Store, unit string, f InboxFilter) []InboxRow {
	t.Helper()
	rows, _, err := s.Inbox(context.Background(), unit, f)
	if err != nil {
		t.Fatal(err)
	}
	return rows
}

func TestLifecycle(t *testing.T) {
	forEachDB(t, func(t *testing.T, s *Store) {
		b := lifecycle("D1")
		mustApply(t, s, b[0])
		v := mustDossier(t, s, "D1")
		if v.Status != StatusInProgress || v.Desk != "mot-cua" || v.Channel != "desk" || v.Procedure != "P1" ||
			!v.ReceivedAt.Equal(at(0)) || !v.DueAt.Equal(at(240*time.Hour)) {
			t.Fatalf("after intake: %+v", v.DossierRow)
		}
		if in := inboxOf(t, s, "phong-tn", InboxFilter{}); len(in) != 1 || in[0].ReceivedBy() != "phong-tn" || !in[0].DossierDueAt.Equal(at(240*time.Hour)) {
			t.Fatalf("inbox after intake: %+v", in)
		}
		mustApply(t, s, b[1])
		mustApply(t, s, b[2])
		in := inboxOf(t, s, "phong-tn", InboxFilter{})
		if len(in) != 1 || in[0].Holder != "cb-an" || in[0].Seq != 2 || in[0].AlertLevel != 1 || !in[0].DueAt.Equal(at(49*time.Hour)) {
			t.Fatalf("inbox after reassignment and alert: %+v", in)
		}
		mustApply(t, s, b[3])
		if v := mustDossier(t, s, "D1"); v.Status != StatusWaitingSupplement {
			t.Fatalf("status after supplement asked: %s", v.Status)
		}
		if in := inboxOf(t, s, "phong-tn", InboxFilter{}); len(in) != 0 {
			t.Fatalf("a step waiting for the citizen is in the inbox: %+v", in)
		}
		// The plan activity writes window records after plain ones: give the
		// batch out of history order.
		mustApply(t, s, []journal.Record{b[4][1], b[4][0]})
		v = mustDossier(t, s, "D1")
		if v.Status != StatusInProgress || !v.DueAt.Equal(at(260*time.Hour)) {
			t.Fatalf("after supplement returned: %+v", v.DossierRow)
		}
		for _, batch := range b[5:] {
			mustApply(t, s, batch)
		}
		v = mustDossier(t, s, "D1")
		if v.Status != StatusFinished || v.Outcome != "finished_early" || v.Overdue || !v.FinishedAt.Equal(at(70*time.Hour)) ||
			!v.DueAt.Equal(at(300*time.Hour)) || v.OverdueAt(at(1000*time.Hour)) {
			t.Fatalf("finished dossier: %+v", v.DossierRow)
		}
		type row struct {
			step                    string
			seq, rowNo              int
			holder, givenBy, result string
			actor, onBehalf         string
			givenAt, due, finished  time.Time
			level                   int
		}
		want := []row{
			{"tham-dinh", 1, 1, "", "clerk1", "reassign", "head1", "", at(time.Hour), at(49 * time.Hour), at(2 * time.Hour), 0},
			{"tham-dinh", 2, 2, "cb-an", "head1", "supplement", "cb-an", "", at(2 * time.Hour), at(49 * time.Hour), at(5 * time.Hour), 1},
			{"tham-dinh", 3, 3, "cb-an", "clerk1", "approve", "cb-an", "", at(30 * time.Hour), at(70 * time.Hour), at(40 * time.Hour), 0},
			{"phe-duyet", 1, 4, "", "cb-an", "approve", "pho-gd", "gd", at(40 * time.Hour), at(65 * time.Hour), at(70 * time.Hour), 0},
		}
		if len(v.Attempts) != len(want) {
			t.Fatalf("%d slip rows, want %d: %+v", len(v.Attempts), len(want), v.Attempts)
		}
		for i, w := range want {
			a := v.Attempts[i]
			got := row{a.Step, a.Seq, a.RowNo, a.Holder, a.GivenBy, a.Result, a.Actor, a.OnBehalf, a.GivenAt, a.DueAt, a.FinishedAt, a.AlertLevel}
			if got.step != w.step || got.seq != w.seq || got.rowNo != w.rowNo || got.holder != w.holder || got.givenBy != w.givenBy ||
				got.result != w.result || got.actor != w.actor || got.onBehalf != w.onBehalf || got.level != w.level ||
				!got.givenAt.Equal(w.givenAt) || !got.due.Equal(w.due) || !got.finished.Equal(w.finished) {
				t.Errorf("slip row %d:\n got %+v\nwant %+v", i+1, got, w)
			}
			if a.Attempt != 1 || a.Procedure != "P1" {
				t.Errorf("slip row %d: attempt %d procedure %q", i+1, a.Attempt, a.Procedure)
			}
		}
		if al, err := s.Alerts(context.Background(), "phong-tn", 10); err != nil || len(al) != 1 || al[0].Level != 1 || al[0].Holder != "cb-an" {
			t.Fatalf("alerts: %+v %v", al, err)
		}
	})
}

// snapshot dumps every projection table in key order, to compare states.
func snapshot(t *testing.T, s *Store) string {
	t.Helper()
	var b strings.Builder
	for _, q := range []string{
		"SELECT * FROM events ORDER BY key",
		"SELECT * FROM dossiers ORDER BY code",
		"SELECT * FROM step_attempts ORDER BY dossier, step, attempt, seq",
		"SELECT * FROM alerts ORDER BY key",
	} {
		rows, err := s.db.Query(q)
		if err != nil {
			t.Fatal(err)
		}
		cols, _ := rows.Columns()
		n := 0
		for rows.Next() {
			vals := make([]any, len(cols))
			ptrs := make([]any, len(cols))
			for i := range vals {
				ptrs[i] = &vals[i]
			}
			if err := rows.Scan(ptrs...); err != nil {
				t.Fatal(err)
			}
			fmt.Fprintln(&b, vals...)
			n++
		}
		rows.Close()
		fmt.Fprintf(&b, "-- %d rows of %s\n", n, q)
	}
	return b.String()
}

func TestReplayNeverDuplicates(t *testing.T) {
	forEachDB(t, func(t *testing.T, s *Store) {
		var all []journal.Record
		for i := 1; i <= 3; i++ {
			for _, batch := range lifecycle(fmt.Sprintf("R%d", i)) {
				mustApply(t, s, batch)
				all = append(all, batch...)
			}
		}
		want := snapshot(t, s)
		if !strings.Contains(want, "-- 42 rows of SELECT * FROM events") || !strings.Contains(want, "-- 12 rows of SELECT * FROM step_attempts") {
			t.Fatalf("unexpected first state:\n%s", want)
		}
		rng := rand.New(rand.NewSource(1))
		// Retried batches, one record at a time, reversed, shuffled, all at once.
		for _, batch := range lifecycle("R2") {
			mustApply(t, s, batch)
			mustApply(t, s, batch)
		}
		for _, r := range all {
			mustApply(t, s, []journal.Record{r})
		}
		for round := 0; round < 5; round++ {
			shuffled := append([]journal.Record(nil), all...)
			rng.Shuffle(len(shuffled), func(i, j int) { shuffled[i], shuffled[j] = shuffled[j], shuffled[i] })
			mustApply(t, s, shuffled[:len(shuffled)/2])
			mustApply(t, s, shuffled)
		}
		if got := snapshot(t, s); got != want {
			t.Fatalf("replaying changed the read model:\n got:\n%s\nwant:\n%s", got, want)
		}
	})
}

// Without alerts (whose effect depends on which row is open when they
// arrive), one shuffled call builds the same state as the batches in turn.
func TestOneShuffledCallEqualsBatches(t *testing.T) {
	for _, d := range readmodeltest.Dialects {
		t.Run(d, func(t *testing.T) {
			a, b := openTest(t, d), openTest(t, d)
			var all []journal.Record
			for _, batch := range lifecycle("S1") {
				var keep []journal.Record
				for _, r := range batch {
					if r.Kind != journal.KindAlert {
						keep = append(keep, r)
					}
				}
				if len(keep) > 0 {
					mustApply(t, a, keep)
				}
				all = append(all, keep...)
			}
			rand.New(rand.NewSource(2)).Shuffle(len(all), func(i, j int) { all[i], all[j] = all[j], all[i] })
			mustApply(t, b, all)
			if sa, sb := snapshot(t, a), snapshot(t, b); sa != sb {
				t.Fatalf("batches:\n%s\none call:\n%s", sa, sb)
			}
		})
	}
}

// Workers retrying the same activities at once never duplicate rows.
func TestConcurrentRetries(t *testing.T) {
	forEachDB(t, func(t *testing.T, s *Store) {
		ref := openTest(t, s.Dialect())
		codes := []string{"C1", "C2", "C3"}
		for _, c := range codes {
			for _, batch := range lifecycle(c) {
				mustApply(t, ref, batch)
			}
		}
		var wg sync.WaitGroup
		errs := make(chan error, 8)
		for w := 0; w < 4; w++ {
			wg.Add(1)
			go func() {
				defer wg.Done()
				for _, c := range codes {
					for _, batch := range lifecycle(c) {
						if err := s.Apply(context.Background(), batch); err != nil {
							errs <- err
							return
						}
					}
				}
			}()
		}
		wg.Wait()
		close(errs)
		for err := range errs {
			t.Fatal(err)
		}
		if got, want := snapshot(t, s), snapshot(t, ref); got != want {
			t.Fatalf("concurrent retries:\n%s\nsequential:\n%s", got, want)
		}
	})
}

func TestApplyRejectsIncompleteRecords(t *testing.T) {
	forEachDB(t, func(t *testing.T, s *Store) {
		if err := s.Apply(context.Background(), []journal.Record{{Dossier: "X", Kind: journal.KindReceived}}); err == nil {
			t.Fatal("a record without key was accepted")
		}
		if _, err := s.Dossier(context.Background(), "X"); !errors.Is(err, ErrNotFound) {
			t.Fatalf("Dossier of an unknown code: %v", err)
		}
	})
}

func TestWithdrawClosesOpenRows(t *testing.T) {
	forEachDB(t, func(t *testing.T, s *Store) {
		h := newHistory("W1", "P1")
		h.add(journal.Record{Kind: journal.KindReceived, At: at(0), Unit: "mot-cua", Due: ptr(at(10 * time.Hour))})
		h.add(journal.Record{Kind: journal.KindHandoff, At: at(0), Step: "a", Attempt: 1, Unit: "u1"})
		h.add(journal.Record{Kind: journal.KindHandoff, At: at(0), Step: "b", Attempt: 1, Unit: "u2"})
		h.add(journal.Record{Kind: journal.KindDecision, At: at(20 * time.Hour), Step: "a", Attempt: 1, Unit: "u1", Action: "withdraw", Actor: "clerk"})
		h.add(journal.Record{Kind: journal.KindFinished, At: at(20 * time.Hour), Action: StatusWithdrawn})
		mustApply(t, s, h.recs)
		v := mustDossier(t, s, "W1")
		if v.Status != StatusWithdrawn || v.Outcome != StatusWithdrawn || !v.Overdue {
			t.Fatalf("%+v", v.DossierRow)
		}
		if v.Attempts[0].Result != "withdraw" || v.Attempts[1].Result != StatusWithdrawn || v.Attempts[1].Open() {
			t.Fatalf("%+v", v.Attempts)
		}
		if !v.Attempts[0].DueAt.IsZero() {
			t.Fatalf("a step without limit has due %v", v.Attempts[0].DueAt)
		}
	})
}

func TestMigrationsOnce(t *testing.T) {
	for _, d := range readmodeltest.Dialects {
		t.Run(d, func(t *testing.T) {
			dsn := readmodeltest.DSN(t, d)
			ctx := context.Background()
			for i := 0; i < 2; i++ {
				s, err := Open(ctx, dsn)
				if err != nil {
					t.Fatal(err)
				}
				v, err := s.SchemaVersion(ctx)
				s.Close()
				if err != nil || v != 1 {
					t.Fatalf("schema version %d, %v", v, err)
				}
			}
		})
	}
}

func TestOpenRejectsUnknownDSN(t *testing.T) {
	if _, err := Open(context.Background(), "mysql://x"); err == nil {
		t.Fatal("accepted a mysql DSN")
	}
	if _, err := Open(context.Background(), "sqlite:"); err == nil {
		t.Fatal("accepted sqlite without a path")
	}
}
