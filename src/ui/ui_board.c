/*
 * ui_board.c - the förbund's board (förbundsstyrelsen) in the browser:
 * the list of meetings (GET/POST /styrelse), one meeting with its agenda,
 * decision form and details (GET/POST /styrelse/moten/:id, POST
 * .../dagordning, POST .../beslut) and the printable agenda and minutes
 * (GET /styrelse/moten/:id/protokoll).
 *
 * R1: the agenda picker lists only Finsam cases in ansvarsfordelning; a
 * forged POST of an ESF+ case is refused by the domain's
 * board_agenda_check (and again by the store's trigger) and shown as R1
 * (409). Styrelse users see meetings; only the förbund's kansli edits.
 * Checks and saving are svc_finsam.c's; this file reads forms and renders.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "app/svc_finsam.h"
#include "domain/finsam.h"
#include "html.h"
#include "layout.h"
#include "ui.h"
#include "ui_finsam.h"
#include "ui_handlers.h"
#include "util/xmalloc.h"

/* What a re-rendered meeting page shows beside the stored meeting. */
struct meeting_view {
	const struct meeting *form; /* submitted details */
	const struct field_errors *fe_meta;
	const struct field_errors *fe_agenda;
	const struct rule_list *rl_agenda;
	const struct field_errors *fe_dec;
	const struct rule_list *rl_dec;
	bool dec_posted; /* refill from POST */
};

/* "?forbund=ID" for users without a förbund of their own, else "". */
static void
scope_suffix(struct req *r, int64_t fid, char *out, size_t outsz)
{
	if (r->user.forbund_id == 0) {
		snprintf(out, outsz, "forbund=%lld", (long long)fid);
	} else {
		out[0] = '\0';
	}
}

/* "1 500 000 kr för perioden A – B": what a grant gave, and for when. */
static void
grant_text(struct req *r, const struct agenda_item *it)
{
	html_money(&r->out, it->amount >= 0 ? it->amount : 0);
	htmlf(&r->out, " för perioden %s – %s", it->period_start,
	    it->period_end);
}

static void
item_status(struct req *r, const struct agenda_item *it)
{
	if (it->outcome == ST_BEVILJAD) {
		html_lit(&r->out, "Beviljad: ");
		grant_text(r, it);
	} else if (it->outcome == ST_AVSLAG) {
		html_lit(&r->out, "Avslag");
	} else if (it->outcome == OUTCOME_BORDLAGD) {
		html_lit(&r->out, "Bordlagt till ett senare möte");
	} else {
		html_lit(&r->out, "Inget beslut ännu");
	}
}

static void
agenda_list(struct req *r, const struct meeting *m, bool edit)
{
	/* Until the meeting is held, an undecided item can be struck. */
	bool strike = edit && strcmp(m->date, r->app.today) >= 0;
	size_t i;

	if (m->nitems == 0) {
		html_lit(&r->out, "<p>Dagordningen är tom.</p>\n");
		return;
	}
	html_lit(&r->out, "<ol class=\"agenda\">\n");
	for (i = 0; i < m->nitems; i++) {
		html_lit(&r->out, "<li>");
		ui_case_link(r, m->items[i].case_id, m->items[i].title);
		html_lit(&r->out, " – ");
		item_status(r, &m->items[i]);
		if (strike && i > 0) {
			htmlf(&r->out,
			    " <form method=\"post\" class=\"inline\" "
			    "action=\"/styrelse/moten/%lld/dagordning/%lld/"
			    "upp\">",
			    (long long)m->id, (long long)m->items[i].case_id);
			html_csrf(r);
			htmlf(&r->out,
			    "<button type=\"submit\" class=\"secondary\">"
			    "Flytta upp<span class=\"visually-hidden\"> %s"
			    "</span></button></form>",
			    m->items[i].title);
		}
		if (strike && m->items[i].outcome < 0) {
			htmlf(&r->out,
			    " <form method=\"post\" class=\"inline\" "
			    "action=\"/styrelse/moten/%lld/dagordning/%lld/"
			    "stryk\">",
			    (long long)m->id, (long long)m->items[i].case_id);
			html_csrf(r);
			htmlf(&r->out,
			    "<button type=\"submit\" class=\"secondary\">"
			    "Stryk<span class=\"visually-hidden\"> %s från "
			    "dagordningen</span></button></form>",
			    m->items[i].title);
		}
		html_lit(&r->out, "</li>\n");
	}
	html_lit(&r->out, "</ol>\n");
}

static bool
on_agenda(const struct meeting *m, int64_t case_id)
{
	size_t i;

	for (i = 0; i < m->nitems; i++) {
		if (m->items[i].case_id == case_id) {
			return true;
		}
	}
	return false;
}

/*
 * Opens a form posting to meeting id's page plus tail ("", "/dagordning",
 * "/beslut"), or to /styrelse for id 0, with the summary of fe's errors.
 */
static void
board_form(struct req *r, int64_t id, const char *tail,
    const struct field_errors *fe)
{
	if (id == 0) {
		html_lit(&r->out,
		    "<form method=\"post\" "
		    "action=\"/styrelse\">\n");
	} else {
		htmlf(&r->out,
		    "<form method=\"post\" action=\"/styrelse/"
		    "moten/%lld%s\">\n",
		    (long long)id, tail);
	}
	html_csrf(r);
	html_error_summary(r, fe);
}

/* The date and attendance of a meeting, new or recorded. */
static void
meeting_fields(struct req *r, const struct field_errors *fe, const char *date,
    const char *present)
{
	html_input(r, fe, "date", "Datum (ÅÅÅÅ-MM-DD)", "date", date, true);
	html_textarea(r, fe, "present", "Närvarande ledamöter", present, false);
}

/* R1: the picker offers Finsam cases in ansvarsfordelning only. */
static void
agenda_form(struct req *r, const struct meeting *m,
    const struct meeting_view *v)
{
	struct case_filter f = { m->forbund_id, KIND_FINSAM,
		ST_ANSVARSFORDELNING, 0, 0, 0 };
	struct case_brief *cb = NULL;
	struct ui_choices c;
	size_t n = 0, i;

	if (layout_failed(r, store_case_list(r->st, &f, &cb, &n))) {
		n = 0;
	}
	ui_choices_init(&c, n);
	for (i = 0; i < n; i++) {
		if (cb[i].kind == KIND_FINSAM && !on_agenda(m, cb[i].id)) {
			ui_choices_add(&c, cb[i].id, cb[i].title);
		}
	}
	html_lit(&r->out,
	    "<h3>Lägg till ärende på dagordningen</h3>\n"
	    "<p class=\"hint\">Bara Finsam-insatser i steget Ansvarsfördelning "
	    "kan tas upp. ESF+-ärenden tas aldrig upp i förbundsstyrelsen "
	    "(regel R1) och visas därför inte här.</p>\n");
	if (v->rl_agenda != NULL) {
		html_rules(r, v->rl_agenda, true);
	}
	if (c.n == 0) {
		html_lit(&r->out,
		    "<p>Inga fler Finsam-insatser väntar på "
		    "styrelsens beslut.</p>\n");
		goto out;
	}
	board_form(r, m->id, "/dagordning", v->fe_agenda);
	html_select(r, v->fe_agenda, "agenda_case_id", "Ärende", c.codes,
	    c.labels, c.n, req_form(r, "agenda_case_id"), true);
	html_lit(&r->out,
	    "<div class=\"actions\"><button type=\"submit\">"
	    "Lägg på dagordningen</button></div>\n</form>\n");
out:
	ui_choices_free(&c);
	free(cb);
}

static void
decision_fields(struct req *r, const struct meeting_view *v)
{
	static const char *const oc[] = { "beviljad", "avslag", "bordlagd" };
	static const char *const ol[] = { "Beviljad", "Avslag",
		"Bordlagt (tas upp på ett senare möte)" };
	bool p = v->dec_posted;

	html_select(r, v->fe_dec, "outcome", "Beslut", oc, ol, 3,
	    p ? req_form(r, "outcome") : NULL, true);
	html_lit(&r->out,
	    "<fieldset>\n<legend>Vid beviljad: belopp och "
	    "period</legend>\n");
	html_input(r, v->fe_dec, "amount", "Beviljat belopp i hela kronor",
	    "text", p ? req_form(r, "amount") : NULL, false);
	html_input(r, v->fe_dec, "period_start",
	    "Periodens första dag "
	    "(ÅÅÅÅ-MM-DD)",
	    "date", p ? req_form(r, "period_start") : NULL, false);
	html_input(r, v->fe_dec, "period_end",
	    "Periodens sista dag "
	    "(ÅÅÅÅ-MM-DD)",
	    "date", p ? req_form(r, "period_end") : NULL, false);
	html_lit(&r->out, "</fieldset>\n");
	html_textarea(r, v->fe_dec, "comment",
	    "Kommentar (sparas i ärendets "
	    "historik, frivillig)",
	    p ? req_form(r, "comment") : NULL, false);
}

/* True if rl asks the board to confirm a grant over the frame (R9). */
static bool
over_frame_asked(const struct rule_list *rl)
{
	for (size_t i = 0; rl != NULL && i < rl->n; i++) {
		if (!rl->r[i].ok &&
		    strcmp(rl->r[i].field, "confirm_over_frame") == 0) {
			return true;
		}
	}
	return false;
}

static void
decision_form(struct req *r, const struct meeting *m,
    const struct meeting_view *v)
{
	struct ui_choices c;
	size_t i;

	ui_choices_init(&c, m->nitems);
	for (i = 0; i < m->nitems; i++) {
		if (m->items[i].outcome < 0) {
			ui_choices_add(&c, m->items[i].case_id,
			    m->items[i].title);
		}
	}
	if (c.n == 0 && v->rl_dec == NULL) {
		goto out;
	}
	html_lit(&r->out, "<h3>Registrera styrelsens beslut</h3>\n");
	if (v->rl_dec != NULL) {
		html_rules(r, v->rl_dec, true);
	}
	if (c.n == 0) {
		goto out;
	}
	board_form(r, m->id, "/beslut", v->fe_dec);
	html_select(r, v->fe_dec, "case_id", "Ärende på dagordningen", c.codes,
	    c.labels, c.n, v->dec_posted ? req_form(r, "case_id") : NULL, true);
	decision_fields(r, v);
	if (over_frame_asked(v->rl_dec)) {
		/* R9: the second step, the board's explicit confirmation. */
		html_lit(&r->out,
		    "<div class=\"warning\" id=\"bekrafta-ramen\">\n"
		    "<p><strong>Beslutet går över årets budgetram.</strong> "
		    "Styrelsen kan ändå besluta så, men måste bekräfta det "
		    "uttryckligen (R9).</p>\n<p><input type=\"checkbox\" "
		    "id=\"confirm_over_frame\" name=\"confirm_over_frame\" "
		    "value=\"1\" required> <label for=\"confirm_over_frame\">"
		    "Styrelsen har beslutat att bevilja beloppet över "
		    "ramen</label></p>\n</div>\n<div class=\"actions\"><button "
		    "type=\"submit\">Bekräfta beslutet över ramen</button>"
		    "</div>\n</form>\n");
	} else {
		html_lit(&r->out,
		    "<p class=\"hint\">Ett beslut över årets budgetram "
		    "kräver ett extra steg: styrelsen bekräftar det "
		    "uttryckligen (R9).</p>\n<div class=\"actions\"><button "
		    "type=\"submit\">Registrera beslut</button></div>\n"
		    "</form>\n");
	}
out:
	ui_choices_free(&c);
}

/* Date, present members and notes: a form for the kansli, else facts. */
static void
meeting_details(struct req *r, const struct meeting *m,
    const struct meeting_view *v, bool edit)
{
	const struct meeting *f = v->form != NULL ? v->form : m;

	html_lit(&r->out,
	    "<section aria-labelledby=\"uppgifter\">\n"
	    "<h2 id=\"uppgifter\">Mötesuppgifter</h2>\n");
	if (!edit) {
		html_lit(&r->out,
		    "<dl class=\"facts\">\n<dt>Närvarande</dt>"
		    "<dd>");
		html_text(&r->out, f->present[0] != '\0' ? f->present : "–");
		html_lit(&r->out, "</dd>\n<dt>Anteckningar</dt><dd>");
		html_text(&r->out, f->notes[0] != '\0' ? f->notes : "–");
		html_lit(&r->out, "</dd>\n</dl>\n</section>\n");
		return;
	}
	board_form(r, m->id, "", v->fe_meta);
	meeting_fields(r, v->fe_meta, f->date, f->present);
	html_textarea(r, v->fe_meta, "notes", "Anteckningar till protokollet",
	    f->notes, false);
	html_lit(&r->out,
	    "<div class=\"actions\"><button type=\"submit\">"
	    "Spara mötesuppgifter</button></div>\n</form>\n</section>\n");
}

/*
 * The years the meeting's grants count in (svc_grant_year: the year each
 * grant period starts), ascending and without repeats, or the meeting's
 * own year while it has granted nothing. Returns their number.
 */
static size_t
meeting_years(const struct meeting *m, int *years)
{
	size_t n = 0, i, j;
	int y;

	for (i = 0; i < m->nitems; i++) {
		if (m->items[i].outcome != ST_BEVILJAD) {
			continue;
		}
		y = svc_grant_year(m->items[i].period_start, m->date);
		for (j = n; j > 0 && years[j - 1] > y; j--) {
			continue;
		}
		if (y == 0 || (j > 0 && years[j - 1] == y)) {
			continue;
		}
		memmove(&years[j + 1], &years[j], (n - j) * sizeof(*years));
		years[j] = y;
		n++;
	}
	if (n == 0) {
		years[n++] = svc_date_year(m->date);
	}
	return n;
}

/* Each year's frame and grants, for the years the meeting touches. */
static void
meeting_money(struct req *r, const struct meeting *m, const char *scope)
{
	struct frame_status fs;
	int years[MEETING_ITEMS_MAX + 1];
	size_t n = meeting_years(m, years), i;

	html_lit(&r->out,
	    "<section aria-labelledby=\"ram\">\n<h2 id=\"ram\">"
	    "Budget och beviljat");
	for (i = 0; i < n; i++) {
		htmlf(&r->out, "%s%d",
		    i == 0          ? " "
			: i + 1 < n ? ", "
				    : " och ",
		    years[i]);
	}
	html_lit(&r->out,
	    "</h2>\n<p class=\"hint\">Ett beviljat belopp "
	    "räknas till det år då den beviljade perioden börjar.</p>\n");
	for (i = 0; i < n; i++) {
		if (svc_frame_status(&r->app, m->forbund_id, years[i], &fs) !=
		    B_OK) {
			continue;
		}
		ui_finsam_frame(r, &fs);
		htmlf(&r->out,
		    "<p class=\"no-print\"><a href=\"/budget?ar="
		    "%d%s%s\">Budget och beräkning för %d</a></p>\n",
		    years[i], scope[0] != '\0' ? "&" : "", scope, years[i]);
	}
	html_lit(&r->out, "</section>\n");
}

static void
meeting_render(struct req *r, const struct meeting *m,
    const struct meeting_view *v)
{
	bool edit = svc_board_access(&r->app, m->forbund_id, true) == B_OK;
	char title[64], name[NAME_MAX_], scope[40];

	scope_suffix(r, m->forbund_id, scope, sizeof(scope));
	ui_finsam_forbund_name(r, m->forbund_id, name, sizeof(name));
	snprintf(title, sizeof(title), "Sammanträde %s", m->date);
	layout_begin(r, title);
	htmlf(&r->out, "<p>%s, förbundsstyrelsen</p>\n", name);
	ui_finsam_notice(r);
	htmlf(&r->out,
	    "<p class=\"no-print\"><a href=\"/styrelse/moten/%lld/"
	    "protokoll\">Dagordning och protokoll för utskrift</a> · "
	    "<a href=\"/styrelse%s%s\">Alla sammanträden</a></p>\n",
	    (long long)m->id, scope[0] != '\0' ? "?" : "", scope);
	html_lit(&r->out,
	    "<section aria-labelledby=\"dagordning\">\n"
	    "<h2 id=\"dagordning\">Dagordning och beslut</h2>\n");
	agenda_list(r, m, edit);
	if (edit) {
		agenda_form(r, m, v);
		decision_form(r, m, v);
	}
	html_lit(&r->out, "</section>\n");
	meeting_money(r, m, scope);
	meeting_details(r, m, v, edit);
	ui_meeting_documents(r, m->id, 0, edit);
	layout_end(r);
}

/* ---- GET and POST /styrelse --------------------------------------- */

static void
meetings_table(struct req *r, const struct meeting *ms, size_t n)
{
	size_t i, j, decided;

	if (n == 0) {
		html_lit(&r->out,
		    "<p>Inga sammanträden är registrerade.</p>\n");
		return;
	}
	ui_table_begin(r, "Sammanträden", NULL);
	html_lit(&r->out,
	    "<caption>"
	    "Sammanträden</caption>\n<thead><tr><th scope=\"col\">Datum</th>"
	    "<th scope=\"col\" class=\"num\">På dagordningen</th>"
	    "<th scope=\"col\" class=\"num\">Beslut</th>"
	    "<th scope=\"col\">Protokoll</th></tr></thead>\n<tbody>\n");
	for (i = 0; i < n; i++) {
		for (decided = 0, j = 0; j < ms[i].nitems; j++) {
			decided += ms[i].items[j].outcome >= 0;
		}
		htmlf(&r->out,
		    "<tr><td><a href=\"/styrelse/moten/%lld\">%s</a>"
		    "</td><td class=\"num\">%zu</td><td class=\"num\">%zu</td>"
		    "<td><a href=\"/styrelse/moten/%lld/protokoll\">Protokoll "
		    "%s</a></td></tr>\n",
		    (long long)ms[i].id, ms[i].date, ms[i].nitems, decided,
		    (long long)ms[i].id, ms[i].date);
	}
	html_lit(&r->out, "</tbody>\n");
	ui_table_end(r);
}

static void
meetings_render(struct req *r, int64_t fid, const struct meeting *form,
    const struct field_errors *fe)
{
	struct meeting *ms = NULL;
	size_t n = 0;
	char name[NAME_MAX_];

	if (layout_failed(r, store_meeting_list(r->st, fid, &ms, &n))) {
		n = 0;
	}
	ui_finsam_forbund_name(r, fid, name, sizeof(name));
	layout_begin(r, "Styrelsens sammanträden");
	htmlf(&r->out,
	    "<p>%s. Här finns förbundsstyrelsens sammanträden med "
	    "dagordning, beslut och protokoll. Styrelsen beslutar bara om "
	    "Finsam-insatser; ESF+-ärenden tas aldrig upp här (regel R1).</p>\n",
	    name);
	ui_finsam_notice(r);
	meetings_table(r, ms, n);
	if (svc_board_access(&r->app, fid, true) == B_OK) {
		html_lit(&r->out, "<h2 id=\"nytt\">Nytt sammanträde</h2>\n");
		board_form(r, 0, "", fe);
		meeting_fields(r, fe, form != NULL ? form->date : NULL,
		    form != NULL ? form->present : NULL);
		html_lit(&r->out,
		    "<div class=\"actions\"><button type=\"submit\">"
		    "Skapa sammanträde</button></div>\n</form>\n");
	}
	layout_end(r);
	free(ms);
}

/* The förbund of a board page, or 0 after rendering a picker or error. */
static int64_t
board_scope(struct req *r)
{
	int64_t fid = ui_scope_forbund(r);
	int err;

	if (fid == 0 && r->user.forbund_id == 0) {
		layout_begin(r, "Styrelsens sammanträden");
		html_lit(&r->out, "<p>Välj förbund.</p>\n");
		ui_forbund_picker(r, "/styrelse");
		layout_end(r);
		return 0;
	}
	err = svc_board_access(&r->app, fid, false);
	if (err != B_OK) {
		layout_error_berr(r, err);
		return 0;
	}
	return fid;
}

void
ui_meetings(struct req *r)
{
	int64_t fid = board_scope(r);

	if (fid != 0) {
		meetings_render(r, fid, NULL, NULL);
	}
}

void
ui_meeting_create(struct req *r)
{
	struct meeting *m = xcalloc(1, sizeof(*m));
	struct field_errors fe;
	char path[64];
	int err;

	field_errors_init(&fe);
	m->forbund_id = ui_scope_forbund(r);
	form_date(r, &fe, "date", "Datum", m->date, true);
	form_text(r, &fe, "present", "Närvarande ledamöter", m->present,
	    sizeof(m->present), false, true);
	err = fe.n > 0 ? B_INVALID : svc_meeting_create(&r->app, m, &fe);
	if (err == B_OK) {
		snprintf(path, sizeof(path), "/styrelse/moten/%lld?ok=mote",
		    (long long)m->id);
		req_redirect(r, path);
	} else if (err == B_INVALID &&
	    svc_board_access(&r->app, m->forbund_id, true) == B_OK) {
		r->status = 422;
		meetings_render(r, m->forbund_id, m, &fe);
	} else {
		layout_error_berr(r, err == B_INVALID ? B_NOTFOUND : err);
	}
	free(m);
}

/* ---- one meeting --------------------------------------------------- */

/*
 * Loads meeting r->id[0] into m (edit: for the kansli's change); renders
 * the error page and returns false when it cannot.
 */
static bool
meeting_load(struct req *r, struct meeting *m, bool edit)
{
	int err = svc_meeting_get(&r->app, r->id[0], edit, m);

	if (err != B_OK) {
		layout_error_berr(r, err);
		return false;
	}
	return true;
}

void
ui_meeting_show(struct req *r)
{
	struct meeting *m = xcalloc(1, sizeof(*m));
	struct meeting_view v;

	memset(&v, 0, sizeof(v));
	if (meeting_load(r, m, false)) {
		meeting_render(r, m, &v);
	}
	free(m);
}

static void
redirect_meeting(struct req *r, int64_t id, const char *ok)
{
	char path[96];

	snprintf(path, sizeof(path), "/styrelse/moten/%lld?ok=%s",
	    (long long)id, ok);
	req_redirect(r, path);
}

void
ui_meeting_update(struct req *r)
{
	struct meeting *m = xcalloc(1, sizeof(*m));
	struct meeting *f = xcalloc(1, sizeof(*f));
	struct field_errors fe;
	struct meeting_view v;
	int err;

	field_errors_init(&fe);
	memset(&v, 0, sizeof(v));
	if (!meeting_load(r, m, true)) {
		goto out;
	}
	form_date(r, &fe, "date", "Datum", f->date, true);
	form_text(r, &fe, "present", "Närvarande ledamöter", f->present,
	    sizeof(f->present), false, true);
	form_text(r, &fe, "notes", "Anteckningar", f->notes, sizeof(f->notes),
	    false, true);
	err = fe.n > 0 ? B_INVALID : svc_meeting_update(&r->app, m, f, &fe);
	if (err == B_OK) {
		redirect_meeting(r, m->id, "motet");
	} else if (err == B_INVALID) {
		r->status = 422;
		v.form = f;
		v.fe_meta = &fe;
		meeting_render(r, m, &v);
	} else {
		layout_error_berr(r, err);
	}
out:
	free(f);
	free(m);
}

/* An agenda change op (up, strike) on item r->id[1]; ok names the notice. */
static void
agenda_change(struct req *r,
    int (*op)(struct app_ctx *, struct meeting *, int64_t, struct rule_list *),
    const char *ok)
{
	struct meeting *m = xcalloc(1, sizeof(*m));
	struct rule_list rl;
	struct meeting_view v;
	int err;

	rule_list_init(&rl);
	memset(&v, 0, sizeof(v));
	if (!meeting_load(r, m, true)) {
		goto out;
	}
	err = op(&r->app, m, r->id[1], &rl);
	if (err == B_OK) {
		redirect_meeting(r, m->id, ok);
	} else if (err == B_CONFLICT && rule_failures(&rl) > 0) {
		r->status = 409;
		v.rl_agenda = &rl;
		meeting_render(r, m, &v);
	} else {
		layout_error_berr(r, err);
	}
out:
	free(m);
}

void
ui_meeting_agenda_up(struct req *r)
{
	agenda_change(r, svc_agenda_up, "ordning");
}

void
ui_meeting_agenda_remove(struct req *r)
{
	agenda_change(r, svc_agenda_remove, "struken");
}

void
ui_meeting_agenda(struct req *r)
{
	struct meeting *m = xcalloc(1, sizeof(*m));
	struct field_errors fe;
	struct rule_list rl;
	struct meeting_view v;
	int64_t case_id = 0;
	int err;

	field_errors_init(&fe);
	rule_list_init(&rl);
	memset(&v, 0, sizeof(v));
	if (!meeting_load(r, m, true)) {
		goto out;
	}
	form_int64(r, &fe, "agenda_case_id", "Ärende", &case_id, 1, INT64_MAX,
	    true);
	err = fe.n > 0 ? B_INVALID
		       : svc_agenda_add(&r->app, m, case_id, &rl, &fe);
	ui_finsam_rename_field(&fe, "case_id", "agenda_case_id");
	if (err == B_OK) {
		redirect_meeting(r, m->id, "dagordning");
	} else if (err == B_INVALID ||
	    (err == B_CONFLICT && rule_failures(&rl) > 0)) {
		/* R1 and the other refusals are shown as rules (409). */
		r->status = err == B_INVALID ? 422 : 409;
		v.fe_agenda = &fe;
		v.rl_agenda = &rl;
		meeting_render(r, m, &v);
	} else {
		layout_error_berr(r, err);
	}
out:
	free(m);
}

static void
decision_form_parse(struct req *r, struct board_decision *d,
    struct field_errors *fe)
{
	static const char *const codes[] = { "beviljad", "avslag", "bordlagd" };
	int oc = -1;

	d->outcome = -1;
	d->amount = -1;
	form_int64(r, fe, "case_id", "Ärende", &d->case_id, 1, INT64_MAX, true);
	if (form_enum(r, fe, "outcome", "Beslut", codes, 3, &oc, true) &&
	    oc >= 0) {
		d->outcome = oc == 0 ? ST_BEVILJAD
		    : oc == 1        ? ST_AVSLAG
				     : OUTCOME_BORDLAGD;
	}
	if (d->outcome == ST_BEVILJAD) {
		form_int64(r, fe, "amount", "Beviljat belopp", &d->amount, 0,
		    BUDGET_AMOUNT_MAX, true);
		form_date(r, fe, "period_start", "Periodens första dag",
		    d->period_start, true);
		form_date(r, fe, "period_end", "Periodens sista dag",
		    d->period_end, true);
	}
	form_text(r, fe, "comment", "Kommentar", d->comment, sizeof(d->comment),
	    false, true);
	d->confirm_over_frame = form_bool(r, "confirm_over_frame");
}

void
ui_meeting_decision(struct req *r)
{
	struct meeting *m = xcalloc(1, sizeof(*m));
	struct arende *a = xcalloc(1, sizeof(*a));
	struct board_decision *d = xcalloc(1, sizeof(*d));
	struct field_errors fe;
	struct rule_list rl;
	struct meeting_view v;
	struct frame_status fs;
	int err;

	field_errors_init(&fe);
	rule_list_init(&rl);
	memset(&v, 0, sizeof(v));
	if (!meeting_load(r, m, true)) {
		goto out;
	}
	decision_form_parse(r, d, &fe);
	/* svc_decide adds its own checks to the form's errors. */
	err = svc_decide(&r->app, m, d, a, &rl, &fe, &fs);
	if (err == B_OK) {
		redirect_meeting(r, m->id,
		    !fs.over            ? "beslut"
			: fs.has_budget ? "beslut-over"
					: "beslut-utan-budget");
	} else if (err == B_INVALID ||
	    (err == B_CONFLICT && rule_failures(&rl) > 0)) {
		r->status = err == B_INVALID ? 422 : 409;
		v.fe_dec = &fe;
		v.rl_dec = &rl;
		v.dec_posted = true;
		meeting_render(r, m, &v);
	} else {
		layout_error_berr(r, err);
	}
out:
	free(d);
	free(a);
	free(m);
}

/* ---- the printable agenda and minutes ------------------------------ */

static void
print_decision(struct req *r, const struct agenda_item *it)
{
	if (it->outcome == ST_BEVILJAD) {
		html_lit(&r->out, "<p>Styrelsen beslutar att bevilja ");
		grant_text(r, it);
		html_lit(&r->out, ".</p>\n");
	} else if (it->outcome == ST_AVSLAG) {
		html_lit(&r->out,
		    "<p>Styrelsen beslutar att avslå "
		    "finansiering av insatsen.</p>\n");
	} else if (it->outcome == OUTCOME_BORDLAGD) {
		html_lit(&r->out,
		    "<p>Styrelsen beslutar att bordlägga ärendet till ett "
		    "senare sammanträde.</p>\n");
	} else {
		html_lit(&r->out, "<p>Inget beslut fattades i ärendet.</p>\n");
	}
}

static void
print_body(struct req *r, const struct meeting *m, const char *name)
{
	size_t i;

	htmlf(&r->out,
	    "<article class=\"protokoll\">\n<header>\n"
	    "<p class=\"protokoll-org\">%s</p>\n<h1>Protokoll från "
	    "förbundsstyrelsens sammanträde</h1>\n<dl class=\"facts\">\n"
	    "<dt>Datum</dt><dd>%s</dd>\n<dt>Närvarande</dt><dd>%s</dd>\n"
	    "</dl>\n</header>\n",
	    name, m->date, m->present[0] != '\0' ? m->present : "–");
	html_lit(&r->out,
	    "<section aria-labelledby=\"p-dagordning\">\n<h2 "
	    "id=\"p-dagordning\">Dagordning</h2>\n<ol>\n<li>Mötets öppnande"
	    "</li>\n");
	for (i = 0; i < m->nitems; i++) {
		htmlf(&r->out, "<li>%s (ärende %lld)</li>\n", m->items[i].title,
		    (long long)m->items[i].case_id);
	}
	html_lit(&r->out,
	    "<li>Mötets avslutande</li>\n</ol>\n</section>\n"
	    "<section aria-labelledby=\"p-beslut\">\n<h2 id=\"p-beslut\">"
	    "Beslut</h2>\n");
	if (m->nitems == 0) {
		html_lit(&r->out, "<p>Inga ärenden behandlades.</p>\n");
	}
	for (i = 0; i < m->nitems; i++) {
		htmlf(&r->out,
		    "<section class=\"paragraf\">\n<h3>§ %zu %s</h3>"
		    "\n<p class=\"muted\">Finsam-insats, ärende %lld</p>\n",
		    i + 2, m->items[i].title, (long long)m->items[i].case_id);
		print_decision(r, &m->items[i]);
		html_lit(&r->out, "</section>\n");
	}
	html_lit(&r->out, "</section>\n");
	if (m->notes[0] != '\0') {
		htmlf(&r->out,
		    "<section aria-labelledby=\"p-ant\">\n<h2 "
		    "id=\"p-ant\">Anteckningar</h2>\n<p class=\"notes\">%s</p>\n"
		    "</section>\n",
		    m->notes);
	}
	/* Lines to sign on: drawn by style.css, the caption under each. */
	html_lit(&r->out,
	    "<footer class=\"signatures\">\n"
	    "<div class=\"signature\"><div class=\"signature-line\"></div>"
	    "<p>Vid protokollet</p></div>\n"
	    "<div class=\"signature\"><div class=\"signature-line\"></div>"
	    "<p>Ordförande</p></div>\n"
	    "<div class=\"signature\"><div class=\"signature-line\"></div>"
	    "<p>Justeras</p></div>\n"
	    "</footer>\n</article>\n");
}

void
ui_meeting_print(struct req *r)
{
	struct meeting *m = xcalloc(1, sizeof(*m));
	char name[NAME_MAX_], title[80];

	if (!meeting_load(r, m, false)) {
		goto out;
	}
	ui_finsam_forbund_name(r, m->forbund_id, name, sizeof(name));
	snprintf(title, sizeof(title), "Protokoll %s", m->date);
	layout_begin_noh1(r, title);
	htmlf(&r->out,
	    "<p class=\"no-print\"><a href=\"/styrelse/moten/%lld\">"
	    "Tillbaka till sammanträdet</a>. Skriv ut eller spara som PDF med "
	    "webbläsarens utskriftsfunktion (Ctrl+P).</p>\n",
	    (long long)m->id);
	print_body(r, m, name);
	layout_end(r);
out:
	free(m);
}
