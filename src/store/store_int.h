/*
 * store_int.h - what store.c and the backends share, and nobody else:
 * the table of backend functions (one per store.h operation, same
 * contract), the common head of every backend's connection struct, and
 * the embedded migrations. Not for use outside src/store.
 */
#ifndef BERED_STORE_INT_H
#define BERED_STORE_INT_H

#include <stdint.h>

#include "store.h"

/*
 * One backend. Each member has the contract of the store.h function of
 * the same name (without the store_ prefix); store.c only dispatches.
 */
struct store_ops {
	const char *name;
	void (*close)(struct store *);
	int (*migrate)(struct store *, char *, size_t);
	int (*backup)(struct store *, const char *, char *, size_t);
	int (*copy)(struct store *, struct store *, struct copy_table **,
	    size_t *, char *, size_t);
	int (*schema_version)(struct store *, int *, int *);
	int (*begin)(struct store *);
	int (*commit)(struct store *);
	int (*rollback)(struct store *);
	int (*read_begin)(struct store *);
	void (*read_end)(struct store *);

	int (*forbund_create)(struct store *, const struct forbund *, int64_t,
	    int64_t *);
	int (*forbund_get)(struct store *, int64_t, struct forbund *);
	int (*forbund_name)(struct store *, int64_t, char *, size_t);
	int (*forbund_list)(struct store *, struct forbund_brief **, size_t *);
	int (*party_get)(struct store *, int64_t, struct party *);

	int (*user_create)(struct store *, const struct user *, const char *,
	    int64_t, int64_t *);
	int (*user_get)(struct store *, int64_t, struct user *);
	int (*user_by_email)(struct store *, const char *, struct user *,
	    char *, size_t);
	int (*user_set_pwhash)(struct store *, int64_t, const char *);
	int (*user_list)(struct store *, int64_t, struct user **, size_t *);

	int (*session_create)(struct store *, const struct session *);
	int (*session_get)(struct store *, const char *, struct session *);
	int (*session_touch)(struct store *, const char *, int64_t);
	int (*session_delete)(struct store *, const char *);
	int (*session_purge)(struct store *, int64_t, int64_t);
	int (*user_page)(struct store *, int64_t, int64_t, size_t,
	    struct user **, size_t *, int64_t *);
	int (*user_update)(struct store *, int64_t, const struct user *);
	int (*user_set_password)(struct store *, int64_t, int64_t, const char *,
	    bool, const char *);
	int (*user_set_notify)(struct store *, int64_t, enum notify_mode);
	int (*audit_list)(struct store *, const struct audit_filter *,
	    struct audit_row **, size_t *, int64_t *);
	int (*notice_add)(struct store *, int64_t, int64_t, const char *,
	    const char *, const char *);
	int (*notice_waiting)(struct store *, struct notice_mail **, size_t *);
	int (*mail_queue)(struct store *, const struct mail *, const int64_t *,
	    size_t, const char *);
	int (*notice_skip)(struct store *, int64_t);
	int (*mail_due)(struct store *, int64_t, size_t, struct mail **,
	    size_t *);
	int (*mail_sent)(struct store *, int64_t);
	int (*mail_failed)(struct store *, int64_t, int64_t, const char *);
	int (*mail_wake)(struct store *, int64_t);
	int (*mail_list)(struct store *, size_t, struct mail **, size_t *,
	    int64_t *, int64_t *);
	int (*cases_still)(struct store *, const char *, int64_t **, size_t *);
	int (*cases_call_closing)(struct store *, const char *, const char *,
	    int64_t **, size_t *);
	int (*call_update)(struct store *, const struct utlysning *, int64_t);
	int (*feed_set)(struct store *, int64_t, const char *);
	int (*feed_user)(struct store *, const char *, int64_t *);
	int (*throttle_take)(struct store *, const struct throttle_key *,
	    size_t, int64_t, int64_t, bool *);
	int (*throttle_release)(struct store *, const char *);
	int (*throttle_clear)(struct store *, const char *);
	int (*token_create)(struct store *, int64_t, const char *, const char *,
	    int64_t *);
	int (*token_user)(struct store *, const char *, int64_t *);
	int (*token_list)(struct store *, int64_t, struct api_token **,
	    size_t *);
	int (*token_revoke)(struct store *, int64_t, int64_t);

	int (*need_create)(struct store *, struct need *, int64_t);
	int (*need_get)(struct store *, int64_t, struct need *);
	int (*need_list)(struct store *, int64_t, struct need **, size_t *);
	int (*call_create)(struct store *, struct utlysning *, int64_t);
	int (*call_get)(struct store *, int64_t, struct utlysning *);
	int (*call_list)(struct store *, struct utlysning **, size_t *);

	int (*case_create)(struct store *, struct arende *, int64_t);
	int (*case_get)(struct store *, int64_t, struct arende *);
	int (*case_list)(struct store *, const struct case_filter *,
	    struct case_brief **, size_t *);
	int (
	    *case_count)(struct store *, const struct case_filter *, int64_t *);
	int (*case_updated)(struct store *, int64_t, char *);
	int (*document_add)(struct store *, struct document *, FILE *, int64_t);
	int (*group_create)(struct store *, struct group_meeting *, int64_t);
	int (*group_get)(struct store *, int64_t, struct group_meeting *);
	int (*group_list)(struct store *, int64_t, int64_t,
	    struct group_meeting_brief **, size_t *);
	int (
	    *group_save)(struct store *, const struct group_meeting *, int64_t);
	int (*group_item_add)(struct store *, int64_t,
	    const struct group_item *, int64_t);
	int (*search)(struct store *, const char *const *, size_t,
	    const struct case_filter *, size_t, struct search_hit **, size_t *);
	int (*document_get)(struct store *, int64_t, struct document *);
	int (*document_list)(struct store *, int64_t, int64_t, int64_t,
	    struct document **, size_t *);
	int (*document_chunk)(struct store *, int64_t, int64_t, void *,
	    size_t *);
	int (*case_save)(struct store *, const struct arende *,
	    const struct arende *, int64_t, const char *);
	int (*case_history)(struct store *, int64_t, struct history_entry **,
	    size_t *);

	int (*case_comment)(struct store *, int64_t, int64_t, const char *,
	    struct history_entry *);
	int (*followup_rows)(struct store *, int64_t, const char *,
	    const char *, const char *, struct followup_row **, size_t *);
	int (*forbund_lans)(struct store *, struct forbund_lan **, size_t *);
	int (*member_kommuner)(struct store *, char (**)[8], size_t *);
	int (*followup_names)(struct store *, int64_t, const char *,
	    const char *, const char *, bool, struct followup_name **,
	    size_t *);
	int (*followup_days)(struct store *, int64_t, const char *,
	    const char *, const char *, const char *, struct days_bin **,
	    size_t *);
	int (*followup_quarters)(struct store *, int64_t, const char *,
	    const char *, const char *, struct followup_row **, size_t *);
	int (*followup_frames)(struct store *, int64_t, const char *, int, int,
	    struct fu_frame **, size_t *);

	int (*meeting_create)(struct store *, struct meeting *, int64_t);
	int (*meeting_get)(struct store *, int64_t, struct meeting *);
	int (*meeting_list)(struct store *, int64_t, struct meeting **,
	    size_t *);
	int (*meeting_update)(struct store *, const struct meeting *, int64_t);
	int (*agenda_add)(struct store *, int64_t, int64_t, int64_t);
	int (*agenda_remove)(struct store *, int64_t, int64_t, int64_t);
	int (*agenda_up)(struct store *, int64_t, int64_t, int64_t);
	int (*agenda_decide)(struct store *, int64_t,
	    const struct agenda_item *, int64_t);
	int (*budget_get)(struct store *, int64_t, int, struct budget *);
	int (*budget_put)(struct store *, int64_t, const struct budget *,
	    int64_t);
	int (*granted_sum)(struct store *, int64_t, int, int64_t *);
	int (*participants_put)(struct store *, const struct participants *,
	    int64_t);
	int (*participants_list)(struct store *, int64_t,
	    struct participants **, size_t *);
};

/* The head of every backend's connection struct (its first member). */
struct store {
	const struct store_ops *ops;
	int64_t now; /* store_set_now: 0 = real clock */
};

/* Opens a SQLite database file (sqlite/sqlite.c). Contract of store_open. */
int store_sqlite_open(const char *path, struct store **out, char *err,
    size_t errlen);
/* Connects to PostgreSQL at a postgres:// URL (pg/pg.c); the same. */
int store_pg_open(const char *url, struct store **out, char *err,
    size_t errlen);

/*
 * The migrations, embedded by schema.S: NUL-terminated SQL text and its
 * length in bytes (without the NUL). Migration N is schema_00N_*.
 */
extern const char schema_001_init[];
extern const uint64_t schema_001_init_len;
extern const char schema_002_indexes[];
extern const uint64_t schema_002_indexes_len;
extern const char schema_003_forbund_name[];
extern const uint64_t schema_003_forbund_name_len;
extern const char schema_004_bordlagd[];
extern const uint64_t schema_004_bordlagd_len;
extern const char schema_005_accounts_mail[];
extern const uint64_t schema_005_accounts_mail_len;
extern const char schema_006_calendar[];
extern const uint64_t schema_006_calendar_len;
extern const char schema_007_followup_facts[];
extern const uint64_t schema_007_followup_facts_len;
extern const char schema_008_applied_amount[];
extern const uint64_t schema_008_applied_amount_len;
extern const char schema_009_documents[];
extern const uint64_t schema_009_documents_len;
extern const char schema_010_search[];
extern const uint64_t schema_010_search_len;
extern const char schema_011_group_meetings[];
extern const uint64_t schema_011_group_meetings_len;

/* PostgreSQL's twins of the migrations (src/store/pg/schema/); 002, 003
 * and 006 say the same in both dialects and are SQLite's. */
extern const char pg_schema_001_init[];
extern const char pg_schema_004_bordlagd[];
extern const char pg_schema_005_accounts_mail[];
extern const char pg_schema_007_followup_facts[];
extern const char pg_schema_008_applied_amount[];
extern const char pg_schema_009_documents[];
extern const char pg_schema_010_search[];
extern const char pg_schema_011_group_meetings[];

#endif
