-- 009: documents on a case, a board meeting or a beredningsgrupp meeting
-- (issue 10; exactly one of the three). Each version is a row of its own
-- (replaces: the version before), with who and when, its size and
-- SHA-256; the content is kept in document_chunk, 256 KiB a row, so that
-- it is written and read a chunk at a time, never whole in memory.
CREATE TABLE document (
	id		INTEGER PRIMARY KEY,
	forbund_id	INTEGER NOT NULL REFERENCES forbund(id),
	case_id		INTEGER REFERENCES arende(id),
	meeting_id	INTEGER REFERENCES meeting(id),
	group_meeting_id INTEGER, -- group_meeting (migration 011)
	kind		TEXT NOT NULL,
	party_id	INTEGER REFERENCES party(id),
	name		TEXT NOT NULL,
	content_type	TEXT NOT NULL,
	size		INTEGER NOT NULL CHECK (size >= 0),
	sha256		TEXT NOT NULL,
	version		INTEGER NOT NULL CHECK (version >= 1),
	replaces	INTEGER REFERENCES document(id),
	uploaded_at	TEXT NOT NULL,
	uploaded_by	INTEGER NOT NULL REFERENCES app_user(id),
	CHECK ((case_id IS NOT NULL) + (meeting_id IS NOT NULL) +
		(group_meeting_id IS NOT NULL) = 1)
);
CREATE INDEX document_case ON document (case_id, id);
CREATE INDEX document_meeting ON document (meeting_id, id);
CREATE INDEX document_group ON document (group_meeting_id, id);

CREATE TABLE document_chunk (
	id		INTEGER PRIMARY KEY,
	document_id	INTEGER NOT NULL REFERENCES document(id),
	seq		INTEGER NOT NULL,
	data		BLOB NOT NULL,
	UNIQUE (document_id, seq)
);
