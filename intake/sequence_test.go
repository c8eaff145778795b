package intake

import (
	"bufio"
	"bytes"
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"sort"
	"strconv"
	"strings"
	"sync"
	"testing"
	"time"
)

func newSeq(t *testing.T) (*FileSequencer, string) {
	t.Helper()
	path := filepath.Join(t.TempDir(), "state", "sequence.json")
	s, err := NewFileSequencer(path)
	if err != nil {
		t.Fatalf("NewFileSequencer: %v", err)
	}
	return s, path
}

func alloc(t *testing.T, s *FileSequencer, agency, day, key string) int {
	t.Helper()
	n, err := s.Allocate(context.Background(), agency, day, key)
	if err != nil {
		t.Fatalf("Allocate(%s, %s, %s): %v", agency, day, key, err)
	}
	return n
}

func readSeqFile(t *testing.T, path string) seqFile {
	t.Helper()
	b, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	var st seqFile
	if err := json.Unmarshal(b, &st); err != nil {
		t.Fatalf("sequence file is not JSON: %v", err)
	}
	return st
}

func TestSequencerSameKeySameNumber(t *testing.T) {
	s, _ := newSeq(t)
	first := alloc(t, s, "H26.SXD", "260302", "req-1")
	for i := 0; i < 5; i++ {
		if n := alloc(t, s, "H26.SXD", "260302", "req-1"); n != first {
			t.Fatalf("repeat %d of req-1 got %d, want %d", i, n, first)
		}
	}
	if first != 1 {
		t.Fatalf("first number of a fresh day is %d, want 1", first)
	}
	// The repeat did not consume numbers.
	if n := alloc(t, s, "H26.SXD", "260302", "req-2"); n != 2 {
		t.Fatalf("next key got %d, want 2", n)
	}
}

func TestSequencerDifferentKeysConsecutive(t *testing.T) {
	s, _ := newSeq(t)
	for i := 1; i <= 20; i++ {
		if n := alloc(t, s, "H26.TTHCC", "260302", fmt.Sprintf("req-%d", i)); n != i {
			t.Fatalf("key %d got %d, want %d", i, n, i)
		}
	}
}

func TestSequencerCountersPerAgencyAndDay(t *testing.T) {
	s, path := newSeq(t)
	steps := []struct {
		agency, day, key string
		want             int
	}{
		{"H26.SXD", "260302", "a", 1},
		{"H26.SXD", "260302", "b", 2},
		{"H26.STC", "260302", "c", 1},
		{"H26.SXD", "260303", "d", 1},
		{"H26.STC", "260302", "e", 2},
		{"H26.SXD", "260302", "f", 3},
		{"H26.SXD", "260303", "g", 2},
		{"H26.HK.UBND", "260303", "h", 1},
	}
	for _, st := range steps {
		if n := alloc(t, s, st.agency, st.day, st.key); n != st.want {
			t.Errorf("Allocate(%s, %s, %s) = %d, want %d", st.agency, st.day, st.key, n, st.want)
		}
	}
	st := readSeqFile(t, path)
	want := map[string]int{"H26.SXD/260302": 3, "H26.STC/260302": 2, "H26.SXD/260303": 2, "H26.HK.UBND/260303": 1}
	for c, n := range want {
		if st.Counters[c] != n {
			t.Errorf("counter %s = %d on disk, want %d", c, st.Counters[c], n)
		}
	}
}

func TestSequencerSameKeyOtherCounterGetsNewNumber(t *testing.T) {
	s, _ := newSeq(t)
	alloc(t, s, "H26.SXD", "260302", "x")
	alloc(t, s, "H26.SXD", "260302", "req")
	// The same request key on another day (a submission retried across
	// midnight) is a new number on that day, not the old day's number.
	if n := alloc(t, s, "H26.SXD", "260303", "req"); n != 1 {
		t.Fatalf("req on the next day got %d, want 1", n)
	}
	if n := alloc(t, s, "H26.SXD", "260303", "req"); n != 1 {
		t.Fatalf("req repeated on the next day got %d, want 1", n)
	}
}

func TestSequencerReassign(t *testing.T) {
	s, _ := newSeq(t)
	ctx := context.Background()
	a := alloc(t, s, "H26.SXD", "260302", "a")
	b := alloc(t, s, "H26.SXD", "260302", "b")
	n, err := s.Reassign(ctx, "H26.SXD", "260302", "a")
	if err != nil {
		t.Fatal(err)
	}
	if n == a || n == b || n != 3 {
		t.Fatalf("Reassign(a) = %d; want a fresh number 3 (a had %d, b %d)", n, a, b)
	}
	// From now on the key keeps its new number.
	if got := alloc(t, s, "H26.SXD", "260302", "a"); got != n {
		t.Fatalf("Allocate(a) after Reassign = %d, want %d", got, n)
	}
	// Each Reassign moves on again.
	if n2, _ := s.Reassign(ctx, "H26.SXD", "260302", "a"); n2 != 4 {
		t.Fatalf("second Reassign = %d, want 4", n2)
	}
	// Reassign of a key never seen simply allocates.
	if n3, _ := s.Reassign(ctx, "H26.SXD", "260302", "new"); n3 != 5 {
		t.Fatalf("Reassign of a new key = %d, want 5", n3)
	}
	if got := alloc(t, s, "H26.SXD", "260302", "b"); got != b {
		t.Fatalf("b changed to %d", got)
	}
}

func TestSequencerSurvivesRestart(t *testing.T) {
	s, path := newSeq(t)
	alloc(t, s, "H26.SXD", "260302", "a")
	alloc(t, s, "H26.SXD", "260302", "b")
	alloc(t, s, "H26.STC", "260302", "c")

	s2, err := NewFileSequencer(path)
	if err != nil {
		t.Fatal(err)
	}
	if n := alloc(t, s2, "H26.SXD", "260302", "a"); n != 1 {
		t.Fatalf("a after restart = %d, want 1", n)
	}
	if n := alloc(t, s2, "H26.SXD", "260302", "d"); n != 3 {
		t.Fatalf("new key after restart = %d, want 3", n)
	}
	if n := alloc(t, s2, "H26.STC", "260302", "e"); n != 2 {
		t.Fatalf("other agency after restart = %d, want 2", n)
	}
	// The file was replaced atomically: no temp file is left behind.
	if _, err := os.Stat(path + ".tmp"); !errors.Is(err, os.ErrNotExist) {
		t.Fatalf("temp file left behind: %v", err)
	}
}

func TestSequencerRejectsBadArguments(t *testing.T) {
	s, path := newSeq(t)
	for _, c := range [][3]string{
		{"", "260302", "k"},
		{"H26.SXD", "", "k"},
		{"H26.SXD", "2603", "k"},
		{"H26.SXD", "2026-03-02", "k"},
		{"H26.SXD", "260302", ""},
	} {
		if n, err := s.Allocate(context.Background(), c[0], c[1], c[2]); err == nil {
			t.Errorf("Allocate(%q, %q, %q) = %d, nil; want an error", c[0], c[1], c[2], n)
		}
	}
	ctx, cancel := context.WithCancel(context.Background())
	cancel()
	if _, err := s.Allocate(ctx, "H26.SXD", "260302", "k"); !errors.Is(err, context.Canceled) {
		t.Errorf("Allocate with a cancelled context = %v, want context.Canceled", err)
	}
	if _, err := os.Stat(path); !errors.Is(err, os.ErrNotExist) {
		t.Errorf("refused calls wrote the sequence file: %v", err)
	}
}

func TestSequencerDamagedFile(t *testing.T) {
	for name, content := range map[string]string{
		"garbage":   "this is not json",
		"truncated": `{"counters":{"H26.SXD/260302":`,
		"wrongtype": `{"counters":{"H26.SXD/260302":"seven"}}`,
	} {
		t.Run(name, func(t *testing.T) {
			s, path := newSeq(t)
			if err := os.WriteFile(path, []byte(content), 0o640); err != nil {
				t.Fatal(err)
			}
			_, err := s.Allocate(context.Background(), "H26.SXD", "260302", "k")
			if err == nil {
				t.Fatal("Allocate on a damaged file succeeded")
			}
			for _, want := range []string{path, "damaged", "restore it from backup"} {
				if !strings.Contains(err.Error(), want) {
					t.Errorf("error %q does not say %q", err, want)
				}
			}
			// The damaged file is left as it was for the administrator.
			if b, _ := os.ReadFile(path); string(b) != content {
				t.Errorf("damaged file was rewritten: %q", b)
			}
			if _, err := s.Reassign(context.Background(), "H26.SXD", "260302", "k"); err == nil || !strings.Contains(err.Error(), "backup") {
				t.Errorf("Reassign on a damaged file = %v", err)
			}
		})
	}
}

func TestSequencerPrunesOldRequestKeys(t *testing.T) {
	s, path := newSeq(t)
	clock := time.Date(2026, 3, 2, 9, 0, 0, 0, time.UTC)
	s.now = func() time.Time { return clock }
	s.Retain = 48 * time.Hour

	if n := alloc(t, s, "H26.SXD", "260302", "old"); n != 1 {
		t.Fatalf("old = %d", n)
	}
	clock = clock.Add(24 * time.Hour)
	if n := alloc(t, s, "H26.SXD", "260302", "mid"); n != 2 {
		t.Fatalf("mid = %d", n)
	}
	// Within Retain both keys are remembered.
	clock = clock.Add(23 * time.Hour)
	alloc(t, s, "H26.SXD", "260304", "touch")
	st := readSeqFile(t, path)
	if _, ok := st.Requests["old"]; !ok {
		t.Fatal("key 'old' forgotten before Retain elapsed")
	}

	// Past Retain for "old" only: it is forgotten on the next write.
	clock = clock.Add(2 * time.Hour) // 49h after "old", 25h after "mid"
	alloc(t, s, "H26.SXD", "260304", "trigger")
	st = readSeqFile(t, path)
	if _, ok := st.Requests["old"]; ok {
		t.Fatal("key 'old' kept past Retain")
	}
	if r, ok := st.Requests["mid"]; !ok || r.Seq != 2 {
		t.Fatalf("key 'mid' = %+v, %v; want kept with 2", r, ok)
	}
	// The day's counter is still needed by "mid", so it survives and a
	// forgotten key gets the next number, never a number already handed out.
	if st.Counters["H26.SXD/260302"] != 2 {
		t.Fatalf("counter 260302 = %d, want 2 kept", st.Counters["H26.SXD/260302"])
	}
	if n := alloc(t, s, "H26.SXD", "260302", "old"); n != 3 {
		t.Fatalf("forgotten key re-allocated %d, want the fresh number 3", n)
	}
	if n := alloc(t, s, "H26.SXD", "260302", "mid"); n != 2 {
		t.Fatalf("remembered key = %d, want 2", n)
	}
}

func TestSequencerPruneKeepsCurrentAndLaterDays(t *testing.T) {
	s, path := newSeq(t)
	clock := time.Date(2026, 3, 2, 9, 0, 0, 0, time.UTC)
	s.now = func() time.Time { return clock }
	s.Retain = 24 * time.Hour
	alloc(t, s, "H26.SXD", "260302", "a")
	alloc(t, s, "H26.STC", "260302", "b")
	clock = clock.Add(3 * 24 * time.Hour)
	alloc(t, s, "H26.SXD", "260305", "c")
	st := readSeqFile(t, path)
	if len(st.Requests) != 1 || st.Requests["c"].Seq != 1 {
		t.Fatalf("requests = %+v, want only c", st.Requests)
	}
	// A write for an earlier day (a dossier received by post keeps its
	// postmark) never prunes the counter of a later day.
	alloc(t, s, "H26.SXD", "260304", "d")
	st = readSeqFile(t, path)
	if st.Counters["H26.SXD/260305"] != 1 || st.Counters["H26.SXD/260304"] != 1 {
		t.Fatalf("counters = %v", st.Counters)
	}
	if n := alloc(t, s, "H26.SXD", "260305", "e"); n != 2 {
		t.Fatalf("today's counter restarted: e = %d, want 2", n)
	}
}

func TestSequencerConcurrentGoroutines(t *testing.T) {
	_, path := newSeq(t)
	const workers, per = 8, 15
	var wg sync.WaitGroup
	results := make(chan int, workers*per)
	errs := make(chan error, workers)
	for w := 0; w < workers; w++ {
		wg.Add(1)
		go func(w int) {
			defer wg.Done()
			// Each goroutine has its own sequencer, as separate handlers would.
			s, err := NewFileSequencer(path)
			if err != nil {
				errs <- err
				return
			}
			for i := 0; i < per; i++ {
				n, err := s.Allocate(context.Background(), "H26.SXD", "260302", fmt.Sprintf("g%d-%d", w, i))
				if err != nil {
					errs <- err
					return
				}
				results <- n
			}
		}(w)
	}
	wg.Wait()
	close(results)
	close(errs)
	for err := range errs {
		t.Fatal(err)
	}
	var got []int
	for n := range results {
		got = append(got, n)
	}
	assertConsecutive(t, got, workers*per)
}

func assertConsecutive(t *testing.T, got []int, want int) {
	t.Helper()
	if len(got) != want {
		t.Fatalf("got %d numbers, want %d", len(got), want)
	}
	sort.Ints(got)
	for i, n := range got {
		if n != i+1 {
			t.Fatalf("numbers are not 1..%d without repeats: position %d holds %d (sorted: %v)", want, i, n, got)
		}
	}
}

// The helper process: when the test binary is re-executed with
// LIENTHONG_SEQ_HELPER set, this test allocates numbers and prints them
// instead of testing anything.
const (
	helperEnv   = "LIENTHONG_SEQ_HELPER"
	helperCount = 50
)

func TestSequencerHelperProcess(t *testing.T) {
	if os.Getenv(helperEnv) != "1" {
		t.Skip("helper process for TestSequencerSeparateProcesses")
	}
	path := os.Getenv("SEQ_PATH")
	name := os.Getenv("SEQ_NAME")
	start := os.Getenv("SEQ_START")
	// Wait for the parent to release every child at once.
	deadline := time.Now().Add(30 * time.Second)
	for {
		if _, err := os.Stat(start); err == nil {
			break
		}
		if time.Now().After(deadline) {
			fmt.Fprintln(os.Stderr, "helper: no start signal")
			os.Exit(3)
		}
		time.Sleep(time.Millisecond)
	}
	s, err := NewFileSequencer(path)
	if err != nil {
		fmt.Fprintln(os.Stderr, "helper:", err)
		os.Exit(2)
	}
	for i := 0; i < helperCount; i++ {
		n, err := s.Allocate(context.Background(), "H26.SXD", "260302", fmt.Sprintf("%s-%d", name, i))
		if err != nil {
			fmt.Fprintln(os.Stderr, "helper:", err)
			os.Exit(2)
		}
		fmt.Printf("SEQ %s %d\n", name, n)
	}
	// A repeat in another process returns the number already given.
	n, err := s.Allocate(context.Background(), "H26.SXD", "260302", name+"-0")
	if err != nil {
		fmt.Fprintln(os.Stderr, "helper:", err)
		os.Exit(2)
	}
	fmt.Printf("AGAIN %s %d\n", name, n)
	os.Exit(0)
}

func TestSequencerSeparateProcesses(t *testing.T) {
	if os.Getenv(helperEnv) != "" {
		t.Skip("inside a helper process")
	}
	if testing.Short() {
		t.Skip("starts child processes")
	}
	dir := t.TempDir()
	path := filepath.Join(dir, "sequence.json")
	start := filepath.Join(dir, "go")
	const children = 2
	type child struct {
		cmd *exec.Cmd
		out *bytes.Buffer
		err *bytes.Buffer
	}
	var cs []child
	for i := 0; i < children; i++ {
		cmd := exec.Command(os.Args[0], "-test.run=^TestSequencerHelperProcess$", "-test.count=1")
		cmd.Env = append(os.Environ(), helperEnv+"=1", "SEQ_PATH="+path, "SEQ_START="+start, fmt.Sprintf("SEQ_NAME=p%d", i))
		c := child{cmd: cmd, out: &bytes.Buffer{}, err: &bytes.Buffer{}}
		cmd.Stdout, cmd.Stderr = c.out, c.err
		if err := cmd.Start(); err != nil {
			t.Fatalf("start child %d: %v", i, err)
		}
		cs = append(cs, c)
	}
	if err := os.WriteFile(start, nil, 0o640); err != nil {
		t.Fatal(err)
	}
	var all []int
	first := map[string]int{}
	again := map[string]int{}
	for i, c := range cs {
		if err := c.cmd.Wait(); err != nil {
			t.Fatalf("child %d: %v\nstdout:\n%s\nstderr:\n%s", i, err, c.out, c.err)
		}
		sc := bufio.NewScanner(c.out)
		count := 0
		for sc.Scan() {
			f := strings.Fields(sc.Text())
			if len(f) != 3 || (f[0] != "SEQ" && f[0] != "AGAIN") {
				continue
			}
			n, err := strconv.Atoi(f[2])
			if err != nil {
				t.Fatalf("child %d printed %q", i, sc.Text())
			}
			if f[0] == "AGAIN" {
				again[f[1]] = n
				continue
			}
			if _, ok := first[f[1]]; !ok {
				first[f[1]] = n
			}
			count++
			all = append(all, n)
		}
		if count != helperCount {
			t.Fatalf("child %d reported %d numbers, want %d\nstdout:\n%s\nstderr:\n%s", i, count, helperCount, c.out, c.err)
		}
	}
	assertConsecutive(t, all, children*helperCount)
	for name, n := range first {
		if again[name] != n {
			t.Errorf("%s: repeated key got %d, first allocation was %d", name, again[name], n)
		}
	}
	// The file agrees with what the processes handed out.
	st := readSeqFile(t, path)
	if st.Counters["H26.SXD/260302"] != children*helperCount || len(st.Requests) != children*helperCount {
		t.Fatalf("file: counter %d, %d requests; want %d each", st.Counters["H26.SXD/260302"], len(st.Requests), children*helperCount)
	}
}
