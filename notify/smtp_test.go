package notify

import (
	"bytes"
	"context"
	"crypto/tls"
	"crypto/x509"
	"errors"
	"io"
	"mime"
	"mime/multipart"
	"net"
	"net/mail"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/lienthong/lienthong/notify/smtptest"
)

func testSMTPConfig(port int, roots *x509.CertPool) SMTPConfig {
	return SMTPConfig{
		Host:     "127.0.0.1",
		Port:     port,
		From:     "Hệ thống liên thông <khong-tra-loi@stc.example.gov.vn>",
		Username: "lienthong",
		Password: "s3cret",
		StartTLS: StartTLSRequired,
		Timeout:  5 * time.Second,
		TLS:      &tls.Config{RootCAs: roots},
	}
}

func newTestSMTP(t *testing.T, cfg SMTPConfig) *SMTP {
	t.Helper()
	s, err := NewSMTP(cfg)
	if err != nil {
		t.Fatal(err)
	}
	s.Now = func() time.Time { return time.Date(2026, 11, 30, 2, 0, 5, 0, time.UTC) }
	return s
}

// parsed is a captured e-mail, decoded.
type parsed struct {
	header  mail.Header
	subject string
	text    string
	html    string
}

func parseMail(t *testing.T, data []byte) parsed {
	t.Helper()
	msg, err := mail.ReadMessage(bytes.NewReader(data))
	if err != nil {
		t.Fatalf("not an RFC 5322 message: %v\n%s", err, data)
	}
	p := parsed{header: msg.Header}
	if p.subject, err = new(mime.WordDecoder).DecodeHeader(msg.Header.Get("Subject")); err != nil {
		t.Fatal(err)
	}
	mt, params, err := mime.ParseMediaType(msg.Header.Get("Content-Type"))
	if err != nil || mt != "multipart/alternative" {
		t.Fatalf("Content-Type %q: %v", msg.Header.Get("Content-Type"), err)
	}
	mr := multipart.NewReader(msg.Body, params["boundary"])
	for {
		part, err := mr.NextPart() // decodes quoted-printable
		if err == io.EOF {
			break
		}
		if err != nil {
			t.Fatal(err)
		}
		b, err := io.ReadAll(part)
		if err != nil {
			t.Fatal(err)
		}
		switch part.Header.Get("Content-Type") {
		case "text/plain; charset=UTF-8":
			p.text = string(b)
		case "text/html; charset=UTF-8":
			p.html = string(b)
		default:
			t.Errorf("unexpected part %q", part.Header.Get("Content-Type"))
		}
	}
	return p
}

func TestSMTPDeliversOverSTARTTLS(t *testing.T) {
	cert, roots := smtptest.Cert(t)
	srv := smtptest.Start(t, cert, smtptest.Options{StartTLS: true, Auth: true, User: "lienthong", Pass: "s3cret"})
	s := newTestSMTP(t, testSMTPConfig(srv.Port(), roots))
	m := testMessage()
	if err := s.Send(context.Background(), m); err != nil {
		t.Fatal(err)
	}
	sess := srv.Next(t)
	if !sess.TLS || sess.AuthUser != "lienthong" {
		t.Fatalf("tls=%v auth=%q: want a TLS session authenticated as lienthong", sess.TLS, sess.AuthUser)
	}
	if i, j := slices.Index(sess.Commands, "STARTTLS"), slices.Index(sess.Commands, "AUTH"); i < 0 || j < i {
		t.Fatalf("AUTH before STARTTLS: %v", sess.Commands)
	}
	if sess.From != "FROM:<khong-tra-loi@stc.example.gov.vn>" || !slices.Equal(sess.Rcpt, []string{"TO:<hungnv@stc.example.gov.vn>"}) {
		t.Errorf("envelope %q → %q", sess.From, sess.Rcpt)
	}

	p := parseMail(t, sess.Data)
	if want := "[Quá hạn] Hồ sơ H26.STC-261125-0001 — bước Thẩm định tại Phòng ĐKKD"; p.subject != want {
		t.Errorf("subject %q, want %q", p.subject, want)
	}
	if raw := p.header.Get("Subject"); !strings.HasPrefix(raw, "=?UTF-8?q?") {
		t.Errorf("subject is not Q-encoded: %q", raw)
	}
	to, err := p.header.AddressList("To")
	if err != nil || len(to) != 1 || to[0].Name != "Nguyễn Văn Hùng" || to[0].Address != "hungnv@stc.example.gov.vn" {
		t.Errorf("To %v, %v", to, err)
	}
	from, err := p.header.AddressList("From")
	if err != nil || from[0].Name != "Hệ thống liên thông" {
		t.Errorf("From %v, %v", from, err)
	}
	if d, err := p.header.Date(); err != nil || !d.Equal(time.Date(2026, 11, 30, 9, 0, 5, 0, TimeZone)) || !strings.HasSuffix(p.header.Get("Date"), "+0700") {
		t.Errorf("Date %q: %v", p.header.Get("Date"), err)
	}
	wantID := MessageID(m.Key, "stc.example.gov.vn")
	if got := p.header.Get("Message-ID"); got != wantID || !strings.HasSuffix(got, "@stc.example.gov.vn>") {
		t.Errorf("Message-ID %q, want %q", got, wantID)
	}
	for name, want := range map[string]string{"MIME-Version": "1.0", "Auto-Submitted": "auto-generated", "X-Lienthong-Key": m.Key} {
		if got := p.header.Get(name); got != want {
			t.Errorf("%s %q, want %q", name, got, want)
		}
	}
	for _, want := range []string{"Kính gửi Nguyễn Văn Hùng,", "Trần Thị Yến (yentd)", "17:00 27/11/2026", "1 ngày 2 giờ làm việc", "https://dvc.example.gov.vn/dossiers/H26.STC-261125-0001"} {
		if !contains(p.text, want) {
			t.Errorf("text part lacks %q", want)
		}
		if !contains(p.html, want) {
			t.Errorf("HTML part lacks %q", want)
		}
	}
	if !contains(p.html, "<table") {
		t.Error("HTML part is not HTML")
	}

	// A resend of the same rung carries the same Message-ID.
	if err := s.Send(context.Background(), m); err != nil {
		t.Fatal(err)
	}
	if again := parseMail(t, srv.Next(t).Data); again.header.Get("Message-ID") != wantID {
		t.Errorf("resend Message-ID %q, want %q", again.header.Get("Message-ID"), wantID)
	}
}

func TestSMTPImplicitTLS(t *testing.T) {
	cert, roots := smtptest.Cert(t)
	srv := smtptest.Start(t, cert, smtptest.Options{ImplicitTLS: true, Auth: true, User: "lienthong", Pass: "s3cret"})
	cfg := testSMTPConfig(srv.Port(), roots)
	cfg.ImplicitTLS = true
	if err := newTestSMTP(t, cfg).Send(context.Background(), testMessage()); err != nil {
		t.Fatal(err)
	}
	if sess := srv.Next(t); !sess.TLS || sess.AuthUser != "lienthong" || len(sess.Data) == 0 || slices.Contains(sess.Commands, "STARTTLS") {
		t.Fatalf("session %+v", sess)
	}
}

func TestSMTPRequiresSTARTTLS(t *testing.T) {
	cert, roots := smtptest.Cert(t)
	srv := smtptest.Start(t, cert, smtptest.Options{StartTLS: false, Auth: true, User: "lienthong", Pass: "s3cret"})
	err := newTestSMTP(t, testSMTPConfig(srv.Port(), roots)).Send(context.Background(), testMessage())
	var e *Error
	if !errors.As(err, &e) || e.Op != "tls" || !IsPermanent(err) || !contains(err.Error(), "STARTTLS") {
		t.Fatalf("err = %v, want a permanent tls error", err)
	}
	if sess := srv.Next(t); sess.AuthTry || slices.Contains(sess.Commands, "MAIL") {
		t.Fatalf("the client went on without TLS: %v", sess.Commands)
	}
}

func TestSMTPRefusesAuthWithoutTLS(t *testing.T) {
	cert, roots := smtptest.Cert(t)
	srv := smtptest.Start(t, cert, smtptest.Options{StartTLS: false, Auth: true, User: "lienthong", Pass: "s3cret"})
	cfg := testSMTPConfig(srv.Port(), roots)
	cfg.StartTLS = StartTLSOpportunistic // a downgraded server must not get the password
	err := newTestSMTP(t, cfg).Send(context.Background(), testMessage())
	var e *Error
	if !errors.As(err, &e) || e.Op != "auth" || !IsPermanent(err) {
		t.Fatalf("err = %v, want a permanent auth error", err)
	}
	if sess := srv.Next(t); sess.AuthTry {
		t.Fatalf("credentials were sent in clear: %v", sess.Commands)
	}

	// Without credentials, opportunistic mode delivers in clear.
	cfg.Username, cfg.Password = "", ""
	if err := newTestSMTP(t, cfg).Send(context.Background(), testMessage()); err != nil {
		t.Fatal(err)
	}
	if sess := srv.Next(t); sess.TLS || len(sess.Data) == 0 {
		t.Fatalf("session %+v", sess)
	}
}

func TestSMTPRejectsWrongPassword(t *testing.T) {
	cert, roots := smtptest.Cert(t)
	srv := smtptest.Start(t, cert, smtptest.Options{StartTLS: true, Auth: true, User: "lienthong", Pass: "other"})
	err := newTestSMTP(t, testSMTPConfig(srv.Port(), roots)).Send(context.Background(), testMessage())
	var e *Error
	if !errors.As(err, &e) || e.Op != "auth" || e.Code != 535 || !IsPermanent(err) {
		t.Fatalf("err = %v, want a permanent 535 auth error", err)
	}
	if contains(err.Error(), "s3cret") {
		t.Fatal("the error repeats the password")
	}
}

func TestSMTPRecipientReplies(t *testing.T) {
	cert, roots := smtptest.Cert(t)
	for _, tc := range []struct {
		reply     string
		code      int
		permanent bool
	}{
		{"550 5.1.1 mailbox unavailable", 550, true},
		{"451 4.3.0 try again later", 451, false},
	} {
		t.Run(tc.reply[:3], func(t *testing.T) {
			srv := smtptest.Start(t, cert, smtptest.Options{StartTLS: true, Auth: true, User: "lienthong", Pass: "s3cret", RcptReply: tc.reply})
			err := newTestSMTP(t, testSMTPConfig(srv.Port(), roots)).Send(context.Background(), testMessage())
			var e *Error
			if !errors.As(err, &e) || e.Op != "rcpt" || e.Code != tc.code || IsPermanent(err) != tc.permanent {
				t.Fatalf("err = %v (%+v), want rcpt %d permanent=%v", err, e, tc.code, tc.permanent)
			}
			if sess := srv.Next(t); sess.Data != nil {
				t.Fatal("data was sent after a refused recipient")
			}
		})
	}
}

func TestSMTPUntrustedCertificateIsPermanent(t *testing.T) {
	cert, _ := smtptest.Cert(t)
	_, otherRoots := smtptest.Cert(t)
	srv := smtptest.Start(t, cert, smtptest.Options{StartTLS: true, Auth: true})
	err := newTestSMTP(t, testSMTPConfig(srv.Port(), otherRoots)).Send(context.Background(), testMessage())
	var e *Error
	if !errors.As(err, &e) || e.Op != "tls" || !IsPermanent(err) {
		t.Fatalf("err = %v, want a permanent tls error", err)
	}
}

func TestSMTPDialAndTimeoutAreRetryable(t *testing.T) {
	cert, roots := smtptest.Cert(t)
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	port := ln.Addr().(*net.TCPAddr).Port
	ln.Close() // nothing listens there now
	err = newTestSMTP(t, testSMTPConfig(port, roots)).Send(context.Background(), testMessage())
	var e *Error
	if !errors.As(err, &e) || e.Op != "dial" || IsPermanent(err) {
		t.Fatalf("err = %v, want a retryable dial error", err)
	}

	srv := smtptest.Start(t, cert, smtptest.Options{Silent: true})
	cfg := testSMTPConfig(srv.Port(), roots)
	cfg.Timeout = 300 * time.Millisecond
	start := time.Now()
	err = newTestSMTP(t, cfg).Send(context.Background(), testMessage())
	if !errors.As(err, &e) || e.Op != "hello" || IsPermanent(err) {
		t.Fatalf("err = %v, want a retryable hello error", err)
	}
	if !errors.Is(err, context.DeadlineExceeded) {
		t.Errorf("err = %v does not say the deadline passed", err)
	}
	if d := time.Since(start); d > 3*time.Second {
		t.Errorf("a silent server held the sender for %s", d)
	}
	srv.Next(t)
}

func TestSMTPInvalidMessageIsPermanent(t *testing.T) {
	_, roots := smtptest.Cert(t)
	m := testMessage()
	m.RecipientEmail = "not an address"
	err := newTestSMTP(t, testSMTPConfig(1, roots)).Send(context.Background(), m)
	var e *Error
	if !errors.As(err, &e) || e.Op != "message" || !IsPermanent(err) {
		t.Fatalf("err = %v, want a permanent message error", err)
	}
}

func TestSMTPConfigFromEnv(t *testing.T) {
	env := map[string]string{}
	getenv := func(k string) string { return env[k] }
	if _, ok, err := SMTPConfigFromEnv(getenv); ok || err != nil {
		t.Fatalf("unset host: ok=%v err=%v, want disabled", ok, err)
	}
	env = map[string]string{
		EnvSMTPHost: "smtp.example.gov.vn", EnvSMTPPort: "465", EnvSMTPFrom: "khong-tra-loi@example.gov.vn",
		EnvSMTPUsername: "u", EnvSMTPPassword: "p", EnvSMTPTimeout: "15s",
	}
	cfg, ok, err := SMTPConfigFromEnv(getenv)
	if err != nil || !ok || !cfg.ImplicitTLS || cfg.Port != 465 || cfg.startTLS() != StartTLSRequired || cfg.Timeout != 15*time.Second {
		t.Fatalf("cfg %+v ok=%v err=%v", cfg, ok, err)
	}
	env[EnvSMTPStartTLS] = "sometimes"
	env[EnvSMTPPassword] = "hunter2-secret"
	if _, _, err := SMTPConfigFromEnv(getenv); err == nil || !contains(err.Error(), EnvSMTPStartTLS) || contains(err.Error(), "hunter2") {
		t.Fatalf("err = %v, want one naming %s without the password", err, EnvSMTPStartTLS)
	}
	env[EnvSMTPStartTLS], env[EnvSMTPPort] = "none", "25"
	if _, _, err := SMTPConfigFromEnv(getenv); err == nil || !contains(err.Error(), "TLS is off") {
		t.Fatalf("credentials without TLS: err = %v", err)
	}
}
