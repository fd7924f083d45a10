/*
 * perm.h - who may see and do what (DOMAIN.md 6, R1, R7). Pure functions
 * of the user and the object. Anything not visible is reported as not
 * found by the caller (404), exactly as for missing data.
 */
#ifndef BERED_PERM_H
#define BERED_PERM_H

#include "arende.h"

/* May u see förbund fid at all (its page, its needs)? */
bool perm_forbund_visible(const struct user *u, int64_t fid);
/*
 * May u see case a? Same förbund (ledamot, kansli); styrelse only Finsam
 * cases of its förbund (R1); esf-kansli ESF+ cases where FK deltar;
 * nationell and admin all.
 */
bool perm_case_visible(const struct user *u, const struct arende *a);
/* May u create or edit cases (fields, transitions) in förbund fid? */
bool perm_case_edit(const struct user *u, const struct arende *a);
bool perm_case_create(const struct user *u, int64_t fid);
/*
 * May u save the row of party_id on a (beyond perm_case_edit: a ledamot
 * joining with its own row, the esf-kansli on FK's row)? Party-owned
 * fields need perm_party_row_save in addition (R7).
 */
bool perm_party_row_edit(const struct user *u, const struct arende *a,
    int64_t party_id);
/*
 * R7: may u record the party-owned fields (forankrad, mandat,
 * agarprovning, beslut) of party_id? Only that party's own ledamot.
 */
bool perm_party_own_fields(const struct user *u, int64_t party_id);
/*
 * R7: may u save row over the stored row of the same party? Yes when no
 * party-owned field (forankrad, mandat, agarprovning, beslut) changes,
 * else only for that party's own ledamot (perm_party_own_fields).
 */
bool perm_party_row_save(const struct user *u, const struct party_row *stored,
    const struct party_row *row);
/* Admin only: förbund, users. */
/*
 * May u upload a document of a case a it sees? Whoever may edit the case
 * (perm_case_edit); a party-owned kind (a medfinansieringsintyg, R7)
 * only its party's own ledamot, party_id.
 */
bool perm_document_upload(const struct user *u, const struct arende *a,
    bool party_owned, int64_t party_id);
/*
 * The beredningsgrupp's meetings of förbund fid: seen by whoever sees the
 * förbund except the styrelse (R1) and FK's ESF office (not a member of
 * the group); kept by its kansli and ledamöter.
 */
bool perm_group_view(const struct user *u, int64_t fid);
bool perm_group_edit(const struct user *u, int64_t fid);
bool perm_admin(const struct user *u);
/* May u manage utlysningar (kansli, esf-kansli, admin)? */
bool perm_calls_edit(const struct user *u);
/* May u see national follow-up across förbund (nationell, admin, esf-kansli)?
 */
bool perm_followup_all(const struct user *u);
/*
 * R1: may u see anything of the ESF+ routine at all (ESF+ cases, their
 * follow-up figures, ESF-rådet's calls)? Everyone but the board: ESF+
 * matters are never raised in the förbund's styrelse.
 */
bool perm_esf_visible(const struct user *u);
/*
 * The only kind of case u may see, for a list's store filter: KIND_FINSAM
 * for a user who sees nothing of ESF+ (R1, perm_esf_visible), KIND_ESF
 * for esf-kansli, -1 when u may see both (perm_case_visible decides each).
 */
int perm_case_kind_only(const struct user *u);
/* Board: may u see/edit meetings of fid (styrelse sees, kansli edits). */
bool perm_board_view(const struct user *u, int64_t fid);
bool perm_board_edit(const struct user *u, int64_t fid);

/*
 * Managing accounts (issue 9): the admin manages everyone; a förbund's
 * kansli its own förbund's ledamöter and styrelse. perm_user_list: whose
 * users u may list (0 = everyone's, -1 = none). perm_user_visible: may u
 * see target at all (else 404, as for a missing user); perm_user_manage:
 * may u change target; perm_user_role: may u give role (with förbund
 * fid) to someone. Nobody deactivates themselves or changes their own
 * role (perm_user_self_change).
 */
int64_t perm_user_list(const struct user *u);
bool perm_user_visible(const struct user *u, const struct user *target);
bool perm_user_manage(const struct user *u, const struct user *target);
bool perm_user_role(const struct user *u, enum role role, int64_t fid);
bool perm_user_self_change(const struct user *u, const struct user *before,
    const struct user *after);
/* The audit log: the admin all of it, a kansli its förbund's rows. */
bool perm_audit_view(const struct user *u);
/* Whose rows (0 = all); only meaningful when perm_audit_view. */
int64_t perm_audit_forbund(const struct user *u);

#endif
