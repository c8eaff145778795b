package notify

import (
	"context"
	"crypto/tls"
	"crypto/x509"
	"errors"
	"fmt"
	"net/textproto"
	"os"
	"time"
)

// Channels, for Error.Channel.
const (
	ChannelSMTP    = "smtp"
	ChannelWebhook = "webhook"
)

// Error is a failed delivery: which channel, which stage, and whether a retry
// can help.
type Error struct {
	Channel string // ChannelSMTP or ChannelWebhook
	// Op is the stage that failed: "message" (the message could not be
	// built), "dial", "tls", "hello", "auth", "mail", "rcpt", "data" for SMTP;
	// "request" or "response" for webhooks.
	Op string
	// Code is the SMTP reply code or the HTTP status; 0 when there was none.
	Code int
	// Permanent is true when resending the same message cannot succeed: an
	// SMTP 5xx reply, an HTTP 4xx other than 408 and 429, an invalid message
	// or configuration, a certificate that does not verify.
	Permanent bool
	// RetryAfter is the delay the receiver asked for (HTTP Retry-After);
	// zero when it asked for none.
	RetryAfter time.Duration
	Err        error
}

// Error says what failed, e.g. "notify: smtp rcpt: 550 5.1.1 no such user (permanent)".
func (e *Error) Error() string {
	kind := "retryable"
	if e.Permanent {
		kind = "permanent"
	}
	return fmt.Sprintf("notify: %s %s: %v (%s)", e.Channel, e.Op, e.Err, kind)
}

// Unwrap returns the underlying error.
func (e *Error) Unwrap() error { return e.Err }

// IsPermanent reports whether err is a delivery failure that a retry of the
// same message cannot fix. The activity should return such errors as
// non-retryable application errors; every other error is retryable (nil is
// not permanent).
func IsPermanent(err error) bool {
	var e *Error
	return errors.As(err, &e) && e.Permanent
}

// RetryAfter returns the delay the receiver asked for before the next
// attempt, or zero.
func RetryAfter(err error) time.Duration {
	var e *Error
	if errors.As(err, &e) {
		return e.RetryAfter
	}
	return 0
}

// smtpError classifies an error at an SMTP stage: a 5xx reply is permanent, a
// 4xx reply or a network failure is retryable, a certificate that does not
// verify is permanent.
func smtpError(ctx context.Context, op string, err error) *Error {
	e := &Error{Channel: ChannelSMTP, Op: op, Err: err}
	var tp *textproto.Error
	switch {
	case errors.As(err, &tp):
		e.Code = tp.Code
		e.Permanent = tp.Code >= 500 && tp.Code < 600
	case isCertificateError(err):
		e.Permanent = true
	}
	switch {
	case e.Permanent:
	case ctx.Err() != nil:
		e.Err = errors.Join(ctx.Err(), err)
	case errors.Is(err, os.ErrDeadlineExceeded): // the connection deadline, set from ctx
		e.Err = errors.Join(context.DeadlineExceeded, err)
	}
	return e
}

// permanent is an error a retry cannot fix.
func permanent(channel, op string, err error) *Error {
	return &Error{Channel: channel, Op: op, Permanent: true, Err: err}
}

func isCertificateError(err error) bool {
	var (
		verify   *tls.CertificateVerificationError
		unknown  x509.UnknownAuthorityError
		hostname x509.HostnameError
		invalid  x509.CertificateInvalidError
	)
	return errors.As(err, &verify) || errors.As(err, &unknown) || errors.As(err, &hostname) ||
		errors.As(err, &invalid)
}
