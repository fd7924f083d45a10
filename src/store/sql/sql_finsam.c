/*
 * sql_finsam.c - the SQL store: Finsam board meetings and their
 * agendas. R1 is enforced at this layer by the database's trigger
 * agenda_item_r1_insert, which refuses an ESF+ case whatever path the
 * insert takes (mapped to B_CONFLICT); store_agenda_add itself checks
 * only the förbund, the state and the room on the agenda (see
 * agenda_case_check). Contracts are in store.h; every change is audited.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "sql.h"
#include "util/xmalloc.h"

static bool
date_ok(const char *d)
{
	return d[0] == '\0' || date_valid(d);
}

static void
meeting_row(struct dbst *st, struct meeting *m)
{
	memset(m, 0, sizeof(*m));
	m->id = sq_col_i64(st, 0);
	m->forbund_id = sq_col_i64(st, 1);
	sq_col_str(st, 2, m->date, sizeof(m->date));
	sq_col_str(st, 3, m->present, sizeof(m->present));
	sq_col_str(st, 4, m->notes, sizeof(m->notes));
}

static void
item_row(struct dbst *st, struct agenda_item *it)
{
	char code[16];

	memset(it, 0, sizeof(*it));
	it->case_id = sq_col_i64(st, 0);
	sq_col_str(st, 1, it->title, sizeof(it->title));
	it->position = (int)db_col_i64(st, 2);
	sq_col_str(st, 3, code, sizeof(code));
	it->outcome = strcmp(code, "beviljad") == 0 ? ST_BEVILJAD
	    : strcmp(code, "avslag") == 0           ? ST_AVSLAG
	    : strcmp(code, "bordlagd") == 0         ? OUTCOME_BORDLAGD
						    : -1;
	it->amount = db_col_null(st, 4) ? -1 : sq_col_i64(st, 4);
	sq_col_str(st, 5, it->period_start, sizeof(it->period_start));
	sq_col_str(st, 6, it->period_end, sizeof(it->period_end));
}

static int
meeting_items(struct sq *q, struct meeting *m)
{
	struct dbst *st;
	int rc;

	m->nitems = 0;
	st = sq_prep(q, SQ_MEET_ITEMS,
	    "SELECT ai.case_id, a.title, "
	    "ai.position, ai.outcome, ai.amount, ai.period_start, "
	    "ai.period_end FROM agenda_item ai JOIN arende a ON "
	    "a.id = ai.case_id WHERE ai.meeting_id = ? "
	    "ORDER BY ai.position, ai.case_id");
	if (st == NULL) {
		return B_INTERNAL;
	}
	sq_bind_i64(st, 1, m->id);
	while ((rc = db_step(st)) == DB_ROW && m->nitems < MEETING_ITEMS_MAX) {
		item_row(st, &m->items[m->nitems++]);
	}
	return sq_step_end(q, st, rc, "meeting items");
}

int
sq_meeting_create(struct store *s, struct meeting *in, int64_t actor)
{
	struct sq *q = sq_of(s);
	struct dbst *st;
	bool outer;
	int rc;

	if (!date_valid(in->date)) {
		return B_INVALID;
	}
	if ((rc = sq_tx_begin(q, &outer)) != B_OK) {
		return rc;
	}
	st = sq_prep(q, SQ_MEET_INS,
	    "INSERT INTO meeting (forbund_id, date, "
	    "present, notes) VALUES (?, ?, ?, ?) RETURNING id");
	rc = B_INTERNAL;
	if (st != NULL) {
		sq_bind_i64(st, 1, in->forbund_id);
		sq_bind_str(st, 2, in->date);
		sq_bind_text(st, 3, in->present);
		sq_bind_text(st, 4, in->notes);
		rc = sq_insert_id(q, st, &in->id, "meeting insert");
	}
	if (rc == B_OK) {
		rc = sq_audit(q, actor,
		    &(struct sq_audit){ .entity = "meeting",
			.entity_id = in->id,
			.field = "date",
			.new_value = in->date,
			.comment = "Styrelsemötet skapades" });
	}
	in->nitems = 0;
	return sq_tx_end(q, outer, rc);
}

int
sq_meeting_get(struct store *s, int64_t id, struct meeting *out)
{
	struct sq *q = sq_of(s);
	struct dbst *st;
	int rc;

	memset(out, 0, sizeof(*out));
	st = sq_prep(q, SQ_MEET_GET,
	    "SELECT id, forbund_id, date, present, "
	    "notes FROM meeting WHERE id = ?");
	if (st == NULL) {
		return B_INTERNAL;
	}
	sq_bind_i64(st, 1, id);
	rc = db_step(st);
	if (rc == DB_ROW) {
		meeting_row(st, out);
	}
	rc = sq_one_end(q, st, rc, "meeting get");
	return rc == B_OK ? meeting_items(q, out) : rc;
}

/* Newest first, each with its agenda. */
int
sq_meeting_list(struct store *s, int64_t forbund_id, struct meeting **out,
    size_t *n)
{
	struct sq *q = sq_of(s);
	struct meeting *v = NULL;
	struct dbst *st;
	size_t cap = 0;
	int rc;

	*out = NULL;
	*n = 0;
	st = sq_prep(q, SQ_MEET_LIST,
	    "SELECT id, forbund_id, date, present, "
	    "notes FROM meeting WHERE forbund_id = ? ORDER BY date DESC, "
	    "id DESC");
	if (st == NULL) {
		return B_INTERNAL;
	}
	sq_bind_i64(st, 1, forbund_id);
	while ((rc = db_step(st)) == DB_ROW) {
		v = sq_grow(v, &cap, *n, sizeof(*v));
		meeting_row(st, &v[(*n)++]);
	}
	rc = sq_step_end(q, st, rc, "meeting list");
	for (size_t i = 0; rc == B_OK && i < *n; i++) {
		rc = meeting_items(q, &v[i]);
	}
	*out = sq_list_end(rc, v, n);
	return rc;
}

/* Audits one changed text field of a meeting. */
static int
meeting_diff(struct sq *q, int64_t actor, int64_t id, const char *field,
    const char *label, const char *o, const char *n)
{
	char comment[64];

	if (strcmp(o, n) == 0) {
		return B_OK;
	}
	snprintf(comment, sizeof(comment), "%s ändrades", label);
	return sq_audit(q, actor,
	    &(struct sq_audit){ .entity = "meeting",
		.entity_id = id,
		.field = field,
		.old_value = o,
		.new_value = n,
		.comment = comment });
}

int
sq_meeting_update(struct store *s, const struct meeting *in, int64_t actor)
{
	struct sq *q = sq_of(s);
	struct meeting *old;
	struct dbst *st;
	bool outer;
	int rc;

	if (!date_valid(in->date)) {
		return B_INVALID;
	}
	old = xmalloc(sizeof(*old));
	if ((rc = sq_tx_begin(q, &outer)) != B_OK) {
		goto out;
	}
	rc = sq_meeting_get(s, in->id, old);
	st = rc == B_OK ? sq_prep(q, SQ_MEET_UPD,
			      "UPDATE meeting SET "
			      "date = ?, present = ?, notes = ? WHERE id = ?")
			: NULL;
	if (rc == B_OK && st == NULL) {
		rc = B_INTERNAL;
	}
	if (rc == B_OK) {
		sq_bind_str(st, 1, in->date);
		sq_bind_text(st, 2, in->present);
		sq_bind_text(st, 3, in->notes);
		sq_bind_i64(st, 4, in->id);
		rc = sq_run(q, st, "meeting update");
	}
	if (rc == B_OK) {
		rc = meeting_diff(q, actor, in->id, "date", "Datum", old->date,
		    in->date);
	}
	if (rc == B_OK) {
		rc = meeting_diff(q, actor, in->id, "present", "Närvarande",
		    old->present, in->present);
	}
	if (rc == B_OK) {
		rc = meeting_diff(q, actor, in->id, "notes", "Anteckningar",
		    old->notes, in->notes);
	}
	rc = sq_tx_end(q, outer, rc);
out:
	free(old);
	return rc;
}

/*
 * Before an agenda item is inserted: the case must belong to the
 * meeting's förbund (data integrity: another förbund's case is not
 * visible from this meeting, so it is "not found"), and the meeting has
 * room for one more item (struct meeting holds MEETING_ITEMS_MAX).
 *
 * R1 (never an ESF+ case) is not checked here: the agenda_item trigger
 * of the schema enforces it at the storage layer, and agenda_insert maps
 * its failure to B_CONFLICT. Which cases the board may take up is the
 * domain's board_agenda_check (rules.c), which svc calls first.
 *
 * The state check stays although it repeats board_agenda_check's G
 * guard (Finsam only from ansvarsfordelning): store_agenda_add promises
 * callers that do not go through svc (the CLI, tests/store, which adds
 * a Finsam case in identifierad and expects B_CONFLICT) that a case
 * still being prepared is never put before the board, and the trigger
 * checks only the kind. An ESF+ case, which never reaches
 * ansvarsfordelning, is refused by it as well.
 */
static int
agenda_case_check(struct sq *q, const struct meeting *m, int64_t case_id)
{
	struct dbst *st;
	char state[32];
	int64_t fb = 0;
	int rc;

	st = sq_prep(q, SQ_AGENDA_CASE,
	    "SELECT forbund_id, state "
	    "FROM arende WHERE id = ?");
	if (st == NULL) {
		return B_INTERNAL;
	}
	sq_bind_i64(st, 1, case_id);
	rc = db_step(st);
	if (rc == DB_ROW) {
		fb = sq_col_i64(st, 0);
		sq_col_str(st, 1, state, sizeof(state));
	}
	rc = sq_one_end(q, st, rc, "agenda case");
	if (rc != B_OK) {
		return rc;
	}
	if (fb != m->forbund_id) {
		return B_NOTFOUND;
	}
	if (strcmp(state, state_code(ST_ANSVARSFORDELNING)) != 0 ||
	    m->nitems >= MEETING_ITEMS_MAX) {
		return B_CONFLICT;
	}
	return B_OK;
}

static int
agenda_insert(struct sq *q, const struct meeting *m, int64_t case_id)
{
	struct dbst *st;
	int pos = 1;

	for (size_t i = 0; i < m->nitems; i++) {
		if (m->items[i].position >= pos) {
			pos = m->items[i].position + 1;
		}
	}
	st = sq_prep(q, SQ_AGENDA_INS,
	    "INSERT INTO agenda_item (meeting_id, "
	    "case_id, position) VALUES (?, ?, ?)");
	if (st == NULL) {
		return B_INTERNAL;
	}
	sq_bind_i64(st, 1, m->id);
	sq_bind_i64(st, 2, case_id);
	sq_bind_i64(st, 3, pos);
	/*
	 * R1: the schema's trigger refuses an ESF+ case; its failure, like a
	 * duplicate item, gives B_CONFLICT.
	 */
	return sq_run(q, st, "agenda insert");
}

int
sq_agenda_add(struct store *s, int64_t meeting_id, int64_t case_id,
    int64_t actor)
{
	struct sq *q = sq_of(s);
	struct meeting *m;
	char idtext[24], comment[96];
	bool outer;
	int rc;

	m = xmalloc(sizeof(*m));
	if ((rc = sq_tx_begin(q, &outer)) != B_OK) {
		goto out;
	}
	rc = sq_meeting_get(s, meeting_id, m);
	if (rc == B_OK) {
		rc = agenda_case_check(q, m, case_id);
	}
	if (rc == B_OK) {
		rc = agenda_insert(q, m, case_id);
	}
	if (rc == B_OK) {
		snprintf(idtext, sizeof(idtext), "%lld", (long long)case_id);
		rc = sq_audit(q, actor,
		    &(struct sq_audit){ .entity = "meeting",
			.entity_id = meeting_id,
			.field = "agenda",
			.new_value = idtext,
			.comment = "Ärende uppsatt på "
				   "dagordningen" });
	}
	if (rc == B_OK) {
		snprintf(idtext, sizeof(idtext), "%lld", (long long)meeting_id);
		snprintf(comment, sizeof(comment),
		    "Uppsatt på dagordningen "
		    "för styrelsemötet %s",
		    m->date);
		rc = sq_audit(q, actor,
		    &(struct sq_audit){ .entity = "arende",
			.entity_id = case_id,
			.field = "meeting_id",
			.new_value = idtext,
			.comment = comment });
	}
	rc = sq_tx_end(q, outer, rc);
out:
	free(m);
	return rc;
}

int
sq_agenda_remove(struct store *s, int64_t meeting_id, int64_t case_id,
    int64_t actor)
{
	struct sq *q = sq_of(s);
	struct dbst *st;
	char idtext[24];
	bool outer;
	int rc;

	if ((rc = sq_tx_begin(q, &outer)) != B_OK) {
		return rc;
	}
	st = sq_prep(q, SQ_AGENDA_DEL,
	    "DELETE FROM agenda_item WHERE meeting_id = ?1 AND case_id = ?2 "
	    "AND outcome IS NULL");
	if (st == NULL) {
		rc = B_INTERNAL;
	} else {
		sq_bind_i64(st, 1, meeting_id);
		sq_bind_i64(st, 2, case_id);
		rc = sq_run(q, st, "agenda remove");
	}
	if (rc == B_OK && db_changes(q->db) == 0) {
		/* Not on the agenda, or already decided (kept as decided). */
		struct meeting *m = xmalloc(sizeof(*m));

		rc = sq_meeting_get(s, meeting_id, m);
		if (rc == B_OK) {
			rc = B_NOTFOUND;
			for (size_t i = 0; i < m->nitems; i++) {
				if (m->items[i].case_id == case_id) {
					rc = B_CONFLICT;
				}
			}
		}
		free(m);
	}
	if (rc == B_OK) {
		snprintf(idtext, sizeof(idtext), "%lld", (long long)case_id);
		rc = sq_audit(q, actor,
		    &(struct sq_audit){ .entity = "meeting",
			.entity_id = meeting_id,
			.field = "agenda",
			.old_value = idtext,
			.comment = "Ärende struket från dagordningen" });
	}
	if (rc == B_OK) {
		snprintf(idtext, sizeof(idtext), "%lld", (long long)meeting_id);
		rc = sq_audit(q, actor,
		    &(struct sq_audit){ .entity = "arende",
			.entity_id = case_id,
			.field = "meeting_id",
			.old_value = idtext,
			.comment = "Struket från styrelsemötets dagordning" });
	}
	return sq_tx_end(q, outer, rc);
}

/* Sets the position of case_id on meeting_id's agenda. */
static int
agenda_set_pos(struct sq *q, int64_t meeting_id, int64_t case_id, int pos)
{
	struct dbst *st = sq_prep(q, SQ_AGENDA_POS,
	    "UPDATE agenda_item SET position = ?1 "
	    "WHERE meeting_id = ?2 AND case_id = ?3");

	if (st == NULL) {
		return B_INTERNAL;
	}
	sq_bind_i64(st, 1, pos);
	sq_bind_i64(st, 2, meeting_id);
	sq_bind_i64(st, 3, case_id);
	return sq_run(q, st, "agenda position");
}

int
sq_agenda_up(struct store *s, int64_t meeting_id, int64_t case_id,
    int64_t actor)
{
	struct sq *q = sq_of(s);
	struct meeting *m = xmalloc(sizeof(*m));
	char idtext[24];
	size_t i;
	bool outer;
	int rc;

	if ((rc = sq_tx_begin(q, &outer)) != B_OK) {
		free(m);
		return rc;
	}
	rc = sq_meeting_get(s, meeting_id, m);
	for (i = 0; rc == B_OK && i < m->nitems; i++) {
		if (m->items[i].case_id == case_id) {
			break;
		}
	}
	if (rc == B_OK && i == m->nitems) {
		rc = B_NOTFOUND;
	} else if (rc == B_OK && i == 0) {
		rc = B_CONFLICT;
	}
	if (rc == B_OK) {
		/* Positions in list order, the two swapped: no ties remain. */
		for (size_t j = 0; rc == B_OK && j < m->nitems; j++) {
			size_t at = j == i ? i - 1 : j == i - 1 ? i : j;

			rc = agenda_set_pos(q, meeting_id, m->items[j].case_id,
			    (int)at + 1);
		}
	}
	if (rc == B_OK) {
		snprintf(idtext, sizeof(idtext), "%lld", (long long)case_id);
		rc = sq_audit(q, actor,
		    &(struct sq_audit){ .entity = "meeting",
			.entity_id = meeting_id,
			.field = "agenda",
			.new_value = idtext,
			.comment = "Ärende flyttat uppåt på dagordningen" });
	}
	free(m);
	return sq_tx_end(q, outer, rc);
}

int
sq_agenda_decide(struct store *s, int64_t meeting_id,
    const struct agenda_item *it, int64_t actor)
{
	struct sq *q = sq_of(s);
	struct dbst *st;
	char field[48], value[64];
	const char *outcome;
	bool outer;
	int rc;

	if ((it->outcome != ST_BEVILJAD && it->outcome != ST_AVSLAG &&
		it->outcome != OUTCOME_BORDLAGD) ||
	    it->amount < -1 || !date_ok(it->period_start) ||
	    !date_ok(it->period_end)) {
		return B_INVALID;
	}
	outcome = outcome_code(it->outcome);
	if ((rc = sq_tx_begin(q, &outer)) != B_OK) {
		return rc;
	}
	st = sq_prep(q, SQ_AGENDA_DECIDE,
	    "UPDATE agenda_item SET outcome = ?, "
	    "amount = ?, period_start = ?, period_end = ? "
	    "WHERE meeting_id = ? AND case_id = ?");
	rc = B_INTERNAL;
	if (st != NULL) {
		sq_bind_str(st, 1, outcome);
		if (it->amount < 0) {
			db_bind_null(st, 2);
		} else {
			sq_bind_i64(st, 2, it->amount);
		}
		sq_bind_text(st, 3, it->period_start);
		sq_bind_text(st, 4, it->period_end);
		sq_bind_i64(st, 5, meeting_id);
		sq_bind_i64(st, 6, it->case_id);
		rc = sq_run(q, st, "agenda decide");
	}
	if (rc == B_OK && db_changes(q->db) == 0) {
		rc = B_NOTFOUND;
	}
	if (rc == B_OK) {
		snprintf(field, sizeof(field), "agenda[%lld].outcome",
		    (long long)it->case_id);
		snprintf(value, sizeof(value), "%s %lld", outcome,
		    (long long)it->amount);
		rc = sq_audit(q, actor,
		    &(struct sq_audit){ .entity = "meeting",
			.entity_id = meeting_id,
			.field = field,
			.new_value = value,
			.comment = "Styrelsens beslut registrerades" });
	}
	return sq_tx_end(q, outer, rc);
}
