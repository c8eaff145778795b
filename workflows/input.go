package workflows

import (
	"fmt"
	"regexp"
	"strings"
)

// codePattern is the dossier code: <agency code>-<yymmdd>-<4-digit sequence>.
var codePattern = regexp.MustCompile(`^[A-Za-z0-9.]{1,40}-[0-9]{6}-[0-9]{4,}$`)

// ValidCode reports whether code has the dossier-code shape.
func ValidCode(code string) bool { return codePattern.MatchString(code) }

// Validate checks a DossierInput before a workflow is started with it (the
// starter calls it) and again when the workflow begins.
func (in *DossierInput) Validate() error {
	var probs []string
	if !ValidCode(in.Code) {
		probs = append(probs, fmt.Sprintf("mã hồ sơ %q sai dạng <mã cơ quan>-<yymmdd>-<số thứ tự 4 chữ số> / code %q is not <agency>-<yymmdd>-<4-digit sequence>", in.Code, in.Code))
	}
	if in.Procedure.Code == "" || len(in.Procedure.Steps) == 0 {
		probs = append(probs, "thiếu thủ tục hoặc thủ tục không có bước / the procedure snapshot is missing or has no steps")
	}
	if !in.Channel.Valid() {
		probs = append(probs, fmt.Sprintf("kênh tiếp nhận %q không hợp lệ (desk, post, online) / channel %q is not desk, post or online", in.Channel, in.Channel))
	}
	if in.ReceivedAt.IsZero() {
		probs = append(probs, "thiếu thời điểm tiếp nhận / receivedAt is missing")
	}
	if in.Desk == "" || in.ReceivedBy == "" {
		probs = append(probs, "thiếu bộ phận tiếp nhận hoặc cán bộ tiếp nhận / desk and receivedBy are required")
	}
	if len(probs) > 0 {
		return fmt.Errorf("%s", strings.Join(probs, "; "))
	}
	return nil
}
