package activities

import (
	"context"
	"time"

	"go.temporal.io/sdk/activity"
	"go.uber.org/zap"

	"github.com/lienthong/lienthong/journal"
	"github.com/lienthong/lienthong/procedure"
)

// AlertInput is one rung of an escalation ladder reaching its audience. It
// names the dossier by code and people by staff id: no citizen data.
type AlertInput struct {
	// Key is the idempotency key (dossier/step/attempt/rung[/repeat]): a rung
	// is delivered once however often the activity is retried.
	Key       string `json:"key"`
	Dossier   string `json:"dossier"`
	Procedure string `json:"procedure"`
	// ProcedureName is the procedure's Vietnamese name, for the message.
	ProcedureName string             `json:"procedureName,omitempty"`
	Step          string             `json:"step,omitempty"` // empty for the dossier's own ladder
	StepName      string             `json:"stepName,omitempty"`
	Attempt       int                `json:"attempt,omitempty"`
	Unit          string             `json:"unit"`
	Holder        string             `json:"holder,omitempty"`
	Audience      procedure.Audience `json:"audience"`
	Level         int                `json:"level"`
	Apology       bool               `json:"apology,omitempty"`
	DueAt         time.Time          `json:"dueAt"`
	At            time.Time          `json:"at"`
}

// Alert delivers one rung: the in-app record (the journal, which the feed
// reads), a structured log line, and every configured channel (e-mail,
// webhooks), each at most once however often Temporal retries it.
func (a *Activities) Alert(ctx context.Context, in AlertInput) error {
	added, err := a.record(ctx, []journal.Record{{
		Key:       "alert/" + in.Key,
		Dossier:   in.Dossier,
		Procedure: in.Procedure,
		Kind:      journal.KindAlert,
		At:        in.At,
		Step:      in.Step,
		Attempt:   in.Attempt,
		Unit:      in.Unit,
		Actor:     in.Holder,
		Due:       &in.DueAt,
		Level:     in.Level,
		Audience:  string(in.Audience),
	}})
	if err != nil {
		return err
	}
	if added > 0 {
		a.log(ctx, in)
	}
	return a.deliver(ctx, in)
}

// log writes the escalation to the structured log: codes and staff ids only.
func (a *Activities) log(ctx context.Context, in AlertInput) {
	info := activity.GetInfo(ctx)
	a.Logger.Warn("escalation",
		zap.String("dossier", in.Dossier),
		zap.String("procedure", in.Procedure),
		zap.String("step", in.Step),
		zap.String("unit", in.Unit),
		zap.String("audience", string(in.Audience)),
		zap.Int("level", in.Level),
		zap.Bool("apology", in.Apology),
		zap.Time("due", in.DueAt),
		zap.String("workflowID", info.WorkflowExecution.ID),
	)
}
