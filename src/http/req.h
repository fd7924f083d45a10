/*
 * req.h - one HTTP request as handlers see it, and how they answer.
 *
 * The dispatcher (http.c) builds a struct req, enforces the route's policy
 * (login, CSRF, API token) BEFORE the handler runs, then hands the filled
 * response to libmicrohttpd. Handlers never touch libmicrohttpd: they read
 * through req_* getters and write r->out (HTML through html.h, JSON via
 * api.h). There is no global request state: everything is in struct req.
 */
#ifndef BERED_REQ_H
#define BERED_REQ_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include <sodium.h>
#include <stdio.h>

#include "app/app.h"
#include "domain/arende.h"
#include "domain/rules.h"
#include "store/store.h"
#include "util/buf.h"

#define REQ_MAX_IDS     3
#define REQ_MAX_FIELDS  128
#define REQ_MAX_HEADERS 8

struct route;

/* The file part of an upload, kept in a temporary file while it came. */
struct req_upload {
	FILE *f;         /* its content, NULL when no file part came */
	int64_t size;    /* bytes */
	char name[256];  /* the file name the client gave */
	char sha256[65]; /* hex, of the content */
	/* http layer only: the parser, the hash so far, what went wrong */
	struct MHD_PostProcessor *pp;
	crypto_hash_sha256_state sha;
	int status; /* 0, or the HTTP status that refuses the upload */
};

struct kv {
	char *key; /* owned by the req */
	char *val;
};

struct req {
	void *conn; /* struct MHD_Connection *, http.c only */
	const char *method;
	const char *path;
	const char *content_type; /* of the body, or NULL */
	const struct app_config *cfg;
	struct store *st; /* this worker's connection */
	/* What app/ operations get: st, &user, cfg, today (dispatcher). */
	struct app_ctx app;
	char remote[64]; /* client address */

	/* Who is asking (filled by the dispatcher). */
	bool logged_in;
	bool via_token; /* API bearer token */
	/* Who is asking could not be read: the database failed (503). */
	bool auth_db_failed;
	struct user user;
	struct session sess; /* valid when logged in by cookie */

	/* The route (http_admit), and whether admission has run. */
	const struct route *route;
	bool admitted;

	/* Route parameters (:id ...) in order. */
	int64_t id[REQ_MAX_IDS];
	size_t nid;

	/* The file of an upload (P_UPLOAD routes), NULL without one. */
	struct req_upload *upload;
	/*
	 * A document to send as the answer, read a chunk at a time from the
	 * store (stream_size bytes of document stream_doc), 0 = r->out.
	 */
	int64_t stream_doc;
	int64_t stream_size;

	/* The body: raw, and parsed when application/x-www-form-urlencoded. */
	struct buf body;
	bool body_too_large;
	struct kv form[REQ_MAX_FIELDS];
	size_t nform;

	/* The response. */
	int status;        /* default 200 */
	const char *ctype; /* default text/html; charset=utf-8 */
	struct buf out;
	struct kv headers[REQ_MAX_HEADERS];
	size_t nheaders;
	bool no_store; /* Cache-Control: no-store */
	/*
	 * The first store failure met while rendering a page (layout_failed):
	 * layout_end then answers with an error page for it instead of a
	 * page that silently lacks what could not be read.
	 */
	int page_err;
};

/*
 * r's path and query without the arguments named in skip (a NULL-ended
 * list), percent-encoded, ending in '?' or '&' so that more can follow:
 * the base of a Link to the next page.
 */
void req_self_url(struct req *r, const char *const *skip, struct buf *out);
/*
 * An upload (P_UPLOAD, http.c): begin creates the multipart parser (false
 * when the body is not multipart/form-data), feed passes a piece of the
 * body (the part "file" goes to a temporary file with its SHA-256 and
 * size, other parts into the form), end finishes it. feed and end return
 * 0, or the status that refuses it: 413 beyond DOC_MAX_BYTES, 400 for a
 * malformed body, 503 when the temporary file cannot be written.
 */
bool req_upload_begin(struct req *r);
/* An upload route's answer when the body was not multipart/form-data
 * (r->upload NULL): 415. */
void req_upload_refuse(struct req *r);
int req_upload_feed(struct req *r, const char *data, size_t n);
int req_upload_end(struct req *r);
/*
 * Answers with document d's content, read from the store a chunk at a
 * time: its stored type, as an attachment named as uploaded (never shown
 * as a page: nosniff and a sandboxing CSP, http.c), not cached.
 */
void req_send_document(struct req *r, const struct document *d);
/* Query-string value of name, or NULL. Pointer valid during the request. */
const char *req_query(struct req *r, const char *name);
/* Form field (urlencoded body) value of name, or NULL. */
const char *req_form(struct req *r, const char *name);
/* Request header value, or NULL. */
const char *req_header(struct req *r, const char *name);
/* Adds a response header (copied). */
void req_set_header(struct req *r, const char *name, const char *value);
/* 303 See Other to a local path (must start with '/'). */
void req_redirect(struct req *r, const char *path);
/* The CSRF token of the session ("" when not logged in by cookie). */
const char *req_csrf(struct req *r);
/* Maps an enum berr to an HTTP status (the one place that does it). */
int berr_http_status(int err);
/*
 * What a 503 says (B_UNAVAILABLE): nothing was saved now, nothing saved
 * before is lost, reading goes on. req_retry_later adds Retry-After.
 */
#define UNAVAILABLE_MESSAGE                                                    \
	"Servern kan inte spara just nu. Inget som redan är sparat har "      \
	"gått förlorat och du kan fortsätta läsa. Försök igen om en stund."
/* The same on a form page that keeps what was typed. */
#define UNAVAILABLE_FORM_MESSAGE                                               \
	"Servern kan inte spara just nu. Det du skrev finns kvar i "           \
	"formuläret och inget som redan är sparat har gått förlorat. "     \
	"Försök spara igen om en stund."
#define RETRY_AFTER_SECONDS "30"
void req_retry_later(struct req *r);
/*
 * After a handler: a write (not GET or HEAD) answered 503 marks writes as
 * failing, one that succeeded marks them working again.
 */
void req_note_write(const struct req *r);
/* True while the last write answered was refused as unavailable. */
bool req_writes_failing(void);

#endif
