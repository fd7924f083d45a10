/*
 * fielderr.h - problems with input, collected per field (a field name and
 * a Swedish message), so a page shows every error at once beside its
 * field and the API answers 422 naming each field. Used by the form and
 * JSON getters, the operations of app/ and the command line alike.
 */
#ifndef BERED_FIELDERR_H
#define BERED_FIELDERR_H

#include <stddef.h>

#define FIELD_ERRORS_MAX 32

struct field_error {
	char field[64];
	char message[256];
};

struct field_errors {
	size_t n;
	struct field_error e[FIELD_ERRORS_MAX];
};

void field_errors_init(struct field_errors *fe);
/* Adds a message for field; the first message of a field is kept. */
void field_error_add(struct field_errors *fe, const char *field,
    const char *fmt, ...) __attribute__((format(printf, 3, 4)));
/* The message for field, or NULL. */
const char *field_error_get(const struct field_errors *fe, const char *field);

#endif
