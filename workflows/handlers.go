package workflows

import (
	"strings"

	"go.temporal.io/sdk/workflow"

	"github.com/lienthong/lienthong/activities"
	"github.com/lienthong/lienthong/authz"
	"github.com/lienthong/lienthong/journal"
	"github.com/lienthong/lienthong/procedure"
)

// registerHandlers wires the Updates, the query and the signal.
func (d *dossier) registerHandlers(ctx workflow.Context) error {
	if err := workflow.SetQueryHandlerWithOptions(ctx, QuerySlip, func() (Slip, error) { return d.slip(), nil },
		workflow.QueryHandlerOptions{Description: "Phiếu kiểm soát quá trình giải quyết hồ sơ / the process control slip"}); err != nil {
		return err
	}
	if err := workflow.SetUpdateHandlerWithOptions(ctx, UpdateDecide, d.decide, workflow.UpdateHandlerOptions{
		Validator:   func(ctx workflow.Context, req DecideRequest) error { return d.validateDecide(req) },
		Description: "Quyết định trên bước đang xử lý / a decision on the current step",
	}); err != nil {
		return err
	}
	if err := workflow.SetUpdateHandlerWithOptions(ctx, UpdateResume, d.resumeUpdate, workflow.UpdateHandlerOptions{
		Validator:   func(ctx workflow.Context, req ResumeRequest) error { return d.validateResume(req) },
		Description: "Ghi nhận công dân đã bổ sung hồ sơ / the citizen supplemented the dossier",
	}); err != nil {
		return err
	}
	if err := workflow.SetUpdateHandlerWithOptions(ctx, UpdateWithdraw, d.withdraw, workflow.UpdateHandlerOptions{
		Validator:   func(ctx workflow.Context, req WithdrawRequest) error { return d.validateWithdraw(req) },
		Description: "Công dân rút hồ sơ / the applicant withdraws the dossier",
	}); err != nil {
		return err
	}
	ch := workflow.GetSignalChannel(ctx, SignalCalendarChanged)
	workflow.Go(ctx, func(ctx workflow.Context) {
		for {
			var c CalendarChange
			ch.Receive(ctx, &c)
			if err := d.recompute(ctx, c); err != nil {
				d.logger.Warn("deadline recomputation failed", "dossier", d.in.Code, "error", err.Error())
			}
		}
	})
	return nil
}

func (d *dossier) validateResume(req ResumeRequest) error {
	if d.s.Status.Closed() {
		return errorf(ErrClosed, "hồ sơ %s đã kết thúc / dossier %s has ended", d.in.Code, d.in.Code)
	}
	if d.s.Status != StatusSupplement {
		return errorf(ErrInvalidRequest, "hồ sơ không ở trạng thái chờ bổ sung (đang: %s) / the dossier is not waiting for a supplement (status: %s)", d.s.Status, d.s.Status)
	}
	_, err := d.authorise(req.Actor, d.in.Desk, "", authz.OpResume)
	return err
}

func (d *dossier) resumeUpdate(ctx workflow.Context, req ResumeRequest) (DecideResult, error) {
	if err := d.mu.Lock(ctx); err != nil {
		return DecideResult{}, err
	}
	defer d.mu.Unlock()
	if err := d.validateResume(req); err != nil {
		return DecideResult{}, err
	}
	b := d.newBatch()
	d.resume(b, req)
	if err := b.run(ctx, req.Actor.ID+": ghi nhận bổ sung / supplement received"); err != nil {
		return DecideResult{}, err
	}
	d.changed()
	return d.result(), nil
}

func (d *dossier) validateWithdraw(req WithdrawRequest) error {
	if d.s.Status.Closed() {
		return errorf(ErrClosed, "hồ sơ %s đã kết thúc / dossier %s has ended", d.in.Code, d.in.Code)
	}
	if strings.TrimSpace(req.Reason) == "" {
		return errorf(ErrInvalidRequest, "cần ghi lý do rút hồ sơ (đơn của công dân) / a reason is required (the applicant's request)")
	}
	_, err := d.authorise(req.Actor, d.in.Desk, "", authz.OpWithdraw)
	return err
}

func (d *dossier) withdraw(ctx workflow.Context, req WithdrawRequest) (DecideResult, error) {
	if err := d.mu.Lock(ctx); err != nil {
		return DecideResult{}, err
	}
	defer d.mu.Unlock()
	if err := d.validateWithdraw(req); err != nil {
		return DecideResult{}, err
	}
	b := d.newBatch()
	d.closeAll(b, "withdraw", &req.Actor, nil, req.Reason)
	d.finish(b, StatusWithdrawn, req.Reason, &req.Actor)
	if err := b.run(ctx, req.Actor.ID+": rút hồ sơ / withdrawal"); err != nil {
		return DecideResult{}, err
	}
	d.changed()
	return d.result(), nil
}

// recompute moves every running deadline to what the new calendar says and
// records each move with the reason. Stopped clocks are recomputed when they
// resume, from the time they had left.
func (d *dossier) recompute(ctx workflow.Context, change CalendarChange) error {
	if err := d.mu.Lock(ctx); err != nil {
		return err
	}
	defer d.mu.Unlock()
	if d.s.Status.Closed() {
		return nil
	}
	now := d.now()
	b := d.newBatch()
	redo := func(c *Clock, rungs []procedure.Rung, step string, row *int) {
		if c.Stopped != nil || c.Due.IsZero() {
			return
		}
		old := c.Due
		rec := journal.Record{Kind: journal.KindRecomputed, At: now, Step: step, Note: change.Reason}
		b.window(activities.WindowRequest{From: c.Basis.From, DueFrom: c.Basis.DueFrom, Duration: c.Basis.Duration, Rungs: rungs, Record: &rec}, func(w activities.Window) {
			clockFrom(c, w)
			c.Overdue = !w.Due.After(now)
			if w.Due.Equal(old) {
				return
			}
			d.s.Recomputed = append(d.s.Recomputed, Recomputation{At: now, Step: step, From: old, To: w.Due, Reason: change.Reason})
			if row != nil {
				d.s.Rows[*row].DueAt = w.Due
			}
		})
	}
	for _, t := range d.s.Tasks {
		redo(&t.Clock, d.ladderRungs(t.StepID), t.StepID, &t.Row)
	}
	if g := d.s.Group; g != nil {
		redo(&g.Clock, nil, g.StepID, nil)
	}
	redo(&d.s.Dossier, d.in.Procedure.DossierLadder, "", nil)
	if err := b.run(ctx, "Lịch làm việc thay đổi: tính lại hạn / calendar changed: deadlines recomputed"); err != nil {
		return err
	}
	d.changed()
	return nil
}
