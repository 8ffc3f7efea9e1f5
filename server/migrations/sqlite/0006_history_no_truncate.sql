-- SQLite has no TRUNCATE: its fast "DELETE without WHERE" is turned off
-- when the table has a DELETE trigger, so history_no_delete already covers
-- it. This migration keeps the numbering of the two sets in step with the
-- PostgreSQL one, which adds a TRUNCATE trigger.
SELECT 1;
