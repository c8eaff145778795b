package readmodel

import (
	"database/sql/driver"
	"fmt"
	"time"
)

// dialect holds the few differences between the two databases: the driver
// name, how a time is passed as an argument, and the migrations directory.
// Queries themselves are written once, with $n placeholders, which both
// drivers bind by position.
type dialect int

const (
	sqliteDialect dialect = iota
	postgresDialect
)

func (d dialect) String() string {
	if d == postgresDialect {
		return "postgres"
	}
	return "sqlite"
}

// tsLayout is how SQLite stores instants: UTC, fixed width, so that text
// order is time order and an index on the column serves range queries.
const tsLayout = "2006-01-02T15:04:05.000000Z"

// noDeadline stands for "no time limit" in step_attempts.due_at, which is NOT
// NULL so that keyset paging never has to order NULLs (the two databases
// order them differently). It sorts after every real deadline.
var noDeadline = time.Date(9999, 12, 31, 0, 0, 0, 0, time.UTC)

// norm is the precision both databases keep: microseconds, UTC.
func norm(t time.Time) time.Time { return t.UTC().Truncate(time.Microsecond) }

// ts converts an instant to the argument the database stores.
func (d dialect) ts(t time.Time) any {
	if d == postgresDialect {
		return norm(t)
	}
	return norm(t).Format(tsLayout)
}

// tsOrNull is ts for an optional instant: nil and the zero time are NULL.
func (d dialect) tsOrNull(t *time.Time) any {
	if t == nil || t.IsZero() {
		return nil
	}
	return d.ts(*t)
}

// due converts an optional deadline for step_attempts.due_at.
func (d dialect) due(t *time.Time) any {
	if t == nil || t.IsZero() {
		return d.ts(noDeadline)
	}
	return d.ts(*t)
}

// timeCol scans an instant stored by either database into a time.Time; NULL
// and the no-deadline sentinel become the zero time.
type timeCol struct{ t *time.Time }

var _ interface{ Scan(any) error } = timeCol{}

func (c timeCol) Scan(src any) error {
	var t time.Time
	switch v := src.(type) {
	case nil:
	case time.Time:
		t = v
	case string:
		p, err := parseTS(v)
		if err != nil {
			return err
		}
		t = p
	case []byte:
		p, err := parseTS(string(v))
		if err != nil {
			return err
		}
		t = p
	default:
		return fmt.Errorf("readmodel: cannot scan %T into a time", src)
	}
	if !t.IsZero() {
		t = t.UTC()
		if !t.Before(noDeadline) {
			t = time.Time{}
		}
	}
	*c.t = t
	return nil
}

func parseTS(s string) (time.Time, error) {
	if t, err := time.Parse(tsLayout, s); err == nil {
		return t, nil
	}
	return time.Parse(time.RFC3339Nano, s)
}

// boolArg converts a flag for the database (SQLite has no boolean type).
func (d dialect) boolArg(b bool) driver.Value {
	if d == postgresDialect {
		return b
	}
	if b {
		return int64(1)
	}
	return int64(0)
}
