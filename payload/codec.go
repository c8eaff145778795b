package payload

import (
	"crypto/rand"
	"errors"
	"fmt"

	commonpb "go.temporal.io/api/common/v1"
	"go.temporal.io/sdk/converter"
	"google.golang.org/protobuf/proto"
)

// Metadata written on every encrypted payload.
const (
	// EncodingEncrypted is the "encoding" metadata value of an encrypted
	// payload; the Temporal UI and CLI recognise it as needing a codec.
	EncodingEncrypted = "binary/encrypted"
	// MetadataKeyID is the metadata key holding the id of the sealing key.
	MetadataKeyID = "encryption-key-id"
)

// Errors returned (wrapped) by the codec's Decode, for errors.Is.
var (
	// ErrUnknownKey means a payload names a key id the keyring lacks,
	// typically a retired key removed from the keys file too early.
	ErrUnknownKey = errors.New("payload encrypted with a key that is not in the keyring")
	// ErrDecrypt means a payload failed authentication: it was altered, or
	// the key stored under its id is not the key that sealed it.
	ErrDecrypt = errors.New("payload decryption failed")
)

// codec is the AES-256-GCM converter.PayloadCodec.
type codec struct {
	keys *Keyring
}

// NewCodec returns a PayloadCodec that seals payloads with k's active key and
// opens them with whichever key of k their metadata names. It panics if k is
// nil or not built by NewKeyring, ParseKeyring, LoadKeys or KeyringFromEnv: a
// programming error that would otherwise surface only at the first payload.
func NewCodec(k *Keyring) converter.PayloadCodec {
	if k == nil || k.aeads[k.active] == nil {
		panic("payload: NewCodec needs a Keyring from NewKeyring, ParseKeyring, LoadKeys or KeyringFromEnv")
	}
	return &codec{keys: k}
}

// Encode seals each payload with the active key.
func (c *codec) Encode(payloads []*commonpb.Payload) ([]*commonpb.Payload, error) {
	id := c.keys.active
	aead := c.keys.aeads[id]
	out := make([]*commonpb.Payload, len(payloads))
	for i, p := range payloads {
		plain, err := proto.Marshal(p)
		if err != nil {
			return nil, fmt.Errorf("payload: marshal before encryption: %w", err)
		}
		nonce := make([]byte, aead.NonceSize(), aead.NonceSize()+len(plain)+aead.Overhead())
		if _, err := rand.Read(nonce); err != nil {
			return nil, fmt.Errorf("payload: nonce: %w", err)
		}
		out[i] = &commonpb.Payload{
			Metadata: map[string][]byte{
				converter.MetadataEncoding: []byte(EncodingEncrypted),
				MetadataKeyID:              []byte(id),
			},
			Data: aead.Seal(nonce, nonce, plain, nil),
		}
	}
	return out, nil
}

// Decode opens encrypted payloads and returns any other payload unchanged, so
// histories written before encryption was switched on still read.
func (c *codec) Decode(payloads []*commonpb.Payload) ([]*commonpb.Payload, error) {
	out := make([]*commonpb.Payload, len(payloads))
	for i, p := range payloads {
		if string(p.GetMetadata()[converter.MetadataEncoding]) != EncodingEncrypted {
			out[i] = p
			continue
		}
		decoded, err := c.open(p)
		if err != nil {
			return nil, err
		}
		out[i] = decoded
	}
	return out, nil
}

func (c *codec) open(p *commonpb.Payload) (*commonpb.Payload, error) {
	idBytes, ok := p.GetMetadata()[MetadataKeyID]
	if !ok || len(idBytes) == 0 {
		return nil, fmt.Errorf("%w: encrypted payload has no %s metadata", ErrDecrypt, MetadataKeyID)
	}
	id := string(idBytes)
	aead, ok := c.keys.aeads[id]
	if !ok {
		return nil, fmt.Errorf("%w: key id %q (keyring has %s); put the retired key back in the keys file",
			ErrUnknownKey, id, c.keys.idList())
	}
	data := p.GetData()
	if len(data) < aead.NonceSize()+aead.Overhead() {
		return nil, fmt.Errorf("%w: key id %q: ciphertext too short (%d bytes)", ErrDecrypt, id, len(data))
	}
	nonce, sealed := data[:aead.NonceSize()], data[aead.NonceSize():]
	plain, err := aead.Open(nil, nonce, sealed, nil)
	if err != nil {
		return nil, fmt.Errorf("%w: key id %q: payload was altered or the key under this id is not the one that sealed it", ErrDecrypt, id)
	}
	var decoded commonpb.Payload
	if err := proto.Unmarshal(plain, &decoded); err != nil {
		return nil, fmt.Errorf("%w: key id %q: decrypted bytes are not a payload: %v", ErrDecrypt, id, err)
	}
	return &decoded, nil
}
