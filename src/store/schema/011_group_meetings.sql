-- 011: the beredningsgrupp's own meetings (issue 10): the group maps
-- needs and prepares ideas, ESF+ and Finsam alike, so its agenda holds
-- cases of both kinds and needs; the styrelse never sees these (R1).
CREATE TABLE group_meeting (
	id		INTEGER PRIMARY KEY,
	forbund_id	INTEGER NOT NULL REFERENCES forbund(id),
	date		TEXT NOT NULL,
	minutes		TEXT NOT NULL DEFAULT '',
	created_at	TEXT NOT NULL
);
CREATE INDEX group_meeting_forbund ON group_meeting (forbund_id, date);

CREATE TABLE group_meeting_attendee (
	meeting_id	INTEGER NOT NULL REFERENCES group_meeting(id),
	party_id	INTEGER NOT NULL REFERENCES party(id),
	PRIMARY KEY (meeting_id, party_id)
) WITHOUT ROWID;

CREATE TABLE group_meeting_item (
	id		INTEGER PRIMARY KEY,
	meeting_id	INTEGER NOT NULL REFERENCES group_meeting(id),
	position	INTEGER NOT NULL,
	case_id		INTEGER REFERENCES arende(id),
	need_id		INTEGER REFERENCES need(id),
	note		TEXT NOT NULL DEFAULT '',
	CHECK ((case_id IS NULL) <> (need_id IS NULL))
);
CREATE INDEX group_meeting_item_meeting ON group_meeting_item (meeting_id,
	position);
CREATE INDEX group_meeting_item_case ON group_meeting_item (case_id);
