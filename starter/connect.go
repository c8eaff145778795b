package main

import (
	"context"
	"errors"
	"flag"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"strings"
	"time"

	"go.temporal.io/sdk/client"
	"go.uber.org/zap"

	"github.com/lienthong/lienthong/intake"
	"github.com/lienthong/lienthong/logging"
	"github.com/lienthong/lienthong/payload"
	"github.com/lienthong/lienthong/procedure"
	"github.com/lienthong/lienthong/temporalconn"
	"github.com/lienthong/lienthong/workflows"
)

// conn holds the flags every command that talks to Temporal shares, and what
// they open.
type conn struct {
	opts       temporalconn.Options
	catalogDir *string
	dataDir    string
	jsonOut    bool

	client client.Client
	keys   *payload.Keyring
	cat    *procedure.Catalogue
}

func (c *conn) register(fs *flag.FlagSet) {
	temporalconn.RegisterFlags(fs, &c.opts)
	c.catalogDir = catalogFlag(fs)
	fs.StringVar(&c.dataDir, "data-dir", envOr("LIENTHONG_DATA_DIR", ".data"), "data directory holding the dossier sequence [LIENTHONG_DATA_DIR]")
	fs.BoolVar(&c.jsonOut, "json", false, "print JSON instead of text")
}

// open loads the catalogue and dials Temporal; errors are printed for people.
func (c *conn) open(ctx context.Context, stderr io.Writer) error {
	fsys, err := openCatalog(*c.catalogDir)
	if err != nil {
		return err
	}
	cat, err := procedure.Load(fsys)
	if err != nil {
		return fmt.Errorf("catalogue: %w", err)
	}
	c.cat = cat
	if c.keys, err = c.keyring(); err != nil {
		return err
	}
	c.opts.Keyring = c.keys
	logger, err := logging.New(logging.Options{Level: envOr("LIENTHONG_LOG_LEVEL", "warn"), Format: logging.FormatConsole})
	if err != nil {
		logger = zap.NewNop()
	}
	c.client, err = temporalconn.Dial(ctx, c.opts, logger)
	return err
}

// keyring loads the payload keys from the environment or, on the local stack
// (neither variable set), from the data directory where make dev created them.
func (c *conn) keyring() (*payload.Keyring, error) {
	if os.Getenv(payload.EnvKeysFile) == "" && os.Getenv(payload.EnvKeys) == "" {
		local := filepath.Join(c.dataDir, "payload-keys.json")
		if _, err := os.Stat(local); err == nil {
			return payload.LoadKeys(local)
		}
	}
	return payload.KeyringFromEnv()
}

func (c *conn) close() {
	if c.client != nil {
		c.client.Close()
	}
}

func (c *conn) sequencePath() string { return filepath.Join(c.dataDir, "sequence.json") }

func envOr(name, def string) string {
	if v := os.Getenv(name); v != "" {
		return v
	}
	return def
}

// codeAndFlags parses "CODE [flags]": the dossier code comes first.
func codeAndFlags(fs *flag.FlagSet, args []string) (string, int, bool) {
	if len(args) == 0 || strings.HasPrefix(args[0], "-") {
		fs.Usage()
		return "", 2, false
	}
	rc, ok := parseFlags(fs, args[1:])
	return args[0], rc, ok
}

// openSlip connects and reads the dossier's slip; errors are printed with the
// command's name and reported as exit code 1.
func (c *conn) openSlip(ctx context.Context, name, code string, stderr io.Writer) (workflows.Slip, bool) {
	if err := c.open(ctx, stderr); err != nil {
		fmt.Fprintf(stderr, "starter %s: %v\n", name, err)
		return workflows.Slip{}, false
	}
	s, err := intake.WaitForSlip(ctx, c.client, code, 10*time.Second)
	if err != nil {
		fmt.Fprintf(stderr, "starter %s: %v\n", name, err)
		return workflows.Slip{}, false
	}
	return s, true
}

// parseFlags parses args and reports usage errors with exit code 2.
func parseFlags(fs *flag.FlagSet, args []string) (int, bool) {
	if err := fs.Parse(args); err != nil {
		if errors.Is(err, flag.ErrHelp) {
			return 0, false
		}
		return 2, false
	}
	return 0, true
}

// vnZone is Asia/Ho_Chi_Minh for printing times to people.
var vnZone = time.FixedZone("ICT", 7*3600)
