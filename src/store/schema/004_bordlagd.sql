-- 004: the board may postpone (bordlägga) a matter to a later meeting: an
-- agenda item's outcome may be 'bordlagd', which moves no case. SQLite
-- cannot alter a CHECK, so the table is rebuilt with its index and the
-- R1 triggers (an ESF+ case never goes to the board).
CREATE TABLE agenda_item_new (
	meeting_id	INTEGER NOT NULL REFERENCES meeting(id),
	case_id		INTEGER NOT NULL REFERENCES arende(id),
	position	INTEGER NOT NULL,
	outcome		TEXT CHECK (outcome IN ('beviljad', 'avslag', 'bordlagd')),
	amount		INTEGER CHECK (amount >= 0),
	period_start	TEXT,
	period_end	TEXT,
	PRIMARY KEY (meeting_id, case_id)
);
INSERT INTO agenda_item_new (meeting_id, case_id, position, outcome, amount,
	period_start, period_end)
	SELECT meeting_id, case_id, position, outcome, amount, period_start,
	period_end FROM agenda_item;
DROP TABLE agenda_item;
ALTER TABLE agenda_item_new RENAME TO agenda_item;
CREATE INDEX agenda_item_case ON agenda_item (case_id);
CREATE TRIGGER agenda_item_r1_insert BEFORE INSERT ON agenda_item
WHEN (SELECT kind FROM arende WHERE id = NEW.case_id) = 'esf'
BEGIN
	SELECT RAISE(ABORT, 'R1');
END;
CREATE TRIGGER agenda_item_r1_update BEFORE UPDATE OF case_id ON agenda_item
WHEN (SELECT kind FROM arende WHERE id = NEW.case_id) = 'esf'
BEGIN
	SELECT RAISE(ABORT, 'R1');
END;
