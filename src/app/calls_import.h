/*
 * calls_import.h - ESF-rådet's utlysningsplan from CSV (issue 8), the
 * same for `bered calls import FILE`, POST /api/v1/calls/import and the
 * upload on the calls page. A header row names the columns title;
 * reference;opens;closes;focus;esf_share (';' or ',', with or without a
 * BOM, quotes as in RFC 4180). A known reference updates its call, a new
 * one makes a call. Every bad row is reported with its line, field and
 * reason, and when any row is bad nothing is imported: the whole file is
 * one transaction.
 */
#ifndef BERED_CALLS_IMPORT_H
#define BERED_CALLS_IMPORT_H

#include "app.h"

#define IMPORT_ERRORS_MAX 200

struct import_error {
	int line; /* 1 = the header row */
	char field[32];
	char message[256];
};

struct import_result {
	int created, updated;
	struct import_error e[IMPORT_ERRORS_MAX];
	size_t n; /* errors */
};

/*
 * Imports the CSV text[0..len). B_OK (res counts), B_INVALID (res->e lists
 * every bad row; nothing saved), B_FORBIDDEN (not a role that edits
 * calls), or the store's error.
 */
int calls_import(struct app_ctx *c, const char *text, size_t len,
    struct import_result *res);

#endif
