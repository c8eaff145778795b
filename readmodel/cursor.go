package readmodel

import (
	"encoding/base64"
	"fmt"
	"strconv"
	"strings"
	"time"
)

// Cursor is the position after the last row of an inbox page: the keyset
// (due time, dossier, step, attempt) the next page starts after.
type Cursor struct {
	DueAt   time.Time
	Dossier string
	Step    string
	Attempt int
}

// cursorOf is the cursor just after a row.
func cursorOf(a Attempt) *Cursor {
	due := a.DueAt
	if due.IsZero() {
		due = noDeadline
	}
	return &Cursor{DueAt: due, Dossier: a.Dossier, Step: a.Step, Attempt: a.Attempt}
}

// String encodes the cursor as an opaque URL-safe token for a "next page"
// link; ParseCursor reads it back.
func (c Cursor) String() string {
	raw := strconv.FormatInt(c.DueAt.UnixMicro(), 10) + "\x00" + c.Dossier + "\x00" + c.Step + "\x00" + strconv.Itoa(c.Attempt)
	return base64.RawURLEncoding.EncodeToString([]byte(raw))
}

// ParseCursor decodes a token made by Cursor.String.
func ParseCursor(token string) (*Cursor, error) {
	b, err := base64.RawURLEncoding.DecodeString(token)
	if err != nil {
		return nil, fmt.Errorf("readmodel: bad page cursor: %w", err)
	}
	parts := strings.Split(string(b), "\x00")
	if len(parts) != 4 {
		return nil, fmt.Errorf("readmodel: bad page cursor")
	}
	us, err1 := strconv.ParseInt(parts[0], 10, 64)
	att, err2 := strconv.Atoi(parts[3])
	if err1 != nil || err2 != nil {
		return nil, fmt.Errorf("readmodel: bad page cursor")
	}
	return &Cursor{DueAt: time.UnixMicro(us).UTC(), Dossier: parts[1], Step: parts[2], Attempt: att}, nil
}
