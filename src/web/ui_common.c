/*
 * ui_common.c - small widgets shared by the pages of the ESF+ routine:
 * state badges, case links, PRG success notices, the förbund scope of a
 * page. Writes only through html.h; decides no rule and no permission
 * (perm_forbund_visible is asked, not re-implemented).
 */
#include "ui.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "../domain/perm.h"
#include "../util/xmalloc.h"
#include "html.h"
#include "layout.h"

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
	const char	*code;
	const char	*text;
} ok_notices[] = {
	{ "skapat", "Ärendet har skapats." },
	{ "sparat", "Uppgifterna har sparats." },
	{ "part", "Partens uppgifter har sparats." },
	{ "flyttat", "Ärendet har flyttats." },
	{ "behov", "Behovet har lagts till i behovskartläggningen." },
	{ "utlysning", "Utlysningen har lagts till." },
	{ "forbund", "Förbundet har skapats." },
	{ "anvandare", "Användaren har skapats." },
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
			html_lit(&r->out, "<div class=\"notice notice-ok\" "
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
	htmlf(&r->out, "<div class=\"table-wrap\" role=\"region\" "
	    "aria-label=\"%s\" tabindex=\"0\">\n", label);
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
	/* Back up to the start of a UTF-8 character. */
	while (cut > 0 && ((unsigned char)s[cut] & 0xC0) == 0x80)
		cut--;
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
	const char **codes = NULL, **labels = NULL;
	char (*ids)[24] = NULL, sel[24] = "";
	size_t n = 0, i, k = 0;
	int64_t cur = ui_scope_forbund(r);

	if (store_forbund_list(r->st, &fb, &n) != B_OK)
		n = 0;
	codes = xcalloc(n + 1, sizeof(*codes));
	labels = xcalloc(n + 1, sizeof(*labels));
	ids = xcalloc(n + 1, sizeof(*ids));
	for (i = 0; i < n; i++) {
		if (!perm_forbund_visible(&r->user, fb[i].id))
			continue;
		snprintf(ids[k], sizeof(ids[k]), "%lld", (long long)fb[i].id);
		codes[k] = ids[k];
		labels[k] = fb[i].name;
		k++;
	}
	htmlf(&r->out, "<form method=\"get\" action=\"%s\" "
	    "class=\"filter\">\n", action);
	if (k == 0) {
		html_lit(&r->out, "<p>Det finns inga förbund att välja.</p>");
	} else {
		if (cur != 0)
			snprintf(sel, sizeof(sel), "%lld", (long long)cur);
		html_select(r, NULL, "forbund", "Förbund", codes, labels, k,
		    sel, false);
		html_lit(&r->out, "<button type=\"submit\">Visa</button>\n");
	}
	html_lit(&r->out, "</form>\n");
	free(ids);
	free(labels);
	free(codes);
	free(fb);
}
