package activities

import (
	"context"
	"fmt"
	"strings"
	"time"

	"go.temporal.io/sdk/temporal"
	"go.uber.org/zap"

	"github.com/lienthong/lienthong/journal"
	"github.com/lienthong/lienthong/metrics"
	"github.com/lienthong/lienthong/notify"
	"github.com/lienthong/lienthong/procedure"
	"github.com/lienthong/lienthong/workday"
)

// Channel is one way an alert reaches people beyond the in-app feed.
type Channel struct {
	// Name ("email", "webhook") suffixes the channel's delivery records.
	Name   string
	Sender notify.Sender
}

// deliver sends one rung on every channel not yet delivered. Each channel's
// outcome is a journal record, so a retried attempt skips what went out and
// never sends a rung twice. A retryable failure is returned for Temporal to
// retry; permanent ones are recorded and end the activity without retries.
func (a *Activities) deliver(ctx context.Context, in AlertInput) error {
	if len(a.Channels) == 0 {
		return nil
	}
	done, err := a.recorded(in.Dossier)
	if err != nil {
		return err
	}
	msg := a.message(in)
	mh := a.metrics(ctx)
	var permanent []string
	var retry error
	for _, ch := range a.Channels {
		key := "alert/" + in.Key + "/" + ch.Name
		if done[key] {
			continue
		}
		rec := journal.Record{Key: key, Dossier: in.Dossier, Procedure: in.Procedure, Kind: journal.KindDelivery, At: time.Now(),
			Step: in.Step, Attempt: in.Attempt, Unit: in.Unit, Level: in.Level, Audience: string(in.Audience), Due: &in.DueAt}
		err := ch.Sender.Send(ctx, msg)
		switch {
		case err == nil:
			rec.Note = "delivered: " + ch.Name
			metrics.AlertDelivery(mh, ch.Name, metrics.ResultDelivered)
		case notify.IsPermanent(err):
			rec.Note = "failed: " + ch.Name + ": " + err.Error()
			permanent = append(permanent, ch.Name+": "+err.Error())
			metrics.AlertDelivery(mh, ch.Name, metrics.ResultRefused)
		default:
			metrics.AlertDelivery(mh, ch.Name, metrics.ResultRetry)
			a.Logger.Warn("alert delivery failed; Temporal retries it", zap.String("dossier", in.Dossier),
				zap.String("channel", ch.Name), zap.Error(err))
			retry = err
			continue
		}
		if _, err := a.record(ctx, []journal.Record{rec}); err != nil {
			return err
		}
	}
	if retry != nil {
		return temporal.NewApplicationErrorWithOptions(retry.Error(), "delivery_failed",
			temporal.ApplicationErrorOptions{NextRetryDelay: notify.RetryAfter(retry)})
	}
	if len(permanent) > 0 {
		return temporal.NewNonRetryableApplicationError("không gửi được cảnh báo / alert not deliverable: "+strings.Join(permanent, "; "), "delivery_refused", nil)
	}
	return nil
}

// recorded returns the keys already in the dossier's journal.
func (a *Activities) recorded(dossier string) (map[string]bool, error) {
	recs, err := a.Journal.Read(dossier)
	if err != nil {
		return nil, err
	}
	keys := make(map[string]bool, len(recs))
	for _, r := range recs {
		keys[r.Key] = true
	}
	return keys, nil
}

// message builds the alert for the person the rung's audience names.
func (a *Activities) message(in AlertInput) notify.Message {
	m := notify.Message{
		Key: in.Key, Dossier: in.Dossier, ProcedureCode: in.Procedure, ProcedureName: in.ProcedureName,
		StepID: in.Step, StepName: in.StepName, UnitCode: in.Unit, Holder: in.Holder,
		Audience: notify.Audience(in.Audience), Level: in.Level, Apology: in.Apology, DueAt: in.DueAt, At: in.At,
	}
	if a.BaseURL != "" {
		m.Link, _ = notify.DossierLink(a.BaseURL, in.Dossier)
	}
	if org := a.Org; org != nil {
		if u, ok := org.Unit(in.Unit); ok {
			m.UnitName = u.Name.VI
		}
		if p, ok := org.Person(in.Holder); ok {
			m.HolderName = p.Name
		}
		m.RecipientName, m.RecipientEmail = recipient(org, in)
	}
	if in.At.After(in.DueAt) {
		if left, err := a.Calendar().Remaining(in.DueAt, in.At, workday.WorkingMinutes); err == nil {
			m.OverdueWorking = time.Duration(left.Amount) * time.Minute
			m.Overdue = workingSpan(left.Amount)
		}
	}
	return m
}

// recipient resolves the rung's audience to a person (or the unit's mailbox
// when there is none) from the organisation catalogue.
func recipient(org *procedure.Organisation, in AlertInput) (name, email string) {
	unit := in.Unit
	var person string
	switch in.Audience {
	case procedure.AudienceHolder:
		person = in.Holder
	case procedure.AudienceUnitHead:
		if p, ok := org.HeadOf(unit); ok {
			person = p.ID
		}
	case procedure.AudienceAgencyHead:
		if ag, ok := org.AgencyOf(unit); ok {
			unit = ag.Code
			if p, ok := org.HeadOf(ag.Code); ok {
				person = p.ID
			}
		}
	}
	if p, ok := org.Person(person); ok && p.Email != "" {
		return p.Name, p.Email
	}
	if u, ok := org.Unit(unit); ok {
		return u.Name.VI, u.Email
	}
	return "", ""
}

// workingSpan words office minutes as working days and hours.
func workingSpan(minutes int) string {
	d, h, m := minutes/480, minutes%480/60, minutes%60
	var parts []string
	if d > 0 {
		parts = append(parts, fmt.Sprintf("%d ngày", d))
	}
	if h > 0 {
		parts = append(parts, fmt.Sprintf("%d giờ", h))
	}
	if m > 0 && d == 0 {
		parts = append(parts, fmt.Sprintf("%d phút", m))
	}
	if len(parts) == 0 {
		return "dưới 1 phút làm việc"
	}
	return strings.Join(parts, " ") + " làm việc"
}
