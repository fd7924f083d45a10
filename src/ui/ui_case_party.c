/*
 * ui_case_party.c - the parties of a case on the case page (a table and
 * one form per party), and the two POST handlers that change a case from
 * the page's smaller forms: a party row (POST /arenden/:id/parter/:pid)
 * and a move (POST /arenden/:id/overgang).
 *
 * R7 is decided by perm.c and enforced by svc_party_update: this file only
 * offers the party-owned fields as inputs to the party's own ledamot and
 * shows them read-only to everyone else. A crafted POST of those fields by
 * anyone else is refused by svc (403, naming R7).
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
#include "util/buf.h"
#include "util/xmalloc.h"

static const char *const agp_codes[] = { "kan", "avstar" };
static const char *const agp_labels[] = { "Kan vara projektägare",
	"Avstår från att vara projektägare" };
static const char *const beslut_codes[] = { "ja", "nej" };
static const char *const beslut_labels[] = { "Ja, parten åtar sig sin del",
	"Nej" };

static const char *
agp_text(enum agarprovning a)
{
	switch (a) {
	case AGP_KAN:
		return "Kan";
	case AGP_AVSTAR:
		return "Avstår";
	default:
		return "Ej gjord";
	}
}

static const char *
beslut_text(enum beslut b)
{
	switch (b) {
	case BESLUT_JA:
		return "Ja";
	case BESLUT_NEJ:
		return "Nej";
	default:
		return "Ej fattat";
	}
}

static void
td_text(struct req *r, const char *s)
{
	html_lit(&r->out, "<td>");
	html_text(&r->out, s);
	html_lit(&r->out, "</td>");
}

static void
party_table_row(struct req *r, const struct arende *a,
    const struct party_row *p)
{
	html_lit(&r->out, "<tr><th scope=\"row\">");
	html_text(&r->out, p->party_name);
	if (a->owner_party_id == p->party_id)
		html_lit(&r->out, " <span class=\"tag\">projektägare</span>");
	html_lit(&r->out, "</th>");
	td_text(r, ui_yes_no(p->deltar));
	if (a->kind == KIND_ESF) {
		html_lit(&r->out, "<td>");
		html_text(&r->out, ui_yes_no(p->medfinansiar));
		if (p->medfinansiar && p->medfinansiering[0] != '\0') {
			html_lit(&r->out, ": ");
			html_text(&r->out, p->medfinansiering);
		}
		html_lit(&r->out, "</td>");
	}
	td_text(r, ui_yes_no(p->utforare));
	html_lit(&r->out, "<td>");
	ui_date(r, p->forankrad);
	html_lit(&r->out, "</td>");
	if (a->kind == KIND_ESF) {
		td_text(r, ui_yes_no(p->mandat));
		td_text(r, agp_text(p->agarprovning));
		td_text(r, beslut_text(p->beslut));
	}
	html_lit(&r->out, "</tr>\n");
}

static void
party_table(struct req *r, const struct arende *a)
{
	size_t i;

	ui_table_begin(r, "Parter", "parties");
	html_lit(&r->out,
	    "<caption>Förbundets "
	    "parter i ärendet</caption>\n<thead><tr>"
	    "<th scope=\"col\">Part</th><th scope=\"col\">Deltar</th>");
	if (a->kind == KIND_ESF)
		html_lit(&r->out, "<th scope=\"col\">Medfinansiär</th>");
	html_lit(&r->out,
	    "<th scope=\"col\">Utförare</th>"
	    "<th scope=\"col\">Förankrad</th>");
	if (a->kind == KIND_ESF)
		html_lit(&r->out,
		    "<th scope=\"col\">Mandat</th>"
		    "<th scope=\"col\">Ägarprövning</th>"
		    "<th scope=\"col\">Beslut</th>");
	html_lit(&r->out, "</tr></thead>\n<tbody>\n");
	for (i = 0; i < a->nparties; i++)
		party_table_row(r, a, &a->parties[i]);
	html_lit(&r->out, "</tbody>\n");
	ui_table_end(r);
}

/* The party-owned fields (R7), offered to the party's own ledamot only. */
static void
own_fields(struct req *r, const struct arende *a, const struct party_row *p,
    const struct field_errors *fe)
{
	char f[64];
	const char *sel;

	html_lit(&r->out,
	    "<fieldset>\n<legend>Partens egna uppgifter (R7)"
	    "</legend>\n<input type=\"hidden\" name=\"egna\" value=\"1\">\n");
	snprintf(f, sizeof(f), "forankrad_%lld", (long long)p->party_id);
	html_input(r, fe, f, "Förankrad internt (datum)", "date", p->forankrad,
	    false);
	if (a->kind == KIND_ESF) {
		/* R7: a party's co-financing commitment is its own. */
		snprintf(f, sizeof(f), "medfinansiar_%lld",
		    (long long)p->party_id);
		html_checkbox(r, f, "Vi medfinansierar projektet",
		    p->medfinansiar);
		snprintf(f, sizeof(f), "medfinansiering_%lld",
		    (long long)p->party_id);
		html_input(r, fe, f,
		    "Medfinansiering (belopp i kronor och/eller "
		    "arbetstid)",
		    "text", p->medfinansiering, false);
		snprintf(f, sizeof(f), "mandat_%lld", (long long)p->party_id);
		html_checkbox(r, f,
		    "Vår representant har mandat att komma "
		    "överens om projektägare och medfinansiärer (R2)",
		    p->mandat);
		snprintf(f, sizeof(f), "agarprovning_%lld",
		    (long long)p->party_id);
		sel = agarprovning_code(p->agarprovning);
		html_select(r, fe, f,
		    "Ägarprövning: kan parten vara "
		    "projektägare? (R3)",
		    agp_codes, agp_labels, 2, sel, true);
		snprintf(f, sizeof(f), "beslut_%lld", (long long)p->party_id);
		sel = beslut_code(p->beslut);
		html_select(r, fe, f,
		    "Formellt beslut om partens åtaganden i "
		    "ansökan (steg 5)",
		    beslut_codes, beslut_labels, 2, sel, true);
	}
	html_lit(&r->out, "</fieldset>\n");
}

static void
shared_fields(struct req *r, const struct party_row *p)
{
	char f[64];

	html_lit(&r->out,
	    "<input type=\"hidden\" name=\"delade\" "
	    "value=\"1\">\n");
	snprintf(f, sizeof(f), "deltar_%lld", (long long)p->party_id);
	html_checkbox(r, f, "Deltar i ärendet", p->deltar);
	if (p->kind == PK_FK) {
		html_lit(&r->out,
		    "<p class=\"hint\">Försäkringskassan kan "
		    "aldrig vara utförare av rehabiliteringen (R5).</p>\n");
	} else {
		snprintf(f, sizeof(f), "utforare_%lld", (long long)p->party_id);
		html_checkbox(r, f, "Utförare av rehabiliteringsinsatserna",
		    p->utforare);
	}
}

/*
 * One party's form. The user's own party is shown open under its own
 * heading; the others fold into <details> (no script needed), opened when
 * they carry errors.
 */
static void
party_form(struct req *r, const struct arende *a, const struct party_row *p,
    const struct ui_case_view *v, bool folded)
{
	bool edit = perm_party_row_edit(&r->user, a, p->party_id);
	bool own = perm_party_own_fields(&r->user, p->party_id);
	bool err = v->party_id == p->party_id;
	const struct field_errors *fe = err ? v->party_fe : NULL;

	if (err && v->party_form != NULL)
		p = v->party_form;
	if (!edit && !own)
		return;
	if (folded) {
		htmlf(&r->out, "<details id=\"part-%lld\"%s><summary>Ändra ",
		    (long long)p->party_id, err ? " open" : "");
		html_text(&r->out, p->party_name);
		html_lit(&r->out, "</summary>\n");
	} else {
		htmlf(&r->out,
		    "<h3 id=\"part-%lld\">Er part: ", (long long)p->party_id);
		html_text(&r->out, p->party_name);
		html_lit(&r->out, "</h3>\n");
	}
	if (err && v->party_rules != NULL && rule_failures(v->party_rules) > 0)
		html_rules(r, v->party_rules, true);
	if (fe != NULL && fe->n > 0)
		html_error_summary(r, fe);
	htmlf(&r->out,
	    "<form method=\"post\" action=\"/arenden/%lld/parter/"
	    "%lld#meddelande\" class=\"party\" novalidate>\n",
	    (long long)a->id, (long long)p->party_id);
	html_csrf(r);
	/* The version read: a stale save is refused, never overwrites. */
	htmlf(&r->out,
	    "<input type=\"hidden\" name=\"version\" "
	    "value=\"%lld\">\n",
	    (long long)a->version);
	if (edit)
		shared_fields(r, p);
	if (own)
		own_fields(r, a, p, fe);
	else
		html_lit(&r->out,
		    "<p class=\"hint\">Förankring, mandat, "
		    "ägarprövning och beslut registreras bara av partens egen "
		    "ledamot (R7). De visas i tabellen ovan.</p>\n");
	html_lit(&r->out, "<button type=\"submit\">Spara ");
	html_text(&r->out, p->party_name);
	html_lit(&r->out, "</button>\n</form>\n");
	if (folded)
		html_lit(&r->out, "</details>\n");
}

void
ui_case_parties(struct req *r, const struct arende *a,
    const struct ui_case_view *v)
{
	size_t i;

	html_lit(&r->out,
	    "<section aria-labelledby=\"parter\">\n"
	    "<h2 id=\"parter\">Parter</h2>\n");
	if (a->nparties == 0) {
		html_lit(&r->out,
		    "<p>Förbundet har inga parter.</p>\n"
		    "</section>\n");
		return;
	}
	party_table(r, a);
	/* G: the rows of a closed case are shown, not offered for edits. */
	if (ui_case_closed_note(r, a)) {
		if (v->party_rules != NULL)
			html_rules(r, v->party_rules, true);
		html_lit(&r->out, "</section>\n");
		return;
	}
	/* The user's own party first: it is the one they record most. */
	for (i = 0; i < a->nparties; i++) {
		if (a->parties[i].party_id == r->user.party_id)
			party_form(r, a, &a->parties[i], v, false);
	}
	if (perm_case_edit(&r->user, a))
		html_lit(&r->out,
		    "<h3 class=\"no-print\">Ändra en part</h3>\n");
	for (i = 0; i < a->nparties; i++) {
		if (a->parties[i].party_id != r->user.party_id)
			party_form(r, a, &a->parties[i], v, true);
	}
	html_lit(&r->out, "</section>\n");
}

/* ---- POST /arenden/:id/parter/:pid ------------------------------------ */

static void
party_parse(struct req *r, const struct arende *a, struct party_row *row,
    struct field_errors *fe)
{
	char f[64];
	long long pid = (long long)row->party_id;
	int idx;

	if (req_form(r, "delade") != NULL) {
		snprintf(f, sizeof(f), "deltar_%lld", pid);
		row->deltar = form_bool(r, f);
		snprintf(f, sizeof(f), "utforare_%lld", pid);
		row->utforare = form_bool(r, f);
	}
	if (req_form(r, "egna") == NULL)
		return;
	snprintf(f, sizeof(f), "forankrad_%lld", pid);
	form_date(r, fe, f, "Förankrad internt", row->forankrad, false);
	if (a->kind != KIND_ESF)
		return;
	snprintf(f, sizeof(f), "medfinansiar_%lld", pid);
	row->medfinansiar = form_bool(r, f);
	snprintf(f, sizeof(f), "medfinansiering_%lld", pid);
	form_text(r, fe, f, "Medfinansiering", row->medfinansiering,
	    sizeof(row->medfinansiering), false, false);
	snprintf(f, sizeof(f), "mandat_%lld", pid);
	row->mandat = form_bool(r, f);
	snprintf(f, sizeof(f), "agarprovning_%lld", pid);
	if (form_enum(r, fe, f, "Ägarprövning", agp_codes, 2, &idx, false))
		row->agarprovning = idx == 0 ? AGP_KAN
		    : idx == 1               ? AGP_AVSTAR
					     : AGP_NONE;
	snprintf(f, sizeof(f), "beslut_%lld", pid);
	if (form_enum(r, fe, f, "Beslut", beslut_codes, 2, &idx, false))
		row->beslut = idx == 0 ? BESLUT_JA
		    : idx == 1         ? BESLUT_NEJ
				       : BESLUT_NONE;
}

static void
party_refused(struct req *r, const struct arende *a,
    const struct party_row *row, const struct field_errors *fe,
    const struct rule_list *rl, int status, const char *alert)
{
	struct ui_case_view v;

	ui_case_view_init(&v);
	v.party_id = row->party_id;
	v.party_form = row;
	v.party_fe = fe;
	v.party_rules = rl;
	v.alert = alert;
	r->status = status;
	ui_case_render(r, a, &v);
}

void
ui_case_party(struct req *r)
{
	struct arende *a = xmalloc(sizeof(*a));
	const struct party_row *old;
	struct party_row row;
	struct field_errors fe;
	struct rule_list rl;
	struct buf msg;
	char path[96];
	int err;

	field_errors_init(&fe);
	rule_list_init(&rl);
	err = svc_case_get(&r->app, r->id[0], a);
	if (err != B_OK) {
		layout_error_berr(r, err);
		goto out;
	}
	if ((old = arende_party(a, r->id[1])) == NULL) {
		layout_error_berr(r, B_NOTFOUND);
		goto out;
	}
	/* A wrong role is 403 whatever it posted (not 422 for bad input). */
	if (!perm_party_row_edit(&r->user, a, old->party_id)) {
		layout_error(r, 403,
		    "Du får inte ändra den här partens rad: bara parter som "
		    "deltar och förbundets kansli gör det, och partens egna "
		    "uppgifter (förankring, mandat, ägarprövning, beslut) "
		    "registreras bara av partens egen ledamot (R7).");
		goto out;
	}
	row = *old;
	party_parse(r, a, &row, &fe);
	if (!state_is_final(a->state) && stale_form(r, a)) {
		/* Lost updates: refused, what the user typed is kept. */
		buf_init(&msg);
		stale_message(&msg, a, NULL, &row);
		party_refused(r, a, &row, &fe, NULL, 409, buf_cstr(&msg));
		buf_free(&msg);
		goto out;
	}
	if (fe.n > 0) {
		party_refused(r, a, &row, &fe, NULL, 422,
		    "Partens uppgifter "
		    "sparades inte. Rätta felen vid parten nedan.");
		goto out;
	}
	err = svc_party_update(&r->app, a, &row, &rl);
	if (err == B_OK) {
		snprintf(path, sizeof(path), "/arenden/%lld?ok=part#part-%lld",
		    (long long)a->id, (long long)row.party_id);
		req_redirect(r, path);
	} else if (err == B_FORBIDDEN && rule_failures(&rl) > 0) {
		party_refused(r, a, &row, &fe, &rl, 403,
		    "R7: förankring, "
		    "mandat, ägarprövning och beslut registreras bara av partens "
		    "egen ledamot. Ändringen sparades inte.");
	} else if (err == B_FORBIDDEN) {
		layout_error(r, 403, NO_STAKE_EDIT);
	} else if (err == B_CONFLICT || err == B_INVALID) {
		party_refused(r, a, &row, &fe, &rl,
		    err == B_CONFLICT ? 409 : 422,
		    rule_failures(&rl) > 0
			? "Partens uppgifter sparades "
			  "inte: se reglerna vid parten nedan."
			: "Ärendet har ändrats "
			  "av någon annan. Kontrollera och spara igen.");
	} else {
		layout_error_berr(r, err);
	}
out:
	free(a);
}

/* ---- POST /arenden/:id/overgang ---------------------------------------- */

static void
move_parse(struct req *r, struct arende *a, enum state to, char *comment,
    size_t commentsz, struct field_errors *fe)
{
	const char *codes[REASON__COUNT];
	char f[48];
	size_t n = 0;
	int i, idx;

	snprintf(f, sizeof(f), "comment_%s", state_code(to));
	form_text(r, fe, f, "Kommentar", comment, commentsz, false, true);
	if (to != ST_AVBRUTEN)
		return;
	for (i = REASON_NONE + 1; i < REASON__COUNT; i++)
		codes[n++] = reason_code((enum reason)i);
	if (form_enum(r, fe, "reason", "Skäl", codes, n, &idx, true) &&
	    idx >= 0)
		a->reason = (enum reason)(idx + 1);
	form_text(r, fe, "reason_text", "Beskriv skälet", a->reason_text,
	    sizeof(a->reason_text), false, false);
}

void
ui_case_transition(struct req *r)
{
	struct arende *a = xmalloc(sizeof(*a));
	char *comment = xcalloc(1, TEXT_MAX + 1);
	struct ui_case_view v;
	struct field_errors fe;
	struct rule_list rl;
	const char *tocode = req_form(r, "to");
	enum state to;
	char path[96];
	int err;

	field_errors_init(&fe);
	rule_list_init(&rl);
	ui_case_view_init(&v);
	err = svc_case_get(&r->app, r->id[0], a);
	if (err != B_OK) {
		layout_error_berr(r, err);
		goto out;
	}
	if (!perm_case_edit(&r->user, a)) {
		layout_error(r, 403, NO_STAKE_MOVE);
		goto out;
	}
	if (tocode == NULL || !state_from_code(tocode, &to)) {
		v.alert = "Okänt steg: välj en av övergångarna på sidan.";
		r->status = 422;
		ui_case_render(r, a, &v);
		goto out;
	}
	move_parse(r, a, to, comment, TEXT_MAX + 1, &fe);
	v.move_to = (int)to;
	v.move_comment = comment;
	v.move_fe = &fe;
	if (fe.n > 0) {
		r->status = 422;
		ui_case_render(r, a, &v);
		goto out;
	}
	err = svc_case_move(&r->app, a, to, comment, false, &rl);
	if (err == B_OK) {
		snprintf(path, sizeof(path), "/arenden/%lld?ok=flyttat",
		    (long long)a->id);
		req_redirect(r, path);
	} else if (err == B_CONFLICT) {
		v.move_rules = &rl;
		if (rule_failures(&rl) == 0)
			v.alert = "Ärendet har ändrats av någon annan. "
				  "Kontrollera villkoren och försök igen.";
		r->status = 409;
		ui_case_render(r, a, &v);
	} else if (err == B_FORBIDDEN) {
		layout_error(r, 403, NO_STAKE_MOVE);
	} else {
		layout_error_berr(r, err);
	}
out:
	free(comment);
	free(a);
}
