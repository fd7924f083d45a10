/*
 * http.c - the libmicrohttpd glue: starts the daemon (internal thread
 * pool on epoll), gathers each request's body into a struct req, lets
 * http_dispatch() answer it, hands the finished buffer to the daemon with
 * the security headers, logs one line, and shuts down cleanly on SIGINT
 * or SIGTERM. Each worker thread opens its own store connection once and
 * keeps it (one connection per thread, prepared statements cached on it).
 *
 * System calls decide the speed on this machine (~1 us each): a request
 * reads under one store read snapshot (one WAL read lock, two fcntl calls,
 * instead of two per query), the response buffer starts large enough for
 * most pages, and the per-connection memory pool, which libmicrohttpd
 * clears for every request, is no larger than headers need.
 *
 * The access handler queues the response only on a later call, never on
 * the first (which only sets the connection context): queuing on the
 * first call makes libmicrohttpd close every connection after the answer.
 */
#include "http.h"
#include "routes.h"

#include <arpa/inet.h>
#include <errno.h>
#include <limits.h>
#include <microhttpd.h>
#include <netinet/in.h>
#include <pthread.h>
#include <signal.h>
#include <stdarg.h>
#include <stdatomic.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <time.h>
#include <unistd.h>

#include "auth.h"
#include "util/log.h"
#include "util/xmalloc.h"

#define CONN_TIMEOUT     30 /* seconds of inactivity */
/*
 * A body must arrive within BODY_SECONDS of the headers plus a second for
 * every BODY_MIN_RATE bytes it declares, and the client may not pause for
 * longer than BODY_SECONDS: a slow body is dropped with the connection.
 * The largest body (HTTP_BODY_MAX) thus has 9 s, on a link of 64 KB/s.
 */
#define BODY_SECONDS     5
#define BODY_MIN_RATE    (64 * 1024)
/*
 * All bodies being received together may hold at most this much memory;
 * past it a body is refused with 503 and Retry-After, so slow clients
 * cannot make the server grow (issue 12).
 */
#define BODY_BUDGET      ((size_t)16 * 1024 * 1024)
#define QUERY_PARAMS_MAX 64          /* more parameters in a query answer 400 */
#define CONN_MEMORY      (16 * 1024) /* headers up to ~14 KB fit */
#define DRAIN_MAX_MS     10000       /* wait for requests in flight */
#define DISCARD_MAX      (64LL * 1024 * 1024) /* read and drop up to this */
#define OUT_RESERVE      (16 * 1024) /* response buffer to start with */
#define UPLOAD_HELD      (96 * 1024) /* an upload's parser and fields */

static const char CSP[] =
    "default-src 'self'; script-src 'self'; "
    "style-src 'self'; img-src 'self' data:; frame-ancestors 'none'; "
    "form-action 'self'; base-uri 'none'";

/* Set once before the daemon starts; read-only afterwards. */
static const struct serve_opts *server;

/* Each worker's store, and the list of all of them for shutdown. */
static _Thread_local struct store *tl_store;
static pthread_mutex_t stores_lock = PTHREAD_MUTEX_INITIALIZER;
static struct store **stores;
static size_t nstores;

static atomic_int inflight;
static atomic_size_t body_bytes; /* held by bodies being received */

struct hctx {
	struct req r;
	char *raw_path; /* the path as sent, %-escapes kept: what is routed */
	int64_t t0;     /* µs, monotonic */
	int64_t body_deadline; /* µs, monotonic: the body must be in by then */
	size_t body_max;       /* what the route keeps (http_body_limit) */
	size_t received;       /* bytes of body read so far */
	size_t budget;         /* bytes of BODY_BUDGET this body holds */
	bool started;          /* the access handler has seen the request */
	bool answered;         /* queued before the body was read */
	bool refused;          /* answered from the headers: body dropped */
	bool uri_too_long;
	bool too_many_params;
	bool headers_too_large;
};

static int64_t
now_us(void)
{
	struct timespec ts;

	clock_gettime(CLOCK_MONOTONIC, &ts);
	return (int64_t)ts.tv_sec * 1000000 + ts.tv_nsec / 1000;
}

/* This worker's store, opened on first use; NULL if it cannot be opened. */
static struct store *
worker_store(void)
{
	char err[256];
	struct store *s;

	if (tl_store != NULL) {
		return tl_store;
	}
	if (store_open(server->db, &s, err, sizeof(err)) != B_OK) {
		/* Tried again on the next request: the cause may pass. */
		log_err("worker: cannot open the database: %s", err);
		return NULL;
	}
	pthread_mutex_lock(&stores_lock);
	stores = xrealloc(stores, (nstores + 1) * sizeof(*stores));
	stores[nstores++] = s;
	pthread_mutex_unlock(&stores_lock);
	tl_store = s;
	return s;
}

static void
close_stores(void)
{
	pthread_mutex_lock(&stores_lock);
	for (size_t i = 0; i < nstores; i++) {
		store_close(stores[i]);
	}
	free(stores);
	stores = NULL;
	nstores = 0;
	pthread_mutex_unlock(&stores_lock);
}

/* Keeps the value of the last X-Forwarded-For line in *cls. */
static enum MHD_Result
last_forwarded(void *cls, enum MHD_ValueKind kind, const char *key,
    const char *value)
{
	const char **last = cls;

	(void)kind;
	if (value != NULL && strcasecmp(key, "X-Forwarded-For") == 0) {
		*last = value;
	}
	return MHD_YES;
}

/*
 * --trust-proxy: the last entry of the last X-Forwarded-For line, which
 * our proxy appended (the entries before it come from the client and
 * prove nothing), in canonical form so that one client cannot look like
 * many by spelling its address differently. False when there is none or
 * it is not a bare IPv4 or IPv6 address.
 */
static bool
forwarded_address(struct MHD_Connection *c, char *out, size_t outlen)
{
	const char *v = NULL, *p, *end;
	char addr[INET6_ADDRSTRLEN];
	unsigned char bin[sizeof(struct in6_addr)];
	int af = AF_INET;
	size_t n;

	MHD_get_connection_values(c, MHD_HEADER_KIND, last_forwarded, &v);
	if (v == NULL) {
		return false;
	}
	p = strrchr(v, ',');
	p = p != NULL ? p + 1 : v;
	while (*p == ' ' || *p == '\t') {
		p++;
	}
	end = p + strlen(p);
	while (end > p && (end[-1] == ' ' || end[-1] == '\t')) {
		end--;
	}
	n = (size_t)(end - p);
	if (n == 0 || n >= sizeof(addr)) {
		return false;
	}
	memcpy(addr, p, n);
	addr[n] = '\0';
	if (inet_pton(af, addr, bin) != 1) {
		af = AF_INET6;
		if (inet_pton(af, addr, bin) != 1) {
			return false;
		}
	}
	return inet_ntop(af, bin, out, (socklen_t)outlen) != NULL;
}

static void
client_address(struct MHD_Connection *c, char *out, size_t outlen)
{
	const union MHD_ConnectionInfo *ci;
	const struct sockaddr *sa;

	if (server->trust_proxy && forwarded_address(c, out, outlen)) {
		return;
	}
	snprintf(out, outlen, "-");
	ci = MHD_get_connection_info(c, MHD_CONNECTION_INFO_CLIENT_ADDRESS);
	if (ci == NULL || ci->client_addr == NULL) {
		return;
	}
	sa = ci->client_addr;
	if (sa->sa_family == AF_INET) {
		const struct sockaddr_in *in = (const void *)sa;

		inet_ntop(AF_INET, &in->sin_addr, out, (socklen_t)outlen);
	} else if (sa->sa_family == AF_INET6) {
		const struct sockaddr_in6 *in6 = (const void *)sa;

		inet_ntop(AF_INET6, &in6->sin6_addr, out, (socklen_t)outlen);
	}
}

/* The path for the log: no query, no control characters, bounded. */
static void
log_request(const struct hctx *h)
{
	const struct req *r = &h->r;
	char path[160];
	size_t i;

	for (i = 0; r->path[i] != '\0' && i + 1 < sizeof(path); i++) {
		unsigned char c = (unsigned char)r->path[i];

		path[i] = c < 0x20 || c == 0x7f || c == '"' ? '?' : (char)c;
	}
	path[i] = '\0';
	log_info("%s %s %d %lldus user=%lld addr=%s", r->method, path,
	    r->status, (long long)(now_us() - h->t0),
	    (long long)(r->logged_in ? r->user.id : 0), r->remote);
}

static bool
has_header(const struct req *r, const char *name)
{
	for (size_t i = 0; i < r->nheaders; i++) {
		if (strcasecmp(r->headers[i].key, name) == 0) {
			return true;
		}
	}
	return false;
}

/* Hands r's response to the daemon with the headers every answer carries. */
/* A document sent a chunk at a time (r->stream_doc): the chunk read. */
struct doc_stream {
	int64_t doc;
	int64_t seq; /* of buf, -1 none yet */
	size_t len;
	unsigned char buf[DOC_CHUNK];
};

/*
 * Called by libmicrohttpd on the connection's worker thread (so its store)
 * whenever the socket can take more: copies from the chunk holding pos,
 * reading it first when needed; one chunk is held per download.
 */
static ssize_t
doc_read(void *cls, uint64_t pos, char *out, size_t max)
{
	struct doc_stream *d = cls;
	int64_t seq = (int64_t)(pos / DOC_CHUNK);
	size_t off = (size_t)(pos % DOC_CHUNK), n;
	struct store *st = worker_store();

	if (seq != d->seq) {
		if (st == NULL ||
		    store_document_chunk(st, d->doc, seq, d->buf, &d->len) !=
			B_OK) {
			log_err("document %lld: chunk %lld could not be read",
			    (long long)d->doc, (long long)seq);
			return MHD_CONTENT_READER_END_WITH_ERROR;
		}
		d->seq = seq;
	}
	if (off >= d->len) {
		return MHD_CONTENT_READER_END_WITH_ERROR;
	}
	n = d->len - off < max ? d->len - off : max;
	memcpy(out, d->buf + off, n);
	return (ssize_t)n;
}

static struct MHD_Response *
doc_response(const struct req *r)
{
	struct doc_stream *d = xmalloc(sizeof(*d));
	struct MHD_Response *resp;

	d->doc = r->stream_doc;
	d->seq = -1;
	d->len = 0;
	resp = MHD_create_response_from_callback((uint64_t)r->stream_size,
	    64 * 1024, doc_read, d, free);
	if (resp == NULL) {
		free(d);
	}
	return resp;
}

static enum MHD_Result
respond(struct MHD_Connection *c, struct hctx *h)
{
	struct req *r = &h->r;
	struct MHD_Response *resp;
	enum MHD_Result ret;
	size_t len = r->out.len;
	char *body = buf_detach(&r->out);

	if (r->stream_doc > 0 && r->status == 200) {
		free(body);
		resp = doc_response(r);
		body = NULL;
	} else {
		resp = MHD_create_response_from_buffer(len, body,
		    MHD_RESPMEM_MUST_FREE);
	}
	if (resp == NULL) {
		free(body);
		return MHD_NO;
	}
	MHD_add_response_header(resp, "Content-Type", r->ctype);
	/* A document can never run as a page of Bered (issue 10). */
	MHD_add_response_header(resp, "Content-Security-Policy",
	    r->stream_doc > 0 ? "default-src 'none'; sandbox" : CSP);
	MHD_add_response_header(resp, "X-Content-Type-Options", "nosniff");
	MHD_add_response_header(resp, "Referrer-Policy", "same-origin");
	MHD_add_response_header(resp, "X-Frame-Options", "DENY");
	if (r->no_store && !has_header(r, "Cache-Control")) {
		MHD_add_response_header(resp, "Cache-Control", "no-store");
	}
	for (size_t i = 0; i < r->nheaders; i++) {
		MHD_add_response_header(resp, r->headers[i].key,
		    r->headers[i].val);
	}
	ret = MHD_queue_response(c, (unsigned)r->status, resp);
	MHD_destroy_response(resp);
	if (h->body_deadline != 0) {
		/* The next request on this connection waits as long as any. */
		(void)MHD_set_connection_option(c,
		    MHD_CONNECTION_OPTION_TIMEOUT, (unsigned)CONN_TIMEOUT);
	}
	h->answered = true;
	log_request(h);
	return ret;
}

/* The declared body length, or -1 when none (chunked) or malformed. */
static long long
declared_length(struct MHD_Connection *c)
{
	const char *cl =
	    MHD_lookup_connection_value(c, MHD_HEADER_KIND, "Content-Length");
	char *end;
	unsigned long long n;

	if (cl == NULL) {
		return -1;
	}
	errno = 0;
	n = strtoull(cl, &end, 10);
	if (errno != 0 || *end != '\0' || n > LLONG_MAX) {
		return LLONG_MAX;
	}
	return (long long)n;
}

/*
 * A too large body is refused at once when the client waits for "100
 * Continue" or the body is huge. Otherwise it is read and thrown away
 * (never kept), because a client still sending when the connection
 * closes gets a broken pipe instead of the 413.
 */
static bool
refuse_at_once(struct MHD_Connection *c, long long len)
{
	const char *expect =
	    MHD_lookup_connection_value(c, MHD_HEADER_KIND, "Expect");

	return len > DISCARD_MAX ||
	    (expect != NULL && strcasecmp(expect, "100-continue") == 0);
}

static enum MHD_Result
add_arg_len(void *cls, enum MHD_ValueKind kind, const char *key,
    const char *value)
{
	size_t *len = cls;

	(void)kind;
	*len += strlen(key) + (value != NULL ? strlen(value) : 0) + 2;
	return MHD_YES;
}

/* Request headers beyond HTTP_HEADERS_MAX bytes are refused (431). */
static bool
headers_too_large(struct MHD_Connection *c)
{
	size_t len = 0;

	MHD_get_connection_values(c, MHD_HEADER_KIND, add_arg_len, &len);
	return len > HTTP_HEADERS_MAX;
}

/*
 * libmicrohttpd's URI log callback: called with the request target as
 * sent, before it is percent-decoded. Its return value becomes the
 * request's context. The path is kept undecoded and is what the route
 * table matches, so "/cases/4%00x" or "/cases/4%2Ftransitions" match no
 * route (404) instead of being read as "/cases/4" or a sub-path: what a
 * proxy or filter in front sees is what Bered routes.
 */
/*
 * It is also the only moment before libmicrohttpd splits the query into
 * its per-connection memory pool: a query with hundreds of parameters
 * overflows the pool, and libmicrohttpd 0.9.75 then logs a 431 but never
 * sends it (the client waits for the timeout). A query that is too long
 * or has too many parameters is therefore cut off here, in the request
 * buffer the pointer comes from (writable: libmicrohttpd itself writes
 * into it right after this call), and answered 414 or 400 by Bered.
 */
static void *
uri_log_cb(void *cls, const char *uri, struct MHD_Connection *c)
{
	struct hctx *h = xcalloc(1, sizeof(*h));
	char *q = strchr(uri, '?');

	(void)cls;
	(void)c;
	req_init(&h->r);
	h->raw_path = xstrndup(uri, strcspn(uri, "?#"));
	if (q != NULL) {
		size_t n = 0;

		for (const char *p = q + 1; *p != '\0'; p++) {
			n += *p == '&' || *p == ';';
		}
		h->uri_too_long = strlen(q) > HTTP_QUERY_MAX;
		h->too_many_params = n >= QUERY_PARAMS_MAX;
		if (h->uri_too_long || h->too_many_params) {
			q[1] = '\0';
		}
	}
	return h;
}

/* The first call of the access handler: fills the request. */
static void
hctx_start(struct hctx *h, struct MHD_Connection *c, const char *url,
    const char *method)
{
	h->started = true;
	h->t0 = now_us();
	h->r.conn = c;
	h->r.method = method;
	h->r.path = h->raw_path[0] == '/' ? h->raw_path : url;
	h->r.content_type =
	    MHD_lookup_connection_value(c, MHD_HEADER_KIND, "Content-Type");
	h->r.cfg = &server->cfg;
	client_address(c, h->r.remote, sizeof(h->r.remote));
	atomic_fetch_add(&inflight, 1);
}

/* ---- framing: how long the body is must be beyond doubt -------------- */

struct framing {
	const char *cl;  /* the first Content-Length */
	bool cl_differs; /* another Content-Length with another value */
	const char *te;  /* Transfer-Encoding */
	bool host;
};

static enum MHD_Result
framing_header(void *cls, enum MHD_ValueKind kind, const char *key,
    const char *value)
{
	struct framing *f = cls;

	(void)kind;
	value = value != NULL ? value : "";
	if (strcasecmp(key, "Content-Length") == 0) {
		if (f->cl == NULL) {
			f->cl = value;
		} else if (strcmp(f->cl, value) != 0) {
			f->cl_differs = true;
		}
	} else if (strcasecmp(key, "Transfer-Encoding") == 0) {
		f->te = f->te == NULL ? value : "";
	} else if (strcasecmp(key, "Host") == 0) {
		f->host = true;
	}
	return MHD_YES;
}

/*
 * Why the request cannot be read safely, or NULL: two different lengths,
 * a length beside a transfer coding, a coding other than chunked (which
 * libmicrohttpd would wait on until the timeout), or HTTP/1.1 without
 * Host (RFC 9112 3.2). *chunked is set for a chunked body.
 */
static const char *
framing_error(struct MHD_Connection *c, const char *version, bool *chunked)
{
	struct framing f = { 0 };

	MHD_get_connection_values(c, MHD_HEADER_KIND, framing_header, &f);
	*chunked = false;
	if (f.cl_differs) {
		return "Begäran har två olika Content-Length.";
	}
	if (f.te != NULL && f.cl != NULL) {
		return "Begäran har både Content-Length och "
		       "Transfer-Encoding.";
	}
	if (f.te != NULL) {
		if (strcasecmp(f.te, "chunked") != 0) {
			return "Transfer-Encoding stöds bara som chunked.";
		}
		*chunked = true;
	}
	if (!f.host && strcmp(version, "HTTP/1.1") == 0) {
		return "Host saknas i begäran (krävs i HTTP/1.1).";
	}
	return NULL;
}

/* ---- the memory all bodies together may hold ------------------------- */

/* Takes n more bytes of BODY_BUDGET for h; false when it has run out. */
static bool
budget_take(struct hctx *h, size_t n)
{
	size_t was = atomic_fetch_add(&body_bytes, n);

	if (was + n > BODY_BUDGET) {
		atomic_fetch_sub(&body_bytes, n);
		return false;
	}
	h->budget += n;
	return true;
}

static void
budget_release(struct hctx *h)
{
	atomic_fetch_sub(&body_bytes, h->budget);
	h->budget = 0;
}

/* Answers from the headers: the body, if any, is read and dropped. */
static void
refuse(struct hctx *h)
{
	h->refused = true;
	buf_free(&h->r.body);
	budget_release(h);
}

static void
refuse_busy(struct hctx *h)
{
	refuse(h);
	req_retry_later(&h->r);
	http_fail(&h->r, 503, "busy",
	    "Servern tar emot många förfrågningar just nu. Försök igen om "
	    "en stund.");
}

/*
 * A body is coming: decide from the headers alone whether it is wanted,
 * before any of it is kept (issue 12: bodies held by unknown clients made
 * the server grow). Refusals are prepared in h->r and sent once the body
 * has been dropped, or at once when it is large or the client waits for
 * "100 Continue".
 */
static void
admit_body(struct hctx *h, long long len)
{
	struct req *r = &h->r;

	if (h->uri_too_long || h->too_many_params || h->headers_too_large) {
		h->refused = true; /* answered as for a request without body */
		return;
	}
	r->st = worker_store();
	app_ctx_init(&r->app, r->st, &r->user, r->cfg);
	(void)store_read_begin(r->st);
	if (!http_admit(r)) {
		store_read_end(r->st);
		refuse(h);
		return;
	}
	store_read_end(r->st);
	h->body_max = http_body_limit(r->route);
	if (len > (long long)h->body_max && h->body_max > 0) {
		r->body_too_large = true;
		refuse(h);
		http_body_too_large(r);
		return;
	}
	if (r->route->policy & P_UPLOAD) {
		/*
		 * Streamed to a temporary file: only the parser is held. A
		 * body that is not multipart is dropped; the handler answers
		 * 415 once it knows the case exists (r->upload NULL).
		 */
		if (!req_upload_begin(r)) {
			h->body_max = 0;
		} else if (!budget_take(h, UPLOAD_HELD)) {
			refuse_busy(h);
		}
		return;
	}
	if (len > 0 && h->body_max > 0) {
		/* The whole declared body at once: no growing, no copies. */
		if (!budget_take(h, (size_t)len + 1)) {
			refuse_busy(h);
			return;
		}
		buf_reserve(&r->body, (size_t)len);
	}
}

/* Answers a refused upload with its status (req_upload_feed/end). */
static void
refuse_upload(struct hctx *h, int status)
{
	struct req *r = &h->r;

	refuse(h);
	if (status == 413) {
		r->body_too_large = true;
		http_fail(r, 413, "too_large",
		    "Filen är för stor: högst 20 MiB tas emot.");
	} else if (status == 503) {
		req_retry_later(r);
		http_fail(r, 503, "unavailable", UNAVAILABLE_MESSAGE);
	} else {
		http_fail(r, 400, "bad_request",
		    "Den uppladdade filen kom inte fram hel. Försök igen.");
	}
}

/* Keeps a piece of the body, within the route's limit and the budget. */
static void
keep_body(struct hctx *h, const char *data, size_t n)
{
	struct buf *b = &h->r.body;
	int st;

	if (h->body_max == 0) {
		return; /* a read: the body is dropped */
	}
	h->received += n;
	if (h->r.upload != NULL) {
		if (h->received > h->body_max) {
			refuse_upload(h, 413);
		} else if ((st = req_upload_feed(&h->r, data, n)) != 0) {
			refuse_upload(h, st);
		}
		return;
	}
	if (b->len + n > h->body_max) {
		h->r.body_too_large = true;
		refuse(h);
		http_body_too_large(&h->r);
		return;
	}
	if (b->len + n + 1 > h->budget &&
	    !budget_take(h, b->len + n + 1 - h->budget)) {
		refuse_busy(h);
		return;
	}
	buf_append(b, data, n);
}

static enum MHD_Result
answer_now(struct MHD_Connection *c, struct hctx *h)
{
	if (h->uri_too_long) {
		http_fail(&h->r, 414, "uri_too_long", "Adressen är för lång.");
	} else if (h->too_many_params) {
		http_fail(&h->r, 400, "bad_request",
		    "Adressen har för många parametrar.");
	} else if (h->headers_too_large) {
		http_fail(&h->r, 431, "headers_too_large",
		    "Förfrågans huvuden är för stora.");
	}
	return respond(c, h);
}

/* The first call: the headers are in, the body (if any) is not. */
static enum MHD_Result
access_first(struct hctx *h, struct MHD_Connection *c, const char *url,
    const char *method, const char *version)
{
	const char *bad;
	long long len;
	bool chunked;

	hctx_start(h, c, url, method);
	h->uri_too_long =
	    h->uri_too_long || strlen(h->raw_path) > HTTP_QUERY_MAX;
	h->headers_too_large = headers_too_large(c);
	bad = framing_error(c, version, &chunked);
	if (bad != NULL) {
		/* The length of the body is unknown: answer, then close. */
		http_fail(&h->r, 400, "bad_request", bad);
		return answer_now(c, h);
	}
	len = declared_length(c);
	if (len <= 0 && !chunked) {
		return MHD_YES; /* no body: answered on the next call */
	}
	admit_body(h, len);
	if (h->refused && refuse_at_once(c, len)) {
		/* Before the body is sent: no 100 Continue, then close. */
		return answer_now(c, h);
	}
	h->body_deadline = h->t0 +
	    ((int64_t)BODY_SECONDS + (len > 0 ? len / BODY_MIN_RATE : 0)) *
		1000000;
	(void)MHD_set_connection_option(c, MHD_CONNECTION_OPTION_TIMEOUT,
	    (unsigned)BODY_SECONDS);
	return MHD_YES;
}

static enum MHD_Result
access_cb(void *cls, struct MHD_Connection *c, const char *url,
    const char *method, const char *version, const char *upload,
    size_t *upload_size, void **con_cls)
{
	struct hctx *h = *con_cls;

	(void)cls;
	if (h == NULL) {
		/* No URI log call (cannot happen): route the decoded URL. */
		*con_cls = h = uri_log_cb(NULL, url, c);
	}
	if (!h->started) {
		return access_first(h, c, url, method, version);
	}
	if (h->answered) {
		*upload_size = 0;
		return MHD_YES;
	}
	if (*upload_size > 0) {
		if (now_us() > h->body_deadline) {
			log_info("%s %s: body too slow, connection dropped",
			    method, h->r.path);
			return MHD_NO; /* closes the connection */
		}
		if (!h->refused) {
			keep_body(h, upload, *upload_size);
		}
		*upload_size = 0;
		return MHD_YES;
	}
	if (h->r.upload != NULL && !h->refused) {
		int st = req_upload_end(&h->r);

		if (st != 0) {
			refuse_upload(h, st);
		}
	}
	if (h->refused || h->uri_too_long || h->too_many_params ||
	    h->headers_too_large) {
		return answer_now(c, h);
	}
	if (h->r.st == NULL) {
		h->r.st = worker_store();
		app_ctx_init(&h->r.app, h->r.st, &h->r.user, h->r.cfg);
	}
	/* Most pages fit: one allocation instead of a series of reallocs. */
	buf_reserve(&h->r.out, OUT_RESERVE);
	/* One read lock for the whole request, not one per query. */
	(void)store_read_begin(h->r.st);
	http_dispatch(&h->r);
	store_read_end(h->r.st);
	return respond(c, h);
}

static void
completed_cb(void *cls, struct MHD_Connection *c, void **con_cls,
    enum MHD_RequestTerminationCode toe)
{
	struct hctx *h = *con_cls;

	(void)cls;
	(void)c;
	(void)toe;
	if (h == NULL) {
		return;
	}
	budget_release(h);
	req_free(&h->r);
	if (h->started) {
		atomic_fetch_sub(&inflight, 1);
	}
	free(h->raw_path);
	free(h);
	*con_cls = NULL;
}

/*
 * Parses "HOST:PORT" or "[V6]:PORT" into ss. Returns false on bad input.
 */
static bool
parse_listen(const char *s, struct sockaddr_storage *ss, bool *v6, char *host,
    size_t hostlen)
{
	const char *colon;
	char *end;
	unsigned long port;
	size_t hl;

	memset(ss, 0, sizeof(*ss));
	if (s[0] == '[') {
		const char *rb = strchr(s, ']');

		if (rb == NULL || rb[1] != ':') {
			return false;
		}
		hl = (size_t)(rb - s - 1);
		colon = rb + 1;
		s++;
		*v6 = true;
	} else {
		colon = strrchr(s, ':');
		if (colon == NULL) {
			return false;
		}
		hl = (size_t)(colon - s);
		*v6 = false;
	}
	if (hl == 0 || hl >= hostlen) {
		return false;
	}
	memcpy(host, s, hl);
	host[hl] = '\0';
	errno = 0;
	port = strtoul(colon + 1, &end, 10);
	if (colon[1] == '\0' || *end != '\0' || errno != 0 || port > 65535) {
		return false;
	}
	if (*v6) {
		struct sockaddr_in6 *in6 = (struct sockaddr_in6 *)ss;

		in6->sin6_family = AF_INET6;
		in6->sin6_port = htons((uint16_t)port);
		return inet_pton(AF_INET6, host, &in6->sin6_addr) == 1;
	} else {
		struct sockaddr_in *in = (struct sockaddr_in *)ss;

		in->sin_family = AF_INET;
		in->sin_port = htons((uint16_t)port);
		return inet_pton(AF_INET, host, &in->sin_addr) == 1;
	}
}

/*
 * As many workers as CPUs, at least 2 (so that one slow request, such as
 * a login's Argon2id, does not hold up every connection). Measured on 2
 * CPUs shared with wrk (README): 2 workers give about 20 % more req/s than
 * 1 at a similar p99 (5-6 ms against 4 ms at 64 connections).
 */
static unsigned
pool_size(unsigned want)
{
	long n;

	if (want > 0) {
		return want;
	}
	n = sysconf(_SC_NPROCESSORS_ONLN);
	return n < 2 ? 2 : (unsigned)n;
}

/*
 * While the daemon starts, its last message is kept instead of logged:
 * a refused start is then one line on stderr (cmd.h), with the reason.
 */
static atomic_bool starting;
static char start_msg[512];

/* libmicrohttpd's own messages, as log lines like ours. */
static void
mhd_log(void *cls, const char *fmt, va_list ap)
{
	char msg[512];
	size_t n;

	(void)cls;
	vsnprintf(msg, sizeof(msg), fmt, ap);
	n = strlen(msg);
	while (n > 0 && (msg[n - 1] == '\n' || msg[n - 1] == '\r')) {
		msg[--n] = '\0';
	}
	if (atomic_load(&starting)) {
		memcpy(start_msg, msg, n + 1);
		return;
	}
	log_err("httpd: %s", msg);
}

/*
 * Behind a proxy (--trust-proxy) every connection comes from the proxy:
 * there the proxy limits per client (README: nginx's limit_conn).
 */
static unsigned
per_ip_limit(const struct serve_opts *o)
{
	if (o->trust_proxy) {
		return 0;
	}
	return o->conn_per_ip > 0 ? o->conn_per_ip : HTTP_CONN_PER_IP;
}

static struct MHD_Daemon *
start_daemon(const struct serve_opts *o, const struct sockaddr_storage *ss,
    bool v6)
{
	unsigned flags = MHD_USE_INTERNAL_POLLING_THREAD | MHD_USE_EPOLL |
	    MHD_USE_ITC | MHD_USE_ERROR_LOG;

	if (v6) {
		flags |= MHD_USE_IPv6;
	}
	return MHD_start_daemon(flags, 0, NULL, NULL, access_cb, NULL,
	    MHD_OPTION_EXTERNAL_LOGGER, mhd_log, NULL, /* must be first */
	    MHD_OPTION_SOCK_ADDR, (const struct sockaddr *)ss,
	    MHD_OPTION_THREAD_POOL_SIZE, pool_size(o->threads),
	    MHD_OPTION_CONNECTION_LIMIT, (unsigned)HTTP_CONN_LIMIT,
	    MHD_OPTION_PER_IP_CONNECTION_LIMIT, per_ip_limit(o),
	    MHD_OPTION_CONNECTION_TIMEOUT, (unsigned)CONN_TIMEOUT,
	    MHD_OPTION_CONNECTION_MEMORY_LIMIT, (size_t)CONN_MEMORY,
	    MHD_OPTION_NOTIFY_COMPLETED, completed_cb, NULL,
	    MHD_OPTION_URI_LOG_CALLBACK, uri_log_cb, NULL, MHD_OPTION_END);
}

/* After the listen socket is closed: wait for requests being answered. */
static void
drain(void)
{
	struct timespec ts = { 0, 10 * 1000 * 1000 };

	for (int waited = 0; waited < DRAIN_MAX_MS; waited += 10) {
		if (atomic_load(&inflight) == 0) {
			return;
		}
		nanosleep(&ts, NULL);
	}
	log_err("shutdown: %d requests still running, stopping anyway",
	    atomic_load(&inflight));
}

int
http_serve(const struct serve_opts *o)
{
	struct sockaddr_storage ss;
	struct MHD_Daemon *d;
	const union MHD_DaemonInfo *info;
	sigset_t set;
	char host[64];
	bool v6;
	int sig = 0;

	if (!parse_listen(o->listen, &ss, &v6, host, sizeof(host))) {
		fprintf(stderr,
		    "bered: ogiltig --listen-adress: %s "
		    "(väntade t.ex. 127.0.0.1:8080)\n",
		    o->listen);
		return 2;
	}
	server = o;
	/* Makes the dummy hash now: the first unknown e-mail is not slower. */
	(void)password_verify("", NULL);
	/* Workers inherit the mask: only this thread takes the signals. */
	sigemptyset(&set);
	sigaddset(&set, SIGINT);
	sigaddset(&set, SIGTERM);
	pthread_sigmask(SIG_BLOCK, &set, NULL);
	signal(SIGPIPE, SIG_IGN);
	/* A file size limit makes a write fail (EFBIG), not the server die. */
	signal(SIGXFSZ, SIG_IGN);
	start_msg[0] = '\0';
	atomic_store(&starting, true);
	d = start_daemon(o, &ss, v6);
	atomic_store(&starting, false);
	if (d == NULL) {
		/* "Failed to bind to port 0: Address already in use": the
		 * reason is after the last colon. */
		const char *why = strrchr(start_msg, ':');

		why = why != NULL ? why + 1 : start_msg;
		why += *why == ' ';
		fprintf(stderr, "bered: kan inte lyssna på %s (%s)\n",
		    o->listen, why);
		return 1;
	}
	info = MHD_get_daemon_info(d, MHD_DAEMON_INFO_BIND_PORT);
	printf("listening on http://%s%s%s:%u\n", v6 ? "[" : "", host,
	    v6 ? "]" : "", info != NULL ? (unsigned)info->port : 0U);
	fflush(stdout);
	while (sigwait(&set, &sig) != 0) {
	}
	log_info("signal %d: finishing requests in flight", sig);
	MHD_quiesce_daemon(d);
	drain();
	MHD_stop_daemon(d);
	close_stores();
	log_info("stopped");
	return 0;
}
