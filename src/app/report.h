/*
 * report.h - the follow-up grouped and exported (report.c).
 */
#ifndef BERED_REPORT_H
#define BERED_REPORT_H

#include <stdbool.h>

#include "domain/kommuner.h"
#include "export.h"
#include "store/store.h"

/* One group of the follow-up: the rows whose key is key. */
struct fu_group {
	int64_t key; /* förbund id, länskod as a number, or year */
	char label[NAME_MAX_];
	struct followup f;
};

/*
 * The follow-up of a selection (forbund_id 0 = all, lan "" = all, cases
 * identified from..to): total counted, with the days in each state up to
 * today, and the store's rows (*rows owned) for report_groups; with
 * quarters, the rows carry their quarter (for "quarter").
 */
int report_load(struct store *st, int64_t forbund_id, const char *lan,
    const char *from, const char *to, bool quarters, const char *today,
    struct followup *total, struct followup_row **rows, size_t *n);
/* A party's name and the ESF+ cases it owns or co-finances. */
struct name_count {
	char name[NAME_MAX_];
	int64_t n;
};
/*
 * Owners (cofin false) or co-financers by name of the ESF+ cases of the
 * selection that passed overens, by name; *out owned.
 */
int report_names(struct store *st, int64_t forbund_id, const char *lan,
    const char *from, const char *to, bool cofin, struct name_count **out,
    size_t *n);
/*
 * Kommun coverage: member[i] for kommun_refs[i], per län in cov, and the
 * number of member kommuner in *members.
 */
int report_coverage(struct store *st, bool member[KOMMUNER_TOTAL],
    struct lan_coverage cov[LAN_TOTAL], int *members);
/*
 * Which län each of rows[0..n) belongs to (bit k for lan_refs[k]: its
 * förbund has a member kommun or region there); bits owned.
 */
struct lan_rows {
	uint32_t *bits;
};
int lan_rows_load(struct store *st, const struct followup_row *rows, size_t n,
    struct lan_rows *out);
/* The rows of län k into sub (room for n); their number. */
size_t lan_rows_of(const struct lan_rows *lr, const struct followup_row *rows,
    size_t n, size_t k, struct followup_row *sub);
/* True for the groupings there are: "forbund", "lan", "year", "quarter". */
bool report_group_ok(const char *by);
/*
 * The groups of `by` over rows[0..n) (already narrowed to the selection)
 * counted for the period from..to; förbund names and their län come from
 * st. *out (owned) in key order and *ng. B_OK or the store's error.
 */
int report_groups(struct store *st, const char *from, const char *to,
    const char *by, const struct followup_row *rows, size_t n,
    struct fu_group **out, size_t *ng);
/* The groups and a "Totalt" row as a table; esf false: no ESF+ (R1). */
struct export *report_export(const struct fu_group *g, size_t ng,
    const struct followup *total, bool esf);

/*
 * The budget years of from..to ("" open) of the selected förbund with a
 * budget or a grant, in year order: *out owned, *n.
 */
int report_frames(struct store *st, int64_t forbund_id, const char *lan,
    const char *from, const char *to, struct fu_frame **out, size_t *n);

#endif
