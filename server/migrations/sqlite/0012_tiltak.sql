-- The tiltaksplan: a measure may be dropped ('not_done') with the reason,
-- and carries an optional cost estimate in whole kroner.
--
-- SQLite cannot change a CHECK constraint, so the table is rebuilt with
-- every column it has (no table refers to tiltak).
CREATE TABLE tiltak_new (
    id                  TEXT PRIMARY KEY,
    unit_id             TEXT NOT NULL REFERENCES org_units (id),
    avvik_id            TEXT REFERENCES avvik (id),
    round_id            TEXT REFERENCES rounds (id),
    description         TEXT NOT NULL,
    responsible_user_id TEXT REFERENCES users (id),
    responsible_name    TEXT NOT NULL DEFAULT '',
    due_date            TEXT,
    status              TEXT NOT NULL
                        CHECK (status IN ('planned', 'in_progress', 'done', 'not_done')),
    created_at          INTEGER NOT NULL,
    updated_at          INTEGER NOT NULL,
    done_at             INTEGER,
    not_done_reason     TEXT NOT NULL DEFAULT '',
    cost_estimate       INTEGER
);
INSERT INTO tiltak_new (id, unit_id, avvik_id, round_id, description, responsible_user_id,
    responsible_name, due_date, status, created_at, updated_at, done_at)
SELECT id, unit_id, avvik_id, round_id, description, responsible_user_id,
    responsible_name, due_date, status, created_at, updated_at, done_at
FROM tiltak;
DROP TABLE tiltak;
ALTER TABLE tiltak_new RENAME TO tiltak;
CREATE INDEX tiltak_unit ON tiltak (unit_id, status);
CREATE INDEX tiltak_avvik ON tiltak (avvik_id);
