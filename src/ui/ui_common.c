/*
 * ui_common.c - small widgets shared by the pages of the ESF+ routine:
 * state badges, case links, PRG success notices, the förbund scope of a
 * page. Writes only through html.h; decides no rule and no permission
 * (perm_forbund_visible is asked, not re-implemented).
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "domain/perm.h"
#include "html.h"
#include "layout.h"
#include "app/export.h"
#include "ui.h"
#include "util/text.h"
#include "util/xmalloc.h"

void
ui_state_badge(struct req *r, enum state s)
{
	htmlf(&r->out, "<span class=\"badge badge-%s\">", state_code(s));
	html_text(&r->out, state_label(s));
	html_lit(&r->out, "</span>");
}

void
ui_case_link(struct req *r, int64_t id, const char *title)
{
	htmlf(&r->out, "<a href=\"/arenden/%lld\">", (long long)id);
	if (title == NULL || title[0] == '\0')
		html_lit(&r->out, "(utan titel)");
	else
		html_text(&r->out, title);
	html_lit(&r->out, "</a>");
}

/* Success messages of the PRG redirects, by their ?ok= code. */
static const struct {
	const char *code;
	const char *text;
} ok_notices[] = {
	{ "skapat", "Ärendet har skapats." },
	{ "sparat", "Uppgifterna har sparats." },
	{ "part", "Partens uppgifter har sparats." },
	{ "flyttat", "Ärendet har flyttats." },
	{ "kommentar", "Kommentaren har lagts till i historiken." },
	{ "dokument", "Dokumentet har laddats upp." },
	{ "punkt", "Punkten har lagts till på dagordningen." },
	{ "behov", "Behovet har lagts till i behovskartläggningen." },
	{ "utlysning", "Utlysningen har lagts till." },
	{ "forbund", "Förbundet har skapats." },
	{ "anvandare", "Användaren har skapats." },
	{ "import", "Utlysningsplanen har lästs in." },
	{ "kalender",
	    "Kalenderlänken är återkallad och fungerar inte "
	    "längre." },
	{ "utlysning-andrad", "Utlysningen har sparats." },
	{ "andrad", "Användaren har sparats." },
	{ "losenord",
	    "Lösenordet har bytts. Dina andra inloggningar har "
	    "avslutats." },
	{ "aviseringar", "Ditt val av e-post har sparats." },
	{ "engangslosenord",
	    "Engångslösenordet är satt. Användaren väljer "
	    "ett eget vid nästa inloggning." },
};

void
ui_ok_notice(struct req *r)
{
	const char *ok = req_query(r, "ok");
	size_t i;

	if (ok == NULL)
		return;
	for (i = 0; i < sizeof(ok_notices) / sizeof(ok_notices[0]); i++) {
		if (strcmp(ok, ok_notices[i].code) == 0) {
			html_lit(&r->out,
			    "<div class=\"notice notice-ok\" "
			    "role=\"status\"><p>");
			html_text(&r->out, ok_notices[i].text);
			html_lit(&r->out, "</p></div>\n");
			return;
		}
	}
}

void
ui_table_begin(struct req *r, const char *label, const char *cls)
{
	htmlf(&r->out,
	    "<div class=\"table-wrap\" role=\"region\" "
	    "aria-label=\"%s\" tabindex=\"0\">\n",
	    label);
	if (cls != NULL)
		htmlf(&r->out, "<table class=\"%s\">\n", cls);
	else
		html_lit(&r->out, "<table>\n");
}

void
ui_table_end(struct req *r)
{
	html_lit(&r->out, "</table>\n</div>\n");
}

void
ui_choices_init(struct ui_choices *c, size_t max)
{
	c->n = 0;
	c->codes = xcalloc(max + 1, sizeof(*c->codes));
	c->labels = xcalloc(max + 1, sizeof(*c->labels));
	c->ids = xcalloc(max + 1, sizeof(*c->ids));
	c->lab = xcalloc(max + 1, sizeof(*c->lab));
}

void
ui_choices_add(struct ui_choices *c, int64_t id, const char *label)
{
	snprintf(c->ids[c->n], sizeof(c->ids[c->n]), "%lld", (long long)id);
	ui_truncate(label, 250, c->lab[c->n], sizeof(c->lab[c->n]));
	c->codes[c->n] = c->ids[c->n];
	c->labels[c->n] = c->lab[c->n];
	c->n++;
}

void
ui_choices_select(struct req *r, const struct ui_choices *c,
    const struct field_errors *fe, const char *field, const char *label,
    int64_t selected, bool allow_empty)
{
	char sel[24] = "";

	if (selected != 0)
		snprintf(sel, sizeof(sel), "%lld", (long long)selected);
	html_select(r, fe, field, label, c->codes, c->labels, c->n, sel,
	    allow_empty);
}

void
ui_choices_free(struct ui_choices *c)
{
	free(c->lab);
	free(c->ids);
	free(c->labels);
	free(c->codes);
}

const char *
ui_yes_no(bool v)
{
	return v ? "Ja" : "Nej";
}

void
ui_date(struct req *r, const char *d)
{
	if (d == NULL || d[0] == '\0')
		html_lit(&r->out, "–");
	else
		html_text(&r->out, d);
}

void
ui_truncate(const char *s, size_t max, char *out, size_t outsz)
{
	size_t len = strlen(s);
	size_t cut;

	if (outsz == 0)
		return;
	if (len <= max && len < outsz) {
		memcpy(out, s, len + 1);
		return;
	}
	cut = max;
	if (cut + 4 > outsz)
		cut = outsz > 4 ? outsz - 4 : 0;
	cut = text_prefix(s, cut);
	memcpy(out, s, cut);
	if (outsz >= cut + 4) {
		memcpy(out + cut, "…", 3);
		out[cut + 3] = '\0';
	} else {
		out[cut] = '\0';
	}
}

int64_t
ui_scope_forbund(struct req *r)
{
	const char *v;
	int64_t fid;

	if (r->user.forbund_id != 0)
		return r->user.forbund_id;
	v = req_query(r, "forbund");
	if (v == NULL || v[0] == '\0')
		v = req_form(r, "forbund_id");
	if (v == NULL || !parse_int64(v, &fid) || fid <= 0)
		return 0;
	if (!perm_forbund_visible(&r->user, fid))
		return 0;
	return fid;
}

void
ui_forbund_picker(struct req *r, const char *action)
{
	struct forbund_brief *fb = NULL;
	struct ui_choices c;
	size_t n = 0, i;

	if (layout_failed(r, store_forbund_list(r->st, &fb, &n)))
		n = 0;
	ui_choices_init(&c, n);
	for (i = 0; i < n; i++) {
		if (perm_forbund_visible(&r->user, fb[i].id))
			ui_choices_add(&c, fb[i].id, fb[i].name);
	}
	htmlf(&r->out,
	    "<form method=\"get\" action=\"%s\" "
	    "class=\"filter\">\n",
	    action);
	if (c.n == 0) {
		html_lit(&r->out, "<p>Det finns inga förbund att välja.</p>");
	} else {
		ui_choices_select(r, &c, NULL, "forbund", "Förbund",
		    ui_scope_forbund(r), false);
		html_lit(&r->out, "<button type=\"submit\">Visa</button>\n");
	}
	html_lit(&r->out, "</form>\n");
	ui_choices_free(&c);
	free(fb);
}

void
ui_export(struct req *r, const char *name, struct export *x)
{
	const char *ctype = NULL;
	char disp[128];
	int err;

	buf_reset(&r->out);
	err = export_render(x, req_query(r, "format"), name, &ctype, disp,
	    &r->out);
	export_free(x);
	if (err != B_OK) {
		layout_error_berr(r, err);
		return;
	}
	r->ctype = ctype;
	req_set_header(r, "Content-Disposition", disp);
}

void
ui_export_links(struct req *r, const char *base)
{
	htmlf(&r->out,
	    "<p class=\"downloads\">Ladda ned hela urvalet: <a href=\"%s"
	    "format=xlsx\" download>Excel (xlsx)</a> · <a href=\"%s"
	    "format=csv\" download>CSV</a></p>\n",
	    base, base);
}

void
ui_call_notice(struct req *r, const struct arende *a)
{
	struct utlysning c;
	int64_t days;

	if (a->call_id == 0 || store_call_get(r->st, a->call_id, &c) != B_OK)
		return;
	switch (call_warning(a, &c, r->app.today, &days)) {
	case CALL_WARN_SOON:
		htmlf(&r->out,
		    "<div class=\"notice\" role=\"status\"><p>Utlysningen "
		    "”%s” stänger %s, om %lld %s. Ansökan skickas in senast "
		    "den dagen (R8).</p></div>\n",
		    c.title, c.closes, (long long)days,
		    days == 1 ? "dag" : "dagar");
		break;
	case CALL_WARN_CLOSED:
		htmlf(&r->out,
		    "<div class=\"notice notice-error\" role=\"status\"><p>"
		    "Utlysningen ”%s” stängde %s. En ansökan kan inte skickas "
		    "in mot den (R8): koppla ärendet till en annan utlysning "
		    "eller avbryt det.</p></div>\n",
		    c.title, c.closes);
		break;
	default:
		break;
	}
}

void
ui_time(struct req *r, const char *ts)
{
	char shown[TS_SWEDISH_LEN];

	if (!ts_swedish(ts, shown)) {
		text_copy(shown, sizeof(shown), ts);
	}
	htmlf(&r->out, "<time datetime=\"%s\">%s</time>", ts, shown);
}
