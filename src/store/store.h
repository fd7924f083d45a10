/*
 * store.h - the storage interface. The ONLY way the rest of Bered touches
 * data; the only layer with SQL. The backend is chosen by the URL given to
 * store_open(): a file path for SQLite, "postgres://..." for PostgreSQL
 * (store.c dispatches through a struct of function pointers to the SQL
 * store, whose queries run on either database through its driver).
 *
 * Conventions: every function returns enum berr (B_OK = 0). Lookups of a
 * missing row return B_NOTFOUND. Arrays returned through `T **out, size_t
 * *n` are owned by the caller and released with free(). A struct store is
 * one connection: use it from one thread at a time (the server opens one
 * per worker thread). Every change writes the audit log (who = actor).
 */
#ifndef BERED_STORE_H
#define BERED_STORE_H

#include <stddef.h>
#include <stdio.h>
#include <stdint.h>

#include "domain/arende.h"
#include "domain/document.h"
#include "domain/finsam.h"
#include "domain/followup.h"
#include "domain/group.h"
#include "util/err.h"

struct store;

/* ---- lifecycle ---------------------------------------------------- */

/* Opens url (does not migrate). On failure writes a message to err. */
int store_open(const char *url, struct store **out, char *err, size_t errlen);
void store_close(struct store *s); /* accepts NULL */
/*
 * Fixes the clock the store stamps times with (audit `at`, created_at,
 * updated_at) to t seconds since the epoch; 0 = the real clock again.
 * For `bered demo` only, which backdates the steps of its cases.
 */
void store_set_now(struct store *s, int64_t t);
/*
 * Applies the forward-only migrations not yet applied; safe to re-run.
 * B_CONFLICT (message in err) if the database is newer than this binary.
 */
int store_migrate(struct store *s, char *err, size_t errlen);
/*
 * A consistent copy of the whole database into the new file path while
 * others go on reading and writing (SQLite's online backup API), checked
 * before it is kept. B_CONFLICT if path exists (never overwritten),
 * B_INTERNAL with err in Swedish (nothing left at path) otherwise.
 */
int store_backup(struct store *s, const char *path, char *err, size_t errlen);
/* The schema version in the database, and the newest this binary knows. */
int store_schema_version(struct store *s, int *db_version, int *binary_version);
int store_begin(struct store *s);
int store_commit(struct store *s);
int store_rollback(struct store *s);
/*
 * A read snapshot for a run of reads (one web request): the reads between
 * store_read_begin and store_read_end share one read transaction, so the
 * database's read lock is taken once instead of once per query (each take
 * costs system calls). A write, store_begin or a transaction of the store's
 * own ends the snapshot first, so nothing is ever written from a stale
 * snapshot; later reads are then single-statement again. store_read_end
 * does nothing when no snapshot is open, except that it rolls back (and
 * logs) a transaction left open since store_read_begin, so a request that
 * failed half way never keeps the write lock. Both accept NULL.
 */
int store_read_begin(struct store *s);
void store_read_end(struct store *s);

/* ---- förbund and parties ------------------------------------------ */

struct forbund_brief {
	int64_t id;
	char name[NAME_MAX_];
	size_t nparties;
};

/* Creates in (name, parties; ids ignored) and sets *id. */
int store_forbund_create(struct store *s, const struct forbund *in,
    int64_t actor, int64_t *id);
int store_forbund_get(struct store *s, int64_t id, struct forbund *out);
/* Only the name of förbund id (no parties): for page headers. */
int store_forbund_name(struct store *s, int64_t id, char *name, size_t namelen);
int store_forbund_list(struct store *s, struct forbund_brief **out, size_t *n);
int store_party_get(struct store *s, int64_t id, struct party *out);
/* Distinct kommunkoder that are members of any förbund (follow-up). */
/* Which län a förbund has members in: one row per förbund and länskod. */
struct forbund_lan {
	int64_t forbund_id;
	char lan[4];
};
int store_forbund_lans(struct store *s, struct forbund_lan **out, size_t *n);
/* The distinct kommun codes that are members of some förbund (*out owned,
 * each code a string in it). */
int store_member_kommuner(struct store *s, char (**out)[8], size_t *n);

/* ---- users ---------------------------------------------------------- */

/* B_CONFLICT if the e-mail is taken. pwhash from crypto_pwhash_str. */
int store_user_create(struct store *s, const struct user *u, const char *pwhash,
    int64_t actor, int64_t *id);
int store_user_get(struct store *s, int64_t id, struct user *out);
/* pwhash (may be NULL) receives the stored hash, pwlen bytes at most. */
int store_user_by_email(struct store *s, const char *email, struct user *out,
    char *pwhash, size_t pwlen);
/*
 * Replaces user_id's password hash with hash (from password_hash), as a
 * login does when the stored hash was made with other Argon2id costs
 * than the current ones. Audited by the user, without the hash.
 * B_INVALID for an empty hash, B_NOTFOUND if there is no such user.
 */
int store_user_set_pwhash(struct store *s, int64_t user_id, const char *hash);
/* forbund_id 0 = all users. */
int store_user_list(struct store *s, int64_t forbund_id, struct user **out,
    size_t *n);

/* ---- managing accounts (issue 9) ----------------------------------- */

/*
 * A page of users by id: forbund_id 0 = all; ids after `after`; at most
 * limit rows; *total = every user the filter selects.
 */
int store_user_page(struct store *s, int64_t forbund_id, int64_t after,
    size_t limit, struct user **out, size_t *n, int64_t *total);
/*
 * Saves name, role, forbund_id, party_id and active of `after` (id names
 * the user), auditing each changed field by actor. A user made inactive
 * loses every session and API token at once. B_NOTFOUND, B_CONFLICT.
 */
int store_user_update(struct store *s, int64_t actor, const struct user *after);
/*
 * Sets user_id's password hash; must_change: a one-time password the user
 * must replace at the next login. Ends every session of the user except
 * keep_session (an id hash, or NULL for all). Audited without the hash.
 */
int store_user_set_password(struct store *s, int64_t actor, int64_t user_id,
    const char *hash, bool must_change, const char *keep_session);
int store_user_set_notify(struct store *s, int64_t user_id, enum notify_mode m);
/*
 * The calendar feed (issue 8): user_id's feed token hash (SHA-256 hex), or
 * NULL to revoke it. store_feed_user finds the active user of a live feed.
 */
int store_feed_set(struct store *s, int64_t user_id, const char *hash);
int store_feed_user(struct store *s, const char *hash, int64_t *user_id);

/* ---- the audit log ------------------------------------------------- */

struct audit_filter {
	int64_t forbund_id;  /* 0 = every förbund (and rows of none) */
	int64_t user_id;     /* 0 = anyone */
	int64_t case_id;     /* 0 = any */
	char from[DATE_LEN]; /* "" = no bound; from and to are inclusive */
	char to[DATE_LEN];
	bool finsam_only; /* leave out rows of ESF+ cases (R1) */
	int64_t after;    /* ids after this */
	size_t limit;     /* 0 = no limit */
};

struct audit_row {
	int64_t id;
	char at[TS_LEN];
	int64_t user_id;
	char user_name[NAME_MAX_];
	char entity[32];
	int64_t entity_id;
	char field[64];
	char *before; /* NULL when none; owned (audit_rows_free) */
	char *after;
	char from_state[32];
	char to_state[32];
	char comment[256];
};

int store_audit_list(struct store *s, const struct audit_filter *f,
    struct audit_row **out, size_t *n, int64_t *total);
void audit_rows_free(struct audit_row *v, size_t n);

/* ---- notices and the mail outbox (issue 9) -------------------------- */

/*
 * Tells user_id about an event once: a second notice with the same key
 * for the same user is ignored (B_OK).
 */
int store_notice_add(struct store *s, int64_t user_id, int64_t case_id,
    const char *key, const char *subject, const char *body);

struct notice_mail {
	int64_t id;
	int64_t user_id;
	int64_t case_id;
	char subject[256];
	char *body; /* owned (notices_free) */
	char created_at[TS_LEN];
	/* the user's */
	char email[SHORT_MAX];
	char name[NAME_MAX_];
	enum notify_mode mode;
	char last_digest[DATE_LEN];
	bool active;
};

/* Every waiting notice, by user, oldest first. */
int store_notice_waiting(struct store *s, struct notice_mail **out, size_t *n);
void notices_free(struct notice_mail *v, size_t n);

struct mail {
	int64_t id;
	int64_t user_id;
	char to[SHORT_MAX];
	char *subject; /* owned (mails_free) */
	char *text;
	char *html;
	char created_at[TS_LEN];
	int64_t next_try;
	int attempts;
	char sent_at[TS_LEN];
	char last_error[256];
};

/*
 * In one transaction: queues m (to, subject, text, html; next_try now)
 * and marks the notices ids[0..n) as mailed; digest_date (or NULL) is
 * recorded as the user's last digest. Nothing is queued twice: if a
 * notice was mailed meanwhile (another instance), nothing is queued and
 * the answer is B_CONFLICT.
 */
int store_mail_queue(struct store *s, const struct mail *m, const int64_t *ids,
    size_t n, const char *digest_date);
/* Marks the notices of user_id not mailed (the user chose av). */
int store_notice_skip(struct store *s, int64_t user_id);
/*
 * Mail due at now (unix seconds), oldest first, at most limit, leased to
 * the caller for MAIL_LEASE seconds (next_try moves on) in the same
 * transaction, so that the mail threads of several instances never send
 * the same mail; store_mail_sent or store_mail_failed ends the lease.
 */
#define MAIL_LEASE 600
int store_mail_due(struct store *s, int64_t now, size_t limit,
    struct mail **out, size_t *n);
int store_mail_sent(struct store *s, int64_t id);
int store_mail_failed(struct store *s, int64_t id, int64_t next_try,
    const char *error);
/* Every unsent mail due at once (a restart: the SMTP server may be mended). */
int store_mail_wake(struct store *s, int64_t now);
/* The newest mail (sent or not) first, at most limit: the admin's view. */
int store_mail_list(struct store *s, size_t limit, struct mail **out, size_t *n,
    int64_t *waiting, int64_t *failing);
void mails_free(struct mail *v, size_t n);

/* Cases of any förbund not in a final state and unchanged since before. */
int store_cases_still(struct store *s, const char *before, int64_t **ids,
    size_t *n);
/* Open cases whose linked call closes from `from` to `to` (dates). */
int store_cases_call_closing(struct store *s, const char *from, const char *to,
    int64_t **ids, size_t *n);

/* ---- sessions, login throttling, API tokens -------------------------- */

struct session {
	char id_hash[65]; /* hex SHA-256 of the cookie value */
	int64_t user_id;
	char csrf[65];   /* the CSRF token for this session */
	int64_t created; /* epoch seconds */
	int64_t last_seen;
};

int store_session_create(struct store *s, const struct session *in);
int store_session_get(struct store *s, const char *id_hash,
    struct session *out);
int store_session_touch(struct store *s, const char *id_hash, int64_t now);
int store_session_delete(struct store *s, const char *id_hash);
/* Deletes sessions idle since before idle_before or created before abs_before.
 */
int store_session_purge(struct store *s, int64_t idle_before,
    int64_t abs_before);

/*
 * Login throttling: attempts per key ("u:EMAIL", "ip:ADDR") in a window.
 * store_throttle_take is one atomic step (one write transaction): when
 * every key has fewer than its limit of attempts since `since`, it counts
 * one more for each key and sets *allowed; otherwise it counts nothing.
 * Concurrent takes never let more than the limit through. An error (a
 * full disk) leaves *allowed false: the caller refuses (fails closed).
 */
struct throttle_key {
	const char *key;
	int limit;
};
int store_throttle_take(struct store *s, const struct throttle_key *keys,
    size_t n, int64_t now, int64_t since, bool *allowed);
/* Takes back the newest attempt of key (a login that succeeded). */
int store_throttle_release(struct store *s, const char *key);
/* Forgets every attempt of key. */
int store_throttle_clear(struct store *s, const char *key);

struct api_token {
	int64_t id;
	int64_t user_id;
	char name[NAME_MAX_];
	char created_at[TS_LEN];
	bool revoked;
};

/* hash: hex SHA-256 of the token. */
int store_token_create(struct store *s, int64_t user_id, const char *name,
    const char *hash, int64_t *id);
/* The user of a live (not revoked) token; B_NOTFOUND otherwise. */
int store_token_user(struct store *s, const char *hash, int64_t *user_id);
int store_token_list(struct store *s, int64_t user_id, struct api_token **out,
    size_t *n);
/* B_NOTFOUND unless the token is user_id's own. */
int store_token_revoke(struct store *s, int64_t user_id, int64_t token_id);

/* ---- behovskartläggning and utlysningar ------------------------------ */

int store_need_create(struct store *s, struct need *in,
    int64_t actor); /* sets in->id */
int store_need_get(struct store *s, int64_t id, struct need *out);
int store_need_list(struct store *s, int64_t forbund_id, struct need **out,
    size_t *n);

int store_call_create(struct store *s, struct utlysning *in,
    int64_t actor); /* sets in->id */
int store_call_get(struct store *s, int64_t id, struct utlysning *out);
/* Replaces the fields of call in->id (audited). B_NOTFOUND, B_INVALID. */
int store_call_update(struct store *s, const struct utlysning *in,
    int64_t actor);
/* All calls, newest closing date first. */
int store_call_list(struct store *s, struct utlysning **out, size_t *n);

/* ---- cases ------------------------------------------------------------- */

struct case_filter {
	int64_t forbund_id; /* 0 = any */
	int kind;           /* enum kind, -1 = any */
	int state;          /* enum state, -1 = any */
	int64_t party_id;   /* 0 = any; else only cases where it deltar */
	int limit;          /* 0 = no limit */
	int offset;
	/*
	 * true: only cases where a party of kind FK deltar (what esf-kansli
	 * may see, perm_case_visible), so the list needs no case loads.
	 * Last member: initialisers that leave it out keep false = any.
	 */
	bool fk_deltar;
	/* The cases behind a follow-up figure (facts.on; off when left out). */
	struct fact_filter facts;
	/*
	 * A page after a row (keyset, for the API's ?after=): only cases
	 * after (after_updated, after_id) in the list's order (updated_at,
	 * id, newest first); after_id 0 = from the start.
	 */
	int64_t after_id;
	char after_updated[TS_LEN];
};

struct case_brief {
	int64_t id;
	int64_t forbund_id;
	enum kind kind;
	enum state state;
	char title[TITLE_MAX + 1];
	int64_t owner_party_id;
	char owner_name[NAME_MAX_];
	int64_t call_id;
	char identified_on[DATE_LEN];
	char updated_at[TS_LEN];
	int64_t need_id; /* the need it was started from, 0 = none */
};

/*
 * Creates a (state identifierad), one party row per party of its förbund
 * (rows given in a->parties are taken as they are; others deltar=false),
 * and the first history entry. Sets a->id, a->version and a->identified_on
 * (if empty, today). B_NOTFOUND if the förbund or need does not exist.
 */
int store_case_create(struct store *s, struct arende *a, int64_t actor);
/* The case with all its party rows (party kind and name filled). */
int store_case_get(struct store *s, int64_t id, struct arende *out);
int store_case_list(struct store *s, const struct case_filter *f,
    struct case_brief **out, size_t *n);
/* Number of cases matching f (ignoring limit/offset). */
int store_case_count(struct store *s, const struct case_filter *f, int64_t *n);
/* Case id's updated_at (a list's order, for case_filter.after_*);
 * B_NOTFOUND for no such case. */
int store_case_updated(struct store *s, int64_t id, char out[TS_LEN]);
/*
 * Saves after over before (the version read): every changed field and
 * party row, one audit row per change with before and after. If the state
 * differs, a history entry from -> to with comment. B_CONFLICT if the case
 * changed since before was read (version). Atomic.
 */
int store_case_save(struct store *s, const struct arende *before,
    const struct arende *after, int64_t actor, const char *comment);
/*
 * Adds actor's comment text to case case_id's history (an audit row of
 * field HISTORY_COMMENT, append-only like every audit row) and fills out
 * with it; the caller frees out->comment (history_free(out, 1) for an
 * entry it allocated). B_NOTFOUND for no such case.
 */
int store_case_comment(struct store *s, int64_t case_id, int64_t actor,
    const char *text, struct history_entry *out);
/*
 * History of a case, oldest first: transitions and field changes. The
 * caller frees *out with history_free(*out, *n).
 */
int store_case_history(struct store *s, int64_t case_id,
    struct history_entry **out, size_t *n);

/* ---- moving a database ------------------------------------------------ */

/* One table moved by store_copy. */
struct copy_table {
	char name[32];
	int64_t rows;
	char sha256[65]; /* of its rows in key order, as read from the source */
	bool same;       /* the target reads back the same rows and checksum */
};
/*
 * Copies every row of src's tables into dst (another database, of either
 * backend, migrated to the same version and empty), in one transaction
 * of dst; dst rebuilds what is derived from the rows (the follow-up's
 * facts, the search index). Then reads each table back from dst and
 * compares row counts and checksums. B_CONFLICT (err says which table)
 * if dst holds data; B_INTERNAL if a table differs. *out: one entry per
 * table (caller frees), also on failure.
 */
int store_copy(struct store *src, struct store *dst, struct copy_table **out,
    size_t *n, char *err, size_t errlen);

/* ---- follow-up ------------------------------------------------------ */

/*
 * The follow-up's rows: one per förbund, year and combination of what
 * domain/followup.c counts, each standing for n cases (never one row per
 * case). forbund_id 0 = all; lan "" = all, else länskod of the förbund's
 * members; cases identified within [from, to] ("" = open; a case never
 * identified only when both are open).
 */
int store_followup_rows(struct store *s, int64_t forbund_id, const char *lan,
    const char *from, const char *to, struct followup_row **out, size_t *n);
/*
 * Owners (cofin false) or co-financers (true) of the ESF+ cases of the
 * same selection by party name: one row per name and combination, the
 * facts in r (kind, state, flags; r.n cases), the name in name. The
 * caller keeps those that passed overens (followup_row_passed_overens).
 */
struct followup_name {
	struct followup_row r;
	char name[NAME_MAX_];
};
int store_followup_names(struct store *s, int64_t forbund_id, const char *lan,
    const char *from, const char *to, bool cofin, struct followup_name **out,
    size_t *n);
/*
 * The days ESF+ cases of the same selection spent in each state, as bins
 * ordered by state and days (the state a case is in counts up to today).
 */
int store_followup_days(struct store *s, int64_t forbund_id, const char *lan,
    const char *from, const char *to, const char *today, struct days_bin **out,
    size_t *n);
/*
 * As store_followup_rows, always from the facts, with each row's quarter
 * (1-4) of identified_on: for the follow-up over time per quarter.
 */
int store_followup_quarters(struct store *s, int64_t forbund_id,
    const char *lan, const char *from, const char *to,
    struct followup_row **out, size_t *n);
/* Finsam money against a budget year's frames (R9). */
struct fu_frame {
	int year;
	int64_t budgets; /* förbund with a budget that year */
	int64_t frame;   /* their frames, each as R9 computed it when saved */
	int64_t grants;  /* board grants that use the year's frames */
	int64_t granted; /* kronor (store_granted_sum's counting) */
};
/*
 * The budget years y0..y1 of the förbund selected as in
 * store_followup_rows that have a budget or a grant, in year order.
 */
int store_followup_frames(struct store *s, int64_t forbund_id, const char *lan,
    int y0, int y1, struct fu_frame **out, size_t *n);

/* ---- Finsam: board meetings, budgets, participants (issue 3) --------- */

#define MEETING_ITEMS_MAX 64

struct agenda_item {
	int64_t case_id;
	char title[TITLE_MAX + 1];
	int position;
	int outcome;    /* -1 none, ST_BEVILJAD, ST_AVSLAG, OUTCOME_BORDLAGD */
	int64_t amount; /* granted kronor, -1 none */
	char period_start[DATE_LEN];
	char period_end[DATE_LEN];
};

struct meeting {
	int64_t id;
	int64_t forbund_id;
	char date[DATE_LEN];
	char present[TEXT_MAX + 1]; /* present members, free text */
	char notes[TEXT_MAX + 1];
	size_t nitems;
	struct agenda_item items[MEETING_ITEMS_MAX];
};

int store_meeting_create(struct store *s, struct meeting *in, int64_t actor);
int store_meeting_get(struct store *s, int64_t id, struct meeting *out);
int store_meeting_list(struct store *s, int64_t forbund_id,
    struct meeting **out, size_t *n);
int store_meeting_update(struct store *s, const struct meeting *in,
    int64_t actor);
/*
 * R1: puts a Finsam case on the agenda. The storage layer itself refuses
 * an ESF+ case (B_CONFLICT), whatever the caller checked.
 */
int store_agenda_add(struct store *s, int64_t meeting_id, int64_t case_id,
    int64_t actor);
/*
 * Takes case_id off meeting_id's agenda while it is undecided, audited;
 * B_NOTFOUND if it is not on it, B_CONFLICT if the board has decided it.
 */
int store_agenda_remove(struct store *s, int64_t meeting_id, int64_t case_id,
    int64_t actor);
/*
 * Moves case_id one place up on meeting_id's agenda (it swaps places with
 * the item before it), audited; B_NOTFOUND if not on it, B_CONFLICT if
 * it is first already.
 */
int store_agenda_up(struct store *s, int64_t meeting_id, int64_t case_id,
    int64_t actor);
/* Records a decision on an agenda item (the case move is store_case_save). */
int store_agenda_decide(struct store *s, int64_t meeting_id,
    const struct agenda_item *item, int64_t actor);

/* B_NOTFOUND if no budget for that year. Offers' kinds filled. */
int store_budget_get(struct store *s, int64_t forbund_id, int year,
    struct budget *out);
int store_budget_put(struct store *s, int64_t forbund_id,
    const struct budget *in, int64_t actor);
/*
 * Sum of granted amounts of a förbund's granted Finsam cases (beviljad,
 * genomforande, avslutad) whose grant period starts in year (the
 * decision's year when no period is set).
 */
int store_granted_sum(struct store *s, int64_t forbund_id, int year,
    int64_t *sum);

struct participants {
	int64_t case_id;
	int year;
	int64_t women, men, to_work, to_studies, job_seeking, other;
};

int store_participants_put(struct store *s, const struct participants *in,
    int64_t actor);
int store_participants_list(struct store *s, int64_t case_id,
    struct participants **out, size_t *n);

/* ---- documents on a case (issue 10) ------------------------------------ */

/* A document's content is kept and read in chunks of this size. */
#define DOC_CHUNK (256 * 1024)
/*
 * Adds document d (its owner: case_id, meeting_id or group_meeting_id;
 * kind, party_id, name, content_type, size, sha256, replaces set by the
 * caller; B_NOTFOUND for no such owner) with its content read from f (from
 * its start, d->size bytes) a chunk at a time, and an audit row on the
 * case, atomically; fills id, forbund_id, version and uploaded_*.
 */
int store_document_add(struct store *s, struct document *d, FILE *f,
    int64_t actor);
/* B_NOTFOUND for no such document. */
int store_document_get(struct store *s, int64_t id, struct document *out);
/* Every version of every document of case case_id, board meeting
 * meeting_id or beredningsgrupp meeting group_id (one non-zero), oldest
 * first. */
int store_document_list(struct store *s, int64_t case_id, int64_t meeting_id,
    int64_t group_id, struct document **out, size_t *n);
/* Chunk seq of document id into buf (room for DOC_CHUNK bytes): *len. */
int store_document_chunk(struct store *s, int64_t id, int64_t seq, void *buf,
    size_t *len);

/* ---- search (issue 10) ------------------------------------------------- */

enum search_type { SEARCH_CASE, SEARCH_NEED, SEARCH_COMMENT, SEARCH_DOCUMENT };
/* The snippet marks its matching words between these two bytes. */
#define SEARCH_MARK_ON   '\x02'
#define SEARCH_MARK_OFF  '\x03'
#define SEARCH_WORDS_MAX 8

struct search_hit {
	enum search_type type;
	int64_t id;      /* the case, need, comment (history row), document */
	int64_t case_id; /* the case it belongs to, 0 for a need */
	char title[TITLE_MAX + 1]; /* the case's title; a need's målgrupp */
	char snippet[1024];        /* the best passage, matches marked */
};
/*
 * Cases (title, description), needs, comments and document names that
 * hold every one of words[0..nwords) (each the beginning of a word, any
 * case), best first, at most limit, only among what scope lets its user
 * see: scope as svc_case_scope filled it (forbund_id, kind, fk_deltar),
 * needs only when it allows every kind of case and not only FK's. A
 * backend answers with its own full-text search (SQLite: FTS5).
 */
int store_search(struct store *s, const char *const *words, size_t nwords,
    const struct case_filter *scope, size_t limit, struct search_hit **out,
    size_t *n);

/* ---- the beredningsgrupp's meetings (issue 10) ------------------------ */

struct group_meeting_brief {
	int64_t id;
	int64_t forbund_id;
	char date[DATE_LEN];
	int64_t nitems;
};
/* Creates g (forbund_id, date; B_NOTFOUND for no such förbund): g->id. */
int store_group_create(struct store *s, struct group_meeting *g, int64_t actor);
/* B_NOTFOUND for no such meeting. */
int store_group_get(struct store *s, int64_t id, struct group_meeting *out);
/* Förbund fid's meetings (0 = all) or, with case_id, those where that
 * case was on the agenda; newest first. */
int store_group_list(struct store *s, int64_t fid, int64_t case_id,
    struct group_meeting_brief **out, size_t *n);
/*
 * Saves g's date and minutes and replaces its attendees and agenda,
 * audited, atomically; B_INVALID (nothing saved) when an attendee, case
 * or need is not of the meeting's förbund.
 */
int store_group_save(struct store *s, const struct group_meeting *g,
    int64_t actor);
/* Adds it at the end of meeting's agenda; B_INVALID as above, B_CONFLICT
 * when the agenda is full. */
int store_group_item_add(struct store *s, int64_t meeting,
    const struct group_item *it, int64_t actor);

#endif
