/*
 * form.c - typed, validated getters for urlencoded form fields, and the
 * validators shared with the JSON getters (api_*.c).
 *
 * A getter never stops a handler: it records a Swedish message per field
 * in struct field_errors and returns false, so a page can show every
 * error at once beside its field. Nothing here writes output.
 */
#include "form.h"

#include <stdarg.h>
#include <stdio.h>
#include <string.h>

#include "util/date.h"

void
field_errors_init(struct field_errors *fe)
{
	fe->n = 0;
}

/*
 * Drops a last UTF-8 sequence that a cut to the buffer size left
 * incomplete: a message or field name with a broken tail is not valid
 * UTF-8, and the JSON answer would then lose it altogether.
 */
static void
utf8_trim_tail(char *s)
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

void
field_error_add(struct field_errors *fe, const char *field, const char *fmt,
		...)
{
	struct field_error *e;
	va_list ap;

	/* Keep the first error of a field: it is the most basic one. */
	if (fe->n >= FIELD_ERRORS_MAX || field_error_get(fe, field) != NULL) {
		return;
	}
	e = &fe->e[fe->n++];
	snprintf(e->field, sizeof(e->field), "%s", field);
	utf8_trim_tail(e->field);
	va_start(ap, fmt);
	vsnprintf(e->message, sizeof(e->message), fmt, ap);
	va_end(ap);
	utf8_trim_tail(e->message);
}

const char *
field_error_get(const struct field_errors *fe, const char *field)
{
	for (size_t i = 0; i < fe->n; i++) {
		if (strcmp(fe->e[i].field, field) == 0) {
			return fe->e[i].message;
		}
	}
	return NULL;
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

static bool
is_space(char c)
{
	return c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == '\f' ||
	       c == '\v';
}

/* The field's value with ASCII white space trimmed into out; false if too long.
 */
static bool
trimmed(const char *v, char *out, size_t outsz)
{
	size_t len;

	while (*v != '\0' && is_space(*v)) {
		v++;
	}
	len = strlen(v);
	while (len > 0 && is_space(v[len - 1])) {
		len--;
	}
	if (len >= outsz) {
		return false;
	}
	memcpy(out, v, len);
	out[len] = '\0';
	return true;
}

bool
form_text(struct req *r, struct field_errors *fe, const char *field,
	  const char *label, char *out, size_t outsz, bool required,
	  bool multiline)
{
	const char *v = req_form(r, field);

	if (outsz == 0) {
		return false;
	}
	out[0] = '\0';
	if (v == NULL) {
		v = "";
	}
	if (!text_valid_utf8(v, multiline)) {
		field_error_add(fe, field, "%s innehåller otillåtna tecken.",
				label);
		return false;
	}
	if (!trimmed(v, out, outsz)) {
		out[0] = '\0';
		field_error_add(fe, field, "%s får vara högst %zu tecken.",
				label, outsz - 1);
		return false;
	}
	if (out[0] == '\0' && required) {
		field_error_add(fe, field, "%s måste fyllas i.", label);
		return false;
	}
	return true;
}

/* Drops spaces (also U+00A0 and U+202F) people type as thousands separators. */
static void
strip_spaces(const char *v, char *out, size_t outsz)
{
	size_t o = 0;

	while (*v != '\0' && o + 1 < outsz) {
		if (is_space(*v)) {
			v++;
		} else if (strncmp(v, "\xc2\xa0", 2) == 0) {
			v += 2;
		} else if (strncmp(v, "\xe2\x80\xaf", 3) == 0) {
			v += 3;
		} else {
			out[o++] = *v++;
		}
	}
	out[o] = '\0';
}

bool
form_int64(struct req *r, struct field_errors *fe, const char *field,
	   const char *label, int64_t *out, int64_t min, int64_t max,
	   bool required)
{
	const char *v = req_form(r, field);
	char s[64];
	int64_t x;

	strip_spaces(v != NULL ? v : "", s, sizeof(s));
	if (s[0] == '\0') {
		if (required) {
			field_error_add(fe, field, "%s måste fyllas i.", label);
			return false;
		}
		return true;
	}
	if (!parse_int64(s, &x)) {
		field_error_add(fe, field, "%s måste vara ett heltal.", label);
		return false;
	}
	if (x < min || x > max) {
		if (max == INT64_MAX) {
			field_error_add(fe, field, "%s måste vara minst %lld.",
					label, (long long)min);
		} else {
			field_error_add(fe, field,
					"%s måste vara mellan %lld och %lld.",
					label, (long long)min, (long long)max);
		}
		return false;
	}
	*out = x;
	return true;
}

bool
form_date(struct req *r, struct field_errors *fe, const char *field,
	  const char *label, char out[DATE_LEN], bool required)
{
	const char *v = req_form(r, field);
	char s[32];

	out[0] = '\0';
	s[0] = '\0';
	if (v != NULL && !trimmed(v, s, sizeof(s))) {
		/* Far too long to be a date: reported as malformed below. */
		snprintf(s, sizeof(s), "x");
	}
	if (s[0] == '\0') {
		if (required) {
			field_error_add(fe, field, "%s måste fyllas i.", label);
			return false;
		}
		return true;
	}
	if (!date_valid(s)) {
		field_error_add(fe, field,
				"%s måste vara ett datum på formen ÅÅÅÅ-MM-DD.",
				label);
		return false;
	}
	memcpy(out, s, DATE_LEN);
	return true;
}

bool
form_bool(struct req *r, const char *field)
{
	const char *v = req_form(r, field);

	return v != NULL && (strcmp(v, "1") == 0 || strcmp(v, "on") == 0 ||
			     strcmp(v, "true") == 0);
}

bool
form_enum(struct req *r, struct field_errors *fe, const char *field,
	  const char *label, const char *const *codes, size_t ncodes, int *out,
	  bool required)
{
	const char *v = req_form(r, field);

	*out = -1;
	if (v == NULL || v[0] == '\0') {
		if (required) {
			field_error_add(fe, field, "%s måste väljas.", label);
			return false;
		}
		return true;
	}
	for (size_t i = 0; i < ncodes; i++) {
		if (codes[i] != NULL && strcmp(codes[i], v) == 0) {
			*out = (int)i;
			return true;
		}
	}
	field_error_add(fe, field, "Välj ett giltigt värde för %s.", label);
	return false;
}
