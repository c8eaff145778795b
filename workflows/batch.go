package workflows

import (
	"fmt"
	"time"

	"go.temporal.io/sdk/temporal"
	"go.temporal.io/sdk/workflow"

	"github.com/lienthong/lienthong/activities"
	"github.com/lienthong/lienthong/journal"
	"github.com/lienthong/lienthong/workday"
)

// batch collects what one workflow task needs from the Plan local activity —
// records to write and deadlines to compute — so that a decision costs one
// marker event. Callbacks apply the answers; they run only after the activity
// succeeded, so a failed plan leaves the state untouched.
type batch struct {
	d    *dossier
	in   activities.PlanInput
	keys int // journal records queued so far, plain or attached to windows
	// giver is who hands the dossier on in this batch (the decision's actor);
	// empty means whoever handed it on last.
	giver string
	apply []func(activities.PlanOutput)
}

func (d *dossier) newBatch() *batch { return &batch{d: d} }

// stamp gives a record its dossier and its idempotency key: the dossier code
// and the record's position in the dossier's history, the same on every replay.
func (b *batch) stamp(r *journal.Record) {
	b.keys++
	r.Dossier = b.d.in.Code
	r.Procedure = b.d.in.Procedure.Code
	r.Key = fmt.Sprintf("%s/%d", b.d.in.Code, b.d.s.Seq+b.keys)
}

// record queues a journal record, by default at the current instant.
func (b *batch) record(r journal.Record) {
	b.stamp(&r)
	if r.At.IsZero() {
		r.At = b.d.now()
	}
	b.in.Records = append(b.in.Records, r)
}

// window asks for a deadline and its rungs. A record attached to the request
// is written with the computed start and due instants.
func (b *batch) window(req activities.WindowRequest, fn func(activities.Window)) {
	if req.Record != nil {
		r := *req.Record
		b.stamp(&r)
		req.Record = &r
	}
	i := len(b.in.Windows)
	b.in.Windows = append(b.in.Windows, req)
	b.apply = append(b.apply, func(out activities.PlanOutput) { fn(out.Windows[i]) })
}

// remaining asks how much of a deadline is left.
func (b *batch) remaining(req activities.RemainingRequest, fn func(workday.Duration)) {
	i := len(b.in.Remaining)
	b.in.Remaining = append(b.in.Remaining, req)
	b.apply = append(b.apply, func(out activities.PlanOutput) { fn(out.Remaining[i]) })
}

// repeat asks for the next instant of a repeating rung.
func (b *batch) repeat(req activities.RepeatRequest, fn func(time.Time)) {
	i := len(b.in.Repeats)
	b.in.Repeats = append(b.in.Repeats, req)
	b.apply = append(b.apply, func(out activities.PlanOutput) { fn(out.Repeats[i]) })
}

// then queues a state change that must happen only if the plan succeeds.
func (b *batch) then(fn func()) {
	b.apply = append(b.apply, func(activities.PlanOutput) { fn() })
}

func (b *batch) empty() bool {
	return len(b.in.Records) == 0 && len(b.in.Windows) == 0 && len(b.in.Remaining) == 0 && len(b.in.Repeats) == 0
}

// run executes the Plan local activity (skipped when there is nothing to ask)
// and applies the answers in the order they were queued.
func (b *batch) run(ctx workflow.Context, summary string) error {
	var out activities.PlanOutput
	if !b.empty() {
		lctx := workflow.WithLocalActivityOptions(ctx, workflow.LocalActivityOptions{
			StartToCloseTimeout: 10 * time.Second,
			RetryPolicy: &temporal.RetryPolicy{
				InitialInterval:    200 * time.Millisecond,
				BackoffCoefficient: 2,
				MaximumInterval:    2 * time.Second,
				MaximumAttempts:    5,
			},
			Summary: summary,
		})
		if err := workflow.ExecuteLocalActivity(lctx, activities.PlanName, b.in).Get(ctx, &out); err != nil {
			return err
		}
	}
	b.d.s.Seq += b.keys
	for _, fn := range b.apply {
		fn(out)
	}
	return nil
}

// clockFrom fills a clock from a computed window.
func clockFrom(c *Clock, w activities.Window) {
	c.Due = w.Due
	c.DueDayStart = w.DueDayStart
	for i := range c.Rungs {
		if i < len(w.Rungs) {
			c.Rungs[i].At = w.Rungs[i]
		}
	}
}
