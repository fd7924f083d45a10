/*
 * ui_followup.c - the follow-up page (GET /uppfoljning): the figures of
 * DOMAIN.md 5 for the user's scope, as FK's routine asks. Counting is
 * domain/followup.c's (followup_count); this file picks the scope (own
 * förbund, or for national roles any förbund/län: perm_followup_all),
 * validates the filter and shows the figures as captioned tables.
 */
#include <stddef.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "domain/followup.h"
#include "domain/kommuner.h"
#include "app/report.h"
#include "domain/perm.h"
#include "html.h"
#include "layout.h"
#include "ui.h"
#include "ui_handlers.h"
#include "util/xmalloc.h"

struct fu_filter {
	char from[DATE_LEN];
	char to[DATE_LEN];
	int64_t forbund_id; /* 0 = all (national roles only) */
	char lan[4];        /* "" = all */
	bool quarters;      /* over time per quarter (?per=kvartal) */
};

/* A GET date filter: "" is open; anything else must be a real date. */
static void
query_date(struct req *r, struct field_errors *fe, const char *field,
    const char *label, char out[DATE_LEN])
{
	const char *v = req_query(r, field);

	out[0] = '\0';
	if (v == NULL || v[0] == '\0')
		return;
	if (!date_valid(v)) {
		field_error_add(fe, field, "%s: ange ett datum som ÅÅÅÅ-MM-DD.",
		    label);
		return;
	}
	memcpy(out, v, DATE_LEN - 1);
	out[DATE_LEN - 1] = '\0';
}

static void
filter_parse(struct req *r, struct fu_filter *f, struct field_errors *fe)
{
	const char *v;

	memset(f, 0, sizeof(*f));
	query_date(r, fe, "from", "Från", f->from);
	query_date(r, fe, "to", "Till", f->to);
	if (f->from[0] != '\0' && f->to[0] != '\0' &&
	    strcmp(f->from, f->to) > 0)
		field_error_add(fe, "to", "Till kan inte vara före Från.");
	if ((v = req_query(r, "per")) != NULL && v[0] != '\0' &&
	    strcmp(v, "ar") != 0) {
		if (strcmp(v, "kvartal") == 0)
			f->quarters = true;
		else
			field_error_add(fe, "per",
			    "Välj över tid per år eller per kvartal.");
	}
	if (!perm_followup_all(&r->user)) {
		f->forbund_id = r->user.forbund_id;
		return;
	}
	if ((v = req_query(r, "forbund")) != NULL && v[0] != '\0' &&
	    (!parse_int64(v, &f->forbund_id) || f->forbund_id <= 0)) {
		f->forbund_id = 0;
		field_error_add(fe, "forbund", "Välj ett förbund i listan.");
	}
	if ((v = req_query(r, "lan")) != NULL && v[0] != '\0') {
		if (lan_name(v) == NULL)
			field_error_add(fe, "lan", "Välj ett län i listan.");
		else
			memcpy(f->lan, v, 3);
	}
}

static void
filter_form(struct req *r, const struct fu_filter *f,
    const struct field_errors *fe)
{
	struct forbund_brief *fb = NULL;
	const char *lc[LAN_TOTAL], *ll[LAN_TOTAL];
	struct ui_choices c;
	size_t n = 0, i;

	if (fe != NULL && fe->n > 0)
		html_error_summary(r, fe);
	html_lit(&r->out,
	    "<form method=\"get\" action=\"/uppfoljning\" "
	    "class=\"filter\" novalidate>\n<fieldset>\n<legend>Urval</legend>\n"
	    "<p class=\"hint\">Ett ärende räknas i den period då det "
	    "identifierades.</p>\n");
	html_input(r, fe, "from", "Identifierade från", "date", f->from, false);
	html_input(r, fe, "to", "Identifierade till", "date", f->to, false);
	if (perm_followup_all(&r->user)) {
		if (layout_failed(r, store_forbund_list(r->st, &fb, &n)))
			n = 0;
		ui_choices_init(&c, n);
		for (i = 0; i < n; i++)
			ui_choices_add(&c, fb[i].id, fb[i].name);
		ui_choices_select(r, &c, fe, "forbund", "Förbund (tomt = alla)",
		    f->forbund_id, true);
		for (i = 0; i < LAN_TOTAL; i++) {
			lc[i] = lan_refs[i].code;
			ll[i] = lan_refs[i].name;
		}
		html_select(r, fe, "lan", "Län (tomt = alla)", lc, ll,
		    LAN_TOTAL, f->lan, true);
		ui_choices_free(&c);
		free(fb);
	}
	{
		static const char *const pc[] = { "ar", "kvartal" };
		static const char *const pl[] = { "Per år", "Per kvartal" };

		html_select(r, fe, "per", "Över tid", pc, pl, 2,
		    f->quarters ? "kvartal" : "ar", false);
	}
	html_lit(&r->out,
	    "<button type=\"submit\">Visa</button>\n"
	    "</fieldset>\n</form>\n");
}

static void
row_n(struct req *r, const char *label, int64_t v)
{
	html_lit(&r->out, "<tr><th scope=\"row\">");
	html_text(&r->out, label);
	htmlf(&r->out, "</th><td class=\"num\">%lld</td></tr>\n", (long long)v);
}

/*
 * A figure as a link to the cases behind it (issue 8): the case list with
 * the figure's selection (followup_filter's code) and the page's period,
 * län and förbund. Every part is validated (dates, a länskod, codes).
 */
static void
fig_link(struct req *r, const char *code, int64_t forbund_id, const char *from,
    const char *to, const char *lan, int64_t v)
{
	htmlf(&r->out,
	    "<a href=\"/arenden?fu=%s&amp;from=%s&amp;to=%s&amp;lan=%s", code,
	    from, to, lan);
	if (forbund_id > 0)
		htmlf(&r->out, "&amp;forbund=%lld", (long long)forbund_id);
	htmlf(&r->out, "\">%lld</a>", (long long)v);
}

/*
 * Year y, or with quarter the quarter y % 10 of year y / 10 (a "quarter"
 * group's key), within the page's period: the dates its figure covers.
 */
static void
year_period(const struct fu_filter *f, bool quarter, int64_t y,
    char from[DATE_LEN], char to[DATE_LEN])
{
	static const char *const qend[4] = { "03-31", "06-30", "09-30",
		"12-31" };
	unsigned yy = (unsigned)(y < 0 ? 0 : y % 100000);

	if (quarter) {
		unsigned q = yy % 10u >= 1 && yy % 10u <= 4 ? yy % 10u : 1;

		yy /= 10;
		snprintf(from, DATE_LEN, "%04u-%02u-01", yy % 10000u,
		    q * 3 - 2);
		snprintf(to, DATE_LEN, "%04u-%s", yy % 10000u, qend[q - 1]);
	} else {
		snprintf(from, DATE_LEN, "%04u-01-01", yy % 10000u);
		snprintf(to, DATE_LEN, "%04u-12-31", yy % 10000u);
	}
	if (f->from[0] != '\0' && strcmp(f->from, from) > 0)
		memcpy(from, f->from, DATE_LEN);
	if (f->to[0] != '\0' && strcmp(f->to, to) < 0)
		memcpy(to, f->to, DATE_LEN);
}

/* A row of a figures table whose figure links to its cases. */
static void
row_link(struct req *r, const struct fu_filter *f, const char *label,
    const char *code, int64_t v)
{
	html_lit(&r->out, "<tr><th scope=\"row\">");
	html_text(&r->out, label);
	html_lit(&r->out, "</th><td class=\"num\">");
	fig_link(r, code, f->forbund_id, f->from, f->to, f->lan, v);
	html_lit(&r->out, "</td></tr>\n");
}

static void
row_money(struct req *r, const char *label, int64_t kronor)
{
	html_lit(&r->out, "<tr><th scope=\"row\">");
	html_text(&r->out, label);
	html_lit(&r->out, "</th><td class=\"num\">");
	html_money(&r->out, kronor);
	html_lit(&r->out, "</td></tr>\n");
}

static void
table_begin(struct req *r, const char *caption, const char *col)
{
	ui_table_begin(r, caption, "figures");
	html_lit(&r->out, "<caption>");
	html_text(&r->out, caption);
	html_lit(&r->out,
	    "</caption>\n<thead><tr><th scope=\"col\">Mått</th>"
	    "<th scope=\"col\">");
	html_text(&r->out, col);
	html_lit(&r->out, "</th></tr></thead>\n<tbody>\n");
}

static void
table_end(struct req *r)
{
	html_lit(&r->out, "</tbody>\n");
	ui_table_end(r);
}

static void
esf_kinds(struct req *r, const struct fu_filter *f, const char *caption,
    const char *prefix, const int64_t *v)
{
	char code[40];
	int k;

	table_begin(r, caption, "Antal ärenden");
	for (k = 0; k < PK__COUNT; k++) {
		snprintf(code, sizeof(code), "%s%s", prefix,
		    party_kind_code((enum party_kind)k));
		row_link(r, f, party_kind_label((enum party_kind)k), code,
		    v[k]);
	}
	table_end(r);
}

static void
esf_days(struct req *r, const struct followup *fu)
{
	int s;

	ui_table_begin(r, "Tid i varje läge", "figures");
	html_lit(&r->out,
	    "<caption>Tid i varje "
	    "läge (ESF+)</caption>\n<thead><tr><th scope=\"col\">Läge</th>"
	    "<th scope=\"col\">Ärenden som varit där</th>"
	    "<th scope=\"col\">Genomsnitt, dagar</th>"
	    "<th scope=\"col\">Median, dagar</th>"
	    "<th scope=\"col\">90:e percentilen, dagar</th></tr></thead>\n"
	    "<tbody>\n");
	for (s = 0; s < ST__COUNT; s++) {
		if (fu->esf.days_cases[s] == 0)
			continue;
		html_lit(&r->out, "<tr><th scope=\"row\">");
		html_text(&r->out, state_label((enum state)s));
		htmlf(&r->out,
		    "</th><td class=\"num\">%lld</td>"
		    "<td class=\"num\">%lld</td><td class=\"num\">%lld</td>"
		    "<td class=\"num\">%lld</td></tr>\n",
		    (long long)fu->esf.days_cases[s],
		    (long long)(fu->esf.days_total[s] / fu->esf.days_cases[s]),
		    (long long)fu->esf.days_median[s],
		    (long long)fu->esf.days_p90[s]);
	}
	html_lit(&r->out, "</tbody>\n");
	ui_table_end(r);
}

#define TOP_NAMES 10

static int
cmp_name_count(const void *a, const void *b)
{
	const struct name_count *x = a, *y = b;

	return x->n != y->n ? (x->n < y->n ? 1 : -1) : strcmp(x->name, y->name);
}

/* Owners or co-financers by name: cases that passed overens, per party. */
static void
parties_by_name(struct req *r, const struct fu_filter *f, bool cofin,
    const char *caption)
{
	struct name_count *c = NULL;
	size_t n = 0;

	if (layout_failed(r,
		report_names(r->st, f->forbund_id, f->lan, f->from, f->to,
		    cofin, &c, &n)))
		return;
	/* The largest first; past TOP_NAMES the rest behind a summary. */
	qsort(c, n, sizeof(*c), cmp_name_count);
	if (n > 0) {
		table_begin(r, caption, "Antal ärenden");
		for (size_t k = 0; k < n && k < TOP_NAMES; k++)
			row_n(r, c[k].name, c[k].n);
		table_end(r);
	}
	if (n > TOP_NAMES) {
		htmlf(&r->out,
		    "<details class=\"more\"><summary>Visa alla %zu</summary>"
		    "\n",
		    n);
		table_begin(r, caption, "Antal ärenden");
		for (size_t k = 0; k < n; k++)
			row_n(r, c[k].name, c[k].n);
		table_end(r);
		html_lit(&r->out, "</details>\n");
	}
	free(c);
}

/*
 * The ESF+ funnel as an SVG drawn by the server (issue 8): identified,
 * agreed owner, application, granted. Presentation attributes only (the
 * CSP allows no inline style), the figures written on the bars, and the
 * same figures in the table above it for screen readers and print.
 */
static void
funnel_svg(struct req *r, const struct followup *fu)
{
	int64_t owners = 0;
	int64_t v[4];
	static const char *const label[4] = { "Identifierade",
		"Överens om ägare", "Ansökan", "Beviljade" };
	int64_t max;
	int y;

	for (int k = 0; k < PK__COUNT; k++)
		owners += fu->esf.owners[k];
	v[0] = fu->esf.identified;
	v[1] = owners;
	v[2] = fu->esf.applied;
	v[3] = fu->esf.granted;
	max = v[0] > 0 ? v[0] : 1;
	htmlf(&r->out,
	    "<figure class=\"chart\">\n<svg xmlns=\"http://www.w3.org/2000/"
	    "svg\" viewBox=\"0 0 640 %d\" width=\"640\" height=\"%d\" "
	    "role=\"img\" aria-labelledby=\"tratt-titel\">\n<title "
	    "id=\"tratt-titel\">ESF+-tratten: %lld identifierade, %lld "
	    "överens om ägare, %lld ansökan, %lld beviljade</title>\n",
	    4 * 38 + 4, 4 * 38 + 4, (long long)v[0], (long long)v[1],
	    (long long)v[2], (long long)v[3]);
	for (int i = 0; i < 4; i++) {
		int w = (int)(v[i] * 380 / max);

		y = 4 + i * 38;
		htmlf(&r->out,
		    "<text x=\"0\" y=\"%d\" font-size=\"15\" "
		    "fill=\"#1b1b1b\">%s</text>\n<rect x=\"180\" y=\"%d\" "
		    "width=\"%d\" height=\"28\" fill=\"#0b4f8a\"/>\n"
		    "<text x=\"%d\" y=\"%d\" font-size=\"15\" "
		    "fill=\"#1b1b1b\">%lld</text>\n",
		    y + 19, label[i], y, w > 0 ? w : 1, 180 + w + 8, y + 19,
		    (long long)v[i]);
	}
	html_lit(&r->out,
	    "</svg>\n<figcaption>ESF+-tratten: hur många projektidéer som "
	    "gick vidare till varje steg (samma siffror som i tabellen)."
	    "</figcaption>\n</figure>\n");
}

static void
esf_section(struct req *r, const struct fu_filter *f, const struct followup *fu)
{
	int k;

	html_lit(&r->out, "<h2>ESF+-projekt</h2>\n");
	table_begin(r, "Projektidéer och ansökningar", "Antal ärenden");
	row_link(r, f, "Identifierade projektidéer", "esf", fu->esf.identified);
	row_link(r, f, "Ledde till ansökan", "esf-ansokan", fu->esf.applied);
	row_money(r, "Sökta ESF+-medel (i ansökningarna)",
	    fu->esf.applied_amount);
	row_link(r, f, "Beviljade av ESF-rådet", "esf-beviljade",
	    fu->esf.granted);
	row_money(r, "Beviljade ESF+-medel", fu->esf.granted_amount);
	row_link(r, f, "Avslag från ESF-rådet", "esf-avslag", fu->esf.refused);
	row_link(r, f, "Ingen ansökan (avbrutna)", "esf-ingen",
	    fu->esf.no_application);
	row_link(r, f, "Utanför rutinen (R6)", "esf-utanfor",
	    fu->esf.outside_routine);
	row_link(r, f, "Försäkringskassan projektägare i sista hand",
	    "esf-agare-fk", fu->esf.fk_fallback_owner);
	table_end(r);
	funnel_svg(r, fu);
	esf_kinds(r, f,
	    "Projektägare per slag av part (ärenden som passerat "
	    "överenskommelsen)",
	    "esf-agare-", fu->esf.owners);
	parties_by_name(r, f, false,
	    "Projektägare per namn (ärenden som passerat "
	    "överenskommelsen)");
	esf_kinds(r, f, "Ärenden med minst en medfinansiär av varje slag",
	    "esf-medfin-", fu->esf.cofinancers);
	parties_by_name(r, f, true,
	    "Medfinansiärer per namn (ärenden som passerat "
	    "överenskommelsen)");
	table_begin(r, "Skäl till att ingen ansökan gjordes", "Antal ärenden");
	for (k = REASON_NONE + 1; k < REASON__COUNT; k++) {
		char code[48];

		snprintf(code, sizeof(code), "esf-skal-%s",
		    reason_code((enum reason)k));
		row_link(r, f, reason_label((enum reason)k), code,
		    fu->esf.reasons[k]);
	}
	table_end(r);
	esf_days(r, fu);
}

/* Kommun coverage (issue 8): members of a förbund in Bered, per län. */
static void
coverage_section(struct req *r)
{
	bool *member = xcalloc(KOMMUNER_TOTAL, sizeof(*member));
	struct lan_coverage cov[LAN_TOTAL];
	int members = 0;

	html_lit(&r->out, "<h2>Kommuner i samordningsförbund</h2>\n");
	if (layout_failed(r, report_coverage(r->st, member, cov, &members))) {
		free(member);
		return;
	}
	htmlf(&r->out,
	    "<p>%d av Sveriges %d kommuner är medlemmar i ett "
	    "samordningsförbund i Bered.</p>\n",
	    members, KOMMUNER_TOTAL);
	ui_table_begin(r, "Kommuner per län", "figures");
	html_lit(&r->out,
	    "<caption>Kommuner per län</caption>\n<thead><tr>"
	    "<th scope=\"col\">Län</th><th scope=\"col\">Medlemmar</th>"
	    "<th scope=\"col\">Kommuner i länet</th>"
	    "<th scope=\"col\">Inte medlemmar</th></tr></thead>\n<tbody>\n");
	for (size_t l = 0; l < LAN_TOTAL; l++) {
		bool first = true;

		html_lit(&r->out, "<tr><th scope=\"row\">");
		html_text(&r->out, cov[l].lan->name);
		htmlf(&r->out,
		    "</th><td class=\"num\">%d</td><td class=\"num\">%d</td>"
		    "<td>",
		    cov[l].members, cov[l].total);
		for (size_t k = 0; k < KOMMUNER_TOTAL; k++) {
			if (member[k] ||
			    strcmp(kommun_refs[k].lan, cov[l].lan->code) != 0)
				continue;
			if (!first)
				html_lit(&r->out, ", ");
			html_text(&r->out, kommun_refs[k].name);
			first = false;
		}
		if (first)
			html_lit(&r->out, "alla");
		html_lit(&r->out, "</td></tr>\n");
	}
	html_lit(&r->out, "</tbody>\n");
	ui_table_end(r);
	free(member);
}

/*
 * R9: Finsam money against each budget year's frames (issue 8): the
 * frames of the förbund with a budget, what the board granted that uses
 * them (report_frames, as the budget page counts it) and what is left.
 */
static void
frames_table(struct req *r, const struct fu_filter *f)
{
	struct fu_frame *v = NULL;
	size_t n = 0;

	if (layout_failed(r,
		report_frames(r->st, f->forbund_id, f->lan, f->from, f->to, &v,
		    &n)))
		return;
	if (n == 0) {
		html_lit(&r->out,
		    "<p>Ingen budget och inga beviljade medel för "
		    "budgetåren i urvalet.</p>\n");
		return;
	}
	ui_table_begin(r, "Finsam-medel mot årets ram", "figures");
	html_lit(&r->out,
	    "<caption>Finsam-medel mot årets ram (budgetår då "
	    "beviljandeperioden börjar)</caption>\n<thead><tr>"
	    "<th scope=\"col\">Budgetår</th>"
	    "<th scope=\"col\">Förbund med budget</th>"
	    "<th scope=\"col\">Ram</th>"
	    "<th scope=\"col\">Beviljade insatser</th>"
	    "<th scope=\"col\">Beviljat</th>"
	    "<th scope=\"col\">Kvar av ramen</th>"
	    "<th scope=\"col\">Använt av ramen</th></tr></thead>\n<tbody>\n");
	for (size_t i = 0; i < n; i++) {
		htmlf(&r->out,
		    "<tr><th scope=\"row\">%d</th><td class=\"num\">%lld"
		    "</td><td class=\"num\">",
		    v[i].year, (long long)v[i].budgets);
		html_money(&r->out, v[i].frame);
		htmlf(&r->out,
		    "</td><td class=\"num\">%lld</td>"
		    "<td class=\"num\">",
		    (long long)v[i].grants);
		html_money(&r->out, v[i].granted);
		html_lit(&r->out, "</td><td class=\"num\">");
		html_money(&r->out, v[i].frame - v[i].granted);
		html_lit(&r->out, "</td><td class=\"num\">");
		/* R9: beyond the frame is allowed but flagged, in words. */
		if (v[i].frame > 0)
			htmlf(&r->out, "%lld %%",
			    (long long)(v[i].granted * 100 / v[i].frame));
		else
			html_lit(&r->out, "ingen ram");
		if (budget_over(v[i].budgets > 0, v[i].frame, v[i].granted))
			html_lit(&r->out, " <strong>(över ramen)</strong>");
		html_lit(&r->out, "</td></tr>\n");
	}
	html_lit(&r->out, "</tbody>\n");
	ui_table_end(r);
	free(v);
}

static void
finsam_section(struct req *r, const struct fu_filter *f,
    const struct followup *fu)
{
	html_lit(&r->out, "<h2>Finsam-insatser</h2>\n");
	table_begin(r, "Finsam-insatser i urvalet", "Värde");
	row_link(r, f, "Identifierade behov av insatser", "finsam",
	    fu->finsam.identified);
	row_link(r, f, "Beviljade av styrelsen", "finsam-beviljade",
	    fu->finsam.granted);
	row_money(r, "Beviljade medel", fu->finsam.granted_amount);
	row_n(r, "Deltagare (antal, alla år)", fu->finsam.participants);
	table_end(r);
	frames_table(r, f);
	coverage_section(r);
}

/*
 * The follow-up as a file: one row per förbund for whoever sees them all,
 * else per year, and a total (R1: the board's file has no ESF+).
 */
static void
followup_file(struct req *r, const struct fu_filter *f)
{
	struct followup_row *rows = NULL;
	struct followup *total = xcalloc(1, sizeof(*total));
	struct fu_group *g = NULL;
	size_t n = 0, ng = 0;
	const char *by = perm_followup_all(&r->user) && f->forbund_id == 0
	    ? "forbund"
	    : f->quarters ? "quarter"
			  : "year";
	int err;

	err = report_load(r->st, f->forbund_id, f->lan, f->from, f->to,
	    f->quarters, r->app.today, total, &rows, &n);
	if (err == B_OK) {
		err =
		    report_groups(r->st, f->from, f->to, by, rows, n, &g, &ng);
	}
	if (err != B_OK)
		layout_error_berr(r, err);
	else
		ui_export(r, "uppfoljning",
		    report_export(g, ng, total, perm_esf_visible(&r->user)));
	free(g);
	free(rows);
	free(total);
}

/* The columns of the comparison: a header and a figure of a group. */
struct cmp_col {
	const char *code, *title;
	const char *fu; /* the figure's selection (fig_link), NULL none */
	bool esf;
	size_t off; /* of the figure in struct followup */
};

/* The figure of column c in f. */
static int64_t
cmp_get(const struct cmp_col *c, const struct followup *f)
{
	int64_t v;

	memcpy(&v, (const char *)f + c->off, sizeof(v));
	return v;
}

#define FU_OFF(m) offsetof(struct followup, m)
static const struct cmp_col cmp_cols[] = {
	{ "esf", "ESF+ identifierade", "esf", true, FU_OFF(esf.identified) },
	{ "ansokan", "ESF+ ansökan", "esf-ansokan", true, FU_OFF(esf.applied) },
	{ "sokt-belopp", "ESF+ sökt belopp", NULL, true,
	    FU_OFF(esf.applied_amount) },
	{ "beviljade", "ESF+ beviljade", "esf-beviljade", true,
	    FU_OFF(esf.granted) },
	{ "esf-belopp", "ESF+ beviljat belopp", NULL, true,
	    FU_OFF(esf.granted_amount) },
	{ "ingen", "ESF+ ingen ansökan", "esf-ingen", true,
	    FU_OFF(esf.no_application) },
	{ "finsam", "Finsam identifierade", "finsam", false,
	    FU_OFF(finsam.identified) },
	{ "finsam-beviljade", "Finsam beviljade", "finsam-beviljade", false,
	    FU_OFF(finsam.granted) },
	{ "belopp", "Finsam beviljat belopp", NULL, false,
	    FU_OFF(finsam.granted_amount) },
};
#undef FU_OFF
#define NCMP (sizeof(cmp_cols) / sizeof(cmp_cols[0]))

/* The column cmp_rows sorts by (qsort has no context argument). */
static _Thread_local const struct cmp_col *tl_sort;

static int
cmp_rows(const void *a, const void *b)
{
	const struct fu_group *x = a, *y = b;
	int64_t u = cmp_get(tl_sort, &x->f), v = cmp_get(tl_sort, &y->f);

	/* Largest first; equal figures by label. */
	return u != v ? (u < v ? 1 : -1) : strcmp(x->label, y->label);
}

/*
 * Bars over time (issue 8): per year or quarter (by), Finsam insatser
 * identified and granted and, for who may see them, ESF+ ideas
 * identified; the same figures are in the table above it. Presentation
 * attributes only.
 */
static void
years_svg(struct req *r, const struct fu_group *g, size_t ng, bool esf,
    const char *by)
{
	const bool q = strcmp(by, "quarter") == 0;
	const int bw = 14, gap = 10, h = 160, top = 10;
	int per = esf ? 3 : 2, x, w;
	int64_t max = 1;

	for (size_t i = 0; i < ng; i++) {
		if (g[i].f.finsam.identified > max)
			max = g[i].f.finsam.identified;
		if (esf && g[i].f.esf.identified > max)
			max = g[i].f.esf.identified;
	}
	w = 40 + (int)ng * (per * bw + gap);
	htmlf(&r->out,
	    "<figure class=\"chart\">\n<svg xmlns=\"http://www.w3.org/2000/"
	    "svg\" viewBox=\"0 0 %d %d\" width=\"%d\" height=\"%d\" "
	    "role=\"img\" aria-labelledby=\"ar-titel\">\n<title id=\"ar-"
	    "titel\">Ärenden per %s då de identifierades, ",
	    w, h + 40, w, h + 40, q ? "kvartal" : "år");
	html_text(&r->out, ng > 0 ? g[0].label : "");
	html_lit(&r->out, " till ");
	html_text(&r->out, ng > 0 ? g[ng - 1].label : "");
	html_lit(&r->out, "</title>\n");
	for (size_t i = 0; i < ng; i++) {
		const int64_t v[3] = { g[i].f.finsam.identified,
			g[i].f.finsam.granted, g[i].f.esf.identified };
		static const char *const fill[3] = { "#0b4f8a", "#5b8fc7",
			"#b35900" };

		x = 40 + (int)i * (per * bw + gap);
		for (int k = 0; k < per; k++) {
			int bh = (int)(v[k] * h / max);

			htmlf(&r->out,
			    "<rect x=\"%d\" y=\"%d\" width=\"%d\" "
			    "height=\"%d\" fill=\"%s\"/>\n",
			    x + k * bw, top + h - bh, bw - 2, bh > 0 ? bh : 1,
			    fill[k]);
		}
		htmlf(&r->out,
		    "<text x=\"%d\" y=\"%d\" font-size=\"%d\" "
		    "fill=\"#1b1b1b\">",
		    x, top + h + 16, q ? 10 : 12);
		html_text(&r->out, g[i].label);
		html_lit(&r->out, "</text>\n");
	}
	htmlf(&r->out,
	    "<text x=\"0\" y=\"%d\" font-size=\"12\" fill=\"#1b1b1b\">"
	    "%lld</text>\n</svg>\n<figcaption>Staplar per %s: mörkblå Finsam "
	    "identifierade, ljusblå Finsam beviljade",
	    top + 12, (long long)max, q ? "kvartal" : "år");
	if (esf)
		html_lit(&r->out, ", orange ESF+ identifierade");
	html_lit(&r->out,
	    " (samma siffror som i tabellen ovan).</figcaption>\n"
	    "</figure>\n");
}

/*
 * A small multiple per län (issue 8): Finsam insatser identified per
 * year, on one scale so that the län can be compared, and the same
 * figures in a table. For whoever sees every förbund.
 */
static void
lan_multiples(struct req *r, const struct fu_filter *f,
    const struct followup_row *rows, size_t n)
{
	struct followup_row *sub = xcalloc(n + 1, sizeof(*sub));
	struct fu_group *g[LAN_TOTAL] = { NULL };
	size_t ng[LAN_TOTAL] = { 0 };
	struct lan_rows lr = { NULL };
	int64_t y0 = 0, y1 = 0, max = 1;

	if (layout_failed(r, lan_rows_load(r->st, rows, n, &lr)))
		goto out;
	for (size_t k = 0; k < LAN_TOTAL; k++) {
		size_t m = lan_rows_of(&lr, rows, n, k, sub);

		if (m == 0 ||
		    layout_failed(r,
			report_groups(r->st, f->from, f->to, "year", sub, m,
			    &g[k], &ng[k])))
			continue;
		for (size_t i = 0; i < ng[k]; i++) {
			if (y0 == 0 || g[k][i].key < y0)
				y0 = g[k][i].key;
			if (g[k][i].key > y1)
				y1 = g[k][i].key;
			if (g[k][i].f.finsam.identified > max)
				max = g[k][i].f.finsam.identified;
		}
	}
	if (y0 == 0 || y1 - y0 > 40)
		goto out;
	html_lit(&r->out,
	    "<h3>Per län och år</h3>\n<div class=\"multiples\">\n");
	for (size_t k = 0; k < LAN_TOTAL; k++) {
		if (ng[k] == 0)
			continue;
		html_lit(&r->out,
		    "<figure class=\"chart small\">\n<svg "
		    "xmlns=\"http://www.w3.org/2000/svg\" "
		    "viewBox=\"0 0 160 70\" width=\"160\" "
		    "height=\"70\" role=\"img\"><title>");
		html_text(&r->out, lan_refs[k].name);
		html_lit(&r->out, ": Finsam-insatser per år</title>\n");
		for (size_t i = 0; i < ng[k]; i++) {
			int x = (int)((g[k][i].key - y0) * 150 / (y1 - y0 + 1));
			int bh = (int)(g[k][i].f.finsam.identified * 60 / max);

			htmlf(&r->out,
			    "<rect x=\"%d\" y=\"%d\" width=\"%d\" "
			    "height=\"%d\" fill=\"#0b4f8a\"/>\n",
			    x, 62 - bh, (int)(140 / (y1 - y0 + 1)),
			    bh > 0 ? bh : 1);
		}
		html_lit(&r->out, "</svg>\n<figcaption>");
		html_text(&r->out, lan_refs[k].name);
		html_lit(&r->out, "</figcaption>\n</figure>\n");
	}
	html_lit(&r->out, "</div>\n");
	ui_table_begin(r, "Finsam-insatser per län och år", "figures");
	html_lit(&r->out,
	    "<caption>Finsam-insatser per län och år (identifierade)"
	    "</caption>\n<thead><tr><th scope=\"col\">Län</th>");
	for (int64_t y = y0; y <= y1; y++)
		htmlf(&r->out, "<th scope=\"col\">%lld</th>", (long long)y);
	html_lit(&r->out, "</tr></thead>\n<tbody>\n");
	for (size_t k = 0; k < LAN_TOTAL; k++) {
		if (ng[k] == 0)
			continue;
		html_lit(&r->out, "<tr><th scope=\"row\">");
		html_text(&r->out, lan_refs[k].name);
		html_lit(&r->out, "</th>");
		for (int64_t y = y0; y <= y1; y++) {
			int64_t v = 0;

			char from[DATE_LEN], to[DATE_LEN];

			for (size_t i = 0; i < ng[k]; i++)
				if (g[k][i].key == y)
					v = g[k][i].f.finsam.identified;
			year_period(f, false, y, from, to);
			html_lit(&r->out, "<td class=\"num\">");
			fig_link(r, "finsam", 0, from, to, lan_refs[k].code, v);
			html_lit(&r->out, "</td>");
		}
		html_lit(&r->out, "</tr>\n");
	}
	html_lit(&r->out, "</tbody>\n");
	ui_table_end(r);
out:
	for (size_t k = 0; k < LAN_TOTAL; k++)
		free(g[k]);
	free(lr.bits);
	free(sub);
}

/*
 * One row per group, side by side (issue 8): for whoever sees every
 * förbund, one per förbund, sortable by any figure (?sort=, a link per
 * column header, aria-sort on the sorted one); over time, one per year.
 */
static void
compare_table(struct req *r, const struct fu_filter *f,
    const struct followup_row *rows, size_t n, const char *by,
    const char *caption, const char *first)
{
	struct fu_group *g = NULL;
	const char *sort = req_query(r, "sort");
	bool esf = perm_esf_visible(&r->user);
	size_t ng = 0;

	if (layout_failed(r,
		report_groups(r->st, f->from, f->to, by, rows, n, &g, &ng)) ||
	    ng == 0)
		goto out;
	tl_sort = NULL;
	for (size_t c = 0; c < NCMP && strcmp(by, "forbund") == 0; c++) {
		if (sort != NULL && strcmp(sort, cmp_cols[c].code) == 0 &&
		    (esf || !cmp_cols[c].esf))
			tl_sort = &cmp_cols[c];
	}
	if (tl_sort != NULL)
		qsort(g, ng, sizeof(*g), cmp_rows);
	ui_table_begin(r, caption, "figures");
	html_lit(&r->out, "<caption>");
	html_text(&r->out, caption);
	htmlf(&r->out, "</caption>\n<thead><tr><th scope=\"col\">%s</th>",
	    first);
	for (size_t c = 0; c < NCMP; c++) {
		if (cmp_cols[c].esf && !esf)
			continue;
		if (strcmp(by, "forbund") != 0) {
			htmlf(&r->out, "<th scope=\"col\">%s</th>",
			    cmp_cols[c].title);
			continue;
		}
		/* The attribute is markup, not text: html_lit, not %s. */
		if (tl_sort == &cmp_cols[c])
			html_lit(&r->out,
			    "<th scope=\"col\" aria-sort=\"descending\">");
		else
			html_lit(&r->out, "<th scope=\"col\">");
		htmlf(&r->out,
		    "<a href=\"/uppfoljning?from=%s&amp;to=%s&amp;lan=%s&amp;"
		    "per=%s&amp;sort=%s\">%s<span class=\"visually-hidden\">, "
		    "sortera</span></a></th>",
		    f->from, f->to, f->lan, f->quarters ? "kvartal" : "ar",
		    cmp_cols[c].code, cmp_cols[c].title);
	}
	html_lit(&r->out, "</tr></thead>\n<tbody>\n");
	for (size_t i = 0; i < ng; i++) {
		html_lit(&r->out, "<tr><th scope=\"row\">");
		html_text(&r->out, g[i].label);
		html_lit(&r->out, "</th>");
		for (size_t c = 0; c < NCMP; c++) {
			if (cmp_cols[c].esf && !esf)
				continue;
			html_lit(&r->out, "<td class=\"num\">");
			if (cmp_cols[c].fu == NULL)
				html_money(&r->out,
				    cmp_get(&cmp_cols[c], &g[i].f));
			else if (strcmp(by, "forbund") == 0)
				fig_link(r, cmp_cols[c].fu, g[i].key, f->from,
				    f->to, f->lan,
				    cmp_get(&cmp_cols[c], &g[i].f));
			else {
				char from[DATE_LEN], to[DATE_LEN];

				year_period(f, strcmp(by, "quarter") == 0,
				    g[i].key, from, to);
				fig_link(r, cmp_cols[c].fu, f->forbund_id, from,
				    to, f->lan, cmp_get(&cmp_cols[c], &g[i].f));
			}
			html_lit(&r->out, "</td>");
		}
		html_lit(&r->out, "</tr>\n");
	}
	html_lit(&r->out, "</tbody>\n");
	ui_table_end(r);
	if (strcmp(by, "forbund") != 0)
		years_svg(r, g, ng, esf, by);
out:
	free(g);
}

static void
download_links(struct req *r, const struct fu_filter *f)
{
	struct buf base;

	buf_init(&base);
	buf_printf(&base, "/uppfoljning?from=%s&to=%s&lan=%s&per=%s&", f->from,
	    f->to, f->lan, f->quarters ? "kvartal" : "ar");
	if (f->forbund_id > 0)
		buf_printf(&base, "forbund=%lld&", (long long)f->forbund_id);
	ui_export_links(r, buf_cstr(&base));
	buf_free(&base);
}

void
ui_followup(struct req *r)
{
	struct field_errors fe;
	struct fu_filter f;
	struct followup_row *rows = NULL;
	struct followup *fu = xcalloc(1, sizeof(*fu));
	size_t n = 0;

	field_errors_init(&fe);
	filter_parse(r, &f, &fe);
	if (!perm_followup_all(&r->user) && f.forbund_id == 0) {
		layout_error(r, 403,
		    "Uppföljningen visas för ett förbund; ditt "
		    "konto hör inte till något förbund.");
		goto out;
	}
	if (fe.n == 0 && export_format_ok(req_query(r, "format"))) {
		followup_file(r, &f);
		goto out;
	}
	if (fe.n > 0)
		r->status = 422;
	layout_begin(r, "Uppföljning");
	filter_form(r, &f, &fe);
	if (fe.n == 0) {
		if (layout_failed(r,
			report_load(r->st, f.forbund_id, f.lan, f.from, f.to,
			    f.quarters, r->app.today, fu, &rows, &n)))
			n = 0;
		/* R1: the board sees nothing of ESF+. */
		if (perm_esf_visible(&r->user))
			esf_section(r, &f, fu);
		finsam_section(r, &f, fu);
		html_lit(&r->out, "<h2>Jämförelse</h2>\n");
		if (perm_followup_all(&r->user) && f.forbund_id == 0)
			compare_table(r, &f, rows, n, "forbund",
			    "Förbunden sida vid sida", "Förbund");
		if (f.quarters)
			compare_table(r, &f, rows, n, "quarter",
			    "Över tid: per kvartal då ärendet identifierades",
			    "Kvartal");
		else
			compare_table(r, &f, rows, n, "year",
			    "Över tid: per år då ärendet identifierades", "År");
		if (perm_followup_all(&r->user) && f.forbund_id == 0)
			lan_multiples(r, &f, rows, n);
		download_links(r, &f);
	}
	layout_end(r);
out:
	free(rows);
	free(fu);
}
