/*
 * api_followup.c - GET /api/v1/followup: the follow-up figures of
 * DOMAIN.md 5 for a period, a förbund, a län or the whole country.
 *
 * Counting is domain/followup.c's (API.md's counting rules); this file
 * only checks the query, narrows what a user may see (a förbund's own
 * users see their förbund; nationell, admin and esf-kansli see all) and
 * shapes the answer.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "api.h"
#include "api_handlers.h"
#include "app/report.h"
#include "domain/kommuner.h"
#include "domain/perm.h"
#include "util/xmalloc.h"

struct fu_query {
	char from[DATE_LEN];
	char to[DATE_LEN];
	int64_t forbund_id; /* 0 = all */
	char lan[8];        /* "" = all */
};

/* Reads and checks the query into q; false (422 answered) on bad input. */
static bool
parse_query(struct req *r, struct fu_query *q)
{
	struct field_errors fe;
	const char *v;

	memset(q, 0, sizeof(*q));
	field_errors_init(&fe);
	if ((v = req_query(r, "from")) != NULL && v[0] != '\0') {
		if (strlen(v) == DATE_LEN - 1 && date_valid(v)) {
			memcpy(q->from, v, DATE_LEN);
		} else {
			field_error_add(&fe, "from",
			    "from måste vara ett "
			    "datum på formen ÅÅÅÅ-MM-DD.");
		}
	}
	if ((v = req_query(r, "to")) != NULL && v[0] != '\0') {
		if (strlen(v) == DATE_LEN - 1 && date_valid(v)) {
			memcpy(q->to, v, DATE_LEN);
		} else {
			field_error_add(&fe, "to",
			    "to måste vara ett datum "
			    "på formen ÅÅÅÅ-MM-DD.");
		}
	}
	if (q->from[0] != '\0' && q->to[0] != '\0' &&
	    strcmp(q->from, q->to) > 0) {
		field_error_add(&fe, "to", "to kan inte ligga före from.");
	}
	if ((v = req_query(r, "forbund_id")) != NULL && v[0] != '\0' &&
	    (!parse_int64(v, &q->forbund_id) || q->forbund_id <= 0)) {
		field_error_add(&fe, "forbund_id",
		    "forbund_id måste vara ett "
		    "positivt heltal.");
	}
	if ((v = req_query(r, "lan")) != NULL && v[0] != '\0') {
		if (lan_name(v) != NULL) {
			memcpy(q->lan, v, strlen(v) + 1);
		} else {
			field_error_add(&fe, "lan",
			    "lan måste vara en "
			    "länskod (två siffror, t.ex. 01).");
		}
	}
	if (fe.n > 0) {
		api_error_fields(r, &fe);
		return false;
	}
	return true;
}

/*
 * Narrows q to what r->user may see: national roles anything (a missing
 * förbund is 404), everyone else only their own förbund.
 */
static bool
scope_query(struct req *r, struct fu_query *q)
{
	struct forbund *f;
	int err;

	if (!perm_followup_all(&r->user)) {
		if (r->user.forbund_id == 0) {
			api_error_berr(r, B_FORBIDDEN);
			return false;
		}
		if (q->forbund_id != 0 && q->forbund_id != r->user.forbund_id) {
			api_error_berr(r, B_NOTFOUND);
			return false;
		}
		q->forbund_id = r->user.forbund_id;
	}
	if (q->forbund_id == 0) {
		return true;
	}
	f = xmalloc(sizeof(*f));
	err = store_forbund_get(r->st, q->forbund_id, f);
	free(f);
	if (err != B_OK) {
		api_error_berr(r, err);
		return false;
	}
	return true;
}

static json_t *
kinds_json(const int64_t *v)
{
	json_t *o = json_object();
	int k;

	for (k = 0; k < PK__COUNT; k++) {
		json_object_set_new(o, party_kind_code((enum party_kind)k),
		    json_integer(v[k]));
	}
	return o;
}

/* A whole-day figure per state (median, 90th percentile), as days_json. */
static json_t *
days_rank_json(const struct followup *f, const int64_t *v)
{
	json_t *o = json_object();

	for (int s = 0; s < ST__COUNT; s++) {
		if (f->esf.days_cases[s] > 0) {
			json_object_set_new(o, state_code((enum state)s),
			    json_integer(v[s]));
		}
	}
	return o;
}

/* Average days per state (one decimal), for states some case spent time in. */
static json_t *
days_json(const struct followup *f)
{
	json_t *o = json_object();
	int s;

	for (s = 0; s < ST__COUNT; s++) {
		int64_t n = f->esf.days_cases[s], tenths;

		if (n <= 0) {
			continue;
		}
		tenths = (f->esf.days_total[s] * 10 + n / 2) / n;
		json_object_set_new(o, state_code((enum state)s),
		    json_real((double)tenths / 10.0));
	}
	return o;
}

static json_t *
esf_json(const struct followup *f)
{
	json_t *o = json_object(), *reasons = json_object();
	int i;

	json_object_set_new(o, "identified", json_integer(f->esf.identified));
	json_object_set_new(o, "applied", json_integer(f->esf.applied));
	json_object_set_new(o, "applied_amount",
	    json_integer(f->esf.applied_amount));
	json_object_set_new(o, "granted", json_integer(f->esf.granted));
	json_object_set_new(o, "granted_amount",
	    json_integer(f->esf.granted_amount));
	json_object_set_new(o, "refused", json_integer(f->esf.refused));
	json_object_set_new(o, "no_application",
	    json_integer(f->esf.no_application));
	json_object_set_new(o, "outside_routine",
	    json_integer(f->esf.outside_routine));
	json_object_set_new(o, "fk_fallback_owner",
	    json_integer(f->esf.fk_fallback_owner));
	json_object_set_new(o, "owners", kinds_json(f->esf.owners));
	json_object_set_new(o, "cofinancers", kinds_json(f->esf.cofinancers));
	/* Every reason code, so a client sees the full list with zeros. */
	for (i = REASON_NONE + 1; i < REASON__COUNT; i++) {
		json_object_set_new(reasons, reason_code((enum reason)i),
		    json_integer(f->esf.reasons[i]));
	}
	json_object_set_new(o, "no_application_reasons", reasons);
	json_object_set_new(o, "days_in_state", days_json(f));
	json_object_set_new(o, "days_median",
	    days_rank_json(f, f->esf.days_median));
	json_object_set_new(o, "days_p90", days_rank_json(f, f->esf.days_p90));
	return o;
}

/* Owners or co-financers by name, {name: cases}. */
static int
names_json(struct req *r, const struct fu_query *q, bool cofin, json_t *esf)
{
	struct name_count *c = NULL;
	json_t *o;
	size_t n = 0;
	int err;

	err = report_names(r->st, q->forbund_id, q->lan, q->from, q->to, cofin,
	    &c, &n);
	if (err != B_OK) {
		return err;
	}
	o = json_object();
	for (size_t i = 0; i < n; i++) {
		json_object_set_new(o, c[i].name, json_integer(c[i].n));
	}
	json_object_set_new(esf,
	    cofin ? "cofinancers_by_name" : "owners_by_name", o);
	free(c);
	return B_OK;
}

/* Kommun coverage per län: members, total and the kommuner not members. */
static int
coverage_json(struct req *r, json_t *out)
{
	bool *member = xcalloc(KOMMUNER_TOTAL, sizeof(*member));
	struct lan_coverage cov[LAN_TOTAL];
	json_t *arr;
	int members = 0, err;

	if ((err = report_coverage(r->st, member, cov, &members)) != B_OK) {
		free(member);
		return err;
	}
	arr = json_array();
	for (size_t l = 0; l < LAN_TOTAL; l++) {
		json_t *o = json_object(), *missing = json_array();

		json_object_set_new(o, "lan", json_string(cov[l].lan->code));
		json_object_set_new(o, "name", json_string(cov[l].lan->name));
		json_object_set_new(o, "members", json_integer(cov[l].members));
		json_object_set_new(o, "total", json_integer(cov[l].total));
		for (size_t k = 0; k < KOMMUNER_TOTAL; k++) {
			if (!member[k] &&
			    strcmp(kommun_refs[k].lan, cov[l].lan->code) == 0) {
				json_array_append_new(missing,
				    json_string(kommun_refs[k].name));
			}
		}
		json_object_set_new(o, "not_members", missing);
		json_array_append_new(arr, o);
	}
	json_object_set_new(out, "kommuner_by_lan", arr);
	json_object_set_new(out, "kommuner_members", json_integer(members));
	free(member);
	return B_OK;
}

static json_t *
finsam_json(const struct followup *f)
{
	json_t *o = json_object();

	json_object_set_new(o, "identified",
	    json_integer(f->finsam.identified));
	json_object_set_new(o, "granted", json_integer(f->finsam.granted));
	json_object_set_new(o, "granted_amount",
	    json_integer(f->finsam.granted_amount));
	json_object_set_new(o, "participants",
	    json_integer(f->finsam.participants));
	return o;
}

/* R9: Finsam money against each budget year's frames, into finsam. */
static int
frames_json(struct req *r, const struct fu_query *q, json_t *finsam)
{
	struct fu_frame *v = NULL;
	size_t n = 0;
	json_t *arr;
	int err;

	err =
	    report_frames(r->st, q->forbund_id, q->lan, q->from, q->to, &v, &n);
	if (err != B_OK) {
		return err;
	}
	arr = json_array();
	for (size_t i = 0; i < n; i++) {
		json_t *o = json_object();

		json_object_set_new(o, "year", json_integer(v[i].year));
		json_object_set_new(o, "budgets", json_integer(v[i].budgets));
		json_object_set_new(o, "frame", json_integer(v[i].frame));
		json_object_set_new(o, "grants", json_integer(v[i].grants));
		json_object_set_new(o, "granted", json_integer(v[i].granted));
		json_object_set_new(o, "remaining",
		    json_integer(v[i].frame - v[i].granted));
		json_array_append_new(arr, o);
	}
	json_object_set_new(finsam, "frames", arr);
	free(v);
	return B_OK;
}

static json_t *
group_json(struct req *r, const struct fu_group *g, const char *by)
{
	json_t *o = json_object();

	if (strcmp(by, "lan") == 0) {
		char code[24];

		snprintf(code, sizeof(code), "%02lld", (long long)g->key);
		json_object_set_new(o, "key", json_string(code));
	} else if (strcmp(by, "quarter") == 0) {
		char code[32];

		snprintf(code, sizeof(code), "%04lld-Q%lld",
		    (long long)(g->key / 10), (long long)(g->key % 10));
		json_object_set_new(o, "key", json_string(code));
	} else {
		json_object_set_new(o, "key", json_integer(g->key));
	}
	json_object_set_new(o, "label", api_str(g->label));
	json_object_set_new(o, "esf",
	    perm_esf_visible(&r->user) ? esf_json(&g->f) : json_null());
	json_object_set_new(o, "finsam", finsam_json(&g->f));
	return o;
}

void
api_followup(struct req *r)
{
	struct fu_query q;
	struct followup_row *rows = NULL;
	struct followup f;
	size_t n = 0;
	json_t *o, *period;
	int err;

	const char *by = req_query(r, "group_by");
	struct fu_group *g = NULL;
	size_t ng = 0;

	if (by != NULL && !report_group_ok(by)) {
		struct field_errors fe;

		field_errors_init(&fe);
		field_error_add(&fe, "group_by",
		    "group_by är forbund, lan, year eller quarter.");
		api_error_fields(r, &fe);
		return;
	}
	if (!parse_query(r, &q) || !scope_query(r, &q)) {
		return;
	}
	err = report_load(r->st, q.forbund_id, q.lan, q.from, q.to,
	    by != NULL && strcmp(by, "quarter") == 0, r->app.today, &f, &rows,
	    &n);
	if (err != B_OK) {
		free(rows);
		api_error_berr(r, err);
		return;
	}
	if (by != NULL) {
		err = report_groups(r->st, q.from, q.to, by, rows, n, &g, &ng);
	}
	free(rows);
	if (err != B_OK) {
		free(g);
		api_error_berr(r, err);
		return;
	}
	if (req_query(r, "format") != NULL) {
		(void)api_export(r, "uppfoljning",
		    report_export(g, ng, &f, perm_esf_visible(&r->user)));
		free(g);
		return;
	}
	o = json_object();
	period = json_object();
	json_object_set_new(period, "from", api_date_or_null(q.from));
	json_object_set_new(period, "to", api_date_or_null(q.to));
	json_object_set_new(o, "period", period);
	json_object_set_new(o, "forbund_id",
	    q.forbund_id > 0 ? json_integer(q.forbund_id) : json_null());
	json_object_set_new(o, "lan",
	    q.lan[0] != '\0' ? json_string(q.lan) : json_null());
	/* R1: the board sees nothing of ESF+, not even its figures. */
	if (perm_esf_visible(&r->user)) {
		json_t *esf = esf_json(&f);

		json_object_set_new(o, "esf", esf);
		err = names_json(r, &q, false, esf);
		if (err == B_OK) {
			err = names_json(r, &q, true, esf);
		}
	} else {
		json_object_set_new(o, "esf", json_null());
	}
	if (err == B_OK) {
		err = coverage_json(r, o);
	}
	if (err == B_OK) {
		json_object_set_new(o, "finsam", finsam_json(&f));
		err = frames_json(r, &q, json_object_get(o, "finsam"));
	}
	if (err != B_OK) {
		json_decref(o);
		free(g);
		api_error_berr(r, err);
		return;
	}
	json_object_set_new(o, "kommuner_total", json_integer(KOMMUNER_TOTAL));
	if (by != NULL) {
		json_t *arr = json_array();

		for (size_t i = 0; i < ng; i++) {
			json_array_append_new(arr, group_json(r, &g[i], by));
		}
		json_object_set_new(o, "rows", arr);
	}
	free(g);
	api_json(r, 200, o);
}
