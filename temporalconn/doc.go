// Package temporalconn connects the project's processes (worker, starter, tools)
// to Temporal with one set of conventions: connection settings from the
// Temporal SDK's environment and config-file conventions, the project's zap
// logger, and the encrypting data converter of package payload, so no process
// can write personal data to Temporal in plaintext by forgetting a setting.
//
// # Where settings come from
//
// Highest first:
//
//  1. Options.HostPort and Options.Namespace, which RegisterFlags binds to
//     --address and --namespace;
//  2. the environment: TEMPORAL_ADDRESS, TEMPORAL_NAMESPACE, TEMPORAL_API_KEY,
//     TEMPORAL_TLS, TEMPORAL_TLS_CLIENT_CERT_PATH, TEMPORAL_TLS_CLIENT_KEY_PATH,
//     TEMPORAL_TLS_SERVER_CA_CERT_PATH, TEMPORAL_TLS_SERVER_NAME,
//     TEMPORAL_TLS_DISABLE_HOST_VERIFICATION (and the *_DATA variants),
//     TEMPORAL_GRPC_META_*;
//  3. the profile named by TEMPORAL_PROFILE (default "default") in the TOML
//     file named by TEMPORAL_CONFIG_FILE (default
//     $XDG_CONFIG_HOME/temporalio/temporal.toml), the file the temporal CLI
//     also reads;
//  4. the local stack's defaults: 127.0.0.1:7233, namespace "default",
//     plaintext.
//
// Steps 2 and 3 are go.temporal.io/sdk/contrib/envconfig. An API key turns TLS
// on unless TEMPORAL_TLS=false. A codec endpoint in the profile
// (TEMPORAL_CODEC_ENDPOINT) is ignored: this project always encrypts locally
// with the keys of payload.KeyringFromEnv (or Options.Keyring).
package temporalconn
