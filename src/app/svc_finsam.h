/*
 * svc_finsam.h - the Finsam operations shared by the UI (ui_board.c,
 * ui_budget.c, ui_finsam_case.c) and the API (api_finsam.c): board
 * meetings, agenda, board decisions, budgets and participant counts.
 *
 * As in svc.h, permission checks, validation and saving happen here once,
 * whichever door a request came through; the rules themselves are decided
 * in domain/ (perm.c, rules.c, finsam.c) and, for R1, by the store.
 *
 * All return enum berr. B_NOTFOUND also when the object is not visible to
 * r->user (another förbund's data looks missing); B_FORBIDDEN when the
 * user sees the förbund but may not do this (a ledamot on a board page).
 */
#ifndef BERED_SVC_FINSAM_H
#define BERED_SVC_FINSAM_H

#include "app.h"
#include "util/fielderr.h"

/* Largest participant count accepted for one year and one field. */
#define PARTICIPANTS_MAX      1000000
#define PARTICIPANTS_YEAR_MIN 2000
#define PARTICIPANTS_YEAR_MAX 2100

/* The year's granted money against its frame (R9). */
struct frame_status {
	int year;
	bool has_budget;   /* a budget is registered for the year */
	int64_t frame;     /* T, 0 without a budget */
	int64_t granted;   /* sum granted by board decisions that year */
	int64_t remaining; /* frame - granted (negative when over) */
	bool over;         /* granted > frame, or granted without budget */
};

/* A board decision as the kansli records it. */
struct board_decision {
	int64_t case_id;
	int outcome;    /* ST_BEVILJAD, ST_AVSLAG, -1 = not given */
	int64_t amount; /* kronor, -1 = not given */
	char period_start[DATE_LEN];
	char period_end[DATE_LEN];
	char comment[TEXT_MAX + 1];
	bool confirm_over_frame; /* R9: the board confirms a grant over it */
};

/*
 * Board access to förbund fid: B_OK if r->user may view (edit false) or
 * edit (edit true) its meetings; B_FORBIDDEN if the förbund is visible but
 * the board is not for this user; B_NOTFOUND otherwise.
 */
int svc_board_access(struct app_ctx *c, int64_t fid, bool edit);
/* May r->user see the budget of fid (board viewers, the förbund's own
 * ledamöter and kansli)? Same answers as svc_board_access. */
int svc_budget_access(struct app_ctx *c, int64_t fid, bool edit);
/* Loads meeting id into m if r->user has board access (edit or view). */
int svc_meeting_get(struct app_ctx *c, int64_t id, bool edit,
    struct meeting *m);
/*
 * Creates m (forbund_id, date, present, notes set by the caller; date
 * required, field "date"). B_INVALID with fe. Sets m->id.
 */
int svc_meeting_create(struct app_ctx *c, struct meeting *m,
    struct field_errors *fe);
/*
 * Saves date, present and notes of m over the stored meeting old (same
 * id). The date cannot change once a decision is recorded (its decisions
 * are dated by it): field "date".
 */
int svc_meeting_update(struct app_ctx *c, const struct meeting *old,
    const struct meeting *m, struct field_errors *fe);
/*
 * Moves case_id one place up on meeting m's agenda until the meeting is
 * held (G in rl, B_CONFLICT; also when it is first already).
 */
int svc_agenda_up(struct app_ctx *c, struct meeting *m, int64_t case_id,
    struct rule_list *rl);
/*
 * Takes case_id off meeting m's agenda (loaded with edit access): only an
 * undecided item, and only until the meeting has been held (G in rl,
 * B_CONFLICT). B_NOTFOUND if it is not on the agenda.
 */
int svc_agenda_remove(struct app_ctx *c, struct meeting *m, int64_t case_id,
    struct rule_list *rl);
/*
 * Puts case_id on m's agenda (m loaded with edit access). Field errors
 * ("case_id": missing, unknown, other förbund) give B_INVALID; a refused
 * case gives B_CONFLICT with the rule in rl: R1 for an ESF+ case (refused
 * by the store), "G" for a Finsam case not in ansvarsfordelning, and a
 * case already on the agenda. On success m is reloaded.
 */
int svc_agenda_add(struct app_ctx *c, struct meeting *m, int64_t case_id,
    struct rule_list *rl, struct field_errors *fe);
/*
 * Records the board's decision d in meeting m (loaded with edit access):
 * validates d (fields "case_id", "outcome", "amount", "period_start",
 * "period_end"; fe may already hold the parser's errors, which are kept
 * and not repeated, and then nothing is saved), requires the case on m's agenda
 * and undecided (else B_CONFLICT with rl), moves the case with
 * svc_case_move(board_decision) after setting granted_amount, decision_on =
 * meeting date and the period, and records the agenda item's outcome. a
 * receives the saved case, fs the money of the year the grant counts in
 * (svc_grant_year) including this decision; a grant beyond the frame is allowed
 * and only flagged (fs->over). On success m is reloaded.
 */
int svc_decide(struct app_ctx *c, struct meeting *m,
    const struct board_decision *d, struct arende *a, struct rule_list *rl,
    struct field_errors *fe, struct frame_status *fs);
/* The money of fid in year: frame, granted, what remains. */
int svc_frame_status(struct app_ctx *c, int64_t fid, int year,
    struct frame_status *fs);
/*
 * Loads and computes the budget of fid for year (access checked with
 * svc_budget_access). B_OK with *exists false (b zeroed, year set) when
 * the förbund is visible but no budget is registered for the year.
 */
int svc_budget_get(struct app_ctx *c, int64_t fid, int year, struct budget *b,
    bool *exists);
/*
 * Saves b (offers with party_id, amount, share_ppm as given; year set)
 * for fid: fills kinds from the förbund, prepares shares (equal default,
 * rounding slack), checks R9 (failures in rl, B_INVALID; an unknown party
 * also fails there), stores and computes b. Only the förbund's kansli.
 */
int svc_budget_save(struct app_ctx *c, int64_t fid, struct budget *b,
    struct rule_list *rl);
/*
 * R10: saves one year's aggregate counts p for case a (visible). Only
 * Finsam cases (B_CONFLICT otherwise), only users who may edit the case
 * (B_FORBIDDEN); year and counts are range-checked (fields "year",
 * "women", ...: B_INVALID).
 */
int svc_participants_save(struct app_ctx *c, const struct arende *a,
    const struct participants *p, struct field_errors *fe);
/* The year (1900-2199) of an ISO date, or 0. */
int svc_date_year(const char *date);
/*
 * R9: the year a grant counts in: the year its period starts, or the
 * year it was decided (decided_on) when no period is set, as
 * store_granted_sum counts it.
 */
int svc_grant_year(const char *period_start, const char *decided_on);

#endif
