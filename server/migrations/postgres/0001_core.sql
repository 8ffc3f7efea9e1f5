-- Vern core schema (PostgreSQL). Ids are client- or server-generated UUIDs as text;
-- timestamps are milliseconds since the Unix epoch (UTC); dates are 'YYYY-MM-DD'.
-- Nothing is hard-deleted by normal use: rows get archived_at / revoked_at instead.

CREATE TABLE org_units (
    id          TEXT PRIMARY KEY,
    parent_id   TEXT REFERENCES org_units (id),
    kind        TEXT NOT NULL CHECK (kind IN ('kommune', 'sektor', 'enhet', 'avdeling')),
    name        TEXT NOT NULL,
    created_at  BIGINT NOT NULL,
    archived_at BIGINT
);
CREATE INDEX org_units_parent ON org_units (parent_id);

CREATE TABLE verneomrader (
    id          TEXT PRIMARY KEY,
    unit_id     TEXT NOT NULL REFERENCES org_units (id),
    name        TEXT NOT NULL,
    created_at  BIGINT NOT NULL,
    archived_at BIGINT
);
CREATE INDEX verneomrader_unit ON verneomrader (unit_id);

CREATE TABLE buildings (
    id          TEXT PRIMARY KEY,
    unit_id     TEXT NOT NULL REFERENCES org_units (id),
    name        TEXT NOT NULL,
    address     TEXT NOT NULL DEFAULT '',
    created_at  BIGINT NOT NULL,
    archived_at BIGINT
);

CREATE TABLE rooms (
    id               TEXT PRIMARY KEY,
    building_id      TEXT NOT NULL REFERENCES buildings (id),
    unit_id          TEXT NOT NULL REFERENCES org_units (id),
    verneomrade_id   TEXT REFERENCES verneomrader (id),
    name             TEXT NOT NULL,
    floor            TEXT NOT NULL DEFAULT '',
    qr_token         TEXT NOT NULL UNIQUE,
    qr_revoked_at    BIGINT,
    created_at       BIGINT NOT NULL,
    archived_at      BIGINT
);
CREATE INDEX rooms_unit ON rooms (unit_id);
CREATE INDEX rooms_area ON rooms (verneomrade_id);

CREATE TABLE users (
    id            TEXT PRIMARY KEY,
    username      TEXT NOT NULL UNIQUE,
    display_name  TEXT NOT NULL,
    email         TEXT NOT NULL DEFAULT '',
    password_hash TEXT,
    created_at    BIGINT NOT NULL,
    disabled_at   BIGINT
);

CREATE TABLE role_grants (
    id          TEXT PRIMARY KEY,
    user_id     TEXT NOT NULL REFERENCES users (id),
    unit_id     TEXT NOT NULL REFERENCES org_units (id),
    role        TEXT NOT NULL CHECK (role IN ('hms_admin', 'hovedverneombud', 'verneombud', 'leder', 'amu_reader', 'medarbeider')),
    granted_by  TEXT REFERENCES users (id),
    granted_at  BIGINT NOT NULL,
    revoked_by  TEXT REFERENCES users (id),
    revoked_at  BIGINT
);
CREATE INDEX role_grants_user ON role_grants (user_id);
CREATE UNIQUE INDEX role_grants_active ON role_grants (user_id, unit_id, role) WHERE revoked_at IS NULL;

CREATE TABLE sessions (
    token_hash   TEXT PRIMARY KEY,
    user_id      TEXT NOT NULL REFERENCES users (id),
    created_at   BIGINT NOT NULL,
    last_seen_at BIGINT NOT NULL,
    expires_at   BIGINT NOT NULL
);
CREATE INDEX sessions_expiry ON sessions (expires_at);

CREATE TABLE login_attempts (
    id         BIGINT GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    username   TEXT NOT NULL,
    client_ip  TEXT NOT NULL DEFAULT '',
    succeeded  BIGINT NOT NULL,
    at         BIGINT NOT NULL
);
CREATE INDEX login_attempts_user ON login_attempts (username, at);
CREATE INDEX login_attempts_ip ON login_attempts (client_ip, at);

CREATE TABLE checklist_templates (
    id            TEXT PRIMARY KEY,
    kind          TEXT NOT NULL CHECK (kind IN ('vernerunde', 'brannvernrunde', 'egenevaluering', 'risikovurdering')),
    name          TEXT NOT NULL,
    owner_unit_id TEXT REFERENCES org_units (id),
    created_at    BIGINT NOT NULL,
    archived_at   BIGINT
);

CREATE TABLE checklist_versions (
    id           TEXT PRIMARY KEY,
    template_id  TEXT NOT NULL REFERENCES checklist_templates (id),
    version      BIGINT NOT NULL,
    status       TEXT NOT NULL CHECK (status IN ('draft', 'published', 'retired')),
    created_by   TEXT REFERENCES users (id),
    created_at   BIGINT NOT NULL,
    published_at BIGINT,
    UNIQUE (template_id, version)
);

CREATE TABLE checklist_sections (
    id         TEXT PRIMARY KEY,
    version_id TEXT NOT NULL REFERENCES checklist_versions (id),
    position   BIGINT NOT NULL,
    title      TEXT NOT NULL
);
CREATE INDEX checklist_sections_version ON checklist_sections (version_id, position);

CREATE TABLE checklist_items (
    id         TEXT PRIMARY KEY,
    section_id TEXT NOT NULL REFERENCES checklist_sections (id),
    position   BIGINT NOT NULL,
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
    started_at         BIGINT,
    finished_at        BIGINT,
    created_by         TEXT REFERENCES users (id),
    created_at         BIGINT NOT NULL,
    updated_at         BIGINT NOT NULL,
    archived_at        BIGINT
);
CREATE INDEX rounds_unit ON rounds (unit_id);

CREATE TABLE round_participants (
    id         TEXT PRIMARY KEY,
    round_id   TEXT NOT NULL REFERENCES rounds (id),
    user_id    TEXT REFERENCES users (id),
    name       TEXT NOT NULL,
    role_label TEXT NOT NULL DEFAULT '',
    signed_at  BIGINT
);

CREATE TABLE findings (
    id                TEXT PRIMARY KEY,
    round_id          TEXT NOT NULL REFERENCES rounds (id),
    room_id           TEXT REFERENCES rooms (id),
    item_id           TEXT NOT NULL REFERENCES checklist_items (id),
    answer            TEXT NOT NULL CHECK (answer IN ('ok', 'avvik', 'ikke_relevant')),
    observation       TEXT NOT NULL DEFAULT '',
    probability       BIGINT CHECK (probability BETWEEN 1 AND 5),
    consequence       BIGINT CHECK (consequence BETWEEN 1 AND 5),
    suggested_measure TEXT NOT NULL DEFAULT '',
    created_by        TEXT REFERENCES users (id),
    created_at        BIGINT NOT NULL,
    updated_at        BIGINT NOT NULL,
    archived_at       BIGINT
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
    probability   BIGINT CHECK (probability BETWEEN 1 AND 5),
    consequence   BIGINT CHECK (consequence BETWEEN 1 AND 5),
    status        TEXT NOT NULL CHECK (status IN ('open', 'in_progress', 'closed')),
    reported_by   TEXT REFERENCES users (id),
    reporter_name TEXT NOT NULL DEFAULT '',
    receipt_no    TEXT NOT NULL UNIQUE,
    assigned_to   TEXT REFERENCES users (id),
    closed_note   TEXT NOT NULL DEFAULT '',
    created_at    BIGINT NOT NULL,
    updated_at    BIGINT NOT NULL,
    closed_at     BIGINT
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
    created_at          BIGINT NOT NULL,
    updated_at          BIGINT NOT NULL,
    done_at             BIGINT
);
CREATE INDEX tiltak_unit ON tiltak (unit_id, status);

CREATE TABLE photos (
    id           TEXT PRIMARY KEY,
    owner_kind   TEXT NOT NULL CHECK (owner_kind IN ('finding', 'avvik')),
    owner_id     TEXT NOT NULL,
    sha256       TEXT NOT NULL,
    content_type TEXT NOT NULL,
    byte_size    BIGINT NOT NULL,
    width        BIGINT,
    height       BIGINT,
    object_key   TEXT NOT NULL,
    thumb_key    TEXT,
    uploaded_by  TEXT REFERENCES users (id),
    created_at   BIGINT NOT NULL
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
    done_at          BIGINT,
    done_ref         TEXT,
    created_at       BIGINT NOT NULL
);
CREATE INDEX planned_activities_unit ON planned_activities (unit_id, due_date);

-- Push operations already applied, so a replay returns the first result.
CREATE TABLE applied_operations (
    op_id      TEXT PRIMARY KEY,
    user_id    TEXT REFERENCES users (id),
    applied_at BIGINT NOT NULL,
    result     TEXT NOT NULL
);

-- One global, gap-free counter; taking the next value locks its row, so
-- sequence order is commit order on both backends.
CREATE TABLE sequence_counters (
    name  TEXT PRIMARY KEY,
    value BIGINT NOT NULL
);
INSERT INTO sequence_counters (name, value) VALUES ('change', 0);

-- The append-only history of every change (internkontrollforskriften § 5),
-- numbered by the global change sequence that sync clients pull by.
CREATE TABLE history (
    seq           BIGINT PRIMARY KEY,
    entity_kind   TEXT NOT NULL,
    entity_id     TEXT NOT NULL,
    unit_id       TEXT,
    action        TEXT NOT NULL,
    actor_user_id TEXT REFERENCES users (id),
    at            BIGINT NOT NULL,
    data          TEXT NOT NULL DEFAULT '{}'
);
CREATE INDEX history_entity ON history (entity_kind, entity_id, seq);
CREATE INDEX history_unit ON history (unit_id, seq);

CREATE FUNCTION history_is_append_only() RETURNS trigger AS $$
BEGIN
    RAISE EXCEPTION 'history is append-only';
END;
$$ LANGUAGE plpgsql;
CREATE TRIGGER history_no_update_or_delete BEFORE UPDATE OR DELETE ON history
    FOR EACH ROW EXECUTE FUNCTION history_is_append_only();
