-- The avvik workflow: Ny ('open') → Under behandling ('in_progress') →
-- Tiltak planlagt ('measures_planned') → Lukket ('closed'), or Avvist
-- ('rejected') with a reason.
--
-- SQLite cannot change a CHECK constraint, so the table is rebuilt with
-- every column it has. The migration runs in a transaction, where foreign
-- keys cannot be turned off; so the two tables that refer to avvik
-- (tiltak, avvik_comments) are set aside and rebuilt around it, and every
-- row of all three is copied as it is.
CREATE TABLE tiltak_aside AS SELECT * FROM tiltak;
CREATE TABLE avvik_comments_aside AS SELECT * FROM avvik_comments;
DROP TABLE tiltak;
DROP TABLE avvik_comments;
CREATE TABLE avvik_workflow (
    id             TEXT PRIMARY KEY,
    unit_id        TEXT NOT NULL REFERENCES org_units (id),
    room_id        TEXT REFERENCES rooms (id),
    finding_id     TEXT REFERENCES findings (id),
    source         TEXT NOT NULL CHECK (source IN ('round', 'qr', 'manual')),
    category       TEXT NOT NULL DEFAULT '',
    description    TEXT NOT NULL,
    probability    INTEGER CHECK (probability BETWEEN 1 AND 5),
    consequence    INTEGER CHECK (consequence BETWEEN 1 AND 5),
    status         TEXT NOT NULL
                   CHECK (status IN ('open', 'in_progress', 'measures_planned', 'closed', 'rejected')),
    reported_by    TEXT REFERENCES users (id),
    reporter_name  TEXT NOT NULL DEFAULT '',
    receipt_no     TEXT NOT NULL UNIQUE,
    assigned_to    TEXT REFERENCES users (id),
    closed_note    TEXT NOT NULL DEFAULT '',
    created_at     INTEGER NOT NULL,
    updated_at     INTEGER NOT NULL,
    closed_at      INTEGER,
    late           INTEGER NOT NULL DEFAULT 0,
    client_key     TEXT,
    status_key     TEXT,
    reporter_email TEXT NOT NULL DEFAULT '',
    occurred_at    INTEGER,
    severity       TEXT NOT NULL DEFAULT '',
    risk_score     INTEGER NOT NULL DEFAULT 0,
    rejected_reason TEXT NOT NULL DEFAULT ''
);
INSERT INTO avvik_workflow (id, unit_id, room_id, finding_id, source, category, description,
    probability, consequence, status, reported_by, reporter_name, receipt_no, assigned_to,
    closed_note, created_at, updated_at, closed_at, late, client_key, status_key, reporter_email,
    occurred_at, severity, risk_score)
SELECT id, unit_id, room_id, finding_id, source, category, description,
    probability, consequence, status, reported_by, reporter_name, receipt_no, assigned_to,
    closed_note, created_at, updated_at, closed_at, late, client_key, status_key, reporter_email,
    occurred_at, severity, risk_score
FROM avvik;
DROP TABLE avvik;
ALTER TABLE avvik_workflow RENAME TO avvik;
CREATE INDEX avvik_unit ON avvik (unit_id, status);
CREATE UNIQUE INDEX avvik_client_key ON avvik (client_key) WHERE client_key IS NOT NULL;
CREATE UNIQUE INDEX avvik_status_key ON avvik (status_key) WHERE status_key IS NOT NULL;
CREATE INDEX avvik_list ON avvik (unit_id, risk_score DESC, created_at, id);

CREATE TABLE tiltak (
    id                  TEXT PRIMARY KEY,
    unit_id             TEXT NOT NULL REFERENCES org_units (id),
    avvik_id            TEXT REFERENCES avvik (id),
    round_id            TEXT REFERENCES rounds (id),
    description         TEXT NOT NULL,
    responsible_user_id TEXT REFERENCES users (id),
    responsible_name    TEXT NOT NULL DEFAULT '',
    due_date            TEXT,
    status              TEXT NOT NULL CHECK (status IN ('planned', 'in_progress', 'done')),
    created_at          INTEGER NOT NULL,
    updated_at          INTEGER NOT NULL,
    done_at             INTEGER
);
CREATE INDEX tiltak_unit ON tiltak (unit_id, status);
INSERT INTO tiltak (id, unit_id, avvik_id, round_id, description, responsible_user_id,
    responsible_name, due_date, status, created_at, updated_at, done_at)
SELECT id, unit_id, avvik_id, round_id, description, responsible_user_id,
    responsible_name, due_date, status, created_at, updated_at, done_at
FROM tiltak_aside;
DROP TABLE tiltak_aside;

CREATE TABLE avvik_comments (
    id                  TEXT PRIMARY KEY,
    avvik_id            TEXT NOT NULL REFERENCES avvik (id),
    author_user_id      TEXT REFERENCES users (id),
    body                TEXT NOT NULL,
    visible_to_reporter INTEGER NOT NULL DEFAULT 0,
    created_at          INTEGER NOT NULL
);
CREATE INDEX avvik_comments_case ON avvik_comments (avvik_id, created_at);
INSERT INTO avvik_comments (id, avvik_id, author_user_id, body, visible_to_reporter, created_at)
SELECT id, avvik_id, author_user_id, body, visible_to_reporter, created_at
FROM avvik_comments_aside;
DROP TABLE avvik_comments_aside;
