-- TRUNCATE fires no row triggers, so the append-only rule of the history
-- (internkontrollforskriften § 5) needs a statement trigger of its own.
CREATE TRIGGER history_no_truncate BEFORE TRUNCATE ON history
    FOR EACH STATEMENT EXECUTE FUNCTION history_is_append_only();
