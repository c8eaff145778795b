package logging

import (
	"errors"
	"path/filepath"
	"runtime"
	"testing"
	"time"

	"go.temporal.io/sdk/log"
	"go.uber.org/zap"
	"go.uber.org/zap/zapcore"
	"go.uber.org/zap/zaptest/observer"
)

func observed(t *testing.T) (log.Logger, *observer.ObservedLogs) {
	t.Helper()
	core, logs := observer.New(zapcore.DebugLevel)
	return NewTemporalLogger(zap.New(core, zap.AddCaller())), logs
}

func TestTemporalLoggerLevels(t *testing.T) {
	l, logs := observed(t)
	l.Debug("d")
	l.Info("i")
	l.Warn("w")
	l.Error("e")

	want := []zapcore.Level{zapcore.DebugLevel, zapcore.InfoLevel, zapcore.WarnLevel, zapcore.ErrorLevel}
	entries := logs.AllUntimed()
	if len(entries) != len(want) {
		t.Fatalf("got %d entries, want %d", len(entries), len(want))
	}
	for i, e := range entries {
		if e.Level != want[i] {
			t.Errorf("entry %q: level %v, want %v", e.Message, e.Level, want[i])
		}
	}
}

func TestTemporalLoggerKeyvalsBecomeFields(t *testing.T) {
	l, logs := observed(t)
	due := time.Date(2026, 2, 12, 8, 0, 0, 0, time.UTC)
	failure := errors.New("unit inbox unavailable")
	l.Info("step armed", "DossierCode", "H29-0001", "Attempt", 3, "DueAt", due, "Error", failure)

	entries := logs.AllUntimed()
	if len(entries) != 1 {
		t.Fatalf("got %d entries", len(entries))
	}
	fields := entries[0].ContextMap()
	if fields["DossierCode"] != "H29-0001" {
		t.Errorf("DossierCode = %v", fields["DossierCode"])
	}
	if fields["Attempt"] != int64(3) {
		t.Errorf("Attempt = %#v, want a structured int", fields["Attempt"])
	}
	if got, ok := fields["DueAt"].(time.Time); !ok || !got.Equal(due) {
		t.Errorf("DueAt = %#v, want a structured time", fields["DueAt"])
	}
	if fields["Error"] != failure.Error() {
		t.Errorf("Error = %#v", fields["Error"])
	}
	// An error must be an error field, not a string, so encoders add
	// errorVerbose and collectors can recognise it.
	for _, f := range entries[0].Context {
		if f.Key == "Error" && f.Type != zapcore.ErrorType {
			t.Errorf("Error field type = %v, want ErrorType", f.Type)
		}
	}
}

func TestTemporalLoggerMalformedKeyvals(t *testing.T) {
	l, logs := observed(t)
	l.Warn("odd", 42, "answer", "dangling")

	fields := logs.AllUntimed()[0].ContextMap()
	if fields["42"] != "answer" {
		t.Errorf("non-string key not formatted: %v", fields)
	}
	if fields[badKey] != "dangling" {
		t.Errorf("value without key lost: %v", fields)
	}
}

func TestTemporalLoggerWith(t *testing.T) {
	l, logs := observed(t)
	child := log.With(l, "WorkflowID", "H29-0001")
	child.Info("with context", "StepID", "tham-dinh")
	l.Info("parent untouched")

	entries := logs.AllUntimed()
	if got := entries[0].ContextMap(); got["WorkflowID"] != "H29-0001" || got["StepID"] != "tham-dinh" {
		t.Errorf("child fields = %v", got)
	}
	if got := entries[1].ContextMap(); len(got) != 0 {
		t.Errorf("With mutated the parent: %v", got)
	}
	if _, ok := child.(log.WithLogger); !ok {
		t.Error("log.With did not use the adapter's own With")
	}
}

func TestTemporalLoggerReportsCaller(t *testing.T) {
	l, logs := observed(t)
	helper := func(msg string) { log.Skip(l, 1).Info(msg) }

	l.Info("direct")
	_, _, directLine, _ := runtime.Caller(0)
	helper("through a helper")
	_, _, helperLine, _ := runtime.Caller(0)

	want := map[string]int{"direct": directLine - 1, "through a helper": helperLine - 1}
	for _, e := range logs.AllUntimed() {
		if !e.Caller.Defined {
			t.Fatalf("%q: no caller", e.Message)
		}
		// The adapter's frames (and the helper's, once skipped) must not be
		// reported: the caller is the line that logged.
		if filepath.Base(e.Caller.File) != "temporal_test.go" || e.Caller.Line != want[e.Message] {
			t.Errorf("%q: caller %s, want temporal_test.go:%d", e.Message, e.Caller.String(), want[e.Message])
		}
	}
}
