/*
 * svc.h - case operations shared by the UI (ui_*.c) and the API (api_*.c),
 * so that permission checks, validation, rule checks and saving happen in
 * one place whichever door a request came through. Rules themselves are
 * decided in domain/ (rules.c, perm.c); this file only wires them to the
 * store and to the requesting user.
 *
 * All return enum berr. B_NOTFOUND also when the object is not visible to
 * r->user (404 exactly as for missing data).
 */
#ifndef BERED_SVC_H
#define BERED_SVC_H

#include "app.h"
#include "util/fielderr.h"

/* Loads case id if visible to c->user-> */
int svc_case_get(struct app_ctx *c, int64_t id, struct arende *a);
/*
 * Creates a (forbund_id, kind, title, description, finsam_malgrupp,
 * need_id set by the caller). Validates: förbund visible and the user may
 * create there (else B_NOTFOUND / B_FORBIDDEN), need belongs to the förbund
 * (field "need_id"), title required (field "title"). B_INVALID with fe.
 */
/*
 * Adds a comment to case id by whoever may see it (issue 10): B_NOTFOUND
 * when not visible, B_INVALID with fe["text"] when refused (empty, too
 * long); *out the new history entry. Comments are never edited: a
 * correction is a new comment.
 */
int svc_case_comment(struct app_ctx *c, int64_t id, const char *text,
    struct field_errors *fe, struct history_entry *out);
int svc_case_create(struct app_ctx *c, struct arende *a,
    struct field_errors *fe);
/*
 * Saves the case fields of `after` over `before` (same id). Validates that
 * owner_party_id is a party of the case's förbund ("owner_party_id"),
 * call_id exists ("call_id"), dates are ordered (project_start <=
 * project_end), granted_amount >= 0. B_FORBIDDEN if the user may not edit.
 */
int svc_case_update(struct app_ctx *c, const struct arende *before,
    const struct arende *after, struct field_errors *fe);
/*
 * Saves one party row. Party-owned fields (forankrad, mandat,
 * agarprovning, beslut) that differ from the stored row need the party's
 * own ledamot: otherwise B_FORBIDDEN with rule R7 in rl. Row consistency
 * (R5: FK never utförare) goes to rl too (B_CONFLICT), as does a case in
 * a final state (G, case_closed_check). B_NOTFOUND if the party is not on
 * the case.
 */
int svc_party_update(struct app_ctx *c, const struct arende *before,
    const struct party_row *row, struct rule_list *rl);
/*
 * Moves a (as loaded) to `to`. a->reason / reason_text must be set by the
 * caller for avbruten. Fills rl with the guards; B_CONFLICT if any fails
 * (nothing saved), B_FORBIDDEN if the user may not edit. board_decision
 * is true only for the board's decision in a meeting (R1, R9). On success
 * a is updated to the saved case.
 */
int svc_case_move(struct app_ctx *c, struct arende *a, enum state to,
    const char *comment, bool board_decision, struct rule_list *rl);
/*
 * The rule context for a: today, configuration, and the linked call
 * (loaded into *callbuf, ctx->call NULL when none).
 */
void svc_rule_ctx(struct app_ctx *c, const struct arende *a,
    struct rule_ctx *ctx, struct utlysning *callbuf);
/*
 * Narrows f (its kind already set, -1 = any) to exactly the cases u may
 * see (perm_case_visible, in the query, so that a list loads only its
 * page): the kinds (R1), FK's ESF office's cases where FK takes part, and
 * the förbund: fid (0 = all) for whoever sees every förbund, else u's
 * own. False when u can see none of what f asks for.
 */
bool svc_case_scope(const struct user *u, int64_t fid, struct case_filter *f);
/* Hits shown for one search, at most. */
#define SEARCH_LIMIT 50
/*
 * Search (issue 10): the words of q (split at white space, at most
 * SEARCH_WORDS_MAX, each at most 64 bytes) in what the user may see, best
 * first: *out owned, *n. B_INVALID (with fe on "q") for a query without
 * a word.
 */
int svc_search(struct app_ctx *c, const char *q, struct search_hit **out,
    size_t *n, struct field_errors *fe);

#endif
