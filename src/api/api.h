/*
 * api.h - helpers shared by the JSON API handlers (api_*.c): answering,
 * errors in API.md's shape, typed getters for JSON bodies (twins of
 * form.h's), and the JSON shape of the domain objects.
 *
 * Error shape: {"error": {"code", "message", "rules": [...], "fields": [...]}}.
 * Only web/ includes jansson.
 */
#ifndef BERED_API_H
#define BERED_API_H

#include <jansson.h>

#include "http/form.h"
#include "app/export.h"
#include "http/req.h"

/* Answers status with obj (reference stolen) as the body. */
void api_json(struct req *r, int status, json_t *obj);
/* {"error": {"code", "message", "rules": []}} */
void api_error(struct req *r, int status, const char *code,
    const char *message);
/* 409 (or status) listing the FAILING entries of rl as rules. */
void api_error_rules(struct req *r, int status, const char *code,
    const char *message, const struct rule_list *rl);
/* 422 naming every field of fe (code "invalid", fields: [{field, message}]). */
void api_error_fields(struct req *r, const struct field_errors *fe);
/* Maps a store error to the API error (404/403/409/500). */
void api_error_berr(struct req *r, int err);
/*
 * Parses the body as a JSON object into *out (caller json_decref()s).
 * On failure answers 413 (too large), 415 (not sent as application/json),
 * 400 (malformed) or 422 (not an object) and returns false.
 */
bool api_body(struct req *r, json_t **out);
/* True if a Content-Type value is application/json (parameters allowed). */
bool api_is_json_type(const char *ctype);

/* JSON getters: absent is fine unless required; wrong type is an error. */
bool json_text(json_t *o, struct field_errors *fe, const char *field, char *out,
    size_t outsz, bool required, bool multiline);
bool json_int64(json_t *o, struct field_errors *fe, const char *field,
    int64_t *out, int64_t min, int64_t max, bool required);
bool json_date(json_t *o, struct field_errors *fe, const char *field,
    char out[DATE_LEN], bool required); /* null -> "" */
bool json_bool(json_t *o, struct field_errors *fe, const char *field, bool *out,
    bool required);
/* True if field is present in o (even as null). */
bool json_has(json_t *o, const char *field);

/* s as a JSON string ("" for NULL or a string jansson refuses). */
json_t *api_str(const char *s);
/* Domain objects as API.md shapes. New references. */
json_t *api_rules_json(const struct rule_list *rl, bool failing_only);
json_t *api_party_json(const struct party *p);
json_t *api_case_json(const struct arende *a, const struct history_entry *h,
    size_t nh);
json_t *api_user_json(const struct user *u);
json_t *api_call_json(const struct utlysning *c);
json_t *api_need_json(const struct need *n);
json_t *api_date_or_null(const char *d);

/*
 * Adds a field error for every key of o not in allowed (NULL-terminated),
 * so that a misspelt key is refused by name instead of silently ignored.
 */
void api_check_keys(json_t *o, const char *const *allowed,
    struct field_errors *fe);
/* Loads case id visible to r->user into a; answers 404 and returns false if
 * not. */
bool api_load_case(struct req *r, int64_t id, struct arende *a);

/*
 * Paging of a list (API.md): ?limit (1-1000, default 100) and ?after (the
 * last id of the previous page). api_page_args reads them (false: answered
 * 422). api_page_headers sets X-Total-Count and, when more rows follow,
 * Link: <this URL with limit and after>; rel="next".
 */
#define API_PAGE_DEFAULT 100
#define API_PAGE_MAX     1000
bool api_page_args(struct req *r, size_t *limit, int64_t *after);
void api_page_headers(struct req *r, int64_t total, bool more, size_t limit,
    int64_t last);
/*
 * Pages a list already in memory, in its own order: ids[0..n) are its
 * rows' ids; [*start, *end) is the page after the row whose id is ?after
 * (422 when no row has it). False: answered.
 */
bool api_page_list(struct req *r, const int64_t *ids, size_t n, size_t *start,
    size_t *end);
/*
 * ?format=csv|xlsx: answers x as a download (whole selection) and returns
 * true; false when no format was asked for. An unknown format is 422.
 * Takes x either way (NULL when there is no format).
 */
bool api_export(struct req *r, const char *name, struct export *x);

/* A comment on a case (issue 10): {id, at, user_id, user_name, text}. */
json_t *api_comment_json(const struct history_entry *h);
json_t *api_document_json(const struct document *d);

#endif
