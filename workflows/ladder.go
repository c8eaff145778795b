package workflows

import (
	"fmt"
	"time"

	"go.temporal.io/sdk/temporal"
	"go.temporal.io/sdk/workflow"

	"github.com/lienthong/lienthong/activities"
	"github.com/lienthong/lienthong/metrics"
	"github.com/lienthong/lienthong/procedure"
)

// nextWake returns the earliest instant at which something is due — a ladder
// rung, a deadline, a repeat, a silent consultation's end — and a label for
// the timer's summary. One timer serves them all, so a decision costs at most
// one timer cancelled and one started.
func (d *dossier) nextWake() (time.Time, string) {
	var at time.Time
	var label string
	consider := func(t time.Time, what string) {
		if !t.IsZero() && (at.IsZero() || t.Before(at)) {
			at, label = t, what
		}
	}
	clock := func(c *Clock, who string) {
		if c.Stopped != nil || c.Due.IsZero() {
			return
		}
		for _, r := range c.Rungs {
			if !r.Fired {
				consider(r.At, fmt.Sprintf("%s: cảnh báo mức %d tới %s / level %d alert to %s", who, r.Level, r.Notify, r.Level, r.Notify))
				break // rungs are in time order
			}
		}
		if !c.Overdue {
			consider(c.Due, who+": hạn xử lý / deadline")
		}
		if c.Repeat != nil && !c.NextRepeat.IsZero() {
			consider(c.NextRepeat, fmt.Sprintf("%s: nhắc lại tới %s / repeat to %s", who, c.Repeat.Notify, c.Repeat.Notify))
		}
	}
	for _, t := range d.s.Tasks {
		clock(&t.Clock, fmt.Sprintf("bước %s (%s)", t.StepID, t.Unit))
	}
	if g := d.s.Group; g != nil && g.Rule == procedure.CompleteSilenceIsConsent && g.Clock.Stopped == nil {
		consider(g.Clock.Due, fmt.Sprintf("nhóm %s: hết hạn lấy ý kiến, im lặng là đồng ý / consultation ends, silence is consent", g.StepID))
	}
	clock(&d.s.Dossier, "hồ sơ "+d.in.Code)
	if !at.IsZero() && at.Before(d.retryAt) {
		at, label = d.retryAt, "thử lại sau lỗi tính hạn / retry after a planning error"
	}
	if !at.IsZero() {
		label = fmt.Sprintf("%s — %s", fmtLocal(at), label)
	}
	return at, label
}

// wake handles everything due by now: it sends the alerts of due rungs,
// marks overdue work, schedules repeats and closes silent consultations.
func (d *dossier) wake(ctx workflow.Context) error {
	if err := d.mu.Lock(ctx); err != nil {
		return err
	}
	defer d.mu.Unlock()
	now := d.now()
	b := d.newBatch()
	// A silence-is-consent consultation whose time is up closes first: its
	// silent members are deemed to agree, so they are not escalated as late.
	g := d.s.Group
	silent := g != nil && g.Rule == procedure.CompleteSilenceIsConsent && g.Clock.Stopped == nil &&
		!g.Clock.Due.IsZero() && !g.Clock.Due.After(now)
	for _, t := range d.s.Tasks {
		if silent && t.Group == g.StepID {
			continue
		}
		d.climb(ctx, b, &t.Clock, t, now)
	}
	d.climb(ctx, b, &d.s.Dossier, nil, now)
	if silent {
		for _, t := range d.s.Tasks {
			d.closeTaskAt(b, t, g.Clock.Due, "consent_by_silence", nil, nil, "hết hạn không có ý kiến: coi như đồng ý / no answer in time: deemed to agree")
		}
		b.then(func() { d.s.Group = nil })
		if err := d.advance(b, g.StepID); err != nil {
			return err
		}
	}
	if err := b.run(ctx, "Đến hạn: cảnh báo và nhắc lại / deadlines reached: alerts and repeats"); err != nil {
		// The alerts already went out; what needed the plan (repeats, a
		// silent consultation's hand-off) is tried again in an hour rather
		// than spinning on an instant already past or stalling for good.
		d.logger.Warn("plan failed at wake-up; retrying in an hour", "dossier", d.in.Code, "error", err.Error())
		d.retryAt = now.Add(time.Hour)
	} else {
		d.retryAt = time.Time{}
	}
	d.changed()
	return nil
}

// climb fires the rungs of one clock that are due by now. t is nil for the
// dossier's own clock, whose alerts go to the unit holding the dossier.
func (d *dossier) climb(ctx workflow.Context, b *batch, c *Clock, t *Task, now time.Time) {
	if c.Stopped != nil || c.Due.IsZero() {
		return
	}
	for i := range c.Rungs {
		r := &c.Rungs[i]
		if r.Fired || r.At.After(now) {
			continue
		}
		r.Fired = true
		d.alert(ctx, c, t, r.Notify, r.Level, r.Apology, fmt.Sprintf("r%d", i), now)
	}
	if !c.Overdue && !c.Due.After(now) {
		c.Overdue = true
		if t != nil {
			d.s.LateUnits = addUnique(d.s.LateUnits, t.Unit)
		}
	}
	if c.Repeat == nil || !allFired(c.Rungs) {
		return
	}
	// NextRepeat is cleared when a repeat fires, so a failed computation of
	// the next one is retried as a computation, never as another alert.
	if !c.NextRepeat.IsZero() {
		if c.NextRepeat.After(now) {
			return
		}
		c.Repeats++
		c.LastRepeat, c.NextRepeat = c.NextRepeat, time.Time{}
		d.alert(ctx, c, t, c.Repeat.Notify, c.topLevel(), false, fmt.Sprintf("repeat%d", c.Repeats), now)
	}
	last := c.LastRepeat
	if last.IsZero() {
		last = c.Due
		if n := len(c.Rungs); n > 0 {
			last = c.Rungs[n-1].At
		}
	}
	b.repeat(activities.RepeatRequest{After: last, Every: c.Repeat.Every}, func(at time.Time) { c.NextRepeat = at })
}

func allFired(rs []RungState) bool {
	for _, r := range rs {
		if !r.Fired {
			return false
		}
	}
	return true
}

// alert starts the Alert activity for one rung and notes it on the slip.
func (d *dossier) alert(ctx workflow.Context, c *Clock, t *Task, to procedure.Audience, level int, apology bool, rung string, now time.Time) {
	in := activities.AlertInput{
		Dossier: d.in.Code, Procedure: d.in.Procedure.Code, ProcedureName: d.in.Procedure.Name.VI, Audience: to, Level: level, Apology: apology,
		DueAt: c.Due, At: now, Unit: d.in.Desk,
	}
	if t != nil {
		st, _ := d.in.Procedure.Step(t.StepID)
		in.Step, in.StepName, in.Attempt, in.Unit, in.Holder = t.StepID, st.Name.VI, t.Attempt, t.Unit, t.Holder
		in.Key = fmt.Sprintf("%s/%s/%d/%s", d.in.Code, t.StepID, t.Attempt, rung)
	} else {
		if len(d.s.Tasks) > 0 && to != procedure.AudienceDesk {
			in.Unit = d.s.Tasks[0].Unit // the unit causing the delay
		}
		in.Key = fmt.Sprintf("%s/dossier/%d/%s", d.in.Code, len(d.s.Escalations), rung)
	}
	if level > c.Level {
		c.Level = level
	}
	actx := workflow.WithActivityOptions(ctx, workflow.ActivityOptions{
		StartToCloseTimeout:    time.Minute, // longer than one SMTP exchange (30 s)
		ScheduleToCloseTimeout: 7 * 24 * time.Hour,
		RetryPolicy: &temporal.RetryPolicy{
			InitialInterval:    5 * time.Second,
			BackoffCoefficient: 2,
			MaximumInterval:    10 * time.Minute,
		},
		Summary: fmt.Sprintf("Cảnh báo mức %d → %s của %s (%s) / level %d alert", level, to, in.Unit, in.Step, level),
	})
	d.alerts = append(d.alerts, workflow.ExecuteActivity(actx, activities.AlertName, in))
	d.s.Escalations = append(d.s.Escalations, Escalation{At: now, Step: in.Step, Unit: in.Unit, Audience: to, Level: level, Apology: apology})
	metrics.Escalation(workflow.GetMetricsHandler(ctx), level, string(to))
}
