package reports

import (
	"context"
	"math"
	"reflect"
	"testing"
	"time"

	"github.com/lienthong/lienthong/catalog"
	"github.com/lienthong/lienthong/journal"
	"github.com/lienthong/lienthong/readmodel"
	"github.com/lienthong/lienthong/workday"
)

// The fixture: 19 step attempts of three units around ISO week 2026-W11
// (Monday 9 March 00:00 to Monday 16 March 00:00, Hanoi), with 2026-W10 as the
// previous week. March 2026 has no holiday; office hours are 08–12 and 13–17,
// so a full working day is 8 h = 480 working minutes.
//
// Unit phong-a (agency so-x):
//
//	A1 given Tue 10 09:00, due Thu 12 17:00, approved Wed 11 10:00  → early (before the 12th)
//	   work: 10th 09–12 + 13–17 = 7 h, 11th 08–10 = 2 h → 540 min
//	A2 given Tue 10 14:00, due Thu 12 17:00, approved Thu 12 16:00  → on time (the due day)
//	   work: 10th 3 h + 11th 8 h + 12th 4 h + 3 h → 18 h = 1080 min
//	A3 given Mon 9 08:00, due Tue 10 17:00, approved Wed 11 09:00   → late
//	   work: 8 h + 8 h + 1 h = 17 h = 1020 min
//	A4 given Thu 5 10:00 (W10), due Wed 11 17:00, approved Tue 10 11:00 → carried over, early
//	   work: 5th 6 h + 6th 8 h + 9th 8 h + 10th 3 h = 25 h = 1500 min
//	A5 given Fri 13 08:00, due Tue 17 17:00, open                  → in progress within time
//	A6 given Wed 4 08:00 (W10), due Fri 6 17:00, open              → carried over, overdue
//	A7 given Wed 11 08:00, reassigned 10:00 to an officer (same due Fri 13 17:00),
//	   approved Fri 13 15:00                                       → on time
//	   work: 2 h + (11th 6 h + 12th 8 h + 13th 6 h) = 22 h = 1320 min
//
//	received 5 (A1 A2 A3 A5 A7), carried over 2 (A4 A6), handled 7
//	rate = (early 2 + on time 2 + in time 1) / (finished 5 + in progress 2) = 5/7
//	score = 5/7 × 20 / 0.95 = 15.0375…
//	work 540 1020 1080 1320 1500: avg 5460/5 = 1092 min, P90 = ⌈4.5⌉ = 5th = 1500 min
//
// Unit phong-b (agency so-x):
//
//	B0 given Tue 3 08:00, due Wed 4 17:00, approved Wed 4 09:00 → W10 only: on time
//	B1 given Mon 9 09:00, due Wed 11 17:00; supplement asked Tue 10 09:00; returned
//	   Thu 12 08:00 with due Fri 13 17:00; approved Fri 13 17:00 (at the due instant) → on time
//	   work: row 1 (9th 7 h + 10th 1 h) + row 2 (12th 8 h + 13th 8 h) = 24 h = 1440 min
//	   (the two days waiting for the citizen do not count)
//	B2 given Tue 10 08:00, due Thu 12 12:00, approved Thu 12 13:30 → late
//	   work: 8 h + 8 h + 4 h + 0.5 h = 20.5 h = 1230 min
//	B3 given Thu 12 08:00, due Fri 13 12:00; supplement asked Thu 12 15:00, not returned → waiting
//	B4 given Fri 13 10:00, due Fri 13 16:00, open                → overdue
//	B5 given Wed 11 08:00; dossier withdrawn Thu 12 10:00        → withdrawn
//	B6 given Tue 10 08:00, no time limit, approved Tue 10 12:00  → on time, 240 min
//
//	received 6, carried over 0, handled 6 = 2 on time + 1 late + 1 overdue + 1 waiting + 1 withdrawn
//	rate = 2 / (3 finished + 1 in progress) = 0.5; score = 0.5 × 20 / 0.95 = 10.526…
//	work 240 1230 1440: avg 2910/3 = 970 min, P90 = ⌈2.7⌉ = 3rd = 1440 min
//
// Unit phong-c (agency so-y):
//
//	C1 given Mon 9 08:00, due Mon 9 17:00, approved Mon 9 11:00 → on time, 180 min
//	C2 given Fri 6 14:00 (W10), due Tue 10 17:00, approved Mon 9 10:00 → carried over, early
//	   work: 6th 3 h + 9th 2 h = 300 min
//	C3 given Thu 12 08:00, due Fri 20 17:00, open               → in time
//	C4 given Mon 2 08:00, due Thu 5 17:00, approved Wed 4 10:00 → W10 only: early
//	C5 given Fri 13 08:00, due Mon 16 10:00, approved Mon 16 09:00 (after the week) → in time at its end
//
//	received 3 (C1 C3 C5), carried over 1 (C2), handled 4; rate 4/4 = 1, score 20
//	work 180 300: avg 240 min, P90 = ⌈1.8⌉ = 2nd = 300 min
//
// Previous week W10: phong-a received A4 (in time at W10's end) and A6
// (overdue) → 1/2; phong-b B0 on time → 1; phong-c C4 early, C2 in time → 1.
// Ranks W10: phong-b 1 (rate 1, 0 overdue, code before phong-c), phong-c 2,
// phong-a 3. Ranks W11: phong-c 1 (Δ +1), phong-a 2 (Δ +1), phong-b 3 (Δ −2).
//
// Agencies W11: so-x = phong-a + phong-b: received 11, carried 2, handled 13,
// early 2, on time 4, late 2, in time 1, overdue 2, waiting 1, withdrawn 1;
// rate 7/11, score 7/11 × 20 / 0.95 = 13.397…; work 240 540 1020 1080 1230
// 1320 1440 1500: avg 8370/8 = 1046.25 min, P90 = ⌈7.2⌉ = 8th = 1500 min.
// so-y = phong-c. W10: so-x = A4 A6 B0 → 2/3, so-y 1. Ranks so-y 1, so-x 2
// both weeks; so-x rate change 7/11 − 2/3 = −1/33.
func fixture() [][]journal.Record {
	var out [][]journal.Record
	// attempt writes a one-row attempt: received at the desk and handed to
	// unit at given; decided with action at end unless end is zero.
	attempt := func(code, unit string, given time.Time, due *time.Time, end time.Time, action string) *hist {
		h := &hist{code: code}
		h.add(journal.Record{Kind: journal.KindReceived, At: given.UTC(), Unit: "mot-cua", Actor: "clerk", Note: "desk"})
		h.add(journal.Record{Kind: journal.KindHandoff, At: given.UTC(), Step: "tham-dinh", Attempt: 1, Unit: unit, Actor: "clerk", Due: due})
		if !end.IsZero() {
			h.add(journal.Record{Kind: journal.KindDecision, At: end.UTC(), Step: "tham-dinh", Attempt: 1, Unit: unit, Actor: "cb", Action: action})
		}
		return h
	}
	d := func(t time.Time) *time.Time { u := t.UTC(); return &u }
	var none time.Time
	a, b, c := "phong-a", "phong-b", "phong-c"
	hs := []*hist{
		attempt("DA1", a, ict(10, 9, 0), d(ict(12, 17, 0)), ict(11, 10, 0), "approve"),
		attempt("DA2", a, ict(10, 14, 0), d(ict(12, 17, 0)), ict(12, 16, 0), "approve"),
		attempt("DA3", a, ict(9, 8, 0), d(ict(10, 17, 0)), ict(11, 9, 0), "approve"),
		attempt("DA4", a, ict(5, 10, 0), d(ict(11, 17, 0)), ict(10, 11, 0), "approve"),
		attempt("DA5", a, ict(13, 8, 0), d(ict(17, 17, 0)), none, ""),
		attempt("DA6", a, ict(4, 8, 0), d(ict(6, 17, 0)), none, ""),
		attempt("DA7", a, ict(11, 8, 0), d(ict(13, 17, 0)), none, "").
			add(journal.Record{Kind: journal.KindHandoff, At: ict(11, 10, 0).UTC(), Step: "tham-dinh", Attempt: 1, Unit: a, Actor: "head", Note: "reassigned to cb-x"}).
			add(journal.Record{Kind: journal.KindDecision, At: ict(13, 15, 0).UTC(), Step: "tham-dinh", Attempt: 1, Unit: a, Actor: "cb-x", Action: "approve"}),

		attempt("DB0", b, ict(3, 8, 0), d(ict(4, 17, 0)), ict(4, 9, 0), "approve"),
		attempt("DB1", b, ict(9, 9, 0), d(ict(11, 17, 0)), ict(10, 9, 0), "supplement").
			add(journal.Record{Kind: journal.KindClockStop, At: ict(10, 9, 0).UTC(), Step: "tham-dinh", Action: readmodel.StatusWaitingSupplement}).
			add(journal.Record{Kind: journal.KindHandoff, At: ict(12, 8, 0).UTC(), Step: "tham-dinh", Attempt: 1, Unit: b, Actor: "clerk", Note: "supplemented", Due: d(ict(13, 17, 0))}).
			add(journal.Record{Kind: journal.KindClockStart, At: ict(12, 8, 0).UTC()}).
			add(journal.Record{Kind: journal.KindDecision, At: ict(13, 17, 0).UTC(), Step: "tham-dinh", Attempt: 1, Unit: b, Actor: "cb", Action: "approve"}),
		attempt("DB2", b, ict(10, 8, 0), d(ict(12, 12, 0)), ict(12, 13, 30), "approve"),
		attempt("DB3", b, ict(12, 8, 0), d(ict(13, 12, 0)), ict(12, 15, 0), "supplement").
			add(journal.Record{Kind: journal.KindClockStop, At: ict(12, 15, 0).UTC(), Step: "tham-dinh", Action: readmodel.StatusWaitingSupplement}),
		attempt("DB4", b, ict(13, 10, 0), d(ict(13, 16, 0)), none, ""),
		attempt("DB5", b, ict(11, 8, 0), d(ict(13, 17, 0)), none, "").
			add(journal.Record{Kind: journal.KindFinished, At: ict(12, 10, 0).UTC(), Unit: "mot-cua", Actor: "clerk", Action: readmodel.StatusWithdrawn}),
		attempt("DB6", b, ict(10, 8, 0), nil, ict(10, 12, 0), "approve"),

		attempt("DC1", c, ict(9, 8, 0), d(ict(9, 17, 0)), ict(9, 11, 0), "approve"),
		attempt("DC2", c, ict(6, 14, 0), d(ict(10, 17, 0)), ict(9, 10, 0), "approve"),
		attempt("DC3", c, ict(12, 8, 0), d(ict(20, 17, 0)), none, ""),
		attempt("DC4", c, ict(2, 8, 0), d(ict(5, 17, 0)), ict(4, 10, 0), "approve"),
		attempt("DC5", c, ict(13, 8, 0), d(ict(16, 10, 0)), ict(16, 9, 0), "approve"),
	}
	for _, h := range hs {
		out = append(out, h.recs)
	}
	return out
}

func load(t *testing.T, s *readmodel.Store) {
	t.Helper()
	for _, recs := range fixture() {
		if err := s.Apply(context.Background(), recs); err != nil {
			t.Fatal(err)
		}
	}
}

func options(t *testing.T) Options {
	t.Helper()
	cal, err := workday.Load(catalog.FS())
	if err != nil {
		t.Fatal(err)
	}
	agency := map[string]string{"phong-a": "so-x", "phong-b": "so-x", "phong-c": "so-y"}
	return Options{
		Target: 0.95,
		WorkTime: func(from, to time.Time) (time.Duration, error) {
			d, err := cal.Remaining(from, to, workday.WorkingMinutes)
			return time.Duration(d.Amount) * time.Minute, err
		},
		AgencyOf: func(u string) string { return agency[u] },
	}
}

func week(t *testing.T, s string) Period {
	t.Helper()
	p, err := ParsePeriod(s)
	if err != nil {
		t.Fatal(err)
	}
	return p
}

// approx compares the float fields within 1e-9 and the rest exactly.
func checkRows(t *testing.T, got, want []Row) {
	t.Helper()
	if len(got) != len(want) {
		t.Fatalf("%d rows, want %d: %+v", len(got), len(want), got)
	}
	for i := range want {
		g, w := got[i], want[i]
		for _, f := range []struct {
			name string
			g, w float64
		}{{"Rate", g.Rate, w.Rate}, {"Score", g.Score, w.Score}, {"RateDelta", g.RateDelta, w.RateDelta}} {
			if math.Abs(f.g-f.w) > 1e-9 {
				t.Errorf("row %d (%s) %s = %v, want %v", i, g.Code, f.name, f.g, f.w)
			}
		}
		g.Rate, g.Score, g.RateDelta = w.Rate, w.Score, w.RateDelta
		if !reflect.DeepEqual(g, w) {
			t.Errorf("row %d:\n got %+v\nwant %+v", i, g, w)
		}
	}
}

const minute = time.Minute // one working minute

func TestUnitTableByHand(t *testing.T) {
	forEachDB(t, func(t *testing.T, s *readmodel.Store, r *Reports) {
		load(t, s)
		opt := options(t)
		tab, err := r.Units(context.Background(), week(t, "2026-W11"), opt)
		if err != nil {
			t.Fatal(err)
		}
		if tab.By != ByUnit || tab.Target != 0.95 || tab.Previous.String() != "2026-W10" {
			t.Errorf("table header %v %v %v", tab.By, tab.Target, tab.Previous)
		}
		checkRows(t, tab.Rows, []Row{
			{Code: "phong-c", Name: "phong-c", Received: 3, CarriedOver: 1, Handled: 4,
				Early: 1, OnTime: 1, InTime: 2,
				Rated: true, Rate: 1, Score: 20, Avg: 240 * minute, P90: 300 * minute,
				Rank: 1, HasPrevious: true, PrevRank: 2, RankDelta: 1, RateDelta: 0},
			{Code: "phong-a", Name: "phong-a", Received: 5, CarriedOver: 2, Handled: 7,
				Early: 2, OnTime: 2, Late: 1, InTime: 1, Overdue: 1,
				Rated: true, Rate: 5.0 / 7, Score: 5.0 / 7 * 20 / 0.95, Avg: 1092 * minute, P90: 1500 * minute,
				Rank: 2, HasPrevious: true, PrevRank: 3, RankDelta: 1, RateDelta: 5.0/7 - 0.5},
			{Code: "phong-b", Name: "phong-b", Received: 6, Handled: 6,
				OnTime: 2, Late: 1, Overdue: 1, Waiting: 1, Withdrawn: 1,
				Rated: true, Rate: 0.5, Score: 0.5 * 20 / 0.95, Avg: 970 * minute, P90: 1440 * minute,
				Rank: 3, HasPrevious: true, PrevRank: 1, RankDelta: -2, RateDelta: -0.5},
		})
	})
}

func TestAgencyTableByHand(t *testing.T) {
	forEachDB(t, func(t *testing.T, s *readmodel.Store, r *Reports) {
		load(t, s)
		tab, err := r.Agencies(context.Background(), week(t, "2026-W11"), options(t))
		if err != nil {
			t.Fatal(err)
		}
		checkRows(t, tab.Rows, []Row{
			{Code: "so-y", Name: "so-y", Received: 3, CarriedOver: 1, Handled: 4,
				Early: 1, OnTime: 1, InTime: 2,
				Rated: true, Rate: 1, Score: 20, Avg: 240 * minute, P90: 300 * minute,
				Rank: 1, HasPrevious: true, PrevRank: 1},
			{Code: "so-x", Name: "so-x", Received: 11, CarriedOver: 2, Handled: 13,
				Early: 2, OnTime: 4, Late: 2, InTime: 1, Overdue: 2, Waiting: 1, Withdrawn: 1,
				Rated: true, Rate: 7.0 / 11, Score: 7.0 / 11 * 20 / 0.95, Avg: 1046*minute + 15*time.Second, P90: 1500 * minute,
				Rank: 2, HasPrevious: true, PrevRank: 2, RateDelta: -1.0 / 33},
		})
	})
}

func TestPreviousWeekByHand(t *testing.T) {
	forEachDB(t, func(t *testing.T, s *readmodel.Store, r *Reports) {
		load(t, s)
		tab, err := r.Units(context.Background(), week(t, "2026-W10"), Options{})
		if err != nil {
			t.Fatal(err)
		}
		// No WorkTime: Avg and P90 stay zero. Nothing before W10: no previous.
		checkRows(t, tab.Rows, []Row{
			{Code: "phong-b", Name: "phong-b", Received: 1, Handled: 1, OnTime: 1, Rated: true, Rate: 1, Score: 20, Rank: 1},
			{Code: "phong-c", Name: "phong-c", Received: 2, Handled: 2, Early: 1, InTime: 1, Rated: true, Rate: 1, Score: 20, Rank: 2},
			{Code: "phong-a", Name: "phong-a", Received: 2, Handled: 2, InTime: 1, Overdue: 1, Rated: true, Rate: 0.5, Score: 0.5 * 20 / 0.95, Rank: 3},
		})
	})
}

func TestDrill(t *testing.T) {
	forEachDB(t, func(t *testing.T, s *readmodel.Store, r *Reports) {
		load(t, s)
		opt := options(t)
		p := week(t, "2026-W11")
		codes := func(by By, code string, cell Cell) []string {
			items, err := r.Drill(context.Background(), p, by, code, cell, opt)
			if err != nil {
				t.Fatal(err)
			}
			out := []string{}
			for _, it := range items {
				out = append(out, it.Dossier)
			}
			return out
		}
		for _, c := range []struct {
			by   By
			code string
			cell Cell
			want []string
		}{
			{ByUnit, "phong-a", CellLate, []string{"DA3"}},
			{ByUnit, "phong-a", CellCarriedOver, []string{"DA4", "DA6"}},
			{ByUnit, "phong-a", CellEarly, []string{"DA1", "DA4"}},
			{ByUnit, "phong-a", CellReceived, []string{"DA1", "DA2", "DA3", "DA5", "DA7"}},
			{ByUnit, "phong-b", CellWaiting, []string{"DB3"}},
			{ByUnit, "phong-b", CellWithdrawn, []string{"DB5"}},
			{ByUnit, "phong-b", CellOnTime, []string{"DB1", "DB6"}},
			{ByUnit, "phong-c", CellInTime, []string{"DC3", "DC5"}},
			{ByUnit, "phong-c", CellLate, []string{}},
			{ByAgency, "so-x", CellOverdue, []string{"DA6", "DB4"}},
			{ByAgency, "so-x", CellInProgress, []string{"DA5", "DA6", "DB4"}},
			{ByAgency, "so-y", CellFinished, []string{"DC1", "DC2"}},
		} {
			if got := codes(c.by, c.code, c.cell); !reflect.DeepEqual(got, c.want) {
				t.Errorf("%s %s %s = %v, want %v", c.by, c.code, c.cell, got, c.want)
			}
		}
		items, err := r.Drill(context.Background(), p, ByUnit, "phong-b", CellOnTime, opt)
		if err != nil {
			t.Fatal(err)
		}
		b1 := items[0]
		if b1.Step != "tham-dinh" || b1.Attempt != 1 || !b1.GivenAt.Equal(ict(9, 9, 0)) || !b1.DueAt.Equal(ict(13, 17, 0)) ||
			!b1.FinishedAt.Equal(ict(13, 17, 0)) || !b1.Received || b1.WorkTime != 1440*minute || b1.Unit != "phong-b" {
			t.Errorf("DB1 item %+v", b1)
		}
		if _, err := r.Drill(context.Background(), p, ByUnit, "phong-a", "bogus", opt); err == nil {
			t.Error("unknown cell accepted")
		}
	})
}

func TestTrend(t *testing.T) {
	forEachDB(t, func(t *testing.T, s *readmodel.Store, r *Reports) {
		load(t, s)
		tabs, err := r.Trend(context.Background(), week(t, "2026-W11"), 3, ByUnit, Options{})
		if err != nil {
			t.Fatal(err)
		}
		var got []string
		for _, tab := range tabs {
			got = append(got, tab.Period.String())
		}
		if !reflect.DeepEqual(got, []string{"2026-W09", "2026-W10", "2026-W11"}) {
			t.Fatalf("periods %v", got)
		}
		if len(tabs[0].Rows) != 0 || len(tabs[1].Rows) != 3 || tabs[2].Rows[0].Code != "phong-c" {
			t.Errorf("trend tables %+v", tabs)
		}
		if _, err := xmlCheck(TrendChartSVG(tabs)); err != nil {
			t.Error(err)
		}
	})
}

func TestNewRejects(t *testing.T) {
	if _, err := New(nil); err == nil {
		t.Error("nil read model accepted")
	}
}
