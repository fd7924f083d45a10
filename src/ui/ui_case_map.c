/*
 * ui_case_map.c - two sections of the case page: the process map (the
 * steps of DOMAIN.md 3.2 for ESF+, 3.1 for Finsam, each marked done,
 * current or to do in text, not colour only) and "Vad saknas för nästa
 * steg" (the checklist of every possible move as transition_check sees
 * it, R4 condition by condition, and a form per move).
 *
 * Which step a state belongs to and whether a move is allowed are decided
 * in domain/rules.c; this file only shows the answers.
 */
#include <stdio.h>
#include <string.h>

#include "app/svc.h"
#include "domain/perm.h"
#include "html.h"
#include "layout.h"
#include "ui.h"

static const char *const esf_steps[] = {
	"Beredningsgruppen kartlägger målgruppens behov och identifierar "
	"behov av ESF+-projekt.",
	"Parterna utformar projektidén och förankrar den internt "
	"(målgrupp, syfte, mål och genomförande).",
	"Parterna kommer överens om projektägare och medfinansiärer. "
	"Varje parts representant behöver mandat.",
	"Projektägaren formulerar ansökan; medfinansiärerna deltar i "
	"skrivandet.",
	"Respektive part fattar formellt beslut om sina åtaganden i "
	"projektansökan.",
	"Projektägaren skickar in ansökan till Svenska ESF-rådet mot en "
	"utlysning.",
	"Svenska ESF-rådet fattar beslut (beviljat eller avslag).",
	"Projektägaren och parterna bildar en projektorganisation och "
	"genomför projektet.",
	"Målgruppen tar del av insatsen. Projektägaren slutrapporterar till "
	"ESF-rådet och avslutar projektet.",
};

static const char *const finsam_steps[] = {
	"Beredningsgruppen kartlägger målgruppens behov och identifierar "
	"behov av insatser.",
	"Parterna utformar insatsen och förankrar den internt "
	"(målgrupp, syfte, mål och genomförande).",
	"Parterna kommer överens om ansvarsfördelningen.",
	"Förbundsstyrelsen fattar beslut om finansiering.",
	"Parterna genomför insatsen.",
	"Målgruppen tar del av insatsen.",
};

#define ESF_INSIDE_STEPS 3 /* steps 1-3 inside the beredningsstruktur */

enum step_mark { SM_DONE, SM_CURRENT, SM_TODO, SM_STOPPED, SM_SKIPPED };

/*
 * The step at which an off-ramp state was entered: the step of the state
 * the case left when it moved into its present state (from history).
 */
static int
stop_step(const struct arende *a, const struct history_entry *h, size_t nh)
{
	size_t i;

	for (i = nh; i > 0; i--) {
		const struct history_entry *e = &h[i - 1];

		if (e->to == (int)a->state && e->from >= 0 &&
		    e->from < ST__COUNT)
			return state_process_step(a->kind, (enum state)e->from);
	}
	return state_process_step(a->kind, a->state);
}

static enum step_mark
step_mark(const struct arende *a, int step, int cur)
{
	switch (a->state) {
	case ST_AVSLUTAD:
		return SM_DONE;
	case ST_AVSLAG:
		return step <= cur ? SM_DONE : SM_SKIPPED;
	case ST_AVBRUTEN:
	case ST_UTANFOR_RUTINEN:
		if (step < cur)
			return SM_DONE;
		return step == cur ? SM_STOPPED : SM_SKIPPED;
	default:
		if (step < cur)
			return SM_DONE;
		return step == cur ? SM_CURRENT : SM_TODO;
	}
}

static void
step_item(struct req *r, int step, const char *text, enum step_mark m)
{
	static const char *const cls[] = { "done", "current", "todo", "stopped",
		"skipped" };
	static const char *const label[] = { "Klart", "Pågår", "Återstår",
		"Stannade här", "Blir inte av" };

	/* Markup goes through html_lit: htmlf would escape its quotes. */
	htmlf(&r->out, "<li class=\"step step-%s\"", cls[m]);
	if (m == SM_CURRENT)
		html_lit(&r->out, " aria-current=\"step\"");
	html_lit(&r->out, ">");
	htmlf(&r->out,
	    "<span class=\"step-no\">Steg %d</span> "
	    "<span class=\"step-status\">%s<span class=\"visually-hidden\">:"
	    "</span></span> ",
	    step, label[m]);
	html_text(&r->out, text);
	html_lit(&r->out, "</li>\n");
}

static void
step_list(struct req *r, const struct arende *a, const char *const *steps,
    int first, int last, int cur)
{
	int i;

	htmlf(&r->out, "<ol class=\"process\" start=\"%d\">\n", first);
	for (i = first; i <= last; i++)
		step_item(r, i, steps[i - 1], step_mark(a, i, cur));
	html_lit(&r->out, "</ol>\n");
}

/* The clear notice of an off-ramp or a refusal. */
static void
offramp_notice(struct req *r, const struct arende *a)
{
	if (a->state != ST_AVBRUTEN && a->state != ST_UTANFOR_RUTINEN &&
	    a->state != ST_AVSLAG)
		return;
	html_lit(&r->out, "<div class=\"notice notice-offramp\"><p><strong>");
	if (a->state == ST_AVBRUTEN) {
		html_lit(&r->out,
		    "Ärendet avbröts utan ansökan.</strong> Skäl: ");
		html_text(&r->out, reason_label(a->reason));
		if (a->reason_text[0] != '\0') {
			html_lit(&r->out, " – ");
			html_text(&r->out, a->reason_text);
		}
	} else if (a->state == ST_UTANFOR_RUTINEN) {
		html_lit(&r->out,
		    "Ärendet ligger utanför rutinen (R6).</strong> "
		    "Målgruppen är inte Finsam-målgruppen eller någon "
		    "medfinansiär är inte Finsam-part i förbundet. "
		    "Försäkringskassan kan inte vara projektägare, och dialogen "
		    "fortsätter utanför beredningsgruppen.");
	} else if (a->kind == KIND_ESF) {
		html_lit(&r->out,
		    "Svenska ESF-rådet avslog ansökan.</strong> "
		    "Beslutet kan inte överklagas.");
	} else {
		html_lit(&r->out,
		    "Förbundsstyrelsen beslutade att inte "
		    "finansiera insatsen.</strong>");
	}
	html_lit(&r->out, "</p></div>\n");
}

void
ui_case_map(struct req *r, const struct arende *a,
    const struct history_entry *h, size_t nh)
{
	const char *const *steps =
	    a->kind == KIND_ESF ? esf_steps : finsam_steps;
	int nsteps = a->kind == KIND_ESF
	    ? (int)(sizeof(esf_steps) / sizeof(esf_steps[0]))
	    : (int)(sizeof(finsam_steps) / sizeof(finsam_steps[0]));
	int cur;

	if (a->state == ST_AVBRUTEN || a->state == ST_UTANFOR_RUTINEN)
		cur = stop_step(a, h, nh);
	else
		cur = state_process_step(a->kind, a->state);
	/*
	 * inskickad and beviljad record the outcome of their step: that
	 * step is done and the next one is under way.
	 */
	if (a->state == ST_INSKICKAD || a->state == ST_BEVILJAD)
		cur++;
	if (cur < 1)
		cur = 1;
	if (cur > nsteps)
		cur = nsteps;

	html_lit(&r->out,
	    "<section aria-labelledby=\"processkarta\">\n"
	    "<h2 id=\"processkarta\">Processkarta</h2>\n");
	offramp_notice(r, a);
	if (a->kind == KIND_ESF) {
		html_lit(&r->out,
		    "<div class=\"process-split\">\n"
		    "<div class=\"process-inside\">\n"
		    "<h3>Inom beredningsstrukturen</h3>\n");
		step_list(r, a, steps, 1, ESF_INSIDE_STEPS, cur);
		html_lit(&r->out,
		    "</div>\n<div class=\"process-outside\">\n"
		    "<h3>Utanför beredningsstrukturen – förbundet följer endast"
		    "</h3>\n<p>Från steg 4 är besluten parternas egna. Förbundet "
		    "finansierar inte ESF+-projekt och ESF+-ärenden tas aldrig upp "
		    "i förbundsstyrelsen (R1).</p>\n");
		step_list(r, a, steps, ESF_INSIDE_STEPS + 1, nsteps, cur);
		html_lit(&r->out, "</div>\n</div>\n");
	} else {
		step_list(r, a, steps, 1, nsteps, cur);
	}
	html_lit(&r->out, "</section>\n");
}

/* ---- "Vad saknas för nästa steg" ------------------------------------ */

static bool
is_offramp(enum state s)
{
	return s == ST_AVBRUTEN || s == ST_UTANFOR_RUTINEN;
}

/* Finsam decisions are the board's, made in a meeting (R1, R9). */
static bool
board_only(const struct arende *a, enum state to)
{
	return a->kind == KIND_FINSAM && a->state == ST_ANSVARSFORDELNING &&
	    (to == ST_BEVILJAD || to == ST_AVSLAG);
}

static void
reason_fields(struct req *r, const struct arende *a,
    const struct field_errors *fe)
{
	const char *codes[REASON__COUNT], *labels[REASON__COUNT];
	size_t n = 0;
	int i;

	for (i = REASON_NONE + 1; i < REASON__COUNT; i++) {
		/* Only the reasons that fit the kind of case (arende.c). */
		if (!reason_fits(a->kind, (enum reason)i)) {
			continue;
		}
		codes[n] = reason_code((enum reason)i);
		labels[n] = reason_label((enum reason)i);
		n++;
	}
	html_select(r, fe, "reason",
	    "Skäl till att ärendet avslutas utan "
	    "ansökan",
	    codes, labels, n, req_form(r, "reason"), true);
	html_input(r, fe, "reason_text",
	    "Beskriv skälet (frivilligt, men "
	    "behövs för Annat)",
	    "text", req_form(r, "reason_text"), false);
}

static void
move_form(struct req *r, const struct arende *a, enum state to,
    const struct ui_case_view *v)
{
	const struct field_errors *fe =
	    (int)to == v->move_to ? v->move_fe : NULL;
	const char *comment = (int)to == v->move_to ? v->move_comment : NULL;
	char field[48];

	snprintf(field, sizeof(field), "comment_%s", state_code(to));
	htmlf(&r->out,
	    "<form method=\"post\" action=\"/arenden/%lld/overgang#meddelande\""
	    " class=\"move\">\n",
	    (long long)a->id);
	html_csrf(r);
	htmlf(&r->out, "<input type=\"hidden\" name=\"to\" value=\"%s\">\n",
	    state_code(to));
	if (to == ST_AVBRUTEN)
		reason_fields(r, a, fe);
	html_textarea(r, fe, field, "Kommentar till historiken (frivillig)",
	    comment != NULL ? comment : "", false);
	html_lit(&r->out, "<button type=\"submit\">");
	htmlf(&r->out, "Flytta till ”%s”", state_label(to));
	html_lit(&r->out, "</button>\n</form>\n");
}

static void
target_section(struct req *r, const struct arende *a, enum state to,
    const struct rule_ctx *ctx, const struct ui_case_view *v)
{
	struct rule_list rl;
	size_t fails;

	htmlf(&r->out, "<h3>Till ”%s”</h3>\n", state_label(to));
	if (to == ST_AVBRUTEN) {
		html_lit(&r->out,
		    "<p>Ärendet kan avslutas utan ansökan. Ange "
		    "skälet; det räknas i uppföljningen.</p>\n");
	} else {
		rule_list_init(&rl);
		fails = transition_check(a, to, ctx, &rl);
		if (rl.n > 0)
			html_rules(r, &rl, false);
		if (fails == 0)
			html_lit(&r->out,
			    "<p class=\"rules-ok\">Alla villkor "
			    "är uppfyllda.</p>\n");
		else if (fails == 1)
			html_lit(&r->out,
			    "<p class=\"rules-fail\">1 villkor är "
			    "inte uppfyllt.</p>\n");
		else
			htmlf(&r->out,
			    "<p class=\"rules-fail\">%zu villkor är "
			    "inte uppfyllda.</p>\n",
			    fails);
		/* R5's agreement: a date satisfies it, the document is
		 * support. */
		if (a->kind == KIND_ESF && to == ST_GENOMFORANDE)
			ui_case_doc_attached(r, a, DOC_OVERENSKOMMELSE);
	}
	if (board_only(a, to)) {
		html_lit(&r->out,
		    "<p>Beslutet fattas av förbundsstyrelsen på ett "
		    "möte där ärendet står på dagordningen (R9). Se "
		    "<a href=\"/styrelse\">Styrelsens möten</a>.</p>\n");
		return;
	}
	if (perm_case_edit(&r->user, a))
		move_form(r, a, to, v);
}

/* R4 condition by condition, before anyone tries to move (ESF+ only). */
static void
fk_fallback_section(struct req *r, const struct arende *a,
    const struct rule_ctx *ctx)
{
	struct rule_list rl;
	bool ok;

	rule_list_init(&rl);
	ok = fk_fallback_eligible(a, ctx, &rl);
	html_lit(&r->out,
	    "<h3>Kan Försäkringskassan bli projektägare i sista "
	    "hand? (R4)</h3>\n<p>FK är inte projektägare rutinmässigt. FK kan "
	    "vara projektägare i sista hand bara om alla villkor nedan är "
	    "uppfyllda.</p>\n");
	if (rl.n > 0)
		html_rules(r, &rl, false);
	html_lit(&r->out, "<p>");
	if (ok)
		html_lit(&r->out,
		    "<strong>Ja:</strong> alla villkor är "
		    "uppfyllda.");
	else
		html_lit(&r->out,
		    "<strong>Nej:</strong> minst ett villkor är "
		    "inte uppfyllt.");
	html_lit(&r->out, "</p>\n");
}

static void
refused_move(struct req *r, const struct ui_case_view *v)
{
	if (v->move_to < 0 || v->move_to >= ST__COUNT)
		return;
	/* The refused move is where the user lands (action ...#meddelande),
	 * and it takes the focus: the page answers right where it is read. */
	htmlf(&r->out,
	    "<div class=\"notice notice-error\" role=\"alert\" "
	    "id=\"meddelande\" tabindex=\"-1\" autofocus>"
	    "<p><strong>Ärendet flyttades inte till ”%s”.</strong> ",
	    state_label((enum state)v->move_to));
	if (v->move_rules != NULL && rule_failures(v->move_rules) > 0) {
		html_lit(&r->out, "Följande villkor är inte uppfyllda:</p>\n");
		html_rules_in_alert(r, v->move_rules);
	} else {
		html_lit(&r->out, "Rätta uppgifterna i formuläret.</p>\n");
	}
	html_lit(&r->out, "</div>\n");
	if (v->move_fe != NULL && v->move_fe->n > 0)
		html_error_summary(r, v->move_fe);
}

void
ui_case_next(struct req *r, const struct arende *a,
    const struct ui_case_view *v)
{
	enum state t[ST__COUNT];
	struct rule_ctx ctx;
	struct utlysning call;
	size_t n, i;

	html_lit(&r->out,
	    "<section aria-labelledby=\"nasta-steg\">\n"
	    "<h2 id=\"nasta-steg\">Vad saknas för nästa steg</h2>\n");
	refused_move(r, v);
	n = transition_targets(a->kind, a->state, t);
	if (n == 0) {
		html_lit(&r->out,
		    "<p>Ärendet är avslutat. Det finns inga fler "
		    "steg.</p>\n</section>\n");
		return;
	}
	svc_rule_ctx(&r->app, a, &ctx, &call);
	if (!perm_case_edit(&r->user, a))
		html_lit(&r->out,
		    "<p>Du kan se villkoren men inte flytta "
		    "ärendet.</p>\n");
	for (i = 0; i < n; i++) {
		if (!is_offramp(t[i]))
			target_section(r, a, t[i], &ctx, v);
	}
	/*
	 * The next step comes first; what else is possible is one click
	 * away (<details>, no script), opened when a move there was refused.
	 */
	if (a->kind == KIND_ESF && a->state != ST_IDENTIFIERAD &&
	    state_inside_beredning(a->kind, a->state)) {
		htmlf(&r->out,
		    "<details class=\"more\"%s><summary>Kan "
		    "Försäkringskassan bli projektägare i sista hand? (R4)"
		    "</summary>\n",
		    a->state == ST_OVERENS ? " open" : "");
		fk_fallback_section(r, a, &ctx);
		html_lit(&r->out, "</details>\n");
	}
	for (i = 0; i < n; i++) {
		if (!is_offramp(t[i]))
			continue;
		htmlf(&r->out,
		    "<details class=\"more\"%s><summary>%s</summary>"
		    "\n",
		    (int)t[i] == v->move_to ? " open" : "",
		    t[i] == ST_AVBRUTEN
			? "Avsluta ärendet utan ansökan"
			: "Ärendet ligger utanför rutinen (R6)");
		target_section(r, a, t[i], &ctx, v);
		html_lit(&r->out, "</details>\n");
	}
	html_lit(&r->out, "</section>\n");
}
