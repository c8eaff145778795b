package notify

import (
	"testing"
	"time"
)

// testMessage is a level-2 escalation to the head of the unit: staff and
// codes only, as the activity would build it.
func testMessage() Message {
	return Message{
		Key:            "H26.STC-261125-0001/approval/1/2",
		Dossier:        "H26.STC-261125-0001",
		ProcedureCode:  "2.001610",
		ProcedureName:  "Đăng ký thành lập doanh nghiệp tư nhân",
		StepID:         "approval",
		StepName:       "Thẩm định",
		UnitCode:       "H26.STC.DKKD",
		UnitName:       "Phòng ĐKKD",
		Holder:         "yentd",
		HolderName:     "Trần Thị Yến",
		Audience:       AudienceUnitHead,
		Level:          2,
		DueAt:          time.Date(2026, 11, 27, 10, 0, 0, 0, time.UTC), // 17:00 in Hà Nội
		At:             time.Date(2026, 11, 30, 2, 0, 0, 0, time.UTC),
		Overdue:        "1 ngày 2 giờ làm việc",
		OverdueWorking: 10 * time.Hour,
		Link:           "https://dvc.example.gov.vn/dossiers/H26.STC-261125-0001",
		RecipientName:  "Nguyễn Văn Hùng",
		RecipientEmail: "hungnv@stc.example.gov.vn",
	}
}

func TestDossierLink(t *testing.T) {
	got, err := DossierLink("https://dvc.example.gov.vn/", "H26.STC-261125-0001")
	if err != nil || got != "https://dvc.example.gov.vn/dossiers/H26.STC-261125-0001" {
		t.Fatalf("DossierLink = %q, %v", got, err)
	}
	if _, err := DossierLink("javascript:alert(1)", "X"); err == nil {
		t.Fatal("a non-http base URL was accepted")
	}
}

func TestValidate(t *testing.T) {
	if err := testMessage().Validate(); err != nil {
		t.Fatal(err)
	}
	m := testMessage()
	m.Key, m.Audience, m.DueAt, m.Link = "", "boss", time.Time{}, "javascript:alert(1)"
	err := m.Validate()
	if err == nil {
		t.Fatal("an invalid message was accepted")
	}
	for _, want := range []string{"key", "audience", "due time", "link"} {
		if !contains(err.Error(), want) {
			t.Errorf("error %q does not mention %s", err, want)
		}
	}
}

func TestKind(t *testing.T) {
	m := testMessage()
	if m.Kind() != KindEscalation {
		t.Errorf("level 2: %s", m.Kind())
	}
	m.Level = 0
	if m.Kind() != KindReminder {
		t.Errorf("level 0: %s", m.Kind())
	}
	m.Apology = true
	if m.Kind() != KindApology {
		t.Errorf("apology: %s", m.Kind())
	}
}
