package payload

import (
	"go.temporal.io/sdk/converter"
	"go.temporal.io/sdk/temporal"
)

// DataConverter returns the SDK's default data converter with every payload
// encrypted by k. Clients, workers and test environments that read or write
// this project's workflows must all use it (or one built from the same keys).
func DataConverter(k *Keyring) converter.DataConverter {
	return converter.NewCodecDataConverter(converter.GetDefaultDataConverter(), NewCodec(k))
}

// FailureConverter returns a failure converter that moves error messages and
// stack traces into an encrypted payload. Without it an activity error such
// as "no citizen record for <name>" would be stored in history in plaintext;
// the UI shows the real message through the codec endpoint.
func FailureConverter(k *Keyring) converter.FailureConverter {
	return temporal.NewDefaultFailureConverter(temporal.DefaultFailureConverterOptions{
		DataConverter:          DataConverter(k),
		EncodeCommonAttributes: true,
	})
}
