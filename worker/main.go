// Command worker runs lienthong's dossier workflows and activities against a
// Temporal server. Connection settings follow the SDK's conventions
// (TEMPORAL_ADDRESS, TEMPORAL_NAMESPACE, TEMPORAL_API_KEY, TEMPORAL_TLS_*, or a
// config profile) with the local stack as the default; payloads are encrypted
// with the keys of LIENTHONG_PAYLOAD_KEYS_FILE. It also serves a small admin
// HTTP endpoint: health, the Temporal UI's codec endpoint and Prometheus
// metrics.
package main

import (
	"context"
	"errors"
	"flag"
	"fmt"
	"io"
	"net/http"
	"os"
	"os/signal"
	"path/filepath"
	"strings"
	"syscall"
	"time"

	"go.temporal.io/sdk/worker"
	"go.uber.org/zap"

	"github.com/lienthong/lienthong/activities"
	"github.com/lienthong/lienthong/catalog"
	"github.com/lienthong/lienthong/journal"
	"github.com/lienthong/lienthong/logging"
	"github.com/lienthong/lienthong/metrics"
	"github.com/lienthong/lienthong/notify"
	"github.com/lienthong/lienthong/payload"
	"github.com/lienthong/lienthong/procedure"
	"github.com/lienthong/lienthong/readmodel"
	"github.com/lienthong/lienthong/temporalconn"
	"github.com/lienthong/lienthong/workday"
	"github.com/lienthong/lienthong/workflows"
)

func main() {
	ctx, stop := signal.NotifyContext(context.Background(), os.Interrupt, syscall.SIGTERM)
	code := run(ctx, os.Args[1:], os.Stderr)
	stop()
	os.Exit(code)
}

// config is the worker's configuration: flags, defaulting to environment
// variables, defaulting to the local stack.
type config struct {
	conn       temporalconn.Options
	catalogDir string
	dataDir    string
	adminAddr  string
	uiOrigins  string
	codecToken string
	baseURL    string
	readModel  string
	logLevel   string
	logFormat  string
}

func env(name, def string) string {
	if v := os.Getenv(name); v != "" {
		return v
	}
	return def
}

func parseFlags(args []string, stderr io.Writer) (config, error) {
	var c config
	fs := flag.NewFlagSet("worker", flag.ContinueOnError)
	fs.SetOutput(stderr)
	temporalconn.RegisterFlags(fs, &c.conn)
	fs.StringVar(&c.catalogDir, "catalog", env("LIENTHONG_CATALOG", ""), "catalogue directory (organisation/, procedures/, calendar/); empty = the shipped one [LIENTHONG_CATALOG]")
	fs.StringVar(&c.dataDir, "data-dir", env("LIENTHONG_DATA_DIR", ".data"), "directory for the journal [LIENTHONG_DATA_DIR]")
	fs.StringVar(&c.adminAddr, "admin-addr", env("LIENTHONG_ADMIN_ADDR", "127.0.0.1:8234"), "address of the health, codec and /metrics endpoint; empty disables it [LIENTHONG_ADMIN_ADDR]")
	fs.StringVar(&c.uiOrigins, "ui-origin", env("LIENTHONG_UI_ORIGIN", "http://localhost:8233,http://127.0.0.1:8233"), "comma-separated Temporal UI origins allowed to call the codec endpoint [LIENTHONG_UI_ORIGIN]")
	fs.StringVar(&c.codecToken, "codec-token", env("LIENTHONG_CODEC_TOKEN", ""), "bearer token the codec endpoint requires; empty = none (loopback only) [LIENTHONG_CODEC_TOKEN]")
	fs.StringVar(&c.baseURL, "base-url", env("LIENTHONG_BASE_URL", ""), "web app address for links in alerts, e.g. https://motcua.hanoi.gov.vn; empty = no link [LIENTHONG_BASE_URL]")
	fs.StringVar(&c.readModel, "readmodel", env("LIENTHONG_READMODEL", ""), "read model database: sqlite:PATH or postgres://…; empty = sqlite:<data-dir>/readmodel.db [LIENTHONG_READMODEL]")
	fs.StringVar(&c.logLevel, "log-level", env("LIENTHONG_LOG_LEVEL", "info"), "debug, info, warn or error [LIENTHONG_LOG_LEVEL]")
	fs.StringVar(&c.logFormat, "log-format", env("LIENTHONG_LOG_FORMAT", "json"), "json or console [LIENTHONG_LOG_FORMAT]")
	if err := fs.Parse(args); err != nil {
		return c, err
	}
	if fs.NArg() > 0 {
		return c, fmt.Errorf("unexpected arguments %q", fs.Args())
	}
	return c, nil
}

func run(ctx context.Context, args []string, stderr io.Writer) int {
	cfg, err := parseFlags(args, stderr)
	if err != nil {
		if errors.Is(err, flag.ErrHelp) {
			return 0
		}
		fmt.Fprintln(stderr, "worker:", err)
		return 2
	}
	logger, err := logging.New(logging.Options{Level: cfg.logLevel, Format: cfg.logFormat})
	if err != nil {
		fmt.Fprintln(stderr, "worker:", err)
		return 2
	}
	defer logger.Sync() //nolint:errcheck // stderr sync errors are not actionable
	if err := serve(ctx, cfg, logger); err != nil {
		logger.Error("worker stopped", zap.Error(err))
		return 1
	}
	return 0
}

// serve runs the worker until ctx is done.
func serve(ctx context.Context, cfg config, logger *zap.Logger) error {
	cal, err := workday.Load(catalog.Open(cfg.catalogDir))
	if err != nil {
		return fmt.Errorf("calendar: %w", err)
	}
	cat, err := procedure.Load(catalog.Open(cfg.catalogDir))
	if err != nil {
		return fmt.Errorf("catalogue: %w", err)
	}
	channels, err := alertChannels(os.Getenv)
	if err != nil {
		return err
	}
	keys := cfg.conn.Keyring
	if keys == nil {
		if keys, err = payload.KeyringFromEnv(); err != nil {
			return err
		}
		cfg.conn.Keyring = keys
	}
	j, err := journal.Open(filepath.Join(cfg.dataDir, "journal"))
	if err != nil {
		return err
	}
	dsn := cfg.readModel
	if dsn == "" {
		dsn = "sqlite:" + filepath.Join(cfg.dataDir, "readmodel.db")
	}
	rm, err := readmodel.Open(ctx, dsn)
	if err != nil {
		return err
	}
	defer rm.Close()
	prom := metrics.NewPrometheus(metrics.DefaultInterval, func(err error) {
		logger.Warn("metric not registered", zap.Error(err))
	})
	defer prom.Close() //nolint:errcheck // nothing to do about a last report failing
	if cfg.conn.MetricsHandler == nil {
		cfg.conn.MetricsHandler = prom.Handler
	}
	c, err := temporalconn.Dial(ctx, cfg.conn, logger)
	if err != nil {
		return err
	}
	defer c.Close()

	w := worker.New(c, workflows.TaskQueue, worker.Options{})
	workflows.Register(w)
	acts := activities.New(cal, j, logger)
	acts.Org, acts.Channels, acts.BaseURL, acts.Projection = &cat.Organisation, channels, cfg.baseURL, rm
	acts.Register(w)

	var admin *http.Server
	if cfg.adminAddr != "" {
		admin = &http.Server{
			Addr:              cfg.adminAddr,
			Handler:           adminHandler(keys, splitList(cfg.uiOrigins), cfg.codecToken, prom.HTTP),
			ReadHeaderTimeout: 10 * time.Second,
		}
		go func() {
			if err := admin.ListenAndServe(); err != nil && !errors.Is(err, http.ErrServerClosed) {
				logger.Error("admin endpoint failed", zap.String("addr", cfg.adminAddr), zap.Error(err))
			}
		}()
	}
	if err := w.Start(); err != nil {
		return fmt.Errorf("start worker on task queue %s: %w", workflows.TaskQueue, err)
	}
	units := make([]string, len(cat.Organisation.Units))
	for i, u := range cat.Organisation.Units {
		units[i] = u.Code
	}
	gaugeCtx, stopGauges := context.WithCancel(ctx)
	gaugesDone := make(chan struct{})
	go func() {
		defer close(gaugesDone)
		watchOverdue(gaugeCtx, rm, prom.Handler, units, overdueEvery, logger)
	}()
	defer func() { stopGauges(); <-gaugesDone }()
	names := make([]string, len(channels))
	for i, ch := range channels {
		names[i] = ch.Name
	}
	logger.Info("worker started", zap.String("taskQueue", workflows.TaskQueue), zap.Strings("alertChannels", names),
		zap.Ints("calendarYears", cal.Years()), zap.String("calendar", cal.Revision()), zap.String("admin", cfg.adminAddr))
	<-ctx.Done()
	logger.Info("stopping: finishing in-flight tasks")
	w.Stop()
	if admin != nil {
		sctx, cancel := context.WithTimeout(context.Background(), 5*time.Second)
		defer cancel()
		_ = admin.Shutdown(sctx)
	}
	return nil
}

// alertChannels builds the alert channels the environment configures:
// e-mail when LIENTHONG_SMTP_HOST is set, a webhook when LIENTHONG_WEBHOOK_URL
// is. The in-app feed and the log need no configuration.
func alertChannels(getenv func(string) string) ([]activities.Channel, error) {
	var out []activities.Channel
	cfg, ok, err := notify.SMTPConfigFromEnv(getenv)
	if err != nil {
		return nil, err
	}
	if ok {
		smtp, err := notify.NewSMTP(cfg)
		if err != nil {
			return nil, err
		}
		out = append(out, activities.Channel{Name: "email", Sender: smtp})
	}
	wh, err := notify.WebhookFromEnv(getenv)
	if err != nil {
		return nil, err
	}
	if wh != nil {
		out = append(out, activities.Channel{Name: "webhook", Sender: wh})
	}
	return out, nil
}

// adminHandler serves /healthz, the Temporal UI's codec endpoint at /codec
// and, when metricsHTTP is not nil, Prometheus metrics at /metrics.
func adminHandler(keys *payload.Keyring, origins []string, token string, metricsHTTP http.Handler) http.Handler {
	mux := http.NewServeMux()
	mux.HandleFunc("GET /healthz", func(w http.ResponseWriter, r *http.Request) {
		w.Header().Set("Content-Type", "text/plain; charset=utf-8")
		fmt.Fprintln(w, "ok")
	})
	if metricsHTTP != nil {
		mux.Handle("GET /metrics", metricsHTTP)
	}
	mux.Handle("/codec/", http.StripPrefix("/codec", payload.CodecHandler(keys, payload.HandlerOptions{AllowedOrigins: origins, Token: token})))
	return mux
}

func splitList(s string) []string {
	var out []string
	for _, p := range strings.Split(s, ",") {
		if p = strings.TrimSpace(p); p != "" {
			out = append(out, p)
		}
	}
	return out
}
