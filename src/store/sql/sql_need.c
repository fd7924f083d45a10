/*
 * sql_need.c - the SQL store: needs from the
 * behovskartläggning and ESF-rådet's calls (utlysningar). Contracts are
 * in store.h; every creation is written to the audit log.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "sql.h"

/* ---- needs ------------------------------------------------------------ */

#define NEED_COLS                                                              \
	"SELECT id, forbund_id, malgrupp, behov, utbud, "                      \
	"created_on FROM need "

static void
need_row(struct dbst *st, struct need *n)
{
	memset(n, 0, sizeof(*n));
	n->id = sq_col_i64(st, 0);
	n->forbund_id = sq_col_i64(st, 1);
	sq_col_str(st, 2, n->malgrupp, sizeof(n->malgrupp));
	sq_col_str(st, 3, n->behov, sizeof(n->behov));
	sq_col_str(st, 4, n->utbud, sizeof(n->utbud));
	sq_col_str(st, 5, n->created_on, sizeof(n->created_on));
}

int
sq_need_create(struct store *s, struct need *in, int64_t actor)
{
	struct sq *q = sq_of(s);
	struct dbst *st;
	bool outer;
	int rc;

	if (in->created_on[0] == '\0') {
		date_today(in->created_on);
	} else if (!date_valid(in->created_on)) {
		return B_INVALID;
	}
	if ((rc = sq_tx_begin(q, &outer)) != B_OK) {
		return rc;
	}
	st = sq_prep(q, SQ_NEED_INS,
	    "INSERT INTO need (forbund_id, "
	    "malgrupp, behov, utbud, created_on) VALUES (?, ?, ?, ?, ?) "
	    "RETURNING id");
	rc = B_INTERNAL;
	if (st != NULL) {
		sq_bind_i64(st, 1, in->forbund_id);
		sq_bind_str(st, 2, in->malgrupp);
		sq_bind_str(st, 3, in->behov);
		sq_bind_str(st, 4, in->utbud);
		sq_bind_str(st, 5, in->created_on);
		rc = sq_insert_id(q, st, &in->id, "need insert");
	}
	if (rc == B_OK) {
		rc = sq_audit(q, actor,
		    &(struct sq_audit){ .entity = "need",
			.entity_id = in->id,
			.field = "malgrupp",
			.new_value = in->malgrupp,
			.comment = "Behovet registrerades" });
	}
	return sq_tx_end(q, outer, rc);
}

int
sq_need_get(struct store *s, int64_t id, struct need *out)
{
	struct sq *q = sq_of(s);
	struct dbst *st;
	int rc;

	memset(out, 0, sizeof(*out));
	st = sq_prep(q, SQ_NEED_GET, NEED_COLS "WHERE id = ?");
	if (st == NULL) {
		return B_INTERNAL;
	}
	sq_bind_i64(st, 1, id);
	rc = db_step(st);
	if (rc == DB_ROW) {
		need_row(st, out);
	}
	return sq_one_end(q, st, rc, "need get");
}

int
sq_need_list(struct store *s, int64_t forbund_id, struct need **out, size_t *n)
{
	struct sq *q = sq_of(s);
	struct need *v = NULL;
	struct dbst *st;
	size_t cap = 0;
	int rc;

	*out = NULL;
	*n = 0;
	st = sq_prep(q, SQ_NEED_LIST,
	    NEED_COLS "WHERE forbund_id = ? "
		      "ORDER BY id");
	if (st == NULL) {
		return B_INTERNAL;
	}
	sq_bind_i64(st, 1, forbund_id);
	while ((rc = db_step(st)) == DB_ROW) {
		v = sq_grow(v, &cap, *n, sizeof(*v));
		need_row(st, &v[(*n)++]);
	}
	rc = sq_step_end(q, st, rc, "need list");
	*out = sq_list_end(rc, v, n);
	return rc;
}

/* ---- calls (utlysningar) --------------------------------------------- */

#define CALL_COLS                                                              \
	"SELECT id, title, reference, opens, closes, "                         \
	"programomrade, esf_share_pct FROM utlysning "

static void
call_row(struct dbst *st, struct utlysning *c)
{
	memset(c, 0, sizeof(*c));
	c->id = sq_col_i64(st, 0);
	sq_col_str(st, 1, c->title, sizeof(c->title));
	sq_col_str(st, 2, c->reference, sizeof(c->reference));
	sq_col_str(st, 3, c->opens, sizeof(c->opens));
	sq_col_str(st, 4, c->closes, sizeof(c->closes));
	sq_col_str(st, 5, c->programomrade, sizeof(c->programomrade));
	c->esf_share_pct = (int)db_col_i64(st, 6);
}

static bool
date_ok(const char *d)
{
	return d[0] == '\0' || date_valid(d);
}

/* What the store itself refuses of a call (app/org.c says why). */
static bool
call_ok(const struct utlysning *in)
{
	return in->title[0] != '\0' && date_ok(in->opens) &&
	    date_ok(in->closes) && in->esf_share_pct >= 0 &&
	    in->esf_share_pct <= 100;
}

int
sq_call_create(struct store *s, struct utlysning *in, int64_t actor)
{
	struct sq *q = sq_of(s);
	struct dbst *st;
	bool outer;
	int rc;

	if (!call_ok(in)) {
		return B_INVALID;
	}
	if ((rc = sq_tx_begin(q, &outer)) != B_OK) {
		return rc;
	}
	st = sq_prep(q, SQ_CALL_INS,
	    "INSERT INTO utlysning (title, "
	    "reference, opens, closes, programomrade, esf_share_pct) "
	    "VALUES (?, ?, ?, ?, ?, ?) RETURNING id");
	rc = B_INTERNAL;
	if (st != NULL) {
		sq_bind_str(st, 1, in->title);
		sq_bind_text(st, 2, in->reference);
		sq_bind_text(st, 3, in->opens);
		sq_bind_text(st, 4, in->closes);
		sq_bind_text(st, 5, in->programomrade);
		sq_bind_i64(st, 6, in->esf_share_pct);
		rc = sq_insert_id(q, st, &in->id, "call insert");
	}
	if (rc == B_OK) {
		rc = sq_audit(q, actor,
		    &(struct sq_audit){ .entity = "call",
			.entity_id = in->id,
			.field = "title",
			.new_value = in->title,
			.comment = "Utlysningen registrerades" });
	}
	return sq_tx_end(q, outer, rc);
}

/* Replaces the call in->id's fields, auditing each that changed. */
int
sq_call_update(struct store *s, const struct utlysning *in, int64_t actor)
{
	struct sq *q = sq_of(s);
	struct utlysning b;
	struct dbst *st;
	char ob[16], nb[16];
	bool outer;
	int rc;

	if (!call_ok(in)) {
		return B_INVALID;
	}
	if ((rc = sq_tx_begin(q, &outer)) != B_OK) {
		return rc;
	}
	rc = sq_call_get(s, in->id, &b);
	st = rc == B_OK ? sq_prep(q, SQ_CALL_UPD,
			      "UPDATE utlysning SET title = ?, reference = ?, "
			      "opens = ?, closes = ?, programomrade = ?, "
			      "esf_share_pct = ? WHERE id = ?")
			: NULL;
	if (rc == B_OK && st == NULL) {
		rc = B_INTERNAL;
	}
	if (rc == B_OK) {
		sq_bind_str(st, 1, in->title);
		sq_bind_text(st, 2, in->reference);
		sq_bind_text(st, 3, in->opens);
		sq_bind_text(st, 4, in->closes);
		sq_bind_text(st, 5, in->programomrade);
		sq_bind_i64(st, 6, in->esf_share_pct);
		sq_bind_i64(st, 7, in->id);
		rc = sq_run(q, st, "call update");
	}
	snprintf(ob, sizeof(ob), "%d", b.esf_share_pct);
	snprintf(nb, sizeof(nb), "%d", in->esf_share_pct);
	{
		const char *f[][3] = { { "title", b.title, in->title },
			{ "reference", b.reference, in->reference },
			{ "opens", b.opens, in->opens },
			{ "closes", b.closes, in->closes },
			{ "programomrade", b.programomrade, in->programomrade },
			{ "esf_share_pct", ob, nb } };

		for (size_t i = 0; i < 6 && rc == B_OK; i++) {
			if (strcmp(f[i][1], f[i][2]) != 0) {
				rc = sq_audit(q, actor,
				    &(struct sq_audit){ .entity = "call",
					.entity_id = in->id,
					.field = f[i][0],
					.old_value = f[i][1],
					.new_value = f[i][2],
					.comment = "Utlysningen ändrades" });
			}
		}
	}
	return sq_tx_end(q, outer, rc);
}

int
sq_call_get(struct store *s, int64_t id, struct utlysning *out)
{
	struct sq *q = sq_of(s);
	struct dbst *st;
	int rc;

	memset(out, 0, sizeof(*out));
	st = sq_prep(q, SQ_CALL_GET, CALL_COLS "WHERE id = ?");
	if (st == NULL) {
		return B_INTERNAL;
	}
	sq_bind_i64(st, 1, id);
	rc = db_step(st);
	if (rc == DB_ROW) {
		call_row(st, out);
	}
	return sq_one_end(q, st, rc, "call get");
}

int
sq_call_list(struct store *s, struct utlysning **out, size_t *n)
{
	struct sq *q = sq_of(s);
	struct utlysning *v = NULL;
	struct dbst *st;
	size_t cap = 0;
	int rc;

	*out = NULL;
	*n = 0;
	/* Newest closing date first; calls without one last. */
	st = sq_prep(q, SQ_CALL_LIST,
	    CALL_COLS "ORDER BY closes IS NULL, "
		      "closes DESC, id DESC");
	if (st == NULL) {
		return B_INTERNAL;
	}
	while ((rc = db_step(st)) == DB_ROW) {
		v = sq_grow(v, &cap, *n, sizeof(*v));
		call_row(st, &v[(*n)++]);
	}
	rc = sq_step_end(q, st, rc, "call list");
	*out = sq_list_end(rc, v, n);
	return rc;
}
