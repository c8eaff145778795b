package workflows

import (
	"go.temporal.io/api/enums/v1"
	"go.temporal.io/sdk/temporal"
)

// Names of everything a client, the worker or an operator addresses by string.
// They are the wire contract: renaming one breaks running dossiers.
const (
	// TaskQueue is the task queue of the procedure workflows and their activities.
	TaskQueue = "lienthong-dossiers"
	// DossierWorkflowName is the registered name of DossierWorkflow.
	DossierWorkflowName = "Dossier"

	// UpdateDecide carries an officer's or head's decision on the current step.
	UpdateDecide = "decide"
	// UpdateResume records that the citizen supplemented the dossier: the clock restarts.
	UpdateResume = "resume"
	// UpdateWithdraw ends the dossier at the applicant's request.
	UpdateWithdraw = "withdraw"
	// SignalCalendarChanged tells an open dossier that the working-day calendar
	// changed: deadlines are recomputed with the reason recorded.
	SignalCalendarChanged = "calendar-changed"
	// QuerySlip returns the process control slip (phiếu kiểm soát quá trình).
	QuerySlip = "slip"
)

// Search attributes written by the dossier workflow. Register them wherever a
// server is set up (see SearchAttributes).
var (
	SAProcedureCode   = temporal.NewSearchAttributeKeyKeyword("ProcedureCode")
	SACurrentUnit     = temporal.NewSearchAttributeKeyKeyword("CurrentUnit")
	SAStepDueAt       = temporal.NewSearchAttributeKeyTime("StepDueAt")
	SADossierDueAt    = temporal.NewSearchAttributeKeyTime("DossierDueAt")
	SAOverdue         = temporal.NewSearchAttributeKeyBool("Overdue")
	SAEscalationLevel = temporal.NewSearchAttributeKeyInt64("EscalationLevel")
	SAUnits           = temporal.NewSearchAttributeKeyKeywordList("Units")
	SALateUnits       = temporal.NewSearchAttributeKeyKeywordList("LateUnits")
	SAOutcome         = temporal.NewSearchAttributeKeyKeyword("Outcome")
)

// SearchAttribute names one custom search attribute and its type, for the
// code that registers them on a server.
type SearchAttribute struct {
	Name string
	Type enums.IndexedValueType
}

// SearchAttributes lists every custom search attribute the workflow writes,
// derived from the typed keys above so the two cannot drift apart.
// `temporal server start-dev --search-attribute Name=Type` takes CLIType.
var SearchAttributes = func() []SearchAttribute {
	keys := []temporal.SearchAttributeKey{
		SAProcedureCode, SACurrentUnit, SAStepDueAt, SADossierDueAt, SAOverdue,
		SAEscalationLevel, SAUnits, SALateUnits, SAOutcome,
	}
	out := make([]SearchAttribute, len(keys))
	for i, k := range keys {
		out[i] = SearchAttribute{Name: k.GetName(), Type: k.GetValueType()}
	}
	return out
}()

// CLIType is the type name the Temporal CLI uses for t (Keyword, Datetime, …).
func CLIType(t enums.IndexedValueType) string {
	switch t {
	case enums.INDEXED_VALUE_TYPE_KEYWORD:
		return "Keyword"
	case enums.INDEXED_VALUE_TYPE_DATETIME:
		return "Datetime"
	case enums.INDEXED_VALUE_TYPE_BOOL:
		return "Bool"
	case enums.INDEXED_VALUE_TYPE_INT:
		return "Int"
	case enums.INDEXED_VALUE_TYPE_KEYWORD_LIST:
		return "KeywordList"
	case enums.INDEXED_VALUE_TYPE_DOUBLE:
		return "Double"
	default:
		return "Text"
	}
}
