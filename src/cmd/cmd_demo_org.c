/*
 * cmd_demo_org.c - the demo's organisation: the two förbund with their
 * parties, a user per role, the behovskartläggning and the utlysningar,
 * each made through the operation an admin, kansli or the ESF office
 * would use (app/org.h).
 */
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "app/app.h"
#include "app/org.h"
#include "app/password.h"
#include "app/svc.h"
#include "cmd.h"
#include "cmd_demo.h"
#include "domain/arende.h"
#include "domain/kommuner.h"
#include "domain/rules.h"
#include "store/store.h"
#include "util/buf.h"
#include "util/date.h"
#include "util/text.h"
#include "util/xmalloc.h"

/* ---- förbund, users, needs, calls ------------------------------------- */

int
demo_forbund_new(struct demo *d, const char *name, const struct demo_party *ps,
    const int *pos, size_t n, struct side *sd, struct forbund *fb)
{
	struct field_errors fe;
	struct app_ctx c;
	size_t i, j;
	int e;

	/* The admin creates it as on the admin page: org_forbund_create. */
	if (demo_as_user(d, d->uid[U_ADMIN], &c) != 0) {
		return -1;
	}
	org_forbund_init(fb);
	text_copy(fb->name, sizeof(fb->name), name);
	for (i = 0; i < n; i++) {
		if ((ps[i].kind == PK_KOMMUN || ps[i].kind == PK_REGION) &&
		    !forbund_add_party(fb, ps[i].kind, ps[i].code)) {
			return demo_fail(d, "okänd kod %s", ps[i].code);
		}
	}
	field_errors_init(&fe);
	e = org_forbund_create(&c, fb, &sd->fid, &fe);
	if (e != B_OK || (e = store_forbund_get(d->st, sd->fid, fb)) != B_OK) {
		return demo_refused(d, name, e, NULL, &fe);
	}
	/* The store may order parties its own way: match kind and code. */
	for (i = 0; i < n; i++) {
		for (j = 0; j < fb->nparties; j++) {
			if (fb->parties[j].kind == ps[i].kind &&
			    strcmp(fb->parties[j].code, ps[i].code) == 0) {
				sd->pid[pos[i]] = fb->parties[j].id;
			}
		}
		if (sd->pid[pos[i]] == 0) {
			return demo_fail(d, "parten %s saknas i %s", ps[i].name,
			    name);
		}
	}
	return 0;
}

/* Users bound to förbund `which` (0 = none). One hash for all: the demo
 * password is published anyway, and Argon2id is deliberately slow. */
int
demo_users_new(struct demo *d, int which, const char *hash)
{
	struct user u;
	struct side *sd;
	size_t i;
	int e;

	for (i = 0; i < DEMO_NUSERS; i++) {
		if (demo_users[i].forbund != which) {
			continue;
		}
		sd = which == 2 ? &d->b : &d->a;
		memset(&u, 0, sizeof(u));
		text_copy(u.email, sizeof(u.email), demo_users[i].email);
		text_copy(u.name, sizeof(u.name), demo_users[i].name);
		u.role = demo_users[i].role;
		u.forbund_id = which == 0 ? 0 : sd->fid;
		u.party_id =
		    demo_users[i].party >= 0 ? sd->pid[demo_users[i].party] : 0;
		e = store_user_create(d->st, &u, hash,
		    which == 0 ? 0 : d->uid[U_ADMIN], &d->uid[i]);
		if (e != B_OK) {
			return demo_fail(d,
			    "kunde inte skapa användaren %s (fel %d)",
			    demo_users[i].email, e);
		}
		if (which != 0 && demo_users[i].party >= 0) {
			sd->ledamot[demo_users[i].party] = d->uid[i];
		}
	}
	return 0;
}

int
demo_needs_new(struct demo *d)
{
	struct field_errors fe;
	struct app_ctx ctx;
	struct need n;
	size_t i;
	int e;

	for (i = 0; i < DEMO_NNEEDS; i++) {
		memset(&n, 0, sizeof(n));
		n.forbund_id = d->a.fid;
		text_copy(n.malgrupp, sizeof(n.malgrupp),
		    demo_needs[i].malgrupp);
		text_copy(n.behov, sizeof(n.behov), demo_needs[i].behov);
		text_copy(n.utbud, sizeof(n.utbud), demo_needs[i].utbud);
		/* The behovskartläggning comes before every case. */
		demo_at(d, DEMO_SETUP_DAYS + 20);
		if (demo_as_user(d, d->a.kansli, &ctx) != 0) {
			return -1;
		}
		demo_rel(d, DEMO_SETUP_DAYS + 20, ctx.today);
		field_errors_init(&fe);
		e = org_need_create(&ctx, d->a.fid, &n, &fe);
		if (e != B_OK) {
			return demo_refused(d, "behovet", e, NULL, &fe);
		}
		d->need[i] = n.id;
	}
	return 0;
}

int
demo_calls_new(struct demo *d)
{
	struct field_errors fe;
	struct app_ctx ctx;
	struct utlysning *c;
	size_t i;
	int e;

	for (i = 0; i < NCALLS; i++) {
		c = &d->call[i];
		memset(c, 0, sizeof(*c));
		demo_rel(d, demo_calls[i].opens, c->opens);
		demo_rel(d, demo_calls[i].closes, c->closes);
		snprintf(c->title, sizeof(c->title), "%s – %d",
		    demo_calls[i].title, demo_year(c->opens));
		snprintf(c->reference, sizeof(c->reference), "%d/%05d",
		    demo_year(c->opens), demo_calls[i].refno);
		text_copy(c->programomrade, sizeof(c->programomrade),
		    demo_calls[i].omrade);
		c->esf_share_pct = demo_calls[i].pct;
		/* Recorded when ESF-rådet published it (or yesterday). */
		demo_at(d, demo_calls[i].opens - 30);
		if (demo_as_user(d, d->uid[U_ESF_KANSLI], &ctx) != 0) {
			return -1;
		}
		field_errors_init(&fe);
		if ((e = org_call_create(&ctx, c, &fe)) != B_OK) {
			return demo_refused(d, "utlysningen", e, NULL, &fe);
		}
	}
	return 0;
}
