-- Operation ids belong to the person who sent them: a replay by another
-- person never returns someone else's stored result. Ids are stored in
-- their canonical (lowercase) form.
ALTER TABLE applied_operations DROP CONSTRAINT applied_operations_pkey;
DELETE FROM applied_operations WHERE user_id IS NULL;
-- An id sent once in upper and once in lower case keeps its first result.
DELETE FROM applied_operations a USING applied_operations b
    WHERE a.user_id = b.user_id AND a.op_id <> b.op_id AND lower(a.op_id) = lower(b.op_id)
      AND (a.applied_at, a.op_id) > (b.applied_at, b.op_id);
UPDATE applied_operations SET op_id = lower(op_id);
ALTER TABLE applied_operations ALTER COLUMN user_id SET NOT NULL;
ALTER TABLE applied_operations ADD PRIMARY KEY (user_id, op_id);

-- An avvik recorded on a phone that reached the server after the round was
-- signed off: kept, opened as a case, and marked so the leader sees why it
-- is not in the signed summary.
ALTER TABLE avvik ADD COLUMN late BIGINT NOT NULL DEFAULT 0;

-- When and from which device a finding's answer (with its risk) was last
-- set, so an answer given without seeing a newer one cannot overwrite it.
ALTER TABLE findings ADD COLUMN answer_seq BIGINT NOT NULL DEFAULT 0;
ALTER TABLE findings ADD COLUMN answer_device TEXT NOT NULL DEFAULT '';
UPDATE findings SET answer_seq = text_seq, answer_device = text_device;

-- An answer given without seeing a newer one is kept as a conflict copy too.
ALTER TABLE finding_conflicts DROP CONSTRAINT finding_conflicts_field_check;
ALTER TABLE finding_conflicts ADD CONSTRAINT finding_conflicts_field_check
    CHECK (field IN ('observation', 'suggested_measure', 'answer'));
