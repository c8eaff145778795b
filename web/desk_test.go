package web

import (
	"context"
	"net/http"
	"net/url"
	"regexp"
	"strings"
	"testing"
	"time"

	"github.com/lienthong/lienthong/intake"
	"github.com/lienthong/lienthong/internal/teststack"
	"github.com/lienthong/lienthong/workflows"
)

// businessForm is docs/examples/business-registration.json as the intake
// form posts it.
func businessForm(token string) url.Values {
	v := url.Values{
		"form_token":                       {token},
		"channel":                          {"desk"},
		"f.company_name":                   {"Công ty TNHH Sen Vàng"},
		"f.head_office_address":            {"Số 1 phố Tràng Tiền, phường Hoàn Kiếm, Hà Nội"},
		"f.charter_capital_vnd":            {"500000000"},
		"f.main_business_line":             {"4711"},
		"f.owner_full_name":                {"Trần Văn Mẫu"},
		"f.owner_citizen_id":               {"001090000000"},
		"f.legal_representative_full_name": {"Trần Văn Mẫu"},
		"f.contact_phone":                  {"0900000000"},
		"f.delivery":                       {"desk"},
		"doc":                              {"registration_form", "charter", "owner_identity"},
	}
	return v
}

var tokenRE = regexp.MustCompile(`name="form_token" value="([A-Z2-7]{26})"`)

// The desk and the unit on a real stack: a clerk receives a dossier (bad
// fields first, then twice the same form), prints the receipt and hands it
// on; the officer finds it in the inbox, is refused a decision without a
// reason and approves; a clerk's decision on the officer's step is refused;
// an administrator gets the Temporal UI link. Nothing personal is logged.
func TestDeskToUnit(t *testing.T) {
	st := teststack.Start(t)
	srv, logs := app(t, st, 1)
	clerk := newBrowser(t, srv)
	clerk.login("toanlt")

	r := clerk.get("/intake?q=" + url.QueryEscape("Thành lập công ty"))
	if !strings.Contains(r.Body, `href="/intake/2.001610"`) {
		t.Fatalf("procedure search: %s", r.Body)
	}
	r = clerk.get("/intake/2.001610")
	m := tokenRE.FindStringSubmatch(r.Body)
	if r.Status != http.StatusOK || m == nil {
		t.Fatalf("intake form: %d, token %v", r.Status, m)
	}
	token := m[1]
	for _, want := range []string{`name="f.owner_citizen_id"`, `name="doc" value="charter"`, `<option value="post"`} {
		if !strings.Contains(r.Body, want) {
			t.Errorf("form lacks %s", want)
		}
	}

	// Invalid fields: the form again, each error beside its field, the
	// values kept, and no dossier.
	bad := businessForm(token)
	bad.Set("f.owner_citizen_id", "12345")
	bad.Del("f.contact_phone")
	bad.Del("doc")
	r = clerk.post("/intake/2.001610", bad)
	if r.Status != http.StatusUnprocessableEntity {
		t.Fatalf("invalid form: %d, want 422", r.Status)
	}
	for _, want := range []string{`data-field="owner_citizen_id"`, "12 chữ số", `data-field="contact_phone"`, `data-field="documents"`, `value="Công ty TNHH Sen Vàng"`, token} {
		if !strings.Contains(r.Body, want) {
			t.Errorf("re-rendered form lacks %q", want)
		}
	}

	// The valid form, twice (a double click): one dossier, the first of the day.
	r = clerk.post("/intake/2.001610", businessForm(token))
	if r.Status != http.StatusSeeOther || !strings.HasPrefix(r.Location, "/receipts/") {
		t.Fatalf("submit: %d → %q: %s", r.Status, r.Location, r.Body)
	}
	code := strings.TrimPrefix(r.Location, "/receipts/")
	if !workflows.ValidCode(code) || !strings.HasSuffix(code, "-0001") {
		t.Fatalf("dossier code %q: want a valid code numbered 0001 (the invalid form took no number)", code)
	}
	receipt := clerk.follow(r)
	for _, want := range []string{"Giấy tiếp nhận hồ sơ và hẹn trả kết quả", code, "2.001610", `id="due"`, "Lê Trọng Toàn"} {
		if !strings.Contains(receipt.Body, want) {
			t.Errorf("receipt lacks %q", want)
		}
	}
	if strings.Contains(receipt.Body, "001090000000") {
		t.Error("the receipt shows the citizen ID")
	}
	r = clerk.post("/intake/2.001610", businessForm(token))
	if r.Status != http.StatusSeeOther || r.Location != "/receipts/"+code+"?existing=1" {
		t.Fatalf("resubmission: %d → %q, want the same dossier marked existing", r.Status, r.Location)
	}
	if r := clerk.follow(r); !strings.Contains(r.Body, `id="existing"`) {
		t.Error("the receipt of a resubmission does not say so")
	}

	// The desk hands it on from the dossier page.
	page := clerk.get("/dossiers/" + code)
	if !strings.Contains(page.Body, `data-step="reception"`) || !strings.Contains(page.Body, `data-action="approve"`) {
		t.Fatalf("clerk's dossier page has no approve form on reception: %s", page.Body)
	}
	if strings.Contains(page.Body, `id="temporal-ui"`) {
		t.Error("a clerk sees the Temporal UI link")
	}
	r = clerk.post("/dossiers/"+code+"/decide", url.Values{"step": {"reception"}, "action": {"approve"}, "attempt": {"1"}})
	if r.Status != http.StatusSeeOther || !strings.Contains(clerk.follow(r).Body, `id="decided"`) {
		t.Fatalf("desk hand-off: %d %q", r.Status, r.Location)
	}

	// The clerk may not decide the officer's step: no button, and a forged
	// form is refused by the workflow with its reason on the page.
	page = clerk.get("/dossiers/" + code)
	if !strings.Contains(page.Body, `data-step="review"`) || strings.Contains(page.Body, `data-action="approve"`) {
		t.Errorf("clerk's page on the review step: %s", page.Body)
	}
	r = clerk.post("/dossiers/"+code+"/decide", url.Values{"step": {"review"}, "action": {"approve"}})
	if r.Status != http.StatusUnprocessableEntity || !strings.Contains(r.Body, `id="refusal"`) || !strings.Contains(r.Body, "[not_authorised]") {
		t.Errorf("clerk approving the review: %d, want 422 with the not_authorised refusal: %s", r.Status, r.Body)
	}

	// A second dossier, handed on directly, to have two pages of inbox.
	ctx := context.Background()
	rc2, err := st.Sub.Submit(ctx, intake.Request{Procedure: "2.001610", Desk: "H26.TTHCC", ReceivedBy: "toanlt", Channel: "online",
		Fields: map[string]string{"company_name": "Công ty B", "head_office_address": "Hà Nội", "charter_capital_vnd": "1", "main_business_line": "4711",
			"owner_full_name": "Người B", "owner_citizen_id": "001090000001", "legal_representative_full_name": "Người B", "contact_phone": "0900000001", "delivery": "post"},
		Documents: []string{"registration_form", "charter", "owner_identity"}})
	if err != nil {
		t.Fatal(err)
	}
	if _, err := st.Decide(ctx, rc2.Code, workflows.DecideRequest{StepID: "reception", Action: "approve",
		Actor: workflows.Actor{ID: "toanlt", Unit: "H26.TTHCC", Role: "clerk"}}); err != nil {
		t.Fatal(err)
	}

	// The officer's inbox: both dossiers, one a page, soonest due first.
	officer := newBrowser(t, srv)
	officer.login("yentd")
	var first resp
	teststack.WaitFor(t, 15*time.Second, "both dossiers in the officer's inbox", func() bool {
		first = officer.get("/inbox")
		return strings.Contains(first.Body, `id="next"`)
	})
	if !strings.Contains(first.Body, "H26.STC.DKKD") || !strings.Contains(first.Body, `data-code="`+code+`"`) {
		t.Errorf("inbox page 1 lacks the unit or the first dossier: %s", first.Body)
	}
	next := regexp.MustCompile(`id="next" href="([^"]+)"`).FindStringSubmatch(first.Body)
	second := officer.get(strings.ReplaceAll(next[1], "&amp;", "&"))
	if !strings.Contains(second.Body, `data-code="`+rc2.Code+`"`) || strings.Contains(second.Body, `id="next"`) {
		t.Errorf("inbox page 2: want %s and no further page: %s", rc2.Code, second.Body)
	}
	if r := officer.get("/inbox?procedure=1.000000"); !strings.Contains(r.Body, `id="inbox-empty"`) {
		t.Error("the procedure filter kept other procedures' dossiers")
	}
	if r := officer.get("/inbox?unit=H26.TTHCC"); r.Status != http.StatusForbidden {
		t.Errorf("another unit's inbox: %d, want 403", r.Status)
	}

	// The officer decides: a refusal without a reason is refused by the
	// validator; the approval goes through to the head's step.
	page = officer.get("/dossiers/" + code)
	if !strings.Contains(page.Body, `data-action="approve"`) || !strings.Contains(page.Body, `data-action="refuse"`) {
		t.Fatalf("officer's dossier page lacks the actions: %s", page.Body)
	}
	r = officer.post("/dossiers/"+code+"/decide", url.Values{"step": {"review"}, "action": {"refuse"}})
	if r.Status != http.StatusUnprocessableEntity || !strings.Contains(r.Body, "[invalid_request]") {
		t.Errorf("refusal without a reason: %d: %s", r.Status, r.Body)
	}
	r = officer.post("/dossiers/"+code+"/decide", url.Values{"step": {"review"}, "action": {"approve"}, "comment": {"đủ điều kiện"}})
	if r.Status != http.StatusSeeOther {
		t.Fatalf("officer's approval: %d: %s", r.Status, r.Body)
	}
	page = officer.follow(r)
	if !strings.Contains(page.Body, `data-step="approval"`) || strings.Contains(page.Body, `data-action=`) {
		t.Errorf("after the approval the officer should see the head's step and no action: %s", page.Body)
	}

	// The head sees the reassign form; the administrator the Temporal UI link.
	head := newBrowser(t, srv)
	head.login("vinhmv")
	if r := head.get("/dossiers/" + code); !strings.Contains(r.Body, `data-action="reassign"`) || !strings.Contains(r.Body, `name="assignee"`) {
		t.Error("the head's page lacks the reassign form")
	}
	admin := newBrowser(t, srv)
	admin.login("toanct")
	link := "http://ui.example/namespaces/" + st.Server.Namespace() + "/workflows/" + code
	if r := admin.get("/dossiers/" + code); !strings.Contains(r.Body, `href="`+link+`"`) {
		t.Errorf("the administrator's page lacks %s", link)
	}
	ward := newBrowser(t, srv)
	ward.login("trangcn")
	if r := ward.get("/dossiers/" + code); r.Status != http.StatusForbidden || strings.Contains(r.Body, code+" —") {
		t.Errorf("a ward officer opening a city dossier: %d, want 403 without the slip", r.Status)
	}
	if r := ward.post("/dossiers/"+code+"/decide", url.Values{"step": {"approval"}, "action": {"approve"}}); r.Status != http.StatusForbidden {
		t.Errorf("a ward officer deciding a city dossier: %d, want 403", r.Status)
	}
	if r := admin.get("/dossiers/H26.STC-000000-9999"); r.Status != http.StatusNotFound {
		t.Errorf("unknown dossier: %d, want 404", r.Status)
	}

	for _, personal := range []string{"001090000000", "Trần Văn Mẫu", "Sen Vàng", "0900000000", "12345"} {
		if strings.Contains(logs.String(), personal) {
			t.Errorf("the web app logged personal data %q", personal)
		}
	}
}
