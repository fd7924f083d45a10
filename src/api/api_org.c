/*
 * api_org.c - the JSON API of the organisation around the cases: who am
 * I, förbund and their parties, users, the behovskartläggning (needs) and
 * ESF-rådet's utlysningar (calls).
 *
 * Rights come from domain/perm.c; kommun and län codes are checked
 * against the reference list in kommuner.c. Another förbund's data is
 * answered 404, exactly as missing data.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "api.h"
#include "app/calls_import.h"
#include "api_handlers.h"
#include "app/org.h"
#include "app/password.h"
#include "app/users.h"
#include "domain/kommuner.h"
#include "domain/perm.h"
#include "util/xmalloc.h"

void
api_me(struct req *r)
{
	api_json(r, 200, api_user_json(&r->user));
}

void
api_forbund_list(struct req *r)
{
	struct forbund_brief *fb = NULL;
	size_t n = 0, i;
	json_t *arr;
	int err;

	if ((err = store_forbund_list(r->st, &fb, &n)) != B_OK) {
		api_error_berr(r, err);
		return;
	}
	arr = json_array();
	for (i = 0; i < n; i++) {
		json_t *o;

		if (!perm_forbund_visible(&r->user, fb[i].id)) {
			continue;
		}
		o = json_object();
		json_object_set_new(o, "id", json_integer(fb[i].id));
		json_object_set_new(o, "name", json_string(fb[i].name));
		json_object_set_new(o, "nparties",
		    json_integer((json_int_t)fb[i].nparties));
		json_array_append_new(arr, o);
	}
	free(fb);
	api_json(r, 200, arr);
}

static json_t *
forbund_json(const struct forbund *f)
{
	json_t *o = json_object(), *parties = json_array();
	size_t i;

	json_object_set_new(o, "id", json_integer(f->id));
	json_object_set_new(o, "name", json_string(f->name));
	for (i = 0; i < f->nparties && i < MAX_PARTIES; i++) {
		json_array_append_new(parties, api_party_json(&f->parties[i]));
	}
	json_object_set_new(o, "parties", parties);
	return o;
}

/* Loads förbund id if visible; answers 404 and returns false if not. */
static bool
load_forbund(struct req *r, int64_t id, struct forbund *f)
{
	int err;

	if (!perm_forbund_visible(&r->user, id)) {
		api_error_berr(r, B_NOTFOUND);
		return false;
	}
	if ((err = store_forbund_get(r->st, id, f)) != B_OK) {
		api_error_berr(r, err);
		return false;
	}
	return true;
}

void
api_forbund_get(struct req *r)
{
	struct forbund *f = xmalloc(sizeof(*f));

	if (load_forbund(r, r->id[0], f)) {
		api_json(r, 200, forbund_json(f));
	}
	free(f);
}

/*
 * Adds the members listed in the body's array `field` ("kommuner" or
 * "regioner") to f, naming each bad element ("kommuner[2]"). The
 * regioner may be missing or empty: whether the förbund needs one is
 * forbund_regions_refusal's (Gotland), asked once both lists are read.
 */
static void
parse_members(json_t *o, const char *field, enum party_kind kind,
    struct forbund *f, struct field_errors *fe)
{
	json_t *arr = json_object_get(o, field), *v;
	size_t i, j, first = f->nparties;
	char el[32];
	const char *code, *why;

	if (kind == PK_REGION &&
	    (arr == NULL ||
		(json_is_array(arr) && json_array_size(arr) == 0))) {
		return;
	}
	if (arr == NULL || !json_is_array(arr) || json_array_size(arr) == 0) {
		field_error_add(fe, field,
		    "%s måste vara en lista med minst "
		    "en kod.",
		    field);
		return;
	}
	json_array_foreach(arr, i, v)
	{
		snprintf(el, sizeof(el), "%s[%zu]", field, i);
		code = json_is_string(v) ? json_string_value(v) : "";
		if (kind == PK_KOMMUN && kommun_name(code) == NULL) {
			field_error_add(fe, el, "%s: okänd kommunkod.", el);
			continue;
		}
		if (kind == PK_REGION &&
		    (why = region_member_refusal(code)) != NULL) {
			field_error_add(fe, el, "%s: %s", el, why);
			continue;
		}
		for (j = first; j < f->nparties; j++) {
			if (strcmp(f->parties[j].code, code) == 0) {
				field_error_add(fe, el,
				    "%s: %s finns redan "
				    "i listan.",
				    el, code);
			}
		}
		if (field_error_get(fe, el) != NULL) {
			continue;
		}
		if (f->nparties >= MAX_PARTIES) {
			field_error_add(fe, field,
			    "För många parter i "
			    "förbundet (högst %d).",
			    MAX_PARTIES);
			return;
		}
		(void)forbund_add_party(f, kind, code);
	}
}

void
api_forbund_create(struct req *r)
{
	struct field_errors fe;
	struct forbund *f = xmalloc(sizeof(*f));
	json_t *o = NULL;
	int64_t id;
	int err;

	if (!perm_admin(&r->user)) {
		api_error_berr(r, B_FORBIDDEN);
		goto out;
	}
	if (!api_body(r, &o)) {
		goto out;
	}
	org_forbund_init(f);
	field_errors_init(&fe);
	json_text(o, &fe, "name", f->name, sizeof(f->name), true, false);
	parse_members(o, "kommuner", PK_KOMMUN, f, &fe);
	parse_members(o, "regioner", PK_REGION, f, &fe);
	api_check_keys(o,
	    (const char *const[]){ "name", "kommuner", "regioner", NULL }, &fe);
	err = org_forbund_create(&r->app, f, &id, &fe);
	if (err == B_OK) {
		err = store_forbund_get(r->st, id, f);
	}
	if (err == B_CONFLICT) {
		api_error(r, 409, "conflict", field_error_get(&fe, "name"));
	} else if (err == B_INVALID) {
		api_error_fields(r, &fe);
	} else if (err != B_OK) {
		api_error_berr(r, err);
	} else {
		api_json(r, 201, forbund_json(f));
	}
out:
	json_decref(o);
	free(f);
}

/* Reads the body of POST /users into u and pw; user_check judges it. */
static void
parse_user(json_t *o, struct user *u, char *pw, size_t pwsz,
    struct field_errors *fe)
{
	char role[32];

	json_text(o, fe, "email", u->email, sizeof(u->email), true, false);
	json_text(o, fe, "name", u->name, sizeof(u->name), true, false);
	if (json_text(o, fe, "role", role, sizeof(role), true, false) &&
	    !role_from_code(role, &u->role)) {
		field_error_add(fe, "role", "Okänd roll: %s.", role);
	}
	/* The password is taken as given: spaces are characters too. */
	if (json_has(o, "password") &&
	    json_is_string(json_object_get(o, "password")) &&
	    json_string_length(json_object_get(o, "password")) < pwsz &&
	    strlen(json_string_value(json_object_get(o, "password"))) ==
		json_string_length(json_object_get(o, "password"))) {
		snprintf(pw, pwsz, "%s",
		    json_string_value(json_object_get(o, "password")));
	} else {
		field_error_add(fe, "password",
		    "password måste vara en "
		    "textsträng på %d-%d tecken.",
		    USER_PASSWORD_MIN, USER_PASSWORD_MAX_CHARS);
	}
	json_int64(o, fe, "forbund_id", &u->forbund_id, 1, INT64_MAX, false);
	json_int64(o, fe, "party_id", &u->party_id, 1, INT64_MAX, false);
	api_check_keys(o,
	    (const char *const[]){ "email", "name", "role", "password",
		"forbund_id", "party_id", NULL },
	    fe);
}

void
api_users_create(struct req *r)
{
	struct field_errors fe;
	struct user u;
	char *pw = xmalloc(USER_PASSWORD_MAX + 1);
	char hash[256];
	json_t *o = NULL;
	int err;

	pw[0] = '\0';
	if (!perm_admin(&r->user)) {
		api_error_berr(r, B_FORBIDDEN);
		goto out;
	}
	if (!api_body(r, &o)) {
		goto out;
	}
	memset(&u, 0, sizeof(u));
	field_errors_init(&fe);
	parse_user(o, &u, pw, USER_PASSWORD_MAX + 1, &fe);
	if ((err = user_check(r->st, &u, pw, &fe)) != B_OK) {
		api_error_berr(r, err);
		goto out;
	}
	if (fe.n > 0) {
		api_error_fields(r, &fe);
		goto out;
	}
	if (password_hash(pw, hash, sizeof(hash)) != 0) {
		api_error_berr(r, B_INTERNAL);
		goto out;
	}
	err = store_user_create(r->st, &u, hash, r->user.id, &u.id);
	if (err == B_CONFLICT) {
		api_error(r, 409, "conflict",
		    "Det finns redan en användare med den e-postadressen.");
	} else if (err != B_OK) {
		api_error_berr(r, err);
	} else {
		u.active = true; /* a new account is active (the default) */
		api_json(r, 201, api_user_json(&u));
	}
out:
	/* Do not leave the password in freed memory. */
	memset(pw, 0, USER_PASSWORD_MAX + 1);
	free(pw);
	json_decref(o);
}

void
api_needs_list(struct req *r)
{
	struct need *n = NULL;
	int64_t *ids;
	size_t nn = 0, i, start, end;
	json_t *arr;
	int err;

	if (!perm_forbund_visible(&r->user, r->id[0])) {
		api_error_berr(r, B_NOTFOUND);
		return;
	}
	if ((err = store_need_list(r->st, r->id[0], &n, &nn)) != B_OK) {
		api_error_berr(r, err);
		return;
	}
	ids = xcalloc(nn + 1, sizeof(*ids));
	for (i = 0; i < nn; i++) {
		ids[i] = n[i].id;
	}
	if (api_page_list(r, ids, nn, &start, &end)) {
		arr = json_array();
		for (i = start; i < end; i++) {
			json_array_append_new(arr, api_need_json(&n[i]));
		}
		api_json(r, 200, arr);
	}
	free(ids);
	free(n);
}

void
api_needs_create(struct req *r)
{
	struct field_errors fe;
	struct forbund *f = xmalloc(sizeof(*f));
	struct need *n = xmalloc(sizeof(*n));
	json_t *o = NULL;
	int err;

	if (!load_forbund(r, r->id[0], f)) {
		goto out;
	}
	/* Who may add needs is decided before the body is read. */
	if (!perm_case_create(&r->user, f->id)) {
		api_error_berr(r, B_FORBIDDEN);
		goto out;
	}
	if (!api_body(r, &o)) {
		goto out;
	}
	memset(n, 0, sizeof(*n));
	field_errors_init(&fe);
	json_text(o, &fe, "malgrupp", n->malgrupp, sizeof(n->malgrupp), true,
	    true);
	json_text(o, &fe, "behov", n->behov, sizeof(n->behov), true, true);
	json_text(o, &fe, "utbud", n->utbud, sizeof(n->utbud), false, true);
	api_check_keys(o,
	    (const char *const[]){ "malgrupp", "behov", "utbud", NULL }, &fe);
	err = org_need_create(&r->app, f->id, n, &fe);
	if (err == B_INVALID) {
		api_error_fields(r, &fe);
	} else if (err != B_OK) {
		api_error_berr(r, err);
	} else {
		api_json(r, 201, api_need_json(n));
	}
out:
	json_decref(o);
	free(n);
	free(f);
}

void
api_calls_list(struct req *r)
{
	struct utlysning *c = NULL;
	int64_t *ids;
	size_t n = 0, i, start, end;
	json_t *arr;
	int err;

	/* R1: the board never sees ESF+ matters, calls included. */
	if (!perm_esf_visible(&r->user)) {
		api_error_berr(r, B_NOTFOUND);
		return;
	}
	if ((err = store_call_list(r->st, &c, &n)) != B_OK) {
		api_error_berr(r, err);
		return;
	}
	ids = xcalloc(n + 1, sizeof(*ids));
	for (i = 0; i < n; i++) {
		ids[i] = c[i].id;
	}
	if (!api_export(r, "utlysningar",
		req_query(r, "format") != NULL ? export_calls(c, n) : NULL) &&
	    api_page_list(r, ids, n, &start, &end)) {
		arr = json_array();
		for (i = start; i < end; i++) {
			json_array_append_new(arr, api_call_json(&c[i]));
		}
		api_json(r, 200, arr);
	}
	free(ids);
	free(c);
}

void
api_calls_create(struct req *r)
{
	struct field_errors fe;
	struct utlysning c;
	json_t *o = NULL;
	int64_t pct = 0;
	int err;

	if (!perm_calls_edit(&r->user)) {
		api_error_berr(r, B_FORBIDDEN);
		return;
	}
	if (!api_body(r, &o)) {
		return;
	}
	memset(&c, 0, sizeof(c));
	field_errors_init(&fe);
	json_text(o, &fe, "title", c.title, sizeof(c.title), true, false);
	json_text(o, &fe, "reference", c.reference, sizeof(c.reference), true,
	    false);
	json_date(o, &fe, "opens", c.opens, true);
	json_date(o, &fe, "closes", c.closes, true);
	json_text(o, &fe, "programomrade", c.programomrade,
	    sizeof(c.programomrade), false, false);
	json_int64(o, &fe, "esf_share_pct", &pct, 0, 100, false);
	api_check_keys(o,
	    (const char *const[]){ "title", "reference", "opens", "closes",
		"programomrade", "esf_share_pct", NULL },
	    &fe);
	c.esf_share_pct = (int)pct;
	err = org_call_create(&r->app, &c, &fe);
	if (err == B_INVALID) {
		api_error_fields(r, &fe);
	} else if (err == B_CONFLICT) {
		api_error(r, 409, "conflict",
		    field_error_get(&fe, "reference"));
	} else if (err != B_OK) {
		api_error_berr(r, err);
	} else {
		api_json(r, 201, api_call_json(&c));
	}
	json_decref(o);
}

void
api_calls_import(struct req *r)
{
	struct import_result *res = xmalloc(sizeof(*res));
	const char *ct = req_header(r, "Content-Type");
	json_t *o, *e, *fields;
	int err;

	if (!perm_calls_edit(&r->user)) {
		api_error_berr(r, B_FORBIDDEN);
		goto out;
	}
	if (ct == NULL ||
	    (strncasecmp(ct, "text/csv", 8) != 0 &&
		strncasecmp(ct, "text/plain", 10) != 0)) {
		api_error(r, 415, "unsupported_media_type",
		    "Utlysningsplanen skickas som text/csv.");
		goto out;
	}
	err = calls_import(&r->app, r->body.p != NULL ? r->body.p : "",
	    r->body.len, res);
	if (err == B_INVALID) {
		o = json_object();
		e = json_object();
		fields = json_array();
		for (size_t i = 0; i < res->n; i++) {
			json_t *f = json_object();

			json_object_set_new(f, "line",
			    json_integer(res->e[i].line));
			json_object_set_new(f, "field",
			    api_str(res->e[i].field));
			json_object_set_new(f, "message",
			    api_str(res->e[i].message));
			json_array_append_new(fields, f);
		}
		json_object_set_new(e, "code", json_string("invalid"));
		json_object_set_new(e, "message",
		    api_str(res->n > 0 ? res->e[0].message
				       : "Filen kunde inte läsas."));
		json_object_set_new(e, "rules", json_array());
		json_object_set_new(e, "fields", fields);
		json_object_set_new(o, "error", e);
		api_json(r, 422, o);
	} else if (err != B_OK) {
		api_error_berr(r, err);
	} else {
		o = json_object();
		json_object_set_new(o, "created", json_integer(res->created));
		json_object_set_new(o, "updated", json_integer(res->updated));
		api_json(r, 200, o);
	}
out:
	free(res);
}
