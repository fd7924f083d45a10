/*
 * kommuner.h - the reference list of Sweden's 290 kommuner and 21 län
 * (shared/data/swedish_kommuner_lan.csv, SCB's codes), used to validate
 * the members of a new förbund and to name its parties.
 *
 * A region is identified by its länskod ("01" = Region Stockholm). Gotland
 * has no separate region: kommun 0980 carries the regional tasks, and
 * region code "09" is named "Region Gotland".
 * Pure lookups over constant tables; every returned string is static.
 */
#ifndef BERED_KOMMUNER_H
#define BERED_KOMMUNER_H

#include <stdbool.h>
#include <stddef.h>

#include "arende.h"

#define KOMMUNER_TOTAL 290
#define LAN_TOTAL      21

struct kommun_ref {
	const char *code; /* kommunkod, 4 digits */
	const char *name; /* "Upplands Väsby" */
	const char *lan;  /* länskod, 2 digits */
};

struct lan_ref {
	const char *code;   /* länskod, 2 digits */
	const char *name;   /* "Stockholms län" */
	const char *region; /* "Region Stockholm" */
};

/* Every kommun in code order, and every län in code order. */
extern const struct kommun_ref kommun_refs[KOMMUNER_TOTAL];
extern const struct lan_ref lan_refs[LAN_TOTAL];

/* The kommun's name ("Upplands Väsby"), or NULL for an unknown code. */
const char *kommun_name(const char *code);
/* The länskod of kommun code, or NULL for an unknown code. */
const char *kommun_lan(const char *code);
/* The län's name ("Stockholms län"), or NULL for an unknown code. */
const char *lan_name(const char *code);
/* The region's name ("Region Stockholm"), or NULL for an unknown code. */
const char *region_name(const char *code);
/*
 * The kommun as an organisation, for party names ("Lunds kommun",
 * "Uppsala kommun", "Falu kommun", "Region Gotland"), into out. Returns
 * false (out = "") for an unknown code.
 */
bool kommun_org_name(const char *code, char *out, size_t outsz);

/* How many of a län's kommuner are members of some förbund. */
struct lan_coverage {
	const struct lan_ref *lan;
	int members, total;
};
/*
 * Kommun coverage (issue 8) from the member kommun codes codes[0..n):
 * member[i] for kommun_refs[i], and per län (lan_refs order) how many of
 * its kommuner are members. Unknown codes are ignored. Returns the number
 * of member kommuner.
 */
int kommun_coverage(const char *const *codes, size_t n,
    bool member[KOMMUNER_TOTAL], struct lan_coverage out[LAN_TOTAL]);

/* Kommun 0980, Region Gotland: a kommun with the regional tasks. */
#define KOMMUN_GOTLAND "0980"

/*
 * Why länskod code cannot be a member region of a new förbund, as one
 * Swedish sentence, or NULL when it can. Refused: unknown codes, and
 * "09", since Gotland has no separate region (Region Gotland is kommun
 * 0980, entered among the kommuner). The one check of a region code,
 * shared by the API and the admin form.
 */
const char *region_member_refusal(const char *code);
/*
 * Why the members of a new förbund f (its parties so far) lack a region,
 * as one Swedish sentence, or NULL when they need none: f has a region,
 * or kommun 0980 (Region Gotland) among its kommuner, which then stands
 * for the region's quarter as well (DOMAIN.md 1; domain/finsam.c lets a
 * single group carry both quarters).
 */
const char *forbund_regions_refusal(const struct forbund *f);
/*
 * Adds to the new förbund f a party of kind: FK or AF (code "") named by
 * its kind, a kommun or a region by its code, named from the reference
 * lists (kommun_org_name, region_name). The one way the API and the
 * admin form build a förbund's parties. Returns false, adding nothing,
 * when f is full or the code is unknown.
 */
bool forbund_add_party(struct forbund *f, enum party_kind kind,
    const char *code);

#endif
