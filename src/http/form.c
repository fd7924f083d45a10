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

#include "domain/arende.h"
#include "util/date.h"
#include "util/text.h"

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
	if (len >= outsz || text_chars_n(v, len) > TEXT_LIMIT(outsz)) {
		return false;
	}
	memcpy(out, v, len);
	out[len] = '\0';
	return true;
}

bool
form_text(struct req *r, struct field_errors *fe, const char *field,
    const char *label, char *out, size_t outsz, bool required, bool multiline)
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
		    label, (size_t)TEXT_LIMIT(outsz));
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
    const char *label, int64_t *out, int64_t min, int64_t max, bool required)
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
			    "%s måste vara mellan %lld och %lld.", label,
			    (long long)min, (long long)max);
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
		    "%s måste vara ett datum på formen ÅÅÅÅ-MM-DD.", label);
		return false;
	}
	memcpy(out, s, DATE_LEN);
	return true;
}

bool
form_bool(struct req *r, const char *field)
{
	const char *v = req_form(r, field);

	return v != NULL &&
	    (strcmp(v, "1") == 0 || strcmp(v, "on") == 0 ||
		strcmp(v, "true") == 0);
}

/* The last part of a path a client gave, without control characters. */
static void
file_name(const char *given, char *out, size_t outsz)
{
	const char *p = given, *s;
	size_t o = 0;

	if ((s = strrchr(p, '/')) != NULL)
		p = s + 1;
	if ((s = strrchr(p, '\\')) != NULL)
		p = s + 1;
	for (; *p != '\0' && o + 1 < outsz; p++) {
		unsigned char c = (unsigned char)*p;

		out[o++] = c < 0x20 || c == 0x7f ? '_' : (char)c;
	}
	out[o] = '\0';
	/* A cut inside a character or bytes that are not UTF-8: replaced. */
	if (!text_valid_utf8(out, false) || out[0] == '\0' ||
	    strcmp(out, ".") == 0 || strcmp(out, "..") == 0) {
		snprintf(out, outsz, "dokument");
	}
}

bool
form_document(struct req *r, struct field_errors *fe, struct document *d)
{
	const struct req_upload *u = r->upload;
	const char *codes[DOC__COUNT];
	int kind = -1;

	memset(d, 0, sizeof(*d));
	for (int k = 0; k < DOC__COUNT; k++)
		codes[k] = doc_kind_code((enum doc_kind)k);
	(void)form_enum(r, fe, "kind", "Slag av dokument", codes, DOC__COUNT,
	    &kind, true);
	d->kind = kind >= 0 ? (enum doc_kind)kind : DOC_OVRIGT;
	(void)form_int64(r, fe, "party_id", "Part", &d->party_id, 1, INT64_MAX,
	    false);
	(void)form_int64(r, fe, "replaces", "Ny version av", &d->replaces, 1,
	    INT64_MAX, false);
	if (u == NULL || u->f == NULL || u->size == 0) {
		field_error_add(fe, "file",
		    "Välj en fil att ladda upp (den får inte vara tom).");
	} else {
		file_name(u->name, d->name, sizeof(d->name));
		d->size = u->size;
		memcpy(d->sha256, u->sha256, sizeof(d->sha256));
	}
	return fe->n == 0;
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
