package temporalconn

import (
	"fmt"

	"go.temporal.io/sdk/client"
	"go.temporal.io/sdk/contrib/envconfig"
	"go.uber.org/zap"

	"github.com/lienthong/lienthong/logging"
	"github.com/lienthong/lienthong/payload"
)

// Defaults for the local stack (make dev), used when neither the options, the
// environment nor a config profile name a server.
const (
	DefaultHostPort  = "127.0.0.1:7233"
	DefaultNamespace = "default"
)

// Options are the per-process connection settings. The zero value connects
// as the environment says (see the package documentation), falling back to the
// local stack.
type Options struct {
	// HostPort overrides TEMPORAL_ADDRESS and the config profile's address.
	HostPort string
	// Namespace overrides TEMPORAL_NAMESPACE and the profile's namespace.
	Namespace string
	// Identity names this client in the server's records (who started a
	// workflow, which worker polled); empty lets the SDK use pid@host.
	Identity string
	// MetricsHandler receives the SDK's metrics, e.g. a Prometheus-backed
	// handler from go.temporal.io/sdk/contrib/tally; nil disables them.
	MetricsHandler client.MetricsHandler
	// Keyring encrypts payloads; nil loads it with payload.KeyringFromEnv.
	Keyring *payload.Keyring
}

// ClientOptions resolves o against the environment and config profile and
// returns the SDK client options Dial would use, for callers that need them
// without dialing (client.NewLazyClient, replayers, test environments).
// logger may be nil.
func ClientOptions(o Options, logger *zap.Logger) (client.Options, error) {
	return clientOptions(o, logger, envconfig.EnvLookupOS)
}

// clientOptions is ClientOptions with the environment as a parameter, so tests
// can resolve settings without touching the process environment or a user's
// real config file.
func clientOptions(o Options, logger *zap.Logger, env envconfig.EnvLookup) (client.Options, error) {
	profile, err := envconfig.LoadClientConfigProfile(envconfig.LoadClientConfigProfileOptions{EnvLookup: env})
	if err != nil {
		return client.Options{}, fmt.Errorf("temporal connection settings: %w (check TEMPORAL_CONFIG_FILE and TEMPORAL_PROFILE)", err)
	}
	if o.HostPort != "" {
		profile.Address = o.HostPort
	}
	if o.Namespace != "" {
		profile.Namespace = o.Namespace
	}
	if profile.Address == "" {
		profile.Address = DefaultHostPort
	}
	if profile.Namespace == "" {
		profile.Namespace = DefaultNamespace
	}

	// IncludeRemoteCodec stays false: payloads are encrypted in-process below,
	// never by a remote codec the worker would call on every replay.
	opts, err := profile.ToClientOptions(envconfig.ToClientOptionsRequest{})
	if err != nil {
		return client.Options{}, fmt.Errorf("temporal connection settings for %s: %w (check the TEMPORAL_TLS_* variables or the profile's [tls] section)", profile.Address, err)
	}

	keys := o.Keyring
	if keys == nil {
		if keys, err = payload.KeyringFromEnv(); err != nil {
			return client.Options{}, err
		}
	}
	opts.DataConverter = payload.DataConverter(keys)
	opts.FailureConverter = payload.FailureConverter(keys)

	if logger == nil {
		logger = zap.NewNop()
	}
	opts.Logger = logging.NewTemporalLogger(logger)
	opts.MetricsHandler = o.MetricsHandler
	opts.Identity = o.Identity
	return opts, nil
}
