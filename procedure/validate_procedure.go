package procedure

import (
	"strings"
)

// ValidateProcedure checks one procedure file. With org it also checks the
// units the procedure names against the organisation (known, in force,
// the lead agency an agency); with a nil org those checks are skipped.
// Checks across versions of one code are made by Load and AddProcedure.
func ValidateProcedure(file string, p *Procedure, org *Organisation) Problems {
	var ps Problems
	validateProcedure(reporter{file: file, ps: &ps}, p, newOrgView(org))
	return ps
}

// validateProcedure runs every check of a single procedure.
func validateProcedure(r reporter, p *Procedure, org *orgView) {
	// Problems come out in the order of the file: header, fields, documents,
	// steps (and their links), ladders.
	validateHeader(r, p, org)
	fields := validateFields(r, p)
	validateDocuments(r, p)
	validateSteps(r, p, org, fields, ladderIDs(p))
	validateGraph(r, p)
	validateLadders(r, p)
}

// validateHeader checks the procedure's identity, dates and limits.
func validateHeader(r reporter, p *Procedure, org *orgView) {
	checkCode(r, "$.code", p.Code, "procedure code")
	if p.Version < 1 {
		r.add("$.version", "an integer of 1 or more", "version %d is not positive", p.Version)
	}
	checkRange(r, "$", "effectiveFrom", p.EffectiveFrom, "effectiveTo", p.EffectiveTo)
	checkText(r, "$.name", p.Name, "name")
	if len(p.LegalBasis) == 0 {
		r.add("$.legalBasis", "at least one legal document", "missing legal basis")
	}
	for k, b := range p.LegalBasis {
		if strings.TrimSpace(b) == "" {
			r.add(index("$.legalBasis", k), "the title of a legal document", "empty legal basis entry")
		}
	}
	if p.Agency == "" {
		r.add("$.agency", "the code of the lead agency", "missing lead agency")
	} else if checkCode(r, "$.agency", p.Agency, "agency code") && org != nil {
		if u, _ := org.checkUnitInForce(r, "$.agency", p.Agency, p); u != nil && !u.Agency {
			r.add("$.agency", "a unit with agency: true", "unit %q is not an agency", p.Agency)
		}
	}
	checkDuration(r, "$.total", p.Total)
	if !p.MaxExtension.IsZero() {
		checkDuration(r, "$.maxExtension", p.MaxExtension)
	}
	if p.SupplementLimit != nil && *p.SupplementLimit < 0 {
		r.add("$.supplementLimit", "0 or more (omit for no limit)", "negative supplement limit %d", *p.SupplementLimit)
	}
}

// fieldKinds lists the field kinds.
var fieldKinds = []FieldKind{FieldText, FieldCitizenID, FieldPhone, FieldDate, FieldChoice, FieldNumber}

func validFieldKind(k FieldKind) bool {
	for _, f := range fieldKinds {
		if k == f {
			return true
		}
	}
	return false
}

// validateFields checks the intake fields and returns them by key.
func validateFields(r reporter, p *Procedure) map[string]*Field {
	const kindsExpected = "one of text, citizen_id, phone, date, choice, number"
	byKey := map[string]*Field{}
	for i := range p.Fields {
		f := &p.Fields[i]
		path := index("$.fields", i)
		if checkID(r, field(path, "key"), f.Key, "field key") {
			if _, dup := byKey[f.Key]; dup {
				r.add(field(path, "key"), "unique field keys", "duplicate field key %q", f.Key)
			} else {
				byKey[f.Key] = f
			}
		}
		checkText(r, field(path, "label"), f.Label, "label")
		switch {
		case f.Kind == "":
			r.add(field(path, "kind"), kindsExpected, "missing field kind")
		case !validFieldKind(f.Kind):
			r.add(field(path, "kind"), kindsExpected, "unknown field kind %q", f.Kind)
		case f.Kind == FieldChoice && len(f.Choices) == 0:
			r.add(field(path, "choices"), "at least one choice", "choice field without choices")
		case f.Kind != FieldChoice && len(f.Choices) > 0:
			r.add(field(path, "choices"), "choices only on choice fields", "choices on a %s field", f.Kind)
		}
		values := map[string]bool{}
		for k, c := range f.Choices {
			cp := index(field(path, "choices"), k)
			if checkID(r, field(cp, "value"), c.Value, "choice value") {
				if values[c.Value] {
					r.add(field(cp, "value"), "unique values", "duplicate choice value %q", c.Value)
				}
				values[c.Value] = true
			}
			checkText(r, field(cp, "label"), c.Label, "label")
		}
	}
	return byKey
}

// validateDocuments checks the dossier checklist.
func validateDocuments(r reporter, p *Procedure) {
	seen := map[string]bool{}
	for i, d := range p.Documents {
		path := index("$.documents", i)
		if checkID(r, field(path, "key"), d.Key, "document key") {
			if seen[d.Key] {
				r.add(field(path, "key"), "unique document keys", "duplicate document key %q", d.Key)
			}
			seen[d.Key] = true
		}
		checkText(r, field(path, "label"), d.Label, "label")
	}
}
