package logging

import (
	"fmt"
	"io"
	"os"
	"strings"

	"go.uber.org/zap"
	"go.uber.org/zap/zapcore"
)

// Output formats accepted in Options.Format.
const (
	// FormatJSON writes one JSON object per line; the default, because log
	// collectors parse it without configuration.
	FormatJSON = "json"
	// FormatConsole writes human-readable lines for a developer's terminal.
	FormatConsole = "console"
)

// Options selects the level and format of a logger. The zero value gives an
// info-level JSON logger.
type Options struct {
	// Level is one of "debug", "info", "warn" or "error"; empty means "info".
	Level string
	// Format is FormatJSON or FormatConsole; empty means FormatJSON.
	Format string
}

// New returns a zap logger writing to standard error, with the caller's file
// and line on every entry and a stack trace on errors.
//
// Sampling is off: at the 08:00 deadline boundary thousands of timers fire at
// once, and that burst is exactly when every line is needed to explain what
// happened. Volume is controlled with the level instead.
func New(o Options) (*zap.Logger, error) {
	return newLogger(o, os.Stderr)
}

// newLogger is New with the destination as a parameter, so tests can read what
// a logger really writes.
func newLogger(o Options, w io.Writer) (*zap.Logger, error) {
	level, err := parseLevel(o.Level)
	if err != nil {
		return nil, err
	}
	enc, err := newEncoder(o.Format)
	if err != nil {
		return nil, err
	}
	core := zapcore.NewCore(enc, zapcore.Lock(zapcore.AddSync(w)), level)
	return zap.New(core,
		zap.AddCaller(),
		zap.AddStacktrace(zapcore.ErrorLevel),
		zap.ErrorOutput(zapcore.Lock(os.Stderr)),
	), nil
}

func newEncoder(format string) (zapcore.Encoder, error) {
	switch strings.ToLower(strings.TrimSpace(format)) {
	case "", FormatJSON:
		cfg := zap.NewProductionEncoderConfig()
		// ISO 8601 rather than epoch seconds, so a person reading a log line
		// next to a dossier's deadlines can compare the instants directly.
		cfg.EncodeTime = zapcore.ISO8601TimeEncoder
		return zapcore.NewJSONEncoder(cfg), nil
	case FormatConsole:
		return zapcore.NewConsoleEncoder(zap.NewDevelopmentEncoderConfig()), nil
	default:
		return nil, fmt.Errorf("logging: unknown format %q: want %q or %q", format, FormatJSON, FormatConsole)
	}
}

// parseLevel accepts exactly the four documented levels so that a typo in a
// flag or environment variable fails at start-up instead of silently logging at
// a level nobody chose.
func parseLevel(s string) (zapcore.Level, error) {
	switch strings.ToLower(strings.TrimSpace(s)) {
	case "", "info":
		return zapcore.InfoLevel, nil
	case "debug":
		return zapcore.DebugLevel, nil
	case "warn":
		return zapcore.WarnLevel, nil
	case "error":
		return zapcore.ErrorLevel, nil
	default:
		return zapcore.InfoLevel, fmt.Errorf("logging: unknown level %q: want debug, info, warn or error", s)
	}
}
