/*
 * document.c - the kinds and types of documents (document.h).
 */
#include "document.h"

#include <string.h>

#include "util/buf.h"
#include "util/text.h"

static const struct {
	const char *code, *label;
} kinds[DOC__COUNT] = {
	[DOC_PROJEKTIDE] = { "projektide", "Projektidé" },
	[DOC_OVERENSKOMMELSE] = { "overenskommelse", "Överenskommelse" },
	[DOC_ANSOKAN] = { "ansokan", "Ansökan" },
	[DOC_MEDFINANSIERINGSINTYG] = { "medfinansieringsintyg",
	    "Medfinansieringsintyg" },
	[DOC_ESF_BESLUT] = { "esf_beslut", "ESF-rådets beslut" },
	[DOC_SLUTRAPPORT] = { "slutrapport", "Slutrapport" },
	[DOC_PROTOKOLL] = { "protokoll", "Protokoll" },
	[DOC_OVRIGT] = { "ovrigt", "Övrigt" },
};

const char *
doc_kind_code(enum doc_kind k)
{
	return k >= 0 && k < DOC__COUNT ? kinds[k].code : "";
}

const char *
doc_kind_label(enum doc_kind k)
{
	return k >= 0 && k < DOC__COUNT ? kinds[k].label : "";
}

bool
doc_kind_from_code(const char *s, enum doc_kind *out)
{
	for (int k = 0; s != NULL && k < DOC__COUNT; k++) {
		if (strcmp(s, kinds[k].code) == 0) {
			*out = (enum doc_kind)k;
			return true;
		}
	}
	return false;
}

bool
doc_kind_party_owned(enum doc_kind k)
{
	return k == DOC_MEDFINANSIERINGSINTYG;
}

static const char *const allowed[] = {
	"application/pdf",
	"application/vnd.openxmlformats-officedocument.wordprocessingml."
	"document",
	"application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
	"application/vnd.oasis.opendocument.text",
	"application/vnd.oasis.opendocument.spreadsheet",
	"image/png",
	"image/jpeg",
	"text/plain",
};

const char doc_types_text[] = "PDF, Word (DOCX), Excel (XLSX), "
			      "OpenDocument-text (ODT), OpenDocument-"
			      "kalkylblad (ODS), PNG, JPEG och vanlig text";

const char *
doc_type_static(const char *mime)
{
	for (size_t i = 0;
	     mime != NULL && i < sizeof(allowed) / sizeof(*allowed); i++) {
		if (strcmp(mime, allowed[i]) == 0) {
			return allowed[i];
		}
	}
	return NULL;
}

void
doc_type_refusal(const char *mime, char *out, size_t outsz)
{
	struct buf b;

	buf_init(&b);
	buf_printf(&b,
	    "Filen tas inte emot: dess innehåll är av typen %s. Tillåtna "
	    "typer är %s.",
	    mime != NULL && mime[0] != '\0' ? mime : "okänd", doc_types_text);
	text_copy(out, outsz, buf_cstr(&b));
	buf_free(&b);
}

bool
doc_type_allowed(const char *mime)
{
	return doc_type_static(mime) != NULL;
}

size_t
document_check(const struct arende *a, const struct document *d,
    const struct document *replaced, struct rule_list *out)
{
	size_t before = rule_failures(out);

	if (a != NULL) {
		/* G: decided by case_closed_check (rules.c). */
		(void)case_closed_check(a, out);
	}
	/* R7: a medfinansieringsintyg is one party's, on its case. */
	if (doc_kind_party_owned(d->kind) && a == NULL) {
		rule_add_field(out, "R7", false, "kind",
		    "Ett medfinansieringsintyg hör till ett ärende, inte till "
		    "ett möte.");
	} else if (doc_kind_party_owned(d->kind) && d->party_id == 0) {
		rule_add_field(out, "R7", false, "party_id",
		    "Ett %s hör till en part: välj vilken.",
		    "medfinansieringsintyg");
	}
	if (d->party_id != 0 &&
	    (a == NULL || arende_party(a, d->party_id) == NULL)) {
		rule_add_field(out, "G", false, "party_id",
		    "Parten hör inte till ärendet.");
	}
	if (replaced != NULL &&
	    (replaced->case_id != d->case_id ||
		replaced->meeting_id != d->meeting_id ||
		replaced->group_meeting_id != d->group_meeting_id ||
		replaced->kind != d->kind ||
		replaced->party_id != d->party_id)) {
		rule_add_field(out, "G", false, "replaces",
		    "En ny version måste gälla samma ärende eller möte, slag "
		    "av dokument och part som den den ersätter.");
	}
	return rule_failures(out) - before;
}
