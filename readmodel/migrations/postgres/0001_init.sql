-- The read model's first schema: events, dossiers, step attempts, alerts.
-- Times are timestamptz (microseconds); an open step attempt without a deadline has
-- due_at = the sentinel 9999-12-31 so keyset paging never meets NULL.

CREATE TABLE events (
	key        TEXT PRIMARY KEY,
	dossier    TEXT NOT NULL,
	procedure  TEXT NOT NULL DEFAULT '',
	kind       TEXT NOT NULL,
	at         TIMESTAMPTZ NOT NULL,
	step       TEXT NOT NULL DEFAULT '',
	attempt    INTEGER NOT NULL DEFAULT 0,
	unit       TEXT NOT NULL DEFAULT '',
	actor      TEXT NOT NULL DEFAULT '',
	on_behalf  TEXT NOT NULL DEFAULT '',
	action     TEXT NOT NULL DEFAULT '',
	due        TIMESTAMPTZ,
	level      INTEGER NOT NULL DEFAULT 0,
	audience   TEXT NOT NULL DEFAULT '',
	note       TEXT NOT NULL DEFAULT ''
);
CREATE INDEX events_dossier ON events (dossier, at);

CREATE TABLE dossiers (
	code         TEXT PRIMARY KEY,
	procedure    TEXT NOT NULL DEFAULT '',
	desk         TEXT NOT NULL DEFAULT '',
	channel      TEXT NOT NULL DEFAULT '',
	received_at  TIMESTAMPTZ,
	due_at       TIMESTAMPTZ,
	status       TEXT NOT NULL DEFAULT 'in_progress',
	outcome      TEXT NOT NULL DEFAULT '',
	finished_at  TIMESTAMPTZ,
	overdue      BOOLEAN NOT NULL DEFAULT FALSE,
	alert_level  INTEGER NOT NULL DEFAULT 0,
	slip_rows    INTEGER NOT NULL DEFAULT 0
);
CREATE INDEX dossiers_status_due ON dossiers (status, due_at);
CREATE INDEX dossiers_procedure ON dossiers (procedure, received_at);

CREATE TABLE step_attempts (
	dossier      TEXT NOT NULL REFERENCES dossiers (code),
	step         TEXT NOT NULL,
	attempt      INTEGER NOT NULL,
	seq          INTEGER NOT NULL,
	row_no       INTEGER NOT NULL,
	procedure    TEXT NOT NULL DEFAULT '',
	unit         TEXT NOT NULL,
	holder       TEXT NOT NULL DEFAULT '',
	given_by     TEXT NOT NULL DEFAULT '',
	given_at     TIMESTAMPTZ NOT NULL,
	due_at       TIMESTAMPTZ NOT NULL,
	finished_at  TIMESTAMPTZ,
	result       TEXT NOT NULL DEFAULT '',
	actor        TEXT NOT NULL DEFAULT '',
	on_behalf    TEXT NOT NULL DEFAULT '',
	note         TEXT NOT NULL DEFAULT '',
	alert_level  INTEGER NOT NULL DEFAULT 0,
	PRIMARY KEY (dossier, step, attempt, seq)
);
CREATE UNIQUE INDEX step_attempts_row ON step_attempts (dossier, row_no);
CREATE INDEX step_attempts_inbox ON step_attempts (unit, due_at, dossier, step, attempt)
	WHERE finished_at IS NULL;
CREATE INDEX step_attempts_inbox_procedure ON step_attempts (unit, procedure, due_at, dossier, step, attempt)
	WHERE finished_at IS NULL;

CREATE TABLE alerts (
	key        TEXT PRIMARY KEY REFERENCES events (key),
	dossier    TEXT NOT NULL REFERENCES dossiers (code),
	procedure  TEXT NOT NULL DEFAULT '',
	step       TEXT NOT NULL DEFAULT '',
	attempt    INTEGER NOT NULL DEFAULT 0,
	unit       TEXT NOT NULL DEFAULT '',
	holder     TEXT NOT NULL DEFAULT '',
	audience   TEXT NOT NULL DEFAULT '',
	level      INTEGER NOT NULL DEFAULT 0,
	at         TIMESTAMPTZ NOT NULL,
	due        TIMESTAMPTZ
);
CREATE INDEX alerts_unit ON alerts (unit, at DESC, key DESC);
