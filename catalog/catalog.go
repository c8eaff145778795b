// Package catalog ships the catalogue data — the organisation, the procedures
// and the working-day calendars — inside every binary, so a fresh machine needs
// no files beside the executable. An administrator points the processes at a
// directory of their own (flag --catalog or LIENTHONG_CATALOG) to override it.
package catalog

import (
	"embed"
	"io/fs"
	"os"
)

//go:embed organisation procedures calendar
var embedded embed.FS

// FS returns the shipped catalogue.
func FS() fs.FS { return embedded }

// Open returns the catalogue at dir, or the shipped one when dir is empty.
func Open(dir string) fs.FS {
	if dir == "" {
		return embedded
	}
	return os.DirFS(dir)
}
