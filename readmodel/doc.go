// Package readmodel is the SQL projection of the dossiers' journals that the
// people-facing lists read: one row per dossier, per step attempt (hand-off
// to finish, like a row of the process control slip), per event and per
// alert. Activities feed it journal records through Apply, which is
// idempotent by record key, so a retried activity or a rebuild from the
// journal never duplicates a row.
//
// The same code and queries run on two databases: an embedded SQLite file
// (pure Go, no cgo; the default) and PostgreSQL (production). Open picks one
// by the DSN and applies the versioned schema migrations embedded under
// migrations/<dialect>/.
package readmodel
