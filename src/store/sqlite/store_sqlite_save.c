/*
 * store_sqlite_save.c - SQLite backend: store_case_save(), the one way a
 * case changes after creation. In one transaction it checks the version
 * read (optimistic locking), writes the case and its changed party rows,
 * bumps the version and appends one audit row per changed field (with
 * before and after, and a readable Swedish comment) plus a history row
 * from -> to when the state moved. What changed is found by comparing
 * the stored text form of every field, driven by the tables below.
 */
#include <stddef.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "store_sqlite.h"
#include "util/text.h"
#include "util/xmalloc.h"

/* How a field is stored as text and shown in the history. */
enum fty {
	F_STR,
	F_LONG,
	F_DATE,
	F_BOOL,
	F_ID,
	F_CALL,
	F_PARTY,
	F_MONEY,
	F_REASON,
	F_AGP,
	F_BESLUT
};

struct fdef {
	const char *name;  /* API name, the audit row's field */
	const char *label; /* Swedish, for the history */
	enum fty type;
	size_t off;
};

#define CF(n, l, t)                                                            \
	{                                                                      \
#n, l, t, offsetof(struct arende, n)                           \
	}
static const struct fdef case_fields[] = {
	CF(title, "Titel", F_STR),
	CF(description, "Beskrivning", F_LONG),
	CF(finsam_malgrupp, "Finsams målgrupp", F_BOOL),
	CF(external_cofinancers, "Externa medfinansiärer", F_STR),
	CF(need_id, "Behov", F_ID),
	CF(owner_party_id, "Projektägare", F_PARTY),
	CF(call_id, "Utlysning", F_CALL),
	CF(identified_on, "Identifierad", F_DATE),
	CF(submitted_on, "Inskickad", F_DATE),
	CF(esf_arende_id, "ESF-rådets ärende-id", F_STR),
	CF(decision_on, "Beslutsdatum", F_DATE),
	CF(granted_amount, "Beviljat belopp", F_MONEY),
	CF(project_start, "Projektstart", F_DATE),
	CF(project_end, "Projektslut", F_DATE),
	CF(projektledare, "Projektledare", F_STR),
	CF(controller, "Controller", F_STR),
	CF(administrator, "Administratör", F_STR),
	CF(overenskommelse_on, "Överenskommelse", F_DATE),
	CF(final_report_on, "Slutrapport", F_DATE),
	CF(reason, "Skäl", F_REASON),
	CF(reason_text, "Skäl (fritext)", F_STR),
};
#undef CF

#define PF(n, l, t)                                                            \
	{                                                                      \
#n, l, t, offsetof(struct party_row, n)                        \
	}
static const struct fdef party_fields[] = {
	PF(deltar, "deltar", F_BOOL),
	PF(medfinansiar, "medfinansierar", F_BOOL),
	PF(medfinansiering, "medfinansiering", F_STR),
	PF(utforare, "utförare", F_BOOL),
	PF(forankrad, "förankrad", F_DATE),
	PF(mandat, "mandat", F_BOOL),
	PF(agarprovning, "ägarprövning", F_AGP),
	PF(beslut, "beslut", F_BESLUT),
};
#undef PF

#define NELEM(a) (sizeof(a) / sizeof((a)[0]))
#define DASH     "\xe2\x80\x93" /* en dash: no value */

static const char *
shown_str(const char *s)
{
	return s[0] != '\0' ? s : DASH;
}

/*
 * The stored text (raw, "" = NULL) and the readable text (shown) of the
 * field f of the struct at base. a supplies party names for F_PARTY.
 */
static void
fmt_field(const struct fdef *f, const void *base, const struct arende *a,
    char *raw, size_t rawlen, char *shown, size_t shownlen)
{
	const char *p = (const char *)base + f->off;
	const struct party_row *r;
	int64_t v;
	int e;

	raw[0] = '\0';
	switch (f->type) {
	case F_STR:
	case F_LONG:
	case F_DATE:
		text_copy(raw, rawlen, p);
		snprintf(shown, shownlen, "%s", shown_str(p));
		break;
	case F_BOOL:
		snprintf(raw, rawlen, "%s",
		    *(const bool *)p ? "true" : "false");
		snprintf(shown, shownlen, "%s",
		    *(const bool *)p ? "ja" : "nej");
		break;
	case F_ID:
	case F_CALL:
	case F_PARTY:
		memcpy(&v, p, sizeof(v));
		if (v != 0) {
			snprintf(raw, rawlen, "%lld", (long long)v);
		}
		r = f->type == F_PARTY ? arende_party(a, v) : NULL;
		snprintf(shown, shownlen, "%s",
		    v == 0          ? DASH
			: r != NULL ? r->party_name
				    : raw);
		break;
	case F_MONEY:
		memcpy(&v, p, sizeof(v));
		if (v >= 0) {
			snprintf(raw, rawlen, "%lld", (long long)v);
			money_format(v, shown, shownlen);
		} else {
			snprintf(shown, shownlen, "%s", DASH);
		}
		break;
	case F_REASON:
		memcpy(&e, p, sizeof(e));
		if (e != REASON_NONE) {
			snprintf(raw, rawlen, "%s",
			    reason_code((enum reason)e));
		}
		snprintf(shown, shownlen, "%s",
		    e == REASON_NONE ? DASH : reason_label((enum reason)e));
		break;
	case F_AGP:
		memcpy(&e, p, sizeof(e));
		snprintf(raw, rawlen, "%s",
		    e == AGP_NONE ? ""
				  : agarprovning_code((enum agarprovning)e));
		snprintf(shown, shownlen, "%s",
		    e == AGP_KAN          ? "kan vara ägare"
			: e == AGP_AVSTAR ? "avstår"
					  : DASH);
		break;
	case F_BESLUT:
		memcpy(&e, p, sizeof(e));
		snprintf(raw, rawlen, "%s",
		    e == BESLUT_NONE ? "" : beslut_code((enum beslut)e));
		snprintf(shown, shownlen, "%s",
		    e == BESLUT_JA        ? "ja"
			: e == BESLUT_NEJ ? "nej"
					  : DASH);
		break;
	}
}

/* Scratch space for comparing one field (too big for many stack frames). */
struct diffbuf {
	char old_raw[TEXT_MAX + 1], new_raw[TEXT_MAX + 1];
	/* Shown values: only short fields are shown, so these suffice. */
	char old_shown[SHORT_MAX + 8], new_shown[SHORT_MAX + 8];
	char field[64];
	char comment[TEXT_MAX + 1];
};

/*
 * The history shows a linked utlysning by its reference and title, not
 * by its id; a call that cannot be read keeps the id already in shown.
 */
static void
call_shown(struct sq *q, const void *base, const struct fdef *f, char *shown,
    size_t len)
{
	struct utlysning u;
	int64_t id;

	memcpy(&id, (const char *)base + f->off, sizeof(id));
	if (id != 0 && sq_call_get(&q->base, id, &u) == B_OK) {
		text_copy(shown, len, u.reference);
		if (strlen(shown) + 1 < len) {
			strncat(shown, " ", len - strlen(shown) - 1);
			strncat(shown, u.title, len - strlen(shown) - 1);
		}
	}
}

/*
 * Compares field f of ob and nb; if it changed, appends the audit row.
 * who: "" for a case field, else the party's name (comment prefix).
 */
static int
diff_field(struct sq *q, int64_t actor, const struct arende *after,
    const struct fdef *f, const void *ob, const void *nb, const char *who,
    struct diffbuf *d)
{
	fmt_field(f, ob, after, d->old_raw, sizeof(d->old_raw), d->old_shown,
	    sizeof(d->old_shown));
	fmt_field(f, nb, after, d->new_raw, sizeof(d->new_raw), d->new_shown,
	    sizeof(d->new_shown));
	if (strcmp(d->old_raw, d->new_raw) == 0) {
		return B_OK;
	}
	if (f->type == F_CALL) {
		call_shown(q, ob, f, d->old_shown, sizeof(d->old_shown));
		call_shown(q, nb, f, d->new_shown, sizeof(d->new_shown));
	}
	if (f->type == F_LONG) {
		snprintf(d->comment, sizeof(d->comment), "%s ändrades",
		    f->label);
	} else if (who[0] != '\0') {
		snprintf(d->comment, sizeof(d->comment),
		    "%s " DASH " %s: %s "
		    "\xe2\x86\x92 %s",
		    who, f->label, d->old_shown, d->new_shown);
	} else {
		snprintf(d->comment, sizeof(d->comment),
		    "%s: %s \xe2\x86\x92 %s", f->label, d->old_shown,
		    d->new_shown);
	}
	return sq_audit(q, actor,
	    &(struct sq_audit){ .entity = "arende",
		.entity_id = after->id,
		.field = d->field,
		.old_value = d->old_raw,
		.new_value = d->new_raw,
		.comment = d->comment });
}

/* Audits every changed case field. */
static int
diff_case(struct sq *q, int64_t actor, const struct arende *before,
    const struct arende *after, struct diffbuf *d)
{
	int rc = B_OK;

	for (size_t i = 0; rc == B_OK && i < NELEM(case_fields); i++) {
		snprintf(d->field, sizeof(d->field), "%s", case_fields[i].name);
		rc = diff_field(q, actor, after, &case_fields[i], before, after,
		    "", d);
	}
	return rc;
}

/* Writes and audits every changed party row. */
static int
diff_parties(struct sq *q, int64_t actor, const struct arende *before,
    const struct arende *after, struct diffbuf *d)
{
	const struct party_row *o, *n;
	size_t nchanges;
	int rc = B_OK;

	for (size_t i = 0; rc == B_OK && i < after->nparties; i++) {
		n = &after->parties[i];
		o = arende_party(before, n->party_id);
		nchanges = 0;
		for (size_t j = 0; rc == B_OK && j < NELEM(party_fields); j++) {
			snprintf(d->field, sizeof(d->field), "parties[%lld].%s",
			    (long long)n->party_id, party_fields[j].name);
			rc = diff_field(q, actor, after, &party_fields[j], o, n,
			    o->party_name[0] ? o->party_name : n->party_name,
			    d);
			/* A row is rewritten only if an audit row was added. */
			nchanges +=
			    rc == B_OK && strcmp(d->old_raw, d->new_raw) != 0;
		}
		if (rc == B_OK && nchanges > 0) {
			rc = sq_case_party_put(q, after->id, n);
		}
	}
	return rc;
}

/* What a save may change: not the identity, nothing malformed. */
static int
save_check(const struct arende *before, const struct arende *after)
{
	if (before->id != after->id ||
	    before->forbund_id != after->forbund_id ||
	    before->kind != after->kind || after->title[0] == '\0' ||
	    (unsigned)after->state >= ST__COUNT ||
	    (unsigned)after->reason >= REASON__COUNT ||
	    after->nparties > MAX_PARTIES) {
		return B_INVALID;
	}
	for (size_t i = 0; i < NELEM(case_fields); i++) {
		const char *p = (const char *)after + case_fields[i].off;

		if (case_fields[i].type == F_DATE && p[0] != '\0' &&
		    !date_valid(p)) {
			return B_INVALID;
		}
	}
	for (size_t i = 0; i < after->nparties; i++) {
		const struct party_row *r = &after->parties[i];

		/* Rows exist from creation; a save never adds a party. */
		if (arende_party(before, r->party_id) == NULL ||
		    (r->forankrad[0] != '\0' && !date_valid(r->forankrad)) ||
		    (unsigned)r->agarprovning > AGP_AVSTAR ||
		    (unsigned)r->beslut > BESLUT_NEJ) {
			return B_INVALID;
		}
	}
	return B_OK;
}

/* The version-checked update; B_CONFLICT if someone saved in between. */
static int
case_update(struct sq *q, const struct arende *before,
    const struct arende *after)
{
	sqlite3_stmt *st;
	char now[TS_LEN];
	int rc;

	st = sq_prep(q, SQ_CASE_UPDATE,
	    "UPDATE arende SET title = ?1, "
	    "description = ?2, finsam_malgrupp = ?3, "
	    "external_cofinancers = ?4, need_id = ?5, owner_party_id = ?6, "
	    "call_id = ?7, identified_on = ?8, submitted_on = ?9, "
	    "esf_arende_id = ?10, decision_on = ?11, granted_amount = ?12, "
	    "project_start = ?13, project_end = ?14, projektledare = ?15, "
	    "controller = ?16, administrator = ?17, overenskommelse_on = ?18, "
	    "final_report_on = ?19, reason = ?20, reason_text = ?21, "
	    "state = ?22, version = version + 1, updated_at = ?23 "
	    "WHERE id = ?24 AND version = ?25");
	if (st == NULL) {
		return B_INTERNAL;
	}
	sq_now(q, now);
	sq_bind_case(st, after);
	sq_bind_str(st, 23, now);
	sq_bind_i64(st, 24, after->id);
	sq_bind_i64(st, 25, before->version);
	rc = sq_run(q, st, "case update");
	if (rc == B_OK && sqlite3_changes(q->db) == 0) {
		struct arende *cur = xmalloc(sizeof(*cur));

		/* Gone, or changed since before was read. */
		rc = sq_case_get(&q->base, after->id, cur);
		rc = rc == B_OK ? B_CONFLICT : rc;
		free(cur);
	}
	return rc;
}

int
sq_case_save(struct store *s, const struct arende *before,
    const struct arende *after, int64_t actor, const char *comment)
{
	struct sq *q = sq_of(s);
	struct diffbuf *d;
	bool outer;
	int rc;

	if ((rc = save_check(before, after)) != B_OK) {
		return rc;
	}
	d = xmalloc(sizeof(*d));
	if ((rc = sq_tx_begin(q, &outer)) != B_OK) {
		goto out;
	}
	rc = case_update(q, before, after);
	if (rc == B_OK) {
		rc = diff_case(q, actor, before, after, d);
	}
	if (rc == B_OK) {
		rc = diff_parties(q, actor, before, after, d);
	}
	if (rc == B_OK && before->state != after->state) {
		rc = sq_audit(q, actor,
		    &(struct sq_audit){ .entity = "arende",
			.entity_id = after->id,
			.from_state = state_code(before->state),
			.to_state = state_code(after->state),
			.comment = comment });
	}
	rc = sq_tx_end(q, outer, rc);
out:
	free(d);
	return rc;
}
