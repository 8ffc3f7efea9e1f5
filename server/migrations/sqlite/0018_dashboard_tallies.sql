-- Running tallies for the dashboard, kept by triggers in the same
-- transaction as the change they count: over a large organisation the
-- dashboard adds up a few hundred tally rows instead of reading every open
-- case and every open measure (issue 10's 50 ms goal). The open states are
-- those of app::reports::CaseState::is_open and of the measures listed as
-- due; the tests compare both tallies with a count of the rows.

-- Open cases per unit, score and current rating (the leader's, else the
-- first; 0 when not rated on the matrix, as a key cannot hold NULL twice).
CREATE TABLE avvik_open_tally (
    unit_id     TEXT    NOT NULL,
    risk_score  INTEGER NOT NULL,
    probability INTEGER NOT NULL,
    consequence INTEGER NOT NULL,
    count       INTEGER NOT NULL,
    PRIMARY KEY (unit_id, risk_score, probability, consequence)
);
INSERT INTO avvik_open_tally (unit_id, risk_score, probability, consequence, count)
SELECT unit_id, risk_score, COALESCE(leader_probability, probability, 0),
       COALESCE(leader_consequence, consequence, 0), COUNT(*)
FROM avvik WHERE status IN ('open', 'in_progress', 'measures_planned')
GROUP BY 1, 2, 3, 4;

CREATE TRIGGER avvik_open_tally_insert AFTER INSERT ON avvik
WHEN NEW.status IN ('open', 'in_progress', 'measures_planned')
BEGIN
    INSERT INTO avvik_open_tally (unit_id, risk_score, probability, consequence, count)
    VALUES (NEW.unit_id, NEW.risk_score, COALESCE(NEW.leader_probability, NEW.probability, 0),
            COALESCE(NEW.leader_consequence, NEW.consequence, 0), 1)
    ON CONFLICT (unit_id, risk_score, probability, consequence)
    DO UPDATE SET count = count + 1;
END;

CREATE TRIGGER avvik_open_tally_delete AFTER DELETE ON avvik
WHEN OLD.status IN ('open', 'in_progress', 'measures_planned')
BEGIN
    UPDATE avvik_open_tally SET count = count - 1
    WHERE unit_id = OLD.unit_id AND risk_score = OLD.risk_score
      AND probability = COALESCE(OLD.leader_probability, OLD.probability, 0)
      AND consequence = COALESCE(OLD.leader_consequence, OLD.consequence, 0);
END;

-- An update is the old row leaving its tally and the new one joining its
-- own (the same one when nothing counted changed).
CREATE TRIGGER avvik_open_tally_leave AFTER UPDATE OF status, unit_id, risk_score,
    probability, consequence, leader_probability, leader_consequence ON avvik
WHEN OLD.status IN ('open', 'in_progress', 'measures_planned')
BEGIN
    UPDATE avvik_open_tally SET count = count - 1
    WHERE unit_id = OLD.unit_id AND risk_score = OLD.risk_score
      AND probability = COALESCE(OLD.leader_probability, OLD.probability, 0)
      AND consequence = COALESCE(OLD.leader_consequence, OLD.consequence, 0);
END;

CREATE TRIGGER avvik_open_tally_join AFTER UPDATE OF status, unit_id, risk_score,
    probability, consequence, leader_probability, leader_consequence ON avvik
WHEN NEW.status IN ('open', 'in_progress', 'measures_planned')
BEGIN
    INSERT INTO avvik_open_tally (unit_id, risk_score, probability, consequence, count)
    VALUES (NEW.unit_id, NEW.risk_score, COALESCE(NEW.leader_probability, NEW.probability, 0),
            COALESCE(NEW.leader_consequence, NEW.consequence, 0), 1)
    ON CONFLICT (unit_id, risk_score, probability, consequence)
    DO UPDATE SET count = count + 1;
END;

-- Open measures (planned or in progress) with a deadline, per unit and
-- deadline: the ones overdue and due soon are a range of a few rows per unit.
CREATE TABLE tiltak_due_tally (
    unit_id  TEXT    NOT NULL,
    due_date TEXT    NOT NULL,
    count    INTEGER NOT NULL,
    PRIMARY KEY (unit_id, due_date)
);
INSERT INTO tiltak_due_tally (unit_id, due_date, count)
SELECT unit_id, due_date, COUNT(*) FROM tiltak
WHERE status IN ('planned', 'in_progress') AND due_date IS NOT NULL
GROUP BY 1, 2;

CREATE TRIGGER tiltak_due_tally_insert AFTER INSERT ON tiltak
WHEN NEW.status IN ('planned', 'in_progress') AND NEW.due_date IS NOT NULL
BEGIN
    INSERT INTO tiltak_due_tally (unit_id, due_date, count)
    VALUES (NEW.unit_id, NEW.due_date, 1)
    ON CONFLICT (unit_id, due_date) DO UPDATE SET count = count + 1;
END;

CREATE TRIGGER tiltak_due_tally_delete AFTER DELETE ON tiltak
WHEN OLD.status IN ('planned', 'in_progress') AND OLD.due_date IS NOT NULL
BEGIN
    UPDATE tiltak_due_tally SET count = count - 1
    WHERE unit_id = OLD.unit_id AND due_date = OLD.due_date;
END;

CREATE TRIGGER tiltak_due_tally_leave AFTER UPDATE OF status, unit_id, due_date ON tiltak
WHEN OLD.status IN ('planned', 'in_progress') AND OLD.due_date IS NOT NULL
BEGIN
    UPDATE tiltak_due_tally SET count = count - 1
    WHERE unit_id = OLD.unit_id AND due_date = OLD.due_date;
END;

CREATE TRIGGER tiltak_due_tally_join AFTER UPDATE OF status, unit_id, due_date ON tiltak
WHEN NEW.status IN ('planned', 'in_progress') AND NEW.due_date IS NOT NULL
BEGIN
    INSERT INTO tiltak_due_tally (unit_id, due_date, count)
    VALUES (NEW.unit_id, NEW.due_date, 1)
    ON CONFLICT (unit_id, due_date) DO UPDATE SET count = count + 1;
END;
