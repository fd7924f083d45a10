-- 008: the ESF+ money applied for (issue 8), and Finsam money against
-- each year's frame (R9); PostgreSQL's twin of
-- src/store/schema/008_applied_amount.sql.
ALTER TABLE arende ADD COLUMN applied_amount BIGINT
	CHECK (applied_amount >= 0);

ALTER TABLE case_fact ADD COLUMN applied BIGINT NOT NULL DEFAULT -1;
ALTER TABLE case_cube ADD COLUMN applied BIGINT NOT NULL DEFAULT 0;

DROP INDEX case_fact_cube;
CREATE INDEX case_fact_cube ON case_fact (forbund_id, year, kind, state,
	reason, has_owner, owner_kind, cofin, flags, identified_on, granted,
	participants, applied);

CREATE OR REPLACE FUNCTION case_cube_add() RETURNS trigger LANGUAGE plpgsql
AS $$
BEGIN
	INSERT INTO case_cube AS c (forbund_id, year, kind, state, reason,
		has_owner, owner_kind, cofin, flags, n, granted, participants,
		applied)
	VALUES (NEW.forbund_id, NEW.year, NEW.kind, NEW.state, NEW.reason,
		NEW.has_owner, NEW.owner_kind, NEW.cofin, NEW.flags, 1,
		GREATEST(NEW.granted, 0), NEW.participants,
		GREATEST(NEW.applied, 0))
	ON CONFLICT (forbund_id, year, kind, state, reason, has_owner,
		owner_kind, cofin, flags)
	DO UPDATE SET n = c.n + 1, granted = c.granted + excluded.granted,
		participants = c.participants + excluded.participants,
		applied = c.applied + excluded.applied;
	RETURN NULL;
END;
$$;
CREATE OR REPLACE FUNCTION case_cube_remove() RETURNS trigger
LANGUAGE plpgsql AS $$
BEGIN
	UPDATE case_cube SET n = n - 1,
		granted = granted - GREATEST(OLD.granted, 0),
		participants = participants - OLD.participants,
		applied = applied - GREATEST(OLD.applied, 0)
	WHERE forbund_id = OLD.forbund_id AND year = OLD.year AND
		kind = OLD.kind AND state = OLD.state AND
		reason = OLD.reason AND has_owner = OLD.has_owner AND
		owner_kind = OLD.owner_kind AND cofin = OLD.cofin AND
		flags = OLD.flags;
	DELETE FROM case_cube WHERE n = 0 AND forbund_id = OLD.forbund_id
		AND year = OLD.year;
	RETURN NULL;
END;
$$;

ALTER TABLE case_fact ADD COLUMN frame_year BIGINT NOT NULL DEFAULT 0;
CREATE TABLE case_frame_use (
	forbund_id	BIGINT NOT NULL,
	year		BIGINT NOT NULL,
	n		BIGINT NOT NULL,
	granted		BIGINT NOT NULL,
	PRIMARY KEY (forbund_id, year)
);
CREATE FUNCTION case_frame_use_add() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
	INSERT INTO case_frame_use AS u (forbund_id, year, n, granted)
	VALUES (NEW.forbund_id, NEW.frame_year, 1, GREATEST(NEW.granted, 0))
	ON CONFLICT (forbund_id, year)
	DO UPDATE SET n = u.n + 1, granted = u.granted + excluded.granted;
	RETURN NULL;
END;
$$;
CREATE FUNCTION case_frame_use_remove() RETURNS trigger LANGUAGE plpgsql
AS $$
BEGIN
	UPDATE case_frame_use SET n = n - 1,
		granted = granted - GREATEST(OLD.granted, 0)
	WHERE forbund_id = OLD.forbund_id AND year = OLD.frame_year;
	DELETE FROM case_frame_use WHERE n = 0 AND
		forbund_id = OLD.forbund_id AND year = OLD.frame_year;
	RETURN NULL;
END;
$$;
CREATE TRIGGER case_frame_use_add AFTER INSERT ON case_fact
FOR EACH ROW WHEN (NEW.frame_year > 0)
EXECUTE FUNCTION case_frame_use_add();
CREATE TRIGGER case_frame_use_remove AFTER DELETE ON case_fact
FOR EACH ROW WHEN (OLD.frame_year > 0)
EXECUTE FUNCTION case_frame_use_remove();

ALTER TABLE budget ADD COLUMN frame BIGINT;

INSERT INTO case_fact_dirty (case_id) SELECT id FROM arende a
WHERE a.kind = 'finsam' ON CONFLICT DO NOTHING;
