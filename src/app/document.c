/*
 * document.c - the type of an uploaded file and the upload's rules
 * (document.h). The type comes from libmagic, the well-kept reader of
 * file signatures (the file(1) command's library), looking at the
 * content only: a file named .pdf that is HTML is HTML.
 */
#include "document.h"

#include <magic.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "domain/perm.h"
#include "group.h"
#include "svc.h"
#include "svc_finsam.h"
#include "util/log.h"
#include "util/text.h"
#include "util/xmalloc.h"

/*
 * A handle per upload (libmagic is not thread-safe, and a handle kept by
 * a worker thread would outlive it): opening one maps the compiled
 * signatures, about a millisecond.
 */
bool
svc_document_type(FILE *f, char out[DOC_TYPE_MAX])
{
	magic_t m = magic_open(MAGIC_MIME_TYPE | MAGIC_ERROR);
	const char *t = NULL;
	int fd;

	out[0] = '\0';
	if (m == NULL) {
		return false;
	}
	if (magic_load(m, NULL) != 0) {
		log_err("libmagic: %s", magic_error(m));
	} else if (fflush(f) == 0 && (fd = dup(fileno(f))) >= 0) {
		/* libmagic reads from the descriptor's offset: a copy. */
		(void)lseek(fd, 0, SEEK_SET);
		t = magic_descriptor(m, fd);
		if (t != NULL) {
			text_copy(out, DOC_TYPE_MAX, t);
		}
		close(fd);
	}
	magic_close(m);
	return t != NULL && doc_type_allowed(out);
}

int
svc_document_owner(struct app_ctx *c, const struct document *d, bool edit,
    struct arende *a)
{
	int err;

	if (d->case_id != 0) {
		return svc_case_get(c, d->case_id, a);
	}
	if (d->meeting_id != 0) {
		struct meeting *m = xmalloc(sizeof(*m));

		err = svc_meeting_get(c, d->meeting_id, edit, m);
		free(m);
		return err;
	}
	if (d->group_meeting_id != 0) {
		struct group_meeting *g = xmalloc(sizeof(*g));

		/* R1: the styrelse never sees these (perm_group_view). */
		err = svc_group_get(c, d->group_meeting_id, edit, g);
		free(g);
		return err;
	}
	return B_NOTFOUND;
}

int
svc_document_get(struct app_ctx *c, int64_t id, struct document *d)
{
	struct arende *a = xmalloc(sizeof(*a));
	int err = store_document_get(c->st, id, d);

	if (err == B_OK) {
		err = svc_document_owner(c, d, false, a);
	}
	free(a);
	return err;
}

/* May the user add d to case a? R7 for a party's own document. */
static int
case_upload(struct app_ctx *c, const struct arende *a, const struct document *d,
    struct rule_list *rl)
{
	bool own = doc_kind_party_owned(d->kind);

	if (perm_document_upload(c->user, a, own, d->party_id)) {
		return B_OK;
	}
	/* R7 is decided by perm_party_own_fields (domain/perm.c). */
	if (own && d->party_id != 0) {
		const struct party_row *p = arende_party(a, d->party_id);

		rule_add(rl, "R7", false,
		    "Ett medfinansieringsintyg för %s laddas upp av partens "
		    "egen ledamot.",
		    p != NULL ? p->party_name : "parten");
	}
	/* An intyg without its party: document_check names the field. */
	return own && d->party_id == 0 ? B_OK : B_FORBIDDEN;
}

int
svc_document_add(struct app_ctx *c, struct document *d, FILE *f,
    struct rule_list *rl, struct field_errors *fe)
{
	struct arende *a = xmalloc(sizeof(*a));
	struct document *old = NULL;
	int err;

	err = svc_document_owner(c, d, d->case_id == 0, a);
	if (err == B_OK && d->case_id != 0) {
		err = case_upload(c, a, d, rl);
	}
	if (err == B_OK && !svc_document_type(f, d->content_type)) {
		err = B_UNSUPPORTED;
	}
	if (err == B_OK && d->replaces != 0) {
		old = xmalloc(sizeof(*old));
		err = store_document_get(c->st, d->replaces, old);
		if (err == B_NOTFOUND) {
			field_error_add(fe, "replaces",
			    "Dokumentet som ska ersättas finns inte.");
			err = B_INVALID;
		}
	}
	/* G, R7 (its party): decided in domain/document.c. */
	if (err == B_OK &&
	    document_check(d->case_id != 0 ? a : NULL, d, old, rl) > 0) {
		for (size_t i = 0; i < rl->n; i++) {
			if (!rl->r[i].ok && rl->r[i].field[0] != '\0') {
				field_error_add(fe, rl->r[i].field, "%s",
				    rl->r[i].message);
			}
		}
		err = fe->n > 0 ? B_INVALID : B_CONFLICT;
	}
	if (err == B_OK) {
		err = store_document_add(c->st, d, f, c->user->id);
	}
	/* As stored, with the names of its party and uploader. */
	if (err == B_OK) {
		err = store_document_get(c->st, d->id, d);
	}
	free(old);
	free(a);
	return err;
}
