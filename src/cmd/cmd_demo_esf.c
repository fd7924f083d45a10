/*
 * cmd_demo_esf.c - the demo's ESF+ cases: one per plan (cmd_demo_data.c),
 * each walked along the routine's main path to its last state, or off it
 * through avbruten or utanför rutinen, on a plausible calendar.
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

/* ---- ESF+ cases ---------------------------------------------------------- */

/* Fills the dates and names of a case once it has an owner and a call. */
static void
esf_dates(struct demo *d, const struct esf_plan *pl, struct arende *a)
{
	const struct utlysning *c = &d->call[pl->call];
	int64_t closes = date_to_days(c->closes), today;

	today = date_to_days(d->today);
	/* R8: submitted before the call closes, and never in the future. */
	date_from_days(closes - 4 < today ? closes - 4 : today - 1,
	    a->submitted_on);
	date_from_days(closes + 50, a->decision_on);
	date_from_days(closes + 80, a->project_start);
	if (pl->end_rel != 0) {
		demo_rel(d, pl->end_rel, a->project_end);
	} else {
		date_from_days(closes + 80 + 730, a->project_end);
	}
	/* R4: a project ends within the programme's last activity day. */
	if (strcmp(a->project_end, d->cfg.activity_until) > 0 &&
	    strcmp(a->project_start, d->cfg.activity_until) < 0) {
		text_copy(a->project_end, sizeof(a->project_end),
		    d->cfg.activity_until);
	}
}

static int
esf_step(struct demo *d, const struct side *sd, const struct esf_plan *pl,
    enum state next)
{
	struct arende *a = &d->after;
	char date[DATE_LEN];

	switch (next) {
	case ST_UTFORMNING:
		if (demo_participation(d, sd, pl->parties, pl->cofin,
			pl->utf) != 0) {
			return -1;
		}
		return demo_move(d, next, sd->kansli,
		    "Parterna utformar "
		    "projektidén",
		    false);
	case ST_OVERENS:
		demo_rel(d, d->day - 3, date);
		if (demo_party_own(d, sd, pl->parties, 0, pl->owner, date) !=
		    0) {
			return -1;
		}
		return demo_move(d, next, sd->kansli,
		    "Förankrat hos alla "
		    "parter",
		    false);
	case ST_ANSOKAN:
		if (demo_party_own(d, sd, pl->parties, 1, pl->owner, "") != 0) {
			return -1;
		}
		a->owner_party_id = sd->pid[pl->owner];
		return demo_move(d, next, sd->kansli,
		    "Överens om projektägare "
		    "och medfinansiärer",
		    false);
	case ST_PARTSBESLUT:
		a->call_id = d->call[pl->call].id;
		return demo_move(d, next, sd->ledamot[pl->owner],
		    "Ansökan "
		    "formulerad",
		    false);
	case ST_INSKICKAD:
		if (demo_party_own(d, sd, pl->parties, 2, pl->owner, "") != 0) {
			return -1;
		}
		esf_dates(d, pl, a);
		/* The application asks for somewhat more than is granted. */
		a->applied_amount = pl->amount > 0
		    ? pl->amount / 1000 * 1150
		    : 2500000 + a->id % 7 * 250000;
		a->decision_on[0] = a->project_start[0] = '\0';
		a->project_end[0] = '\0';
		return demo_move(d, next, sd->ledamot[pl->owner],
		    "Ansökan "
		    "inskickad till Svenska ESF-rådet",
		    false);
	case ST_BEVILJAD:
	case ST_AVSLAG:
		esf_dates(d, pl, a);
		a->project_start[0] = a->project_end[0] = '\0';
		snprintf(a->esf_arende_id, sizeof(a->esf_arende_id),
		    "%.4s/%05lld", a->decision_on, (long long)(300 + a->id));
		if (next == ST_BEVILJAD) {
			a->granted_amount = pl->amount;
		}
		return demo_move(d, next, sd->ledamot[pl->owner],
		    next == ST_BEVILJAD ? "ESF-rådet beviljade ansökan"
					: "ESF-rådet avslog ansökan",
		    false);
	case ST_GENOMFORANDE:
		esf_dates(d, pl, a);
		text_copy(a->projektledare, sizeof(a->projektledare),
		    "Linnea Strand");
		text_copy(a->controller, sizeof(a->controller),
		    "Oskar Lindgren");
		text_copy(a->administrator, sizeof(a->administrator),
		    "Ulla Björk");
		if (pl->owner == P_FK) {
			/* R5: the överenskommelse before FK's project runs. */
			date_from_days(date_to_days(a->project_start) - 10,
			    a->overenskommelse_on);
		}
		return demo_move(d, next, sd->ledamot[pl->owner],
		    "Projektorganisationen är på plats", false);
	case ST_SLUTRAPPORTERAD:
		demo_rel(d, pl->end_rel + 30, a->final_report_on);
		return demo_move(d, next, sd->ledamot[pl->owner],
		    "Slutrapport inlämnad", false);
	case ST_AVSLUTAD:
		return demo_move(d, next, sd->ledamot[pl->owner],
		    "Projektet avslutat", false);
	default:
		return demo_fail(d, "okänt steg %s", state_code(next));
	}
}

static const enum state esf_path[] = {
	ST_IDENTIFIERAD,
	ST_UTFORMNING,
	ST_OVERENS,
	ST_ANSOKAN,
	ST_PARTSBESLUT,
	ST_INSKICKAD,
	ST_BEVILJAD,
	ST_GENOMFORANDE,
	ST_SLUTRAPPORTERAD,
	ST_AVSLUTAD,
};

int
demo_case_new(struct demo *d, const struct side *sd, enum kind k,
    const char *title, const char *desc, int need, bool outside)
{
	struct field_errors fe;
	struct app_ctx c;
	struct arende a;
	int e;

	arende_init(&a);
	a.forbund_id = sd->fid;
	a.kind = k;
	text_copy(a.title, sizeof(a.title), title);
	text_copy(a.description, sizeof(a.description), desc);
	a.finsam_malgrupp = !outside;
	if (outside) {
		text_copy(a.external_cofinancers,
		    sizeof(a.external_cofinancers), "Privata vårdgivare");
	}
	a.need_id = need >= 0 ? d->need[need] : 0;
	demo_rel(d, d->day, a.identified_on);
	demo_at(d, d->day);
	if (demo_as_user(d, sd->kansli, &c) != 0) {
		return -1;
	}
	field_errors_init(&fe);
	if ((e = svc_case_create(&c, &a, &fe)) != B_OK) {
		d->after = a;
		return demo_refused(d, "nya ärendet", e, NULL, &fe);
	}
	return demo_edit_begin(d, a.id);
}

/* Leaves the main path through avbruten or utanfor_rutinen. */
int
demo_offramp(struct demo *d, const struct side *sd, enum state to,
    enum reason why, const char *text)
{
	if (to == ST_AVBRUTEN) {
		d->after.reason = why;
		text_copy(d->after.reason_text, sizeof(d->after.reason_text),
		    text);
		return demo_move(d, to, sd->kansli, text, false);
	}
	return demo_move(d, to, sd->kansli,
	    "Målgruppen är inte Finsams: "
	    "dialogen fortsätter utanför beredningsgruppen",
	    false);
}

/*
 * The calendar of plan pl's case (see demo_schedule): a case that was
 * submitted is anchored on its submission date, and ESF-rådet's decision,
 * the project start and the final report fall on the dates esf_dates and
 * esf_step record; a case still inside the beredning took its last step
 * `recent` days ago.
 */
static void
esf_calendar(const struct demo *d, const struct esf_plan *pl, int recent,
    int at[ST__COUNT])
{
	enum state path[ST__COUNT];
	size_t n = 0, i;
	int closes, anchor = -1;

	for (i = 0; i < sizeof(esf_path) / sizeof(esf_path[0]); i++) {
		path[n] = esf_path[i] == ST_BEVILJAD && pl->last == ST_AVSLAG
		    ? ST_AVSLAG
		    : esf_path[i];
		if (path[n] == ST_INSKICKAD) {
			anchor = (int)n;
		}
		if (path[n++] == pl->last) {
			break;
		}
	}
	if (pl->offramp != pl->last) {
		path[n++] = pl->offramp;
	}
	if (pl->last < ST_INSKICKAD || pl->last == ST_AVBRUTEN ||
	    pl->last == ST_UTANFOR_RUTINEN) {
		anchor = -1;
	}
	closes = (int)(date_to_days(d->call[pl->call].closes) -
	    date_to_days(d->today));
	at[ST_INSKICKAD] = closes - 4 < 0 ? closes - 4 : -1;
	at[ST_BEVILJAD] = at[ST_AVSLAG] = closes + 50;
	at[ST_GENOMFORANDE] = closes + 80;
	at[ST_SLUTRAPPORTERAD] = pl->end_rel + 30;
	at[ST_AVSLUTAD] = pl->end_rel + 51;
	demo_schedule(path, n, anchor, recent, d->step_days, at);
}

int
demo_esf_build(struct demo *d, const struct side *sd, const struct esf_plan *pl,
    size_t idx)
{
	int at[ST__COUNT] = { 0 };
	size_t i;
	enum state next;

	esf_calendar(d, pl, -5 - 7 * (int)(idx % 4), at);
	d->day = at[ST_IDENTIFIERAD];
	if (demo_case_new(d, sd, KIND_ESF, pl->title, pl->desc, pl->need,
		pl->outside) != 0) {
		return -1;
	}
	for (i = 1; i < sizeof(esf_path) / sizeof(esf_path[0]); i++) {
		if (d->after.state == pl->last) {
			break;
		}
		next = esf_path[i];
		if (next == ST_BEVILJAD && pl->last == ST_AVSLAG) {
			next = ST_AVSLAG;
		}
		d->day = at[next];
		if (esf_step(d, sd, pl, next) != 0) {
			return -1;
		}
	}
	if (pl->offramp != pl->last) {
		d->day = at[pl->offramp];
		return demo_offramp(d, sd, pl->offramp, pl->reason,
		    pl->reason_text);
	}
	return 0;
}
