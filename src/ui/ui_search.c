/*
 * ui_search.c - the search page (GET /sok?q=, issue 10): cases, needs,
 * comments and document names the user may see, best first, with the
 * matching words marked in each snippet.
 */
#include <stdlib.h>
#include <string.h>

#include "app/svc.h"
#include "html.h"
#include "layout.h"
#include "ui.h"
#include "ui_handlers.h"

static const char *const type_label[] = {
	[SEARCH_CASE] = "Ärende",
	[SEARCH_NEED] = "Behov",
	[SEARCH_COMMENT] = "Kommentar",
	[SEARCH_DOCUMENT] = "Dokument",
};

/*
 * s with its matching words (between SEARCH_MARK_ON and SEARCH_MARK_OFF)
 * in <mark>, everything else escaped; a mark left open by a cut snippet
 * is closed.
 */
static void
html_marked(struct req *r, const char *s)
{
	bool open = false;
	char part[1024];
	size_t len;

	while (*s != '\0') {
		len = strcspn(s, "\x02\x03");
		if (len > 0) {
			memcpy(part, s,
			    len < sizeof(part) ? len : sizeof(part) - 1);
			part[len < sizeof(part) ? len : sizeof(part) - 1] =
			    '\0';
			html_text(&r->out, part);
			s += len;
		}
		if (*s == SEARCH_MARK_ON && !open) {
			html_lit(&r->out, "<mark>");
			open = true;
		} else if (*s == SEARCH_MARK_OFF && open) {
			html_lit(&r->out, "</mark>");
			open = false;
		}
		if (*s != '\0')
			s++;
	}
	if (open)
		html_lit(&r->out, "</mark>");
}

static void
hit_link(struct req *r, const struct search_hit *h)
{
	switch (h->type) {
	case SEARCH_CASE:
		htmlf(&r->out, "<a href=\"/arenden/%lld\">", (long long)h->id);
		break;
	case SEARCH_COMMENT:
		htmlf(&r->out, "<a href=\"/arenden/%lld#historik\">",
		    (long long)h->case_id);
		break;
	case SEARCH_DOCUMENT:
		htmlf(&r->out, "<a href=\"/arenden/%lld#dokument\">",
		    (long long)h->case_id);
		break;
	case SEARCH_NEED:
	default:
		html_lit(&r->out, "<a href=\"/behov\">");
		break;
	}
	html_text(&r->out, h->title[0] != '\0' ? h->title : "(utan titel)");
	html_lit(&r->out, "</a>");
}

void
ui_search(struct req *r)
{
	struct search_hit *h = NULL;
	struct field_errors fe;
	const char *q = req_query(r, "q");
	size_t n = 0;
	int err;

	field_errors_init(&fe);
	err = svc_search(&r->app, q, &h, &n, &fe);
	if (err == B_INVALID)
		r->status = 422;
	else if (err != B_OK) {
		layout_error_berr(r, err);
		return;
	}
	layout_begin(r, "Sök");
	if (fe.n > 0) {
		html_lit(&r->out, "<p class=\"notice\">");
		html_text(&r->out, field_error_get(&fe, "q"));
		html_lit(&r->out, "</p>\n");
	} else if (n == 0) {
		html_lit(&r->out, "<p role=\"status\">Inga träffar för ");
		html_lit(&r->out, "”");
		html_text(&r->out, q);
		html_lit(&r->out,
		    "” bland det du kan se. Sökningen hittar början av ord "
		    "(”arbets” hittar ”arbetsträning”).</p>\n");
	} else {
		htmlf(&r->out, "<p role=\"status\">%zu %s för ”", n,
		    n == 1 ? "träff" : "träffar");
		html_text(&r->out, q);
		html_lit(&r->out,
		    "”, de bästa först.</p>\n<ol class=\"hits\">\n");
		for (size_t i = 0; i < n; i++) {
			html_lit(&r->out, "<li>");
			html_text(&r->out, type_label[h[i].type]);
			html_lit(&r->out, ": ");
			hit_link(r, &h[i]);
			html_lit(&r->out, "<br>");
			html_marked(r, h[i].snippet);
			html_lit(&r->out, "</li>\n");
		}
		html_lit(&r->out, "</ol>\n");
	}
	layout_end(r);
	free(h);
}
