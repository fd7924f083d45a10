/*
 * rules.h - the state machines of DOMAIN.md 7 and the rules R1-R8.
 *
 * Every guard is decided here and only here, each naming its rule id.
 * A check collects EVERY failing guard, never stops at the first.
 * Pure functions: the caller supplies "today", the linked utlysning and the
 * configuration; nothing here reads a clock, a file or a database.
 */
#ifndef BERED_RULES_H
#define BERED_RULES_H

#include <stdarg.h>

#include "arende.h"

#define RULES_MAX 32

struct rule_result {
	char rule[8]; /* "R4", or "G" for a plain state-machine guard */
	bool ok;
	char field[40]; /* the input it concerns ("offers[2].share"), or "" */
	char message[512]; /* Swedish, for the page and the API */
};

struct rule_list {
	size_t n;
	struct rule_result r[RULES_MAX];
};

/* ESF+ programme period (configuration, not code; DOMAIN.md 1, R4). */
struct esf_config {
	char calls_until[DATE_LEN];    /* default 2027-12-31 */
	char activity_until[DATE_LEN]; /* default 2029-12-31 */
	char period_start[DATE_LEN];   /* default 2021-01-01 */
};

struct rule_ctx {
	char today[DATE_LEN];
	const struct esf_config *cfg;
	const struct utlysning *call; /* the linked call, or NULL */
	bool board_decision; /* move made by a board decision (R1, R9) */
};

void esf_config_default(struct esf_config *c);
void rule_list_init(struct rule_list *l);
/* Appends a result (printf-style message). */
void rule_add(struct rule_list *l, const char *rule, bool ok, const char *fmt,
    ...) __attribute__((format(printf, 4, 5)));
/* The same for a result about one input field (kept as data, not text). */
void rule_vadd(struct rule_list *l, const char *rule, bool ok,
    const char *field, const char *fmt, va_list ap)
    __attribute__((format(printf, 5, 0)));
void rule_add_field(struct rule_list *l, const char *rule, bool ok,
    const char *field, const char *fmt, ...)
    __attribute__((format(printf, 5, 6)));
/* What rule id ("R8") is about, in a few Swedish words, for the pages. */
const char *rule_about(const char *id);
/* Number of entries with ok == false. */
size_t rule_failures(const struct rule_list *l);

/* True if the state machine of a->kind has an edge a->state -> to. */
bool transition_exists(enum kind k, enum state from, enum state to);
/*
 * The targets reachable from `from` in kind k's machine, in display order,
 * into out (at most ST__COUNT); returns their number.
 */
size_t transition_targets(enum kind k, enum state from, enum state *out);

/*
 * Checks the move of a to state `to`. Fills out with every failing guard
 * (and passing ones, ok = true, so the page can show a checklist).
 * Returns the number of failing guards; 0 means the move is allowed.
 * A move with no edge fails with one entry naming the states.
 */
size_t transition_check(const struct arende *a, enum state to,
    const struct rule_ctx *ctx, struct rule_list *out);

/*
 * R4: can FK be the fallback projektägare of a? Fills out with every
 * condition, ok or not. Returns true if all hold.
 */
bool fk_fallback_eligible(const struct arende *a, const struct rule_ctx *ctx,
    struct rule_list *out);

/*
 * Validates a party row's own consistency before saving (R5: FK is never
 * utförare; agarprovning/beslut values). Returns failures count.
 */
size_t party_row_check(const struct party_row *row, struct rule_list *out);

/*
 * Checks an edit of a case's own fields (before -> after, same case and
 * state) against the facts a step already taken rests on: a Finsam
 * insats's money, decision date and grant period are set only by the
 * board's decision (R9); an ESF+ case's projektägare is fixed once the
 * parties have agreed (R2, R4), its utlysning and submission date once
 * the application is submitted (R8); and a date, amount or name that a
 * passed guard required cannot be removed; nothing at all changes on a
 * case in a final state (G, case_closed_check). Appends each failure to out
 * as "field: message" (the API field name first, as budget_check does)
 * and returns the number of failures this call added.
 */
size_t case_fields_check(const struct arende *before,
    const struct arende *after, struct rule_list *out);

/*
 * May a go on a board agenda? R1: never an ESF+ case; G: a Finsam
 * insats only in ansvarsfordelning. Appends the failure to out and
 * returns the failures added (0 or 1).
 */
/*
 * Dates that cannot be true (rules_dates.c): each date of a after the one
 * it follows and, where it records something done, not after today; the
 * submission within call (may be NULL). Failures name their field.
 */
size_t case_dates_check(const struct arende *a, const struct utlysning *call,
    const char *today, struct rule_list *out);
/*
 * An edit of party row stored into row on case a (rules_dates.c): each
 * field only from its step, participation and co-financing fixed once
 * the parties agreed (R2), förankring dated within the case and not in
 * the future. Failures name their field.
 */
/* R8: a call is linked only while it is open (closes on or after today). */
size_t call_link_check(const struct utlysning *call, const char *today,
    struct rule_list *out);
/* Each participating party's förankring within the case, not in the future. */
size_t case_party_dates_check(const struct arende *a, const char *today,
    struct rule_list *out);
size_t party_change_check(const struct arende *a,
    const struct party_row *stored, const struct party_row *row,
    const char *today, struct rule_list *out);
size_t board_agenda_check(const struct arende *a, struct rule_list *out);

/*
 * The states of kind k in which party_pending can find something a
 * party must record (a to-do list need look at no other case).
 */
bool party_pending_possible(enum kind k, enum state s);
/*
 * What participating party p must still record on a for a's next step,
 * decided by the same per-party predicates as transition_check: its
 * förankring (G, at utformning), mandate (R2) and ownership examination
 * (R3) at overens, its decision ja (G, at partsbeslut), and for FK as
 * owner of a granted ESF+ project the överenskommelse (R5). Appends one
 * failing entry per item (message without the party's name, lower case:
 * "mandat saknas") and returns the number added; 0 for a party that does
 * not take part.
 */
size_t party_pending(const struct arende *a, const struct party_row *p,
    struct rule_list *out);

/*
 * G: a case in a final state (state_is_final) is closed, so nothing on
 * it is edited any more: neither its fields (case_fields_check refuses
 * every edit of a closed case with one "state: ..." failure) nor its
 * party rows (svc_party_update asks this). Appends one failure, rule "G",
 * naming the state, when a is final; returns the failures added (0, 1).
 */
size_t case_closed_check(const struct arende *a, struct rule_list *out);

/* True for states inside the beredningsstruktur (up to overens). */
bool state_inside_beredning(enum kind k, enum state s);
/* True if s ends the case (avslutad, avbruten, utanfor_rutinen, avslag). */
bool state_is_final(enum state s);
/* The main-path step number 1..9 of DOMAIN.md 3.1/3.2 that s belongs to. */
int state_process_step(enum kind k, enum state s);

#endif
