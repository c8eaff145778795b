package integration

import (
	"bytes"
	"sync"

	"go.uber.org/zap"
	"go.uber.org/zap/zapcore"
)

// lockedBuffer lets the worker's goroutines log into one buffer the test
// scans afterwards for personal data.
type lockedBuffer struct {
	mu  sync.Mutex
	buf *bytes.Buffer
}

func (l *lockedBuffer) Write(p []byte) (int, error) {
	l.mu.Lock()
	defer l.mu.Unlock()
	return l.buf.Write(p)
}

func (l *lockedBuffer) Sync() error { return nil }

func (l *lockedBuffer) String() string {
	l.mu.Lock()
	defer l.mu.Unlock()
	return l.buf.String()
}

func newLogs() *lockedBuffer { return &lockedBuffer{buf: &bytes.Buffer{}} }

// zapCore logs everything, at debug level, as JSON into l.
func zapCore(l *lockedBuffer) zapcore.Core {
	enc := zapcore.NewJSONEncoder(zap.NewProductionEncoderConfig())
	return zapcore.NewCore(enc, l, zapcore.DebugLevel)
}
