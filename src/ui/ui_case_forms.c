/*
 * ui_case_forms.c - the case fields section of the case page: a form
 * grouped in fieldsets by the steps they belong to (only the fieldsets
 * relevant to the case's kind and step, or already filled in), or the
 * same facts read-only for users who may not edit. Also reads the form
 * back: only fields present in the POST are taken, so hidden fieldsets
 * keep their stored values. Validation beyond types is svc_case_update's.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "app/svc.h"
#include "domain/perm.h"
#include "html.h"
#include "layout.h"
#include "ui.h"
#include "util/xmalloc.h"

/* Which fieldsets a case shows (by its step, or because they hold data). */
struct shown {
	bool owner, application, decision, organisation, final;
};

static void
fields_shown(const struct arende *a, struct shown *s)
{
	int step = state_process_step(a->kind, a->state);

	memset(s, 0, sizeof(*s));
	if (a->kind != KIND_ESF)
		return;
	s->owner = step >= 2 || a->owner_party_id != 0;
	s->application = step >= 4 || a->call_id != 0 ||
	    a->submitted_on[0] != '\0' || a->esf_arende_id[0] != '\0' ||
	    a->applied_amount >= 0;
	s->decision =
	    step >= 6 || a->decision_on[0] != '\0' || a->granted_amount >= 0;
	s->organisation = (step >= 7 && a->state != ST_AVSLAG) ||
	    a->project_start[0] != '\0' || a->projektledare[0] != '\0' ||
	    a->overenskommelse_on[0] != '\0';
	s->final = step >= 8 || a->final_report_on[0] != '\0';
}

static const char *
party_name_of(const struct arende *a, int64_t id)
{
	const struct party_row *p;

	if (id == 0)
		return "Ingen vald";
	p = arende_party(a, id);
	return p != NULL ? p->party_name : "Okänd part";
}

/* ---- read-only ------------------------------------------------------ */

static void
dl_text(struct req *r, const char *label, const char *value)
{
	html_lit(&r->out, "<dt>");
	html_text(&r->out, label);
	html_lit(&r->out, "</dt><dd class=\"pre\">");
	if (value == NULL || value[0] == '\0')
		html_lit(&r->out, "–");
	else
		html_text(&r->out, value);
	html_lit(&r->out, "</dd>\n");
}

static void
dl_amount(struct req *r, const char *label, int64_t kr)
{
	html_lit(&r->out, "<dt>");
	html_text(&r->out, label);
	html_lit(&r->out, "</dt><dd>");
	if (kr < 0)
		html_lit(&r->out, "–");
	else
		html_money(&r->out, kr);
	html_lit(&r->out, "</dd>\n");
}

static void
fields_readonly(struct req *r, const struct arende *a, const struct shown *s)
{
	struct utlysning call;

	html_lit(&r->out, "<dl class=\"facts\">\n");
	dl_text(r, "Titel", a->title);
	dl_text(r, "Beskrivning", a->description);
	dl_text(r, "Målgruppen är Finsam-målgruppen",
	    ui_yes_no(a->finsam_malgrupp));
	if (a->kind == KIND_ESF)
		dl_text(r, "Medfinansiärer utanför Finsam-parterna",
		    a->external_cofinancers);
	if (s->owner)
		dl_text(r, "Projektägare", party_name_of(a, a->owner_party_id));
	if (s->application) {
		if (a->call_id != 0 &&
		    store_call_get(r->st, a->call_id, &call) == B_OK)
			dl_text(r, "Utlysning", call.title);
		else
			dl_text(r, "Utlysning", "");
		dl_text(r, "Ansökan inskickad", a->submitted_on);
		dl_text(r, "ESF-rådets ärende-id", a->esf_arende_id);
		dl_amount(r, "Sökt belopp", a->applied_amount);
	}
	if (s->decision) {
		dl_text(r, "Beslutsdatum", a->decision_on);
		dl_amount(r, "Beviljat belopp", a->granted_amount);
	}
	if (s->organisation) {
		dl_text(r, "Period från", a->project_start);
		dl_text(r, "Period till", a->project_end);
	}
	if (s->organisation) {
		dl_text(r, "Projektledare", a->projektledare);
		dl_text(r, "Controller", a->controller);
		dl_text(r, "Administratör", a->administrator);
		dl_text(r, "Överenskommelse registrerad",
		    a->overenskommelse_on);
	}
	if (s->final)
		dl_text(r, "Slutrapport inlämnad", a->final_report_on);
	html_lit(&r->out, "</dl>\n");
}

/* ---- the form ------------------------------------------------------- */

static void
owner_select(struct req *r, const struct arende *a, const struct arende *f,
    const struct field_errors *fe)
{
	const char *codes[MAX_PARTIES], *labels[MAX_PARTIES];
	char ids[MAX_PARTIES][24], sel[24] = "";
	size_t i, n = 0;

	for (i = 0; i < a->nparties && n < MAX_PARTIES; i++) {
		const struct party_row *p = &a->parties[i];

		if (!p->deltar && p->party_id != f->owner_party_id)
			continue;
		snprintf(ids[n], sizeof(ids[n]), "%lld",
		    (long long)p->party_id);
		codes[n] = ids[n];
		labels[n] = p->party_name;
		n++;
	}
	if (f->owner_party_id != 0)
		snprintf(sel, sizeof(sel), "%lld",
		    (long long)f->owner_party_id);
	html_lit(&r->out,
	    "<p class=\"hint\">Projektägaren är den part som "
	    "skriver och skickar in ansökan och administrerar och samordnar "
	    "projektet. Svenska ESF-rådet säger ”projektägare/stödsökande” och "
	    "regeringens uppdrag säger ”projektanordnare”; här används "
	    "projektägare. Välj bland de deltagande parterna.</p>\n");
	html_select(r, fe, "owner_party_id", "Projektägare", codes, labels, n,
	    sel, true);
}

static void
call_select(struct req *r, const struct arende *f,
    const struct field_errors *fe)
{
	struct utlysning *c = NULL;
	struct ui_choices ch;
	size_t i, n = 0;

	if (layout_failed(r, store_call_list(r->st, &c, &n)))
		n = 0;
	ui_choices_init(&ch, n);
	for (i = 0; i < n; i++) {
		char t[160], ref[64], lab[256];

		ui_truncate(c[i].title, 150, t, sizeof(t));
		ui_truncate(c[i].reference, 40, ref, sizeof(ref));
		snprintf(lab, sizeof(lab), "%s (%s), stänger %s", t, ref,
		    c[i].closes);
		ui_choices_add(&ch, c[i].id, lab);
	}
	ui_choices_select(r, &ch, fe, "call_id", "Utlysning", f->call_id, true);
	html_lit(&r->out,
	    "<p class=\"hint\">Ansökan skickas in mot en "
	    "utlysning och inte efter att den stängt (R8). Se "
	    "<a href=\"/utlysningar\">utlysningarna</a>.</p>\n");
	ui_choices_free(&ch);
	free(c);
}

static void
fs_begin(struct req *r, const char *legend)
{
	html_lit(&r->out, "<fieldset>\n<legend>");
	html_text(&r->out, legend);
	html_lit(&r->out, "</legend>\n");
}

static void
fs_end(struct req *r)
{
	html_lit(&r->out, "</fieldset>\n");
}

/* A kronor field: empty when not set (v < 0). */
static void
amount_input(struct req *r, const struct field_errors *fe, const char *name,
    const char *label, int64_t v)
{
	char amount[32] = "";

	if (v >= 0)
		snprintf(amount, sizeof(amount), "%lld", (long long)v);
	html_input(r, fe, name, label, "text", amount, false);
}

static void
fs_basic(struct req *r, const struct arende *f, const struct field_errors *fe)
{
	fs_begin(r, "Grunduppgifter");
	html_lit(&r->out,
	    "<input type=\"hidden\" name=\"f_grund\" "
	    "value=\"1\">\n");
	html_input(r, fe, "title", "Titel", "text", f->title, true);
	html_textarea(r, fe, "description",
	    "Beskrivning (målgrupp, syfte, mål "
	    "och genomförande)",
	    f->description, false);
	html_checkbox(r, "finsam_malgrupp", "Målgruppen är Finsam-målgruppen",
	    f->finsam_malgrupp);
	if (f->kind == KIND_ESF)
		html_input(r, fe, "external_cofinancers",
		    "Medfinansiärer utanför "
		    "Finsam-parterna (lämna tomt om alla är Finsam-parter)",
		    "text", f->external_cofinancers, false);
	fs_end(r);
}

static void
fs_esf(struct req *r, const struct arende *a, const struct arende *f,
    const struct field_errors *fe, const struct shown *s)
{
	if (s->owner) {
		fs_begin(r, "Projektägare (steg 3)");
		if (state_inside_beredning(a->kind, a->state)) {
			owner_select(r, a, f, fe);
		} else {
			/* R2: case_fields_check refuses a change now. */
			htmlf(&r->out,
			    "<p>Projektägare: <strong>%s</strong>"
			    "</p>\n<p class=\"hint\">Parterna kom överens om "
			    "projektägaren i steg 3. Den kan inte bytas när "
			    "ärendet har lämnat beredningsstrukturen.</p>\n",
			    party_name_of(a, a->owner_party_id));
		}
		fs_end(r);
	}
	if (s->application) {
		fs_begin(r, "Ansökan till Svenska ESF-rådet (steg 4–6)");
		call_select(r, f, fe);
		html_input(r, fe, "submitted_on", "Ansökan inskickad (datum)",
		    "date", f->submitted_on, false);
		html_input(r, fe, "esf_arende_id", "ESF-rådets ärende-id",
		    "text", f->esf_arende_id, false);
		amount_input(r, fe, "applied_amount",
		    "Sökt belopp (hela kronor)", f->applied_amount);
		fs_end(r);
	}
	if (s->decision) {
		fs_begin(r, "ESF-rådets beslut (steg 7)");
		html_input(r, fe, "decision_on", "Beslutsdatum", "date",
		    f->decision_on, false);
		amount_input(r, fe, "granted_amount",
		    "Beviljat belopp (hela kronor)", f->granted_amount);
		fs_end(r);
	}
	if (s->organisation) {
		fs_begin(r, "Projektorganisation och genomförande (steg 8)");
		html_input(r, fe, "project_start", "Projektperiod från", "date",
		    f->project_start, false);
		html_input(r, fe, "project_end", "Projektperiod till", "date",
		    f->project_end, false);
		html_input(r, fe, "projektledare", "Projektledare", "text",
		    f->projektledare, false);
		html_input(r, fe, "controller", "Controller", "text",
		    f->controller, false);
		html_input(r, fe, "administrator", "Administratör", "text",
		    f->administrator, false);
		html_lit(&r->out,
		    "<p class=\"hint\">När Försäkringskassan är "
		    "projektägare krävs en skriftlig överenskommelse om "
		    "ansvarsfördelningen mellan FK och de medfinansierande och "
		    "utförande parterna innan projektet genomförs (R5).</p>\n");
		html_input(r, fe, "overenskommelse_on",
		    "Överenskommelse "
		    "registrerad (datum)",
		    "date", f->overenskommelse_on, false);
		ui_case_doc_attached(r, a, DOC_OVERENSKOMMELSE);
		fs_end(r);
	}
	if (s->final) {
		fs_begin(r, "Slutrapport (steg 9)");
		html_input(r, fe, "final_report_on",
		    "Slutrapport inlämnad "
		    "(datum)",
		    "date", f->final_report_on, false);
		fs_end(r);
	}
}

void
ui_case_fields(struct req *r, const struct arende *a,
    const struct ui_case_view *v)
{
	const struct arende *f = v->form != NULL ? v->form : a;
	struct shown s;

	fields_shown(a, &s);
	html_lit(&r->out,
	    "<section aria-labelledby=\"uppgifter\">\n"
	    "<h2 id=\"uppgifter\">Uppgifter om ärendet</h2>\n");
	/* G: a closed case shows its facts, never a form. */
	if (ui_case_closed_note(r, a) || !perm_case_edit(&r->user, a)) {
		fields_readonly(r, a, &s);
		html_lit(&r->out, "</section>\n");
		return;
	}
	/* Forms do not print: the stored facts do, in their place. */
	html_lit(&r->out, "<div class=\"print-only\">\n");
	fields_readonly(r, a, &s);
	html_lit(&r->out, "</div>\n");
	if (v->fe != NULL && v->fe->n > 0)
		html_error_summary(r, v->fe);
	htmlf(&r->out,
	    "<form method=\"post\" action=\"/arenden/%lld#meddelande\" "
	    "novalidate>\n",
	    (long long)a->id);
	html_csrf(r);
	/* The version read: a stale save is refused, never overwrites. */
	htmlf(&r->out,
	    "<input type=\"hidden\" name=\"version\" "
	    "value=\"%lld\">\n",
	    (long long)a->version);
	fs_basic(r, f, v->fe);
	if (a->kind == KIND_ESF)
		fs_esf(r, a, f, v->fe, &s);
	html_lit(&r->out,
	    "<button type=\"submit\">Spara uppgifter</button>\n"
	    "</form>\n");
	html_lit(&r->out, "</section>\n");
}

/* ---- reading the form back ------------------------------------------ */

static void
opt_text(struct req *r, struct field_errors *fe, const char *field,
    const char *label, char *out, size_t outsz, bool required)
{
	if (req_form(r, field) != NULL)
		form_text(r, fe, field, label, out, outsz, required, false);
}

static void
opt_date(struct req *r, struct field_errors *fe, const char *field,
    const char *label, char out[DATE_LEN])
{
	if (req_form(r, field) != NULL)
		form_date(r, fe, field, label, out, false);
}

/* A select of ids: "" = none (0), else a positive id. */
static void
opt_id(struct req *r, struct field_errors *fe, const char *field,
    const char *label, int64_t *out)
{
	const char *v = req_form(r, field);
	int64_t id;

	if (v == NULL)
		return;
	if (v[0] == '\0') {
		*out = 0;
		return;
	}
	if (!parse_int64(v, &id) || id <= 0) {
		field_error_add(fe, field, "Välj %s i listan.", label);
		return;
	}
	*out = id;
}

/*
 * Kronor as officials type them: "1 500 000", "1500000 kr". Spaces
 * (also no-break ones) and a trailing "kr" are dropped; "" = not set.
 */
static void
opt_amount(struct req *r, struct field_errors *fe, const char *field,
    const char *label, int64_t *out)
{
	const char *v = req_form(r, field);
	char digits[32];
	size_t i, n = 0, len;
	int64_t kr;

	if (v == NULL)
		return;
	len = strlen(v);
	while (len > 0 && (v[len - 1] == ' ' || v[len - 1] == '.'))
		len--;
	if (len >= 2 &&
	    (strncmp(v + len - 2, "kr", 2) == 0 ||
		strncmp(v + len - 2, "KR", 2) == 0))
		len -= 2;
	for (i = 0; i < len; i++) {
		const unsigned char *u = (const unsigned char *)v + i;

		if (*u == ' ' || *u == '\t')
			continue;
		if (u[0] == 0xC2 && i + 1 < len && u[1] == 0xA0) {
			i += 1;
			continue;
		}
		if (u[0] == 0xE2 && i + 2 < len && u[1] == 0x80 &&
		    u[2] == 0xAF) {
			i += 2;
			continue;
		}
		if (n + 1 >= sizeof(digits))
			break;
		digits[n++] = (char)*u;
	}
	digits[n] = '\0';
	if (n == 0) {
		*out = -1;
		return;
	}
	if (!parse_int64(digits, &kr) || kr < 0) {
		field_error_add(fe, field,
		    "%s: ange ett belopp i hela kronor, "
		    "till exempel 1 500 000.",
		    label);
		return;
	}
	*out = kr;
}

void
ui_case_fields_parse(struct req *r, struct arende *after,
    struct field_errors *fe)
{
	if (req_form(r, "f_grund") != NULL) {
		opt_text(r, fe, "title", "Titel", after->title,
		    sizeof(after->title), true);
		if (req_form(r, "description") != NULL)
			form_text(r, fe, "description", "Beskrivning",
			    after->description, sizeof(after->description),
			    false, true);
		after->finsam_malgrupp = form_bool(r, "finsam_malgrupp");
	}
	opt_text(r, fe, "external_cofinancers",
	    "Medfinansiärer utanför "
	    "Finsam-parterna",
	    after->external_cofinancers, sizeof(after->external_cofinancers),
	    false);
	opt_id(r, fe, "owner_party_id", "en projektägare",
	    &after->owner_party_id);
	opt_id(r, fe, "call_id", "en utlysning", &after->call_id);
	opt_date(r, fe, "submitted_on", "Ansökan inskickad",
	    after->submitted_on);
	opt_text(r, fe, "esf_arende_id", "ESF-rådets ärende-id",
	    after->esf_arende_id, sizeof(after->esf_arende_id), false);
	opt_amount(r, fe, "applied_amount", "Sökt belopp",
	    &after->applied_amount);
	opt_date(r, fe, "decision_on", "Beslutsdatum", after->decision_on);
	opt_amount(r, fe, "granted_amount", "Beviljat belopp",
	    &after->granted_amount);
	opt_date(r, fe, "project_start", "Projektperiod från",
	    after->project_start);
	opt_date(r, fe, "project_end", "Projektperiod till",
	    after->project_end);
	opt_text(r, fe, "projektledare", "Projektledare", after->projektledare,
	    sizeof(after->projektledare), false);
	opt_text(r, fe, "controller", "Controller", after->controller,
	    sizeof(after->controller), false);
	opt_text(r, fe, "administrator", "Administratör", after->administrator,
	    sizeof(after->administrator), false);
	opt_date(r, fe, "overenskommelse_on", "Överenskommelse registrerad",
	    after->overenskommelse_on);
	opt_date(r, fe, "final_report_on", "Slutrapport inlämnad",
	    after->final_report_on);
}
