package payload

import (
	"bytes"
	"io"
	"net/http"
	"net/http/httptest"
	"strings"
	"testing"

	commonpb "go.temporal.io/api/common/v1"
	"google.golang.org/protobuf/encoding/protojson"
)

const (
	uiOrigin  = "http://localhost:8233"
	testToken = "s3cret-codec-token"
)

// codecServer serves CodecHandler under /codec/ the way the starter mounts it.
func codecServer(t *testing.T, k *Keyring, opts HandlerOptions) *httptest.Server {
	t.Helper()
	mux := http.NewServeMux()
	mux.Handle("/codec/", CodecHandler(k, opts))
	srv := httptest.NewServer(mux)
	t.Cleanup(srv.Close)
	return srv
}

// post sends payloads as the Temporal UI does and returns the status and body.
func post(t *testing.T, url string, headers map[string]string, payloads []*commonpb.Payload) (int, []byte) {
	t.Helper()
	body, err := protojson.Marshal(&commonpb.Payloads{Payloads: payloads})
	if err != nil {
		t.Fatal(err)
	}
	req, err := http.NewRequest(http.MethodPost, url, bytes.NewReader(body))
	if err != nil {
		t.Fatal(err)
	}
	req.Header.Set("Content-Type", "application/json")
	req.Header.Set("X-Namespace", "default")
	for k, v := range headers {
		req.Header.Set(k, v)
	}
	resp, err := http.DefaultClient.Do(req)
	if err != nil {
		t.Fatal(err)
	}
	defer func() { _ = resp.Body.Close() }()
	out, err := io.ReadAll(resp.Body)
	if err != nil {
		t.Fatal(err)
	}
	return resp.StatusCode, out
}

func TestCodecHandlerPreflight(t *testing.T) {
	srv := codecServer(t, mustKeyring(t, "k1", newKeys(t, "k1")), HandlerOptions{
		AllowedOrigins: []string{uiOrigin + "/"},
		Token:          testToken,
	})

	req, _ := http.NewRequest(http.MethodOptions, srv.URL+"/codec/decode", nil)
	req.Header.Set("Origin", uiOrigin)
	req.Header.Set("Access-Control-Request-Method", "POST")
	req.Header.Set("Access-Control-Request-Headers", "content-type,x-namespace,authorization")
	resp, err := http.DefaultClient.Do(req)
	if err != nil {
		t.Fatal(err)
	}
	_ = resp.Body.Close()

	if resp.StatusCode != http.StatusNoContent {
		t.Errorf("preflight status = %d, want 204 (no token needed)", resp.StatusCode)
	}
	h := resp.Header
	if got := h.Get("Access-Control-Allow-Origin"); got != uiOrigin {
		t.Errorf("Allow-Origin = %q", got)
	}
	if got := h.Get("Access-Control-Allow-Credentials"); got != "true" {
		t.Errorf("Allow-Credentials = %q", got)
	}
	allowed := strings.ToLower(h.Get("Access-Control-Allow-Headers"))
	for _, want := range []string{"content-type", "x-namespace", "authorization"} {
		if !strings.Contains(allowed, want) {
			t.Errorf("Allow-Headers %q lacks %s", allowed, want)
		}
	}
	if !strings.Contains(h.Get("Access-Control-Allow-Methods"), "POST") {
		t.Errorf("Allow-Methods = %q", h.Get("Access-Control-Allow-Methods"))
	}
}

func TestCodecHandlerRefusesOtherOrigins(t *testing.T) {
	srv := codecServer(t, mustKeyring(t, "k1", newKeys(t, "k1")), HandlerOptions{AllowedOrigins: []string{uiOrigin}})

	req, _ := http.NewRequest(http.MethodOptions, srv.URL+"/codec/decode", nil)
	req.Header.Set("Origin", "https://evil.example")
	req.Header.Set("Access-Control-Request-Method", "POST")
	resp, err := http.DefaultClient.Do(req)
	if err != nil {
		t.Fatal(err)
	}
	_ = resp.Body.Close()
	if resp.StatusCode != http.StatusForbidden || resp.Header.Get("Access-Control-Allow-Origin") != "" {
		t.Errorf("foreign preflight: status %d, Allow-Origin %q", resp.StatusCode, resp.Header.Get("Access-Control-Allow-Origin"))
	}

	status, _ := post(t, srv.URL+"/codec/decode", map[string]string{"Origin": "https://evil.example"}, nil)
	if status != http.StatusForbidden {
		t.Errorf("foreign POST: status %d, want 403", status)
	}
}

func TestCodecHandlerRequiresToken(t *testing.T) {
	k := mustKeyring(t, "k1", newKeys(t, "k1"))
	srv := codecServer(t, k, HandlerOptions{AllowedOrigins: []string{uiOrigin}, Token: testToken})
	sealed, err := NewCodec(k).Encode([]*commonpb.Payload{mustPlain(t, an)})
	if err != nil {
		t.Fatal(err)
	}

	for name, auth := range map[string]string{
		"no header":    "",
		"wrong token":  "Bearer not-the-token",
		"token prefix": "Bearer " + testToken[:5],
		"wrong scheme": "Basic " + testToken,
		"bare token":   testToken,
	} {
		t.Run(name, func(t *testing.T) {
			headers := map[string]string{"Origin": uiOrigin}
			if auth != "" {
				headers["Authorization"] = auth
			}
			status, body := post(t, srv.URL+"/codec/decode", headers, sealed)
			if status != http.StatusUnauthorized {
				t.Fatalf("status %d, want 401", status)
			}
			if bytes.Contains(body, []byte(an.IDNumber)) {
				t.Fatal("unauthorised response contains personal data")
			}
		})
	}
}

func TestCodecHandlerDecodesWithToken(t *testing.T) {
	k := mustKeyring(t, "k1", newKeys(t, "k1"))
	srv := codecServer(t, k, HandlerOptions{AllowedOrigins: []string{uiOrigin}, Token: testToken})
	plain := mustPlain(t, an)
	sealed, err := NewCodec(k).Encode([]*commonpb.Payload{plain})
	if err != nil {
		t.Fatal(err)
	}

	status, body := post(t, srv.URL+"/codec/decode",
		map[string]string{"Origin": uiOrigin, "Authorization": "Bearer " + testToken}, sealed)
	if status != http.StatusOK {
		t.Fatalf("status %d: %s", status, body)
	}
	var got commonpb.Payloads
	if err := protojson.Unmarshal(body, &got); err != nil {
		t.Fatalf("response is not payloads JSON: %v\n%s", err, body)
	}
	if len(got.Payloads) != 1 || !bytes.Equal(got.Payloads[0].Data, plain.Data) {
		t.Errorf("decoded %v, want %v", got.Payloads, plain)
	}
}

func TestCodecHandlerEncodeThenDecode(t *testing.T) {
	k := mustKeyring(t, "k1", newKeys(t, "k1"))
	// No token and no Origin: the local stack's loopback endpoint used by the CLI.
	srv := codecServer(t, k, HandlerOptions{})
	plain := mustPlain(t, an)

	status, body := post(t, srv.URL+"/codec/encode", nil, []*commonpb.Payload{plain})
	if status != http.StatusOK {
		t.Fatalf("encode status %d: %s", status, body)
	}
	if bytes.Contains(body, []byte(an.IDNumber)) {
		t.Fatal("encode response contains plaintext")
	}
	var encoded commonpb.Payloads
	if err := protojson.Unmarshal(body, &encoded); err != nil {
		t.Fatal(err)
	}
	decoded, err := NewCodec(k).Decode(encoded.Payloads)
	if err != nil {
		t.Fatal(err)
	}
	if !bytes.Equal(decoded[0].Data, plain.Data) {
		t.Errorf("decoded %s", decoded[0].Data)
	}
}

func TestCodecHandlerRejectsOtherMethodsAndPaths(t *testing.T) {
	srv := codecServer(t, mustKeyring(t, "k1", newKeys(t, "k1")), HandlerOptions{})

	resp, err := http.Get(srv.URL + "/codec/decode")
	if err != nil {
		t.Fatal(err)
	}
	_ = resp.Body.Close()
	if resp.StatusCode != http.StatusMethodNotAllowed {
		t.Errorf("GET: status %d, want 405", resp.StatusCode)
	}
	if status, _ := post(t, srv.URL+"/codec/other", nil, nil); status != http.StatusNotFound {
		t.Errorf("POST /codec/other: status %d, want 404", status)
	}
}

func TestCodecHandlerDecodeErrorIsReported(t *testing.T) {
	srv := codecServer(t, mustKeyring(t, "k1", newKeys(t, "k1")), HandlerOptions{})
	sealed, err := NewCodec(mustKeyring(t, "k7", newKeys(t, "k7"))).Encode([]*commonpb.Payload{mustPlain(t, an)})
	if err != nil {
		t.Fatal(err)
	}
	status, body := post(t, srv.URL+"/codec/decode", nil, sealed)
	if status != http.StatusBadRequest || !strings.Contains(string(body), `"k7"`) {
		t.Errorf("status %d, body %q; want 400 naming the unknown key", status, body)
	}
}
