/*
 * api_finsam.c - the JSON API of the Finsam side (issue 3): board
 * meetings, their agenda and decisions, the budget per förbund and year
 * (R9), and participant counts per Finsam insats and year (R10).
 *
 * Handlers parse and answer only; checks and saving go through
 * svc_finsam.c, shared with the HTML pages, so both doors behave alike.
 * Choices documented in the OpenAPI file and here:
 * - an ESF+ case on an agenda answers 409 naming R1 (the store refuses);
 * - a decision answers 201 with the case plus "over_frame" and the year's
 *   money ("frame" null without a budget, which always flags a grant);
 * - participants of an ESF+ case answer 409 "not_finsam"; any key other
 *   than the counts of participant_fields (finsam.c, where R10 is decided;
 *   a name, a personnummer) is 422: no personal data is ever accepted.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "api.h"
#include "api_handlers.h"
#include "app/svc.h"
#include "app/svc_finsam.h"
#include "domain/finsam.h"
#include "domain/perm.h"
#include "util/xmalloc.h"

static json_t *
agenda_item_json(const struct agenda_item *it)
{
	json_t *o = json_object();

	json_object_set_new(o, "case_id", json_integer(it->case_id));
	json_object_set_new(o, "title", api_str(it->title));
	json_object_set_new(o, "position", json_integer(it->position));
	json_object_set_new(o, "outcome",
	    it->outcome >= 0 ? api_str(outcome_code(it->outcome))
			     : json_null());
	json_object_set_new(o, "amount",
	    it->amount >= 0 ? json_integer(it->amount) : json_null());
	json_object_set_new(o, "period_start",
	    api_date_or_null(it->period_start));
	json_object_set_new(o, "period_end", api_date_or_null(it->period_end));
	return o;
}

static json_t *
meeting_json(const struct meeting *m)
{
	json_t *o = json_object(), *items = json_array();
	size_t i;

	json_object_set_new(o, "id", json_integer(m->id));
	json_object_set_new(o, "forbund_id", json_integer(m->forbund_id));
	json_object_set_new(o, "date", api_str(m->date));
	json_object_set_new(o, "present", api_str(m->present));
	json_object_set_new(o, "notes", api_str(m->notes));
	for (i = 0; i < m->nitems; i++) {
		json_array_append_new(items, agenda_item_json(&m->items[i]));
	}
	json_object_set_new(o, "agenda", items);
	return o;
}

/* Adds the year's money of fs to o. */
static void
frame_json(json_t *o, const struct frame_status *fs)
{
	json_object_set_new(o, "budget_exists", json_boolean(fs->has_budget));
	json_object_set_new(o, "frame",
	    fs->has_budget ? json_integer(fs->frame) : json_null());
	json_object_set_new(o, "granted_sum", json_integer(fs->granted));
	json_object_set_new(o, "remaining",
	    fs->has_budget ? json_integer(fs->remaining) : json_null());
	json_object_set_new(o, "over_frame", json_boolean(fs->over));
	json_object_set_new(o, "no_budget", json_boolean(!fs->has_budget));
}

/* Answers a failed svc call: rules (409/422), fields (422) or the error. */
static void
answer_err(struct req *r, int err, const struct rule_list *rl,
    const struct field_errors *fe)
{
	size_t i;

	if (err == B_INVALID && fe->n > 0) {
		api_error_fields(r, fe);
		return;
	}
	if (err == B_CONFLICT && rl != NULL && rule_failures(rl) > 0) {
		for (i = 0; i < rl->n && rl->r[i].ok; i++) {
			continue;
		}
		api_error_rules(r, 409, "rule_failed", rl->r[i].message, rl);
		return;
	}
	api_error_berr(r, err);
}

/* ---- meetings ---------------------------------------------------- */

void
api_meetings_list(struct req *r)
{
	struct meeting *ms = NULL;
	json_t *arr;
	size_t n = 0, i;
	int err;

	err = svc_board_access(&r->app, r->id[0], false);
	if (err == B_OK) {
		err = store_meeting_list(r->st, r->id[0], &ms, &n);
	}
	if (err != B_OK) {
		api_error_berr(r, err);
		return;
	}
	arr = json_array();
	for (i = 0; i < n; i++) {
		json_array_append_new(arr, meeting_json(&ms[i]));
	}
	free(ms);
	api_json(r, 200, arr);
}

/* The meeting fields of a body into m; errors to fe. */
static void
meeting_parse(json_t *body, struct meeting *m, struct field_errors *fe)
{
	json_date(body, fe, "date", m->date, true);
	json_text(body, fe, "present", m->present, sizeof(m->present), false,
	    true);
	json_text(body, fe, "notes", m->notes, sizeof(m->notes), false, true);
	api_check_keys(body,
	    (const char *const[]){ "date", "present", "notes", NULL }, fe);
}

void
api_meetings_create(struct req *r)
{
	struct meeting *m = xcalloc(1, sizeof(*m));
	struct field_errors fe;
	json_t *body = NULL;
	int err;

	field_errors_init(&fe);
	err = svc_board_access(&r->app, r->id[0], true);
	if (err != B_OK) {
		api_error_berr(r, err);
		goto out;
	}
	if (!api_body(r, &body)) {
		goto out;
	}
	m->forbund_id = r->id[0];
	meeting_parse(body, m, &fe);
	err = fe.n > 0 ? B_INVALID : svc_meeting_create(&r->app, m, &fe);
	if (err == B_OK) {
		err = store_meeting_get(r->st, m->id, m);
	}
	if (err != B_OK) {
		answer_err(r, err, NULL, &fe);
		goto out;
	}
	api_json(r, 201, meeting_json(m));
out:
	json_decref(body);
	free(m);
}

void
api_meeting_get(struct req *r)
{
	struct meeting *m = xcalloc(1, sizeof(*m));
	int err;

	err = svc_meeting_get(&r->app, r->id[0], false, m);
	if (err != B_OK) {
		api_error_berr(r, err);
	} else {
		api_json(r, 200, meeting_json(m));
	}
	free(m);
}

/*
 * Loads meeting r->id[0] for the kansli's edit into m (404/403) and
 * then reads the body into *body. Returns false after answering.
 */
static bool
meeting_edit_begin(struct req *r, struct meeting *m, json_t **body)
{
	int err = svc_meeting_get(&r->app, r->id[0], true, m);

	if (err != B_OK) {
		api_error_berr(r, err);
		return false;
	}
	return api_body(r, body);
}

void
api_meeting_agenda(struct req *r)
{
	struct meeting *m = xcalloc(1, sizeof(*m));
	struct field_errors fe;
	struct rule_list rl;
	json_t *body = NULL;
	int64_t case_id = 0;
	int err;

	field_errors_init(&fe);
	rule_list_init(&rl);
	if (!meeting_edit_begin(r, m, &body)) {
		goto out;
	}
	json_int64(body, &fe, "case_id", &case_id, 1, INT64_MAX, true);
	api_check_keys(body, (const char *const[]){ "case_id", NULL }, &fe);
	err = fe.n > 0 ? B_INVALID
		       : svc_agenda_add(&r->app, m, case_id, &rl, &fe);
	if (err != B_OK) {
		answer_err(r, err, &rl, &fe);
		goto out;
	}
	api_json(r, 201, meeting_json(m));
out:
	json_decref(body);
	free(m);
}

void
api_meeting_agenda_remove(struct req *r)
{
	struct meeting *m = xcalloc(1, sizeof(*m));
	struct rule_list rl;
	int err;

	rule_list_init(&rl);
	err = svc_meeting_get(&r->app, r->id[0], true, m);
	if (err == B_OK) {
		err = svc_agenda_remove(&r->app, m, r->id[1], &rl);
	}
	if (err == B_OK) {
		api_json(r, 200, meeting_json(m));
	} else {
		answer_err(r, err, &rl, NULL);
	}
	free(m);
}

/* The decision body into d (range and required checks are svc's). */
static void
decision_parse(json_t *body, struct board_decision *d, struct field_errors *fe)
{
	char outcome[32] = "";
	enum state s;

	d->outcome = -1;
	d->amount = -1;
	json_int64(body, fe, "case_id", &d->case_id, 1, INT64_MAX, true);
	if (json_text(body, fe, "outcome", outcome, sizeof(outcome), true,
		false) &&
	    outcome[0] != '\0') {
		if (state_from_code(outcome, &s) &&
		    (s == ST_BEVILJAD || s == ST_AVSLAG)) {
			d->outcome = (int)s;
		} else if (strcmp(outcome, outcome_code(OUTCOME_BORDLAGD)) ==
		    0) {
			d->outcome = OUTCOME_BORDLAGD;
		} else {
			field_error_add(fe, "outcome",
			    "outcome måste vara \"beviljad\", \"avslag\" "
			    "eller \"bordlagd\".");
		}
	}
	json_int64(body, fe, "amount", &d->amount, 0, BUDGET_AMOUNT_MAX, false);
	json_date(body, fe, "period_start", d->period_start, false);
	json_date(body, fe, "period_end", d->period_end, false);
	json_text(body, fe, "comment", d->comment, sizeof(d->comment), false,
	    true);
	json_bool(body, fe, "confirm_over_frame", &d->confirm_over_frame,
	    false);
	api_check_keys(body,
	    (const char *const[]){ "case_id", "outcome", "amount",
		"period_start", "period_end", "comment", "confirm_over_frame",
		NULL },
	    fe);
}

/* 201: the case, plus over_frame and the meeting year's money. */
static void
decision_answer(struct req *r, const struct meeting *m, const struct arende *a,
    const struct frame_status *fs)
{
	struct history_entry *h = NULL;
	size_t nh = 0;
	json_t *o;

	if (store_case_history(r->st, a->id, &h, &nh) != B_OK) {
		h = NULL;
		nh = 0;
	}
	o = api_case_json(a, h, nh);
	history_free(h, nh);
	json_object_set_new(o, "meeting_id", json_integer(m->id));
	json_object_set_new(o, "year", json_integer(fs->year));
	frame_json(o, fs);
	if (fs->over && fs->has_budget) {
		json_object_set_new(o, "over_frame_message",
		    api_str(
			"Beviljade belopp för året överskrider budgetramen."));
	} else if (fs->over) {
		char msg[128];

		snprintf(msg, sizeof(msg),
		    "Ingen budget är registrerad för %d; "
		    "beslutet ligger utanför en fastställd ram.",
		    fs->year);
		json_object_set_new(o, "over_frame_message", api_str(msg));
	}
	api_json(r, 201, o);
}

void
api_meeting_decision(struct req *r)
{
	struct meeting *m = xcalloc(1, sizeof(*m));
	struct arende *a = xcalloc(1, sizeof(*a));
	struct board_decision *d = xcalloc(1, sizeof(*d));
	struct field_errors fe;
	struct rule_list rl;
	struct frame_status fs;
	json_t *body = NULL;
	int err;

	field_errors_init(&fe);
	rule_list_init(&rl);
	if (!meeting_edit_begin(r, m, &body)) {
		goto out;
	}
	decision_parse(body, d, &fe);
	/* svc_decide adds its own checks to the parser's errors. */
	err = svc_decide(&r->app, m, d, a, &rl, &fe, &fs);
	if (err != B_OK) {
		answer_err(r, err, &rl, &fe);
		goto out;
	}
	decision_answer(r, m, a, &fs);
out:
	json_decref(body);
	free(d);
	free(a);
	free(m);
}

/* ---- budgets ---------------------------------------------------- */

static json_t *
budget_json(const struct budget *b, const struct forbund *fb,
    const struct frame_status *fs)
{
	json_t *o = json_object(), *ids = json_array();
	json_t *parties = json_array();
	const struct party *p;
	size_t i;

	json_object_set_new(o, "forbund_id", json_integer(fb->id));
	json_object_set_new(o, "year", json_integer(b->year));
	json_object_set_new(o, "frame", json_integer(b->frame));
	for (i = 0; i < b->n; i++) {
		const struct budget_offer *of = &b->o[i];
		json_t *po = json_object();

		if (of->binding) {
			json_array_append_new(ids, json_integer(of->party_id));
		}
		p = forbund_party(fb, of->party_id);
		json_object_set_new(po, "party_id", json_integer(of->party_id));
		json_object_set_new(po, "kind",
		    api_str(party_kind_code(of->kind)));
		json_object_set_new(po, "name",
		    api_str(p != NULL ? p->name : ""));
		json_object_set_new(po, "offer", json_integer(of->amount));
		json_object_set_new(po, "share",
		    (of->kind == PK_KOMMUN || of->kind == PK_REGION) &&
			    of->share_ppm > 0
			? json_real((double)of->share_ppm / SHARE_ONE)
			: json_null());
		json_object_set_new(po, "pays", json_integer(of->pays));
		json_object_set_new(po, "limit", json_integer(of->limit));
		json_object_set_new(po, "binding", json_boolean(of->binding));
		json_array_append_new(parties, po);
	}
	json_object_set_new(o, "binding_party_ids", ids);
	json_object_set_new(o, "parties", parties);
	json_object_set_new(o, "granted_sum", json_integer(fs->granted));
	json_object_set_new(o, "remaining", json_integer(fs->remaining));
	json_object_set_new(o, "over_frame", json_boolean(fs->over));
	return o;
}

/* Answers 200 with the stored budget b of the route's förbund. */
static void
budget_answer(struct req *r, const struct budget *b)
{
	struct forbund *fb = xcalloc(1, sizeof(*fb));
	struct frame_status fs;
	int err;

	err = store_forbund_get(r->st, r->id[0], fb);
	if (err == B_OK) {
		err = svc_frame_status(&r->app, r->id[0], b->year, &fs);
	}
	if (err != B_OK) {
		api_error_berr(r, err);
	} else {
		api_json(r, 200, budget_json(b, fb, &fs));
	}
	free(fb);
}

void
api_budget_get(struct req *r)
{
	struct budget *b = xcalloc(1, sizeof(*b));
	bool exists = false;
	int err;

	err = svc_budget_get(&r->app, r->id[0],
	    (int)(r->id[1] > 9999 ? 0 : r->id[1]), b, &exists);
	if (err != B_OK) {
		api_error_berr(r, err);
	} else if (!exists) {
		api_error(r, 404, "not_found",
		    "Ingen budget är registrerad "
		    "för året.");
	} else {
		budget_answer(r, b);
	}
	free(b);
}

static bool
key_allowed(const char *key, const char *const *keys)
{
	for (; *keys != NULL; keys++) {
		if (strcmp(key, *keys) == 0) {
			return true;
		}
	}
	return false;
}

/* One offer object, offers[i], into o (share_ppm 0 = not given). */
static void
offer_parse(json_t *v, size_t i, struct budget_offer *o,
    struct field_errors *fe)
{
	static const char *const keys[] = { "party_id", "amount", "share",
		NULL };
	const char *key;
	json_t *x;
	char f[64];
	double share;

	memset(o, 0, sizeof(*o));
	if (!json_is_object(v)) {
		snprintf(f, sizeof(f), "offers[%zu]", i);
		field_error_add(fe, f, "Varje bidrag måste vara ett objekt.");
		return;
	}
	json_object_foreach(v, key, x)
	{
		if (!key_allowed(key, keys)) {
			snprintf(f, sizeof(f), "offers[%zu].%.30s", i, key);
			field_error_add(fe, f, "Okänt fält.");
		}
	}
	x = json_object_get(v, "party_id");
	snprintf(f, sizeof(f), "offers[%zu].party_id", i);
	if (!json_is_integer(x) || json_integer_value(x) <= 0) {
		field_error_add(fe, f, "Ange partens id (ett heltal).");
	} else {
		o->party_id = json_integer_value(x);
	}
	x = json_object_get(v, "amount");
	snprintf(f, sizeof(f), "offers[%zu].amount", i);
	if (!json_is_integer(x)) {
		field_error_add(fe, f, "Ange beloppet i hela kronor.");
	} else {
		o->amount = json_integer_value(x); /* < 0: R9 says so */
	}
	x = json_object_get(v, "share");
	snprintf(f, sizeof(f), "offers[%zu].share", i);
	if (x != NULL && !json_is_null(x)) {
		share = json_is_number(x) ? json_number_value(x) : -1;
		/* A share below one millionth would read as "not given". */
		if (!(share * SHARE_ONE >= 0.5 && share <= 1)) {
			field_error_add(fe, f,
			    "Andelen anges som ett tal större "
			    "än 0 och högst 1 (till exempel 0.25).");
		} else {
			o->share_ppm = (int64_t)(share * SHARE_ONE + 0.5);
		}
	}
}

static void
budget_parse(json_t *body, struct budget *b, struct field_errors *fe)
{
	json_t *offers = json_object_get(body, "offers"), *v;
	const char *key;
	size_t i;

	/* A misspelt key must not pass silently. */
	json_object_foreach(body, key, v)
	{
		if (strcmp(key, "offers") != 0) {
			field_error_add(fe, key,
			    "Okänt fält: ange bara offers.");
		}
	}
	if (!json_is_array(offers)) {
		field_error_add(fe, "offers",
		    "Ange offers: en lista med ett "
		    "bidrag per part.");
		return;
	}
	if (json_array_size(offers) > MAX_PARTIES) {
		field_error_add(fe, "offers", "För många bidrag (högst %d).",
		    MAX_PARTIES);
		return;
	}
	for (i = 0; i < json_array_size(offers); i++) {
		offer_parse(json_array_get(offers, i), i, &b->o[i], fe);
	}
	b->n = json_array_size(offers);
}

/* R9 failures as 422 fields ("offers[2].share", "offers"). */
static void
budget_rules_answer(struct req *r, const struct rule_list *rl)
{
	struct field_errors fe;
	size_t i;

	field_errors_init(&fe);
	for (i = 0; i < rl->n; i++) {
		if (!rl->r[i].ok) {
			field_error_add(&fe,
			    rl->r[i].field[0] != '\0' ? rl->r[i].field
						      : "offers",
			    "%s", rl->r[i].message);
		}
	}
	api_error_fields(r, &fe);
}

void
api_budget_put(struct req *r)
{
	struct budget *b = xcalloc(1, sizeof(*b));
	struct field_errors fe;
	struct rule_list rl;
	json_t *body = NULL;
	int err;

	field_errors_init(&fe);
	rule_list_init(&rl);
	err = svc_budget_access(&r->app, r->id[0], true);
	if (err != B_OK) {
		api_error_berr(r, err);
		goto out;
	}
	if (!api_body(r, &body)) {
		goto out;
	}
	b->year = r->id[1] > PARTICIPANTS_YEAR_MAX ? 0 : (int)r->id[1];
	budget_parse(body, b, &fe);
	if (fe.n > 0) {
		api_error_fields(r, &fe);
		goto out;
	}
	err = svc_budget_save(&r->app, r->id[0], b, &rl);
	if (err == B_INVALID) {
		budget_rules_answer(r, &rl);
	} else if (err != B_OK) {
		api_error_berr(r, err);
	} else {
		budget_answer(r, b);
	}
out:
	json_decref(body);
	free(b);
}

/* ---- participants (R10) ------------------------------------------ */

static json_t *
participants_json(const struct participants *p)
{
	json_t *o = json_object();

	json_object_set_new(o, "case_id", json_integer(p->case_id));
	json_object_set_new(o, "year", json_integer(p->year));
	json_object_set_new(o, "women", json_integer(p->women));
	json_object_set_new(o, "men", json_integer(p->men));
	json_object_set_new(o, "total", json_integer(p->women + p->men));
	json_object_set_new(o, "to_work", json_integer(p->to_work));
	json_object_set_new(o, "to_studies", json_integer(p->to_studies));
	json_object_set_new(o, "job_seeking", json_integer(p->job_seeking));
	json_object_set_new(o, "other", json_integer(p->other));
	return o;
}

/* Loads the route's case; answers 404 or 409 (not Finsam) if unusable. */
static bool
participants_case(struct req *r, struct arende *a)
{
	if (!api_load_case(r, r->id[0], a)) {
		return false;
	}
	if (a->kind != KIND_FINSAM) {
		api_error(r, 409, "not_finsam",
		    "Deltagare registreras bara för "
		    "Finsam-insatser.");
		return false;
	}
	return true;
}

/* The count in p that participant_fields[i] (finsam.h) names. */
static int64_t *
participant_count(struct participants *p, size_t i)
{
	int64_t *f[PARTICIPANT_NFIELDS] = { &p->women, &p->men, &p->to_work,
		&p->to_studies, &p->job_seeking, &p->other };

	return f[i];
}

/*
 * R10 (decided in finsam.c): only the counts of participant_fields; any
 * other key is refused by name.
 */
static void
participants_parse(json_t *body, struct participants *p,
    struct field_errors *fe)
{
	const char *key;
	json_t *x;
	size_t i;

	json_object_foreach(body, key, x)
	{
		if (!participant_field_known(key)) {
			field_error_add(fe, key,
			    "Okänt fält: bara antal "
			    "registreras, aldrig namn, personnummer eller "
			    "andra personuppgifter.");
		}
	}
	for (i = 0; i < PARTICIPANT_NFIELDS; i++) {
		json_int64(body, fe, participant_fields[i],
		    participant_count(p, i), 0, PARTICIPANTS_MAX, false);
	}
}

void
api_participants_put(struct req *r)
{
	struct arende *a = xcalloc(1, sizeof(*a));
	struct participants p;
	struct field_errors fe;
	json_t *body = NULL;
	int err;

	memset(&p, 0, sizeof(p));
	field_errors_init(&fe);
	if (!participants_case(r, a)) {
		goto out;
	}
	/* A wrong role is 403 whatever it sent (not 422 for a bad body). */
	if (!perm_case_edit(&r->user, a)) {
		api_error_berr(r, B_FORBIDDEN);
		goto out;
	}
	if (!api_body(r, &body)) {
		goto out;
	}
	p.year = r->id[1] > PARTICIPANTS_YEAR_MAX ? 0 : (int)r->id[1];
	participants_parse(body, &p, &fe);
	err = fe.n > 0 ? B_INVALID : svc_participants_save(&r->app, a, &p, &fe);
	if (err != B_OK) {
		answer_err(r, err, NULL, &fe);
		goto out;
	}
	p.case_id = a->id;
	api_json(r, 200, participants_json(&p));
out:
	json_decref(body);
	free(a);
}

void
api_participants_get(struct req *r)
{
	struct arende *a = xcalloc(1, sizeof(*a));
	struct participants *ps = NULL;
	json_t *arr;
	size_t n = 0, i;
	int err;

	if (!participants_case(r, a)) {
		goto out;
	}
	err = store_participants_list(r->st, a->id, &ps, &n);
	if (err != B_OK) {
		api_error_berr(r, err);
		goto out;
	}
	arr = json_array();
	for (i = 0; i < n; i++) {
		json_array_append_new(arr, participants_json(&ps[i]));
	}
	api_json(r, 200, arr);
out:
	free(ps);
	free(a);
}
