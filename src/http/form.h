/*
 * form.h - typed, validated input, for HTML forms and JSON bodies alike.
 *
 * Every getter records a failure in a struct field_errors (field name and
 * a Swedish message) instead of stopping, so a page shows all errors at
 * once beside their fields and the API answers 422 naming the fields.
 * Form getters read r's urlencoded body; the json_* twins live in api.h.
 */
#ifndef BERED_FORM_H
#define BERED_FORM_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "req.h"
#include "util/fielderr.h"
#include "util/text.h"

/*
 * Text: trims surrounding white space; must be valid UTF-8 without control
 * characters (tab/newline allowed when multiline); at most outsz-1 bytes.
 * Absent or empty: out = "" and an error only if required. label is the
 * Swedish field name used in messages.
 */
bool form_text(struct req *r, struct field_errors *fe, const char *field,
    const char *label, char *out, size_t outsz, bool required, bool multiline);
bool form_int64(struct req *r, struct field_errors *fe, const char *field,
    const char *label, int64_t *out, int64_t min, int64_t max, bool required);
/* Empty = "" (not set) unless required. */
bool form_date(struct req *r, struct field_errors *fe, const char *field,
    const char *label, char out[DATE_LEN], bool required);
/* Checkbox: present and "1"/"on"/"true" = true. */
bool form_bool(struct req *r, const char *field);
/* One of codes[0..ncodes-1] -> index into *out; "" -> -1 unless required. */
bool form_enum(struct req *r, struct field_errors *fe, const char *field,
    const char *label, const char *const *codes, size_t ncodes, int *out,
    bool required);
/*
 * An uploaded document's fields (issue 10): kind (required), party_id and
 * replaces (optional ids), and the file (r->upload: not empty; its name
 * without a path, its size and SHA-256) into d. False with fe filled.
 */
bool form_document(struct req *r, struct field_errors *fe, struct document *d);

#endif
