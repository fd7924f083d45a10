/*
 * sql_copy.c - the SQL store: moving a database's rows into another
 * (`bered migrate-data`, a förbund's SQLite file into PostgreSQL), and
 * proving that nothing was lost: every table's rows are read back from
 * both in key order and compared by count and SHA-256. The tables and
 * their columns are this file's own constants (the identifiers of the
 * statements below); every value is bound. The derived tables (the
 * follow-up's facts and sums, the search index) are not copied: the
 * target's triggers and its facts refresh rebuild them from the rows.
 */
#include <sodium.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "sql.h"
#include "util/buf.h"
#include "util/xmalloc.h"

/* The tables with data, parents before children; key: the read order. */
static const struct copy_def {
	const char *name;
	const char *cols;
	const char *key;
	bool ids; /* an id the target's sequence must continue after */
} tables[] = {
	{ "forbund", "id, name, created_at", "id", true },
	{ "party", "id, forbund_id, kind, code, name", "id", true },
	{ "app_user",
	    "id, email, name, role, forbund_id, party_id, pwhash, "
	    "created_at, active, must_change_pw, notify_mode, last_digest, "
	    "feed_hash",
	    "id", true },
	{ "session", "id_hash, user_id, csrf, created, last_seen", "id_hash",
	    false },
	{ "login_failure", "id, key, at", "id", true },
	{ "api_token", "id, user_id, name, hash, created_at, revoked_at", "id",
	    true },
	{ "need", "id, forbund_id, malgrupp, behov, utbud, created_on", "id",
	    true },
	{ "utlysning",
	    "id, title, reference, opens, closes, programomrade, "
	    "esf_share_pct",
	    "id", true },
	{ "arende",
	    "id, forbund_id, kind, state, title, description, "
	    "finsam_malgrupp, external_cofinancers, need_id, owner_party_id, "
	    "call_id, identified_on, submitted_on, esf_arende_id, decision_on, "
	    "granted_amount, project_start, project_end, projektledare, "
	    "controller, administrator, overenskommelse_on, final_report_on, "
	    "reason, reason_text, version, created_at, updated_at, "
	    "applied_amount",
	    "id", true },
	{ "arende_party",
	    "arende_id, party_id, deltar, medfinansiar, medfinansiering, "
	    "utforare, forankrad, mandat, agarprovning, beslut",
	    "arende_id, party_id", false },
	{ "audit",
	    "id, at, user_id, entity, entity_id, field, old_value, new_value, "
	    "from_state, to_state, comment",
	    "id", true },
	{ "meeting", "id, forbund_id, date, present, notes", "id", true },
	{ "agenda_item",
	    "meeting_id, case_id, position, outcome, amount, period_start, "
	    "period_end",
	    "meeting_id, case_id", false },
	{ "budget", "id, forbund_id, year, frame", "id", true },
	{ "budget_offer", "budget_id, party_id, amount, share_ppm",
	    "budget_id, party_id", false },
	{ "participants",
	    "case_id, year, women, men, to_work, to_studies, job_seeking, "
	    "other",
	    "case_id, year", false },
	{ "notice",
	    "id, user_id, case_id, key, subject, body, created_at, state", "id",
	    true },
	{ "outbox",
	    "id, user_id, to_addr, subject, body_text, body_html, created_at, "
	    "next_try, attempts, sent_at, last_error",
	    "id", true },
	{ "group_meeting", "id, forbund_id, date, minutes, created_at", "id",
	    true },
	{ "group_meeting_attendee", "meeting_id, party_id",
	    "meeting_id, party_id", false },
	{ "group_meeting_item",
	    "id, meeting_id, position, case_id, need_id, note", "id", true },
	{ "document",
	    "id, forbund_id, case_id, meeting_id, group_meeting_id, kind, "
	    "party_id, name, content_type, size, sha256, version, replaces, "
	    "uploaded_at, uploaded_by",
	    "id", true },
	{ "document_chunk", "id, document_id, seq, data", "id", true },
};
#define NTABLES (sizeof(tables) / sizeof(tables[0]))

static int
ncols(const struct copy_def *t)
{
	int n = 1;

	for (const char *p = t->cols; *p != '\0'; p++) {
		n += *p == ',';
	}
	return n;
}

/* Prepares "SELECT cols FROM t ORDER BY key" on q (caller finalizes). */
static struct dbst *
select_all(struct sq *q, const struct copy_def *t)
{
	struct buf b;
	struct dbst *st;

	buf_init(&b);
	buf_printf(&b, "SELECT %s FROM %s ORDER BY %s", t->cols, t->name,
	    t->key);
	st = q->db->ops->prepare(q->db, buf_cstr(&b));
	buf_free(&b);
	return st;
}

static struct dbst *
insert_row(struct sq *q, const struct copy_def *t)
{
	struct buf b;
	struct dbst *st;

	buf_init(&b);
	buf_printf(&b, "INSERT INTO %s (%s) VALUES (?", t->name, t->cols);
	for (int i = 1; i < ncols(t); i++) {
		buf_puts(&b, ", ?");
	}
	buf_puts(&b, ")");
	st = q->db->ops->prepare(q->db, buf_cstr(&b));
	buf_free(&b);
	return st;
}

/* Adds column i of the current row to the checksum, typed. */
static void
hash_col(crypto_hash_sha256_state *h, struct dbst *st, int i)
{
	enum db_kind k = st->db->ops->col_kind(st, i);
	unsigned char tag = (unsigned char)k;
	const void *p = NULL;
	size_t n = 0;
	char num[24];

	crypto_hash_sha256_update(h, &tag, 1);
	if (k == DB_KIND_INT) {
		n = (size_t)snprintf(num, sizeof(num), "%lld",
		    (long long)db_col_i64(st, i));
		p = num;
	} else if (k == DB_KIND_TEXT) {
		p = db_col_text(st, i);
		n = strlen(p);
	} else if (k == DB_KIND_BLOB) {
		p = db_col_blob(st, i, &n);
	}
	crypto_hash_sha256_update(h, (const unsigned char *)&n, sizeof(n));
	if (n > 0) {
		crypto_hash_sha256_update(h, p, n);
	}
}

/* Binds column i of src's current row to parameter i + 1 of ins. */
static void
bind_col(struct dbst *ins, struct dbst *src, int i)
{
	const void *p;
	size_t n;

	switch (src->db->ops->col_kind(src, i)) {
	case DB_KIND_NULL:
		db_bind_null(ins, i + 1);
		break;
	case DB_KIND_INT:
		db_bind_i64(ins, i + 1, db_col_i64(src, i));
		break;
	case DB_KIND_TEXT:
		db_bind_text(ins, i + 1, db_col_text(src, i));
		break;
	case DB_KIND_BLOB:
		p = db_col_blob(src, i, &n);
		db_bind_blob(ins, i + 1, p, n);
		break;
	}
}

/*
 * Reads table t of q in key order: its row count and SHA-256 (hex), and,
 * when ins is not NULL, inserts each row through it.
 */
static int
walk(struct sq *q, const struct copy_def *t, struct dbst *ins, int64_t *rows,
    char hex[65])
{
	crypto_hash_sha256_state h;
	unsigned char sum[crypto_hash_sha256_BYTES];
	struct dbst *st = select_all(q, t);
	int rc, cols = ncols(t);

	*rows = 0;
	if (st == NULL) {
		return B_INTERNAL;
	}
	crypto_hash_sha256_init(&h);
	while ((rc = db_step(st)) == DB_ROW) {
		for (int i = 0; i < cols; i++) {
			hash_col(&h, st, i);
			if (ins != NULL) {
				bind_col(ins, st, i);
			}
		}
		(*rows)++;
		if (ins != NULL) {
			rc = db_step(ins);
			ins->db->ops->done(ins->db, ins);
			if (rc != DB_DONE) {
				break;
			}
		}
	}
	crypto_hash_sha256_final(&h, sum);
	sodium_bin2hex(hex, 65, sum, sizeof(sum));
	if (rc == DB_DONE) {
		rc = B_OK; /* else the failed step's berr */
	}
	q->db->ops->finalize(st);
	return rc;
}

/* B_OK if every table of q is empty, B_CONFLICT if one is not. */
static int
all_empty(struct sq *q, char *err, size_t errlen)
{
	struct buf b;
	struct dbst *st;
	int64_t n = 0;
	int rc = B_OK;

	for (size_t i = 0; i < NTABLES && rc == B_OK; i++) {
		buf_init(&b);
		buf_printf(&b, "SELECT COUNT(*) FROM %s", tables[i].name);
		st = q->db->ops->prepare(q->db, buf_cstr(&b));
		buf_free(&b);
		if (st == NULL) {
			return B_INTERNAL;
		}
		rc = db_step(st);
		n = rc == DB_ROW ? db_col_i64(st, 0) : 0;
		rc = rc == DB_ROW ? B_OK : sq_err(q, rc, "count");
		q->db->ops->finalize(st);
		if (rc == B_OK && n > 0) {
			snprintf(err, errlen,
			    "Måldatabasen är inte tom (%s har %lld rader); "
			    "flytta bara till en ny, tom databas.",
			    tables[i].name, (long long)n);
			rc = B_CONFLICT;
		}
	}
	return rc;
}

/* Copies every table's rows from s into d, inside d's transaction. */
static int
copy_rows(struct sq *s, struct sq *d, struct copy_table *v, char *err,
    size_t errlen)
{
	struct dbst *ins;
	int rc = B_OK;

	for (size_t i = 0; i < NTABLES && rc == B_OK; i++) {
		snprintf(v[i].name, sizeof(v[i].name), "%s", tables[i].name);
		ins = insert_row(d, &tables[i]);
		if (ins == NULL) {
			rc = B_INTERNAL;
			break;
		}
		rc = walk(s, &tables[i], ins, &v[i].rows, v[i].sha256);
		d->db->ops->finalize(ins);
		if (rc == B_OK && tables[i].ids) {
			rc = d->db->ops->ids_continue(d->db, tables[i].name);
		}
		if (rc != B_OK) {
			snprintf(err, errlen,
			    "Tabellen %s kunde inte flyttas: %s",
			    tables[i].name, db_errmsg(d->db));
		}
	}
	return rc;
}

int
sq_copy(struct store *src, struct store *dst, struct copy_table **out,
    size_t *n, char *err, size_t errlen)
{
	struct sq *s = sq_of(src), *d = sq_of(dst);
	struct copy_table *v = xcalloc(NTABLES, sizeof(*v));
	int64_t rows;
	char hex[65];
	bool outer;
	int rc;

	*out = NULL;
	*n = 0;
	err[0] = '\0';
	if ((rc = all_empty(d, err, errlen)) != B_OK) {
		goto out;
	}
	if ((rc = sq_tx_begin(d, &outer)) != B_OK) {
		goto out;
	}
	rc = copy_rows(s, d, v, err, errlen);
	/* The commit rebuilds the follow-up's facts from the rows. */
	if ((rc = sq_tx_end(d, outer, rc)) != B_OK) {
		if (err[0] == '\0') {
			snprintf(err, errlen, "Flytten avbröts: %s",
			    db_errmsg(d->db));
		}
		goto out;
	}
	/* Read back from the target: the same rows, the same checksums. */
	for (size_t i = 0; i < NTABLES && rc == B_OK; i++) {
		rc = walk(d, &tables[i], NULL, &rows, hex);
		v[i].same = rc == B_OK && rows == v[i].rows &&
		    strcmp(hex, v[i].sha256) == 0;
		if (rc == B_OK && !v[i].same) {
			snprintf(err, errlen,
			    "Tabellen %s skiljer sig efter flytten: %lld rader "
			    "i källan, %lld i målet.",
			    tables[i].name, (long long)v[i].rows,
			    (long long)rows);
			rc = B_INTERNAL;
		}
	}
out:
	if (rc != B_OK && err[0] == '\0') {
		snprintf(err, errlen, "Flytten misslyckades: %s",
		    db_errmsg(d->db));
	}
	*out = v;
	*n = NTABLES;
	return rc;
}
