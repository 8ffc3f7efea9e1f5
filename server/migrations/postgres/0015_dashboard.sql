-- The leader's dashboard: since when a person's cases count as new (see
-- app::dashboard::visit), and the indexes its counts read.
CREATE TABLE dashboard_visits (
    user_id   TEXT PRIMARY KEY REFERENCES users (id),
    new_after BIGINT NOT NULL,
    last_seen BIGINT NOT NULL
);
-- Open measures by unit and deadline (the measures due and overdue).
CREATE INDEX tiltak_unit_due ON tiltak (unit_id, status, due_date);
-- A unit's cases by registration (new since the mark, the year's chart).
CREATE INDEX avvik_unit_created ON avvik (unit_id, created_at);
