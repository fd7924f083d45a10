/*
 * cmd_demo.c - `bered demo`: fills the database with a realistic demo so a
 * newcomer sees the whole ESF+ routine and the Finsam process at once.
 *
 * Two förbund (the second only to show that data stays within a förbund),
 * a user per role, behovskartläggning, utlysningar relative to today, ESF+
 * cases in every state of that machine and Finsam cases in every state of
 * theirs, a budget for this year and two board meetings.
 *
 * Every case is built by walking the real state machine: fields are set,
 * transition_check() (domain/rules.h) must allow the move, and the move is
 * saved with store_case_save() by the user who would make it, so history,
 * audit log and guards are all genuine. A demo that the rules refuse is a
 * bug and stops with exit status 1. Everything runs in one transaction, so
 * a failed demo leaves nothing behind and a second run finds the förbund
 * and only prints the logins.
 *
 * Time: each case is walked along a plausible calendar (demo_schedule):
 * weeks between the steps inside the beredning, the submission, ESF-rådet's
 * decision and the project start on the dates the case records, board
 * decisions on their meeting's day. store_set_now() backdates every stamp
 * (history, created_at, updated_at) to that calendar, so the follow-up's
 * time in each state (days_in_state) shows how long cases really stayed.
 */
#include "cmd_demo.h"

#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "app/password.h"
#include "cmd.h"
#include "domain/arende.h"
#include "domain/rules.h"
#include "store/store.h"
#include "util/buf.h"
#include "util/date.h"
#include "util/xmalloc.h"

void
demo_scpy(char *dst, size_t n, const char *src)
{
	snprintf(dst, n, "%s", src);
}

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
	      int at[ST__COUNT])
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
			      (int)(last - i) * DEMO_STEP_DAYS;
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

static int
edit_begin(struct demo *d, int64_t id)
{
	int e;

	if ((e = store_case_get(d->st, id, &d->before)) != B_OK) {
		return demo_fail(d, "kunde inte läsa ärende %lld (fel %d)",
				 (long long)id, e);
	}
	d->after = d->before;
	return 0;
}

static int
edit_save(struct demo *d, int64_t actor, const char *comment)
{
	int e;

	e = store_case_save(d->st, &d->before, &d->after, actor, comment);
	if (e != B_OK) {
		return demo_fail(d, "kunde inte spara ärendet \"%s\" (fel %d)",
				 d->after.title, e);
	}
	return edit_begin(d, d->after.id);
}

/*
 * Moves the case being edited to `to` with the field changes made so far,
 * after the domain's own check. Refused moves are demo bugs: the message
 * names the failing rules.
 */
int
demo_move(struct demo *d, enum state to, int64_t actor, const char *comment,
	  bool board)
{
	struct rule_ctx ctx;
	struct rule_list rl;
	struct utlysning call;
	struct buf why;
	size_t i;

	memset(&ctx, 0, sizeof(ctx));
	demo_scpy(ctx.today, sizeof(ctx.today), d->today);
	ctx.cfg = &d->cfg;
	ctx.board_decision = board;
	if (d->after.call_id != 0) {
		if (store_call_get(d->st, d->after.call_id, &call) != B_OK) {
			return demo_fail(d, "utlysning %lld saknas",
					 (long long)d->after.call_id);
		}
		ctx.call = &call;
	}
	if (transition_check(&d->after, to, &ctx, &rl) != 0) {
		buf_init(&why);
		for (i = 0; i < rl.n; i++) {
			if (!rl.r[i].ok) {
				buf_printf(&why, "%s: %s; ", rl.r[i].rule,
					   rl.r[i].message);
			}
		}
		demo_fail(d, "reglerna stoppar \"%s\" %s -> %s: %s",
			  d->after.title, state_code(d->after.state),
			  state_code(to), buf_cstr(&why));
		buf_free(&why);
		return -1;
	}
	d->after.state = to;
	demo_at(d, d->day);
	return edit_save(d, actor, comment);
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
		r->medfinansiar = (cofin & B(p)) != 0;
		if (r->medfinansiar) {
			demo_scpy(r->medfinansiering,
				  sizeof(r->medfinansiering),
				  p == P_FK || p == P_AF
				      ? "0,5 årsarbetskraft"
				      : "400 000 kr och 0,25 årsarbetskraft");
		}
		r->utforare = (utf & B(p)) != 0;
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
			demo_scpy(r->forankrad, sizeof(r->forankrad), date);
		} else if (what == 1) {
			r->mandat = true;
			/* R3: every party examines ownership; FK avstår. */
			r->agarprovning =
			    p == owner && p != P_FK ? AGP_KAN : AGP_AVSTAR;
		} else {
			r->beslut = BESLUT_JA;
		}
		if (edit_save(d, sd->ledamot[p],
			      what == 0	  ? "Förankrad"
			      : what == 1 ? "Mandat och ägarprövning"
					  : "Partens beslut") != 0) {
			return -1;
		}
	}
	return 0;
}

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
			 "%.4s/%05lld", a->decision_on,
			 (long long)(300 + a->id));
		if (next == ST_BEVILJAD) {
			a->granted_amount = pl->amount;
		}
		return demo_move(d, next, sd->ledamot[pl->owner],
				 next == ST_BEVILJAD
				     ? "ESF-rådet beviljade ansökan"
				     : "ESF-rådet avslog ansökan",
				 false);
	case ST_GENOMFORANDE:
		esf_dates(d, pl, a);
		demo_scpy(a->projektledare, sizeof(a->projektledare),
			  "Linnea Strand");
		demo_scpy(a->controller, sizeof(a->controller),
			  "Oskar Lindgren");
		demo_scpy(a->administrator, sizeof(a->administrator),
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
    ST_IDENTIFIERAD,	ST_UTFORMNING, ST_OVERENS,  ST_ANSOKAN,
    ST_PARTSBESLUT,	ST_INSKICKAD,  ST_BEVILJAD, ST_GENOMFORANDE,
    ST_SLUTRAPPORTERAD, ST_AVSLUTAD,
};

int
demo_case_new(struct demo *d, const struct side *sd, enum kind k,
	      const char *title, const char *desc, int need, bool outside)
{
	struct arende a;
	int e;

	arende_init(&a);
	a.forbund_id = sd->fid;
	a.kind = k;
	demo_scpy(a.title, sizeof(a.title), title);
	demo_scpy(a.description, sizeof(a.description), desc);
	a.finsam_malgrupp = !outside;
	if (outside) {
		demo_scpy(a.external_cofinancers,
			  sizeof(a.external_cofinancers), "Privata vårdgivare");
	}
	a.need_id = need >= 0 ? d->need[need] : 0;
	demo_rel(d, d->day, a.identified_on);
	demo_at(d, d->day);
	if ((e = store_case_create(d->st, &a, sd->kansli)) != B_OK) {
		return demo_fail(d, "kunde inte skapa \"%s\" (fel %d)", title,
				 e);
	}
	return edit_begin(d, a.id);
}

/* Leaves the main path through avbruten or utanfor_rutinen. */
int
demo_offramp(struct demo *d, const struct side *sd, enum state to,
	     enum reason why, const char *text)
{
	if (to == ST_AVBRUTEN) {
		d->after.reason = why;
		demo_scpy(d->after.reason_text, sizeof(d->after.reason_text),
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
	demo_schedule(path, n, anchor, recent, at);
}

static int
esf_build(struct demo *d, const struct side *sd, const struct esf_plan *pl,
	  size_t idx)
{
	int at[ST__COUNT] = {0};
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

/* ---- förbund, users, needs, calls ------------------------------------- */

static int
forbund_new(struct demo *d, const char *name, const struct demo_party *ps,
	    const int *pos, size_t n, struct side *sd, struct forbund *fb)
{
	size_t i, j;
	int e;

	memset(fb, 0, sizeof(*fb));
	demo_scpy(fb->name, sizeof(fb->name), name);
	for (i = 0; i < n; i++) {
		fb->parties[i].kind = ps[i].kind;
		demo_scpy(fb->parties[i].code, sizeof(fb->parties[i].code),
			  ps[i].code);
		demo_scpy(fb->parties[i].name, sizeof(fb->parties[i].name),
			  ps[i].name);
	}
	fb->nparties = n;
	e = store_forbund_create(d->st, fb, d->uid[U_ADMIN], &sd->fid);
	if (e != B_OK || (e = store_forbund_get(d->st, sd->fid, fb)) != B_OK) {
		return demo_fail(d, "kunde inte skapa %s (fel %d)", name, e);
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
static int
users_new(struct demo *d, int which, const char *hash)
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
		demo_scpy(u.email, sizeof(u.email), demo_users[i].email);
		demo_scpy(u.name, sizeof(u.name), demo_users[i].name);
		u.role = demo_users[i].role;
		u.forbund_id = which == 0 ? 0 : sd->fid;
		u.party_id =
		    demo_users[i].party >= 0 ? sd->pid[demo_users[i].party] : 0;
		e = store_user_create(d->st, &u, hash,
				      which == 0 ? 0 : d->uid[U_ADMIN],
				      &d->uid[i]);
		if (e != B_OK) {
			return demo_fail(
			    d, "kunde inte skapa användaren %s (fel %d)",
			    demo_users[i].email, e);
		}
		if (which != 0 && demo_users[i].party >= 0) {
			sd->ledamot[demo_users[i].party] = d->uid[i];
		}
	}
	return 0;
}

static int
needs_calls_new(struct demo *d)
{
	struct need n;
	struct utlysning *c;
	size_t i;
	int e;

	for (i = 0; i < DEMO_NNEEDS; i++) {
		memset(&n, 0, sizeof(n));
		n.forbund_id = d->a.fid;
		demo_scpy(n.malgrupp, sizeof(n.malgrupp),
			  demo_needs[i].malgrupp);
		demo_scpy(n.behov, sizeof(n.behov), demo_needs[i].behov);
		demo_scpy(n.utbud, sizeof(n.utbud), demo_needs[i].utbud);
		/* The behovskartläggning comes before every case. */
		demo_rel(d, DEMO_SETUP_DAYS + 20, n.created_on);
		demo_at(d, DEMO_SETUP_DAYS + 20);
		if ((e = store_need_create(d->st, &n, d->a.kansli)) != B_OK) {
			return demo_fail(d, "kunde inte spara behov (fel %d)",
					 e);
		}
		d->need[i] = n.id;
	}
	for (i = 0; i < NCALLS; i++) {
		c = &d->call[i];
		memset(c, 0, sizeof(*c));
		demo_rel(d, demo_calls[i].opens, c->opens);
		demo_rel(d, demo_calls[i].closes, c->closes);
		snprintf(c->title, sizeof(c->title), "%s – %d",
			 demo_calls[i].title, demo_year(c->opens));
		snprintf(c->reference, sizeof(c->reference), "%d/%05d",
			 demo_year(c->opens), demo_calls[i].refno);
		demo_scpy(c->programomrade, sizeof(c->programomrade),
			  demo_calls[i].omrade);
		c->esf_share_pct = demo_calls[i].pct;
		/* Recorded when ESF-rådet published it (or yesterday). */
		demo_at(d, demo_calls[i].opens - 30);
		if ((e = store_call_create(d->st, c, d->uid[U_ADMIN])) !=
		    B_OK) {
			return demo_fail(
			    d, "kunde inte spara utlysning (fel %d)", e);
		}
	}
	return 0;
}

/* ---- the whole demo -------------------------------------------------------
 */

static int
demo_build(struct demo *d, const char *hash)
{
	struct forbund *fb;
	char jan1[DATE_LEN + 8];
	size_t i;
	int rc = -1;

	fb = xcalloc(1, sizeof(*fb));
	demo_at(d, DEMO_SETUP_DAYS);
	if (users_new(d, 0, hash) != 0 ||
	    forbund_new(
		d, DEMO_FORBUND, demo_parties_a,
		(const int[]){P_FK, P_AF, P_K1, P_K2, P_K3, P_K4, P_REGION},
		NPA, &d->a, fb) != 0 ||
	    users_new(d, 1, hash) != 0) {
		goto out;
	}
	d->a.kansli = d->uid[U_KANSLI];
	/* This year's budget, decided in the previous November. */
	snprintf(jan1, sizeof(jan1), "%.4s-01-01", d->today);
	demo_at(d, (int)(date_to_days(jan1) - date_to_days(d->today)) - 45);
	if (demo_budget_build(d, fb, demo_year(d->today)) != 0) {
		goto out;
	}
	/*
	 * Loaded in the last quarter, next year's budget is decided already,
	 * so grants for periods starting next year meet a frame.
	 */
	if (strncmp(d->today + 5, "10", 2) >= 0) {
		demo_at(d, -1);
		if (demo_budget_build(d, fb, demo_year(d->today) + 1) != 0) {
			goto out;
		}
	}
	demo_at(d, DEMO_SETUP_DAYS);
	if (forbund_new(d, DEMO_FORBUND2, demo_parties_b, demo_parties_b_pos,
			demo_nparties_b, &d->b, fb) != 0 ||
	    users_new(d, 2, hash) != 0) {
		goto out;
	}
	d->b.kansli = d->uid[U_ADMIN];
	if (needs_calls_new(d) != 0 ||
	    demo_meeting_new(d, 0, -150,
			     "Styrelsen beslutade om två insatser.") ||
	    demo_meeting_new(d, 1, -20,
			     "Styrelsen behandlade två ansökningar.")) {
		goto out;
	}
	for (i = 0; i < demo_nesf; i++) {
		if (esf_build(d, &d->a, &demo_esf_plans[i], i) != 0) {
			goto out;
		}
	}
	for (i = 0; i < demo_nfinsam; i++) {
		if (demo_finsam_build(d, &d->a, &demo_finsam_plans[i], i) !=
		    0) {
			goto out;
		}
	}
	if (esf_build(d, &d->b, &demo_esf_plan_b, 1) != 0 ||
	    demo_finsam_build(d, &d->b, &demo_finsam_plan_b, 2) != 0) {
		goto out;
	}
	store_set_now(d->st, 0);
	rc = 0;
out:
	free(fb);
	return rc;
}

static void
print_logins(void)
{
	const struct demo_party *p;
	const char *where;
	size_t i;

	printf("Inloggningar (lösenord för alla: %s)\n", DEMO_PASSWORD);
	printf("  %-34s %-11s %s\n", "e-post", "roll", "part / förbund");
	for (i = 0; i < DEMO_NUSERS; i++) {
		where = demo_users[i].forbund == 1   ? DEMO_FORBUND
			: demo_users[i].forbund == 2 ? DEMO_FORBUND2
						     : "alla förbund";
		p = NULL;
		if (demo_users[i].party >= 0) {
			p = demo_users[i].forbund == 2
				? &demo_parties_b[2]
				: &demo_parties_a[demo_users[i].party];
		}
		printf("  %-34s %-11s %s%s%s\n", demo_users[i].email,
		       role_code(demo_users[i].role), p != NULL ? p->name : "",
		       p != NULL ? ", " : "", where);
	}
}

static bool
demo_exists(struct store *st, int *err)
{
	struct forbund_brief *fl = NULL;
	size_t n = 0, i;
	bool found = false;

	if ((*err = store_forbund_list(st, &fl, &n)) != B_OK) {
		return false;
	}
	for (i = 0; i < n; i++) {
		if (strcmp(fl[i].name, DEMO_FORBUND) == 0) {
			found = true;
		}
	}
	free(fl);
	return found;
}

static void
usage(FILE *f)
{
	fprintf(f, "Användning: bered demo [--db URL] "
		   "[--esf-calls-until ÅÅÅÅ-MM-DD]\n"
		   "                  [--esf-activity-until ÅÅÅÅ-MM-DD]\n"
		   "Fyller databasen med demodata: två samordningsförbund, en "
		   "användare per roll,\nutlysningar, ESF+-ärenden och "
		   "Finsam-insatser i alla lägen, budget och\nstyrelsemöten. "
		   "Körs den igen skrivs bara inloggningarna ut.\n");
}

/*
 * Runs the demo inside one transaction with the programme period esf;
 * returns 0 or 1 (message on stderr).
 */
static int
demo_run(struct store *st, const struct esf_config *esf)
{
	struct demo *d;
	char hash[256];
	int rc = 1;

	d = xcalloc(1, sizeof(*d));
	d->st = st;
	date_today(d->today);
	d->cfg = *esf;
	if (password_hash(DEMO_PASSWORD, hash, sizeof(hash)) != 0) {
		demo_fail(d, "kunde inte hasha lösenordet");
		goto out;
	}
	if (store_begin(st) != B_OK) {
		demo_fail(d, "kunde inte starta transaktion");
		goto out;
	}
	if (demo_build(d, hash) != 0) {
		store_set_now(st, 0);
		store_rollback(st);
		goto out;
	}
	if (store_commit(st) != B_OK) {
		demo_fail(d, "kunde inte spara demodata");
		goto out;
	}
	rc = 0;
	printf("Demodata skapad: %s (%zu ESF+-ärenden, %zu Finsam-insatser) "
	       "och %s.\n",
	       DEMO_FORBUND, demo_nesf, demo_nfinsam, DEMO_FORBUND2);
	print_logins();
out:
	if (rc != 0) {
		fprintf(stderr, "bered demo: %s\n",
			d->err[0] != '\0' ? d->err : "okänt fel");
	}
	free(d);
	return rc;
}

int
cmd_demo(const char *db, int argc, char **argv)
{
	const char *calls = NULL, *activity = NULL;
	const struct opt opts[] = {
	    {"esf-calls-until", &calls, NULL},
	    {"esf-activity-until", &activity, NULL},
	};
	struct esf_config esf;
	struct store *st = NULL;
	char err[256] = "";
	int e, rc = 1;

	esf_config_default(&esf);
	if (cmd_parse_opts("demo", argc, argv, 1, opts,
			   sizeof(opts) / sizeof(opts[0])) != 0 ||
	    cmd_esf_period("demo", calls, activity, &esf) != 0) {
		usage(stderr);
		return 2;
	}
	if (store_open(db, &st, err, sizeof(err)) != B_OK) {
		fprintf(stderr, "bered demo: %s\n", err);
		return 1;
	}
	if (store_migrate(st, err, sizeof(err)) != B_OK) {
		fprintf(stderr, "bered demo: %s\n", err);
		goto out;
	}
	if (demo_exists(st, &e)) {
		printf("Demodata finns redan (%s).\n", DEMO_FORBUND);
		print_logins();
		rc = 0;
		goto out;
	}
	if (e != B_OK) {
		fprintf(stderr,
			"bered demo: kunde inte läsa förbunden (fel %d)\n", e);
		goto out;
	}
	rc = demo_run(st, &esf);
out:
	store_close(st);
	return rc;
}
