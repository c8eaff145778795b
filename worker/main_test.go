package main

import (
	"bytes"
	"net/http"
	"net/http/httptest"
	"strings"
	"testing"

	"github.com/lienthong/lienthong/payload"
)

// Flags default to the environment, which defaults to the local stack.
func TestFlagsFallBackToEnvironment(t *testing.T) {
	t.Setenv("LIENTHONG_DATA_DIR", "/var/lib/lienthong")
	t.Setenv("LIENTHONG_ADMIN_ADDR", "")
	c, err := parseFlags([]string{"--log-level", "debug"}, &bytes.Buffer{})
	if err != nil {
		t.Fatal(err)
	}
	if c.dataDir != "/var/lib/lienthong" || c.adminAddr != "127.0.0.1:8234" || c.logLevel != "debug" {
		t.Errorf("config %+v", c)
	}
	if _, err := parseFlags([]string{"extra"}, &bytes.Buffer{}); err == nil || !strings.Contains(err.Error(), "extra") {
		t.Errorf("a stray argument: %v", err)
	}
}

// The admin endpoint answers health checks and serves the codec under
// /codec for the Temporal UI's origin only.
func TestAdminEndpoint(t *testing.T) {
	keys, err := payload.NewKeyring("k1", map[string][]byte{"k1": bytes.Repeat([]byte{7}, 32)})
	if err != nil {
		t.Fatal(err)
	}
	srv := httptest.NewServer(adminHandler(keys, []string{"http://localhost:8233"}, "", nil))
	defer srv.Close()
	res, err := http.Get(srv.URL + "/healthz")
	if err != nil || res.StatusCode != http.StatusOK {
		t.Fatalf("healthz: %v %v", res, err)
	}
	preflight := func(origin string) int {
		req, _ := http.NewRequest(http.MethodOptions, srv.URL+"/codec/decode", nil)
		req.Header.Set("Origin", origin)
		req.Header.Set("Access-Control-Request-Method", "POST")
		res, err := http.DefaultClient.Do(req)
		if err != nil {
			t.Fatal(err)
		}
		res.Body.Close()
		return res.StatusCode
	}
	if got := preflight("http://localhost:8233"); got != http.StatusNoContent {
		t.Errorf("preflight from the UI: %d", got)
	}
	if got := preflight("http://evil.example"); got != http.StatusForbidden {
		t.Errorf("preflight from another origin: %d", got)
	}
	body := `{"payloads":[{"metadata":{"encoding":"anNvbi9wbGFpbg=="},"data":"InRlc3Qi"}]}`
	res, err = http.Post(srv.URL+"/codec/encode", "application/json", strings.NewReader(body))
	if err != nil || res.StatusCode != http.StatusOK {
		t.Fatalf("encode: %v %v", res, err)
	}
	res.Body.Close()
}
