/*
 * sql_document.c - the SQL store: documents on a case (issue
 * 10, migration 009). A document's content is written from a file and
 * read back a chunk (DOC_CHUNK bytes) at a time; each version is a row of
 * its own, and an upload is one audited transaction.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "sql.h"
#include "util/buf.h"
#include "util/xmalloc.h"

#define DOC_COLS                                                               \
	"SELECT d.id, d.forbund_id, d.case_id, d.kind, "                       \
	"COALESCE(d.party_id, 0), COALESCE(p.name, ''), d.name, "              \
	"d.content_type, d.size, d.sha256, d.version, "                        \
	"COALESCE(d.replaces, 0), d.uploaded_at, d.uploaded_by, "              \
	"COALESCE(u.name, ''), COALESCE(d.case_id, 0), "                       \
	"COALESCE(d.meeting_id, 0), COALESCE(d.group_meeting_id, 0) "          \
	"FROM document d LEFT JOIN party p ON p.id = "                         \
	"d.party_id LEFT JOIN app_user u ON u.id = d.uploaded_by "

static void
doc_row(struct dbst *st, struct document *d)
{
	char kind[32];

	memset(d, 0, sizeof(*d));
	d->id = sq_col_i64(st, 0);
	d->forbund_id = sq_col_i64(st, 1);
	d->case_id = sq_col_i64(st, 2);
	sq_col_str(st, 3, kind, sizeof(kind));
	if (!doc_kind_from_code(kind, &d->kind)) {
		d->kind = DOC_OVRIGT;
	}
	d->party_id = sq_col_i64(st, 4);
	sq_col_str(st, 5, d->party_name, sizeof(d->party_name));
	sq_col_str(st, 6, d->name, sizeof(d->name));
	sq_col_str(st, 7, d->content_type, sizeof(d->content_type));
	d->size = sq_col_i64(st, 8);
	sq_col_str(st, 9, d->sha256, sizeof(d->sha256));
	d->version = (int)sq_col_i64(st, 10);
	d->replaces = sq_col_i64(st, 11);
	sq_col_str(st, 12, d->uploaded_at, sizeof(d->uploaded_at));
	d->uploaded_by = sq_col_i64(st, 13);
	sq_col_str(st, 14, d->uploaded_by_name, sizeof(d->uploaded_by_name));
	d->case_id = sq_col_i64(st, 15);
	d->meeting_id = sq_col_i64(st, 16);
	d->group_meeting_id = sq_col_i64(st, 17);
}

int
sq_document_get(struct store *s, int64_t id, struct document *out)
{
	struct sq *q = sq_of(s);
	struct dbst *st;
	int rc;

	memset(out, 0, sizeof(*out));
	st = sq_prep(q, SQ_DOC_GET, DOC_COLS "WHERE d.id = ?1");
	if (st == NULL) {
		return B_INTERNAL;
	}
	sq_bind_i64(st, 1, id);
	rc = db_step(st);
	if (rc == DB_ROW) {
		doc_row(st, out);
		rc = db_step(st);
		return sq_step_end(q, st, rc, "document");
	}
	return sq_one_end(q, st, rc, "document");
}

int
sq_document_list(struct store *s, int64_t case_id, int64_t meeting_id,
    int64_t group_id, struct document **out, size_t *n)
{
	struct sq *q = sq_of(s);
	struct document *v = NULL;
	struct dbst *st;
	size_t cap = 0;
	int rc;

	*out = NULL;
	*n = 0;
	st = sq_prep(q, SQ_DOC_LIST,
	    DOC_COLS "WHERE (?1 <> 0 AND d.case_id = ?1) OR (?2 <> 0 AND "
		     "d.meeting_id = ?2) OR (?3 <> 0 AND d.group_meeting_id = "
		     "?3) ORDER BY d.id");
	if (st == NULL) {
		return B_INTERNAL;
	}
	sq_bind_i64(st, 1, case_id);
	sq_bind_i64(st, 2, meeting_id);
	sq_bind_i64(st, 3, group_id);
	while ((rc = db_step(st)) == DB_ROW) {
		v = sq_grow(v, &cap, *n, sizeof(*v));
		doc_row(st, &v[(*n)++]);
	}
	rc = sq_step_end(q, st, rc, "documents");
	*out = sq_list_end(rc, v, n);
	return rc;
}

/* The content of f (d->size bytes, from its start) as chunks of d. */
static int
doc_chunks_write(struct sq *q, const struct document *d, FILE *f)
{
	unsigned char *buf = xmalloc(DOC_CHUNK);
	int64_t left = d->size, seq = 0;
	struct dbst *st;
	int rc = B_OK;

	if (fseek(f, 0, SEEK_SET) != 0) {
		free(buf);
		return B_UNAVAILABLE;
	}
	while (rc == B_OK && left > 0) {
		size_t want = left > DOC_CHUNK ? DOC_CHUNK : (size_t)left;

		if (fread(buf, 1, want, f) != want) {
			rc = B_UNAVAILABLE; /* the temporary file failed */
			break;
		}
		st = sq_prep(q, SQ_DOC_CHUNK_INS,
		    "INSERT INTO document_chunk (document_id, seq, data) "
		    "VALUES (?1, ?2, ?3)");
		if (st == NULL) {
			rc = B_INTERNAL;
			break;
		}
		sq_bind_i64(st, 1, d->id);
		sq_bind_i64(st, 2, seq++);
		db_bind_blob(st, 3, buf, want);
		rc = sq_run(q, st, "document chunk");
		left -= (int64_t)want;
	}
	free(buf);
	return rc;
}

int
sq_document_add(struct store *s, struct document *d, FILE *f, int64_t actor)
{
	struct sq *q = sq_of(s);
	struct dbst *st;
	bool outer;
	int rc;

	if ((rc = sq_tx_begin(q, &outer)) != B_OK) {
		return rc;
	}
	d->version = 1;
	if (d->replaces != 0) {
		struct document *old = xmalloc(sizeof(*old));

		rc = sq_document_get(s, d->replaces, old);
		d->version = old->version + 1;
		free(old);
	}
	sq_now(q, d->uploaded_at);
	d->uploaded_by = actor;
	if (rc == B_OK) {
		/* The förbund is its owner's: a case or a meeting. */
		st = sq_prep(q, SQ_DOC_INS,
		    "INSERT INTO document (forbund_id, case_id, meeting_id, "
		    "group_meeting_id, kind, party_id, name, content_type, "
		    "size, sha256, version, replaces, uploaded_at, uploaded_by) "
		    "SELECT o.f, ?1, ?12, ?13, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, "
		    "?10, ?11 FROM (SELECT COALESCE((SELECT forbund_id FROM "
		    "arende WHERE id = ?1), (SELECT forbund_id FROM meeting "
		    "WHERE id = ?12), (SELECT forbund_id FROM group_meeting "
		    "WHERE id = ?13)) AS f) o WHERE o.f IS NOT NULL "
		    "RETURNING id, forbund_id");
		if (st == NULL) {
			rc = B_INTERNAL;
		} else {
			sq_bind_id(st, 1, d->case_id);
			sq_bind_id(st, 12, d->meeting_id);
			sq_bind_id(st, 13, d->group_meeting_id);
			sq_bind_str(st, 2, doc_kind_code(d->kind));
			sq_bind_id(st, 3, d->party_id);
			sq_bind_str(st, 4, d->name);
			sq_bind_str(st, 5, d->content_type);
			sq_bind_i64(st, 6, d->size);
			sq_bind_str(st, 7, d->sha256);
			sq_bind_i64(st, 8, d->version);
			sq_bind_id(st, 9, d->replaces);
			sq_bind_str(st, 10, d->uploaded_at);
			sq_bind_i64(st, 11, actor);
			rc = db_step(st);
			if (rc == DB_ROW) {
				d->id = sq_col_i64(st, 0);
				d->forbund_id = sq_col_i64(st, 1);
				rc = sq_step_end(q, st, db_step(st),
				    "document insert");
			} else {
				rc = sq_one_end(q, st, rc, "document insert");
			}
		}
	}
	if (rc == B_OK) {
		rc = doc_chunks_write(q, d, f);
	}
	if (rc == B_OK) {
		rc = sq_audit(q, actor,
		    &(struct sq_audit){ .entity = d->case_id != 0 ? "arende"
			    : d->meeting_id != 0                  ? "meeting"
						 : "group_meeting",
			.entity_id = d->case_id != 0 ? d->case_id
			    : d->meeting_id != 0     ? d->meeting_id
						     : d->group_meeting_id,
			.field = "dokument",
			.new_value = d->name });
	}
	return sq_tx_end(q, outer, rc);
}

int
sq_document_chunk(struct store *s, int64_t id, int64_t seq, void *buf,
    size_t *len)
{
	struct sq *q = sq_of(s);
	struct dbst *st;
	const void *p;
	size_t n;
	int rc;

	*len = 0;
	st = sq_prep(q, SQ_DOC_CHUNK_GET,
	    "SELECT data FROM document_chunk WHERE document_id = ?1 AND "
	    "seq = ?2");
	if (st == NULL) {
		return B_INTERNAL;
	}
	sq_bind_i64(st, 1, id);
	sq_bind_i64(st, 2, seq);
	rc = db_step(st);
	if (rc == DB_ROW) {
		p = db_col_blob(st, 0, &n);
		if (n > DOC_CHUNK) {
			sq_done(q, st);
			return B_INTERNAL;
		}
		if (n > 0) {
			memcpy(buf, p, n);
		}
		*len = n;
		rc = db_step(st);
		return sq_step_end(q, st, rc, "document chunk");
	}
	return sq_one_end(q, st, rc, "document chunk");
}

/* ---- search (issue 10, migration 010) ----------------------------------- */

/*
 * The query for words, each needed as the beginning of a word: FTS5's
 * ("word"* ..., a doubled quote literal) or PostgreSQL's tsquery
 * ('word':* & ..., a doubled quote and a doubled backslash literal).
 */
static void
search_match(enum db_dialect dialect, const char *const *words, size_t nwords,
    struct buf *q)
{
	bool pg = dialect == DB_POSTGRES;
	char quote = pg ? '\'' : '"';

	for (size_t i = 0; i < nwords; i++) {
		if (i > 0) {
			buf_puts(q, pg ? " & " : " ");
		}
		buf_putc(q, quote);
		for (const char *p = words[i]; *p != '\0'; p++) {
			if (*p == quote || (pg && *p == '\\')) {
				buf_putc(q, *p);
			}
			buf_putc(q, *p);
		}
		buf_putc(q, quote);
		buf_puts(q, pg ? ":*" : "*");
	}
}

/*
 * ?2 förbund (0 = all), ?3 kind code (NULL = any), ?4 1 = only cases where
 * FK takes part (case_fact); needs only for the whole scope.
 */
#define SEARCH_SCOPE                                                            \
	"(?2 = 0 OR s.forbund_id = ?2) "                                        \
	"AND CASE WHEN s.case_id = 0 THEN CAST(?3 AS TEXT) IS NULL AND ?4 = 0 " \
	"ELSE a.id IS NOT NULL AND (CAST(?3 AS TEXT) IS NULL OR a.kind = ?3) "  \
	"AND "                                                                  \
	"(?4 = 0 OR EXISTS (SELECT 1 FROM case_fact fk WHERE fk.case_id "       \
	"= a.id AND fk.fk_deltar = 1)) END "

/* The search in the driver's dialect: FTS5 (010) or a tsvector. */
static struct dbst *
search_prep(struct sq *q)
{
	if (q->db->ops->dialect == DB_POSTGRES) {
		return sq_prep(q, SQ_SEARCH,
		    "SELECT s.rowid, s.case_id, COALESCE(a.title, s.title), "
		    "ts_headline('simple', CASE WHEN to_tsvector('simple', "
		    "s.body) @@ w THEN s.body ELSE s.title END, w, "
		    "'StartSel=' || chr(2) || ', StopSel=' || chr(3) || "
		    "', MaxWords=16, MinWords=6, ShortWord=0') "
		    "FROM search_index s CROSS JOIN "
		    "to_tsquery('simple', ?1) w "
		    "LEFT JOIN arende a ON a.id = s.case_id "
		    "WHERE s.words @@ w AND " SEARCH_SCOPE
		    "ORDER BY ts_rank(s.words, w) DESC, s.rowid LIMIT ?5");
	}
	return sq_prep(q, SQ_SEARCH,
	    "SELECT s.rowid, s.case_id, COALESCE(a.title, s.title), "
	    "snippet(search_index, -1, char(2), char(3), '…', 16) "
	    "FROM search_index s LEFT JOIN arende a ON a.id = s.case_id "
	    "WHERE search_index MATCH ?1 AND " SEARCH_SCOPE
	    "ORDER BY rank LIMIT ?5");
}

int
sq_search(struct store *s, const char *const *words, size_t nwords,
    const struct case_filter *scope, size_t limit, struct search_hit **out,
    size_t *n)
{
	struct sq *q = sq_of(s);
	struct search_hit *v = NULL;
	struct dbst *st;
	struct buf match;
	size_t cap = 0;
	int rc;

	*out = NULL;
	*n = 0;
	if (nwords == 0) {
		return B_OK;
	}
	if ((rc = sq_facts_current(q)) != B_OK) {
		return rc;
	}
	st = search_prep(q);
	if (st == NULL) {
		return B_INTERNAL;
	}
	buf_init(&match);
	search_match(q->db->ops->dialect, words, nwords, &match);
	sq_bind_str(st, 1, buf_cstr(&match));
	sq_bind_i64(st, 2, scope->forbund_id);
	sq_bind_text(st, 3, scope->kind < 0 ? NULL : kind_code(scope->kind));
	sq_bind_i64(st, 4, scope->fk_deltar ? 1 : 0);
	sq_bind_i64(st, 5, (int64_t)limit);
	while ((rc = db_step(st)) == DB_ROW) {
		struct search_hit *h;
		int64_t rowid = sq_col_i64(st, 0);

		v = sq_grow(v, &cap, *n, sizeof(*v));
		h = &v[(*n)++];
		memset(h, 0, sizeof(*h));
		h->type = (enum search_type)(rowid % 4);
		h->id = rowid / 4;
		h->case_id = sq_col_i64(st, 1);
		sq_col_str(st, 2, h->title, sizeof(h->title));
		sq_col_str(st, 3, h->snippet, sizeof(h->snippet));
	}
	buf_free(&match);
	rc = sq_step_end(q, st, rc, "search");
	*out = sq_list_end(rc, v, n);
	return rc;
}
