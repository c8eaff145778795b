package web

import (
	"errors"
	"net/http"
	"net/url"
	"slices"
	"strconv"
	"strings"
	"time"

	"go.temporal.io/api/serviceerror"
	"go.temporal.io/sdk/client"
	"go.temporal.io/sdk/temporal"
	"go.uber.org/zap"

	"github.com/lienthong/lienthong/intake"
	"github.com/lienthong/lienthong/procedure"
	"github.com/lienthong/lienthong/workday"
	"github.com/lienthong/lienthong/workflows"
)

// slipFor reads the slip of the dossier named in the path, answering 404 for
// a code that is malformed or unknown and 403 for a dossier that is not the
// user's to see.
func (s *server) slipFor(q *req) (workflows.Slip, bool) {
	code := q.r.PathValue("code")
	if !workflows.ValidCode(code) {
		s.fail(q, http.StatusNotFound, "not.found")
		return workflows.Slip{}, false
	}
	slip, err := s.querySlip(q, code)
	var nf *serviceerror.NotFound
	switch {
	case errors.As(err, &nf):
		s.fail(q, http.StatusNotFound, "not.found")
		return workflows.Slip{}, false
	case err != nil:
		s.log.Error("web: slip query", zap.String("code", code), zap.Error(err))
		s.fail(q, http.StatusServiceUnavailable, "error")
		return workflows.Slip{}, false
	}
	if !s.mayView(q.user, slip) {
		s.fail(q, http.StatusForbidden, "not.your.dossier")
		return workflows.Slip{}, false
	}
	return slip, true
}

// querySlip asks the workflow for its slip, once; a dossier just received
// may not have its return date yet, so that case waits a little for it.
func (s *server) querySlip(q *req, code string) (workflows.Slip, error) {
	v, err := s.cfg.Client.QueryWorkflow(q.r.Context(), code, "", workflows.QuerySlip)
	if err != nil {
		return workflows.Slip{}, err
	}
	var slip workflows.Slip
	if err := v.Get(&slip); err != nil {
		return workflows.Slip{}, err
	}
	if slip.DueAt.IsZero() {
		return intake.WaitForSlip(q.r.Context(), s.cfg.Client, code, 5*time.Second)
	}
	return slip, nil
}

// stepView is an open step with the forms the user may post.
type stepView struct {
	workflows.OpenStep
	UnitName string
	Allowed  []procedure.Action
	// Targets are the earlier steps a send-back may return to.
	Targets []string
}

// dossierData is the dossier page.
type dossierData struct {
	Slip     workflows.Slip
	DeskName string
	Steps    []stepView
	// Refusal is the validator's message when the last decision was refused.
	Refusal, RefusalCode string
	Decided              string
	UILink               string
}

// Needs reports whether an action's form asks for a reason.
func (dossierData) Needs(a procedure.Action, what string) bool {
	switch what {
	case "reason":
		return a == procedure.ActionRefuse || a == procedure.ActionObject || a == procedure.ActionSendBack ||
			a == procedure.ActionSupplement || a == procedure.ActionExtend
	case "missing":
		return a == procedure.ActionSupplement
	case "target":
		return a == procedure.ActionSendBack
	case "assignee":
		return a == procedure.ActionReassign
	case "extend":
		return a == procedure.ActionExtend
	}
	return false
}

func (s *server) dossierData(q *req, slip workflows.Slip) dossierData {
	d := dossierData{Slip: slip, DeskName: s.unitName(q.lang, slip.Desk), Decided: q.r.URL.Query().Get("decided")}
	p, _ := s.cfg.Catalogue.Procedure(slip.Procedure, slip.Version)
	for _, o := range slip.Open {
		v := stepView{OpenStep: o, UnitName: s.unitName(q.lang, o.Unit), Allowed: s.allowedActions(q.user, o)}
		if slices.Contains(v.Allowed, procedure.ActionSendBack) {
			v.Targets = p.EarlierSteps(o.StepID)
		}
		d.Steps = append(d.Steps, v)
	}
	if q.user.IsAdmin && s.cfg.TemporalUI != "" {
		d.UILink = strings.TrimRight(s.cfg.TemporalUI, "/") + "/namespaces/" + url.PathEscape(s.cfg.Namespace) + "/workflows/" + url.PathEscape(slip.Code)
	}
	return d
}

// dossier shows the control slip and the actions the user may take.
func (s *server) dossier(q *req) {
	slip, ok := s.slipFor(q)
	if !ok {
		return
	}
	s.render(q, http.StatusOK, "dossier", "dossier", s.dossierData(q, slip))
}

// decide sends one decision as the decide Update and waits for it: accepted,
// back to the dossier (303); refused by the validator, the page again with
// the reason (422).
func (s *server) decide(q *req) {
	slip, ok := s.slipFor(q)
	if !ok {
		return
	}
	f := q.r.PostForm
	stepID := f.Get("step")
	i := slices.IndexFunc(slip.Open, func(o workflows.OpenStep) bool { return o.StepID == stepID })
	refuse := func(code, msg string) {
		d := s.dossierData(q, slip)
		d.Refusal, d.RefusalCode = bilingual(q.lang, msg), code
		s.render(q, http.StatusUnprocessableEntity, "dossier", "dossier", d)
	}
	if i < 0 {
		refuse("stale_step", "bước này không còn mở; xem lại phiếu / this step is no longer open; read the slip again")
		return
	}
	open := slip.Open[i]
	actor, ok := s.actorFor(q.user, open.Unit)
	if !ok {
		refuse("not_authorised", "bạn không có vai trò nào tại đơn vị / you hold no role in any unit")
		return
	}
	attempt, _ := strconv.Atoi(f.Get("attempt"))
	req := workflows.DecideRequest{StepID: stepID, Attempt: attempt, Action: procedure.Action(f.Get("action")), Actor: actor,
		Reason: strings.TrimSpace(f.Get("reason")), Comment: strings.TrimSpace(f.Get("comment")),
		Target: f.Get("target"), Assignee: strings.TrimSpace(f.Get("assignee"))}
	for _, m := range strings.Split(f.Get("missing"), "\n") {
		if m = strings.TrimSpace(m); m != "" {
			req.Missing = append(req.Missing, m)
		}
	}
	if n, err := strconv.Atoi(f.Get("extend_days")); err == nil && n > 0 {
		req.ExtendBy = workday.Duration{Amount: n, Unit: workday.WorkingDays}
	}
	h, err := s.cfg.Client.UpdateWorkflow(q.r.Context(), client.UpdateWorkflowOptions{
		WorkflowID: slip.Code, UpdateName: workflows.UpdateDecide, Args: []any{req}, WaitForStage: client.WorkflowUpdateStageCompleted,
	})
	var res workflows.DecideResult
	if err == nil {
		err = h.Get(q.r.Context(), &res)
	}
	if err != nil {
		var app *temporal.ApplicationError
		if errors.As(err, &app) {
			s.log.Info("web: decision refused", zap.String("code", slip.Code), zap.String("step", stepID),
				zap.String("actor", actor.ID), zap.String("reason", app.Type()))
			refuse(app.Type(), app.Message())
			return
		}
		s.log.Error("web: decision failed", zap.String("code", slip.Code), zap.String("actor", actor.ID), zap.Error(err))
		s.failMsg(q, http.StatusServiceUnavailable, "error", T(q.lang, "error"))
		return
	}
	s.log.Info("web: decision", zap.String("code", slip.Code), zap.String("step", stepID), zap.String("action", string(req.Action)), zap.String("actor", actor.ID))
	http.Redirect(q.w, q.r, "/dossiers/"+url.PathEscape(slip.Code)+"?decided="+url.QueryEscape(string(req.Action)), http.StatusSeeOther)
}
