package main

import (
	"bytes"
	"fmt"
	"io"
	"strings"
	"sync"
)

// console serialises the output of every child onto one writer, a line at a
// time, each line prefixed with the name of the process that printed it.
type console struct {
	mu    sync.Mutex
	out   io.Writer
	width int // names are padded to this width so the output lines up
}

func newConsole(out io.Writer, width int) *console { return &console{out: out, width: width} }

// writer returns a writer whose complete lines go to the console under name.
// Call Flush on it when its process has exited to print a last partial line.
func (c *console) writer(name string) *prefixWriter {
	return &prefixWriter{c: c, prefix: []byte(fmt.Sprintf("%-*s | ", c.width, name))}
}

// printf writes a message under name, one console line per line of it
// (an empty message prints an empty prefixed line).
func (c *console) printf(name, format string, args ...any) {
	w := c.writer(name)
	for _, line := range strings.Split(fmt.Sprintf(format, args...), "\n") {
		w.emit([]byte(line))
	}
}

// prefixWriter buffers a partial line until its newline arrives, so lines of
// different processes never interleave mid-line.
type prefixWriter struct {
	c      *console
	prefix []byte
	mu     sync.Mutex
	buf    []byte
}

// maxLine is where a line without a newline is cut and printed anyway.
const maxLine = 64 << 10

// Write never fails, so a child's output pipe never stalls on the console.
func (w *prefixWriter) Write(p []byte) (int, error) {
	w.mu.Lock()
	defer w.mu.Unlock()
	w.buf = append(w.buf, p...)
	for {
		i := bytes.IndexByte(w.buf, '\n')
		if i < 0 {
			if len(w.buf) >= maxLine {
				w.emit(w.buf)
				w.buf = w.buf[:0]
			}
			return len(p), nil
		}
		w.emit(w.buf[:i])
		w.buf = w.buf[i+1:]
	}
}

// Flush prints a pending partial line, if any.
func (w *prefixWriter) Flush() {
	w.mu.Lock()
	defer w.mu.Unlock()
	if len(w.buf) > 0 {
		w.emit(w.buf)
		w.buf = w.buf[:0]
	}
}

func (w *prefixWriter) emit(line []byte) {
	line = bytes.TrimSuffix(line, []byte("\r"))
	w.c.mu.Lock()
	defer w.c.mu.Unlock()
	out := make([]byte, 0, len(w.prefix)+len(line)+1)
	out = append(append(append(out, w.prefix...), line...), '\n')
	_, _ = w.c.out.Write(out)
}
