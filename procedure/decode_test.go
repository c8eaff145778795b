package procedure_test

import (
	"strings"
	"testing"

	"github.com/lienthong/lienthong/procedure"
)

func TestStrictDecoding(t *testing.T) {
	tests := []struct {
		name string
		json string
		want string // every problem line, without the file name
	}{
		{"misspelt key", `{"code": "X", "versoin": 1}`,
			`$.versoin: unknown field "versoin" (expected "version")`},
		{"wrong case", `{"Code": "X"}`,
			`$.Code: unknown field "Code" (expected "code")`},
		{"unknown key far from any", `{"steps": [{"id": "a", "colour": "red"}]}`,
			`$.steps[0].colour: unknown field "colour" (expected one of id, name, kind, unit, role, duration, actions, ladder, supplementLimit, stopsClock, next, members, completion, field, cases, default)`},
		{"every unknown key", `{"steps": [{"durtion": {}}, {"duration": {"amount": 1, "unti": "half_days"}}]}`,
			`$.steps[0].durtion: unknown field "durtion" (expected "duration")` + "\n" +
				`$.steps[1].duration.unti: unknown field "unti" (expected "unit")`},
		{"odd key", `{"a b": 1}`,
			`$["a b"]: unknown field "a b" (expected one of code, version, effectiveFrom, effectiveTo, name, legalBasis, agency, total, maxExtension, supplementLimit, fields, documents, steps, ladders, defaultLadder, dossierLadder)`},
		{"duplicate key", `{"code": "X", "code": "Y"}`,
			`$.code: duplicate key "code" (expected each key once per object)`},
		{"string for integer", `{"version": "1"}`,
			`$.version: wrong type: a string (expected an integer)`},
		{"fraction", `{"version": 1.5}`,
			`$.version: number 1.5 is not an integer in range (expected an integer)`},
		{"too big", `{"total": {"amount": 99999999999999999999}}`,
			`$.total.amount: number 99999999999999999999 is not an integer in range (expected an integer)`},
		{"object for string", `{"name": {"vi": {"text": "x"}}}`,
			`$.name.vi: wrong type: an object (expected a string)`},
		{"null string", `{"code": null}`,
			`$.code: null is not allowed (expected a string)`},
		{"null list is fine", `{"steps": null, "supplementLimit": null}`, ``},
		{"array for object", `[]`,
			`$: wrong type: an array (expected an object)`},
		{"bool", `{"steps": [{"stopsClock": "yes"}]}`,
			`$.steps[0].stopsClock: wrong type: a string (expected true or false)`},
		{"syntax", "{\n  \"code\": \"X\",\n  \"version\": 1,,\n}",
			`$: invalid JSON at line 3, column 16: invalid character ',' looking for beginning of object key string (expected valid JSON)`},
		{"truncated", `{"steps": [{"id": "a"`,
			`$.steps[0]: unexpected end of file (expected a complete JSON document)`},
		{"empty", ` `,
			`$: empty file (expected a JSON object)`},
		{"trailing data", `{} {}`,
			`$: data after the end of the JSON value (expected a single JSON object)`},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			_, err := procedure.ParseProcedure("p.json", []byte(tt.json))
			var got []string
			for _, p := range problemsOf(t, err) {
				if p.File != "p.json" {
					t.Errorf("problem in file %q", p.File)
				}
				if strings.HasPrefix(p.Path, "$") && p.Message != "" && isShapeProblem(p) {
					got = append(got, strings.TrimPrefix(p.String(), "p.json: "))
				}
			}
			if strings.Join(got, "\n") != tt.want {
				t.Errorf("got\n%s\nwant\n%s", strings.Join(got, "\n"), tt.want)
			}
		})
	}
}

// isShapeProblem tells decoding problems from validation problems: a file
// with a shape problem is not validated at all, so a test case either has
// only shape problems or only validation problems.
func isShapeProblem(p procedure.Problem) bool {
	for _, s := range []string{"unknown field", "duplicate key", "wrong type", "not an integer", "null is not", "JSON", "end of file", "empty file", "after the end"} {
		if strings.Contains(p.Message, s) {
			return true
		}
	}
	return false
}

func TestParseOrganisationStrict(t *testing.T) {
	_, err := procedure.ParseOrganisation("org.json", []byte(`{"units": [{"code": "A", "heads": "x"}]}`))
	if err == nil || err.Error() != `org.json: $.units[0].heads: unknown field "heads" (expected "head")` {
		t.Errorf("got %v", err)
	}
}

func TestProblemsError(t *testing.T) {
	ps := procedure.Problems{
		{File: "a.json", Path: "$.x", Message: "bad", Expected: "good"},
		{File: "b.json", Message: "unreadable"},
	}
	if got := ps.Error(); got != "a.json: $.x: bad (expected good)\nb.json: unreadable" {
		t.Errorf("got %q", got)
	}
	if (procedure.Problems{}).Err() != nil || ps.Err() == nil {
		t.Error("Err: nil only without problems")
	}
}
