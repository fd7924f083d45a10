/*
 * cmd_demo_walk.c - how `bered demo` builds a case: a backdated calendar
 * (demo_at, demo_schedule) and the walk itself, which loads the case,
 * edits it and saves and moves it as the user who would, through the
 * operations of app/svc.h, so the pages' and the API's permissions and
 * rules decide every step (cmd_demo.c says why).
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

int
demo_year(const char *date)
{
	return (date[0] - '0') * 1000 + (date[1] - '0') * 100 +
	    (date[2] - '0') * 10 + (date[3] - '0');
}

void
demo_rel(const struct demo *d, int days, char out[DATE_LEN])
{
	date_from_days(date_to_days(d->today) + days, out);
}

void
demo_at(struct demo *d, int days)
{
	int64_t day;

	if (days > -1) {
		days = -1;
	}
	day = date_to_days(d->today) + days;
	d->tick = (d->tick + 1) % 600;
	store_set_now(d->st, day * 86400 + 8 * 3600 + (int64_t)d->tick * 60);
}

void
demo_schedule(const enum state *path, size_t n, int anchor, int recent,
    int step, int at[ST__COUNT])
{
	size_t i, last;

	if (n == 0) {
		return;
	}
	last = anchor >= 0 && (size_t)anchor < n ? (size_t)anchor : n - 1;
	if (anchor < 0 || (size_t)anchor >= n) {
		at[path[last]] = recent;
	}
	for (i = 0; i < last; i++) {
		at[path[i]] = at[path[last]] -
		    (int)(last - i) * (step > 0 ? step : DEMO_STEP_DAYS);
	}
	for (i = 0; i < n; i++) {
		if (at[path[i]] > -1) {
			at[path[i]] = -1;
		}
		if (i > 0 && at[path[i]] < at[path[i - 1]]) {
			at[path[i]] = at[path[i - 1]];
		}
	}
}

int
demo_fail(struct demo *d, const char *fmt, ...)
{
	va_list ap;

	if (d->err[0] != '\0') {
		return -1;
	}
	va_start(ap, fmt);
	vsnprintf(d->err, sizeof(d->err), fmt, ap);
	va_end(ap);
	return -1;
}

/* ---- the walk: load, edit, check, save --------------------------------- */

int
demo_edit_begin(struct demo *d, int64_t id)
{
	int e;

	if ((e = store_case_get(d->st, id, &d->before)) != B_OK) {
		return demo_fail(d, "kunde inte läsa ärende %lld (fel %d)",
		    (long long)id, e);
	}
	d->after = d->before;
	return 0;
}

/*
 * The operations' context for the demo user actor: the same operations,
 * permissions and rules as the pages and the API (app/svc.h), so the
 * demo cannot record what a user could not.
 */
int
demo_as_user(struct demo *d, int64_t actor, struct app_ctx *c)
{
	int e;

	if ((e = store_user_get(d->st, actor, &d->actor)) != B_OK) {
		return demo_fail(d, "användare %lld saknas (fel %d)",
		    (long long)actor, e);
	}
	app_ctx_init(c, d->st, &d->actor, &d->app_cfg);
	/* The demo acts on its backdated calendar: today is the step's day. */
	demo_rel(d, d->day, c->today);
	return 0;
}

/* A refused operation is a demo bug: its message names every reason. */
int
demo_refused(struct demo *d, const char *what, int err,
    const struct rule_list *rl, const struct field_errors *fe)
{
	struct buf why;
	size_t i;

	buf_init(&why);
	for (i = 0; rl != NULL && i < rl->n; i++) {
		if (!rl->r[i].ok) {
			buf_printf(&why, "%s: %s; ", rl->r[i].rule,
			    rl->r[i].message);
		}
	}
	for (i = 0; fe != NULL && i < fe->n; i++) {
		buf_printf(&why, "%s: %s; ", fe->e[i].field, fe->e[i].message);
	}
	demo_fail(d, "%s \"%s\" stoppas (fel %d): %s", what, d->after.title,
	    err, buf_cstr(&why));
	buf_free(&why);
	return -1;
}

/*
 * Saves the edits made to d->after since edit_begin as actor: each changed
 * party row through svc_party_update (R7: a party's own fields only by its
 * own ledamot), then the case fields through svc_case_update.
 */
static int
edit_save(struct demo *d, int64_t actor)
{
	struct app_ctx c;
	struct field_errors fe;
	struct rule_list rl;
	struct arende *want = xmalloc(sizeof(*want));
	size_t i;
	int e = B_OK, rc = -1;

	*want = d->after;
	if (demo_as_user(d, actor, &c) != 0) {
		goto out;
	}
	for (i = 0; i < want->nparties; i++) {
		if (memcmp(&want->parties[i], &d->before.parties[i],
			sizeof(want->parties[i])) == 0) {
			continue;
		}
		rule_list_init(&rl);
		e = svc_party_update(&c, &d->before, &want->parties[i], &rl);
		if (e != B_OK) {
			demo_refused(d, "partsraden", e, &rl, NULL);
			goto out;
		}
		if (demo_edit_begin(d, want->id) != 0) {
			goto out;
		}
	}
	memcpy(want->parties, d->before.parties, sizeof(want->parties));
	want->version = d->before.version;
	if (memcmp(want, &d->before, sizeof(*want)) != 0) {
		field_errors_init(&fe);
		if ((e = svc_case_update(&c, &d->before, want, &fe)) != B_OK) {
			demo_refused(d, "ändringen av", e, NULL, &fe);
			goto out;
		}
	}
	rc = demo_edit_begin(d, want->id);
out:
	free(want);
	return rc;
}

/*
 * Moves the case being edited to `to` as actor with the field changes
 * made so far, through svc_case_move: the domain's own check decides.
 * Refused moves are demo bugs: the message names the failing rules.
 */
int
demo_move(struct demo *d, enum state to, int64_t actor, const char *comment,
    bool board)
{
	struct app_ctx c;
	struct rule_list rl;
	int e;

	demo_at(d, d->day);
	if (edit_save(d, actor) != 0 || demo_as_user(d, actor, &c) != 0) {
		return -1;
	}
	rule_list_init(&rl);
	e = svc_case_move(&c, &d->after, to, comment, board, &rl);
	if (e != B_OK) {
		return demo_refused(d, state_code(to), e, &rl, NULL);
	}
	return demo_edit_begin(d, d->after.id);
}

static struct party_row *
row(struct demo *d, const struct side *sd, int p)
{
	struct party_row *r = arende_party_mut(&d->after, sd->pid[p]);

	if (r == NULL) {
		demo_fail(d, "part %d saknas på ärendet \"%s\"", p,
		    d->after.title);
	}
	return r;
}

/* Kansli records which parties take part, co-finance and carry out. */
int
demo_participation(struct demo *d, const struct side *sd, unsigned parties,
    unsigned cofin, unsigned utf)
{
	struct party_row *r;
	int p;

	for (p = 0; p < NPA; p++) {
		if ((parties & B(p)) == 0) {
			continue;
		}
		if ((r = row(d, sd, p)) == NULL) {
			return -1;
		}
		r->deltar = true;
		r->utforare = (utf & B(p)) != 0;
	}
	if (edit_save(d, sd->kansli) != 0) {
		return -1;
	}
	/* R7: each co-financer records its own commitment. */
	for (p = 0; p < NPA; p++) {
		if ((parties & cofin & B(p)) == 0) {
			continue;
		}
		if ((r = row(d, sd, p)) == NULL) {
			return -1;
		}
		r->medfinansiar = true;
		text_copy(r->medfinansiering, sizeof(r->medfinansiering),
		    p == P_FK || p == P_AF
			? "0,5 årsarbetskraft"
			: "400 000 kr och 0,25 årsarbetskraft");
		if (edit_save(d, sd->ledamot[p]) != 0) {
			return -1;
		}
	}
	return 0;
}

/*
 * R7: each party's own fields are saved by that party's own ledamot, one
 * save per party, so the history shows who recorded what.
 */
int
demo_party_own(struct demo *d, const struct side *sd, unsigned parties,
    int what, int owner, const char *date)
{
	struct party_row *r;
	int p;

	for (p = 0; p < NPA; p++) {
		if ((parties & B(p)) == 0) {
			continue;
		}
		if ((r = row(d, sd, p)) == NULL) {
			return -1;
		}
		demo_at(d, d->day - 3);
		if (what == 0) {
			text_copy(r->forankrad, sizeof(r->forankrad), date);
		} else if (what == 1) {
			r->mandat = true;
			/* R3: every party examines ownership; FK avstår. */
			r->agarprovning =
			    p == owner && p != P_FK ? AGP_KAN : AGP_AVSTAR;
		} else {
			r->beslut = BESLUT_JA;
		}
		if (edit_save(d, sd->ledamot[p]) != 0) {
			return -1;
		}
	}
	return 0;
}
