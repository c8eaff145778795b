package workflows

import (
	"slices"

	"github.com/lienthong/lienthong/procedure"
)

// slip builds the process control slip from the state.
func (d *dossier) slip() Slip {
	p := &d.in.Procedure
	return Slip{
		Code: d.in.Code, Procedure: p.Code, ProcedureName: p.Name, Version: p.Version,
		Status: d.s.Status, Outcome: d.s.Outcome, Channel: d.in.Channel, Desk: d.in.Desk, ReceivedAt: d.in.ReceivedAt,
		DueAt: d.s.Dossier.Due, OriginalDueAt: d.s.OriginalDue, ExtendedBy: d.s.ExtendedBy,
		FinishedAt: d.s.FinishedAt, Timeliness: d.s.Timeliness,
		Open: d.openSteps(), Rows: slices.Clone(d.s.Rows), ClockStops: slices.Clone(d.s.ClockStops),
		Escalations: slices.Clone(d.s.Escalations), Recomputed: slices.Clone(d.s.Recomputed),
		Supplements: d.s.Supplements,
	}
}

// openSteps lists the open tasks with the actions their holders may take.
func (d *dossier) openSteps() []OpenStep {
	out := make([]OpenStep, 0, len(d.s.Tasks))
	for _, t := range d.s.Tasks {
		st, _ := d.in.Procedure.Step(t.StepID)
		actions := slices.Clone(st.Actions)
		if !slices.Contains(actions, procedure.ActionReassign) {
			actions = append(actions, procedure.ActionReassign)
		}
		if i := slices.Index(actions, procedure.ActionExtend); d.s.Extended && i >= 0 {
			actions = slices.Delete(actions, i, i+1)
		} else if !d.s.Extended && i < 0 {
			actions = append(actions, procedure.ActionExtend)
		}
		out = append(out, OpenStep{
			StepID: t.StepID, Group: t.Group, Attempt: t.Attempt, Name: st.Name, Unit: t.Unit, Role: t.Role,
			Holder: t.Holder, Actions: actions, Started: t.Started, Due: t.Clock.Due,
			Overdue: t.Clock.Overdue, Level: t.Clock.Level,
		})
	}
	return out
}
