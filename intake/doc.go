// Package intake turns what the one-stop desk received into a running
// dossier: it validates the dossier against its procedure (fields, checklist,
// the clerk's desk), snapshots the procedure version and the units it needs,
// allocates the dossier code from a durable daily sequence, and starts the
// workflow exactly once per submission. The CLI and the web app both use it.
package intake
