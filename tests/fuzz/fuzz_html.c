/*
 * fuzz_html.c - the escaping writer (html.c) on any bytes.
 *
 * Oracles: html_text, html_attr and htmlf's %s never let '<', '>', '"' or
 * '\'' through, every '&' they write starts one of the five entities, and
 * unescaping gives the input back; html_url writes only unreserved
 * characters and %XX, decoding back to the input; money_format fits any
 * buffer and always terminates it.
 */
#include "fuzz.h"

#include "util/buf.h"
#include "ui/html.h"

static const char *const ents[] = { "&amp;", "&lt;", "&gt;", "&quot;",
	"&#39;" };
static const char raw[] = "&<>\"'";

/* Checks out (the escaping of in) and that it unescapes to in. */
static void
check_escaped(const char *out, size_t len, const char *in)
{
	size_t i = 0, o = 0;

	while (i < len) {
		char c = out[i];

		FUZZ_CHECK(c != '<' && c != '>' && c != '"' && c != '\'');
		if (c == '&') {
			size_t k;

			for (k = 0; k < 5; k++) {
				if (strncmp(out + i, ents[k],
					strlen(ents[k])) == 0) {
					break;
				}
			}
			FUZZ_CHECK(k < 5);
			FUZZ_CHECK(in[o] == raw[k]);
			i += strlen(ents[k]);
		} else {
			FUZZ_CHECK(in[o] == c);
			i++;
		}
		o++;
	}
	FUZZ_CHECK(in[o] == '\0');
}

static int
hexval(char c)
{
	if (c >= '0' && c <= '9') {
		return c - '0';
	}
	if (c >= 'A' && c <= 'F') {
		return c - 'A' + 10;
	}
	return -1;
}

static void
check_url(const char *out, size_t len, const char *in)
{
	size_t i = 0, o = 0;

	while (i < len) {
		unsigned char c = (unsigned char)out[i];

		if (c == '%') {
			int hi, lo;

			FUZZ_CHECK(i + 2 < len);
			hi = hexval(out[i + 1]);
			lo = hexval(out[i + 2]);
			FUZZ_CHECK(hi >= 0 && lo >= 0);
			FUZZ_CHECK((unsigned char)in[o] == hi * 16 + lo);
			i += 3;
		} else {
			FUZZ_CHECK((c >= 'a' && c <= 'z') ||
			    (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') ||
			    c == '-' || c == '.' || c == '_' || c == '~');
			FUZZ_CHECK(in[o] == (char)c);
			i++;
		}
		o++;
	}
	FUZZ_CHECK(in[o] == '\0');
}

static void
check_money(const uint8_t *data, size_t size)
{
	int64_t v = 0;
	char out[64];
	size_t outlen;

	for (size_t i = 0; i < 8 && i < size; i++) {
		v = (int64_t)((uint64_t)v << 8 | data[i]);
	}
	outlen = size > 8 ? data[8] % sizeof(out) : sizeof(out);
	memset(out, 'x', sizeof(out));
	money_format(v, out, outlen);
	FUZZ_CHECK(outlen == 0 || memchr(out, '\0', outlen) != NULL);
	FUZZ_CHECK(outlen == 0 || strlen(out) < outlen);
}

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	struct buf b;
	char *s = fuzz_cstr(data, size);

	buf_init(&b);
	html_text(&b, s);
	check_escaped(buf_cstr(&b), b.len, s);
	buf_reset(&b);
	html_attr(&b, s);
	check_escaped(buf_cstr(&b), b.len, s);
	buf_reset(&b);
	htmlf(&b, "%s", s);
	check_escaped(buf_cstr(&b), b.len, s);
	buf_reset(&b);
	/* Markup from the format stays; only the arguments are escaped. */
	htmlf(&b, "<a href=\"/x?q=%s\">%s %d%%</a>", s, s, (int)size);
	{
		const char *p = buf_cstr(&b), *q;

		FUZZ_CHECK(strncmp(p, "<a href=\"/x?q=", 14) == 0);
		/* The attribute ends where the format says, not earlier. */
		q = strchr(p + 14, '"');
		FUZZ_CHECK(q != NULL && q[1] == '>');
		check_escaped(p + 14, (size_t)(q - (p + 14)), s);
	}
	buf_reset(&b);
	html_url(&b, s);
	check_url(buf_cstr(&b), b.len, s);
	buf_free(&b);
	free(s);
	check_money(data, size);
	return 0;
}
