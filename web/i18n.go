package web

import (
	"net/http"
	"strings"

	"github.com/lienthong/lienthong/procedure"
)

// Lang is a page language: Vietnamese first, English by a switch.
type Lang string

// The languages the pages speak.
const (
	LangVI Lang = "vi"
	LangEN Lang = "en"
)

// langCookie remembers the language chosen with ?lang=.
const langCookie = "lt_lang"

// messages is the message catalogue: key → Vietnamese, English.
var messages = map[string][2]string{
	"app":                        {"Liên thông — Một cửa", "Liên thông — One-stop desk"},
	"login":                      {"Đăng nhập", "Log in"},
	"logout":                     {"Đăng xuất", "Log out"},
	"username":                   {"Tên đăng nhập (mã cán bộ)", "Username (staff id)"},
	"password":                   {"Mật khẩu", "Password"},
	"login.failed":               {"Tên đăng nhập hoặc mật khẩu không đúng.", "Wrong username or password."},
	"home":                       {"Trang chính", "Home"},
	"intake":                     {"Tiếp nhận hồ sơ", "Receive a dossier"},
	"inbox":                      {"Hồ sơ của đơn vị", "Unit inbox"},
	"procedure":                  {"Thủ tục", "Procedure"},
	"procedure.pick":             {"Chọn thủ tục", "Choose a procedure"},
	"choose":                     {"Chọn", "Choose"},
	"channel":                    {"Kênh tiếp nhận", "Channel"},
	"channel.desk":               {"Trực tiếp", "At the desk"},
	"channel.post":               {"Bưu chính", "By post"},
	"channel.online":             {"Trực tuyến", "Online"},
	"documents":                  {"Giấy tờ đã nhận", "Documents received"},
	"required":                   {"bắt buộc", "required"},
	"submit":                     {"Tiếp nhận", "Receive"},
	"form.errors":                {"Hồ sơ chưa hợp lệ, xin sửa các mục được đánh dấu.", "The dossier is not valid yet; please correct the marked items."},
	"receipt":                    {"Giấy tiếp nhận hồ sơ và hẹn trả kết quả", "Receipt and appointment for results"},
	"receipt.existing":           {"Hồ sơ này đã được tiếp nhận trước đó; đây là giấy tiếp nhận của nó.", "This dossier had already been received; this is its receipt."},
	"code":                       {"Mã hồ sơ", "Dossier code"},
	"received":                   {"Thời điểm tiếp nhận", "Received"},
	"due":                        {"Hẹn trả kết quả", "Results due"},
	"desk":                       {"Bộ phận tiếp nhận", "Receiving desk"},
	"print":                      {"In", "Print"},
	"unit":                       {"Đơn vị", "Unit"},
	"step":                       {"Bước", "Step"},
	"holder":                     {"Người xử lý", "Holder"},
	"step.due":                   {"Hạn bước", "Step due"},
	"remaining":                  {"Thời gian còn lại", "Time left"},
	"overdue":                    {"Quá hạn", "Overdue"},
	"all":                        {"Tất cả", "All"},
	"filter":                     {"Lọc", "Filter"},
	"next.page":                  {"Trang sau", "Next page"},
	"inbox.empty":                {"Không có hồ sơ đang chờ.", "No open dossiers."},
	"dossier":                    {"Hồ sơ", "Dossier"},
	"status":                     {"Trạng thái", "Status"},
	"slip":                       {"Phiếu kiểm soát quá trình giải quyết hồ sơ", "Process control slip"},
	"given.by":                   {"Bên giao", "Given by"},
	"given.at":                   {"Thời điểm giao", "Given at"},
	"received.by":                {"Bên nhận", "Received by"},
	"finished":                   {"Hoàn thành", "Finished"},
	"result":                     {"Kết quả", "Result"},
	"actor":                      {"Người thực hiện", "Actor"},
	"note":                       {"Ghi chú", "Note"},
	"open.steps":                 {"Bước đang xử lý", "Open steps"},
	"actions":                    {"Thao tác của bạn", "Your actions"},
	"no.actions":                 {"Bạn không có thao tác nào trên bước này.", "You have no action on this step."},
	"reason":                     {"Lý do", "Reason"},
	"comment":                    {"Ý kiến", "Comment"},
	"missing":                    {"Giấy tờ cần bổ sung (mỗi dòng một mục)", "Missing items (one per line)"},
	"target":                     {"Trả về bước", "Return to step"},
	"assignee":                   {"Giao cho (mã cán bộ)", "Assign to (staff id)"},
	"extend.days":                {"Gia hạn thêm (ngày làm việc)", "Extend by (working days)"},
	"refused":                    {"Không được chấp nhận", "Refused"},
	"decided":                    {"Đã ghi nhận quyết định", "Decision recorded"},
	"temporal.ui":                {"Xem quy trình trong Temporal UI", "Open the workflow in the Temporal UI"},
	"forbidden":                  {"Không được phép", "Forbidden"},
	"csrf.bad":                   {"Biểu mẫu đã hết hạn hoặc không hợp lệ. Hãy tải lại trang và thử lại.", "The form has expired or is not valid. Reload the page and try again."},
	"not.found":                  {"Không tìm thấy", "Not found"},
	"no.desk":                    {"Bạn không phải cán bộ một cửa của bộ phận nào.", "You are not a clerk at any desk."},
	"no.unit":                    {"Bạn không thuộc đơn vị nào.", "You belong to no unit."},
	"not.your.dossier":           {"Hồ sơ này không qua đơn vị của bạn.", "This dossier has not passed through your units."},
	"error":                      {"Có lỗi xảy ra, xin thử lại sau.", "Something went wrong; please try again later."},
	"language":                   {"English", "Tiếng Việt"},
	"left":                       {"còn", "left"},
	"late":                       {"quá", "late by"},
	"days":                       {"ngày", "d"},
	"hours":                      {"giờ", "h"},
	"minutes":                    {"phút", "min"},
	"action.approve":             {"Đồng ý / chuyển bước sau", "Approve"},
	"action.object":              {"Có ý kiến khác", "Object"},
	"action.supplement":          {"Yêu cầu bổ sung", "Ask for a supplement"},
	"action.send_back":           {"Trả lại bước trước", "Send back"},
	"action.refuse":              {"Từ chối giải quyết", "Refuse"},
	"action.reassign":            {"Giao lại", "Reassign"},
	"action.extend":              {"Gia hạn (kèm thư xin lỗi)", "Extend (with an apology)"},
	"status.in_progress":         {"Đang giải quyết", "In progress"},
	"status.waiting_supplement":  {"Chờ bổ sung", "Waiting for a supplement"},
	"status.waiting_obligations": {"Chờ thực hiện nghĩa vụ tài chính", "Waiting for obligations"},
	"status.finished":            {"Đã giải quyết", "Finished"},
	"status.refused":             {"Từ chối", "Refused"},
	"status.withdrawn":           {"Đã rút", "Withdrawn"},
	"signed.in.as":               {"Cán bộ", "Signed in as"},
	"receipt.note":               {"Công dân mang theo giấy này khi đến nhận kết quả.", "Bring this receipt when collecting the results."},
}

// T returns the message key in lang; an unknown key is returned as is, so a
// missing translation shows up on the page instead of an empty string.
func T(lang Lang, key string) string {
	m, ok := messages[key]
	if !ok {
		return key
	}
	if lang == LangEN {
		return m[1]
	}
	return m[0]
}

// text picks the language's side of a catalogue text.
func text(lang Lang, t procedure.Text) string {
	if lang == LangEN && t.EN != "" {
		return t.EN
	}
	return t.VI
}

// bilingual picks the page's language out of a "tiếng Việt / English"
// message, the form intake, authz and the workflow's validators use; a
// message without the separator is returned whole.
func bilingual(lang Lang, msg string) string {
	vi, en, ok := strings.Cut(msg, " / ")
	if !ok {
		return msg
	}
	if lang == LangEN {
		return en
	}
	return vi
}

// langOf reads ?lang= (remembering it in a cookie) or the cookie; the
// default is Vietnamese.
func langOf(w http.ResponseWriter, r *http.Request, secure bool) Lang {
	if q := Lang(r.URL.Query().Get("lang")); q == LangVI || q == LangEN {
		http.SetCookie(w, &http.Cookie{Name: langCookie, Value: string(q), Path: "/", MaxAge: 365 * 24 * 3600,
			HttpOnly: true, SameSite: http.SameSiteStrictMode, Secure: secure})
		return q
	}
	if c, err := r.Cookie(langCookie); err == nil && Lang(c.Value) == LangEN {
		return LangEN
	}
	return LangVI
}
