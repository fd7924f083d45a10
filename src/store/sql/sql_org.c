/*
 * sql_org.c - the SQL store: förbund and their parties, and
 * users. Contracts are in store.h. Every change is written to the audit log in
 * the same transaction; password hashes never are.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "sql.h"
#include "util/xmalloc.h"

/* ---- förbund and parties ------------------------------------------ */

static int
forbund_check(const struct forbund *in)
{
	if (in->name[0] == '\0' || in->nparties > MAX_PARTIES) {
		return B_INVALID;
	}
	for (size_t i = 0; i < in->nparties; i++) {
		if (in->parties[i].name[0] == '\0' ||
		    (unsigned)in->parties[i].kind >= PK__COUNT) {
			return B_INVALID;
		}
	}
	return B_OK;
}

static int
party_insert(struct sq *q, int64_t forbund_id, const struct party *p,
    int64_t actor)
{
	struct dbst *st;
	int64_t id = 0;
	char field[40];
	int rc;

	st = sq_prep(q, SQ_PARTY_INS,
	    "INSERT INTO party (forbund_id, kind, "
	    "code, name) VALUES (?, ?, ?, ?) RETURNING id");
	if (st == NULL) {
		return B_INTERNAL;
	}
	sq_bind_i64(st, 1, forbund_id);
	sq_bind_str(st, 2, party_kind_code(p->kind));
	sq_bind_str(st, 3, p->code);
	sq_bind_str(st, 4, p->name);
	rc = sq_insert_id(q, st, &id, "party insert");
	if (rc != B_OK) {
		return rc;
	}
	snprintf(field, sizeof(field), "parties[%lld]", (long long)id);
	return sq_audit(q, actor,
	    &(struct sq_audit){ .entity = "forbund",
		.entity_id = forbund_id,
		.field = field,
		.new_value = p->name,
		.comment = "Part tillagd" });
}

int
sq_forbund_create(struct store *s, const struct forbund *in, int64_t actor,
    int64_t *id)
{
	struct sq *q = sq_of(s);
	struct dbst *st;
	char now[TS_LEN];
	bool outer;
	int rc;

	if ((rc = forbund_check(in)) != B_OK) {
		return rc;
	}
	if ((rc = sq_tx_begin(q, &outer)) != B_OK) {
		return rc;
	}
	st = sq_prep(q, SQ_FORBUND_INS,
	    "INSERT INTO forbund (name, "
	    "created_at) VALUES (?, ?) RETURNING id");
	rc = B_INTERNAL;
	if (st != NULL) {
		sq_now(q, now);
		sq_bind_str(st, 1, in->name);
		sq_bind_str(st, 2, now);
		rc = sq_insert_id(q, st, id, "forbund insert");
	}
	if (rc == B_OK) {
		rc = sq_audit(q, actor,
		    &(struct sq_audit){ .entity = "forbund",
			.entity_id = *id,
			.field = "name",
			.new_value = in->name,
			.comment = "Förbundet skapades" });
	}
	for (size_t i = 0; rc == B_OK && i < in->nparties; i++) {
		rc = party_insert(q, *id, &in->parties[i], actor);
	}
	return sq_tx_end(q, outer, rc);
}

static void
party_row(struct dbst *st, struct party *p)
{
	char kind[16];

	p->id = sq_col_i64(st, 0);
	p->forbund_id = sq_col_i64(st, 1);
	sq_col_str(st, 2, kind, sizeof(kind));
	p->kind = sq_party_kind(kind);
	sq_col_str(st, 3, p->code, sizeof(p->code));
	sq_col_str(st, 4, p->name, sizeof(p->name));
}

int
sq_forbund_get(struct store *s, int64_t id, struct forbund *out)
{
	struct sq *q = sq_of(s);
	struct dbst *st;
	int rc;

	memset(out, 0, sizeof(*out));
	if ((rc = sq_forbund_name(s, id, out->name, sizeof(out->name))) !=
	    B_OK) {
		return rc;
	}
	out->id = id;
	st = sq_prep(q, SQ_FORBUND_PARTIES,
	    "SELECT p.id, p.forbund_id, "
	    "p.kind, p.code, p.name FROM party p WHERE p.forbund_id = ? "
	    "ORDER BY " SQ_KIND_ORDER ", p.name, p.id");
	if (st == NULL) {
		return B_INTERNAL;
	}
	sq_bind_i64(st, 1, id);
	while ((rc = db_step(st)) == DB_ROW && out->nparties < MAX_PARTIES) {
		party_row(st, &out->parties[out->nparties++]);
	}
	return sq_step_end(q, st, rc, "forbund parties");
}

int
sq_forbund_name(struct store *s, int64_t id, char *name, size_t namelen)
{
	struct sq *q = sq_of(s);
	struct dbst *st;
	int rc;

	if (namelen > 0) {
		name[0] = '\0';
	}
	st = sq_prep(q, SQ_FORBUND_NAME,
	    "SELECT name FROM forbund "
	    "WHERE id = ?");
	if (st == NULL) {
		return B_INTERNAL;
	}
	sq_bind_i64(st, 1, id);
	rc = db_step(st);
	if (rc == DB_ROW) {
		sq_col_str(st, 0, name, namelen);
	}
	return sq_one_end(q, st, rc, "forbund name");
}

int
sq_forbund_list(struct store *s, struct forbund_brief **out, size_t *n)
{
	struct sq *q = sq_of(s);
	struct forbund_brief *v = NULL;
	struct dbst *st;
	size_t cap = 0;
	int rc;

	*out = NULL;
	*n = 0;
	st = sq_prep(q, SQ_FORBUND_LIST,
	    "SELECT f.id, f.name, (SELECT "
	    "COUNT(*) FROM party p WHERE p.forbund_id = f.id) FROM forbund f "
	    "ORDER BY f.name, f.id");
	if (st == NULL) {
		return B_INTERNAL;
	}
	while ((rc = db_step(st)) == DB_ROW) {
		v = sq_grow(v, &cap, *n, sizeof(*v));
		v[*n].id = sq_col_i64(st, 0);
		sq_col_str(st, 1, v[*n].name, sizeof(v[*n].name));
		v[*n].nparties = (size_t)sq_col_i64(st, 2);
		(*n)++;
	}
	rc = sq_step_end(q, st, rc, "forbund list");
	*out = sq_list_end(rc, v, n);
	return rc;
}

int
sq_party_get(struct store *s, int64_t id, struct party *out)
{
	struct sq *q = sq_of(s);
	struct dbst *st;
	int rc;

	memset(out, 0, sizeof(*out));
	st = sq_prep(q, SQ_PARTY_GET,
	    "SELECT p.id, p.forbund_id, p.kind, "
	    "p.code, p.name FROM party p WHERE p.id = ?");
	if (st == NULL) {
		return B_INTERNAL;
	}
	sq_bind_i64(st, 1, id);
	rc = db_step(st);
	if (rc == DB_ROW) {
		party_row(st, out);
	}
	return sq_one_end(q, st, rc, "party get");
}

int
sq_forbund_lans(struct store *s, struct forbund_lan **out, size_t *n)
{
	struct sq *q = sq_of(s);
	struct forbund_lan *v = NULL;
	struct dbst *st;
	size_t cap = 0;
	int rc;

	*out = NULL;
	*n = 0;
	st = sq_prep(q, SQ_FORBUND_LANS,
	    "SELECT DISTINCT forbund_id, CASE kind WHEN 'kommun' THEN "
	    "substr(code, 1, 2) ELSE code END FROM party WHERE kind IN "
	    "('kommun', 'region') AND code <> '' ORDER BY 1, 2");
	if (st == NULL) {
		return B_INTERNAL;
	}
	while ((rc = db_step(st)) == DB_ROW) {
		v = sq_grow(v, &cap, *n, sizeof(*v));
		v[*n].forbund_id = sq_col_i64(st, 0);
		sq_col_str(st, 1, v[*n].lan, sizeof(v[*n].lan));
		(*n)++;
	}
	rc = sq_step_end(q, st, rc, "forbund lans");
	if (rc != B_OK) {
		free(v);
		*n = 0;
		return rc;
	}
	*out = v;
	return B_OK;
}

int
sq_member_kommuner(struct store *s, char (**out)[8], size_t *n)
{
	struct sq *q = sq_of(s);
	char(*v)[8] = NULL;
	struct dbst *st;
	size_t cap = 0;
	int rc;

	*out = NULL;
	*n = 0;
	st = sq_prep(q, SQ_KOMMUNER_LIST,
	    "SELECT DISTINCT code FROM party WHERE kind = 'kommun' AND "
	    "code <> '' ORDER BY code");
	if (st == NULL) {
		return B_INTERNAL;
	}
	while ((rc = db_step(st)) == DB_ROW) {
		v = sq_grow(v, &cap, *n, sizeof(*v));
		sq_col_str(st, 0, v[*n], sizeof(v[*n]));
		(*n)++;
	}
	rc = sq_step_end(q, st, rc, "member kommuner");
	if (rc != B_OK) {
		free(v);
		*n = 0;
		return rc;
	}
	*out = v;
	return B_OK;
}

/* ---- users ---------------------------------------------------------- */

#define USER_COLS                                                              \
	"SELECT id, email, name, role, forbund_id, party_id, "                 \
	"pwhash, active, must_change_pw, notify_mode FROM app_user "

void
sq_user_row(struct dbst *st, struct user *u)
{
	char role[24];

	memset(u, 0, sizeof(*u));
	u->id = sq_col_i64(st, 0);
	sq_col_str(st, 1, u->email, sizeof(u->email));
	sq_col_str(st, 2, u->name, sizeof(u->name));
	sq_col_str(st, 3, role, sizeof(role));
	if (!role_from_code(role, &u->role)) {
		u->role = ROLE_LEDAMOT; /* CHECKed: cannot happen */
	}
	u->forbund_id = sq_col_i64(st, 4);
	u->party_id = sq_col_i64(st, 5);
	u->active = sq_col_i64(st, 7) != 0;
	u->must_change_pw = sq_col_i64(st, 8) != 0;
	sq_col_str(st, 9, role, sizeof(role));
	if (!notify_from_code(role, &u->notify)) {
		u->notify = NOTIFY_DIREKT; /* CHECKed: cannot happen */
	}
}

/*
 * A user's party must exist and belong to the user's förbund (a missing
 * förbund is caught by its foreign key on insert).
 */
static int
user_refs_check(struct store *s, const struct user *u)
{
	struct party p;
	int rc;

	if (u->party_id == 0) {
		return B_OK;
	}
	rc = sq_party_get(s, u->party_id, &p);
	if (rc != B_OK) {
		return rc == B_NOTFOUND ? B_INVALID : rc;
	}
	if (u->forbund_id != 0 && p.forbund_id != u->forbund_id) {
		return B_INVALID;
	}
	return B_OK;
}

int
sq_user_create(struct store *s, const struct user *u, const char *pwhash,
    int64_t actor, int64_t *id)
{
	struct sq *q = sq_of(s);
	struct dbst *st;
	char now[TS_LEN], comment[80];
	bool outer;
	int rc;

	if (u->email[0] == '\0' || strchr(u->email, '@') == NULL ||
	    u->name[0] == '\0' || (unsigned)u->role >= ROLE__COUNT) {
		return B_INVALID;
	}
	if ((rc = user_refs_check(s, u)) != B_OK) {
		return rc;
	}
	if ((rc = sq_tx_begin(q, &outer)) != B_OK) {
		return rc;
	}
	st = sq_prep(q, SQ_USER_INS,
	    "INSERT INTO app_user (email, name, role, "
	    "forbund_id, party_id, pwhash, created_at) "
	    "VALUES (?, ?, ?, ?, ?, ?, ?) RETURNING id");
	rc = B_INTERNAL;
	if (st != NULL) {
		sq_now(q, now);
		sq_bind_str(st, 1, u->email);
		sq_bind_str(st, 2, u->name);
		sq_bind_str(st, 3, role_code(u->role));
		sq_bind_id(st, 4, u->forbund_id);
		sq_bind_id(st, 5, u->party_id);
		sq_bind_text(st, 6, pwhash);
		sq_bind_str(st, 7, now);
		rc = sq_insert_id(q, st, id, "user insert");
		/* A missing förbund is bad input here, not a missing page. */
		if (rc == B_NOTFOUND) {
			rc = B_INVALID;
		}
	}
	if (rc == B_OK) {
		snprintf(comment, sizeof(comment),
		    "Användaren skapades "
		    "(roll: %s)",
		    role_code(u->role));
		rc = sq_audit(q, actor,
		    &(struct sq_audit){ .entity = "user",
			.entity_id = *id,
			.field = "email",
			.new_value = u->email,
			.comment = comment });
	}
	return sq_tx_end(q, outer, rc);
}

int
sq_user_get(struct store *s, int64_t id, struct user *out)
{
	struct sq *q = sq_of(s);
	struct dbst *st;
	int rc;

	memset(out, 0, sizeof(*out));
	st = sq_prep(q, SQ_USER_GET, USER_COLS "WHERE id = ?");
	if (st == NULL) {
		return B_INTERNAL;
	}
	sq_bind_i64(st, 1, id);
	rc = db_step(st);
	if (rc == DB_ROW) {
		sq_user_row(st, out);
	}
	return sq_one_end(q, st, rc, "user get");
}

int
sq_user_by_email(struct store *s, const char *email, struct user *out,
    char *pwhash, size_t pwlen)
{
	struct sq *q = sq_of(s);
	struct dbst *st;
	int rc;

	memset(out, 0, sizeof(*out));
	if (pwhash != NULL && pwlen > 0) {
		pwhash[0] = '\0';
	}
	st = sq_prep(q, SQ_USER_EMAIL,
	    USER_COLS "WHERE lower(email) = "
		      "lower(?)");
	if (st == NULL) {
		return B_INTERNAL;
	}
	sq_bind_str(st, 1, email);
	rc = db_step(st);
	if (rc == DB_ROW) {
		sq_user_row(st, out);
		if (pwhash != NULL) {
			sq_col_str(st, 6, pwhash, pwlen);
		}
	}
	return sq_one_end(q, st, rc, "user by email");
}

/*
 * Sets one column of user user_id with sql ("UPDATE app_user SET c = ?
 * WHERE id = ?", value NULL for SQL NULL) and writes the audit row a, in
 * one transaction. B_NOTFOUND if there is no such user.
 */
int
sq_user_set_one(struct sq *q, enum sq_id id, const char *sql, int64_t user_id,
    const char *value, const struct sq_audit *a)
{
	struct dbst *st;
	bool outer;
	int rc;

	if ((rc = sq_tx_begin(q, &outer)) != B_OK) {
		return rc;
	}
	st = sq_prep(q, id, sql);
	rc = B_INTERNAL;
	if (st != NULL) {
		sq_bind_text(st, 1, value);
		sq_bind_i64(st, 2, user_id);
		rc = sq_run(q, st, a->field);
	}
	if (rc == B_OK && db_changes(q->db) == 0) {
		rc = B_NOTFOUND;
	}
	if (rc == B_OK) {
		rc = sq_audit(q, user_id, a);
	}
	return sq_tx_end(q, outer, rc);
}

/* The hash itself never reaches the audit log. */
int
sq_user_set_pwhash(struct store *s, int64_t user_id, const char *hash)
{
	if (hash == NULL || hash[0] == '\0') {
		return B_INVALID;
	}
	return sq_user_set_one(sq_of(s), SQ_USER_PWHASH,
	    "UPDATE app_user SET pwhash = ? WHERE id = ?", user_id, hash,
	    &(struct sq_audit){ .entity = "user",
		.entity_id = user_id,
		.field = "pwhash",
		.comment = "Lösenordets hash gjordes om med nuvarande "
			   "kostnad vid inloggning" });
}

int
sq_user_list(struct store *s, int64_t forbund_id, struct user **out, size_t *n)
{
	struct sq *q = sq_of(s);
	struct user *v = NULL;
	struct dbst *st;
	size_t cap = 0;
	int rc;

	*out = NULL;
	*n = 0;
	if (forbund_id == 0) {
		st =
		    sq_prep(q, SQ_USER_LIST_ALL, USER_COLS "ORDER BY name, id");
	} else {
		st = sq_prep(q, SQ_USER_LIST,
		    USER_COLS "WHERE forbund_id = ? ORDER BY name, id");
	}
	if (st == NULL) {
		return B_INTERNAL;
	}
	if (forbund_id != 0) {
		sq_bind_i64(st, 1, forbund_id);
	}
	while ((rc = db_step(st)) == DB_ROW) {
		v = sq_grow(v, &cap, *n, sizeof(*v));
		sq_user_row(st, &v[(*n)++]);
	}
	rc = sq_step_end(q, st, rc, "user list");
	*out = sq_list_end(rc, v, n);
	return rc;
}
