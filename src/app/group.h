/*
 * group.h - the beredningsgrupp's meetings (issue 10): who may see and
 * keep them (perm.c: never the styrelse, R1) and their checks.
 */
#ifndef BERED_APP_GROUP_H
#define BERED_APP_GROUP_H

#include "app.h"
#include "domain/group.h"
#include "util/fielderr.h"

/*
 * May the user see (edit false) or keep (true) förbund fid's meetings?
 * B_NOTFOUND when they may not see them (as for a missing förbund),
 * B_FORBIDDEN when they may see but not keep them.
 */
int svc_group_access(struct app_ctx *c, int64_t fid, bool edit);
/* Meeting id, if the user may see (or keep) it; else as above. */
int svc_group_get(struct app_ctx *c, int64_t id, bool edit,
    struct group_meeting *g);
/* Creates g (forbund_id, date); B_INVALID with fe for a bad date. */
int svc_group_create(struct app_ctx *c, struct group_meeting *g,
    struct field_errors *fe);
/*
 * Saves g (an existing meeting the user keeps: date, attendees, minutes,
 * agenda with notes). B_INVALID with fe: a bad date, text too long or
 * not UTF-8, an attendee or an item not of the meeting's förbund.
 */
int svc_group_save(struct app_ctx *c, struct group_meeting *g,
    struct field_errors *fe);
/* Adds item it (a case or a need of the förbund, a note) to meeting id. */
int svc_group_item_add(struct app_ctx *c, int64_t id,
    const struct group_item *it, struct field_errors *fe);

#endif
