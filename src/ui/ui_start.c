/*
 * ui_start.c - the start page (GET /): what is the user's to do.
 *
 * A ledamot sees the cases where their own party is expected to act
 * (förankring, mandate, ownership examination, decision: R2, R3, R7); the
 * kansli sees which cases can move on and which are stuck (as
 * transition_check decides); FK's ESF office sees the ESF+ cases waiting
 * for FK; the board and the national roles get their links. Everyone sees
 * the calls that close within 60 days.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "app/svc.h"
#include "domain/perm.h"
#include "html.h"
#include "layout.h"
#include "ui.h"
#include "ui_handlers.h"
#include "util/date.h"
#include "util/xmalloc.h"

#define SCAN_MAX    500 /* cases examined per list */
#define OWNED_SHOWN 50  /* ongoing FK projects listed on the start page */
#define SOON_DAYS   60  /* "closes soon" */
#define MSG_LEN     (NAME_MAX_ + 512)

/*
 * What party p is expected to record on a, as Swedish phrases ("Er
 * part: mandat saknas (R2)" when own, else naming the party). What is
 * missing is decided by party_pending in domain/rules.c, the same
 * predicates as the move's guards. Returns the number written to msg
 * (at most 4).
 */
static size_t
party_waits(const struct arende *a, const struct party_row *p, bool own,
    char msg[4][MSG_LEN])
{
	const char *who = own ? "Er part" : p->party_name;
	struct rule_list rl;
	size_t i, n = 0;

	rule_list_init(&rl);
	(void)party_pending(a, p, &rl);
	for (i = 0; i < rl.n && n < 4; i++) {
		if (rl.r[i].ok)
			continue;
		/* "G" is a plain guard: no rule id to show. */
		if (strcmp(rl.r[i].rule, "G") == 0)
			snprintf(msg[n++], MSG_LEN, "%s: %s", who,
			    rl.r[i].message);
		else
			snprintf(msg[n++], MSG_LEN, "%s: %s (%s)", who,
			    rl.r[i].message, rl.r[i].rule);
	}
	return n;
}

static void
todo_item(struct req *r, const struct arende *a, char msg[][MSG_LEN], size_t n)
{
	size_t i;

	html_lit(&r->out, "<li>");
	ui_case_link(r, a->id, a->title);
	html_lit(&r->out, " ");
	ui_state_badge(r, a->state);
	html_lit(&r->out, ": ");
	for (i = 0; i < n; i++) {
		if (i > 0)
			html_lit(&r->out, "; ");
		html_lit(&r->out, "<strong>");
		html_text(&r->out, msg[i]);
		html_lit(&r->out, "</strong>");
	}
	html_lit(&r->out, "</li>\n");
}

/* Cases of the ledamot's förbund where their own party is expected. */
static void
todo_ledamot(struct req *r)
{
	static const enum state waits[] = { ST_UTFORMNING, ST_OVERENS,
		ST_PARTSBESLUT };
	struct arende *a = xmalloc(sizeof(*a));
	struct case_brief *c;
	const struct party_row *p;
	char msg[4][MSG_LEN];
	size_t n, i, j, m, shown = 0;

	html_lit(&r->out, "<h2>Väntar på er part</h2>\n");
	if (r->user.party_id == 0 || r->user.forbund_id == 0) {
		html_lit(&r->out,
		    "<p>Ditt konto är inte kopplat till en part. "
		    "Be administratören koppla det.</p>\n");
		free(a);
		return;
	}
	html_lit(&r->out, "<ul class=\"todo\">\n");
	for (j = 0; j < sizeof(waits) / sizeof(waits[0]); j++) {
		struct case_filter f = { r->user.forbund_id, -1, (int)waits[j],
			r->user.party_id, SCAN_MAX, 0 };

		c = NULL;
		if (layout_failed(r, store_case_list(r->st, &f, &c, &n)))
			n = 0;
		for (i = 0; i < n; i++) {
			if (layout_failed(r,
				store_case_get(r->st, c[i].id, a)) ||
			    !perm_case_visible(&r->user, a) ||
			    (p = arende_party(a, r->user.party_id)) == NULL)
				continue;
			if ((m = party_waits(a, p, true, msg)) > 0) {
				todo_item(r, a, msg, m);
				shown++;
			}
		}
		free(c);
	}
	html_lit(&r->out, "</ul>\n");
	if (shown == 0)
		html_lit(&r->out, "<p>Inget väntar på er part just nu.</p>\n");
	free(a);
}

/*
 * For the kansli: can a move on? Writes the first possible target into
 * *to, or else the number of failing guards of the main target and its
 * first failing message. Off-ramps do not count as moving on.
 */
static bool
case_ready(struct req *r, const struct arende *a, enum state *to, size_t *fails,
    char *first, size_t firstsz)
{
	enum state t[ST__COUNT];
	struct rule_ctx ctx;
	struct utlysning call;
	struct rule_list rl;
	size_t n, i, k, f;
	bool main_seen = false;

	n = transition_targets(a->kind, a->state, t);
	svc_rule_ctx(&r->app, a, &ctx, &call);
	*fails = 0;
	first[0] = '\0';
	for (i = 0; i < n; i++) {
		if (t[i] == ST_AVBRUTEN || t[i] == ST_UTANFOR_RUTINEN)
			continue;
		rule_list_init(&rl);
		f = transition_check(a, t[i], &ctx, &rl);
		if (f == 0) {
			*to = t[i];
			return true;
		}
		if (main_seen)
			continue;
		main_seen = true;
		*to = t[i];
		*fails = f;
		for (k = 0; k < rl.n; k++) {
			if (!rl.r[k].ok) {
				/* "G" is a plain guard: no rule id to show. */
				if (strcmp(rl.r[k].rule, "G") == 0)
					snprintf(first, firstsz, "%s",
					    rl.r[k].message);
				else
					snprintf(first, firstsz, "%s: %s",
					    rl.r[k].rule, rl.r[k].message);
				break;
			}
		}
	}
	return false;
}

static void
kansli_item(struct req *r, int64_t id, const char *title, enum state st,
    const char *what)
{
	html_lit(&r->out, "<li>");
	ui_case_link(r, id, title);
	html_lit(&r->out, " ");
	ui_state_badge(r, st);
	html_lit(&r->out, ": ");
	html_text(&r->out, what);
	html_lit(&r->out, "</li>\n");
}

/* A stuck case, kept until the ready list has been written. */
struct stuck {
	int64_t id;
	enum state state;
	char title[TITLE_MAX + 1];
	char what[400];
};

/* Whole days from timestamp ts ("YYYY-MM-DDT...") to today, at least 0. */
static int64_t
days_since(const char *ts, const char *today)
{
	char d[DATE_LEN];
	int64_t n;

	text_copy(d, sizeof(d), ts);
	if (!date_valid(d) || !date_valid(today))
		return 0;
	n = date_diff_days(d, today);
	return n > 0 ? n : 0;
}

static void
todo_kansli(struct req *r)
{
	struct case_filter f = { r->user.forbund_id, -1, -1, 0, SCAN_MAX, 0 };
	struct arende *a = xmalloc(sizeof(*a));
	struct case_brief *c = NULL;
	struct stuck *st;
	char first[300], what[400];
	enum state to = ST_IDENTIFIERAD;
	size_t n = 0, i, fails, nready = 0, nstuck = 0;

	if (layout_failed(r, store_case_list(r->st, &f, &c, &n)))
		n = 0;
	st = xcalloc(n + 1, sizeof(*st));
	html_lit(&r->out,
	    "<h2>Redo att flytta vidare</h2>\n"
	    "<ul class=\"todo\">\n");
	for (i = 0; i < n; i++) {
		if (state_is_final(c[i].state) ||
		    layout_failed(r, store_case_get(r->st, c[i].id, a)) ||
		    !perm_case_visible(&r->user, a))
			continue;
		if (a->kind == KIND_FINSAM &&
		    a->state == ST_ANSVARSFORDELNING) {
			/* R9: only the board decides; the kansli prepares. */
			kansli_item(r, a->id, a->title, a->state,
			    "väntar på "
			    "styrelsens beslut: sätt ärendet på ett mötes "
			    "dagordning");
			nready++;
		} else if (case_ready(r, a, &to, &fails, first,
			       sizeof(first))) {
			snprintf(what, sizeof(what), "kan flyttas till ”%s”",
			    state_label(to));
			kansli_item(r, a->id, a->title, a->state, what);
			nready++;
		} else if (fails > 0) {
			st[nstuck].id = a->id;
			st[nstuck].state = a->state;
			snprintf(st[nstuck].title, sizeof(st[nstuck].title),
			    "%s", a->title);
			snprintf(st[nstuck].what, sizeof(st[nstuck].what),
			    "oförändrat i %lld dagar; %zu villkor saknas för "
			    "”%s”. Först: %s",
			    (long long)days_since(c[i].updated_at,
				r->app.today),
			    fails, state_label(to), first);
			nstuck++;
		}
	}
	html_lit(&r->out, "</ul>\n");
	if (nready == 0)
		html_lit(&r->out, "<p>Inget ärende kan flyttas just nu.</p>\n");
	html_lit(&r->out, "<h2>Står still</h2>\n");
	if (nstuck == 0)
		html_lit(&r->out, "<p>Inga ärenden står still.</p>\n");
	else
		html_lit(&r->out, "<ul class=\"todo\">\n");
	for (i = 0; i < nstuck; i++)
		kansli_item(r, st[i].id, st[i].title, st[i].state, st[i].what);
	if (nstuck > 0)
		html_lit(&r->out, "</ul>\n");
	free(st);
	free(c);
	free(a);
}

/* FK's ESF office: ESF+ cases where FK takes part and is expected. */
static void
todo_esf_kansli(struct req *r)
{
	/*
	 * Only cases where FK takes part (filtered in the store), and only
	 * in states where a party can be awaited (party_pending_possible)
	 * or, for the owned ones, not yet ended: a national list of open
	 * cases is not loaded case by case.
	 */
	struct case_filter f = { 0, KIND_ESF, -1, 0, SCAN_MAX, 0, true };
	struct case_filter g = { 0, KIND_ESF, -1, 0, OWNED_SHOWN, 0, true };
	struct arende *a = xmalloc(sizeof(*a));
	struct case_brief *c = NULL, *o = NULL;
	char msg[4][MSG_LEN];
	size_t n = 0, i, j, m, shown = 0, nowned = 0;
	int64_t all = 0;

	f.facts.on = g.facts.on = true;
	f.facts.few = g.facts.few = true;
	f.facts.kind = g.facts.kind = KIND_ESF;
	for (int s = 0; s < ST__COUNT; s++) {
		if (party_pending_possible(KIND_ESF, (enum state)s))
			f.facts.states |= 1u << s;
		if (!state_is_final((enum state)s))
			g.facts.states |= 1u << s;
	}
	g.facts.has_owner = true;
	g.facts.owner_kind = PK_FK + 1;
	if (layout_failed(r, store_case_list(r->st, &f, &c, &n)) ||
	    layout_failed(r, store_case_list(r->st, &g, &o, &nowned)))
		n = nowned = 0;
	html_lit(&r->out,
	    "<h2>ESF+-ärenden som väntar på "
	    "Försäkringskassan</h2>\n<ul class=\"todo\">\n");
	for (i = 0; i < n; i++) {
		if (state_is_final(c[i].state) ||
		    layout_failed(r, store_case_get(r->st, c[i].id, a)) ||
		    !perm_case_visible(&r->user, a))
			continue;
		for (j = 0; j < a->nparties; j++) {
			const struct party_row *p = &a->parties[j];

			if (p->kind != PK_FK)
				continue;
			/* R5's överenskommelse too: party_pending. */
			m = party_waits(a, p, false, msg);
			if (m > 0) {
				todo_item(r, a, msg, m);
				shown++;
			}
		}
	}
	html_lit(&r->out, "</ul>\n");
	if (shown == 0)
		html_lit(&r->out,
		    "<p>Inget ESF+-ärende väntar på "
		    "Försäkringskassan just nu.</p>\n");
	html_lit(&r->out,
	    "<h2>Pågående ärenden där Försäkringskassan är "
	    "projektägare</h2>\n");
	if (nowned == 0)
		html_lit(&r->out, "<p>Inga.</p>\n");
	else
		html_lit(&r->out, "<ul class=\"todo\">\n");
	for (i = 0; i < nowned; i++)
		kansli_item(r, o[i].id, o[i].title, o[i].state,
		    "FK administrerar och samordnar (R5)");
	if (nowned > 0)
		html_lit(&r->out, "</ul>\n");
	g.limit = 0;
	if (nowned == OWNED_SHOWN &&
	    !layout_failed(r, store_case_count(r->st, &g, &all)))
		htmlf(&r->out,
		    "<p>De %d senast ändrade av %lld visas. <a "
		    "href=\"/arenden?fu=esf-agare-fk\">Alla ESF+-projekt "
		    "med Försäkringskassan som projektägare</a></p>\n",
		    OWNED_SHOWN, (long long)all);
	free(o);
	free(c);
	free(a);
}

/*
 * The cases r's user sees whose linked call closes within CALL_WARN_DAYS
 * days or has closed while the application is still to be sent.
 */
static void
cases_call_warned(struct req *r)
{
	struct arende *a = xmalloc(sizeof(*a));
	struct utlysning c;
	char until[DATE_LEN];
	int64_t *ids = NULL, days;
	size_t n = 0, shown = 0;

	date_from_days(date_to_days(r->app.today) + CALL_WARN_DAYS, until);
	if (layout_failed(r,
		store_cases_call_closing(r->st, "1900-01-01", until, &ids, &n)))
		n = 0;
	for (size_t i = 0; i < n && shown < SCAN_MAX; i++) {
		enum call_warn w;

		if (store_case_get(r->st, ids[i], a) != B_OK ||
		    !perm_case_visible(&r->user, a) ||
		    store_call_get(r->st, a->call_id, &c) != B_OK)
			continue;
		w = call_warning(a, &c, r->app.today, &days);
		if (w == CALL_WARN_NONE)
			continue;
		if (shown++ == 0)
			html_lit(&r->out,
			    "<h2>Ärenden vars utlysning stänger snart eller "
			    "har stängt</h2>\n<ul class=\"todo\">\n");
		html_lit(&r->out, "<li>");
		ui_case_link(r, a->id, a->title);
		if (w == CALL_WARN_SOON)
			htmlf(&r->out,
			    ": utlysningen stänger %s (om %lld "
			    "dagar)</li>\n",
			    c.closes, (long long)days);
		else
			htmlf(&r->out,
			    ": <strong>utlysningen stängde %s"
			    "</strong></li>\n",
			    c.closes);
	}
	if (shown > 0)
		html_lit(&r->out, "</ul>\n");
	free(ids);
	free(a);
}

static void
calls_soon(struct req *r)
{
	struct utlysning *c = NULL;
	char today[DATE_LEN], limit[DATE_LEN];
	size_t n = 0, i, shown = 0;

	date_today(today);
	date_from_days(date_to_days(today) + SOON_DAYS, limit);
	if (layout_failed(r, store_call_list(r->st, &c, &n)))
		n = 0;
	html_lit(&r->out, "<h2>Utlysningar som stänger snart</h2>\n");
	for (i = 0; i < n; i++) {
		if (!date_valid(c[i].closes) ||
		    strcmp(c[i].closes, today) < 0 ||
		    strcmp(c[i].closes, limit) > 0)
			continue;
		if (shown++ == 0) {
			ui_table_begin(r, "Utlysningar som stänger snart",
			    NULL);
			html_lit(&r->out,
			    "<caption>Utlysningar från "
			    "Svenska ESF-rådet som stänger inom 60 dagar"
			    "</caption>\n<thead><tr><th scope=\"col\">Utlysning"
			    "</th><th scope=\"col\">Referens</th>"
			    "<th scope=\"col\">Stänger</th><th scope=\"col\">"
			    "Dagar kvar</th></tr></thead>\n<tbody>\n");
		}
		html_lit(&r->out, "<tr><th scope=\"row\">");
		html_text(&r->out, c[i].title);
		htmlf(&r->out,
		    "</th><td>%s</td><td>%s</td><td>%lld</td></tr>\n",
		    c[i].reference, c[i].closes,
		    (long long)date_diff_days(today, c[i].closes));
	}
	if (shown > 0) {
		html_lit(&r->out, "</tbody>\n");
		ui_table_end(r);
	} else {
		html_lit(&r->out,
		    "<p>Ingen utlysning stänger inom 60 "
		    "dagar.</p>\n");
	}
	html_lit(&r->out,
	    "<p><a href=\"/utlysningar\">Alla utlysningar</a>"
	    "</p>\n");
	free(c);
}

void
ui_start(struct req *r)
{
	layout_begin(r, "Att göra");
	ui_ok_notice(r);
	switch (r->user.role) {
	case ROLE_LEDAMOT:
		todo_ledamot(r);
		break;
	case ROLE_KANSLI:
		todo_kansli(r);
		break;
	case ROLE_ESF_KANSLI:
		todo_esf_kansli(r);
		break;
	case ROLE_STYRELSE:
		html_lit(&r->out,
		    "<h2>Styrelsen</h2>\n<p><a href=\"/styrelse\">"
		    "Styrelsens möten, dagordningar och beslut</a></p>\n");
		break;
	default:
		html_lit(&r->out,
		    "<h2>Uppföljning och administration</h2>\n"
		    "<ul>\n<li><a href=\"/uppfoljning\">Uppföljning</a></li>\n"
		    "<li><a href=\"/arenden\">Alla ärenden</a></li>\n"
		    "<li><a href=\"/forbund\">Förbund</a></li>\n");
		if (perm_admin(&r->user))
			html_lit(&r->out,
			    "<li><a href=\"/anvandare\">"
			    "Användare</a></li>\n");
		html_lit(&r->out, "</ul>\n");
		break;
	}
	/* R1: ESF-rådet's calls are no matter for the board. */
	if (perm_esf_visible(&r->user)) {
		cases_call_warned(r);
		calls_soon(r);
	}
	layout_end(r);
}
