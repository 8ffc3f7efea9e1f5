-- Reports staff send by scanning a room's QR code (source 'qr').
--
-- A report is sent exactly once: the reporter's device makes an id for it
-- (a random UUID, or a hidden field of the form) and only its SHA-256 is
-- kept (client_key), so a replay finds the case again. The private status
-- link's token is derived from that id; only its SHA-256 is kept
-- (status_key): neither an admin nor the database can rebuild the link.
-- An anonymous report keeps no name, e-mail, user or address anywhere.
ALTER TABLE avvik ADD COLUMN client_key TEXT;
ALTER TABLE avvik ADD COLUMN status_key TEXT;
ALTER TABLE avvik ADD COLUMN reporter_email TEXT NOT NULL DEFAULT '';
-- When the reporter says it happened (defaults to when it was sent).
ALTER TABLE avvik ADD COLUMN occurred_at INTEGER;
-- The reporter's own rating in words: 'lav', 'middels' or 'hoy'.
ALTER TABLE avvik ADD COLUMN severity TEXT NOT NULL DEFAULT '';
CREATE UNIQUE INDEX avvik_client_key ON avvik (client_key) WHERE client_key IS NOT NULL;
CREATE UNIQUE INDEX avvik_status_key ON avvik (status_key) WHERE status_key IS NOT NULL;

-- Comments on a case; those marked visible are shown on the status link.
CREATE TABLE avvik_comments (
    id                  TEXT PRIMARY KEY,
    avvik_id            TEXT NOT NULL REFERENCES avvik (id),
    author_user_id      TEXT REFERENCES users (id),
    body                TEXT NOT NULL,
    visible_to_reporter INTEGER NOT NULL DEFAULT 0,
    created_at          INTEGER NOT NULL
);
CREATE INDEX avvik_comments_case ON avvik_comments (avvik_id, created_at);

-- Codes replaced by a new one: an old poster then leads to a clear page
-- ("no longer in use") instead of "not found".
CREATE TABLE retired_qr_tokens (
    qr_token   TEXT PRIMARY KEY,
    room_id    TEXT NOT NULL REFERENCES rooms (id),
    retired_at INTEGER NOT NULL
);
