/*
 * api_group.c - the beredningsgrupp's meetings (issue 10): list, create,
 * read, PATCH (date, attendees, minutes, the agenda with notes) and items.
 * The styrelse never sees them (R1): 404 as for a missing meeting.
 */
#include <stdlib.h>
#include <string.h>

#include "api.h"
#include "api_handlers.h"
#include "app/group.h"
#include "util/text.h"
#include "util/xmalloc.h"

static json_t *
group_json(const struct group_meeting *g)
{
	json_t *o = json_object(), *att = json_array(), *items = json_array();

	json_object_set_new(o, "id", json_integer(g->id));
	json_object_set_new(o, "forbund_id", json_integer(g->forbund_id));
	json_object_set_new(o, "date", json_string(g->date));
	for (size_t i = 0; i < g->nattend; i++) {
		json_array_append_new(att, json_integer(g->attend[i]));
	}
	json_object_set_new(o, "attendees", att);
	json_object_set_new(o, "minutes", api_str(g->minutes));
	for (size_t i = 0; i < g->nitems; i++) {
		const struct group_item *it = &g->items[i];
		json_t *x = json_object();

		json_object_set_new(x, "id", json_integer(it->id));
		json_object_set_new(x, "case_id",
		    it->case_id > 0 ? json_integer(it->case_id) : json_null());
		json_object_set_new(x, "need_id",
		    it->need_id > 0 ? json_integer(it->need_id) : json_null());
		json_object_set_new(x, "title", api_str(it->title));
		json_object_set_new(x, "note", api_str(it->note));
		json_array_append_new(items, x);
	}
	json_object_set_new(o, "items", items);
	return o;
}

/* An id field: absent or null 0, a positive integer, else an error. */
static int64_t
id_of(json_t *o, const char *key, struct field_errors *fe)
{
	json_t *v = json_object_get(o, key);

	if (v == NULL || json_is_null(v)) {
		return 0;
	}
	if (!json_is_integer(v) || json_integer_value(v) <= 0) {
		field_error_add(fe, key, "%s ska vara ett id.", key);
		return 0;
	}
	return (int64_t)json_integer_value(v);
}

/* A text field into out (size TEXT_MAX + 1); absent keeps out. */
static void
text_of(json_t *o, const char *key, char *out, struct field_errors *fe)
{
	json_t *v = json_object_get(o, key);

	if (v == NULL) {
		return;
	}
	if (!json_is_string(v) || strlen(json_string_value(v)) > TEXT_MAX) {
		field_error_add(fe, key,
		    "%s ska vara en text på högst %d "
		    "tecken.",
		    key, TEXT_CHARS);
		return;
	}
	text_copy(out, TEXT_MAX + 1, json_string_value(v));
}

static void
item_of(json_t *o, struct group_item *it, struct field_errors *fe)
{
	memset(it, 0, sizeof(*it));
	if (!json_is_object(o)) {
		field_error_add(fe, "items", "En punkt ska vara ett objekt.");
		return;
	}
	api_check_keys(o,
	    (const char *const[]){ "case_id", "need_id", "note", "id", "title",
		NULL },
	    fe);
	it->case_id = id_of(o, "case_id", fe);
	it->need_id = id_of(o, "need_id", fe);
	text_of(o, "note", it->note, fe);
}

static void
answer(struct req *r, int err, const struct field_errors *fe, int status,
    int64_t id)
{
	struct group_meeting *g;

	if (err == B_INVALID) {
		api_error_fields(r, fe);
		return;
	}
	if (err != B_OK) {
		api_error_berr(r, err);
		return;
	}
	g = xmalloc(sizeof(*g));
	err = store_group_get(r->st, id, g);
	if (err == B_OK) {
		api_json(r, status, group_json(g));
	} else {
		api_error_berr(r, err);
	}
	free(g);
}

void
api_groups_list(struct req *r)
{
	struct group_meeting_brief *v = NULL;
	size_t n = 0;
	json_t *arr;
	int err = svc_group_access(&r->app, r->id[0], false);

	if (err == B_OK) {
		err = store_group_list(r->st, r->id[0], 0, &v, &n);
	}
	if (err != B_OK) {
		api_error_berr(r, err);
		return;
	}
	arr = json_array();
	for (size_t i = 0; i < n; i++) {
		json_t *o = json_object();

		json_object_set_new(o, "id", json_integer(v[i].id));
		json_object_set_new(o, "forbund_id",
		    json_integer(v[i].forbund_id));
		json_object_set_new(o, "date", json_string(v[i].date));
		json_object_set_new(o, "items", json_integer(v[i].nitems));
		json_array_append_new(arr, o);
	}
	free(v);
	api_json(r, 200, arr);
}

void
api_groups_create(struct req *r)
{
	struct group_meeting *g = xcalloc(1, sizeof(*g));
	struct field_errors fe;
	json_t *o = NULL, *d;
	int err;

	field_errors_init(&fe);
	if ((err = svc_group_access(&r->app, r->id[0], true)) != B_OK) {
		api_error_berr(r, err);
		goto out;
	}
	if (!api_body(r, &o)) {
		goto out;
	}
	api_check_keys(o, (const char *const[]){ "date", NULL }, &fe);
	d = json_object_get(o, "date");
	if (json_is_string(d)) {
		text_copy(g->date, sizeof(g->date), json_string_value(d));
	}
	g->forbund_id = r->id[0];
	err = fe.n > 0 ? B_INVALID : svc_group_create(&r->app, g, &fe);
	answer(r, err, &fe, 201, g->id);
out:
	json_decref(o);
	free(g);
}

void
api_group_get(struct req *r)
{
	struct group_meeting *g = xmalloc(sizeof(*g));
	int err = svc_group_get(&r->app, r->id[0], false, g);

	if (err != B_OK) {
		api_error_berr(r, err);
	} else {
		api_json(r, 200, group_json(g));
	}
	free(g);
}

void
api_group_patch(struct req *r)
{
	struct group_meeting *g = xmalloc(sizeof(*g));
	struct field_errors fe;
	json_t *o = NULL, *v;
	size_t i;
	int err;

	field_errors_init(&fe);
	if ((err = svc_group_get(&r->app, r->id[0], true, g)) != B_OK) {
		api_error_berr(r, err);
		goto out;
	}
	if (!api_body(r, &o)) {
		goto out;
	}
	api_check_keys(o,
	    (const char *const[]){ "date", "attendees", "minutes", "items",
		NULL },
	    &fe);
	if ((v = json_object_get(o, "date")) != NULL) {
		if (json_is_string(v)) {
			text_copy(g->date, sizeof(g->date),
			    json_string_value(v));
		} else {
			field_error_add(&fe, "date",
			    "date ska vara ett datum.");
		}
	}
	text_of(o, "minutes", g->minutes, &fe);
	if ((v = json_object_get(o, "attendees")) != NULL) {
		if (!json_is_array(v) || json_array_size(v) > MAX_PARTIES) {
			field_error_add(&fe, "attendees",
			    "attendees ska vara en lista med parternas id.");
		} else {
			g->nattend = 0;
			for (i = 0; i < json_array_size(v); i++) {
				json_t *x = json_array_get(v, i);

				if (!json_is_integer(x)) {
					field_error_add(&fe, "attendees",
					    "attendees ska vara id.");
					break;
				}
				g->attend[g->nattend++] =
				    (int64_t)json_integer_value(x);
			}
		}
	}
	if ((v = json_object_get(o, "items")) != NULL) {
		if (!json_is_array(v) || json_array_size(v) > GROUP_ITEMS_MAX) {
			field_error_add(&fe, "items",
			    "items ska vara en lista med högst %d punkter.",
			    GROUP_ITEMS_MAX);
		} else {
			g->nitems = json_array_size(v);
			for (i = 0; i < g->nitems; i++) {
				item_of(json_array_get(v, i), &g->items[i],
				    &fe);
			}
		}
	}
	err = fe.n > 0 ? B_INVALID : svc_group_save(&r->app, g, &fe);
	answer(r, err, &fe, 200, g->id);
out:
	json_decref(o);
	free(g);
}

void
api_group_item_add(struct req *r)
{
	struct group_item *it = xmalloc(sizeof(*it));
	struct group_meeting *g = xmalloc(sizeof(*g));
	struct field_errors fe;
	json_t *o = NULL;
	int err;

	field_errors_init(&fe);
	if ((err = svc_group_get(&r->app, r->id[0], true, g)) != B_OK) {
		api_error_berr(r, err);
		goto out;
	}
	if (!api_body(r, &o)) {
		goto out;
	}
	api_check_keys(o,
	    (const char *const[]){ "case_id", "need_id", "note", NULL }, &fe);
	item_of(o, it, &fe);
	err = fe.n > 0 ? B_INVALID
		       : svc_group_item_add(&r->app, r->id[0], it, &fe);
	answer(r, err, &fe, 201, r->id[0]);
out:
	json_decref(o);
	free(g);
	free(it);
}
