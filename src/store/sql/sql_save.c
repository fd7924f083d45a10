/*
 * sql_save.c - the SQL store: store_case_save(), the one way a
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

#include "domain/fields.h"
#include "sql.h"
#include "util/text.h"
#include "util/xmalloc.h"

#define NELEM(a) (sizeof(a) / sizeof((a)[0]))
#define DASH     "\xe2\x80\x93" /* en dash: no value */

static const char *
shown_str(const char *s)
{
	return s[0] != '\0' ? s : DASH;
}

/*
 * The stored text (raw, "" = NULL) and the readable text (shown) of the
 * field f of the struct at base. a supplies party names for FT_PARTY.
 */
static void
fmt_field(const struct field_def *f, const void *base, const struct arende *a,
    char *raw, size_t rawlen, char *shown, size_t shownlen)
{
	const char *p = (const char *)base + f->off;
	const struct party_row *r;
	int64_t v;
	int e;

	raw[0] = '\0';
	switch (f->type) {
	case FT_TEXT:
	case FT_LONGTEXT:
	case FT_DATE:
		text_copy(raw, rawlen, p);
		snprintf(shown, shownlen, "%s", shown_str(p));
		break;
	case FT_BOOL:
		snprintf(raw, rawlen, "%s",
		    *(const bool *)p ? "true" : "false");
		snprintf(shown, shownlen, "%s",
		    *(const bool *)p ? "ja" : "nej");
		break;
	case FT_ID:
	case FT_CALL:
	case FT_PARTY:
		memcpy(&v, p, sizeof(v));
		if (v != 0) {
			snprintf(raw, rawlen, "%lld", (long long)v);
		}
		r = f->type == FT_PARTY ? arende_party(a, v) : NULL;
		snprintf(shown, shownlen, "%s",
		    v == 0          ? DASH
			: r != NULL ? r->party_name
				    : raw);
		break;
	case FT_MONEY:
		memcpy(&v, p, sizeof(v));
		if (v >= 0) {
			snprintf(raw, rawlen, "%lld", (long long)v);
			money_format(v, shown, shownlen);
		} else {
			snprintf(shown, shownlen, "%s", DASH);
		}
		break;
	case FT_REASON:
		memcpy(&e, p, sizeof(e));
		if (e != REASON_NONE) {
			snprintf(raw, rawlen, "%s",
			    reason_code((enum reason)e));
		}
		snprintf(shown, shownlen, "%s",
		    e == REASON_NONE ? DASH : reason_label((enum reason)e));
		break;
	case FT_AGP:
		memcpy(&e, p, sizeof(e));
		snprintf(raw, rawlen, "%s",
		    e == AGP_NONE ? ""
				  : agarprovning_code((enum agarprovning)e));
		snprintf(shown, shownlen, "%s",
		    e == AGP_KAN          ? "kan vara ägare"
			: e == AGP_AVSTAR ? "avstår"
					  : DASH);
		break;
	case FT_BESLUT:
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
call_shown(struct sq *q, const void *base, const struct field_def *f,
    char *shown, size_t len)
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
    const struct field_def *f, const void *ob, const void *nb, const char *who,
    struct diffbuf *d)
{
	fmt_field(f, ob, after, d->old_raw, sizeof(d->old_raw), d->old_shown,
	    sizeof(d->old_shown));
	fmt_field(f, nb, after, d->new_raw, sizeof(d->new_raw), d->new_shown,
	    sizeof(d->new_shown));
	if (strcmp(d->old_raw, d->new_raw) == 0) {
		return B_OK;
	}
	if (f->type == FT_CALL) {
		call_shown(q, ob, f, d->old_shown, sizeof(d->old_shown));
		call_shown(q, nb, f, d->new_shown, sizeof(d->new_shown));
	}
	if (f->type == FT_LONGTEXT) {
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

	for (size_t i = 0; rc == B_OK && i < ncase_fields; i++) {
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
		for (size_t j = 0; rc == B_OK && j < nparty_fields; j++) {
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
	for (size_t i = 0; i < ncase_fields; i++) {
		const char *p = (const char *)after + case_fields[i].off;

		if (case_fields[i].type == FT_DATE && p[0] != '\0' &&
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
	struct dbst *st;
	char now[TS_LEN];
	int rc;

	st = sq_prep(q, SQ_CASE_UPDATE,
	    "UPDATE arende SET title = :title, "
	    "description = :description, finsam_malgrupp = :finsam_malgrupp, "
	    "external_cofinancers = :external_cofinancers, need_id = :need_id, "
	    "owner_party_id = :owner_party_id, call_id = :call_id, "
	    "identified_on = :identified_on, submitted_on = :submitted_on, "
	    "esf_arende_id = :esf_arende_id, decision_on = :decision_on, "
	    "granted_amount = :granted_amount, project_start = :project_start, "
	    "applied_amount = :applied_amount, "
	    "project_end = :project_end, projektledare = :projektledare, "
	    "controller = :controller, administrator = :administrator, "
	    "overenskommelse_on = :overenskommelse_on, "
	    "final_report_on = :final_report_on, reason = :reason, "
	    "reason_text = :reason_text, state = :state, "
	    "version = version + 1, updated_at = :now "
	    "WHERE id = :id AND version = :version");
	if (st == NULL) {
		return B_INTERNAL;
	}
	sq_now(q, now);
	sq_bind_case(st, after);
	sq_bind_str(st, db_param_index(st, ":now"), now);
	sq_bind_i64(st, db_param_index(st, ":id"), after->id);
	sq_bind_i64(st, db_param_index(st, ":version"), before->version);
	rc = sq_run(q, st, "case update");
	if (rc == B_OK && db_changes(q->db) == 0) {
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
