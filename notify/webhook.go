package notify

import (
	"bytes"
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"net/http"
	"net/url"
	"strconv"
	"strings"
	"time"
)

// Environment variables read by WebhookFromEnv.
const (
	EnvWebhookURL     = "LIENTHONG_WEBHOOK_URL"
	EnvWebhookSecret  = "LIENTHONG_WEBHOOK_SECRET"
	EnvWebhookTimeout = "LIENTHONG_WEBHOOK_TIMEOUT" // Go duration, default 10s
)

// DefaultWebhookTimeout bounds one delivery when none is configured.
const DefaultWebhookTimeout = 10 * time.Second

// MinSecretLength is the shortest webhook secret accepted, in bytes.
const MinSecretLength = 32

// Webhook posts signed escalation payloads to one URL. It is safe for
// concurrent use.
type Webhook struct {
	URL     string
	Secret  string        // shared with the receiver; at least MinSecretLength bytes
	Timeout time.Duration // per delivery; DefaultWebhookTimeout when zero
	// Client sends the requests; a client that follows no redirects when
	// nil. A redirect is reported as a permanent failure (fix the URL).
	Client *http.Client
	// Now gives the signature timestamp; time.Now when nil.
	Now func() time.Time
}

// NewWebhook checks the URL and the secret and returns the sender.
func NewWebhook(rawURL, secret string, timeout time.Duration) (*Webhook, error) {
	u, err := url.Parse(rawURL)
	if err != nil || (u.Scheme != "https" && u.Scheme != "http") || u.Host == "" {
		return nil, fmt.Errorf("notify: webhook URL must be an absolute http(s) URL (%s)", EnvWebhookURL)
	}
	if len(secret) < MinSecretLength {
		return nil, fmt.Errorf("notify: webhook secret must be at least %d bytes, e.g. from `openssl rand -hex 32` (%s)", MinSecretLength, EnvWebhookSecret)
	}
	if timeout < 0 {
		return nil, fmt.Errorf("notify: webhook timeout is negative (%s)", EnvWebhookTimeout)
	}
	return &Webhook{URL: rawURL, Secret: secret, Timeout: timeout}, nil
}

// WebhookFromEnv reads LIENTHONG_WEBHOOK_URL, _SECRET and _TIMEOUT through
// getenv (os.Getenv in production); it returns nil and no error when the URL
// is unset: webhooks are then disabled.
func WebhookFromEnv(getenv func(string) string) (*Webhook, error) {
	rawURL := strings.TrimSpace(getenv(EnvWebhookURL))
	if rawURL == "" {
		return nil, nil
	}
	var timeout time.Duration
	if v := strings.TrimSpace(getenv(EnvWebhookTimeout)); v != "" {
		var err error
		if timeout, err = time.ParseDuration(v); err != nil {
			return nil, fmt.Errorf("notify: %s=%q is not a duration such as 10s", EnvWebhookTimeout, v)
		}
	}
	return NewWebhook(rawURL, getenv(EnvWebhookSecret), timeout)
}

var noRedirectClient = &http.Client{
	CheckRedirect: func(*http.Request, []*http.Request) error { return http.ErrUseLastResponse },
}

// Send posts m as a version 1 Payload. A 2xx reply means delivered; 4xx
// other than 408 and 429 (and any 3xx) is a permanent *Error; anything else,
// including a network failure or timeout, is retryable. The receiver
// deduplicates by the Idempotency-Key header: a retry carries the same key
// and body, with a fresh timestamp and signature.
func (w *Webhook) Send(ctx context.Context, m Message) error {
	p, err := NewPayload(m)
	if err != nil {
		return permanent(ChannelWebhook, "message", err)
	}
	body, err := json.Marshal(p)
	if err != nil {
		return permanent(ChannelWebhook, "message", err)
	}
	timeout := w.Timeout
	if timeout == 0 {
		timeout = DefaultWebhookTimeout
	}
	ctx, cancel := context.WithTimeout(ctx, timeout)
	defer cancel()

	req, err := http.NewRequestWithContext(ctx, http.MethodPost, w.URL, bytes.NewReader(body))
	if err != nil {
		return permanent(ChannelWebhook, "request", err)
	}
	now := time.Now
	if w.Now != nil {
		now = w.Now
	}
	ts := strconv.FormatInt(now().Unix(), 10)
	req.Header.Set("Content-Type", "application/json; charset=utf-8")
	req.Header.Set("User-Agent", "lienthong-webhook/1")
	req.Header.Set(HeaderTimestamp, ts)
	req.Header.Set(HeaderSignature, Sign(w.Secret, ts, body))
	req.Header.Set(HeaderIdempotencyKey, m.Key)

	client := w.Client
	if client == nil {
		client = noRedirectClient
	}
	resp, err := client.Do(req)
	if err != nil {
		return &Error{Channel: ChannelWebhook, Op: "request", Err: err}
	}
	defer resp.Body.Close()
	snippet, _ := io.ReadAll(io.LimitReader(resp.Body, 512))
	_, _ = io.Copy(io.Discard, io.LimitReader(resp.Body, 64<<10)) // lets the connection be reused

	code := resp.StatusCode
	if code >= 200 && code < 300 {
		return nil
	}
	e := &Error{Channel: ChannelWebhook, Op: "response", Code: code,
		Err: errors.New(resp.Status + responseDetail(snippet))}
	switch {
	case code == http.StatusRequestTimeout || code == http.StatusTooManyRequests:
	case code >= 300 && code < 500:
		e.Permanent = true
	}
	e.RetryAfter = retryAfter(resp.Header.Get("Retry-After"), now())
	return e
}

// responseDetail quotes the start of a reply body, one line, for the error.
func responseDetail(b []byte) string {
	s := oneLine(strings.ToValidUTF8(string(b), "?"))
	if s == "" {
		return ""
	}
	if len(s) > 200 {
		s = s[:200] + "…"
	}
	return ": " + strconv.Quote(s)
}

// retryAfter parses a Retry-After header: seconds or an HTTP date.
func retryAfter(v string, now time.Time) time.Duration {
	v = strings.TrimSpace(v)
	if v == "" {
		return 0
	}
	if s, err := strconv.Atoi(v); err == nil && s > 0 {
		return time.Duration(s) * time.Second
	}
	if t, err := http.ParseTime(v); err == nil && t.After(now) {
		return t.Sub(now)
	}
	return 0
}
