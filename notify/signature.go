package notify

import (
	"crypto/hmac"
	"crypto/sha256"
	"encoding/hex"
	"errors"
	"strconv"
	"strings"
	"time"
)

// Webhook request headers.
const (
	HeaderTimestamp      = "X-Lienthong-Timestamp"
	HeaderSignature      = "X-Lienthong-Signature"
	HeaderIdempotencyKey = "Idempotency-Key"
)

// DefaultTolerance is the clock skew and delay Verify should accept.
const DefaultTolerance = 5 * time.Minute

// Errors returned by Verify.
var (
	ErrMissingSignature = errors.New("notify: webhook signature or timestamp header is missing")
	ErrBadTimestamp     = errors.New("notify: webhook timestamp is not unix seconds")
	ErrStaleTimestamp   = errors.New("notify: webhook timestamp is outside the tolerance")
	ErrBadSignature     = errors.New("notify: webhook signature does not match")
)

// Sign returns the signature header value for a request: "v1=" followed by
// the lowercase hex HMAC-SHA256, keyed with secret, of timestamp + "." + body.
func Sign(secret, timestamp string, body []byte) string {
	return "v1=" + hex.EncodeToString(mac(secret, timestamp, body))
}

func mac(secret, timestamp string, body []byte) []byte {
	h := hmac.New(sha256.New, []byte(secret))
	h.Write([]byte(timestamp))
	h.Write([]byte{'.'})
	h.Write(body)
	return h.Sum(nil)
}

// Verify checks a received webhook: timestamp and signature are the values
// of the X-Lienthong-Timestamp and X-Lienthong-Signature headers, body the
// raw request body exactly as received. It rejects a timestamp further than
// tolerance from now (either way; tolerance <= 0 means DefaultTolerance), and
// accepts the request when any "v1=" entry of the signature (entries are
// separated by commas, so a secret can be rotated) matches in constant time.
func Verify(secret, timestamp, signature string, body []byte, now time.Time, tolerance time.Duration) error {
	if timestamp == "" || signature == "" {
		return ErrMissingSignature
	}
	ts, err := strconv.ParseInt(timestamp, 10, 64)
	if err != nil {
		return ErrBadTimestamp
	}
	if tolerance <= 0 {
		tolerance = DefaultTolerance
	}
	if skew := now.Sub(time.Unix(ts, 0)); skew > tolerance || skew < -tolerance {
		return ErrStaleTimestamp
	}
	want := mac(secret, timestamp, body)
	for _, entry := range strings.Split(signature, ",") {
		v, ok := strings.CutPrefix(strings.TrimSpace(entry), "v1=")
		if !ok {
			continue
		}
		got, err := hex.DecodeString(v)
		if err == nil && hmac.Equal(got, want) {
			return nil
		}
	}
	return ErrBadSignature
}
