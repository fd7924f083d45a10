/*
 * document.h - documents on a case (issue 10): their kinds, which of them
 * belong to a party (R7), the types Bered keeps, and the limit.
 *
 * Pure: no I/O. The content's type is found by the app layer (libmagic);
 * whether it is kept is decided here.
 */
#ifndef BERED_DOCUMENT_H
#define BERED_DOCUMENT_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "arende.h"
#include "rules.h"

/* The largest document, bytes (20 MiB). */
#define DOC_MAX_BYTES (20 * 1024 * 1024)
#define DOC_NAME_MAX  256
#define DOC_TYPE_MAX  128

enum doc_kind {
	DOC_PROJEKTIDE,
	DOC_OVERENSKOMMELSE,
	DOC_ANSOKAN,
	DOC_MEDFINANSIERINGSINTYG,
	DOC_ESF_BESLUT,
	DOC_SLUTRAPPORT,
	DOC_PROTOKOLL,
	DOC_OVRIGT,
	DOC__COUNT
};

/* One stored document (a version). */
struct document {
	int64_t id;
	int64_t forbund_id;
	int64_t case_id;          /* the one it belongs to: a case, */
	int64_t meeting_id;       /* a board meeting */
	int64_t group_meeting_id; /* or a beredningsgrupp meeting */
	enum doc_kind kind;
	int64_t party_id; /* 0 = none */
	char party_name[NAME_MAX_];
	char name[DOC_NAME_MAX];
	char content_type[DOC_TYPE_MAX];
	int64_t size;
	char sha256[65];  /* hex */
	int version;      /* 1, 2, ... */
	int64_t replaces; /* the version before, 0 = the first */
	char uploaded_at[TS_LEN];
	int64_t uploaded_by;
	char uploaded_by_name[NAME_MAX_];
};

const char *doc_kind_code(enum doc_kind k); /* "projektide", ... */
bool doc_kind_from_code(const char *s, enum doc_kind *out);
const char *doc_kind_label(enum doc_kind k); /* "Projektidé", ... */
/* R7: a kind that belongs to one party (the medfinansieringsintyg). */
bool doc_kind_party_owned(enum doc_kind k);
/*
 * The types Bered keeps, by the type found in the content (a MIME type
 * without parameters): PDF, DOCX, XLSX, ODT, ODS, PNG, JPEG and plain
 * text. Anything else (HTML, SVG, programs, archives) is refused, so a
 * stored file can never be a page or a script.
 */
bool doc_type_allowed(const char *mime);
/* The allowed type mime as a string that lives as long as the program,
 * NULL when not allowed. */
const char *doc_type_static(const char *mime);
/* The allowed types as Swedish words, for refusals. */
extern const char doc_types_text[];
/* The refusal of a file of type mime ("" unknown), in Swedish, into out. */
void doc_type_refusal(const char *mime, char *out, size_t outsz);
/*
 * What refuses upload d (its owner, kind and party_id set) to case a (NULL
 * when d belongs to a meeting), replacing `replaced` (NULL = a first
 * version): G (a closed case takes no document), a party-owned kind
 * without its party or on a meeting, a party not of the case, and a new
 * version of another owner, kind or party. Appends each failure to out
 * (fields "kind", "party_id", "replaces") and returns their number. Who
 * may upload (R7) is perm.c's.
 */
size_t document_check(const struct arende *a, const struct document *d,
    const struct document *replaced, struct rule_list *out);

#endif
