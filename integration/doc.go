// Package integration holds the end-to-end tests that run lienthong against
// a real Temporal dev server (the pinned CLI in .bin/temporal, started by
// package deploy/devserver): submit, decide, overdue escalation, silence is
// consent, idempotent start, the server's history read back.
package integration
