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

#include "app/app.h"
#include "app/group.h"
#include "app/org.h"
#include "app/password.h"
#include "app/svc.h"
#include "cmd.h"
#include "domain/arende.h"
#include "domain/kommuner.h"
#include "domain/rules.h"
#include "store/store.h"
#include "util/buf.h"
#include "util/date.h"
#include "util/text.h"
#include "util/xmalloc.h"

/* ---- the whole demo -------------------------------------------------------
 */

/* The first case of kind k of side s, 0 if none. */
static int64_t
first_case(struct demo *d, const struct side *s, enum kind k)
{
	struct case_filter f;
	struct case_brief *c = NULL;
	size_t n = 0;
	int64_t id = 0;

	memset(&f, 0, sizeof(f));
	f.forbund_id = s->fid;
	f.kind = (int)k;
	f.state = -1;
	f.limit = 1;
	if (store_case_list(d->st, &f, &c, &n) == B_OK && n > 0)
		id = c[0].id;
	free(c);
	return id;
}

/*
 * A beredningsgrupp meeting of förbund A ten days ago (issue 10): an ESF+
 * idea, a Finsam insats and a need on the agenda with notes, the parties
 * there and the minutes, kept by the kansli through the operations.
 */
static int
demo_group_build(struct demo *d)
{
	struct group_meeting *g = xcalloc(1, sizeof(*g));
	struct field_errors fe;
	struct app_ctx c;
	int err, rc = -1;

	field_errors_init(&fe);
	demo_at(d, -10);
	d->day = -10;
	if (demo_as_user(d, d->a.kansli, &c) != 0)
		goto out;
	g->forbund_id = d->a.fid;
	demo_rel(d, -10, g->date);
	if ((err = svc_group_create(&c, g, &fe)) != B_OK) {
		rc = demo_refused(d, "beredningsgruppens möte", err, NULL, &fe);
		goto out;
	}
	g->items[0].case_id = first_case(d, &d->a, KIND_ESF);
	text_copy(g->items[0].note, sizeof(g->items[0].note),
	    "Parterna gick igenom idén och vem som kan vara projektägare.");
	g->items[1].case_id = first_case(d, &d->a, KIND_FINSAM);
	text_copy(g->items[1].note, sizeof(g->items[1].note),
	    "Kansliet tar fram ett förslag till styrelsen.");
	g->items[2].need_id = d->need[0];
	text_copy(g->items[2].note, sizeof(g->items[2].note),
	    "Behovet kvarstår; AF och kommunen ser över utbudet.");
	g->nitems = 3;
	for (size_t i = 0; i < NPA && g->nattend < MAX_PARTIES; i++)
		if (d->a.pid[i] != 0 && i < 4)
			g->attend[g->nattend++] = d->a.pid[i];
	text_copy(g->minutes, sizeof(g->minutes),
	    "Beredningsgruppen kartlade behov och beredde två idéer. Nästa "
	    "möte om en månad.");
	if ((err = svc_group_save(&c, g, &fe)) != B_OK) {
		rc = demo_refused(d, "beredningsgruppens protokoll", err, NULL,
		    &fe);
		goto out;
	}
	rc = 0;
out:
	free(g);
	return rc;
}

static int
demo_build(struct demo *d, const char *hash)
{
	struct forbund *fb;
	char jan1[DATE_LEN + 8];
	size_t i;
	int rc = -1;

	fb = xcalloc(1, sizeof(*fb));
	demo_at(d, DEMO_SETUP_DAYS);
	if (demo_users_new(d, 0, hash) != 0 ||
	    demo_forbund_new(d, DEMO_FORBUND, demo_parties_a,
		(const int[]){ P_FK, P_AF, P_K1, P_K2, P_K3, P_K4, P_REGION },
		NPA, &d->a, fb) != 0 ||
	    demo_users_new(d, 1, hash) != 0) {
		goto out;
	}
	d->a.kansli = d->uid[U_KANSLI];
	/*
	 * The budgets of this year and the two before, each decided in the
	 * November before: the demo's grants reach back that far (on New
	 * Year's Day last year's grants are all in last year's frame).
	 */
	for (int back = 2; back >= 0; back--) {
		snprintf(jan1, sizeof(jan1), "%04d-01-01",
		    demo_year(d->today) - back);
		demo_at(d,
		    (int)(date_to_days(jan1) - date_to_days(d->today)) - 45);
		if (demo_budget_build(d, fb, demo_year(d->today) - back) != 0) {
			goto out;
		}
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
	if (demo_forbund_new(d, DEMO_FORBUND2, demo_parties_b,
		demo_parties_b_pos, demo_nparties_b, &d->b, fb) != 0 ||
	    demo_users_new(d, 2, hash) != 0) {
		goto out;
	}
	d->b.kansli = d->uid[U_KANSLI_B];
	if (demo_needs_new(d) != 0 || demo_calls_new(d) != 0 ||
	    demo_meeting_new(d, 0, -150,
		"Styrelsen beslutade om två insatser.") ||
	    demo_meeting_new(d, 1, -20,
		"Styrelsen behandlade två ansökningar.")) {
		goto out;
	}
	for (i = 0; i < demo_nesf; i++) {
		if (demo_esf_build(d, &d->a, &demo_esf_plans[i], i) != 0) {
			goto out;
		}
	}
	for (i = 0; i < demo_nfinsam; i++) {
		if (demo_finsam_build(d, &d->a, &demo_finsam_plans[i], i) !=
		    0) {
			goto out;
		}
	}
	if (demo_esf_build(d, &d->b, &demo_esf_plan_b, 1) != 0 ||
	    demo_finsam_build(d, &d->b, &demo_finsam_plan_b, 2) != 0 ||
	    demo_group_build(d) != 0) {
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
		where = demo_users[i].forbund == 1 ? DEMO_FORBUND
		    : demo_users[i].forbund == 2   ? DEMO_FORBUND2
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

/* Whether the national demo was loaded (its admin exists). */
static bool
national_exists(struct store *st)
{
	struct user *u = xcalloc(1, sizeof(*u));
	char ph[256];
	int e = store_user_by_email(st, DEMO_NATIONAL_ADMIN, u, ph, sizeof(ph));

	free(u);
	return e == B_OK;
}

static void
print_national_logins(void)
{
	printf("Inloggningar (lösenord för alla: %s)\n", DEMO_PASSWORD);
	printf("  %-42s %s\n", DEMO_NATIONAL_ADMIN, "admin");
	printf("  %-42s %s\n", "esf-kansli@nationell.demo.bered.se",
	    "esf_kansli (alla förbund)");
	printf("  %-42s %s\n", "nationell@nationell.demo.bered.se",
	    "nationell (alla förbund)");
	printf("  %-42s %s\n", "kansli.fN@nationell.demo.bered.se",
	    "kansli i förbund N (1, 2, ...)");
	printf("  %-42s %s\n", "styrelse.fN@nationell.demo.bered.se",
	    "styrelse i förbund N");
	printf("  %-42s %s\n", "ledamot.fN.pP@nationell.demo.bered.se",
	    "ledamot för part P (0 FK, 1 AF, 2-5 kommuner, 6 region)");
}

static void
usage(FILE *f)
{
	fprintf(f,
	    "Användning: bered demo [--db URL] "
	    "[--esf-calls-until ÅÅÅÅ-MM-DD]\n"
	    "                  [--esf-activity-until ÅÅÅÅ-MM-DD]\n"
	    "                  [--national [--scale N] [--years N]]\n"
	    "Fyller databasen med demodata: två samordningsförbund, en "
	    "användare per roll,\nutlysningar, ESF+-ärenden och "
	    "Finsam-insatser i alla lägen, budget och\nstyrelsemöten. "
	    "Körs den igen skrivs bara inloggningarna ut.\n"
	    "--national: hela landet i stället, ett 80-tal förbund och tio år "
	    "(--years, 1-10)\nmed omkring 1 100 Finsam-insatser och 200 "
	    "ESF+-idéer om året (gånger --scale,\n1-100), i en tom "
	    "databas.\n");
}

/*
 * Runs the demo inside one transaction with the programme period esf;
 * returns 0 or 1 (message on stderr).
 */
static int
demo_run(struct store *st, const struct esf_config *esf, int scale, int years)
{
	struct demo *d;
	char hash[256];
	size_t nfb = 0;
	int rc = 1;

	d = xcalloc(1, sizeof(*d));
	d->st = st;
	date_today(d->today);
	d->cfg = *esf;
	app_config_default(&d->app_cfg);
	d->app_cfg.esf = *esf;
	if (password_hash(DEMO_PASSWORD, hash, sizeof(hash)) != 0) {
		demo_fail(d, "kunde inte hasha lösenordet");
		goto out;
	}
	if (store_begin(st) != B_OK) {
		demo_fail(d, "kunde inte starta transaktion");
		goto out;
	}
	if ((scale > 0 ? demo_national_build(d, hash, scale, years, &nfb)
		       : demo_build(d, hash)) != 0) {
		store_set_now(st, 0);
		store_rollback(st);
		goto out;
	}
	if (store_commit(st) != B_OK) {
		demo_fail(d, "kunde inte spara demodata");
		goto out;
	}
	rc = 0;
	if (scale > 0) {
		printf("Demodata skapad: %zu samordningsförbund över hela "
		       "landet, %d år.\n",
		    nfb, years);
		print_national_logins();
		goto out;
	}
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
	const char *calls = NULL, *activity = NULL, *scale_s = NULL;
	const char *years_s = NULL;
	bool national = false;
	const struct opt opts[] = {
		{ "esf-calls-until", &calls, NULL },
		{ "esf-activity-until", &activity, NULL },
		{ "national", NULL, &national },
		{ "scale", &scale_s, NULL },
		{ "years", &years_s, NULL },
	};
	struct forbund_brief *fl = NULL;
	int64_t scale = 0, years = 10;
	size_t nf = 0;
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
	if (national) {
		scale = 1;
		if (scale_s != NULL &&
		    (!parse_int64(scale_s, &scale) || scale < 1 ||
			scale > 100)) {
			fprintf(stderr,
			    "bered demo: --scale ska vara ett heltal "
			    "1-100\n");
			return 2;
		}
		if (years_s != NULL &&
		    (!parse_int64(years_s, &years) || years < 1 ||
			years > 10)) {
			fprintf(stderr,
			    "bered demo: --years ska vara ett heltal "
			    "1-10\n");
			return 2;
		}
	} else if (scale_s != NULL || years_s != NULL) {
		fprintf(stderr,
		    "bered demo: --scale och --years hör till --national\n");
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
	if (national) {
		if (national_exists(st)) {
			printf("Nationella demodata finns redan.\n");
			print_national_logins();
			rc = 0;
			goto out;
		}
		if ((e = store_forbund_list(st, &fl, &nf)) != B_OK || nf > 0) {
			fprintf(stderr,
			    "bered demo: --national kräver en tom "
			    "databas\n");
			free(fl);
			goto out;
		}
		rc = demo_run(st, &esf, (int)scale, (int)years);
		goto out;
	}
	if (national_exists(st)) {
		fprintf(stderr,
		    "bered demo: databasen har de nationella "
		    "demodata; den lilla demon behöver en egen "
		    "databas\n");
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
	rc = demo_run(st, &esf, 0, 0);
out:
	store_close(st);
	return rc;
}
