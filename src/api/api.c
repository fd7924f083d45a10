/*
 * api.c - the helpers every JSON API handler (api_*.c) shares: answering
 * with JSON, errors in API.md's shape, typed getters for request bodies,
 * and the JSON shapes of the domain objects.
 *
 * The getters mirror form.c: they record a Swedish message per field in a
 * struct field_errors and never stop the handler, so one 422 names every
 * bad field. Nothing here decides a rule or a permission.
 */
#include "api.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "app/svc.h"
#include "domain/fields.h"

json_t *
api_str(const char *s)
{
	json_t *v = json_string(s != NULL ? s : "");

	/* Stored text is valid UTF-8; never let a bad byte drop a key. */
	return v != NULL ? v : json_string("");
}

/* A string, or null when empty (unset optional text). */
static json_t *
jstr_or_null(const char *s)
{
	return s == NULL || s[0] == '\0' ? json_null() : api_str(s);
}

static json_t *
jid_or_null(int64_t id)
{
	return id > 0 ? json_integer(id) : json_null();
}

void
api_json(struct req *r, int status, json_t *obj)
{
	char *s;

	r->status = status;
	r->ctype = "application/json; charset=utf-8";
	buf_reset(&r->out);
	s = obj != NULL
	    ? json_dumps(obj,
		  JSON_COMPACT | JSON_ENCODE_ANY | JSON_REAL_PRECISION(15))
	    : NULL;
	if (s != NULL) {
		buf_puts(&r->out, s);
		free(s);
	} else {
		buf_puts(&r->out, "null");
	}
	buf_putc(&r->out, '\n');
	json_decref(obj);
}

/* {"error": {"code", "message", "rules": []}}; the inner object in *inner. */
static json_t *
error_obj(const char *code, const char *message, json_t **inner)
{
	json_t *e = json_object(), *o = json_object();

	json_object_set_new(e, "code", api_str(code));
	json_object_set_new(e, "message", api_str(message));
	json_object_set_new(e, "rules", json_array());
	json_object_set_new(o, "error", e);
	if (inner != NULL) {
		*inner = e;
	}
	return o;
}

void
api_error(struct req *r, int status, const char *code, const char *message)
{
	api_json(r, status, error_obj(code, message, NULL));
}

void
api_error_rules(struct req *r, int status, const char *code,
    const char *message, const struct rule_list *rl)
{
	json_t *e, *o = error_obj(code, message, &e);

	json_object_set_new(e, "rules", api_rules_json(rl, true));
	api_json(r, status, o);
}

void
api_error_fields(struct req *r, const struct field_errors *fe)
{
	json_t *e, *o, *fields = json_array();
	size_t i;

	o = error_obj("invalid",
	    fe->n > 0 ? fe->e[0].message : "Ogiltiga uppgifter.", &e);
	for (i = 0; i < fe->n; i++) {
		json_t *f = json_object();

		json_object_set_new(f, "field", api_str(fe->e[i].field));
		json_object_set_new(f, "message", api_str(fe->e[i].message));
		json_array_append_new(fields, f);
	}
	json_object_set_new(e, "fields", fields);
	api_json(r, 422, o);
}

void
api_error_berr(struct req *r, int err)
{
	switch (err) {
	case B_NOTFOUND:
		api_error(r, berr_http_status(err), "not_found",
		    "Hittades inte.");
		break;
	case B_FORBIDDEN:
		api_error(r, berr_http_status(err), "forbidden",
		    "Du har inte behörighet till detta.");
		break;
	case B_INVALID:
		api_error(r, berr_http_status(err), "invalid",
		    "Ogiltiga uppgifter.");
		break;
	case B_CONFLICT:
		api_error(r, berr_http_status(err), "conflict",
		    "Uppgifterna har ändrats eller krockar med befintliga; "
		    "läs in dem igen.");
		break;
	case B_UNAVAILABLE:
		req_retry_later(r);
		api_error(r, berr_http_status(err), "unavailable",
		    UNAVAILABLE_MESSAGE);
		break;
	default:
		api_error(r, berr_http_status(B_INTERNAL), "internal",
		    "Ett internt fel inträffade.");
		break;
	}
}

bool
api_is_json_type(const char *ctype)
{
	size_t n = strlen("application/json");

	if (ctype == NULL || strncasecmp(ctype, "application/json", n) != 0) {
		return false;
	}
	/* Parameters such as "; charset=utf-8" may follow, nothing else. */
	ctype += n;
	while (*ctype == ' ' || *ctype == '\t') {
		ctype++;
	}
	return *ctype == '\0' || *ctype == ';';
}

bool
api_body(struct req *r, json_t **out)
{
	json_error_t jerr;
	json_t *o;
	char msg[300];

	*out = NULL;
	if (r->body_too_large) {
		api_error(r, 413, "too_large", "Förfrågan är för stor.");
		return false;
	}
	if (!api_is_json_type(r->content_type)) {
		api_error(r, 415, "unsupported_media_type",
		    "Kroppen ska skickas som application/json.");
		return false;
	}
	if (r->body.len == 0 || r->body.p == NULL) {
		api_error(r, 400, "malformed_json",
		    "Förfrågan saknar en JSON-kropp.");
		return false;
	}
	o = json_loadb(r->body.p, r->body.len, JSON_REJECT_DUPLICATES, &jerr);
	if (o == NULL) {
		snprintf(msg, sizeof(msg), "Ogiltig JSON (rad %d, kolumn %d).",
		    jerr.line, jerr.column);
		api_error(r, 400, "malformed_json", msg);
		return false;
	}
	if (!json_is_object(o)) {
		struct field_errors fe;

		json_decref(o);
		field_errors_init(&fe);
		field_error_add(&fe, "body",
		    "Kroppen måste vara ett JSON-objekt.");
		api_error_fields(r, &fe);
		return false;
	}
	*out = o;
	return true;
}

bool
json_has(json_t *o, const char *field)
{
	return o != NULL && json_object_get(o, field) != NULL;
}

/* The value of field, or NULL when absent or null. */
static json_t *
value(json_t *o, const char *field)
{
	json_t *v = o != NULL ? json_object_get(o, field) : NULL;

	return v == NULL || json_is_null(v) ? NULL : v;
}

/*
 * True when v is absent (or null): then *ok is the getter's answer,
 * which is an error naming field only when the value is required.
 */
static bool
absent(json_t *v, struct field_errors *fe, const char *field, bool required,
    bool *ok)
{
	if (v != NULL) {
		return false;
	}
	if (required) {
		field_error_add(fe, field, "%s måste anges.", field);
	}
	*ok = !required;
	return true;
}

static bool
is_space(char c)
{
	return c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == '\f' ||
	    c == '\v';
}

bool
json_text(json_t *o, struct field_errors *fe, const char *field, char *out,
    size_t outsz, bool required, bool multiline)
{
	json_t *v = value(o, field);
	const char *s;
	size_t len;
	bool ok;

	if (outsz == 0) {
		return false;
	}
	out[0] = '\0';
	if (absent(v, fe, field, required, &ok)) {
		return ok;
	}
	if (!json_is_string(v)) {
		field_error_add(fe, field, "%s måste vara en textsträng.",
		    field);
		return false;
	}
	s = json_string_value(v);
	len = json_string_length(v);
	if (strlen(s) != len || !text_valid_utf8(s, multiline)) {
		field_error_add(fe, field, "%s innehåller otillåtna tecken.",
		    field);
		return false;
	}
	while (len > 0 && is_space(*s)) {
		s++;
		len--;
	}
	while (len > 0 && is_space(s[len - 1])) {
		len--;
	}
	if (len >= outsz || text_chars_n(s, len) > TEXT_LIMIT(outsz)) {
		field_error_add(fe, field, "%s får vara högst %zu tecken.",
		    field, (size_t)TEXT_LIMIT(outsz));
		return false;
	}
	memcpy(out, s, len);
	out[len] = '\0';
	if (len == 0 && required) {
		field_error_add(fe, field, "%s måste fyllas i.", field);
		return false;
	}
	return true;
}

bool
json_int64(json_t *o, struct field_errors *fe, const char *field, int64_t *out,
    int64_t min, int64_t max, bool required)
{
	json_t *v = value(o, field);
	json_int_t x;
	bool ok;

	if (absent(v, fe, field, required, &ok)) {
		return ok;
	}
	if (!json_is_integer(v)) {
		field_error_add(fe, field, "%s måste vara ett heltal.", field);
		return false;
	}
	x = json_integer_value(v);
	if (x < min || x > max) {
		field_error_add(fe, field,
		    "%s måste vara mellan %lld och %lld.", field,
		    (long long)min, (long long)max);
		return false;
	}
	*out = (int64_t)x;
	return true;
}

bool
json_date(json_t *o, struct field_errors *fe, const char *field,
    char out[DATE_LEN], bool required)
{
	json_t *v = value(o, field);
	const char *s;
	bool ok;

	out[0] = '\0';
	if (absent(v, fe, field, required, &ok)) {
		return ok;
	}
	s = json_is_string(v) ? json_string_value(v) : NULL;
	if (s == NULL || json_string_length(v) != DATE_LEN - 1 ||
	    !date_valid(s)) {
		field_error_add(fe, field,
		    "%s måste vara ett datum på formen ÅÅÅÅ-MM-DD.", field);
		return false;
	}
	memcpy(out, s, DATE_LEN);
	return true;
}

bool
json_bool(json_t *o, struct field_errors *fe, const char *field, bool *out,
    bool required)
{
	json_t *v = value(o, field);
	bool ok;

	if (absent(v, fe, field, required, &ok)) {
		return ok;
	}
	if (!json_is_boolean(v)) {
		field_error_add(fe, field, "%s måste vara true eller false.",
		    field);
		return false;
	}
	*out = json_is_true(v);
	return true;
}

json_t *
api_rules_json(const struct rule_list *rl, bool failing_only)
{
	json_t *a = json_array();
	size_t i;

	for (i = 0; rl != NULL && i < rl->n; i++) {
		json_t *o;

		if (failing_only && rl->r[i].ok) {
			continue;
		}
		o = json_object();
		json_object_set_new(o, "rule", api_str(rl->r[i].rule));
		json_object_set_new(o, "ok", json_boolean(rl->r[i].ok));
		json_object_set_new(o, "message", api_str(rl->r[i].message));
		json_array_append_new(a, o);
	}
	return a;
}

json_t *
api_party_json(const struct party *p)
{
	json_t *o = json_object();

	json_object_set_new(o, "id", json_integer(p->id));
	json_object_set_new(o, "kind", api_str(party_kind_code(p->kind)));
	json_object_set_new(o, "code", api_str(p->code));
	json_object_set_new(o, "name", api_str(p->name));
	return o;
}

json_t *
api_date_or_null(const char *d)
{
	/* An unset date is "", like unset optional text. */
	return jstr_or_null(d);
}

static json_t *
code_or_null(const char *code)
{
	return code == NULL ? json_null() : api_str(code);
}

/*
 * The JSON of one field of domain/fields.h at base: texts that are never
 * empty (the title, the description) as strings, others null when empty;
 * dates, ids and money null when not set; codes as their API names.
 */
static json_t *
field_json(const struct field_def *f, const void *base)
{
	const char *p = (const char *)base + f->off;
	int64_t v;
	int e;

	switch (f->type) {
	case FT_TEXT:
		return f->flags & FF_REQUIRED ? api_str(p) : jstr_or_null(p);
	case FT_LONGTEXT:
		return api_str(p);
	case FT_DATE:
		return api_date_or_null(p);
	case FT_BOOL:
		return json_boolean(*(const bool *)p);
	case FT_ID:
	case FT_CALL:
	case FT_PARTY:
		memcpy(&v, p, sizeof(v));
		return jid_or_null(v);
	case FT_MONEY:
		memcpy(&v, p, sizeof(v));
		return v >= 0 ? json_integer(v) : json_null();
	case FT_REASON:
		memcpy(&e, p, sizeof(e));
		return e != REASON_NONE ? code_or_null(reason_code(e))
					: json_null();
	case FT_AGP:
		memcpy(&e, p, sizeof(e));
		return e != AGP_NONE ? code_or_null(agarprovning_code(e))
				     : json_null();
	case FT_BESLUT:
		memcpy(&e, p, sizeof(e));
		return e != BESLUT_NONE ? code_or_null(beslut_code(e))
					: json_null();
	}
	return json_null();
}

static json_t *
party_row_json(const struct party_row *p)
{
	json_t *o = json_object();

	json_object_set_new(o, "party_id", json_integer(p->party_id));
	json_object_set_new(o, "kind", api_str(party_kind_code(p->kind)));
	json_object_set_new(o, "name", api_str(p->party_name));
	for (size_t i = 0; i < nparty_fields; i++) {
		json_object_set_new(o, party_fields[i].name,
		    field_json(&party_fields[i], p));
	}
	return o;
}

/* One comment as the API shows it: {id, at, user_id, user_name, text}. */
json_t *
api_comment_json(const struct history_entry *h)
{
	json_t *o = json_object();

	json_object_set_new(o, "id", json_integer(h->id));
	json_object_set_new(o, "at", api_str(h->at));
	json_object_set_new(o, "user_id", jid_or_null(h->user_id));
	json_object_set_new(o, "user_name", api_str(h->user_name));
	json_object_set_new(o, "text", api_str(h->comment));
	return o;
}

/* The comments among the history entries, oldest first. */
static json_t *
comments_json(const struct history_entry *h, size_t nh)
{
	json_t *a = json_array();

	for (size_t i = 0; h != NULL && i < nh; i++) {
		if (h[i].is_comment) {
			json_array_append_new(a, api_comment_json(&h[i]));
		}
	}
	return a;
}

static json_t *
history_json(const struct history_entry *h, size_t nh)
{
	json_t *a = json_array();
	size_t i;

	for (i = 0; h != NULL && i < nh; i++) {
		json_t *o = json_object();
		bool from = h[i].from >= 0 && h[i].from < ST__COUNT;
		bool to = h[i].to >= 0 && h[i].to < ST__COUNT;

		json_object_set_new(o, "at", api_str(h[i].at));
		json_object_set_new(o, "user_id", jid_or_null(h[i].user_id));
		json_object_set_new(o, "user_name", api_str(h[i].user_name));
		/* A field change has neither state; creation only a "to". */
		json_object_set_new(o, "type",
		    api_str(h[i].is_comment ? "comment"
			    : from && to    ? "transition"
			    : to            ? "created"
					    : "change"));
		json_object_set_new(o, "from",
		    from ? api_str(state_code((enum state)h[i].from))
			 : json_null());
		json_object_set_new(o, "to",
		    to ? api_str(state_code((enum state)h[i].to))
		       : json_null());
		json_object_set_new(o, "comment", api_str(h[i].comment));
		json_array_append_new(a, o);
	}
	return a;
}

json_t *
api_case_json(const struct arende *a, const struct history_entry *h, size_t nh)
{
	json_t *o = json_object(), *parties = json_array();
	size_t i;

	json_object_set_new(o, "id", json_integer(a->id));
	json_object_set_new(o, "forbund_id", json_integer(a->forbund_id));
	json_object_set_new(o, "kind", api_str(kind_code(a->kind)));
	json_object_set_new(o, "state", api_str(state_code(a->state)));
	json_object_set_new(o, "state_label", api_str(state_label(a->state)));
	for (i = 0; i < ncase_fields; i++) {
		json_object_set_new(o, case_fields[i].name,
		    field_json(&case_fields[i], a));
	}
	json_object_set_new(o, "version", json_integer(a->version));
	for (i = 0; i < a->nparties && i < MAX_PARTIES; i++) {
		json_array_append_new(parties, party_row_json(&a->parties[i]));
	}
	json_object_set_new(o, "parties", parties);
	json_object_set_new(o, "history", history_json(h, nh));
	json_object_set_new(o, "comments", comments_json(h, nh));
	return o;
}

json_t *
api_user_json(const struct user *u)
{
	json_t *o = json_object();

	json_object_set_new(o, "id", json_integer(u->id));
	json_object_set_new(o, "email", api_str(u->email));
	json_object_set_new(o, "name", api_str(u->name));
	json_object_set_new(o, "role", api_str(role_code(u->role)));
	json_object_set_new(o, "forbund_id", jid_or_null(u->forbund_id));
	json_object_set_new(o, "party_id", jid_or_null(u->party_id));
	json_object_set_new(o, "active", json_boolean(u->active));
	json_object_set_new(o, "notifications",
	    api_str(notify_code(u->notify)));
	return o;
}

json_t *
api_call_json(const struct utlysning *c)
{
	json_t *o = json_object();

	json_object_set_new(o, "id", json_integer(c->id));
	json_object_set_new(o, "title", api_str(c->title));
	json_object_set_new(o, "reference", api_str(c->reference));
	json_object_set_new(o, "opens", api_date_or_null(c->opens));
	json_object_set_new(o, "closes", api_date_or_null(c->closes));
	json_object_set_new(o, "programomrade", api_str(c->programomrade));
	json_object_set_new(o, "esf_share_pct", json_integer(c->esf_share_pct));
	return o;
}

json_t *
api_need_json(const struct need *n)
{
	json_t *o = json_object();

	json_object_set_new(o, "id", json_integer(n->id));
	json_object_set_new(o, "forbund_id", json_integer(n->forbund_id));
	json_object_set_new(o, "malgrupp", api_str(n->malgrupp));
	json_object_set_new(o, "behov", api_str(n->behov));
	json_object_set_new(o, "utbud", api_str(n->utbud));
	json_object_set_new(o, "created_on", api_date_or_null(n->created_on));
	return o;
}

void
api_check_keys(json_t *o, const char *const *allowed, struct field_errors *fe)
{
	const char *key;
	const char *const *k;
	json_t *v;

	json_object_foreach(o, key, v)
	{
		(void)v;
		for (k = allowed; *k != NULL && strcmp(*k, key) != 0; k++) {
			continue;
		}
		if (*k == NULL) {
			/* A cut inside a character would void the message. */
			field_error_add(fe, key, "Okänt fält: %.*s.",
			    (int)text_prefix(key, 40), key);
		}
	}
}

bool
api_load_case(struct req *r, int64_t id, struct arende *a)
{
	int err = svc_case_get(&r->app, id, a);

	if (err != B_OK) {
		api_error_berr(r, err);
		return false;
	}
	return true;
}

bool
api_page_args(struct req *r, size_t *limit, int64_t *after)
{
	const char *l = req_query(r, "limit"), *a = req_query(r, "after");
	struct field_errors fe;
	int64_t v;

	field_errors_init(&fe);
	*limit = API_PAGE_DEFAULT;
	*after = 0;
	if (l != NULL) {
		if (!parse_int64(l, &v) || v < 1 || v > API_PAGE_MAX) {
			field_error_add(&fe, "limit",
			    "limit måste vara ett heltal 1-%d.", API_PAGE_MAX);
		} else {
			*limit = (size_t)v;
		}
	}
	if (a != NULL && (!parse_int64(a, after) || *after < 0)) {
		field_error_add(&fe, "after",
		    "after måste vara id:t på föregående sidas sista rad.");
	}
	if (fe.n > 0) {
		api_error_fields(r, &fe);
		return false;
	}
	return true;
}

void
api_page_headers(struct req *r, int64_t total, bool more, size_t limit,
    int64_t last)
{
	static const char *const skip[] = { "limit", "after", NULL };
	struct buf b;
	char v[32];

	snprintf(v, sizeof(v), "%lld", (long long)total);
	req_set_header(r, "X-Total-Count", v);
	if (!more) {
		return;
	}
	buf_init(&b);
	buf_putc(&b, '<');
	req_self_url(r, skip, &b);
	buf_printf(&b, "limit=%zu&after=%lld>; rel=\"next\"", limit,
	    (long long)last);
	req_set_header(r, "Link", buf_cstr(&b));
	buf_free(&b);
}

bool
api_page_list(struct req *r, const int64_t *ids, size_t n, size_t *start,
    size_t *end)
{
	struct field_errors fe;
	size_t limit;
	int64_t after;

	if (!api_page_args(r, &limit, &after)) {
		return false;
	}
	*start = 0;
	if (after > 0) {
		while (*start < n && ids[*start] != after) {
			(*start)++;
		}
		if (*start == n) {
			field_errors_init(&fe);
			field_error_add(&fe, "after",
			    "after nämner ingen rad i listan.");
			api_error_fields(r, &fe);
			return false;
		}
		(*start)++;
	}
	*end = n - *start > limit ? *start + limit : n;
	api_page_headers(r, (int64_t)n,
	    *end<n, limit, *end> 0 ? ids[*end - 1] : 0);
	return true;
}

bool
api_export(struct req *r, const char *name, struct export *x)
{
	const char *format = req_query(r, "format"), *ctype = NULL;
	struct field_errors fe;
	char disp[128];
	int err;

	if (format == NULL) {
		export_free(x);
		return false;
	}
	if (!export_format_ok(format)) {
		field_errors_init(&fe);
		field_error_add(&fe, "format", "format är csv eller xlsx.");
		api_error_fields(r, &fe);
		export_free(x);
		return true;
	}
	buf_reset(&r->out);
	err = export_render(x, format, name, &ctype, disp, &r->out);
	export_free(x);
	if (err != B_OK) {
		api_error_berr(r, err);
		return true;
	}
	r->status = 200;
	r->ctype = ctype;
	req_set_header(r, "Content-Disposition", disp);
	return true;
}
