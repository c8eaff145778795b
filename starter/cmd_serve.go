package main

import (
	"context"
	"crypto/rand"
	"encoding/hex"
	"errors"
	"flag"
	"fmt"
	"io"
	"net"
	"net/http"
	"os"
	"path/filepath"
	"sort"
	"strings"
	"time"

	"go.uber.org/zap"

	"github.com/lienthong/lienthong/intake"
	"github.com/lienthong/lienthong/logging"
	"github.com/lienthong/lienthong/payload"
	"github.com/lienthong/lienthong/readmodel"
	"github.com/lienthong/lienthong/temporalconn"
	"github.com/lienthong/lienthong/web"
)

func init() {
	commands["serve"] = command{summary: "serve the web app (the desk, the unit inbox, dossier pages)", run: runServe}
}

// demoPeople get accounts with --init-demo-accounts: a desk clerk, an
// officer and the head of the business registration office, and an
// administrator.
var demoPeople = []string{"toanlt", "yentd", "vinhmv", "toanct"}

func runServe(ctx context.Context, args []string, stdout, stderr io.Writer) int {
	var c conn
	fs := flag.NewFlagSet("serve", flag.ContinueOnError)
	fs.SetOutput(stderr)
	c.register(fs)
	addr := fs.String("addr", envOr("LIENTHONG_WEB_ADDR", "127.0.0.1:8080"), "listen address [LIENTHONG_WEB_ADDR]")
	accounts := fs.String("accounts", envOr("LIENTHONG_ACCOUNTS", ""), "accounts file (default <data-dir>/accounts.json) [LIENTHONG_ACCOUNTS]")
	keyFile := fs.String("session-key-file", envOr("LIENTHONG_SESSION_KEY_FILE", ""), "session signing key, created (0600) if missing (default <data-dir>/session.key) [LIENTHONG_SESSION_KEY_FILE]")
	rm := fs.String("readmodel", envOr("LIENTHONG_READMODEL", ""), "read model database: sqlite:PATH or postgres://…; empty = sqlite:<data-dir>/readmodel.db [LIENTHONG_READMODEL]")
	ui := fs.String("temporal-ui", envOr("LIENTHONG_TEMPORAL_UI", "http://127.0.0.1:8233"), "Temporal UI base URL for administrators' links; empty hides them [LIENTHONG_TEMPORAL_UI]")
	secure := fs.Bool("secure-cookies", os.Getenv("LIENTHONG_SECURE_COOKIES") == "1", "mark cookies Secure (behind a TLS proxy) [LIENTHONG_SECURE_COOKIES=1]")
	demo := fs.Bool("init-demo-accounts", false, "create the accounts file with random passwords for the demo staff if it does not exist, and print them")
	fs.Usage = func() {
		fmt.Fprintln(stderr, "usage: starter serve [--addr 127.0.0.1:8080] [--accounts FILE] [--session-key-file FILE] [flags]")
		fs.PrintDefaults()
	}
	if rc, ok := parseFlags(fs, args); !ok {
		return rc
	}
	if *accounts == "" {
		*accounts = filepath.Join(c.dataDir, "accounts.json")
	}
	if *keyFile == "" {
		*keyFile = filepath.Join(c.dataDir, "session.key")
	}
	if *rm == "" {
		*rm = "sqlite:" + filepath.Join(c.dataDir, "readmodel.db")
	}
	fail := func(err error) int {
		fmt.Fprintln(stderr, "starter serve:", err)
		return 1
	}
	if *demo {
		pw, err := web.WriteDemoAccounts(*accounts, demoPeople)
		if err != nil {
			return fail(err)
		}
		printDemo(stdout, *accounts, pw)
	}
	acc, err := web.LoadAccounts(*accounts)
	if err != nil {
		return fail(fmt.Errorf("%w (create it with --init-demo-accounts, or write hashes made by web.HashPassword)", err))
	}
	key, err := sessionKey(*keyFile)
	if err != nil {
		return fail(err)
	}
	defer c.close()
	if err := c.open(ctx, stderr); err != nil {
		return fail(err)
	}
	copts, err := temporalconn.ClientOptions(c.opts, nil)
	if err != nil {
		return fail(err)
	}
	store, err := readmodel.Open(ctx, *rm)
	if err != nil {
		return fail(err)
	}
	defer store.Close()
	seq, err := intake.NewFileSequencer(c.sequencePath())
	if err != nil {
		return fail(err)
	}
	logger, err := logging.New(logging.Options{Level: envOr("LIENTHONG_LOG_LEVEL", "info"), Format: logging.FormatConsole})
	if err != nil {
		logger = zap.NewNop()
	}
	h, err := web.New(web.Config{
		Client: c.client, Namespace: copts.Namespace, Catalogue: c.cat, ReadModel: store, Accounts: acc,
		Submitter:  &intake.Submitter{Client: c.client, Catalogue: c.cat, Sequencer: seq, DataConverter: payload.DataConverter(c.keys)},
		SessionKey: key, SecureCookies: *secure, TemporalUI: *ui, Logger: logger,
	})
	if err != nil {
		return fail(err)
	}
	ln, err := net.Listen("tcp", *addr)
	if err != nil {
		return fail(err)
	}
	return serve(ctx, ln, h, stdout, stderr)
}

// serve runs the server on ln until ctx ends (SIGINT, SIGTERM), then lets
// requests in flight finish for up to 20 seconds.
func serve(ctx context.Context, ln net.Listener, h http.Handler, stdout, stderr io.Writer) int {
	srv := &http.Server{Handler: h, ReadHeaderTimeout: 10 * time.Second, ReadTimeout: 30 * time.Second,
		WriteTimeout: 60 * time.Second, IdleTimeout: 2 * time.Minute, MaxHeaderBytes: 64 << 10}
	fmt.Fprintf(stdout, "lienthong web: http://%s/\n", ln.Addr())
	done := make(chan error, 1)
	go func() { done <- srv.Serve(ln) }()
	select {
	case err := <-done:
		fmt.Fprintln(stderr, "starter serve:", err)
		return 1
	case <-ctx.Done():
	}
	sctx, cancel := context.WithTimeout(context.Background(), 20*time.Second)
	defer cancel()
	if err := srv.Shutdown(sctx); err != nil {
		fmt.Fprintln(stderr, "starter serve: shutdown:", err)
		return 1
	}
	if err := <-done; err != nil && !errors.Is(err, http.ErrServerClosed) {
		fmt.Fprintln(stderr, "starter serve:", err)
		return 1
	}
	return 0
}

// sessionKey reads the session key file (hex), creating it with 32 random
// bytes, mode 0600, when it does not exist.
func sessionKey(path string) ([]byte, error) {
	data, err := os.ReadFile(path)
	if errors.Is(err, os.ErrNotExist) {
		key := make([]byte, 32)
		if _, err := rand.Read(key); err != nil {
			return nil, err
		}
		if err := os.MkdirAll(filepath.Dir(path), 0o700); err != nil {
			return nil, err
		}
		f, err := os.OpenFile(path, os.O_WRONLY|os.O_CREATE|os.O_EXCL, 0o600)
		if errors.Is(err, os.ErrExist) {
			return sessionKey(path) // another process created it first
		}
		if err != nil {
			return nil, fmt.Errorf("session key: %w", err)
		}
		if _, err := f.WriteString(hex.EncodeToString(key) + "\n"); err != nil {
			f.Close()
			return nil, fmt.Errorf("session key: %w", err)
		}
		if err := f.Close(); err != nil {
			return nil, fmt.Errorf("session key: %w", err)
		}
		return key, nil
	}
	if err != nil {
		return nil, fmt.Errorf("session key: %w", err)
	}
	key, err := hex.DecodeString(strings.TrimSpace(string(data)))
	if err != nil || len(key) < 32 {
		return nil, fmt.Errorf("session key %s: want at least 32 bytes in hex", path)
	}
	return key, nil
}

func printDemo(w io.Writer, path string, pw map[string]string) {
	if pw == nil {
		fmt.Fprintf(w, "accounts: %s exists; demo passwords were printed when it was created\n", path)
		return
	}
	names := make([]string, 0, len(pw))
	for n := range pw {
		names = append(names, n)
	}
	sort.Strings(names)
	fmt.Fprintf(w, "demo accounts written to %s:\n", path)
	for _, n := range names {
		fmt.Fprintf(w, "  %-8s %s\n", n, pw[n])
	}
}
