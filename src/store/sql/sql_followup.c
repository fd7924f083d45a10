/*
 * sql_followup.c - the SQL store: the follow-up's facts.
 *
 * Per case (fact_compute): which states its history reached (from the
 * audit log, so a case that later ended in avbruten still counts as
 * having passed overens), its owner's kind, the kinds of its
 * co-financers, its participants and the days it spent in each state.
 * Those facts are kept in case_fact / case_fact_days (migration 007) and
 * recomputed, before each COMMIT, for the cases its triggers marked dirty
 * (sq_facts_refresh). The follow-up itself is then two grouped queries
 * over covering indexes, whatever the number of cases: one row per
 * förbund, year and combination of what is counted, and one bin per state
 * and number of days. No counting here: domain/followup.c counts.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "sql.h"
#include "util/text.h"
#include "util/xmalloc.h"

/* ---- one case's facts ---------------------------------------------------- */

struct fact {
	struct followup_row r;
	int64_t days[ST__COUNT]; /* whole days in each state it has left */
	int open_state;          /* -1: no history */
	int64_t open_since;      /* days since the epoch */
	int64_t owner_party_id;
	int64_t cofin[MAX_PARTIES]; /* co-financing parties */
	size_t ncofin;
	bool fk_deltar; /* FK takes part */
	int frame_year; /* R9: the budget year its grant uses, 0 none */
};

static bool
fact_case(struct sq *q, int64_t id, struct fact *f, int *rc)
{
	struct dbst *st;
	char code[32], overens[256], inskickad[256];
	struct followup_row *r = &f->r;
	char start[DATE_LEN], decided[DATE_LEN];
	int step;

	st = sq_prep(q, SQ_FU_CASES,
	    "SELECT a.id, a.forbund_id, a.kind, "
	    "a.state, a.identified_on, a.reason, a.granted_amount, op.kind, "
	    "EXISTS (SELECT 1 FROM audit h WHERE h.entity = 'arende' AND "
	    "h.entity_id = a.id AND instr(?2, ',' || h.to_state || ',') > 0), "
	    "EXISTS (SELECT 1 FROM audit h WHERE h.entity = 'arende' AND "
	    "h.entity_id = a.id AND instr(?3, ',' || h.to_state || ',') > 0), "
	    "(SELECT COALESCE(SUM(pp.women + pp.men), 0) FROM participants pp "
	    "WHERE pp.case_id = a.id), COALESCE(op.id, 0), a.applied_amount, "
	    "a.project_start, a.decision_on "
	    "FROM arende a LEFT JOIN party op ON op.id = a.owner_party_id "
	    "WHERE a.id = ?1");
	if (st == NULL) {
		*rc = B_INTERNAL;
		return false;
	}
	/* The state lists are the domain's counting rules, bound. */
	state_code_list(followup_passed_overens, overens, sizeof(overens));
	state_code_list(followup_reached_inskickad, inskickad,
	    sizeof(inskickad));
	sq_bind_i64(st, 1, id);
	sq_bind_str(st, 2, overens);
	sq_bind_str(st, 3, inskickad);
	step = db_step(st);
	if (step == DB_ROW) {
		memset(f, 0, sizeof(*f));
		f->open_state = -1;
		r->n = 1;
		r->case_id = sq_col_i64(st, 0);
		r->forbund_id = sq_col_i64(st, 1);
		sq_col_str(st, 2, code, sizeof(code));
		(void)kind_from_code(code, &r->kind);
		sq_col_str(st, 3, code, sizeof(code));
		(void)state_from_code(code, &r->state);
		sq_col_str(st, 4, r->identified_on, sizeof(r->identified_on));
		r->year = date_valid(r->identified_on)
		    ? (int)strtol(r->identified_on, NULL, 10)
		    : 0;
		sq_col_str(st, 5, code, sizeof(code));
		if (code[0] == '\0' || !reason_from_code(code, &r->reason)) {
			r->reason = REASON_NONE;
		}
		r->granted_amount = db_col_null(st, 6) ? -1 : sq_col_i64(st, 6);
		r->has_owner = !db_col_null(st, 7);
		sq_col_str(st, 7, code, sizeof(code));
		r->owner_kind = r->has_owner ? sq_party_kind(code) : PK_FK;
		/* Only ESF+ cases pass overens and are sent to ESF-rådet. */
		r->passed_overens = r->kind == KIND_ESF && sq_col_i64(st, 8);
		r->reached_inskickad = r->kind == KIND_ESF && sq_col_i64(st, 9);
		r->participants = sq_col_i64(st, 10);
		f->owner_party_id = sq_col_i64(st, 11);
		r->applied_amount =
		    db_col_null(st, 12) ? -1 : sq_col_i64(st, 12);
		sq_col_str(st, 13, start, sizeof(start));
		sq_col_str(st, 14, decided, sizeof(decided));
		/* R9: the domain says whether and where the grant counts. */
		if (r->kind == KIND_FINSAM && budget_state_granted(r->state) &&
		    r->granted_amount > 0) {
			f->frame_year = budget_grant_year(start, decided);
		}
		step = db_step(st);
	} else if (step == DB_DONE) {
		*rc = sq_step_end(q, st, step, "followup case");
		return false; /* gone */
	}
	*rc = sq_step_end(q, st, step, "followup case");
	return *rc == B_OK;
}

/*
 * The parties that take part: whether FK is one, and those that also
 * co-finance (cofinancer_kinds and their ids).
 */
static int
fact_cofinancers(struct sq *q, struct fact *f)
{
	struct dbst *st;
	char code[16];
	enum party_kind k;
	int rc;

	st = sq_prep(q, SQ_FU_COFIN,
	    "SELECT p.id, p.kind, ap.medfinansiar FROM arende_party ap "
	    "JOIN party p ON p.id = ap.party_id "
	    "WHERE ap.arende_id = ?1 AND ap.deltar = 1");
	if (st == NULL) {
		return B_INTERNAL;
	}
	sq_bind_i64(st, 1, f->r.case_id);
	while ((rc = db_step(st)) == DB_ROW) {
		sq_col_str(st, 1, code, sizeof(code));
		k = sq_party_kind(code);
		f->fk_deltar |= k == PK_FK;
		if (sq_col_i64(st, 2) == 0) {
			continue;
		}
		if (f->ncofin < MAX_PARTIES) {
			f->cofin[f->ncofin++] = sq_col_i64(st, 0);
		}
		f->r.cofinancer_kinds |= 1u << k;
	}
	return sq_step_end(q, st, rc, "followup cofinancers");
}

/* Days of an RFC 3339 timestamp's date part; -1 if malformed. */
static int64_t
fu_days(const char *ts)
{
	char d[DATE_LEN];

	text_copy(d, sizeof(d), ts);
	return date_valid(d) ? date_to_days(d) : -1;
}

/*
 * Days in each state from consecutive transitions, oldest first; the
 * first counts from identified_on when that is earlier. The state the
 * case is in now is left open (open_state since open_since).
 */
static int
fact_days(struct sq *q, struct fact *f)
{
	struct dbst *st;
	char code[32];
	enum state to;
	int64_t d;
	int rc;

	st = sq_prep(q, SQ_FU_HIST,
	    "SELECT h.at, h.to_state FROM audit h WHERE h.entity = 'arende' "
	    "AND h.entity_id = ?1 AND h.to_state IS NOT NULL ORDER BY h.id");
	if (st == NULL) {
		return B_INTERNAL;
	}
	sq_bind_i64(st, 1, f->r.case_id);
	while ((rc = db_step(st)) == DB_ROW) {
		d = fu_days(db_col_text(st, 0));
		sq_col_str(st, 1, code, sizeof(code));
		if (d < 0 || !state_from_code(code, &to)) {
			continue;
		}
		if (f->open_state < 0 && date_valid(f->r.identified_on) &&
		    date_to_days(f->r.identified_on) < d) {
			d = date_to_days(f->r.identified_on);
		}
		if (f->open_state >= 0 && d > f->open_since) {
			f->days[f->open_state] += d - f->open_since;
		}
		f->open_state = (int)to;
		f->open_since = d;
	}
	return sq_step_end(q, st, rc, "followup history");
}

static int64_t
fact_flags(const struct followup_row *r)
{
	return (r->passed_overens ? FACT_PASSED_OVERENS : 0) |
	    (r->reached_inskickad ? FACT_REACHED_INSKICKAD : 0);
}

/* Replaces case id's facts (or removes them, the case gone). */
static int
fact_write(struct sq *q, int64_t id, const struct fact *f, bool exists)
{
	const struct followup_row *r = &f->r;
	struct dbst *st;
	int rc;

	st =
	    sq_prep(q, SQ_FACT_DEL, "DELETE FROM case_fact WHERE case_id = ?1");
	if (st == NULL) {
		return B_INTERNAL;
	}
	sq_bind_i64(st, 1, id);
	if ((rc = sq_run(q, st, "fact delete")) != B_OK) {
		return rc;
	}
	st = sq_prep(q, SQ_FACT_DAYS_DEL,
	    "DELETE FROM case_fact_days WHERE case_id = ?1");
	if (st == NULL) {
		return B_INTERNAL;
	}
	sq_bind_i64(st, 1, id);
	if ((rc = sq_run(q, st, "fact days delete")) != B_OK) {
		return rc;
	}
	st = sq_prep(q, SQ_FACT_COFIN_DEL,
	    "DELETE FROM case_fact_cofin WHERE case_id = ?1");
	if (st == NULL) {
		return B_INTERNAL;
	}
	sq_bind_i64(st, 1, id);
	if ((rc = sq_run(q, st, "fact cofin delete")) != B_OK || !exists) {
		return rc;
	}
	for (size_t i = 0; i < f->ncofin; i++) {
		st = sq_prep(q, SQ_FACT_COFIN_INS,
		    "INSERT INTO case_fact_cofin (case_id, party_id, "
		    "kind, state, flags, forbund_id, identified_on) VALUES "
		    "(?1, ?2, ?3, ?4, ?5, ?6, ?7) ON CONFLICT DO NOTHING");
		if (st == NULL) {
			return B_INTERNAL;
		}
		sq_bind_i64(st, 1, id);
		sq_bind_i64(st, 2, f->cofin[i]);
		sq_bind_i64(st, 3, r->kind);
		sq_bind_i64(st, 4, r->state);
		sq_bind_i64(st, 5, fact_flags(r));
		sq_bind_i64(st, 6, r->forbund_id);
		sq_bind_str(st, 7, r->identified_on);
		if ((rc = sq_run(q, st, "fact cofin insert")) != B_OK) {
			return rc;
		}
	}
	st = sq_prep(q, SQ_FACT_INS,
	    "INSERT INTO case_fact (case_id, forbund_id, year, identified_on, "
	    "kind, state, reason, has_owner, owner_kind, cofin, flags, "
	    "granted, participants, open_state, open_since, owner_party_id, "
	    "fk_deltar, applied, frame_year) VALUES (?1, ?2, ?3, ?4, ?5, ?6, "
	    "?7, ?8, ?9, ?10, ?11, ?12, ?13, ?14, ?15, ?16, ?17, ?18, ?19)");
	if (st == NULL) {
		return B_INTERNAL;
	}
	sq_bind_i64(st, 1, id);
	sq_bind_i64(st, 2, r->forbund_id);
	sq_bind_i64(st, 3, r->year);
	sq_bind_str(st, 4, r->identified_on);
	sq_bind_i64(st, 5, r->kind);
	sq_bind_i64(st, 6, r->state);
	sq_bind_i64(st, 7, r->reason);
	sq_bind_i64(st, 8, r->has_owner);
	sq_bind_i64(st, 9, r->owner_kind);
	sq_bind_i64(st, 10, r->cofinancer_kinds);
	sq_bind_i64(st, 11, fact_flags(r));
	sq_bind_i64(st, 12, r->granted_amount);
	sq_bind_i64(st, 13, r->participants);
	sq_bind_i64(st, 14, f->open_state);
	sq_bind_i64(st, 15, f->open_since);
	sq_bind_i64(st, 16, f->owner_party_id);
	sq_bind_i64(st, 17, f->fk_deltar ? 1 : 0);
	sq_bind_i64(st, 18, r->applied_amount);
	sq_bind_i64(st, 19, f->frame_year);
	if ((rc = sq_run(q, st, "fact insert")) != B_OK) {
		return rc;
	}
	for (int s = 0; s < ST__COUNT; s++) {
		if (f->days[s] == 0 && s != f->open_state) {
			continue;
		}
		st = sq_prep(q, SQ_FACT_DAYS_INS,
		    "INSERT INTO case_fact_days (case_id, state, days, kind, "
		    "forbund_id, identified_on, open, open_since) VALUES (?1, "
		    "?2, ?3, ?4, ?5, ?6, ?7, ?8)");
		if (st == NULL) {
			return B_INTERNAL;
		}
		sq_bind_i64(st, 1, id);
		sq_bind_i64(st, 2, s);
		sq_bind_i64(st, 3, f->days[s]);
		sq_bind_i64(st, 4, r->kind);
		sq_bind_i64(st, 5, r->forbund_id);
		sq_bind_str(st, 6, r->identified_on);
		sq_bind_i64(st, 7, s == f->open_state);
		sq_bind_i64(st, 8, f->open_since);
		if ((rc = sq_run(q, st, "fact days insert")) != B_OK) {
			return rc;
		}
	}
	return B_OK;
}

static int
fact_refresh_one(struct sq *q, int64_t id)
{
	struct fact *f = xcalloc(1, sizeof(*f));
	bool exists;
	int rc = B_OK;

	exists = fact_case(q, id, f, &rc);
	if (rc == B_OK && exists) {
		rc = fact_cofinancers(q, f);
	}
	if (rc == B_OK && exists) {
		rc = fact_days(q, f);
	}
	if (rc == B_OK) {
		rc = fact_write(q, id, f, exists);
	}
	free(f);
	return rc;
}

int
sq_facts_refresh(struct sq *q)
{
	struct dbst *st;
	int64_t ids[256];
	size_t n;
	int rc;

	do {
		st = sq_prep(q, SQ_FACT_DIRTY,
		    "SELECT case_id FROM case_fact_dirty LIMIT 256");
		if (st == NULL) {
			return B_INTERNAL;
		}
		n = 0;
		while ((rc = db_step(st)) == DB_ROW && n < 256) {
			ids[n++] = sq_col_i64(st, 0);
		}
		if ((rc = sq_step_end(q, st, rc, "facts dirty")) != B_OK) {
			return rc;
		}
		for (size_t i = 0; i < n; i++) {
			if ((rc = fact_refresh_one(q, ids[i])) != B_OK) {
				return rc;
			}
			st = sq_prep(q, SQ_FACT_CLEAN,
			    "DELETE FROM case_fact_dirty WHERE case_id = ?1");
			if (st == NULL) {
				return B_INTERNAL;
			}
			sq_bind_i64(st, 1, ids[i]);
			if ((rc = sq_run(q, st, "facts clean")) != B_OK) {
				return rc;
			}
		}
	} while (n == 256);
	return B_OK;
}

/* Dirty facts left by a write outside a transaction: refreshed now. */
int
sq_facts_current(struct sq *q)
{
	struct dbst *st;
	bool outer, dirty;
	int rc;

	st = sq_prep(q, SQ_FACT_ANY_DIRTY,
	    "SELECT EXISTS (SELECT 1 FROM case_fact_dirty)");
	if (st == NULL) {
		return B_INTERNAL;
	}
	rc = db_step(st);
	dirty = rc == DB_ROW && sq_col_i64(st, 0) != 0;
	if (rc == DB_ROW) {
		rc = db_step(st);
	}
	if ((rc = sq_step_end(q, st, rc, "facts dirty?")) != B_OK || !dirty) {
		return rc;
	}
	if ((rc = sq_tx_begin(q, &outer)) != B_OK) {
		return rc;
	}
	/* An outer COMMIT refreshes them (sq_tx_end); a savepoint does it
	 * here. */
	return sq_tx_end(q, outer, outer ? B_OK : sq_facts_refresh(q));
}

/* ---- the grouped follow-up ----------------------------------------------- */

/*
 * ?1 förbund (0 = all), ?2 länskod ("" = all): förbund with a member
 * kommun in that län (kommunkod starts with the länskod) or that region.
 */
#define FU_SCOPE(col)                                                          \
	"(?1 = 0 OR " col " = ?1) AND (?2 = '' OR " col " IN "                 \
	"(SELECT p2.forbund_id FROM party p2 WHERE (p2.kind = 'kommun' AND "   \
	"substr(p2.code, 1, 2) = ?2) OR (p2.kind = 'region' AND "              \
	"p2.code = ?2))) "
/* FU_SCOPE and ?3, ?4 the period of identified_on ("" = open). Alias f =
 * case_fact. */
#define FU_FILTER                                                              \
	FU_SCOPE("f.forbund_id")                                               \
	"AND (?3 = '' OR f.identified_on >= ?3) AND "                          \
	"(?4 = '' OR (f.identified_on <> '' AND f.identified_on <= ?4)) "
/* The counted columns of the facts, summed per group. */
#define FU_SUMS                                                                \
	"MIN(f.identified_on), COUNT(*), "                                     \
	"SUM(CASE WHEN f.granted > 0 THEN f.granted ELSE 0 END), "             \
	"SUM(f.participants), "                                                \
	"SUM(CASE WHEN f.applied > 0 THEN f.applied ELSE 0 END) "
#define FU_KEYS                                                                \
	"f.forbund_id, f.year, f.kind, f.state, f.reason, f.has_owner, "       \
	"f.owner_kind, f.cofin, f.flags"

static void
fu_bind(struct dbst *st, int64_t forbund_id, const char *lan, const char *from,
    const char *to)
{
	sq_bind_i64(st, 1, forbund_id);
	sq_bind_str(st, 2, lan != NULL ? lan : "");
	sq_bind_str(st, 3, from != NULL ? from : "");
	sq_bind_str(st, 4, to != NULL ? to : "");
}

/*
 * Ends the read of a list into v (*n rows): *out = v (out is the address of
 * the caller's pointer), or, when the read failed, v freed, *out NULL and
 * *n 0. The status of the read.
 */
static int
list_end(struct sq *q, struct dbst *st, int rc, const char *what, void *v,
    void *out, size_t *n)
{
	rc = sq_step_end(q, st, rc, what);
	if (rc != B_OK) {
		free(v);
		v = NULL;
		*n = 0;
	}
	memcpy(out, &v, sizeof(v));
	return rc;
}

/* FU_SCOPE's ?1, ?2 and the years ?3..?4. */
static void
fu_bind_years(struct dbst *st, int64_t forbund_id, const char *lan, int y0,
    int y1)
{
	sq_bind_i64(st, 1, forbund_id);
	sq_bind_str(st, 2, lan != NULL ? lan : "");
	sq_bind_i64(st, 3, y0);
	sq_bind_i64(st, 4, y1);
}

/* One row of FU_KEYS, FU_SUMS and, with quarters, the quarter. */
static void
fu_group_row(struct dbst *st, struct followup_row *r, bool quarters)
{
	int64_t flags;

	memset(r, 0, sizeof(*r));
	r->forbund_id = sq_col_i64(st, 0);
	r->year = (int)sq_col_i64(st, 1);
	r->kind = (enum kind)sq_col_i64(st, 2);
	r->state = (enum state)sq_col_i64(st, 3);
	r->reason = (enum reason)sq_col_i64(st, 4);
	r->has_owner = sq_col_i64(st, 5) != 0;
	r->owner_kind = (enum party_kind)sq_col_i64(st, 6);
	r->cofinancer_kinds = (unsigned)sq_col_i64(st, 7);
	flags = sq_col_i64(st, 8);
	r->passed_overens = (flags & 1) != 0;
	r->reached_inskickad = (flags & 2) != 0;
	sq_col_str(st, 9, r->identified_on, sizeof(r->identified_on));
	r->n = sq_col_i64(st, 10);
	r->granted_amount = sq_col_i64(st, 11);
	r->participants = sq_col_i64(st, 12);
	r->applied_amount = sq_col_i64(st, 13);
	if (quarters) {
		r->quarter = (int)sq_col_i64(st, 14);
	}
}

/* The rows st gives into *out, *n; finalises st. */
static int
fu_rows_read(struct sq *q, struct dbst *st, bool quarters,
    struct followup_row **out, size_t *n)
{
	struct followup_row *v = NULL;
	size_t cap = 0;
	int rc;

	while ((rc = db_step(st)) == DB_ROW) {
		v = sq_grow(v, &cap, *n, sizeof(*v));
		fu_group_row(st, &v[(*n)++], quarters);
	}
	return list_end(q, st, rc, "followup groups", v, out, n);
}

/*
 * Whether [from, to] is whole years ("" open), so that case_cube answers:
 * *y0..*y1, or 0..0 for no bounds at all (also cases never identified).
 */
static bool
whole_years(const char *from, const char *to, int *y0, int *y1)
{
	bool f = from != NULL && from[0] != '\0';
	bool t = to != NULL && to[0] != '\0';

	*y0 = *y1 = 0;
	if ((f && (!date_valid(from) || strcmp(from + 4, "-01-01") != 0)) ||
	    (t && (!date_valid(to) || strcmp(to + 4, "-12-31") != 0))) {
		return false;
	}
	if (f || t) {
		*y0 = f ? (int)strtol(from, NULL, 10) : 1;
		*y1 = t ? (int)strtol(to, NULL, 10) : 9999;
	}
	return true;
}

int
sq_followup_rows(struct store *s, int64_t forbund_id, const char *lan,
    const char *from, const char *to, struct followup_row **out, size_t *n)
{
	struct sq *q = sq_of(s);
	struct dbst *st;
	int rc, y0, y1;

	*out = NULL;
	*n = 0;
	if ((rc = sq_facts_current(q)) != B_OK) {
		return rc;
	}
	if (whole_years(from, to, &y0, &y1)) {
		/* Whole years: the sums, one row per förbund, year and
		 * combination, whatever the number of cases. */
		st = sq_prep(q, SQ_FU_CUBE,
		    "SELECT " FU_KEYS ", "
		    "CASE WHEN f.year > 0 THEN CAST(f.year AS TEXT) || '-01-01' "
		    "ELSE '' END, f.n, f.granted, f.participants, f.applied "
		    "FROM case_cube f WHERE f.n > 0 AND " FU_SCOPE(
			"f.forbund_id") "AND (?3 = 0 OR (f.year >= ?3 "
					"AND f.year <= ?4))");
		if (st == NULL) {
			return B_INTERNAL;
		}
		fu_bind_years(st, forbund_id, lan, y0, y1);
		return fu_rows_read(q, st, false, out, n);
	}
	st = sq_prep(q, SQ_FU_GROUPS,
	    "SELECT " FU_KEYS ", " FU_SUMS "FROM case_fact f WHERE " FU_FILTER
	    "GROUP BY " FU_KEYS);
	if (st == NULL) {
		return B_INTERNAL;
	}
	fu_bind(st, forbund_id, lan, from, to);
	return fu_rows_read(q, st, false, out, n);
}

int
sq_followup_quarters(struct store *s, int64_t forbund_id, const char *lan,
    const char *from, const char *to, struct followup_row **out, size_t *n)
{
	struct sq *q = sq_of(s);
	struct dbst *st;
	int rc;

	*out = NULL;
	*n = 0;
	if ((rc = sq_facts_current(q)) != B_OK) {
		return rc;
	}
	st = sq_prep(q, SQ_FU_QUARTERS,
	    "SELECT " FU_KEYS ", " FU_SUMS ", "
	    "(CAST(substr(f.identified_on, 6, 2) AS INTEGER) + 2) / 3 AS qu "
	    "FROM case_fact f WHERE " FU_FILTER "GROUP BY " FU_KEYS ", qu");
	if (st == NULL) {
		return B_INTERNAL;
	}
	fu_bind(st, forbund_id, lan, from, to);
	return fu_rows_read(q, st, true, out, n);
}

/* The budgets' frames and the grants that use them, one row per year. */
int
sq_followup_frames(struct store *s, int64_t forbund_id, const char *lan, int y0,
    int y1, struct fu_frame **out, size_t *n)
{
	struct sq *q = sq_of(s);
	struct fu_frame *v = NULL;
	struct dbst *st;
	size_t cap = 0;
	int rc;

	*out = NULL;
	*n = 0;
	if ((rc = sq_facts_current(q)) != B_OK) {
		return rc;
	}
	st = sq_prep(q, SQ_FU_FRAMES,
	    "SELECT y, SUM(b), SUM(fr), SUM(g), SUM(gr) FROM (SELECT b.year "
	    "AS y, 1 AS b, COALESCE(b.frame, 0) AS fr, 0 AS g, 0 AS gr FROM "
	    "budget b WHERE " FU_SCOPE(
		"b.forbund_id") "AND b.year >= ?3 AND "
				"b.year <= ?4 UNION ALL SELECT f.year, 0, 0, f.n, f.granted FROM "
				"case_frame_use f WHERE " FU_SCOPE(
				    "f.forbund_id") "AND f.year >= "
						    "?3 AND f.year <= ?4) u GROUP BY y ORDER BY y");
	if (st == NULL) {
		return B_INTERNAL;
	}
	fu_bind_years(st, forbund_id, lan, y0, y1);
	while ((rc = db_step(st)) == DB_ROW) {
		v = sq_grow(v, &cap, *n, sizeof(*v));
		v[*n].year = (int)sq_col_i64(st, 0);
		v[*n].budgets = sq_col_i64(st, 1);
		v[*n].frame = sq_col_i64(st, 2);
		v[*n].grants = sq_col_i64(st, 3);
		v[*n].granted = sq_col_i64(st, 4);
		(*n)++;
	}
	return list_end(q, st, rc, "followup frames", v, out, n);
}

static int
cmp_bin(const void *a, const void *b)
{
	const struct days_bin *x = a, *y = b;

	if (x->state != y->state) {
		return x->state < y->state ? -1 : 1;
	}
	return x->days < y->days ? -1 : x->days > y->days;
}

/* Orders v[0..n) by state and days and merges equal bins; the new n. */
static size_t
bins_merge(struct days_bin *v, size_t n)
{
	size_t k = 0;

	if (n == 0) {
		return 0;
	}
	qsort(v, n, sizeof(*v), cmp_bin);
	for (size_t i = 1; i < n; i++) {
		if (v[i].state == v[k].state && v[i].days == v[k].days) {
			v[k].n += v[i].n;
		} else {
			v[++k] = v[i];
		}
	}
	return k + 1;
}

int
sq_followup_days(struct store *s, int64_t forbund_id, const char *lan,
    const char *from, const char *to, const char *today, struct days_bin **out,
    size_t *n)
{
	struct sq *q = sq_of(s);
	struct days_bin *v = NULL;
	struct dbst *st;
	size_t cap = 0;
	int64_t now;
	int rc;

	*out = NULL;
	*n = 0;
	if ((rc = sq_facts_current(q)) != B_OK) {
		return rc;
	}
	/*
	 * Grouped in the order of one covering index (case_fact_days_count,
	 * f is the days row); the state a case is in gets its days up to
	 * today here, then the bins are ordered and merged.
	 */
	st = sq_prep(q, SQ_FU_DAYS,
	    "SELECT f.state, f.days, f.open, f.open_since, COUNT(*) "
	    "FROM case_fact_days f WHERE f.kind = ?5 AND " FU_FILTER
	    "GROUP BY f.state, f.days, f.open, f.open_since");
	if (st == NULL) {
		return B_INTERNAL;
	}
	fu_bind(st, forbund_id, lan, from, to);
	sq_bind_i64(st, 5, KIND_ESF);
	now = date_to_days(today);
	while ((rc = db_step(st)) == DB_ROW) {
		int64_t since = sq_col_i64(st, 3);

		v = sq_grow(v, &cap, *n, sizeof(*v));
		v[*n].state = (enum state)sq_col_i64(st, 0);
		v[*n].days = sq_col_i64(st, 1) +
		    (sq_col_i64(st, 2) != 0 && now > since ? now - since : 0);
		v[*n].n = sq_col_i64(st, 4);
		(*n)++;
	}
	if ((rc = list_end(q, st, rc, "followup days", v, out, n)) == B_OK) {
		*n = bins_merge(*out, *n);
	}
	return rc;
}

int
sq_followup_names(struct store *s, int64_t forbund_id, const char *lan,
    const char *from, const char *to, bool cofin, struct followup_name **out,
    size_t *n)
{
	struct sq *q = sq_of(s);
	struct followup_name *v = NULL;
	struct dbst *st;
	size_t cap = 0;
	int rc;

	*out = NULL;
	*n = 0;
	if ((rc = sq_facts_current(q)) != B_OK) {
		return rc;
	}
	/* Grouped in index order first, then named (few parties). */
#define FU_NAMES(table, col)                                                   \
	"SELECT 0, 0, ?5, x.state, 0, 1, 0, 0, x.flags, '', x.n, 0, 0, 0, "    \
	"p.name FROM (SELECT f." col " AS pid, f.state AS state, f.flags AS "  \
	"flags, COUNT(*) AS n FROM " table " f WHERE f.kind = ?5 AND f." col   \
	" <> 0 AND " FU_FILTER "GROUP BY f." col ", f.state, f.flags) x "      \
	"JOIN party p ON p.id = x.pid ORDER BY p.name"
	st = cofin ? sq_prep(q, SQ_FU_COFIN_NAMES,
			 FU_NAMES("case_fact_cofin", "party_id"))
		   : sq_prep(q, SQ_FU_OWNER_NAMES,
			 FU_NAMES("case_fact", "owner_party_id"));
#undef FU_NAMES
	if (st == NULL) {
		return B_INTERNAL;
	}
	fu_bind(st, forbund_id, lan, from, to);
	sq_bind_i64(st, 5, KIND_ESF);
	while ((rc = db_step(st)) == DB_ROW) {
		v = sq_grow(v, &cap, *n, sizeof(*v));
		fu_group_row(st, &v[*n].r, false);
		sq_col_str(st, 14, v[*n].name, sizeof(v[*n].name));
		(*n)++;
	}
	return list_end(q, st, rc, "followup names", v, out, n);
}
