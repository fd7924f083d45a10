/*
 * fielderr.c - per-field input problems (fielderr.h). Messages are cut at
 * a character boundary so that a JSON answer never loses them.
 */
#include "fielderr.h"

#include <stdarg.h>
#include <stdio.h>
#include <string.h>

#include "text.h"

void
field_errors_init(struct field_errors *fe)
{
	fe->n = 0;
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
	text_trim_tail(e->field);
	va_start(ap, fmt);
	vsnprintf(e->message, sizeof(e->message), fmt, ap);
	va_end(ap);
	text_trim_tail(e->message);
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
