package workflows

import (
	"fmt"
	"slices"
	"strings"
	"time"

	"go.temporal.io/sdk/temporal"
	"go.temporal.io/sdk/workflow"
)

// searchValues are the search attributes of a dossier, kept to upsert only
// what changed: one upsert event per workflow task at most.
type searchValues struct {
	CurrentUnit string
	StepDue     time.Time
	DossierDue  time.Time
	Overdue     bool
	Level       int64
	Units       []string
	LateUnits   []string
	Outcome     string
	set         bool
}

func (d *dossier) searchNow() searchValues {
	v := searchValues{DossierDue: d.s.Dossier.Due, Overdue: d.s.Dossier.Overdue, Outcome: d.s.Outcome, set: true,
		Units: slices.Clone(d.s.Units), LateUnits: slices.Clone(d.s.LateUnits), Level: int64(d.s.Dossier.Level)}
	for _, t := range d.s.Tasks {
		if v.CurrentUnit == "" {
			v.CurrentUnit = t.Unit
		}
		if !t.Clock.Due.IsZero() && (v.StepDue.IsZero() || t.Clock.Due.Before(v.StepDue)) {
			v.StepDue = t.Clock.Due
		}
		v.Overdue = v.Overdue || t.Clock.Overdue
		v.Level = max(v.Level, int64(t.Clock.Level))
	}
	return v
}

// publish upserts the search attributes that changed and refreshes the
// current details shown in the Temporal UI.
func (d *dossier) publish(ctx workflow.Context) {
	v := d.searchNow()
	old := d.sa
	var ups []temporal.SearchAttributeUpdate
	if !old.set {
		ups = append(ups, SAProcedureCode.ValueSet(d.in.Procedure.Code))
	}
	if !old.set || v.CurrentUnit != old.CurrentUnit {
		if v.CurrentUnit == "" {
			ups = append(ups, SACurrentUnit.ValueUnset())
		} else {
			ups = append(ups, SACurrentUnit.ValueSet(v.CurrentUnit))
		}
	}
	if !old.set || !v.StepDue.Equal(old.StepDue) {
		if v.StepDue.IsZero() {
			ups = append(ups, SAStepDueAt.ValueUnset())
		} else {
			ups = append(ups, SAStepDueAt.ValueSet(v.StepDue))
		}
	}
	if (!old.set || !v.DossierDue.Equal(old.DossierDue)) && !v.DossierDue.IsZero() {
		ups = append(ups, SADossierDueAt.ValueSet(v.DossierDue))
	}
	if !old.set || v.Overdue != old.Overdue {
		ups = append(ups, SAOverdue.ValueSet(v.Overdue))
	}
	if !old.set || v.Level != old.Level {
		ups = append(ups, SAEscalationLevel.ValueSet(v.Level))
	}
	if !slices.Equal(v.Units, old.Units) && len(v.Units) > 0 {
		ups = append(ups, SAUnits.ValueSet(v.Units))
	}
	if !slices.Equal(v.LateUnits, old.LateUnits) && len(v.LateUnits) > 0 {
		ups = append(ups, SALateUnits.ValueSet(v.LateUnits))
	}
	if v.Outcome != old.Outcome && v.Outcome != "" {
		ups = append(ups, SAOutcome.ValueSet(v.Outcome))
	}
	if len(ups) > 0 {
		if err := workflow.UpsertTypedSearchAttributes(ctx, ups...); err != nil {
			d.logger.Warn("search attributes not upserted", "dossier", d.in.Code, "error", err.Error())
		} else {
			d.sa = v
		}
	}
	workflow.SetCurrentDetails(ctx, d.details())
}

// details is the Markdown the Temporal UI shows as the workflow's current
// details: where the dossier is and until when. No citizen data.
func (d *dossier) details() string {
	var sb strings.Builder
	p := &d.in.Procedure
	sb.WriteString(fmt.Sprintf("**%s** — %s (v%d)\n\n", d.in.Code, p.Name.VI, p.Version))
	sb.WriteString(fmt.Sprintf("Trạng thái / status: **%s**", d.s.Status))
	if d.s.Outcome != "" {
		sb.WriteString(fmt.Sprintf(" — %s", d.s.Outcome))
	}
	sb.WriteString(fmt.Sprintf("\n\nHạn trả kết quả / return date: %s", fmtLocal(d.s.Dossier.Due)))
	if d.s.Dossier.Overdue {
		sb.WriteString(" **(quá hạn / overdue)**")
	}
	sb.WriteString("\n")
	for _, t := range d.s.Tasks {
		st, _ := p.Step(t.StepID)
		holder := d.unitName(t.Unit)
		if t.Holder != "" {
			holder += " / " + t.Holder
		}
		sb.WriteString(fmt.Sprintf("\n- Bước **%s** (%s, lần %d): %s — hạn %s", st.Name.VI, t.StepID, t.Attempt, holder, fmtLocal(t.Clock.Due)))
		if t.Clock.Stopped != nil {
			sb.WriteString(fmt.Sprintf(" (tạm dừng, còn %s)", t.Clock.Stopped))
		} else if t.Clock.Overdue {
			sb.WriteString(fmt.Sprintf(" **quá hạn, mức cảnh báo %d**", t.Clock.Level))
		}
	}
	return sb.String()
}
