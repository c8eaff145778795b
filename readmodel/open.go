package readmodel

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"net/url"
	"strings"

	_ "github.com/jackc/pgx/v5/stdlib" // database/sql driver "pgx"
	_ "modernc.org/sqlite"             // database/sql driver "sqlite", pure Go
)

// Store is the read model in one database. It is safe for concurrent use;
// several processes may share one database (for SQLite, one file).
type Store struct {
	db *sql.DB
	d  dialect
}

// Open connects to the read model and brings its schema up to date. dsn is
// either "sqlite:PATH" (a database file, created if missing, in WAL mode with
// a busy timeout and foreign keys on) or a PostgreSQL URL
// "postgres://user@host:port/db?sslmode=disable" ("postgresql://" too).
func Open(ctx context.Context, dsn string) (*Store, error) {
	var (
		s   *Store
		err error
	)
	switch {
	case strings.HasPrefix(dsn, "sqlite:"):
		s, err = openSQLite(strings.TrimPrefix(dsn, "sqlite:"))
	case strings.HasPrefix(dsn, "postgres://"), strings.HasPrefix(dsn, "postgresql://"):
		s, err = openPostgres(dsn)
	default:
		return nil, fmt.Errorf(`readmodel: DSN %q is neither "sqlite:PATH" nor "postgres://..."`, redact(dsn))
	}
	if err != nil {
		return nil, err
	}
	if err := s.db.PingContext(ctx); err != nil {
		s.db.Close()
		return nil, fmt.Errorf("readmodel: connect to %s: %w", redact(dsn), err)
	}
	if err := s.migrate(ctx); err != nil {
		s.db.Close()
		return nil, err
	}
	return s, nil
}

func openSQLite(path string) (*Store, error) {
	if path == "" {
		return nil, errors.New(`readmodel: "sqlite:" needs a file path, e.g. sqlite:.data/readmodel.db`)
	}
	q := url.Values{}
	for _, p := range []string{"busy_timeout(10000)", "journal_mode(WAL)", "foreign_keys(1)", "synchronous(NORMAL)", "cache_size(-32768)"} {
		q.Add("_pragma", p)
	}
	// Write transactions take the lock at BEGIN, so two writers wait for
	// each other (busy timeout) instead of failing on lock upgrade.
	q.Set("_txlock", "immediate")
	db, err := sql.Open("sqlite", "file:"+path+"?"+q.Encode())
	if err != nil {
		return nil, fmt.Errorf("readmodel: open %s: %w", path, err)
	}
	return &Store{db: db, d: sqliteDialect}, nil
}

func openPostgres(dsn string) (*Store, error) {
	db, err := sql.Open("pgx", dsn)
	if err != nil {
		return nil, fmt.Errorf("readmodel: open %s: %w", redact(dsn), err)
	}
	return &Store{db: db, d: postgresDialect}, nil
}

// Dialect names the database behind the store: "sqlite" or "postgres".
func (s *Store) Dialect() string { return s.d.String() }

// Close closes the database connections.
func (s *Store) Close() error { return s.db.Close() }

// redact hides a password in a DSN for error messages.
func redact(dsn string) string {
	u, err := url.Parse(dsn)
	if err != nil || u.User == nil {
		return dsn
	}
	if _, ok := u.User.Password(); ok {
		u.User = url.UserPassword(u.User.Username(), "xxxxx")
	}
	return u.String()
}
