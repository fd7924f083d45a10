/*
 * fields.h - the one description of a case's fields and of a party row's
 * fields: the API name (also the database column, the audit row's field
 * and the form field), the Swedish label, the type and where the value
 * lives in struct arende / struct party_row. The audit (store), the JSON
 * PATCH (api) and the database binding are driven by these tables, so a
 * new field is added here and in the schema, not in eleven places.
 */
#ifndef BERED_FIELDS_H
#define BERED_FIELDS_H

#include <stdbool.h>
#include <stddef.h>

#include "arende.h"

enum field_type {
	FT_TEXT,     /* one line of text */
	FT_LONGTEXT, /* text with line breaks */
	FT_DATE,     /* YYYY-MM-DD, "" = not set */
	FT_BOOL,
	FT_ID,     /* int64 id of a need, 0 = none */
	FT_CALL,   /* int64 id of an utlysning, 0 = none */
	FT_PARTY,  /* int64 id of a party of the case, 0 = none */
	FT_MONEY,  /* int64 kronor, -1 = not set */
	FT_REASON, /* enum reason */
	FT_AGP,    /* enum agarprovning */
	FT_BESLUT  /* enum beslut */
};

enum field_flag {
	FF_PATCH = 1 << 0,    /* set through PATCH /cases/{id} and the forms */
	FF_REQUIRED = 1 << 1, /* never empty ("title") */
};

struct field_def {
	const char *name;  /* API name = column = audit field */
	const char *label; /* Swedish, for the history and the page */
	enum field_type type;
	size_t off;     /* offsetof in its struct */
	size_t size;    /* sizeof the member (text buffers) */
	unsigned flags; /* enum field_flag */
};

extern const struct field_def case_fields[];
extern const size_t ncase_fields;
extern const struct field_def party_fields[];
extern const size_t nparty_fields;

/* The case field named name, or NULL. */
const struct field_def *case_field(const char *name);

#endif
