-- Thumbnails are made after an upload has been answered, by a job that
-- survives a restart: a photo has a row here until its thumbnail is stored
-- (photos.thumb_key set). A run takes a row by pushing lease_until ahead, so
-- that two instances never make one thumbnail at once, and a failed attempt
-- is tried again once its lease has run out, a few times at most.
CREATE TABLE thumbnail_jobs (
    photo_id    TEXT PRIMARY KEY REFERENCES photos (id),
    attempts    INTEGER NOT NULL DEFAULT 0,
    lease_until INTEGER NOT NULL DEFAULT 0,
    last_error  TEXT,
    created_at  INTEGER NOT NULL
);
-- Jobs out of attempts stay as a record of the failure; the index keeps
-- them out of the way of the ones still to do, oldest first.
CREATE INDEX thumbnail_jobs_due ON thumbnail_jobs (attempts, created_at);
