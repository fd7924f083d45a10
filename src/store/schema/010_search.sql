-- 010: search (issue 10): one full-text index over cases (title and
-- description), needs, comments and document names (not their contents),
-- kept in step by triggers. Words fold case for every script (Å = å) and
-- keep their diacritics (å is not a). Each row's rowid says what it is:
-- id * 4 + 0 a case, + 1 a need, + 2 a comment (its audit row), + 3 a
-- document; case_id and forbund_id select what the asker may see.
CREATE VIRTUAL TABLE search_index USING fts5(
	title, body, case_id UNINDEXED, forbund_id UNINDEXED,
	tokenize = 'unicode61 remove_diacritics 0'
);

CREATE TRIGGER search_case_insert AFTER INSERT ON arende
BEGIN
	INSERT INTO search_index (rowid, title, body, case_id, forbund_id)
	VALUES (NEW.id * 4, NEW.title, NEW.description, NEW.id,
		NEW.forbund_id);
END;
CREATE TRIGGER search_case_update AFTER UPDATE OF title, description
ON arende
BEGIN
	DELETE FROM search_index WHERE rowid = OLD.id * 4;
	INSERT INTO search_index (rowid, title, body, case_id, forbund_id)
	VALUES (NEW.id * 4, NEW.title, NEW.description, NEW.id,
		NEW.forbund_id);
END;
CREATE TRIGGER search_case_delete AFTER DELETE ON arende
BEGIN
	DELETE FROM search_index WHERE rowid = OLD.id * 4;
END;

CREATE TRIGGER search_need_insert AFTER INSERT ON need
BEGIN
	INSERT INTO search_index (rowid, title, body, case_id, forbund_id)
	VALUES (NEW.id * 4 + 1, NEW.malgrupp, NEW.behov || ' ' || NEW.utbud,
		0, NEW.forbund_id);
END;
CREATE TRIGGER search_need_update AFTER UPDATE ON need
BEGIN
	DELETE FROM search_index WHERE rowid = OLD.id * 4 + 1;
	INSERT INTO search_index (rowid, title, body, case_id, forbund_id)
	VALUES (NEW.id * 4 + 1, NEW.malgrupp, NEW.behov || ' ' || NEW.utbud,
		0, NEW.forbund_id);
END;
CREATE TRIGGER search_need_delete AFTER DELETE ON need
BEGIN
	DELETE FROM search_index WHERE rowid = OLD.id * 4 + 1;
END;

-- Comments are append-only audit rows: inserted, never changed.
CREATE TRIGGER search_comment_insert AFTER INSERT ON audit
WHEN NEW.entity = 'arende' AND NEW.field = 'kommentar'
BEGIN
	INSERT INTO search_index (rowid, title, body, case_id, forbund_id)
	SELECT NEW.id * 4 + 2, '', NEW.comment, a.id, a.forbund_id
	FROM arende a WHERE a.id = NEW.entity_id;
END;

CREATE TRIGGER search_document_insert AFTER INSERT ON document
WHEN NEW.case_id IS NOT NULL
BEGIN
	INSERT INTO search_index (rowid, title, body, case_id, forbund_id)
	VALUES (NEW.id * 4 + 3, NEW.name, '', NEW.case_id, NEW.forbund_id);
END;
CREATE TRIGGER search_document_delete AFTER DELETE ON document
BEGIN
	DELETE FROM search_index WHERE rowid = OLD.id * 4 + 3;
END;

-- What is already there.
INSERT INTO search_index (rowid, title, body, case_id, forbund_id)
SELECT id * 4, title, description, id, forbund_id FROM arende;
INSERT INTO search_index (rowid, title, body, case_id, forbund_id)
SELECT id * 4 + 1, malgrupp, behov || ' ' || utbud, 0, forbund_id
FROM need;
INSERT INTO search_index (rowid, title, body, case_id, forbund_id)
SELECT h.id * 4 + 2, '', h.comment, a.id, a.forbund_id FROM audit h
JOIN arende a ON a.id = h.entity_id
WHERE h.entity = 'arende' AND h.field = 'kommentar';
INSERT INTO search_index (rowid, title, body, case_id, forbund_id)
SELECT id * 4 + 3, name, '', case_id, forbund_id FROM document
WHERE case_id IS NOT NULL;
