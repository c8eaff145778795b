package notify

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

// testCert is a self-signed certificate for 127.0.0.1 and the pool that
// trusts it.
func testCert(t *testing.T) (tls.Certificate, *x509.CertPool) {
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

// smtpOptions shape the behaviour of the test SMTP server.
type smtpOptions struct {
	startTLS    bool   // offer STARTTLS
	implicitTLS bool   // speak TLS from the first byte
	auth        bool   // offer AUTH PLAIN
	user, pass  string // accepted credentials
	rcptReply   string // reply to RCPT; "250 2.1.5 OK" when empty
	silent      bool   // accept and never greet
}

// smtpSession is what the server saw on one connection.
type smtpSession struct {
	tls      bool
	authUser string // set when AUTH succeeded
	authTry  bool   // an AUTH command was received
	commands []string
	from     string
	rcpt     []string
	data     []byte
}

type smtpServer struct {
	opts     smtpOptions
	tlsConf  *tls.Config
	ln       net.Listener
	port     int
	sessions chan *smtpSession
}

// startSMTP starts a minimal SMTP server on 127.0.0.1 speaking EHLO,
// STARTTLS, AUTH PLAIN, MAIL, RCPT, DATA, RSET, NOOP and QUIT.
func startSMTP(t *testing.T, cert tls.Certificate, opts smtpOptions) *smtpServer {
	t.Helper()
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	s := &smtpServer{
		opts:     opts,
		tlsConf:  &tls.Config{Certificates: []tls.Certificate{cert}, MinVersion: tls.VersionTLS12},
		ln:       ln,
		port:     ln.Addr().(*net.TCPAddr).Port,
		sessions: make(chan *smtpSession, 16),
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

// next returns the next finished session.
func (s *smtpServer) next(t *testing.T) *smtpSession {
	t.Helper()
	select {
	case sess := <-s.sessions:
		return sess
	case <-time.After(10 * time.Second):
		t.Fatal("the SMTP server saw no session")
		return nil
	}
}

func (s *smtpServer) serve(conn net.Conn) {
	sess := &smtpSession{}
	defer func() {
		conn.Close()
		s.sessions <- sess
	}()
	_ = conn.SetDeadline(time.Now().Add(10 * time.Second))
	if s.opts.silent {
		_, _ = conn.Read(make([]byte, 1)) // until the client gives up
		return
	}
	if s.opts.implicitTLS {
		tc := tls.Server(conn, s.tlsConf)
		if tc.Handshake() != nil {
			return
		}
		conn, sess.tls = tc, true
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
		sess.commands = append(sess.commands, verb)
		ok := true
		switch verb {
		case "EHLO", "HELO":
			ext := []string{"test.invalid"}
			if s.opts.startTLS && !sess.tls {
				ext = append(ext, "STARTTLS")
			}
			if s.opts.auth {
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
			if !s.opts.startTLS || sess.tls {
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
			conn, sess.tls = tc, true
			tp = textproto.NewConn(tc)
		case "AUTH":
			sess.authTry = true
			mech, initial, _ := strings.Cut(arg, " ")
			raw, err := base64.StdEncoding.DecodeString(initial)
			fields := strings.Split(string(raw), "\x00")
			switch {
			case !sess.tls:
				ok = reply("538 5.7.11 encryption required for requested authentication mechanism")
			case strings.ToUpper(mech) != "PLAIN" || err != nil || len(fields) != 3:
				ok = reply("501 5.5.2 malformed AUTH")
			case fields[1] == s.opts.user && fields[2] == s.opts.pass:
				sess.authUser = fields[1]
				ok = reply("235 2.7.0 authenticated")
			default:
				ok = reply("535 5.7.8 authentication credentials invalid")
			}
		case "MAIL":
			sess.from = arg
			ok = reply("250 2.1.0 OK")
		case "RCPT":
			r := s.opts.rcptReply
			if r == "" {
				r = "250 2.1.5 OK"
				sess.rcpt = append(sess.rcpt, arg)
			}
			ok = reply(r)
		case "DATA":
			if len(sess.rcpt) == 0 {
				ok = reply("503 5.5.1 no valid recipients")
				break
			}
			if !reply("354 end data with <CR><LF>.<CR><LF>") {
				return
			}
			if sess.data, err = tp.ReadDotBytes(); err != nil {
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
