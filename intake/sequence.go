package intake

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
	"syscall"
	"time"
)

// Sequencer hands out the daily sequence numbers of dossier codes. A request
// key that already has a number gets the same one back, so a double click or
// a retried submission never consumes two codes.
type Sequencer interface {
	// Allocate returns the sequence number for key on the agency's day,
	// assigning the next free one the first time the key is seen.
	Allocate(ctx context.Context, agency, day, key string) (int, error)
	// Reassign gives key a fresh number: its code turned out to be taken
	// (e.g. the counter was restored from an old backup).
	Reassign(ctx context.Context, agency, day, key string) (int, error)
}

// FileSequencer keeps the counters in a JSON file, locked with flock so that
// several processes on one machine (the CLI, the web app) share it, and
// replaced atomically with fsync so that a crash never loses a number that was
// handed out. It is the embedded default; the SQL read model provides the same
// interface for multi-machine deployments.
type FileSequencer struct {
	path string
	// Retain is how long request keys are remembered (default 7 days).
	Retain time.Duration
	now    func() time.Time
}

type seqFile struct {
	// Counters maps "agency/yymmdd" to the last number handed out.
	Counters map[string]int `json:"counters"`
	// Requests maps a request key to the number it got.
	Requests map[string]seqRequest `json:"requests"`
}

type seqRequest struct {
	Counter string    `json:"counter"`
	Seq     int       `json:"seq"`
	At      time.Time `json:"at"`
}

// NewFileSequencer returns a sequencer storing its state at path.
func NewFileSequencer(path string) (*FileSequencer, error) {
	if err := os.MkdirAll(filepath.Dir(path), 0o750); err != nil {
		return nil, fmt.Errorf("sequence: create %s: %w", filepath.Dir(path), err)
	}
	return &FileSequencer{path: path, Retain: 7 * 24 * time.Hour, now: time.Now}, nil
}

// Allocate implements Sequencer.
func (s *FileSequencer) Allocate(ctx context.Context, agency, day, key string) (int, error) {
	return s.update(ctx, agency, day, key, false)
}

// Reassign implements Sequencer.
func (s *FileSequencer) Reassign(ctx context.Context, agency, day, key string) (int, error) {
	return s.update(ctx, agency, day, key, true)
}

func (s *FileSequencer) update(ctx context.Context, agency, day, key string, fresh bool) (int, error) {
	if err := ctx.Err(); err != nil {
		return 0, err
	}
	if agency == "" || len(day) != 6 || key == "" {
		return 0, fmt.Errorf("sequence: agency, day (yymmdd) and request key are required, got %q %q %q", agency, day, key)
	}
	unlock, err := s.lock()
	if err != nil {
		return 0, err
	}
	defer unlock()
	st, err := s.read()
	if err != nil {
		return 0, err
	}
	counter := agency + "/" + day
	if r, ok := st.Requests[key]; ok && r.Counter == counter && !fresh {
		return r.Seq, nil
	}
	st.Counters[counter]++
	n := st.Counters[counter]
	st.Requests[key] = seqRequest{Counter: counter, Seq: n, At: s.now()}
	s.prune(st)
	if err := s.write(st); err != nil {
		return 0, err
	}
	return n, nil
}

// CounterRetention is how long a day's counter is kept. It must exceed the
// oldest receipt date intake accepts (MaxBackdate): a postal dossier keeps its
// postmark day in its code, and a forgotten counter would hand out that day's
// numbers again.
const CounterRetention = 60 * 24 * time.Hour

// prune forgets request keys older than Retain and counters of days older
// than CounterRetention.
func (s *FileSequencer) prune(st *seqFile) {
	now := s.now()
	cut := now.Add(-s.Retain)
	for k, r := range st.Requests {
		if r.At.Before(cut) {
			delete(st.Requests, k)
		}
	}
	oldest := now.Add(-CounterRetention).In(vnZone).Format("060102")
	keep := map[string]bool{}
	for _, r := range st.Requests {
		keep[r.Counter] = true
	}
	for c := range st.Counters {
		if !keep[c] && len(c) > 6 && c[len(c)-6:] < oldest {
			delete(st.Counters, c)
		}
	}
}

func (s *FileSequencer) lock() (func(), error) {
	f, err := os.OpenFile(s.path+".lock", os.O_CREATE|os.O_RDWR, 0o640)
	if err != nil {
		return nil, fmt.Errorf("sequence: open lock: %w", err)
	}
	if err := syscall.Flock(int(f.Fd()), syscall.LOCK_EX); err != nil {
		f.Close()
		return nil, fmt.Errorf("sequence: lock %s: %w", s.path, err)
	}
	return func() {
		_ = syscall.Flock(int(f.Fd()), syscall.LOCK_UN)
		f.Close()
	}, nil
}

func (s *FileSequencer) read() (*seqFile, error) {
	st := &seqFile{Counters: map[string]int{}, Requests: map[string]seqRequest{}}
	b, err := os.ReadFile(s.path)
	if errors.Is(err, fs.ErrNotExist) {
		return st, nil
	}
	if err != nil {
		return nil, fmt.Errorf("sequence: read %s: %w", s.path, err)
	}
	if err := json.Unmarshal(b, st); err != nil {
		return nil, fmt.Errorf("sequence: %s is damaged (%v); restore it from backup — codes must never repeat", s.path, err)
	}
	if st.Counters == nil {
		st.Counters = map[string]int{}
	}
	if st.Requests == nil {
		st.Requests = map[string]seqRequest{}
	}
	return st, nil
}

// write replaces the file atomically: temp file, fsync, rename, fsync dir.
func (s *FileSequencer) write(st *seqFile) error {
	b, err := json.MarshalIndent(st, "", " ")
	if err != nil {
		return err
	}
	tmp := s.path + ".tmp"
	f, err := os.OpenFile(tmp, os.O_CREATE|os.O_TRUNC|os.O_WRONLY, 0o640)
	if err != nil {
		return fmt.Errorf("sequence: write: %w", err)
	}
	if _, err := f.Write(b); err != nil {
		f.Close()
		return fmt.Errorf("sequence: write: %w", err)
	}
	if err := f.Sync(); err != nil {
		f.Close()
		return fmt.Errorf("sequence: sync: %w", err)
	}
	if err := f.Close(); err != nil {
		return err
	}
	if err := os.Rename(tmp, s.path); err != nil {
		return fmt.Errorf("sequence: replace %s: %w", s.path, err)
	}
	if d, err := os.Open(filepath.Dir(s.path)); err == nil {
		_ = d.Sync()
		d.Close()
	}
	return nil
}
