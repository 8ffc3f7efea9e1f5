-- The årshjul: kinds of yearly HMS activity, each with its rule for when it
-- is due (see server/src/annual/schedule.rs), and the activities recorded as
-- done per unit. A kind with a round_kind is also done by a finished round
-- of that kind in the unit or a unit below it.
CREATE TABLE annual_kinds (
    id               TEXT PRIMARY KEY,
    name             TEXT NOT NULL,
    schedule         TEXT NOT NULL CHECK (schedule IN ('yearly', 'every_years', 'per_year')),
    from_month       INTEGER NOT NULL DEFAULT 1 CHECK (from_month BETWEEN 1 AND 12),
    to_month         INTEGER NOT NULL DEFAULT 12 CHECK (to_month BETWEEN 1 AND 12),
    every_years      INTEGER NOT NULL DEFAULT 1 CHECK (every_years >= 1),
    first_year       INTEGER NOT NULL DEFAULT 2000,
    -- Parts of a year that are whole months.
    times            INTEGER NOT NULL DEFAULT 1 CHECK (times IN (1, 2, 3, 4, 6, 12)),
    round_kind       TEXT CHECK (round_kind IN ('vernerunde', 'brannvernrunde', 'egenevaluering', 'risikovurdering')),
    responsible_role TEXT NOT NULL,
    position         INTEGER NOT NULL,
    created_at       INTEGER NOT NULL,
    archived_at      INTEGER,
    CHECK (to_month >= from_month)
);

-- How many times a year a unit holds an activity of a kind counted per
-- year (the MKS meetings: 4, 6 or 12, set per unit).
CREATE TABLE annual_unit_times (
    unit_id TEXT NOT NULL REFERENCES org_units (id),
    kind_id TEXT NOT NULL REFERENCES annual_kinds (id),
    times   INTEGER NOT NULL CHECK (times IN (1, 2, 3, 4, 6, 12)),
    PRIMARY KEY (unit_id, kind_id)
);

CREATE TABLE annual_records (
    id          TEXT PRIMARY KEY,
    unit_id     TEXT NOT NULL REFERENCES org_units (id),
    kind_id     TEXT NOT NULL REFERENCES annual_kinds (id),
    done_on     TEXT NOT NULL,
    note        TEXT NOT NULL DEFAULT '',
    recorded_by TEXT NOT NULL REFERENCES users (id),
    created_at  INTEGER NOT NULL
);
CREATE INDEX annual_records_unit ON annual_records (unit_id, done_on);
CREATE INDEX rounds_finished ON rounds (unit_id, kind, finished_at);

-- The handbook's defaults; the HMS-ansvarlig may change them.
INSERT INTO annual_kinds (id, name, schedule, from_month, to_month, every_years, first_year, times, round_kind, responsible_role, position, created_at) VALUES
    ('vernerunde', 'Vernerunde', 'yearly', 1, 5, 1, 2000, 1, 'vernerunde', 'leder', 1, 0),
    ('egenevaluering', 'Egenevaluering av HMS-arbeidet', 'yearly', 4, 5, 1, 2000, 1, 'egenevaluering', 'leder', 2, 0),
    ('risikovurdering', 'Revidere risikovurderinger', 'yearly', 1, 3, 1, 2000, 1, 'risikovurdering', 'leder', 3, 0),
    ('styrende_dokumenter', 'Revidere styrende dokumenter', 'yearly', 1, 3, 1, 2000, 1, NULL, 'leder', 4, 0),
    ('medarbeiderundersokelse', 'Medarbeiderundersøkelse', 'every_years', 11, 12, 2, 2025, 1, NULL, 'hms_admin', 5, 0),
    ('amu_mote', 'AMU-møte', 'per_year', 1, 12, 1, 2000, 4, NULL, 'hms_admin', 6, 0),
    ('mks_mote', 'MKS-møte', 'per_year', 1, 12, 1, 2000, 4, NULL, 'leder', 7, 0),
    ('vernedag', 'Vernedag', 'per_year', 1, 12, 1, 2000, 2, NULL, 'leder', 8, 0);
