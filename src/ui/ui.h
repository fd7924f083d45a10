/*
 * ui.h - helpers shared by the HTML pages of the ESF+ routine (ui_*.c),
 * and the case page's pieces, which are split over several files.
 *
 * Everything here writes through html.h/layout.h; nothing decides a rule
 * or a permission (that is domain/ and svc.c). The Finsam helper provides
 * ui_case_finsam_section(), called on the case page of a Finsam case.
 */
#ifndef BERED_UI_H
#define BERED_UI_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "http/form.h"
#include "http/req.h"

/* The 403 messages for a user without a stake in a case (perm.c). */
#define NO_STAKE_EDIT                                                            \
	"Du får inte ändra det här ärendet: bara parter som deltar och "     \
	"förbundets kansli gör det (FK:s ESF-kansli när Försäkringskassan " \
	"är projektägare)."
#define NO_STAKE_MOVE                                                            \
	"Du får inte flytta det här ärendet: bara parter som deltar och "     \
	"förbundets kansli gör det (FK:s ESF-kansli när Försäkringskassan " \
	"är projektägare)."

/*
 * Lost updates (ui_case.c): true if the form carries a version other than
 * now's (the case changed since the form was read); stale_message writes
 * what the Swedish refusal says, field by field, into b: of the case
 * fields typed, or of the party row typed when row is not NULL.
 */
bool stale_form(struct req *r, const struct arende *now);
void stale_message(struct buf *b, const struct arende *now,
    const struct arende *typed, const struct party_row *row);

/* ---- provided by the Finsam pages (ui_finsam*.c) ---- */

/*
 * The Finsam part of the case page of a Finsam case a (board decisions,
 * participants): writes its own <h2> section(s) into r->out.
 */
void ui_case_finsam_section(struct req *r, const struct arende *a);

/* ---- small widgets (ui_common.c) ---- */

/* A state badge: <span class="badge badge-CODE">Label</span>. */
void ui_state_badge(struct req *r, enum state s);
/* <a href="/arenden/ID">title</a> (title escaped; "(utan titel)" if empty). */
void ui_case_link(struct req *r, int64_t id, const char *title);
/*
 * The success notice of a PRG redirect: if the query has ok=CODE and CODE
 * is one of the known codes, a role="status" box with its Swedish text.
 * Unknown codes are ignored (nothing from the query is echoed).
 */
void ui_ok_notice(struct req *r);
/* The warning of a case whose linked call closes soon or has closed. */
void ui_call_notice(struct req *r, const struct arende *a);
/*
 * Answers x (taken) as a download in ?format (csv or xlsx, checked by the
 * caller with export_format_ok) named name.csv or name.xlsx.
 */
struct export;
void ui_export(struct req *r, const char *name, struct export *x);
/* The download links of a list: base is its URL ending in '?' or '&'. */
void ui_export_links(struct req *r, const char *base);
/*
 * The frame of a data table: on a narrow screen the table scrolls sideways
 * inside it instead of widening the page (WCAG 1.4.10). The frame is a
 * region named label and reachable by keyboard (tabindex 0), so it can be
 * scrolled without a mouse. ui_table_begin also opens <table class=cls>
 * (cls NULL: no class); ui_table_end closes both.
 */
void ui_table_begin(struct req *r, const char *label, const char *cls);
void ui_table_end(struct req *r);
/*
 * The choices of a <select> whose values are ids (cases, calls, needs,
 * förbund): ui_choices_init makes room for max, ui_choices_add copies the
 * label (cut at 250 bytes), ui_choices_select writes the labelled select
 * (selected 0: none chosen), ui_choices_free releases. codes and labels
 * can also be given to html_select directly.
 */
struct ui_choices {
	size_t n;
	const char **codes;
	const char **labels;
	char (*ids)[24];
	char (*lab)[256];
};

void ui_choices_init(struct ui_choices *c, size_t max);
void ui_choices_add(struct ui_choices *c, int64_t id, const char *label);
void ui_choices_select(struct req *r, const struct ui_choices *c,
    const struct field_errors *fe, const char *field, const char *label,
    int64_t selected, bool allow_empty);
void ui_choices_free(struct ui_choices *c);
/* A UTC timestamp ("2025-03-13T09:30:00Z") in Swedish time in <time>. */
void ui_time(struct req *r, const char *ts);
/* "Ja" / "Nej". */
const char *ui_yes_no(bool v);
/* A date or "–" when not set, as escaped text. */
void ui_date(struct req *r, const char *d);
/*
 * Copies at most max bytes of s into out (outsz >= max + 4), cut at a UTF-8
 * character boundary, with "…" appended when cut.
 */
void ui_truncate(const char *s, size_t max, char *out, size_t outsz);

/*
 * The förbund a page works on: the user's own förbund, or for users
 * without one (national roles) the förbund given as ?forbund=ID (or the
 * form field forbund_id on a POST) if perm_forbund_visible allows it.
 * Returns 0 when none is chosen or the choice is not visible.
 */
int64_t ui_scope_forbund(struct req *r);
/*
 * A GET form choosing a förbund (select "forbund" of the förbund visible
 * to the user) that submits to action (a local path literal).
 */
void ui_forbund_picker(struct req *r, const char *action);

/* ---- the case page (ui_case*.c) ---- */

/* What a re-rendered case page shows beside the stored case. */
struct ui_case_view {
	const struct arende *form;     /* fields form values, NULL = case */
	const struct field_errors *fe; /* fields form errors, or NULL */
	int64_t party_id;              /* party form with errors */
	const struct party_row *party_form; /* its submitted values */
	const struct field_errors *party_fe;
	const struct rule_list *party_rules;
	int move_to; /* refused target, -1 none */
	const struct rule_list *move_rules;
	const struct field_errors *move_fe;
	const char *move_comment; /* submitted comment */
	const char *alert;        /* top message, or NULL */
	const char *comment_text; /* a refused comment (issue 10), or NULL */
	const struct field_errors *comment_fe;
	/* A refused upload (issue 10): its fields, message and rules. */
	const struct field_errors *doc_fe;
	const char *doc_alert;
	const struct rule_list *doc_rules;
};
/*
 * Whether a document of kind k is attached to a (its newest version, a
 * link), else a link to the upload form with that kind chosen: beside
 * a step that needs it (the överenskommelse of R5).
 */
void ui_case_doc_attached(struct req *r, const struct arende *a,
    enum doc_kind k);
/* The beredningsgrupp's meetings about a (ui_group.c); nothing for
 * whoever may not see them (R1). */
void ui_case_groups(struct req *r, const struct arende *a);
/* The documents of board meeting meeting_id or beredningsgrupp meeting
 * group_id (the other 0), with the upload form when edit. */
void ui_meeting_documents(struct req *r, int64_t meeting_id, int64_t group_id,
    bool edit);
/* The documents section of the case page (ui_case_docs.c). */
void ui_case_documents(struct req *r, const struct arende *a,
    const struct ui_case_view *v);

void ui_case_view_init(struct ui_case_view *v);
/*
 * Renders the whole case page of a (already checked visible) with the
 * view's errors. Sets nothing on r->status: the caller does.
 */
void ui_case_render(struct req *r, const struct arende *a,
    const struct ui_case_view *v);
/* The process map section of a (DOMAIN.md 3.1/3.2), ui_case_map.c. */
void ui_case_map(struct req *r, const struct arende *a,
    const struct history_entry *h, size_t nh);
/* "Vad saknas för nästa steg": checklists, move forms, R4 (ui_case_map.c). */
void ui_case_next(struct req *r, const struct arende *a,
    const struct ui_case_view *v);
/* The case fields form, or a read-only list (ui_case_forms.c). */
void ui_case_fields(struct req *r, const struct arende *a,
    const struct ui_case_view *v);
/*
 * Reads the case fields present in the POST over *after (fields absent
 * from the form keep their value). Errors go to fe.
 */
void ui_case_fields_parse(struct req *r, struct arende *after,
    struct field_errors *fe);
/* The party table and one form per party (ui_case_party.c). */
void ui_case_parties(struct req *r, const struct arende *a,
    const struct ui_case_view *v);
/*
 * If a is closed (a final state, case_closed_check: G), writes the
 * domain's note that nothing on it changes any more and returns true:
 * the caller then shows facts instead of forms (ui_case.c).
 */
bool ui_case_closed_note(struct req *r, const struct arende *a);

#endif
