/*
 * rules_int.h - internal to rules.c and rules_party.c: the helpers the two
 * halves of the case rules share. Not part of the domain's interface;
 * nothing outside src/domain/rules*.c includes it. The rule ids stay in
 * the comments beside the checks in the .c files.
 */
#ifndef BERED_DOMAIN_RULES_INT_H
#define BERED_DOMAIN_RULES_INT_H

#include <stdbool.h>
#include <stddef.h>

#include "rules.h"

#define NAMES_MAX 200 /* bytes of a party-name list inside a message */

/* A predicate over one party row (e.g. "lacks förankring"). */
typedef bool (*row_pred)(const struct party_row *);

/* ---- rules.c ---- */

/* ctx, or an empty context (no call, no board decision) for NULL. */
const struct rule_ctx *ctx_or_empty(const struct rule_ctx *ctx);

/* ---- rules_party.c ---- */

/* The name shown for a row: its party's name, else the kind's label. */
const char *row_name(const struct party_row *p);
/* The number of rows of a that are in use (at most MAX_PARTIES). */
size_t nrows(const struct arende *a);
/*
 * Counts the participating rows for which pred holds (every one for a
 * NULL pred); names, if not NULL, gets "A, B och C" (NAMES_MAX bytes).
 */
size_t participants_where(const struct arende *a, row_pred pred, char *names);
/* Predicates over one row, for participants_where and the guards. */
bool lacks_forankring(const struct party_row *p);
bool lacks_mandat(const struct party_row *p);
bool lacks_agarprovning(const struct party_row *p);
bool is_medfinansiar(const struct party_row *p);
bool lacks_ja(const struct party_row *p);
/* Appends one result for rule: ok when lacks holds for no participant. */
void all_participating(const struct arende *a, struct rule_list *l,
    const char *rule, row_pred lacks, const char *ok_msg, const char *fail);
/* True if the case is outside the routine (R6 condition). */
bool outside_routine(const struct arende *a);
/* R5 for one row; appends a passing entry for FK only if add_ok. */
bool fk_row_not_utforare(const struct party_row *p, struct rule_list *l,
    bool add_ok);
/* R4: the project falls within the ESF+ programme period. */
void r4_period(const struct arende *a, const struct rule_ctx *ctx,
    struct rule_list *l);
/* R4: appends every fallback condition, ok or not (ctx not NULL). */
void fk_conditions(const struct arende *a, const struct rule_ctx *ctx,
    struct rule_list *l);
/* R5: another participating party than FK carries out the work. */
void r5_other_performs(const struct arende *a, struct rule_list *l);
/* R5: the överenskommelse is registered before an FK-owned project. */
void r5_agreement(const struct arende *a, struct rule_list *l);

#endif
