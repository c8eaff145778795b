package devserver

import (
	"bufio"
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"strings"
)

// ModulePath is the main module whose root holds .bin/.
const ModulePath = "github.com/lienthong/lienthong"

// EnvBinary names the environment variable that overrides the Temporal CLI
// binary (`make test` sets it).
const EnvBinary = "LIENTHONG_TEMPORAL_CLI"

// ErrNoBinary is returned (wrapped) by FindBinary when no CLI is found.
var ErrNoBinary = errors.New("temporal CLI not found: run `make tools` (builds the pinned Temporal CLI from the Go module proxy)")

// FindBinary returns the Temporal CLI to run: $LIENTHONG_TEMPORAL_CLI if set,
// else <repo root>/.bin/temporal, where the repo root is the nearest directory
// above the working directory whose go.mod declares ModulePath.
func FindBinary() (string, error) {
	if p := os.Getenv(EnvBinary); p != "" {
		if _, err := os.Stat(p); err != nil {
			return "", fmt.Errorf("%s=%s: %w", EnvBinary, p, err)
		}
		return p, nil
	}
	root, err := RepoRoot()
	if err != nil {
		return "", fmt.Errorf("%w (%v)", ErrNoBinary, err)
	}
	p := filepath.Join(root, ".bin", "temporal")
	if _, err := os.Stat(p); err != nil {
		return "", fmt.Errorf("%w: no %s", ErrNoBinary, p)
	}
	return p, nil
}

// RepoRoot walks up from the working directory to the directory whose go.mod
// declares ModulePath (not the tools/* modules nested inside it).
func RepoRoot() (string, error) {
	dir, err := os.Getwd()
	if err != nil {
		return "", err
	}
	for {
		if isModuleRoot(dir) {
			return dir, nil
		}
		parent := filepath.Dir(dir)
		if parent == dir {
			return "", fmt.Errorf("no go.mod of module %s above the working directory", ModulePath)
		}
		dir = parent
	}
}

func isModuleRoot(dir string) bool {
	f, err := os.Open(filepath.Join(dir, "go.mod"))
	if err != nil {
		return false
	}
	defer f.Close()
	sc := bufio.NewScanner(f)
	for sc.Scan() {
		if mod, ok := strings.CutPrefix(strings.TrimSpace(sc.Text()), "module "); ok {
			mod, _, _ = strings.Cut(mod, "//")
			return strings.Trim(strings.TrimSpace(mod), `"`) == ModulePath
		}
	}
	return false
}
