/*
 * export.c - CSV for Swedish Excel (API.md): UTF-8 with a BOM, ';'
 * between cells, CRLF between rows, every cell quoted, and a cell that
 * starts with = + - @ (or a tab or CR) prefixed with ' so that it is
 * never read as a formula. Used by the API and the pages alike.
 */
#include "export.h"

#include <stdio.h>
#include <string.h>

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

void
export_audit_csv(struct buf *b, const struct audit_row *v, size_t n)
{
	static const char *const head[] = { "id", "tid", "användare",
		"användarens namn", "objekt", "objektets id", "fält", "före",
		"efter", "från läge", "till läge", "kommentar" };
	char num[3][24];

	buf_puts(b, "\xef\xbb\xbf");
	for (size_t i = 0; i < 12; i++) {
		if (i > 0) {
			buf_putc(b, ';');
		}
		export_csv_cell(b, head[i]);
	}
	buf_puts(b, "\r\n");
	for (size_t i = 0; i < n; i++) {
		const struct audit_row *a = &v[i];
		const char *cells[12];

		snprintf(num[0], sizeof(num[0]), "%lld", (long long)a->id);
		snprintf(num[1], sizeof(num[1]), "%lld", (long long)a->user_id);
		snprintf(num[2], sizeof(num[2]), "%lld",
		    (long long)a->entity_id);
		cells[0] = num[0];
		cells[1] = a->at;
		cells[2] = a->user_id > 0 ? num[1] : "";
		cells[3] = a->user_name;
		cells[4] = a->entity;
		cells[5] = num[2];
		cells[6] = a->field;
		cells[7] = a->before;
		cells[8] = a->after;
		cells[9] = a->from_state;
		cells[10] = a->to_state;
		cells[11] = a->comment;
		for (size_t k = 0; k < 12; k++) {
			if (k > 0) {
				buf_putc(b, ';');
			}
			export_csv_cell(b, cells[k]);
		}
		buf_puts(b, "\r\n");
	}
}
