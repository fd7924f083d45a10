/*
 * cmd_demo_finsam.c - the Finsam side of `bered demo`: board meetings, the
 * Finsam insatser walked through their state machine (a board decision in a
 * meeting moves them, R1/R9), participant counts (R10) and this year's
 * budget (R9). The walk helpers are cmd_demo.c's.
 */
#include <stdlib.h>
#include <string.h>

#include "app/svc_finsam.h"
#include "cmd_demo.h"
#include "domain/finsam.h"
#include "domain/rules.h"
#include "store/store.h"
#include "util/date.h"
#include "util/text.h"
#include "util/xmalloc.h"

int
demo_meeting_new(struct demo *d, int i, int days, const char *notes)
{
	struct meeting *m = &d->meeting[i];
	int e;

	memset(m, 0, sizeof(*m));
	m->forbund_id = d->a.fid;
	demo_rel(d, days, m->date);
	text_copy(m->present, sizeof(m->present),
	    "Bengt Olsson (ordförande, "
	    "Kalmar kommun), Anna Lindqvist (Region Kalmar län), Karin Holm "
	    "(Försäkringskassan), Johan Berg (Arbetsförmedlingen), Hanna "
	    "Åkesson (Nybro kommun); föredragande Eva Lund, förbundschef");
	text_copy(m->notes, sizeof(m->notes), notes);
	demo_at(d, days - 21); /* the kansli plans it three weeks ahead */
	if ((e = store_meeting_create(d->st, m, d->a.kansli)) != B_OK) {
		return demo_fail(d, "kunde inte skapa sammanträde (fel %d)", e);
	}
	return 0;
}

/*
 * R1, R9: the kansli puts the case on the meeting's agenda and records
 * the board's decision there, through the same operations as the board
 * pages (svc_agenda_add, svc_decide), which move the case.
 */
static int
board_decide(struct demo *d, const struct finsam_plan *pl, enum state to)
{
	struct meeting *m = &d->meeting[pl->meeting];
	struct board_decision *bd = xcalloc(1, sizeof(*bd));
	struct field_errors fe;
	struct frame_status fs;
	struct rule_list rl;
	struct app_ctx c;
	int e, rc = -1;

	demo_at(d, d->day - 10); /* the agenda goes out before */
	if (demo_as_user(d, d->a.kansli, &c) != 0) {
		goto out;
	}
	rule_list_init(&rl);
	field_errors_init(&fe);
	if ((e = svc_meeting_get(&c, m->id, true, m)) != B_OK ||
	    (e = svc_agenda_add(&c, m, d->after.id, &rl, &fe)) != B_OK) {
		demo_refused(d, "dagordningen", e, &rl, &fe);
		goto out;
	}
	bd->case_id = d->after.id;
	bd->outcome = (int)to;
	bd->amount = to == ST_BEVILJAD ? pl->amount : -1;
	if (to == ST_BEVILJAD) {
		demo_rel(d, pl->start_rel, bd->period_start);
		demo_rel(d, pl->end_rel, bd->period_end);
	}
	text_copy(bd->comment, sizeof(bd->comment),
	    to == ST_BEVILJAD ? "Styrelsen beviljade finansiering"
			      : "Styrelsen avslog");
	demo_at(d, d->day);
	if ((e = svc_meeting_get(&c, m->id, true, m)) != B_OK ||
	    (e = svc_decide(&c, m, bd, &d->after, &rl, &fe, &fs)) != B_OK) {
		demo_refused(d, "styrelsens beslut om", e, &rl, &fe);
		goto out;
	}
	rc = demo_edit_begin(d, d->after.id);
out:
	free(bd);
	return rc;
}

static int
finsam_participants(struct demo *d, const struct finsam_plan *pl)
{
	struct participants p;
	int e;

	if (pl->women + pl->men == 0) {
		return 0;
	}
	memset(&p, 0, sizeof(p));
	p.case_id = d->after.id;
	p.year = demo_year(d->today);
	p.women = pl->women;
	p.men = pl->men;
	p.to_work = pl->work;
	p.to_studies = pl->studies;
	p.job_seeking = pl->seeking;
	p.other = pl->other;
	demo_at(d, -1);
	if ((e = store_participants_put(d->st, &p, d->a.kansli)) != B_OK) {
		return demo_fail(d, "kunde inte spara deltagare (fel %d)", e);
	}
	return 0;
}

static const enum state finsam_path[] = {
	ST_IDENTIFIERAD,
	ST_UTFORMNING,
	ST_ANSVARSFORDELNING,
	ST_BEVILJAD,
	ST_GENOMFORANDE,
	ST_AVSLUTAD,
};

static int
finsam_step(struct demo *d, const struct side *sd, const struct finsam_plan *pl,
    enum state next)
{
	char date[DATE_LEN];

	switch (next) {
	case ST_UTFORMNING:
		if (demo_participation(d, sd, pl->parties, 0, pl->utf) != 0) {
			return -1;
		}
		return demo_move(d, next, sd->kansli,
		    "Parterna utformar "
		    "insatsen",
		    false);
	case ST_ANSVARSFORDELNING:
		demo_rel(d, d->day - 3, date);
		if (demo_party_own(d, sd, pl->parties, 0, -1, date) != 0) {
			return -1;
		}
		return demo_move(d, next, sd->kansli,
		    "Parterna är överens om "
		    "ansvarsfördelningen",
		    false);
	case ST_BEVILJAD:
	case ST_AVSLAG:
		return board_decide(d, pl, next);
	case ST_GENOMFORANDE:
		return demo_move(d, next, sd->kansli, "Insatsen har startat",
		    false);
	case ST_AVSLUTAD:
		return demo_move(d, next, sd->kansli, "Insatsen är avslutad",
		    false);
	default:
		return demo_fail(d, "okänt steg %s", state_code(next));
	}
}

/*
 * The calendar of plan pl's insats (see demo_schedule): one the board
 * decided on is anchored on its meeting's day, started on its grant
 * period's first day and closed just after its last; one still in
 * preparation took its last step `recent` days ago.
 */
static void
finsam_calendar(const struct demo *d, const struct finsam_plan *pl, int recent,
    int at[ST__COUNT])
{
	enum state path[ST__COUNT];
	size_t n = 0, i;
	int anchor = -1;

	for (i = 0; i < sizeof(finsam_path) / sizeof(finsam_path[0]); i++) {
		path[n] = finsam_path[i] == ST_BEVILJAD && pl->last == ST_AVSLAG
		    ? ST_AVSLAG
		    : finsam_path[i];
		if (path[n] == ST_BEVILJAD || path[n] == ST_AVSLAG) {
			anchor = (int)n;
		}
		if (path[n++] == pl->last) {
			break;
		}
	}
	if (pl->offramp != pl->last) {
		path[n++] = pl->offramp;
	}
	at[ST_BEVILJAD] = at[ST_AVSLAG] =
	    (int)(date_to_days(d->meeting[pl->meeting].date) -
		date_to_days(d->today));
	at[ST_GENOMFORANDE] = pl->start_rel;
	at[ST_AVSLUTAD] = pl->end_rel + 5;
	demo_schedule(path, n, anchor, recent, d->step_days, at);
}

int
demo_finsam_build(struct demo *d, const struct side *sd,
    const struct finsam_plan *pl, size_t idx)
{
	int at[ST__COUNT] = { 0 };
	size_t i;
	enum state next;

	finsam_calendar(d, pl, -3 - 6 * (int)(idx % 4), at);
	d->day = at[ST_IDENTIFIERAD];
	if (demo_case_new(d, sd, KIND_FINSAM, pl->title, pl->desc, pl->need,
		false) != 0) {
		return -1;
	}
	for (i = 1; i < sizeof(finsam_path) / sizeof(finsam_path[0]); i++) {
		if (d->after.state == pl->last) {
			break;
		}
		next = finsam_path[i];
		if (next == ST_BEVILJAD && pl->last == ST_AVSLAG) {
			next = ST_AVSLAG;
		}
		d->day = at[next];
		if (finsam_step(d, sd, pl, next) != 0) {
			return -1;
		}
	}
	if (pl->offramp != pl->last) {
		d->day = at[pl->offramp];
		return demo_offramp(d, sd, pl->offramp, REASON_ANNAT, pl->desc);
	}
	return finsam_participants(d, pl);
}

/*
 * The budget of year: FK's offer for the state, the kommuner's quarter
 * split by population-like shares (ppm), the region's whole quarter.
 * Emmaboda's offer is the binding one.
 */
int
demo_budget_build(struct demo *d, const struct forbund *fb, int year)
{
	static const struct {
		int p;
		int64_t amount, share;
	} offers[] = {
		{ P_FK, 2400000, 0 },
		{ P_K1, 790000, 657895 },
		{ P_K2, 225000, 187970 },
		{ P_K3, 100000, 88346 },
		{ P_K4, 80000, 65789 },
		{ P_REGION, 1200000, SHARE_ONE },
	};
	struct budget b;
	struct rule_list rl;
	size_t i;
	int e;

	memset(&b, 0, sizeof(b));
	b.year = year;
	for (i = 0; i < sizeof(offers) / sizeof(offers[0]); i++) {
		b.o[i].party_id = d->a.pid[offers[i].p];
		b.o[i].kind = demo_parties_a[offers[i].p].kind;
		b.o[i].amount = offers[i].amount;
		b.o[i].share_ppm = offers[i].share;
	}
	b.n = i;
	rule_list_init(&rl);
	if (budget_check(&b, fb, &rl) != 0) {
		return demo_fail(d, "budgeten underkänns: %s", rl.r[0].message);
	}
	budget_compute(&b);
	if ((e = store_budget_put(d->st, d->a.fid, &b, d->a.kansli)) != B_OK) {
		return demo_fail(d, "kunde inte spara budgeten (fel %d)", e);
	}
	return 0;
}
