-- 007: the follow-up's facts per case (issue 8); PostgreSQL's twin of
-- src/store/schema/007_followup_facts.sql, which explains each table.
CREATE TABLE case_fact (
	case_id		BIGINT PRIMARY KEY,
	forbund_id	BIGINT NOT NULL,
	year		BIGINT NOT NULL,
	identified_on	TEXT NOT NULL,
	kind		BIGINT NOT NULL,
	state		BIGINT NOT NULL,
	reason		BIGINT NOT NULL,
	has_owner	BIGINT NOT NULL,
	owner_kind	BIGINT NOT NULL,
	cofin		BIGINT NOT NULL,
	flags		BIGINT NOT NULL,
	granted		BIGINT NOT NULL,
	participants	BIGINT NOT NULL,
	open_state	BIGINT NOT NULL,
	open_since	BIGINT NOT NULL,
	owner_party_id	BIGINT NOT NULL,
	fk_deltar	BIGINT NOT NULL
);
CREATE INDEX case_fact_cube ON case_fact (forbund_id, year, kind, state,
	reason, has_owner, owner_kind, cofin, flags, identified_on, granted,
	participants);
CREATE INDEX case_fact_owner ON case_fact (kind, owner_party_id, state,
	flags, forbund_id, identified_on);

CREATE TABLE case_cube (
	forbund_id	BIGINT NOT NULL,
	year		BIGINT NOT NULL,
	kind		BIGINT NOT NULL,
	state		BIGINT NOT NULL,
	reason		BIGINT NOT NULL,
	has_owner	BIGINT NOT NULL,
	owner_kind	BIGINT NOT NULL,
	cofin		BIGINT NOT NULL,
	flags		BIGINT NOT NULL,
	n		BIGINT NOT NULL,
	granted		BIGINT NOT NULL,
	participants	BIGINT NOT NULL,
	PRIMARY KEY (forbund_id, year, kind, state, reason, has_owner,
		owner_kind, cofin, flags)
);
CREATE FUNCTION case_cube_add() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
	INSERT INTO case_cube AS c (forbund_id, year, kind, state, reason,
		has_owner, owner_kind, cofin, flags, n, granted, participants)
	VALUES (NEW.forbund_id, NEW.year, NEW.kind, NEW.state, NEW.reason,
		NEW.has_owner, NEW.owner_kind, NEW.cofin, NEW.flags, 1,
		GREATEST(NEW.granted, 0), NEW.participants)
	ON CONFLICT (forbund_id, year, kind, state, reason, has_owner,
		owner_kind, cofin, flags)
	DO UPDATE SET n = c.n + 1, granted = c.granted + excluded.granted,
		participants = c.participants + excluded.participants;
	RETURN NULL;
END;
$$;
CREATE FUNCTION case_cube_remove() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
	UPDATE case_cube SET n = n - 1,
		granted = granted - GREATEST(OLD.granted, 0),
		participants = participants - OLD.participants
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
CREATE TRIGGER case_cube_add AFTER INSERT ON case_fact
FOR EACH ROW EXECUTE FUNCTION case_cube_add();
CREATE TRIGGER case_cube_remove AFTER DELETE ON case_fact
FOR EACH ROW EXECUTE FUNCTION case_cube_remove();

CREATE TABLE case_fact_days (
	case_id		BIGINT NOT NULL,
	state		BIGINT NOT NULL,
	days		BIGINT NOT NULL,
	kind		BIGINT NOT NULL,
	forbund_id	BIGINT NOT NULL,
	identified_on	TEXT NOT NULL,
	open		BIGINT NOT NULL,
	open_since	BIGINT NOT NULL,
	PRIMARY KEY (case_id, state)
);
CREATE INDEX case_fact_days_count ON case_fact_days (kind, state, days,
	open, open_since, forbund_id, identified_on);

CREATE TABLE case_fact_cofin (
	case_id		BIGINT NOT NULL,
	party_id	BIGINT NOT NULL,
	kind		BIGINT NOT NULL,
	state		BIGINT NOT NULL,
	flags		BIGINT NOT NULL,
	forbund_id	BIGINT NOT NULL,
	identified_on	TEXT NOT NULL,
	PRIMARY KEY (case_id, party_id)
);
CREATE INDEX case_fact_cofin_count ON case_fact_cofin (kind, party_id,
	state, flags, forbund_id, identified_on);

CREATE TABLE case_fact_dirty (
	case_id		BIGINT PRIMARY KEY
);

-- Marks the case whose id is in column TG_ARGV[0] of the row dirty.
CREATE FUNCTION case_fact_mark() RETURNS trigger LANGUAGE plpgsql AS $$
DECLARE
	r jsonb;
BEGIN
	IF TG_OP = 'DELETE' THEN
		r := to_jsonb(OLD);
	ELSE
		r := to_jsonb(NEW);
	END IF;
	INSERT INTO case_fact_dirty (case_id)
	VALUES ((r ->> TG_ARGV[0])::bigint) ON CONFLICT DO NOTHING;
	RETURN NULL;
END;
$$;
CREATE TRIGGER case_fact_arende AFTER INSERT OR UPDATE OR DELETE ON arende
FOR EACH ROW EXECUTE FUNCTION case_fact_mark('id');
CREATE TRIGGER case_fact_history AFTER INSERT ON audit
FOR EACH ROW WHEN (NEW.entity = 'arende' AND NEW.to_state IS NOT NULL)
EXECUTE FUNCTION case_fact_mark('entity_id');
CREATE TRIGGER case_fact_party AFTER INSERT OR UPDATE OR DELETE
ON arende_party FOR EACH ROW EXECUTE FUNCTION case_fact_mark('arende_id');
CREATE TRIGGER case_fact_participants AFTER INSERT OR UPDATE OR DELETE
ON participants FOR EACH ROW EXECUTE FUNCTION case_fact_mark('case_id');

CREATE INDEX arende_call ON arende (call_id, state);
CREATE INDEX arende_kind_state ON arende (kind, state, forbund_id, id);

INSERT INTO case_fact_dirty (case_id) SELECT id FROM arende;
