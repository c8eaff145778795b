// Package procedure is the catalogue model: the organisation (units, people,
// roles) and the procedures (versioned, effective-dated chains of steps with
// deadlines and escalation ladders), with loading and validation of the JSON
// catalogue files. It is pure Go and deterministic, so a procedure snapshot can
// travel inside a workflow input.
package procedure

import "github.com/lienthong/lienthong/workday"

// Text is a label in Vietnamese (first) and English.
type Text struct {
	VI string `json:"vi"`
	EN string `json:"en"`
}

// Role is what a person may do in a unit.
type Role string

const (
	RoleClerk      Role = "clerk"       // cán bộ một cửa: intake, supplements, return
	RoleOfficer    Role = "officer"     // chuyên viên: appraises and proposes
	RoleDeputyHead Role = "deputy_head" // phó trưởng phòng / phó giám đốc
	RoleUnitHead   Role = "unit_head"   // trưởng phòng / thủ trưởng đơn vị
	RoleAgencyHead Role = "agency_head" // giám đốc sở, chủ tịch UBND xã
	RoleLeader     Role = "leader"      // lãnh đạo thành phố: reports
	RoleAdmin      Role = "admin"       // quản trị hệ thống
)

// Roles lists every role, for validation and documentation.
var Roles = []Role{RoleClerk, RoleOfficer, RoleDeputyHead, RoleUnitHead, RoleAgencyHead, RoleLeader, RoleAdmin}

// StepRoles are the roles a step may require: the ones that decide dossiers.
// Leaders and administrators read and report; they hold no steps.
var StepRoles = []Role{RoleClerk, RoleOfficer, RoleDeputyHead, RoleUnitHead, RoleAgencyHead}

// Organisation is the organisation catalogue: units and the people in them.
// Units are effective-dated with successor links so that an old dossier keeps
// the unit that received it after a merger.
type Organisation struct {
	Units  []Unit   `json:"units"`
	People []Person `json:"people"`
}

// Unit is a department, division, commune, police station, office…
type Unit struct {
	Code string `json:"code"`
	Name Text   `json:"name"`
	// Agency is true for a unit that is an agency in its own right (Sở, UBND
	// xã, Công an, BHXH, Chi cục Thuế); its head is the "agency head" of every
	// unit below it.
	Agency   bool     `json:"agency,omitempty"`
	Parent   string   `json:"parent,omitempty"`
	Head     string   `json:"head,omitempty"` // person id
	Deputies []string `json:"deputies,omitempty"`
	Members  []Member `json:"members,omitempty"`
	Email    string   `json:"email,omitempty"` // the unit's official mailbox
	// ValidFrom and ValidTo are civil dates (YYYY-MM-DD); ValidTo is the last
	// day of the unit (inclusive) and is empty while the unit exists; a unit
	// with a ValidTo needs no head. Successor names the unit that took over.
	ValidFrom string `json:"validFrom"`
	ValidTo   string `json:"validTo,omitempty"`
	Successor string `json:"successor,omitempty"`
}

// Member binds a person to a role in a unit (heads and deputies are listed on
// the unit itself).
type Member struct {
	Person string `json:"person"`
	Role   Role   `json:"role"`
}

// Person is a member of staff. Staff identities are not citizens' personal
// data; citizens never appear in the organisation catalogue.
type Person struct {
	ID    string `json:"id"`
	Name  string `json:"name"`
	Title Text   `json:"title"`
	Email string `json:"email,omitempty"`
}

// Procedure is one version of an administrative procedure.
type Procedure struct {
	Code          string   `json:"code"` // national code, e.g. "1.001193"
	Version       int      `json:"version"`
	EffectiveFrom string   `json:"effectiveFrom"`         // YYYY-MM-DD
	EffectiveTo   string   `json:"effectiveTo,omitempty"` // last day in force (inclusive); empty = open
	Name          Text     `json:"name"`
	LegalBasis    []string `json:"legalBasis"`
	// Agency is the lead agency (cơ quan chủ trì): its code is the first segment
	// of the dossier codes it issues.
	Agency string `json:"agency"`
	// Total is the legal limit for the whole dossier, counted from the day
	// after receipt.
	Total workday.Duration `json:"total"`
	// MaxExtension bounds the one extension a late unit may grant with an
	// apology slip; zero means the extension may not exceed Total.
	MaxExtension workday.Duration `json:"maxExtension,omitempty"`
	// SupplementLimit bounds supplement requests over the whole dossier
	// ("thông báo một lần" = 1); nil means no limit.
	SupplementLimit *int       `json:"supplementLimit,omitempty"`
	Fields          []Field    `json:"fields"`
	Documents       []Document `json:"documents,omitempty"`
	Steps           []Step     `json:"steps"`
	Ladders         []Ladder   `json:"ladders"`
	// DefaultLadder is used by task steps that name no ladder.
	DefaultLadder string `json:"defaultLadder"`
	// DossierLadder runs against the dossier's own deadline: the apology duty
	// before it, alerts after it.
	DossierLadder []Rung `json:"dossierLadder,omitempty"`
}

// FieldKind is the type of a dossier field on the intake form.
type FieldKind string

const (
	FieldText      FieldKind = "text"
	FieldCitizenID FieldKind = "citizen_id" // 12 digits (or a legacy 9-digit number)
	FieldPhone     FieldKind = "phone"
	FieldDate      FieldKind = "date"
	FieldChoice    FieldKind = "choice"
	FieldNumber    FieldKind = "number"
)

// Field is a dossier field. Personal fields (names, ID numbers, addresses,
// phones) never leave the encrypted payload; Routing fields (used by branches)
// must not be personal.
type Field struct {
	Key      string    `json:"key"`
	Label    Text      `json:"label"`
	Kind     FieldKind `json:"kind"`
	Required bool      `json:"required,omitempty"`
	Personal bool      `json:"personal,omitempty"`
	Choices  []Choice  `json:"choices,omitempty"`
}

// Choice is one allowed value of a choice field.
type Choice struct {
	Value string `json:"value"`
	Label Text   `json:"label"`
}

// Document is an item of the dossier checklist.
type Document struct {
	Key      string `json:"key"`
	Label    Text   `json:"label"`
	Required bool   `json:"required,omitempty"`
}

// StepKind says how a step is carried out.
type StepKind string

const (
	// KindTask is one unit's work, decided by a person with the step's role.
	KindTask StepKind = "task"
	// KindParallel consults several units at once (Members), completing by Completion.
	KindParallel StepKind = "parallel"
	// KindBranch routes to another step by the value of a dossier field; it has
	// no unit and takes no time.
	KindBranch StepKind = "branch"
)

// Action is a decision a person may take on a step.
type Action string

const (
	ActionApprove    Action = "approve"    // approve / forward to the next step; "agree" in a consultation
	ActionObject     Action = "object"     // a consulted agency's written objection (counts as its answer)
	ActionSupplement Action = "supplement" // ask the citizen for more documents: the clock stops
	ActionSendBack   Action = "send_back"  // return to an earlier step
	ActionRefuse     Action = "refuse"     // refuse the dossier with written reasons
	ActionReassign   Action = "reassign"   // give the step to another person of the unit (heads only)
	ActionExtend     Action = "extend"     // apology slip and a new return date (once per dossier)
)

// Actions lists every action.
var Actions = []Action{ActionApprove, ActionObject, ActionSupplement, ActionSendBack, ActionRefuse, ActionReassign, ActionExtend}

// End is the step id that ends the procedure when used as a Next or branch target.
const End = "end"

// Step is one step of a procedure.
type Step struct {
	ID   string   `json:"id"`
	Name Text     `json:"name"`
	Kind StepKind `json:"kind,omitempty"` // default task
	// Task fields.
	Unit     string           `json:"unit,omitempty"`
	Role     Role             `json:"role,omitempty"`
	Duration workday.Duration `json:"duration"`
	Actions  []Action         `json:"actions,omitempty"`
	Ladder   string           `json:"ladder,omitempty"` // ladder id; empty = procedure default
	// SupplementLimit bounds supplement requests from this step; nil = only the
	// procedure's limit applies.
	SupplementLimit *int `json:"supplementLimit,omitempty"`
	// StopsClock marks a step during which the dossier clock is stopped
	// (waiting for the citizen to pay tax or levies, a statutory notice).
	StopsClock bool `json:"stopsClock,omitempty"`
	// Next is the step that follows; empty means the next in the list, End ends.
	Next string `json:"next,omitempty"`
	// Parallel fields: the consulted units (each a task) and the completion rule.
	Members    []Step      `json:"members,omitempty"`
	Completion *Completion `json:"completion,omitempty"`
	// Branch fields: the dossier field read and where each value leads.
	Field   string   `json:"field,omitempty"`
	Cases   []Branch `json:"cases,omitempty"`
	Default string   `json:"default,omitempty"`
}

// CompletionRule says when a parallel consultation is complete.
type CompletionRule string

const (
	// CompleteAll waits for every member's answer.
	CompleteAll CompletionRule = "all"
	// CompleteQuorum completes when Quorum members have answered.
	CompleteQuorum CompletionRule = "quorum"
	// CompleteSilenceIsConsent completes when all have answered or, at the
	// group's deadline, counts every silent member as agreeing.
	CompleteSilenceIsConsent CompletionRule = "silence_is_consent"
)

// Completion is a parallel group's completion rule.
type Completion struct {
	Rule   CompletionRule `json:"rule"`
	Quorum int            `json:"quorum,omitempty"`
}

// Branch sends the dossier to Next when the field equals Equals.
type Branch struct {
	Equals string `json:"equals"`
	Next   string `json:"next"`
}

// Audience is who a rung of an escalation ladder alerts.
type Audience string

const (
	AudienceHolder     Audience = "holder"      // the person or unit holding the step
	AudienceUnitHead   Audience = "unit_head"   // head (or acting head) of the unit holding the step
	AudienceAgencyHead Audience = "agency_head" // head of the agency above that unit
	AudienceDesk       Audience = "desk"        // the one-stop desk that received the dossier
)

// Ladder is an escalation ladder: rungs in time order, then an optional repeat
// that keeps climbing until someone acts.
type Ladder struct {
	ID     string  `json:"id"`
	Rungs  []Rung  `json:"rungs"`
	Repeat *Repeat `json:"repeat,omitempty"`
}

// Rung is one alert of a ladder. Exactly one of AtPercent, Before and After
// places it: AtPercent of the step's time (a reminder before the deadline),
// Before the deadline by a duration, or After the deadline by a duration
// (zero = at the deadline).
type Rung struct {
	AtPercent int               `json:"atPercent,omitempty"`
	Before    *workday.Duration `json:"before,omitempty"`
	After     *workday.Duration `json:"after,omitempty"`
	Notify    Audience          `json:"notify"`
	// Apology marks the rung that reminds the late unit of its duty to send an
	// apology slip with a new return date.
	Apology bool `json:"apology,omitempty"`
}

// Repeat re-sends the last rung's alert every Every, to Notify, until the step
// is decided.
type Repeat struct {
	Every  workday.Duration `json:"every"`
	Notify Audience         `json:"notify"`
}
