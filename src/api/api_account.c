/*
 * api_account.c - the API of issue 9: listing and changing users, one's
 * own password and e-mail choice, and the audit log (JSON or CSV). Lists
 * page with ?limit and ?after (API.md), with X-Total-Count and a Link to
 * the next page; the CSV export is the whole selection.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "api.h"
#include "api_handlers.h"
#include "app/account.h"
#include "app/export.h"
#include "app/users.h"
#include "domain/perm.h"
#include "http/auth.h"
#include "util/date.h"
#include "util/text.h"
#include "util/xmalloc.h"

void
api_users_list(struct req *r)
{
	int64_t scope = perm_user_list(&r->user), after, total;
	struct user *v = NULL;
	size_t n = 0, limit, i;
	json_t *arr;
	int err;

	if (scope < 0) {
		api_error_berr(r, B_FORBIDDEN);
		return;
	}
	if (!api_page_args(r, &limit, &after)) {
		return;
	}
	err = store_user_page(r->st, scope, after, limit + 1, &v, &n, &total);
	if (err != B_OK) {
		api_error_berr(r, err);
		return;
	}
	arr = json_array();
	for (i = 0; i < n && i < limit; i++) {
		json_array_append_new(arr, api_user_json(&v[i]));
	}
	api_page_headers(r, total, n > limit, limit, i > 0 ? v[i - 1].id : 0);
	free(v);
	api_json(r, 200, arr);
}

/* The body of PATCH /users/{id} into ch; problems into fe. */
static void
parse_change(json_t *o, struct user_change *ch, struct field_errors *fe)
{
	char role[32];

	memset(ch, 0, sizeof(*ch));
	ch->has_name = json_has(o, "name");
	if (ch->has_name) {
		json_text(o, fe, "name", ch->name, sizeof(ch->name), true,
		    false);
	}
	ch->has_role = json_has(o, "role");
	if (ch->has_role &&
	    json_text(o, fe, "role", role, sizeof(role), true, false) &&
	    !role_from_code(role, &ch->role)) {
		field_error_add(fe, "role", "Okänd roll: %s.", role);
	}
	ch->has_forbund = json_has(o, "forbund_id");
	json_int64(o, fe, "forbund_id", &ch->forbund_id, 1, INT64_MAX, false);
	ch->has_party = json_has(o, "party_id");
	json_int64(o, fe, "party_id", &ch->party_id, 1, INT64_MAX, false);
	ch->has_active = json_has(o, "active");
	if (ch->has_active) {
		json_bool(o, fe, "active", &ch->active, true);
	}
	api_check_keys(o,
	    (const char *const[]){ "name", "role", "forbund_id", "party_id",
		"active", NULL },
	    fe);
}

void
api_user_patch(struct req *r)
{
	struct user_change ch;
	struct field_errors fe;
	struct user u;
	json_t *o = NULL;
	int err;

	if (perm_user_list(&r->user) < 0) {
		api_error_berr(r, B_FORBIDDEN);
		return;
	}
	if (!api_body(r, &o)) {
		return;
	}
	field_errors_init(&fe);
	parse_change(o, &ch, &fe);
	json_decref(o);
	if (fe.n > 0) {
		api_error_fields(r, &fe);
		return;
	}
	err = acct_user_update(&r->app, r->id[0], &ch, &fe, &u);
	if (err == B_INVALID && fe.n > 0) {
		api_error_fields(r, &fe);
	} else if (err == B_FORBIDDEN) {
		api_error(r, 403, "forbidden",
		    "Du får inte ändra den här användaren så (kansliet "
		    "hanterar sitt förbunds ledamöter och styrelse).");
	} else if (err != B_OK) {
		api_error_berr(r, err);
	} else {
		api_json(r, 200, api_user_json(&u));
	}
}

/* A string field of at most max bytes, kept as given (passwords). */
static const char *
raw_text(json_t *o, const char *field, size_t max, struct field_errors *fe)
{
	json_t *v = json_object_get(o, field);

	if (!json_is_string(v) || json_string_length(v) > max ||
	    strlen(json_string_value(v)) != json_string_length(v)) {
		field_error_add(fe, field, "%s måste vara en textsträng.",
		    field);
		return NULL;
	}
	return json_string_value(v);
}

void
api_me_password(struct req *r)
{
	struct field_errors fe;
	const char *cur, *fresh;
	json_t *o = NULL;
	int err;

	if (!api_body(r, &o)) {
		return;
	}
	field_errors_init(&fe);
	cur = raw_text(o, "current", USER_PASSWORD_MAX, &fe);
	fresh = raw_text(o, "new", USER_PASSWORD_MAX, &fe);
	api_check_keys(o, (const char *const[]){ "current", "new", NULL }, &fe);
	err = fe.n > 0 ? B_INVALID
		       : acct_password_change(&r->app, cur, fresh, NULL, &fe);
	json_decref(o);
	if (err == B_INVALID && fe.n > 0) {
		api_error_fields(r, &fe);
	} else if (err != B_OK) {
		api_error_berr(r, err);
	} else {
		r->status = 204;
	}
}

void
api_me_notifications(struct req *r)
{
	struct field_errors fe;
	enum notify_mode m = NOTIFY_DIREKT;
	char mode[16];
	json_t *o = NULL;
	int err;

	if (!api_body(r, &o)) {
		return;
	}
	field_errors_init(&fe);
	if (json_text(o, &fe, "mode", mode, sizeof(mode), true, false) &&
	    !notify_from_code(mode, &m)) {
		field_error_add(&fe, "mode",
		    "mode är direkt, dagligen eller av.");
	}
	api_check_keys(o, (const char *const[]){ "mode", NULL }, &fe);
	json_decref(o);
	if (fe.n > 0) {
		api_error_fields(r, &fe);
		return;
	}
	if ((err = acct_notify_set(&r->app, m)) != B_OK) {
		api_error_berr(r, err);
		return;
	}
	o = json_object();
	json_object_set_new(o, "mode", api_str(notify_code(m)));
	api_json(r, 200, o);
}

/* ---- the audit log ---------------------------------------------------- */

/*
 * The filter of ?forbund_id, ?user_id, ?case_id, ?from, ?to within what
 * r's user may see; false: answered (403 or 422).
 */
static bool
api_audit_filter(struct req *r, struct audit_filter *f)
{
	static const char *const ids[] = { "forbund_id", "user_id", "case_id" };
	int64_t *dst[] = { &f->forbund_id, &f->user_id, &f->case_id };
	struct field_errors fe;
	const char *v;

	memset(f, 0, sizeof(*f));
	field_errors_init(&fe);
	for (size_t i = 0; i < 3; i++) {
		v = req_query(r, ids[i]);
		if (v != NULL && (!parse_int64(v, dst[i]) || *dst[i] < 1)) {
			field_error_add(&fe, ids[i], "%s måste vara ett id.",
			    ids[i]);
		}
	}
	if ((v = req_query(r, "from")) != NULL) {
		if (date_valid(v)) {
			memcpy(f->from, v, DATE_LEN);
		} else {
			field_error_add(&fe, "from",
			    "from är ett datum ÅÅÅÅ-MM-DD.");
		}
	}
	if ((v = req_query(r, "to")) != NULL) {
		if (date_valid(v)) {
			memcpy(f->to, v, DATE_LEN);
		} else {
			field_error_add(&fe, "to",
			    "to är ett datum ÅÅÅÅ-MM-DD.");
		}
	}
	if (fe.n > 0) {
		api_error_fields(r, &fe);
		return false;
	}
	return true;
}

static json_t *
audit_json(const struct audit_row *a)
{
	json_t *o = json_object();

	json_object_set_new(o, "id", json_integer(a->id));
	json_object_set_new(o, "at", api_str(a->at));
	json_object_set_new(o, "user_id",
	    a->user_id > 0 ? json_integer(a->user_id) : json_null());
	json_object_set_new(o, "user_name", api_str(a->user_name));
	json_object_set_new(o, "entity", api_str(a->entity));
	json_object_set_new(o, "entity_id", json_integer(a->entity_id));
	json_object_set_new(o, "field",
	    a->field[0] != '\0' ? api_str(a->field) : json_null());
	json_object_set_new(o, "before",
	    a->before != NULL ? api_str(a->before) : json_null());
	json_object_set_new(o, "after",
	    a->after != NULL ? api_str(a->after) : json_null());
	json_object_set_new(o, "from_state",
	    a->from_state[0] != '\0' ? api_str(a->from_state) : json_null());
	json_object_set_new(o, "to_state",
	    a->to_state[0] != '\0' ? api_str(a->to_state) : json_null());
	json_object_set_new(o, "comment", api_str(a->comment));
	return o;
}

void
api_audit(struct req *r)
{
	const char *format = req_query(r, "format");
	struct audit_filter f;
	struct audit_row *v = NULL;
	size_t n = 0, limit, i;
	int64_t total, after;
	json_t *arr;
	int err;

	if (!api_audit_filter(r, &f)) {
		return;
	}
	if (format == NULL && !api_page_args(r, &limit, &after)) {
		return;
	}
	if (format == NULL) {
		f.after = after;
		f.limit = limit + 1;
	}
	err = acct_audit_list(&r->app, &f, &v, &n, &total);
	if (err == B_FORBIDDEN) {
		api_error(r, 403, "forbidden",
		    "Loggen visas för administratörer och förbundets kansli.");
		return;
	}
	if (err != B_OK) {
		api_error_berr(r, err);
		return;
	}
	if (format != NULL) {
		(void)api_export(r, "bered-logg", export_audit(v, n));
		audit_rows_free(v, n);
		return;
	}
	arr = json_array();
	for (i = 0; i < n && i < limit; i++) {
		json_array_append_new(arr, audit_json(&v[i]));
	}
	api_page_headers(r, total, n > limit, limit, i > 0 ? v[i - 1].id : 0);
	audit_rows_free(v, n);
	api_json(r, 200, arr);
}
