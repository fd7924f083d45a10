/*
 * store_sqlite_followup.c - SQLite backend: the per-case rows the
 * follow-up (domain/followup.c) counts. Facts only, no counting: which
 * states a case's history reached (from the audit log, so a case that
 * later ended in avbruten still counts as having passed overens), its
 * owner's kind, the kinds of its co-financers, its participants, and the
 * days it spent in each state. Three queries, merged by case id.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "store_sqlite.h"
#include "util/text.h"

/*
 * ?1 förbund (0 = all), ?2 länskod ("" = all): cases of förbund with a
 * member kommun in that län (kommunkod starts with the länskod) or that
 * region. Alias a = arende.
 */
#define FU_FILTER                                                              \
	"(?1 = 0 OR a.forbund_id = ?1) AND (?2 = '' OR a.forbund_id IN "       \
	"(SELECT p2.forbund_id FROM party p2 WHERE (p2.kind = 'kommun' AND "   \
	"substr(p2.code, 1, 2) = ?2) OR (p2.kind = 'region' AND "              \
	"p2.code = ?2))) "

static void
fu_case_row(sqlite3_stmt *st, struct followup_row *r)
{
	char code[32];

	memset(r, 0, sizeof(*r));
	r->case_id = sq_col_i64(st, 0);
	r->forbund_id = sq_col_i64(st, 1);
	sq_col_str(st, 2, code, sizeof(code));
	(void)kind_from_code(code, &r->kind);
	sq_col_str(st, 3, code, sizeof(code));
	(void)state_from_code(code, &r->state);
	sq_col_str(st, 4, r->identified_on, sizeof(r->identified_on));
	sq_col_str(st, 5, code, sizeof(code));
	if (code[0] == '\0' || !reason_from_code(code, &r->reason)) {
		r->reason = REASON_NONE;
	}
	r->granted_amount =
	    sqlite3_column_type(st, 6) == SQLITE_NULL ? -1 : sq_col_i64(st, 6);
	r->has_owner = sqlite3_column_type(st, 7) != SQLITE_NULL;
	sq_col_str(st, 7, code, sizeof(code));
	r->owner_kind = sq_party_kind(code);
	/* Only ESF+ cases pass overens and are sent to ESF-rådet. */
	r->passed_overens = r->kind == KIND_ESF && sq_col_i64(st, 8) != 0;
	r->reached_inskickad = r->kind == KIND_ESF && sq_col_i64(st, 9) != 0;
	r->participants = sq_col_i64(st, 10);
}

static int
fu_cases(struct sq *q, int64_t forbund_id, const char *lan,
    struct followup_row **out, size_t *n)
{
	struct followup_row *v = NULL;
	sqlite3_stmt *st;
	char overens[256], inskickad[256];
	size_t cap = 0;
	int rc;

	st = sq_prep(q, SQ_FU_CASES,
	    "SELECT a.id, a.forbund_id, a.kind, "
	    "a.state, a.identified_on, a.reason, a.granted_amount, op.kind, "
	    "EXISTS (SELECT 1 FROM audit h WHERE h.entity = 'arende' AND "
	    "h.entity_id = a.id AND instr(?3, ',' || h.to_state || ',') > 0), "
	    "EXISTS (SELECT 1 FROM audit h WHERE h.entity = 'arende' AND "
	    "h.entity_id = a.id AND instr(?4, ',' || h.to_state || ',') > 0), "
	    "(SELECT COALESCE(SUM(pp.women + pp.men), 0) FROM participants pp "
	    "WHERE pp.case_id = a.id) "
	    "FROM arende a LEFT JOIN party op ON op.id = a.owner_party_id "
	    "WHERE " FU_FILTER "ORDER BY a.id");
	if (st == NULL) {
		return B_INTERNAL;
	}
	/* The state lists are the domain's counting rules, bound. */
	state_code_list(followup_passed_overens, overens, sizeof(overens));
	state_code_list(followup_reached_inskickad, inskickad,
	    sizeof(inskickad));
	sq_bind_i64(st, 1, forbund_id);
	sq_bind_str(st, 2, lan);
	sq_bind_str(st, 3, overens);
	sq_bind_str(st, 4, inskickad);
	while ((rc = sqlite3_step(st)) == SQLITE_ROW) {
		v = sq_grow(v, &cap, *n, sizeof(*v));
		fu_case_row(st, &v[(*n)++]);
	}
	rc = sq_step_end(q, st, rc, "followup cases");
	*out = v;
	return rc;
}

/* The row of case_id in v (sorted by case id), or NULL. */
static struct followup_row *
fu_find(struct followup_row *v, size_t n, int64_t case_id)
{
	size_t lo = 0, hi = n;

	while (lo < hi) {
		size_t mid = lo + (hi - lo) / 2;

		if (v[mid].case_id == case_id) {
			return &v[mid];
		}
		if (v[mid].case_id < case_id) {
			lo = mid + 1;
		} else {
			hi = mid;
		}
	}
	return NULL;
}

/* cofinancer_kinds: kinds of parties that take part AND co-finance. */
static int
fu_cofinancers(struct sq *q, int64_t forbund_id, const char *lan,
    struct followup_row *v, size_t n)
{
	struct followup_row *r;
	sqlite3_stmt *st;
	char code[16];
	int rc;

	st = sq_prep(q, SQ_FU_COFIN,
	    "SELECT DISTINCT ap.arende_id, p.kind "
	    "FROM arende_party ap JOIN party p ON p.id = ap.party_id "
	    "JOIN arende a ON a.id = ap.arende_id "
	    "WHERE ap.deltar = 1 AND ap.medfinansiar = 1 AND " FU_FILTER);
	if (st == NULL) {
		return B_INTERNAL;
	}
	sq_bind_i64(st, 1, forbund_id);
	sq_bind_str(st, 2, lan);
	while ((rc = sqlite3_step(st)) == SQLITE_ROW) {
		r = fu_find(v, n, sq_col_i64(st, 0));
		sq_col_str(st, 1, code, sizeof(code));
		if (r != NULL) {
			r->cofinancer_kinds |= 1u << sq_party_kind(code);
		}
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

/* Time-in-state walk over one case's transitions, oldest first. */
struct fu_walk {
	struct followup_row *row; /* NULL: no case yet / not listed */
	int state;                /* -1: none yet */
	int64_t since;            /* days since the epoch */
};

static void
fu_close(struct fu_walk *w, int64_t until)
{
	if (w->row != NULL && w->state >= 0 && until > w->since) {
		w->row->days_in_state[w->state] += until - w->since;
	}
}

static void
fu_step(struct fu_walk *w, sqlite3_stmt *st)
{
	char code[32];
	enum state to;
	int64_t d;

	d = fu_days((const char *)sqlite3_column_text(st, 1));
	sq_col_str(st, 2, code, sizeof(code));
	if (d < 0 || !state_from_code(code, &to)) {
		return;
	}
	/* The first entry counts from identified_on, when that is earlier. */
	if (w->state < 0 && date_valid(w->row->identified_on) &&
	    date_to_days(w->row->identified_on) < d) {
		d = date_to_days(w->row->identified_on);
	}
	fu_close(w, d);
	w->state = (int)to;
	w->since = d;
}

/* days_in_state from consecutive transitions; the last one up to today. */
static int
fu_days_in_state(struct sq *q, int64_t forbund_id, const char *lan,
    struct followup_row *v, size_t n)
{
	struct fu_walk w = { NULL, -1, 0 };
	char today[DATE_LEN];
	sqlite3_stmt *st;
	int64_t id, cur = 0, now;
	int rc;

	date_today(today);
	now = date_to_days(today);
	st = sq_prep(q, SQ_FU_HIST,
	    "SELECT a.id, h.at, h.to_state "
	    "FROM audit h JOIN arende a ON h.entity = 'arende' AND "
	    "h.entity_id = a.id WHERE h.to_state IS NOT NULL AND " FU_FILTER
	    "ORDER BY a.id, h.id");
	if (st == NULL) {
		return B_INTERNAL;
	}
	sq_bind_i64(st, 1, forbund_id);
	sq_bind_str(st, 2, lan);
	while ((rc = sqlite3_step(st)) == SQLITE_ROW) {
		id = sq_col_i64(st, 0);
		if (id != cur) {
			fu_close(&w, now);
			w.row = fu_find(v, n, id);
			w.state = -1;
			cur = id;
		}
		if (w.row != NULL) {
			fu_step(&w, st);
		}
	}
	fu_close(&w, now);
	return sq_step_end(q, st, rc, "followup history");
}

int
sq_followup_rows(struct store *s, int64_t forbund_id, const char *lan,
    struct followup_row **out, size_t *n)
{
	struct sq *q = sq_of(s);
	int rc;

	*out = NULL;
	*n = 0;
	if (lan == NULL) {
		lan = "";
	}
	rc = fu_cases(q, forbund_id, lan, out, n);
	if (rc == B_OK) {
		rc = fu_cofinancers(q, forbund_id, lan, *out, *n);
	}
	if (rc == B_OK) {
		rc = fu_days_in_state(q, forbund_id, lan, *out, *n);
	}
	if (rc != B_OK) {
		free(*out);
		*out = NULL;
		*n = 0;
	}
	return rc;
}
