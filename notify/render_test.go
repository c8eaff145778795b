package notify

import (
	"strings"
	"testing"
)

func contains(s, sub string) bool { return strings.Contains(s, sub) }

func TestSubject(t *testing.T) {
	m := testMessage()
	if got, want := Subject(m), "[Quá hạn] Hồ sơ H26.STC-261125-0001 — bước Thẩm định tại Phòng ĐKKD"; got != want {
		t.Errorf("escalation subject\n got %q\nwant %q", got, want)
	}
	m.Level = 0
	if got, want := Subject(m), "[Nhắc hạn] Hồ sơ H26.STC-261125-0001 — bước Thẩm định tại Phòng ĐKKD, hạn 17:00 27/11/2026"; got != want {
		t.Errorf("reminder subject\n got %q\nwant %q", got, want)
	}
	m.Apology = true
	if got := Subject(m); !strings.HasPrefix(got, "[Quá hạn – cần phiếu xin lỗi] Hồ sơ H26.STC-261125-0001") {
		t.Errorf("apology subject %q", got)
	}
	m = testMessage()
	m.StepID, m.StepName = "", ""
	if got := Subject(m); !contains(got, "— hạn trả kết quả tại Phòng ĐKKD") {
		t.Errorf("dossier-ladder subject %q", got)
	}
	m.UnitName = "Phòng\r\nBcc: x@example.com"
	if got := Subject(m); strings.ContainsAny(got, "\r\n") {
		t.Errorf("subject keeps a line break: %q", got)
	}
}

func TestRenderWording(t *testing.T) {
	m := testMessage()
	r, err := Render(m)
	if err != nil {
		t.Fatal(err)
	}
	for _, want := range []string{
		"Kính gửi Nguyễn Văn Hùng,",
		"Cảnh báo mức 2: bước Thẩm định của hồ sơ H26.STC-261125-0001 tại Phòng ĐKKD do anh/chị phụ trách đã quá hạn.",
		"2.001610 — Đăng ký thành lập doanh nghiệp tư nhân",
		"Thẩm định (approval)",
		"Phòng ĐKKD (H26.STC.DKKD)",
		"Trần Thị Yến (yentd)",
		"17:00 27/11/2026",
		"1 ngày 2 giờ làm việc",
		"đôn đốc người xử lý",
		"Mở hồ sơ: https://dvc.example.gov.vn/dossiers/H26.STC-261125-0001",
		"Overdue (level 2): dossier H26.STC-261125-0001, step approval at H26.STC.DKKD, due 17:00 27/11/2026, overdue by 10h of working time.",
	} {
		if !contains(r.Text, want) {
			t.Errorf("text body lacks %q\n%s", want, r.Text)
		}
	}

	m.Level, m.Overdue, m.OverdueWorking, m.Audience = 0, "", 0, AudienceHolder
	r, _ = Render(m)
	if !contains(r.Text, "Nhắc hạn: bước Thẩm định của hồ sơ H26.STC-261125-0001 đến hạn lúc 17:00 27/11/2026.") || contains(r.Text, "Quá hạn") {
		t.Errorf("reminder wording:\n%s", r.Text)
	}

	m = testMessage()
	m.Apology = true
	r, _ = Render(m)
	if !contains(r.Text, "phiếu xin lỗi và hẹn lại ngày trả kết quả") || !contains(r.Text, "apology slip required") {
		t.Errorf("apology wording:\n%s", r.Text)
	}
}

func TestRenderEscapesHTML(t *testing.T) {
	m := testMessage()
	m.StepName = `<script>alert("x")</script>`
	m.RecipientName = "Hùng & <Co>"
	m.Link = `https://dvc.example.gov.vn/dossiers/H26?a=1&b="2"`
	r, err := Render(m)
	if err != nil {
		t.Fatal(err)
	}
	if contains(r.HTML, "<script>") || contains(r.HTML, "<Co>") {
		t.Errorf("HTML body is not escaped:\n%s", r.HTML)
	}
	for _, want := range []string{"&lt;script&gt;", "Hùng &amp; &lt;Co&gt;", `href="https://dvc.example.gov.vn/dossiers/H26?a=1&amp;b=%222%22"`, `<html lang="vi">`} {
		if !contains(r.HTML, want) {
			t.Errorf("HTML body lacks %q\n%s", want, r.HTML)
		}
	}
	if !contains(r.Text, `<script>alert("x")</script>`) {
		t.Error("the plain-text body must not be HTML-escaped")
	}
}
