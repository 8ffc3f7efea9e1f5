-- The avvik workflow: Ny ('open') → Under behandling ('in_progress') →
-- Tiltak planlagt ('measures_planned') → Lukket ('closed'), or Avvist
-- ('rejected') with a reason.
ALTER TABLE avvik DROP CONSTRAINT avvik_status_check;
ALTER TABLE avvik ADD CONSTRAINT avvik_status_check
    CHECK (status IN ('open', 'in_progress', 'measures_planned', 'closed', 'rejected'));
ALTER TABLE avvik ADD COLUMN rejected_reason TEXT NOT NULL DEFAULT '';
