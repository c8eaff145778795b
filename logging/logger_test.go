package logging

import (
	"bytes"
	"encoding/json"
	"strings"
	"testing"

	"go.uber.org/zap"
)

func TestNewDefaultsToInfoJSON(t *testing.T) {
	var buf bytes.Buffer
	l, err := newLogger(Options{}, &buf)
	if err != nil {
		t.Fatal(err)
	}
	l.Debug("hidden")
	l.Info("step armed", zap.String("DossierCode", "000.00.01.H29-250101-0001"))
	_ = l.Sync()

	lines := strings.Split(strings.TrimSpace(buf.String()), "\n")
	if len(lines) != 1 {
		t.Fatalf("want exactly the info line, got %d lines:\n%s", len(lines), buf.String())
	}
	var entry map[string]any
	if err := json.Unmarshal([]byte(lines[0]), &entry); err != nil {
		t.Fatalf("default format is not JSON: %v\n%s", err, lines[0])
	}
	if entry["msg"] != "step armed" || entry["level"] != "info" || entry["DossierCode"] != "000.00.01.H29-250101-0001" {
		t.Errorf("unexpected entry: %v", entry)
	}
	if _, ok := entry["caller"]; !ok {
		t.Errorf("entry has no caller: %v", entry)
	}
	if ts, _ := entry["ts"].(string); !strings.Contains(ts, "T") {
		t.Errorf("ts = %v, want an ISO 8601 time", entry["ts"])
	}
}

func TestNewConsoleFormat(t *testing.T) {
	var buf bytes.Buffer
	l, err := newLogger(Options{Level: "DEBUG", Format: "console"}, &buf)
	if err != nil {
		t.Fatal(err)
	}
	l.Debug("shown")
	_ = l.Sync()
	out := buf.String()
	if !strings.Contains(out, "shown") || strings.HasPrefix(out, "{") {
		t.Errorf("console output = %q", out)
	}
}

func TestNewLevels(t *testing.T) {
	for _, tc := range []struct {
		level   string
		enabled []string
	}{
		{"debug", []string{"debug", "info", "warn", "error"}},
		{"info", []string{"info", "warn", "error"}},
		{"warn", []string{"warn", "error"}},
		{"error", []string{"error"}},
	} {
		var buf bytes.Buffer
		l, err := newLogger(Options{Level: tc.level}, &buf)
		if err != nil {
			t.Fatal(err)
		}
		l.Debug("debug")
		l.Info("info")
		l.Warn("warn")
		l.Error("error")
		_ = l.Sync()
		var got []string
		for _, line := range strings.Split(strings.TrimSpace(buf.String()), "\n") {
			var e map[string]any
			if err := json.Unmarshal([]byte(line), &e); err != nil {
				t.Fatalf("%s: %v", tc.level, err)
			}
			got = append(got, e["msg"].(string))
		}
		if strings.Join(got, ",") != strings.Join(tc.enabled, ",") {
			t.Errorf("level %s logged %v, want %v", tc.level, got, tc.enabled)
		}
	}
}

func TestNewRejectsUnknownSettings(t *testing.T) {
	if _, err := New(Options{Level: "verbose"}); err == nil || !strings.Contains(err.Error(), "debug, info, warn or error") {
		t.Errorf("unknown level: err = %v", err)
	}
	if _, err := New(Options{Format: "xml"}); err == nil || !strings.Contains(err.Error(), `"xml"`) {
		t.Errorf("unknown format: err = %v", err)
	}
}
