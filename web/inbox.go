package web

import (
	"fmt"
	"net/http"
	"net/url"
	"slices"
	"time"

	"go.uber.org/zap"

	"github.com/lienthong/lienthong/readmodel"
)

// inboxRow is a line of the inbox with its remaining time in words.
type inboxRow struct {
	readmodel.InboxRow
	Overdue   bool
	Remaining string
}

// inboxData is the inbox page.
type inboxData struct {
	Unit       string
	UnitName   string
	Units      []unitChoice
	Procedure  string
	Procedures []procedureItem
	Rows       []inboxRow
	Next       string // the next page's URL; empty on the last page
}

type unitChoice struct {
	Code, Name string
	Selected   bool
}

// inbox lists the open steps of one of the user's units, soonest deadline
// first, 50 a page.
func (s *server) inbox(q *req) {
	if len(q.user.Units) == 0 {
		s.fail(q, http.StatusForbidden, "no.unit")
		return
	}
	qs := q.r.URL.Query()
	unit := qs.Get("unit")
	if unit == "" {
		unit = q.user.Units[0]
		for _, u := range q.user.Units { // prefer a unit that decides steps over the desk
			if u != q.user.Desk {
				unit = u
				break
			}
		}
	}
	if !slices.Contains(q.user.Units, unit) {
		s.fail(q, http.StatusForbidden, "forbidden")
		return
	}
	now := s.cfg.Now()
	f := readmodel.InboxFilter{Procedure: qs.Get("procedure"), Now: now, Limit: s.cfg.PageSize}
	if after := qs.Get("after"); after != "" {
		c, err := readmodel.ParseCursor(after)
		if err != nil {
			s.fail(q, http.StatusBadRequest, "error")
			return
		}
		f.After = c
	}
	rows, next, err := s.cfg.ReadModel.Inbox(q.r.Context(), unit, f)
	if err != nil {
		s.log.Error("web: inbox", zap.String("unit", unit), zap.Error(err))
		s.fail(q, http.StatusServiceUnavailable, "error")
		return
	}
	d := inboxData{Unit: unit, UnitName: s.unitName(q.lang, unit), Procedure: f.Procedure}
	for _, u := range q.user.Units {
		d.Units = append(d.Units, unitChoice{Code: u, Name: s.unitName(q.lang, u), Selected: u == unit})
	}
	for _, p := range s.inForce(now) {
		d.Procedures = append(d.Procedures, procedureItem{Code: p.Code, Name: p.Name})
	}
	for _, r := range rows {
		d.Rows = append(d.Rows, inboxRow{InboxRow: r, Overdue: r.OverdueAt(now), Remaining: remaining(q.lang, r.DueAt, now)})
	}
	if next != nil {
		v := url.Values{"unit": {unit}, "after": {next.String()}}
		if f.Procedure != "" {
			v.Set("procedure", f.Procedure)
		}
		d.Next = "/inbox?" + v.Encode()
	}
	s.render(q, http.StatusOK, "inbox", "inbox", d)
}

// remaining says how long is left until due (or how late it is), in
// calendar time rounded to the minute.
func remaining(lang Lang, due, now time.Time) string {
	if due.IsZero() {
		return ""
	}
	d := due.Sub(now)
	prefix := T(lang, "left")
	if d < 0 {
		d, prefix = -d, T(lang, "late")
	}
	days := int(d / (24 * time.Hour))
	hours := int(d % (24 * time.Hour) / time.Hour)
	mins := int(d % time.Hour / time.Minute)
	switch {
	case days > 0:
		return fmt.Sprintf("%s %d %s %d %s", prefix, days, T(lang, "days"), hours, T(lang, "hours"))
	case hours > 0:
		return fmt.Sprintf("%s %d %s %d %s", prefix, hours, T(lang, "hours"), mins, T(lang, "minutes"))
	default:
		return fmt.Sprintf("%s %d %s", prefix, mins, T(lang, "minutes"))
	}
}
