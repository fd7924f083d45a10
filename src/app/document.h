/*
 * document.h - documents on a case (issue 10): the type of an uploaded
 * file found from its content, and the upload itself with its rules.
 */
#ifndef BERED_APP_DOCUMENT_H
#define BERED_APP_DOCUMENT_H

#include <stdio.h>

#include "app.h"
#include "domain/document.h"
#include "util/fielderr.h"

/*
 * The type of f's content (libmagic, from the bytes, never the name) into
 * out (DOC_TYPE_MAX); true when Bered keeps that type (doc_type_allowed).
 */
bool svc_document_type(FILE *f, char out[DOC_TYPE_MAX]);
/*
 * Whether the user sees (edit false) or may add documents to (edit true)
 * d's owner: its case (then loaded into a; R7 is svc_document_add's), its
 * board meeting (board viewers; the kansli keeps it) or its beredningsgrupp
 * meeting (never the styrelse, R1). B_NOTFOUND as for a missing owner,
 * B_FORBIDDEN when it may be seen but not added to.
 */
int svc_document_owner(struct app_ctx *c, const struct document *d, bool edit,
    struct arende *a);
/* Document id, if the user sees its owner; else B_NOTFOUND. */
int svc_document_get(struct app_ctx *c, int64_t id, struct document *d);
/*
 * Adds d (its owner, kind, party_id, name, size, sha256 and replaces set
 * by the caller) with its content from f, typed by svc_document_type.
 * B_UNSUPPORTED for a type Bered does not keep (the type found in
 * d->content_type, doc_type_refusal words it), B_NOTFOUND for an owner
 * the user does not see, B_FORBIDDEN when the user may not add (with the
 * R7 failure in rl for a party's own document), B_CONFLICT with the
 * failures in rl (G: a closed case), B_INVALID with fe (a field), or the
 * store's error; B_OK fills d.
 */
int svc_document_add(struct app_ctx *c, struct document *d, FILE *f,
    struct rule_list *rl, struct field_errors *fe);

#endif
