-- Two active places with the same name under the same parent cannot be
-- told apart on a poster, in a round or in a report, so the admin pages
-- refuse them. The check there runs before the write; these indexes make
-- it hold when two saves race. Retired places keep their names and never
-- block a new one. Case is ignored as the check ignores it (SQLite's
-- lower() folds ASCII only, PostgreSQL's every letter).
CREATE UNIQUE INDEX org_units_active_name ON org_units (parent_id, lower(name)) WHERE archived_at IS NULL;
CREATE UNIQUE INDEX verneomrader_active_name ON verneomrader (unit_id, lower(name)) WHERE archived_at IS NULL;
CREATE UNIQUE INDEX buildings_active_name ON buildings (unit_id, lower(name)) WHERE archived_at IS NULL;
CREATE UNIQUE INDEX rooms_active_name ON rooms (building_id, lower(name)) WHERE archived_at IS NULL;
