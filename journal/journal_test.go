package journal

import (
	"bytes"
	"context"
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"sync"
	"testing"
	"time"
)

var t0 = time.Date(2026, 3, 2, 8, 30, 0, 0, time.FixedZone("ICT", 7*3600))

func rec(dossier, key, kind string, minute int) Record {
	return Record{Key: key, Dossier: dossier, Kind: kind, At: t0.Add(time.Duration(minute) * time.Minute)}
}

func openStore(t *testing.T) (*Store, string) {
	t.Helper()
	dir := filepath.Join(t.TempDir(), "journal")
	s, err := Open(dir)
	if err != nil {
		t.Fatalf("Open: %v", err)
	}
	return s, dir
}

func mustAppend(t *testing.T, s *Store, recs ...Record) int {
	t.Helper()
	n, err := s.Append(context.Background(), recs)
	if err != nil {
		t.Fatalf("Append: %v", err)
	}
	return n
}

func mustRead(t *testing.T, s *Store, dossier string) []Record {
	t.Helper()
	recs, err := s.Read(dossier)
	if err != nil {
		t.Fatalf("Read(%s): %v", dossier, err)
	}
	return recs
}

func keys(recs []Record) []string {
	out := make([]string, len(recs))
	for i, r := range recs {
		out[i] = r.Key
	}
	return out
}

// fileLines returns the newline-terminated lines of a journal file and
// whether the file ends with a newline (no torn tail).
func fileLines(t *testing.T, path string) ([]string, bool) {
	t.Helper()
	b, err := os.ReadFile(path)
	if err != nil {
		t.Fatalf("read %s: %v", path, err)
	}
	clean := len(b) == 0 || b[len(b)-1] == '\n'
	return strings.Split(strings.TrimSuffix(string(b), "\n"), "\n"), clean
}

func TestOpenRequiresDirectory(t *testing.T) {
	if _, err := Open(""); err == nil || !strings.Contains(err.Error(), "LIENTHONG_DATA_DIR") {
		t.Fatalf("Open(\"\") = %v, want an error naming LIENTHONG_DATA_DIR", err)
	}
	dir := filepath.Join(t.TempDir(), "a", "b", "c")
	if _, err := Open(dir); err != nil {
		t.Fatalf("Open(%s): %v", dir, err)
	}
	if fi, err := os.Stat(dir); err != nil || !fi.IsDir() {
		t.Fatalf("Open did not create %s: %v", dir, err)
	}
}

func TestReadUnknownDossierIsEmpty(t *testing.T) {
	s, dir := openStore(t)
	recs, err := s.Read("H26.SXD-260302-0001")
	if err != nil || len(recs) != 0 {
		t.Fatalf("Read of a dossier with no file = %v, %v; want empty, nil", recs, err)
	}
	if entries, _ := os.ReadDir(dir); len(entries) != 0 {
		t.Fatalf("Read created files: %v", entries)
	}
}

func TestAppendThenReadInOrder(t *testing.T) {
	s, dir := openStore(t)
	const d = "H26.SXD-260302-0001"
	due := t0.Add(72 * time.Hour)
	first := []Record{
		{Key: "k1", Dossier: d, Kind: KindReceived, At: t0, Unit: "H26.TTHCC", Actor: "toanlt", Note: "desk"},
		{Key: "k2", Dossier: d, Kind: KindHandoff, At: t0.Add(time.Minute), Step: "appraisal", Attempt: 1, Unit: "H26.SXD.CPXD", Due: &due},
		{Key: "k3", Dossier: d, Kind: KindDecision, At: t0.Add(2 * time.Minute), Step: "appraisal", Actor: "thubd", OnBehalf: "lienkt", Action: "approve"},
	}
	if n := mustAppend(t, s, first...); n != 3 {
		t.Fatalf("first Append wrote %d, want 3", n)
	}
	second := []Record{
		{Key: "k4", Dossier: d, Kind: KindAlert, At: t0.Add(3 * time.Minute), Level: 2, Audience: "unit_head"},
		{Key: "k5", Dossier: d, Kind: KindFinished, At: t0.Add(4 * time.Minute)},
	}
	if n := mustAppend(t, s, second...); n != 2 {
		t.Fatalf("second Append wrote %d, want 2", n)
	}
	got := mustRead(t, s, d)
	want := append(append([]Record(nil), first...), second...)
	if len(got) != len(want) {
		t.Fatalf("Read returned %d records, want %d: %v", len(got), len(want), keys(got))
	}
	for i := range want {
		g, w := got[i], want[i]
		if g.Key != w.Key || g.Kind != w.Kind || !g.At.Equal(w.At) || g.Step != w.Step || g.Attempt != w.Attempt ||
			g.Unit != w.Unit || g.Actor != w.Actor || g.OnBehalf != w.OnBehalf || g.Action != w.Action ||
			g.Level != w.Level || g.Audience != w.Audience || g.Note != w.Note || g.Dossier != w.Dossier {
			t.Errorf("record %d = %+v, want %+v", i, g, w)
		}
		if (g.Due == nil) != (w.Due == nil) || (g.Due != nil && !g.Due.Equal(*w.Due)) {
			t.Errorf("record %d Due = %v, want %v", i, g.Due, w.Due)
		}
	}
	lines, clean := fileLines(t, filepath.Join(dir, d+".jsonl"))
	if len(lines) != 5 || !clean {
		t.Fatalf("file has %d lines (clean end %v), want 5 newline-terminated lines", len(lines), clean)
	}
}

func TestAppendIsIdempotentByKey(t *testing.T) {
	s, dir := openStore(t)
	const d = "H26.TTHCC-260302-0007"
	path := filepath.Join(dir, d+".jsonl")
	batch := []Record{rec(d, "a", KindReceived, 0), rec(d, "b", KindHandoff, 1), rec(d, "c", KindDecision, 2)}
	if n := mustAppend(t, s, batch...); n != 3 {
		t.Fatalf("first Append wrote %d, want 3", n)
	}
	before, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	// A retried activity sends the very same records (even with other
	// content under the same key): nothing is written.
	retry := append([]Record(nil), batch...)
	retry[1].Note = "changed on retry"
	if n := mustAppend(t, s, retry...); n != 0 {
		t.Fatalf("retried Append wrote %d, want 0", n)
	}
	after, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	if !bytes.Equal(before, after) {
		t.Fatalf("retried Append changed the file:\n%s\n---\n%s", before, after)
	}
	if lines, _ := fileLines(t, path); len(lines) != 3 {
		t.Fatalf("file has %d lines after retry, want 3", len(lines))
	}
	// A batch of old and new keys writes only the new ones; a key repeated
	// inside one batch is written once.
	n := mustAppend(t, s, rec(d, "b", KindHandoff, 1), rec(d, "d", KindAlert, 3), rec(d, "d", KindAlert, 3), rec(d, "e", KindFinished, 4))
	if n != 2 {
		t.Fatalf("mixed Append wrote %d, want 2", n)
	}
	if lines, _ := fileLines(t, path); len(lines) != 5 {
		t.Fatalf("file has %d lines, want 5", len(lines))
	}
	if got := strings.Join(keys(mustRead(t, s, d)), ","); got != "a,b,c,d,e" {
		t.Fatalf("keys = %s, want a,b,c,d,e", got)
	}
	if got := mustRead(t, s, d)[1].Note; got != "" {
		t.Fatalf("the first record under key b was replaced: note %q", got)
	}
}

func TestIdempotencySurvivesReopen(t *testing.T) {
	s, dir := openStore(t)
	const d = "D-1"
	mustAppend(t, s, rec(d, "a", KindReceived, 0))
	s2, err := Open(dir)
	if err != nil {
		t.Fatal(err)
	}
	if n := mustAppend(t, s2, rec(d, "a", KindReceived, 0), rec(d, "b", KindHandoff, 1)); n != 1 {
		t.Fatalf("Append through a new Store wrote %d, want 1 (key a is on disk)", n)
	}
	if got := strings.Join(keys(mustRead(t, s2, d)), ","); got != "a,b" {
		t.Fatalf("keys = %s, want a,b", got)
	}
}

func TestAppendMixedDossiers(t *testing.T) {
	s, dir := openStore(t)
	const x, y, z = "H26.SXD-260302-0001", "H26.STC-260302-0002", "H26.HK.UBND-260302-0003"
	n := mustAppend(t, s,
		rec(x, "x1", KindReceived, 0),
		rec(y, "y1", KindReceived, 1),
		rec(x, "x2", KindHandoff, 2),
		rec(z, "z1", KindReceived, 3),
		rec(y, "y2", KindHandoff, 4),
		rec(x, "x3", KindDecision, 5),
	)
	if n != 6 {
		t.Fatalf("Append wrote %d, want 6", n)
	}
	// Keys are per dossier: the same key in another dossier is a new record.
	if n := mustAppend(t, s, rec(y, "x1", KindAlert, 6), rec(x, "x1", KindReceived, 0)); n != 1 {
		t.Fatalf("Append wrote %d, want 1 (key x1 is new for %s only)", n, y)
	}
	for d, want := range map[string]string{x: "x1,x2,x3", y: "y1,y2,x1", z: "z1"} {
		got := mustRead(t, s, d)
		if strings.Join(keys(got), ",") != want {
			t.Errorf("%s keys = %v, want %s", d, keys(got), want)
		}
		for _, r := range got {
			if r.Dossier != d {
				t.Errorf("%s holds a record of %s", d, r.Dossier)
			}
		}
	}
	entries, err := os.ReadDir(dir)
	if err != nil {
		t.Fatal(err)
	}
	if len(entries) != 3 {
		t.Fatalf("directory has %d files, want one per dossier (3)", len(entries))
	}
}

func TestAppendRejectsRecordsWithoutKeyOrDossier(t *testing.T) {
	s, dir := openStore(t)
	for _, bad := range []Record{{Dossier: "D-1", Kind: KindAlert}, {Key: "k", Kind: KindAlert}} {
		n, err := s.Append(context.Background(), []Record{rec("D-1", "ok", KindReceived, 0), bad})
		if err == nil || n != 0 {
			t.Errorf("Append with %+v = %d, %v; want 0 and an error", bad, n, err)
		}
	}
	// The whole batch is refused before anything is written.
	if entries, _ := os.ReadDir(dir); len(entries) != 0 {
		t.Fatalf("a refused batch wrote files: %v", entries)
	}
}

func TestAppendHonoursCancelledContext(t *testing.T) {
	s, dir := openStore(t)
	ctx, cancel := context.WithCancel(context.Background())
	cancel()
	n, err := s.Append(ctx, []Record{rec("D-1", "a", KindReceived, 0)})
	if !errors.Is(err, context.Canceled) || n != 0 {
		t.Fatalf("Append with a cancelled context = %d, %v; want 0, context.Canceled", n, err)
	}
	if entries, _ := os.ReadDir(dir); len(entries) != 0 {
		t.Fatalf("cancelled Append wrote files: %v", entries)
	}
}

func TestTornLastLineIsIgnoredAndRepaired(t *testing.T) {
	s, dir := openStore(t)
	const d = "H26.SXD-260302-0009"
	path := filepath.Join(dir, d+".jsonl")
	mustAppend(t, s, rec(d, "a", KindReceived, 0), rec(d, "b", KindHandoff, 1))
	good, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	// A crash in the middle of writing record c: half a line, no newline.
	torn := `{"key":"c","dossier":"` + d + `","kind":"decis`
	f, err := os.OpenFile(path, os.O_APPEND|os.O_WRONLY, 0)
	if err != nil {
		t.Fatal(err)
	}
	if _, err := f.WriteString(torn); err != nil {
		t.Fatal(err)
	}
	f.Close()

	got := mustRead(t, s, d)
	if strings.Join(keys(got), ",") != "a,b" {
		t.Fatalf("Read with a torn tail = %v, want a,b", keys(got))
	}
	// Read does not modify the file.
	if b, _ := os.ReadFile(path); !bytes.HasSuffix(b, []byte(torn)) {
		t.Fatalf("Read changed the file")
	}

	// The retried activity writes c again; the torn bytes are cut first.
	if n := mustAppend(t, s, rec(d, "c", KindDecision, 2)); n != 1 {
		t.Fatalf("Append after a torn write wrote %d, want 1", n)
	}
	b, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	if !bytes.HasPrefix(b, good) {
		t.Fatalf("repair damaged the good prefix:\n%s", b)
	}
	if bytes.Contains(b, []byte(`"kind":"decis"`)) || bytes.Contains(b, []byte(torn+"{")) || bytes.Contains(b, []byte(torn+"\n")) {
		t.Fatalf("torn bytes survived the repair:\n%s", b)
	}
	lines, clean := fileLines(t, path)
	if len(lines) != 3 || !clean {
		t.Fatalf("file has %d lines (clean end %v) after repair, want 3 clean lines:\n%s", len(lines), clean, b)
	}
	got = mustRead(t, s, d)
	if strings.Join(keys(got), ",") != "a,b,c" || got[2].Kind != KindDecision {
		t.Fatalf("after repair keys = %v (last kind %q), want a,b,c ending with a decision", keys(got), got[len(got)-1].Kind)
	}
}

func TestTornLastLineRepairedEvenWhenNothingIsNew(t *testing.T) {
	s, dir := openStore(t)
	const d = "D-2"
	path := filepath.Join(dir, d+".jsonl")
	mustAppend(t, s, rec(d, "a", KindReceived, 0))
	good, _ := os.ReadFile(path)
	// A whole record that lost only its newline is still a torn write.
	f, _ := os.OpenFile(path, os.O_APPEND|os.O_WRONLY, 0)
	f.WriteString(`{"key":"z","dossier":"D-2","kind":"alert","at":"2026-03-02T08:30:00+07:00"}`)
	f.Close()
	if got := keys(mustRead(t, s, d)); strings.Join(got, ",") != "a" {
		t.Fatalf("Read = %v, want only a", got)
	}
	if n := mustAppend(t, s, rec(d, "a", KindReceived, 0)); n != 0 {
		t.Fatalf("Append of a stored key wrote %d", n)
	}
	if b, _ := os.ReadFile(path); !bytes.Equal(b, good) {
		t.Fatalf("torn tail not truncated:\n%s", b)
	}
}

func TestTornOnlyLine(t *testing.T) {
	s, dir := openStore(t)
	const d = "D-3"
	path := filepath.Join(dir, d+".jsonl")
	if err := os.WriteFile(path, []byte(`{"key":"a","dos`), 0o640); err != nil {
		t.Fatal(err)
	}
	if got := mustRead(t, s, d); len(got) != 0 {
		t.Fatalf("Read = %v, want nothing", keys(got))
	}
	if n := mustAppend(t, s, rec(d, "a", KindReceived, 0)); n != 1 {
		t.Fatalf("Append wrote %d, want 1", n)
	}
	lines, clean := fileLines(t, path)
	if len(lines) != 1 || !clean || !strings.HasPrefix(lines[0], `{"key":"a","dossier":"D-3"`) {
		t.Fatalf("file = %q (clean %v), want one record", lines, clean)
	}
}

func TestCorruptMiddleLineIsAnError(t *testing.T) {
	s, dir := openStore(t)
	const d = "H26.SXD-260302-0010"
	path := filepath.Join(dir, d+".jsonl")
	mustAppend(t, s, rec(d, "a", KindReceived, 0), rec(d, "b", KindHandoff, 1), rec(d, "c", KindDecision, 2))
	lines, _ := fileLines(t, path)
	lines[1] = `{"key":"b", this is not json`
	damaged := []byte(strings.Join(lines, "\n") + "\n")
	if err := os.WriteFile(path, damaged, 0o640); err != nil {
		t.Fatal(err)
	}
	_, err := s.Read(d)
	if err == nil {
		t.Fatal("Read of a file with a corrupt middle line succeeded")
	}
	for _, want := range []string{path, "line 2"} {
		if !strings.Contains(err.Error(), want) {
			t.Errorf("error %q does not name %q", err, want)
		}
	}
	// Append refuses too and leaves the evidence untouched.
	n, err := s.Append(context.Background(), []Record{rec(d, "d", KindAlert, 3)})
	if err == nil || n != 0 || !strings.Contains(err.Error(), "line 2") {
		t.Fatalf("Append on a corrupt file = %d, %v; want 0 and the line-2 error", n, err)
	}
	if b, _ := os.ReadFile(path); !bytes.Equal(b, damaged) {
		t.Fatalf("Append modified a corrupt file")
	}
}

func TestCorruptLineNumbering(t *testing.T) {
	s, dir := openStore(t)
	const d = "D-4"
	path := filepath.Join(dir, d+".jsonl")
	mustAppend(t, s, rec(d, "a", KindReceived, 0), rec(d, "b", KindHandoff, 1), rec(d, "c", KindDecision, 2), rec(d, "e", KindDecision, 3))
	lines, _ := fileLines(t, path)
	// An empty line is not a record either.
	lines[2] = ""
	os.WriteFile(path, []byte(strings.Join(lines, "\n")+"\n"), 0o640)
	if _, err := s.Read(d); err == nil || !strings.Contains(err.Error(), path+" line 3 ") {
		t.Fatalf("Read = %v; want an error naming %s line 3", err, path)
	}
	// A newline-terminated last line that is not JSON is corruption, not a torn write.
	mustAppendFresh := func() {
		os.Remove(path)
		mustAppend(t, s, rec(d, "a", KindReceived, 0))
	}
	mustAppendFresh()
	f, _ := os.OpenFile(path, os.O_APPEND|os.O_WRONLY, 0)
	f.WriteString("garbage\n")
	f.Close()
	if _, err := s.Read(d); err == nil || !strings.Contains(err.Error(), "line 2") {
		t.Fatalf("Read = %v; want an error naming line 2", err)
	}
}

func TestDossierCodesThatEscapeAreRefused(t *testing.T) {
	root := t.TempDir()
	dir := filepath.Join(root, "journal")
	s, err := Open(dir)
	if err != nil {
		t.Fatal(err)
	}
	bad := []string{
		"",
		"../escape",
		"../../etc/passwd",
		"a/b",
		"/abs",
		"x/../../y",
		`..\escape`,
		"D 1",
		"D-1\x00",
		"D-1\n",
		"Hồ-sơ-1",
		strings.Repeat("a", 129),
	}
	for _, d := range bad {
		n, err := s.Append(context.Background(), []Record{rec(d, "k", KindReceived, 0)})
		if d == "" {
			if err == nil {
				t.Errorf("Append with an empty dossier succeeded")
			}
			continue
		}
		if err == nil || n != 0 || !strings.Contains(err.Error(), "dossier code") {
			t.Errorf("Append(%q) = %d, %v; want a refusal naming the dossier code", d, n, err)
		}
		if _, err := s.Read(d); err == nil {
			t.Errorf("Read(%q) succeeded", d)
		}
	}
	// Names made only of dots are accepted by the character rule, but the
	// ".jsonl" suffix keeps them a plain file inside the directory.
	for _, d := range []string{".", "..", "..."} {
		if n, err := s.Append(context.Background(), []Record{rec(d, "k", KindReceived, 0)}); err != nil || n != 1 {
			t.Fatalf("Append(%q) = %d, %v", d, n, err)
		}
		if fi, err := os.Stat(filepath.Join(dir, d+".jsonl")); err != nil || !fi.Mode().IsRegular() {
			t.Errorf("Append(%q) did not write a regular file inside the journal: %v", d, err)
		}
	}
	// Nothing was written outside the journal directory.
	entries, err := os.ReadDir(root)
	if err != nil {
		t.Fatal(err)
	}
	if len(entries) != 1 || entries[0].Name() != "journal" {
		var names []string
		for _, e := range entries {
			names = append(names, e.Name())
		}
		t.Fatalf("files outside the journal directory: %v", names)
	}
	// The longest allowed code works.
	long := strings.Repeat("a", 128)
	if n, err := s.Append(context.Background(), []Record{rec(long, "k", KindReceived, 0)}); err != nil || n != 1 {
		t.Fatalf("Append with a 128-character code = %d, %v", n, err)
	}
}

func TestRefusedDossierStopsBatchButKeepsEarlierDossiers(t *testing.T) {
	s, _ := openStore(t)
	n, err := s.Append(context.Background(), []Record{
		rec("D-ok", "a", KindReceived, 0),
		rec("../evil", "b", KindReceived, 1),
	})
	if err == nil {
		t.Fatal("Append with a bad code succeeded")
	}
	// Dossiers are written in the order they first appear: the good one
	// before the bad one was written, and the count says so.
	if got := mustRead(t, s, "D-ok"); n != len(got) || n != 1 {
		t.Fatalf("Append reported %d written; D-ok holds %d records", n, len(got))
	}
}

func TestConcurrentAppendsWriteEachKeyOnce(t *testing.T) {
	s, dir := openStore(t)
	dossiers := []string{"H26.SXD-260302-0001", "H26.SXD-260302-0002", "H26.STC-260302-0001"}
	const (
		workers = 32
		nKeys   = 40
		rounds  = 5
	)
	var wg sync.WaitGroup
	var mu sync.Mutex
	total := 0
	errs := make(chan error, workers*rounds)
	start := make(chan struct{})
	for w := 0; w < workers; w++ {
		wg.Add(1)
		go func(w int) {
			defer wg.Done()
			<-start
			for r := 0; r < rounds; r++ {
				// Every worker writes an overlapping window of the same keys,
				// like activities retried on several goroutines.
				var batch []Record
				for i := 0; i < 10; i++ {
					k := (w*3 + r*7 + i) % nKeys
					d := dossiers[k%len(dossiers)]
					batch = append(batch, rec(d, fmt.Sprintf("key-%02d", k), KindAlert, k))
				}
				n, err := s.Append(context.Background(), batch)
				if err != nil {
					errs <- err
					return
				}
				mu.Lock()
				total += n
				mu.Unlock()
			}
		}(w)
	}
	// Readers run alongside the writers.
	stop := make(chan struct{})
	var rg sync.WaitGroup
	for i := 0; i < 4; i++ {
		rg.Add(1)
		go func(i int) {
			defer rg.Done()
			for {
				select {
				case <-stop:
					return
				default:
				}
				if _, err := s.Read(dossiers[i%len(dossiers)]); err != nil {
					errs <- err
					return
				}
			}
		}(i)
	}
	close(start)
	wg.Wait()
	close(stop)
	rg.Wait()
	close(errs)
	for err := range errs {
		t.Fatal(err)
	}

	seen := map[string]int{}
	lines := 0
	for _, d := range dossiers {
		l, clean := fileLines(t, filepath.Join(dir, d+".jsonl"))
		if !clean {
			t.Errorf("%s does not end with a newline", d)
		}
		lines += len(l)
		for _, r := range mustRead(t, s, d) {
			seen[d+"/"+r.Key]++
		}
	}
	covered := map[int]bool{}
	for w := 0; w < workers; w++ {
		for r := 0; r < rounds; r++ {
			for i := 0; i < 10; i++ {
				covered[(w*3+r*7+i)%nKeys] = true
			}
		}
	}
	if len(seen) != len(covered) {
		t.Errorf("%d distinct keys stored, want %d", len(seen), len(covered))
	}
	for k, c := range seen {
		if c != 1 {
			t.Errorf("key %s stored %d times", k, c)
		}
	}
	if total != len(covered) || lines != len(covered) {
		t.Errorf("Appends reported %d written, files hold %d lines; want %d each", total, lines, len(covered))
	}
}
