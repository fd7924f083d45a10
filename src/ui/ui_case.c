/*
 * ui_case.c - the case page (GET /arenden/:id) and the case fields form
 * (POST /arenden/:id). The page is assembled here from its sections:
 * process map and next step (ui_case_map.c), parties (ui_case_party.c),
 * fields (ui_case_forms.c), the Finsam section (Finsam pages) and the
 * history. Every change goes through svc_*: no permission or rule logic
 * is repeated here.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "app/svc.h"
#include "domain/fields.h"
#include "domain/perm.h"
#include "html.h"
#include "layout.h"
#include "ui.h"
#include "ui_handlers.h"
#include "util/buf.h"
#include "util/text.h"
#include "util/xmalloc.h"

void
ui_case_view_init(struct ui_case_view *v)
{
	memset(v, 0, sizeof(*v));
	v->move_to = -1;
}

static void
history_move(struct req *r, const struct history_entry *e)
{
	bool from_ok = e->from >= 0 && e->from < ST__COUNT;
	bool to_ok = e->to >= 0 && e->to < ST__COUNT;

	if (from_ok && to_ok) {
		html_text(&r->out, state_label((enum state)e->from));
		html_lit(&r->out, " → ");
		html_text(&r->out, state_label((enum state)e->to));
	} else if (to_ok) {
		html_lit(&r->out, "Skapat: ");
		html_text(&r->out, state_label((enum state)e->to));
	} else {
		html_lit(&r->out, "Uppgifter ändrade");
	}
}

/* The history table: every move and change, oldest first. */
static void
case_history(struct req *r, const struct history_entry *h, size_t nh)
{
	size_t i;

	html_lit(&r->out,
	    "<section aria-labelledby=\"historik\">\n"
	    "<h2 id=\"historik\">Historik</h2>\n");
	if (nh == 0) {
		html_lit(&r->out, "<p>Ingen historik ännu.</p>\n</section>\n");
		return;
	}
	ui_table_begin(r, "Historik", "history");
	html_lit(&r->out,
	    "<caption>Ärendets historik, äldst först</caption>\n"
	    "<thead><tr><th scope=\"col\">Tidpunkt</th>"
	    "<th scope=\"col\">Vem</th>"
	    "<th scope=\"col\">Från → till</th>"
	    "<th scope=\"col\">Kommentar</th></tr></thead>\n<tbody>\n");
	for (i = 0; i < nh; i++) {
		html_lit(&r->out, "<tr><td>");
		ui_time(r, h[i].at);
		html_lit(&r->out, "</td><td>");
		if (h[i].user_name[0] != '\0')
			html_text(&r->out, h[i].user_name);
		else
			html_lit(&r->out, "–");
		if (h[i].user_party[0] != '\0') {
			/* Who acted for which party (R7 shows in the record).
			 */
			html_lit(&r->out, " <span class=\"party-of\">(");
			html_text(&r->out, h[i].user_party);
			html_lit(&r->out, ")</span>");
		}
		html_lit(&r->out, "</td><td>");
		if (h[i].is_comment)
			html_lit(&r->out, "Kommentar");
		else
			history_move(r, &h[i]);
		html_lit(&r->out, "</td><td class=\"pre\">");
		html_text(&r->out, h[i].comment);
		html_lit(&r->out, "</td></tr>\n");
	}
	html_lit(&r->out, "</tbody>\n");
	ui_table_end(r);
	html_lit(&r->out, "</section>\n");
}

/*
 * A comment to the history (issue 10), for anyone who sees the case. It
 * is never edited afterwards: a correction is a new comment.
 */
static void
comment_form(struct req *r, const struct arende *a,
    const struct ui_case_view *v)
{
	html_lit(&r->out,
	    "<section aria-labelledby=\"kommentera\">\n"
	    "<h2 id=\"kommentera\">Kommentera</h2>\n");
	if (v->comment_fe != NULL)
		html_error_summary(r, v->comment_fe);
	htmlf(&r->out,
	    "<form method=\"post\" action=\"/arenden/%lld/kommentar\">\n",
	    (long long)a->id);
	html_csrf(r);
	html_lit(&r->out,
	    "<p class=\"hint\" id=\"kommentar-hint\">Kommentaren hamnar i "
	    "historiken med ditt namn och tiden och kan inte ändras i "
	    "efterhand; en rättelse är en ny kommentar. Skriv inga "
	    "personuppgifter om deltagare (R10).</p>\n");
	html_textarea(r, v->comment_fe, "text", "Kommentar",
	    v->comment_text != NULL ? v->comment_text : "", true);
	html_lit(&r->out,
	    "<button type=\"submit\">Lägg till kommentar"
	    "</button>\n</form>\n</section>\n");
}

void
ui_case_comment(struct req *r)
{
	struct arende *a = xmalloc(sizeof(*a));
	struct history_entry *h = xcalloc(1, sizeof(*h));
	char *text = xcalloc(1, TEXT_MAX + 1);
	struct ui_case_view v;
	struct field_errors fe;
	char path[96];
	int err;

	field_errors_init(&fe);
	ui_case_view_init(&v);
	err = svc_case_get(&r->app, r->id[0], a);
	if (err != B_OK) {
		layout_error_berr(r, err);
		goto out;
	}
	if (form_text(r, &fe, "text", "Kommentar", text, TEXT_MAX + 1, true,
		true))
		err = svc_case_comment(&r->app, a->id, text, &fe, h);
	else
		err = B_INVALID;
	if (err == B_OK) {
		snprintf(path, sizeof(path), "/arenden/%lld?ok=kommentar",
		    (long long)a->id);
		req_redirect(r, path);
	} else if (err == B_INVALID) {
		v.comment_text = text;
		v.comment_fe = &fe;
		r->status = 422;
		ui_case_render(r, a, &v);
	} else {
		layout_error_berr(r, err);
	}
out:
	free(text);
	history_free(h, 1);
	free(a);
}

bool
ui_case_closed_note(struct req *r, const struct arende *a)
{
	struct rule_list rl;

	rule_list_init(&rl);
	if (case_closed_check(a, &rl) == 0)
		return false;
	html_lit(&r->out, "<p class=\"notice\">");
	html_text(&r->out, rl.r[0].message);
	html_lit(&r->out, ".</p>\n");
	return true;
}

/* Title, kind, state, förbund and the page's table of contents. */
static void
case_header(struct req *r, const struct arende *a)
{
	struct forbund *fb = xmalloc(sizeof(*fb));

	html_lit(&r->out, "<h1>");
	html_text(&r->out, a->title[0] != '\0' ? a->title : "(utan titel)");
	html_lit(&r->out, "</h1>\n<p class=\"case-meta\">");
	html_text(&r->out, kind_label(a->kind));
	html_lit(&r->out, " · Läge: ");
	ui_state_badge(r, a->state);
	if (!layout_failed(r, store_forbund_get(r->st, a->forbund_id, fb))) {
		html_lit(&r->out, " · ");
		html_text(&r->out, fb->name);
	}
	htmlf(&r->out, " · Ärende nr %lld", (long long)a->id);
	if (a->identified_on[0] != '\0')
		htmlf(&r->out, " · Identifierat %s", a->identified_on);
	html_lit(&r->out, "</p>\n");
	free(fb);

	html_lit(&r->out,
	    "<nav aria-label=\"På den här sidan\" "
	    "class=\"toc\"><ul>"
	    "<li><a href=\"#processkarta\">Processkarta</a></li>"
	    "<li><a href=\"#nasta-steg\">Vad saknas för nästa steg</a></li>"
	    "<li><a href=\"#parter\">Parter</a></li>"
	    "<li><a href=\"#uppgifter\">Uppgifter</a></li>"
	    "<li><a href=\"#dokument\">Dokument</a></li>"
	    "<li><a href=\"#historik\">Historik</a></li>"
	    "</ul></nav>\n");
}

void
ui_case_render(struct req *r, const struct arende *a,
    const struct ui_case_view *v)
{
	struct history_entry *h = NULL;
	size_t nh = 0;

	if (layout_failed(r, store_case_history(r->st, a->id, &h, &nh))) {
		h = NULL;
		nh = 0;
	}
	layout_begin_noh1(r, a->title[0] != '\0' ? a->title : "Ärende");
	case_header(r, a);
	ui_call_notice(r, a);
	ui_ok_notice(r);
	if (v->alert != NULL && v->move_to < 0) {
		/* Forms post to ...#meddelande: the answer lands here. */
		html_lit(&r->out,
		    "<div class=\"notice notice-error\" role=\"alert\" "
		    "id=\"meddelande\" tabindex=\"-1\" autofocus><p>");
		html_text(&r->out, v->alert);
		html_lit(&r->out, "</p></div>\n");
	} else if (v->alert != NULL) {
		html_lit(&r->out,
		    "<div class=\"notice notice-error\" "
		    "role=\"alert\"><p>");
		html_text(&r->out, v->alert);
		html_lit(&r->out, "</p></div>\n");
	}
	ui_case_map(r, a, h, nh);
	ui_case_next(r, a, v);
	ui_case_parties(r, a, v);
	ui_case_fields(r, a, v);
	if (a->kind == KIND_FINSAM)
		ui_case_finsam_section(r, a);
	ui_case_documents(r, a, v);
	ui_case_groups(r, a);
	case_history(r, h, nh);
	comment_form(r, a, v);
	layout_end(r);
	history_free(h, nh);
}

void
ui_case_show(struct req *r)
{
	struct arende *a = xmalloc(sizeof(*a));
	struct ui_case_view v;
	int err;

	err = svc_case_get(&r->app, r->id[0], a);
	if (err != B_OK) {
		layout_error_berr(r, err);
		goto out;
	}
	ui_case_view_init(&v);
	ui_case_render(r, a, &v);
out:
	free(a);
}

/* Re-renders the case page with the fields form's errors (status). */
static void
update_refused(struct req *r, const struct arende *before,
    const struct arende *after, const struct field_errors *fe, int status,
    const char *alert)
{
	struct ui_case_view v;

	ui_case_view_init(&v);
	v.form = after;
	v.fe = fe;
	v.alert = alert;
	r->status = status;
	ui_case_render(r, before, &v);
}

bool
stale_form(struct req *r, const struct arende *now)
{
	const char *v = req_form(r, "version");
	int64_t read;

	return v != NULL && parse_int64(v, &read) && read != now->version;
}

/* One field's value as shown to people, into b. */
static void
field_shown(struct buf *b, const struct field_def *f, const void *base,
    const struct arende *a)
{
	const char *p = (const char *)base + f->off;
	const struct party_row *o;
	char money[64];
	int64_t v;
	int e;

	switch (f->type) {
	case FT_BOOL:
		buf_puts(b, *(const bool *)p ? "ja" : "nej");
		return;
	case FT_MONEY:
		memcpy(&v, p, sizeof(v));
		if (v >= 0) {
			money_format(v, money, sizeof(money));
			buf_puts(b, money);
			return;
		}
		break;
	case FT_PARTY:
		memcpy(&v, p, sizeof(v));
		if ((o = arende_party(a, v)) != NULL) {
			buf_puts(b, o->party_name);
			return;
		}
		break;
	case FT_ID:
	case FT_CALL:
		memcpy(&v, p, sizeof(v));
		if (v != 0) {
			buf_printf(b, "nr %lld", (long long)v);
			return;
		}
		break;
	case FT_TEXT:
	case FT_LONGTEXT:
	case FT_DATE:
		if (p[0] != '\0') {
			buf_puts(b, p);
			return;
		}
		break;
	case FT_AGP:
		memcpy(&e, p, sizeof(e));
		if (e != AGP_NONE) {
			buf_puts(b, e == AGP_KAN ? "kan vara ägare" : "avstår");
			return;
		}
		break;
	case FT_BESLUT:
		memcpy(&e, p, sizeof(e));
		if (e != BESLUT_NONE) {
			buf_puts(b, e == BESLUT_JA ? "ja" : "nej");
			return;
		}
		break;
	default:
		break;
	}
	buf_puts(b, "(tomt)");
}

/* The fields of table (n) whose values differ between now and typed. */
static size_t
stale_fields(struct buf *b, const struct field_def *table, size_t n,
    const void *now, const void *typed, const struct arende *a, bool patch)
{
	size_t k = 0;

	for (size_t i = 0; i < n; i++) {
		const struct field_def *f = &table[i];

		if ((patch && (f->flags & FF_PATCH) == 0) ||
		    memcmp((const char *)now + f->off,
			(const char *)typed + f->off, f->size) == 0) {
			continue;
		}
		buf_printf(b, "%s %s: sparat ”", k++ == 0 ? "" : ";", f->label);
		field_shown(b, f, now, a);
		buf_puts(b, "”, du skrev ”");
		field_shown(b, f, typed, a);
		buf_puts(b, "”");
	}
	return k;
}

void
stale_message(struct buf *b, const struct arende *now,
    const struct arende *typed, const struct party_row *row)
{
	const struct party_row *stored =
	    row != NULL ? arende_party(now, row->party_id) : NULL;
	size_t n;

	buf_printf(b,
	    "Ärendet har ändrats av någon annan sedan du öppnade det "
	    "(nu version %lld). Inget är sparat; det du skrev finns kvar i "
	    "formuläret. Det som nu är sparat skiljer sig här:",
	    (long long)now->version);
	n = stored != NULL
	    ? stale_fields(b, party_fields, nparty_fields, stored, row, now,
		  false)
	    : stale_fields(b, case_fields, ncase_fields, now, typed, now, true);
	buf_puts(b,
	    n == 0 ? " inget av det du skrev. Spara igen om du vill."
		   : ". Kontrollera och spara igen.");
}

void
ui_case_update(struct req *r)
{
	struct arende *before = xmalloc(sizeof(*before));
	struct arende *after = xmalloc(sizeof(*after));
	struct field_errors fe;
	struct buf msg;
	char path[64];
	int err;

	field_errors_init(&fe);
	err = svc_case_get(&r->app, r->id[0], before);
	if (err != B_OK) {
		layout_error_berr(r, err);
		goto out;
	}
	/* A wrong role is 403 whatever it posted (not 422 for bad input). */
	if (!perm_case_edit(&r->user, before)) {
		layout_error(r, 403, NO_STAKE_EDIT);
		goto out;
	}
	*after = *before;
	ui_case_fields_parse(r, after, &fe);
	if (!state_is_final(before->state) && stale_form(r, before)) {
		/* Lost updates: refused, what the user typed is kept. */
		buf_init(&msg);
		stale_message(&msg, before, after, NULL);
		update_refused(r, before, after, &fe, 409, buf_cstr(&msg));
		buf_free(&msg);
		goto out;
	}
	if (fe.n > 0) {
		update_refused(r, before, after, &fe, 422,
		    "Uppgifterna sparades inte. Rätta felen nedan.");
		goto out;
	}
	err = svc_case_update(&r->app, before, after, &fe);
	switch (err) {
	case B_OK:
		snprintf(path, sizeof(path),
		    "/arenden/%lld?ok=sparat#uppgifter", (long long)before->id);
		req_redirect(r, path);
		break;
	case B_INVALID:
		update_refused(r, before, after, &fe, 422,
		    "Uppgifterna sparades inte. Rätta felen nedan.");
		break;
	case B_FORBIDDEN:
		layout_error(r, 403, NO_STAKE_EDIT);
		break;
	case B_UNAVAILABLE:
		req_retry_later(r);
		update_refused(r, before, after, &fe, 503,
		    UNAVAILABLE_FORM_MESSAGE);
		break;
	case B_CONFLICT:
		update_refused(r, before, after, &fe, 409,
		    "Ärendet har ändrats av någon annan sedan du öppnade det. "
		    "Dina ändringar finns kvar i formuläret: kontrollera och "
		    "spara igen.");
		break;
	default:
		layout_error_berr(r, err);
		break;
	}
out:
	free(after);
	free(before);
}
