/*
 * fuzz_form.c - the form validators (form.c) on any bytes: text_valid_utf8
 * and parse_int64 against independent reference implementations, and the
 * form_* getters through a request whose body is the input.
 *
 * Input: byte 0 picks flags (required, multiline, a small buffer), the
 * rest is an urlencoded body; the getters read the fields "a".."e".
 */
#include "fuzz.h"

#include <errno.h>
#include <inttypes.h>

#include "util/date.h"
#include "http/form.h"
#include "http/http.h"

/* Reference UTF-8 check: RFC 3629 byte ranges, written as a table walk. */
static bool
ref_utf8(const unsigned char *s, bool multiline)
{
	while (*s != '\0') {
		unsigned c = *s, n, lo = 0x80, hi = 0xbf;
		uint32_t cp;

		if (c < 0x80) {
			if ((c < 0x20 &&
				!(multiline &&
				    (c == '\t' || c == '\n' || c == '\r'))) ||
			    c == 0x7f) {
				return false;
			}
			s++;
			continue;
		}
		if (c >= 0xc2 && c <= 0xdf) {
			n = 1;
			cp = c & 0x1f;
		} else if (c >= 0xe0 && c <= 0xef) {
			n = 2;
			cp = c & 0x0f;
			lo = c == 0xe0 ? 0xa0 : 0x80;
			hi = c == 0xed ? 0x9f : 0xbf;
		} else if (c >= 0xf0 && c <= 0xf4) {
			n = 3;
			cp = c & 0x07;
			lo = c == 0xf0 ? 0x90 : 0x80;
			hi = c == 0xf4 ? 0x8f : 0xbf;
		} else {
			return false;
		}
		for (unsigned i = 1; i <= n; i++) {
			unsigned b = s[i];

			if (i == 1 ? b < lo || b > hi : b < 0x80 || b > 0xbf) {
				return false;
			}
			cp = cp << 6 | (b & 0x3f);
		}
		/* C1 controls are refused like C0. */
		if (cp >= 0x80 && cp <= 0x9f) {
			return false;
		}
		s += n + 1;
	}
	return true;
}

/* Reference int64 parse: strtoll plus a strict syntax check. */
static bool
ref_int64(const char *s, int64_t *out)
{
	const char *p = s;
	char *end;
	long long v;

	if (*p == '-' || *p == '+') {
		p++;
	}
	if (*p == '\0') {
		return false;
	}
	for (const char *q = p; *q != '\0'; q++) {
		if (*q < '0' || *q > '9') {
			return false;
		}
	}
	errno = 0;
	v = strtoll(s, &end, 10);
	if (errno == ERANGE || *end != '\0') {
		return false;
	}
	*out = v;
	return true;
}

static bool
is_ws(char c)
{
	return c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == '\f' ||
	    c == '\v';
}

static void
check_validators(const char *s)
{
	int64_t a = 0, b = 0;
	bool ok, rok;

	FUZZ_CHECK(text_valid_utf8(s, false) ==
	    ref_utf8((const unsigned char *)s, false));
	FUZZ_CHECK(text_valid_utf8(s, true) ==
	    ref_utf8((const unsigned char *)s, true));
	ok = parse_int64(s, &a);
	rok = ref_int64(s, &b);
	FUZZ_CHECK(ok == rok);
	FUZZ_CHECK(!ok || a == b);
}

/* A failed getter names its field with a non-empty message. */
static void
check_failed(const struct field_errors *fe, const char *field, bool ok)
{
	const char *m = field_error_get(fe, field);

	if (!ok) {
		FUZZ_CHECK(m != NULL && m[0] != '\0');
		FUZZ_CHECK(text_valid_utf8(m, false));
	}
}

static void
check_getters(struct req *r, uint8_t flags)
{
	static const char *const codes[] = { "esf", NULL, "finsam", "" };
	struct field_errors fe;
	char text[64], date[DATE_LEN];
	bool req = flags & 1, ml = flags & 2, ok;
	size_t tsz = flags & 4 ? 5 : sizeof(text);
	int64_t x = 7, min = flags & 8 ? -100 : 0;
	int64_t max = flags & 16 ? 1000 : INT64_MAX;
	int e;

	field_errors_init(&fe);
	ok = form_text(r, &fe, "a", "Text", text, tsz, req, ml);
	check_failed(&fe, "a", ok);
	if (ok) {
		size_t n = strlen(text);

		FUZZ_CHECK(n < tsz && text_valid_utf8(text, ml));
		FUZZ_CHECK(n == 0 || (!is_ws(text[0]) && !is_ws(text[n - 1])));
		FUZZ_CHECK(!req || n > 0);
	}
	ok = form_int64(r, &fe, "b", "Tal", &x, min, max, req);
	check_failed(&fe, "b", ok);
	FUZZ_CHECK(!ok || x == 7 || (x >= min && x <= max));
	ok = form_date(r, &fe, "c", "Datum", date, req);
	check_failed(&fe, "c", ok);
	FUZZ_CHECK(!ok || date[0] == '\0' || date_valid(date));
	FUZZ_CHECK(!ok || !req || date[0] != '\0');
	FUZZ_CHECK(ok || date[0] == '\0');
	(void)form_bool(r, "d");
	ok = form_enum(r, &fe, "e", "Val", codes, 4, &e, req);
	check_failed(&fe, "e", ok);
	FUZZ_CHECK(ok ? e >= -1 && e < 4 && e != 1 : e == -1);
	FUZZ_CHECK(fe.n <= FIELD_ERRORS_MAX);
	for (size_t i = 0; i < fe.n; i++) {
		FUZZ_CHECK(fe.e[i].message[0] != '\0');
	}
}

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	struct req r;
	char *s;

	if (size == 0) {
		return 0;
	}
	s = fuzz_cstr(data + 1, size - 1);
	check_validators(s);
	free(s);
	req_init(&r);
	if (form_parse_urlencoded(&r, (const char *)data + 1, size - 1)) {
		check_getters(&r, data[0]);
	}
	req_free(&r);
	return 0;
}
