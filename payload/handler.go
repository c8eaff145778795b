package payload

import (
	"crypto/sha256"
	"crypto/subtle"
	"net/http"
	"strings"

	"go.temporal.io/sdk/converter"
)

// maxRequestBytes bounds a codec request body. Temporal limits a payload to a
// few megabytes and the UI sends one event's payloads per request, so this is
// generous for real use while stopping a client from exhausting memory.
const maxRequestBytes = 32 << 20

// HandlerOptions configures CodecHandler.
type HandlerOptions struct {
	// AllowedOrigins are the exact origins (scheme://host[:port], no path)
	// of Temporal UIs allowed to call the endpoint from a browser, e.g.
	// "http://localhost:8233". Requests carrying any other Origin are refused;
	// requests without Origin (the Temporal CLI, curl) are not browser
	// requests and are let through to the token check. "*" is not supported,
	// because a wildcard cannot be combined with credentials.
	AllowedOrigins []string
	// Token, if set, must be presented as "Authorization: Bearer <Token>" on
	// every encode and decode request, or the request gets 401. The Temporal
	// CLI sends it with --codec-auth "Bearer <Token>". The UI cannot hold a
	// static token (it can only forward its users' SSO access token), so a
	// deployment that opens decoding to the UI puts the endpoint behind the
	// same sign-on proxy as the UI, or leaves Token empty and serves it only on
	// a loopback address, as the local stack does.
	Token string
}

// CodecHandler serves the codec endpoint of the Temporal UI and CLI: POST
// {prefix}/decode and POST {prefix}/encode with a JSON body of payloads, using
// the SDK's converter.NewPayloadCodecHTTPHandler with k's codec. Mount it under
// any prefix (e.g. mux.Handle("/codec/", h)) and give the UI that prefix as
// its codec endpoint (e.g. --ui-codec-endpoint http://localhost:8081/codec).
//
// Browser preflight requests (OPTIONS) from an allowed origin are answered
// with CORS headers allowing Content-Type, X-Namespace and Authorization with
// credentials; preflights carry no credentials, so they are answered before the
// token check.
func CodecHandler(k *Keyring, opts HandlerOptions) http.Handler {
	h := &codecHandler{
		next:    converter.NewPayloadCodecHTTPHandler(NewCodec(k)),
		origins: make(map[string]bool, len(opts.AllowedOrigins)),
	}
	for _, o := range opts.AllowedOrigins {
		// Browsers send the origin without a trailing slash; accept a
		// configured one written with it.
		h.origins[strings.TrimSuffix(strings.TrimSpace(o), "/")] = true
	}
	if opts.Token != "" {
		h.requireToken = true
		h.tokenHash = sha256.Sum256([]byte(opts.Token))
	}
	return h
}

// codecHandler adds CORS, the bearer-token check and a body limit in front of
// the SDK's codec handler.
type codecHandler struct {
	next         http.Handler
	origins      map[string]bool
	requireToken bool
	tokenHash    [sha256.Size]byte
}

func (h *codecHandler) ServeHTTP(w http.ResponseWriter, r *http.Request) {
	// Caches must not reuse a response given to one origin for another.
	w.Header().Add("Vary", "Origin")

	if origin := r.Header.Get("Origin"); origin != "" {
		if !h.origins[origin] {
			http.Error(w, "origin not allowed to use this codec endpoint", http.StatusForbidden)
			return
		}
		w.Header().Set("Access-Control-Allow-Origin", origin)
		w.Header().Set("Access-Control-Allow-Credentials", "true")
	}

	switch r.Method {
	case http.MethodOptions:
		w.Header().Set("Access-Control-Allow-Methods", "POST, OPTIONS")
		w.Header().Set("Access-Control-Allow-Headers", "Content-Type, X-Namespace, Authorization")
		w.Header().Set("Access-Control-Max-Age", "600")
		w.WriteHeader(http.StatusNoContent)
		return
	case http.MethodPost:
	default:
		w.Header().Set("Allow", "POST, OPTIONS")
		http.Error(w, http.StatusText(http.StatusMethodNotAllowed), http.StatusMethodNotAllowed)
		return
	}

	if h.requireToken && !h.authorized(r) {
		w.Header().Set("WWW-Authenticate", `Bearer realm="lienthong-codec"`)
		http.Error(w, http.StatusText(http.StatusUnauthorized), http.StatusUnauthorized)
		return
	}

	r.Body = http.MaxBytesReader(w, r.Body, maxRequestBytes)
	h.next.ServeHTTP(w, r)
}

// authorized compares the presented bearer token with the configured one in
// constant time. Hashing both first makes the comparison length-independent,
// so response timing reveals neither the token's bytes nor its length.
func (h *codecHandler) authorized(r *http.Request) bool {
	scheme, token, ok := strings.Cut(r.Header.Get("Authorization"), " ")
	if !ok || !strings.EqualFold(scheme, "Bearer") {
		return false
	}
	got := sha256.Sum256([]byte(strings.TrimSpace(token)))
	return subtle.ConstantTimeCompare(got[:], h.tokenHash[:]) == 1
}
