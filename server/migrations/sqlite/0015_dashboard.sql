-- The leader's dashboard: since when a person's cases count as new (see
-- app::dashboard::visit), and the indexes its counts read.
CREATE TABLE dashboard_visits (
    user_id   TEXT PRIMARY KEY REFERENCES users (id),
    new_after INTEGER NOT NULL,
    last_seen INTEGER NOT NULL
);
-- Open measures by unit and deadline (the measures due and overdue), and
-- by deadline in the order they are listed, so that the first few due
-- across many units are read without sorting them all.
CREATE INDEX tiltak_unit_due ON tiltak (unit_id, status, due_date);
CREATE INDEX tiltak_due ON tiltak (due_date, created_at, id, status, unit_id);
-- A unit's cases by registration (new since the mark, the year's chart).
CREATE INDEX avvik_unit_created ON avvik (unit_id, created_at);
-- A unit's open cases by score and current rating, read from the index
-- alone (the matrix, the open and high-risk cases per unit); it serves
-- whatever (unit_id, status) served.
CREATE INDEX avvik_unit_status_rating ON avvik (unit_id, status, risk_score,
    leader_probability, leader_consequence, probability, consequence);
DROP INDEX avvik_unit;
-- The list over many units in risk order: walked from the top and
-- stopped at a page, instead of every unit's cases sorted together.
CREATE INDEX avvik_by_risk ON avvik (risk_score DESC, created_at, id);
