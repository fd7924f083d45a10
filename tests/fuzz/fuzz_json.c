/*
 * fuzz_json.c - the JSON body path of the API (api.c) on any bytes:
 * api_body, the json_* getters, api_check_keys and the error answers.
 *
 * Input: byte 0 picks flags (required, multiline, a small buffer), the
 * rest is the request body. Oracles: api_body either hands back an object
 * or answers 400/413/422 with a JSON error of API.md's shape; a getter
 * that fails names its field with a message, one that succeeds leaves a
 * value its contract promises; the 422 listing every field is valid JSON.
 */
#include "fuzz.h"

#include <jansson.h>

#include "util/date.h"
#include "api/api.h"
#include "http/http.h"

static bool
is_ws(char c)
{
	return c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == '\f' ||
	    c == '\v';
}

/* r->out holds {"error": {"code": "...", "message": "..."}}. */
static void
check_error_out(struct req *r, int *status_ok, size_t nstatus)
{
	json_t *o, *e;
	bool known = false;

	for (size_t i = 0; i < nstatus; i++) {
		known = known || r->status == status_ok[i];
	}
	FUZZ_CHECK(known);
	o = json_loadb(r->out.p, r->out.len, 0, NULL);
	FUZZ_CHECK(o != NULL);
	e = json_object_get(o, "error");
	FUZZ_CHECK(json_is_string(json_object_get(e, "code")));
	FUZZ_CHECK(json_string_length(json_object_get(e, "message")) > 0);
	/* Every named field keeps its message (a bad byte would drop it). */
	for (size_t i = 0; i < json_array_size(json_object_get(e, "fields"));
	     i++) {
		json_t *f = json_array_get(json_object_get(e, "fields"), i);

		FUZZ_CHECK(
		    json_string_length(json_object_get(f, "message")) > 0);
	}
	json_decref(o);
}

static void
check_failed(const struct field_errors *fe, const char *field, bool ok)
{
	const char *m = field_error_get(fe, field);

	if (!ok) {
		json_t *j;

		FUZZ_CHECK(m != NULL && m[0] != '\0');
		/* UTF-8, or the JSON answer could not carry it. */
		j = json_string(m);
		FUZZ_CHECK(j != NULL);
		json_decref(j);
	}
}

static void
check_getters(json_t *o, uint8_t flags, struct field_errors *fe)
{
	static const char *const allowed[] = { "a", "b", "c", "d", NULL };
	char text[64], date[DATE_LEN];
	bool req = flags & 1, ml = flags & 2, ok, bv = false;
	size_t tsz = flags & 4 ? 5 : sizeof(text);
	int64_t x = 7, min = flags & 8 ? -100 : INT64_MIN;
	int64_t max = flags & 16 ? 1000 : INT64_MAX;

	ok = json_text(o, fe, "a", text, tsz, req, ml);
	check_failed(fe, "a", ok);
	if (ok) {
		size_t n = strlen(text);

		FUZZ_CHECK(n < tsz && text_valid_utf8(text, ml));
		FUZZ_CHECK(n == 0 || (!is_ws(text[0]) && !is_ws(text[n - 1])));
		FUZZ_CHECK(!req || n > 0);
	}
	ok = json_int64(o, fe, "b", &x, min, max, req);
	check_failed(fe, "b", ok);
	FUZZ_CHECK(!ok || x == 7 || (x >= min && x <= max));
	ok = json_date(o, fe, "c", date, req);
	check_failed(fe, "c", ok);
	FUZZ_CHECK(!ok || date[0] == '\0' || date_valid(date));
	FUZZ_CHECK(!ok || !req || date[0] != '\0');
	ok = json_bool(o, fe, "d", &bv, req);
	check_failed(fe, "d", ok);
	(void)json_has(o, "e");
	api_check_keys(o, allowed, fe);
	FUZZ_CHECK(fe->n <= FIELD_ERRORS_MAX);
}

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	static int body_err[] = { 400, 413, 422 };
	static int fields_err[] = { 422 };
	struct field_errors fe;
	struct req r;
	json_t *o;

	if (size == 0) {
		return 0;
	}
	req_init(&r);
	r.content_type = "application/json";
	r.path = "/api/v1/cases";
	buf_append(&r.body, data + 1, size - 1);
	r.body_too_large = (data[0] & 0xe0) == 0xe0;
	if (!api_body(&r, &o)) {
		FUZZ_CHECK(o == NULL);
		check_error_out(&r, body_err, 3);
		req_free(&r);
		return 0;
	}
	FUZZ_CHECK(json_is_object(o));
	field_errors_init(&fe);
	check_getters(o, data[0], &fe);
	if (fe.n > 0) {
		api_error_fields(&r, &fe);
		check_error_out(&r, fields_err, 1);
	} else {
		api_json(&r, 200, json_incref(o));
		FUZZ_CHECK(r.out.len > 0);
	}
	json_decref(o);
	req_free(&r);
	return 0;
}
