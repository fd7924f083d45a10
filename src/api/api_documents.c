/*
 * api_documents.c - documents on a case (issue 10): POST (multipart, the
 * body streamed to a temporary file by http.c), the list, and the file.
 * A document is reached only through a case the caller sees: another
 * förbund's, or for the styrelse an ESF+ case's (R1), is 404 like a
 * missing one.
 */
#include <stdlib.h>
#include <string.h>

#include "api.h"
#include "api_handlers.h"
#include "app/document.h"
#include "app/svc.h"
#include "http/form.h"
#include "util/xmalloc.h"

json_t *
api_document_json(const struct document *d)
{
	json_t *o = json_object();

	json_object_set_new(o, "id", json_integer(d->id));
	json_object_set_new(o, "case_id",
	    d->case_id > 0 ? json_integer(d->case_id) : json_null());
	json_object_set_new(o, "meeting_id",
	    d->meeting_id > 0 ? json_integer(d->meeting_id) : json_null());
	json_object_set_new(o, "group_meeting_id",
	    d->group_meeting_id > 0 ? json_integer(d->group_meeting_id)
				    : json_null());
	json_object_set_new(o, "name", api_str(d->name));
	json_object_set_new(o, "kind", json_string(doc_kind_code(d->kind)));
	json_object_set_new(o, "kind_label",
	    json_string(doc_kind_label(d->kind)));
	json_object_set_new(o, "party_id",
	    d->party_id > 0 ? json_integer(d->party_id) : json_null());
	json_object_set_new(o, "size", json_integer(d->size));
	json_object_set_new(o, "sha256", json_string(d->sha256));
	json_object_set_new(o, "content_type", api_str(d->content_type));
	json_object_set_new(o, "version", json_integer(d->version));
	json_object_set_new(o, "replaces",
	    d->replaces > 0 ? json_integer(d->replaces) : json_null());
	json_object_set_new(o, "uploaded_at", json_string(d->uploaded_at));
	json_object_set_new(o, "uploaded_by", json_integer(d->uploaded_by));
	json_object_set_new(o, "uploaded_by_name",
	    api_str(d->uploaded_by_name));
	return o;
}

enum owner { OWN_CASE, OWN_MEETING, OWN_GROUP };

/* The owner of r's documents: the route's id as a case or a meeting. */
static void
owner_set(struct req *r, enum owner o, struct document *d)
{
	memset(d, 0, sizeof(*d));
	if (o == OWN_CASE) {
		d->case_id = r->id[0];
	} else if (o == OWN_MEETING) {
		d->meeting_id = r->id[0];
	} else {
		d->group_meeting_id = r->id[0];
	}
}

/* GET .../documents: every version, oldest first. */
static void
documents_list(struct req *r, enum owner o)
{
	struct arende *a = xmalloc(sizeof(*a));
	struct document *d = xmalloc(sizeof(*d)), *v = NULL;
	size_t n = 0;
	json_t *arr;
	int err;

	owner_set(r, o, d);
	err = svc_document_owner(&r->app, d, false, a);
	if (err == B_OK) {
		err = store_document_list(r->st, d->case_id, d->meeting_id,
		    d->group_meeting_id, &v, &n);
	}
	if (err != B_OK) {
		api_error_berr(r, err);
	} else {
		arr = json_array();
		for (size_t i = 0; i < n; i++) {
			json_array_append_new(arr, api_document_json(&v[i]));
		}
		api_json(r, 200, arr);
	}
	free(v);
	free(d);
	free(a);
}

/* POST .../documents: file, kind, party_id, replaces (multipart). */
static void
documents_add(struct req *r, enum owner o)
{
	struct arende *a = xmalloc(sizeof(*a));
	struct document *d = xmalloc(sizeof(*d));
	struct field_errors fe;
	struct rule_list rl;
	char msg[512];
	int err;

	field_errors_init(&fe);
	rule_list_init(&rl);
	owner_set(r, o, d);
	/* A missing owner is 404 before the body's kind is looked at. */
	if ((err = svc_document_owner(&r->app, d, false, a)) != B_OK) {
		api_error_berr(r, err);
		goto out;
	}
	if (r->upload == NULL) {
		req_upload_refuse(r);
		goto out;
	}
	if (form_document(r, &fe, d)) {
		struct document owner;

		owner_set(r, o, &owner);
		d->case_id = owner.case_id;
		d->meeting_id = owner.meeting_id;
		d->group_meeting_id = owner.group_meeting_id;
		err = svc_document_add(&r->app, d, r->upload->f, &rl, &fe);
	} else {
		err = B_INVALID;
	}
	if (err == B_UNSUPPORTED) {
		doc_type_refusal(d->content_type, msg, sizeof(msg));
		api_error(r, 415, "unsupported_media_type", msg);
	} else if (err == B_OK) {
		api_json(r, 201, api_document_json(d));
	} else if (err == B_INVALID) {
		api_error_fields(r, &fe);
	} else if (rule_failures(&rl) > 0) {
		api_error_rules(r, err == B_FORBIDDEN ? 403 : 409,
		    err == B_FORBIDDEN ? "forbidden" : "rule_failed",
		    "Dokumentet kan inte laddas upp.", &rl);
	} else {
		api_error_berr(r, err);
	}
out:
	free(d);
	free(a);
}

void
api_case_documents(struct req *r)
{
	documents_list(r, OWN_CASE);
}

void
api_case_document_add(struct req *r)
{
	documents_add(r, OWN_CASE);
}

void
api_meeting_documents(struct req *r)
{
	documents_list(r, OWN_MEETING);
}

void
api_meeting_document_add(struct req *r)
{
	documents_add(r, OWN_MEETING);
}

void
api_group_documents(struct req *r)
{
	documents_list(r, OWN_GROUP);
}

void
api_group_document_add(struct req *r)
{
	documents_add(r, OWN_GROUP);
}

/* GET /api/v1/documents/{id}: the file, if its owner is one the caller
 * sees. */
void
api_document_get(struct req *r)
{
	struct document *d = xmalloc(sizeof(*d));
	int err = svc_document_get(&r->app, r->id[0], d);

	if (err != B_OK) {
		api_error_berr(r, err);
	} else {
		req_send_document(r, d);
	}
	free(d);
}

static const char *const search_types[] = {
	[SEARCH_CASE] = "case",
	[SEARCH_NEED] = "need",
	[SEARCH_COMMENT] = "comment",
	[SEARCH_DOCUMENT] = "document",
};

/*
 * A hit's snippet as plain text in "snippet" and where its matching
 * words are in "marks": [[from, to), ...] in characters (code points).
 */
static void
snippet_json(json_t *o, const char *s)
{
	json_t *marks = json_array(), *m = NULL;
	struct buf plain;
	int64_t at = 0;

	buf_init(&plain);
	for (; *s != '\0'; s++) {
		if (*s == SEARCH_MARK_ON) {
			json_decref(m);
			m = json_array();
			json_array_append_new(m, json_integer(at));
			continue;
		}
		if (*s == SEARCH_MARK_OFF) {
			if (m != NULL) {
				json_array_append_new(m, json_integer(at));
				json_array_append_new(marks, m);
				m = NULL;
			}
			continue;
		}
		if (((unsigned char)*s & 0xc0) != 0x80) {
			at++; /* a character starts here */
		}
		buf_putc(&plain, *s);
	}
	if (m != NULL) { /* cut inside a match: it runs to the end */
		json_array_append_new(m, json_integer(at));
		json_array_append_new(marks, m);
	}
	json_object_set_new(o, "snippet", api_str(buf_cstr(&plain)));
	json_object_set_new(o, "marks", marks);
	buf_free(&plain);
}

/* GET /api/v1/search?q=: what the caller may see, best first. */
void
api_search(struct req *r)
{
	struct search_hit *h = NULL;
	struct field_errors fe;
	size_t n = 0;
	json_t *arr;
	int err;

	field_errors_init(&fe);
	err = svc_search(&r->app, req_query(r, "q"), &h, &n, &fe);
	if (err == B_INVALID) {
		api_error_fields(r, &fe);
		return;
	}
	if (err != B_OK) {
		api_error_berr(r, err);
		return;
	}
	arr = json_array();
	for (size_t i = 0; i < n; i++) {
		json_t *o = json_object();

		json_object_set_new(o, "type",
		    json_string(search_types[h[i].type]));
		json_object_set_new(o, "id", json_integer(h[i].id));
		json_object_set_new(o, "case_id",
		    h[i].case_id > 0 ? json_integer(h[i].case_id)
				     : json_null());
		json_object_set_new(o, "title", api_str(h[i].title));
		snippet_json(o, h[i].snippet);
		json_array_append_new(arr, o);
	}
	free(h);
	api_json(r, 200, arr);
}
