// Package payload encrypts every Temporal payload the project writes, so that
// citizens' personal data (names, ID-card numbers, addresses) in workflow
// inputs, results, update arguments, memos, summaries and failure messages
// never reaches the Temporal server, its database or its UI in plaintext.
//
// Encryption is AES-256-GCM, applied as a converter.PayloadCodec on top of the
// SDK's default data converter (DataConverter), with a failure converter that
// also encrypts error messages and stack traces (FailureConverter). Search
// attributes are not payloads and are never encrypted: they must hold codes,
// units and instants only, never personal data.
//
// # Encrypted payload format
//
// An encrypted payload has the metadata
//
//	encoding:          "binary/encrypted"
//	encryption-key-id: the id of the key that sealed it, e.g. "k1"
//
// and its data is a 12-byte random nonce followed by the AES-256-GCM sealed
// bytes (ciphertext and 16-byte tag, no associated data) of the original
// payload in protobuf wire format, metadata included. Payloads whose encoding
// is not "binary/encrypted" are returned unchanged by Decode, so histories
// written before encryption was switched on stay readable.
//
// # Keys and rotation
//
// Keys never live in the repository. They are read from a JSON file named by
// the environment variable LIENTHONG_PAYLOAD_KEYS_FILE or, failing that, from
// the same JSON given inline in LIENTHONG_PAYLOAD_KEYS:
//
//	{
//	  "active": "k1",
//	  "keys": {
//	    "k1": "<standard base64 of 32 random bytes>",
//	    "k0": "<standard base64 of 32 random bytes>"
//	  }
//	}
//
// Key ids are 1 to 64 letters, digits, '.', '_' or '-'. Encode always uses the
// active key; Decode chooses the key named in each payload's metadata. To
// rotate, add a new key, make it active and restart workers and starters; keep
// every retired key in the file for as long as any history sealed with it is
// retained, or those histories (and replays of them) can no longer be read. A
// key can be made with `openssl rand -base64 32`; GenerateKeyFile writes a
// fresh one-key file, which the local stack does on first start
// (.data/payload-keys.json).
//
// Nonces are random, so one key should seal well under 2^32 payloads; rotating
// the active key yearly keeps a city's volume far below that bound.
//
// # Temporal UI
//
// CodecHandler serves the codec endpoint the Temporal UI and CLI call to show
// decrypted payloads to administrators (POST {prefix}/decode and
// {prefix}/encode), with CORS for the UI's origin and an optional bearer token.
package payload
