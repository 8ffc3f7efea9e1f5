-- The tiltaksplan: a measure may be dropped ('not_done') with the reason,
-- and carries an optional cost estimate in whole kroner.
ALTER TABLE tiltak DROP CONSTRAINT tiltak_status_check;
ALTER TABLE tiltak ADD CONSTRAINT tiltak_status_check
    CHECK (status IN ('planned', 'in_progress', 'done', 'not_done'));
ALTER TABLE tiltak ADD COLUMN not_done_reason TEXT NOT NULL DEFAULT '';
ALTER TABLE tiltak ADD COLUMN cost_estimate BIGINT;
CREATE INDEX tiltak_avvik ON tiltak (avvik_id);
