/*
 * report.h - the follow-up grouped and exported (report.c).
 */
#ifndef BERED_REPORT_H
#define BERED_REPORT_H

#include <stdbool.h>

#include "export.h"
#include "store/store.h"

/* One group of the follow-up: the rows whose key is key. */
struct fu_group {
	int64_t key; /* förbund id, länskod as a number, or year */
	char label[NAME_MAX_];
	struct followup f;
};

/* True for the groupings there are: "forbund", "lan", "year". */
bool report_group_ok(const char *by);
/*
 * The groups of `by` over rows[0..n) (already narrowed to forbund_id, all
 * when 0) counted for the period from..to; a län re-reads its rows from
 * st. *out (owned) in key order and *ng. B_OK or the store's error.
 */
int report_groups(struct store *st, int64_t forbund_id, const char *from,
    const char *to, const char *by, const struct followup_row *rows, size_t n,
    struct fu_group **out, size_t *ng);
/* The groups and a "Totalt" row as a table; esf false: no ESF+ (R1). */
struct export *report_export(const struct fu_group *g, size_t ng,
    const struct followup *total, bool esf);

#endif
