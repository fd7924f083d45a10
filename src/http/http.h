/*
 * http.h - the HTTP server (http.c: libmicrohttpd glue, worker stores,
 * shutdown) and the dispatcher (http_dispatch.c: route matching, policy,
 * form bodies). Only cmd_serve and the web/ layer use this.
 */
#ifndef BERED_HTTP_H
#define BERED_HTTP_H

#include <stdbool.h>

#include "req.h"

/* Bodies larger than their route takes answer 413 (http_body_limit). */
#define HTTP_BODY_MAX        (256 * 1024)
#define HTTP_SMALL_BODY_MAX  8192 /* login and logout forms */
/* An upload (P_UPLOAD): the file and room for the multipart framing and
 * the form's other fields. */
#define HTTP_UPLOAD_BODY_MAX (DOC_MAX_BYTES + 64 * 1024)
#define HTTP_QUERY_MAX       4096 /* longer (decoded) queries answer 414 */
/*
 * Request headers (names and values) beyond this answer Bered's own 431.
 * Well below the per-connection memory pool (CONN_MEMORY, about 14 KB of
 * headers), past which libmicrohttpd answers with its own page.
 */
#define HTTP_HEADERS_MAX     (8 * 1024)

/*
 * Connections the server holds at once, and by default from one address
 * (libmicrohttpd refuses the rest), so that one client cannot take them
 * all. An office behind one NAT address has a few connections per person
 * working at that moment; --conn-per-ip raises the limit for it.
 */
#define HTTP_CONN_LIMIT  512
#define HTTP_CONN_PER_IP 64

struct serve_opts {
	const char *db;       /* store URL, opened per worker */
	const char *listen;   /* "HOST:PORT", "[::1]:PORT"; 0 = any port */
	unsigned threads;     /* 0 = number of CPUs, at least 2 */
	unsigned conn_per_ip; /* 0 = HTTP_CONN_PER_IP; off with trust_proxy */
	/*
	 * Behind a reverse proxy: the client address (login throttling,
	 * logs) is the last address of X-Forwarded-For, the one the proxy
	 * added; the socket's address when the header is missing or bad.
	 */
	bool trust_proxy;
	struct app_config cfg;
	/* --smtp, --mail-from, --base-url (cmd_serve starts the mailer). */
	struct {
		const char *smtp_url, *from, *base_url;
	} mail_flags;
};

/*
 * Serves until SIGINT or SIGTERM, then lets requests in flight finish and
 * returns 0; 1 (message on stderr) if the server cannot start. Prints
 * "listening on http://HOST:PORT" on stdout once it accepts connections.
 */
int http_serve(const struct serve_opts *o);

/* Zeroes r and sets the defaults (status 200, HTML). */
void req_init(struct req *r);
/* Frees everything r owns (body, form, headers, out). */
void req_free(struct req *r);
/*
 * Routes r (method, path, body, conn and st set by the caller), enforces
 * the route's policy and runs the handler. The response is left in r.
 * http_admit is its first half, run from the headers before a body is
 * read: the route, who is asking and the login the route needs; false if
 * it answered r (404, 405, 401, 303 to the login page, 503). http_dispatch
 * runs it unless it has run already.
 */
void http_dispatch(struct req *r);

bool http_admit(struct req *r);
struct route;
/* The largest body the route takes (0: none is kept). */
size_t http_body_limit(const struct route *rt);
/* Answers 413 with the limit of r's route. */
void http_body_too_large(struct req *r);
/* True for paths answered in JSON (errors included). */
bool http_is_api_path(const char *path);
/* An error as the path calls for: JSON for the API, else an HTML page. */
void http_fail(struct req *r, int status, const char *code,
    const char *message);
/* Writes a JSON error in API.md's shape into r (status, code, message). */
void http_json_error(struct req *r, int status, const char *code,
    const char *message);
/*
 * Parses an application/x-www-form-urlencoded body into r->form
 * (percent-decoding, '+' as space). False on malformed encoding or too
 * many fields.
 */
bool form_parse_urlencoded(struct req *r, const char *body, size_t len);
/*
 * Parses a multipart/form-data body (a file upload) into r->form with
 * libmicrohttpd's post processor: a file's content is its field's value
 * (text only: a NUL byte refuses the form). False on a malformed body.
 */
bool form_parse_multipart(struct req *r);
/* Cookie value of name, or NULL. */
const char *req_cookie(struct req *r, const char *name);

struct route;
/*
 * The route for r->method and r->path, filling r->id and r->nid, or NULL;
 * then allow lists the methods the path has under ("" if none). Pure: no
 * connection or store is needed (the dispatcher's matcher, for tests).
 */
const struct route *http_route_find(struct req *r, char *allow,
    size_t allowlen);

#endif
