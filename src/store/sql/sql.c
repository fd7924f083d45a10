/*
 * sql.c - the SQL store: the statement cache and the helpers every
 * sql_*.c file shares (binding, columns, error mapping, the audit
 * writer), transactions and savepoints, the forward-only migrations with
 * their version guard, and the table of operations store.c dispatches
 * through. The database itself is a driver's (db.h): SQLite
 * (store/sqlite/) or PostgreSQL (store/pg/).
 *
 * One struct sq = one driver connection, used by one thread at a time.
 * Every query is literal SQL with bound parameters, prepared once and
 * cached; never formatted SQL.
 */
#include "sql.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "util/log.h"
#include "util/text.h"
#include "util/xmalloc.h"

static const struct store_ops sql_ops;

struct sq *
sq_of(struct store *s)
{
	return (struct sq *)s;
}

struct store *
sq_store(struct db *db)
{
	struct sq *q = xcalloc(1, sizeof(*q));

	q->base.ops = &sql_ops;
	q->db = db;
	return &q->base;
}

static void
sq_close(struct store *s)
{
	struct sq *q = sq_of(s);

	q->db->ops->request_end(q->db);
	for (int i = 0; i < SQ__COUNT; i++) {
		if (q->st[i] != NULL) {
			q->db->ops->finalize(q->st[i]);
		}
	}
	q->db->ops->close(q->db);
	free(q);
}

/* ---- statements, binding, columns, errors ---------------------------- */

struct dbst *
sq_prep(struct sq *q, enum sq_id id, const char *sql)
{
	if (q->st[id] == NULL) {
		q->st[id] = q->db->ops->prepare(q->db, sql);
		if (q->st[id] == NULL) {
			log_err("store: prepare %d: %s", (int)id,
			    db_errmsg(q->db));
			return NULL;
		}
	}
	/* Every statement passes here just before it runs. */
	q->db->ops->use(q->db, q->st[id]);
	return q->st[id];
}

void
sq_done(struct sq *q, struct dbst *st)
{
	q->db->ops->done(q->db, st);
}

int
sq_err(struct sq *q, int rc, const char *what)
{
	switch (rc) {
	case B_OK:
	case DB_DONE:
	case DB_ROW:
		return B_OK;
	case B_UNAVAILABLE:
		/* The write did not happen and may work later: 503. */
		log_err("store: %s: %s", what, db_errmsg(q->db));
		return B_UNAVAILABLE;
	case B_CONFLICT:
	case B_NOTFOUND:
	case B_INVALID:
		return rc; /* constraints: refusals, not failures */
	default:
		/* The message names tables/columns, never values. */
		log_err("store: %s: %s", what, db_errmsg(q->db));
		return B_INTERNAL;
	}
}

int
sq_run(struct sq *q, struct dbst *st, const char *what)
{
	if (st == NULL) {
		return B_INTERNAL;
	}
	return sq_step_end(q, st, db_step(st), what);
}

int
sq_step_end(struct sq *q, struct dbst *st, int rc, const char *what)
{
	rc = sq_err(q, rc, what);
	sq_done(q, st);
	return rc;
}

int
sq_one_end(struct sq *q, struct dbst *st, int rc, const char *what)
{
	if (rc == DB_DONE) {
		sq_done(q, st);
		return B_NOTFOUND;
	}
	return sq_step_end(q, st, rc, what);
}

int
sq_counts(struct sq *q, struct dbst *st, const char *what, int64_t *a,
    int64_t *b)
{
	int rc;

	*a = 0;
	if (b != NULL) {
		*b = 0;
	}
	if (st == NULL) {
		return B_INTERNAL;
	}
	rc = db_step(st);
	if (rc == DB_ROW) {
		*a = sq_col_i64(st, 0);
		if (b != NULL) {
			*b = sq_col_i64(st, 1);
		}
	}
	return sq_step_end(q, st, rc, what);
}

void *
sq_list_end(int rc, void *v, size_t *n)
{
	if (rc != B_OK) {
		free(v);
		v = NULL;
		*n = 0;
	}
	return v;
}

int
sq_insert_id(struct sq *q, struct dbst *st, int64_t *id, const char *what)
{
	int rc;

	if (st == NULL) {
		return B_INTERNAL;
	}
	rc = db_step(st);
	if (rc == DB_ROW) {
		*id = db_col_i64(st, 0);
		rc = DB_DONE;
	}
	rc = sq_err(q, rc, what);
	sq_done(q, st);
	return rc;
}

void
sq_bind_text(struct dbst *st, int i, const char *v)
{
	if (v == NULL || v[0] == '\0') {
		db_bind_null(st, i);
	} else {
		db_bind_text(st, i, v);
	}
}

void
sq_bind_str(struct dbst *st, int i, const char *v)
{
	db_bind_text(st, i, v ? v : "");
}

void
sq_bind_id(struct dbst *st, int i, int64_t v)
{
	if (v == 0) {
		db_bind_null(st, i);
	} else {
		db_bind_i64(st, i, v);
	}
}

void
sq_bind_i64(struct dbst *st, int i, int64_t v)
{
	db_bind_i64(st, i, v);
}

void
sq_col_str(struct dbst *st, int i, char *dst, size_t size)
{
	text_copy(dst, size, db_col_text(st, i));
}

int64_t
sq_col_i64(struct dbst *st, int i)
{
	return db_col_i64(st, i);
}

void
sq_now(const struct sq *q, char out[TS_LEN])
{
	ts_format(q->base.now != 0 ? q->base.now : time_now(), out);
}

void *
sq_grow(void *p, size_t *cap, size_t n, size_t size)
{
	if (n + 1 > *cap) {
		*cap = *cap ? *cap * 2 : 16;
		p = xrealloc(p, *cap * size);
	}
	return p;
}

enum party_kind
sq_party_kind(const char *code)
{
	enum party_kind k = PK_FK;

	if (code != NULL) {
		(void)party_kind_from_code(code, &k);
	}
	return k;
}

/* ---- transactions ---------------------------------------------------- */

static int
sq_simple(struct sq *q, enum sq_id id, const char *sql)
{
	return sq_run(q, sq_prep(q, id, sql), sql);
}

/*
 * store_read_begin: one read snapshot for the reads up to
 * store_read_end (the driver's: SQLite takes the WAL read lock once
 * instead of per statement). Only when no transaction is open.
 */
static int
sq_read_begin(struct store *s)
{
	struct sq *q = sq_of(s);

	return q->db->ops->read_begin(q->db);
}

/*
 * The end of a request. A transaction still open here was left by a
 * caller that failed half way: it would keep the write lock from every
 * other connection until this one's next request, so it is rolled back.
 */
static void
sq_read_end(struct store *s)
{
	struct sq *q = sq_of(s);

	q->db->ops->request_end(q->db);
	q->depth = 0;
}

int
sq_tx_begin(struct sq *q, bool *outer)
{
	q->db->ops->read_close(q->db);
	*outer = !q->db->ops->in_tx(q->db);
	if (*outer) {
		return q->db->ops->write_begin(q->db);
	}
	return sq_simple(q, SQ_SAVEPOINT, "SAVEPOINT sq");
}

int
sq_tx_end(struct sq *q, bool outer, int rc)
{
	if (rc == B_OK && outer) {
		/* The follow-up's facts follow every write (migration 007). */
		rc = sq_facts_refresh(q);
	}
	if (rc == B_OK) {
		/* A full disk at COMMIT is B_UNAVAILABLE, not B_INTERNAL. */
		rc = outer ? q->db->ops->write_commit(q->db)
			   : sq_simple(q, SQ_RELEASE, "RELEASE sq");
		if (rc == B_OK) {
			return B_OK;
		}
		rc = sq_err(q, rc, "commit");
	}
	if (outer) {
		q->db->ops->write_rollback(q->db);
	} else {
		(void)sq_simple(q, SQ_ROLLBACK_TO, "ROLLBACK TO sq");
		(void)sq_simple(q, SQ_RELEASE, "RELEASE sq");
	}
	return rc;
}

/*
 * store_begin inside a transaction (an operation that is atomic on its
 * own, run by `bered demo` inside its one transaction) opens a savepoint,
 * so the inner commit or rollback concerns only the inner work.
 */
static int
sq_begin(struct store *s)
{
	struct sq *q = sq_of(s);
	bool outer;
	int rc;

	if (q->depth >= 64) {
		return B_INTERNAL;
	}
	if ((rc = sq_tx_begin(q, &outer)) != B_OK) {
		return rc;
	}
	if (outer) {
		q->nested &= ~((uint64_t)1 << q->depth);
	} else {
		q->nested |= (uint64_t)1 << q->depth;
	}
	q->depth++;
	return B_OK;
}

/* The level being closed: true if it is a savepoint. */
static bool
sq_pop(struct sq *q)
{
	if (q->depth == 0) {
		return false;
	}
	q->depth--;
	return (q->nested >> q->depth & 1) != 0;
}

static int
sq_commit(struct store *s)
{
	struct sq *q = sq_of(s);

	return sq_tx_end(q, !sq_pop(q), B_OK);
}

static int
sq_rollback(struct store *s)
{
	struct sq *q = sq_of(s);

	(void)sq_tx_end(q, !sq_pop(q), B_CONFLICT);
	return B_OK;
}

/* ---- audit ------------------------------------------------------------- */

int
sq_audit(struct sq *q, int64_t actor, const struct sq_audit *a)
{
	struct dbst *st;
	char now[TS_LEN];
	int64_t id = 0;
	int rc;

	st = sq_prep(q, SQ_AUDIT,
	    "INSERT INTO audit (at, user_id, entity, entity_id, field, "
	    "old_value, new_value, from_state, to_state, comment) "
	    "VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?) RETURNING id");
	if (st == NULL) {
		return B_INTERNAL;
	}
	sq_now(q, now);
	sq_bind_str(st, 1, now);
	sq_bind_id(st, 2, actor);
	sq_bind_str(st, 3, a->entity);
	sq_bind_i64(st, 4, a->entity_id);
	sq_bind_text(st, 5, a->field);
	sq_bind_text(st, 6, a->old_value);
	sq_bind_text(st, 7, a->new_value);
	sq_bind_text(st, 8, a->from_state);
	sq_bind_text(st, 9, a->to_state);
	sq_bind_text(st, 10, a->comment);
	rc = sq_insert_id(q, st, &id, "audit");
	if (a->id != NULL) {
		*a->id = id;
	}
	return rc;
}

/* ---- migrations -------------------------------------------------------- */

/* The newest version this binary knows (the driver's last migration). */
static int
sq_newest(const struct sq *q)
{
	const struct db_ops *o = q->db->ops;

	return o->migrations[o->nmigrations - 1].version;
}

/* The applied version (0 = none); the table must exist. */
static int
sq_read_version(struct sq *q, int *v)
{
	struct dbst *st;
	int rc;

	st = sq_prep(q, SQ_VERSION,
	    "SELECT COALESCE(MAX(version), 0) FROM schema_version");
	if (st == NULL) {
		return B_INTERNAL;
	}
	rc = db_step(st);
	*v = rc == DB_ROW ? (int)db_col_i64(st, 0) : 0;
	return sq_step_end(q, st, rc, "schema version");
}

/* Applies migration m inside the transaction the caller holds. */
static int
sq_apply(struct sq *q, const struct db_migration *m, char *err, size_t errlen)
{
	struct dbst *st;
	char now[TS_LEN];
	int rc;

	if (q->db->ops->exec(q->db, m->sql) != B_OK) {
		snprintf(err, errlen, "Migrering %d misslyckades: %s",
		    m->version, db_errmsg(q->db));
		return B_INTERNAL;
	}
	st = sq_prep(q, SQ_VERSION_INS,
	    "INSERT INTO schema_version (version, applied_at) VALUES (?, ?)");
	if (st == NULL) {
		rc = B_INTERNAL;
	} else {
		sq_now(q, now);
		sq_bind_i64(st, 1, m->version);
		sq_bind_str(st, 2, now);
		rc = sq_run(q, st, "schema version");
	}
	if (rc != B_OK) {
		snprintf(err, errlen, "Migrering %d misslyckades: %s",
		    m->version, db_errmsg(q->db));
	}
	return rc;
}

/*
 * One step: in a write transaction (so concurrent migrators serialize),
 * read the version and apply the next migration. *more = false when the
 * database is current.
 */
static int
sq_migrate_step(struct sq *q, bool *more, char *err, size_t errlen)
{
	const struct db_ops *o = q->db->ops;
	int rc, v = 0, newest = sq_newest(q);

	*more = false;
	if (o->write_begin(q->db) != B_OK || o->migrate_lock(q->db) != B_OK) {
		snprintf(err, errlen,
		    "Databasen är låst eller kan inte skrivas: %s",
		    db_errmsg(q->db));
		o->write_rollback(q->db);
		return B_INTERNAL;
	}
	rc = sq_read_version(q, &v);
	if (rc != B_OK) {
		snprintf(err, errlen, "Kan inte läsa schemaversionen.");
	} else if (v > newest) {
		snprintf(err, errlen,
		    "Databasen har schemaversion %d men "
		    "denna bered känner bara till %d; uppgradera bered.",
		    v, newest);
		rc = B_CONFLICT;
	} else {
		for (int i = 0; i < o->nmigrations; i++) {
			if (o->migrations[i].version > v) {
				rc =
				    sq_apply(q, &o->migrations[i], err, errlen);
				*more = rc == B_OK;
				break;
			}
		}
	}
	if (rc == B_OK) {
		rc = o->write_commit(q->db);
	}
	if (rc != B_OK) {
		o->write_rollback(q->db);
	}
	return rc;
}

static int
sq_backup(struct store *s, const char *path, char *err, size_t errlen)
{
	struct sq *q = sq_of(s);

	return q->db->ops->backup(q->db, path, err, errlen);
}

static int
sq_migrate(struct store *s, char *err, size_t errlen)
{
	struct sq *q = sq_of(s);
	bool more = true, outer;
	int rc = B_OK;

	if (q->db->ops->exec(q->db,
		"CREATE TABLE IF NOT EXISTS schema_version ("
		"version INTEGER PRIMARY KEY, applied_at TEXT NOT NULL)") !=
	    B_OK) {
		snprintf(err, errlen, "Kan inte skapa schema_version: %s",
		    db_errmsg(q->db));
		return B_INTERNAL;
	}
	while (more && rc == B_OK) {
		rc = sq_migrate_step(q, &more, err, errlen);
	}
	if (rc == B_OK) {
		/* Facts a migration marked dirty are computed now, once, not
		 * by the first follow-up (sq_tx_end refreshes them). */
		if ((rc = sq_tx_begin(q, &outer)) == B_OK) {
			rc = sq_tx_end(q, outer, sq_budget_frames_fill(q));
		}
		if (rc != B_OK) {
			snprintf(err, errlen,
			    "Uppföljningens underlag kunde inte "
			    "beräknas: %s",
			    db_errmsg(q->db));
		}
	}
	return rc;
}

static int
sq_schema_version(struct store *s, int *db_version, int *binary_version)
{
	struct sq *q = sq_of(s);
	int rc;

	*binary_version = sq_newest(q);
	*db_version = 0;
	rc = q->db->ops->has_table(q->db, "schema_version");
	if (rc == B_NOTFOUND) {
		return B_OK;
	}
	return rc == B_OK ? sq_read_version(q, db_version) : rc;
}

static const struct store_ops sql_ops = {
	.name = "sql",
	.close = sq_close,
	.migrate = sq_migrate,
	.backup = sq_backup,
	.copy = sq_copy,
	.schema_version = sq_schema_version,
	.begin = sq_begin,
	.commit = sq_commit,
	.rollback = sq_rollback,
	.read_begin = sq_read_begin,
	.read_end = sq_read_end,
	.forbund_create = sq_forbund_create,
	.forbund_get = sq_forbund_get,
	.forbund_name = sq_forbund_name,
	.forbund_list = sq_forbund_list,
	.party_get = sq_party_get,
	.user_create = sq_user_create,
	.user_get = sq_user_get,
	.user_by_email = sq_user_by_email,
	.user_set_pwhash = sq_user_set_pwhash,
	.user_list = sq_user_list,
	.session_create = sq_session_create,
	.session_get = sq_session_get,
	.session_touch = sq_session_touch,
	.session_delete = sq_session_delete,
	.session_purge = sq_session_purge,
	.user_page = sq_user_page,
	.user_update = sq_user_update,
	.user_set_password = sq_user_set_password,
	.user_set_notify = sq_user_set_notify,
	.audit_list = sq_audit_list,
	.notice_add = sq_notice_add,
	.notice_waiting = sq_notice_waiting,
	.mail_queue = sq_mail_queue,
	.notice_skip = sq_notice_skip,
	.mail_due = sq_mail_due,
	.mail_sent = sq_mail_sent,
	.mail_failed = sq_mail_failed,
	.mail_wake = sq_mail_wake,
	.mail_list = sq_mail_list,
	.cases_still = sq_cases_still,
	.cases_call_closing = sq_cases_call_closing,
	.call_update = sq_call_update,
	.feed_set = sq_feed_set,
	.feed_user = sq_feed_user,
	.throttle_take = sq_throttle_take,
	.throttle_release = sq_throttle_release,
	.throttle_clear = sq_throttle_clear,
	.token_create = sq_token_create,
	.token_user = sq_token_user,
	.token_list = sq_token_list,
	.token_revoke = sq_token_revoke,
	.need_create = sq_need_create,
	.need_get = sq_need_get,
	.need_list = sq_need_list,
	.call_create = sq_call_create,
	.call_get = sq_call_get,
	.call_list = sq_call_list,
	.case_create = sq_case_create,
	.case_get = sq_case_get,
	.case_list = sq_case_list,
	.case_count = sq_case_count,
	.case_updated = sq_case_updated,
	.document_add = sq_document_add,
	.group_create = sq_group_create,
	.group_get = sq_group_get,
	.group_list = sq_group_list,
	.group_save = sq_group_save,
	.group_item_add = sq_group_item_add,
	.search = sq_search,
	.document_get = sq_document_get,
	.document_list = sq_document_list,
	.document_chunk = sq_document_chunk,
	.case_save = sq_case_save,
	.case_history = sq_case_history,
	.followup_rows = sq_followup_rows,
	.case_comment = sq_case_comment,
	.followup_days = sq_followup_days,
	.member_kommuner = sq_member_kommuner,
	.forbund_lans = sq_forbund_lans,
	.followup_names = sq_followup_names,
	.followup_quarters = sq_followup_quarters,
	.followup_frames = sq_followup_frames,
	.meeting_create = sq_meeting_create,
	.meeting_get = sq_meeting_get,
	.meeting_list = sq_meeting_list,
	.meeting_update = sq_meeting_update,
	.agenda_add = sq_agenda_add,
	.agenda_remove = sq_agenda_remove,
	.agenda_up = sq_agenda_up,
	.agenda_decide = sq_agenda_decide,
	.budget_get = sq_budget_get,
	.budget_put = sq_budget_put,
	.granted_sum = sq_granted_sum,
	.participants_put = sq_participants_put,
	.participants_list = sq_participants_list,
};
