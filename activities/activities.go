// Package activities holds lienthong's side effects: recording what happens to
// a dossier, the deadline arithmetic against the working-day calendar (run as a
// local activity so its result lands in history and replay stays
// deterministic), and alerts. Activities are methods on Activities, which holds
// their dependencies; the worker registers the struct.
package activities

import (
	"go.temporal.io/sdk/activity"
	"go.temporal.io/sdk/worker"
	"go.uber.org/zap"

	"github.com/lienthong/lienthong/journal"
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
	Calendar *workday.Calendar
	Journal  *journal.Store
	Logger   *zap.Logger
}

// Register registers every activity under its name (PlanName, AlertName).
func (a *Activities) Register(r worker.ActivityRegistry) {
	r.RegisterActivityWithOptions(a.Plan, activity.RegisterOptions{Name: PlanName})
	r.RegisterActivityWithOptions(a.Alert, activity.RegisterOptions{Name: AlertName})
}
