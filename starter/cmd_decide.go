package main

import (
	"context"
	"errors"
	"flag"
	"fmt"
	"io"
	"strings"
	"time"

	"go.temporal.io/sdk/client"
	"go.temporal.io/sdk/temporal"

	"github.com/lienthong/lienthong/procedure"
	"github.com/lienthong/lienthong/workday"
	"github.com/lienthong/lienthong/workflows"
)

func init() {
	commands["decide"] = command{summary: "decide the current step of a dossier (approve, supplement, refuse, …), resume or withdraw it", run: runDecide}
}

func runDecide(ctx context.Context, args []string, stdout, stderr io.Writer) int {
	var c conn
	fs := flag.NewFlagSet("decide", flag.ContinueOnError)
	fs.SetOutput(stderr)
	c.register(fs)
	step := fs.String("step", "", "step id (default: the only open step)")
	attempt := fs.Int("attempt", 0, "attempt of the step you saw (0 = current)")
	action := fs.String("action", "", "approve | object | supplement | send_back | refuse | reassign | extend | resume | withdraw")
	actor := fs.String("actor", "", "your staff id, e.g. cv.nguyen.an")
	unit := fs.String("unit", "", "the unit you act for (default: found from the catalogue)")
	reason := fs.String("reason", "", "written reason (refuse, object, send_back, supplement, extend, withdraw)")
	comment := fs.String("comment", "", "optional comment")
	missing := fs.String("missing", "", "supplement: missing items, separated by ';'")
	target := fs.String("target", "", "send_back: the earlier step to return to")
	assignee := fs.String("assignee", "", "reassign: the colleague who takes the step")
	extendBy := fs.Int("extend-by", 0, "extend: how many working days later the new return date is")
	onBehalf := fs.String("on-behalf-of", "", "act with authority lent by this person")
	kind := fs.String("delegation", "TUQ", "with --on-behalf-of: KT, TUQ, TL or Q")
	until := fs.String("until", "", "with --on-behalf-of: the delegation's end (RFC 3339)")
	fs.Usage = func() {
		fmt.Fprintln(stderr, "usage: starter decide CODE --action ACTION --actor ID [--step ID] [--reason TEXT] [flags]")
		fs.PrintDefaults()
	}
	code, rc, ok := codeAndFlags(fs, args)
	if !ok {
		return rc
	}
	if *action == "" || *actor == "" {
		fmt.Fprintln(stderr, "starter decide: --action and --actor are required")
		return 2
	}
	defer c.close()
	slip, ok := c.openSlip(ctx, "decide", code, stderr)
	if !ok {
		return 1
	}
	org := &c.cat.Organisation
	var update string
	var arg any
	switch *action {
	case "resume", "withdraw":
		a, err := resolveActor(org, *actor, *unit, slip.Desk)
		if err != nil {
			fmt.Fprintln(stderr, "starter decide:", err)
			return 1
		}
		if *action == "resume" {
			update, arg = workflows.UpdateResume, workflows.ResumeRequest{Actor: a, Comment: *comment}
		} else {
			update, arg = workflows.UpdateWithdraw, workflows.WithdrawRequest{Actor: a, Reason: *reason}
		}
	default:
		open, err := pickStep(slip, *step)
		if err != nil {
			fmt.Fprintln(stderr, "starter decide:", err)
			return 1
		}
		a, err := resolveActor(org, *actor, *unit, open.Unit)
		if err != nil {
			fmt.Fprintln(stderr, "starter decide:", err)
			return 1
		}
		if *onBehalf != "" {
			t, err := time.Parse(time.RFC3339, *until)
			if err != nil {
				fmt.Fprintln(stderr, "starter decide: --until needs an RFC 3339 time, e.g. 2026-12-31T17:00:00+07:00")
				return 2
			}
			if a.OnBehalfOf, err = delegation(org, *onBehalf, *kind, t, open.Unit); err != nil {
				fmt.Fprintln(stderr, "starter decide:", err)
				return 1
			}
		}
		req := workflows.DecideRequest{StepID: open.StepID, Attempt: *attempt, Action: procedure.Action(*action), Actor: a,
			Reason: *reason, Comment: *comment, Target: *target, Assignee: *assignee}
		if *missing != "" {
			for _, m := range strings.Split(*missing, ";") {
				if m = strings.TrimSpace(m); m != "" {
					req.Missing = append(req.Missing, m)
				}
			}
		}
		if *extendBy > 0 {
			req.ExtendBy = workday.Duration{Amount: *extendBy, Unit: workday.WorkingDays}
		}
		update, arg = workflows.UpdateDecide, req
	}
	h, err := c.client.UpdateWorkflow(ctx, client.UpdateWorkflowOptions{
		WorkflowID: code, UpdateName: update, Args: []any{arg}, WaitForStage: client.WorkflowUpdateStageCompleted,
	})
	var res workflows.DecideResult
	if err == nil {
		err = h.Get(ctx, &res)
	}
	if err != nil {
		msg, code := err.Error(), "error"
		var app *temporal.ApplicationError
		if errors.As(err, &app) {
			msg, code = app.Message(), app.Type()
		}
		if c.jsonOut {
			writeJSON(stdout, map[string]string{"error": msg, "code": code})
		}
		fmt.Fprintf(stderr, "Không được chấp nhận / refused [%s]: %s\n", code, msg)
		return 1
	}
	if c.jsonOut {
		writeJSON(stdout, res)
		return 0
	}
	fmt.Fprintf(stdout, "Đã ghi nhận / accepted. Trạng thái / status: %s %s\n", res.Status, res.Outcome)
	for _, o := range res.Open {
		fmt.Fprintf(stdout, "  bước / step %s#%d → %s, hạn / due %s\n", o.StepID, o.Attempt, o.Unit, fmtTime(o.Due))
	}
	return 0
}

// pickStep finds the open step the user means: the named one, or the only one.
func pickStep(s workflows.Slip, id string) (workflows.OpenStep, error) {
	var ids []string
	for _, o := range s.Open {
		if o.StepID == id || (id == "" && len(s.Open) == 1) {
			return o, nil
		}
		ids = append(ids, o.StepID)
	}
	if len(s.Open) == 0 {
		return workflows.OpenStep{}, fmt.Errorf("hồ sơ %s không có bước đang mở (trạng thái %s) / dossier %s has no open step (status %s)", s.Code, s.Status, s.Code, s.Status)
	}
	if id == "" {
		return workflows.OpenStep{}, fmt.Errorf("hồ sơ có nhiều bước đang mở, chọn --step trong %v / several steps are open, choose --step from %v", ids, ids)
	}
	return workflows.OpenStep{StepID: id}, nil // let the workflow refuse a stale step with its own message
}

func fmtTime(t time.Time) string {
	if t.IsZero() {
		return "—"
	}
	return t.In(vnZone).Format("15:04 02/01/2006")
}
