/*
 * http_dispatch.c - the dispatcher: matches a request against routes[],
 * tells 404 from 405, and enforces the route's policy (API token, login,
 * CSRF, no-store) BEFORE the handler runs, so no handler can forget it.
 * Errors are JSON for API paths and HTML pages otherwise.
 * It knows nothing about sockets: http.c feeds it a filled struct req.
 */
#include <microhttpd.h>
#include <stdio.h>
#include <string.h>
#include <strings.h>

#include "auth.h"
#include "http.h"
#include "routes.h"
#include "ui/html.h"
#include "ui/layout.h"
#include "util/log.h"

bool
http_is_api_path(const char *path)
{
	return strncmp(path, "/api/", 5) == 0;
}

/* JSON string body for constant messages (escapes " \ and controls). */
static void
json_str(struct buf *b, const char *s)
{
	buf_putc(b, '"');
	for (; *s != '\0'; s++) {
		unsigned char c = (unsigned char)*s;

		if (c == '"' || c == '\\') {
			buf_putc(b, '\\');
			buf_putc(b, (char)c);
		} else if (c < 0x20) {
			buf_printf(b, "\\u%04x", c);
		} else {
			buf_putc(b, (char)c);
		}
	}
	buf_putc(b, '"');
}

void
http_json_error(struct req *r, int status, const char *code,
    const char *message)
{
	r->status = status;
	r->ctype = "application/json; charset=utf-8";
	buf_reset(&r->out);
	buf_puts(&r->out, "{\"error\":{\"code\":");
	json_str(&r->out, code);
	buf_puts(&r->out, ",\"message\":");
	json_str(&r->out, message);
	buf_puts(&r->out, ",\"rules\":[]}}");
}

void
http_fail(struct req *r, int status, const char *code, const char *message)
{
	if (http_is_api_path(r->path)) {
		http_json_error(r, status, code, message);
	} else {
		layout_error(r, status, message);
	}
}

/* Parses a positive decimal int64 segment at *s (no sign, no leading 0). */
static bool
match_id(const char **s, int64_t *out)
{
	const char *p = *s;
	int64_t v = 0;

	if (*p < '1' || *p > '9') {
		return false;
	}
	for (; *p >= '0' && *p <= '9'; p++) {
		if (v > (INT64_MAX - (*p - '0')) / 10) {
			return false;
		}
		v = v * 10 + (*p - '0');
	}
	if (*p != '\0' && *p != '/') {
		return false;
	}
	*out = v;
	*s = p;
	return true;
}

/* True if path matches pattern; ids receive the :id values. */
static bool
route_match(const char *pat, const char *path, int64_t ids[REQ_MAX_IDS],
    size_t *nid)
{
	*nid = 0;
	while (*pat != '\0') {
		if (pat[0] == '*' && pat[1] == '\0') {
			return true;
		}
		if (strncmp(pat, ":id", 3) == 0) {
			int64_t v;

			if (!match_id(&path, &v) || *nid >= REQ_MAX_IDS) {
				return false;
			}
			ids[(*nid)++] = v;
			pat += 3;
			continue;
		}
		if (*pat != *path) {
			return false;
		}
		pat++;
		path++;
	}
	return *path == '\0';
}

/*
 * The route for r, or NULL. When the path matches only under other
 * methods, allow receives them ("GET, POST") for a 405.
 */
static const struct route *
find_route(struct req *r, char *allow, size_t allowlen)
{
	const char *m = strcmp(r->method, "HEAD") == 0 ? "GET" : r->method;
	int64_t ids[REQ_MAX_IDS];
	size_t nid, alen = 0;

	allow[0] = '\0';
	for (size_t i = 0; i < nroutes; i++) {
		if (!route_match(routes[i].pattern, r->path, ids, &nid)) {
			continue;
		}
		if (strcmp(routes[i].method, m) == 0) {
			memcpy(r->id, ids, sizeof(ids));
			r->nid = nid;
			return &routes[i];
		}
		if (strstr(allow, routes[i].method) == NULL) {
			int n = snprintf(allow + alen, allowlen - alen, "%s%s",
			    alen > 0 ? ", " : "", routes[i].method);

			if (n > 0 && (size_t)n < allowlen - alen) {
				alen += (size_t)n;
			}
		}
	}
	if (strstr(allow, "GET") != NULL && strstr(allow, "HEAD") == NULL &&
	    alen + 6 < allowlen) {
		snprintf(allow + alen, allowlen - alen, ", HEAD");
	}
	return NULL;
}

const struct route *
http_route_find(struct req *r, char *allow, size_t allowlen)
{
	return find_route(r, allow, allowlen);
}

static bool
is_urlencoded(const char *ctype)
{
	const char *t = "application/x-www-form-urlencoded";
	size_t n = strlen(t);

	return ctype != NULL && strncasecmp(ctype, t, n) == 0 &&
	    (ctype[n] == '\0' || ctype[n] == ';' || ctype[n] == ' ');
}

static bool
is_multipart(const char *ctype)
{
	const char *t = "multipart/form-data";

	return ctype != NULL && strncasecmp(ctype, t, strlen(t)) == 0;
}

struct query_ctx {
	struct buf *b;
	bool first;
};

static enum MHD_Result
add_query(void *cls, enum MHD_ValueKind kind, const char *key,
    const char *value)
{
	struct query_ctx *q = cls;

	(void)kind;
	buf_putc(q->b, q->first ? '?' : '&');
	html_url(q->b, key);
	if (value != NULL) {
		buf_putc(q->b, '=');
		html_url(q->b, value);
	}
	q->first = false;
	return MHD_YES;
}

#define NEXT_MAX 1024 /* longest target remembered across the login */

/* 303 to the login page, remembering where a GET wanted to go. */
static void
login_redirect(struct req *r)
{
	struct buf target, loc;
	struct query_ctx q;

	buf_init(&target);
	buf_init(&loc);
	buf_puts(&loc, "/login");
	if (strcmp(r->method, "GET") == 0 && strcmp(r->path, "/") != 0) {
		buf_puts(&target, r->path);
		q.b = &target;
		q.first = true;
		if (r->conn != NULL) {
			MHD_get_connection_values(r->conn,
			    MHD_GET_ARGUMENT_KIND, add_query, &q);
		}
		/* A huge target would not fit the response headers. */
		if (target.len <= NEXT_MAX) {
			buf_puts(&loc, "?next=");
			html_url(&loc, buf_cstr(&target));
		}
	}
	req_redirect(r, buf_cstr(&loc));
	buf_free(&target);
	buf_free(&loc);
}

/*
 * The body a route takes: none for reads (a body sent anyway is read and
 * dropped, never kept), a few hundred bytes for the login and logout
 * forms (8 KiB: a 256-character password percent-encoded, the page to
 * return to), HTTP_BODY_MAX for the other forms and the API. A form of a case
 * holds a few texts of 4,000 characters: percent-encoded Swedish text
 * takes up to 6 bytes a character.
 */
size_t
http_body_limit(const struct route *rt)
{
	if (strcmp(rt->method, "GET") == 0 ||
	    strcmp(rt->method, "DELETE") == 0) {
		return 0;
	}
	if (rt->policy & P_SMALL) {
		return HTTP_SMALL_BODY_MAX;
	}
	if (rt->policy & P_UPLOAD) {
		return HTTP_UPLOAD_BODY_MAX; /* streamed, never held */
	}
	return HTTP_BODY_MAX;
}

/*
 * Who is asking and may they: the route (404, 405), the session (pages)
 * or the bearer token (API), and the login a page needs. Runs from the
 * headers alone, before a body is read (http.c), so an unknown client
 * never makes the server keep a body. The policy that needs the body
 * (form parsing, CSRF) is enforce_body's. False if r was answered.
 */
/* The database cannot be reached now: 503, try again later. */
static void
unavailable(struct req *r)
{
	req_retry_later(r);
	http_fail(r, 503, "unavailable",
	    "Databasen går inte att nå just nu. Försök igen om en stund.");
}

bool
http_admit(struct req *r)
{
	const struct route *rt;
	char allow[64];

	r->admitted = true;
	/* Pages show who is logged in, also on 404 and 405 pages. */
	if (!http_is_api_path(r->path) &&
	    strncmp(r->path, "/static/", 8) != 0 &&
	    strcmp(r->path, "/healthz") != 0) {
		auth_session_load(r);
	}
	rt = find_route(r, allow, sizeof(allow));
	if (rt == NULL && allow[0] != '\0') {
		req_set_header(r, "Allow", allow);
		http_fail(r, 405, "method_not_allowed",
		    "Metoden är inte tillåten för den här adressen.");
		return false;
	}
	if (rt == NULL) {
		http_fail(r, 404, "not_found", "Sidan finns inte.");
		return false;
	}
	r->route = rt;
	if (rt->policy & P_NOSTORE) {
		r->no_store = true;
	}
	if (r->st == NULL && !(rt->policy & P_NODB)) {
		unavailable(r);
		return false;
	}
	if ((rt->policy & P_API) && !auth_bearer(r) && r->auth_db_failed) {
		unavailable(r);
		return false;
	}
	if ((rt->policy & P_API) && !r->logged_in) {
		req_set_header(r, "WWW-Authenticate", "Bearer");
		http_json_error(r, 401, "unauthorized",
		    "Authorization: Bearer TOKEN saknas eller är ogiltig.");
		return false;
	}
	if ((rt->policy & P_LOGIN) && !r->logged_in) {
		if (r->auth_db_failed) {
			unavailable(r); /* not "log in again" */
		} else {
			login_redirect(r);
		}
		return false;
	}
	/* A one-time password is replaced before anything else is done. */
	if ((rt->policy & P_LOGIN) && !r->via_token && r->user.must_change_pw &&
	    !(rt->policy & P_PWCHANGE)) {
		req_redirect(r, "/konto?byt=1#losenord");
		return false;
	}
	return true;
}

/* The policy that needs the body; false if r was answered. */
static bool
enforce_body(struct req *r, const struct route *rt)
{
	if (r->body.len > 0 && is_urlencoded(req_header(r, "Content-Type")) &&
	    !form_parse_urlencoded(r, r->body.p, r->body.len)) {
		http_fail(r, 400, "bad_request",
		    "Formulärdata är felaktigt kodade.");
		return false;
	}
	if (r->body.len > 0 && (rt->policy & P_CSRF) &&
	    is_multipart(req_header(r, "Content-Type")) &&
	    !form_parse_multipart(r)) {
		http_fail(r, 400, "bad_request",
		    "Den uppladdade filen kunde inte läsas (bara textfiler, "
		    "till exempel CSV, tas emot här).");
		return false;
	}
	if ((rt->policy & P_CSRF) && !auth_csrf_ok(r)) {
		http_fail(r, 403, "forbidden",
		    "Formuläret har gått ut eller kom från en annan sida. "
		    "Gå tillbaka, ladda om sidan och försök igen.");
		return false;
	}
	return true;
}

void
http_body_too_large(struct req *r)
{
	char msg[96];

	snprintf(msg, sizeof(msg), "Begäran är för stor (högst %zu KiB).",
	    (r->route != NULL ? http_body_limit(r->route) : HTTP_BODY_MAX) /
		1024);
	http_fail(r, 413, "too_large", msg);
}

void
http_dispatch(struct req *r)
{
	if (!r->admitted && !http_admit(r)) {
		return;
	}
	if (r->body_too_large) {
		http_body_too_large(r);
		return;
	}
	if (!enforce_body(r, r->route)) {
		return;
	}
	r->route->fn(r);
	req_note_write(r);
}
