/*
 * org.h - the förbund's records that cases start from: förbund,
 * behovskartläggning (needs) and utlysningar (calls). One operation each
 * for the page, the API and the command line, so that what is required
 * and who may add it is decided once.
 *
 * The caller reads its own input (form, JSON, argv) into the struct and
 * reports fe its own way. All return enum berr: B_INVALID with fe,
 * B_FORBIDDEN, B_NOTFOUND (also for a förbund the user may not see),
 * B_CONFLICT (fe names the field), or the store's error.
 */
#ifndef BERED_ORG_H
#define BERED_ORG_H

#include "app.h"
#include "util/fielderr.h"

/*
 * Adds need n (malgrupp, behov, utbud as read) to förbund fid: the
 * förbund must be visible and the user one who starts cases there.
 * malgrupp and behov are required; created_on is today. Sets n->id.
 */
int org_need_create(struct app_ctx *c, int64_t fid, struct need *n,
    struct field_errors *fe);
/*
 * Adds call v: title, reference (unique among calls), opens and closes
 * (closes not before opens) are required; esf_share_pct 0-100, 0 = not
 * known. Sets v->id.
 */
int org_call_create(struct app_ctx *c, struct utlysning *v,
    struct field_errors *fe);
/* Changes call v->id (the same checks as a new one; R8 is the cases'). */
int org_call_update(struct app_ctx *c, const struct utlysning *v,
    struct field_errors *fe);
/* Empties f and adds the state's two parties, FK and AF, that every
 * förbund has; the caller then adds the name and the members it read. */
void org_forbund_init(struct forbund *f);
/*
 * Creates förbund f (from org_forbund_init, name and members added): the
 * regions must fit the kommuner (Gotland) and the name be free ("name",
 * B_CONFLICT). Only an admin. Sets *id.
 */
int org_forbund_create(struct app_ctx *c, struct forbund *f, int64_t *id,
    struct field_errors *fe);

#endif
