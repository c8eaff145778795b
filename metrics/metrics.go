// Package metrics names lienthong's own Prometheus metrics in one place and
// builds the worker's metrics pipeline: a tally scope reported to a Prometheus
// registry, wrapped as the Temporal SDK's metrics handler, so the SDK's metrics
// (temporal_*) and the project's (lienthong_*) are scraped from one endpoint.
//
// Every label is low-cardinality: unit codes from the organisation catalogue,
// actions, ladder levels, audiences, channel names and results. Never a dossier
// code, a person or anything a citizen wrote.
//
// Callers record through the helpers below with the handler at hand: in a
// workflow workflow.GetMetricsHandler(ctx) (the SDK drops metrics while
// replaying, so a replayed decision is not counted twice), in an activity
// activity.GetMetricsHandler(ctx), in the worker the handler New returns.
package metrics

import (
	"strconv"

	"go.temporal.io/sdk/client"
)

// Metric names. Counters end in _total as Prometheus expects.
const (
	// StepsDecided counts accepted decisions on a step, by the unit that held
	// the step and the action taken. Labels: unit, action.
	StepsDecided = "lienthong_steps_decided_total"
	// Escalations counts ladder rungs (and repeats) fired, by level and the
	// audience alerted. Labels: level, audience.
	Escalations = "lienthong_escalations_total"
	// AlertDeliveries counts attempts to deliver an alert on a channel, by
	// result. Labels: channel, result (ResultDelivered, ResultRetry,
	// ResultRefused). Failures are result != delivered.
	AlertDeliveries = "lienthong_alert_deliveries_total"
	// OpenOverdueSteps is the number of open step attempts past their due
	// time, per unit, from the read model. Labels: unit.
	OpenOverdueSteps = "lienthong_open_overdue_steps"
)

// Label names.
const (
	LabelUnit     = "unit"
	LabelAction   = "action"
	LabelLevel    = "level"
	LabelAudience = "audience"
	LabelChannel  = "channel"
	LabelResult   = "result"
)

// Values of LabelResult.
const (
	// ResultDelivered: the channel accepted the alert.
	ResultDelivered = "delivered"
	// ResultRetry: a transient failure; Temporal retries the activity.
	ResultRetry = "retry"
	// ResultRefused: a permanent failure; the alert is not retried.
	ResultRefused = "refused"
)

// unknown stands for an empty label value, which Prometheus would drop.
const unknown = "unknown"

func value(s string) string {
	if s == "" {
		return unknown
	}
	return s
}

// StepDecided counts one accepted decision on a step of unit.
func StepDecided(h client.MetricsHandler, unit, action string) {
	h.WithTags(map[string]string{LabelUnit: value(unit), LabelAction: value(action)}).Counter(StepsDecided).Inc(1)
}

// Escalation counts one rung fired at level to audience.
func Escalation(h client.MetricsHandler, level int, audience string) {
	h.WithTags(map[string]string{LabelLevel: strconv.Itoa(level), LabelAudience: value(audience)}).Counter(Escalations).Inc(1)
}

// AlertDelivery counts one delivery attempt on channel with its result.
func AlertDelivery(h client.MetricsHandler, channel, result string) {
	h.WithTags(map[string]string{LabelChannel: value(channel), LabelResult: value(result)}).Counter(AlertDeliveries).Inc(1)
}

// SetOpenOverdue sets the number of open overdue steps of unit.
func SetOpenOverdue(h client.MetricsHandler, unit string, n int) {
	h.WithTags(map[string]string{LabelUnit: value(unit)}).Gauge(OpenOverdueSteps).Update(float64(n))
}
