package notify

import (
	"bytes"
	"fmt"
	htmltemplate "html/template"
	"strings"
	"text/template"
	"time"
)

// Rendered is a message as people read it.
type Rendered struct {
	Subject string // one line, Vietnamese
	Text    string // plain-text body
	HTML    string // HTML body; every value is escaped
}

// row is one labelled line of the message's facts.
type row struct {
	Label string
	Value string
}

// view is what the body templates see: everything worded and formatted in Go,
// so that the templates only lay it out.
type view struct {
	Greeting string
	Lead     string
	Rows     []row
	Action   string
	Link     string
	English  string
	Footer   string
}

var (
	textBody = template.Must(template.New("text").Parse(textTemplate))
	htmlBody = htmltemplate.Must(htmltemplate.New("html").Parse(htmlTemplate))
)

// Render words a message: subject, plain-text body and HTML body.
func Render(m Message) (Rendered, error) {
	if err := m.Validate(); err != nil {
		return Rendered{}, err
	}
	v := newView(m)
	var txt, html bytes.Buffer
	if err := textBody.Execute(&txt, v); err != nil {
		return Rendered{}, fmt.Errorf("notify: render text body: %w", err)
	}
	if err := htmlBody.Execute(&html, v); err != nil {
		return Rendered{}, fmt.Errorf("notify: render HTML body: %w", err)
	}
	return Rendered{Subject: Subject(m), Text: txt.String(), HTML: html.String()}, nil
}

// Subject is the one-line subject, e.g.
// "[Quá hạn] Hồ sơ H26.STC-261125-0001 — bước Thẩm định tại Phòng ĐKKD".
func Subject(m Message) string {
	var tag string
	switch m.Kind() {
	case KindReminder:
		tag = "[Nhắc hạn]"
	case KindApology:
		tag = "[Quá hạn – cần phiếu xin lỗi]"
	default:
		tag = "[Quá hạn]"
	}
	s := tag + " Hồ sơ " + m.Dossier + " — " + stepPhrase(m) + " tại " + unitLabel(m)
	if m.Kind() == KindReminder {
		s += ", hạn " + FormatTime(m.DueAt)
	}
	return oneLine(s)
}

// FormatTime shows t in Asia/Ho_Chi_Minh as "15:04 02/01/2006".
func FormatTime(t time.Time) string {
	return t.In(TimeZone).Format(TimeLayout)
}

func stepPhrase(m Message) string {
	switch {
	case m.StepName != "":
		return "bước " + m.StepName
	case m.StepID != "":
		return "bước " + m.StepID
	default:
		return "hạn trả kết quả"
	}
}

func unitLabel(m Message) string {
	if m.UnitName != "" {
		return m.UnitName
	}
	return m.UnitCode
}

func holderLabel(m Message) string {
	switch {
	case m.Holder == "":
		return "chưa giao cho cá nhân (đơn vị giữ hồ sơ)"
	case m.HolderName != "":
		return m.HolderName + " (" + m.Holder + ")"
	default:
		return m.Holder
	}
}

func newView(m Message) view {
	subject := "bước " + m.StepName
	if m.StepName == "" && m.StepID != "" {
		subject = "bước " + m.StepID
	}
	if m.StepID == "" && m.StepName == "" {
		subject = "việc trả kết quả"
	}
	subject += " của hồ sơ " + m.Dossier

	v := view{Greeting: "Kính gửi " + orDefault(oneLine(m.RecipientName), "anh/chị") + ",", Link: m.Link}
	switch m.Kind() {
	case KindReminder:
		v.Lead = "Nhắc hạn: " + subject + " đến hạn lúc " + FormatTime(m.DueAt) + "."
		if m.Overdue != "" {
			v.Lead = "Nhắc hạn: " + subject + " đã đến hạn lúc " + FormatTime(m.DueAt) + "."
		}
	case KindApology:
		v.Lead = "Cảnh báo: " + subject + " tại " + unitLabel(m) + " đã quá hạn. Theo quy định, đơn vị để hồ sơ quá hạn phải lập phiếu xin lỗi và hẹn lại ngày trả kết quả gửi tổ chức, cá nhân."
	default:
		v.Lead = "Cảnh báo mức " + fmt.Sprint(m.Level) + ": " + subject + " " + audiencePhrase(m) + " đã quá hạn."
	}
	v.Action = actionPhrase(m)

	v.Rows = []row{{"Mã hồ sơ", m.Dossier}}
	if m.ProcedureCode != "" || m.ProcedureName != "" {
		v.Rows = append(v.Rows, row{"Thủ tục", joinNonEmpty(" — ", m.ProcedureCode, m.ProcedureName)})
	}
	if m.StepID != "" || m.StepName != "" {
		step := orDefault(m.StepName, m.StepID)
		if m.StepName != "" && m.StepID != "" {
			step += " (" + m.StepID + ")"
		}
		v.Rows = append(v.Rows, row{"Bước", step})
	}
	unit := unitLabel(m)
	if m.UnitName != "" {
		unit += " (" + m.UnitCode + ")"
	}
	v.Rows = append(v.Rows, row{"Đơn vị đang giữ", unit}, row{"Người xử lý", holderLabel(m)}, row{"Hạn", FormatTime(m.DueAt)})
	if m.Overdue != "" {
		v.Rows = append(v.Rows, row{"Quá hạn", m.Overdue})
	}
	v.Rows = append(v.Rows, row{"Mức cảnh báo", fmt.Sprint(m.Level)})
	for i := range v.Rows {
		v.Rows[i].Value = oneLine(v.Rows[i].Value)
	}

	v.English = englishLine(m)
	v.Footer = "Thư tự động từ hệ thống liên thông lienthong, vui lòng không trả lời thư này. / Automated message, please do not reply."
	return v
}

func audiencePhrase(m Message) string {
	switch m.Audience {
	case AudienceHolder:
		return "do anh/chị xử lý"
	case AudienceUnitHead:
		return "tại " + unitLabel(m) + " do anh/chị phụ trách"
	case AudienceAgencyHead:
		return "tại " + unitLabel(m) + ", thuộc cơ quan do anh/chị phụ trách,"
	default:
		return "tại " + unitLabel(m) + " (hồ sơ do bộ phận một cửa tiếp nhận)"
	}
}

func actionPhrase(m Message) string {
	if m.Kind() == KindApology {
		return "Đề nghị lập phiếu xin lỗi và hẹn lại ngày trả kết quả (thao tác «Gia hạn» kèm lời xin lỗi) trên hệ thống."
	}
	switch m.Audience {
	case AudienceHolder:
		return "Đề nghị anh/chị xử lý hồ sơ hoặc báo cáo lãnh đạo đơn vị."
	case AudienceDesk:
		return "Đề nghị theo dõi và thông báo cho tổ chức, cá nhân nếu phải hẹn lại ngày trả kết quả."
	default:
		return "Đề nghị anh/chị đôn đốc người xử lý hoặc phân công lại."
	}
}

func englishLine(m Message) string {
	step := orDefault(m.StepID, "return of result")
	var b strings.Builder
	switch m.Kind() {
	case KindReminder:
		b.WriteString("Reminder: dossier ")
	case KindApology:
		b.WriteString("Overdue, apology slip required: dossier ")
	default:
		fmt.Fprintf(&b, "Overdue (level %d): dossier ", m.Level)
	}
	fmt.Fprintf(&b, "%s, step %s at %s, due %s", m.Dossier, step, m.UnitCode, FormatTime(m.DueAt))
	if m.OverdueWorking > 0 {
		fmt.Fprintf(&b, ", overdue by %s of working time", formatWorking(m.OverdueWorking))
	}
	b.WriteString(".")
	return oneLine(b.String())
}

// formatWorking shows a working-time span as hours and minutes ("10h30m"):
// the working day's length depends on the calendar, so no days are shown.
func formatWorking(d time.Duration) string {
	d = d.Round(time.Minute)
	h, mins := int(d/time.Hour), int((d%time.Hour)/time.Minute)
	if mins == 0 {
		return fmt.Sprintf("%dh", h)
	}
	return fmt.Sprintf("%dh%02dm", h, mins)
}

func orDefault(s, def string) string {
	if s == "" {
		return def
	}
	return s
}

func joinNonEmpty(sep string, parts ...string) string {
	var kept []string
	for _, p := range parts {
		if p != "" {
			kept = append(kept, p)
		}
	}
	return strings.Join(kept, sep)
}
