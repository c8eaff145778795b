package notify

import "context"

// Sender delivers one message on one channel. *SMTP and *Webhook are
// Senders.
type Sender interface {
	Send(ctx context.Context, m Message) error
}

var (
	_ Sender = (*SMTP)(nil)
	_ Sender = (*Webhook)(nil)
)
