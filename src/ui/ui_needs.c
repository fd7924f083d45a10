/*
 * ui_needs.c - the behovskartläggning of a förbund (GET/POST /behov):
 * målgrupp, behov and existing utbud, the step both processes start from.
 * Each need links to a new case prefilled with it ("Starta ärende").
 * National roles pick the förbund with ?forbund=ID.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "app/org.h"
#include "domain/perm.h"
#include "html.h"
#include "layout.h"
#include "ui.h"
#include "ui_handlers.h"
#include "util/xmalloc.h"

/* The cases started from need id (of cb, those the user may see). */
static void
need_cases(struct req *r, int64_t id, const struct case_brief *cb, size_t n)
{
	size_t shown = 0;

	for (size_t i = 0; i < n; i++) {
		if (cb[i].need_id != id)
			continue;
		if (shown++ == 0)
			html_lit(&r->out, "<ul class=\"plain\">");
		htmlf(&r->out, "<li><a href=\"/arenden/%lld\">%s</a> (%s)</li>",
		    (long long)cb[i].id, cb[i].title, state_label(cb[i].state));
	}
	if (shown > 0)
		html_lit(&r->out, "</ul>");
	else
		html_lit(&r->out, "Inga ännu");
}

static void
needs_table(struct req *r, const struct forbund *fb, bool can_start)
{
	struct need *nd = NULL;
	size_t n = 0, i;

	struct case_brief *cb = NULL;
	struct case_filter cf = { fb->id, perm_case_kind_only(&r->user), -1, 0,
		0, 0, false };
	size_t ncb = 0;

	if (layout_failed(r, store_need_list(r->st, fb->id, &nd, &n)))
		n = 0;
	if (n > 0 && layout_failed(r, store_case_list(r->st, &cf, &cb, &ncb)))
		ncb = 0;
	if (n == 0) {
		html_lit(&r->out, "<p>Inga behov är registrerade ännu.</p>\n");
		free(nd);
		return;
	}
	ui_table_begin(r, "Behovskartläggning", "needs");
	html_lit(&r->out, "<caption>");
	htmlf(&r->out, "Behovskartläggning för %s", fb->name);
	html_lit(&r->out,
	    "</caption>\n<thead><tr>"
	    "<th scope=\"col\">Målgrupp</th><th scope=\"col\">Behov</th>"
	    "<th scope=\"col\">Befintligt utbud</th>"
	    "<th scope=\"col\">Registrerat</th>"
	    "<th scope=\"col\">Ärenden från behovet</th>");
	if (can_start)
		html_lit(&r->out, "<th scope=\"col\">Åtgärd</th>");
	html_lit(&r->out, "</tr></thead>\n<tbody>\n");
	for (i = 0; i < n; i++) {
		char m[100];

		html_lit(&r->out, "<tr><th scope=\"row\" class=\"pre\">");
		html_text(&r->out, nd[i].malgrupp);
		html_lit(&r->out, "</th><td class=\"pre\">");
		html_text(&r->out, nd[i].behov);
		html_lit(&r->out, "</td><td class=\"pre\">");
		html_text(&r->out, nd[i].utbud);
		html_lit(&r->out, "</td><td>");
		ui_date(r, nd[i].created_on);
		html_lit(&r->out, "</td><td>");
		need_cases(r, nd[i].id, cb, ncb);
		html_lit(&r->out, "</td>");
		if (can_start) {
			ui_truncate(nd[i].malgrupp, 60, m, sizeof(m));
			htmlf(&r->out,
			    "<td><a href=\"/arenden/ny?need=%lld&amp;"
			    "forbund=%lld\">Starta ärende<span "
			    "class=\"visually-hidden\"> från behovet för %s"
			    "</span></a></td>",
			    (long long)nd[i].id, (long long)fb->id, m);
		}
		html_lit(&r->out, "</tr>\n");
	}
	html_lit(&r->out, "</tbody>\n");
	ui_table_end(r);
	free(cb);
	free(nd);
}

static void
need_form(struct req *r, const struct forbund *fb, const struct need *v,
    const struct field_errors *fe)
{
	html_lit(&r->out, "<h2 id=\"nytt-behov\">Lägg till ett behov</h2>\n");
	if (fe != NULL && fe->n > 0)
		html_error_summary(r, fe);
	html_lit(&r->out,
	    "<form method=\"post\" action=\"/behov\" "
	    "novalidate>\n");
	html_csrf(r);
	htmlf(&r->out,
	    "<input type=\"hidden\" name=\"forbund_id\" "
	    "value=\"%lld\">\n",
	    (long long)fb->id);
	html_textarea(r, fe, "malgrupp", "Målgrupp", v->malgrupp, true);
	html_textarea(r, fe, "behov", "Behov", v->behov, true);
	html_textarea(r, fe, "utbud",
	    "Befintligt utbud (vad som redan "
	    "finns)",
	    v->utbud, false);
	html_lit(&r->out,
	    "<button type=\"submit\">Lägg till behovet</button>\n"
	    "</form>\n");
}

static void
needs_page(struct req *r, const struct forbund *fb, const struct need *v,
    const struct field_errors *fe)
{
	bool can = perm_case_create(&r->user, fb->id);

	layout_begin(r, "Behovskartläggning");
	htmlf(&r->out, "<p>Förbund: %s</p>\n", fb->name);
	if (r->user.forbund_id == 0)
		ui_forbund_picker(r, "/behov");
	ui_ok_notice(r);
	html_lit(&r->out,
	    "<p>Beredningsgruppen kartlägger för varje målgrupp "
	    "vilka behov som finns och vilket utbud som redan finns. Ur "
	    "kartläggningen identifieras behov av Finsam-insatser och av "
	    "ESF+-projekt.</p>\n");
	needs_table(r, fb, can);
	if (can)
		need_form(r, fb, v, fe);
	layout_end(r);
}

/* Loads the page's förbund into fb, or answers and returns false. */
static bool
needs_forbund(struct req *r, struct forbund *fb)
{
	int64_t fid = ui_scope_forbund(r);

	if (fid == 0 && r->user.forbund_id == 0 &&
	    strcmp(r->method, "GET") == 0) {
		layout_begin(r, "Behovskartläggning");
		html_lit(&r->out, "<p>Välj förbund.</p>\n");
		ui_forbund_picker(r, "/behov");
		layout_end(r);
		return false;
	}
	if (fid == 0 || layout_failed(r, store_forbund_get(r->st, fid, fb))) {
		layout_error_berr(r, B_NOTFOUND);
		return false;
	}
	return true;
}

void
ui_needs(struct req *r)
{
	struct forbund *fb = xmalloc(sizeof(*fb));
	struct need *v = xcalloc(1, sizeof(*v));

	if (needs_forbund(r, fb))
		needs_page(r, fb, v, NULL);
	free(v);
	free(fb);
}

void
ui_need_create(struct req *r)
{
	struct forbund *fb = xmalloc(sizeof(*fb));
	struct need *v = xcalloc(1, sizeof(*v));
	struct field_errors fe;
	char path[80];
	int err;

	field_errors_init(&fe);
	if (!needs_forbund(r, fb))
		goto out;
	form_text(r, &fe, "malgrupp", "Målgrupp", v->malgrupp,
	    sizeof(v->malgrupp), true, true);
	form_text(r, &fe, "behov", "Behov", v->behov, sizeof(v->behov), true,
	    true);
	form_text(r, &fe, "utbud", "Befintligt utbud", v->utbud,
	    sizeof(v->utbud), false, true);
	err = org_need_create(&r->app, fb->id, v, &fe);
	if (err == B_FORBIDDEN) {
		layout_error(r, 403,
		    "Du får inte ändra behovskartläggningen i "
		    "det här förbundet.");
		goto out;
	}
	if (err == B_INVALID) {
		r->status = 422;
		v->forbund_id = fb->id;
		needs_page(r, fb, v, &fe);
		goto out;
	}
	if (err != B_OK) {
		layout_error_berr(r, err);
		goto out;
	}
	if (r->user.forbund_id == 0)
		snprintf(path, sizeof(path), "/behov?ok=behov&forbund=%lld",
		    (long long)fb->id);
	else
		snprintf(path, sizeof(path), "/behov?ok=behov");
	req_redirect(r, path);
out:
	free(v);
	free(fb);
}
