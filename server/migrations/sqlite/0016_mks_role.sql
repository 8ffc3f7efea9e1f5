-- Members of a unit's MKS group (miljø- og kvalitetssikringsgruppe, the
-- employees' representatives) read and comment on the unit's cases and
-- tiltaksplan. SQLite cannot change a CHECK constraint, so role_grants is
-- rebuilt with every column it has (no table refers to it).
CREATE TABLE role_grants_new (
    id          TEXT PRIMARY KEY,
    user_id     TEXT NOT NULL REFERENCES users (id),
    unit_id     TEXT NOT NULL REFERENCES org_units (id),
    role        TEXT NOT NULL CHECK (role IN ('hms_admin', 'hovedverneombud', 'verneombud', 'leder',
                                              'amu_reader', 'medarbeider', 'mks')),
    granted_by  TEXT REFERENCES users (id),
    granted_at  INTEGER NOT NULL,
    revoked_by  TEXT REFERENCES users (id),
    revoked_at  INTEGER
);
INSERT INTO role_grants_new (id, user_id, unit_id, role, granted_by, granted_at, revoked_by, revoked_at)
SELECT id, user_id, unit_id, role, granted_by, granted_at, revoked_by, revoked_at FROM role_grants;
DROP TABLE role_grants;
ALTER TABLE role_grants_new RENAME TO role_grants;
CREATE INDEX role_grants_user ON role_grants (user_id);
CREATE UNIQUE INDEX role_grants_active ON role_grants (user_id, unit_id, role) WHERE revoked_at IS NULL;
