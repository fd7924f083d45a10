/*
 * layout.c - the frame of every HTML page (doctype, head, skip link,
 * header with the role's navigation, main, footer), the error pages and
 * the small accessible form widgets shared by all pages.
 *
 * Accessibility (WCAG 2.1 AA) is decided here once: every input has a
 * label, errors are tied to their field with aria-describedby and listed
 * in a role="alert" summary, the current page is marked aria-current,
 * and rule results carry text and a symbol, never colour alone.
 * Everything is written through html.h.
 */
#include "layout.h"

#include <stdlib.h>
#include <string.h>

#include "domain/perm.h"
#include "html.h"
#include "util/xmalloc.h"

struct nav_link {
	const char *href;
	const char *label;
	unsigned roles; /* bit per enum role; 0 = everyone */
};

#define R(x)     (1u << (x))
/* Only for roles that may see ESF+ matters (R1: never the styrelse). */
#define ESF_ONLY (1u << 31)

static const struct nav_link nav[] = {
	{ "/", "Start", 0 },
	{ "/arenden", "Ärenden", 0 },
	{ "/behov", "Behov", 0 },
	/* R1: never the styrelse (perm_group_view). */
	{ "/beredningsgrupp", "Beredningsgrupp",
	    R(ROLE_LEDAMOT) | R(ROLE_KANSLI) | R(ROLE_NATIONELL) |
		R(ROLE_ADMIN) },
	{ "/utlysningar", "Utlysningar", ESF_ONLY },
	{ "/styrelse", "Styrelse", R(ROLE_STYRELSE) | R(ROLE_KANSLI) },
	{ "/budget", "Budget", R(ROLE_KANSLI) | R(ROLE_STYRELSE) },
	{ "/uppfoljning", "Uppföljning", 0 },
	{ "/forbund", "Förbund", R(ROLE_ADMIN) },
	{ "/anvandare", "Användare", R(ROLE_ADMIN) | R(ROLE_KANSLI) },
	{ "/logg", "Logg", R(ROLE_ADMIN) | R(ROLE_KANSLI) },
	{ "/utkorg", "Utkorg", R(ROLE_ADMIN) },
	{ "/konto", "Konto", 0 },
};

/* True if the link href is the page being shown (or a page under it). */
static bool
nav_current(const char *href, const char *path)
{
	size_t n = strlen(href);

	if (strcmp(href, "/") == 0) {
		return strcmp(path, "/") == 0;
	}
	return strncmp(path, href, n) == 0 &&
	    (path[n] == '\0' || path[n] == '/');
}

static void
head(struct req *r, const char *title)
{
	struct buf *b = &r->out;

	buf_reset(b);
	r->ctype = "text/html; charset=utf-8";
	html_lit(b,
	    "<!DOCTYPE html>\n<html lang=\"sv\">\n<head>\n"
	    "<meta charset=\"utf-8\">\n"
	    "<meta name=\"viewport\" content=\"width=device-width, "
	    "initial-scale=1\">\n");
	htmlf(b, "<title>%s – Bered</title>\n", title);
	html_lit(b,
	    "<link rel=\"stylesheet\" href=\"/static/style.css\">\n"
	    "<link rel=\"icon\" href=\"/static/favicon.svg\" "
	    "type=\"image/svg+xml\">\n"
	    "</head>\n<body>\n"
	    "<a class=\"skip-link\" href=\"#innehall\">Hoppa till "
	    "innehållet</a>\n");
}

/* "Namn, roll, förbund" of the logged-in user. */
static void
who(struct req *r)
{
	struct buf *b = &r->out;
	char name[NAME_MAX_];

	htmlf(b,
	    "<p class=\"who\"><span class=\"who-name\">%s</span>, "
	    "<span class=\"who-role\">%s</span>",
	    r->user.name, role_label(r->user.role));
	/* Only the name: every page pays for this lookup. */
	if (r->user.forbund_id != 0 && r->st != NULL &&
	    store_forbund_name(r->st, r->user.forbund_id, name, sizeof(name)) ==
		B_OK) {
		htmlf(b, ", <span class=\"who-forbund\">%s</span>", name);
	}
	html_lit(b, "</p>\n");
}

static void
navigation(struct req *r)
{
	struct buf *b = &r->out;

	html_lit(b, "<nav aria-label=\"Huvudmeny\">\n<ul class=\"nav\">\n");
	for (size_t i = 0; i < sizeof(nav) / sizeof(nav[0]); i++) {
		unsigned roles = nav[i].roles & ~ESF_ONLY;

		if (roles != 0 && !(roles & R(r->user.role))) {
			continue;
		}
		if ((nav[i].roles & ESF_ONLY) && !perm_esf_visible(&r->user)) {
			continue;
		}
		if (nav_current(nav[i].href, r->path)) {
			htmlf(b,
			    "<li><a href=\"%s\" aria-current=\"page\">%s"
			    "</a></li>\n",
			    nav[i].href, nav[i].label);
		} else {
			htmlf(b, "<li><a href=\"%s\">%s</a></li>\n",
			    nav[i].href, nav[i].label);
		}
	}
	html_lit(b,
	    "<li><form method=\"post\" action=\"/logout\" "
	    "class=\"logout\">");
	html_csrf(r);
	html_lit(b,
	    "<button type=\"submit\">Logga ut</button></form></li>\n"
	    "</ul>\n</nav>\n");
}

static void
begin(struct req *r, const char *title, bool h1)
{
	struct buf *b = &r->out;

	head(r, title);
	html_lit(b,
	    "<header class=\"site\">\n<div class=\"brand\">"
	    "<a href=\"/\" class=\"app-name\">Bered</a>");
	if (r->logged_in && !r->via_token) {
		who(r);
		/* One search box on every page (issue 10). */
		html_lit(b,
		    "<form method=\"get\" action=\"/sok\" role=\"search\" "
		    "class=\"search\"><label for=\"sok-q\">Sök</label> "
		    "<input type=\"search\" id=\"sok-q\" name=\"q\" "
		    "maxlength=\"200\" value=\"");
		if (strcmp(r->path, "/sok") == 0 && req_query(r, "q") != NULL)
			html_text(b, req_query(r, "q"));
		html_lit(b,
		    "\"> <button type=\"submit\">Sök</button></form>"
		    "</div>\n");
		navigation(r);
	} else {
		html_lit(b, "</div>\n");
	}
	html_lit(b, "</header>\n<main id=\"innehall\" tabindex=\"-1\">\n");
	if (h1) {
		htmlf(b, "<h1>%s</h1>\n", title);
	}
}

void
layout_begin(struct req *r, const char *title)
{
	begin(r, title, true);
}

void
layout_begin_noh1(struct req *r, const char *title)
{
	begin(r, title, false);
}

bool
layout_failed(struct req *r, int err)
{
	if (err != B_OK && err != B_NOTFOUND && r->page_err == B_OK) {
		r->page_err = err;
	}
	return err != B_OK;
}

void
layout_end(struct req *r)
{
	int err = r->page_err;

	if (err != B_OK) {
		/* Once: the error page's own layout_end ends normally. */
		r->page_err = B_OK;
		layout_error_berr(r, err);
		return;
	}
	html_lit(&r->out,
	    "</main>\n<footer class=\"site\"><p>Bered – "
	    "beredning av ESF+-projekt och Finsam-insatser i "
	    "samordningsförbund</p></footer>\n</body>\n</html>\n");
}

static const char *
error_title(int status)
{
	switch (status) {
	case 400:
		return "Felaktig begäran";
	case 401:
		return "Inloggning krävs";
	case 403:
		return "Åtkomst nekad";
	case 404:
		return "Sidan finns inte";
	case 405:
		return "Metoden är inte tillåten";
	case 409:
		return "Det gick inte att genomföra";
	case 413:
		return "För stor begäran";
	case 414:
		return "För lång adress";
	case 422:
		return "Ogiltiga uppgifter";
	case 429:
		return "För många försök";
	case 503:
		return "Försök igen om en stund";
	default:
		return status >= 500 ? "Något gick fel" : "Fel";
	}
}

void
layout_error(struct req *r, int status, const char *message)
{
	r->status = status;
	r->ctype = "text/html; charset=utf-8";
	/* A page that half rendered is thrown away: the error page is whole. */
	layout_begin(r, error_title(status));
	htmlf(&r->out, "<p class=\"error-message\">%s</p>\n", message);
	if (status == 503) {
		/* Nothing is wrong with the login: the same page, later. */
		struct buf self;

		buf_init(&self);
		if (strcmp(r->method, "GET") == 0) {
			req_self_url(r, (const char *const[]){ NULL }, &self);
			/* without the '?' or '&' for more */
			self.p[--self.len] = '\0';
		}
		htmlf(&r->out, "<p><a href=\"%s\">Försök igen</a></p>\n",
		    self.len > 0 ? buf_cstr(&self) : "/");
		buf_free(&self);
	} else if (r->logged_in) {
		html_lit(&r->out, "<p><a href=\"/\">Till startsidan</a></p>\n");
	} else {
		html_lit(&r->out,
		    "<p><a href=\"/login\">Till inloggningen</a>"
		    "</p>\n");
	}
	layout_end(r);
}

void
layout_error_berr(struct req *r, int err)
{
	const char *msg;

	switch (err) {
	case B_NOTFOUND:
		msg = "Det du söker finns inte, eller så har du inte "
		      "behörighet att se det.";
		break;
	case B_FORBIDDEN:
		msg = "Du har inte behörighet att göra detta.";
		break;
	case B_INVALID:
		msg = "Uppgifterna är ogiltiga. Gå tillbaka och rätta dem.";
		break;
	case B_CONFLICT:
		msg = "Ändringen krockar med en annan ändring som gjorts "
		      "under tiden. Ladda om sidan och försök igen.";
		break;
	case B_UNAVAILABLE:
		req_retry_later(r);
		msg = UNAVAILABLE_MESSAGE;
		break;
	default:
		msg = "Ett internt fel inträffade. Försök igen om en stund.";
		break;
	}
	layout_error(r, berr_http_status(err), msg);
}

void
html_csrf(struct req *r)
{
	htmlf(&r->out, "<input type=\"hidden\" name=\"_csrf\" value=\"%s\">",
	    req_csrf(r));
}

void
html_error_summary(struct req *r, const struct field_errors *fe)
{
	struct buf *b = &r->out;

	if (fe == NULL || fe->n == 0) {
		return;
	}
	html_lit(b,
	    "<div class=\"error-summary\" role=\"alert\" "
	    "tabindex=\"-1\">\n<h2>Formuläret innehåller fel</h2>\n<ul>\n");
	for (size_t i = 0; i < fe->n; i++) {
		htmlf(b, "<li><a href=\"#%s\">%s</a></li>\n", fe->e[i].field,
		    fe->e[i].message);
	}
	html_lit(b, "</ul>\n</div>\n");
}

void
html_field_error(struct req *r, const struct field_errors *fe,
    const char *field)
{
	const char *msg = fe != NULL ? field_error_get(fe, field) : NULL;

	if (msg == NULL) {
		return;
	}
	htmlf(&r->out,
	    "<p class=\"field-error\" id=\"%s-fel\">"
	    "<span class=\"visually-hidden\">Fel: </span>%s</p>\n",
	    field, msg);
}

/* The label, the error message and the aria attributes' state. */
static bool
field_start(struct req *r, const struct field_errors *fe, const char *field,
    const char *label, bool required)
{
	bool bad = fe != NULL && field_error_get(fe, field) != NULL;

	htmlf(&r->out, "<div class=\"field%s\">\n<label for=\"%s\">%s",
	    bad ? " field-invalid" : "", field, label);
	if (required) {
		html_lit(&r->out,
		    " <span class=\"required\">(obligatoriskt)"
		    "</span>");
	}
	html_lit(&r->out, "</label>\n");
	html_field_error(r, fe, field);
	return bad;
}

static void
aria(struct req *r, const char *field, bool bad, bool required)
{
	if (required) {
		html_lit(&r->out, " required");
	}
	if (bad) {
		htmlf(&r->out,
		    " aria-invalid=\"true\" aria-describedby=\"%s-fel\"",
		    field);
	}
}

void
html_input(struct req *r, const struct field_errors *fe, const char *field,
    const char *label, const char *type, const char *value, bool required)
{
	bool bad = field_start(r, fe, field, label, required);

	htmlf(&r->out, "<input type=\"%s\" id=\"%s\" name=\"%s\" value=\"%s\"",
	    type, field, field, value != NULL ? value : "");
	if (strcmp(type, "number") == 0) {
		html_lit(&r->out, " inputmode=\"numeric\"");
	}
	/* A password set here is always a new one (someone else's, too): a
	 * browser must not fill in the user's own (WCAG 1.3.5). */
	if (strcmp(type, "password") == 0) {
		html_lit(&r->out, " autocomplete=\"new-password\"");
	}
	aria(r, field, bad, required);
	html_lit(&r->out, ">\n</div>\n");
}

void
html_textarea(struct req *r, const struct field_errors *fe, const char *field,
    const char *label, const char *value, bool required)
{
	bool bad = field_start(r, fe, field, label, required);

	htmlf(&r->out, "<textarea id=\"%s\" name=\"%s\" rows=\"5\"", field,
	    field);
	aria(r, field, bad, required);
	htmlf(&r->out, ">%s</textarea>\n</div>\n", value != NULL ? value : "");
}

void
html_checkbox(struct req *r, const char *field, const char *label, bool checked)
{
	htmlf(&r->out,
	    "<div class=\"field field-checkbox\">\n"
	    "<input type=\"checkbox\" id=\"%s\" name=\"%s\" value=\"1\"%s>\n"
	    "<label for=\"%s\">%s</label>\n</div>\n",
	    field, field, checked ? " checked" : "", field, label);
}

void
html_select(struct req *r, const struct field_errors *fe, const char *field,
    const char *label, const char *const *codes, const char *const *labels,
    size_t n, const char *selected, bool allow_empty)
{
	bool bad = field_start(r, fe, field, label, false);

	htmlf(&r->out, "<select id=\"%s\" name=\"%s\"", field, field);
	aria(r, field, bad, false);
	html_lit(&r->out, ">\n");
	if (allow_empty) {
		htmlf(&r->out, "<option value=\"\"%s>– Välj –</option>\n",
		    selected == NULL || selected[0] == '\0' ? " selected" : "");
	}
	for (size_t i = 0; i < n; i++) {
		bool sel = selected != NULL && strcmp(selected, codes[i]) == 0;

		htmlf(&r->out, "<option value=\"%s\"%s>%s</option>\n", codes[i],
		    sel ? " selected" : "", labels[i]);
	}
	html_lit(&r->out, "</select>\n</div>\n");
}

/*
 * The rule list; alert wraps a failing-only list in role="alert" (on a
 * <div>: on the <ul> it would hide that it is a list).
 */
static void
rules_list(struct req *r, const struct rule_list *rl, bool failing_only,
    bool alert)
{
	struct buf *b = &r->out;
	size_t shown = 0;

	for (size_t i = 0; i < rl->n; i++) {
		shown += !failing_only || !rl->r[i].ok;
	}
	if (shown == 0) {
		return;
	}
	if (alert) {
		html_lit(b, "<div role=\"alert\">\n");
	}
	if (failing_only) {
		html_lit(b, "<ul class=\"rules\">\n");
	} else {
		html_lit(b, "<ul class=\"rules rules-checklist\">\n");
	}
	for (size_t i = 0; i < rl->n; i++) {
		const struct rule_result *x = &rl->r[i];

		if (failing_only && x->ok) {
			continue;
		}
		if (x->ok) {
			html_lit(b,
			    "<li class=\"rule-ok\"><span class=\"rule-mark\" "
			    "aria-hidden=\"true\">✓</span> <strong "
			    "class=\"rule-status\">Klart:</strong> ");
		} else {
			html_lit(b,
			    "<li class=\"rule-fail\"><span class=\"rule-mark\" "
			    "aria-hidden=\"true\">✗</span> <strong "
			    "class=\"rule-status\">Återstår:</strong> ");
		}
		/* "G" marks a plain state-machine guard: no rule id to show. */
		if (x->rule[0] != '\0' && strcmp(x->rule, "G") != 0) {
			/* The rule's id with what it is about, in words. */
			htmlf(b,
			    "<span class=\"rule-id\">%s</span> <span "
			    "class=\"rule-about\">(%s)</span>: ",
			    x->rule, rule_about(x->rule));
		}
		htmlf(b, "%s</li>\n", x->message);
	}
	html_lit(b, "</ul>\n");
	if (alert) {
		html_lit(b, "</div>\n");
	}
}

void
html_rules(struct req *r, const struct rule_list *rl, bool failing_only)
{
	rules_list(r, rl, failing_only, failing_only);
}

void
html_rules_in_alert(struct req *r, const struct rule_list *rl)
{
	rules_list(r, rl, true, false);
}
