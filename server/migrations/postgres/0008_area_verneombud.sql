-- The verneombud who covers a verneområde (AML § 6-2): the person a leader
-- turns to, and who sees the area's avvik. Optional: an area may wait for
-- an election. The person is kept when their role ends, so the history of
-- who covered the area stays readable; the admin chooses someone new.
ALTER TABLE verneomrader ADD COLUMN verneombud_id TEXT REFERENCES users (id);
