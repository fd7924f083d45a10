/*
 * ui_cases.c - the case list (GET /arenden: filters, 20 per page, only
 * visible cases) and the new-case form (GET /arenden/ny, POST /arenden).
 * Creation is svc_case_create's: it checks the förbund, the need and the
 * user's right; this file reads the form and shows the answer.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "app/svc.h"
#include "domain/followup.h"
#include "domain/kommuner.h"
#include "domain/perm.h"
#include "app/export.h"
#include "html.h"
#include "layout.h"
#include "ui.h"
#include "ui_handlers.h"
#include "util/xmalloc.h"

#define PAGE_SIZE 20

static const char *const yes_no[] = { "ja", "nej" };

/*
 * R6: is the target group Finsam's målgrupp? A required question with
 * no answer chosen in advance (checked: the answer posted, or NULL).
 */
static void
malgrupp_question(struct req *r, const struct field_errors *fe,
    const char *checked)
{
	const char *err =
	    fe != NULL ? field_error_get(fe, "finsam_malgrupp") : NULL;

	html_lit(&r->out,
	    "<fieldset class=\"field\" id=\"finsam_malgrupp\">\n<legend>"
	    "Är målgruppen Finsams målgrupp? <span class=\"required\">"
	    "(obligatoriskt)</span></legend>\n<p class=\"hint\">Individer "
	    "som behöver samordnade rehabiliteringsinsatser för att nå eller "
	    "förbättra sin förmåga till förvärvsarbete. Om inte ligger "
	    "ärendet utanför rutinen (R6).</p>\n");
	if (err != NULL) {
		html_lit(&r->out, "<p class=\"error\">");
		html_text(&r->out, err);
		html_lit(&r->out, "</p>\n");
	}
	for (int i = 0; i < 2; i++) {
		htmlf(&r->out,
		    "<div class=\"field-checkbox\"><input type=\"radio\" "
		    "id=\"finsam_malgrupp_%s\" name=\"finsam_malgrupp\" "
		    "value=\"%s\"%s required> <label for=\"finsam_malgrupp_%s\">"
		    "%s</label></div>\n",
		    yes_no[i], yes_no[i],
		    checked != NULL && strcmp(checked, yes_no[i]) == 0
			? " checked"
			: "",
		    yes_no[i], i == 0 ? "Ja" : "Nej, en annan målgrupp");
	}
	html_lit(&r->out, "</fieldset>\n");
}

static const char *const kind_codes[] = { "esf", "finsam" };

/* ---- GET /arenden ------------------------------------------------------ */

/*
 * ?fu=CODE[&from=&to=&lan=]: the cases behind a follow-up figure
 * (followup_filter). False when given but unknown or malformed; *raw is
 * the validated query again ("fu=...&from=..."), for links.
 */
static bool
fu_selection(struct req *r, struct fact_filter *ff, const char **label,
    struct buf *raw)
{
	const char *code = req_query(r, "fu");
	const char *from = req_query(r, "from"), *to = req_query(r, "to");
	const char *lan = req_query(r, "lan");

	memset(ff, 0, sizeof(*ff));
	if (code == NULL || code[0] == '\0')
		return true;
	if (!followup_filter(code, ff, label))
		return false;
	if ((from != NULL && from[0] != '\0' && !date_valid(from)) ||
	    (to != NULL && to[0] != '\0' && !date_valid(to)) ||
	    (lan != NULL && lan[0] != '\0' && lan_name(lan) == NULL))
		return false;
	text_copy(ff->from, sizeof(ff->from), from != NULL ? from : "");
	text_copy(ff->to, sizeof(ff->to), to != NULL ? to : "");
	text_copy(ff->lan, sizeof(ff->lan), lan != NULL ? lan : "");
	buf_printf(raw, "fu=%s&from=%s&to=%s&lan=%s", code, ff->from, ff->to,
	    ff->lan);
	return true;
}

/* True if s is a state of kind k's machine (its start or a target). */
static bool
state_of_kind(enum kind k, enum state s)
{
	int from;

	if (s == ST_IDENTIFIERAD)
		return true;
	for (from = 0; from < ST__COUNT; from++) {
		if (transition_exists(k, (enum state)from, s))
			return true;
	}
	return false;
}

static void
list_filters(struct req *r, int kind, int st)
{
	const char *codes[ST__COUNT], *labels[ST__COUNT];
	const char *klabels[2] = { kind_label(KIND_ESF),
		kind_label(KIND_FINSAM) };
	/* R1: a role that never sees ESF+ matters is offered none. */
	bool esf = perm_esf_visible(&r->user);
	size_t nk = esf ? 2 : 1, ns = 0;
	int i;

	for (i = 0; i < ST__COUNT; i++) {
		if (!esf && !state_of_kind(KIND_FINSAM, (enum state)i))
			continue;
		codes[ns] = state_code((enum state)i);
		labels[ns++] = state_label((enum state)i);
	}
	html_lit(&r->out,
	    "<form method=\"get\" action=\"/arenden\" "
	    "class=\"filter\">\n<fieldset>\n<legend>Filtrera ärenden</legend>\n");
	html_select(r, NULL, "kind", "Typ (alla om inget väljs)",
	    kind_codes + (esf ? 0 : 1), klabels + (esf ? 0 : 1), nk,
	    kind >= 0 ? kind_code((enum kind)kind) : NULL, true);
	html_select(r, NULL, "state", "Läge (alla om inget väljs)", codes,
	    labels, ns, st >= 0 ? state_code((enum state)st) : NULL, true);
	if (r->user.forbund_id == 0 && ui_scope_forbund(r) != 0)
		htmlf(&r->out,
		    "<input type=\"hidden\" name=\"forbund\" "
		    "value=\"%lld\">\n",
		    (long long)ui_scope_forbund(r));
	html_lit(&r->out,
	    "<button type=\"submit\">Visa</button>\n"
	    "</fieldset>\n</form>\n");
}

static void
list_table(struct req *r, const struct case_brief *c, size_t n, int64_t total,
    int page, int pages)
{
	size_t i;

	ui_table_begin(r, "Ärendelista", "cases");
	htmlf(&r->out,
	    "<caption>Ärenden: %lld "
	    "st, sida %d av %d</caption>\n",
	    (long long)total, page, pages);
	html_lit(&r->out,
	    "<thead><tr><th scope=\"col\">Titel</th>"
	    "<th scope=\"col\">Typ</th><th scope=\"col\">Läge</th>"
	    "<th scope=\"col\">Projektägare</th>"
	    "<th scope=\"col\">Uppdaterad</th></tr></thead>\n<tbody>\n");
	for (i = 0; i < n; i++) {
		char upd[TS_LEN];

		html_lit(&r->out, "<tr><th scope=\"row\">");
		ui_case_link(r, c[i].id, c[i].title);
		html_lit(&r->out, "</th><td>");
		html_text(&r->out, kind_label(c[i].kind));
		html_lit(&r->out, "</td><td>");
		ui_state_badge(r, c[i].state);
		/* data-label: the column's name where rows stack (style.css).
		 */
		html_lit(&r->out, "</td><td data-label=\"Projektägare\">");
		html_text(&r->out,
		    c[i].owner_party_id != 0 ? c[i].owner_name : "–");
		/* The date part of the timestamp (memcpy: 20 rows a page). */
		memcpy(upd, c[i].updated_at, sizeof(upd));
		upd[10] = '\0';
		html_lit(&r->out, "</td><td data-label=\"Uppdaterad\">");
		ui_date(r, upd);
		html_lit(&r->out, "</td></tr>\n");
	}
	html_lit(&r->out, "</tbody>\n");
	ui_table_end(r);
}

static void
list_pager(struct req *r, int kind, int st, int page, int pages, const char *fu)
{
	const char *k = kind >= 0 ? kind_code((enum kind)kind) : "";
	const char *s = st >= 0 ? state_code((enum state)st) : "";
	long long fid =
	    r->user.forbund_id == 0 ? (long long)ui_scope_forbund(r) : 0;
	struct buf eb;
	const char *extra;

	if (pages <= 1)
		return;
	/* fu is the validated selection (codes and dates: no markup). */
	buf_init(&eb);
	if (fu[0] != '\0')
		buf_printf(&eb, "&amp;%s", fu);
	if (fid != 0)
		buf_printf(&eb, "&amp;forbund=%lld", fid);
	extra = buf_cstr(&eb);
	html_lit(&r->out, "<nav aria-label=\"Sidor\"><ul class=\"pager\">\n");
	if (page > 1)
		htmlf(&r->out,
		    "<li><a rel=\"prev\" href=\"/arenden?kind=%s"
		    "&amp;state=%s&amp;page=%d%s\">Föregående sida</a></li>\n",
		    k, s, page - 1, extra);
	htmlf(&r->out, "<li aria-current=\"page\">Sida %d av %d</li>\n", page,
	    pages);
	if (page < pages)
		htmlf(&r->out,
		    "<li><a rel=\"next\" href=\"/arenden?kind=%s"
		    "&amp;state=%s&amp;page=%d%s\">Nästa sida</a></li>\n",
		    k, s, page + 1, extra);
	html_lit(&r->out, "</ul></nav>\n");
	buf_free(&eb);
}

void
ui_cases_list(struct req *r)
{
	struct case_filter f = { 0, -1, -1, 0, 0, 0 };
	struct case_brief *c = NULL;
	struct buf fuq, furaw;
	const char *q, *fulabel = NULL;
	enum kind k;
	enum state s;
	int64_t total = 0, pg = 1;
	size_t n = 0;
	bool none;
	int kind = -1, st = -1, pages;

	if ((q = req_query(r, "kind")) != NULL && kind_from_code(q, &k))
		kind = (int)k;
	if ((q = req_query(r, "state")) != NULL && state_from_code(q, &s))
		st = (int)s;
	if ((q = req_query(r, "page")) == NULL || !parse_int64(q, &pg) ||
	    pg < 1 || pg > 1000000)
		pg = 1;
	buf_init(&fuq);
	buf_init(&furaw);
	if (!fu_selection(r, &f.facts, &fulabel, &furaw)) {
		layout_error(r, 400,
		    "Urvalet från uppföljningen är okänt eller har fel "
		    "datum eller län.");
		goto out;
	}
	if (f.facts.on) {
		kind = f.facts.kind;
		/* The same query for the pager's links, as markup. */
		for (const char *p = buf_cstr(&furaw); *p != '\0'; p++) {
			if (*p == '&')
				buf_puts(&fuq, "&amp;");
			else
				buf_putc(&fuq, *p);
		}
	}
	f.kind = kind;
	f.state = st;
	none = !svc_case_scope(&r->user, ui_scope_forbund(r), &f);
	if (export_format_ok(req_query(r, "format"))) {
		/* The whole selection, as the list shows it, as a file. */
		struct forbund_brief *fl = NULL;
		size_t nf = 0;
		int err = none ? B_OK : store_case_list(r->st, &f, &c, &n);

		if (err == B_OK)
			err = store_forbund_list(r->st, &fl, &nf);
		if (err != B_OK)
			layout_error_berr(r, err);
		else
			ui_export(r, "arenden", export_cases(c, n, fl, nf));
		free(fl);
		free(c);
		return;
	}

	layout_begin(r, "Ärenden");
	ui_ok_notice(r);
	if (perm_case_create(&r->user, r->user.forbund_id) &&
	    r->user.forbund_id != 0)
		html_lit(&r->out,
		    "<p><a class=\"button\" href=\"/arenden/ny\">"
		    "Nytt ärende</a></p>\n");
	if (f.facts.on) {
		html_lit(&r->out,
		    "<p class=\"notice\">Urval från "
		    "uppföljningen: ");
		html_text(&r->out, fulabel);
		if (f.facts.from[0] != '\0' || f.facts.to[0] != '\0')
			htmlf(&r->out, ", identifierade %s–%s", f.facts.from,
			    f.facts.to);
		if (f.facts.lan[0] != '\0') {
			html_lit(&r->out, ", ");
			html_text(&r->out, lan_name(f.facts.lan));
		}
		html_lit(&r->out, ".");
		if (f.fk_deltar)
			html_lit(&r->out,
			    " Du ser de ärenden där Försäkringskassan deltar; "
			    "uppföljningens siffra räknar alla.");
		html_lit(&r->out,
		    " <a href=\"/arenden\">Visa alla "
		    "ärenden</a></p>\n");
	}
	list_filters(r, kind, st);
	if (!none) {
		if (layout_failed(r, store_case_count(r->st, &f, &total)))
			total = 0;
		f.limit = PAGE_SIZE;
		f.offset = (int)((pg - 1) * PAGE_SIZE);
		if (layout_failed(r, store_case_list(r->st, &f, &c, &n)))
			n = 0;
	}
	pages = (int)((total + PAGE_SIZE - 1) / PAGE_SIZE);
	if (pages < 1)
		pages = 1;
	if (pg > pages)
		pg = pages;
	if (total == 0)
		html_lit(&r->out, "<p>Inga ärenden matchar urvalet.</p>\n");
	else
		list_table(r, c, n, total, (int)pg, pages);
	list_pager(r, kind, st, (int)pg, pages, buf_cstr(&fuq));
	if (total > 0) {
		struct buf base;

		buf_init(&base);
		buf_puts(&base, "/arenden?");
		if (f.facts.on)
			buf_printf(&base, "%s&", buf_cstr(&furaw));
		if (kind >= 0)
			buf_printf(&base, "kind=%s&",
			    kind_code((enum kind)kind));
		if (st >= 0)
			buf_printf(&base, "state=%s&",
			    state_code((enum state)st));
		ui_export_links(r, buf_cstr(&base));
		buf_free(&base);
	}
	layout_end(r);
out:
	buf_free(&fuq);
	buf_free(&furaw);
	free(c);
}

/* ---- GET /arenden/ny and POST /arenden ---------------------------------- */

static void
need_select(struct req *r, int64_t fid, int64_t need_id,
    const struct field_errors *fe)
{
	struct need *nd = NULL;
	struct ui_choices c;
	size_t n = 0, i;

	if (layout_failed(r, store_need_list(r->st, fid, &nd, &n)))
		n = 0;
	ui_choices_init(&c, n);
	for (i = 0; i < n; i++) {
		char m[90], b[90], lab[200];

		ui_truncate(nd[i].malgrupp, 80, m, sizeof(m));
		ui_truncate(nd[i].behov, 80, b, sizeof(b));
		snprintf(lab, sizeof(lab), "%s: %s", m, b);
		ui_choices_add(&c, nd[i].id, lab);
	}
	ui_choices_select(r, &c, fe, "need_id",
	    "Behov från behovskartläggningen", need_id > 0 ? need_id : 0, true);
	ui_choices_free(&c);
	free(nd);
}

static void
party_checkboxes(struct req *r, const struct forbund *fb,
    const struct arende *a)
{
	const struct party_row *row;
	char f[48];
	size_t i;

	html_lit(&r->out,
	    "<fieldset>\n<legend>Deltagande parter</legend>\n"
	    "<p class=\"hint\">Minst två parter behöver delta innan "
	    "idén kan utformas.</p>\n");
	for (i = 0; i < fb->nparties; i++) {
		row = arende_party(a, fb->parties[i].id);
		snprintf(f, sizeof(f), "deltar_%lld",
		    (long long)fb->parties[i].id);
		html_checkbox(r, f, fb->parties[i].name,
		    row != NULL && row->deltar);
	}
	html_lit(&r->out, "</fieldset>\n");
}

/*
 * The new-case form with a's values (status set by the caller), and an
 * alert above it when alert is not NULL.
 */
static void
new_form(struct req *r, const struct forbund *fb, const struct arende *a,
    const struct field_errors *fe, const char *alert)
{
	const char *klabels[2] = { kind_label(KIND_ESF),
		kind_label(KIND_FINSAM) };
	const char *ksel = req_form(r, "kind");
	const char *posted_malgrupp = req_form(r, "finsam_malgrupp");

	if (ksel == NULL)
		ksel = kind_code(a->kind);
	layout_begin(r, "Nytt ärende");
	htmlf(&r->out, "<p>Förbund: %s</p>\n", fb->name);
	if (alert != NULL) {
		htmlf(&r->out,
		    "<div class=\"notice notice-error\" role=\"alert\">"
		    "<p>%s</p></div>\n",
		    alert);
	}
	if (fe != NULL && fe->n > 0)
		html_error_summary(r, fe);
	html_lit(&r->out,
	    "<form method=\"post\" action=\"/arenden\" "
	    "novalidate>\n");
	html_csrf(r);
	htmlf(&r->out,
	    "<input type=\"hidden\" name=\"forbund_id\" "
	    "value=\"%lld\">\n",
	    (long long)fb->id);
	html_select(r, fe, "kind", "Typ av ärende", kind_codes, klabels, 2,
	    ksel, false);
	html_input(r, fe, "title", "Titel", "text", a->title, true);
	html_textarea(r, fe, "description",
	    "Beskrivning (målgrupp, syfte, mål "
	    "och genomförande)",
	    a->description, false);
	malgrupp_question(r, fe, posted_malgrupp);
	need_select(r, fb->id, a->need_id, fe);
	party_checkboxes(r, fb, a);
	html_lit(&r->out,
	    "<button type=\"submit\">Skapa ärendet</button>\n"
	    "</form>\n");
	layout_end(r);
}

void
ui_case_new(struct req *r)
{
	struct forbund *fb = xmalloc(sizeof(*fb));
	struct arende *a = xmalloc(sizeof(*a));
	const char *q;
	int64_t fid = ui_scope_forbund(r), nid;

	arende_init(a);
	if (fid == 0 && r->user.forbund_id == 0) {
		layout_begin(r, "Nytt ärende");
		html_lit(&r->out,
		    "<p>Välj först i vilket förbund ärendet ska "
		    "skapas.</p>\n");
		ui_forbund_picker(r, "/arenden/ny");
		layout_end(r);
		goto out;
	}
	if (fid == 0 || layout_failed(r, store_forbund_get(r->st, fid, fb))) {
		layout_error_berr(r, B_NOTFOUND);
		goto out;
	}
	if (!perm_case_create(&r->user, fid)) {
		layout_error(r, 403,
		    "Du får inte skapa ärenden i det här "
		    "förbundet.");
		goto out;
	}
	if ((q = req_query(r, "need")) != NULL && parse_int64(q, &nid) &&
	    nid > 0)
		a->need_id = nid;
	if ((q = req_query(r, "kind")) != NULL)
		(void)kind_from_code(q, &a->kind);
	new_form(r, fb, a, NULL, NULL);
out:
	free(a);
	free(fb);
}

static void
create_parse(struct req *r, const struct forbund *fb, struct arende *a,
    struct field_errors *fe)
{
	const char *v;
	char f[48];
	size_t i;
	int idx;

	if (form_enum(r, fe, "kind", "Typ av ärende", kind_codes, 2, &idx,
		true) &&
	    idx >= 0)
		a->kind = idx == 0 ? KIND_ESF : KIND_FINSAM;
	form_text(r, fe, "title", "Titel", a->title, sizeof(a->title), true,
	    false);
	form_text(r, fe, "description", "Beskrivning", a->description,
	    sizeof(a->description), false, true);
	/* R6: asked explicitly, never an unticked box by default. */
	if (form_enum(r, fe, "finsam_malgrupp", "Målgruppen", yes_no, 2, &idx,
		true) &&
	    idx >= 0)
		a->finsam_malgrupp = idx == 0;
	v = req_form(r, "need_id");
	if (v != NULL && v[0] != '\0' &&
	    (!parse_int64(v, &a->need_id) || a->need_id <= 0)) {
		a->need_id = 0;
		field_error_add(fe, "need_id", "Välj ett behov i listan.");
	}
	for (i = 0; i < fb->nparties; i++) {
		struct party_row *row = &a->parties[a->nparties];

		snprintf(f, sizeof(f), "deltar_%lld",
		    (long long)fb->parties[i].id);
		if (!form_bool(r, f))
			continue;
		memset(row, 0, sizeof(*row));
		row->party_id = fb->parties[i].id;
		row->kind = fb->parties[i].kind;
		snprintf(row->party_name, sizeof(row->party_name), "%s",
		    fb->parties[i].name);
		row->deltar = true;
		a->nparties++;
	}
}

void
ui_case_create(struct req *r)
{
	struct forbund *fb = xmalloc(sizeof(*fb));
	struct arende *a = xmalloc(sizeof(*a));
	struct field_errors fe;
	int64_t fid = ui_scope_forbund(r);
	char path[64];
	int err;

	field_errors_init(&fe);
	arende_init(a);
	if (fid == 0 || layout_failed(r, store_forbund_get(r->st, fid, fb))) {
		layout_error_berr(r, B_NOTFOUND);
		goto out;
	}
	/* A wrong role is 403 whatever it posted (not 422 for bad input). */
	if (!perm_case_create(&r->user, fid)) {
		layout_error(r, 403,
		    "Du får inte skapa ärenden i det här "
		    "förbundet.");
		goto out;
	}
	a->forbund_id = fid;
	create_parse(r, fb, a, &fe);
	if (fe.n > 0) {
		r->status = 422;
		new_form(r, fb, a, &fe, NULL);
		goto out;
	}
	err = svc_case_create(&r->app, a, &fe);
	if (err == B_OK) {
		snprintf(path, sizeof(path), "/arenden/%lld?ok=skapat",
		    (long long)a->id);
		req_redirect(r, path);
	} else if (err == B_INVALID) {
		r->status = 422;
		new_form(r, fb, a, &fe, NULL);
	} else if (err == B_FORBIDDEN) {
		layout_error(r, 403,
		    "Du får inte skapa ärenden i det här "
		    "förbundet.");
	} else if (err == B_UNAVAILABLE) {
		r->status = 503;
		req_retry_later(r);
		new_form(r, fb, a, &fe, UNAVAILABLE_FORM_MESSAGE);
	} else {
		layout_error_berr(r, err);
	}
out:
	free(a);
	free(fb);
}
