/*
 * sql.h - internals of the SQL store, shared by its files (sql*.c) and by
 * the drivers that open it, nobody else: the connection struct with its
 * cache of prepared statements, bind/column helpers, transactions, error
 * mapping and the audit writer, and every backend operation (the
 * contracts are those of the store.h function of the same name). The
 * queries are written once for every driver (db.h).
 */
#ifndef BERED_STORE_SQL_H
#define BERED_STORE_SQL_H

#include <stdbool.h>
#include <stdint.h>

#include "store/sql/db.h"
#include "store/store_int.h"

/* One cached prepared statement per query; prepared on first use. */
enum sq_id {
	SQ_SAVEPOINT,
	SQ_RELEASE,
	SQ_ROLLBACK_TO,
	SQ_AUDIT,
	SQ_VERSION,
	SQ_VERSION_INS,
	SQ_FORBUND_INS,
	SQ_PARTY_INS,
	SQ_FORBUND_NAME,
	SQ_FORBUND_PARTIES,
	SQ_FORBUND_LIST,
	SQ_PARTY_GET,
	SQ_USER_INS,
	SQ_USER_GET,
	SQ_USER_EMAIL,
	SQ_USER_LIST,
	SQ_USER_LIST_ALL,
	SQ_USER_PWHASH,
	SQ_SESS_INS,
	SQ_SESS_GET,
	SQ_SESS_TOUCH,
	SQ_SESS_DEL,
	SQ_SESS_PURGE,
	SQ_THR_COUNT,
	SQ_THR_ADD,
	SQ_THR_OLD,
	SQ_THR_CLEAR,
	SQ_THR_RELEASE,
	SQ_TOK_INS,
	SQ_TOK_USER,
	SQ_TOK_LIST,
	SQ_TOK_REVOKE,
	SQ_TOK_OWNED,
	SQ_NEED_INS,
	SQ_NEED_GET,
	SQ_NEED_LIST,
	SQ_CALL_INS,
	SQ_CALL_GET,
	SQ_CALL_LIST,
	SQ_CASE_INS,
	SQ_CASE_GET,
	SQ_CASE_PARTIES,
	SQ_CASE_PARTY_UPSERT,
	SQ_CASE_LIST_FB,
	SQ_CASE_LIST_ALL,
	SQ_CASE_COUNT_FB,
	SQ_CASE_COUNT_ALL,
	SQ_CASE_LIST_FACTS,
	SQ_CASE_COUNT_FACTS,
	SQ_CASE_UPDATE,
	SQ_CASE_EXISTS,
	SQ_CASE_HISTORY,
	SQ_CASE_HISTORY_ONE,
	SQ_FU_CASES,
	SQ_FU_COFIN,
	SQ_FU_HIST,
	SQ_FU_GROUPS,
	SQ_CASE_UPDATED,
	SQ_BUDGET_FRAME,
	SQ_BUDGET_UNFRAMED,
	SQ_DOC_GET,
	SQ_GROUP_INS,
	SQ_GROUP_ITEMS,
	SQ_GROUP_GET,
	SQ_GROUP_ATTEND,
	SQ_GROUP_LIST,
	SQ_GROUP_ITEM_INS,
	SQ_GROUP_UPDATE,
	SQ_GROUP_CLEAR,
	SQ_GROUP_ATTEND_INS,
	SQ_GROUP_ITEMS_CLEAR,
	SQ_SEARCH,
	SQ_DOC_LIST,
	SQ_DOC_INS,
	SQ_DOC_CHUNK_INS,
	SQ_DOC_CHUNK_GET,
	SQ_FU_QUARTERS,
	SQ_FU_FRAMES,
	SQ_FU_DAYS,
	SQ_FU_CUBE,
	SQ_KOMMUNER_LIST,
	SQ_FORBUND_LANS,
	SQ_FU_OWNER_NAMES,
	SQ_FU_COFIN_NAMES,
	SQ_FACT_DEL,
	SQ_FACT_DAYS_DEL,
	SQ_FACT_INS,
	SQ_FACT_DAYS_INS,
	SQ_FACT_COFIN_DEL,
	SQ_FACT_COFIN_INS,
	SQ_FACT_DIRTY,
	SQ_FACT_CLEAN,
	SQ_FACT_ANY_DIRTY,
	SQ_MEET_INS,
	SQ_MEET_GET,
	SQ_MEET_ITEMS,
	SQ_MEET_LIST,
	SQ_MEET_UPD,
	SQ_AGENDA_CASE,
	SQ_AGENDA_INS,
	SQ_AGENDA_DECIDE,
	SQ_AGENDA_DEL,
	SQ_AGENDA_POS,
	SQ_BUDGET_ID,
	SQ_BUDGET_INS,
	SQ_BUDGET_OFFERS,
	SQ_BUDGET_DEL,
	SQ_OFFER_INS,
	SQ_GRANTED_SUM,
	SQ_PART_UPSERT,
	SQ_PART_GET,
	SQ_PART_LIST,
	SQ_USER_COUNT,
	SQ_USER_PAGE,
	SQ_SESS_END_USER,
	SQ_TOK_REVOKE_USER,
	SQ_USER_UPDATE,
	SQ_USER_SETPW,
	SQ_USER_NOTIFY,
	SQ_AUDIT_COUNT,
	SQ_AUDIT_LIST,
	SQ_NOTICE_ADD,
	SQ_NOTICE_WAITING,
	SQ_NOTICE_MARK,
	SQ_NOTICE_SKIP,
	SQ_MAIL_INS,
	SQ_USER_DIGEST,
	SQ_MAIL_DUE,
	SQ_MAIL_LEASE,
	SQ_MAIL_SENT,
	SQ_MAIL_FAILED,
	SQ_MAIL_WAKE,
	SQ_MAIL_COUNTS,
	SQ_MAIL_LIST,
	SQ_CASES_STILL,
	SQ_CASES_CLOSING,
	SQ_CALL_UPD,
	SQ_FEED_SET,
	SQ_FEED_USER,
	SQ__COUNT
};

struct sq {
	struct store base; /* first: a struct store * is a struct sq * */
	struct db *db;     /* the driver's connection (db.h) */
	struct dbst *st[SQ__COUNT];
	/*
	 * store_begin nesting: one bit per level, set when that level is a
	 * savepoint inside an outer transaction (then commit releases it).
	 */
	unsigned depth;
	uint64_t nested;
};

/* An audit row (entity 'arende', 'forbund', ...); NULL/"" fields = NULL. */
struct sq_audit {
	const char *entity;
	int64_t entity_id;
	const char *field;
	const char *old_value;
	const char *new_value;
	const char *from_state;
	const char *to_state;
	const char *comment;
	int64_t *id; /* when not NULL: gets the new row's id */
};

/*
 * The SQL store over db (a driver's open connection, owned from now on),
 * migrated or not; store_close() closes both.
 */
struct store *sq_store(struct db *db);
struct sq *sq_of(struct store *s);
/* The cached statement id, prepared from sql on first use; NULL on error. */
struct dbst *sq_prep(struct sq *q, enum sq_id id, const char *sql);
/* Resets st and clears its bindings (accepts NULL). */
void sq_done(struct sq *q, struct dbst *st);
/* Steps an INSERT ... RETURNING id once, then sq_done(); returns berr. */
int sq_insert_id(struct sq *q, struct dbst *st, int64_t *id, const char *what);
/* ORDER BY term: parties FK, AF, kommuner, regioner (alias p). */
#define SQ_KIND_ORDER                                                          \
	"CASE p.kind WHEN 'fk' THEN 0 WHEN 'af' THEN 1 "                       \
	"WHEN 'kommun' THEN 2 ELSE 3 END"
/* A step's result as enum berr (B_OK for DB_ROW, DB_DONE); logs what
 * failed when the database is unavailable or the error internal. */
int sq_err(struct sq *q, int rc, const char *what);
/* Steps st once expecting DB_DONE, then sq_done(); returns berr. */
int sq_run(struct sq *q, struct dbst *st, const char *what);
/* Ends a run of db_step (last result rc): sq_err, then sq_done. */
int sq_step_end(struct sq *q, struct dbst *st, int rc, const char *what);
/*
 * Ends a one-row lookup after its row (if any) was read: sq_done, and
 * B_OK for DB_ROW, B_NOTFOUND for DB_DONE (no row), else sq_err.
 */
int sq_one_end(struct sq *q, struct dbst *st, int rc, const char *what);
/*
 * Runs st (prepared and bound; NULL is B_INTERNAL), a query of one row,
 * into *a and, when b is not NULL, *b (its first two columns; 0 when no
 * row), and resets it.
 */
int sq_counts(struct sq *q, struct dbst *st, const char *what, int64_t *a,
    int64_t *b);
/*
 * The list to hand out after its query ended with berr rc: v itself, or
 * on an error NULL, with v freed and *n set to 0.
 */
void *sq_list_end(int rc, void *v, size_t *n);
/*
 * Starts a write transaction (the driver's, in turn), or a savepoint when
 * the caller already opened one with store_begin(). sq_tx_end() commits when
 * rc == B_OK, else rolls back, and returns rc (or the commit's error).
 */
int sq_tx_begin(struct sq *q, bool *outer);
int sq_tx_end(struct sq *q, bool outer, int rc);

/* Binding: "" and 0 ids become NULL; sq_bind_str binds "" as "". */
void sq_bind_text(struct dbst *st, int i, const char *v);
void sq_bind_str(struct dbst *st, int i, const char *v);
void sq_bind_id(struct dbst *st, int i, int64_t v);
void sq_bind_i64(struct dbst *st, int i, int64_t v);
/* Columns: NULL becomes "" / 0; strings are cut at a UTF-8 boundary. */
void sq_col_str(struct dbst *st, int i, char *dst, size_t size);
int64_t sq_col_i64(struct dbst *st, int i);
/* Copies src into dst (size bytes), cut at a UTF-8 boundary. */
void text_copy(char *dst, size_t size, const char *src);
/* Now (q's store_set_now clock, else the real one) as RFC 3339 UTC. */
void sq_now(const struct sq *q, char out[TS_LEN]);
/* Grows *p (elements of size) so that n + 1 fit. */
void *sq_grow(void *p, size_t *cap, size_t n, size_t size);
/* Appends an audit row by actor (0 = the system). */
int sq_audit(struct sq *q, int64_t actor, const struct sq_audit *a);
/* Party kind code to enum (unknown = PK_FK, never stored: CHECKed). */
enum party_kind sq_party_kind(const char *code);

/* sql_copy.c */
int sq_copy(struct store *, struct store *, struct copy_table **, size_t *,
    char *, size_t);

/* sql_org.c */
int sq_forbund_create(struct store *, const struct forbund *, int64_t,
    int64_t *);
int sq_forbund_get(struct store *, int64_t, struct forbund *);
int sq_forbund_name(struct store *, int64_t, char *, size_t);
int sq_forbund_list(struct store *, struct forbund_brief **, size_t *);
int sq_party_get(struct store *, int64_t, struct party *);
int sq_user_create(struct store *, const struct user *, const char *, int64_t,
    int64_t *);
int sq_user_get(struct store *, int64_t, struct user *);
int sq_user_by_email(struct store *, const char *, struct user *, char *,
    size_t);
int sq_user_list(struct store *, int64_t, struct user **, size_t *);
int sq_user_set_pwhash(struct store *, int64_t, const char *);
int sq_user_page(struct store *, int64_t, int64_t, size_t, struct user **,
    size_t *, int64_t *);
int sq_user_update(struct store *, int64_t, const struct user *);
int sq_user_set_password(struct store *, int64_t, int64_t, const char *, bool,
    const char *);
int sq_user_set_notify(struct store *, int64_t, enum notify_mode);
int sq_audit_list(struct store *, const struct audit_filter *,
    struct audit_row **, size_t *, int64_t *);
int sq_notice_add(struct store *, int64_t, int64_t, const char *, const char *,
    const char *);
int sq_notice_waiting(struct store *, struct notice_mail **, size_t *);
int sq_mail_queue(struct store *, const struct mail *, const int64_t *, size_t,
    const char *);
int sq_notice_skip(struct store *, int64_t);
int sq_mail_due(struct store *, int64_t, size_t, struct mail **, size_t *);
int sq_mail_sent(struct store *, int64_t);
int sq_mail_failed(struct store *, int64_t, int64_t, const char *);
int sq_mail_wake(struct store *, int64_t);
int sq_mail_list(struct store *, size_t, struct mail **, size_t *, int64_t *,
    int64_t *);
int sq_cases_still(struct store *, const char *, int64_t **, size_t *);
int sq_cases_call_closing(struct store *, const char *, const char *,
    int64_t **, size_t *);
void sq_user_row(struct dbst *st, struct user *u);
int sq_user_set_one(struct sq *q, enum sq_id id, const char *sql,
    int64_t user_id, const char *value, const struct sq_audit *a);
int sq_call_update(struct store *, const struct utlysning *, int64_t);
int sq_feed_set(struct store *, int64_t, const char *);
int sq_feed_user(struct store *, const char *, int64_t *);

/* sql_need.c */
int sq_need_create(struct store *, struct need *, int64_t);
int sq_need_get(struct store *, int64_t, struct need *);
int sq_need_list(struct store *, int64_t, struct need **, size_t *);
int sq_call_create(struct store *, struct utlysning *, int64_t);
int sq_call_get(struct store *, int64_t, struct utlysning *);
int sq_call_list(struct store *, struct utlysning **, size_t *);

/* sql_auth.c */
int sq_session_create(struct store *, const struct session *);
int sq_session_get(struct store *, const char *, struct session *);
int sq_session_touch(struct store *, const char *, int64_t);
int sq_session_delete(struct store *, const char *);
int sq_session_purge(struct store *, int64_t, int64_t);
int sq_throttle_take(struct store *, const struct throttle_key *, size_t,
    int64_t, int64_t, bool *);
int sq_throttle_release(struct store *, const char *);
int sq_throttle_clear(struct store *, const char *);
int sq_token_create(struct store *, int64_t, const char *, const char *,
    int64_t *);
int sq_token_user(struct store *, const char *, int64_t *);
int sq_token_list(struct store *, int64_t, struct api_token **, size_t *);
int sq_token_revoke(struct store *, int64_t, int64_t);

/* sql_case.c */
int sq_case_create(struct store *, struct arende *, int64_t);
int sq_case_get(struct store *, int64_t, struct arende *);
int sq_case_list(struct store *, const struct case_filter *,
    struct case_brief **, size_t *);
int sq_case_count(struct store *, const struct case_filter *, int64_t *);
int sq_case_updated(struct store *, int64_t, char *);
int sq_search(struct store *, const char *const *, size_t,
    const struct case_filter *, size_t, struct search_hit **, size_t *);
/* sql_group.c */
int sq_group_create(struct store *, struct group_meeting *, int64_t);
int sq_group_get(struct store *, int64_t, struct group_meeting *);
int sq_group_list(struct store *, int64_t, int64_t,
    struct group_meeting_brief **, size_t *);
int sq_group_save(struct store *, const struct group_meeting *, int64_t);
int sq_group_item_add(struct store *, int64_t, const struct group_item *,
    int64_t);
/* sql_document.c */
int sq_document_add(struct store *, struct document *, FILE *, int64_t);
int sq_document_get(struct store *, int64_t, struct document *);
int sq_document_list(struct store *, int64_t, int64_t, int64_t,
    struct document **, size_t *);
int sq_document_chunk(struct store *, int64_t, int64_t, void *, size_t *);
int sq_case_history(struct store *, int64_t, struct history_entry **, size_t *);
/* Binds a's 22 mutable fields to ?1..?22 (see sql_case.c). */
void sq_bind_case(struct dbst *st, const struct arende *a);
/* Writes one party row of case_id (insert or update). */
int sq_case_party_put(struct sq *q, int64_t case_id, const struct party_row *r);

/* sql_save.c */
int sq_case_save(struct store *, const struct arende *, const struct arende *,
    int64_t, const char *);

/* sql_followup.c */
int sq_followup_rows(struct store *, int64_t, const char *, const char *,
    const char *, struct followup_row **, size_t *);
int sq_followup_days(struct store *, int64_t, const char *, const char *,
    const char *, const char *, struct days_bin **, size_t *);
int sq_case_comment(struct store *, int64_t, int64_t, const char *,
    struct history_entry *);
int sq_followup_names(struct store *, int64_t, const char *, const char *,
    const char *, bool, struct followup_name **, size_t *);
int sq_forbund_lans(struct store *, struct forbund_lan **, size_t *);
int sq_member_kommuner(struct store *, char (**)[8], size_t *);
int sq_followup_quarters(struct store *, int64_t, const char *, const char *,
    const char *, struct followup_row **, size_t *);
int sq_followup_frames(struct store *, int64_t, const char *, int, int,
    struct fu_frame **, size_t *);
/* Recomputes the facts of every case marked dirty (migration 007). */
int sq_facts_refresh(struct sq *q);
/* Computes the frame of every budget that has none (after migrating). */
int sq_budget_frames_fill(struct sq *q);
/* The same for dirty facts a write outside a transaction left: before a
 * read of the facts. */
int sq_facts_current(struct sq *q);

/* sql_finsam.c */
int sq_meeting_create(struct store *, struct meeting *, int64_t);
int sq_meeting_get(struct store *, int64_t, struct meeting *);
int sq_meeting_list(struct store *, int64_t, struct meeting **, size_t *);
int sq_meeting_update(struct store *, const struct meeting *, int64_t);
int sq_agenda_add(struct store *, int64_t, int64_t, int64_t);
int sq_agenda_remove(struct store *, int64_t, int64_t, int64_t);
int sq_agenda_up(struct store *, int64_t, int64_t, int64_t);
int sq_agenda_decide(struct store *, int64_t, const struct agenda_item *,
    int64_t);

/* sql_budget.c */
int sq_budget_get(struct store *, int64_t, int, struct budget *);
int sq_budget_put(struct store *, int64_t, const struct budget *, int64_t);
int sq_granted_sum(struct store *, int64_t, int, int64_t *);
int sq_participants_put(struct store *, const struct participants *, int64_t);
int sq_participants_list(struct store *, int64_t, struct participants **,
    size_t *);

#endif
