/*
 * export.c - CSV for Swedish Excel (API.md): UTF-8 with a BOM, ';'
 * between cells, CRLF between rows, every cell quoted, and a cell that
 * starts with = + - @ (or a tab or CR) prefixed with ' so that it is
 * never read as a formula. Used by the API and the pages alike.
 */
#include "export.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>
#include <xlsxwriter.h>

#include "util/date.h"
#include "util/log.h"
#include "util/xmalloc.h"

struct cell {
	enum export_type type;
	bool empty;
	int64_t v;
	char *s;
};

struct export
{
	const char *sheet;
	const struct export_col *cols;
	size_t ncols;
	struct cell *cells; /* row-major, ncols a row */
	size_t n, cap;
};

struct export *
export_new(const char *sheet, const struct export_col *cols, size_t ncols)
{
	struct export *x = xcalloc(1, sizeof(*x));

	x->sheet = sheet;
	x->cols = cols;
	x->ncols = ncols;
	return x;
}

static struct cell *
next_cell(struct export *x)
{
	if (x->n == x->cap) {
		x->cap = x->cap ? x->cap * 2 : 64;
		x->cells = xrealloc(x->cells, x->cap * sizeof(*x->cells));
	}
	memset(&x->cells[x->n], 0, sizeof(x->cells[0]));
	x->cells[x->n].type = x->cols[x->n % x->ncols].type;
	return &x->cells[x->n++];
}

void
export_text(struct export *x, const char *s)
{
	struct cell *c = next_cell(x);

	c->empty = s == NULL || s[0] == '\0';
	c->s = xstrdup(s != NULL ? s : "");
}

void
export_int(struct export *x, int64_t v)
{
	next_cell(x)->v = v;
}

void
export_money(struct export *x, int64_t kronor)
{
	struct cell *c = next_cell(x);

	c->empty = kronor < 0;
	c->v = kronor;
}

void
export_date(struct export *x, const char *date)
{
	struct cell *c = next_cell(x);

	c->empty = date == NULL || !date_valid(date);
	c->s = xstrdup(c->empty ? "" : date);
}

void
export_row_end(struct export *x)
{
	/* A short row is filled with empty cells: rows never shift. */
	while (x->n % x->ncols != 0) {
		next_cell(x)->empty = true;
	}
}

void
export_free(struct export *x)
{
	if (x == NULL) {
		return;
	}
	for (size_t i = 0; i < x->n; i++) {
		free(x->cells[i].s);
	}
	free(x->cells);
	free(x);
}

void
export_csv(const struct export *x, struct buf *b)
{
	char num[32];

	buf_puts(b, "\xef\xbb\xbf");
	for (size_t i = 0; i < x->ncols; i++) {
		if (i > 0) {
			buf_putc(b, ';');
		}
		export_csv_cell(b, x->cols[i].title);
	}
	buf_puts(b, "\r\n");
	for (size_t i = 0; i < x->n; i++) {
		const struct cell *c = &x->cells[i];

		num[0] = '\0';
		if (!c->empty && (c->type == EX_INT || c->type == EX_MONEY)) {
			snprintf(num, sizeof(num), "%lld", (long long)c->v);
		}
		export_csv_cell(b, c->s != NULL ? c->s : num);
		buf_puts(b, (i + 1) % x->ncols == 0 ? "\r\n" : ";");
	}
}

/* Digits d[0..n) of a valid date as a number. */
static int
digits(const char *d, int n)
{
	int v = 0;

	for (int i = 0; i < n; i++) {
		v = v * 10 + (d[i] - '0');
	}
	return v;
}

/* A date already checked by date_valid ("YYYY-MM-DD"). */
static lxw_datetime
lxw_date(const char *d)
{
	lxw_datetime t;

	memset(&t, 0, sizeof(t));
	t.year = digits(d, 4);
	t.month = digits(d + 5, 2);
	t.day = digits(d + 8, 2);
	return t;
}

/* Writes the workbook to a temporary file (libxlsxwriter 1.1 writes files
 * only) and reads it back into b. */
int
export_xlsx(const struct export *x, struct buf *b)
{
	const char *tmp = getenv("TMPDIR");
	char path[512];
	lxw_workbook_options o = { 0 };
	lxw_workbook *wb;
	lxw_worksheet *ws;
	lxw_format *head, *money, *date;
	FILE *f;
	char chunk[8192];
	size_t got;
	int fd, rc = B_INTERNAL;

	snprintf(path, sizeof(path), "%s/bered-export-XXXXXX",
	    tmp != NULL && tmp[0] != '\0' ? tmp : "/tmp");
	if ((fd = mkstemp(path)) < 0) {
		log_err("export: cannot make a temporary file");
		return B_INTERNAL;
	}
	close(fd);
	o.tmpdir = tmp != NULL && tmp[0] != '\0' ? (char *)tmp : "/tmp";
	wb = workbook_new_opt(path, &o);
	if (wb == NULL) {
		unlink(path);
		return B_INTERNAL;
	}
	ws = workbook_add_worksheet(wb, x->sheet);
	head = workbook_add_format(wb);
	format_set_bold(head);
	money = workbook_add_format(wb);
	format_set_num_format(money, "#,##0 \"kr\"");
	date = workbook_add_format(wb);
	format_set_num_format(date, "yyyy-mm-dd");
	for (size_t i = 0; i < x->ncols; i++) {
		worksheet_write_string(ws, 0, (lxw_col_t)i, x->cols[i].title,
		    head);
		worksheet_set_column(ws, (lxw_col_t)i, (lxw_col_t)i,
		    x->cols[i].width, NULL);
	}
	worksheet_freeze_panes(ws, 1, 0);
	for (size_t i = 0; i < x->n; i++) {
		const struct cell *c = &x->cells[i];
		lxw_row_t row = (lxw_row_t)(i / x->ncols + 1);
		lxw_col_t col = (lxw_col_t)(i % x->ncols);
		lxw_datetime t;

		if (c->empty) {
			continue;
		}
		switch (c->type) {
		case EX_INT:
			worksheet_write_number(ws, row, col, (double)c->v,
			    NULL);
			break;
		case EX_MONEY:
			worksheet_write_number(ws, row, col, (double)c->v,
			    money);
			break;
		case EX_DATE:
			t = lxw_date(c->s);
			worksheet_write_datetime(ws, row, col, &t, date);
			break;
		default:
			/* Always a string cell: text never becomes a formula.
			 */
			worksheet_write_string(ws, row, col, c->s, NULL);
			break;
		}
	}
	if (workbook_close(wb) == LXW_NO_ERROR && (f = fopen(path, "rb"))) {
		while ((got = fread(chunk, 1, sizeof(chunk), f)) > 0) {
			buf_append(b, chunk, got);
		}
		rc = ferror(f) ? B_INTERNAL : B_OK;
		fclose(f);
	}
	unlink(path);
	return rc;
}

/* One CSV cell for Swedish Excel: quoted, and never read as a formula. */
void
export_csv_cell(struct buf *b, const char *s)
{
	buf_putc(b, '"');
	if (s != NULL && strchr("=+-@\t\r", s[0]) != NULL && s[0] != '\0') {
		buf_putc(b, '\'');
	}
	for (; s != NULL && *s != '\0'; s++) {
		if (*s == '"') {
			buf_putc(b, '"');
		}
		buf_putc(b, *s);
	}
	buf_putc(b, '"');
}

static const struct export_col audit_cols[] = {
	{ "Id", EX_INT, 8 },
	{ "Tid", EX_TEXT, 21 },
	{ "Användare", EX_INT, 10 },
	{ "Användarens namn", EX_TEXT, 22 },
	{ "Objekt", EX_TEXT, 12 },
	{ "Objektets id", EX_INT, 12 },
	{ "Fält", EX_TEXT, 18 },
	{ "Före", EX_TEXT, 30 },
	{ "Efter", EX_TEXT, 30 },
	{ "Från läge", EX_TEXT, 14 },
	{ "Till läge", EX_TEXT, 14 },
	{ "Kommentar", EX_TEXT, 30 },
};

struct export *
export_audit(const struct audit_row *v, size_t n)
{
	struct export *x = export_new("Logg", audit_cols,
	    sizeof(audit_cols) / sizeof(audit_cols[0]));

	for (size_t i = 0; i < n; i++) {
		const struct audit_row *a = &v[i];

		export_int(x, a->id);
		export_text(x, a->at);
		if (a->user_id > 0) {
			export_int(x, a->user_id);
		} else {
			export_text(x, "");
		}
		export_text(x, a->user_name);
		export_text(x, a->entity);
		export_int(x, a->entity_id);
		export_text(x, a->field);
		export_text(x, a->before);
		export_text(x, a->after);
		export_text(x, a->from_state);
		export_text(x, a->to_state);
		export_text(x, a->comment);
		export_row_end(x);
	}
	return x;
}

static const struct export_col case_cols[] = {
	{ "Ärende", EX_INT, 8 },
	{ "Titel", EX_TEXT, 48 },
	{ "Typ", EX_TEXT, 14 },
	{ "Läge", EX_TEXT, 22 },
	{ "Förbund", EX_INT, 9 },
	{ "Projektägare", EX_TEXT, 28 },
	{ "Utlysning", EX_INT, 10 },
	{ "Identifierad", EX_DATE, 12 },
	{ "Senast ändrad", EX_TEXT, 21 },
	/* Added last, so that a reader of the earlier columns still fits. */
	{ "Förbundets namn", EX_TEXT, 34 },
};

struct export *
export_cases(const struct case_brief *b, size_t n,
    const struct forbund_brief *fl, size_t nf)
{
	struct export *x = export_new("Ärenden", case_cols,
	    sizeof(case_cols) / sizeof(case_cols[0]));

	for (size_t i = 0; i < n; i++) {
		const char *fname = "";

		for (size_t k = 0; k < nf; k++) {
			if (fl[k].id == b[i].forbund_id) {
				fname = fl[k].name;
			}
		}
		export_int(x, b[i].id);
		export_text(x, b[i].title);
		export_text(x, kind_label(b[i].kind));
		export_text(x, state_label(b[i].state));
		export_int(x, b[i].forbund_id);
		export_text(x, b[i].owner_party_id > 0 ? b[i].owner_name : "");
		if (b[i].call_id > 0) {
			export_int(x, b[i].call_id);
		} else {
			export_text(x, "");
		}
		export_date(x, b[i].identified_on);
		export_text(x, b[i].updated_at);
		export_text(x, fname);
		export_row_end(x);
	}
	return x;
}

static const struct export_col call_cols[] = {
	{ "Id", EX_INT, 6 },
	{ "Titel", EX_TEXT, 48 },
	{ "Diarienummer", EX_TEXT, 18 },
	{ "Öppnar", EX_DATE, 12 },
	{ "Stänger", EX_DATE, 12 },
	{ "Programområde", EX_TEXT, 28 },
	{ "ESF-andel (%)", EX_INT, 12 },
};

struct export *
export_calls(const struct utlysning *c, size_t n)
{
	struct export *x = export_new("Utlysningar", call_cols,
	    sizeof(call_cols) / sizeof(call_cols[0]));

	for (size_t i = 0; i < n; i++) {
		export_int(x, c[i].id);
		export_text(x, c[i].title);
		export_text(x, c[i].reference);
		export_date(x, c[i].opens);
		export_date(x, c[i].closes);
		export_text(x, c[i].programomrade);
		export_int(x, c[i].esf_share_pct);
		export_row_end(x);
	}
	return x;
}

bool
export_format_ok(const char *format)
{
	return format != NULL &&
	    (strcmp(format, "csv") == 0 || strcmp(format, "xlsx") == 0);
}

int
export_render(const struct export *x, const char *format, const char *name,
    const char **ctype, char *disp, struct buf *b)
{
	bool csv = strcmp(format, "csv") == 0;

	snprintf(disp, 128, "attachment; filename=\"%s.%s\"", name,
	    csv ? "csv" : "xlsx");
	if (csv) {
		*ctype = "text/csv; charset=utf-8";
		export_csv(x, b);
		return B_OK;
	}
	*ctype = "application/vnd.openxmlformats-officedocument."
		 "spreadsheetml.sheet";
	return export_xlsx(x, b);
}
