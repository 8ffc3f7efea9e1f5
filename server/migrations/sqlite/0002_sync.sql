-- Sync of rounds from devices: who last wrote a finding's texts and when
-- (for conflict detection), conflict copies, and receipt numbers for avvik.

ALTER TABLE findings ADD COLUMN text_seq INTEGER NOT NULL DEFAULT 0;
ALTER TABLE findings ADD COLUMN text_device TEXT NOT NULL DEFAULT '';

-- A text another device wrote over a version it had not seen: kept, never lost.
CREATE TABLE finding_conflicts (
    id             TEXT PRIMARY KEY,
    finding_id     TEXT NOT NULL REFERENCES findings (id),
    field          TEXT NOT NULL CHECK (field IN ('observation', 'suggested_measure')),
    text           TEXT NOT NULL,
    author_user_id TEXT REFERENCES users (id),
    author_name    TEXT NOT NULL,
    device_id      TEXT NOT NULL,
    created_at     INTEGER NOT NULL,
    resolved_at    INTEGER
);
CREATE INDEX finding_conflicts_finding ON finding_conflicts (finding_id);

CREATE INDEX findings_round_point ON findings (round_id, item_id);
CREATE INDEX history_kind_seq ON history (entity_kind, seq);

INSERT INTO sequence_counters (name, value) VALUES ('avvik_receipt', 0);
