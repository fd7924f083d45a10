/*
 * ui_budget.c - the förbund's budget per year in the browser (GET
 * /budget?ar=YEAR[&forbund=ID], POST /budget): the parties' offers, the
 * frame T and which party binds it, what each party pays in whole kronor
 * that add up to T, the board's grants of the year against the frame, and
 * the calculation explained step by step in Swedish (DOMAIN.md 2, R9).
 *
 * The arithmetic is domain/finsam.c's and saving is svc_finsam.c's; this
 * file reads the form (amounts in kronor, shares in percent) and renders.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "app/svc_finsam.h"
#include "domain/finsam.h"
#include "html.h"
#include "layout.h"
#include "ui.h"
#include "ui_finsam.h"
#include "ui_handlers.h"
#include "util/xmalloc.h"

static const char *
party_name(const struct forbund *fb, int64_t id)
{
	const struct party *p = forbund_party(fb, id);

	return p != NULL ? p->name : "okänd part";
}

static void
binding_names(struct req *r, const struct budget *b, const struct forbund *fb)
{
	size_t i, k = 0;

	for (i = 0; i < b->n; i++) {
		if (b->o[i].binding) {
			if (k++ > 0) {
				html_lit(&r->out, " och ");
			}
			html_text(&r->out, party_name(fb, b->o[i].party_id));
		}
	}
	if (k == 0) {
		html_lit(&r->out, "–");
	}
}

static void
frame_row(struct req *r, const struct budget_offer *o, const char *name)
{
	char pct[32];

	htmlf(&r->out, "<tr><th scope=\"row\">%s%s</th><td class=\"num\">",
	    name, o->binding ? " (sätter ramen)" : "");
	html_money(&r->out, o->amount);
	html_lit(&r->out, "</td><td class=\"num\">");
	if (o->kind == PK_KOMMUN || o->kind == PK_REGION) {
		ui_finsam_percent(o->share_ppm, pct, sizeof(pct));
		htmlf(&r->out, "%s %%", pct);
	} else {
		html_lit(&r->out, "hälften av ramen");
	}
	html_lit(&r->out, "</td><td class=\"num\">");
	html_money(&r->out, o->limit);
	html_lit(&r->out, "</td><td class=\"num\">");
	html_money(&r->out, o->pays);
	html_lit(&r->out, "</td></tr>\n");
}

static void
frame_section(struct req *r, const struct budget *b, const struct forbund *fb)
{
	int64_t offered = 0;
	size_t i;

	htmlf(&r->out,
	    "<section aria-labelledby=\"ram\">\n<h2 id=\"ram\">Ram "
	    "och fördelning %d</h2>\n<p class=\"frame-total\">Budgetram: "
	    "<strong>",
	    b->year);
	html_money(&r->out, b->frame);
	html_lit(&r->out, "</strong></p>\n<p>Ramen sätts av: <strong>");
	binding_names(r, b, fb);
	html_lit(&r->out, "</strong>.</p>\n");
	ui_table_begin(r, "Parternas bidrag", NULL);
	htmlf(&r->out,
	    "<caption>Parternas bidrag och vad de betalar %d</caption>\n"
	    "<thead><tr><th scope=\"col\">Part</th><th scope=\"col\" "
	    "class=\"num\">Erbjudet bidrag</th><th scope=\"col\" class=\"num\">"
	    "Andel av gruppens del</th><th scope=\"col\" class=\"num\">Ram som "
	    "bidraget medger</th><th scope=\"col\" class=\"num\">Betalar</th>"
	    "</tr></thead>\n<tbody>\n",
	    b->year);
	for (i = 0; i < b->n; i++) {
		frame_row(r, &b->o[i], party_name(fb, b->o[i].party_id));
		offered += b->o[i].amount;
	}
	html_lit(&r->out,
	    "</tbody>\n<tfoot><tr><th scope=\"row\">Summa</th>"
	    "<td class=\"num\">");
	html_money(&r->out, offered);
	html_lit(&r->out, "</td><td></td><td></td><td class=\"num\">");
	html_money(&r->out, b->frame);
	html_lit(&r->out, "</td></tr></tfoot>\n");
	ui_table_end(r);
	html_lit(&r->out, "</section>\n");
}

/* One step of the explanation: the frame party o alone allows. */
static void
calc_step(struct req *r, const struct budget_offer *o, const char *name,
    int groups)
{
	char pct[32];

	htmlf(&r->out, "<li>%s ", name);
	if (o->kind == PK_FK) {
		html_lit(&r->out,
		    "(staten, även för Arbetsförmedlingen) ska "
		    "betala hälften av ramen och erbjuder ");
		html_money(&r->out, o->amount);
		html_lit(&r->out, ". Ramen kan därför vara högst 2 × ");
	} else {
		ui_finsam_percent(o->share_ppm, pct, sizeof(pct));
		htmlf(&r->out, "har andelen %s %% av %s %s och erbjuder ", pct,
		    o->kind == PK_KOMMUN ? "kommunernas" : "regionernas",
		    groups == 2 ? "fjärdedel"
				: "halva (förbundet har bara "
				  "medlemmar av ett slag, som då står för båda "
				  "fjärdedelarna)");
		html_money(&r->out, o->amount);
		htmlf(&r->out, ". Ramen kan därför vara högst %d × ",
		    groups == 2 ? 4 : 2);
		html_money(&r->out, o->amount);
		htmlf(&r->out, " ÷ %s %% = ", pct);
		html_money(&r->out, o->limit);
		html_lit(&r->out, ".</li>\n");
		return;
	}
	html_money(&r->out, o->amount);
	html_lit(&r->out, " = ");
	html_money(&r->out, o->limit);
	html_lit(&r->out, ".</li>\n");
}

static void
calc_section(struct req *r, const struct budget *b, const struct forbund *fb)
{
	int groups = budget_groups(b);
	size_t i;

	html_lit(&r->out,
	    "<section aria-labelledby=\"berakning\">\n<h2 "
	    "id=\"berakning\">Så räknas ramen</h2>\n<p>Enligt Finsam betalar "
	    "staten hälften, kommunerna tillsammans en fjärdedel och regionerna "
	    "tillsammans en fjärdedel. Den part som erbjuder minst i "
	    "förhållande till sin del bestämmer ramen: T = min(2 · S, "
	    "4 · O<sub>i</sub> ÷ andel<sub>i</sub> för varje kommun och "
	    "region i).</p>\n<ol class=\"calc\">\n");
	for (i = 0; i < b->n; i++) {
		if (b->o[i].kind != PK_AF) {
			calc_step(r, &b->o[i], party_name(fb, b->o[i].party_id),
			    groups);
		}
	}
	html_lit(&r->out,
	    "<li>Ramen T är det minsta av dessa tal, avrundat "
	    "nedåt till hela kronor: T = ");
	html_money(&r->out, b->frame);
	html_lit(&r->out, ". Ramen sätts av ");
	binding_names(r, b, fb);
	html_lit(&r->out,
	    ".</li>\n<li>Staten betalar T ÷ 2 och varje kommun "
	    "och region sin andel av sin grupps del. Beloppen avrundas till "
	    "hela kronor med största-restmetoden: alla avrundas först nedåt, "
	    "och de kronor som blir över går en i taget till de parter som har "
	    "störst avrundningsrest. Summan blir då exakt T.</li>\n</ol>\n"
	    "</section>\n");
}

/* The board's grants of the year (from the meetings) against the frame. */
static void
granted_section(struct req *r, int64_t fid, int year)
{
	struct frame_status fs;
	struct meeting *ms = NULL;
	size_t n = 0, i, j, k = 0;

	if (svc_frame_status(&r->app, fid, year, &fs) != B_OK) {
		return;
	}
	htmlf(&r->out,
	    "<section aria-labelledby=\"beviljat\">\n<h2 "
	    "id=\"beviljat\">Beviljat %d mot ramen</h2>\n",
	    year);
	ui_finsam_frame(r, &fs);
	htmlf(&r->out,
	    "<p>Ett beviljat belopp räknas mot budgeten för det år "
	    "då den beviljade perioden börjar, eftersom pengarna används från "
	    "den dagen; saknar beslutet period räknas det mot beslutsåret. "
	    "Bara insatser som styrelsen har beviljat räknas: beviljade, "
	    "pågående och avslutade. Avslag räknas inte. Beviljat för %d:</p>"
	    "\n",
	    year);
	if (layout_failed(r, store_meeting_list(r->st, fid, &ms, &n))) {
		n = 0;
	}
	for (i = 0; i < n; i++) {
		for (j = 0; j < ms[i].nitems; j++) {
			const struct agenda_item *it = &ms[i].items[j];

			/* The grant's year, as store_granted_sum counts it. */
			if (it->outcome != ST_BEVILJAD ||
			    svc_date_year(date_valid(it->period_start)
				    ? it->period_start
				    : ms[i].date) != year) {
				continue;
			}
			if (k++ == 0) {
				ui_table_begin(r, "Beviljade insatser", NULL);
				html_lit(&r->out,
				    "<caption>Styrelsens beviljade "
				    "insatser</caption>\n<thead><tr><th "
				    "scope=\"col\">Insats</th><th scope=\"col\">"
				    "Sammanträde</th><th scope=\"col\" "
				    "class=\"num\">Belopp</th></tr></thead>\n"
				    "<tbody>\n");
			}
			html_lit(&r->out, "<tr><td>");
			ui_case_link(r, it->case_id, it->title);
			htmlf(&r->out,
			    "</td><td><a href=\"/styrelse/moten/%lld\">"
			    "%s</a></td><td class=\"num\">",
			    (long long)ms[i].id, ms[i].date);
			html_money(&r->out, it->amount >= 0 ? it->amount : 0);
			html_lit(&r->out, "</td></tr>\n");
		}
	}
	if (k > 0) {
		html_lit(&r->out, "</tbody>\n");
		ui_table_end(r);
	}
	html_lit(&r->out, "</section>\n");
	free(ms);
}

/* The form value of party p's amount or share (posted, stored or empty). */
static void
offer_value(struct req *r, const struct budget *b, bool exists, bool posted,
    int64_t pid, bool share, char *out, size_t outsz)
{
	const struct budget_offer *o = budget_offer_of(b, pid);
	const char *v;
	char field[40];

	out[0] = '\0';
	snprintf(field, sizeof(field), "%s-%lld", share ? "andel" : "belopp",
	    (long long)pid);
	if (posted) {
		v = req_form(r, field);
		snprintf(out, outsz, "%s", v != NULL ? v : "");
	} else if (o != NULL && share && o->share_ppm > 0) {
		/* Stored, or last year's split as the start of a new year. */
		ui_finsam_percent(o->share_ppm, out, outsz);
	} else if (exists && o != NULL) {
		snprintf(out, outsz, "%lld", (long long)o->amount);
	}
}

static void
form_group(struct req *r, const struct forbund *fb, const struct budget *b,
    bool exists, const struct field_errors *fe, bool posted,
    enum party_kind kind)
{
	char field[40], label[NAME_MAX_ + 48], val[64];
	size_t i;

	for (i = 0; i < fb->nparties; i++) {
		const struct party *p = &fb->parties[i];

		if (p->kind != kind) {
			continue;
		}
		snprintf(field, sizeof(field), "belopp-%lld", (long long)p->id);
		snprintf(label, sizeof(label), "%s: bidrag i kronor", p->name);
		offer_value(r, b, exists, posted, p->id, false, val,
		    sizeof(val));
		html_input(r, fe, field, label, "text", val, true);
		if (kind == PK_FK) {
			continue;
		}
		snprintf(field, sizeof(field), "andel-%lld", (long long)p->id);
		snprintf(label, sizeof(label), "%s: andel i procent", p->name);
		offer_value(r, b, exists, posted, p->id, true, val,
		    sizeof(val));
		html_input(r, fe, field, label, "text", val, false);
	}
}

/* True if fb has a region among its parties (not so for Gotland). */
static bool
has_region(const struct forbund *fb)
{
	size_t i;

	for (i = 0; i < fb->nparties; i++) {
		if (fb->parties[i].kind == PK_REGION) {
			return true;
		}
	}
	return false;
}

static void
budget_form(struct req *r, const struct forbund *fb, const struct budget *b,
    bool exists, const struct field_errors *fe, bool posted)
{
	htmlf(&r->out,
	    "<section aria-labelledby=\"bidrag\">\n<h2 "
	    "id=\"bidrag\">Registrera parternas bidrag %d</h2>\n<p "
	    "class=\"hint\">Ange varje parts bidrag i hela kronor. Andelarna "
	    "anges i procent enligt förbundsordningen: kommunernas andelar av "
	    "kommunernas fjärdedel ska tillsammans bli 100, och likadant för "
	    "regionerna. Lämna alla andelar i en grupp tomma för lika "
	    "delar.</p>\n<form method=\"post\" action=\"/budget\">\n",
	    b->year);
	html_csrf(r);
	htmlf(&r->out, "<input type=\"hidden\" name=\"ar\" value=\"%d\">\n",
	    b->year);
	html_error_summary(r, fe);
	html_lit(&r->out,
	    "<fieldset id=\"offers\">\n<legend>Staten</legend>\n");
	html_field_error(r, fe, "offers");
	form_group(r, fb, b, exists, fe, posted, PK_FK);
	html_lit(&r->out,
	    "<p class=\"hint\">Arbetsförmedlingen lämnar inget "
	    "eget bidrag; statens hälft betalas genom Försäkringskassan.</p>\n"
	    "</fieldset>\n<fieldset>\n<legend>Kommunerna</legend>\n");
	form_group(r, fb, b, exists, fe, posted, PK_KOMMUN);
	if (has_region(fb)) {
		html_lit(&r->out,
		    "</fieldset>\n<fieldset>\n<legend>"
		    "Regionerna</legend>\n");
		form_group(r, fb, b, exists, fe, posted, PK_REGION);
	} else {
		/* Gotland: Region Gotland is kommun 0980 (DOMAIN.md 1). */
		html_lit(&r->out,
		    "<p class=\"hint\">Förbundet har ingen "
		    "region som egen part: Region Gotland är en kommun med "
		    "regionala uppgifter och står för både kommunernas och "
		    "regionernas fjärdedel.</p>\n");
	}
	html_lit(&r->out,
	    "</fieldset>\n<div class=\"actions\"><button "
	    "type=\"submit\">Spara budget</button></div>\n</form>\n</section>\n");
}

static void
budget_render(struct req *r, int64_t fid, const struct budget *b, bool exists,
    const struct field_errors *fe, bool posted)
{
	struct forbund *fb = xcalloc(1, sizeof(*fb));
	char title[40], scope[40] = "";

	if (layout_failed(r, store_forbund_get(r->st, fid, fb))) {
		layout_error_berr(r, B_NOTFOUND);
		goto out;
	}
	if (r->user.forbund_id == 0) {
		snprintf(scope, sizeof(scope), "&forbund=%lld", (long long)fid);
	}
	snprintf(title, sizeof(title), "Budget %d", b->year);
	layout_begin(r, title);
	htmlf(&r->out,
	    "<p>%s</p>\n<p class=\"no-print\"><a href=\"/budget?"
	    "ar=%d%s\">Föregående år (%d)</a> · <a href=\"/budget?ar=%d%s\">"
	    "Nästa år (%d)</a></p>\n",
	    fb->name, b->year - 1, scope, b->year - 1, b->year + 1, scope,
	    b->year + 1);
	ui_finsam_notice(r);
	if (exists) {
		frame_section(r, b, fb);
	} else {
		htmlf(&r->out, "<p>Ingen budget är registrerad för %d.</p>\n",
		    b->year);
	}
	granted_section(r, fid, b->year);
	if (exists) {
		calc_section(r, b, fb);
	}
	if (svc_budget_access(&r->app, fid, true) == B_OK) {
		budget_form(r, fb, b, exists, fe, posted);
	}
	layout_end(r);
out:
	free(fb);
}

/* ?ar=YEAR (2000-2100), else this year. */
static int
year_param(const char *v)
{
	char today[DATE_LEN];
	int64_t y;

	if (v != NULL && parse_int64(v, &y) && y >= PARTICIPANTS_YEAR_MIN &&
	    y <= PARTICIPANTS_YEAR_MAX) {
		return (int)y;
	}
	date_today(today);
	return svc_date_year(today);
}

/*
 * A year without a budget starts from the year before's split (shares,
 * not amounts): the split is data of the förbund, seldom changed.
 */
static int
split_of_year_before(struct req *r, int64_t fid, struct budget *b)
{
	struct budget *prev = xcalloc(1, sizeof(*prev));
	bool had = false;
	int err;

	err = svc_budget_get(&r->app, fid, b->year - 1, prev, &had);
	if (err == B_OK && had) {
		for (size_t i = 0; i < prev->n && i < MAX_PARTIES; i++) {
			b->o[i] = prev->o[i];
			b->o[i].amount = 0;
		}
		b->n = prev->n;
	}
	free(prev);
	return err;
}

void
ui_budget(struct req *r)
{
	struct budget *b = xcalloc(1, sizeof(*b));
	int64_t fid = ui_scope_forbund(r);
	bool exists = false;
	int err;

	if (fid == 0 && r->user.forbund_id == 0) {
		layout_begin(r, "Budget");
		html_lit(&r->out, "<p>Välj förbund.</p>\n");
		ui_forbund_picker(r, "/budget");
		layout_end(r);
		goto out;
	}
	err = svc_budget_get(&r->app, fid, year_param(req_query(r, "ar")), b,
	    &exists);
	if (err == B_OK && !exists) {
		err = split_of_year_before(r, fid, b);
	}
	if (err != B_OK) {
		layout_error_berr(r, err);
		goto out;
	}
	budget_render(r, fid, b, exists, NULL, false);
out:
	free(b);
}

/* Reads one amount and (kommun, region) share per party of fb into b. */
static void
budget_form_parse(struct req *r, const struct forbund *fb, struct budget *b,
    struct field_errors *fe)
{
	char field[40], label[NAME_MAX_ + 16];
	size_t i;

	for (i = 0; i < fb->nparties && b->n < MAX_PARTIES; i++) {
		const struct party *p = &fb->parties[i];
		struct budget_offer *o;

		if (p->kind == PK_AF) {
			continue; /* AF makes no offer of its own */
		}
		o = &b->o[b->n++];
		memset(o, 0, sizeof(*o));
		o->party_id = p->id;
		snprintf(field, sizeof(field), "belopp-%lld", (long long)p->id);
		snprintf(label, sizeof(label), "Bidraget från %s", p->name);
		form_int64(r, fe, field, label, &o->amount, 0,
		    BUDGET_AMOUNT_MAX, true);
		if (p->kind == PK_FK) {
			continue;
		}
		snprintf(field, sizeof(field), "andel-%lld", (long long)p->id);
		/* "0" would read as "not given" and become an equal share. */
		if (!ui_finsam_parse_percent(req_form(r, field),
			&o->share_ppm) ||
		    (o->share_ppm == 0 && req_form(r, field) != NULL &&
			strpbrk(req_form(r, field), "0123456789") != NULL)) {
			field_error_add(fe, field,
			    "Andelen för %s anges i "
			    "procent, till exempel 25 eller 33,3333.",
			    p->name);
		}
	}
}

/* R9 failures named "offers[i].amount" etc. as the form's fields. */
static void
budget_rules_fields(const struct budget *b, const struct rule_list *rl,
    struct field_errors *fe)
{
	const char *f;
	char field[64], *end;
	size_t i;
	long k;

	for (i = 0; i < rl->n; i++) {
		if (rl->r[i].ok) {
			continue;
		}
		f = rl->r[i].field;
		k = strncmp(f, "offers[", 7) == 0 ? strtol(f + 7, &end, 10)
						  : -1;
		if (k < 0 || (size_t)k >= b->n) {
			snprintf(field, sizeof(field), "offers");
		} else {
			snprintf(field, sizeof(field), "%s-%lld",
			    strcmp(end, "].share") == 0 ? "andel" : "belopp",
			    (long long)b->o[k].party_id);
		}
		field_error_add(fe, field, "%s", rl->r[i].message);
	}
}

void
ui_budget_save(struct req *r)
{
	struct budget *b = xcalloc(1, sizeof(*b));
	struct forbund *fb = xcalloc(1, sizeof(*fb));
	struct field_errors fe;
	struct rule_list rl;
	int64_t fid = ui_scope_forbund(r), year = 0;
	char path[64];
	int err;

	field_errors_init(&fe);
	rule_list_init(&rl);
	err = svc_budget_access(&r->app, fid, true);
	if (err == B_OK) {
		err = store_forbund_get(r->st, fid, fb);
	}
	if (err == B_OK &&
	    !form_int64(r, &fe, "ar", "År", &year, PARTICIPANTS_YEAR_MIN,
		PARTICIPANTS_YEAR_MAX, true)) {
		layout_error(r, 422, "Året saknas eller är ogiltigt.");
		goto out;
	}
	if (err != B_OK) {
		layout_error_berr(r, err);
		goto out;
	}
	b->year = (int)year;
	budget_form_parse(r, fb, b, &fe);
	err = fe.n > 0 ? B_INVALID : svc_budget_save(&r->app, fid, b, &rl);
	if (err == B_OK) {
		snprintf(path, sizeof(path), "/budget?ar=%d&ok=budget",
		    b->year);
		req_redirect(r, path);
	} else if (err == B_INVALID) {
		budget_rules_fields(b, &rl, &fe);
		r->status = 422;
		budget_render(r, fid, b, false, &fe, true);
	} else {
		layout_error_berr(r, err);
	}
out:
	free(fb);
	free(b);
}
