package temporalconn

import (
	"context"
	"errors"
	"fmt"
	"time"

	"go.temporal.io/api/serviceerror"
	"go.temporal.io/api/workflowservice/v1"
	"go.temporal.io/sdk/client"
	"go.uber.org/zap"
	"google.golang.org/grpc/codes"
)

// namespaceCheckTimeout bounds the namespace check after a successful dial.
const namespaceCheckTimeout = 10 * time.Second

// Dial connects to Temporal with o resolved as ClientOptions does, and checks
// that the namespace exists, so that a wrong setting fails at start-up with a
// message saying which server and namespace were tried and how to fix it,
// instead of as a worker that polls forever. logger may be nil.
func Dial(ctx context.Context, o Options, logger *zap.Logger) (client.Client, error) {
	opts, err := ClientOptions(o, logger)
	if err != nil {
		return nil, err
	}
	c, err := client.DialContext(ctx, opts)
	if err != nil {
		return nil, dialError(opts, err)
	}
	if err := checkNamespace(ctx, c, opts, logger); err != nil {
		c.Close()
		return nil, err
	}
	if logger != nil {
		logger.Info("connected to Temporal", zap.String("address", opts.HostPort),
			zap.String("namespace", opts.Namespace), zap.String("security", security(opts)))
	}
	return c, nil
}

// checkNamespace fails only when the server says the namespace does not
// exist. Other errors are logged and tolerated, because some deployments (for
// example API keys scoped to a namespace) may not allow DescribeNamespace
// while allowing everything the project actually does.
func checkNamespace(ctx context.Context, c client.Client, opts client.Options, logger *zap.Logger) error {
	// Bounded because the connection is already proven; a slow answer here
	// should not hold up start-up for the caller's whole deadline.
	ctx, cancel := context.WithTimeout(ctx, namespaceCheckTimeout)
	defer cancel()
	_, err := c.WorkflowService().DescribeNamespace(ctx, &workflowservice.DescribeNamespaceRequest{Namespace: opts.Namespace})
	if err == nil {
		return nil
	}
	var notFound *serviceerror.NamespaceNotFound
	if errors.As(err, &notFound) || serviceerror.ToStatus(err).Code() == codes.NotFound {
		return fmt.Errorf("temporal namespace %q does not exist on %s: create it with "+
			"`temporal operator namespace create --namespace %s --address %s`, or choose another with --namespace or TEMPORAL_NAMESPACE",
			opts.Namespace, opts.HostPort, opts.Namespace, opts.HostPort)
	}
	if logger != nil {
		logger.Warn("could not verify the Temporal namespace; continuing",
			zap.String("address", opts.HostPort), zap.String("namespace", opts.Namespace), zap.Error(err))
	}
	return nil
}

// dialError says which server was tried with which security settings, and
// what to check, because the SDK's own message ("failed reaching server:
// connection error ...") names neither the setting nor where it came from.
func dialError(opts client.Options, err error) error {
	where := fmt.Sprintf("cannot connect to Temporal at %s (namespace %q, %s)", opts.HostPort, opts.Namespace, security(opts))
	switch serviceerror.ToStatus(err).Code() {
	case codes.Unauthenticated, codes.PermissionDenied:
		return fmt.Errorf("%s: %w; the server refused the credentials: check TEMPORAL_API_KEY or the TLS client certificate (TEMPORAL_TLS_CLIENT_CERT_PATH, TEMPORAL_TLS_CLIENT_KEY_PATH)", where, err)
	}
	hint := "check --address / TEMPORAL_ADDRESS (or the profile in TEMPORAL_CONFIG_FILE) and that TLS settings (TEMPORAL_TLS*, TEMPORAL_API_KEY) match the server"
	if opts.HostPort == DefaultHostPort {
		hint = "is the dev server running? Start the local stack with `make dev`, or set --address / TEMPORAL_ADDRESS to your server"
	}
	return fmt.Errorf("%s: %w; %s", where, err, hint)
}

// security summarises TLS and credentials for error messages without
// revealing any secret.
func security(opts client.Options) string {
	s := "plaintext"
	if opts.ConnectionOptions.TLS != nil && !opts.ConnectionOptions.TLSDisabled {
		s = "TLS"
	}
	if opts.Credentials != nil {
		s += ", API key set"
	}
	return s
}
