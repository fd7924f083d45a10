/*
 * text.c - UTF-8 cutting, counting and validation, whole numbers and
 * kronor (text.h). Everything that cuts text to a buffer goes through
 * text_copy, so no message or stored value ends in half a character.
 */
#include "text.h"

#include <inttypes.h>
#include <stdio.h>
#include <string.h>

void
text_copy(char *dst, size_t size, const char *src)
{
	size_t n;

	if (size == 0) {
		return;
	}
	n = src != NULL ? strlen(src) : 0;
	if (n >= size) {
		n = text_prefix(src, size - 1);
	}
	if (n > 0) {
		memcpy(dst, src, n);
	}
	dst[n] = '\0';
}

size_t
text_prefix(const char *s, size_t max)
{
	size_t n = strnlen(s, max);

	/* s[n] is the byte after the cut (or the NUL): never cut a
	 * multi-byte sequence in half. */
	while (n > 0 && ((unsigned char)s[n] & 0xc0) == 0x80) {
		n--;
	}
	return n;
}

void
text_trim_tail(char *s)
{
	size_t len = strlen(s), i = len, need;
	unsigned char c;

	while (i > 0 && ((unsigned char)s[i - 1] & 0xc0) == 0x80) {
		i--;
	}
	if (i == 0) {
		return;
	}
	c = (unsigned char)s[i - 1];
	need = c >= 0xf0 ? 4 : c >= 0xe0 ? 3 : c >= 0xc0 ? 2 : 1;
	if (len - (i - 1) < need) {
		s[i - 1] = '\0';
	}
}

size_t
text_chars(const char *s)
{
	return text_chars_n(s, strlen(s));
}

size_t
text_chars_n(const char *s, size_t len)
{
	size_t n = 0;

	for (size_t i = 0; i < len; i++) {
		if (((unsigned char)s[i] & 0xc0) != 0x80) {
			n++;
		}
	}
	return n;
}

/* Length of the UTF-8 sequence at s and its code point, or 0 if invalid. */
static size_t
utf8_decode(const unsigned char *s, uint32_t *cp)
{
	size_t n, i;
	uint32_t v;

	if (s[0] < 0x80) {
		*cp = s[0];
		return 1;
	} else if (s[0] >= 0xc2 && s[0] <= 0xdf) {
		n = 2;
		v = s[0] & 0x1f;
	} else if (s[0] >= 0xe0 && s[0] <= 0xef) {
		n = 3;
		v = s[0] & 0x0f;
	} else if (s[0] >= 0xf0 && s[0] <= 0xf4) {
		n = 4;
		v = s[0] & 0x07;
	} else {
		return 0;
	}
	for (i = 1; i < n; i++) {
		if ((s[i] & 0xc0) != 0x80) {
			return 0;
		}
		v = (v << 6) | (s[i] & 0x3f);
	}
	/* Overlong forms, surrogates and values beyond U+10FFFF. */
	if ((n == 3 && v < 0x800) || (n == 4 && v < 0x10000) ||
	    (v >= 0xd800 && v <= 0xdfff) || v > 0x10ffff) {
		return 0;
	}
	*cp = v;
	return n;
}

bool
text_valid_utf8(const char *s, bool multiline)
{
	const unsigned char *p = (const unsigned char *)s;

	while (*p != '\0') {
		uint32_t cp;
		size_t n = utf8_decode(p, &cp);

		if (n == 0) {
			return false;
		}
		if (cp < 0x20 &&
		    !(multiline && (cp == '\t' || cp == '\n' || cp == '\r'))) {
			return false;
		}
		if (cp == 0x7f || (cp >= 0x80 && cp <= 0x9f)) {
			return false;
		}
		p += n;
	}
	return true;
}

bool
parse_int64(const char *s, int64_t *out)
{
	uint64_t v = 0, limit;
	bool neg = false;

	if (s == NULL) {
		return false;
	}
	if (*s == '-' || *s == '+') {
		neg = *s == '-';
		s++;
	}
	if (*s == '\0') {
		return false;
	}
	limit = neg ? (uint64_t)INT64_MAX + 1 : (uint64_t)INT64_MAX;
	for (; *s != '\0'; s++) {
		if (*s < '0' || *s > '9') {
			return false;
		}
		if (v > (limit - (uint64_t)(*s - '0')) / 10) {
			return false;
		}
		v = v * 10 + (uint64_t)(*s - '0');
	}
	if (neg) {
		*out = v == (uint64_t)INT64_MAX + 1 ? INT64_MIN : -(int64_t)v;
	} else {
		*out = (int64_t)v;
	}
	return true;
}

/* U+202F NARROW NO-BREAK SPACE between groups, U+00A0 before "kr". */
#define THIN_NBSP "\xe2\x80\xaf"
#define NBSP      "\xc2\xa0"

void
money_format(int64_t kronor, char *out, size_t outlen)
{
	char digits[24], tmp[64];
	uint64_t v;
	size_t nd, o = 0;

	if (outlen == 0) {
		return;
	}
	v = kronor < 0 ? (uint64_t)0 - (uint64_t)kronor : (uint64_t)kronor;
	snprintf(digits, sizeof(digits), "%" PRIu64, v);
	nd = strlen(digits);
	if (kronor < 0) {
		tmp[o++] = '-';
	}
	for (size_t i = 0; i < nd; i++) {
		if (i > 0 && (nd - i) % 3 == 0) {
			memcpy(tmp + o, THIN_NBSP, 3);
			o += 3;
		}
		tmp[o++] = digits[i];
	}
	memcpy(tmp + o, NBSP "kr", 5);
	o += 5;
	/* A short out gets a cut copy; callers size it for any int64. */
	if (o > outlen - 1) {
		o = outlen - 1;
	}
	memcpy(out, tmp, o);
	out[o] = '\0';
}
