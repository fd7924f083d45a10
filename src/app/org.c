/*
 * org.c - needs, calls and förbund (org.h): permission, required fields
 * and uniqueness decided once for every door.
 */
#include "org.h"

#include <stdlib.h>
#include <string.h>

#include "domain/kommuner.h"
#include "domain/perm.h"

int
org_need_create(struct app_ctx *c, int64_t fid, struct need *n,
    struct field_errors *fe)
{
	if (!perm_forbund_visible(c->user, fid)) {
		return B_NOTFOUND;
	}
	/* Needs are where cases start: the same people record them. */
	if (!perm_case_create(c->user, fid)) {
		return B_FORBIDDEN;
	}
	if (fe->n > 0) {
		return B_INVALID; /* the caller's input did not parse */
	}
	if (n->malgrupp[0] == '\0') {
		field_error_add(fe, "malgrupp", "Målgruppen måste fyllas i.");
	}
	if (n->behov[0] == '\0') {
		field_error_add(fe, "behov", "Behovet måste fyllas i.");
	}
	if (fe->n > 0) {
		return B_INVALID;
	}
	n->forbund_id = fid;
	memcpy(n->created_on, c->today, DATE_LEN);
	return store_need_create(c->st, n, c->user->id);
}

/*
 * The checks of a call (new, or self_id's changed one): the fields, and
 * a reference no other call has. B_OK, B_INVALID, B_CONFLICT (fe says).
 */
static int
call_check(struct app_ctx *c, const struct utlysning *v, int64_t self_id,
    struct field_errors *fe)
{
	struct utlysning *all = NULL;
	size_t n = 0;
	int err;

	if (v->title[0] == '\0' && field_error_get(fe, "title") == NULL) {
		field_error_add(fe, "title", "Titeln måste fyllas i.");
	}
	if (v->reference[0] == '\0' &&
	    field_error_get(fe, "reference") == NULL) {
		field_error_add(fe, "reference",
		    "ESF-rådets referens måste "
		    "fyllas i.");
	}
	if (v->opens[0] == '\0' && field_error_get(fe, "opens") == NULL) {
		field_error_add(fe, "opens", "Öppningsdatum måste anges.");
	}
	if (v->closes[0] == '\0' && field_error_get(fe, "closes") == NULL) {
		field_error_add(fe, "closes",
		    "Sista ansökningsdag måste anges.");
	}
	if (v->opens[0] != '\0' && v->closes[0] != '\0' &&
	    strcmp(v->closes, v->opens) < 0) {
		field_error_add(fe, "closes",
		    "Sista ansökningsdag (%s) kan inte "
		    "ligga före öppningsdatum (%s).",
		    v->closes, v->opens);
	}
	if (v->esf_share_pct < 0 || v->esf_share_pct > 100) {
		field_error_add(fe, "esf_share_pct",
		    "ESF+-andelen ska vara "
		    "0-100 procent.");
	}
	if (fe->n > 0) {
		return B_INVALID;
	}
	if ((err = store_call_list(c->st, &all, &n)) != B_OK) {
		return err;
	}
	for (size_t i = 0; i < n; i++) {
		if (all[i].id != self_id &&
		    strcmp(all[i].reference, v->reference) == 0) {
			field_error_add(fe, "reference",
			    "Det finns redan en utlysning "
			    "med referensen %s.",
			    v->reference);
			err = B_CONFLICT;
			break;
		}
	}
	free(all);
	return err;
}

int
org_call_create(struct app_ctx *c, struct utlysning *v, struct field_errors *fe)
{
	int err;

	if (!perm_calls_edit(c->user)) {
		return B_FORBIDDEN;
	}
	if ((err = call_check(c, v, 0, fe)) != B_OK) {
		return err;
	}
	return store_call_create(c->st, v, c->user->id);
}

int
org_call_update(struct app_ctx *c, const struct utlysning *v,
    struct field_errors *fe)
{
	struct utlysning old;
	int err;

	if (!perm_calls_edit(c->user)) {
		return B_FORBIDDEN;
	}
	if ((err = store_call_get(c->st, v->id, &old)) != B_OK) {
		return err;
	}
	if ((err = call_check(c, v, v->id, fe)) != B_OK) {
		return err;
	}
	return store_call_update(c->st, v, c->user->id);
}

/* True if a region code given was already refused ("regioner[0]"). */
static bool
regions_refused(const struct field_errors *fe)
{
	for (size_t i = 0; i < fe->n; i++) {
		if (strncmp(fe->e[i].field, "regioner", 8) == 0) {
			return true;
		}
	}
	return false;
}

void
org_forbund_init(struct forbund *f)
{
	memset(f, 0, sizeof(*f));
	(void)forbund_add_party(f, PK_FK, "");
	(void)forbund_add_party(f, PK_AF, "");
}

int
org_forbund_create(struct app_ctx *c, struct forbund *f, int64_t *id,
    struct field_errors *fe)
{
	const char *why;
	int err;

	if (!perm_admin(c->user)) {
		return B_FORBIDDEN;
	}
	if (f->name[0] == '\0' && field_error_get(fe, "name") == NULL) {
		field_error_add(fe, "name", "Förbundets namn måste fyllas i.");
	}
	if (!regions_refused(fe) &&
	    (why = forbund_regions_refusal(f)) != NULL) {
		field_error_add(fe, "regioner", "%s", why);
	}
	if (fe->n > 0) {
		return B_INVALID;
	}
	err = store_forbund_create(c->st, f, c->user->id, id);
	if (err == B_CONFLICT) {
		field_error_add(fe, "name",
		    "Det finns redan ett förbund med det "
		    "namnet.");
	}
	return err;
}
