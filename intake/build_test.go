package intake

import (
	"encoding/json"
	"errors"
	"maps"
	"slices"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/lienthong/lienthong/catalog"
	"github.com/lienthong/lienthong/procedure"
	"github.com/lienthong/lienthong/workflows"
)

// Real data from the shipped catalogue: the construction permit for a
// detached house (catalog/procedures/construction-permit-house.v1.json),
// received at the city's public administration centre by one of its clerks
// (catalog/organisation/hanoi-city.json), and the birth registration received
// at the Hoàn Kiếm ward desk (catalog/organisation/hanoi-wards.json).
const (
	permitCode  = "1.009994"
	permitDesk  = "H26.TTHCC"
	permitClerk = "toanlt"
	birthCode   = "1.012840"
	birthDesk   = "H26.HK.TTHCC"
	birthClerk  = "ngocdh"
)

var ict = time.FixedZone("ICT", 7*3600)

var (
	catOnce sync.Once
	catVal  *procedure.Catalogue
	catErr  error
)

func shipped(tb testing.TB) *procedure.Catalogue {
	tb.Helper()
	catOnce.Do(func() { catVal, catErr = procedure.Load(catalog.FS()) })
	if catErr != nil {
		tb.Fatalf("load shipped catalogue: %v", catErr)
	}
	return catVal
}

func permitRequest() Request {
	return Request{
		Procedure:  permitCode,
		Desk:       permitDesk,
		ReceivedBy: permitClerk,
		Channel:    workflows.ChannelDesk,
		ReceivedAt: time.Date(2026, 3, 2, 9, 15, 0, 0, ict),
		Fields: map[string]string{
			"applicant_full_name":  "Nguyễn Văn Thử",
			"applicant_citizen_id": "001203004567",
			"applicant_phone":      "0912345678",
			"site_address":         "Số 1 phố Tràng Tiền, phường Hoàn Kiếm, Hà Nội",
			"floors":               "4",
			"gross_floor_area_m2":  "320.5",
			"heritage_zone":        "no",
			"delivery":             "desk",
		},
		Documents: []string{"application", "land_certificate", "design_drawings"},
	}
}

func birthRequest() Request {
	return Request{
		Procedure:  birthCode,
		Desk:       birthDesk,
		ReceivedBy: birthClerk,
		Channel:    workflows.ChannelOnline,
		ReceivedAt: time.Date(2026, 3, 2, 14, 0, 0, 0, ict),
		Fields: map[string]string{
			"child_full_name":   "Trần Thị Bé",
			"child_birth_date":  "2026-02-20",
			"child_sex":         "female",
			"mother_citizen_id": "001303001234",
			"residence_address": "Số 5 phố Hàng Bạc, phường Hoàn Kiếm, Hà Nội",
			"declarant_phone":   "+84912345678",
			"delivery":          "online",
		},
		Documents: []string{"birth_notice"},
	}
}

func fieldErrors(t *testing.T, err error) FieldErrors {
	t.Helper()
	var fe FieldErrors
	if !errors.As(err, &fe) {
		t.Fatalf("error %v (%T) is not FieldErrors", err, err)
	}
	if len(fe) == 0 {
		t.Fatal("empty FieldErrors returned as an error")
	}
	return fe
}

func errorFields(fe FieldErrors) []string {
	var out []string
	for _, f := range fe {
		out = append(out, f.Field)
	}
	slices.Sort(out)
	return slices.Compact(out)
}

// closure is the test's own computation of the units a dossier can touch.
func closure(t *testing.T, org *procedure.Organisation, p procedure.Procedure, desk string) map[string]bool {
	t.Helper()
	want := map[string]bool{}
	var add func(code string)
	add = func(code string) {
		if code == "" || want[code] {
			return
		}
		u, ok := org.Unit(code)
		if !ok {
			t.Fatalf("catalogue unit %s missing", code)
		}
		want[code] = true
		add(u.Parent)
	}
	add(desk)
	add(p.Agency)
	for _, s := range p.Steps {
		add(s.Unit)
		for _, m := range s.Members {
			add(m.Unit)
		}
	}
	return want
}

func TestBuildValidPermit(t *testing.T) {
	cat := shipped(t)
	req := permitRequest()
	in, err := Build(cat, req)
	if err != nil {
		t.Fatalf("Build: %v", err)
	}
	if in.Procedure.Code != permitCode || in.Procedure.Version != 1 {
		t.Errorf("procedure = %s v%d, want %s v1", in.Procedure.Code, in.Procedure.Version, permitCode)
	}
	if in.Code != "" {
		t.Errorf("Build allocated a code %q; the code comes later", in.Code)
	}
	if in.Desk != permitDesk || in.ReceivedBy != permitClerk || in.Channel != workflows.ChannelDesk || !in.ReceivedAt.Equal(req.ReceivedAt) {
		t.Errorf("input = desk %s, by %s, channel %s, at %v", in.Desk, in.ReceivedBy, in.Channel, in.ReceivedAt)
	}
	if !maps.Equal(in.Fields, req.Fields) || !slices.Equal(in.Documents, req.Documents) {
		t.Errorf("fields/documents not carried: %v %v", in.Fields, in.Documents)
	}

	// The snapshot holds exactly the units the dossier can touch: the desk,
	// the lead agency, every step's and consulted member's unit, and all
	// their ancestors.
	want := []string{
		"H26.TTHCC", "H26.UBND", // desk and its parent
		"H26.SXD", "H26.SXD.CPXD", // lead agency and the licensing division
		"H26.CA.PC07", "H26.CA", // consulted: fire police
		"H26.SVHTT.DSVH", "H26.SVHTT", // consulted: heritage
		"H26.HK.KTHT", "H26.HK.UBND", // consulted: the ward's infrastructure office
	}
	got := slices.Sorted(maps.Keys(in.Units))
	slices.Sort(want)
	if !slices.Equal(got, want) {
		t.Fatalf("Units = %v\nwant %v", got, want)
	}
	if c := closure(t, &cat.Organisation, in.Procedure, permitDesk); len(c) != len(want) {
		t.Fatalf("the catalogue closure has %d units, the hand-written list %d: %v", len(c), len(want), c)
	}
	for code, ref := range in.Units {
		u, _ := cat.Organisation.Unit(code)
		if ref.Code != u.Code || ref.Parent != u.Parent || ref.Agency != u.Agency || ref.Name != u.Name {
			t.Errorf("Units[%s] = %+v, catalogue has %+v", code, ref, u)
		}
	}
	if !in.Units["H26.SXD"].Agency || in.Units["H26.SXD.CPXD"].Agency {
		t.Errorf("agency flags wrong: %+v %+v", in.Units["H26.SXD"], in.Units["H26.SXD.CPXD"])
	}
}

func TestBuildSnapshotEveryShippedProcedure(t *testing.T) {
	cat := shipped(t)
	desks := map[string]string{} // agency → a desk with a clerk, found in the catalogue
	at := time.Date(2026, 3, 2, 9, 0, 0, 0, ict)
	for _, p := range cat.Procedures {
		// Use the desk step's unit (the first step run by a clerk) and one of its clerks.
		desk, clerk := "", ""
		for _, s := range p.Steps {
			if s.Role == procedure.RoleClerk && s.Unit != "" {
				desk = s.Unit
				break
			}
		}
		u, ok := cat.Organisation.Unit(desk)
		if !ok {
			t.Fatalf("%s: no clerk step", p.Code)
		}
		for _, m := range u.Members {
			if m.Role == procedure.RoleClerk {
				clerk = m.Person
				break
			}
		}
		desks[p.Agency] = desk
		req := Request{Procedure: p.Code, Desk: desk, ReceivedBy: clerk, Channel: workflows.ChannelPost, ReceivedAt: at, Fields: map[string]string{}}
		in, err := Build(cat, req)
		// The fields are empty, so every required field must be reported,
		// and nothing else.
		fe := fieldErrors(t, err)
		for _, f := range p.Fields {
			if !f.Required {
				continue
			}
			if !slices.ContainsFunc(fe, func(e FieldError) bool { return e.Field == "fields."+f.Key }) {
				t.Errorf("%s: missing %s not reported", p.Code, f.Key)
			}
		}
		for _, e := range fe {
			if !strings.HasPrefix(e.Field, "fields.") && e.Field != "documents" {
				t.Errorf("%s: unexpected error %s: %s", p.Code, e.Field, e.Message)
			}
		}
		if in.Units != nil {
			t.Errorf("%s: an input was returned with errors", p.Code)
		}
		// Now a complete request: derive valid values per kind.
		req.Fields = validValues(p)
		for _, d := range p.Documents {
			if d.Required {
				req.Documents = append(req.Documents, d.Key)
			}
		}
		in, err = Build(cat, req)
		if err != nil {
			t.Fatalf("%s: Build of a complete request: %v", p.Code, err)
		}
		want := closure(t, &cat.Organisation, p, desk)
		if len(in.Units) != len(want) {
			t.Errorf("%s: %d units in the snapshot, want %d", p.Code, len(in.Units), len(want))
		}
		for c := range want {
			if _, ok := in.Units[c]; !ok {
				t.Errorf("%s: snapshot lacks %s", p.Code, c)
			}
		}
		for _, must := range []string{desk, p.Agency} {
			if _, ok := in.Units[must]; !ok {
				t.Errorf("%s: snapshot lacks %s", p.Code, must)
			}
		}
	}
	if len(desks) < 3 {
		t.Fatalf("walked only %d agencies", len(desks))
	}
}

// validValues fills every field of p with a value its kind accepts.
func validValues(p procedure.Procedure) map[string]string {
	v := map[string]string{}
	for _, f := range p.Fields {
		switch f.Kind {
		case procedure.FieldCitizenID:
			v[f.Key] = "001203004567"
		case procedure.FieldPhone:
			v[f.Key] = "0912345678"
		case procedure.FieldDate:
			v[f.Key] = "2026-01-15"
		case procedure.FieldNumber:
			v[f.Key] = "12"
		case procedure.FieldChoice:
			v[f.Key] = f.Choices[0].Value
		default:
			v[f.Key] = "Giá trị hợp lệ"
		}
	}
	return v
}

func TestBuildReceivers(t *testing.T) {
	cat := shipped(t)
	for _, who := range []string{"toanlt", "sonpt", "cuongdd" /* head */, "nampm" /* deputy */} {
		req := permitRequest()
		req.ReceivedBy = who
		if _, err := Build(cat, req); err != nil {
			t.Errorf("receivedBy %s refused: %v", who, err)
		}
	}
	for _, ch := range []workflows.Channel{workflows.ChannelDesk, workflows.ChannelPost, workflows.ChannelOnline} {
		req := permitRequest()
		req.Channel = ch
		if _, err := Build(cat, req); err != nil {
			t.Errorf("channel %s refused: %v", ch, err)
		}
	}
	// The optional document is accepted; the birth procedure builds too.
	req := permitRequest()
	req.Documents = append(req.Documents, "adjacent_commitment")
	if _, err := Build(cat, req); err != nil {
		t.Errorf("optional document refused: %v", err)
	}
	if _, err := Build(cat, birthRequest()); err != nil {
		t.Errorf("birth request refused: %v", err)
	}
}

func TestBuildAcceptsValidValues(t *testing.T) {
	cat := shipped(t)
	cases := []struct {
		birth bool
		key   string
		value string
	}{
		{false, "applicant_citizen_id", "012345678"}, // legacy 9-digit ID card
		{false, "applicant_citizen_id", " 001203004567 "},
		{false, "applicant_phone", "+84912345678"},
		{false, "applicant_phone", "02439876543"},
		{false, "floors", "0"},
		{false, "gross_floor_area_m2", "1000"},
		{false, "gross_floor_area_m2", "99.75"},
		{false, "heritage_zone", "yes"},
		{false, "site_address", strings.Repeat("a", 500)},
		// 500 Vietnamese letters are 500 characters, though 1500 bytes.
		{false, "site_address", strings.Repeat("ệ", 500)},
		{false, "applicant_full_name", "Nguyễn Thị Ánh Tuyết"},
		{true, "child_birth_date", "2024-02-29"},
		{true, "father_citizen_id", "001203004568"},
		{true, "father_citizen_id", ""}, // optional
	}
	for _, c := range cases {
		req := permitRequest()
		if c.birth {
			req = birthRequest()
		}
		req.Fields[c.key] = c.value
		if _, err := Build(cat, req); err != nil {
			t.Errorf("%s = %q refused: %v", c.key, c.value, err)
		}
	}
}

func TestBuildFailures(t *testing.T) {
	cat := shipped(t)
	cases := []struct {
		name   string
		birth  bool
		edit   func(r *Request)
		fields []string // every field reported, sorted
		says   string   // part of the message on the first of them
	}{
		{"no receivedAt", false, func(r *Request) { r.ReceivedAt = time.Time{} }, []string{"receivedAt"}, "receivedAt is missing"},
		{"unknown procedure", false, func(r *Request) { r.Procedure = "9.999999" }, []string{"procedure"}, "not in the catalogue"},
		{"empty procedure", false, func(r *Request) { r.Procedure = "" }, []string{"procedure"}, "not in the catalogue"},
		{"not yet in force", false, func(r *Request) { r.ReceivedAt = time.Date(2025, 6, 30, 16, 0, 0, 0, ict) }, []string{"procedure"}, "no version of procedure \"1.009994\" is in force on 2025-06-30"},
		{"unknown desk", false, func(r *Request) { r.Desk = "H26.NOWHERE" }, []string{"desk"}, "unknown desk unit"},
		{"empty desk", false, func(r *Request) { r.Desk = "" }, []string{"desk"}, "unknown desk unit"},
		{"no clerk", false, func(r *Request) { r.ReceivedBy = "" }, []string{"receivedBy"}, "receiving clerk is required"},
		{"officer of another unit", false, func(r *Request) { r.ReceivedBy = "thubd" }, []string{"receivedBy"}, "is not on the staff of desk H26.TTHCC"},
		{"clerk of another desk", false, func(r *Request) { r.ReceivedBy = "ngocdh" }, []string{"receivedBy"}, "is not on the staff"},
		{"unknown person", false, func(r *Request) { r.ReceivedBy = "nobody" }, []string{"receivedBy"}, "is not on the staff"},
		{"bad channel", false, func(r *Request) { r.Channel = "fax" }, []string{"channel"}, "not desk, post or online"},
		{"empty channel", false, func(r *Request) { r.Channel = "" }, []string{"channel"}, "not desk, post or online"},
		{"missing required field", false, func(r *Request) { delete(r.Fields, "site_address") }, []string{"fields.site_address"}, "required: Construction site address"},
		{"blank required field", false, func(r *Request) { r.Fields["site_address"] = " \t\n" }, []string{"fields.site_address"}, "required"},
		{"nil fields", false, func(r *Request) { r.Fields = nil }, []string{"fields.applicant_citizen_id", "fields.applicant_full_name", "fields.applicant_phone", "fields.delivery", "fields.floors", "fields.gross_floor_area_m2", "fields.heritage_zone", "fields.site_address"}, "required"},
		{"citizen ID of 11 digits", false, func(r *Request) { r.Fields["applicant_citizen_id"] = "00120300456" }, []string{"fields.applicant_citizen_id"}, "a citizen ID is 12 digits"},
		{"citizen ID of 13 digits", false, func(r *Request) { r.Fields["applicant_citizen_id"] = "0012030045671" }, []string{"fields.applicant_citizen_id"}, "12 digits"},
		{"citizen ID with letters", false, func(r *Request) { r.Fields["applicant_citizen_id"] = "00120300456A" }, []string{"fields.applicant_citizen_id"}, "12 digits"},
		{"citizen ID with spaces", false, func(r *Request) { r.Fields["applicant_citizen_id"] = "001 203 004 567" }, []string{"fields.applicant_citizen_id"}, "no spaces"},
		{"citizen ID of 10 digits", false, func(r *Request) { r.Fields["applicant_citizen_id"] = "0123456789" }, []string{"fields.applicant_citizen_id"}, "12 digits"},
		{"citizen ID in full-width digits", false, func(r *Request) { r.Fields["applicant_citizen_id"] = "００１２０３００４５６７" }, []string{"fields.applicant_citizen_id"}, "12 digits"},
		{"citizen ID with a newline", false, func(r *Request) { r.Fields["applicant_citizen_id"] = "001203004567\n001203004567" }, []string{"fields.applicant_citizen_id"}, "12 digits"},
		{"phone too short", false, func(r *Request) { r.Fields["applicant_phone"] = "09123456" }, []string{"fields.applicant_phone"}, "a phone number like 0912345678"},
		{"phone with letters", false, func(r *Request) { r.Fields["applicant_phone"] = "09123456ab" }, []string{"fields.applicant_phone"}, "phone number"},
		{"phone with dashes", false, func(r *Request) { r.Fields["applicant_phone"] = "091-234-5678" }, []string{"fields.applicant_phone"}, "phone number"},
		{"phone foreign prefix", false, func(r *Request) { r.Fields["applicant_phone"] = "+14155550100" }, []string{"fields.applicant_phone"}, "phone number"},
		{"date in the wrong format", true, func(r *Request) { r.Fields["child_birth_date"] = "20/02/2026" }, []string{"fields.child_birth_date"}, "a date as YYYY-MM-DD"},
		{"date that does not exist", true, func(r *Request) { r.Fields["child_birth_date"] = "2026-02-30" }, []string{"fields.child_birth_date"}, "YYYY-MM-DD"},
		{"date without zero padding", true, func(r *Request) { r.Fields["child_birth_date"] = "2026-2-20" }, []string{"fields.child_birth_date"}, "YYYY-MM-DD"},
		{"number in words", false, func(r *Request) { r.Fields["floors"] = "four" }, []string{"fields.floors"}, "must be a number"},
		{"number with a decimal comma", false, func(r *Request) { r.Fields["gross_floor_area_m2"] = "320,5" }, []string{"fields.gross_floor_area_m2"}, "must be a number"},
		{"number in exponent form", false, func(r *Request) { r.Fields["gross_floor_area_m2"] = "1e3" }, []string{"fields.gross_floor_area_m2"}, "must be a number"},
		{"choice outside the list", false, func(r *Request) { r.Fields["heritage_zone"] = "maybe" }, []string{"fields.heritage_zone"}, "choose one of [yes no]"},
		{"choice in the wrong case", false, func(r *Request) { r.Fields["delivery"] = "Desk" }, []string{"fields.delivery"}, "choose one of [desk post online]"},
		{"unknown field", false, func(r *Request) { r.Fields["favourite_colour"] = "blue" }, []string{"fields.favourite_colour"}, "procedure 1.009994 has no such field"},
		{"field of another procedure", false, func(r *Request) { r.Fields["child_sex"] = "female" }, []string{"fields.child_sex"}, "no such field"},
		{"text longer than 500 characters", false, func(r *Request) { r.Fields["site_address"] = strings.Repeat("a", 501) }, []string{"fields.site_address"}, "longer than 500 characters"},
		{"Vietnamese text longer than 500 characters", false, func(r *Request) { r.Fields["site_address"] = strings.Repeat("ệ", 501) }, []string{"fields.site_address"}, "longer than 500 characters"},
		{"too long citizen ID", false, func(r *Request) { r.Fields["applicant_citizen_id"] = strings.Repeat("1", 600) }, []string{"fields.applicant_citizen_id"}, "longer than 500"},
		{"missing required document", false, func(r *Request) { r.Documents = []string{"application", "land_certificate"} }, []string{"documents"}, `missing required document "design_drawings" (Two sets of construction design drawings)`},
		{"no documents", false, func(r *Request) { r.Documents = nil }, []string{"documents"}, "missing required document"},
		{"unknown document", false, func(r *Request) { r.Documents = append(r.Documents, "passport_photo") }, []string{"documents"}, `"passport_photo" is not on the procedure's checklist`},
		{"several problems at once", false, func(r *Request) {
			r.Channel = "fax"
			r.ReceivedBy = "thubd"
			r.Fields["floors"] = "many"
			r.Fields["extra"] = "x"
			r.Documents = []string{"application", "land_certificate", "design_drawings", "selfie"}
		}, []string{"channel", "documents", "fields.extra", "fields.floors", "receivedBy"}, ""},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			req := permitRequest()
			if c.birth {
				req = birthRequest()
			}
			c.edit(&req)
			in, err := Build(cat, req)
			if err == nil {
				t.Fatalf("Build accepted the request")
			}
			fe := fieldErrors(t, err)
			if got := errorFields(fe); !slices.Equal(got, c.fields) {
				t.Fatalf("errors on %v, want %v:\n%v", got, c.fields, err)
			}
			if in.Procedure.Code != "" || in.Units != nil {
				t.Errorf("an input came back with the errors: %+v", in)
			}
			if c.says != "" && !strings.Contains(fe[0].Message, c.says) {
				t.Errorf("%s: %q does not say %q", fe[0].Field, fe[0].Message, c.says)
			}
			for _, e := range fe {
				if e.Field == "procedure" {
					continue // the catalogue's own message, in English
				}
				if !strings.Contains(e.Message, " / ") {
					t.Errorf("%s: %q is not \"Vietnamese / English\"", e.Field, e.Message)
				}
			}
			if !strings.Contains(err.Error(), fe[0].Field+": "+fe[0].Message) {
				t.Errorf("Error() = %q does not list %s", err.Error(), fe[0].Field)
			}
		})
	}
}

func TestBuildProcedureVersionByHanoiCivilDate(t *testing.T) {
	cat := shipped(t)
	// The permit procedure is in force from 2025-07-01, a date in Hanoi. The
	// instant of receipt may come in any location (a server clock in UTC, a
	// JSON time with "Z"); the civil date is always read in Hanoi.
	cases := []struct {
		at time.Time
		ok bool
	}{
		{time.Date(2025, 7, 1, 0, 0, 0, 0, ict), true},
		{time.Date(2025, 6, 30, 23, 59, 0, 0, ict), false},
		{time.Date(2025, 6, 30, 17, 0, 0, 0, time.UTC), true},   // 2025-07-01 00:00 in Hanoi
		{time.Date(2025, 6, 30, 16, 59, 0, 0, time.UTC), false}, // 2025-06-30 23:59 in Hanoi
		{time.Date(2025, 7, 1, 2, 0, 0, 0, time.FixedZone("PDT", -7*3600)), true},
	}
	for _, c := range cases {
		req := permitRequest()
		req.ReceivedAt = c.at
		in, err := Build(cat, req)
		if (err == nil) != c.ok {
			t.Errorf("received %v (%v in Hanoi): err = %v, want accepted=%v", c.at, c.at.In(ict), err, c.ok)
			continue
		}
		if err == nil && !in.ReceivedAt.Equal(c.at) {
			t.Errorf("ReceivedAt changed: %v, want %v", in.ReceivedAt, c.at)
		}
	}
}

// Personal data never appears in what Build says back.
func TestBuildErrorsNeverRepeatPersonalValues(t *testing.T) {
	cat := shipped(t)
	long := "NGUYEN-VAN-FAKE-" + strings.Repeat("Đường Giả Mạo ", 40)
	invalid := map[string]string{
		"applicant_full_name":  long,
		"applicant_citizen_id": "0012030045671",
		"applicant_phone":      "09876-FAKE-54321",
		"site_address":         "SITE-FAKE-" + strings.Repeat("x", 520),
	}
	req := permitRequest()
	p, _ := cat.ProcedureAt(permitCode, req.ReceivedAt)
	personal := 0
	for _, f := range p.Fields {
		if f.Personal {
			personal++
			if _, ok := invalid[f.Key]; !ok {
				t.Fatalf("personal field %s has no invalid test value", f.Key)
			}
		}
	}
	if personal != len(invalid) {
		t.Fatalf("%d personal fields, %d test values", personal, len(invalid))
	}
	maps.Copy(req.Fields, invalid)
	_, err := Build(cat, req)
	fe := fieldErrors(t, err)
	if got := errorFields(fe); len(got) != len(invalid) {
		t.Fatalf("errors on %v, want one per personal field", got)
	}
	assertNoLeak(t, err, slices.Collect(maps.Values(invalid)))

	// Valid personal values in a request that fails for other reasons stay
	// out of the error too.
	req = permitRequest()
	req.Channel = "fax"
	req.ReceivedBy = "nobody"
	req.Documents = append(req.Documents, "bogus")
	req.Fields["floors"] = "many"
	req.Fields["delivery"] = "drone"
	_, err = Build(cat, req)
	fieldErrors(t, err)
	var values []string
	for _, f := range p.Fields {
		if f.Personal {
			values = append(values, permitRequest().Fields[f.Key])
		}
	}
	assertNoLeak(t, err, values)

	// The birth registration: the child's sex is personal too, and its
	// choice error lists the choices, not the value.
	b := birthRequest()
	b.Fields["child_sex"] = "FAKE-SEX-VALUE"
	b.Fields["child_birth_date"] = "FAKE-2026-99-99"
	b.Fields["mother_citizen_id"] = "0012030045671"
	b.Fields["father_citizen_id"] = "FAKE00120300"
	b.Fields["declarant_phone"] = "+84-FAKE-PHONE"
	_, err = Build(cat, b)
	if got := errorFields(fieldErrors(t, err)); len(got) != 5 {
		t.Fatalf("errors on %v, want 5", got)
	}
	assertNoLeak(t, err, []string{"FAKE-SEX-VALUE", "FAKE-2026-99-99", "0012030045671", "FAKE00120300", "+84-FAKE-PHONE", "Trần Thị Bé", "Hàng Bạc"})
}

func assertNoLeak(t *testing.T, err error, values []string) {
	t.Helper()
	js, jerr := json.Marshal(err)
	if jerr != nil {
		t.Fatal(jerr)
	}
	for _, v := range values {
		probe := v
		if len(probe) > 24 {
			probe = probe[:24] // a prefix is enough to identify a person
		}
		for where, s := range map[string]string{"Error()": err.Error(), "JSON": string(js)} {
			if strings.Contains(s, probe) {
				t.Errorf("%s repeats the personal value %q:\n%s", where, probe, s)
			}
		}
	}
}

// FuzzBuild perturbs a valid permit request with an arbitrary field key and
// value, document and channel: Build never panics, and either accepts the
// request or reports FieldErrors only on what was changed, with messages that
// do not depend on the value.
func FuzzBuild(f *testing.F) {
	cat := shipped(f)
	p, err := cat.ProcedureAt(permitCode, permitRequest().ReceivedAt)
	if err != nil {
		f.Fatal(err)
	}
	fields := map[string]procedure.Field{}
	for _, fl := range p.Fields {
		fields[fl.Key] = fl
	}
	// templates[key] holds every message Build can give for a field, found
	// with values that cannot occur in those messages: a message that
	// contains the fuzzed value must be one of them, i.e. not built from it.
	templates := map[string]map[string]bool{}
	for key := range fields {
		templates["fields."+key] = map[string]bool{}
		for _, v := range []string{"", strings.Repeat("\x01", 600), "\x01\x02"} {
			req := permitRequest()
			req.Fields[key] = v
			_, err := Build(cat, req)
			var fe FieldErrors
			if errors.As(err, &fe) {
				for _, e := range fe {
					templates[e.Field][e.Message] = true
				}
			}
		}
	}
	for _, s := range [][4]string{
		{"applicant_citizen_id", "0012030045671", "", "desk"},
		{"applicant_citizen_id", "012345678", "", "post"},
		{"applicant_phone", "+84912345678", "adjacent_commitment", "online"},
		{"floors", "-1.5", "", "desk"},
		{"heritage_zone", "yes", "application", "desk"},
		{"site_address", strings.Repeat("ệ", 501), "", "desk"},
		{"unknown key", "value", "unknown doc", "fax"},
		{"", "", "", ""},
		{"delivery", "\xff\xfe", "\x00", "desk"},
	} {
		f.Add(s[0], s[1], s[2], s[3])
	}
	f.Fuzz(func(t *testing.T, key, value, doc, channel string) {
		req := permitRequest()
		req.Channel = workflows.Channel(channel)
		req.Fields[key] = value
		if doc != "" {
			req.Documents = append(req.Documents, doc)
		}
		in, err := Build(cat, req)
		if err == nil {
			if in.Procedure.Code != permitCode || in.Units == nil || in.Fields[key] != value {
				t.Fatalf("accepted request built a bad input: %+v", in)
			}
			if _, known := fields[key]; !known {
				t.Fatalf("unknown field %q accepted", key)
			}
			if !req.Channel.Valid() {
				t.Fatalf("channel %q accepted", channel)
			}
			if !slices.ContainsFunc(p.Documents, func(d procedure.Document) bool { return d.Key == doc }) && doc != "" {
				t.Fatalf("document %q accepted", doc)
			}
			return
		}
		var fe FieldErrors
		if !errors.As(err, &fe) || len(fe) == 0 {
			t.Fatalf("error %v (%T) is not a non-empty FieldErrors", err, err)
		}
		for _, e := range fe {
			// Only what the fuzzer changed can be wrong.
			switch e.Field {
			case "fields." + key, "documents", "channel":
			default:
				t.Fatalf("error on %s, which the fuzzer did not touch: %s", e.Field, e.Message)
			}
			if !strings.Contains(e.Message, " / ") {
				t.Fatalf("%s: %q is not bilingual", e.Field, e.Message)
			}
			if _, known := fields[key]; known && e.Field == "fields."+key {
				if !templates[e.Field][e.Message] {
					t.Fatalf("%s: message %q depends on the value", e.Field, e.Message)
				}
			}
		}
	})
}
