-- 010: search (issue 10); PostgreSQL's twin of
-- src/store/schema/010_search.sql. The index is a table with a tsvector
-- of the 'simple' configuration (words lower-cased by the database's
-- LC_CTYPE, which must be UTF-8: Å = å; diacritics kept: å is not a)
-- and a GIN index; rowid says what a row is, as in SQLite's: id * 4 + 0 a
-- case, + 1 a need, + 2 a comment, + 3 a document.
CREATE TABLE search_index (
	rowid		BIGINT PRIMARY KEY,
	title		TEXT NOT NULL DEFAULT '',
	body		TEXT NOT NULL DEFAULT '',
	case_id		BIGINT NOT NULL,
	forbund_id	BIGINT NOT NULL,
	words		tsvector GENERATED ALWAYS AS (to_tsvector('simple',
			    title || ' ' || body)) STORED
);
CREATE INDEX search_index_words ON search_index USING GIN (words);

CREATE FUNCTION search_case() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
	DELETE FROM search_index WHERE rowid = OLD.id * 4;
	IF TG_OP <> 'DELETE' THEN
		INSERT INTO search_index (rowid, title, body, case_id,
			forbund_id)
		VALUES (NEW.id * 4, NEW.title, COALESCE(NEW.description, ''),
			NEW.id, NEW.forbund_id);
	END IF;
	RETURN NULL;
END;
$$;
CREATE FUNCTION search_case_insert() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
	INSERT INTO search_index (rowid, title, body, case_id, forbund_id)
	VALUES (NEW.id * 4, NEW.title, COALESCE(NEW.description, ''), NEW.id,
		NEW.forbund_id);
	RETURN NULL;
END;
$$;
CREATE TRIGGER search_case_insert AFTER INSERT ON arende
FOR EACH ROW EXECUTE FUNCTION search_case_insert();
CREATE TRIGGER search_case_update AFTER UPDATE OF title, description
ON arende FOR EACH ROW EXECUTE FUNCTION search_case();
CREATE TRIGGER search_case_delete AFTER DELETE ON arende
FOR EACH ROW EXECUTE FUNCTION search_case();

CREATE FUNCTION search_need() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
	IF TG_OP <> 'INSERT' THEN
		DELETE FROM search_index WHERE rowid = OLD.id * 4 + 1;
	END IF;
	IF TG_OP <> 'DELETE' THEN
		INSERT INTO search_index (rowid, title, body, case_id,
			forbund_id)
		VALUES (NEW.id * 4 + 1, NEW.malgrupp,
			NEW.behov || ' ' || NEW.utbud, 0, NEW.forbund_id);
	END IF;
	RETURN NULL;
END;
$$;
CREATE TRIGGER search_need AFTER INSERT OR UPDATE OR DELETE ON need
FOR EACH ROW EXECUTE FUNCTION search_need();

CREATE FUNCTION search_comment() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
	INSERT INTO search_index (rowid, title, body, case_id, forbund_id)
	SELECT NEW.id * 4 + 2, '', COALESCE(NEW.comment, ''), a.id,
		a.forbund_id
	FROM arende a WHERE a.id = NEW.entity_id;
	RETURN NULL;
END;
$$;
CREATE TRIGGER search_comment_insert AFTER INSERT ON audit
FOR EACH ROW WHEN (NEW.entity = 'arende' AND NEW.field = 'kommentar')
EXECUTE FUNCTION search_comment();

CREATE FUNCTION search_document() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
	IF TG_OP = 'DELETE' THEN
		DELETE FROM search_index WHERE rowid = OLD.id * 4 + 3;
	ELSIF NEW.case_id IS NOT NULL THEN
		INSERT INTO search_index (rowid, title, body, case_id,
			forbund_id)
		VALUES (NEW.id * 4 + 3, NEW.name, '', NEW.case_id,
			NEW.forbund_id);
	END IF;
	RETURN NULL;
END;
$$;
CREATE TRIGGER search_document AFTER INSERT OR DELETE ON document
FOR EACH ROW EXECUTE FUNCTION search_document();

INSERT INTO search_index (rowid, title, body, case_id, forbund_id)
SELECT id * 4, title, COALESCE(description, ''), id, forbund_id FROM arende;
INSERT INTO search_index (rowid, title, body, case_id, forbund_id)
SELECT id * 4 + 1, malgrupp, behov || ' ' || utbud, 0, forbund_id FROM need;
INSERT INTO search_index (rowid, title, body, case_id, forbund_id)
SELECT h.id * 4 + 2, '', COALESCE(h.comment, ''), a.id, a.forbund_id
FROM audit h JOIN arende a ON a.id = h.entity_id
WHERE h.entity = 'arende' AND h.field = 'kommentar';
INSERT INTO search_index (rowid, title, body, case_id, forbund_id)
SELECT id * 4 + 3, name, '', case_id, forbund_id FROM document
WHERE case_id IS NOT NULL;
