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
	Key       string             `json:"key"`
	Dossier   string             `json:"dossier"`
	Procedure string             `json:"procedure"`
	Step      string             `json:"step,omitempty"` // empty for the dossier's own ladder
	StepName  string             `json:"stepName,omitempty"`
	Attempt   int                `json:"attempt,omitempty"`
	Unit      string             `json:"unit"`
	Holder    string             `json:"holder,omitempty"`
	Audience  procedure.Audience `json:"audience"`
	Level     int                `json:"level"`
	Apology   bool               `json:"apology,omitempty"`
	DueAt     time.Time          `json:"dueAt"`
	At        time.Time          `json:"at"`
}

// Alert delivers one rung. In this version the channels are the structured log
// and the in-app record in the journal; e-mail and webhooks plug in here.
func (a *Activities) Alert(ctx context.Context, in AlertInput) error {
	added, err := a.Journal.Append(ctx, []journal.Record{{
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
	if added == 0 {
		return nil // delivered by an earlier attempt
	}
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
	return nil
}
