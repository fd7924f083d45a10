/*
 * followup.h - the follow-up figures of DOMAIN.md 5 and API.md's counting
 * rules, computed from rows the store hands over. Pure counting.
 */
#ifndef BERED_FOLLOWUP_H
#define BERED_FOLLOWUP_H

#include "arende.h"

/*
 * What follow-up needs of one case, or of n cases alike in every field
 * counted (the store hands over such groups: a row per förbund, year and
 * combination, never one per case, so counting does not grow with the
 * data). Sums (granted_amount, participants) are the group's.
 */
struct followup_row {
	int64_t n;       /* cases this row stands for; 0 counts as 1 */
	int64_t case_id; /* one case (its facts); 0 for a group */
	int64_t forbund_id;
	int year;    /* of identified_on, 0 if none */
	int quarter; /* of identified_on (1-4) when asked for, else 0 */
	enum kind kind;
	enum state state;
	char identified_on[DATE_LEN]; /* a group's earliest */
	bool passed_overens;          /* history reached ansokan or later */
	bool reached_inskickad;       /* history reached inskickad or later */
	bool has_owner;
	enum party_kind owner_kind;
	unsigned cofinancer_kinds; /* bit (1u << party_kind) */
	enum reason reason;
	int64_t granted_amount; /* -1 none; a group: the sum of those > 0 */
	int64_t applied_amount; /* ESF+ kronor applied for; as granted */
	int64_t participants;   /* Finsam: women + men, all years */
};

/*
 * Days ESF+ cases spent in one state: n cases spent `days` there (the
 * state they are in now counts up to today). The store hands over one bin
 * per state and number of days.
 */
struct days_bin {
	enum state state;
	int64_t days;
	int64_t n;
};

struct followup {
	struct {
		int64_t identified, applied, granted, refused;
		int64_t granted_amount; /* kronor ESF-rådet granted */
		int64_t applied_amount; /* kronor applied for (applied) */
		int64_t no_application, outside_routine, fk_fallback_owner;
		int64_t owners[PK__COUNT];
		int64_t cofinancers[PK__COUNT];
		int64_t reasons[REASON__COUNT];
		int64_t days_total[ST__COUNT]; /* summed days per state */
		int64_t days_cases[ST__COUNT]; /* cases that spent time there */
		int64_t days_median[ST__COUNT];
		int64_t
		    days_p90[ST__COUNT]; /* 90th percentile (nearest rank) */
	} esf;
	struct {
		int64_t identified, granted, granted_amount, participants;
	} finsam;
};

/* The facts a case's history adds to its state (followup_row, stored). */
#define FACT_PASSED_OVERENS    1u
#define FACT_REACHED_INSKICKAD 2u

/*
 * The cases behind one figure of the follow-up (issue 8: every figure is
 * a link to them): of kind, in one of states (bit per enum state) or
 * with one of flags (FACT_*), both 0 = any; with an owner (of owner_kind
 * + 1, 0 = any kind), a co-financer of one of cofin_kinds (bit per party
 * kind), reason + 1; identified within [from, to], in län lan ("" any).
 */
struct fact_filter {
	bool on;
	int kind; /* enum kind, -1 any */
	uint32_t states;
	unsigned flags;
	bool has_owner;
	int owner_kind;
	unsigned cofin_kinds;
	int reason;
	char from[DATE_LEN], to[DATE_LEN];
	char lan[4];
	/*
	 * A few cases among many are expected (a to-do list): the store
	 * reads the facts first instead of the newest cases first.
	 */
	bool few;
};

/*
 * The selection behind the figure named code, with the same counting
 * rules as followup_count, and its Swedish label ("Beviljade av
 * ESF-rådet"); false for an unknown code. Codes: esf, esf-ansokan,
 * esf-beviljade, esf-avslag, esf-ingen, esf-utanfor, esf-overens,
 * esf-agare-KIND, esf-medfin-KIND (KIND a party kind code),
 * esf-skal-REASON (a reason code), finsam, finsam-beviljade.
 */
bool followup_filter(const char *code, struct fact_filter *out,
    const char **label);

/*
 * API.md's counting rules: an ESF+ case "passed overens" once its history
 * reached ansokan or any later state (owners, co-financers, FK as
 * fallback owner), and "applied" once it reached inskickad or later.
 */
bool followup_passed_overens(enum state s);
bool followup_reached_inskickad(enum state s);

/*
 * Whether row's ESF+ cases passed overens as the counting rules say (its
 * history or its state): those are counted for owners and co-financers.
 */
bool followup_row_passed_overens(const struct followup_row *r);
/* Counts rows whose identified_on is within [from, to] ("" = open). */
void followup_count(const struct followup_row *rows, size_t n, const char *from,
    const char *to, struct followup *out);
/*
 * The ESF+ days in each state from bins b[0..n), ordered by state and
 * then days (as the store hands them over): the sum, the
 * cases, the median and the 90th percentile (nearest rank: the smallest
 * value with at least p % of the cases at or below it). Bins of 0 days
 * are not time spent and are left out.
 */
void followup_days(const struct days_bin *b, size_t n, struct followup *out);

#endif
