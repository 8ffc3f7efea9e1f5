-- Vern core schema (SQLite). Ids are client- or server-generated UUIDs as text;
-- timestamps are milliseconds since the Unix epoch (UTC); dates are 'YYYY-MM-DD'.
-- Nothing is hard-deleted by normal use: rows get archived_at / revoked_at instead.

CREATE TABLE org_units (
    id          TEXT PRIMARY KEY,
    parent_id   TEXT REFERENCES org_units (id),
    kind        TEXT NOT NULL CHECK (kind IN ('kommune', 'sektor', 'enhet', 'avdeling')),
    name        TEXT NOT NULL,
    created_at  INTEGER NOT NULL,
    archived_at INTEGER
);
CREATE INDEX org_units_parent ON org_units (parent_id);

CREATE TABLE verneomrader (
    id          TEXT PRIMARY KEY,
    unit_id     TEXT NOT NULL REFERENCES org_units (id),
    name        TEXT NOT NULL,
    created_at  INTEGER NOT NULL,
    archived_at INTEGER
);
CREATE INDEX verneomrader_unit ON verneomrader (unit_id);

CREATE TABLE buildings (
    id          TEXT PRIMARY KEY,
    unit_id     TEXT NOT NULL REFERENCES org_units (id),
    name        TEXT NOT NULL,
    address     TEXT NOT NULL DEFAULT '',
    created_at  INTEGER NOT NULL,
    archived_at INTEGER
);

CREATE TABLE rooms (
    id               TEXT PRIMARY KEY,
    building_id      TEXT NOT NULL REFERENCES buildings (id),
    unit_id          TEXT NOT NULL REFERENCES org_units (id),
    verneomrade_id   TEXT REFERENCES verneomrader (id),
    name             TEXT NOT NULL,
    floor            TEXT NOT NULL DEFAULT '',
    qr_token         TEXT NOT NULL UNIQUE,
    qr_revoked_at    INTEGER,
    created_at       INTEGER NOT NULL,
    archived_at      INTEGER
);
CREATE INDEX rooms_unit ON rooms (unit_id);
CREATE INDEX rooms_area ON rooms (verneomrade_id);

CREATE TABLE users (
    id            TEXT PRIMARY KEY,
    username      TEXT NOT NULL UNIQUE,
    display_name  TEXT NOT NULL,
    email         TEXT NOT NULL DEFAULT '',
    password_hash TEXT,
    created_at    INTEGER NOT NULL,
    disabled_at   INTEGER
);

CREATE TABLE role_grants (
    id          TEXT PRIMARY KEY,
    user_id     TEXT NOT NULL REFERENCES users (id),
    unit_id     TEXT NOT NULL REFERENCES org_units (id),
    role        TEXT NOT NULL CHECK (role IN ('hms_admin', 'hovedverneombud', 'verneombud', 'leder', 'amu_reader', 'medarbeider')),
    granted_by  TEXT REFERENCES users (id),
    granted_at  INTEGER NOT NULL,
    revoked_by  TEXT REFERENCES users (id),
    revoked_at  INTEGER
);
CREATE INDEX role_grants_user ON role_grants (user_id);
CREATE UNIQUE INDEX role_grants_active ON role_grants (user_id, unit_id, role) WHERE revoked_at IS NULL;

CREATE TABLE sessions (
    token_hash   TEXT PRIMARY KEY,
    user_id      TEXT NOT NULL REFERENCES users (id),
    created_at   INTEGER NOT NULL,
    last_seen_at INTEGER NOT NULL,
    expires_at   INTEGER NOT NULL
);
CREATE INDEX sessions_expiry ON sessions (expires_at);

CREATE TABLE login_attempts (
    id         INTEGER PRIMARY KEY AUTOINCREMENT,
    username   TEXT NOT NULL,
    client_ip  TEXT NOT NULL DEFAULT '',
    succeeded  INTEGER NOT NULL,
    at         INTEGER NOT NULL
);
CREATE INDEX login_attempts_user ON login_attempts (username, at);
CREATE INDEX login_attempts_ip ON login_attempts (client_ip, at);

CREATE TABLE checklist_templates (
    id            TEXT PRIMARY KEY,
    kind          TEXT NOT NULL CHECK (kind IN ('vernerunde', 'brannvernrunde', 'egenevaluering', 'risikovurdering')),
    name          TEXT NOT NULL,
    owner_unit_id TEXT REFERENCES org_units (id),
    created_at    INTEGER NOT NULL,
    archived_at   INTEGER
);

CREATE TABLE checklist_versions (
    id           TEXT PRIMARY KEY,
    template_id  TEXT NOT NULL REFERENCES checklist_templates (id),
    version      INTEGER NOT NULL,
    status       TEXT NOT NULL CHECK (status IN ('draft', 'published', 'retired')),
    created_by   TEXT REFERENCES users (id),
    created_at   INTEGER NOT NULL,
    published_at INTEGER,
    UNIQUE (template_id, version)
);

CREATE TABLE checklist_sections (
    id         TEXT PRIMARY KEY,
    version_id TEXT NOT NULL REFERENCES checklist_versions (id),
    position   INTEGER NOT NULL,
    title      TEXT NOT NULL
);
CREATE INDEX checklist_sections_version ON checklist_sections (version_id, position);

CREATE TABLE checklist_items (
    id         TEXT PRIMARY KEY,
    section_id TEXT NOT NULL REFERENCES checklist_sections (id),
    position   INTEGER NOT NULL,
    text       TEXT NOT NULL,
    guidance   TEXT NOT NULL DEFAULT '',
    legal_ref  TEXT NOT NULL DEFAULT '',
    category   TEXT NOT NULL DEFAULT ''
);
CREATE INDEX checklist_items_section ON checklist_items (section_id, position);

CREATE TABLE rounds (
    id                 TEXT PRIMARY KEY,
    kind               TEXT NOT NULL CHECK (kind IN ('vernerunde', 'brannvernrunde', 'egenevaluering', 'risikovurdering')),
    checklist_version_id TEXT NOT NULL REFERENCES checklist_versions (id),
    unit_id            TEXT NOT NULL REFERENCES org_units (id),
    verneomrade_id     TEXT REFERENCES verneomrader (id),
    title              TEXT NOT NULL DEFAULT '',
    planned_date       TEXT,
    status             TEXT NOT NULL CHECK (status IN ('planned', 'ongoing', 'finished')),
    started_at         INTEGER,
    finished_at        INTEGER,
    created_by         TEXT REFERENCES users (id),
    created_at         INTEGER NOT NULL,
    updated_at         INTEGER NOT NULL,
    archived_at        INTEGER
);
CREATE INDEX rounds_unit ON rounds (unit_id);

CREATE TABLE round_participants (
    id         TEXT PRIMARY KEY,
    round_id   TEXT NOT NULL REFERENCES rounds (id),
    user_id    TEXT REFERENCES users (id),
    name       TEXT NOT NULL,
    role_label TEXT NOT NULL DEFAULT '',
    signed_at  INTEGER
);

CREATE TABLE findings (
    id                TEXT PRIMARY KEY,
    round_id          TEXT NOT NULL REFERENCES rounds (id),
    room_id           TEXT REFERENCES rooms (id),
    item_id           TEXT NOT NULL REFERENCES checklist_items (id),
    answer            TEXT NOT NULL CHECK (answer IN ('ok', 'avvik', 'ikke_relevant')),
    observation       TEXT NOT NULL DEFAULT '',
    probability       INTEGER CHECK (probability BETWEEN 1 AND 5),
    consequence       INTEGER CHECK (consequence BETWEEN 1 AND 5),
    suggested_measure TEXT NOT NULL DEFAULT '',
    created_by        TEXT REFERENCES users (id),
    created_at        INTEGER NOT NULL,
    updated_at        INTEGER NOT NULL,
    archived_at       INTEGER
);
CREATE INDEX findings_round ON findings (round_id);

CREATE TABLE avvik (
    id            TEXT PRIMARY KEY,
    unit_id       TEXT NOT NULL REFERENCES org_units (id),
    room_id       TEXT REFERENCES rooms (id),
    finding_id    TEXT REFERENCES findings (id),
    source        TEXT NOT NULL CHECK (source IN ('round', 'qr', 'manual')),
    category      TEXT NOT NULL DEFAULT '',
    description   TEXT NOT NULL,
    probability   INTEGER CHECK (probability BETWEEN 1 AND 5),
    consequence   INTEGER CHECK (consequence BETWEEN 1 AND 5),
    status        TEXT NOT NULL CHECK (status IN ('open', 'in_progress', 'closed')),
    reported_by   TEXT REFERENCES users (id),
    reporter_name TEXT NOT NULL DEFAULT '',
    receipt_no    TEXT NOT NULL UNIQUE,
    assigned_to   TEXT REFERENCES users (id),
    closed_note   TEXT NOT NULL DEFAULT '',
    created_at    INTEGER NOT NULL,
    updated_at    INTEGER NOT NULL,
    closed_at     INTEGER
);
CREATE INDEX avvik_unit ON avvik (unit_id, status);

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

CREATE TABLE photos (
    id           TEXT PRIMARY KEY,
    owner_kind   TEXT NOT NULL CHECK (owner_kind IN ('finding', 'avvik')),
    owner_id     TEXT NOT NULL,
    sha256       TEXT NOT NULL,
    content_type TEXT NOT NULL,
    byte_size    INTEGER NOT NULL,
    width        INTEGER,
    height       INTEGER,
    object_key   TEXT NOT NULL,
    thumb_key    TEXT,
    uploaded_by  TEXT REFERENCES users (id),
    created_at   INTEGER NOT NULL
);
CREATE INDEX photos_owner ON photos (owner_kind, owner_id);

-- Planned activities of the årshjul (yearly plan) per unit.
CREATE TABLE planned_activities (
    id               TEXT PRIMARY KEY,
    unit_id          TEXT NOT NULL REFERENCES org_units (id),
    kind             TEXT NOT NULL,
    title            TEXT NOT NULL DEFAULT '',
    due_date         TEXT NOT NULL,
    responsible_role TEXT NOT NULL DEFAULT '',
    done_at          INTEGER,
    done_ref         TEXT,
    created_at       INTEGER NOT NULL
);
CREATE INDEX planned_activities_unit ON planned_activities (unit_id, due_date);

-- Push operations already applied, so a replay returns the first result.
CREATE TABLE applied_operations (
    op_id      TEXT PRIMARY KEY,
    user_id    TEXT REFERENCES users (id),
    applied_at INTEGER NOT NULL,
    result     TEXT NOT NULL
);

-- One global, gap-free counter; taking the next value locks its row, so
-- sequence order is commit order on both backends.
CREATE TABLE sequence_counters (
    name  TEXT PRIMARY KEY,
    value INTEGER NOT NULL
);
INSERT INTO sequence_counters (name, value) VALUES ('change', 0);

-- The append-only history of every change (internkontrollforskriften § 5),
-- numbered by the global change sequence that sync clients pull by.
CREATE TABLE history (
    seq           INTEGER PRIMARY KEY,
    entity_kind   TEXT NOT NULL,
    entity_id     TEXT NOT NULL,
    unit_id       TEXT,
    action        TEXT NOT NULL,
    actor_user_id TEXT REFERENCES users (id),
    at            INTEGER NOT NULL,
    data          TEXT NOT NULL DEFAULT '{}'
);
CREATE INDEX history_entity ON history (entity_kind, entity_id, seq);
CREATE INDEX history_unit ON history (unit_id, seq);

CREATE TRIGGER history_no_update BEFORE UPDATE ON history
BEGIN
    SELECT RAISE(ABORT, 'history is append-only');
END;
CREATE TRIGGER history_no_delete BEFORE DELETE ON history
BEGIN
    SELECT RAISE(ABORT, 'history is append-only');
END;
