-- The follow-up rule: a round's measure past its deadline opens one case
-- "Manglende oppfølging av tiltak", linked to the measure. The unique index
-- is what makes it one, however many scheduler runs overlap.
ALTER TABLE avvik ADD COLUMN follow_up_of TEXT REFERENCES tiltak (id);
CREATE UNIQUE INDEX avvik_follow_up_of ON avvik (follow_up_of);

-- In-app notifications. A reminder the scheduler sends carries a key made
-- of what it is about and for whom: a second run finds it taken.
CREATE TABLE notifications (
    id         TEXT PRIMARY KEY,
    user_id    TEXT NOT NULL REFERENCES users (id),
    kind       TEXT NOT NULL,
    avvik_id   TEXT REFERENCES avvik (id),
    tiltak_id  TEXT REFERENCES tiltak (id),
    dedupe_key TEXT UNIQUE,
    created_at INTEGER NOT NULL,
    read_at    INTEGER
);
CREATE INDEX notifications_user ON notifications (user_id, created_at);
-- The scheduler skips a measure it has already reminded of.
CREATE INDEX notifications_tiltak ON notifications (tiltak_id, kind);
