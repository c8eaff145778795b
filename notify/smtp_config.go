package notify

import (
	"crypto/tls"
	"errors"
	"fmt"
	"net/mail"
	"strconv"
	"strings"
	"time"
)

// StartTLSMode says whether the SMTP sender upgrades a plain connection.
type StartTLSMode string

// The STARTTLS modes.
const (
	// StartTLSRequired fails the delivery when the server does not offer
	// STARTTLS: nothing is sent in clear. The default.
	StartTLSRequired StartTLSMode = "required"
	// StartTLSOpportunistic upgrades when the server offers STARTTLS and
	// sends in clear otherwise (credentials are still never sent in clear).
	StartTLSOpportunistic StartTLSMode = "opportunistic"
	// StartTLSNone never upgrades: for a relay on the same host only.
	StartTLSNone StartTLSMode = "none"
)

// Environment variables read by SMTPConfigFromEnv.
const (
	EnvSMTPHost        = "LIENTHONG_SMTP_HOST"
	EnvSMTPPort        = "LIENTHONG_SMTP_PORT"
	EnvSMTPFrom        = "LIENTHONG_SMTP_FROM"
	EnvSMTPUsername    = "LIENTHONG_SMTP_USERNAME"
	EnvSMTPPassword    = "LIENTHONG_SMTP_PASSWORD"
	EnvSMTPStartTLS    = "LIENTHONG_SMTP_STARTTLS"     // required | opportunistic | none
	EnvSMTPImplicitTLS = "LIENTHONG_SMTP_IMPLICIT_TLS" // true | false; default true on port 465
	EnvSMTPTimeout     = "LIENTHONG_SMTP_TIMEOUT"      // Go duration, default 30s
)

// DefaultSMTPTimeout bounds one delivery when the configuration sets none.
const DefaultSMTPTimeout = 30 * time.Second

// SMTPConfig configures the SMTP sender.
type SMTPConfig struct {
	Host string
	Port int    // 587 (submission with STARTTLS) when zero
	From string // e.g. "Hệ thống liên thông <khong-tra-loi@example.gov.vn>"
	// Username and Password are sent with AUTH PLAIN, over TLS only; no
	// AUTH when Username is empty.
	Username string
	Password string
	StartTLS StartTLSMode // StartTLSRequired when empty
	// ImplicitTLS speaks TLS from the first byte (SMTPS, port 465); STARTTLS
	// is then not used.
	ImplicitTLS bool
	Timeout     time.Duration // for the whole delivery; DefaultSMTPTimeout when zero
	// TLS is the TLS configuration (nil: system roots, ServerName = Host).
	// Tests set RootCAs.
	TLS *tls.Config
	// LocalName is the name sent with EHLO; "localhost" when empty.
	LocalName string
}

// SMTPConfigFromEnv reads the SMTP configuration from the environment through
// getenv (os.Getenv in production). ok is false when LIENTHONG_SMTP_HOST is
// unset: e-mail is then disabled.
func SMTPConfigFromEnv(getenv func(string) string) (cfg SMTPConfig, ok bool, err error) {
	cfg.Host = strings.TrimSpace(getenv(EnvSMTPHost))
	if cfg.Host == "" {
		return SMTPConfig{}, false, nil
	}
	cfg.From = strings.TrimSpace(getenv(EnvSMTPFrom))
	cfg.Username = getenv(EnvSMTPUsername)
	cfg.Password = getenv(EnvSMTPPassword)
	cfg.StartTLS = StartTLSMode(strings.ToLower(strings.TrimSpace(getenv(EnvSMTPStartTLS))))
	if v := strings.TrimSpace(getenv(EnvSMTPPort)); v != "" {
		if cfg.Port, err = strconv.Atoi(v); err != nil {
			return SMTPConfig{}, false, fmt.Errorf("notify: %s=%q is not a port number", EnvSMTPPort, v)
		}
	}
	cfg.ImplicitTLS = cfg.Port == 465
	if v := strings.TrimSpace(getenv(EnvSMTPImplicitTLS)); v != "" {
		if cfg.ImplicitTLS, err = strconv.ParseBool(v); err != nil {
			return SMTPConfig{}, false, fmt.Errorf("notify: %s=%q is not true or false", EnvSMTPImplicitTLS, v)
		}
	}
	if v := strings.TrimSpace(getenv(EnvSMTPTimeout)); v != "" {
		if cfg.Timeout, err = time.ParseDuration(v); err != nil {
			return SMTPConfig{}, false, fmt.Errorf("notify: %s=%q is not a duration such as 30s", EnvSMTPTimeout, v)
		}
	}
	if err := cfg.Validate(); err != nil {
		return SMTPConfig{}, false, err
	}
	return cfg, true, nil
}

// Validate checks the configuration and says what to fix. It never repeats
// the password.
func (c SMTPConfig) Validate() error {
	var problems []string
	if c.Host == "" {
		problems = append(problems, "host is empty ("+EnvSMTPHost+")")
	}
	if c.Port < 0 || c.Port > 65535 {
		problems = append(problems, fmt.Sprintf("port %d is out of range ("+EnvSMTPPort+")", c.Port))
	}
	if _, err := mail.ParseAddress(c.From); err != nil {
		problems = append(problems, fmt.Sprintf("from %q is not an address such as \"Liên thông <khong-tra-loi@example.gov.vn>\" ("+EnvSMTPFrom+")", c.From))
	}
	switch c.StartTLS {
	case "", StartTLSRequired, StartTLSOpportunistic, StartTLSNone:
	default:
		problems = append(problems, fmt.Sprintf("STARTTLS mode %q is not required, opportunistic or none ("+EnvSMTPStartTLS+")", c.StartTLS))
	}
	if c.Username != "" && c.Password == "" {
		problems = append(problems, "username is set but the password is empty ("+EnvSMTPPassword+")")
	}
	if c.Username != "" && c.StartTLS == StartTLSNone && !c.ImplicitTLS {
		problems = append(problems, "credentials are set but TLS is off: they would never be sent (set "+EnvSMTPStartTLS+" to required)")
	}
	if c.Timeout < 0 {
		problems = append(problems, "timeout is negative ("+EnvSMTPTimeout+")")
	}
	if len(problems) > 0 {
		return errors.New("notify: SMTP configuration: " + strings.Join(problems, "; "))
	}
	return nil
}

func (c SMTPConfig) port() int {
	if c.Port == 0 {
		if c.ImplicitTLS {
			return 465
		}
		return 587
	}
	return c.Port
}

func (c SMTPConfig) startTLS() StartTLSMode {
	if c.StartTLS == "" {
		return StartTLSRequired
	}
	return c.StartTLS
}

func (c SMTPConfig) timeout() time.Duration {
	if c.Timeout == 0 {
		return DefaultSMTPTimeout
	}
	return c.Timeout
}

func (c SMTPConfig) tlsConfig() *tls.Config {
	var t *tls.Config
	if c.TLS != nil {
		t = c.TLS.Clone()
	} else {
		t = &tls.Config{}
	}
	if t.ServerName == "" {
		t.ServerName = c.Host
	}
	if t.MinVersion == 0 {
		t.MinVersion = tls.VersionTLS12
	}
	return t
}
