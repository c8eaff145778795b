package notify

import (
	"context"
	"encoding/json"
	"errors"
	"io"
	"net/http"
	"net/http/httptest"
	"strconv"
	"sync"
	"testing"
	"time"
)

const testSecret = "0123456789abcdef0123456789abcdef-test"

// receiver is a webhook endpoint as a chat bridge would write it: it
// verifies the signature, then records each delivery once by its
// idempotency key. fail decides, per request number, whether to answer
// with an error status before or after recording.
type receiver struct {
	t         *testing.T
	mu        sync.Mutex
	requests  int
	delivered map[string]Payload
	// respond returns the status for request n (1-based) and whether the
	// delivery is recorded before answering.
	respond func(n int) (status int, record bool)
}

func newReceiver(t *testing.T, respond func(n int) (int, bool)) (*receiver, *httptest.Server) {
	r := &receiver{t: t, delivered: map[string]Payload{}, respond: respond}
	srv := httptest.NewServer(r)
	t.Cleanup(srv.Close)
	return r, srv
}

func (r *receiver) ServeHTTP(w http.ResponseWriter, req *http.Request) {
	body, err := io.ReadAll(http.MaxBytesReader(w, req.Body, 1<<20))
	if err != nil {
		http.Error(w, "body", http.StatusBadRequest)
		return
	}
	if err := Verify(testSecret, req.Header.Get(HeaderTimestamp), req.Header.Get(HeaderSignature), body, time.Now(), 5*time.Minute); err != nil {
		http.Error(w, err.Error(), http.StatusUnauthorized)
		return
	}
	var p Payload
	if err := json.Unmarshal(body, &p); err != nil || p.Type != PayloadType || p.Version != PayloadVersion {
		http.Error(w, "payload", http.StatusBadRequest)
		return
	}
	key := req.Header.Get(HeaderIdempotencyKey)
	if key == "" || key != p.ID {
		http.Error(w, "idempotency key", http.StatusBadRequest)
		return
	}
	r.mu.Lock()
	defer r.mu.Unlock()
	r.requests++
	status, record := http.StatusOK, true
	if r.respond != nil {
		status, record = r.respond(r.requests)
	}
	if record {
		if _, seen := r.delivered[key]; !seen {
			r.delivered[key] = p
		}
	}
	w.WriteHeader(status)
}

func (r *receiver) snapshot() (int, map[string]Payload) {
	r.mu.Lock()
	defer r.mu.Unlock()
	return r.requests, r.delivered
}

func newTestWebhook(t *testing.T, url string) *Webhook {
	t.Helper()
	w, err := NewWebhook(url, testSecret, 2*time.Second)
	if err != nil {
		t.Fatal(err)
	}
	return w
}

func TestWebhookDeliversSignedPayload(t *testing.T) {
	rec, srv := newReceiver(t, nil)
	m := testMessage()
	if err := newTestWebhook(t, srv.URL).Send(context.Background(), m); err != nil {
		t.Fatal(err)
	}
	_, got := rec.snapshot()
	p, ok := got[m.Key]
	if !ok {
		t.Fatalf("nothing delivered under %q: %v", m.Key, got)
	}
	if p.Kind != KindEscalation || p.Level != 2 || p.Audience != AudienceUnitHead || p.Dossier.Code != m.Dossier ||
		p.Dossier.URL != m.Link || p.Step == nil || p.Step.ID != "approval" || p.Unit.Name != "Phòng ĐKKD" ||
		p.Holder != "yentd" || p.Overdue == nil || p.Overdue.Seconds != 36000 || p.Overdue.Text != m.Overdue ||
		p.Text.Subject != Subject(m) || !p.DueAt.Equal(m.DueAt) {
		t.Errorf("payload %+v", p)
	}
}

func TestWebhookPayloadTimesAreInHoChiMinh(t *testing.T) {
	p, err := NewPayload(testMessage())
	if err != nil {
		t.Fatal(err)
	}
	b, _ := json.Marshal(p)
	var raw map[string]any
	_ = json.Unmarshal(b, &raw)
	if raw["dueAt"] != "2026-11-27T17:00:00+07:00" || raw["type"] != "lienthong.escalation" || raw["version"] != 1.0 || raw["id"] != testMessage().Key {
		t.Errorf("payload %s", b)
	}
}

func TestVerify(t *testing.T) {
	body := []byte(`{"type":"lienthong.escalation","version":1}`)
	now := time.Unix(1_800_000_000, 0)
	ts := strconv.FormatInt(now.Unix(), 10)
	sig := Sign(testSecret, ts, body)
	if err := Verify(testSecret, ts, sig, body, now, time.Minute); err != nil {
		t.Fatalf("a good signature failed: %v", err)
	}
	if err := Verify(testSecret, ts, "v0=abc, "+sig, body, now, time.Minute); err != nil {
		t.Fatalf("a signature list failed: %v", err)
	}
	tampered := []byte(`{"type":"lienthong.escalation","version":2}`)
	for name, tc := range map[string]struct {
		secret, ts, sig string
		body            []byte
		now             time.Time
		want            error
	}{
		"tampered body":    {testSecret, ts, sig, tampered, now, ErrBadSignature},
		"wrong secret":     {"another secret", ts, sig, body, now, ErrBadSignature},
		"timestamp moved":  {testSecret, strconv.FormatInt(now.Unix()+1, 10), sig, body, now, ErrBadSignature},
		"stale":            {testSecret, ts, sig, body, now.Add(2 * time.Minute), ErrStaleTimestamp},
		"from the future":  {testSecret, ts, sig, body, now.Add(-2 * time.Minute), ErrStaleTimestamp},
		"no signature":     {testSecret, ts, "", body, now, ErrMissingSignature},
		"bad timestamp":    {testSecret, "yesterday", sig, body, now, ErrBadTimestamp},
		"unknown version":  {testSecret, ts, "v2=" + sig[3:], body, now, ErrBadSignature},
		"not hex":          {testSecret, ts, "v1=zz", body, now, ErrBadSignature},
		"truncated digest": {testSecret, ts, sig[:20], body, now, ErrBadSignature},
	} {
		if err := Verify(tc.secret, tc.ts, tc.sig, tc.body, tc.now, time.Minute); !errors.Is(err, tc.want) {
			t.Errorf("%s: err = %v, want %v", name, err, tc.want)
		}
	}
}

// TestWebhookRecoversAfterFailures plays Temporal's retry against an
// endpoint that fails twice with 503 — the second time after it has already
// recorded the delivery, as when a reply is lost — and then answers 200: the
// sender reports retryable errors, and the receiver holds exactly one
// delivery for the key.
func TestWebhookRecoversAfterFailures(t *testing.T) {
	rec, srv := newReceiver(t, func(n int) (int, bool) {
		switch n {
		case 1:
			return http.StatusServiceUnavailable, false
		case 2:
			return http.StatusServiceUnavailable, true
		default:
			return http.StatusOK, true
		}
	})
	w := newTestWebhook(t, srv.URL)
	m := testMessage()
	var attempts int
	for attempts = 1; attempts <= 5; attempts++ { // the activity's retry policy
		err := w.Send(context.Background(), m)
		if err == nil {
			break
		}
		var e *Error
		if !errors.As(err, &e) || e.Code != http.StatusServiceUnavailable || IsPermanent(err) {
			t.Fatalf("attempt %d: err = %v, want a retryable 503", attempts, err)
		}
	}
	requests, delivered := rec.snapshot()
	if attempts != 3 || requests != 3 {
		t.Fatalf("attempts %d, requests %d; want 3 and 3", attempts, requests)
	}
	if len(delivered) != 1 {
		t.Fatalf("%d deliveries recorded, want exactly 1: %v", len(delivered), delivered)
	}
	if _, ok := delivered[m.Key]; !ok {
		t.Fatalf("delivery not recorded under %q", m.Key)
	}
}

func TestWebhookStatusClasses(t *testing.T) {
	for _, tc := range []struct {
		status    int
		permanent bool
	}{
		{http.StatusBadRequest, true},
		{http.StatusUnauthorized, true},
		{http.StatusNotFound, true},
		{http.StatusFound, true}, // redirects are not followed: fix the URL
		{http.StatusRequestTimeout, false},
		{http.StatusTooManyRequests, false},
		{http.StatusInternalServerError, false},
		{http.StatusBadGateway, false},
	} {
		t.Run(strconv.Itoa(tc.status), func(t *testing.T) {
			srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
				if tc.status == http.StatusFound {
					w.Header().Set("Location", "/elsewhere")
				}
				if tc.status == http.StatusTooManyRequests {
					w.Header().Set("Retry-After", "7")
				}
				w.WriteHeader(tc.status)
			}))
			defer srv.Close()
			err := newTestWebhook(t, srv.URL).Send(context.Background(), testMessage())
			var e *Error
			if !errors.As(err, &e) || e.Code != tc.status || e.Permanent != tc.permanent || IsPermanent(err) != tc.permanent {
				t.Fatalf("err = %v, want status %d permanent=%v", err, tc.status, tc.permanent)
			}
			if tc.status == http.StatusTooManyRequests && RetryAfter(err) != 7*time.Second {
				t.Errorf("RetryAfter = %s, want 7s", RetryAfter(err))
			}
		})
	}
}

func TestWebhookSignatureRejectedIsPermanent(t *testing.T) {
	_, srv := newReceiver(t, nil)
	w := newTestWebhook(t, srv.URL)
	w.Secret = "a different secret of enough length!!"
	if err := w.Send(context.Background(), testMessage()); !IsPermanent(err) {
		t.Fatalf("err = %v, want a permanent 401", err)
	}
	w = newTestWebhook(t, srv.URL)
	w.Now = func() time.Time { return time.Now().Add(-time.Hour) } // a worker with a bad clock
	err := w.Send(context.Background(), testMessage())
	var e *Error
	if !errors.As(err, &e) || e.Code != http.StatusUnauthorized || !contains(err.Error(), "tolerance") {
		t.Fatalf("err = %v, want a 401 for a stale timestamp", err)
	}
}

func TestWebhookTimeoutAndRefusedAreRetryable(t *testing.T) {
	release := make(chan struct{})
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		select {
		case <-release:
		case <-r.Context().Done():
		}
	}))
	defer srv.Close()
	defer close(release)
	w := newTestWebhook(t, srv.URL)
	w.Timeout = 200 * time.Millisecond
	if err := w.Send(context.Background(), testMessage()); err == nil || IsPermanent(err) || !errors.Is(err, context.DeadlineExceeded) {
		t.Fatalf("err = %v, want a retryable deadline error", err)
	}

	closed := httptest.NewServer(http.NotFoundHandler())
	closed.Close()
	if err := newTestWebhook(t, closed.URL).Send(context.Background(), testMessage()); err == nil || IsPermanent(err) {
		t.Fatalf("err = %v, want a retryable connection error", err)
	}
}

func TestWebhookConfig(t *testing.T) {
	if _, err := NewWebhook("https://bridge.example.gov.vn/hook", "short", 0); err == nil {
		t.Error("a short secret was accepted")
	}
	if _, err := NewWebhook("ftp://bridge", testSecret, 0); err == nil {
		t.Error("a non-http URL was accepted")
	}
	if w, err := WebhookFromEnv(func(string) string { return "" }); w != nil || err != nil {
		t.Errorf("unset URL: %v, %v; want disabled", w, err)
	}
	env := map[string]string{EnvWebhookURL: "https://bridge.example.gov.vn/hook", EnvWebhookSecret: testSecret, EnvWebhookTimeout: "3s"}
	w, err := WebhookFromEnv(func(k string) string { return env[k] })
	if err != nil || w.Timeout != 3*time.Second || w.URL != env[EnvWebhookURL] {
		t.Fatalf("%+v, %v", w, err)
	}
}
