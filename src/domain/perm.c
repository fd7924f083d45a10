/*
 * perm.c - who may see and do what (DOMAIN.md 6, R1, R7).
 *
 * Pure functions of the user and the object: no lookups. A NULL user (not
 * logged in) may do nothing. The caller turns "not visible" into 404, so
 * a user outside a förbund cannot tell its data from missing data.
 *
 * Summary of the roles:
 *   kansli           everything of its own förbund; acts on its cases
 *   ledamot          everything of its own förbund; acts on the cases its
 *                    party takes part in, and may join one (its own row)
 *   styrelse         own förbund, Finsam cases only (R1), read-only
 *   esf-kansli       ESF+ cases of any förbund where FK takes part; acts
 *                    on those FK owns and on FK's own row, reads the rest
 *   nationell        everything, read-only
 *   admin            everything to read; administers users, förbund and
 *                    calls, but edits no case (cases are the parties')
 */
#include "perm.h"

#include <string.h>

/* True if party_id takes part in a. */
static bool
party_deltar(const struct arende *a, int64_t party_id)
{
	const struct party_row *p = arende_party(a, party_id);

	return p != NULL && p->deltar;
}

/* True if FK is a's projektägare. */
static bool
fk_owner(const struct arende *a)
{
	const struct party_row *o = arende_party(a, a->owner_party_id);

	return o != NULL && o->kind == PK_FK;
}

/* True if u belongs to förbund fid (and fid is a real id). */
static bool
member_of(const struct user *u, int64_t fid)
{
	return u->forbund_id != 0 && u->forbund_id == fid;
}

/* True if a party of kind FK takes part in a. */
static bool
fk_deltar(const struct arende *a)
{
	size_t n = a->nparties < MAX_PARTIES ? a->nparties : MAX_PARTIES;

	for (size_t i = 0; i < n; i++) {
		if (a->parties[i].kind == PK_FK && a->parties[i].deltar) {
			return true;
		}
	}
	return false;
}

bool
perm_forbund_visible(const struct user *u, int64_t fid)
{
	if (u == NULL) {
		return false;
	}
	switch (u->role) {
	case ROLE_LEDAMOT:
	case ROLE_KANSLI:
	case ROLE_STYRELSE:
		return member_of(u, fid);
	case ROLE_ESF_KANSLI:
	case ROLE_NATIONELL:
	case ROLE_ADMIN:
		return true;
	default:
		return false;
	}
}

bool
perm_case_visible(const struct user *u, const struct arende *a)
{
	if (u == NULL || a == NULL) {
		return false;
	}
	/* R1: decided by perm_esf_visible (the board sees no ESF+ case). */
	if (a->kind == KIND_ESF && !perm_esf_visible(u)) {
		return false;
	}
	/* FK's ESF office sees only the ESF+ cases FK takes part in. */
	if (u->role == ROLE_ESF_KANSLI) {
		return a->kind == KIND_ESF && fk_deltar(a);
	}
	/* Everyone else sees the cases of the förbund they see. */
	return perm_forbund_visible(u, a->forbund_id);
}

/*
 * May u change a's case fields and move it? Party-owned fields need
 * perm_party_own_fields in addition (R7).
 */
bool
perm_case_edit(const struct user *u, const struct arende *a)
{
	if (u == NULL || a == NULL) {
		return false;
	}
	switch (u->role) {
	case ROLE_KANSLI:
		return member_of(u, a->forbund_id);
	case ROLE_LEDAMOT:
		/* Only the parties taking part act on a case (DOMAIN.md 7). */
		return member_of(u, a->forbund_id) &&
		    party_deltar(a, u->party_id);
	case ROLE_ESF_KANSLI:
		/* FK's ESF office acts where FK owns the project; reads the
		 * rest. */
		return a->kind == KIND_ESF && fk_owner(a);
	default:
		return false;
	}
}

bool
perm_party_row_edit(const struct user *u, const struct arende *a,
    int64_t party_id)
{
	const struct party_row *p;

	if (u == NULL || a == NULL || (p = arende_party(a, party_id)) == NULL) {
		return false;
	}
	if (perm_case_edit(u, a)) {
		return true;
	}
	switch (u->role) {
	case ROLE_LEDAMOT:
		/* A party that does not take part yet may join: its own row. */
		return member_of(u, a->forbund_id) && u->party_id == party_id;
	case ROLE_ESF_KANSLI:
		/* FK's ESF office keeps FK's own row on any case it sees. */
		return a->kind == KIND_ESF && fk_deltar(a) && p->kind == PK_FK;
	default:
		return false;
	}
}

bool
perm_case_create(const struct user *u, int64_t fid)
{
	if (u == NULL) {
		return false;
	}
	return (u->role == ROLE_LEDAMOT || u->role == ROLE_KANSLI) &&
	    member_of(u, fid);
}

/*
 * R7: a party's förankring, co-financing commitment (medfinansiär and its
 * amount), mandate, examination and decision are its own.
 */
bool
perm_party_own_fields(const struct user *u, int64_t party_id)
{
	if (u == NULL || party_id == 0) {
		return false;
	}
	return u->role == ROLE_LEDAMOT && u->party_id == party_id;
}

bool
perm_group_view(const struct user *u, int64_t fid)
{
	if (u == NULL || fid == 0) {
		return false;
	}
	/* R1: the board never sees where ESF+ ideas are prepared. */
	if (u->role == ROLE_STYRELSE || u->role == ROLE_ESF_KANSLI) {
		return false;
	}
	return perm_forbund_visible(u, fid);
}

bool
perm_group_edit(const struct user *u, int64_t fid)
{
	return u != NULL && fid != 0 &&
	    (u->role == ROLE_KANSLI || u->role == ROLE_LEDAMOT) &&
	    member_of(u, fid);
}

bool
perm_document_upload(const struct user *u, const struct arende *a,
    bool party_owned, int64_t party_id)
{
	/* R7: a party's own document is its ledamot's to upload. */
	if (party_owned) {
		return perm_party_own_fields(u, party_id);
	}
	return perm_case_edit(u, a);
}

/* R7: only the party's own ledamot changes the party-owned fields. */
bool
perm_party_row_save(const struct user *u, const struct party_row *stored,
    const struct party_row *row)
{
	bool own_differ;

	if (stored == NULL || row == NULL) {
		return false;
	}
	own_differ = strcmp(stored->forankrad, row->forankrad) != 0 ||
	    stored->medfinansiar != row->medfinansiar ||
	    strcmp(stored->medfinansiering, row->medfinansiering) != 0 ||
	    stored->mandat != row->mandat ||
	    stored->agarprovning != row->agarprovning ||
	    stored->beslut != row->beslut;
	return !own_differ || perm_party_own_fields(u, row->party_id);
}

bool
perm_admin(const struct user *u)
{
	return u != NULL && u->role == ROLE_ADMIN;
}

bool
perm_calls_edit(const struct user *u)
{
	if (u == NULL) {
		return false;
	}
	return u->role == ROLE_KANSLI || u->role == ROLE_ESF_KANSLI ||
	    u->role == ROLE_ADMIN;
}

bool
perm_followup_all(const struct user *u)
{
	if (u == NULL) {
		return false;
	}
	return u->role == ROLE_NATIONELL || u->role == ROLE_ADMIN ||
	    u->role == ROLE_ESF_KANSLI;
}

/* R1: the board's views show nothing of ESF+. */
bool
perm_esf_visible(const struct user *u)
{
	return u != NULL && u->role != ROLE_STYRELSE;
}

/*
 * The store filter mirroring perm_case_visible's kinds: the board only
 * Finsam (R1, through perm_esf_visible), esf-kansli only ESF+.
 */
int
perm_case_kind_only(const struct user *u)
{
	if (u == NULL) {
		return -1;
	}
	if (!perm_esf_visible(u)) {
		return KIND_FINSAM;
	}
	return u->role == ROLE_ESF_KANSLI ? KIND_ESF : -1;
}

/* The board's meetings: its own styrelse and kansli; admin, nationell. */
bool
perm_board_view(const struct user *u, int64_t fid)
{
	if (u == NULL) {
		return false;
	}
	switch (u->role) {
	case ROLE_STYRELSE:
	case ROLE_KANSLI:
		return member_of(u, fid);
	case ROLE_NATIONELL:
	case ROLE_ADMIN:
		return true;
	default:
		return false;
	}
}

/* The kansli prepares the board's agenda and records its decisions. */
bool
perm_board_edit(const struct user *u, int64_t fid)
{
	return u != NULL && u->role == ROLE_KANSLI && member_of(u, fid);
}

int64_t
perm_user_list(const struct user *u)
{
	if (perm_admin(u)) {
		return 0;
	}
	if (u != NULL && u->role == ROLE_KANSLI && u->forbund_id != 0) {
		return u->forbund_id;
	}
	return -1;
}

bool
perm_user_visible(const struct user *u, const struct user *target)
{
	int64_t scope = perm_user_list(u);

	return scope == 0 || (scope > 0 && target->forbund_id == scope);
}

/* The roles a kansli hands out and manages: its förbund's people. */
static bool
kansli_role(enum role r)
{
	return r == ROLE_LEDAMOT || r == ROLE_STYRELSE;
}

bool
perm_user_manage(const struct user *u, const struct user *target)
{
	if (perm_admin(u)) {
		return true;
	}
	return perm_user_visible(u, target) && kansli_role(target->role);
}

bool
perm_user_role(const struct user *u, enum role role, int64_t fid)
{
	if (perm_admin(u)) {
		return true;
	}
	return u != NULL && u->role == ROLE_KANSLI && kansli_role(role) &&
	    fid == u->forbund_id;
}

bool
perm_user_self_change(const struct user *u, const struct user *before,
    const struct user *after)
{
	if (u == NULL || u->id != before->id) {
		return true;
	}
	return before->role == after->role && after->active &&
	    before->forbund_id == after->forbund_id;
}

bool
perm_audit_view(const struct user *u)
{
	return perm_user_list(u) >= 0;
}

int64_t
perm_audit_forbund(const struct user *u)
{
	return perm_user_list(u);
}
