-- 005: accounts that can be managed (active, a one-time password that
-- must be changed, the choice of e-mail notifications), notices of what
-- waits for whom, and the mail outbox (issue 9).
ALTER TABLE app_user ADD COLUMN active INTEGER NOT NULL DEFAULT 1
	CHECK (active IN (0, 1));
ALTER TABLE app_user ADD COLUMN must_change_pw INTEGER NOT NULL DEFAULT 0
	CHECK (must_change_pw IN (0, 1));
ALTER TABLE app_user ADD COLUMN notify_mode TEXT NOT NULL DEFAULT 'direkt'
	CHECK (notify_mode IN ('direkt', 'dagligen', 'av'));
ALTER TABLE app_user ADD COLUMN last_digest TEXT;

-- One thing a user is told about, once: key names the event, so the same
-- event never makes a second notice for the same person.
CREATE TABLE notice (
	id		INTEGER PRIMARY KEY,
	user_id		INTEGER NOT NULL REFERENCES app_user(id),
	case_id		INTEGER REFERENCES arende(id),
	key		TEXT NOT NULL,
	subject		TEXT NOT NULL,
	body		TEXT NOT NULL,
	created_at	TEXT NOT NULL,
	-- 0 waiting, 1 put in the outbox, 2 not mailed (the user chose av)
	state		INTEGER NOT NULL DEFAULT 0 CHECK (state IN (0, 1, 2)),
	UNIQUE (user_id, key)
);
CREATE INDEX notice_waiting ON notice (state, user_id);

-- Mail waiting to be sent, and what was sent (kept for the admin).
CREATE TABLE outbox (
	id		INTEGER PRIMARY KEY,
	user_id		INTEGER REFERENCES app_user(id),
	to_addr		TEXT NOT NULL,
	subject		TEXT NOT NULL,
	body_text	TEXT NOT NULL,
	body_html	TEXT NOT NULL,
	created_at	TEXT NOT NULL,
	next_try	INTEGER NOT NULL,
	attempts	INTEGER NOT NULL DEFAULT 0,
	sent_at		TEXT,
	last_error	TEXT
);
CREATE INDEX outbox_due ON outbox (sent_at, next_try);
CREATE INDEX audit_user ON audit (user_id, at);
