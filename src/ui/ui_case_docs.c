/*
 * ui_case_docs.c - documents on the case page (issue 10): the list with
 * every version, the upload form (multipart, streamed by the server into
 * the database), and the download. The reminder that documents hold no
 * personal data about participants (R10) stands beside the upload.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "app/document.h"
#include "app/svc.h"
#include "domain/perm.h"
#include "html.h"
#include "http/form.h"
#include "layout.h"
#include "ui.h"
#include "ui_handlers.h"
#include "util/xmalloc.h"

/* "12 KB" / "3,4 MB": a size as people read it. */
static void
html_size(struct req *r, int64_t n)
{
	if (n < 1024)
		htmlf(&r->out, "%lld byte", (long long)n);
	else if (n < 1024 * 1024)
		htmlf(&r->out, "%lld KB", (long long)((n + 1023) / 1024));
	else
		htmlf(&r->out, "%lld,%lld MB", (long long)(n / (1024 * 1024)),
		    (long long)(n % (1024 * 1024) * 10 / (1024 * 1024)));
}

/* May the user upload anything here (the form is shown)? */
static bool
may_upload(const struct req *r, const struct arende *a)
{
	return perm_case_edit(&r->user, a) ||
	    (r->user.party_id != 0 &&
		arende_party(a, r->user.party_id) != NULL &&
		perm_party_own_fields(&r->user, r->user.party_id));
}

static void
doc_table(struct req *r, const struct document *v, size_t n)
{
	ui_table_begin(r, "Dokument", NULL);
	html_lit(&r->out,
	    "<caption>Dokument (alla versioner)</caption>\n<thead><tr>"
	    "<th scope=\"col\">Fil</th><th scope=\"col\">Slag</th>"
	    "<th scope=\"col\">Part</th><th scope=\"col\">Version</th>"
	    "<th scope=\"col\">Storlek</th><th scope=\"col\">Uppladdad "
	    "av</th><th scope=\"col\">När</th></tr></thead>\n<tbody>\n");
	for (size_t i = n; i-- > 0;) {
		htmlf(&r->out, "<tr><td><a href=\"/dokument/%lld\">",
		    (long long)v[i].id);
		html_text(&r->out, v[i].name);
		html_lit(&r->out, "</a></td><td>");
		html_text(&r->out, doc_kind_label(v[i].kind));
		html_lit(&r->out, "</td><td>");
		html_text(&r->out, v[i].party_id != 0 ? v[i].party_name : "–");
		htmlf(&r->out,
		    "</td><td class=\"num\">%d</td><td class=\"num\">",
		    v[i].version);
		html_size(r, v[i].size);
		html_lit(&r->out, "</td><td>");
		html_text(&r->out, v[i].uploaded_by_name);
		html_lit(&r->out, "</td><td>");
		ui_time(r, v[i].uploaded_at);
		html_lit(&r->out, "</td></tr>\n");
	}
	html_lit(&r->out, "</tbody>\n");
	ui_table_end(r);
}

/* The upload form posting to action; a (NULL for a meeting) gives the
 * parties a document may belong to; v[0..n) the versions to replace. */
static void
upload_form(struct req *r, const char *action, const struct arende *a,
    const struct document *v, size_t n, const struct field_errors *fe)
{
	const char *kc[DOC__COUNT], *kl[DOC__COUNT];
	const char *kind = req_query(r, "dokument");
	struct ui_choices parties, docs;
	size_t nk = 0;

	for (int k = 0; k < DOC__COUNT; k++) {
		/* R7: a party's own document belongs to a case. */
		if (a == NULL && doc_kind_party_owned((enum doc_kind)k))
			continue;
		kc[nk] = doc_kind_code((enum doc_kind)k);
		kl[nk++] = doc_kind_label((enum doc_kind)k);
	}
	if (fe != NULL)
		html_error_summary(r, fe);
	/* A refusal lands on the section that shows it. */
	html_lit(&r->out, "<form method=\"post\" action=\"");
	html_text(&r->out, action);
	html_lit(&r->out, "#dokument\" enctype=\"multipart/form-data\">\n");
	html_csrf(r);
	html_lit(&r->out,
	    "<fieldset>\n<legend>Ladda upp ett dokument</legend>\n"
	    "<p class=\"hint\" id=\"dokument-hint\">Högst 20 MB. Tillåtna "
	    "typer: ");
	html_text(&r->out, doc_types_text);
	html_lit(&r->out,
	    "; typen avgörs av filens innehåll. Dokument får inte innehålla "
	    "personuppgifter om deltagare (R10).");
	if (a != NULL)
		html_lit(&r->out,
		    " Ett medfinansieringsintyg laddas upp av partens egen "
		    "ledamot (R7).");
	html_lit(&r->out, "</p>\n");
	html_input(r, fe, "file", "Fil", "file", "", true);
	html_select(r, fe, "kind", "Slag av dokument", kc, kl, nk,
	    kind != NULL
		? kind
		: doc_kind_code(a != NULL ? DOC_OVRIGT : DOC_PROTOKOLL),
	    false);
	if (a != NULL) {
		ui_choices_init(&parties, a->nparties);
		for (size_t i = 0; i < a->nparties && i < MAX_PARTIES; i++)
			ui_choices_add(&parties, a->parties[i].party_id,
			    a->parties[i].party_name);
		ui_choices_select(r, &parties, fe, "party_id",
		    "Part (för ett partsdokument)", 0, true);
		ui_choices_free(&parties);
	}
	ui_choices_init(&docs, n);
	for (size_t i = 0; i < n; i++) {
		char label[300];

		snprintf(label, sizeof(label), "%s (version %d)", v[i].name,
		    v[i].version);
		ui_choices_add(&docs, v[i].id, label);
	}
	ui_choices_select(r, &docs, fe, "replaces",
	    "Ny version av (tomt = ett nytt dokument)", 0, true);
	ui_choices_free(&docs);
	html_lit(&r->out,
	    "<button type=\"submit\">Ladda upp</button>\n</fieldset>\n"
	    "</form>\n");
}

/*
 * The documents section of d's owner (case a, or a meeting: a NULL), with
 * the upload form at action when the user may upload, and a refused
 * upload's message, rules and fields.
 */
static void
documents_section(struct req *r, const struct document *owner,
    const struct arende *a, const char *action, bool upload,
    const struct ui_case_view *v_)
{
	struct document *v = NULL;
	size_t n = 0;

	if (layout_failed(r,
		store_document_list(r->st, owner->case_id, owner->meeting_id,
		    owner->group_meeting_id, &v, &n)))
		n = 0;
	html_lit(&r->out,
	    "<section aria-labelledby=\"dokument\">\n"
	    "<h2 id=\"dokument\" tabindex=\"-1\">Dokument</h2>\n");
	if (v_ != NULL && v_->doc_alert != NULL) {
		html_lit(&r->out,
		    "<div class=\"notice notice-error\" role=\"alert\"><p>");
		html_text(&r->out, v_->doc_alert);
		html_lit(&r->out, "</p>");
		if (v_->doc_rules != NULL)
			html_rules_in_alert(r, v_->doc_rules);
		html_lit(&r->out, "</div>\n");
	}
	if (n == 0)
		html_lit(&r->out, "<p>Inga dokument ännu.</p>\n");
	else
		doc_table(r, v, n);
	if (upload)
		upload_form(r, action, a, v, n, v_ != NULL ? v_->doc_fe : NULL);
	html_lit(&r->out, "</section>\n");
	free(v);
}

void
ui_case_doc_attached(struct req *r, const struct arende *a, enum doc_kind k)
{
	struct document *v = NULL;
	size_t n = 0, i;

	if (layout_failed(r, store_document_list(r->st, a->id, 0, 0, &v, &n)))
		n = 0;
	for (i = n; i-- > 0;)
		if (v[i].kind == k)
			break;
	html_lit(&r->out, "<p class=\"doc-attached\">");
	html_text(&r->out, doc_kind_label(k));
	if (i < n) {
		htmlf(&r->out,
		    " som dokument: bifogad, <a href=\"/dokument/%lld\">",
		    (long long)v[i].id);
		html_text(&r->out, v[i].name);
		htmlf(&r->out, "</a> (version %d).", v[i].version);
	} else {
		html_lit(&r->out, " som dokument: inte bifogad.");
		if (may_upload(r, a) && !state_is_final(a->state))
			htmlf(&r->out,
			    " <a href=\"/arenden/%lld?dokument=%s#dokument\">"
			    "Ladda upp den</a> (datumet räcker för regeln; "
			    "dokumentet är ett stöd).",
			    (long long)a->id, doc_kind_code(k));
	}
	html_lit(&r->out, "</p>\n");
	free(v);
}

void
ui_case_documents(struct req *r, const struct arende *a,
    const struct ui_case_view *v_)
{
	struct document owner;
	char action[64];

	memset(&owner, 0, sizeof(owner));
	owner.case_id = a->id;
	snprintf(action, sizeof(action), "/arenden/%lld/dokument",
	    (long long)a->id);
	documents_section(r, &owner, a, action,
	    may_upload(r, a) && !state_is_final(a->state), v_);
}

void
ui_meeting_documents(struct req *r, int64_t meeting_id, int64_t group_id,
    bool edit)
{
	struct document owner;
	char action[80];

	memset(&owner, 0, sizeof(owner));
	owner.meeting_id = meeting_id;
	owner.group_meeting_id = group_id;
	if (meeting_id != 0)
		snprintf(action, sizeof(action),
		    "/styrelse/moten/%lld/dokument", (long long)meeting_id);
	else
		snprintf(action, sizeof(action),
		    "/beredningsgrupp/moten/%lld/dokument",
		    (long long)group_id);
	documents_section(r, &owner, NULL, action, edit, NULL);
}

/* POST /arenden/{id}/dokument (multipart: file, kind, party_id, replaces). */
void
ui_case_document_add(struct req *r)
{
	struct arende *a = xmalloc(sizeof(*a));
	struct document *d = xmalloc(sizeof(*d));
	struct ui_case_view v;
	struct field_errors fe;
	struct rule_list rl;
	char msg[512];
	int err;

	field_errors_init(&fe);
	rule_list_init(&rl);
	ui_case_view_init(&v);
	if ((err = svc_case_get(&r->app, r->id[0], a)) != B_OK) {
		layout_error_berr(r, err);
		goto out;
	}
	if (r->upload == NULL) {
		req_upload_refuse(r);
		goto out;
	}
	if (form_document(r, &fe, d)) {
		d->case_id = a->id;
		err = svc_document_add(&r->app, d, r->upload->f, &rl, &fe);
	} else {
		err = B_INVALID;
	}
	r->status = berr_http_status(err);
	if (err == B_UNSUPPORTED) {
		doc_type_refusal(d->content_type, msg, sizeof(msg));
		v.doc_alert = msg;
		err = B_INVALID;
	}
	if (err == B_OK) {
		snprintf(msg, sizeof(msg), "/arenden/%lld?ok=dokument#dokument",
		    (long long)a->id);
		req_redirect(r, msg);
		goto out;
	}
	if (err != B_INVALID && err != B_FORBIDDEN && err != B_CONFLICT) {
		layout_error_berr(r, err);
		goto out;
	}
	if (fe.n > 0)
		v.doc_fe = &fe;
	if (v.doc_alert == NULL && fe.n == 0)
		v.doc_alert = err == B_FORBIDDEN
		    ? "Du får inte ladda upp det här dokumentet."
		    : "Dokumentet kan inte laddas upp.";
	if (rule_failures(&rl) > 0)
		v.doc_rules = &rl;
	ui_case_render(r, a, &v);
out:
	free(d);
	free(a);
}

/*
 * POST /styrelse/moten/{id}/dokument and /beredningsgrupp/moten/{id}/
 * dokument: a refusal is a page of its own with the way back.
 */
static void
meeting_upload(struct req *r, int64_t meeting_id, int64_t group_id)
{
	struct document *d = xmalloc(sizeof(*d));
	struct arende *a = xmalloc(sizeof(*a));
	struct field_errors fe;
	struct rule_list rl;
	char msg[512], back[80];
	int err;

	field_errors_init(&fe);
	rule_list_init(&rl);
	snprintf(back, sizeof(back), "%s/%lld",
	    meeting_id != 0 ? "/styrelse/moten" : "/beredningsgrupp/moten",
	    (long long)(meeting_id != 0 ? meeting_id : group_id));
	memset(d, 0, sizeof(*d));
	d->meeting_id = meeting_id;
	d->group_meeting_id = group_id;
	if ((err = svc_document_owner(&r->app, d, false, a)) != B_OK) {
		layout_error_berr(r, err);
		goto out;
	}
	if (r->upload == NULL) {
		req_upload_refuse(r);
		goto out;
	}
	if (form_document(r, &fe, d)) {
		d->meeting_id = meeting_id;
		d->group_meeting_id = group_id;
		err = svc_document_add(&r->app, d, r->upload->f, &rl, &fe);
	} else {
		err = B_INVALID;
	}
	if (err == B_OK) {
		snprintf(msg, sizeof(msg), "%s?ok=dokument#dokument", back);
		req_redirect(r, msg);
		goto out;
	}
	if (err == B_UNSUPPORTED)
		doc_type_refusal(d->content_type, msg, sizeof(msg));
	else if (err == B_INVALID && fe.n > 0)
		snprintf(msg, sizeof(msg), "%s", fe.e[0].message);
	else {
		layout_error_berr(r, err);
		goto out;
	}
	r->status = berr_http_status(err);
	layout_begin(r, "Dokumentet laddades inte upp");
	html_lit(&r->out,
	    "<div class=\"notice notice-error\" role=\"alert\">"
	    "<p>");
	html_text(&r->out, msg);
	html_lit(&r->out, "</p></div>\n<p><a href=\"");
	html_text(&r->out, back);
	html_lit(&r->out, "#dokument\">Tillbaka till mötet</a></p>\n");
	layout_end(r);
out:
	free(a);
	free(d);
}

void
ui_meeting_document_add(struct req *r)
{
	meeting_upload(r, r->id[0], 0);
}

void
ui_group_document_add(struct req *r)
{
	meeting_upload(r, 0, r->id[0]);
}

/* GET /dokument/{id}: the file, if its owner is one the user sees. */
void
ui_document_download(struct req *r)
{
	struct document *d = xmalloc(sizeof(*d));
	int err = svc_document_get(&r->app, r->id[0], d);

	if (err != B_OK)
		layout_error_berr(r, err);
	else
		req_send_document(r, d);
	free(d);
}
