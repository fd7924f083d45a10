/*
 * followup.h - the follow-up figures of DOMAIN.md 5 and API.md's counting
 * rules, computed from rows the store hands over. Pure counting.
 */
#ifndef BERED_FOLLOWUP_H
#define BERED_FOLLOWUP_H

#include "arende.h"

/* What follow-up needs of one case (the store fills it). */
struct followup_row {
	int64_t case_id;
	int64_t forbund_id;
	enum kind kind;
	enum state state;
	char identified_on[DATE_LEN];
	bool passed_overens;    /* history reached ansokan or later */
	bool reached_inskickad; /* history reached inskickad or later */
	bool has_owner;
	enum party_kind owner_kind;
	unsigned cofinancer_kinds; /* bit (1u << party_kind) */
	enum reason reason;
	int64_t granted_amount;           /* -1 none */
	int64_t participants;             /* Finsam: women + men, all years */
	int64_t days_in_state[ST__COUNT]; /* from history */
};

struct followup {
	struct {
		int64_t identified, applied, granted, refused;
		int64_t no_application, outside_routine, fk_fallback_owner;
		int64_t owners[PK__COUNT];
		int64_t cofinancers[PK__COUNT];
		int64_t reasons[REASON__COUNT];
		int64_t days_total[ST__COUNT]; /* summed days per state */
		int64_t days_cases[ST__COUNT]; /* cases that spent time there */
	} esf;
	struct {
		int64_t identified, granted, granted_amount, participants;
	} finsam;
};

/*
 * API.md's counting rules: an ESF+ case "passed overens" once its history
 * reached ansokan or any later state (owners, co-financers, FK as
 * fallback owner), and "applied" once it reached inskickad or later.
 */
bool followup_passed_overens(enum state s);
bool followup_reached_inskickad(enum state s);

/* Counts rows whose identified_on is within [from, to] ("" = open). */
void followup_count(const struct followup_row *rows, size_t n, const char *from,
    const char *to, struct followup *out);

#endif
