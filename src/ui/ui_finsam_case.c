/*
 * ui_finsam_case.c - the Finsam part of the case page of a Finsam insats
 * (ui_case_finsam_section, called by ui_case.c) and the participants form
 * (POST /arenden/:id/deltagare).
 *
 * Shows the board's grant (amount, period, meeting), whether the case is
 * on a board agenda, and the participants per year as aggregate counts
 * only (R10): the page says so, and the form has no field that could hold
 * a name or a personnummer. Saving is svc_participants_save's.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "app/svc.h"
#include "app/svc_finsam.h"
#include "domain/perm.h"
#include "html.h"
#include "layout.h"
#include "ui.h"
#include "ui_finsam.h"
#include "ui_handlers.h"
#include "util/xmalloc.h"

/*
 * The form name and Swedish label of each count, in the order of
 * participant_fields (finsam.h, which decides the fields for R10); the
 * API name is participant_fields[i].
 */
static const struct {
	const char *form;
	const char *label;
} counts[] = {
	{ "p_women", "Kvinnor" },
	{ "p_men", "Män" },
	{ "p_to_work", "Till arbete" },
	{ "p_to_studies", "Till studier" },
	{ "p_job_seeking", "Arbetssökande" },
	{ "p_other", "Annat" },
};
#define NCOUNTS (sizeof(counts) / sizeof(counts[0]))
_Static_assert(NCOUNTS == PARTICIPANT_NFIELDS,
    "one form field per participant field (R10)");

static int64_t *
count_field(struct participants *p, size_t i)
{
	int64_t *f[NCOUNTS] = { &p->women, &p->men, &p->to_work, &p->to_studies,
		&p->job_seeking, &p->other };

	return f[i];
}

/* A meeting link for board viewers, the plain date for others. */
static void
meeting_ref(struct req *r, const struct meeting *m)
{
	if (svc_board_access(&r->app, m->forbund_id, false) == B_OK) {
		htmlf(&r->out,
		    "<a href=\"/styrelse/moten/%lld\">sammanträdet "
		    "%s</a>",
		    (long long)m->id, m->date);
	} else {
		htmlf(&r->out, "sammanträdet %s", m->date);
	}
}

static void
decision_part(struct req *r, const struct arende *a, const struct meeting *dm)
{
	html_lit(&r->out, "<h3>Styrelsens beslut</h3>\n");
	if (a->state == ST_AVSLAG) {
		html_lit(&r->out, "<p>Styrelsen avslog finansiering");
		if (dm != NULL) {
			html_lit(&r->out, " vid ");
			meeting_ref(r, dm);
		}
		html_lit(&r->out, ".</p>\n");
		return;
	}
	if (a->granted_amount < 0 || a->decision_on[0] == '\0') {
		html_lit(&r->out,
		    "<p>Styrelsen har inte beslutat om "
		    "finansiering av insatsen.</p>\n");
		return;
	}
	html_lit(&r->out, "<dl class=\"facts\">\n<dt>Beviljat belopp</dt><dd>");
	html_money(&r->out, a->granted_amount);
	html_lit(&r->out, "</dd>\n<dt>Period</dt><dd>");
	ui_date(r, a->project_start);
	html_lit(&r->out, " – ");
	ui_date(r, a->project_end);
	html_lit(&r->out, "</dd>\n<dt>Beslutat</dt><dd>");
	if (dm != NULL) {
		html_lit(&r->out, "Vid ");
		meeting_ref(r, dm);
	} else {
		ui_date(r, a->decision_on);
	}
	html_lit(&r->out, "</dd>\n</dl>\n");
}

/* The meetings whose agenda holds a. */
static void
agenda_part(struct req *r, const struct arende *a, const struct meeting *ms,
    size_t n)
{
	size_t i, j, k = 0;

	html_lit(&r->out, "<h3>Styrelsens dagordning</h3>\n");
	for (i = 0; i < n; i++) {
		for (j = 0; j < ms[i].nitems; j++) {
			if (ms[i].items[j].case_id != a->id) {
				continue;
			}
			if (k++ == 0) {
				html_lit(&r->out, "<ul>\n");
			}
			html_lit(&r->out, "<li>På dagordningen för ");
			meeting_ref(r, &ms[i]);
			if (ms[i].items[j].outcome < 0) {
				html_lit(&r->out,
				    " (inget beslut ännu)</li>\n");
			} else if (ms[i].items[j].outcome == OUTCOME_BORDLAGD) {
				html_lit(&r->out,
				    " (bordlagt till ett senare möte)</li>\n");
			} else {
				html_lit(&r->out, " (beslutat)</li>\n");
			}
		}
	}
	if (k > 0) {
		html_lit(&r->out, "</ul>\n");
	} else if (a->state == ST_ANSVARSFORDELNING) {
		html_lit(&r->out,
		    "<p>Insatsen är redo för styrelsen men står "
		    "ännu inte på någon dagordning.");
		if (svc_board_access(&r->app, a->forbund_id, true) == B_OK) {
			html_lit(&r->out,
			    " <a href=\"/styrelse\">Styrelsens "
			    "sammanträden</a>");
		}
		html_lit(&r->out, "</p>\n");
	} else {
		html_lit(&r->out,
		    "<p>Insatsen står inte på någon av "
		    "styrelsens dagordningar.</p>\n");
	}
}

static void
participants_table(struct req *r, const struct participants *ps, size_t n)
{
	size_t i;

	if (n == 0) {
		html_lit(&r->out, "<p>Inga deltagare är registrerade.</p>\n");
		return;
	}
	ui_table_begin(r, "Deltagare per år", NULL);
	html_lit(&r->out,
	    "<caption>"
	    "Deltagare per år (antal)</caption>\n<thead><tr><th scope=\"col\">"
	    "År</th><th scope=\"col\" class=\"num\">Kvinnor</th><th "
	    "scope=\"col\" class=\"num\">Män</th><th scope=\"col\" "
	    "class=\"num\">Totalt</th><th scope=\"col\" class=\"num\">Till "
	    "arbete</th><th scope=\"col\" class=\"num\">Till studier</th><th "
	    "scope=\"col\" class=\"num\">Arbetssökande</th><th scope=\"col\" "
	    "class=\"num\">Annat</th></tr></thead>\n<tbody>\n");
	for (i = 0; i < n; i++) {
		htmlf(&r->out,
		    "<tr><th scope=\"row\">%d</th><td class=\"num\">"
		    "%lld</td><td class=\"num\">%lld</td><td class=\"num\">%lld"
		    "</td><td class=\"num\">%lld</td><td class=\"num\">%lld</td>"
		    "<td class=\"num\">%lld</td><td class=\"num\">%lld</td></tr>"
		    "\n",
		    ps[i].year, (long long)ps[i].women, (long long)ps[i].men,
		    (long long)(ps[i].women + ps[i].men),
		    (long long)ps[i].to_work, (long long)ps[i].to_studies,
		    (long long)ps[i].job_seeking, (long long)ps[i].other);
	}
	html_lit(&r->out, "</tbody>\n");
	ui_table_end(r);
}

static void
participants_form(struct req *r, const struct arende *a,
    const struct field_errors *fe, bool posted)
{
	size_t i;

	htmlf(&r->out,
	    "<form method=\"post\" action=\"/arenden/%lld/"
	    "deltagare\">\n",
	    (long long)a->id);
	html_csrf(r);
	html_error_summary(r, fe);
	html_lit(&r->out,
	    "<fieldset>\n<legend>Registrera deltagare för ett år"
	    "</legend>\n<p class=\"hint\">Ange antal, inte personer. Ett år "
	    "som redan finns skrivs över. Utfallen (arbete, studier, "
	    "arbetssökande, annat) gäller dem som avslutat insatsen.</p>\n");
	html_input(r, fe, "p_year", "År", "number",
	    posted ? req_form(r, "p_year") : NULL, true);
	for (i = 0; i < NCOUNTS; i++) {
		html_input(r, fe, counts[i].form, counts[i].label, "number",
		    posted ? req_form(r, counts[i].form) : NULL, false);
	}
	html_lit(&r->out,
	    "</fieldset>\n<div class=\"actions\"><button "
	    "type=\"submit\">Spara deltagare</button></div>\n</form>\n");
}

/* R10: counts only, stated on the page. */
static void
participants_part(struct req *r, const struct arende *a,
    const struct field_errors *fe, bool posted)
{
	struct participants *ps = NULL;
	size_t n = 0;

	if (layout_failed(r, store_participants_list(r->st, a->id, &ps, &n))) {
		n = 0;
	}
	html_lit(&r->out,
	    "<h3 id=\"deltagare\">Deltagare</h3>\n<p>Här "
	    "registreras bara antal deltagare per år. Inga namn, inga "
	    "personnummer och inga andra personuppgifter registreras i Bered "
	    "(regel R10).</p>\n");
	participants_table(r, ps, n);
	if (perm_case_edit(&r->user, a)) {
		participants_form(r, a, fe, posted);
	}
	free(ps);
}

/* The meeting (in ms) whose agenda decided a, or NULL. */
static const struct meeting *
deciding_meeting(const struct arende *a, const struct meeting *ms, size_t n)
{
	size_t i, j;

	for (i = 0; i < n; i++) {
		for (j = 0; j < ms[i].nitems; j++) {
			if (ms[i].items[j].case_id == a->id &&
			    ms[i].items[j].outcome >= 0 &&
			    ms[i].items[j].outcome != OUTCOME_BORDLAGD) {
				return &ms[i];
			}
		}
	}
	return NULL;
}

void
ui_case_finsam_section(struct req *r, const struct arende *a)
{
	struct meeting *ms = NULL;
	size_t n = 0;

	if (a->kind != KIND_FINSAM) {
		return;
	}
	if (layout_failed(r,
		store_meeting_list(r->st, a->forbund_id, &ms, &n))) {
		n = 0;
	}
	html_lit(&r->out,
	    "<section id=\"finsam\" aria-labelledby=\"finsam-"
	    "rubrik\">\n<h2 id=\"finsam-rubrik\">Finansiering och deltagare"
	    "</h2>\n");
	decision_part(r, a, deciding_meeting(a, ms, n));
	agenda_part(r, a, ms, n);
	participants_part(r, a, NULL, false);
	html_lit(&r->out, "</section>\n");
	free(ms);
}

void
ui_participants_save(struct req *r)
{
	struct arende *a = xcalloc(1, sizeof(*a));
	struct participants p;
	struct field_errors fe;
	int64_t year = 0;
	char path[80];
	size_t i;
	int err;

	memset(&p, 0, sizeof(p));
	field_errors_init(&fe);
	err = svc_case_get(&r->app, r->id[0], a);
	if (err != B_OK) {
		layout_error_berr(r, err);
		goto out;
	}
	/* A wrong role is 403 whatever it posted (not 422 for bad input). */
	if (!perm_case_edit(&r->user, a)) {
		layout_error(r, 403,
		    "Du får inte registrera deltagare i det här "
		    "ärendet.");
		goto out;
	}
	form_int64(r, &fe, "p_year", "År", &year, PARTICIPANTS_YEAR_MIN,
	    PARTICIPANTS_YEAR_MAX, true);
	p.year = (int)year;
	for (i = 0; i < NCOUNTS; i++) {
		form_int64(r, &fe, counts[i].form, counts[i].label,
		    count_field(&p, i), 0, PARTICIPANTS_MAX, false);
	}
	err = fe.n > 0 ? B_INVALID : svc_participants_save(&r->app, a, &p, &fe);
	ui_finsam_rename_field(&fe, "year", "p_year");
	for (i = 0; i < NCOUNTS; i++) {
		ui_finsam_rename_field(&fe, participant_fields[i],
		    counts[i].form);
	}
	if (err == B_OK) {
		snprintf(path, sizeof(path),
		    "/arenden/%lld?ok=sparat#deltagare", (long long)a->id);
		req_redirect(r, path);
	} else if (err == B_INVALID) {
		r->status = 422;
		layout_begin(r, "Registrera deltagare");
		html_lit(&r->out, "<p>");
		ui_case_link(r, a->id, a->title);
		html_lit(&r->out, "</p>\n");
		/* The part's own heading is an h3: keep the outline whole. */
		html_lit(&r->out, "<h2>Finansiering och deltagare</h2>\n");
		participants_part(r, a, &fe, true);
		layout_end(r);
	} else if (err == B_CONFLICT) {
		layout_error(r, 409,
		    "Deltagare registreras bara för "
		    "Finsam-insatser.");
	} else {
		layout_error_berr(r, err);
	}
out:
	free(a);
}
