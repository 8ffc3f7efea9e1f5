-- The risk the avvik list sorts and filters by, kept on the row so that a
-- page is read from an index (app::avvik::risk::list_score): the 5×5
-- product when the case is rated, else the reporter's words placed in the
-- band they name (lav 3, middels 8, høy 15), else 0.
ALTER TABLE avvik ADD COLUMN risk_score BIGINT NOT NULL DEFAULT 0;
UPDATE avvik SET risk_score = CASE
    WHEN probability BETWEEN 1 AND 5 AND consequence BETWEEN 1 AND 5 THEN probability * consequence
    WHEN severity = 'hoy' THEN 15
    WHEN severity = 'middels' THEN 8
    WHEN severity = 'lav' THEN 3
    ELSE 0
END;
-- A unit's cases in list order.
CREATE INDEX avvik_list ON avvik (unit_id, risk_score DESC, created_at, id);
