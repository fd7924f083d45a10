/*
 * ui_audit.c - the audit log page (GET /logg: who changed what and when,
 * filtered by user, case and period, as CSV too) for the admin and a
 * kansli, and the mail outbox (GET /utkorg) for the admin (issue 9).
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "app/account.h"
#include "app/export.h"
#include "domain/perm.h"
#include "html.h"
#include "layout.h"
#include "ui.h"
#include "ui_handlers.h"
#include "util/date.h"
#include "util/text.h"

#define AUDIT_PAGE 200
#define CELL_CHARS 120 /* a long text is cut in the table; CSV has it all */

/* The filter of the query; false with fe filled for bad values. */
static bool
audit_query(struct req *r, struct audit_filter *f, struct field_errors *fe)
{
	static const char *const ids[] = { "user_id", "case_id", "after" };
	int64_t *dst[] = { &f->user_id, &f->case_id, &f->after };
	static const char *const what[] = { "Vem som ändrade", "Ärendenumret",
		"Sidan" };
	const char *v;

	memset(f, 0, sizeof(*f));
	for (size_t i = 0; i < 3; i++) {
		v = req_query(r, ids[i]);
		if (v != NULL && v[0] != '\0' &&
		    (!parse_int64(v, dst[i]) || *dst[i] < 0)) {
			*dst[i] = 0;
			field_error_add(fe, ids[i], "%s ska vara ett heltal.",
			    what[i]);
		}
	}
	v = req_query(r, "from");
	if (v != NULL && v[0] != '\0') {
		if (date_valid(v))
			memcpy(f->from, v, DATE_LEN);
		else
			field_error_add(fe, "from",
			    "Från ska vara ett datum ÅÅÅÅ-MM-DD.");
	}
	v = req_query(r, "to");
	if (v != NULL && v[0] != '\0') {
		if (date_valid(v))
			memcpy(f->to, v, DATE_LEN);
		else
			field_error_add(fe, "to",
			    "Till ska vara ett datum ÅÅÅÅ-MM-DD.");
	}
	return fe->n == 0;
}

/* The people whose changes r's user may filter on, as a select. */
static void
user_select(struct req *r, const struct field_errors *fe, int64_t chosen)
{
	struct user *u = NULL;
	size_t n = 0;
	const char **codes, **labels;
	char(*ids)[24], cur[24];

	if (store_user_list(r->st, perm_audit_forbund(&r->user), &u, &n) !=
	    B_OK)
		n = 0;
	codes = calloc(n + 1, sizeof(*codes));
	labels = calloc(n + 1, sizeof(*labels));
	ids = calloc(n + 1, sizeof(*ids));
	if (codes == NULL || labels == NULL || ids == NULL)
		n = 0;
	for (size_t i = 0; i < n; i++) {
		snprintf(ids[i], sizeof(ids[i]), "%lld", (long long)u[i].id);
		codes[i] = ids[i];
		labels[i] = u[i].name;
	}
	snprintf(cur, sizeof(cur), "%lld", (long long)chosen);
	html_select(r, fe, "user_id", "Vem som ändrade", codes, labels, n,
	    chosen > 0 ? cur : NULL, true);
	free(ids);
	free(labels);
	free(codes);
	free(u);
}

/* What a row concerns, in Swedish. */
static const char *
entity_label(const char *e)
{
	static const char *const map[][2] = { { "arende", "Ärende" },
		{ "participants", "Deltagare, ärende" },
		{ "meeting", "Styrelsemöte" }, { "need", "Behov" },
		{ "budget", "Budget" }, { "call", "Utlysning" },
		{ "forbund", "Förbund" }, { "user", "Användare" },
		{ "api_token", "API-nyckel" } };

	for (size_t i = 0; i < sizeof(map) / sizeof(map[0]); i++) {
		if (strcmp(e, map[i][0]) == 0)
			return map[i][1];
	}
	return e;
}

static void
audit_form(struct req *r, const struct audit_filter *f,
    const struct field_errors *fe)
{
	char cid[24] = "";

	if (f->case_id > 0)
		snprintf(cid, sizeof(cid), "%lld", (long long)f->case_id);
	html_error_summary(r, fe);
	html_lit(&r->out,
	    "<form method=\"get\" action=\"/logg\" class=\"filters\">\n");
	user_select(r, fe, f->user_id);
	html_input(r, fe, "case_id", "Ärendenummer", "number", cid, false);
	html_input(r, fe, "from", "Från och med", "date", f->from, false);
	html_input(r, fe, "to", "Till och med", "date", f->to, false);
	html_lit(&r->out,
	    "<div class=\"actions\"><button type=\"submit\">Visa</button>"
	    "</div>\n</form>\n");
}

/* A value for the table: cut to CELL_CHARS, "–" when none. */
static void
audit_value(struct req *r, const char *v)
{
	size_t cut;

	if (v == NULL || v[0] == '\0') {
		html_lit(&r->out, "–");
		return;
	}
	cut = text_prefix(v, CELL_CHARS);
	if (v[cut] == '\0') {
		html_text(&r->out, v);
		return;
	}
	{
		char *s = strndup(v, cut);

		html_text(&r->out, s);
		html_lit(&r->out, " …");
		free(s);
	}
}

static void
audit_table(struct req *r, const struct audit_row *v, size_t n)
{
	char when[TS_SWEDISH_LEN];

	ui_table_begin(r, "Logg", NULL);
	html_lit(&r->out,
	    "<caption>Ändringar, äldst först</caption>\n<thead><tr>"
	    "<th scope=\"col\">Tid</th><th scope=\"col\">Vem</th>"
	    "<th scope=\"col\">Vad</th><th scope=\"col\">Fält</th>"
	    "<th scope=\"col\">Före</th><th scope=\"col\">Efter</th>"
	    "<th scope=\"col\">Kommentar</th></tr></thead>\n<tbody>\n");
	for (size_t i = 0; i < n; i++) {
		const struct audit_row *a = &v[i];

		if (!ts_swedish(a->at, when))
			snprintf(when, sizeof(when), "%.16s", a->at);
		htmlf(&r->out, "<tr><td>%s</td><td>%s</td><td>", when,
		    a->user_name[0] != '\0' ? a->user_name : "–");
		if (strcmp(a->entity, "arende") == 0)
			htmlf(&r->out,
			    "<a href=\"/arenden/%lld\">Ärende %lld</a>",
			    (long long)a->entity_id, (long long)a->entity_id);
		else
			htmlf(&r->out, "%s %lld", entity_label(a->entity),
			    (long long)a->entity_id);
		htmlf(&r->out, "</td><td>%s</td><td>",
		    a->field[0] != '\0'          ? a->field
			: a->to_state[0] != '\0' ? "läge"
						 : "–");
		audit_value(r, a->before != NULL ? a->before : a->from_state);
		html_lit(&r->out, "</td><td>");
		audit_value(r, a->after != NULL ? a->after : a->to_state);
		html_lit(&r->out, "</td><td>");
		audit_value(r, a->comment);
		html_lit(&r->out, "</td></tr>\n");
	}
	html_lit(&r->out, "</tbody>\n");
	ui_table_end(r);
}

/* The page's query again, for the CSV link and the next page. */
static void
audit_link(struct req *r, const struct audit_filter *f, const char *extra)
{
	htmlf(&r->out, "/logg?user_id=%lld&case_id=%lld&from=%s&to=%s%s",
	    (long long)f->user_id, (long long)f->case_id, f->from, f->to,
	    extra);
}

void
ui_audit(struct req *r)
{
	bool csv = export_format_ok(req_query(r, "format"));
	struct field_errors fe;
	struct audit_filter f;
	struct audit_row *v = NULL;
	size_t n = 0;
	int64_t total = 0, after;
	int err = B_OK;

	field_errors_init(&fe);
	if (audit_query(r, &f, &fe)) {
		after = f.after;
		f.limit = csv ? 0 : AUDIT_PAGE + 1;
		f.after = csv ? 0 : after;
		err = acct_audit_list(&r->app, &f, &v, &n, &total);
	}
	if (err == B_FORBIDDEN) {
		layout_error(r, 403,
		    "Loggen visas för administratörer och förbundets kansli.");
		return;
	}
	if (err != B_OK) {
		layout_error_berr(r, err);
		return;
	}
	if (csv && fe.n == 0) {
		ui_export(r, "bered-logg", export_audit(v, n));
		audit_rows_free(v, n);
		return;
	}
	layout_begin(r, "Logg");
	htmlf(&r->out,
	    "<p>Vem som ändrade vad och när%s. Lösenord syns aldrig.</p>\n",
	    perm_audit_forbund(&r->user) > 0 ? ", i ditt förbund" : "");
	if (fe.n > 0)
		r->status = 422;
	audit_form(r, &f, &fe);
	if (fe.n == 0) {
		struct buf base;

		htmlf(&r->out, "<p>%lld ändringar matchar urvalet.</p>\n",
		    (long long)total);
		buf_init(&base);
		buf_printf(&base,
		    "/logg?user_id=%lld&case_id=%lld&from=%s&to=%s&",
		    (long long)f.user_id, (long long)f.case_id, f.from, f.to);
		ui_export_links(r, buf_cstr(&base));
		buf_free(&base);
		audit_table(r, v, n < AUDIT_PAGE ? n : AUDIT_PAGE);
		if (n > AUDIT_PAGE) {
			char next[40];

			snprintf(next, sizeof(next), "&after=%lld",
			    (long long)v[AUDIT_PAGE - 1].id);
			html_lit(&r->out, "<p><a href=\"");
			audit_link(r, &f, next);
			html_lit(&r->out, "\">Nästa sida</a></p>\n");
		}
	}
	audit_rows_free(v, n);
	layout_end(r);
}

void
ui_outbox(struct req *r)
{
	struct mail *m = NULL;
	size_t n = 0;
	int64_t waiting = 0, failing = 0;
	char when[TS_SWEDISH_LEN];

	if (!perm_admin(&r->user)) {
		layout_error(r, 403, "Utkorgen visas för administratörer.");
		return;
	}
	layout_begin(r, "Utkorg");
	if (layout_failed(r,
		store_mail_list(r->st, 200, &m, &n, &waiting, &failing)))
		n = 0;
	htmlf(&r->out,
	    "<p>E-post som Bered skickar. %lld väntar på att skickas, varav "
	    "%lld har misslyckats minst en gång och försöks igen med allt "
	    "längre mellanrum. Skickad e-post visas också (de 200 "
	    "senaste).</p>\n",
	    (long long)waiting, (long long)failing);
	ui_table_begin(r, "Utkorg", NULL);
	html_lit(&r->out,
	    "<caption>E-post, nyast först</caption>\n<thead><tr>"
	    "<th scope=\"col\">Skapad</th><th scope=\"col\">Till</th>"
	    "<th scope=\"col\">Ämne</th><th scope=\"col\">Läge</th>"
	    "<th scope=\"col\">Försök</th><th scope=\"col\">Senaste fel</th>"
	    "</tr></thead>\n<tbody>\n");
	for (size_t i = 0; i < n; i++) {
		if (!ts_swedish(m[i].created_at, when))
			snprintf(when, sizeof(when), "%.16s", m[i].created_at);
		htmlf(&r->out,
		    "<tr><td>%s</td><td>%s</td><td>%s</td><td>%s</td>"
		    "<td>%d</td><td>%s</td></tr>\n",
		    when, m[i].to, m[i].subject,
		    m[i].sent_at[0] != '\0' ? "Skickad" : "Väntar",
		    m[i].attempts,
		    m[i].last_error[0] != '\0' ? m[i].last_error : "–");
	}
	html_lit(&r->out, "</tbody>\n");
	ui_table_end(r);
	mails_free(m, n);
	layout_end(r);
}
