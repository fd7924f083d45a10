/*
 * ui_admin.c - the administration pages: förbund (list, show with its
 * parties, create from kommunkoder and länskoder checked against the
 * reference list in kommuner.c) and users (list, create with an Argon2id
 * password hash). Creating is for admin only (perm_admin); a förbund's
 * page is for whoever may see the förbund (perm_forbund_visible).
 * The same checks as the JSON API (api_org.c): every förbund gets FK and
 * AF plus its member kommuner and regioner; a new user is judged by
 * user_check (users.c), as on the command line and in the API.
 */
#include <ctype.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "app/org.h"
#include "app/password.h"
#include "app/account.h"
#include "app/users.h"
#include "domain/kommuner.h"
#include "domain/perm.h"
#include "html.h"
#include "layout.h"
#include "ui.h"
#include "ui_handlers.h"
#include "util/buf.h"
#include "util/xmalloc.h"

#define CODES_MAX 1024 /* bytes of a code list field */

/* ---- förbund ---------------------------------------------------------- */

/* True if code is in the list of codes ("0180, 0181" or ",0180,"). */
static bool
code_in(const char *list, const char *code)
{
	size_t n = strlen(code);

	for (const char *p = list; p != NULL && (p = strstr(p, code)) != NULL;
	     p += n) {
		bool start = p == list || strchr(", ;\t", p[-1]) != NULL;
		bool end = p[n] == '\0' || strchr(", ;\t", p[n]) != NULL;

		if (start && end) {
			return true;
		}
	}
	return false;
}

/*
 * The member kommuner and regioner picked by name: one fold per län with
 * its kommuner (open when one is chosen), then the regioner. Checked:
 * the codes in kommuner and regioner (a posted form kept).
 */
static void
member_choices(struct req *r, const struct field_errors *fe,
    const char *kommuner, const char *regioner)
{
	const char *kerr = fe != NULL ? field_error_get(fe, "kommuner") : NULL;
	const char *rerr = fe != NULL ? field_error_get(fe, "regioner") : NULL;

	html_lit(&r->out,
	    "<fieldset id=\"kommuner\"><legend>Medlemskommuner "
	    "<span class=\"required\">(obligatoriskt)</span></legend>\n");
	if (kerr != NULL) {
		html_lit(&r->out, "<p class=\"error\">");
		html_text(&r->out, kerr);
		html_lit(&r->out, "</p>\n");
	}
	for (size_t l = 0; l < LAN_TOTAL; l++) {
		bool any = false;

		for (size_t k = 0; k < KOMMUNER_TOTAL; k++) {
			any = any ||
			    (strcmp(kommun_refs[k].lan, lan_refs[l].code) ==
				    0 &&
				code_in(kommuner, kommun_refs[k].code));
		}
		htmlf(&r->out, "<details%s><summary>%s</summary>\n",
		    any ? " open" : "", lan_refs[l].name);
		for (size_t k = 0; k < KOMMUNER_TOTAL; k++) {
			if (strcmp(kommun_refs[k].lan, lan_refs[l].code) != 0)
				continue;
			htmlf(&r->out,
			    "<div class=\"field-checkbox\"><input "
			    "type=\"checkbox\" id=\"kommun_%s\" "
			    "name=\"kommun_%s\" value=\"1\"%s> <label "
			    "for=\"kommun_%s\">%s <span class=\"hint\">(%s)"
			    "</span></label></div>\n",
			    kommun_refs[k].code, kommun_refs[k].code,
			    code_in(kommuner, kommun_refs[k].code) ? " checked"
								   : "",
			    kommun_refs[k].code, kommun_refs[k].name,
			    kommun_refs[k].code);
		}
		html_lit(&r->out, "</details>\n");
	}
	html_lit(&r->out,
	    "</fieldset>\n<fieldset id=\"regioner\"><legend>"
	    "Medlemsregioner</legend>\n<p class=\"hint\">Gotland har ingen "
	    "egen region: Region Gotland är kommun 0980 och står för båda."
	    "</p>\n");
	if (rerr != NULL) {
		html_lit(&r->out, "<p class=\"error\">");
		html_text(&r->out, rerr);
		html_lit(&r->out, "</p>\n");
	}
	for (size_t l = 0; l < LAN_TOTAL; l++) {
		if (region_member_refusal(lan_refs[l].code) != NULL)
			continue;
		htmlf(&r->out,
		    "<div class=\"field-checkbox\"><input type=\"checkbox\" "
		    "id=\"region_%s\" name=\"region_%s\" value=\"1\"%s> "
		    "<label for=\"region_%s\">%s</label></div>\n",
		    lan_refs[l].code, lan_refs[l].code,
		    code_in(regioner, lan_refs[l].code) ? " checked" : "",
		    lan_refs[l].code, lan_refs[l].region);
	}
	html_lit(&r->out, "</fieldset>\n");
}

static void
forbund_form(struct req *r, const char *name, const char *kommuner,
    const char *regioner, const struct field_errors *fe)
{
	html_lit(&r->out, "<h2>Skapa ett förbund</h2>\n");
	if (fe != NULL && fe->n > 0)
		html_error_summary(r, fe);
	html_lit(&r->out,
	    "<p>Försäkringskassan och Arbetsförmedlingen blir "
	    "parter i varje förbund. Ange de kommuner och regioner som är "
	    "medlemmar.</p>\n<form method=\"post\" action=\"/forbund\" "
	    "novalidate>\n");
	html_csrf(r);
	html_input(r, fe, "name", "Förbundets namn", "text", name, true);
	member_choices(r, fe, kommuner, regioner);
	html_lit(&r->out,
	    "<button type=\"submit\">Skapa förbundet</button>\n"
	    "</form>\n");
}

static void
forbund_page(struct req *r, const char *name, const char *kommuner,
    const char *regioner, const struct field_errors *fe)
{
	struct forbund_brief *fb = NULL;
	size_t n = 0, i, shown = 0;

	if (layout_failed(r, store_forbund_list(r->st, &fb, &n)))
		n = 0;
	layout_begin(r, "Förbund");
	ui_ok_notice(r);
	for (i = 0; i < n; i++) {
		if (!perm_forbund_visible(&r->user, fb[i].id))
			continue;
		if (shown++ == 0) {
			ui_table_begin(r, "Samordningsförbund", NULL);
			html_lit(&r->out,
			    "<caption>Samordningsförbund"
			    "</caption>\n<thead><tr><th scope=\"col\">Namn</th>"
			    "<th scope=\"col\">Antal parter</th></tr></thead>\n"
			    "<tbody>\n");
		}
		htmlf(&r->out,
		    "<tr><th scope=\"row\"><a href=\"/forbund/%lld\">"
		    "%s</a></th><td>%zu</td></tr>\n",
		    (long long)fb[i].id, fb[i].name, fb[i].nparties);
	}
	if (shown > 0) {
		html_lit(&r->out, "</tbody>\n");
		ui_table_end(r);
	} else {
		html_lit(&r->out, "<p>Inga förbund.</p>\n");
	}
	if (perm_admin(&r->user))
		forbund_form(r, name, kommuner, regioner, fe);
	layout_end(r);
	free(fb);
}

void
ui_forbund_list(struct req *r)
{
	forbund_page(r, "", "", "", NULL);
}

void
ui_forbund_show(struct req *r)
{
	struct forbund *f = xmalloc(sizeof(*f));
	const char *lan;
	size_t i;

	if (!perm_forbund_visible(&r->user, r->id[0]) ||
	    layout_failed(r, store_forbund_get(r->st, r->id[0], f))) {
		layout_error_berr(r, B_NOTFOUND);
		goto out;
	}
	layout_begin(r, f->name);
	ui_ok_notice(r);
	ui_table_begin(r, "Förbundets parter", NULL);
	html_lit(&r->out,
	    "<caption>Förbundets parter</caption>\n"
	    "<thead><tr><th scope=\"col\">Part</th><th scope=\"col\">Slag</th>"
	    "<th scope=\"col\">Kod</th><th scope=\"col\">Län</th></tr></thead>\n"
	    "<tbody>\n");
	for (i = 0; i < f->nparties; i++) {
		const struct party *p = &f->parties[i];

		lan = NULL;
		if (p->kind == PK_KOMMUN && kommun_lan(p->code) != NULL)
			lan = lan_name(kommun_lan(p->code));
		else if (p->kind == PK_REGION)
			lan = lan_name(p->code);
		htmlf(&r->out,
		    "<tr><th scope=\"row\">%s</th><td>%s</td>"
		    "<td>%s</td><td>%s</td></tr>\n",
		    p->name, party_kind_label(p->kind),
		    p->code[0] != '\0' ? p->code : "–",
		    lan != NULL ? lan : "–");
	}
	html_lit(&r->out, "</tbody>\n");
	ui_table_end(r);
	htmlf(&r->out,
	    "<p><a href=\"/behov?forbund=%lld\">Förbundets "
	    "behovskartläggning</a> · <a href=\"/arenden?forbund=%lld\">"
	    "Förbundets ärenden</a></p>\n",
	    (long long)f->id, (long long)f->id);
	layout_end(r);
out:
	free(f);
}

/*
 * Reads a comma separated code list field into parties of kind, naming
 * every bad or repeated code in one Swedish message beside the field.
 */
/*
 * The codes chosen for field ("kommuner", "regioner"): the boxes ticked
 * by name (kommun_0180, region_01) and any typed list of codes, into b.
 */
static void
picked_codes(struct req *r, enum party_kind kind, struct buf *b)
{
	const char *typed =
	    req_form(r, kind == PK_KOMMUN ? "kommuner" : "regioner");
	char f[24];

	if (typed != NULL)
		buf_puts(b, typed);
	if (kind == PK_KOMMUN) {
		for (size_t k = 0; k < KOMMUNER_TOTAL; k++) {
			snprintf(f, sizeof(f), "kommun_%s",
			    kommun_refs[k].code);
			if (form_bool(r, f))
				buf_printf(b, ",%s", kommun_refs[k].code);
		}
		return;
	}
	for (size_t l = 0; l < LAN_TOTAL; l++) {
		snprintf(f, sizeof(f), "region_%s", lan_refs[l].code);
		if (form_bool(r, f))
			buf_printf(b, ",%s", lan_refs[l].code);
	}
}

static void
parse_codes(struct req *r, struct field_errors *fe, const char *field,
    enum party_kind kind, struct forbund *f, const char *given)
{
	char list[CODES_MAX], bad[256] = "";
	const char *label = kind == PK_KOMMUN ? "Kommunkoder" : "Länskoder";
	size_t first = f->nparties, ngood = 0, j;
	char *tok, *save = NULL;
	bool gotland = false;

	(void)r;
	/* The regioner may be empty: forbund_regions_refusal decides. */
	if (strlen(given) >= sizeof(list) || !text_valid_utf8(given, false)) {
		field_error_add(fe, field, "%s: för många eller ogiltiga.",
		    label);
		return;
	}
	memcpy(list, given, strlen(given) + 1);
	for (tok = strtok_r(list, ", ;\t", &save); tok != NULL;
	     tok = strtok_r(NULL, ", ;\t", &save)) {
		bool ok = kind == PK_KOMMUN
		    ? kommun_name(tok) != NULL
		    : region_member_refusal(tok) == NULL;

		if (kind == PK_REGION && strcmp(tok, "09") == 0) {
			gotland = true; /* its own message below */
			continue;
		}

		for (j = first; ok && j < f->nparties; j++) {
			if (strcmp(f->parties[j].code, tok) == 0)
				ok = false;
		}
		if (!ok || !forbund_add_party(f, kind, tok)) {
			size_t bl = strlen(bad), tl = strlen(tok);

			/* Named while they fit; the message stays short. */
			if (bl + 2 + tl < sizeof(bad)) {
				memcpy(bad + bl, ", ", bl > 0 ? 2 : 0);
				bl += bl > 0 ? 2 : 0;
				memcpy(bad + bl, tok, tl + 1);
			}
			continue;
		}
		ngood++;
	}
	if (gotland)
		field_error_add(fe, field, "%s%s%s",
		    region_member_refusal("09"),
		    bad[0] != '\0' ? " Okänd eller upprepad kod: " : "", bad);
	else if (bad[0] != '\0')
		field_error_add(fe, field,
		    "%s: okänd eller upprepad kod: %s. "
		    "%s",
		    label, bad,
		    kind == PK_KOMMUN ? "En kommunkod har "
					"fyra siffror, t.ex. 0180."
				      : "En länskod har två siffror, "
					"t.ex. 01.");
	else if (ngood == 0 && kind == PK_KOMMUN)
		field_error_add(fe, field, "Välj minst en kommun.");
}

void
ui_forbund_create(struct req *r)
{
	struct forbund *f = xcalloc(1, sizeof(*f));
	struct field_errors fe;
	struct buf kb, gb;
	char path[64];
	int64_t id;
	int err;

	field_errors_init(&fe);
	buf_init(&kb);
	buf_init(&gb);
	org_forbund_init(f);
	form_text(r, &fe, "name", "Förbundets namn", f->name, sizeof(f->name),
	    true, false);
	picked_codes(r, PK_KOMMUN, &kb);
	picked_codes(r, PK_REGION, &gb);
	parse_codes(r, &fe, "kommuner", PK_KOMMUN, f, buf_cstr(&kb));
	parse_codes(r, &fe, "regioner", PK_REGION, f, buf_cstr(&gb));
	err = org_forbund_create(&r->app, f, &id, &fe);
	if (err == B_FORBIDDEN) {
		layout_error(r, 403, "Bara administratörer kan skapa förbund.");
		goto out;
	}
	if (err == B_INVALID || err == B_CONFLICT) {
		r->status = 422;
		forbund_page(r, f->name, buf_cstr(&kb), buf_cstr(&gb), &fe);
	} else if (err != B_OK) {
		layout_error_berr(r, err);
	} else {
		snprintf(path, sizeof(path), "/forbund/%lld?ok=forbund",
		    (long long)id);
		req_redirect(r, path);
	}
out:
	buf_free(&kb);
	buf_free(&gb);
	free(f);
}

/* ---- users ------------------------------------------------------------ */

/* Select options owned by one page render. */
struct opts {
	size_t n;
	const char **codes;
	const char **labels;
	char (*ids)[24];
	char (*lab)[2 * NAME_MAX_ + 8];
};

static void
opts_init(struct opts *o, size_t max)
{
	o->n = 0;
	o->codes = xcalloc(max + 1, sizeof(*o->codes));
	o->labels = xcalloc(max + 1, sizeof(*o->labels));
	o->ids = xcalloc(max + 1, sizeof(*o->ids));
	o->lab = xcalloc(max + 1, sizeof(*o->lab));
}

static void
opts_add(struct opts *o, int64_t id, const char *a, const char *b)
{
	snprintf(o->ids[o->n], sizeof(o->ids[o->n]), "%lld", (long long)id);
	snprintf(o->lab[o->n], sizeof(o->lab[o->n]), "%s%s%s", a,
	    b != NULL ? ": " : "", b != NULL ? b : "");
	o->codes[o->n] = o->ids[o->n];
	o->labels[o->n] = o->lab[o->n];
	o->n++;
}

static void
opts_free(struct opts *o)
{
	free(o->lab);
	free(o->ids);
	free(o->labels);
	free(o->codes);
}

/* Förbund and party options over every förbund (admin sees all). */
static void
org_opts(struct req *r, struct opts *fo, struct opts *po)
{
	struct forbund_brief *fb = NULL;
	struct forbund *f = xmalloc(sizeof(*f));
	size_t n = 0, i, j;

	if (layout_failed(r, store_forbund_list(r->st, &fb, &n)))
		n = 0;
	opts_init(fo, n);
	opts_init(po, n * MAX_PARTIES);
	for (i = 0; i < n; i++) {
		opts_add(fo, fb[i].id, fb[i].name, NULL);
		if (layout_failed(r, store_forbund_get(r->st, fb[i].id, f)))
			continue;
		for (j = 0; j < f->nparties; j++)
			opts_add(po, f->parties[j].id, f->name,
			    f->parties[j].name);
	}
	free(f);
	free(fb);
}

/* The users u may see (all for the admin, its förbund's for a kansli). */
static void
users_table(struct req *r, const struct opts *fo, const struct opts *po)
{
	struct user *u = NULL;
	int64_t scope = perm_user_list(&r->user);
	char id[24];
	size_t n = 0, i, j;

	if (scope < 0 ||
	    layout_failed(r, store_user_list(r->st, scope, &u, &n)))
		n = 0;
	ui_table_begin(r, "Användare", NULL);
	html_lit(&r->out,
	    "<caption>Användare</caption>\n<thead><tr>"
	    "<th scope=\"col\">Namn</th><th scope=\"col\">E-post</th>"
	    "<th scope=\"col\">Roll</th><th scope=\"col\">Förbund och part"
	    "</th><th scope=\"col\">Konto</th><th scope=\"col\">"
	    "<span class=\"visually-hidden\">Åtgärd</span></th></tr></thead>"
	    "\n<tbody>\n");
	for (i = 0; i < n; i++) {
		const char *org = "–";

		snprintf(id, sizeof(id), "%lld",
		    (long long)(u[i].party_id != 0 ? u[i].party_id
						   : u[i].forbund_id));
		if (u[i].party_id != 0 || u[i].forbund_id != 0) {
			const struct opts *o = u[i].party_id != 0 ? po : fo;

			for (j = 0; j < o->n; j++) {
				if (strcmp(o->codes[j], id) == 0)
					org = o->labels[j];
			}
		}
		htmlf(&r->out,
		    "<tr><th scope=\"row\">%s</th><td>%s</td>"
		    "<td>%s</td><td>%s</td><td>%s</td><td>",
		    u[i].name, u[i].email, role_label(u[i].role), org,
		    u[i].active ? "Aktivt" : "Avstängt");
		if (perm_user_manage(&r->user, &u[i]))
			htmlf(&r->out,
			    "<a href=\"/anvandare/%lld\">Ändra<span "
			    "class=\"visually-hidden\"> %s</span></a>",
			    (long long)u[i].id, u[i].name);
		html_lit(&r->out, "</td></tr>\n");
	}
	html_lit(&r->out, "</tbody>\n");
	ui_table_end(r);
	free(u);
}

/*
 * The förbund whose parties the form offers (no script: chosen with a
 * GET form first, then kept): ?forbund=ID or the posted forbund_id.
 */
static const char *
chosen_forbund(struct req *r)
{
	const char *v = req_form(r, "forbund_id");

	if (v == NULL || v[0] == '\0')
		v = req_query(r, "forbund");
	return v != NULL && v[0] != '\0' ? v : NULL;
}

/* The parties of the chosen förbund only, for the user form. */
static void
party_opts(struct req *r, const char *chosen, struct opts *po)
{
	struct forbund *f = xmalloc(sizeof(*f));
	int64_t fid = 0;

	opts_init(po, MAX_PARTIES);
	if (chosen != NULL && parse_int64(chosen, &fid) && fid > 0 &&
	    store_forbund_get(r->st, fid, f) == B_OK) {
		for (size_t j = 0; j < f->nparties; j++)
			opts_add(po, f->parties[j].id, f->parties[j].name,
			    NULL);
	}
	free(f);
}

static void
user_form(struct req *r, const struct opts *fo, const struct opts *po,
    const struct field_errors *fe)
{
	const char *chosen = chosen_forbund(r);

	const char *rc[ROLE__COUNT], *rl[ROLE__COUNT];
	const char *v;
	int i;

	for (i = 0; i < ROLE__COUNT; i++) {
		rc[i] = role_code((enum role)i);
		rl[i] = role_label((enum role)i);
	}
	html_lit(&r->out, "<h2>Lägg till en användare</h2>\n");
	if (fe != NULL && fe->n > 0)
		html_error_summary(r, fe);
	/* Step 1 (no script): which förbund, so the parties can be offered. */
	html_lit(&r->out,
	    "<form method=\"get\" action=\"/anvandare\" "
	    "class=\"inline\">\n<label for=\"forbund\">Förbund för "
	    "användaren</label>\n<select id=\"forbund\" name=\"forbund\">\n");
	for (size_t k = 0; k < fo->n; k++)
		htmlf(&r->out, "<option value=\"%s\"%s>%s</option>\n",
		    fo->codes[k],
		    chosen != NULL && strcmp(chosen, fo->codes[k]) == 0
			? " selected"
			: "",
		    fo->labels[k]);
	html_lit(&r->out,
	    "</select>\n<button type=\"submit\" "
	    "class=\"secondary\">Visa förbundets parter</button>\n</form>\n");
	html_lit(&r->out,
	    "<form method=\"post\" action=\"/anvandare\" "
	    "novalidate>\n");
	html_csrf(r);
	v = req_form(r, "email");
	html_input(r, fe, "email", "E-postadress", "email", v ? v : "", true);
	v = req_form(r, "name");
	html_input(r, fe, "name", "Namn", "text", v ? v : "", true);
	html_select(r, fe, "role", "Roll", rc, rl, ROLE__COUNT,
	    req_form(r, "role"), false);
	html_input(r, fe, "password", "Lösenord (minst 12 tecken)", "password",
	    "", true);
	html_lit(&r->out,
	    "<p class=\"hint\">Ledamot, kansli och styrelse hör "
	    "till ett förbund; en ledamot representerar dessutom en part. "
	    "ESF-kansli, nationell och administratör hör inte till något "
	    "förbund.</p>\n");
	html_select(r, fe, "forbund_id", "Förbund", fo->codes, fo->labels,
	    fo->n, chosen, true);
	if (po->n == 0)
		html_lit(&r->out,
		    "<p class=\"hint\">En ledamot representerar en part: "
		    "välj förbundet ovan och ”Visa förbundets parter”.</p>\n");
	else
		html_select(r, fe, "party_id", "Part (för ledamot)", po->codes,
		    po->labels, po->n, req_form(r, "party_id"), true);
	html_lit(&r->out,
	    "<button type=\"submit\">Lägg till användaren"
	    "</button>\n</form>\n");
}

static void
users_page(struct req *r, const struct field_errors *fe)
{
	struct opts fo, po;

	struct opts formpo;

	org_opts(r, &fo, &po);
	party_opts(r, chosen_forbund(r), &formpo);
	layout_begin(r, "Användare");
	ui_ok_notice(r);
	users_table(r, &fo, &po);
	user_form(r, &fo, &formpo, fe);
	layout_end(r);
	opts_free(&formpo);
	opts_free(&po);
	opts_free(&fo);
}

void
ui_users(struct req *r)
{
	struct opts fo, po;

	if (perm_admin(&r->user)) {
		users_page(r, NULL);
		return;
	}
	if (perm_user_list(&r->user) < 0) {
		layout_error(r, 403,
		    "Användare hanteras av administratörer och förbundets "
		    "kansli.");
		return;
	}
	/* The kansli: its förbund's people, changed one by one. */
	org_opts(r, &fo, &po);
	layout_begin(r, "Användare");
	ui_ok_notice(r);
	html_lit(&r->out,
	    "<p>Förbundets ledamöter och styrelse kan du ändra och stänga "
	    "av här. Nya användare läggs till av en administratör.</p>\n");
	users_table(r, &fo, &po);
	layout_end(r);
	opts_free(&po);
	opts_free(&fo);
}

/* A select of ids: "" = none (0). */
static void
form_id(struct req *r, struct field_errors *fe, const char *field,
    const char *what, int64_t *out)
{
	const char *v = req_form(r, field);

	*out = 0;
	if (v == NULL || v[0] == '\0')
		return;
	if (!parse_int64(v, out) || *out <= 0) {
		*out = 0;
		field_error_add(fe, field, "Välj %s i listan.", what);
	}
}

/* Reads the form into u for user_check to judge: B_OK or a store error. */
static int
user_parse(struct req *r, struct user *u, struct field_errors *fe)
{
	const char *rc[ROLE__COUNT];
	const char *pw = req_form(r, "password");
	int i, idx;

	for (i = 0; i < ROLE__COUNT; i++)
		rc[i] = role_code((enum role)i);
	form_text(r, fe, "email", "E-postadress", u->email, sizeof(u->email),
	    true, false);
	form_text(r, fe, "name", "Namn", u->name, sizeof(u->name), true, false);
	if (form_enum(r, fe, "role", "Roll", rc, ROLE__COUNT, &idx, true) &&
	    idx >= 0)
		u->role = (enum role)idx;
	form_id(r, fe, "forbund_id", "ett förbund", &u->forbund_id);
	form_id(r, fe, "party_id", "en part", &u->party_id);
	/* The password is taken as typed: spaces are characters too. */
	return user_check(r->st, u, pw, fe);
}

void
ui_user_create(struct req *r)
{
	struct field_errors fe;
	struct user u;
	char hash[256];
	int err;

	if (!perm_admin(&r->user)) {
		layout_error(r, 403,
		    "Bara administratörer hanterar användare.");
		return;
	}
	memset(&u, 0, sizeof(u));
	field_errors_init(&fe);
	if ((err = user_parse(r, &u, &fe)) != B_OK) {
		layout_error_berr(r, err);
		return;
	}
	if (fe.n > 0) {
		r->status = 422;
		users_page(r, &fe);
		return;
	}
	if (password_hash(req_form(r, "password"), hash, sizeof(hash)) != 0) {
		layout_error_berr(r, B_INTERNAL);
		return;
	}
	err = store_user_create(r->st, &u, hash, r->user.id, &u.id);
	if (err == B_CONFLICT) {
		field_error_add(&fe, "email",
		    "Det finns redan en användare med "
		    "den e-postadressen.");
		r->status = 422;
		users_page(r, &fe);
	} else if (err != B_OK) {
		layout_error_berr(r, err);
	} else {
		req_redirect(r, "/anvandare?ok=anvandare");
	}
}

/* ---- changing a user (issue 9) ----------------------------------------- */

/* The form to change user u (its values, or the posted ones after fe). */
static void
user_edit_page(struct req *r, const struct user *u,
    const struct field_errors *fe, const char *alert)
{
	const char *rc[ROLE__COUNT], *rl[ROLE__COUNT];
	struct opts fo, po, own;
	char cur[24], fcur[24];
	size_t nr = 0;
	int i;

	for (i = 0; i < ROLE__COUNT; i++) {
		if (!perm_user_role(&r->user, (enum role)i,
			perm_admin(&r->user) ? u->forbund_id
					     : r->user.forbund_id))
			continue;
		rc[nr] = role_code((enum role)i);
		rl[nr++] = role_label((enum role)i);
	}
	org_opts(r, &fo, &po);
	snprintf(fcur, sizeof(fcur), "%lld", (long long)u->forbund_id);
	party_opts(r, u->forbund_id != 0 ? fcur : NULL, &own);
	layout_begin(r, u->name);
	htmlf(&r->out, "<p>%s · %s</p>\n", u->email, role_label(u->role));
	if (alert != NULL)
		htmlf(&r->out,
		    "<div class=\"notice notice-error\" role=\"alert\">"
		    "<p>%s</p></div>\n",
		    alert);
	ui_ok_notice(r);
	html_error_summary(r, fe);
	htmlf(&r->out,
	    "<form method=\"post\" action=\"/anvandare/%lld\" "
	    "novalidate>\n",
	    (long long)u->id);
	html_csrf(r);
	html_input(r, fe, "name", "Namn", "text", u->name, true);
	html_select(r, fe, "role", "Roll", rc, rl, nr, role_code(u->role),
	    false);
	if (perm_admin(&r->user))
		html_select(r, fe, "forbund_id", "Förbund", fo.codes, fo.labels,
		    fo.n, fcur, true);
	snprintf(cur, sizeof(cur), "%lld", (long long)u->party_id);
	html_select(r, fe, "party_id", "Part (för ledamot)", own.codes,
	    own.labels, own.n, cur, true);
	html_lit(&r->out,
	    "<p class=\"hint\">En annan parts förbund: ändra förbundet och "
	    "spara först, välj sedan parten.</p>\n");
	html_checkbox(r, "active",
	    "Kontot är aktivt (avmarkera för att "
	    "stänga av: inloggningar och API-nycklar "
	    "slutar gälla direkt)",
	    u->active);
	html_field_error(r, fe, "active");
	html_lit(&r->out,
	    "<div class=\"actions\"><button type=\"submit\">Spara"
	    "</button> <a href=\"/anvandare\">Tillbaka till "
	    "användarna</a></div>\n</form>\n");
	if (perm_admin(&r->user)) {
		htmlf(&r->out,
		    "<section aria-labelledby=\"engang\">\n<h2 id=\"engang\">"
		    "Engångslösenord</h2>\n<p class=\"hint\">Användaren "
		    "måste byta det vid nästa inloggning. Alla användarens "
		    "inloggningar avslutas.</p>\n<form method=\"post\" "
		    "action=\"/anvandare/%lld/losenord\" novalidate>\n",
		    (long long)u->id);
		html_csrf(r);
		html_input(r, fe, "password",
		    "Engångslösenord (minst 12 tecken)", "password", "", true);
		html_lit(&r->out,
		    "<div class=\"actions\"><button type=\"submit\" "
		    "class=\"secondary\">Sätt engångslösenord</button></div>"
		    "\n</form>\n</section>\n");
	}
	layout_end(r);
	opts_free(&own);
	opts_free(&po);
	opts_free(&fo);
}

/* The user of the path, if r's user may change them; else answered. */
static bool
user_for_edit(struct req *r, struct user *u)
{
	int err = store_user_get(r->st, r->id[0], u);

	if (err == B_OK && !perm_user_visible(&r->user, u))
		err = B_NOTFOUND;
	if (err == B_OK && !perm_user_manage(&r->user, u)) {
		layout_error(r, 403,
		    "Du får inte ändra den här användaren: kansliet ändrar "
		    "sitt förbunds ledamöter och styrelse.");
		return false;
	}
	if (err != B_OK) {
		layout_error_berr(r, err);
		return false;
	}
	return true;
}

void
ui_user_edit(struct req *r)
{
	struct user u;

	if (user_for_edit(r, &u))
		user_edit_page(r, &u, NULL, NULL);
}

void
ui_user_save(struct req *r)
{
	const char *rc[ROLE__COUNT];
	struct user_change ch;
	struct field_errors fe;
	struct user u, shown;
	char path[64];
	int idx, err, i;

	if (!user_for_edit(r, &u))
		return;
	field_errors_init(&fe);
	memset(&ch, 0, sizeof(ch));
	for (i = 0; i < ROLE__COUNT; i++)
		rc[i] = role_code((enum role)i);
	ch.has_name = form_text(r, &fe, "name", "Namn", ch.name,
	    sizeof(ch.name), true, false);
	if (form_enum(r, &fe, "role", "Roll", rc, ROLE__COUNT, &idx, true) &&
	    idx >= 0) {
		ch.has_role = true;
		ch.role = (enum role)idx;
	}
	if (perm_admin(&r->user)) {
		ch.has_forbund = true;
		form_id(r, &fe, "forbund_id", "ett förbund", &ch.forbund_id);
	}
	ch.has_party = true;
	form_id(r, &fe, "party_id", "en part", &ch.party_id);
	/* A party of another förbund cannot stay when the förbund changes. */
	if (ch.has_forbund && ch.forbund_id != u.forbund_id)
		ch.party_id = 0;
	ch.has_active = true;
	ch.active = form_bool(r, "active");
	err = fe.n > 0 ? B_INVALID
		       : acct_user_update(&r->app, u.id, &ch, &fe, &shown);
	if (err == B_OK) {
		snprintf(path, sizeof(path), "/anvandare/%lld?ok=andrad",
		    (long long)u.id);
		req_redirect(r, path);
		return;
	}
	if (err == B_INVALID) {
		shown = u;
		if (ch.has_name)
			memcpy(shown.name, ch.name, sizeof(shown.name));
		if (ch.has_role)
			shown.role = ch.role;
		shown.active = ch.active;
		r->status = 422;
		user_edit_page(r, &shown, &fe, NULL);
	} else if (err == B_FORBIDDEN) {
		layout_error(r, 403,
		    "Du får inte ge den rollen eller flytta användaren till "
		    "ett annat förbund.");
	} else {
		layout_error_berr(r, err);
	}
}

void
ui_user_password(struct req *r)
{
	struct field_errors fe;
	struct user u;
	char path[64];
	int err;

	if (!user_for_edit(r, &u))
		return;
	field_errors_init(&fe);
	err = acct_password_set(&r->app, u.id, req_form(r, "password"), true,
	    &fe);
	if (err == B_INVALID) {
		r->status = 422;
		user_edit_page(r, &u, &fe, NULL);
	} else if (err == B_FORBIDDEN) {
		layout_error(r, 403,
		    "Bara en administratör sätter engångslösenord.");
	} else if (err != B_OK) {
		layout_error_berr(r, err);
	} else {
		snprintf(path, sizeof(path),
		    "/anvandare/%lld?ok=engangslosenord", (long long)u.id);
		req_redirect(r, path);
	}
}
