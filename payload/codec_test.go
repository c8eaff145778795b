package payload

import (
	"bytes"
	"errors"
	"strings"
	"testing"

	commonpb "go.temporal.io/api/common/v1"
	"go.temporal.io/sdk/converter"
	"google.golang.org/protobuf/proto"
)

func TestRoundTrip(t *testing.T) {
	k := mustKeyring(t, "k1", newKeys(t, "k1"))
	dc := DataConverter(k)

	p, err := dc.ToPayload(an)
	if err != nil {
		t.Fatal(err)
	}
	if enc := string(p.Metadata[converter.MetadataEncoding]); enc != EncodingEncrypted {
		t.Errorf("encoding = %q, want %q", enc, EncodingEncrypted)
	}
	if id := string(p.Metadata[MetadataKeyID]); id != "k1" {
		t.Errorf("key id = %q, want k1", id)
	}
	var got citizen
	if err := dc.FromPayload(p, &got); err != nil {
		t.Fatal(err)
	}
	if got != an {
		t.Errorf("round trip gave %+v, want %+v", got, an)
	}
}

func TestPersonalDataNotVisibleWhenEncoded(t *testing.T) {
	dc := DataConverter(mustKeyring(t, "k1", newKeys(t, "k1")))
	payloads, err := dc.ToPayloads(an, "hồ sơ của "+an.FullName)
	if err != nil {
		t.Fatal(err)
	}
	// Check the bytes as the server stores them, metadata included.
	wire, err := proto.Marshal(payloads)
	if err != nil {
		t.Fatal(err)
	}
	for _, secret := range []string{an.FullName, an.IDNumber, "Nguy"} {
		if bytes.Contains(wire, []byte(secret)) {
			t.Errorf("encoded payloads contain %q", secret)
		}
	}
	// Sanity check that the test would notice plaintext.
	plain, _ := proto.Marshal(mustPlain(t, an))
	if !bytes.Contains(plain, []byte(an.IDNumber)) {
		t.Fatal("unencrypted payload should contain the ID number; test is not checking anything")
	}
}

func TestEncodeUsesFreshNonces(t *testing.T) {
	c := NewCodec(mustKeyring(t, "k1", newKeys(t, "k1")))
	in := []*commonpb.Payload{mustPlain(t, an), mustPlain(t, an)}
	out, err := c.Encode(in)
	if err != nil {
		t.Fatal(err)
	}
	if bytes.Equal(out[0].Data, out[1].Data) {
		t.Error("equal inputs gave equal ciphertexts: nonce reused")
	}
}

func TestEncodeDoesNotMutateInput(t *testing.T) {
	c := NewCodec(mustKeyring(t, "k1", newKeys(t, "k1")))
	in := mustPlain(t, an)
	orig := proto.Clone(in)
	if _, err := c.Encode([]*commonpb.Payload{in}); err != nil {
		t.Fatal(err)
	}
	if !proto.Equal(in, orig) {
		t.Error("Encode changed its input")
	}
}

func TestDecodeAfterRotation(t *testing.T) {
	keys := newKeys(t, "k0", "k1")
	before := DataConverter(mustKeyring(t, "k0", map[string][]byte{"k0": keys["k0"]}))
	after := DataConverter(mustKeyring(t, "k1", keys))

	old, err := before.ToPayload(an)
	if err != nil {
		t.Fatal(err)
	}
	var got citizen
	if err := after.FromPayload(old, &got); err != nil {
		t.Fatalf("rotated keyring cannot read a payload sealed with the retired key: %v", err)
	}
	if got != an {
		t.Errorf("got %+v", got)
	}
	fresh, err := after.ToPayload(an)
	if err != nil {
		t.Fatal(err)
	}
	if id := string(fresh.Metadata[MetadataKeyID]); id != "k1" {
		t.Errorf("new payload sealed with %q, want the active key k1", id)
	}
}

func TestDecodeUnknownKeyID(t *testing.T) {
	sealed, err := NewCodec(mustKeyring(t, "k9", newKeys(t, "k9"))).Encode([]*commonpb.Payload{mustPlain(t, an)})
	if err != nil {
		t.Fatal(err)
	}
	_, err = NewCodec(mustKeyring(t, "k1", newKeys(t, "k0", "k1"))).Decode(sealed)
	if !errors.Is(err, ErrUnknownKey) {
		t.Fatalf("err = %v, want ErrUnknownKey", err)
	}
	for _, want := range []string{`"k9"`, "k0, k1"} {
		if !strings.Contains(err.Error(), want) {
			t.Errorf("error %q does not mention %s", err, want)
		}
	}
}

func TestDecodeRejectsTampering(t *testing.T) {
	keys := newKeys(t, "k1")
	c := NewCodec(mustKeyring(t, "k1", keys))
	sealed, err := c.Encode([]*commonpb.Payload{mustPlain(t, an)})
	if err != nil {
		t.Fatal(err)
	}

	flipped := proto.Clone(sealed[0]).(*commonpb.Payload)
	flipped.Data[len(flipped.Data)/2] ^= 0x01

	truncated := proto.Clone(sealed[0]).(*commonpb.Payload)
	truncated.Data = truncated.Data[:10]

	noKeyID := proto.Clone(sealed[0]).(*commonpb.Payload)
	delete(noKeyID.Metadata, MetadataKeyID)

	// Same id, different key material: a keys file edited by mistake.
	otherKey := NewCodec(mustKeyring(t, "k1", newKeys(t, "k1")))

	for name, tc := range map[string]struct {
		c converter.PayloadCodec
		p *commonpb.Payload
	}{
		"flipped bit":    {c, flipped},
		"truncated":      {c, truncated},
		"no key id":      {c, noKeyID},
		"wrong key":      {otherKey, sealed[0]},
		"empty data":     {c, &commonpb.Payload{Metadata: sealed[0].Metadata}},
		"only encrypted": {c, &commonpb.Payload{Metadata: map[string][]byte{converter.MetadataEncoding: []byte(EncodingEncrypted)}}},
	} {
		t.Run(name, func(t *testing.T) {
			if _, err := tc.c.Decode([]*commonpb.Payload{tc.p}); !errors.Is(err, ErrDecrypt) {
				t.Fatalf("err = %v, want ErrDecrypt", err)
			}
		})
	}
}

func TestDecodePassesUnencryptedPayloadsThrough(t *testing.T) {
	c := NewCodec(mustKeyring(t, "k1", newKeys(t, "k1")))
	plain := mustPlain(t, an)
	null, err := converter.GetDefaultDataConverter().ToPayload(nil)
	if err != nil {
		t.Fatal(err)
	}
	sealed, err := c.Encode([]*commonpb.Payload{plain})
	if err != nil {
		t.Fatal(err)
	}

	// A history mixing payloads written before and after encryption began.
	out, err := c.Decode([]*commonpb.Payload{plain, sealed[0], null})
	if err != nil {
		t.Fatal(err)
	}
	if out[0] != plain || out[2] != null {
		t.Error("unencrypted payloads were not returned unchanged")
	}
	if !proto.Equal(out[1], plain) {
		t.Error("encrypted payload did not decode to the original")
	}

	var got citizen
	if err := DataConverter(mustKeyring(t, "k1", newKeys(t, "k1"))).FromPayload(plain, &got); err != nil || got != an {
		t.Errorf("pre-encryption payload through DataConverter: %+v, %v", got, err)
	}
}

func TestFailureConverterEncryptsMessages(t *testing.T) {
	k := mustKeyring(t, "k1", newKeys(t, "k1"))
	fc := FailureConverter(k)
	failure := fc.ErrorToFailure(errors.New("no civil record for " + an.FullName + " " + an.IDNumber))

	wire, err := proto.Marshal(failure)
	if err != nil {
		t.Fatal(err)
	}
	if bytes.Contains(wire, []byte(an.IDNumber)) || bytes.Contains(wire, []byte(an.FullName)) {
		t.Error("failure carries personal data in plaintext")
	}
	back := fc.FailureToError(failure)
	if !strings.Contains(back.Error(), an.IDNumber) {
		t.Errorf("decoded failure = %q, want the original message", back)
	}
}

func TestNewCodecRejectsUnbuiltKeyrings(t *testing.T) {
	for name, k := range map[string]*Keyring{"nil": nil, "zero": {}} {
		t.Run(name, func(t *testing.T) {
			defer func() {
				if recover() == nil {
					t.Error("NewCodec did not panic")
				}
			}()
			NewCodec(k)
		})
	}
}

func mustPlain(t *testing.T, v any) *commonpb.Payload {
	t.Helper()
	p, err := converter.GetDefaultDataConverter().ToPayload(v)
	if err != nil {
		t.Fatal(err)
	}
	return p
}
