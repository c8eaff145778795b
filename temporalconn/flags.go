package temporalconn

import "flag"

// RegisterFlags adds --address and --namespace to fs, bound to o.HostPort and
// o.Namespace. Left unset they keep o's values, so the environment and config
// profile still apply; set, they win over both.
func RegisterFlags(fs *flag.FlagSet, o *Options) {
	fs.StringVar(&o.HostPort, "address", o.HostPort,
		"Temporal frontend `host:port` (overrides TEMPORAL_ADDRESS and the config profile; default "+DefaultHostPort+")")
	fs.StringVar(&o.Namespace, "namespace", o.Namespace,
		"Temporal `namespace` (overrides TEMPORAL_NAMESPACE and the config profile; default "+DefaultNamespace+")")
}
