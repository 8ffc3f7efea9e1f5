-- Notifications by e-mail: each person's choice (at once, a daily digest,
-- or none), and the mail outbox kept on the notifications themselves: when
-- one was mailed, and which run holds it until when (a lease, so that
-- several instances never mail one twice).
ALTER TABLE users ADD COLUMN email_notices TEXT NOT NULL DEFAULT 'immediately'
    CHECK (email_notices IN ('immediately', 'daily', 'off'));
ALTER TABLE notifications ADD COLUMN mailed_at INTEGER;
ALTER TABLE notifications ADD COLUMN mail_lease TEXT;
ALTER TABLE notifications ADD COLUMN mail_lease_until INTEGER;
-- What was there before mail existed is not mailed now.
UPDATE notifications SET mailed_at = created_at;
CREATE INDEX notifications_unmailed ON notifications (created_at) WHERE mailed_at IS NULL;
CREATE INDEX notifications_lease ON notifications (mail_lease) WHERE mailed_at IS NULL;
