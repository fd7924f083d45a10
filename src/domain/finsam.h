/*
 * finsam.h - Finsam money (DOMAIN.md 2, R9): the budget frame of a förbund
 * and what each party pays, in whole kronor that add up exactly.
 *
 * Shares are integers in millionths (ppm, 1 000 000 = the whole group).
 * T = min(2*S, 4*O_i*1e6/share_i for every kommun and region), rounded down
 * to whole kronor; FK pays T/2, the kommuner T/4 by share, the regioner T/4
 * by share, rounded with largest remainder so the sum is exactly T.
 */
#ifndef BERED_FINSAM_H
#define BERED_FINSAM_H

#include "arende.h"
#include "rules.h"

#define SHARE_ONE         1000000
/* Largest single offer, kronor: keeps 4*amount*SHARE_ONE inside int64. */
#define BUDGET_AMOUNT_MAX 1000000000000LL

struct budget_offer {
	int64_t party_id;
	enum party_kind kind;
	int64_t amount;    /* kronor offered, >= 0 */
	int64_t share_ppm; /* kommun/region only; 0 for FK/AF */
	int64_t pays;      /* output: kronor */
	int64_t limit;     /* output: frame this party alone allows */
	bool binding;      /* output: this party sets the frame */
};

struct budget {
	int year;
	int64_t frame; /* output: T */
	size_t n;
	struct budget_offer o[MAX_PARTIES];
};

/*
 * Checks the offers against the förbund's parties fb: FK, every member
 * kommun and region must have an offer; AF makes none; amounts >= 0;
 * each group's shares sum to SHARE_ONE. Failures go to out with rule
 * "R9" and the field name first in the message ("offers[2].share: ...").
 * Returns the number of failures.
 */
size_t budget_check(const struct budget *b, const struct forbund *fb,
    struct rule_list *out);
/*
 * Prepares shares as a person or an API client gave them, before
 * budget_check (kinds must be filled): a group (the kommuner, the
 * regioner) where no member has a share (all 0 = omitted) gets equal
 * shares; a group whose shares miss SHARE_ONE by at most one ppm per
 * member (decimal rounding, 3 x 0.333333) has its last member's share
 * adjusted so the sum is exact. Anything further off is left for
 * budget_check to refuse.
 */
void budget_prepare_shares(struct budget *b);
/* Computes frame, limits, binding and pays. b must have passed budget_check. */
void budget_compute(struct budget *b);
/* Equal default shares (ppm, largest remainder) for n members into out. */
void budget_equal_shares(size_t n, int64_t *out);
/*
 * Splits total into n parts by weights (largest remainder), so the parts
 * sum to total exactly. Ties go to the lower index.
 */
void split_largest_remainder(int64_t total, const int64_t *weights, size_t n,
    int64_t *out);
/* The offer of party_id in b, or NULL. */
const struct budget_offer *budget_offer_of(const struct budget *b,
    int64_t party_id);
/*
 * Number of groups (kommuner, regioner) with at least one member in b:
 * 2 when each carries a quarter of the frame, 1 when one kind of member
 * carries both quarters (Gotland), 0 with no members.
 */
int budget_groups(const struct budget *b);

/*
 * True if the members of kind (PK_KOMMUN, PK_REGION) in b have a split
 * registered (shares); without one the group binds the frame by the sum
 * of its offers (DOMAIN.md 2) and pays in proportion to them.
 */
bool budget_group_split(const struct budget *b, enum party_kind kind);

/*
 * The board's outcome for an agenda item that it postpones (bordlägger) to
 * a later meeting: not a state, the case stays in ansvarsfordelning and
 * may be put on another meeting's agenda. Beside ST_BEVILJAD, ST_AVSLAG.
 */
#define OUTCOME_BORDLAGD ((int)ST__COUNT)

/* The API and database code of an outcome ("beviljad", "bordlagd"). */
const char *outcome_code(int outcome);

/* A year's money as a board decision sees it (svc_frame_status fills it). */
struct frame_status_in {
	int year;
	bool has_budget;
	int64_t frame;   /* T, 0 without a budget */
	int64_t granted; /* already granted that year */
};

/*
 * R9: granting amount beyond what is left of the year's frame (or in a
 * year without a budget) needs the board's explicit confirmation: a
 * failure naming field "confirm_over_frame" unless confirmed.
 */
size_t decision_frame_check(const struct frame_status_in *f, int64_t amount,
    bool confirmed, struct rule_list *out);
/* Participants are counted for a year within the insats's granted period. */
size_t participants_year_check(const struct arende *a, int year,
    struct rule_list *out);
/* R9: the board decides only in a meeting held on or before today. */
size_t decision_meeting_check(const char *meeting_date, const char *today,
    struct rule_list *out);

/*
 * R9: the Finsam states whose granted amount uses the year's frame: the
 * board granted it (beviljad and the states after it); a refused or
 * stopped insats never does.
 */
bool budget_state_granted(enum state s);
/*
 * R9: the budget year a board grant counts in: the year period_start
 * falls in, or the year of decided_on without a valid period start;
 * 0 when neither is a valid date.
 */
int budget_grant_year(const char *period_start, const char *decided_on);
/*
 * R9: true when granted is beyond the year's frame: granted > frame with
 * a budget, any grant (> 0) without one. Allowed, but flagged.
 */
bool budget_over(bool has_budget, int64_t frame, int64_t granted);
/*
 * R9: may the board decide on an item? Only one on the meeting's agenda
 * (on_agenda), and not one it has decided already (decided). Appends the
 * failure (naming meeting_date) to out and returns the failures added.
 */
size_t board_item_check(bool on_agenda, bool decided, const char *meeting_date,
    struct rule_list *out);

/*
 * R10: the system holds no personal data about participants, only
 * aggregate counts. These are the only fields a participants record (per
 * Finsam insats and year) has, in the order of the counts of struct
 * participants (store.h); NULL-terminated. Anything else, a name or a
 * personnummer, is no field of the record and is refused by name.
 */
#define PARTICIPANT_NFIELDS 6
extern const char *const participant_fields[PARTICIPANT_NFIELDS + 1];
/* R10: true if key is one of participant_fields. */
bool participant_field_known(const char *key);

#endif
