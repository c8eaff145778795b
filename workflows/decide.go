package workflows

import (
	"fmt"
	"slices"
	"strings"

	"go.temporal.io/sdk/workflow"

	"github.com/lienthong/lienthong/activities"
	"github.com/lienthong/lienthong/authz"
	"github.com/lienthong/lienthong/metrics"
	"github.com/lienthong/lienthong/procedure"
	"github.com/lienthong/lienthong/workday"
)

// validateDecide refuses, before anything is written to history, a decision
// the dossier cannot take: it says what is wrong and what would be right.
func (d *dossier) validateDecide(req DecideRequest) error {
	if d.s.Status.Closed() {
		return errorf(ErrClosed, "hồ sơ %s đã kết thúc (%s); không thể xử lý thêm / dossier %s has ended (%s)", d.in.Code, d.s.Outcome, d.in.Code, d.s.Outcome)
	}
	if !slices.Contains(procedure.Actions, req.Action) {
		return errorf(ErrInvalidRequest, "thao tác %q không hợp lệ; dùng một trong %v / unknown action %q; use one of %v", req.Action, procedure.Actions, req.Action, procedure.Actions)
	}
	t := d.task(req.StepID)
	if t == nil {
		return errorf(ErrStaleStep, "bước %q không phải bước đang xử lý (đang xử lý: %s); hãy tải lại hồ sơ / step %q is not current (current: %s); reload the dossier", req.StepID, d.openIDs(), req.StepID, d.openIDs())
	}
	if req.Attempt != 0 && req.Attempt != t.Attempt {
		return errorf(ErrStaleStep, "lần xử lý %d của bước %q đã kết thúc (hiện tại: lần %d); hãy tải lại hồ sơ / attempt %d of step %q is over (current attempt %d); reload the dossier", req.Attempt, req.StepID, t.Attempt, req.Attempt, req.StepID, t.Attempt)
	}
	if d.s.Status == StatusSupplement {
		return errorf(ErrClockStopped, "hồ sơ đang chờ công dân bổ sung; bộ phận một cửa ghi nhận bổ sung trước / the dossier waits for the citizen's supplement; the desk must record it first")
	}
	st, _ := d.in.Procedure.Step(t.StepID)
	implicit := req.Action == procedure.ActionReassign || req.Action == procedure.ActionExtend
	if !implicit && !slices.Contains(st.Actions, req.Action) {
		return errorf(ErrActionNotAllowed, "bước %q không cho phép %q; được phép: %v / step %q does not allow %q; allowed: %v", st.ID, req.Action, st.Actions, st.ID, req.Action, st.Actions)
	}
	if _, err := d.authorise(req.Actor, t.Unit, t.Role, authz.Operation(req.Action)); err != nil {
		return err
	}
	return d.validateAction(t, st, req)
}

// validateAction checks what each action needs beyond authority.
func (d *dossier) validateAction(t *Task, st procedure.Step, req DecideRequest) error {
	p := &d.in.Procedure
	needReason := func(vi, en string) error {
		if strings.TrimSpace(req.Reason) == "" {
			return errorf(ErrInvalidRequest, "cần ghi rõ lý do %s (trường reason) / a written reason is required to %s (field reason)", vi, en)
		}
		return nil
	}
	switch req.Action {
	case procedure.ActionObject:
		return needReason("phản đối", "object")
	case procedure.ActionRefuse:
		if t.Group != "" {
			return errorf(ErrActionNotAllowed, "đơn vị phối hợp không từ chối hồ sơ; hãy dùng object với lý do / a consulted unit cannot refuse the dossier; use object with a reason")
		}
		return needReason("từ chối", "refuse")
	case procedure.ActionSupplement:
		if strings.TrimSpace(req.Reason) == "" && len(req.Missing) == 0 {
			return errorf(ErrInvalidRequest, "cần liệt kê giấy tờ còn thiếu (missing) hoặc lý do / list the missing items (missing) or give a reason")
		}
		if p.SupplementLimit != nil && d.s.Supplements >= *p.SupplementLimit {
			return errorf(ErrLimitReached, "thủ tục %s chỉ cho phép yêu cầu bổ sung %d lần; đã yêu cầu %d lần / procedure %s allows %d supplement request(s); %d already made", p.Code, *p.SupplementLimit, d.s.Supplements, p.Code, *p.SupplementLimit, d.s.Supplements)
		}
		if st.SupplementLimit != nil && d.s.StepSupplements[st.ID] >= *st.SupplementLimit {
			return errorf(ErrLimitReached, "bước %q chỉ cho phép yêu cầu bổ sung %d lần / step %q allows %d supplement request(s)", st.ID, *st.SupplementLimit, st.ID, *st.SupplementLimit)
		}
	case procedure.ActionSendBack:
		if t.Group != "" {
			return errorf(ErrActionNotAllowed, "đơn vị phối hợp không trả hồ sơ về bước trước / a consulted unit cannot send the dossier back")
		}
		if err := needReason("trả lại", "send back"); err != nil {
			return err
		}
		earlier := d.s.Visited[:max(0, len(d.s.Visited)-1)]
		if req.Target == "" || req.Target == t.StepID || !slices.Contains(earlier, req.Target) {
			return errorf(ErrInvalidRequest, "bước trả về %q không hợp lệ; chọn một bước đã qua: %v / send-back target %q is not valid; choose an earlier step: %v", req.Target, earlier, req.Target, earlier)
		}
	case procedure.ActionReassign:
		if req.Assignee == "" || req.Assignee == t.Holder {
			return errorf(ErrInvalidRequest, "cần chỉ định người nhận mới (assignee) khác người đang giữ / name a new assignee other than the current holder")
		}
	case procedure.ActionExtend:
		if d.s.Extended {
			return errorf(ErrLimitReached, "hồ sơ đã được gia hạn một lần (bởi %s); không thể gia hạn lần nữa / the return date was already extended once (by %s)", d.s.ExtendedBy, d.s.ExtendedBy)
		}
		if d.s.Dossier.Stopped != nil {
			return errorf(ErrClockStopped, "không gia hạn khi thời hạn hồ sơ đang tạm dừng / cannot extend while the dossier clock is stopped")
		}
		if err := needReason("gia hạn (nội dung phiếu xin lỗi)", "extend (the apology)"); err != nil {
			return err
		}
		limit := p.MaxExtension
		if limit.IsZero() {
			limit = p.Total
		}
		e := req.ExtendBy
		if e.Amount <= 0 || !e.Unit.Valid() || e.Unit == workday.Minutes && limit.Unit != workday.Minutes {
			return errorf(ErrInvalidRequest, "thời gian gia hạn %q không hợp lệ; ví dụ {\"amount\":5,\"unit\":\"working_days\"} / extendBy %q is not valid; e.g. {\"amount\":5,\"unit\":\"working_days\"}", e, e)
		}
		if activities.WorkingMinutes(e) > activities.WorkingMinutes(limit) {
			return errorf(ErrLimitReached, "gia hạn tối đa %s; yêu cầu %s / the extension may be at most %s; asked %s", limit, e, limit, e)
		}
	}
	return nil
}

// authorise finds the authority under which actor may take op on work held by
// unit that needs stepRole: the actor's own, or a valid delegation.
func (d *dossier) authorise(a Actor, unit string, stepRole procedure.Role, op authz.Operation) (*Delegation, error) {
	if a.ID == "" || a.Unit == "" || a.Role == "" {
		return nil, errorf(ErrInvalidRequest, "thiếu người thực hiện (actor.id, actor.unit, actor.role) / the actor's id, unit and role are required")
	}
	own := authz.Check(a.Role, d.relation(a.Unit, unit), op, stepRole)
	if own == nil {
		return nil, nil
	}
	if del := a.OnBehalfOf; del != nil {
		if !d.now().Before(del.Until) {
			return nil, errorf(ErrNotAuthorised, "ủy quyền của %s cho %s đã hết hạn lúc %s / %s's delegation to %s expired at %s", del.Person, a.ID, fmtLocal(del.Until), del.Person, a.ID, fmtLocal(del.Until))
		}
		if authz.Check(del.Role, d.relation(del.Unit, unit), op, stepRole) == nil {
			return del, nil
		}
	}
	return nil, errorf(ErrNotAuthorised, "%s (%s, %s) không có thẩm quyền %s tại đơn vị %s: %v", a.ID, a.Role, a.Unit, op, unit, own)
}

// relation says how the acting unit stands to the unit concerned, from the
// unit snapshot taken at intake.
func (d *dossier) relation(actorUnit, unit string) authz.Relation {
	return authz.Relate(actorUnit, unit, d.agencyOf)
}

// agencyOf finds the agency containing a unit in the snapshot, so a later
// reorganisation does not change who has authority over a running dossier.
func (d *dossier) agencyOf(unit string) string {
	for u, hops := unit, 0; u != "" && hops < 16; hops++ {
		ref, ok := d.in.Units[u]
		if !ok {
			return ""
		}
		if ref.Agency {
			return u
		}
		u = ref.Parent
	}
	return ""
}

func (d *dossier) openIDs() string {
	if len(d.s.Tasks) == 0 {
		return "không có / none"
	}
	ids := make([]string, len(d.s.Tasks))
	for i, t := range d.s.Tasks {
		ids[i] = fmt.Sprintf("%s#%d", t.StepID, t.Attempt)
	}
	return strings.Join(ids, ", ")
}

// decide applies an accepted decision. It takes the mutex because it waits on
// the Plan local activity, during which another Update could run.
func (d *dossier) decide(ctx workflow.Context, req DecideRequest) (DecideResult, error) {
	if err := d.mu.Lock(ctx); err != nil {
		return DecideResult{}, err
	}
	defer d.mu.Unlock()
	// Validate again: the state may have moved between the validator and the lock.
	if err := d.validateDecide(req); err != nil {
		return DecideResult{}, err
	}
	t := d.task(req.StepID)
	via, _ := d.authorise(req.Actor, t.Unit, t.Role, authz.Operation(req.Action))
	b := d.newBatch()
	var err error
	switch req.Action {
	case procedure.ActionApprove, procedure.ActionObject:
		err = d.answer(b, t, req, via)
	case procedure.ActionSupplement:
		d.requestSupplement(b, t, req, via)
	case procedure.ActionSendBack:
		d.closeAll(b, string(req.Action), &req.Actor, via, req.Reason)
		if st, _ := d.in.Procedure.Step(d.s.Current); st.StopsClock {
			d.resumeDossierClock(b, StatusInProgress)
		}
		err = d.enter(b, req.Target, d.now(), false)
	case procedure.ActionRefuse:
		d.closeAll(b, string(req.Action), &req.Actor, via, req.Reason)
		d.finish(b, StatusRefused, req.Reason, &req.Actor)
	case procedure.ActionReassign:
		d.reassign(b, t, req, via)
	case procedure.ActionExtend:
		d.extend(b, t, req, via)
	}
	if err != nil {
		return DecideResult{}, err
	}
	summary := fmt.Sprintf("%s: %s %s#%d", req.Actor.ID, req.Action, t.StepID, t.Attempt)
	unit := t.Unit
	if err := b.run(ctx, summary); err != nil {
		return DecideResult{}, err
	}
	d.changed()
	// The SDK's workflow handler drops metrics while replaying: counted once.
	metrics.StepDecided(workflow.GetMetricsHandler(ctx), unit, string(req.Action))
	return d.result(), nil
}

// answer closes a task approved (or, in a consultation, objected to) and moves
// the dossier on when its step is complete.
func (d *dossier) answer(b *batch, t *Task, req DecideRequest, via *Delegation) error {
	d.closeTask(b, t, string(req.Action), &req.Actor, via, strings.TrimSpace(req.Reason+" "+req.Comment))
	g := d.s.Group
	if t.Group == "" || g == nil {
		return d.advance(b, t.StepID)
	}
	answered := g.Answered + 1
	b.then(func() { g.Answered = answered })
	done := answered >= g.Members || (g.Rule == procedure.CompleteQuorum && answered >= g.Quorum)
	if !done {
		return nil
	}
	for _, o := range d.s.Tasks {
		if o != t {
			d.closeTask(b, o, "not_needed", nil, nil, "đủ số ý kiến / quorum reached")
		}
	}
	b.then(func() { d.s.Group = nil })
	return d.advance(b, g.StepID)
}

// reassign hands a task to a colleague in the same unit: a new slip row.
func (d *dossier) reassign(b *batch, t *Task, req DecideRequest, via *Delegation) {
	now := d.now()
	rec := handoffRecord(t, req.Actor.ID)
	rec.Note = "reassigned to " + req.Assignee
	b.record(rec)
	b.then(func() {
		row := &d.s.Rows[t.Row]
		row.FinishedAt = now
		row.Result = string(procedure.ActionReassign)
		row.Actor = req.Actor.ID
		if via != nil {
			row.OnBehalfOf, row.Delegation = via.Person, via.Kind
		}
		t.Holder = req.Assignee
		t.Row = d.openRow(t, req.Actor.ID, req.Comment)
		d.s.Rows[t.Row].GivenAt = now
	})
}

// result is what an accepted Update answers.
func (d *dossier) result() DecideResult {
	return DecideResult{Status: d.s.Status, Open: d.openSteps(), DueAt: d.s.Dossier.Due, Outcome: d.s.Outcome}
}
