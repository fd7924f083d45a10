/*
 * api_cases.c - the JSON API of cases (ärenden): create, list, get, patch
 * the case fields, put one party's row, move the case, and FK's fallback
 * eligibility (R4).
 *
 * Handlers parse and validate the body (422 naming fields), then hand the
 * work to svc.c, which checks rights and rules and saves; the answer is
 * the case as api_case_json shapes it. Cases are large: working copies
 * live on the heap.
 */
#include <stddef.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "api.h"
#include "util/text.h"
#include "util/date.h"
#include "domain/kommuner.h"
#include "domain/followup.h"
#include "api_handlers.h"
#include "app/svc.h"
#include "domain/fields.h"
#include "domain/perm.h"
#include "util/xmalloc.h"

/* Answers status with case a and its history. */
static void
answer_case(struct req *r, int status, const struct arende *a)
{
	struct history_entry *h = NULL;
	size_t nh = 0;
	int err;

	err = store_case_history(r->st, a->id, &h, &nh);
	if (err != B_OK) {
		api_error_berr(r, err);
		return;
	}
	api_json(r, status, api_case_json(a, h, nh));
	history_free(h, nh);
}

/*
 * The start of every edit of case r->id[0]: loads it into a (404 when not
 * visible, or for a party row when party r->id[1] is not on the case),
 * checks the right to edit (403) before reading the body into *o.
 * Returns false after answering.
 */
static bool
edit_begin(struct req *r, struct arende *a, bool party_row, json_t **o)
{
	if (!api_load_case(r, r->id[0], a)) {
		return false;
	}
	if (party_row && arende_party(a, r->id[1]) == NULL) {
		api_error_berr(r, B_NOTFOUND);
		return false;
	}
	if (party_row ? !perm_party_row_edit(&r->user, a, r->id[1])
		      : !perm_case_edit(&r->user, a)) {
		api_error(r, 403, "forbidden",
		    party_row
			? "Bara parter som deltar och förbundets kansli ändrar "
			  "partsrader; en part som inte deltar kan gå med på sin egen "
			  "rad."
			: "Bara parter som deltar och förbundets kansli ändrar och "
			  "flyttar ärendet.");
		return false;
	}
	return api_body(r, o);
}

/*
 * A write that names no version asks for no conflict check: it is applied
 * over the case as it is when this writer's turn comes. edit_lock takes
 * the turn (a transaction: SQLite's write lock, PostgreSQL's writers'
 * lock) and reads the case again inside it, so nobody saves in between
 * and such a write is never refused for a conflict it did not ask about
 * (last writer wins, field by field). False if r was answered (the case
 * is gone, or the database cannot be written).
 */
static bool
edit_lock(struct req *r, struct arende *a)
{
	int err = store_begin(r->st);

	if (err != B_OK) {
		api_error_berr(r, err);
		return false;
	}
	if (!api_load_case(r, r->id[0], a)) {
		(void)store_rollback(r->st);
		return false;
	}
	return true;
}

/* Ends edit_lock's transaction: commits when err is B_OK; returns err
 * or the commit's error. */
static int
edit_unlock(struct req *r, int err)
{
	if (err == B_OK) {
		return store_commit(r->st);
	}
	(void)store_rollback(r->st);
	return err;
}

/* The "parties" extension of a new case: ids of the parties that deltar. */
static void
parse_create_parties(json_t *o, struct arende *a, struct field_errors *fe)
{
	json_t *arr = json_object_get(o, "parties"), *v;
	size_t i;
	char field[32];

	if (arr == NULL || json_is_null(arr)) {
		return;
	}
	if (!json_is_array(arr)) {
		field_error_add(fe, "parties",
		    "parties måste vara en lista med part-id.");
		return;
	}
	json_array_foreach(arr, i, v)
	{
		snprintf(field, sizeof(field), "parties[%zu]", i);
		if (!json_is_integer(v) || json_integer_value(v) <= 0) {
			field_error_add(fe, field, "%s måste vara ett part-id.",
			    field);
		} else if (a->nparties >= MAX_PARTIES) {
			field_error_add(fe, "parties", "För många parter.");
		} else if (arende_party(a, json_integer_value(v)) != NULL) {
			field_error_add(fe, field,
			    "Parten finns redan i listan.");
		} else {
			struct party_row *p = &a->parties[a->nparties++];

			memset(p, 0, sizeof(*p));
			p->party_id = json_integer_value(v);
			p->deltar = true;
		}
	}
}

/* Fills a new case from the body of POST /cases into a. */
static void
parse_create(json_t *o, struct arende *a, struct field_errors *fe)
{
	static const char *const keys[] = { "forbund_id", "kind", "title",
		"description", "finsam_malgrupp", "external_cofinancers",
		"need_id", "identified_on", "parties", NULL };
	char kind[16];

	json_int64(o, fe, "forbund_id", &a->forbund_id, 1, INT64_MAX, true);
	if (json_text(o, fe, "kind", kind, sizeof(kind), true, false) &&
	    !kind_from_code(kind, &a->kind)) {
		field_error_add(fe, "kind",
		    "kind måste vara esf eller finsam.");
	}
	json_text(o, fe, "title", a->title, sizeof(a->title), true, false);
	json_text(o, fe, "description", a->description, sizeof(a->description),
	    false, true);
	json_bool(o, fe, "finsam_malgrupp", &a->finsam_malgrupp, false);
	json_text(o, fe, "external_cofinancers", a->external_cofinancers,
	    sizeof(a->external_cofinancers), false, false);
	json_int64(o, fe, "need_id", &a->need_id, 1, INT64_MAX, false);
	json_date(o, fe, "identified_on", a->identified_on, false);
	parse_create_parties(o, a, fe);
	api_check_keys(o, keys, fe);
}

void
api_cases_create(struct req *r)
{
	struct field_errors fe;
	struct arende *a = xmalloc(sizeof(*a));
	json_t *o = NULL;
	int err;

	if (!api_body(r, &o)) {
		goto out;
	}
	arende_init(a);
	field_errors_init(&fe);
	parse_create(o, a, &fe);
	if (fe.n > 0) {
		api_error_fields(r, &fe);
		goto out;
	}
	err = svc_case_create(&r->app, a, &fe);
	if (err == B_OK) {
		answer_case(r, 201, a);
	} else if ((err == B_INVALID || err == B_NOTFOUND) && fe.n > 0) {
		/* An unknown id in the body names its field (422). */
		api_error_fields(r, &fe);
	} else {
		api_error_berr(r, err);
	}
out:
	json_decref(o);
	free(a);
}

/* Reads the list filters from the query; false (and 422) on a bad one. */
static bool
list_filter(struct req *r, struct case_filter *f)
{
	struct field_errors fe;
	const char *v;
	enum kind k;
	enum state s;

	memset(f, 0, sizeof(*f));
	f->kind = -1;
	f->state = -1;
	field_errors_init(&fe);
	if ((v = req_query(r, "forbund_id")) != NULL &&
	    (!parse_int64(v, &f->forbund_id) || f->forbund_id <= 0)) {
		field_error_add(&fe, "forbund_id",
		    "forbund_id måste vara ett positivt heltal.");
	}
	if ((v = req_query(r, "kind")) != NULL) {
		if (kind_from_code(v, &k)) {
			f->kind = (int)k;
		} else {
			field_error_add(&fe, "kind",
			    "kind måste vara esf eller finsam.");
		}
	}
	if ((v = req_query(r, "state")) != NULL) {
		if (state_from_code(v, &s)) {
			f->state = (int)s;
		} else {
			field_error_add(&fe, "state", "Okänt tillstånd.");
		}
	}
	if ((v = req_query(r, "fu")) != NULL) {
		const char *label, *from = req_query(r, "from");
		const char *to = req_query(r, "to"), *lan = req_query(r, "lan");

		/* The cases behind a follow-up figure (issue 8). */
		if (!followup_filter(v, &f->facts, &label)) {
			field_error_add(&fe, "fu",
			    "Okänt urval från uppföljningen.");
		} else if (f->kind >= 0 && f->kind != f->facts.kind) {
			field_error_add(&fe, "kind",
			    "kind och fu väljer olika slags ärenden.");
		} else {
			f->kind = f->facts.kind;
		}
		if (from != NULL && !date_valid(from)) {
			field_error_add(&fe, "from", "from är inget datum.");
		} else if (from != NULL) {
			text_copy(f->facts.from, sizeof(f->facts.from), from);
		}
		if (to != NULL && !date_valid(to)) {
			field_error_add(&fe, "to", "to är inget datum.");
		} else if (to != NULL) {
			text_copy(f->facts.to, sizeof(f->facts.to), to);
		}
		if (lan != NULL && lan_name(lan) == NULL) {
			field_error_add(&fe, "lan", "Okänd länskod.");
		} else if (lan != NULL) {
			text_copy(f->facts.lan, sizeof(f->facts.lan), lan);
		}
	}
	if (fe.n > 0) {
		api_error_fields(r, &fe);
		return false;
	}
	return true;
}

static json_t *
brief_json(const struct case_brief *b)
{
	json_t *o = json_object();

	json_object_set_new(o, "id", json_integer(b->id));
	json_object_set_new(o, "forbund_id", json_integer(b->forbund_id));
	json_object_set_new(o, "kind", json_string(kind_code(b->kind)));
	json_object_set_new(o, "state", json_string(state_code(b->state)));
	json_object_set_new(o, "state_label",
	    json_string(state_label(b->state)));
	json_object_set_new(o, "title", json_string(b->title));
	json_object_set_new(o, "owner_party_id",
	    b->owner_party_id > 0 ? json_integer(b->owner_party_id)
				  : json_null());
	json_object_set_new(o, "owner_name",
	    b->owner_party_id > 0 ? json_string(b->owner_name) : json_null());
	json_object_set_new(o, "call_id",
	    b->call_id > 0 ? json_integer(b->call_id) : json_null());
	json_object_set_new(o, "identified_on",
	    api_date_or_null(b->identified_on));
	json_object_set_new(o, "updated_at", json_string(b->updated_at));
	return o;
}

/*
 * ?after=ID: the list goes on after case ID, which must be one the user
 * sees (else 422, as for a row not in the list); false after answering.
 */
static bool
list_after(struct req *r, int64_t after, struct case_filter *f)
{
	struct arende *a = xmalloc(sizeof(*a));
	struct field_errors fe;
	int err;

	err = store_case_get(r->st, after, a);
	if (err == B_OK && !perm_case_visible(&r->user, a)) {
		err = B_NOTFOUND;
	}
	if (err == B_OK) {
		err = store_case_updated(r->st, after, f->after_updated);
	}
	free(a);
	if (err == B_NOTFOUND) {
		field_errors_init(&fe);
		field_error_add(&fe, "after",
		    "after nämner ingen rad i listan.");
		api_error_fields(r, &fe);
		return false;
	}
	if (err != B_OK) {
		api_error_berr(r, err);
		return false;
	}
	f->after_id = after;
	return true;
}

/*
 * GET /api/v1/cases: what the user may see (svc_case_scope, in the
 * query), a page at a time read from the store (limit + 1 rows after the
 * previous page's last, keyset), the count from one COUNT; with ?format=
 * the whole selection as a file.
 */
void
api_cases_list(struct req *r)
{
	struct case_filter f;
	struct case_brief *b = NULL;
	struct forbund_brief *fl = NULL;
	size_t n = 0, nf = 0, limit;
	int64_t total = 0, after;
	bool none, more;
	json_t *arr;
	int err = B_OK;

	if (!list_filter(r, &f)) {
		return;
	}
	if (f.forbund_id != 0 &&
	    !perm_forbund_visible(&r->user, f.forbund_id)) {
		api_error_berr(r, B_NOTFOUND);
		return;
	}
	none = !svc_case_scope(&r->user, f.forbund_id, &f);
	if (req_query(r, "format") != NULL) {
		if (!none) {
			err = store_case_list(r->st, &f, &b, &n);
		}
		if (err == B_OK) {
			err = store_forbund_list(r->st, &fl, &nf);
		}
		if (err != B_OK) {
			api_error_berr(r, err);
		} else {
			(void)api_export(r, "arenden",
			    export_cases(b, n, fl, nf));
		}
		free(fl);
		free(b);
		return;
	}
	if (!api_page_args(r, &limit, &after)) {
		return;
	}
	if (!none && (err = store_case_count(r->st, &f, &total)) == B_OK &&
	    after > 0 && !list_after(r, after, &f)) {
		return;
	}
	f.limit = (int)limit + 1;
	if (!none && err == B_OK) {
		err = store_case_list(r->st, &f, &b, &n);
	}
	if (err != B_OK) {
		free(b);
		api_error_berr(r, err);
		return;
	}
	more = n > limit;
	if (more) {
		n = limit;
	}
	api_page_headers(r, total, more, limit, n > 0 ? b[n - 1].id : 0);
	arr = json_array();
	for (size_t i = 0; i < n; i++) {
		json_array_append_new(arr, brief_json(&b[i]));
	}
	api_json(r, 200, arr);
	free(b);
}

void
api_case_get(struct req *r)
{
	struct arende *a = xmalloc(sizeof(*a));

	if (api_load_case(r, r->id[0], a)) {
		answer_case(r, 200, a);
	}
	free(a);
}

/* Applies one present field of the PATCH body to a (null clears). */
static void
patch_one(json_t *o, const struct field_def *pf, struct arende *a,
    struct field_errors *fe)
{
	char *p = (char *)a + pf->off;
	bool isnull = json_is_null(json_object_get(o, pf->name));
	bool money = pf->type == FT_MONEY;
	int64_t v;

	switch (pf->type) {
	case FT_TEXT:
	case FT_LONGTEXT:
		json_text(o, fe, pf->name, p, pf->size,
		    (pf->flags & FF_REQUIRED) != 0, pf->type == FT_LONGTEXT);
		break;
	case FT_DATE:
		json_date(o, fe, pf->name, p, false);
		break;
	case FT_BOOL:
		json_bool(o, fe, pf->name, (bool *)(void *)p, true);
		break;
	case FT_ID:
	case FT_CALL:
	case FT_PARTY:
	case FT_MONEY:
		v = money ? -1 : 0;
		if (isnull ||
		    json_int64(o, fe, pf->name, &v, money ? 0 : 1,
			money ? BUDGET_AMOUNT_MAX : INT64_MAX, true)) {
			memcpy(p, &v, sizeof(v));
		}
		break;
	case FT_REASON:
	case FT_AGP:
	case FT_BESLUT:
		break; /* not in a PATCH: moves and party rows set them */
	}
}

/* Applies the PATCH body o to after (a copy of the stored case). */
static void
parse_patch(json_t *o, const struct arende *before, struct arende *after,
    struct field_errors *fe, bool *stale)
{
	const char *allowed[32];
	int64_t version = before->version;
	size_t i, n = 0;

	/* The fields PATCH takes are those domain/fields.h marks FF_PATCH. */
	for (i = 0; i < ncase_fields && n + 2 < 32; i++) {
		if ((case_fields[i].flags & FF_PATCH) == 0) {
			continue;
		}
		allowed[n++] = case_fields[i].name;
		if (json_has(o, case_fields[i].name)) {
			patch_one(o, &case_fields[i], after, fe);
		}
	}
	/* Optional optimistic locking: the version the client read. */
	allowed[n++] = "version";
	allowed[n] = NULL;
	json_int64(o, fe, "version", &version, 0, INT64_MAX, false);
	*stale = version != before->version;
	api_check_keys(o, allowed, fe);
}

void
api_case_patch(struct req *r)
{
	struct field_errors fe;
	struct arende *before = xmalloc(sizeof(*before));
	struct arende *after = xmalloc(sizeof(*after));
	json_t *o = NULL;
	bool stale = false, locked;
	int err;

	if (!edit_begin(r, before, false, &o)) {
		goto out;
	}
	locked = !json_has(o, "version");
	if (locked && !edit_lock(r, before)) {
		goto out;
	}
	*after = *before;
	field_errors_init(&fe);
	parse_patch(o, before, after, &fe, &stale);
	if (fe.n > 0 || stale) {
		err = fe.n > 0 ? B_INVALID : B_CONFLICT;
	} else {
		err = svc_case_update(&r->app, before, after, &fe);
	}
	if (locked) {
		err = edit_unlock(r, err);
	}
	if (err == B_INVALID && fe.n > 0) {
		api_error_fields(r, &fe);
	} else if (err != B_OK) {
		api_error_berr(r, err);
	} else if ((err = store_case_get(r->st, before->id, after)) != B_OK) {
		api_error_berr(r, err);
	} else {
		answer_case(r, 200, after);
	}
out:
	json_decref(o);
	free(after);
	free(before);
}

/* Applies the PUT body o over row (absent fields keep their values). */
static void
parse_party(json_t *o, struct party_row *row, struct field_errors *fe)
{
	static const char *const allowed[] = { "deltar", "medfinansiar",
		"medfinansiering", "utforare", "forankrad", "mandat",
		"agarprovning", "beslut", "party_id", "kind", "name", NULL };
	char code[16];

	json_bool(o, fe, "deltar", &row->deltar, json_has(o, "deltar"));
	json_bool(o, fe, "medfinansiar", &row->medfinansiar,
	    json_has(o, "medfinansiar"));
	json_bool(o, fe, "utforare", &row->utforare, json_has(o, "utforare"));
	json_bool(o, fe, "mandat", &row->mandat, json_has(o, "mandat"));
	if (json_has(o, "medfinansiering")) {
		json_text(o, fe, "medfinansiering", row->medfinansiering,
		    sizeof(row->medfinansiering), false, false);
	}
	if (json_has(o, "forankrad")) {
		json_date(o, fe, "forankrad", row->forankrad, false);
	}
	if (json_has(o, "agarprovning")) {
		row->agarprovning = AGP_NONE;
		if (json_text(o, fe, "agarprovning", code, sizeof(code), false,
			false) &&
		    code[0] != '\0' &&
		    !agarprovning_from_code(code, &row->agarprovning)) {
			field_error_add(fe, "agarprovning",
			    "agarprovning måste vara kan, avstar eller null.");
		}
	}
	if (json_has(o, "beslut")) {
		row->beslut = BESLUT_NONE;
		if (json_text(o, fe, "beslut", code, sizeof(code), false,
			false) &&
		    code[0] != '\0' && !beslut_from_code(code, &row->beslut)) {
			field_error_add(fe, "beslut",
			    "beslut måste vara ja, nej eller null.");
		}
	}
	api_check_keys(o, allowed, fe);
}

/* Answers a refused party row: 403 for R7, 409 for the row's own rules. */
static void
party_refused(struct req *r, int err, const struct rule_list *rl)
{
	if (err == B_FORBIDDEN && rule_failures(rl) > 0) {
		api_error_rules(r, 403, "forbidden",
		    "Bara partens egen "
		    "ledamot får registrera partens egna uppgifter (R7).",
		    rl);
	} else if (err == B_CONFLICT && rule_failures(rl) > 0) {
		api_error_rules(r, 409, "rule_failed",
		    "Raden bryter mot en regel.", rl);
	} else {
		api_error_berr(r, err);
	}
}

void
api_case_party_put(struct req *r)
{
	struct field_errors fe;
	struct rule_list rl;
	struct arende *a = xmalloc(sizeof(*a));
	struct party_row row;
	json_t *o = NULL;
	int err;

	/* A party row has no version: never a conflict it asked about. */
	if (!edit_begin(r, a, true, &o) || !edit_lock(r, a)) {
		goto out;
	}
	field_errors_init(&fe);
	rule_list_init(&rl);
	if (arende_party(a, r->id[1]) == NULL) {
		err = B_NOTFOUND;
	} else {
		row = *arende_party(a, r->id[1]);
		parse_party(o, &row, &fe);
		err = fe.n > 0 ? B_INVALID
			       : svc_party_update(&r->app, a, &row, &rl);
	}
	err = edit_unlock(r, err);
	if (err == B_INVALID && fe.n > 0) {
		api_error_fields(r, &fe);
	} else if (err != B_OK) {
		party_refused(r, err, &rl);
	} else if ((err = store_case_get(r->st, a->id, a)) != B_OK) {
		api_error_berr(r, err);
	} else {
		answer_case(r, 200, a);
	}
out:
	json_decref(o);
	free(a);
}

/* Reads {to, comment, reason, reason_text} into to, comment and a. */
static void
parse_move(json_t *o, enum state *to, char *comment, size_t commentsz,
    struct arende *a, struct field_errors *fe)
{
	char code[32];
	enum reason reason = REASON_NONE;
	char reason_text[SHORT_MAX];

	if (json_text(o, fe, "to", code, sizeof(code), true, false) &&
	    !state_from_code(code, to)) {
		field_error_add(fe, "to", "Okänt tillstånd: %s.", code);
	}
	json_text(o, fe, "comment", comment, commentsz, false, true);
	if (json_text(o, fe, "reason", code, sizeof(code), false, false) &&
	    code[0] != '\0' && !reason_from_code(code, &reason)) {
		field_error_add(fe, "reason", "Okänd anledning: %s.", code);
	}
	json_text(o, fe, "reason_text", reason_text, sizeof(reason_text), false,
	    false);
	/* The reason is the case's record of why it ended (avbruten). */
	if (fe->n == 0 && *to == ST_AVBRUTEN) {
		a->reason = reason;
		memcpy(a->reason_text, reason_text, sizeof(a->reason_text));
	}
}

void
api_case_transition(struct req *r)
{
	struct field_errors fe;
	struct rule_list rl;
	struct arende *a = xmalloc(sizeof(*a));
	enum state to = ST_IDENTIFIERAD;
	char *comment = xmalloc(TEXT_MAX + 1);
	json_t *o = NULL;
	int err;

	if (!edit_begin(r, a, false, &o)) {
		goto out;
	}
	field_errors_init(&fe);
	parse_move(o, &to, comment, TEXT_MAX + 1, a, &fe);
	if (fe.n > 0) {
		api_error_fields(r, &fe);
		goto out;
	}
	rule_list_init(&rl);
	err = svc_case_move(&r->app, a, to, comment, false, &rl);
	if (err == B_OK) {
		answer_case(r, 200, a);
	} else if (err == B_CONFLICT && rule_failures(&rl) > 0) {
		api_error_rules(r, 409, "transition_refused",
		    "Ärendet kan inte gå vidare: alla villkor är inte "
		    "uppfyllda.",
		    &rl);
	} else {
		api_error_berr(r, err);
	}
out:
	json_decref(o);
	free(comment);
	free(a);
}

/* POST /api/v1/cases/{id}/comments {text}: by anyone who sees the case. */
void
api_case_comment(struct req *r)
{
	struct field_errors fe;
	struct arende *a = xmalloc(sizeof(*a));
	struct history_entry *h = xcalloc(1, sizeof(*h));
	json_t *o = NULL, *t;
	int err;

	if (!api_load_case(r, r->id[0], a) || !api_body(r, &o)) {
		goto out;
	}
	field_errors_init(&fe);
	api_check_keys(o, (const char *const[]){ "text", NULL }, &fe);
	t = json_object_get(o, "text");
	if (!json_is_string(t)) {
		field_error_add(&fe, "text", "text ska vara en sträng.");
	}
	if (fe.n > 0) {
		api_error_fields(r, &fe);
		goto out;
	}
	err = svc_case_comment(&r->app, a->id, json_string_value(t), &fe, h);
	if (err == B_INVALID) {
		api_error_fields(r, &fe);
	} else if (err != B_OK) {
		api_error_berr(r, err);
	} else {
		api_json(r, 201, api_comment_json(h));
	}
out:
	json_decref(o);
	history_free(h, 1);
	free(a);
}

void
api_case_fk_eligibility(struct req *r)
{
	struct arende *a = xmalloc(sizeof(*a));
	struct rule_ctx ctx;
	struct utlysning call;
	struct rule_list rl;
	json_t *o;
	bool ok;

	if (!api_load_case(r, r->id[0], a)) {
		goto out;
	}
	if (a->kind != KIND_ESF) {
		/* R4 is about ESF+ projects: a Finsam insats has no owner. */
		api_error(r, 409, "not_esf",
		    "Försäkringskassan som reservägare gäller bara "
		    "ESF+-projekt; ärendet är en Finsam-insats.");
		goto out;
	}
	svc_rule_ctx(&r->app, a, &ctx, &call);
	rule_list_init(&rl);
	/* R4: the domain lists every condition, held or not. */
	ok = fk_fallback_eligible(a, &ctx, &rl);
	o = json_object();
	json_object_set_new(o, "case_id", json_integer(a->id));
	json_object_set_new(o, "eligible", json_boolean(ok));
	json_object_set_new(o, "conditions", api_rules_json(&rl, false));
	api_json(r, 200, o);
out:
	free(a);
}
