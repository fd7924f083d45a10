/*
 * sql_group.c - the SQL store: the beredningsgrupp's meetings
 * (issue 10, migration 011). A save replaces the attendees and the agenda
 * in one audited transaction; an item's case or need must be one of the
 * meeting's förbund.
 */
#include <stdlib.h>
#include <string.h>

#include "sql.h"
#include "util/xmalloc.h"

int
sq_group_create(struct store *s, struct group_meeting *g, int64_t actor)
{
	struct sq *q = sq_of(s);
	struct dbst *st;
	char now[TS_LEN];
	bool outer;
	int rc;

	if ((rc = sq_tx_begin(q, &outer)) != B_OK) {
		return rc;
	}
	st = sq_prep(q, SQ_GROUP_INS,
	    "INSERT INTO group_meeting (forbund_id, date, created_at) "
	    "SELECT id, ?2, ?3 FROM forbund WHERE id = ?1 RETURNING id");
	if (st == NULL) {
		rc = B_INTERNAL;
	} else {
		sq_now(q, now);
		sq_bind_i64(st, 1, g->forbund_id);
		sq_bind_str(st, 2, g->date);
		sq_bind_str(st, 3, now);
		rc = db_step(st);
		if (rc == DB_ROW) {
			g->id = sq_col_i64(st, 0);
			rc = sq_step_end(q, st, db_step(st), "group insert");
		} else {
			rc = sq_one_end(q, st, rc, "group insert");
		}
	}
	if (rc == B_OK) {
		rc = sq_audit(q, actor,
		    &(struct sq_audit){ .entity = "group_meeting",
			.entity_id = g->id,
			.field = "date",
			.new_value = g->date });
	}
	return sq_tx_end(q, outer, rc);
}

static int
group_items(struct sq *q, struct group_meeting *g)
{
	struct dbst *st;
	char kind[16];
	int rc;

	st = sq_prep(q, SQ_GROUP_ITEMS,
	    "SELECT i.id, COALESCE(i.case_id, 0), COALESCE(i.need_id, 0), "
	    "COALESCE(a.title, n.malgrupp, ''), COALESCE(a.kind, ''), i.note "
	    "FROM group_meeting_item i LEFT JOIN arende a ON a.id = i.case_id "
	    "LEFT JOIN need n ON n.id = i.need_id WHERE i.meeting_id = ?1 "
	    "ORDER BY i.position, i.id");
	if (st == NULL) {
		return B_INTERNAL;
	}
	sq_bind_i64(st, 1, g->id);
	while ((rc = db_step(st)) == DB_ROW && g->nitems < GROUP_ITEMS_MAX) {
		struct group_item *it = &g->items[g->nitems++];

		it->id = sq_col_i64(st, 0);
		it->case_id = sq_col_i64(st, 1);
		it->need_id = sq_col_i64(st, 2);
		sq_col_str(st, 3, it->title, sizeof(it->title));
		sq_col_str(st, 4, kind, sizeof(kind));
		(void)kind_from_code(kind, &it->kind);
		sq_col_str(st, 5, it->note, sizeof(it->note));
	}
	if (rc == DB_ROW) {
		rc = DB_DONE; /* the rest does not fit: never stored */
	}
	return sq_step_end(q, st, rc, "group items");
}

int
sq_group_get(struct store *s, int64_t id, struct group_meeting *g)
{
	struct sq *q = sq_of(s);
	struct dbst *st;
	int rc;

	memset(g, 0, sizeof(*g));
	st = sq_prep(q, SQ_GROUP_GET,
	    "SELECT id, forbund_id, date, minutes FROM group_meeting "
	    "WHERE id = ?1");
	if (st == NULL) {
		return B_INTERNAL;
	}
	sq_bind_i64(st, 1, id);
	rc = db_step(st);
	if (rc != DB_ROW) {
		return sq_one_end(q, st, rc, "group");
	}
	g->id = sq_col_i64(st, 0);
	g->forbund_id = sq_col_i64(st, 1);
	sq_col_str(st, 2, g->date, sizeof(g->date));
	sq_col_str(st, 3, g->minutes, sizeof(g->minutes));
	if ((rc = sq_step_end(q, st, db_step(st), "group")) != B_OK) {
		return rc;
	}
	st = sq_prep(q, SQ_GROUP_ATTEND,
	    "SELECT party_id FROM group_meeting_attendee WHERE meeting_id = ?1 "
	    "ORDER BY party_id");
	if (st == NULL) {
		return B_INTERNAL;
	}
	sq_bind_i64(st, 1, id);
	while ((rc = db_step(st)) == DB_ROW && g->nattend < MAX_PARTIES) {
		g->attend[g->nattend++] = sq_col_i64(st, 0);
	}
	if (rc == DB_ROW) {
		rc = DB_DONE;
	}
	if ((rc = sq_step_end(q, st, rc, "group attendees")) != B_OK) {
		return rc;
	}
	return group_items(q, g);
}

/* The meetings of förbund fid (newest first) or, with case_id, those
 * where that case was on the agenda. */
static int
group_list(struct sq *q, int64_t fid, int64_t case_id,
    struct group_meeting_brief **out, size_t *n)
{
	struct group_meeting_brief *v = NULL;
	struct dbst *st;
	size_t cap = 0;
	int rc;

	*out = NULL;
	*n = 0;
	st = sq_prep(q, SQ_GROUP_LIST,
	    "SELECT g.id, g.forbund_id, g.date, (SELECT COUNT(*) FROM "
	    "group_meeting_item i WHERE i.meeting_id = g.id) FROM "
	    "group_meeting g WHERE (?1 = 0 OR g.forbund_id = ?1) AND (?2 = 0 "
	    "OR g.id IN (SELECT meeting_id FROM group_meeting_item WHERE "
	    "case_id = ?2)) ORDER BY g.date DESC, g.id DESC");
	if (st == NULL) {
		return B_INTERNAL;
	}
	sq_bind_i64(st, 1, fid);
	sq_bind_i64(st, 2, case_id);
	while ((rc = db_step(st)) == DB_ROW) {
		struct group_meeting_brief *b;

		v = sq_grow(v, &cap, *n, sizeof(*v));
		b = &v[(*n)++];
		b->id = sq_col_i64(st, 0);
		b->forbund_id = sq_col_i64(st, 1);
		sq_col_str(st, 2, b->date, sizeof(b->date));
		b->nitems = sq_col_i64(st, 3);
	}
	rc = sq_step_end(q, st, rc, "groups");
	*out = sq_list_end(rc, v, n);
	return rc;
}

int
sq_group_list(struct store *s, int64_t fid, int64_t case_id,
    struct group_meeting_brief **out, size_t *n)
{
	return group_list(sq_of(s), fid, case_id, out, n);
}

/* Appends item it at position pos; B_INVALID when its case or need is
 * not of the meeting's förbund fid. */
static int
item_insert(struct sq *q, int64_t meeting, int64_t fid, int pos,
    const struct group_item *it)
{
	struct dbst *st;
	int rc;

	st = sq_prep(q, SQ_GROUP_ITEM_INS,
	    "INSERT INTO group_meeting_item (meeting_id, position, case_id, "
	    "need_id, note) SELECT CAST(?1 AS BIGINT), CAST(?2 AS BIGINT), "
	    "CAST(?3 AS BIGINT), CAST(?4 AS BIGINT), CAST(?5 AS TEXT) WHERE "
	    "(?3 IS NOT NULL AND EXISTS (SELECT 1 FROM arende WHERE id = ?3 "
	    "AND forbund_id = ?6)) OR (?4 IS NOT NULL AND EXISTS (SELECT 1 "
	    "FROM need WHERE id = ?4 AND forbund_id = ?6))");
	if (st == NULL) {
		return B_INTERNAL;
	}
	sq_bind_i64(st, 1, meeting);
	sq_bind_i64(st, 2, pos);
	sq_bind_id(st, 3, it->case_id);
	sq_bind_id(st, 4, it->need_id);
	sq_bind_str(st, 5, it->note);
	sq_bind_i64(st, 6, fid);
	if ((rc = sq_run(q, st, "group item")) != B_OK) {
		return rc;
	}
	return db_changes(q->db) == 1 ? B_OK : B_INVALID;
}

int
sq_group_item_add(struct store *s, int64_t meeting, const struct group_item *it,
    int64_t actor)
{
	struct sq *q = sq_of(s);
	struct group_meeting *g = xmalloc(sizeof(*g));
	bool outer;
	int rc;

	if ((rc = sq_tx_begin(q, &outer)) != B_OK) {
		free(g);
		return rc;
	}
	rc = sq_group_get(s, meeting, g);
	if (rc == B_OK && g->nitems >= GROUP_ITEMS_MAX) {
		rc = B_CONFLICT;
	}
	if (rc == B_OK) {
		rc = item_insert(q, meeting, g->forbund_id, (int)g->nitems, it);
	}
	if (rc == B_OK) {
		rc = sq_audit(q, actor,
		    &(struct sq_audit){ .entity = "group_meeting",
			.entity_id = meeting,
			.field = "dagordning",
			.new_value = it->case_id != 0 ? "ärende" : "behov" });
	}
	free(g);
	return sq_tx_end(q, outer, rc);
}

int
sq_group_save(struct store *s, const struct group_meeting *g, int64_t actor)
{
	struct sq *q = sq_of(s);
	struct group_meeting *old = xmalloc(sizeof(*old));
	struct dbst *st;
	bool outer;
	int rc;

	if ((rc = sq_tx_begin(q, &outer)) != B_OK) {
		free(old);
		return rc;
	}
	rc = sq_group_get(s, g->id, old);
	if (rc == B_OK) {
		st = sq_prep(q, SQ_GROUP_UPDATE,
		    "UPDATE group_meeting SET date = ?2, minutes = ?3 WHERE "
		    "id = ?1");
		if (st == NULL) {
			rc = B_INTERNAL;
		} else {
			sq_bind_i64(st, 1, g->id);
			sq_bind_str(st, 2, g->date);
			sq_bind_str(st, 3, g->minutes);
			rc = sq_run(q, st, "group update");
		}
	}
	if (rc == B_OK) {
		st = sq_prep(q, SQ_GROUP_CLEAR,
		    "DELETE FROM group_meeting_attendee WHERE meeting_id = ?1");
		if (st == NULL) {
			rc = B_INTERNAL;
		} else {
			sq_bind_i64(st, 1, g->id);
			rc = sq_run(q, st, "group attendees clear");
		}
	}
	for (size_t i = 0; rc == B_OK && i < g->nattend; i++) {
		/* Only the parties of the meeting's förbund attend. */
		st = sq_prep(q, SQ_GROUP_ATTEND_INS,
		    "INSERT INTO group_meeting_attendee (meeting_id, "
		    "party_id) SELECT CAST(?1 AS BIGINT), id FROM party WHERE "
		    "id = ?2 AND forbund_id = ?3 ON CONFLICT DO NOTHING");
		if (st == NULL) {
			rc = B_INTERNAL;
			break;
		}
		sq_bind_i64(st, 1, g->id);
		sq_bind_i64(st, 2, g->attend[i]);
		sq_bind_i64(st, 3, old->forbund_id);
		rc = sq_run(q, st, "group attendee");
		if (rc == B_OK && db_changes(q->db) != 1) {
			rc = B_INVALID;
		}
	}
	if (rc == B_OK) {
		st = sq_prep(q, SQ_GROUP_ITEMS_CLEAR,
		    "DELETE FROM group_meeting_item WHERE meeting_id = ?1");
		if (st == NULL) {
			rc = B_INTERNAL;
		} else {
			sq_bind_i64(st, 1, g->id);
			rc = sq_run(q, st, "group items clear");
		}
	}
	for (size_t i = 0; rc == B_OK && i < g->nitems; i++) {
		rc = item_insert(q, g->id, old->forbund_id, (int)i,
		    &g->items[i]);
	}
	if (rc == B_OK) {
		rc = sq_audit(q, actor,
		    &(struct sq_audit){ .entity = "group_meeting",
			.entity_id = g->id,
			.field = "protokoll",
			.old_value = old->date,
			.new_value = g->date });
	}
	free(old);
	return sq_tx_end(q, outer, rc);
}
