/*
 * export.h - CSV exports (export.c), shared by the API and the pages.
 */
#ifndef BERED_EXPORT_H
#define BERED_EXPORT_H

#include <stddef.h>

#include "store/store.h"
#include "util/buf.h"

/* One quoted cell; a formula-looking text is neutralised. */
void export_csv_cell(struct buf *b, const char *s);
/* The BOM, a header row and one row per audit row. */
void export_audit_csv(struct buf *b, const struct audit_row *v, size_t n);

#endif
