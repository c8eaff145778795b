// Package activities holds lienthong's side effects: recording what happens to
// a dossier, the deadline arithmetic against the working-day calendar (run as a
// local activity so its result lands in history and replay stays
// deterministic), and alerts. Activities are methods on Activities, which holds
// their dependencies; the worker registers the struct.
package activities

import (
	"context"
	"fmt"
	"sync/atomic"

	"go.temporal.io/sdk/activity"
	"go.temporal.io/sdk/client"
	"go.temporal.io/sdk/worker"
	"go.uber.org/zap"

	"github.com/lienthong/lienthong/journal"
	"github.com/lienthong/lienthong/procedure"
	"github.com/lienthong/lienthong/workday"
)

// Names under which the worker registers the activities (the method names).
// Workflows call them by name so that this package never needs a worker.
const (
	// PlanName is the local activity that records events and computes deadlines.
	PlanName = "Plan"
	// AlertName is the activity that delivers one rung of an escalation ladder.
	AlertName = "Alert"
)

// Activities holds the dependencies of every activity.
type Activities struct {
	calendar atomic.Pointer[workday.Calendar]
	Journal  *journal.Store
	Logger   *zap.Logger
	// Org resolves an alert's audience to a person and an address.
	Org *procedure.Organisation
	// Channels deliver alerts beyond the in-app feed (e-mail, webhooks).
	Channels []Channel
	// BaseURL of the web app, for links to the dossier page in alerts.
	BaseURL string
	// Projection, when set, receives every record too: the SQL read model
	// behind the people's lists.
	Projection Projection
	// Metrics, when set, receives the alert delivery counters; otherwise
	// they go to the activity's own handler (the worker client's, tagged
	// with namespace, task queue and activity type).
	Metrics client.MetricsHandler
}

// metrics is the handler delivery counters go to: Metrics, the activity's,
// or none outside an activity.
func (a *Activities) metrics(ctx context.Context) client.MetricsHandler {
	switch {
	case a.Metrics != nil:
		return a.Metrics
	case activity.IsActivity(ctx):
		return activity.GetMetricsHandler(ctx)
	}
	return client.MetricsNopHandler
}

// Projection is where records are projected for people's lists; Apply must be
// idempotent by record key (readmodel.Store is).
type Projection interface {
	Apply(ctx context.Context, recs []journal.Record) error
}

// record writes records to the journal and the projection. Every record goes
// to the projection each time, not only the ones the journal had not seen: a
// failure between the two writes must not lose a row on the retry.
func (a *Activities) record(ctx context.Context, recs []journal.Record) (int, error) {
	added, err := a.Journal.Append(ctx, recs)
	if err != nil {
		return added, err
	}
	if a.Projection != nil {
		if err := a.Projection.Apply(ctx, recs); err != nil {
			return added, fmt.Errorf("read model: %w", err)
		}
	}
	return added, nil
}

// New returns the activities with their dependencies.
func New(cal *workday.Calendar, j *journal.Store, logger *zap.Logger) *Activities {
	if logger == nil {
		logger = zap.NewNop()
	}
	a := &Activities{Journal: j, Logger: logger}
	a.calendar.Store(cal)
	return a
}

// SetCalendar replaces the calendar used from now on (an administrator
// published new calendar data); open dossiers learn of it through
// workflows.SignalCalendarChanged and recompute their deadlines.
func (a *Activities) SetCalendar(c *workday.Calendar) { a.calendar.Store(c) }

// Calendar returns the calendar in use.
func (a *Activities) Calendar() *workday.Calendar { return a.calendar.Load() }

// Register registers every activity under its name (PlanName, AlertName).
func (a *Activities) Register(r worker.ActivityRegistry) {
	r.RegisterActivityWithOptions(a.Plan, activity.RegisterOptions{Name: PlanName})
	r.RegisterActivityWithOptions(a.Alert, activity.RegisterOptions{Name: AlertName})
}
