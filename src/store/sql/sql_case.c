/*
 * sql_case.c - the SQL store: creating, reading and listing
 * cases (ärenden) with their party rows, and a case's history (its rows
 * in the audit log). Saving a changed case is sql_save.c.
 * Contracts are in store.h.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "domain/fields.h"
#include "sql.h"
#include "util/text.h"
#include "util/xmalloc.h"

#define CASE_COLS                                                              \
	"SELECT id, forbund_id, kind, state, title, description, "             \
	"finsam_malgrupp, external_cofinancers, need_id, owner_party_id, "     \
	"call_id, identified_on, submitted_on, esf_arende_id, decision_on, "   \
	"granted_amount, project_start, project_end, projektledare, "          \
	"controller, administrator, overenskommelse_on, final_report_on, "     \
	"reason, reason_text, version, applied_amount FROM arende "

/*
 * Binds every field of domain/fields.h to the parameter of its own name
 * (":title", ...), and the state to ":state": the insert here and the
 * update in sql_save.c name their parameters, so a new field
 * needs its column in the SQL and nothing else here.
 */
void
sq_bind_case(struct dbst *st, const struct arende *a)
{
	char name[48] = ":";

	for (size_t i = 0; i < ncase_fields; i++) {
		const struct field_def *f = &case_fields[i];
		const char *p = (const char *)a + f->off;
		int64_t v;
		int k, e;

		text_copy(name + 1, sizeof(name) - 1, f->name);
		if ((k = db_param_index(st, name)) == 0) {
			continue;
		}
		switch (f->type) {
		case FT_TEXT:
		case FT_LONGTEXT:
		case FT_DATE:
			if (f->flags & FF_REQUIRED) {
				sq_bind_str(st, k, p);
			} else {
				sq_bind_text(st, k, p);
			}
			break;
		case FT_BOOL:
			sq_bind_i64(st, k, *(const bool *)p ? 1 : 0);
			break;
		case FT_ID:
		case FT_CALL:
		case FT_PARTY:
			memcpy(&v, p, sizeof(v));
			sq_bind_id(st, k, v);
			break;
		case FT_MONEY:
			memcpy(&v, p, sizeof(v));
			if (v < 0) {
				db_bind_null(st, k);
			} else {
				sq_bind_i64(st, k, v);
			}
			break;
		case FT_REASON:
			memcpy(&e, p, sizeof(e));
			sq_bind_text(st, k,
			    e == REASON_NONE ? NULL
					     : reason_code((enum reason)e));
			break;
		case FT_AGP:
		case FT_BESLUT:
			break; /* party row fields */
		}
	}
	sq_bind_str(st, db_param_index(st, ":state"), state_code(a->state));
}

static void
case_row(struct dbst *st, struct arende *a)
{
	char code[32];

	arende_init(a);
	a->id = sq_col_i64(st, 0);
	a->forbund_id = sq_col_i64(st, 1);
	sq_col_str(st, 2, code, sizeof(code));
	(void)kind_from_code(code, &a->kind);
	sq_col_str(st, 3, code, sizeof(code));
	(void)state_from_code(code, &a->state);
	sq_col_str(st, 4, a->title, sizeof(a->title));
	sq_col_str(st, 5, a->description, sizeof(a->description));
	a->finsam_malgrupp = sq_col_i64(st, 6) != 0;
	sq_col_str(st, 7, a->external_cofinancers,
	    sizeof(a->external_cofinancers));
	a->need_id = sq_col_i64(st, 8);
	a->owner_party_id = sq_col_i64(st, 9);
	a->call_id = sq_col_i64(st, 10);
	sq_col_str(st, 11, a->identified_on, sizeof(a->identified_on));
	sq_col_str(st, 12, a->submitted_on, sizeof(a->submitted_on));
	sq_col_str(st, 13, a->esf_arende_id, sizeof(a->esf_arende_id));
	sq_col_str(st, 14, a->decision_on, sizeof(a->decision_on));
	a->granted_amount = db_col_null(st, 15) ? -1 : sq_col_i64(st, 15);
	sq_col_str(st, 16, a->project_start, sizeof(a->project_start));
	sq_col_str(st, 17, a->project_end, sizeof(a->project_end));
	sq_col_str(st, 18, a->projektledare, sizeof(a->projektledare));
	sq_col_str(st, 19, a->controller, sizeof(a->controller));
	sq_col_str(st, 20, a->administrator, sizeof(a->administrator));
	sq_col_str(st, 21, a->overenskommelse_on,
	    sizeof(a->overenskommelse_on));
	sq_col_str(st, 22, a->final_report_on, sizeof(a->final_report_on));
	sq_col_str(st, 23, code, sizeof(code));
	if (code[0] == '\0' || !reason_from_code(code, &a->reason)) {
		a->reason = REASON_NONE;
	}
	sq_col_str(st, 24, a->reason_text, sizeof(a->reason_text));
	a->version = sq_col_i64(st, 25);
	a->applied_amount = db_col_null(st, 26) ? -1 : sq_col_i64(st, 26);
}

static void
party_row_read(struct dbst *st, struct party_row *r)
{
	char code[16];

	memset(r, 0, sizeof(*r));
	r->party_id = sq_col_i64(st, 0);
	sq_col_str(st, 1, code, sizeof(code));
	r->kind = sq_party_kind(code);
	sq_col_str(st, 2, r->party_name, sizeof(r->party_name));
	r->deltar = sq_col_i64(st, 3) != 0;
	r->medfinansiar = sq_col_i64(st, 4) != 0;
	sq_col_str(st, 5, r->medfinansiering, sizeof(r->medfinansiering));
	r->utforare = sq_col_i64(st, 6) != 0;
	sq_col_str(st, 7, r->forankrad, sizeof(r->forankrad));
	r->mandat = sq_col_i64(st, 8) != 0;
	sq_col_str(st, 9, code, sizeof(code));
	if (code[0] == '\0' ||
	    !agarprovning_from_code(code, &r->agarprovning)) {
		r->agarprovning = AGP_NONE;
	}
	sq_col_str(st, 10, code, sizeof(code));
	if (code[0] == '\0' || !beslut_from_code(code, &r->beslut)) {
		r->beslut = BESLUT_NONE;
	}
}

static int
case_parties(struct sq *q, struct arende *a)
{
	struct dbst *st;
	int rc;

	a->nparties = 0;
	st = sq_prep(q, SQ_CASE_PARTIES,
	    "SELECT ap.party_id, p.kind, p.name, "
	    "ap.deltar, ap.medfinansiar, ap.medfinansiering, ap.utforare, "
	    "ap.forankrad, ap.mandat, ap.agarprovning, ap.beslut "
	    "FROM arende_party ap JOIN party p ON p.id = ap.party_id "
	    "WHERE ap.arende_id = ? ORDER BY " SQ_KIND_ORDER ", p.name, p.id");
	if (st == NULL) {
		return B_INTERNAL;
	}
	sq_bind_i64(st, 1, a->id);
	while ((rc = db_step(st)) == DB_ROW && a->nparties < MAX_PARTIES) {
		party_row_read(st, &a->parties[a->nparties++]);
	}
	return sq_step_end(q, st, rc, "case parties");
}

int
sq_case_get(struct store *s, int64_t id, struct arende *out)
{
	struct sq *q = sq_of(s);
	struct dbst *st;
	int rc;

	st = sq_prep(q, SQ_CASE_GET, CASE_COLS "WHERE id = ?");
	if (st == NULL) {
		return B_INTERNAL;
	}
	sq_bind_i64(st, 1, id);
	rc = db_step(st);
	if (rc == DB_ROW) {
		case_row(st, out);
	}
	rc = sq_one_end(q, st, rc, "case get");
	return rc == B_OK ? case_parties(q, out) : rc;
}

int
sq_case_party_put(struct sq *q, int64_t case_id, const struct party_row *r)
{
	struct dbst *st;

	st = sq_prep(q, SQ_CASE_PARTY_UPSERT,
	    "INSERT INTO arende_party "
	    "(arende_id, party_id, deltar, medfinansiar, medfinansiering, "
	    "utforare, forankrad, mandat, agarprovning, beslut) "
	    "VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?) "
	    "ON CONFLICT (arende_id, party_id) DO UPDATE SET "
	    "deltar = excluded.deltar, medfinansiar = excluded.medfinansiar, "
	    "medfinansiering = excluded.medfinansiering, "
	    "utforare = excluded.utforare, forankrad = excluded.forankrad, "
	    "mandat = excluded.mandat, agarprovning = excluded.agarprovning, "
	    "beslut = excluded.beslut");
	if (st == NULL) {
		return B_INTERNAL;
	}
	sq_bind_i64(st, 1, case_id);
	sq_bind_i64(st, 2, r->party_id);
	sq_bind_i64(st, 3, r->deltar ? 1 : 0);
	sq_bind_i64(st, 4, r->medfinansiar ? 1 : 0);
	sq_bind_text(st, 5, r->medfinansiering);
	sq_bind_i64(st, 6, r->utforare ? 1 : 0);
	sq_bind_text(st, 7, r->forankrad);
	sq_bind_i64(st, 8, r->mandat ? 1 : 0);
	sq_bind_text(st, 9, agarprovning_code(r->agarprovning));
	sq_bind_text(st, 10, beslut_code(r->beslut));
	return sq_run(q, st, "case party");
}

/* The input a case may be created from (store.h: store_case_create). */
static int
case_create_check(struct sq *q, const struct arende *a,
    const struct forbund *fb)
{
	struct need n;
	int rc;

	if (a->title[0] == '\0' ||
	    (a->kind != KIND_ESF && a->kind != KIND_FINSAM) ||
	    a->nparties > MAX_PARTIES ||
	    (a->identified_on[0] != '\0' && !date_valid(a->identified_on))) {
		return B_INVALID;
	}
	if (a->need_id != 0) {
		rc = sq_need_get(&q->base, a->need_id, &n);
		if (rc != B_OK) {
			return rc;
		}
		if (n.forbund_id != a->forbund_id) {
			return B_NOTFOUND; /* another förbund's need */
		}
	}
	for (size_t i = 0; i < a->nparties; i++) {
		bool found = false;

		for (size_t j = 0; j < fb->nparties; j++) {
			found |= fb->parties[j].id == a->parties[i].party_id;
		}
		if (!found) {
			return B_INVALID;
		}
	}
	return B_OK;
}

/* Inserts the case row (state identifierad, version 1); sets a->id. */
static int
case_insert(struct sq *q, struct arende *a)
{
	struct dbst *st;
	char now[TS_LEN];

	st = sq_prep(q, SQ_CASE_INS,
	    "INSERT INTO arende (title, description, "
	    "finsam_malgrupp, external_cofinancers, need_id, owner_party_id, "
	    "call_id, identified_on, submitted_on, esf_arende_id, decision_on, "
	    "granted_amount, project_start, project_end, projektledare, "
	    "controller, administrator, overenskommelse_on, final_report_on, "
	    "reason, reason_text, state, forbund_id, kind, version, "
	    "created_at, updated_at, applied_amount) VALUES (:title, "
	    ":description, "
	    ":finsam_malgrupp, :external_cofinancers, :need_id, "
	    ":owner_party_id, :call_id, :identified_on, :submitted_on, "
	    ":esf_arende_id, :decision_on, :granted_amount, :project_start, "
	    ":project_end, :projektledare, :controller, :administrator, "
	    ":overenskommelse_on, :final_report_on, :reason, :reason_text, "
	    ":state, :forbund_id, :kind, 1, :now, :now, :applied_amount) "
	    "RETURNING id");
	if (st == NULL) {
		return B_INTERNAL;
	}
	sq_now(q, now);
	sq_bind_case(st, a);
	sq_bind_i64(st, db_param_index(st, ":forbund_id"), a->forbund_id);
	sq_bind_str(st, db_param_index(st, ":kind"), kind_code(a->kind));
	sq_bind_str(st, db_param_index(st, ":now"), now);
	return sq_insert_id(q, st, &a->id, "case insert");
}

/* One row per party of the förbund: the caller's, or one not taking part. */
static int
case_insert_parties(struct sq *q, const struct arende *a,
    const struct forbund *fb)
{
	const struct party_row *given;
	struct party_row r;
	int rc = B_OK;

	for (size_t j = 0; rc == B_OK && j < fb->nparties; j++) {
		given = arende_party(a, fb->parties[j].id);
		if (given != NULL) {
			r = *given;
		} else {
			memset(&r, 0, sizeof(r));
			r.party_id = fb->parties[j].id;
		}
		rc = sq_case_party_put(q, a->id, &r);
	}
	return rc;
}

int
sq_case_create(struct store *s, struct arende *a, int64_t actor)
{
	struct sq *q = sq_of(s);
	struct forbund *fb;
	bool outer;
	int rc;

	fb = xmalloc(sizeof(*fb));
	if ((rc = sq_tx_begin(q, &outer)) != B_OK) {
		goto out;
	}
	rc = sq_forbund_get(s, a->forbund_id, fb);
	if (rc == B_OK) {
		rc = case_create_check(q, a, fb);
	}
	if (rc == B_OK) {
		a->state = ST_IDENTIFIERAD;
		if (a->identified_on[0] == '\0') {
			date_today(a->identified_on);
		}
		rc = case_insert(q, a);
	}
	if (rc == B_OK) {
		rc = case_insert_parties(q, a, fb);
	}
	if (rc == B_OK) {
		rc = sq_audit(q, actor,
		    &(struct sq_audit){ .entity = "arende",
			.entity_id = a->id,
			.to_state = state_code(ST_IDENTIFIERAD),
			.comment = "Ärendet skapades" });
	}
	rc = sq_tx_end(q, outer, rc);
	if (rc == B_OK) {
		rc = sq_case_get(s, a->id, a);
	}
out:
	free(fb);
	return rc;
}

/* ---- lists -------------------------------------------------------------- */

/*
 * Two variants of each query, with and without a förbund, so the common
 * one (a förbund's cases, newest first) walks the index
 * arende(forbund_id, updated_at) instead of scanning. ?1 förbund,
 * ?2 kind code, ?3 state code, ?4 party that deltar (NULL = any),
 * ?7 1 = only cases where an FK party deltar (mirrors fk_deltar of
 * perm_case_visible for esf-kansli; read from the facts kept with every
 * commit, migration 7, so a national list need not join every case's
 * parties). ?5 and ?6 are LIMIT and OFFSET; ?8-?17 the follow-up's
 * selection (struct fact_filter); ?19, ?20 the row a page starts after
 * (after_id, after_updated; ?19 = 0 from the start).
 */
#define CASE_BASE                                                              \
	"(CAST(?2 AS TEXT) IS NULL OR a.kind = ?2) AND "                       \
	"(CAST(?3 AS TEXT) IS NULL OR a.state = ?3) AND "                      \
	"(CAST(?4 AS BIGINT) IS NULL OR EXISTS (SELECT 1 FROM arende_party "   \
	"ap WHERE "                                                            \
	"ap.arende_id = a.id AND ap.party_id = ?4 AND ap.deltar = 1)) AND "    \
	"(?7 = 0 OR EXISTS (SELECT 1 FROM case_fact fk WHERE "                 \
	"fk.case_id = a.id AND fk.fk_deltar = 1)) AND "
/* The follow-up's selection (?9-?17) over the facts row x. */
#define FACT_COND(x)                                                           \
	"((?9 = 0 AND ?10 = 0) OR ((CAST(?9 AS BIGINT) >> CAST(" x ".state "   \
	"AS INTEGER)) & 1) = 1 OR "                                            \
	"(" x ".flags & ?10) <> 0) AND (?11 = 0 OR " x ".has_owner = 1) AND "  \
	"(?12 = 0 OR " x ".owner_kind = ?12 - 1) AND (?13 = 0 OR "             \
	"(" x ".cofin & ?13) <> 0) AND (?14 = 0 OR " x ".reason = ?14 - 1) "   \
	"AND (?15 = '' OR " x ".identified_on >= ?15) AND (?16 = '' OR "       \
	"(" x ".identified_on <> '' AND " x ".identified_on <= ?16)) AND "     \
	"(?17 = '' OR " x ".forbund_id IN (SELECT p2.forbund_id FROM party "   \
	"p2 WHERE (p2.kind = 'kommun' AND substr(p2.code, 1, 2) = ?17) OR "    \
	"(p2.kind = 'region' AND p2.code = ?17))) "
#define CASE_FILTER                                                            \
	CASE_BASE "(?8 = 0 OR a.id IN (SELECT x.case_id FROM case_fact x "     \
		  "WHERE " FACT_COND("x") ")) "
/*
 * When a selection expects few cases (fact_filter.few) the facts lead
 * (index case_fact_owner on their kind, ?18) and only the cases they
 * select are read: a national to-do list of a few hundred cases never
 * reads the other hundred thousand. A large selection is better served
 * newest first (CASE_FILTER), stopping at the page's end.
 */
#define FACTS_FROM "FROM case_fact f CROSS JOIN arende a "
#define FACTS_WHERE                                                                                     \
	"a.id = f.case_id AND f.kind = ?18 AND (?1 = 0 OR f.forbund_id = ?1) AND ?8 = 1 AND " CASE_BASE \
	    FACT_COND("f")
#define CASE_LIST                                                              \
	"SELECT a.id, a.forbund_id, a.kind, a.state, a.title, "                \
	"a.owner_party_id, p.name, a.call_id, a.identified_on, a.updated_at, " \
	"a.need_id "                                                           \
	"FROM arende a LEFT JOIN party p ON p.id = a.owner_party_id WHERE "
/* The lists only (not the counts, which then keep their narrow index):
 * the page after a row, newest change first. */
#define CASE_ORDER                                                             \
	"AND (?19 = 0 OR a.updated_at < ?20 OR (a.updated_at = ?20 AND "       \
	"a.id < ?19)) ORDER BY a.updated_at DESC, a.id DESC LIMIT ?5 "         \
	"OFFSET ?6"

static int
case_filter_bind(struct dbst *st, const struct case_filter *f)
{
	if (f->kind >= 0 && f->kind != KIND_ESF && f->kind != KIND_FINSAM) {
		return B_INVALID;
	}
	if (f->state >= ST__COUNT || f->limit < 0 || f->offset < 0) {
		return B_INVALID;
	}
	sq_bind_i64(st, 1, f->forbund_id);
	sq_bind_text(st, 2, f->kind < 0 ? NULL : kind_code(f->kind));
	sq_bind_text(st, 3, f->state < 0 ? NULL : state_code(f->state));
	sq_bind_id(st, 4, f->party_id);
	sq_bind_i64(st, 7, f->fk_deltar ? 1 : 0);
	sq_bind_i64(st, 8, f->facts.on ? 1 : 0);
	sq_bind_i64(st, 9, f->facts.states);
	sq_bind_i64(st, 10, f->facts.flags);
	sq_bind_i64(st, 11, f->facts.has_owner ? 1 : 0);
	sq_bind_i64(st, 12, f->facts.owner_kind);
	sq_bind_i64(st, 13, f->facts.cofin_kinds);
	sq_bind_i64(st, 14, f->facts.reason);
	sq_bind_str(st, 15, f->facts.from);
	sq_bind_str(st, 16, f->facts.to);
	sq_bind_str(st, 17, f->facts.lan);
	if (db_param_count(st) >= 18) {
		sq_bind_i64(st, 18, f->facts.kind);
	}
	if (db_param_count(st) >= 20) {
		sq_bind_i64(st, 19, f->after_id);
		sq_bind_str(st, 20, f->after_updated);
	}
	return B_OK;
}

static void
case_brief_row(struct dbst *st, struct case_brief *b)
{
	char code[32];

	memset(b, 0, sizeof(*b));
	b->id = sq_col_i64(st, 0);
	b->forbund_id = sq_col_i64(st, 1);
	sq_col_str(st, 2, code, sizeof(code));
	(void)kind_from_code(code, &b->kind);
	sq_col_str(st, 3, code, sizeof(code));
	(void)state_from_code(code, &b->state);
	sq_col_str(st, 4, b->title, sizeof(b->title));
	b->owner_party_id = sq_col_i64(st, 5);
	sq_col_str(st, 6, b->owner_name, sizeof(b->owner_name));
	b->call_id = sq_col_i64(st, 7);
	sq_col_str(st, 8, b->identified_on, sizeof(b->identified_on));
	sq_col_str(st, 9, b->updated_at, sizeof(b->updated_at));
	b->need_id = sq_col_i64(st, 10);
}

int
sq_case_list(struct store *s, const struct case_filter *f,
    struct case_brief **out, size_t *n)
{
	struct sq *q = sq_of(s);
	struct case_brief *v = NULL;
	struct dbst *st;
	size_t cap = 0;
	int rc;

	*out = NULL;
	*n = 0;
	if (f->facts.on && f->facts.few && f->facts.kind >= 0) {
		st = sq_prep(q, SQ_CASE_LIST_FACTS,
		    "SELECT a.id, a.forbund_id, a.kind, a.state, a.title, "
		    "a.owner_party_id, p.name, a.call_id, a.identified_on, "
		    "a.updated_at, a.need_id " FACTS_FROM
		    "LEFT JOIN party p ON p.id = a.owner_party_id "
		    "WHERE " FACTS_WHERE CASE_ORDER);
	} else if (f->forbund_id != 0) {
		st = sq_prep(q, SQ_CASE_LIST_FB,
		    CASE_LIST "a.forbund_id = ?1 "
			      "AND " CASE_FILTER CASE_ORDER);
	} else {
		st = sq_prep(q, SQ_CASE_LIST_ALL,
		    CASE_LIST CASE_FILTER "AND ?1 = 0 " CASE_ORDER);
	}
	if (st == NULL) {
		return B_INTERNAL;
	}
	if ((rc = case_filter_bind(st, f)) != B_OK) {
		sq_done(q, st);
		return rc;
	}
	sq_bind_i64(st, 5, f->limit > 0 ? f->limit : INT64_MAX); /* all */
	sq_bind_i64(st, 6, f->offset);
	while ((rc = db_step(st)) == DB_ROW) {
		v = sq_grow(v, &cap, *n, sizeof(*v));
		case_brief_row(st, &v[(*n)++]);
	}
	rc = sq_step_end(q, st, rc, "case list");
	*out = sq_list_end(rc, v, n);
	return rc;
}

int
sq_case_count(struct store *s, const struct case_filter *f, int64_t *n)
{
	struct sq *q = sq_of(s);
	struct dbst *st;
	int rc;

	*n = 0;
	if (f->facts.on && f->facts.few && f->facts.kind >= 0) {
		st = sq_prep(q, SQ_CASE_COUNT_FACTS,
		    "SELECT COUNT(*) " FACTS_FROM "WHERE " FACTS_WHERE);
	} else if (f->forbund_id != 0) {
		st = sq_prep(q, SQ_CASE_COUNT_FB,
		    "SELECT COUNT(*) FROM arende a "
		    "WHERE a.forbund_id = ?1 AND " CASE_FILTER);
	} else {
		st = sq_prep(q, SQ_CASE_COUNT_ALL,
		    "SELECT COUNT(*) FROM "
		    "arende a WHERE " CASE_FILTER "AND ?1 = 0");
	}
	if (st == NULL) {
		return B_INTERNAL;
	}
	if ((rc = case_filter_bind(st, f)) != B_OK) {
		sq_done(q, st);
		return rc;
	}
	rc = db_step(st);
	if (rc == DB_ROW) {
		*n = sq_col_i64(st, 0);
	}
	return sq_step_end(q, st, rc, "case count");
}

int
sq_case_updated(struct store *s, int64_t id, char *out)
{
	struct sq *q = sq_of(s);
	struct dbst *st;
	int rc;

	out[0] = '\0';
	st = sq_prep(q, SQ_CASE_UPDATED,
	    "SELECT updated_at FROM arende WHERE id = ?1");
	if (st == NULL) {
		return B_INTERNAL;
	}
	sq_bind_i64(st, 1, id);
	rc = db_step(st);
	if (rc == DB_ROW) {
		sq_col_str(st, 0, out, TS_LEN);
	}
	return sq_one_end(q, st, rc, "case updated");
}

/* ---- history ------------------------------------------------------------ */

static void
history_row(struct dbst *st, struct history_entry *h)
{
	char code[32];
	const char *text;
	enum state sv;

	memset(h, 0, sizeof(*h));
	h->id = sq_col_i64(st, 0);
	sq_col_str(st, 1, h->at, sizeof(h->at));
	h->user_id = sq_col_i64(st, 2);
	sq_col_str(st, 3, h->user_name, sizeof(h->user_name));
	sq_col_str(st, 4, code, sizeof(code));
	h->from = code[0] != '\0' && state_from_code(code, &sv) ? (int)sv : -1;
	sq_col_str(st, 5, code, sizeof(code));
	h->to = code[0] != '\0' && state_from_code(code, &sv) ? (int)sv : -1;
	text = db_col_text(st, 6);
	h->comment = xstrdup(text != NULL ? text : "");
	sq_col_str(st, 7, h->user_party, sizeof(h->user_party));
	sq_col_str(st, 8, code, sizeof(code));
	h->is_comment = strcmp(code, HISTORY_COMMENT) == 0;
}

static int
case_exists(struct sq *q, int64_t id)
{
	struct dbst *st;
	int rc;

	st = sq_prep(q, SQ_CASE_EXISTS, "SELECT 1 FROM arende WHERE id = ?");
	if (st == NULL) {
		return B_INTERNAL;
	}
	sq_bind_i64(st, 1, id);
	rc = db_step(st);
	return sq_one_end(q, st, rc, "case exists");
}

int
sq_case_comment(struct store *s, int64_t case_id, int64_t actor,
    const char *text, struct history_entry *out)
{
	struct sq *q = sq_of(s);
	struct dbst *st;
	int64_t id = 0;
	bool outer;
	int rc;

	if ((rc = sq_tx_begin(q, &outer)) != B_OK) {
		return rc;
	}
	rc = case_exists(q, case_id);
	if (rc == B_OK) {
		rc = sq_audit(q, actor,
		    &(struct sq_audit){ .entity = "arende",
			.entity_id = case_id,
			.field = HISTORY_COMMENT,
			.comment = text,
			.id = &id });
	}
	if (rc == B_OK) {
		st = sq_prep(q, SQ_CASE_HISTORY_ONE,
		    "SELECT h.id, h.at, h.user_id, u.name, h.from_state, "
		    "h.to_state, h.comment, p.name, h.field FROM audit h "
		    "LEFT JOIN app_user u ON u.id = h.user_id "
		    "LEFT JOIN party p ON p.id = u.party_id "
		    "WHERE h.id = ?");
		rc = st == NULL ? B_INTERNAL : B_OK;
	}
	if (rc == B_OK) {
		sq_bind_i64(st, 1, id);
		if ((rc = db_step(st)) == DB_ROW) {
			history_row(st, out);
			rc = sq_step_end(q, st, db_step(st), "comment");
		} else {
			rc = sq_one_end(q, st, rc, "comment");
		}
	}
	return sq_tx_end(q, outer, rc);
}

int
sq_case_history(struct store *s, int64_t case_id, struct history_entry **out,
    size_t *n)
{
	struct sq *q = sq_of(s);
	struct history_entry *v = NULL;
	struct dbst *st;
	size_t cap = 0;
	int rc;

	*out = NULL;
	*n = 0;
	st = sq_prep(q, SQ_CASE_HISTORY,
	    "SELECT h.id, h.at, h.user_id, "
	    "u.name, h.from_state, h.to_state, h.comment, p.name, h.field "
	    "FROM audit h LEFT JOIN app_user u ON u.id = h.user_id "
	    "LEFT JOIN party p ON p.id = u.party_id "
	    "WHERE h.entity = 'arende' AND h.entity_id = ? ORDER BY h.id");
	if (st == NULL) {
		return B_INTERNAL;
	}
	sq_bind_i64(st, 1, case_id);
	while ((rc = db_step(st)) == DB_ROW) {
		v = sq_grow(v, &cap, *n, sizeof(*v));
		history_row(st, &v[(*n)++]);
	}
	rc = sq_step_end(q, st, rc, "case history");
	if (rc == B_OK && *n == 0) {
		rc = case_exists(q, case_id);
	}
	if (rc != B_OK) {
		history_free(v, *n);
		v = NULL;
		*n = 0;
	}
	*out = v;
	return rc;
}
