/*
 * sql_account.c - managing accounts, the audit log's reader, and
 * the notices and mail outbox of issue 9, on SQLite. Every change is one
 * transaction with its audit rows; a password hash never reaches them.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "sql.h"
#include "util/xmalloc.h"

/* ---- accounts --------------------------------------------------------- */

#define USER_PAGE_COLS                                                         \
	"SELECT id, email, name, role, forbund_id, party_id, pwhash, active, " \
	"must_change_pw, notify_mode FROM app_user "

int
sq_user_page(struct store *s, int64_t forbund_id, int64_t after, size_t limit,
    struct user **out, size_t *n, int64_t *total)
{
	struct sq *q = sq_of(s);
	struct user *v = NULL;
	struct dbst *st;
	size_t cap = 0;
	int rc;

	*out = NULL;
	*n = 0;
	*total = 0;
	st = sq_prep(q, SQ_USER_COUNT,
	    "SELECT COUNT(*) FROM app_user WHERE ?1 = 0 OR forbund_id = ?1");
	if (st != NULL) {
		sq_bind_i64(st, 1, forbund_id);
	}
	if ((rc = sq_counts(q, st, "user count", total, NULL)) != B_OK) {
		return rc;
	}
	st = sq_prep(q, SQ_USER_PAGE,
	    USER_PAGE_COLS "WHERE (?1 = 0 OR forbund_id = ?1) AND id > ?2 "
			   "ORDER BY id LIMIT ?3");
	if (st == NULL) {
		return B_INTERNAL;
	}
	sq_bind_i64(st, 1, forbund_id);
	sq_bind_i64(st, 2, after);
	sq_bind_i64(st, 3, limit > 0 ? (int64_t)limit : INT64_MAX);
	while ((rc = db_step(st)) == DB_ROW) {
		v = sq_grow(v, &cap, *n, sizeof(*v));
		sq_user_row(st, &v[(*n)++]);
	}
	rc = sq_step_end(q, st, rc, "user page");
	*out = sq_list_end(rc, v, n);
	return rc;
}

/* Ends every session of user_id except keep (an id hash, or NULL). */
static int
end_sessions(struct sq *q, int64_t user_id, const char *keep)
{
	struct dbst *st;

	st = sq_prep(q, SQ_SESS_END_USER,
	    "DELETE FROM session WHERE user_id = ? AND id_hash IS DISTINCT FROM ?");
	if (st == NULL) {
		return B_INTERNAL;
	}
	sq_bind_i64(st, 1, user_id);
	if (keep != NULL) {
		sq_bind_str(st, 2, keep);
	} else {
		db_bind_null(st, 2);
	}
	return sq_run(q, st, "end sessions");
}

static int
revoke_tokens(struct sq *q, int64_t user_id)
{
	struct dbst *st;
	char now[TS_LEN];

	st = sq_prep(q, SQ_TOK_REVOKE_USER,
	    "UPDATE api_token SET revoked_at = ? WHERE user_id = ? AND "
	    "revoked_at IS NULL");
	if (st == NULL) {
		return B_INTERNAL;
	}
	sq_now(q, now);
	sq_bind_str(st, 1, now);
	sq_bind_i64(st, 2, user_id);
	return sq_run(q, st, "revoke tokens");
}

/* Audits one changed field of a user (values as text). */
static int
audit_user_field(struct sq *q, int64_t actor, int64_t id, const char *field,
    const char *before, const char *after)
{
	if (strcmp(before, after) == 0) {
		return B_OK;
	}
	return sq_audit(q, actor,
	    &(struct sq_audit){ .entity = "user",
		.entity_id = id,
		.field = field,
		.old_value = before,
		.new_value = after,
		.comment = "Användaren ändrades" });
}

static int
audit_user_changes(struct sq *q, int64_t actor, const struct user *b,
    const struct user *a)
{
	char ov[32], nv[32];
	int rc;

	rc = audit_user_field(q, actor, a->id, "name", b->name, a->name);
	if (rc == B_OK) {
		rc = audit_user_field(q, actor, a->id, "role",
		    role_code(b->role), role_code(a->role));
	}
	if (rc == B_OK) {
		snprintf(ov, sizeof(ov), "%lld", (long long)b->forbund_id);
		snprintf(nv, sizeof(nv), "%lld", (long long)a->forbund_id);
		rc = audit_user_field(q, actor, a->id, "forbund_id", ov, nv);
	}
	if (rc == B_OK) {
		snprintf(ov, sizeof(ov), "%lld", (long long)b->party_id);
		snprintf(nv, sizeof(nv), "%lld", (long long)a->party_id);
		rc = audit_user_field(q, actor, a->id, "party_id", ov, nv);
	}
	if (rc == B_OK) {
		rc = audit_user_field(q, actor, a->id, "active",
		    b->active ? "true" : "false", a->active ? "true" : "false");
	}
	return rc;
}

int
sq_user_update(struct store *s, int64_t actor, const struct user *after)
{
	struct sq *q = sq_of(s);
	struct user before;
	struct dbst *st;
	bool outer;
	int rc;

	if ((rc = sq_tx_begin(q, &outer)) != B_OK) {
		return rc;
	}
	rc = sq_user_get(s, after->id, &before);
	st = rc == B_OK ? sq_prep(q, SQ_USER_UPDATE,
			      "UPDATE app_user SET name = ?, role = ?, "
			      "forbund_id = ?, party_id = ?, active = ? "
			      "WHERE id = ?")
			: NULL;
	if (rc == B_OK && st == NULL) {
		rc = B_INTERNAL;
	}
	if (rc == B_OK) {
		sq_bind_str(st, 1, after->name);
		sq_bind_str(st, 2, role_code(after->role));
		sq_bind_id(st, 3, after->forbund_id);
		sq_bind_id(st, 4, after->party_id);
		sq_bind_i64(st, 5, after->active ? 1 : 0);
		sq_bind_i64(st, 6, after->id);
		rc = sq_run(q, st, "user update");
		/* A förbund or party that does not exist is bad input. */
		rc = rc == B_NOTFOUND ? B_INVALID : rc;
	}
	if (rc == B_OK) {
		rc = audit_user_changes(q, actor, &before, after);
	}
	if (rc == B_OK && before.active && !after->active) {
		rc = end_sessions(q, after->id, NULL);
		if (rc == B_OK) {
			rc = revoke_tokens(q, after->id);
		}
	}
	return sq_tx_end(q, outer, rc);
}

int
sq_user_set_password(struct store *s, int64_t actor, int64_t user_id,
    const char *hash, bool must_change, const char *keep)
{
	struct sq *q = sq_of(s);
	struct dbst *st;
	bool outer;
	int rc;

	if (hash == NULL || hash[0] == '\0') {
		return B_INVALID;
	}
	if ((rc = sq_tx_begin(q, &outer)) != B_OK) {
		return rc;
	}
	st = sq_prep(q, SQ_USER_SETPW,
	    "UPDATE app_user SET pwhash = ?, must_change_pw = ? WHERE id = ?");
	rc = B_INTERNAL;
	if (st != NULL) {
		sq_bind_str(st, 1, hash);
		sq_bind_i64(st, 2, must_change ? 1 : 0);
		sq_bind_i64(st, 3, user_id);
		rc = sq_run(q, st, "user set password");
	}
	if (rc == B_OK && db_changes(q->db) == 0) {
		rc = B_NOTFOUND;
	}
	if (rc == B_OK) {
		rc = end_sessions(q, user_id, keep);
	}
	if (rc == B_OK) {
		rc = sq_audit(q, actor,
		    &(struct sq_audit){ .entity = "user",
			.entity_id = user_id,
			.field = "password",
			.comment = must_change
			    ? "Engångslösenord satt; byts vid nästa inloggning"
			    : "Lösenordet byttes" });
	}
	return sq_tx_end(q, outer, rc);
}

int
sq_user_set_notify(struct store *s, int64_t user_id, enum notify_mode m)
{
	struct sq *q = sq_of(s);
	struct user before;
	struct dbst *st;
	bool outer;
	int rc;

	if ((rc = sq_tx_begin(q, &outer)) != B_OK) {
		return rc;
	}
	rc = sq_user_get(s, user_id, &before);
	st = rc == B_OK ? sq_prep(q, SQ_USER_NOTIFY,
			      "UPDATE app_user SET notify_mode = ? "
			      "WHERE id = ?")
			: NULL;
	if (rc == B_OK && st == NULL) {
		rc = B_INTERNAL;
	}
	if (rc == B_OK) {
		sq_bind_str(st, 1, notify_code(m));
		sq_bind_i64(st, 2, user_id);
		rc = sq_run(q, st, "user notify");
	}
	if (rc == B_OK) {
		rc = audit_user_field(q, user_id, user_id, "notify_mode",
		    notify_code(before.notify), notify_code(m));
	}
	return sq_tx_end(q, outer, rc);
}

/* ---- the audit log ---------------------------------------------------- */

/*
 * Each row with the förbund and the case kind it concerns (NULL when
 * none: calls, förbund-less users), so that the kansli sees its förbund's
 * rows and the ESF+ rows can be left out. Filters: ?1 förbund (0 = any),
 * ?2 user, ?3 case, ?4 from (date), ?5 to (date, inclusive), ?6 Finsam
 * only, ?7 after id.
 */
#define AUDIT_SELECT                                                           \
	"SELECT * FROM (SELECT a.id, a.at, a.user_id, "                        \
	"COALESCE(u.name, ''), a.entity, a.entity_id, a.field, a.old_value, "  \
	"a.new_value, a.from_state, a.to_state, a.comment, "                   \
	"CASE a.entity "                                                       \
	"WHEN 'arende' THEN (SELECT forbund_id FROM arende WHERE id = "        \
	"a.entity_id) "                                                        \
	"WHEN 'participants' THEN (SELECT forbund_id FROM arende WHERE id = "  \
	"a.entity_id) "                                                        \
	"WHEN 'meeting' THEN (SELECT forbund_id FROM meeting WHERE id = "      \
	"a.entity_id) "                                                        \
	"WHEN 'need' THEN (SELECT forbund_id FROM need WHERE id = "            \
	"a.entity_id) "                                                        \
	"WHEN 'budget' THEN (SELECT forbund_id FROM budget WHERE id = "        \
	"a.entity_id) "                                                        \
	"WHEN 'forbund' THEN a.entity_id "                                     \
	"WHEN 'user' THEN (SELECT forbund_id FROM app_user WHERE id = "        \
	"a.entity_id) "                                                        \
	"WHEN 'api_token' THEN (SELECT t.forbund_id FROM app_user t JOIN "     \
	"api_token k ON k.user_id = t.id WHERE k.id = a.entity_id) "           \
	"END AS fb, "                                                          \
	"CASE WHEN a.entity IN ('arende', 'participants') THEN (SELECT kind "  \
	"FROM arende WHERE id = a.entity_id) END AS kind "                     \
	"FROM audit a LEFT JOIN app_user u ON u.id = a.user_id) x "            \
	"WHERE (?1 = 0 OR fb = ?1) AND (?2 = 0 OR user_id = ?2) "              \
	"AND (?3 = 0 OR (entity IN ('arende', 'participants') AND "            \
	"entity_id = ?3)) AND (?4 = '' OR at >= ?4) "                          \
	"AND (?5 = '' OR substr(at, 1, 10) <= ?5) "                            \
	"AND (?6 = 0 OR kind IS NULL OR kind <> 'esf') AND id > ?7 "

static void
audit_bind(struct dbst *st, const struct audit_filter *f)
{
	sq_bind_i64(st, 1, f->forbund_id);
	sq_bind_i64(st, 2, f->user_id);
	sq_bind_i64(st, 3, f->case_id);
	sq_bind_str(st, 4, f->from);
	sq_bind_str(st, 5, f->to);
	sq_bind_i64(st, 6, f->finsam_only ? 1 : 0);
}

static char *
col_dup(struct dbst *st, int i)
{
	const char *t = db_col_text(st, i);

	return t != NULL ? xstrdup(t) : NULL;
}

static void
audit_row_read(struct dbst *st, struct audit_row *r)
{
	memset(r, 0, sizeof(*r));
	r->id = sq_col_i64(st, 0);
	sq_col_str(st, 1, r->at, sizeof(r->at));
	r->user_id = sq_col_i64(st, 2);
	sq_col_str(st, 3, r->user_name, sizeof(r->user_name));
	sq_col_str(st, 4, r->entity, sizeof(r->entity));
	r->entity_id = sq_col_i64(st, 5);
	sq_col_str(st, 6, r->field, sizeof(r->field));
	r->before = col_dup(st, 7);
	r->after = col_dup(st, 8);
	sq_col_str(st, 9, r->from_state, sizeof(r->from_state));
	sq_col_str(st, 10, r->to_state, sizeof(r->to_state));
	sq_col_str(st, 11, r->comment, sizeof(r->comment));
}

void
audit_rows_free(struct audit_row *v, size_t n)
{
	for (size_t i = 0; v != NULL && i < n; i++) {
		free(v[i].before);
		free(v[i].after);
	}
	free(v);
}

int
sq_audit_list(struct store *s, const struct audit_filter *f,
    struct audit_row **out, size_t *n, int64_t *total)
{
	struct sq *q = sq_of(s);
	struct audit_row *v = NULL;
	struct dbst *st;
	size_t cap = 0;
	int rc;

	*out = NULL;
	*n = 0;
	*total = 0;
	st = sq_prep(q, SQ_AUDIT_COUNT,
	    "SELECT COUNT(*) FROM (" AUDIT_SELECT ") c");
	if (st != NULL) {
		audit_bind(st, f);
		sq_bind_i64(st, 7, 0);
	}
	if ((rc = sq_counts(q, st, "audit count", total, NULL)) != B_OK) {
		return rc;
	}
	st = sq_prep(q, SQ_AUDIT_LIST, AUDIT_SELECT "ORDER BY id LIMIT ?8");
	if (st == NULL) {
		return B_INTERNAL;
	}
	audit_bind(st, f);
	sq_bind_i64(st, 7, f->after);
	sq_bind_i64(st, 8, f->limit > 0 ? (int64_t)f->limit : INT64_MAX);
	while ((rc = db_step(st)) == DB_ROW) {
		v = sq_grow(v, &cap, *n, sizeof(*v));
		audit_row_read(st, &v[(*n)++]);
	}
	rc = sq_step_end(q, st, rc, "audit list");
	if (rc != B_OK) {
		audit_rows_free(v, *n);
		v = NULL;
		*n = 0;
	}
	*out = v;
	return rc;
}

/* ---- notices ---------------------------------------------------------- */

int
sq_notice_add(struct store *s, int64_t user_id, int64_t case_id,
    const char *key, const char *subject, const char *body)
{
	struct sq *q = sq_of(s);
	struct dbst *st;
	char now[TS_LEN];

	st = sq_prep(q, SQ_NOTICE_ADD,
	    "INSERT INTO notice (user_id, case_id, key, subject, body, "
	    "created_at) VALUES (?, ?, ?, ?, ?, ?) "
	    "ON CONFLICT (user_id, key) DO NOTHING");
	if (st == NULL) {
		return B_INTERNAL;
	}
	sq_now(q, now);
	sq_bind_i64(st, 1, user_id);
	sq_bind_id(st, 2, case_id);
	sq_bind_str(st, 3, key);
	sq_bind_str(st, 4, subject);
	sq_bind_str(st, 5, body);
	sq_bind_str(st, 6, now);
	return sq_run(q, st, "notice add");
}

void
notices_free(struct notice_mail *v, size_t n)
{
	for (size_t i = 0; v != NULL && i < n; i++) {
		free(v[i].body);
	}
	free(v);
}

int
sq_notice_waiting(struct store *s, struct notice_mail **out, size_t *n)
{
	struct sq *q = sq_of(s);
	struct notice_mail *v = NULL, *t;
	struct dbst *st;
	char mode[16];
	size_t cap = 0;
	int rc;

	*out = NULL;
	*n = 0;
	st = sq_prep(q, SQ_NOTICE_WAITING,
	    "SELECT n.id, n.user_id, n.case_id, n.subject, n.body, "
	    "n.created_at, u.email, u.name, u.notify_mode, "
	    "COALESCE(u.last_digest, ''), u.active FROM notice n "
	    "JOIN app_user u ON u.id = n.user_id WHERE n.state = 0 "
	    "ORDER BY n.user_id, n.id LIMIT 1000");
	if (st == NULL) {
		return B_INTERNAL;
	}
	while ((rc = db_step(st)) == DB_ROW) {
		v = sq_grow(v, &cap, *n, sizeof(*v));
		t = &v[(*n)++];
		memset(t, 0, sizeof(*t));
		t->id = sq_col_i64(st, 0);
		t->user_id = sq_col_i64(st, 1);
		t->case_id = sq_col_i64(st, 2);
		sq_col_str(st, 3, t->subject, sizeof(t->subject));
		t->body = col_dup(st, 4);
		sq_col_str(st, 5, t->created_at, sizeof(t->created_at));
		sq_col_str(st, 6, t->email, sizeof(t->email));
		sq_col_str(st, 7, t->name, sizeof(t->name));
		sq_col_str(st, 8, mode, sizeof(mode));
		if (!notify_from_code(mode, &t->mode)) {
			t->mode = NOTIFY_DIREKT;
		}
		sq_col_str(st, 9, t->last_digest, sizeof(t->last_digest));
		t->active = sq_col_i64(st, 10) != 0;
	}
	rc = sq_step_end(q, st, rc, "notices waiting");
	if (rc != B_OK) {
		notices_free(v, *n);
		v = NULL;
		*n = 0;
	}
	*out = v;
	return rc;
}

static int
notice_mark(struct sq *q, int64_t id, int state)
{
	struct dbst *st = sq_prep(q, SQ_NOTICE_MARK,
	    "UPDATE notice SET state = ? WHERE id = ? AND state = 0");

	if (st == NULL) {
		return B_INTERNAL;
	}
	sq_bind_i64(st, 1, state);
	sq_bind_i64(st, 2, id);
	return sq_run(q, st, "notice mark");
}

int
sq_notice_skip(struct store *s, int64_t user_id)
{
	struct sq *q = sq_of(s);
	struct dbst *st = sq_prep(q, SQ_NOTICE_SKIP,
	    "UPDATE notice SET state = 2 WHERE user_id = ? AND state = 0");

	if (st == NULL) {
		return B_INTERNAL;
	}
	sq_bind_i64(st, 1, user_id);
	return sq_run(q, st, "notice skip");
}

/* ---- the outbox ------------------------------------------------------- */

int
sq_mail_queue(struct store *s, const struct mail *m, const int64_t *ids,
    size_t n, const char *digest_date)
{
	struct sq *q = sq_of(s);
	struct dbst *st;
	char now[TS_LEN];
	bool outer;
	int rc;

	if ((rc = sq_tx_begin(q, &outer)) != B_OK) {
		return rc;
	}
	st = sq_prep(q, SQ_MAIL_INS,
	    "INSERT INTO outbox (user_id, to_addr, subject, body_text, "
	    "body_html, created_at, next_try) VALUES (?, ?, ?, ?, ?, ?, ?)");
	rc = B_INTERNAL;
	if (st != NULL) {
		sq_now(q, now);
		sq_bind_id(st, 1, m->user_id);
		sq_bind_str(st, 2, m->to);
		sq_bind_str(st, 3, m->subject);
		sq_bind_str(st, 4, m->text);
		sq_bind_str(st, 5, m->html);
		sq_bind_str(st, 6, now);
		sq_bind_i64(st, 7, m->next_try);
		rc = sq_run(q, st, "mail queue");
	}
	for (size_t i = 0; i < n && rc == B_OK; i++) {
		rc = notice_mark(q, ids[i], 1);
		/* Mailed already, by another instance: not queued twice. */
		if (rc == B_OK && db_changes(q->db) != 1) {
			rc = B_CONFLICT;
		}
	}
	if (rc == B_OK && digest_date != NULL) {
		st = sq_prep(q, SQ_USER_DIGEST,
		    "UPDATE app_user SET last_digest = ? WHERE id = ?");
		rc = st == NULL ? B_INTERNAL : B_OK;
		if (rc == B_OK) {
			sq_bind_str(st, 1, digest_date);
			sq_bind_i64(st, 2, m->user_id);
			rc = sq_run(q, st, "user digest");
		}
	}
	return sq_tx_end(q, outer, rc);
}

#define MAIL_COLS                                                              \
	"SELECT id, user_id, to_addr, subject, body_text, body_html, "         \
	"created_at, next_try, attempts, COALESCE(sent_at, ''), "              \
	"COALESCE(last_error, '') FROM outbox "

static void
mail_read(struct dbst *st, struct mail *m)
{
	memset(m, 0, sizeof(*m));
	m->id = sq_col_i64(st, 0);
	m->user_id = sq_col_i64(st, 1);
	sq_col_str(st, 2, m->to, sizeof(m->to));
	m->subject = col_dup(st, 3);
	m->text = col_dup(st, 4);
	m->html = col_dup(st, 5);
	sq_col_str(st, 6, m->created_at, sizeof(m->created_at));
	m->next_try = sq_col_i64(st, 7);
	m->attempts = (int)sq_col_i64(st, 8);
	sq_col_str(st, 9, m->sent_at, sizeof(m->sent_at));
	sq_col_str(st, 10, m->last_error, sizeof(m->last_error));
}

void
mails_free(struct mail *v, size_t n)
{
	for (size_t i = 0; v != NULL && i < n; i++) {
		free(v[i].subject);
		free(v[i].text);
		free(v[i].html);
	}
	free(v);
}

static int
mail_rows(struct sq *q, struct dbst *st, struct mail **out, size_t *n)
{
	struct mail *v = NULL;
	size_t cap = 0;
	int rc;

	while ((rc = db_step(st)) == DB_ROW) {
		v = sq_grow(v, &cap, *n, sizeof(*v));
		mail_read(st, &v[(*n)++]);
	}
	rc = sq_step_end(q, st, rc, "mail list");
	if (rc != B_OK) {
		mails_free(v, *n);
		v = NULL;
		*n = 0;
	}
	*out = v;
	return rc;
}

int
sq_mail_due(struct store *s, int64_t now, size_t limit, struct mail **out,
    size_t *n)
{
	struct sq *q = sq_of(s);
	struct dbst *st;
	bool outer;
	int rc;

	*out = NULL;
	*n = 0;
	if ((rc = sq_tx_begin(q, &outer)) != B_OK) {
		return rc;
	}
	st = sq_prep(q, SQ_MAIL_DUE,
	    MAIL_COLS "WHERE sent_at IS NULL AND next_try <= ? "
		      "ORDER BY id LIMIT ?");
	rc = B_INTERNAL;
	if (st != NULL) {
		sq_bind_i64(st, 1, now);
		sq_bind_i64(st, 2, (int64_t)limit);
		rc = mail_rows(q, st, out, n);
	}
	/*
	 * Leased in the same turn: another instance's mail thread does not
	 * get them, unless the lease runs out (this one died sending).
	 */
	for (size_t i = 0; rc == B_OK && i < *n; i++) {
		st = sq_prep(q, SQ_MAIL_LEASE,
		    "UPDATE outbox SET next_try = ? WHERE id = ?");
		rc = B_INTERNAL;
		if (st != NULL) {
			sq_bind_i64(st, 1, now + MAIL_LEASE);
			sq_bind_i64(st, 2, (*out)[i].id);
			rc = sq_run(q, st, "mail lease");
		}
	}
	rc = sq_tx_end(q, outer, rc);
	if (rc != B_OK) {
		mails_free(*out, *n);
		*out = NULL;
		*n = 0;
	}
	return rc;
}

int
sq_mail_sent(struct store *s, int64_t id)
{
	struct sq *q = sq_of(s);
	struct dbst *st;
	char now[TS_LEN];

	st = sq_prep(q, SQ_MAIL_SENT,
	    "UPDATE outbox SET sent_at = ?, attempts = attempts + 1, "
	    "last_error = NULL WHERE id = ?");
	if (st == NULL) {
		return B_INTERNAL;
	}
	sq_now(q, now);
	sq_bind_str(st, 1, now);
	sq_bind_i64(st, 2, id);
	return sq_run(q, st, "mail sent");
}

int
sq_mail_failed(struct store *s, int64_t id, int64_t next_try, const char *error)
{
	struct sq *q = sq_of(s);
	struct dbst *st;

	st = sq_prep(q, SQ_MAIL_FAILED,
	    "UPDATE outbox SET attempts = attempts + 1, next_try = ?, "
	    "last_error = ? WHERE id = ?");
	if (st == NULL) {
		return B_INTERNAL;
	}
	sq_bind_i64(st, 1, next_try);
	sq_bind_str(st, 2, error);
	sq_bind_i64(st, 3, id);
	return sq_run(q, st, "mail failed");
}

int
sq_mail_wake(struct store *s, int64_t now)
{
	struct sq *q = sq_of(s);
	struct dbst *st;

	st = sq_prep(q, SQ_MAIL_WAKE,
	    "UPDATE outbox SET next_try = ? "
	    "WHERE sent_at IS NULL AND next_try > ?");
	if (st == NULL) {
		return B_INTERNAL;
	}
	sq_bind_i64(st, 1, now);
	sq_bind_i64(st, 2, now);
	return sq_run(q, st, "mail wake");
}

int
sq_mail_list(struct store *s, size_t limit, struct mail **out, size_t *n,
    int64_t *waiting, int64_t *failing)
{
	struct sq *q = sq_of(s);
	struct dbst *st;
	int rc;

	*out = NULL;
	*n = 0;
	st = sq_prep(q, SQ_MAIL_COUNTS,
	    "SELECT COUNT(*), COUNT(last_error) FROM outbox "
	    "WHERE sent_at IS NULL");
	if ((rc = sq_counts(q, st, "mail counts", waiting, failing)) != B_OK) {
		return rc;
	}
	st = sq_prep(q, SQ_MAIL_LIST, MAIL_COLS "ORDER BY id DESC LIMIT ?");
	if (st == NULL) {
		return B_INTERNAL;
	}
	sq_bind_i64(st, 1, (int64_t)limit);
	return mail_rows(q, st, out, n);
}

/* ---- cases that call for a notice -------------------------------------- */

static int
id_rows(struct sq *q, struct dbst *st, int64_t **ids, size_t *n)
{
	int64_t *v = NULL;
	size_t cap = 0;
	int rc;

	while ((rc = db_step(st)) == DB_ROW) {
		v = sq_grow(v, &cap, *n, sizeof(*v));
		v[(*n)++] = sq_col_i64(st, 0);
	}
	rc = sq_step_end(q, st, rc, "case ids");
	*ids = sq_list_end(rc, v, n);
	return rc;
}

/* The states in which a case waits for someone to act. */
#define WAITING_STATES                                                         \
	"('identifierad', 'utformning', 'overens', 'ansvarsfordelning', "      \
	"'ansokan', 'partsbeslut', 'inskickad', 'beviljad')"

int
sq_cases_still(struct store *s, const char *before, int64_t **ids, size_t *n)
{
	struct sq *q = sq_of(s);
	struct dbst *st;

	*ids = NULL;
	*n = 0;
	st = sq_prep(q, SQ_CASES_STILL,
	    "SELECT id FROM arende WHERE state IN " WAITING_STATES
	    " AND updated_at < ? ORDER BY id LIMIT 5000");
	if (st == NULL) {
		return B_INTERNAL;
	}
	sq_bind_str(st, 1, before);
	return id_rows(q, st, ids, n);
}

int
sq_cases_call_closing(struct store *s, const char *from, const char *to,
    int64_t **ids, size_t *n)
{
	struct sq *q = sq_of(s);
	struct dbst *st;

	*ids = NULL;
	*n = 0;
	st = sq_prep(q, SQ_CASES_CLOSING,
	    /* The calls first, then their cases (index arende_call). */
	    "SELECT a.id FROM utlysning c CROSS JOIN arende a WHERE "
	    "a.call_id = c.id AND a.state IN " WAITING_STATES " AND "
	    "c.closes >= ? AND c.closes <= ? ORDER BY a.id LIMIT 5000");
	if (st == NULL) {
		return B_INTERNAL;
	}
	sq_bind_str(st, 1, from);
	sq_bind_str(st, 2, to);
	return id_rows(q, st, ids, n);
}

/* ---- the calendar feed ------------------------------------------------ */

int
sq_feed_set(struct store *s, int64_t user_id, const char *hash)
{
	return sq_user_set_one(sq_of(s), SQ_FEED_SET,
	    "UPDATE app_user SET feed_hash = ? WHERE id = ?", user_id, hash,
	    &(struct sq_audit){ .entity = "user",
		.entity_id = user_id,
		.field = "feed",
		.comment = hash != NULL ? "Kalenderlänk skapad"
					: "Kalenderlänk återkallad" });
}

int
sq_feed_user(struct store *s, const char *hash, int64_t *user_id)
{
	struct sq *q = sq_of(s);
	struct dbst *st;
	int rc;

	*user_id = 0;
	st = sq_prep(q, SQ_FEED_USER,
	    "SELECT id FROM app_user WHERE feed_hash = ? AND active = 1");
	if (st == NULL) {
		return B_INTERNAL;
	}
	sq_bind_str(st, 1, hash);
	rc = db_step(st);
	if (rc == DB_ROW) {
		*user_id = sq_col_i64(st, 0);
	}
	return sq_one_end(q, st, rc, "feed user");
}
