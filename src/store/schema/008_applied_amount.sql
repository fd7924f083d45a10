-- 008: the ESF+ money applied for (issue 8: "the ESF+ money applied for
-- and granted"), a case field of its own beside granted_amount, and the
-- follow-up's facts and sums that add it up.
ALTER TABLE arende ADD COLUMN applied_amount INTEGER
	CHECK (applied_amount >= 0);

ALTER TABLE case_fact ADD COLUMN applied INTEGER NOT NULL DEFAULT -1;
ALTER TABLE case_cube ADD COLUMN applied INTEGER NOT NULL DEFAULT 0;

DROP INDEX case_fact_cube;
CREATE INDEX case_fact_cube ON case_fact (forbund_id, year, kind, state,
	reason, has_owner, owner_kind, cofin, flags, identified_on, granted,
	participants, applied);

DROP TRIGGER case_cube_add;
DROP TRIGGER case_cube_remove;
CREATE TRIGGER case_cube_add AFTER INSERT ON case_fact
BEGIN
	INSERT INTO case_cube (forbund_id, year, kind, state, reason,
		has_owner, owner_kind, cofin, flags, n, granted, participants,
		applied)
	VALUES (NEW.forbund_id, NEW.year, NEW.kind, NEW.state, NEW.reason,
		NEW.has_owner, NEW.owner_kind, NEW.cofin, NEW.flags, 1,
		MAX(NEW.granted, 0), NEW.participants, MAX(NEW.applied, 0))
	ON CONFLICT (forbund_id, year, kind, state, reason, has_owner,
		owner_kind, cofin, flags)
	DO UPDATE SET n = n + 1, granted = granted + excluded.granted,
		participants = participants + excluded.participants,
		applied = applied + excluded.applied;
END;
CREATE TRIGGER case_cube_remove AFTER DELETE ON case_fact
BEGIN
	UPDATE case_cube SET n = n - 1, granted = granted - MAX(OLD.granted, 0),
		participants = participants - OLD.participants,
		applied = applied - MAX(OLD.applied, 0)
	WHERE forbund_id = OLD.forbund_id AND year = OLD.year AND
		kind = OLD.kind AND state = OLD.state AND
		reason = OLD.reason AND has_owner = OLD.has_owner AND
		owner_kind = OLD.owner_kind AND cofin = OLD.cofin AND
		flags = OLD.flags;
	DELETE FROM case_cube WHERE n = 0 AND forbund_id = OLD.forbund_id
		AND year = OLD.year;
END;

-- Finsam money against each year's frame (R9): the budget year a board
-- grant uses (frame_year, 0 when the case uses no frame; computed by the
-- domain's budget_state_granted and budget_grant_year when the facts are
-- refreshed) and, per förbund and year, the granted kronor, kept by
-- triggers, so that frames and grants are read from a few rows.
ALTER TABLE case_fact ADD COLUMN frame_year INTEGER NOT NULL DEFAULT 0;
CREATE TABLE case_frame_use (
	forbund_id	INTEGER NOT NULL,
	year		INTEGER NOT NULL,
	n		INTEGER NOT NULL,
	granted		INTEGER NOT NULL,
	PRIMARY KEY (forbund_id, year)
) WITHOUT ROWID;
CREATE TRIGGER case_frame_use_add AFTER INSERT ON case_fact
WHEN NEW.frame_year > 0
BEGIN
	INSERT INTO case_frame_use (forbund_id, year, n, granted)
	VALUES (NEW.forbund_id, NEW.frame_year, 1, MAX(NEW.granted, 0))
	ON CONFLICT (forbund_id, year)
	DO UPDATE SET n = n + 1, granted = granted + excluded.granted;
END;
CREATE TRIGGER case_frame_use_remove AFTER DELETE ON case_fact
WHEN OLD.frame_year > 0
BEGIN
	UPDATE case_frame_use SET n = n - 1,
		granted = granted - MAX(OLD.granted, 0)
	WHERE forbund_id = OLD.forbund_id AND year = OLD.frame_year;
	DELETE FROM case_frame_use WHERE n = 0 AND
		forbund_id = OLD.forbund_id AND year = OLD.frame_year;
END;

-- Each budget's frame as R9 computes it (domain/finsam.c), kept when the
-- budget is saved so that the follow-up adds frames up without computing
-- every förbund's; NULL until computed (after migrating, by the store).
ALTER TABLE budget ADD COLUMN frame INTEGER;

-- The Finsam cases' facts are recomputed (at the end of the migration).
INSERT INTO case_fact_dirty (case_id) SELECT id FROM arende a
WHERE a.kind = 'finsam' AND NOT EXISTS (SELECT 1 FROM case_fact_dirty d
	WHERE d.case_id = a.id);
