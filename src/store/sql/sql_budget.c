/*
 * sql_budget.c - the SQL store: Finsam budgets (each party's
 * offer for a year; the domain computes the frame, R9), the sum granted,
 * and participant counts per insats and year (R10). Stores and returns
 * facts only. Contracts are in store.h; every change is audited.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "sql.h"
#include "util/xmalloc.h"

#define YEAR_OK(y) ((y) >= 1900 && (y) <= 2199)

/* The id of a förbund's budget for a year; B_NOTFOUND if none. */
static int
budget_id(struct sq *q, int64_t forbund_id, int year, int64_t *id)
{
	struct dbst *st;
	int rc;

	st = sq_prep(q, SQ_BUDGET_ID,
	    "SELECT id FROM budget "
	    "WHERE forbund_id = ? AND year = ?");
	if (st == NULL) {
		return B_INTERNAL;
	}
	sq_bind_i64(st, 1, forbund_id);
	sq_bind_i64(st, 2, year);
	rc = db_step(st);
	if (rc == DB_ROW) {
		*id = sq_col_i64(st, 0);
	}
	return sq_one_end(q, st, rc, "budget id");
}

int
sq_budget_get(struct store *s, int64_t forbund_id, int year, struct budget *out)
{
	struct sq *q = sq_of(s);
	struct budget_offer *o;
	struct dbst *st;
	char kind[16];
	int64_t id = 0;
	int rc;

	memset(out, 0, sizeof(*out));
	out->year = year;
	if ((rc = budget_id(q, forbund_id, year, &id)) != B_OK) {
		return rc;
	}
	st = sq_prep(q, SQ_BUDGET_OFFERS,
	    "SELECT bo.party_id, p.kind, "
	    "bo.amount, bo.share_ppm FROM budget_offer bo JOIN party p ON "
	    "p.id = bo.party_id WHERE bo.budget_id = ? ORDER BY " SQ_KIND_ORDER
	    ", p.name, p.id");
	if (st == NULL) {
		return B_INTERNAL;
	}
	sq_bind_i64(st, 1, id);
	while ((rc = db_step(st)) == DB_ROW && out->n < MAX_PARTIES) {
		o = &out->o[out->n++];
		o->party_id = sq_col_i64(st, 0);
		sq_col_str(st, 1, kind, sizeof(kind));
		o->kind = sq_party_kind(kind);
		o->amount = sq_col_i64(st, 2);
		o->share_ppm = sq_col_i64(st, 3);
	}
	return sq_step_end(q, st, rc, "budget offers");
}

/* Offers must be sane and each for a distinct party of the förbund. */
static int
budget_check_parties(const struct budget *in, const struct forbund *fb)
{
	for (size_t i = 0; i < in->n; i++) {
		const struct budget_offer *o = &in->o[i];
		bool found = false;

		if (o->amount < 0 || o->share_ppm < 0 ||
		    o->share_ppm > SHARE_ONE) {
			return B_INVALID;
		}
		for (size_t j = 0; j < fb->nparties; j++) {
			found |= fb->parties[j].id == o->party_id;
		}
		for (size_t j = 0; j < i; j++) {
			found &= in->o[j].party_id != o->party_id;
		}
		if (!found) {
			return B_INVALID;
		}
	}
	return B_OK;
}

static const struct budget_offer *
offer_of(const struct budget *b, int64_t party_id)
{
	for (size_t i = 0; i < b->n; i++) {
		if (b->o[i].party_id == party_id) {
			return &b->o[i];
		}
	}
	return NULL;
}

/* One audit row per party whose offer changed (or appeared, or went). */
static int
budget_audit(struct sq *q, int64_t actor, int64_t id, const struct forbund *fb,
    const struct budget *old, const struct budget *in)
{
	const struct budget_offer *o, *n;
	char field[40], ov[64], nv[64], comment[NAME_MAX_ + 64];
	int rc = B_OK;

	for (size_t j = 0; rc == B_OK && j < fb->nparties; j++) {
		o = offer_of(old, fb->parties[j].id);
		n = offer_of(in, fb->parties[j].id);
		ov[0] = nv[0] = '\0';
		if (o != NULL) {
			snprintf(ov, sizeof(ov), "%lld kr, %lld ppm",
			    (long long)o->amount, (long long)o->share_ppm);
		}
		if (n != NULL) {
			snprintf(nv, sizeof(nv), "%lld kr, %lld ppm",
			    (long long)n->amount, (long long)n->share_ppm);
		}
		if (strcmp(ov, nv) == 0) {
			continue;
		}
		snprintf(field, sizeof(field), "offers[%lld]",
		    (long long)fb->parties[j].id);
		snprintf(comment, sizeof(comment),
		    "Budget %d: erbjudande "
		    "från %s ändrades",
		    in->year, fb->parties[j].name);
		rc = sq_audit(q, actor,
		    &(struct sq_audit){ .entity = "budget",
			.entity_id = id,
			.field = field,
			.old_value = ov,
			.new_value = nv,
			.comment = comment });
	}
	return rc;
}

/* Replaces the offers of budget id with in's. */
static int
budget_write(struct sq *q, int64_t id, const struct budget *in)
{
	struct dbst *st;
	int rc;

	st = sq_prep(q, SQ_BUDGET_DEL,
	    "DELETE FROM budget_offer "
	    "WHERE budget_id = ?");
	if (st == NULL) {
		return B_INTERNAL;
	}
	sq_bind_i64(st, 1, id);
	rc = sq_run(q, st, "budget delete");
	for (size_t i = 0; rc == B_OK && i < in->n; i++) {
		st = sq_prep(q, SQ_OFFER_INS,
		    "INSERT INTO budget_offer "
		    "(budget_id, party_id, amount, share_ppm) "
		    "VALUES (?, ?, ?, ?)");
		if (st == NULL) {
			return B_INTERNAL;
		}
		sq_bind_i64(st, 1, id);
		sq_bind_i64(st, 2, in->o[i].party_id);
		sq_bind_i64(st, 3, in->o[i].amount);
		sq_bind_i64(st, 4, in->o[i].share_ppm);
		rc = sq_run(q, st, "offer insert");
	}
	return rc;
}

/* R9's frame of förbund fid's budget of year (id), computed by the
 * domain from the offers as stored, kept with it for the follow-up. */
static int
budget_frame_keep(struct sq *q, int64_t fid, int year, int64_t id)
{
	struct budget *b = xmalloc(sizeof(*b));
	struct dbst *st;
	int rc = sq_budget_get(&q->base, fid, year, b);

	if (rc == B_OK) {
		budget_compute(b);
		st = sq_prep(q, SQ_BUDGET_FRAME,
		    "UPDATE budget SET frame = ?2 WHERE id = ?1");
		if (st == NULL) {
			rc = B_INTERNAL;
		} else {
			sq_bind_i64(st, 1, id);
			sq_bind_i64(st, 2, b->frame);
			rc = sq_run(q, st, "budget frame");
		}
	}
	free(b);
	return rc;
}

int
sq_budget_frames_fill(struct sq *q)
{
	struct {
		int64_t id, fid;
		int year;
	} *v = NULL;
	struct dbst *st;
	size_t n = 0, cap = 0;
	int rc;

	st = sq_prep(q, SQ_BUDGET_UNFRAMED,
	    "SELECT id, forbund_id, year FROM budget WHERE frame IS NULL");
	if (st == NULL) {
		return B_INTERNAL;
	}
	while ((rc = db_step(st)) == DB_ROW) {
		v = sq_grow(v, &cap, n, sizeof(*v));
		v[n].id = sq_col_i64(st, 0);
		v[n].fid = sq_col_i64(st, 1);
		v[n].year = (int)sq_col_i64(st, 2);
		n++;
	}
	rc = sq_step_end(q, st, rc, "budgets without frame");
	for (size_t i = 0; rc == B_OK && i < n; i++) {
		rc = budget_frame_keep(q, v[i].fid, v[i].year, v[i].id);
	}
	free(v);
	return rc;
}

/* Reads the old budget (for the audit), then replaces it, atomically. */
static int
budget_replace(struct sq *q, int64_t forbund_id, const struct budget *in,
    const struct forbund *fb, struct budget *old, int64_t actor)
{
	struct dbst *st;
	int64_t id = 0;
	int rc;

	rc = sq_budget_get(&q->base, forbund_id, in->year, old);
	if (rc == B_NOTFOUND) {
		rc = B_OK; /* a first budget for the year */
	}
	st = rc == B_OK
	    ? sq_prep(q, SQ_BUDGET_INS,
		  "INSERT INTO budget "
		  "(forbund_id, year) VALUES (?, ?) ON CONFLICT (forbund_id, year) "
		  "DO UPDATE SET year = excluded.year RETURNING id")
	    : NULL;
	if (rc == B_OK && st == NULL) {
		rc = B_INTERNAL;
	}
	if (rc == B_OK) {
		sq_bind_i64(st, 1, forbund_id);
		sq_bind_i64(st, 2, in->year);
		rc = sq_insert_id(q, st, &id, "budget upsert");
	}
	if (rc == B_OK) {
		rc = budget_write(q, id, in);
	}
	if (rc == B_OK) {
		rc = budget_frame_keep(q, forbund_id, in->year, id);
	}
	if (rc == B_OK) {
		rc = budget_audit(q, actor, id, fb, old, in);
	}
	return rc;
}

int
sq_budget_put(struct store *s, int64_t forbund_id, const struct budget *in,
    int64_t actor)
{
	struct sq *q = sq_of(s);
	struct forbund *fb;
	struct budget *old;
	bool outer;
	int rc;

	if (!YEAR_OK(in->year) || in->n > MAX_PARTIES) {
		return B_INVALID;
	}
	fb = xmalloc(sizeof(*fb));
	old = xmalloc(sizeof(*old));
	if ((rc = sq_tx_begin(q, &outer)) != B_OK) {
		goto out;
	}
	rc = sq_forbund_get(s, forbund_id, fb);
	if (rc == B_OK) {
		rc = budget_check_parties(in, fb);
	}
	if (rc == B_OK) {
		rc = budget_replace(q, forbund_id, in, fb, old, actor);
	}
	rc = sq_tx_end(q, outer, rc);
out:
	free(old);
	free(fb);
	return rc;
}

/*
 * R9: what a förbund's grants use of a year's frame, as the domain's
 * budget_state_granted and budget_grant_year decided when the case's
 * facts were computed (sql_followup.c): refused or stopped
 * cases never count, whatever amount they carry.
 */
int
sq_granted_sum(struct store *s, int64_t forbund_id, int year, int64_t *sum)
{
	struct sq *q = sq_of(s);
	struct dbst *st;
	int rc;

	*sum = 0;
	if ((rc = sq_facts_current(q)) != B_OK) {
		return rc;
	}
	st = sq_prep(q, SQ_GRANTED_SUM,
	    "SELECT granted FROM case_frame_use WHERE forbund_id = ?1 AND "
	    "year = ?2");
	if (st == NULL) {
		return B_INTERNAL;
	}
	sq_bind_i64(st, 1, forbund_id);
	sq_bind_i64(st, 2, year);
	rc = db_step(st);
	if (rc == DB_ROW) {
		*sum = sq_col_i64(st, 0);
		rc = db_step(st);
	}
	return sq_step_end(q, st, rc, "granted sum");
}

/* ---- participants (R10) ------------------------------------------------ */

#define PART_COLS                                                              \
	"SELECT case_id, year, women, men, to_work, to_studies, "              \
	"job_seeking, other FROM participants "

static void
part_row(struct dbst *st, struct participants *p)
{
	p->case_id = sq_col_i64(st, 0);
	p->year = (int)db_col_i64(st, 1);
	p->women = sq_col_i64(st, 2);
	p->men = sq_col_i64(st, 3);
	p->to_work = sq_col_i64(st, 4);
	p->to_studies = sq_col_i64(st, 5);
	p->job_seeking = sq_col_i64(st, 6);
	p->other = sq_col_i64(st, 7);
}

static void
part_text(const struct participants *p, char *out, size_t len)
{
	snprintf(out, len,
	    "%lld kvinnor, %lld män, %lld till arbete, "
	    "%lld till studier, %lld arbetssökande, %lld övrigt",
	    (long long)p->women, (long long)p->men, (long long)p->to_work,
	    (long long)p->to_studies, (long long)p->job_seeking,
	    (long long)p->other);
}

/* The stored counts as text ("" if none) for the audit row. */
static int
part_old(struct sq *q, const struct participants *in, char *out, size_t len)
{
	struct participants p;
	struct dbst *st;
	int rc;

	out[0] = '\0';
	st = sq_prep(q, SQ_PART_GET,
	    PART_COLS "WHERE case_id = ? AND "
		      "year = ?");
	if (st == NULL) {
		return B_INTERNAL;
	}
	sq_bind_i64(st, 1, in->case_id);
	sq_bind_i64(st, 2, in->year);
	rc = db_step(st);
	if (rc == DB_ROW) {
		part_row(st, &p);
		part_text(&p, out, len);
	}
	return sq_step_end(q, st, rc, "participants get");
}

static int
part_upsert(struct sq *q, const struct participants *in)
{
	struct dbst *st;

	st = sq_prep(q, SQ_PART_UPSERT,
	    "INSERT INTO participants (case_id, "
	    "year, women, men, to_work, to_studies, job_seeking, other) "
	    "VALUES (?, ?, ?, ?, ?, ?, ?, ?) ON CONFLICT (case_id, year) "
	    "DO UPDATE SET women = excluded.women, men = excluded.men, "
	    "to_work = excluded.to_work, to_studies = excluded.to_studies, "
	    "job_seeking = excluded.job_seeking, other = excluded.other");
	if (st == NULL) {
		return B_INTERNAL;
	}
	sq_bind_i64(st, 1, in->case_id);
	sq_bind_i64(st, 2, in->year);
	sq_bind_i64(st, 3, in->women);
	sq_bind_i64(st, 4, in->men);
	sq_bind_i64(st, 5, in->to_work);
	sq_bind_i64(st, 6, in->to_studies);
	sq_bind_i64(st, 7, in->job_seeking);
	sq_bind_i64(st, 8, in->other);
	return sq_run(q, st, "participants upsert");
}

int
sq_participants_put(struct store *s, const struct participants *in,
    int64_t actor)
{
	struct sq *q = sq_of(s);
	char ov[200], nv[200], field[32], comment[48];
	bool outer;
	int rc;

	if (!YEAR_OK(in->year) || in->women < 0 || in->men < 0 ||
	    in->to_work < 0 || in->to_studies < 0 || in->job_seeking < 0 ||
	    in->other < 0) {
		return B_INVALID;
	}
	if ((rc = sq_tx_begin(q, &outer)) != B_OK) {
		return rc;
	}
	rc = part_old(q, in, ov, sizeof(ov));
	if (rc == B_OK) {
		rc = part_upsert(q, in);
	}
	part_text(in, nv, sizeof(nv));
	if (rc == B_OK && strcmp(ov, nv) != 0) {
		snprintf(field, sizeof(field), "participants[%d]", in->year);
		snprintf(comment, sizeof(comment), "Deltagare %d", in->year);
		rc = sq_audit(q, actor,
		    &(struct sq_audit){ .entity = "participants",
			.entity_id = in->case_id,
			.field = field,
			.old_value = ov,
			.new_value = nv,
			.comment = comment });
	}
	return sq_tx_end(q, outer, rc);
}

int
sq_participants_list(struct store *s, int64_t case_id,
    struct participants **out, size_t *n)
{
	struct sq *q = sq_of(s);
	struct participants *v = NULL;
	struct dbst *st;
	size_t cap = 0;
	int rc;

	*out = NULL;
	*n = 0;
	st = sq_prep(q, SQ_PART_LIST,
	    PART_COLS "WHERE case_id = ? "
		      "ORDER BY year");
	if (st == NULL) {
		return B_INTERNAL;
	}
	sq_bind_i64(st, 1, case_id);
	while ((rc = db_step(st)) == DB_ROW) {
		v = sq_grow(v, &cap, *n, sizeof(*v));
		part_row(st, &v[(*n)++]);
	}
	rc = sq_step_end(q, st, rc, "participants list");
	*out = sq_list_end(rc, v, n);
	return rc;
}
