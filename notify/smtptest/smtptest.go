// Package smtptest is a minimal SMTP server on 127.0.0.1 for tests — EHLO,
// STARTTLS, AUTH PLAIN, MAIL, RCPT, DATA, RSET, NOOP, QUIT — that records
// what each connection sent. Like net/http/httptest, it is for tests only.
package smtptest

import (
	"crypto/ecdsa"
	"crypto/elliptic"
	"crypto/rand"
	"crypto/tls"
	"crypto/x509"
	"crypto/x509/pkix"
	"encoding/base64"
	"math/big"
	"net"
	"net/textproto"
	"strings"
	"testing"
	"time"
)

// Cert is a self-signed certificate for 127.0.0.1 and the pool that
// trusts it.
func Cert(t testing.TB) (tls.Certificate, *x509.CertPool) {
	t.Helper()
	key, err := ecdsa.GenerateKey(elliptic.P256(), rand.Reader)
	if err != nil {
		t.Fatal(err)
	}
	tmpl := &x509.Certificate{
		SerialNumber:          big.NewInt(1),
		Subject:               pkix.Name{CommonName: "lienthong test SMTP"},
		NotBefore:             time.Now().Add(-time.Hour),
		NotAfter:              time.Now().Add(time.Hour),
		IPAddresses:           []net.IP{net.IPv4(127, 0, 0, 1)},
		DNSNames:              []string{"localhost"},
		KeyUsage:              x509.KeyUsageDigitalSignature | x509.KeyUsageCertSign,
		ExtKeyUsage:           []x509.ExtKeyUsage{x509.ExtKeyUsageServerAuth},
		BasicConstraintsValid: true,
		IsCA:                  true,
	}
	der, err := x509.CreateCertificate(rand.Reader, tmpl, tmpl, &key.PublicKey, key)
	if err != nil {
		t.Fatal(err)
	}
	leaf, err := x509.ParseCertificate(der)
	if err != nil {
		t.Fatal(err)
	}
	pool := x509.NewCertPool()
	pool.AddCert(leaf)
	return tls.Certificate{Certificate: [][]byte{der}, PrivateKey: key, Leaf: leaf}, pool
}

// Options shape the behaviour of the test SMTP server.
type Options struct {
	StartTLS    bool   // offer STARTTLS
	ImplicitTLS bool   // speak TLS from the first byte
	Auth        bool   // offer AUTH PLAIN
	User, Pass  string // accepted credentials
	RcptReply   string // reply to RCPT; "250 2.1.5 OK" when empty
	Silent      bool   // accept and never greet
}

// Session is what the server saw on one connection.
type Session struct {
	TLS      bool
	AuthUser string // set when AUTH succeeded
	AuthTry  bool   // an AUTH command was received
	Commands []string
	From     string
	Rcpt     []string
	Data     []byte
}

// Server is a running test SMTP server; Port is where it listens on 127.0.0.1.
type Server struct {
	opts     Options
	tlsConf  *tls.Config
	ln       net.Listener
	port     int
	sessions chan *Session
}

// Port is the TCP port the server listens on at 127.0.0.1.
func (s *Server) Port() int { return s.port }

// Start starts a minimal SMTP server on 127.0.0.1 speaking EHLO,
// STARTTLS, AUTH PLAIN, MAIL, RCPT, DATA, RSET, NOOP and QUIT.
func Start(t testing.TB, cert tls.Certificate, opts Options) *Server {
	t.Helper()
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	s := &Server{
		opts:     opts,
		tlsConf:  &tls.Config{Certificates: []tls.Certificate{cert}, MinVersion: tls.VersionTLS12},
		ln:       ln,
		port:     ln.Addr().(*net.TCPAddr).Port,
		sessions: make(chan *Session, 16),
	}
	t.Cleanup(func() { ln.Close() })
	go func() {
		for {
			conn, err := ln.Accept()
			if err != nil {
				return
			}
			go s.serve(conn)
		}
	}()
	return s
}

// Next returns the next finished session, failing the test after 10 s.
func (s *Server) Next(t testing.TB) *Session {
	t.Helper()
	sess, ok := s.Wait(10 * time.Second)
	if !ok {
		t.Fatal("the SMTP server saw no session")
	}
	return sess
}

// Wait returns the next finished session, or false when none finished
// within d — for tests that assert nothing was sent.
func (s *Server) Wait(d time.Duration) (*Session, bool) {
	select {
	case sess := <-s.sessions:
		return sess, true
	case <-time.After(d):
		return nil, false
	}
}

func (s *Server) serve(conn net.Conn) {
	sess := &Session{}
	defer func() {
		conn.Close()
		s.sessions <- sess
	}()
	_ = conn.SetDeadline(time.Now().Add(10 * time.Second))
	if s.opts.Silent {
		_, _ = conn.Read(make([]byte, 1)) // until the client gives up
		return
	}
	if s.opts.ImplicitTLS {
		tc := tls.Server(conn, s.tlsConf)
		if tc.Handshake() != nil {
			return
		}
		conn, sess.TLS = tc, true
	}
	tp := textproto.NewConn(conn)
	reply := func(line string) bool { return tp.PrintfLine("%s", line) == nil }
	if !reply("220 test.invalid ESMTP lienthong-test") {
		return
	}
	for {
		line, err := tp.ReadLine()
		if err != nil {
			return
		}
		verb, arg, _ := strings.Cut(line, " ")
		verb = strings.ToUpper(verb)
		sess.Commands = append(sess.Commands, verb)
		ok := true
		switch verb {
		case "EHLO", "HELO":
			ext := []string{"test.invalid"}
			if s.opts.StartTLS && !sess.TLS {
				ext = append(ext, "STARTTLS")
			}
			if s.opts.Auth {
				ext = append(ext, "AUTH PLAIN")
			}
			for i, e := range ext {
				sep := "-"
				if i == len(ext)-1 {
					sep = " "
				}
				if !reply("250" + sep + e) {
					return
				}
			}
		case "STARTTLS":
			if !s.opts.StartTLS || sess.TLS {
				ok = reply("502 5.5.1 not offered")
				break
			}
			if !reply("220 2.0.0 ready to start TLS") {
				return
			}
			tc := tls.Server(conn, s.tlsConf)
			if tc.Handshake() != nil {
				return
			}
			conn, sess.TLS = tc, true
			tp = textproto.NewConn(tc)
		case "AUTH":
			sess.AuthTry = true
			mech, initial, _ := strings.Cut(arg, " ")
			raw, err := base64.StdEncoding.DecodeString(initial)
			fields := strings.Split(string(raw), "\x00")
			switch {
			case !sess.TLS:
				ok = reply("538 5.7.11 encryption required for requested authentication mechanism")
			case strings.ToUpper(mech) != "PLAIN" || err != nil || len(fields) != 3:
				ok = reply("501 5.5.2 malformed AUTH")
			case fields[1] == s.opts.User && fields[2] == s.opts.Pass:
				sess.AuthUser = fields[1]
				ok = reply("235 2.7.0 authenticated")
			default:
				ok = reply("535 5.7.8 authentication credentials invalid")
			}
		case "MAIL":
			sess.From = arg
			ok = reply("250 2.1.0 OK")
		case "RCPT":
			r := s.opts.RcptReply
			if r == "" {
				r = "250 2.1.5 OK"
				sess.Rcpt = append(sess.Rcpt, arg)
			}
			ok = reply(r)
		case "DATA":
			if len(sess.Rcpt) == 0 {
				ok = reply("503 5.5.1 no valid recipients")
				break
			}
			if !reply("354 end data with <CR><LF>.<CR><LF>") {
				return
			}
			if sess.Data, err = tp.ReadDotBytes(); err != nil {
				return
			}
			ok = reply("250 2.0.0 queued")
		case "RSET", "NOOP":
			ok = reply("250 2.0.0 OK")
		case "QUIT":
			reply("221 2.0.0 bye")
			return
		default:
			ok = reply("500 5.5.2 unknown command")
		}
		if !ok {
			return
		}
	}
}
