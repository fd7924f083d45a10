/*
 * ui_group.c - the beredningsgrupp's meetings (issue 10): the list and a
 * new meeting, one meeting (attendees, the agenda of cases and needs with
 * a note each, minutes), its printable minutes, and on the case page the
 * meetings where the case was discussed. Never for the styrelse (R1).
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "app/group.h"
#include "html.h"
#include "http/form.h"
#include "layout.h"
#include "ui.h"
#include "ui_handlers.h"
#include "util/xmalloc.h"

/* The förbund of a group page, or 0 after rendering a picker or error. */
static int64_t
group_scope(struct req *r)
{
	int64_t fid = ui_scope_forbund(r);
	int err;

	if (fid == 0 && r->user.forbund_id == 0) {
		layout_begin(r, "Beredningsgruppens möten");
		html_lit(&r->out, "<p>Välj förbund.</p>\n");
		ui_forbund_picker(r, "/beredningsgrupp");
		layout_end(r);
		return 0;
	}
	err = svc_group_access(&r->app, fid, false);
	if (err != B_OK) {
		layout_error_berr(r, err);
		return 0;
	}
	return fid;
}

static void
groups_render(struct req *r, int64_t fid, const char *date,
    const struct field_errors *fe)
{
	struct group_meeting_brief *v = NULL;
	size_t n = 0;

	layout_begin(r, "Beredningsgruppens möten");
	ui_ok_notice(r);
	html_lit(&r->out,
	    "<p>Beredningsgruppen möts för att kartlägga behov och bereda "
	    "idéer, både ESF+-projekt och Finsam-insatser. Styrelsen ser inte "
	    "de här mötena.</p>\n");
	if (!layout_failed(r, store_group_list(r->st, fid, 0, &v, &n)) &&
	    n > 0) {
		ui_table_begin(r, "Möten", NULL);
		html_lit(&r->out,
		    "<caption>Möten, det senaste först</caption>\n<thead><tr>"
		    "<th scope=\"col\">Datum</th><th scope=\"col\">Punkter"
		    "</th></tr></thead>\n<tbody>\n");
		for (size_t i = 0; i < n; i++)
			htmlf(&r->out,
			    "<tr><td><a href=\"/beredningsgrupp/moten/%lld\">%s"
			    "</a></td><td class=\"num\">%lld</td></tr>\n",
			    (long long)v[i].id, v[i].date,
			    (long long)v[i].nitems);
		html_lit(&r->out, "</tbody>\n");
		ui_table_end(r);
	} else if (n == 0) {
		html_lit(&r->out, "<p>Inga möten ännu.</p>\n");
	}
	free(v);
	if (svc_group_access(&r->app, fid, true) == B_OK) {
		if (fe != NULL)
			html_error_summary(r, fe);
		html_lit(&r->out,
		    "<form method=\"post\" action=\"/beredningsgrupp\">\n");
		html_csrf(r);
		htmlf(&r->out,
		    "<input type=\"hidden\" name=\"forbund_id\" value=\"%lld\">"
		    "\n<fieldset>\n<legend>Nytt möte</legend>\n",
		    (long long)fid);
		html_input(r, fe, "date", "Datum", "date", date, true);
		html_lit(&r->out,
		    "<button type=\"submit\">Skapa mötet</button>\n"
		    "</fieldset>\n</form>\n");
	}
	layout_end(r);
}

void
ui_groups(struct req *r)
{
	int64_t fid = group_scope(r);

	if (fid != 0)
		groups_render(r, fid, "", NULL);
}

void
ui_group_create(struct req *r)
{
	struct group_meeting *g = xcalloc(1, sizeof(*g));
	struct field_errors fe;
	char path[64];
	int err;

	field_errors_init(&fe);
	g->forbund_id = ui_scope_forbund(r);
	form_date(r, &fe, "date", "Datum", g->date, true);
	err = fe.n > 0 ? svc_group_access(&r->app, g->forbund_id, true)
		       : svc_group_create(&r->app, g, &fe);
	if (err == B_OK && fe.n == 0) {
		snprintf(path, sizeof(path), "/beredningsgrupp/moten/%lld",
		    (long long)g->id);
		req_redirect(r, path);
	} else if (err == B_OK || err == B_INVALID) {
		r->status = 422;
		groups_render(r, g->forbund_id, g->date, &fe);
	} else {
		layout_error_berr(r, err);
	}
	free(g);
}

static bool
attends(const struct group_meeting *g, int64_t party)
{
	for (size_t i = 0; i < g->nattend; i++)
		if (g->attend[i] == party)
			return true;
	return false;
}

/* The agenda: each item a link to its case or need, with its note. */
static void
items_list(struct req *r, const struct group_meeting *g, bool edit,
    const struct field_errors *fe)
{
	char field[32], label[48];

	html_lit(&r->out, "<h2>Dagordning</h2>\n");
	if (g->nitems == 0) {
		html_lit(&r->out, "<p>Inga punkter ännu.</p>\n");
		return;
	}
	html_lit(&r->out, "<ol class=\"agenda\">\n");
	for (size_t i = 0; i < g->nitems; i++) {
		const struct group_item *it = &g->items[i];

		html_lit(&r->out, "<li><p>");
		if (it->case_id != 0) {
			htmlf(&r->out, "%s: <a href=\"/arenden/%lld\">",
			    kind_label(it->kind), (long long)it->case_id);
		} else {
			html_lit(&r->out, "Behov: <a href=\"/behov\">");
		}
		html_text(&r->out, it->title);
		html_lit(&r->out, "</a></p>\n");
		if (edit) {
			snprintf(field, sizeof(field), "note_%zu", i);
			snprintf(label, sizeof(label), "Anteckning, punkt %zu",
			    i + 1);
			html_textarea(r, fe, field, label, it->note, false);
		} else if (it->note[0] != '\0') {
			html_lit(&r->out, "<p class=\"pre\">");
			html_text(&r->out, it->note);
			html_lit(&r->out, "</p>");
		}
		html_lit(&r->out, "</li>\n");
	}
	html_lit(&r->out, "</ol>\n");
}

/* A case or need of the förbund for the agenda ("c12" / "n4"). */
static void
item_form(struct req *r, const struct group_meeting *g,
    const struct field_errors *fe)
{
	struct case_filter f;
	struct case_brief *c = NULL;
	struct need *nd = NULL;
	size_t nc = 0, nn = 0, i;
	char code[32];

	memset(&f, 0, sizeof(f));
	f.kind = -1;
	f.state = -1;
	f.forbund_id = g->forbund_id;
	f.limit = 200;
	if (layout_failed(r, store_case_list(r->st, &f, &c, &nc)))
		nc = 0;
	if (layout_failed(r, store_need_list(r->st, g->forbund_id, &nd, &nn)))
		nn = 0;
	htmlf(&r->out,
	    "<form method=\"post\" action=\"/beredningsgrupp/moten/%lld/punkt\">"
	    "\n",
	    (long long)g->id);
	html_csrf(r);
	html_lit(&r->out,
	    "<fieldset>\n<legend>Ny punkt på dagordningen</legend>\n"
	    "<div class=\"field\">\n<label for=\"punkt\">Ärende eller behov"
	    "</label>\n");
	html_field_error(r, fe, "punkt");
	html_lit(&r->out,
	    "<select id=\"punkt\" name=\"punkt\" required>\n"
	    "<option value=\"\">– Välj –</option>\n"
	    "<optgroup label=\"Ärenden\">\n");
	for (i = 0; i < nc; i++) {
		if (state_is_final(c[i].state))
			continue; /* closed: nothing left to prepare */
		snprintf(code, sizeof(code), "c%lld", (long long)c[i].id);
		htmlf(&r->out, "<option value=\"%s\">%s: ", code,
		    kind_label(c[i].kind));
		html_text(&r->out, c[i].title);
		html_lit(&r->out, "</option>\n");
	}
	html_lit(&r->out, "</optgroup>\n<optgroup label=\"Behov\">\n");
	for (i = 0; i < nn; i++) {
		snprintf(code, sizeof(code), "n%lld", (long long)nd[i].id);
		htmlf(&r->out, "<option value=\"%s\">", code);
		html_text(&r->out, nd[i].malgrupp);
		html_lit(&r->out, "</option>\n");
	}
	html_lit(&r->out, "</optgroup>\n</select>\n</div>\n");
	html_textarea(r, fe, "note", "Anteckning", "", false);
	html_lit(&r->out,
	    "<button type=\"submit\">Lägg till punkten</button>\n"
	    "</fieldset>\n</form>\n");
	free(c);
	free(nd);
}

static void
group_render(struct req *r, const struct group_meeting *g,
    const struct field_errors *fe, bool print)
{
	struct forbund *fb = xmalloc(sizeof(*fb));
	bool edit =
	    !print && svc_group_access(&r->app, g->forbund_id, true) == B_OK;
	char title[96];

	snprintf(title, sizeof(title), "Beredningsgruppens möte %s", g->date);
	layout_begin(r, title);
	if (layout_failed(r, store_forbund_get(r->st, g->forbund_id, fb)))
		fb->name[0] = '\0';
	html_lit(&r->out, "<p>");
	html_text(&r->out, fb->name);
	if (!print)
		htmlf(&r->out,
		    " · <a href=\"/beredningsgrupp/moten/%lld/protokoll\">"
		    "Utskriftsvänligt protokoll</a> · <a "
		    "href=\"/beredningsgrupp\">Alla möten</a>",
		    (long long)g->id);
	html_lit(&r->out, "</p>\n");
	ui_ok_notice(r);
	if (fe != NULL)
		html_error_summary(r, fe);
	if (edit) {
		htmlf(&r->out,
		    "<form method=\"post\" action=\"/beredningsgrupp/moten/"
		    "%lld\">\n",
		    (long long)g->id);
		html_csrf(r);
		html_input(r, fe, "date", "Datum", "date", g->date, true);
	}
	html_lit(&r->out, "<h2>Närvarande parter</h2>\n");
	if (edit)
		html_lit(&r->out,
		    "<fieldset>\n<legend>Parter på mötet</legend>"
		    "\n");
	else
		html_lit(&r->out, "<ul>\n");
	for (size_t i = 0; i < fb->nparties && i < MAX_PARTIES; i++) {
		const struct party *p = &fb->parties[i];
		char field[32];

		if (edit) {
			snprintf(field, sizeof(field), "attend_%lld",
			    (long long)p->id);
			html_checkbox(r, field, p->name, attends(g, p->id));
		} else if (attends(g, p->id)) {
			html_lit(&r->out, "<li>");
			html_text(&r->out, p->name);
			html_lit(&r->out, "</li>\n");
		}
	}
	if (edit)
		html_lit(&r->out, "</fieldset>\n");
	else
		html_lit(&r->out, "</ul>\n");
	items_list(r, g, edit, fe);
	html_lit(&r->out, "<h2>Protokoll</h2>\n");
	if (edit) {
		html_lit(&r->out,
		    "<p class=\"hint\">Skriv inga personuppgifter om "
		    "deltagare (R10).</p>\n");
		html_textarea(r, fe, "minutes", "Protokoll", g->minutes, false);
		html_lit(&r->out,
		    "<button type=\"submit\">Spara mötet"
		    "</button>\n</form>\n");
		item_form(r, g, fe);
		ui_meeting_documents(r, 0, g->id, true);
	} else {
		html_lit(&r->out, "<p class=\"pre\">");
		html_text(&r->out,
		    g->minutes[0] != '\0' ? g->minutes : "(inget protokoll)");
		html_lit(&r->out, "</p>\n");
		if (!print)
			ui_meeting_documents(r, 0, g->id, false);
	}
	layout_end(r);
	free(fb);
}

static void
group_show(struct req *r, bool print)
{
	struct group_meeting *g = xmalloc(sizeof(*g));
	int err = svc_group_get(&r->app, r->id[0], false, g);

	if (err != B_OK)
		layout_error_berr(r, err);
	else
		group_render(r, g, NULL, print);
	free(g);
}

void
ui_group_show(struct req *r)
{
	group_show(r, false);
}

void
ui_group_print(struct req *r)
{
	group_show(r, true);
}

/* "c12" or "n4" into a case or a need id; false for anything else. */
static bool
item_code(const char *v, struct group_item *it)
{
	int64_t id;

	if (v == NULL || (v[0] != 'c' && v[0] != 'n') ||
	    !parse_int64(v + 1, &id) || id <= 0)
		return false;
	if (v[0] == 'c')
		it->case_id = id;
	else
		it->need_id = id;
	return true;
}

void
ui_group_save(struct req *r)
{
	struct group_meeting *g = xmalloc(sizeof(*g));
	struct field_errors fe;
	char field[32], path[64];
	int err;

	field_errors_init(&fe);
	err = svc_group_get(&r->app, r->id[0], true, g);
	if (err != B_OK) {
		layout_error_berr(r, err);
		goto out;
	}
	form_date(r, &fe, "date", "Datum", g->date, true);
	form_text(r, &fe, "minutes", "Protokoll", g->minutes,
	    sizeof(g->minutes), false, true);
	{
		struct forbund *fb = xmalloc(sizeof(*fb));

		g->nattend = 0;
		if (store_forbund_get(r->st, g->forbund_id, fb) == B_OK)
			for (size_t i = 0; i < fb->nparties; i++) {
				snprintf(field, sizeof(field), "attend_%lld",
				    (long long)fb->parties[i].id);
				if (form_bool(r, field) &&
				    g->nattend < MAX_PARTIES)
					g->attend[g->nattend++] =
					    fb->parties[i].id;
			}
		free(fb);
	}
	for (size_t i = 0; i < g->nitems; i++) {
		snprintf(field, sizeof(field), "note_%zu", i);
		form_text(r, &fe, field, "Anteckning", g->items[i].note,
		    sizeof(g->items[i].note), false, true);
	}
	err = fe.n > 0 ? B_INVALID : svc_group_save(&r->app, g, &fe);
	if (err == B_OK) {
		snprintf(path, sizeof(path),
		    "/beredningsgrupp/moten/%lld?ok=sparat", (long long)g->id);
		req_redirect(r, path);
	} else if (err == B_INVALID) {
		r->status = 422;
		group_render(r, g, &fe, false);
	} else {
		layout_error_berr(r, err);
	}
out:
	free(g);
}

void
ui_group_item(struct req *r)
{
	struct group_meeting *g = xmalloc(sizeof(*g));
	struct group_item *it = xcalloc(1, sizeof(*it));
	struct field_errors fe;
	char path[64];
	int err;

	field_errors_init(&fe);
	err = svc_group_get(&r->app, r->id[0], true, g);
	if (err != B_OK) {
		layout_error_berr(r, err);
		goto out;
	}
	if (!item_code(req_form(r, "punkt"), it))
		field_error_add(&fe, "punkt",
		    "Välj ett ärende eller ett behov.");
	form_text(r, &fe, "note", "Anteckning", it->note, sizeof(it->note),
	    false, true);
	err =
	    fe.n > 0 ? B_INVALID : svc_group_item_add(&r->app, g->id, it, &fe);
	if (err == B_OK) {
		snprintf(path, sizeof(path),
		    "/beredningsgrupp/moten/%lld?ok=punkt", (long long)g->id);
		req_redirect(r, path);
	} else if (err == B_INVALID) {
		if (fe.n > 0 && field_error_get(&fe, "punkt") == NULL)
			field_error_add(&fe, "punkt", "%s", fe.e[0].message);
		r->status = 422;
		group_render(r, g, &fe, false);
	} else {
		layout_error_berr(r, err);
	}
out:
	free(it);
	free(g);
}

void
ui_case_groups(struct req *r, const struct arende *a)
{
	struct group_meeting_brief *v = NULL;
	size_t n = 0;

	if (svc_group_access(&r->app, a->forbund_id, false) != B_OK)
		return; /* R1: never for the styrelse */
	if (layout_failed(r, store_group_list(r->st, 0, a->id, &v, &n)) ||
	    n == 0) {
		free(v);
		return;
	}
	html_lit(&r->out,
	    "<section aria-labelledby=\"beredningsgrupp\">\n<h2 "
	    "id=\"beredningsgrupp\">Beredningsgruppens möten om ärendet</h2>"
	    "\n<ul>\n");
	for (size_t i = 0; i < n; i++)
		htmlf(&r->out,
		    "<li><a href=\"/beredningsgrupp/moten/%lld\">Möte %s</a>"
		    "</li>\n",
		    (long long)v[i].id, v[i].date);
	html_lit(&r->out, "</ul>\n</section>\n");
	free(v);
}
