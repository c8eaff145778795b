// Package journal is the durable record of what happened to each dossier —
// hand-offs, decisions, clock stops, escalations and alerts — written by the
// activities and read by the CLI. It is an append-only JSON-lines file per
// dossier under a data directory, idempotent by record key, so an activity
// that Temporal retries never writes a row twice. The SQL read model that
// serves the web app's lists is built from the same records.
package journal

import (
	"bytes"
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"io/fs"
	"os"
	"path/filepath"
	"regexp"
	"sync"
	"syscall"
	"time"
)

// Record is one event of a dossier's life. Key is the idempotency key: a
// record whose key is already stored is not written again. Records carry codes
// and staff ids, never a citizen's personal data.
type Record struct {
	Key     string `json:"key"`
	Dossier string `json:"dossier"`
	// Procedure is the dossier's procedure code, on every record, so a
	// projection never needs to look a dossier up to file an event.
	Procedure string     `json:"procedure,omitempty"`
	Kind      string     `json:"kind"`
	At        time.Time  `json:"at"`
	Step      string     `json:"step,omitempty"`
	Attempt   int        `json:"attempt,omitempty"`
	Unit      string     `json:"unit,omitempty"`
	Actor     string     `json:"actor,omitempty"`
	OnBehalf  string     `json:"onBehalfOf,omitempty"`
	Action    string     `json:"action,omitempty"`
	Due       *time.Time `json:"due,omitempty"`
	Level     int        `json:"level,omitempty"`
	Audience  string     `json:"audience,omitempty"`
	Note      string     `json:"note,omitempty"`
}

// Kinds of records.
const (
	KindReceived   = "received"
	KindHandoff    = "handoff"
	KindDecision   = "decision"
	KindClockStop  = "clock_stop"
	KindClockStart = "clock_resume"
	KindExtension  = "extension"
	KindAlert      = "alert"
	// KindDelivery is one channel's outcome for an alert (e-mail, webhook):
	// kept for the audit, not a second entry in the in-app feed.
	KindDelivery   = "delivery"
	KindRecomputed = "recomputed"
	KindFinished   = "finished"
)

// Store is a journal rooted at a directory. It is safe for concurrent use by
// goroutines and by processes sharing the directory (each dossier's file is
// locked while it is read or appended); files are only ever appended.
type Store struct {
	dir string
	mu  sync.Mutex
}

var safeName = regexp.MustCompile(`^[A-Za-z0-9._-]{1,128}$`)

// Open returns the journal in dir, creating the directory if needed.
func Open(dir string) (*Store, error) {
	if dir == "" {
		return nil, errors.New("journal: no directory given (set LIENTHONG_DATA_DIR)")
	}
	if err := os.MkdirAll(dir, 0o750); err != nil {
		return nil, fmt.Errorf("journal: create %s: %w", dir, err)
	}
	return &Store{dir: dir}, nil
}

func (s *Store) path(dossier string) (string, error) {
	if !safeName.MatchString(dossier) {
		return "", fmt.Errorf("journal: dossier code %q has characters outside A-Z a-z 0-9 . _ -", dossier)
	}
	return filepath.Join(s.dir, dossier+".jsonl"), nil
}

// Append writes the records whose keys are not yet stored and returns how many
// it wrote. Records for several dossiers may be mixed.
func (s *Store) Append(ctx context.Context, recs []Record) (int, error) {
	s.mu.Lock()
	defer s.mu.Unlock()
	byDossier := map[string][]Record{}
	var order []string
	for _, r := range recs {
		if r.Key == "" || r.Dossier == "" {
			return 0, fmt.Errorf("journal: record without key or dossier: %+v", r)
		}
		if _, ok := byDossier[r.Dossier]; !ok {
			order = append(order, r.Dossier)
		}
		byDossier[r.Dossier] = append(byDossier[r.Dossier], r)
	}
	added := 0
	for _, d := range order {
		if err := ctx.Err(); err != nil {
			return added, err
		}
		n, err := s.appendDossier(d, byDossier[d])
		added += n
		if err != nil {
			return added, err
		}
	}
	return added, nil
}

func (s *Store) appendDossier(dossier string, recs []Record) (int, error) {
	p, err := s.path(dossier)
	if err != nil {
		return 0, err
	}
	f, err := os.OpenFile(p, os.O_CREATE|os.O_RDWR, 0o640)
	if err != nil {
		return 0, fmt.Errorf("journal: open %s: %w", p, err)
	}
	defer f.Close()
	// Several worker processes may share a data directory: the file lock
	// makes read-check-append one step across them.
	if err := syscall.Flock(int(f.Fd()), syscall.LOCK_EX); err != nil {
		return 0, fmt.Errorf("journal: lock %s: %w", p, err)
	}
	defer syscall.Flock(int(f.Fd()), syscall.LOCK_UN) //nolint:errcheck // closing releases it anyway
	data, err := io.ReadAll(f)
	if err != nil {
		return 0, fmt.Errorf("journal: read %s: %w", p, err)
	}
	existing, validLen, err := parse(p, data)
	if err != nil {
		return 0, err
	}
	seen := make(map[string]bool, len(existing))
	for _, r := range existing {
		seen[r.Key] = true
	}
	var buf bytes.Buffer
	added := 0
	for _, r := range recs {
		if seen[r.Key] {
			continue
		}
		seen[r.Key] = true
		b, err := json.Marshal(r)
		if err != nil {
			return 0, fmt.Errorf("journal: encode record %s: %w", r.Key, err)
		}
		buf.Write(b)
		buf.WriteByte('\n')
		added++
	}
	if added == 0 && validLen == int64(len(data)) {
		return 0, nil
	}
	// Drop a torn last line left by a crash mid-write: its activity never
	// completed and is writing the record again now.
	if err := f.Truncate(validLen); err != nil {
		return 0, fmt.Errorf("journal: repair %s: %w", p, err)
	}
	if _, err := f.WriteAt(buf.Bytes(), validLen); err != nil {
		return 0, fmt.Errorf("journal: write %s: %w", p, err)
	}
	// Sync before acknowledging: the activity completes only once the records
	// are on disk, so a crash cannot lose what Temporal believes recorded.
	if err := f.Sync(); err != nil {
		return 0, fmt.Errorf("journal: sync %s: %w", p, err)
	}
	return added, nil
}

// Read returns the records of one dossier in the order they were written; a
// dossier with no records yields an empty slice.
func (s *Store) Read(dossier string) ([]Record, error) {
	s.mu.Lock()
	defer s.mu.Unlock()
	p, err := s.path(dossier)
	if err != nil {
		return nil, err
	}
	f, err := os.Open(p)
	if errors.Is(err, fs.ErrNotExist) {
		return nil, nil
	}
	if err != nil {
		return nil, fmt.Errorf("journal: open %s: %w", p, err)
	}
	defer f.Close()
	if err := syscall.Flock(int(f.Fd()), syscall.LOCK_SH); err != nil {
		return nil, fmt.Errorf("journal: lock %s: %w", p, err)
	}
	data, err := io.ReadAll(f)
	if err != nil {
		return nil, fmt.Errorf("journal: read %s: %w", p, err)
	}
	recs, _, err := parse(p, data)
	return recs, err
}

// parse returns the complete records of a journal file and the length of
// the prefix they occupy. Only the last line may be incomplete (a torn write);
// a bad line anywhere else is corruption and an error.
func parse(p string, data []byte) ([]Record, int64, error) {
	var out []Record
	var off int64
	line := 0
	for len(data) > 0 {
		line++
		i := bytes.IndexByte(data, '\n')
		if i < 0 {
			break // torn tail: no newline was written after it
		}
		var r Record
		if err := json.Unmarshal(data[:i], &r); err != nil {
			return nil, 0, fmt.Errorf("journal: %s line %d is not a record: %w", p, line, err)
		}
		out = append(out, r)
		off += int64(i + 1)
		data = data[i+1:]
	}
	return out, off, nil
}
