/*
 * sql_auth.c - the SQL store: login sessions, failed-login
 * throttling and API tokens. Only hashes of session ids and tokens are
 * stored (store.h); they are never written to the audit log. Keeping
 * this state in the database keeps server instances stateless.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "sql.h"

/* ---- sessions ---------------------------------------------------------- */

int
sq_session_create(struct store *s, const struct session *in)
{
	struct sq *q = sq_of(s);
	struct dbst *st;

	if (in->id_hash[0] == '\0') {
		return B_INVALID;
	}
	st = sq_prep(q, SQ_SESS_INS,
	    "INSERT INTO session (id_hash, user_id, "
	    "csrf, created, last_seen) VALUES (?, ?, ?, ?, ?)");
	if (st == NULL) {
		return B_INTERNAL;
	}
	sq_bind_str(st, 1, in->id_hash);
	sq_bind_i64(st, 2, in->user_id);
	sq_bind_str(st, 3, in->csrf);
	sq_bind_i64(st, 4, in->created);
	sq_bind_i64(st, 5, in->last_seen);
	return sq_run(q, st, "session insert");
}

int
sq_session_get(struct store *s, const char *id_hash, struct session *out)
{
	struct sq *q = sq_of(s);
	struct dbst *st;
	int rc;

	memset(out, 0, sizeof(*out));
	st = sq_prep(q, SQ_SESS_GET,
	    "SELECT id_hash, user_id, csrf, created, "
	    "last_seen FROM session WHERE id_hash = ?");
	if (st == NULL) {
		return B_INTERNAL;
	}
	sq_bind_str(st, 1, id_hash);
	rc = db_step(st);
	if (rc == DB_ROW) {
		sq_col_str(st, 0, out->id_hash, sizeof(out->id_hash));
		out->user_id = sq_col_i64(st, 1);
		sq_col_str(st, 2, out->csrf, sizeof(out->csrf));
		out->created = sq_col_i64(st, 3);
		out->last_seen = sq_col_i64(st, 4);
	}
	return sq_one_end(q, st, rc, "session get");
}

int
sq_session_touch(struct store *s, const char *id_hash, int64_t now)
{
	struct sq *q = sq_of(s);
	struct dbst *st;
	int rc;

	st = sq_prep(q, SQ_SESS_TOUCH,
	    "UPDATE session SET last_seen = ? "
	    "WHERE id_hash = ?");
	if (st == NULL) {
		return B_INTERNAL;
	}
	sq_bind_i64(st, 1, now);
	sq_bind_str(st, 2, id_hash);
	rc = sq_run(q, st, "session touch");
	if (rc == B_OK && db_changes(q->db) == 0) {
		rc = B_NOTFOUND;
	}
	return rc;
}

/* Deleting a session that is already gone is fine (logout twice). */
int
sq_session_delete(struct store *s, const char *id_hash)
{
	struct sq *q = sq_of(s);
	struct dbst *st;

	st = sq_prep(q, SQ_SESS_DEL, "DELETE FROM session WHERE id_hash = ?");
	if (st == NULL) {
		return B_INTERNAL;
	}
	sq_bind_str(st, 1, id_hash);
	return sq_run(q, st, "session delete");
}

int
sq_session_purge(struct store *s, int64_t idle_before, int64_t abs_before)
{
	struct sq *q = sq_of(s);
	struct dbst *st;

	st = sq_prep(q, SQ_SESS_PURGE,
	    "DELETE FROM session WHERE "
	    "last_seen < ? OR created < ?");
	if (st == NULL) {
		return B_INTERNAL;
	}
	sq_bind_i64(st, 1, idle_before);
	sq_bind_i64(st, 2, abs_before);
	return sq_run(q, st, "session purge");
}

/* ---- login throttling -------------------------------------------------- */

static int
throttle_count(struct sq *q, const char *key, int64_t since, int *count)
{
	struct dbst *st;
	int rc;

	*count = 0;
	st = sq_prep(q, SQ_THR_COUNT,
	    "SELECT COUNT(*) FROM login_failure "
	    "WHERE key = ? AND at >= ?");
	if (st == NULL) {
		return B_INTERNAL;
	}
	sq_bind_str(st, 1, key);
	sq_bind_i64(st, 2, since);
	rc = db_step(st);
	if (rc == DB_ROW) {
		*count = (int)db_col_i64(st, 0);
	}
	return sq_step_end(q, st, rc, "throttle count");
}

/* Also forgets this key's attempts older than a day, so rows stay few. */
static int
throttle_add(struct sq *q, const char *key, int64_t now)
{
	struct dbst *st;
	int rc;

	st = sq_prep(q, SQ_THR_OLD,
	    "DELETE FROM login_failure WHERE key = ? "
	    "AND at < ?");
	if (st == NULL) {
		return B_INTERNAL;
	}
	sq_bind_str(st, 1, key);
	sq_bind_i64(st, 2, now - 86400);
	if ((rc = sq_run(q, st, "throttle expire")) != B_OK) {
		return rc;
	}
	st = sq_prep(q, SQ_THR_ADD,
	    "INSERT INTO login_failure (key, at) "
	    "VALUES (?, ?)");
	if (st == NULL) {
		return B_INTERNAL;
	}
	sq_bind_str(st, 1, key);
	sq_bind_i64(st, 2, now);
	return sq_run(q, st, "throttle add");
}

/*
 * Count and add under one BEGIN IMMEDIATE: the write lock is taken before
 * the count, so two logins cannot both see the last free attempt.
 */
int
sq_throttle_take(struct store *s, const struct throttle_key *keys, size_t n,
    int64_t now, int64_t since, bool *allowed)
{
	struct sq *q = sq_of(s);
	bool outer, ok = true;
	int rc, count;
	size_t i;

	*allowed = false;
	if ((rc = sq_tx_begin(q, &outer)) != B_OK) {
		return rc;
	}
	for (i = 0; i < n && rc == B_OK && ok; i++) {
		rc = throttle_count(q, keys[i].key, since, &count);
		ok = count < keys[i].limit;
	}
	for (i = 0; i < n && rc == B_OK && ok; i++) {
		rc = throttle_add(q, keys[i].key, now);
	}
	rc = sq_tx_end(q, outer, rc);
	*allowed = rc == B_OK && ok;
	return rc;
}

int
sq_throttle_release(struct store *s, const char *key)
{
	struct sq *q = sq_of(s);
	struct dbst *st;

	st = sq_prep(q, SQ_THR_RELEASE,
	    "DELETE FROM login_failure WHERE id = "
	    "(SELECT id FROM login_failure WHERE key = ? "
	    "ORDER BY at DESC, id DESC LIMIT 1)");
	if (st == NULL) {
		return B_INTERNAL;
	}
	sq_bind_str(st, 1, key);
	return sq_run(q, st, "throttle release");
}

int
sq_throttle_clear(struct store *s, const char *key)
{
	struct sq *q = sq_of(s);
	struct dbst *st;

	st =
	    sq_prep(q, SQ_THR_CLEAR, "DELETE FROM login_failure WHERE key = ?");
	if (st == NULL) {
		return B_INTERNAL;
	}
	sq_bind_str(st, 1, key);
	return sq_run(q, st, "throttle clear");
}

/* ---- API tokens ------------------------------------------------------- */

int
sq_token_create(struct store *s, int64_t user_id, const char *name,
    const char *hash, int64_t *id)
{
	struct sq *q = sq_of(s);
	struct dbst *st;
	char now[TS_LEN];
	bool outer;
	int rc;

	if (hash == NULL || hash[0] == '\0') {
		return B_INVALID;
	}
	if ((rc = sq_tx_begin(q, &outer)) != B_OK) {
		return rc;
	}
	st = sq_prep(q, SQ_TOK_INS,
	    "INSERT INTO api_token (user_id, name, "
	    "hash, created_at) VALUES (?, ?, ?, ?) RETURNING id");
	rc = B_INTERNAL;
	if (st != NULL) {
		sq_now(q, now);
		sq_bind_i64(st, 1, user_id);
		sq_bind_str(st, 2, name ? name : "");
		sq_bind_str(st, 3, hash);
		sq_bind_str(st, 4, now);
		rc = sq_insert_id(q, st, id, "token insert");
	}
	if (rc == B_OK) {
		rc = sq_audit(q, user_id,
		    &(struct sq_audit){ .entity = "api_token",
			.entity_id = *id,
			.field = "name",
			.new_value = name,
			.comment = "API-nyckel skapad" });
	}
	return sq_tx_end(q, outer, rc);
}

int
sq_token_user(struct store *s, const char *hash, int64_t *user_id)
{
	struct sq *q = sq_of(s);
	struct dbst *st;
	int rc;

	*user_id = 0;
	st = sq_prep(q, SQ_TOK_USER,
	    "SELECT user_id FROM api_token "
	    "WHERE hash = ? AND revoked_at IS NULL");
	if (st == NULL) {
		return B_INTERNAL;
	}
	sq_bind_str(st, 1, hash);
	rc = db_step(st);
	if (rc == DB_ROW) {
		*user_id = sq_col_i64(st, 0);
	}
	return sq_one_end(q, st, rc, "token user");
}

int
sq_token_list(struct store *s, int64_t user_id, struct api_token **out,
    size_t *n)
{
	struct sq *q = sq_of(s);
	struct api_token *v = NULL, *t;
	struct dbst *st;
	size_t cap = 0;
	int rc;

	*out = NULL;
	*n = 0;
	st = sq_prep(q, SQ_TOK_LIST,
	    "SELECT id, user_id, name, created_at, "
	    "revoked_at IS NOT NULL FROM api_token WHERE user_id = ? "
	    "ORDER BY id");
	if (st == NULL) {
		return B_INTERNAL;
	}
	sq_bind_i64(st, 1, user_id);
	while ((rc = db_step(st)) == DB_ROW) {
		v = sq_grow(v, &cap, *n, sizeof(*v));
		t = &v[(*n)++];
		memset(t, 0, sizeof(*t));
		t->id = sq_col_i64(st, 0);
		t->user_id = sq_col_i64(st, 1);
		sq_col_str(st, 2, t->name, sizeof(t->name));
		sq_col_str(st, 3, t->created_at, sizeof(t->created_at));
		t->revoked = sq_col_i64(st, 4) != 0;
	}
	rc = sq_step_end(q, st, rc, "token list");
	*out = sq_list_end(rc, v, n);
	return rc;
}

/* Is token_id user_id's own (revoked or not)? */
static int
token_owned(struct sq *q, int64_t user_id, int64_t token_id)
{
	struct dbst *st;
	int rc;

	st = sq_prep(q, SQ_TOK_OWNED,
	    "SELECT 1 FROM api_token WHERE id = ? "
	    "AND user_id = ?");
	if (st == NULL) {
		return B_INTERNAL;
	}
	sq_bind_i64(st, 1, token_id);
	sq_bind_i64(st, 2, user_id);
	rc = db_step(st);
	return sq_one_end(q, st, rc, "token owned");
}

/* Revoking an already revoked own token is B_OK (idempotent). */
int
sq_token_revoke(struct store *s, int64_t user_id, int64_t token_id)
{
	struct sq *q = sq_of(s);
	struct dbst *st;
	char now[TS_LEN] = "";
	bool outer;
	int rc;

	if ((rc = sq_tx_begin(q, &outer)) != B_OK) {
		return rc;
	}
	rc = token_owned(q, user_id, token_id);
	st = rc == B_OK ? sq_prep(q, SQ_TOK_REVOKE,
			      "UPDATE api_token SET "
			      "revoked_at = ? WHERE id = ? AND user_id = ? AND "
			      "revoked_at IS NULL")
			: NULL;
	if (rc == B_OK && st == NULL) {
		rc = B_INTERNAL;
	}
	if (rc == B_OK) {
		sq_now(q, now);
		sq_bind_str(st, 1, now);
		sq_bind_i64(st, 2, token_id);
		sq_bind_i64(st, 3, user_id);
		rc = sq_run(q, st, "token revoke");
	}
	if (rc == B_OK && db_changes(q->db) > 0) {
		rc = sq_audit(q, user_id,
		    &(struct sq_audit){ .entity = "api_token",
			.entity_id = token_id,
			.field = "revoked_at",
			.new_value = now,
			.comment = "API-nyckel återkallad" });
	}
	return sq_tx_end(q, outer, rc);
}
