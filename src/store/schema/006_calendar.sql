-- 006: a per-user calendar feed (issue 8): the SHA-256 of its secret
-- token, a secret of its own (not a session, not an API token).
ALTER TABLE app_user ADD COLUMN feed_hash TEXT;
CREATE UNIQUE INDEX app_user_feed ON app_user (feed_hash);
