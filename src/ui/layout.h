/*
 * layout.h - the page frame shared by every HTML page: doctype, lang="sv",
 * head, skip link, header with navigation for the user's role, main,
 * footer. Also small shared widgets (CSRF field, field errors, labels).
 */
#ifndef BERED_LAYOUT_H
#define BERED_LAYOUT_H

#include "http/form.h"
#include "http/req.h"

/* Starts the page: title is the <title> and the <h1>. */
void layout_begin(struct req *r, const char *title);
/* Starts the page without printing an <h1> (the handler prints its own). */
void layout_begin_noh1(struct req *r, const char *title);
void layout_end(struct req *r);
/*
 * For a read a page cannot do without: true if err != B_OK. A failure
 * other than B_NOTFOUND (a missing row is simply left out) is kept in
 * r->page_err, and layout_end then shows the error page for it instead of
 * the page, so an empty list never stands in for a database error (nor a
 * 404 page rendered after it: the recorded failure wins).
 */
bool layout_failed(struct req *r, int err);
/* A full error page (status set, Swedish message). */
void layout_error(struct req *r, int status, const char *message);
/* Maps a store error to an error page (404 page for B_NOTFOUND etc.). */
void layout_error_berr(struct req *r, int err);
/* <input type="hidden" name="_csrf" value="..."> */
void html_csrf(struct req *r);
/*
 * A summary of all errors at the top of a form (role="alert", links to the
 * fields), and the per-field message: id "FIELD-fel", referenced by the
 * input's aria-describedby.
 */
void html_error_summary(struct req *r, const struct field_errors *fe);
void html_field_error(struct req *r, const struct field_errors *fe,
    const char *field);
/*
 * A labelled text input: <label for=f>label</label> <input id=f name=f
 * value=...> with aria-invalid/aria-describedby when fe has an error.
 * type: "text", "date", "number", "email", "password".
 */
void html_input(struct req *r, const struct field_errors *fe, const char *field,
    const char *label, const char *type, const char *value, bool required);
void html_textarea(struct req *r, const struct field_errors *fe,
    const char *field, const char *label, const char *value, bool required);
void html_checkbox(struct req *r, const char *field, const char *label,
    bool checked);
/* A <select> of codes/labels with selected code (NULL = none; "" option first
 * if allow_empty). */
void html_select(struct req *r, const struct field_errors *fe,
    const char *field, const char *label, const char *const *codes,
    const char *const *labels, size_t n, const char *selected,
    bool allow_empty);
/* A failing-rule list in Swedish (role="alert"): "R4: ..." each. */
void html_rules(struct req *r, const struct rule_list *rl, bool failing_only);
/* The failing rules for a container that is itself role="alert". */
void html_rules_in_alert(struct req *r, const struct rule_list *rl);

#endif
