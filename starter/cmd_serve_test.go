package main

import (
	"bytes"
	"context"
	"io"
	"net"
	"net/http"
	"net/http/cookiejar"
	"net/url"
	"os"
	"path/filepath"
	"regexp"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/lienthong/lienthong/internal/teststack"
)

func TestSessionKeyFile(t *testing.T) {
	path := filepath.Join(t.TempDir(), "d", "session.key")
	k1, err := sessionKey(path)
	if err != nil || len(k1) != 32 {
		t.Fatalf("create: %d bytes, %v", len(k1), err)
	}
	if fi, _ := os.Stat(path); fi.Mode().Perm() != 0o600 {
		t.Errorf("mode %v, want 0600", fi.Mode().Perm())
	}
	k2, err := sessionKey(path)
	if err != nil || !bytes.Equal(k1, k2) {
		t.Errorf("reread: %v; the key changed across restarts", err)
	}
	_ = os.WriteFile(path, []byte("abcd\n"), 0o600)
	if _, err := sessionKey(path); err == nil {
		t.Error("a 2-byte key was accepted")
	}
}

// serve answers until its context ends (SIGTERM in main), then shuts down
// cleanly.
func TestServeShutsDown(t *testing.T) {
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	ctx, cancel := context.WithCancel(context.Background())
	var out bytes.Buffer
	done := make(chan int, 1)
	go func() {
		done <- serve(ctx, ln, http.HandlerFunc(func(w http.ResponseWriter, _ *http.Request) { _, _ = io.WriteString(w, "ok") }), &out, io.Discard)
	}()
	res, err := http.Get("http://" + ln.Addr().String() + "/")
	if err != nil {
		t.Fatal(err)
	}
	res.Body.Close()
	cancel()
	select {
	case rc := <-done:
		if rc != 0 {
			t.Errorf("rc %d after shutdown", rc)
		}
	case <-time.After(10 * time.Second):
		t.Fatal("serve did not return after its context ended")
	}
}

func TestServeNeedsAccounts(t *testing.T) {
	dir := t.TempDir()
	rc, _, errs := cli(t, "serve", "--data-dir", dir, "--addr", "127.0.0.1:0")
	if rc != 1 || !strings.Contains(errs, "accounts") || !strings.Contains(errs, "--init-demo-accounts") {
		t.Errorf("rc %d, stderr %q", rc, errs)
	}
}

// syncBuffer is written by the serving goroutine and read by the test.
type syncBuffer struct {
	mu  sync.Mutex
	buf bytes.Buffer
}

func (b *syncBuffer) Write(p []byte) (int, error) {
	b.mu.Lock()
	defer b.mu.Unlock()
	return b.buf.Write(p)
}

func (b *syncBuffer) String() string {
	b.mu.Lock()
	defer b.mu.Unlock()
	return b.buf.String()
}

// `starter serve --init-demo-accounts` on a real server: it prints the demo
// passwords and the address, and a demo clerk can log in and open the desk.
func TestServeOnRealServer(t *testing.T) {
	s := teststack.Start(t)
	data := t.TempDir()
	t.Setenv("TEMPORAL_ADDRESS", s.Server.HostPort())
	t.Setenv("TEMPORAL_NAMESPACE", s.Server.Namespace())
	t.Setenv("LIENTHONG_PAYLOAD_KEYS_FILE", s.KeyFile)
	ctx, cancel := context.WithCancel(context.Background())
	var out syncBuffer
	done := make(chan int, 1)
	go func() {
		done <- run(ctx, []string{"serve", "--data-dir", data, "--addr", "127.0.0.1:0", "--init-demo-accounts"}, &out, io.Discard)
	}()
	addr := regexp.MustCompile(`lienthong web: (http://\S+)/`)
	teststack.WaitFor(t, 60*time.Second, "the server's address", func() bool { return addr.MatchString(out.String()) })
	base := addr.FindStringSubmatch(out.String())[1]
	pw := regexp.MustCompile(`toanlt\s+(\S+)`).FindStringSubmatch(out.String())
	if pw == nil {
		t.Fatalf("no demo password printed: %s", out.String())
	}
	if fi, err := os.Stat(filepath.Join(data, "session.key")); err != nil || fi.Mode().Perm() != 0o600 {
		t.Errorf("session key: %v, %v", fi, err)
	}

	jar, _ := cookiejar.New(nil)
	c := &http.Client{Jar: jar}
	body := func(res *http.Response, err error) string {
		t.Helper()
		if err != nil {
			t.Fatal(err)
		}
		defer res.Body.Close()
		b, _ := io.ReadAll(res.Body)
		return string(b)
	}
	login := body(c.Get(base + "/login"))
	tok := regexp.MustCompile(`name="csrf" value="([^"]+)"`).FindStringSubmatch(login)
	page := body(c.PostForm(base+"/login", url.Values{"csrf": {tok[1]}, "username": {"toanlt"}, "password": {pw[1]}}))
	if !strings.Contains(page, "Tiếp nhận hồ sơ") || !strings.Contains(page, "2.001610") {
		t.Errorf("after login the clerk does not see the desk: %s", page)
	}
	cancel()
	select {
	case rc := <-done:
		if rc != 0 {
			t.Errorf("serve: rc %d", rc)
		}
	case <-time.After(30 * time.Second):
		t.Fatal("serve did not stop")
	}
}
