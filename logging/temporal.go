package logging

import (
	"fmt"

	"go.temporal.io/sdk/log"
	"go.uber.org/zap"
)

// badKey names the field that holds a value passed without a key, the same
// marker log/slog uses, so a malformed call is visible but loses nothing.
const badKey = "!BADKEY"

// temporalLogger adapts a zap logger to the Temporal SDK's log.Logger, turning
// the SDK's alternating key/value arguments into structured zap fields.
type temporalLogger struct {
	zl *zap.Logger
}

var (
	_ log.Logger          = (*temporalLogger)(nil)
	_ log.WithLogger      = (*temporalLogger)(nil)
	_ log.WithSkipCallers = (*temporalLogger)(nil)
)

// NewTemporalLogger returns a log.Logger for client.Options.Logger and
// worker code that writes through l. Calls such as
// logger.Info("step armed", "DossierCode", code, "DueAt", due) become zap
// fields DossierCode and DueAt. It implements log.WithLogger and
// log.WithSkipCallers, so the SDK's workflow and activity loggers keep their
// context fields and report the caller's file and line, not this adapter's.
func NewTemporalLogger(l *zap.Logger) log.Logger {
	// Skip the adapter's own method frame so the caller recorded is the code
	// that logged.
	return &temporalLogger{zl: l.WithOptions(zap.AddCallerSkip(1))}
}

func (t *temporalLogger) Debug(msg string, keyvals ...any) { t.zl.Debug(msg, fields(keyvals)...) }
func (t *temporalLogger) Info(msg string, keyvals ...any)  { t.zl.Info(msg, fields(keyvals)...) }
func (t *temporalLogger) Warn(msg string, keyvals ...any)  { t.zl.Warn(msg, fields(keyvals)...) }
func (t *temporalLogger) Error(msg string, keyvals ...any) { t.zl.Error(msg, fields(keyvals)...) }

// With returns a logger that adds keyvals to every entry; t is unchanged.
func (t *temporalLogger) With(keyvals ...any) log.Logger {
	return &temporalLogger{zl: t.zl.With(fields(keyvals)...)}
}

// WithCallerSkip returns a logger that skips depth more stack frames when
// recording the caller; t is unchanged. The SDK uses it for its own wrappers.
func (t *temporalLogger) WithCallerSkip(depth int) log.Logger {
	return &temporalLogger{zl: t.zl.WithOptions(zap.AddCallerSkip(depth))}
}

// fields converts alternating keys and values to zap fields. Keys that are not
// strings are formatted with fmt; a trailing value without a key is kept under
// badKey rather than dropping the whole entry's context.
func fields(keyvals []any) []zap.Field {
	if len(keyvals) == 0 {
		return nil
	}
	out := make([]zap.Field, 0, (len(keyvals)+1)/2)
	for i := 0; i < len(keyvals); i += 2 {
		if i+1 == len(keyvals) {
			out = append(out, zap.Any(badKey, keyvals[i]))
			break
		}
		key, ok := keyvals[i].(string)
		if !ok {
			key = fmt.Sprint(keyvals[i])
		}
		// zap.Any picks the typed field (error, time, duration, Stringer...),
		// so values stay structured instead of being flattened to strings.
		out = append(out, zap.Any(key, keyvals[i+1]))
	}
	return out
}
