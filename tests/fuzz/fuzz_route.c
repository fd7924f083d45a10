/*
 * fuzz_route.c - the dispatcher (http_dispatch.c) without a server: the
 * route matcher on any method and path, then the whole dispatch with no
 * store and no connection (static files, 404, 405, 401, 503 pages).
 *
 * Input: byte 0 picks the method, the rest is the path. Oracles: a match
 * has the asked method and rebuilding its pattern with the ids gives the
 * path back (ids positive, one per ":id"); a miss offers other methods
 * only; dispatch answers a known status with safe headers, JSON errors
 * for /api/ paths.
 */
#include "fuzz.h"

#include <inttypes.h>
#include <jansson.h>

#include "util/buf.h"
#include "http/http.h"
#include "http/routes.h"

static const char *const methods[] = { "GET", "HEAD", "POST", "PUT", "PATCH",
	"DELETE", "OPTIONS", "get" };

/* The pattern with r's ids put in; a final "*" keeps the rest of path. */
static void
check_match(const struct route *rt, struct req *r, const char *m)
{
	struct buf b;
	const char *p = rt->pattern;
	size_t k = 0;

	FUZZ_CHECK(strcmp(rt->method, m) == 0);
	FUZZ_CHECK(r->nid <= REQ_MAX_IDS);
	buf_init(&b);
	while (*p != '\0') {
		if (strncmp(p, ":id", 3) == 0) {
			FUZZ_CHECK(k < r->nid && r->id[k] > 0);
			buf_printf(&b, "%" PRId64, r->id[k++]);
			p += 3;
		} else if (p[0] == '*' && p[1] == '\0') {
			FUZZ_CHECK(strncmp(r->path, buf_cstr(&b), b.len) == 0);
			buf_puts(&b, r->path + b.len);
			p++;
		} else {
			buf_putc(&b, *p++);
		}
	}
	FUZZ_CHECK(k == r->nid);
	FUZZ_CHECK(strcmp(buf_cstr(&b), r->path) == 0);
	buf_free(&b);
}

static bool
header_clean(const char *s)
{
	for (; *s != '\0'; s++) {
		if ((unsigned char)*s < 0x20 || *s == 0x7f) {
			return false;
		}
	}
	return true;
}

static void
check_dispatch(const char *method, const char *path)
{
	static const int known[] = { 200, 303, 401, 404, 405, 413, 503 };
	struct req r;
	bool ok = false;

	req_init(&r);
	r.method = method;
	r.path = path;
	http_dispatch(&r);
	for (size_t i = 0; i < sizeof(known) / sizeof(known[0]); i++) {
		ok = ok || r.status == known[i];
	}
	FUZZ_CHECK(ok);
	for (size_t i = 0; i < r.nheaders; i++) {
		FUZZ_CHECK(header_clean(r.headers[i].key));
		FUZZ_CHECK(header_clean(r.headers[i].val));
	}
	if (http_is_api_path(path) && r.status != 200) {
		json_t *o = json_loadb(r.out.p, r.out.len, 0, NULL);

		FUZZ_CHECK(o != NULL && json_object_get(o, "error") != NULL);
		json_decref(o);
	}
	req_free(&r);
}

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	const struct route *rt;
	struct req r;
	char allow[64], *path;
	const char *m;

	if (size == 0) {
		return 0;
	}
	m = methods[data[0] % 8];
	path = fuzz_cstr(data + 1, size - 1);
	req_init(&r);
	r.method = m;
	r.path = path;
	rt = http_route_find(&r, allow, sizeof(allow));
	if (rt != NULL) {
		check_match(rt, &r, strcmp(m, "HEAD") == 0 ? "GET" : m);
	} else if (allow[0] != '\0') {
		FUZZ_CHECK(strstr(allow, m) == NULL);
	}
	req_free(&r);
	if (data[0] & 0x80) {
		check_dispatch(m, path);
	}
	free(path);
	return 0;
}
