package devserver

import (
	"bytes"
	"strings"
	"sync"
)

// tailBuffer keeps the last max bytes written to it, for error messages that
// show what the server printed before it failed.
type tailBuffer struct {
	mu  sync.Mutex
	max int
	buf []byte
}

func newTailBuffer(max int) *tailBuffer { return &tailBuffer{max: max} }

// Write never fails, so the server's output pipe never blocks on it.
func (t *tailBuffer) Write(p []byte) (int, error) {
	t.mu.Lock()
	defer t.mu.Unlock()
	t.buf = append(t.buf, p...)
	if over := len(t.buf) - t.max; over > 0 {
		t.buf = append(t.buf[:0], t.buf[over:]...)
	}
	return len(p), nil
}

// lastLines returns up to n of the last complete or partial lines, or a
// placeholder when nothing was written.
func (t *tailBuffer) lastLines(n int) string {
	t.mu.Lock()
	b := bytes.TrimRight(t.buf, "\n")
	t.mu.Unlock()
	if len(b) == 0 {
		return "(no output)"
	}
	lines := strings.Split(string(b), "\n")
	if len(lines) > n {
		lines = lines[len(lines)-n:]
	}
	return strings.Join(lines, "\n")
}
