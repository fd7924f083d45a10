/*
 * group.c - the beredningsgrupp's meetings: permissions and checks
 * (group.h); the storage layer keeps each item to the meeting's förbund.
 */
#include "group.h"

#include <stdlib.h>
#include <string.h>

#include "domain/perm.h"
#include "util/text.h"
#include "util/xmalloc.h"

int
svc_group_access(struct app_ctx *c, int64_t fid, bool edit)
{
	/* R1: decided in perm.c; the styrelse never sees these. */
	if (!perm_group_view(c->user, fid)) {
		return B_NOTFOUND;
	}
	return !edit || perm_group_edit(c->user, fid) ? B_OK : B_FORBIDDEN;
}

int
svc_group_get(struct app_ctx *c, int64_t id, bool edit, struct group_meeting *g)
{
	int err = store_group_get(c->st, id, g);

	return err != B_OK ? err : svc_group_access(c, g->forbund_id, edit);
}

static void
check_text(struct field_errors *fe, const char *field, const char *label,
    const char *v)
{
	if (!text_valid_utf8(v, true) || text_chars(v) > TEXT_CHARS) {
		field_error_add(fe, field,
		    "%s får vara högst %d tecken läsbar text.", label,
		    TEXT_CHARS);
	}
}

static void
check_date(struct field_errors *fe, const char *date)
{
	if (!date_valid(date)) {
		field_error_add(fe, "date",
		    "Ange mötets datum som ÅÅÅÅ-MM-DD.");
	}
}

int
svc_group_create(struct app_ctx *c, struct group_meeting *g,
    struct field_errors *fe)
{
	int err = svc_group_access(c, g->forbund_id, true);

	if (err != B_OK) {
		return err;
	}
	check_date(fe, g->date);
	if (fe->n > 0) {
		return B_INVALID;
	}
	return store_group_create(c->st, g, c->user->id);
}

int
svc_group_save(struct app_ctx *c, struct group_meeting *g,
    struct field_errors *fe)
{
	struct group_meeting *old = xmalloc(sizeof(*old));
	int err = svc_group_get(c, g->id, true, old);

	if (err == B_OK) {
		g->forbund_id = old->forbund_id;
		check_date(fe, g->date);
		check_text(fe, "minutes", "Protokollet", g->minutes);
		for (size_t i = 0; i < g->nitems; i++) {
			check_text(fe, "items", "En anteckning",
			    g->items[i].note);
			if ((g->items[i].case_id == 0) ==
			    (g->items[i].need_id == 0)) {
				field_error_add(fe, "items",
				    "En punkt gäller ett ärende eller ett "
				    "behov.");
			}
		}
		err = fe->n > 0 ? B_INVALID
				: store_group_save(c->st, g, c->user->id);
		if (err == B_INVALID && fe->n == 0) {
			field_error_add(fe, "items",
			    "En deltagare, ett ärende eller ett behov hör inte "
			    "till förbundet.");
		}
	}
	free(old);
	return err;
}

int
svc_group_item_add(struct app_ctx *c, int64_t id, const struct group_item *it,
    struct field_errors *fe)
{
	struct group_meeting *g = xmalloc(sizeof(*g));
	int err = svc_group_get(c, id, true, g);

	free(g);
	if (err != B_OK) {
		return err;
	}
	if ((it->case_id == 0) == (it->need_id == 0)) {
		field_error_add(fe, "case_id",
		    "Välj ett ärende eller ett behov (inte båda).");
	}
	check_text(fe, "note", "Anteckningen", it->note);
	if (fe->n > 0) {
		return B_INVALID;
	}
	err = store_group_item_add(c->st, id, it, c->user->id);
	if (err == B_INVALID) {
		field_error_add(fe, it->case_id != 0 ? "case_id" : "need_id",
		    "Ärendet eller behovet finns inte i förbundet.");
	} else if (err == B_CONFLICT) {
		field_error_add(fe, "case_id", "Dagordningen är full.");
		err = B_INVALID;
	}
	return err;
}
