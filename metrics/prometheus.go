package metrics

import (
	"io"
	"net/http"
	"time"

	prom "github.com/prometheus/client_golang/prometheus"
	"github.com/prometheus/client_golang/prometheus/collectors"
	"github.com/uber-go/tally/v4"
	tallyprom "github.com/uber-go/tally/v4/prometheus"
	"go.temporal.io/sdk/client"
	sdktally "go.temporal.io/sdk/contrib/tally"
)

// DefaultInterval is how often tally hands what was recorded to the
// Prometheus registry: a scrape sees values at most this old.
const DefaultInterval = time.Second

// Prometheus is the worker's metrics pipeline.
type Prometheus struct {
	// Handler is the SDK metrics handler to pass to the client
	// (client.Options.MetricsHandler) and to record the worker's own gauges.
	Handler client.MetricsHandler
	// HTTP serves the registry in the Prometheus text format (GET /metrics).
	HTTP   http.Handler
	closer io.Closer
}

// NewPrometheus builds a private Prometheus registry (with the Go runtime and
// process collectors), a tally root scope reporting to it every interval
// (DefaultInterval when zero), named and sanitised the way the SDK's
// Prometheus metrics expect, and the SDK handler on top. onError receives
// registration errors (a metric recorded with two different label sets);
// nil ignores them rather than panicking in the worker.
func NewPrometheus(interval time.Duration, onError func(error)) *Prometheus {
	if interval <= 0 {
		interval = DefaultInterval
	}
	if onError == nil {
		onError = func(error) {}
	}
	reg := prom.NewRegistry()
	reg.MustRegister(collectors.NewGoCollector(), collectors.NewProcessCollector(collectors.ProcessCollectorOpts{}))
	reporter := tallyprom.NewReporter(tallyprom.Options{
		Registerer:       reg,
		DefaultTimerType: tallyprom.HistogramTimerType,
		OnRegisterError:  onError,
	})
	scope, closer := tally.NewRootScope(tally.ScopeOptions{
		CachedReporter:  reporter,
		Separator:       tallyprom.DefaultSeparator,
		SanitizeOptions: &sanitize,
	}, interval)
	return &Prometheus{
		Handler: sdktally.NewMetricsHandler(sdktally.NewPrometheusNamingScope(scope)),
		HTTP:    reporter.HTTPHandler(),
		closer:  closer,
	}
}

// sanitize is the SDK's Prometheus sanitising, except that label values keep
// dots and dashes: unit codes (H26.STC.DKKD) and the task queue
// (lienthong-dossiers) read in the scrape as they do everywhere else.
var sanitize = func() tally.SanitizeOptions {
	o := sdktally.PrometheusSanitizeOptions
	o.ValueCharacters = tally.ValidCharacters{Ranges: tally.AlphanumericRange, Characters: []rune{'_', '.', '-'}}
	return o
}()

// Close reports what is pending one last time and stops the reporting loop.
func (p *Prometheus) Close() error { return p.closer.Close() }
