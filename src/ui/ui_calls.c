/*
 * ui_calls.c - Svenska ESF-rådet's calls (utlysningar): the list every
 * user follows to catch needs between calls (R8), and the form with which
 * kansli, FK's ESF office and admin add a call (perm_calls_edit).
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "app/calls_import.h"
#include "app/org.h"
#include "domain/perm.h"
#include "app/export.h"
#include "html.h"
#include "layout.h"
#include "ui.h"
#include "ui_handlers.h"
#include "util/xmalloc.h"

static const char *
call_status(const struct utlysning *c, const char *today)
{
	if (c->opens[0] != '\0' && strcmp(today, c->opens) < 0)
		return "Kommande";
	if (c->closes[0] != '\0' && strcmp(today, c->closes) > 0)
		return "Stängd";
	return "Öppen";
}

static void
calls_table(struct req *r)
{
	struct utlysning *c = NULL;
	char today[DATE_LEN];
	size_t n = 0, i;

	date_today(today);
	if (layout_failed(r, store_call_list(r->st, &c, &n)))
		n = 0;
	if (n == 0) {
		html_lit(&r->out, "<p>Inga utlysningar är registrerade.</p>\n");
		free(c);
		return;
	}
	ui_table_begin(r, "Utlysningar", "calls");
	html_lit(&r->out,
	    "<caption>Utlysningar, "
	    "senast stängande först</caption>\n<thead><tr>"
	    "<th scope=\"col\">Titel</th><th scope=\"col\">Referens</th>"
	    "<th scope=\"col\">Öppnar</th><th scope=\"col\">Stänger</th>"
	    "<th scope=\"col\">Programområde</th>"
	    "<th scope=\"col\">ESF+-andel</th><th scope=\"col\">Status</th>");
	if (perm_calls_edit(&r->user))
		html_lit(&r->out,
		    "<th scope=\"col\"><span class=\"visually-hidden\">"
		    "Åtgärd</span></th>");
	html_lit(&r->out, "</tr></thead>\n<tbody>\n");
	for (i = 0; i < n; i++) {
		html_lit(&r->out, "<tr><th scope=\"row\">");
		html_text(&r->out, c[i].title);
		htmlf(&r->out, "</th><td>%s</td><td>", c[i].reference);
		ui_date(r, c[i].opens);
		html_lit(&r->out, "</td><td>");
		ui_date(r, c[i].closes);
		htmlf(&r->out, "</td><td>%s</td><td>", c[i].programomrade);
		if (c[i].esf_share_pct > 0)
			htmlf(&r->out, "%d %%", c[i].esf_share_pct);
		else
			html_lit(&r->out, "–");
		htmlf(&r->out, "</td><td>%s</td>", call_status(&c[i], today));
		if (perm_calls_edit(&r->user))
			htmlf(&r->out,
			    "<td><a href=\"/utlysningar/%lld\">Ändra<span "
			    "class=\"visually-hidden\"> %s</span></a></td>",
			    (long long)c[i].id, c[i].title);
		html_lit(&r->out, "</tr>\n");
	}
	html_lit(&r->out, "</tbody>\n");
	ui_table_end(r);
	free(c);
}

static void
call_form(struct req *r, const struct utlysning *v, const char *pct,
    const struct field_errors *fe)
{
	if (v->id == 0)
		html_lit(&r->out, "<h2>Lägg till en utlysning</h2>\n");
	if (fe != NULL && fe->n > 0)
		html_error_summary(r, fe);
	if (v->id == 0)
		html_lit(&r->out,
		    "<form method=\"post\" action=\"/utlysningar\" "
		    "novalidate>\n");
	else
		htmlf(&r->out,
		    "<form method=\"post\" action=\"/utlysningar/%lld\" "
		    "novalidate>\n",
		    (long long)v->id);
	html_csrf(r);
	html_input(r, fe, "title", "Titel", "text", v->title, true);
	html_input(r, fe, "reference", "ESF-rådets referens (diarienummer)",
	    "text", v->reference, true);
	html_input(r, fe, "opens", "Öppnar (datum)", "date", v->opens, true);
	html_input(r, fe, "closes", "Stänger (datum)", "date", v->closes, true);
	html_input(r, fe, "programomrade", "Programområde / inriktning", "text",
	    v->programomrade, false);
	html_input(r, fe, "esf_share_pct",
	    "ESF+-andel av kostnaderna i "
	    "procent (resten är medfinansiering; tomt om den inte är känd)",
	    "number", pct, false);
	if (v->id == 0)
		html_lit(&r->out,
		    "<button type=\"submit\">Lägg till utlysningen"
		    "</button>\n</form>\n");
	else
		html_lit(&r->out,
		    "<div class=\"actions\"><button type=\"submit\">Spara"
		    "</button> <a href=\"/utlysningar\">Tillbaka till "
		    "utlysningarna</a></div>\n</form>\n");
}

/* The upload of ESF-rådet's utlysningsplan (issue 8). */
static void
import_form(struct req *r, const struct import_result *res)
{
	html_lit(&r->out,
	    "<section aria-labelledby=\"import\">\n<h2 id=\"import\" "
	    "tabindex=\"-1\">Läs in ESF-rådets utlysningsplan</h2>\n");
	if (res != NULL && res->n > 0) {
		html_lit(&r->out,
		    "<div class=\"error-summary\" role=\"alert\">\n<h3>"
		    "Inget lästes in: filen har fel</h3>\n<ul>\n");
		for (size_t i = 0; i < res->n; i++) {
			htmlf(&r->out, "<li>Rad %d, %s: %s</li>\n",
			    res->e[i].line, res->e[i].field, res->e[i].message);
		}
		html_lit(&r->out, "</ul>\n</div>\n");
	}
	html_lit(&r->out,
	    "<p class=\"hint\">En CSV-fil med rubrikraden "
	    "<code>title;reference;opens;closes;focus;esf_share</code> "
	    "(semikolon eller komma). En utlysning vars referens redan finns "
	    "uppdateras; har någon rad fel läses ingenting in.</p>\n"
	    "<form method=\"post\" action=\"/utlysningar/import#import\" "
	    "enctype=\"multipart/form-data\">\n");
	html_csrf(r);
	html_lit(&r->out,
	    "<div class=\"field\"><label for=\"plan\">Utlysningsplan "
	    "(CSV)</label>\n<input type=\"file\" id=\"plan\" name=\"plan\" "
	    "accept=\".csv,text/csv\" required></div>\n"
	    "<div class=\"actions\"><button type=\"submit\">Läs in"
	    "</button></div>\n</form>\n</section>\n");
}

static void calls_page_import(struct req *r, const struct utlysning *v,
    const char *pct, const struct field_errors *fe,
    const struct import_result *res);

static void
calls_page(struct req *r, const struct utlysning *v, const char *pct,
    const struct field_errors *fe)
{
	calls_page_import(r, v, pct, fe, NULL);
}

static void
calls_page_import(struct req *r, const struct utlysning *v, const char *pct,
    const struct field_errors *fe, const struct import_result *res)
{
	layout_begin(r, "Utlysningar");
	ui_ok_notice(r);
	html_lit(&r->out,
	    "<p>Svenska ESF-rådet publicerar en utlysningsplan. "
	    "En ansökan skickas in mot en utlysning och inte efter att den "
	    "stängt (R8); följ planen för att fånga behov mellan "
	    "utlysningarna.</p>\n");
	calls_table(r);
	ui_export_links(r, "/utlysningar?");
	if (perm_calls_edit(&r->user)) {
		call_form(r, v, pct, fe);
		import_form(r, res);
	}
	layout_end(r);
}

void
ui_calls_import(struct req *r)
{
	struct import_result *res = xmalloc(sizeof(*res));
	const char *plan = req_form(r, "plan");
	struct utlysning v;
	char path[96];
	int err;

	memset(&v, 0, sizeof(v));
	err = calls_import(&r->app, plan != NULL ? plan : "",
	    plan != NULL ? strlen(plan) : 0, res);
	if (err == B_OK) {
		snprintf(path, sizeof(path),
		    "/utlysningar?ok=import&nya=%d&andrade=%d", res->created,
		    res->updated);
		req_redirect(r, path);
	} else if (err == B_INVALID) {
		r->status = 422;
		calls_page_import(r, &v, "", NULL, res);
	} else if (err == B_FORBIDDEN) {
		layout_error(r, 403, "Du får inte läsa in utlysningar.");
	} else {
		layout_error_berr(r, err);
	}
	free(res);
}

void
ui_calls(struct req *r)
{
	struct utlysning v;

	/* R1: ESF-rådet's calls are no matter for the board: not found. */
	if (!perm_esf_visible(&r->user)) {
		layout_error_berr(r, B_NOTFOUND);
		return;
	}
	if (export_format_ok(req_query(r, "format"))) {
		struct utlysning *c = NULL;
		size_t n = 0;
		int err = store_call_list(r->st, &c, &n);

		if (err != B_OK)
			layout_error_berr(r, err);
		else
			ui_export(r, "utlysningar", export_calls(c, n));
		free(c);
		return;
	}
	memset(&v, 0, sizeof(v));
	calls_page(r, &v, "", NULL);
}

/* The call form's fields into v. */
static void
call_parse(struct req *r, struct utlysning *v, struct field_errors *fe)
{
	int64_t share = 0;

	form_text(r, fe, "title", "Titel", v->title, sizeof(v->title), true,
	    false);
	form_text(r, fe, "reference", "Referens", v->reference,
	    sizeof(v->reference), true, false);
	form_date(r, fe, "opens", "Öppnar", v->opens, true);
	form_date(r, fe, "closes", "Stänger", v->closes, true);
	form_text(r, fe, "programomrade", "Programområde", v->programomrade,
	    sizeof(v->programomrade), false, false);
	if (form_int64(r, fe, "esf_share_pct", "ESF+-andel", &share, 0, 100,
		false))
		v->esf_share_pct = (int)share;
}

/* The call of the path for its editor; else answered (404 R1, 403). */
static bool
call_for_edit(struct req *r, struct utlysning *v)
{
	int err;

	/* R1: ESF-rådet's calls are no matter for the board: not found. */
	if (!perm_esf_visible(&r->user)) {
		layout_error_berr(r, B_NOTFOUND);
		return false;
	}
	if ((err = store_call_get(r->st, r->id[0], v)) != B_OK) {
		layout_error_berr(r, err);
		return false;
	}
	if (!perm_calls_edit(&r->user)) {
		layout_error(r, 403, "Du får inte ändra utlysningar.");
		return false;
	}
	return true;
}

static void
call_edit_page(struct req *r, const struct utlysning *v, const char *pct,
    const struct field_errors *fe)
{
	layout_begin(r, v->title[0] != '\0' ? v->title : "Utlysning");
	html_lit(&r->out,
	    "<p>Ändra utlysningen. Ett ärende som redan skickats in mot den "
	    "behåller sitt datum (R8 prövas när ansökan skickas in).</p>\n");
	call_form(r, v, pct, fe);
	layout_end(r);
}

void
ui_call_edit(struct req *r)
{
	struct utlysning v;
	char pct[16];

	if (!call_for_edit(r, &v))
		return;
	snprintf(pct, sizeof(pct), "%d", v.esf_share_pct);
	call_edit_page(r, &v, pct, NULL);
}

void
ui_call_save(struct req *r)
{
	struct utlysning v, old;
	struct field_errors fe;
	const char *pct = req_form(r, "esf_share_pct");
	int err;

	if (!call_for_edit(r, &old))
		return;
	memset(&v, 0, sizeof(v));
	v.id = old.id;
	field_errors_init(&fe);
	call_parse(r, &v, &fe);
	err = fe.n > 0 ? B_INVALID : org_call_update(&r->app, &v, &fe);
	if (err == B_INVALID || err == B_CONFLICT) {
		r->status = 422;
		call_edit_page(r, &v, pct != NULL ? pct : "", &fe);
	} else if (err != B_OK) {
		layout_error_berr(r, err);
	} else {
		req_redirect(r, "/utlysningar?ok=utlysning-andrad");
	}
}

void
ui_call_create(struct req *r)
{
	struct utlysning v;
	struct field_errors fe;
	const char *pct = req_form(r, "esf_share_pct");
	int err;

	memset(&v, 0, sizeof(v));
	field_errors_init(&fe);
	call_parse(r, &v, &fe);
	err = org_call_create(&r->app, &v, &fe);
	if (err == B_FORBIDDEN) {
		layout_error(r, 403, "Du får inte lägga till utlysningar.");
		return;
	}
	if (err == B_INVALID || err == B_CONFLICT) {
		r->status = 422;
		calls_page(r, &v, pct != NULL ? pct : "", &fe);
		return;
	}
	if (err != B_OK) {
		layout_error_berr(r, err);
		return;
	}
	req_redirect(r, "/utlysningar?ok=utlysning");
}
