/*
 * export.h - exports of lists (issue 8 and 9), shared by the API and the
 * pages: CSV for Swedish Excel (UTF-8 with BOM, ';', CRLF, every cell
 * quoted, a cell that starts with = + - @ prefixed with ' so it is never
 * a formula) and a real XLSX workbook through libxlsxwriter (numbers as
 * numbers, dates as dates, kronor formatted, the header row frozen, text
 * always a string cell, never a formula).
 *
 * A table is built row by row: export_new with its columns, then for each
 * row one export_* call per column and export_row_end.
 */
#ifndef BERED_EXPORT_H
#define BERED_EXPORT_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "store/store.h"
#include "util/buf.h"

enum export_type { EX_TEXT, EX_INT, EX_MONEY, EX_DATE };

struct export_col {
	const char *title; /* the header, in Swedish */
	enum export_type type;
	double width; /* characters, for XLSX */
};

struct export;

struct export *export_new(const char *sheet, const struct export_col *cols,
    size_t ncols);
void export_text(struct export *x, const char *s); /* NULL = empty */
void export_int(struct export *x, int64_t v);
void export_money(struct export *x, int64_t kronor);  /* < 0 = empty */
void export_date(struct export *x, const char *date); /* "" = empty */
void export_row_end(struct export *x);
void export_free(struct export *x);

/* The table as CSV into b. */
void export_csv(const struct export *x, struct buf *b);
/* The table as an XLSX workbook into b; B_OK or B_INTERNAL. */
int export_xlsx(const struct export *x, struct buf *b);

/* The case list and the calls as tables (the same columns everywhere). */
/* fl[0..nf) names the förbund (the store's list). */
struct export *export_cases(const struct case_brief *b, size_t n,
    const struct forbund_brief *fl, size_t nf);
struct export *export_calls(const struct utlysning *c, size_t n);
/*
 * Answers x in format ("csv" or "xlsx") as a download named name.csv or
 * name.xlsx: the content type, the Content-Disposition and the bytes into
 * *ctype, disp (size 128) and b. B_OK, or B_INTERNAL.
 */
int export_render(const struct export *x, const char *format, const char *name,
    const char **ctype, char *disp, struct buf *b);
/* True for the formats exports have: "csv", "xlsx". */
bool export_format_ok(const char *format);

/* One quoted CSV cell; a formula-looking text is neutralised. */
void export_csv_cell(struct buf *b, const char *s);
/* The audit rows as a table. */
struct export *export_audit(const struct audit_row *v, size_t n);

#endif
