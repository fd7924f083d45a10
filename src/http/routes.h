/*
 * routes.h - the one route table. The handlers it names are declared by
 * their layers: ui/ui_handlers.h (pages) and api/api_handlers.h (JSON).
 *
 * Policy lives in the table, not in handlers: the dispatcher enforces it
 * before a handler runs. A path that matches no route is 404; a path that
 * matches with another method is 405 (with Allow). ":id" matches a
 * positive decimal int64 and fills r->id[] in order; anything else in its
 * place is 404. A final "*" segment matches any rest of the path.
 */
#ifndef BERED_ROUTES_H
#define BERED_ROUTES_H

#include "api/api_handlers.h"
#include "req.h"
#include "ui/ui_handlers.h"

enum route_policy {
	P_PUBLIC = 0,
	P_LOGIN = 1 << 0,   /* page: a logged-in session, else 303 /login */
	P_CSRF = 1 << 1,    /* form POST: _csrf must equal the session's */
	P_API = 1 << 2,     /* JSON: bearer token, errors as JSON, 401 */
	P_NOSTORE = 1 << 3, /* Cache-Control: no-store (case data) */
	P_SMALL = 1 << 4,   /* a body of a few hundred bytes (login) */
	P_NODB = 1 << 5,    /* answered without the database (files) */
	/* open to a user who must first replace a one-time password */
	P_PWCHANGE = 1 << 6,
	/*
	 * multipart/form-data with one file (part "file", up to
	 * DOC_MAX_BYTES) streamed to a temporary file (r->upload), the
	 * other parts into the form (issue 10)
	 */
	P_UPLOAD = 1 << 7
};

typedef void (*handler_fn)(struct req *r);

struct route {
	const char *method;
	const char *pattern;
	handler_fn fn;
	unsigned policy;
};

extern const struct route routes[];
extern const size_t nroutes;

#endif
