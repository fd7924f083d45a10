-- 001_init.sql - the first schema of Bered.
--
-- Written so that it has a PostgreSQL twin: INTEGER PRIMARY KEY ids,
-- dates and timestamps as ISO TEXT ("" in C = NULL here), booleans as
-- INTEGER 0/1 with a CHECK, codes as TEXT (the API's stable names).
-- Forward-only: never edit a released migration, add 00N_*.sql instead.

CREATE TABLE forbund (
	id		INTEGER PRIMARY KEY,
	name		TEXT NOT NULL,
	created_at	TEXT NOT NULL
);

CREATE TABLE party (
	id		INTEGER PRIMARY KEY,
	forbund_id	INTEGER NOT NULL REFERENCES forbund(id),
	kind		TEXT NOT NULL
			CHECK (kind IN ('fk', 'af', 'kommun', 'region')),
	code		TEXT NOT NULL DEFAULT '',
	name		TEXT NOT NULL
);

CREATE TABLE app_user (
	id		INTEGER PRIMARY KEY,
	email		TEXT NOT NULL,
	name		TEXT NOT NULL,
	role		TEXT NOT NULL CHECK (role IN ('ledamot', 'kansli',
			    'styrelse', 'esf-kansli', 'nationell', 'admin')),
	forbund_id	INTEGER REFERENCES forbund(id),
	party_id	INTEGER REFERENCES party(id),
	pwhash		TEXT,
	created_at	TEXT NOT NULL
);
-- Case-insensitive uniqueness that PostgreSQL expresses the same way.
CREATE UNIQUE INDEX app_user_email ON app_user (lower(email));

CREATE TABLE session (
	id_hash		TEXT PRIMARY KEY,
	user_id		INTEGER NOT NULL REFERENCES app_user(id),
	csrf		TEXT NOT NULL,
	created		INTEGER NOT NULL,
	last_seen	INTEGER NOT NULL
);

CREATE TABLE login_failure (
	id		INTEGER PRIMARY KEY,
	key		TEXT NOT NULL,
	at		INTEGER NOT NULL
);

CREATE TABLE api_token (
	id		INTEGER PRIMARY KEY,
	user_id		INTEGER NOT NULL REFERENCES app_user(id),
	name		TEXT NOT NULL,
	hash		TEXT NOT NULL UNIQUE,
	created_at	TEXT NOT NULL,
	revoked_at	TEXT
);

CREATE TABLE need (
	id		INTEGER PRIMARY KEY,
	forbund_id	INTEGER NOT NULL REFERENCES forbund(id),
	malgrupp	TEXT NOT NULL,
	behov		TEXT NOT NULL,
	utbud		TEXT NOT NULL,
	created_on	TEXT NOT NULL
);

-- An ESF-rådet call for applications ("call" is a keyword in PostgreSQL).
CREATE TABLE utlysning (
	id		INTEGER PRIMARY KEY,
	title		TEXT NOT NULL,
	reference	TEXT,
	opens		TEXT,
	closes		TEXT,
	programomrade	TEXT,
	esf_share_pct	INTEGER NOT NULL DEFAULT 0
			CHECK (esf_share_pct BETWEEN 0 AND 100)
);

CREATE TABLE arende (
	id			INTEGER PRIMARY KEY,
	forbund_id		INTEGER NOT NULL REFERENCES forbund(id),
	kind			TEXT NOT NULL CHECK (kind IN ('esf', 'finsam')),
	state			TEXT NOT NULL,
	title			TEXT NOT NULL,
	description		TEXT,
	finsam_malgrupp		INTEGER NOT NULL DEFAULT 0
				CHECK (finsam_malgrupp IN (0, 1)),
	external_cofinancers	TEXT,
	need_id			INTEGER REFERENCES need(id),
	owner_party_id		INTEGER REFERENCES party(id),
	call_id			INTEGER REFERENCES utlysning(id),
	identified_on		TEXT NOT NULL,
	submitted_on		TEXT,
	esf_arende_id		TEXT,
	decision_on		TEXT,
	granted_amount		INTEGER CHECK (granted_amount >= 0),
	project_start		TEXT,
	project_end		TEXT,
	projektledare		TEXT,
	controller		TEXT,
	administrator		TEXT,
	overenskommelse_on	TEXT,
	final_report_on		TEXT,
	reason			TEXT,
	reason_text		TEXT,
	version			INTEGER NOT NULL DEFAULT 1,
	created_at		TEXT NOT NULL,
	updated_at		TEXT NOT NULL
);

-- A case never changes kind: that would slip past R1 below.
CREATE TRIGGER arende_kind_fixed BEFORE UPDATE OF kind ON arende
WHEN NEW.kind <> OLD.kind
BEGIN
	SELECT RAISE(ABORT, 'kind is fixed');
END;

CREATE TABLE arende_party (
	arende_id	INTEGER NOT NULL REFERENCES arende(id),
	party_id	INTEGER NOT NULL REFERENCES party(id),
	deltar		INTEGER NOT NULL DEFAULT 0 CHECK (deltar IN (0, 1)),
	medfinansiar	INTEGER NOT NULL DEFAULT 0 CHECK (medfinansiar IN (0, 1)),
	medfinansiering	TEXT,
	utforare	INTEGER NOT NULL DEFAULT 0 CHECK (utforare IN (0, 1)),
	forankrad	TEXT,
	mandat		INTEGER NOT NULL DEFAULT 0 CHECK (mandat IN (0, 1)),
	agarprovning	TEXT CHECK (agarprovning IN ('kan', 'avstar')),
	beslut		TEXT CHECK (beslut IN ('ja', 'nej')),
	PRIMARY KEY (arende_id, party_id)
);

-- The audit log: who changed what and when. A case's history is its
-- rows here. user_id 0/NULL = the system (CLI, demo).
CREATE TABLE audit (
	id		INTEGER PRIMARY KEY,
	at		TEXT NOT NULL,
	user_id		INTEGER,
	entity		TEXT NOT NULL,
	entity_id	INTEGER NOT NULL,
	field		TEXT,
	old_value	TEXT,
	new_value	TEXT,
	from_state	TEXT,
	to_state	TEXT,
	comment		TEXT
);

-- Append-only, enforced by the database itself, not by the C code.
CREATE TRIGGER audit_no_update BEFORE UPDATE ON audit
BEGIN
	SELECT RAISE(ABORT, 'audit is append-only');
END;
CREATE TRIGGER audit_no_delete BEFORE DELETE ON audit
BEGIN
	SELECT RAISE(ABORT, 'audit is append-only');
END;

CREATE TABLE meeting (
	id		INTEGER PRIMARY KEY,
	forbund_id	INTEGER NOT NULL REFERENCES forbund(id),
	date		TEXT NOT NULL,
	present		TEXT,
	notes		TEXT
);

CREATE TABLE agenda_item (
	meeting_id	INTEGER NOT NULL REFERENCES meeting(id),
	case_id		INTEGER NOT NULL REFERENCES arende(id),
	position	INTEGER NOT NULL,
	outcome		TEXT CHECK (outcome IN ('beviljad', 'avslag')),
	amount		INTEGER CHECK (amount >= 0),
	period_start	TEXT,
	period_end	TEXT,
	PRIMARY KEY (meeting_id, case_id)
);

-- R1: an ESF+ case never goes to the board; the database refuses it
-- whatever path the insert takes.
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

CREATE TABLE budget (
	id		INTEGER PRIMARY KEY,
	forbund_id	INTEGER NOT NULL REFERENCES forbund(id),
	year		INTEGER NOT NULL,
	UNIQUE (forbund_id, year)
);

CREATE TABLE budget_offer (
	budget_id	INTEGER NOT NULL REFERENCES budget(id),
	party_id	INTEGER NOT NULL REFERENCES party(id),
	amount		INTEGER NOT NULL CHECK (amount >= 0),
	share_ppm	INTEGER NOT NULL DEFAULT 0
			CHECK (share_ppm BETWEEN 0 AND 1000000),
	PRIMARY KEY (budget_id, party_id)
);

-- R10: Finsam insats participant counts per year.
CREATE TABLE participants (
	case_id		INTEGER NOT NULL REFERENCES arende(id),
	year		INTEGER NOT NULL,
	women		INTEGER NOT NULL DEFAULT 0 CHECK (women >= 0),
	men		INTEGER NOT NULL DEFAULT 0 CHECK (men >= 0),
	to_work		INTEGER NOT NULL DEFAULT 0 CHECK (to_work >= 0),
	to_studies	INTEGER NOT NULL DEFAULT 0 CHECK (to_studies >= 0),
	job_seeking	INTEGER NOT NULL DEFAULT 0 CHECK (job_seeking >= 0),
	other		INTEGER NOT NULL DEFAULT 0 CHECK (other >= 0),
	PRIMARY KEY (case_id, year)
);
