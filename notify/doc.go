// Package notify delivers escalation alerts to people: e-mail over SMTP and
// JSON webhooks signed with HMAC-SHA256 (for chat bridges such as a Zalo
// Official Account or a Slack relay).
//
// A Message is one rung of an escalation ladder for one recipient. It carries
// codes, names of units and staff, times and a link: never citizen data.
// Rendering is Vietnamese first, with a short English line.
//
// Senders return *Error values that say which stage failed and whether a retry
// can help (IsPermanent), so the Temporal activity can mark permanent failures
// non-retryable. A retried delivery is recognisable by the receiver: the e-mail
// Message-ID and the webhook Idempotency-Key header are both derived from the
// rung's idempotency key.
//
// The package uses the standard library only.
package notify
