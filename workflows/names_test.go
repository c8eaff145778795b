package workflows

import "testing"

// The registration list names every attribute the workflow writes, with the
// type the CLI expects; README.md shows the same list for clusters.
func TestSearchAttributesAreRegisteredWithTheirTypes(t *testing.T) {
	want := map[string]string{
		"ProcedureCode": "Keyword", "CurrentUnit": "Keyword", "StepDueAt": "Datetime", "DossierDueAt": "Datetime",
		"Overdue": "Bool", "EscalationLevel": "Int", "Units": "KeywordList", "LateUnits": "KeywordList", "Outcome": "Keyword",
	}
	if len(SearchAttributes) != len(want) {
		t.Fatalf("%d attributes, want %d", len(SearchAttributes), len(want))
	}
	for _, sa := range SearchAttributes {
		if got := CLIType(sa.Type); got != want[sa.Name] {
			t.Errorf("%s: type %s, want %s", sa.Name, got, want[sa.Name])
		}
	}
}
