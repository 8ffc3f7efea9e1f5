-- A leader may rate a case's risk again; the first rating (the round's, or
-- the reporter's words) stays in its own columns.
ALTER TABLE avvik ADD COLUMN leader_probability INTEGER CHECK (leader_probability BETWEEN 1 AND 5);
ALTER TABLE avvik ADD COLUMN leader_consequence INTEGER CHECK (leader_consequence BETWEEN 1 AND 5);
