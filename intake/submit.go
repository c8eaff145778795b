package intake

import (
	"context"
	"crypto/sha256"
	"encoding/hex"
	"encoding/json"
	"errors"
	"fmt"
	"strings"
	"time"

	"go.temporal.io/api/enums/v1"
	"go.temporal.io/api/serviceerror"
	"go.temporal.io/sdk/client"
	"go.temporal.io/sdk/converter"
	"go.temporal.io/sdk/temporal"

	"github.com/lienthong/lienthong/procedure"
	"github.com/lienthong/lienthong/workflows"
)

// memoRequest is the memo key holding the submission's request key, so a
// repeated submission can be told from a code collision.
const memoRequest = "request"

// maxCollisions bounds how many taken codes a submission skips before it
// gives up: more means the sequence file was restored from far behind.
const maxCollisions = 50

// Submitter starts dossiers.
type Submitter struct {
	Client    client.Client
	Catalogue *procedure.Catalogue
	Sequencer Sequencer
	// DataConverter decodes memos (they are encrypted like every payload).
	DataConverter converter.DataConverter
	// Now is the clock for ReceivedAt defaults; nil means time.Now.
	Now func() time.Time
	// ReceiptTimeout bounds the wait for the workflow's first task, which
	// computes the return date (default 15 s).
	ReceiptTimeout time.Duration
}

// Receipt is what the desk prints: giấy tiếp nhận hồ sơ và hẹn trả kết quả.
type Receipt struct {
	Code          string         `json:"code"`
	Procedure     string         `json:"procedure"`
	ProcedureName procedure.Text `json:"procedureName"`
	Version       int            `json:"version"`
	ReceivedAt    time.Time      `json:"receivedAt"`
	DueAt         time.Time      `json:"dueAt"`
	// Existing is true when this submission had already started the dossier.
	Existing bool   `json:"existing"`
	RunID    string `json:"runId"`
}

// MaxBackdate is how far in the past a receipt time may lie (a postmark);
// codes carry the receipt day, and older days' counters are not kept.
const MaxBackdate = 30 * 24 * time.Hour

// Submit validates req, allocates the dossier code and starts the workflow.
// Submitting the same request again returns the same dossier.
func (s *Submitter) Submit(ctx context.Context, req Request) (Receipt, error) {
	now := s.now()
	if req.ReceivedAt.IsZero() {
		req.ReceivedAt = now
	}
	if req.ReceivedAt.After(now.Add(5*time.Minute)) || req.ReceivedAt.Before(now.Add(-MaxBackdate)) {
		return Receipt{}, FieldErrors{{Field: "receivedAt", Message: "thời điểm tiếp nhận phải trong 30 ngày qua và không ở tương lai / receivedAt must lie within the last 30 days and not in the future"}}
	}
	in, err := Build(s.Catalogue, req)
	if err != nil {
		return Receipt{}, err
	}
	key := req.RequestID
	if key == "" {
		key = contentKey(req)
	}
	agency := in.Procedure.Agency
	day := in.ReceivedAt.In(vnZone).Format("060102")
	seq, err := s.Sequencer.Allocate(ctx, agency, day, key)
	if err != nil {
		return Receipt{}, err
	}
	for range maxCollisions {
		in.Code = fmt.Sprintf("%s-%s-%04d", agency, day, seq)
		run, err := s.Client.ExecuteWorkflow(ctx, startOptions(in, key), workflows.DossierWorkflowName, in)
		if err == nil {
			return s.receipt(ctx, in, run.GetRunID(), false)
		}
		var started *serviceerror.WorkflowExecutionAlreadyStarted
		if !errors.As(err, &started) {
			return Receipt{}, fmt.Errorf("start dossier %s: %w", in.Code, err)
		}
		mine, runID, derr := s.startedBy(ctx, in.Code, key)
		if derr != nil {
			return Receipt{}, derr
		}
		if mine {
			return s.receipt(ctx, in, runID, true)
		}
		// The code belongs to another dossier: the counter is behind what
		// Temporal has seen. Take the next number and try again.
		if seq, err = s.Sequencer.Reassign(ctx, agency, day, key); err != nil {
			return Receipt{}, err
		}
	}
	return Receipt{}, fmt.Errorf("mã hồ sơ %s-%s-*: %d mã liên tiếp đã được dùng; kiểm tra tệp số thứ tự / %d consecutive codes already taken; check the sequence file", agency, day, maxCollisions, maxCollisions)
}

func startOptions(in workflows.DossierInput, key string) client.StartWorkflowOptions {
	p := in.Procedure
	return client.StartWorkflowOptions{
		ID:        in.Code,
		TaskQueue: workflows.TaskQueue,
		// A code is never reused, even after the dossier closed; a repeated
		// submission is recognised by its request key, not silently attached.
		WorkflowIDConflictPolicy:                 enums.WORKFLOW_ID_CONFLICT_POLICY_FAIL,
		WorkflowIDReusePolicy:                    enums.WORKFLOW_ID_REUSE_POLICY_REJECT_DUPLICATE,
		WorkflowExecutionErrorWhenAlreadyStarted: true,
		Memo:                                     map[string]any{memoRequest: key},
		TypedSearchAttributes:                    temporal.NewSearchAttributes(workflows.SAProcedureCode.ValueSet(p.Code)),
		StaticSummary:                            fmt.Sprintf("%s — %s (v%d)", in.Code, p.Name.VI, p.Version),
		StaticDetails:                            staticDetails(in),
	}
}

// staticDetails describes the dossier for the Temporal UI: procedure, legal
// basis, channel and desk. No citizen data.
func staticDetails(in workflows.DossierInput) string {
	p := in.Procedure
	var b strings.Builder
	fmt.Fprintf(&b, "**%s** — %s / %s\n\n", in.Code, p.Name.VI, p.Name.EN)
	fmt.Fprintf(&b, "- Thủ tục / procedure: %s, phiên bản %d (hiệu lực từ %s)\n", p.Code, p.Version, p.EffectiveFrom)
	if len(p.LegalBasis) > 0 {
		fmt.Fprintf(&b, "- Căn cứ / legal basis: %s\n", strings.Join(p.LegalBasis, "; "))
	}
	fmt.Fprintf(&b, "- Tiếp nhận / received: %s qua %s tại %s bởi %s\n", in.ReceivedAt.In(vnZone).Format("02/01/2006 15:04"), in.Channel, in.Desk, in.ReceivedBy)
	fmt.Fprintf(&b, "- Thời hạn / limit: %s\n- Các bước / steps:", p.Total)
	for _, st := range p.Steps {
		fmt.Fprintf(&b, " %s", st.ID)
	}
	b.WriteString("\n")
	return b.String()
}

// startedBy reports whether the workflow with this code was started by the
// submission with this request key.
func (s *Submitter) startedBy(ctx context.Context, code, key string) (bool, string, error) {
	desc, err := s.Client.DescribeWorkflowExecution(ctx, code, "")
	if err != nil {
		return false, "", fmt.Errorf("describe existing dossier %s: %w", code, err)
	}
	info := desc.GetWorkflowExecutionInfo()
	p := info.GetMemo().GetFields()[memoRequest]
	if p == nil {
		return false, info.GetExecution().GetRunId(), nil
	}
	dc := s.DataConverter
	if dc == nil {
		dc = converter.GetDefaultDataConverter()
	}
	var got string
	if err := dc.FromPayload(p, &got); err != nil {
		return false, "", fmt.Errorf("read the request key of dossier %s: %w", code, err)
	}
	return got == key, info.GetExecution().GetRunId(), nil
}

// receipt waits for the workflow's first task to compute the return date.
func (s *Submitter) receipt(ctx context.Context, in workflows.DossierInput, runID string, existing bool) (Receipt, error) {
	r := Receipt{Code: in.Code, Procedure: in.Procedure.Code, ProcedureName: in.Procedure.Name, Version: in.Procedure.Version,
		ReceivedAt: in.ReceivedAt, Existing: existing, RunID: runID}
	timeout := s.ReceiptTimeout
	if timeout == 0 {
		timeout = 15 * time.Second
	}
	slip, err := WaitForSlip(ctx, s.Client, in.Code, timeout)
	if err != nil {
		return r, err
	}
	r.DueAt, r.ReceivedAt = slip.DueAt, slip.ReceivedAt
	return r, nil
}

// WaitForSlip queries a dossier until its return date is known (the first
// workflow task has run) or the timeout passes.
func WaitForSlip(ctx context.Context, c client.Client, code string, timeout time.Duration) (workflows.Slip, error) {
	ctx, cancel := context.WithTimeout(ctx, timeout)
	defer cancel()
	var last error
	for delay := 50 * time.Millisecond; ; delay = min(delay*2, time.Second) {
		v, err := c.QueryWorkflow(ctx, code, "", workflows.QuerySlip)
		if err == nil {
			var slip workflows.Slip
			if err = v.Get(&slip); err == nil && !slip.DueAt.IsZero() {
				return slip, nil
			}
		}
		last = err
		if closed := closedStatus(ctx, c, code); closed != "" {
			return workflows.Slip{}, fmt.Errorf("hồ sơ %s đã dừng với trạng thái %s trước khi tính được hạn trả (ví dụ: thiếu lịch làm việc của năm đó); xem lịch sử trong Temporal UI / dossier %s stopped as %s before its return date was computed (e.g. no working-day calendar for that year); read its history in the Temporal UI", code, closed, code, closed)
		}
		select {
		case <-ctx.Done():
			if last == nil {
				last = errors.New("the return date is not computed yet")
			}
			return workflows.Slip{}, fmt.Errorf("dossier %s started, but its slip is not available (is a worker running?): %w", code, last)
		case <-time.After(delay):
		}
	}
}

// closedStatus returns the status of a dossier workflow that ended without
// finishing (failed, terminated, timed out), or "" while it runs or when it
// completed normally.
func closedStatus(ctx context.Context, c client.Client, code string) string {
	desc, err := c.DescribeWorkflowExecution(ctx, code, "")
	if err != nil {
		return ""
	}
	switch st := desc.GetWorkflowExecutionInfo().GetStatus(); st {
	case enums.WORKFLOW_EXECUTION_STATUS_FAILED, enums.WORKFLOW_EXECUTION_STATUS_TERMINATED,
		enums.WORKFLOW_EXECUTION_STATUS_TIMED_OUT, enums.WORKFLOW_EXECUTION_STATUS_CANCELED:
		return st.String()
	}
	return ""
}

// contentKey identifies a submission by what was received and on which day,
// so the same dossier submitted twice on one day is one dossier.
func contentKey(req Request) string {
	day := req.ReceivedAt.In(vnZone).Format("2006-01-02")
	b, _ := json.Marshal(struct {
		P, D, C, Day string
		F            map[string]string
		Docs         []string
	}{req.Procedure, req.Desk, string(req.Channel), day, req.Fields, req.Documents})
	sum := sha256.Sum256(b)
	return "sha256:" + hex.EncodeToString(sum[:16])
}

func (s *Submitter) now() time.Time {
	if s.Now != nil {
		return s.Now()
	}
	return time.Now()
}

var vnZone = time.FixedZone("ICT", 7*3600)
