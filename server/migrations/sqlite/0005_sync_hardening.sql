-- Operation ids belong to the person who sent them: a replay by another
-- person never returns someone else's stored result. Ids are stored in
-- their canonical (lowercase) form. SQLite cannot change a primary key in
-- place, so the table is rebuilt.
CREATE TABLE applied_operations_scoped (
    user_id    TEXT NOT NULL REFERENCES users (id),
    op_id      TEXT NOT NULL,
    applied_at INTEGER NOT NULL,
    result     TEXT NOT NULL,
    PRIMARY KEY (user_id, op_id)
);
-- An id sent once in upper and once in lower case keeps its first result.
INSERT OR IGNORE INTO applied_operations_scoped (user_id, op_id, applied_at, result)
    SELECT user_id, lower(op_id), applied_at, result FROM applied_operations
    WHERE user_id IS NOT NULL ORDER BY applied_at;
DROP TABLE applied_operations;
ALTER TABLE applied_operations_scoped RENAME TO applied_operations;

-- An avvik recorded on a phone that reached the server after the round was
-- signed off: kept, opened as a case, and marked so the leader sees why it
-- is not in the signed summary.
ALTER TABLE avvik ADD COLUMN late INTEGER NOT NULL DEFAULT 0;

-- When and from which device a finding's answer (with its risk) was last
-- set, so an answer given without seeing a newer one cannot overwrite it.
ALTER TABLE findings ADD COLUMN answer_seq INTEGER NOT NULL DEFAULT 0;
ALTER TABLE findings ADD COLUMN answer_device TEXT NOT NULL DEFAULT '';
UPDATE findings SET answer_seq = text_seq, answer_device = text_device;

-- An answer given without seeing a newer one is kept as a conflict copy
-- too. SQLite cannot change a CHECK in place, so the table is rebuilt.
CREATE TABLE finding_conflicts_any_field (
    id             TEXT PRIMARY KEY,
    finding_id     TEXT NOT NULL REFERENCES findings (id),
    field          TEXT NOT NULL CHECK (field IN ('observation', 'suggested_measure', 'answer')),
    text           TEXT NOT NULL,
    author_user_id TEXT REFERENCES users (id),
    author_name    TEXT NOT NULL,
    device_id      TEXT NOT NULL,
    created_at     INTEGER NOT NULL,
    resolved_at    INTEGER
);
INSERT INTO finding_conflicts_any_field SELECT * FROM finding_conflicts;
DROP TABLE finding_conflicts;
ALTER TABLE finding_conflicts_any_field RENAME TO finding_conflicts;
CREATE INDEX finding_conflicts_finding ON finding_conflicts (finding_id);
