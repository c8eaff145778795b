package activities

import (
	"bytes"
	"crypto/tls"
	"io"
	"mime"
	"mime/quotedprintable"
	"net/http"
	"net/http/httptest"
	"strings"
	"sync"
	"testing"
	"time"

	"go.temporal.io/sdk/temporal"
	"go.temporal.io/sdk/testsuite"
	"go.uber.org/zap"

	"github.com/lienthong/lienthong/catalog"
	"github.com/lienthong/lienthong/logging"
	"github.com/lienthong/lienthong/notify"
	"github.com/lienthong/lienthong/notify/smtptest"
	"github.com/lienthong/lienthong/procedure"
)

const testWebhookSecret = "a-test-secret-of-at-least-32-bytes!!"

// webhookReceiver counts deliveries by idempotency key and fails the first
// `fail` requests with 503, like a chat bridge that is briefly down.
type webhookReceiver struct {
	mu       sync.Mutex
	fail     int
	requests int
	byKey    map[string]int
}

func (w *webhookReceiver) ServeHTTP(rw http.ResponseWriter, r *http.Request) {
	w.mu.Lock()
	defer w.mu.Unlock()
	w.requests++
	if w.requests <= w.fail {
		rw.WriteHeader(http.StatusServiceUnavailable)
		return
	}
	w.byKey[r.Header.Get("Idempotency-Key")]++
	rw.WriteHeader(http.StatusNoContent)
}

// The unit head of the division holding an overdue step gets the rung by
// e-mail (a real SMTP listener) and by webhook (a real HTTP endpoint that is
// down at first). Retries deliver the webhook and never send the e-mail
// twice; every outcome is in the journal.
func TestAlertReachesTheHeadByEveryChannelOnce(t *testing.T) {
	a, j := newActivities(t)
	cat, err := procedure.Load(catalog.FS())
	if err != nil {
		t.Fatal(err)
	}
	cert, roots := smtptest.Cert(t)
	mailSrv := smtptest.Start(t, cert, smtptest.Options{StartTLS: true})
	email, err := notify.NewSMTP(notify.SMTPConfig{Host: "127.0.0.1", Port: mailSrv.Port(), From: "lienthong@hanoi.example.vn",
		StartTLS: notify.StartTLSRequired, TLS: &tls.Config{RootCAs: roots, ServerName: "127.0.0.1"}, Timeout: 5 * time.Second})
	if err != nil {
		t.Fatal(err)
	}
	recv := &webhookReceiver{fail: 1, byKey: map[string]int{}}
	hook := httptest.NewServer(recv)
	defer hook.Close()
	wh, err := notify.NewWebhook(hook.URL, testWebhookSecret, 5*time.Second)
	if err != nil {
		t.Fatal(err)
	}
	a.Org, a.BaseURL = &cat.Organisation, "https://motcua.example.vn"
	a.Channels = []Channel{{Name: "email", Sender: email}, {Name: "webhook", Sender: wh}}

	env := activityEnv(a)
	in := AlertInput{Key: "H26.STC-261125-0001/review/1/r1", Dossier: "H26.STC-261125-0001", Procedure: "2.001610",
		ProcedureName: "Đăng ký thành lập công ty", Step: "review", StepName: "Thẩm định", Attempt: 1,
		Unit: "H26.STC.DKKD", Holder: "yentd", Audience: procedure.AudienceUnitHead, Level: 1,
		DueAt: at(2026, 11, 27, 17, 0), At: at(2026, 11, 30, 10, 0)}

	_, err = env.ExecuteActivity(AlertName, in) // the webhook is down
	var app *temporal.ApplicationError
	if err == nil || !asApp(err, &app) || app.NonRetryable() {
		t.Fatalf("first attempt: %v; want a retryable failure", err)
	}
	sess := mailSrv.Next(t)
	if len(sess.Rcpt) != 1 || !strings.Contains(sess.Rcpt[0], "vinhmv@hanoi.example.vn") {
		t.Errorf("e-mail went to %v, want the division head vinhmv", sess.Rcpt)
	}
	subject := header(string(sess.Data), "Subject")
	body, _ := io.ReadAll(quotedprintable.NewReader(bytes.NewReader(sess.Data)))
	if !strings.Contains(subject, "H26.STC-261125-0001") || !strings.Contains(string(body), "https://motcua.example.vn/dossiers/H26.STC-261125-0001") {
		t.Errorf("subject %q / body without the dossier link", subject)
	}
	for attempt := 2; attempt <= 3; attempt++ { // Temporal's retries
		if _, err := env.ExecuteActivity(AlertName, in); err != nil {
			t.Fatalf("attempt %d: %v", attempt, err)
		}
	}
	if recv.byKey[in.Key] != 1 {
		t.Errorf("webhook deliveries for the rung: %v, want exactly one", recv.byKey)
	}
	if s, sent := mailSrv.Wait(300 * time.Millisecond); sent {
		t.Errorf("the e-mail was sent again: %v", s.Rcpt)
	}
	recs, _ := j.Read(in.Dossier)
	notes := map[string]string{}
	for _, r := range recs {
		notes[r.Key] = r.Note
	}
	if _, ok := notes["alert/"+in.Key]; !ok || notes["alert/"+in.Key+"/email"] != "delivered: email" || notes["alert/"+in.Key+"/webhook"] != "delivered: webhook" {
		t.Errorf("journal: %v", notes)
	}
}

// A channel that refuses for good (400) ends the activity without retries
// and records why.
func TestAlertPermanentRefusalIsNotRetried(t *testing.T) {
	a, j := newActivities(t)
	hook := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) { w.WriteHeader(http.StatusBadRequest) }))
	defer hook.Close()
	wh, err := notify.NewWebhook(hook.URL, testWebhookSecret, 5*time.Second)
	if err != nil {
		t.Fatal(err)
	}
	a.Channels = []Channel{{Name: "webhook", Sender: wh}}
	env := activityEnv(a)
	in := AlertInput{Key: "D-1/s/1/r0", Dossier: "D-1", Procedure: "P", Unit: "H26.STC.DKKD", Audience: procedure.AudienceHolder, DueAt: at(2026, 11, 27, 17, 0)}
	_, err = env.ExecuteActivity(AlertName, in)
	var app *temporal.ApplicationError
	if err == nil || !asApp(err, &app) || !app.NonRetryable() {
		t.Fatalf("err = %v, want a non-retryable refusal", err)
	}
	recs, _ := j.Read("D-1")
	if len(recs) != 2 || !strings.HasPrefix(recs[1].Note, "failed: webhook") {
		t.Errorf("journal: %+v", recs)
	}
}

// activityEnv runs the activities once per ExecuteActivity, as one attempt;
// the tests call it again to play Temporal's retries.
func activityEnv(a *Activities) *testsuite.TestActivityEnvironment {
	var suite testsuite.WorkflowTestSuite
	suite.SetLogger(logging.NewTemporalLogger(zap.NewNop()))
	env := suite.NewTestActivityEnvironment()
	a.Register(env)
	return env
}

func header(msg, name string) string {
	for _, line := range strings.Split(strings.ReplaceAll(msg, "\r\n", "\n"), "\n") {
		if v, ok := strings.CutPrefix(line, name+": "); ok {
			d, err := new(mime.WordDecoder).DecodeHeader(v)
			if err != nil {
				return v
			}
			return d
		}
	}
	return ""
}
