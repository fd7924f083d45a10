-- 007: the follow-up's facts per case (issue 8), so that the national
-- follow-up counts groups in SQL instead of walking every case and its
-- history on each request.
--
-- case_fact is derived, never edited by hand: one row per case with what
-- domain/followup.c counts (kind, state, reason and owner kind as the C
-- enums' numbers; cofin a bit per party kind; flags bit 0 passed overens,
-- bit 1 reached inskickad), and case_fact_days the whole days each case
-- spent in each state it has left, plus, in case_fact, the state it is in
-- now (open_state) and since when (open_since, days since 1970-01-01).
--
-- (Not INSERT OR IGNORE: an outer UPSERT's conflict policy would override
-- the trigger's and abort on a case already marked.)
-- Triggers mark a case dirty whenever something the facts come from
-- changes; the store recomputes dirty cases before each COMMIT (and
-- before the follow-up reads, for writes made outside a transaction).
-- Marking every case dirty rebuilds everything (this migration does so).
CREATE TABLE case_fact (
	case_id		INTEGER PRIMARY KEY,
	forbund_id	INTEGER NOT NULL,
	year		INTEGER NOT NULL,
	identified_on	TEXT NOT NULL,
	kind		INTEGER NOT NULL,
	state		INTEGER NOT NULL,
	reason		INTEGER NOT NULL,
	has_owner	INTEGER NOT NULL,
	owner_kind	INTEGER NOT NULL,
	cofin		INTEGER NOT NULL,
	flags		INTEGER NOT NULL,
	granted		INTEGER NOT NULL,
	participants	INTEGER NOT NULL,
	open_state	INTEGER NOT NULL,
	open_since	INTEGER NOT NULL,
	owner_party_id	INTEGER NOT NULL,
	fk_deltar	INTEGER NOT NULL
);
-- Covers the grouped count: no table lookups, groups in index order.
CREATE INDEX case_fact_cube ON case_fact (forbund_id, year, kind, state,
	reason, has_owner, owner_kind, cofin, flags, identified_on, granted,
	participants);
-- Owners by name: grouped in index order, no table lookups.
CREATE INDEX case_fact_owner ON case_fact (kind, owner_party_id, state,
	flags, forbund_id, identified_on);

-- The facts added up: one row per förbund, year and combination of what
-- is counted, kept by the triggers below, so that a follow-up of whole
-- years reads thousands of rows at national scale instead of every case.
CREATE TABLE case_cube (
	forbund_id	INTEGER NOT NULL,
	year		INTEGER NOT NULL,
	kind		INTEGER NOT NULL,
	state		INTEGER NOT NULL,
	reason		INTEGER NOT NULL,
	has_owner	INTEGER NOT NULL,
	owner_kind	INTEGER NOT NULL,
	cofin		INTEGER NOT NULL,
	flags		INTEGER NOT NULL,
	n		INTEGER NOT NULL,
	granted		INTEGER NOT NULL,
	participants	INTEGER NOT NULL,
	PRIMARY KEY (forbund_id, year, kind, state, reason, has_owner,
		owner_kind, cofin, flags)
) WITHOUT ROWID;
CREATE TRIGGER case_cube_add AFTER INSERT ON case_fact
BEGIN
	INSERT INTO case_cube (forbund_id, year, kind, state, reason,
		has_owner, owner_kind, cofin, flags, n, granted, participants)
	VALUES (NEW.forbund_id, NEW.year, NEW.kind, NEW.state, NEW.reason,
		NEW.has_owner, NEW.owner_kind, NEW.cofin, NEW.flags, 1,
		MAX(NEW.granted, 0), NEW.participants)
	ON CONFLICT (forbund_id, year, kind, state, reason, has_owner,
		owner_kind, cofin, flags)
	DO UPDATE SET n = n + 1, granted = granted + excluded.granted,
		participants = participants + excluded.participants;
END;
CREATE TRIGGER case_cube_remove AFTER DELETE ON case_fact
BEGIN
	UPDATE case_cube SET n = n - 1, granted = granted - MAX(OLD.granted, 0),
		participants = participants - OLD.participants
	WHERE forbund_id = OLD.forbund_id AND year = OLD.year AND
		kind = OLD.kind AND state = OLD.state AND
		reason = OLD.reason AND has_owner = OLD.has_owner AND
		owner_kind = OLD.owner_kind AND cofin = OLD.cofin AND
		flags = OLD.flags;
	DELETE FROM case_cube WHERE n = 0 AND forbund_id = OLD.forbund_id
		AND year = OLD.year;
END;

-- The days in each state, with what the follow-up selects them by
-- (kind, förbund, identified_on), so that they are counted from one
-- covering index; open: the state the case is in now (days so far are
-- the closed ones, open_since adds the rest up to today).
CREATE TABLE case_fact_days (
	case_id		INTEGER NOT NULL,
	state		INTEGER NOT NULL,
	days		INTEGER NOT NULL,
	kind		INTEGER NOT NULL,
	forbund_id	INTEGER NOT NULL,
	identified_on	TEXT NOT NULL,
	open		INTEGER NOT NULL,
	open_since	INTEGER NOT NULL,
	PRIMARY KEY (case_id, state)
) WITHOUT ROWID;
CREATE INDEX case_fact_days_count ON case_fact_days (kind, state, days,
	open, open_since, forbund_id, identified_on);

-- The co-financing parties of each case, with what co-financers by name
-- are selected and counted by.
CREATE TABLE case_fact_cofin (
	case_id		INTEGER NOT NULL,
	party_id	INTEGER NOT NULL,
	kind		INTEGER NOT NULL,
	state		INTEGER NOT NULL,
	flags		INTEGER NOT NULL,
	forbund_id	INTEGER NOT NULL,
	identified_on	TEXT NOT NULL,
	PRIMARY KEY (case_id, party_id)
) WITHOUT ROWID;
CREATE INDEX case_fact_cofin_count ON case_fact_cofin (kind, party_id,
	state, flags, forbund_id, identified_on);

CREATE TABLE case_fact_dirty (
	case_id		INTEGER PRIMARY KEY
);

CREATE TRIGGER case_fact_arende_insert AFTER INSERT ON arende
BEGIN
	INSERT INTO case_fact_dirty (case_id) SELECT NEW.id
	WHERE NOT EXISTS (SELECT 1 FROM case_fact_dirty WHERE case_id = NEW.id);
END;
CREATE TRIGGER case_fact_arende_update AFTER UPDATE ON arende
BEGIN
	INSERT INTO case_fact_dirty (case_id) SELECT NEW.id
	WHERE NOT EXISTS (SELECT 1 FROM case_fact_dirty WHERE case_id = NEW.id);
END;
CREATE TRIGGER case_fact_arende_delete AFTER DELETE ON arende
BEGIN
	INSERT INTO case_fact_dirty (case_id) SELECT OLD.id
	WHERE NOT EXISTS (SELECT 1 FROM case_fact_dirty WHERE case_id = OLD.id);
END;
CREATE TRIGGER case_fact_history AFTER INSERT ON audit
WHEN NEW.entity = 'arende' AND NEW.to_state IS NOT NULL
BEGIN
	INSERT INTO case_fact_dirty (case_id) SELECT NEW.entity_id
	WHERE NOT EXISTS (SELECT 1 FROM case_fact_dirty WHERE case_id = NEW.entity_id);
END;
CREATE TRIGGER case_fact_party_insert AFTER INSERT ON arende_party
BEGIN
	INSERT INTO case_fact_dirty (case_id) SELECT NEW.arende_id
	WHERE NOT EXISTS (SELECT 1 FROM case_fact_dirty WHERE case_id = NEW.arende_id);
END;
CREATE TRIGGER case_fact_party_update AFTER UPDATE ON arende_party
BEGIN
	INSERT INTO case_fact_dirty (case_id) SELECT NEW.arende_id
	WHERE NOT EXISTS (SELECT 1 FROM case_fact_dirty WHERE case_id = NEW.arende_id);
END;
CREATE TRIGGER case_fact_party_delete AFTER DELETE ON arende_party
BEGIN
	INSERT INTO case_fact_dirty (case_id) SELECT OLD.arende_id
	WHERE NOT EXISTS (SELECT 1 FROM case_fact_dirty WHERE case_id = OLD.arende_id);
END;
CREATE TRIGGER case_fact_participants_insert AFTER INSERT ON participants
BEGIN
	INSERT INTO case_fact_dirty (case_id) SELECT NEW.case_id
	WHERE NOT EXISTS (SELECT 1 FROM case_fact_dirty WHERE case_id = NEW.case_id);
END;
CREATE TRIGGER case_fact_participants_update AFTER UPDATE ON participants
BEGIN
	INSERT INTO case_fact_dirty (case_id) SELECT NEW.case_id
	WHERE NOT EXISTS (SELECT 1 FROM case_fact_dirty WHERE case_id = NEW.case_id);
END;
CREATE TRIGGER case_fact_participants_delete AFTER DELETE ON participants
BEGIN
	INSERT INTO case_fact_dirty (case_id) SELECT OLD.case_id
	WHERE NOT EXISTS (SELECT 1 FROM case_fact_dirty WHERE case_id = OLD.case_id);
END;

-- At national scale (issue 8): the cases of a call without reading every
-- case, and counting a case list from a narrow index, not the wide rows.
CREATE INDEX arende_call ON arende (call_id, state);
CREATE INDEX arende_kind_state ON arende (kind, state, forbund_id, id);

INSERT INTO case_fact_dirty (case_id) SELECT id FROM arende;
