package notify

import (
	"context"
	"crypto/tls"
	"errors"
	"fmt"
	"net"
	"net/mail"
	"net/smtp"
	"strconv"
	"time"
)

// SMTP sends alerts by e-mail. It is safe for concurrent use; each Send opens
// its own connection.
type SMTP struct {
	cfg  SMTPConfig
	from *mail.Address
	// Now gives the Date header; time.Now when nil.
	Now func() time.Time
}

// NewSMTP validates the configuration and returns the sender.
func NewSMTP(cfg SMTPConfig) (*SMTP, error) {
	if err := cfg.Validate(); err != nil {
		return nil, err
	}
	from, err := mail.ParseAddress(cfg.From)
	if err != nil {
		return nil, err // unreachable: Validate parsed it
	}
	return &SMTP{cfg: cfg, from: from}, nil
}

// Send delivers m to m.RecipientEmail. It dials within the context's deadline
// (and the configured timeout), upgrades with STARTTLS as configured,
// authenticates with AUTH PLAIN over TLS only, and sends one message. Errors
// are *Error values naming the stage; see IsPermanent.
//
// Once the server has accepted the DATA, Send returns nil even if QUIT fails:
// reporting a failure then would make Temporal send the mail twice.
func (s *SMTP) Send(ctx context.Context, m Message) error {
	to, err := m.recipient()
	if err != nil {
		return permanent(ChannelSMTP, "message", err)
	}
	r, err := Render(m)
	if err != nil {
		return permanent(ChannelSMTP, "message", err)
	}
	now := time.Now
	if s.Now != nil {
		now = s.Now
	}
	data, err := buildMail(s.from, to, r, m.Key, now())
	if err != nil {
		return permanent(ChannelSMTP, "message", err)
	}

	ctx, cancel := context.WithTimeout(ctx, s.cfg.timeout())
	defer cancel()
	c, err := s.connect(ctx)
	if err != nil {
		return err
	}
	defer c.Close()

	if err := c.Mail(s.from.Address); err != nil {
		return smtpError(ctx, "mail", err)
	}
	if err := c.Rcpt(to.Address); err != nil {
		return smtpError(ctx, "rcpt", err)
	}
	w, err := c.Data()
	if err != nil {
		return smtpError(ctx, "data", err)
	}
	if _, err := w.Write(data); err != nil {
		return smtpError(ctx, "data", err)
	}
	if err := w.Close(); err != nil { // the server's reply to the message
		return smtpError(ctx, "data", err)
	}
	_ = c.Quit() // accepted: a failed QUIT must not cause a resend
	return nil
}

// connect dials, greets, secures and authenticates, and returns a client
// ready for MAIL FROM. The connection is closed when ctx ends.
func (s *SMTP) connect(ctx context.Context) (*smtp.Client, error) {
	addr := net.JoinHostPort(s.cfg.Host, strconv.Itoa(s.cfg.port()))
	var d net.Dialer
	conn, err := d.DialContext(ctx, "tcp", addr)
	if err != nil {
		return nil, smtpError(ctx, "dial", fmt.Errorf("%s: %w", addr, err))
	}
	if dl, ok := ctx.Deadline(); ok {
		_ = conn.SetDeadline(dl)
	}
	// Unblock any read or write when the context ends; the Client is closed
	// by the caller in every case.
	raw := conn
	stop := context.AfterFunc(ctx, func() { raw.Close() })
	ok := false
	defer func() {
		if !ok {
			stop()
			raw.Close()
		}
	}()

	tlsConf := s.cfg.tlsConfig()
	if s.cfg.ImplicitTLS {
		tc := tls.Client(conn, tlsConf)
		if err := tc.HandshakeContext(ctx); err != nil {
			return nil, smtpError(ctx, "tls", err)
		}
		conn = tc
	}
	c, err := smtp.NewClient(conn, s.cfg.Host)
	if err != nil {
		return nil, smtpError(ctx, "hello", err)
	}
	name := s.cfg.LocalName
	if name == "" {
		name = "localhost"
	}
	if err := c.Hello(name); err != nil {
		c.Close()
		return nil, smtpError(ctx, "hello", err)
	}

	if !s.cfg.ImplicitTLS && s.cfg.startTLS() != StartTLSNone {
		offered, _ := c.Extension("STARTTLS")
		switch {
		case offered:
			if err := c.StartTLS(tlsConf); err != nil {
				c.Close()
				return nil, smtpError(ctx, "tls", err)
			}
		case s.cfg.startTLS() == StartTLSRequired:
			c.Close()
			return nil, permanent(ChannelSMTP, "tls", errors.New("server does not offer STARTTLS and the configuration requires it"))
		}
	}

	if s.cfg.Username != "" {
		if _, secure := c.TLSConnectionState(); !secure {
			c.Close()
			return nil, permanent(ChannelSMTP, "auth", errors.New("refusing to send credentials over a connection without TLS"))
		}
		if offered, _ := c.Extension("AUTH"); !offered {
			c.Close()
			return nil, permanent(ChannelSMTP, "auth", errors.New("server does not offer AUTH"))
		}
		if err := c.Auth(smtp.PlainAuth("", s.cfg.Username, s.cfg.Password, s.cfg.Host)); err != nil {
			c.Close()
			return nil, smtpError(ctx, "auth", err)
		}
	}
	ok = true
	return c, nil
}
