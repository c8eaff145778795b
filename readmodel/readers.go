package readmodel

import (
	"database/sql"
	"time"
)

// The read model's tables are also read directly by packages that aggregate
// them (reports). They go through these three so that the storage encoding —
// UTC text of fixed width in SQLite, timestamptz in PostgreSQL, the
// no-deadline sentinel — stays known to this package alone.

// DB is the store's database handle, for read-only queries on its tables.
// The store keeps owning it.
func (s *Store) DB() *sql.DB { return s.db }

// TimeArg encodes an instant as a query argument comparable with the stored
// columns.
func (s *Store) TimeArg(t time.Time) any { return s.d.ts(t) }

// TimeScanner scans a stored instant into t: NULL and the no-deadline
// sentinel become the zero time.
func TimeScanner(t *time.Time) sql.Scanner { return timeCol{t} }
