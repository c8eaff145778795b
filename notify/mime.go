package notify

import (
	"bytes"
	"crypto/sha256"
	"encoding/hex"
	"fmt"
	"mime"
	"mime/multipart"
	"mime/quotedprintable"
	"net/mail"
	"net/textproto"
	"strings"
	"time"
)

// MessageID is the RFC 5322 Message-ID of the e-mail for an idempotency key:
// the same key always gives the same id, so a resend after a lost reply is
// recognisable (and most mail systems drop the duplicate).
func MessageID(key, fromDomain string) string {
	sum := sha256.Sum256([]byte("lienthong-alert\x00" + key))
	return "<" + hex.EncodeToString(sum[:16]) + ".alert@" + fromDomain + ">"
}

// buildMail writes the RFC 5322 message: headers, then a multipart/alternative
// body with a plain-text and an HTML part, both UTF-8 quoted-printable, with
// CRLF line ends throughout.
func buildMail(from, to *mail.Address, r Rendered, key string, date time.Time) ([]byte, error) {
	domain := from.Address[strings.LastIndexByte(from.Address, '@')+1:]
	var body bytes.Buffer
	mw := multipart.NewWriter(&body)
	for _, part := range []struct{ ctype, content string }{
		{"text/plain; charset=UTF-8", r.Text},
		{"text/html; charset=UTF-8", r.HTML},
	} {
		w, err := mw.CreatePart(textproto.MIMEHeader{
			"Content-Type":              {part.ctype},
			"Content-Transfer-Encoding": {"quoted-printable"},
		})
		if err != nil {
			return nil, err
		}
		qp := quotedprintable.NewWriter(w)
		if _, err := qp.Write([]byte(crlf(part.content))); err != nil {
			return nil, err
		}
		if err := qp.Close(); err != nil {
			return nil, err
		}
	}
	if err := mw.Close(); err != nil {
		return nil, err
	}

	var msg bytes.Buffer
	header := func(name, value string) { fmt.Fprintf(&msg, "%s: %s\r\n", name, value) }
	header("From", from.String())
	header("To", to.String())
	header("Subject", encodeSubject(r.Subject))
	header("Date", date.In(TimeZone).Format(time.RFC1123Z))
	header("Message-ID", MessageID(key, domain))
	header("X-Lienthong-Key", oneLine(key))
	header("Auto-Submitted", "auto-generated")
	header("X-Auto-Response-Suppress", "All")
	header("Content-Language", "vi")
	header("MIME-Version", "1.0")
	header("Content-Type", mime.FormatMediaType("multipart/alternative", map[string]string{"boundary": mw.Boundary()}))
	msg.WriteString("\r\n")
	msg.Write(body.Bytes())
	return msg.Bytes(), nil
}

// encodeSubject encodes a UTF-8 subject as RFC 2047 Q encoded-words, one
// per folded line so that no header line runs past 78 characters.
func encodeSubject(s string) string {
	return strings.ReplaceAll(mime.QEncoding.Encode("UTF-8", oneLine(s)), "?= =?", "?=\r\n =?")
}

// crlf normalises line ends to CRLF, as SMTP requires.
func crlf(s string) string {
	return strings.ReplaceAll(strings.ReplaceAll(s, "\r\n", "\n"), "\n", "\r\n")
}
