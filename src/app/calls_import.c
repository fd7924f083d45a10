/*
 * calls_import.c - the utlysningsplan import (see calls_import.h).
 */
#include "calls_import.h"

#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "domain/perm.h"
#include "util/buf.h"
#include "util/text.h"
#include "util/xmalloc.h"

enum col { C_TITLE, C_REF, C_OPENS, C_CLOSES, C_FOCUS, C_SHARE, C__COUNT };

static const char *const col_names[C__COUNT] = { "title", "reference", "opens",
	"closes", "focus", "esf_share" };

static void
fail(struct import_result *res, int line, const char *field, const char *fmt,
    ...)
{
	struct import_error *e;
	va_list ap;

	if (res->n >= IMPORT_ERRORS_MAX) {
		return;
	}
	e = &res->e[res->n++];
	e->line = line;
	snprintf(e->field, sizeof(e->field), "%s", field);
	va_start(ap, fmt);
	vsnprintf(e->message, sizeof(e->message), fmt, ap);
	va_end(ap);
}

/*
 * One record from *p (RFC 4180: quoted cells may hold sep, quotes and
 * line breaks). Cells go to cells[] (at most max, each a copy into the
 * caller's buffer). Returns the number of cells; *p moves past the record
 * and *lines counts the line breaks it held.
 */
static size_t
record(const char **p, const char *end, char sep, char **cells, size_t max,
    int *lines)
{
	struct buf cell;
	size_t n = 0;
	bool quoted = false, any = false;
	const char *s = *p;

	buf_init(&cell);
	buf_puts(&cell, "");
	for (; s < end; s++) {
		char ch = *s;

		if (quoted) {
			if (ch == '"' && s + 1 < end && s[1] == '"') {
				buf_putc(&cell, '"');
				s++;
			} else if (ch == '"') {
				quoted = false;
			} else {
				*lines += ch == '\n';
				buf_putc(&cell, ch);
			}
			continue;
		}
		if (ch == '"') {
			quoted = true;
			any = true;
		} else if (ch == sep || ch == '\n') {
			if (n < max) {
				cells[n] = xstrdup(buf_cstr(&cell));
			}
			n++;
			buf_reset(&cell);
			buf_puts(&cell, "");
			any = false;
			if (ch == '\n') {
				s++;
				*lines += 1;
				break;
			}
		} else if (ch != '\r') {
			any = true;
			buf_putc(&cell, ch);
		}
	}
	if (s >= end && (any || cell.len > 0 || n > 0)) {
		if (n < max) {
			cells[n] = xstrdup(buf_cstr(&cell));
		}
		n++;
	}
	*p = s;
	buf_free(&cell);
	return n;
}

static void
free_cells(char **cells, size_t n)
{
	for (size_t i = 0; i < n; i++) {
		free(cells[i]);
		cells[i] = NULL;
	}
}

/* The ESF share: "46", "46 %", "46%"; false if not 0-100. */
static bool
share(const char *s, int *out)
{
	char buf[16];
	size_t n = strcspn(s, " %");
	int64_t v;

	if (n == 0 || n >= sizeof(buf)) {
		return false;
	}
	memcpy(buf, s, n);
	buf[n] = '\0';
	if (!parse_int64(buf, &v) || v < 0 || v > 100) {
		return false;
	}
	*out = (int)v;
	return true;
}

/* Checks one data row into v; problems into res under line. */
static void
row(char **cells, size_t n, const int *idx, int line, struct utlysning *v,
    struct import_result *res)
{
	const char *t[C__COUNT];

	memset(v, 0, sizeof(*v));
	for (int i = 0; i < C__COUNT; i++) {
		t[i] = idx[i] >= 0 && (size_t)idx[i] < n ? cells[idx[i]] : "";
		if (!text_valid_utf8(t[i], false)) {
			fail(res, line, col_names[i],
			    "Texten är inte giltig UTF-8 eller har "
			    "kontrolltecken.");
			return;
		}
	}
	if (t[C_TITLE][0] == '\0' || text_chars(t[C_TITLE]) > TITLE_CHARS) {
		fail(res, line, "title",
		    "Titeln saknas eller är längre än %d "
		    "tecken.",
		    TITLE_CHARS);
	}
	if (t[C_REF][0] == '\0' || text_chars(t[C_REF]) > SHORT_CHARS) {
		fail(res, line, "reference",
		    "Referensen saknas eller är för "
		    "lång.");
	}
	if (!date_valid(t[C_OPENS])) {
		fail(res, line, "opens", "”%s” är inget datum ÅÅÅÅ-MM-DD.",
		    t[C_OPENS]);
	}
	if (!date_valid(t[C_CLOSES])) {
		fail(res, line, "closes", "”%s” är inget datum ÅÅÅÅ-MM-DD.",
		    t[C_CLOSES]);
	} else if (date_valid(t[C_OPENS]) &&
	    strcmp(t[C_CLOSES], t[C_OPENS]) < 0) {
		fail(res, line, "closes",
		    "Utlysningen stänger (%s) före den "
		    "öppnar (%s).",
		    t[C_CLOSES], t[C_OPENS]);
	}
	if (text_chars(t[C_FOCUS]) > SHORT_CHARS) {
		fail(res, line, "focus", "Programområdet är för långt.");
	}
	if (t[C_SHARE][0] != '\0' && !share(t[C_SHARE], &v->esf_share_pct)) {
		fail(res, line, "esf_share",
		    "ESF-andelen ska vara ett heltal 0-100 (procent).");
	}
	text_copy(v->title, sizeof(v->title), t[C_TITLE]);
	text_copy(v->reference, sizeof(v->reference), t[C_REF]);
	text_copy(v->opens, sizeof(v->opens), t[C_OPENS]);
	text_copy(v->closes, sizeof(v->closes), t[C_CLOSES]);
	text_copy(v->programomrade, sizeof(v->programomrade), t[C_FOCUS]);
}

/* The header row: which cell holds which column; false if one lacks. */
static bool
header(char **cells, size_t n, int *idx, struct import_result *res)
{
	for (int i = 0; i < C__COUNT; i++) {
		idx[i] = -1;
		for (size_t k = 0; k < n; k++) {
			char *h = cells[k];

			while (*h == ' ') {
				h++;
			}
			if (strcmp(h, col_names[i]) == 0) {
				idx[i] = (int)k;
			}
		}
		if (idx[i] < 0 && i != C_FOCUS && i != C_SHARE) {
			fail(res, 1, col_names[i],
			    "Rubrikraden saknar kolumnen %s (väntade "
			    "title;reference;opens;closes;focus;esf_share).",
			    col_names[i]);
		}
	}
	return res->n == 0;
}

/* Saves v: updates the call with its reference, or makes a new one. */
static int
save(struct app_ctx *c, struct utlysning *v, const struct utlysning *all,
    size_t nall, struct import_result *res)
{
	for (size_t i = 0; i < nall; i++) {
		if (strcmp(all[i].reference, v->reference) == 0) {
			v->id = all[i].id;
			res->updated++;
			return store_call_update(c->st, v, c->user->id);
		}
	}
	res->created++;
	return store_call_create(c->st, v, c->user->id);
}

int
calls_import(struct app_ctx *c, const char *text, size_t len,
    struct import_result *res)
{
	const char *p = text, *end = text + len;
	struct utlysning *all = NULL, *rows = NULL;
	char *cells[16] = { 0 };
	int idx[C__COUNT], line = 1, next;
	size_t n, nrows = 0, cap = 0, nall = 0;
	char sep;
	int err;

	memset(res, 0, sizeof(*res));
	if (!perm_calls_edit(c->user)) {
		return B_FORBIDDEN;
	}
	if (len >= 3 && memcmp(p, "\xef\xbb\xbf", 3) == 0) {
		p += 3;
	}
	/* The separator is the header's: ';' unless it has none. */
	{
		const char *nl = memchr(p, '\n', (size_t)(end - p));
		size_t hl = nl != NULL ? (size_t)(nl - p) : (size_t)(end - p);

		sep = memchr(p, ';', hl) != NULL ? ';' : ',';
	}
	next = 0;
	n = record(&p, end, sep, cells, 16, &next);
	if (!header(cells, n < 16 ? n : 16, idx, res)) {
		free_cells(cells, n < 16 ? n : 16);
		return B_INVALID;
	}
	free_cells(cells, n < 16 ? n : 16);
	line += next;
	while (p < end) {
		int start = line;

		next = 0;
		n = record(&p, end, sep, cells, 16, &next);
		line += next;
		if (n == 0 || (n == 1 && cells[0][0] == '\0')) {
			free_cells(cells, n < 16 ? n : 16);
			continue; /* an empty line */
		}
		if (nrows == cap) {
			cap = cap ? cap * 2 : 32;
			rows = xrealloc(rows, cap * sizeof(*rows));
		}
		row(cells, n < 16 ? n : 16, idx, start, &rows[nrows++], res);
		free_cells(cells, n < 16 ? n : 16);
	}
	err = res->n > 0 ? B_INVALID : B_OK;
	if (err == B_OK && nrows == 0) {
		fail(res, 2, "title",
		    "Filen har inga rader efter rubrikraden.");
		err = B_INVALID;
	}
	if (err == B_OK) {
		err = store_call_list(c->st, &all, &nall);
	}
	if (err == B_OK && (err = store_begin(c->st)) == B_OK) {
		for (size_t i = 0; i < nrows && err == B_OK; i++) {
			err = save(c, &rows[i], all, nall, res);
		}
		if (err == B_OK) {
			err = store_commit(c->st);
		} else {
			(void)store_rollback(c->st);
		}
	}
	if (err != B_OK && err != B_INVALID) {
		res->created = res->updated = 0;
	}
	free(all);
	free(rows);
	return err;
}
