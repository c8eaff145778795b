package main

import (
	"flag"
	"fmt"
	"io/fs"
	"os"

	"github.com/lienthong/lienthong/catalog"
)

// catalogFlag registers --catalog, defaulting to $LIENTHONG_CATALOG.
func catalogFlag(fs *flag.FlagSet) *string {
	return fs.String("catalog", os.Getenv("LIENTHONG_CATALOG"), "catalogue directory (default: $LIENTHONG_CATALOG, else the catalogue built into the binary)")
}

// openCatalog returns the catalogue at dir, or the shipped one when dir is
// empty. os.DirFS does not check its directory, so a wrong path is refused
// here rather than reported later as "no files".
func openCatalog(dir string) (fs.FS, error) {
	if dir != "" {
		if st, err := os.Stat(dir); err != nil || !st.IsDir() {
			return nil, fmt.Errorf("catalogue directory %q does not exist or is not a directory", dir)
		}
	}
	return catalog.Open(dir), nil
}
