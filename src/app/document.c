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
svc_document_add(struct app_ctx *c, const struct arende *a, struct document *d,
    FILE *f, struct rule_list *rl, struct field_errors *fe)
{
	struct document *old = NULL;
	int err = B_OK;

	if (!svc_document_type(f, d->content_type)) {
		return B_UNSUPPORTED;
	}
	if (!perm_document_upload(c->user, a, doc_kind_party_owned(d->kind),
		d->party_id)) {
		/* R7 is decided by perm_party_own_fields (domain/perm.c). */
		if (doc_kind_party_owned(d->kind) && d->party_id != 0) {
			const struct party_row *p =
			    arende_party(a, d->party_id);

			rule_add(rl, "R7", false,
			    "Ett medfinansieringsintyg för %s laddas upp av "
			    "partens egen ledamot.",
			    p != NULL ? p->party_name : "parten");
		}
		if (!doc_kind_party_owned(d->kind) || d->party_id != 0) {
			return B_FORBIDDEN;
		}
	}
	if (d->replaces != 0) {
		old = xmalloc(sizeof(*old));
		err = store_document_get(c->st, d->replaces, old);
		if (err == B_NOTFOUND) {
			field_error_add(fe, "replaces",
			    "Dokumentet som ska ersättas finns inte.");
			free(old);
			return B_INVALID;
		}
	}
	/* G, R7 (its party): decided in domain/document.c. */
	if (err == B_OK &&
	    document_check(a, d->kind, d->party_id, old, rl) > 0) {
		size_t i;

		for (i = 0; i < rl->n; i++) {
			if (!rl->r[i].ok && rl->r[i].field[0] != '\0') {
				field_error_add(fe, rl->r[i].field, "%s",
				    rl->r[i].message);
			}
		}
		err = fe->n > 0 ? B_INVALID : B_CONFLICT;
	}
	free(old);
	if (err != B_OK) {
		return err;
	}
	d->case_id = a->id;
	err = store_document_add(c->st, d, f, c->user->id);
	/* As stored, with the names of its party and uploader. */
	return err == B_OK ? store_document_get(c->st, d->id, d) : err;
}
