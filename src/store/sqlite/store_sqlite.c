/*
 * store_sqlite.c - the SQLite backend: opening a connection with the
 * pragmas Bered relies on, the forward-only migrations, transactions, the
 * statement cache and the helpers every store_sqlite_*.c file shares
 * (binding, columns, error mapping, the audit writer), and the table of
 * operations store.c dispatches through.
 *
 * One struct sq = one sqlite3 connection, used by one thread at a time.
 * Every query is literal SQL with bound parameters, prepared once and
 * cached; never formatted SQL.
 */
#include "store_sqlite.h"

#include <pthread.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "util/log.h"
#include "util/text.h"
#include "util/xmalloc.h"

/* The migrations, oldest first; version N is applied once, in order. */
static const struct migration {
	int version;
	const char *sql;
} migrations[] = {
	{ 1, schema_001_init },
	{ 2, schema_002_indexes },
	{ 3, schema_003_forbund_name },
	{ 4, schema_004_bordlagd },
	{ 5, schema_005_accounts_mail },
	{ 6, schema_006_calendar },
	{ 7, schema_007_followup_facts },
	{ 8, schema_008_applied_amount },
	{ 9, schema_009_documents },
	{ 10, schema_010_search },
	{ 11, schema_011_group_meetings },
};
#define NMIGRATIONS ((int)(sizeof(migrations) / sizeof(migrations[0])))

/*
 * Pragmas: WAL for concurrent readers, FKs. synchronous = NORMAL: a
 * commit writes the WAL without syncing it; sq_durable syncs it before
 * the write is reported done, once for every commit written meanwhile
 * (group commit), so nothing reported saved is lost on a power cut.
 */
static const char pragmas[] = "PRAGMA journal_mode = WAL;"
			      "PRAGMA foreign_keys = ON;"
			      "PRAGMA synchronous = NORMAL;"
			      "PRAGMA mmap_size = 67108864;"
			      "PRAGMA temp_store = MEMORY;";

static const struct store_ops sqlite_ops;

/*
 * The write queue. SQLite lets one connection write at a time, and a
 * writer that finds the database locked sleeps in the busy handler (1, 2,
 * 5 ... 100 ms) however soon the lock is freed: 16 writers saw a p99 of
 * over a second. The writers of this process instead take a ticket before
 * they begin and are woken in turn the moment the one before them
 * commits: first come, first served, so a writer waits only for those
 * ahead of it. The busy handler remains for other processes (the command
 * line while a server runs).
 */
static struct {
	pthread_mutex_t m;
	pthread_cond_t cv;
	uint64_t next;    /* the ticket the next writer takes */
	uint64_t serving; /* the ticket that may write now */
} wq = { PTHREAD_MUTEX_INITIALIZER, PTHREAD_COND_INITIALIZER, 0, 0 };

/*
 * Group commit. SQLite syncs the WAL once per commit at synchronous =
 * FULL: about 1 ms here, most of a case creation. Instead each commit is
 * numbered as it is written (in its turn, so in WAL order), and a writer
 * that must know its commit is on disk either finds that a sync since
 * covered it, waits for the sync under way, or syncs the WAL itself,
 * covering every commit written so far: 16 writers share one sync.
 */
static struct {
	pthread_mutex_t m;
	pthread_cond_t cv;
	uint64_t written; /* commits written to the WAL */
	uint64_t synced;  /* of those, the first this many are on disk */
	bool syncing;
} ws = { PTHREAD_MUTEX_INITIALIZER, PTHREAD_COND_INITIALIZER, 0, 0, false };

/* Numbers the commit just written (called in the writer's turn). */
static void
sq_written(struct sq *q)
{
	pthread_mutex_lock(&ws.m);
	q->commit_no = ++ws.written;
	pthread_mutex_unlock(&ws.m);
}

/* Syncs the WAL file through q's handle on it (fdatasync). */
static int
sq_sync_wal(struct sq *q)
{
	sqlite3_file *f = NULL;

	if (sqlite3_file_control(q->db, "main", SQLITE_FCNTL_JOURNAL_POINTER,
		&f) != SQLITE_OK ||
	    f == NULL || f->pMethods == NULL) {
		return B_OK; /* no WAL open: nothing written to sync */
	}
	if (f->pMethods->xSync(f, SQLITE_SYNC_NORMAL) != SQLITE_OK) {
		log_err("store: syncing the WAL failed");
		return B_UNAVAILABLE;
	}
	return B_OK;
}

/*
 * Returns when q's last commit is on disk: B_OK, or B_UNAVAILABLE when
 * the sync failed (the write may be lost; it is not reported saved).
 */
static int
sq_durable(struct sq *q)
{
	uint64_t target;
	int rc = B_OK;

	if (q->commit_no == 0) {
		return B_OK;
	}
	pthread_mutex_lock(&ws.m);
	while (ws.synced < q->commit_no && rc == B_OK) {
		if (ws.syncing) {
			pthread_cond_wait(&ws.cv, &ws.m);
			continue;
		}
		ws.syncing = true;
		target = ws.written;
		pthread_mutex_unlock(&ws.m);
		rc = sq_sync_wal(q);
		pthread_mutex_lock(&ws.m);
		ws.syncing = false;
		if (rc == B_OK && target > ws.synced) {
			ws.synced = target;
		}
		pthread_cond_broadcast(&ws.cv);
	}
	pthread_mutex_unlock(&ws.m);
	q->commit_no = 0;
	return rc;
}

/* Waits for this connection's turn to write (no-op if it has it). */
static void
sq_queue_enter(struct sq *q)
{
	uint64_t ticket;

	if (q->queued) {
		return;
	}
	pthread_mutex_lock(&wq.m);
	ticket = wq.next++;
	while (wq.serving != ticket) {
		pthread_cond_wait(&wq.cv, &wq.m);
	}
	pthread_mutex_unlock(&wq.m);
	q->queued = true;
}

/*
 * Checkpoints. SQLite's own runs inside the COMMIT that takes the WAL past
 * 1000 pages, which here is inside the writer's turn: every writer behind
 * it waited while 1000 pages were copied and synced, one creation in 40,
 * and that writer's own answer waited too. This hook (which replaces
 * SQLite's) only wakes a thread of the process's own, with a connection of
 * its own, that checkpoints while the others write: a PASSIVE checkpoint
 * waits for nobody and blocks nobody.
 */
#define SQ_CHECKPOINT_PAGES 1000

static struct {
	pthread_mutex_t m;
	pthread_cond_t cv;
	bool started;
	bool due;
	char *path;  /* its database file (the first that needed one) */
	sqlite3 *db; /* the checkpointer's connection, for the process */
} ck = { PTHREAD_MUTEX_INITIALIZER, PTHREAD_COND_INITIALIZER, false, false,
	NULL, NULL };

static void *
sq_checkpointer(void *arg)
{
	int rc;

	(void)arg;
	for (;;) {
		pthread_mutex_lock(&ck.m);
		while (!ck.due) {
			pthread_cond_wait(&ck.cv, &ck.m);
		}
		ck.due = false;
		pthread_mutex_unlock(&ck.m);
		rc = sqlite3_wal_checkpoint_v2(ck.db, NULL,
		    SQLITE_CHECKPOINT_PASSIVE, NULL, NULL);
		if (rc != SQLITE_OK && rc != SQLITE_BUSY) {
			log_err("store: checkpoint: %s", sqlite3_errmsg(ck.db));
		}
	}
	return NULL;
}

/* Starts the checkpointer on db's file; false if it cannot run. */
static bool
sq_checkpointer_start(sqlite3 *db)
{
	const char *path = sqlite3_db_filename(db, "main");
	pthread_attr_t attr;
	pthread_t t;
	bool ok;

	if (path == NULL || path[0] == '\0' ||
	    sqlite3_open_v2(path, &ck.db,
		SQLITE_OPEN_READWRITE | SQLITE_OPEN_NOMUTEX,
		NULL) != SQLITE_OK) {
		sqlite3_close(ck.db);
		ck.db = NULL;
		return false;
	}
	sqlite3_busy_timeout(ck.db, 5000);
	ck.path = xstrdup(path);
	pthread_attr_init(&attr);
	pthread_attr_setdetachstate(&attr, PTHREAD_CREATE_DETACHED);
	ok = pthread_create(&t, &attr, sq_checkpointer, NULL) == 0;
	pthread_attr_destroy(&attr);
	if (!ok) {
		sqlite3_close(ck.db);
		ck.db = NULL;
		free(ck.path);
		ck.path = NULL;
	}
	return ok;
}

static int
sq_wal_hook(void *arg, sqlite3 *db, const char *name, int pages)
{
	(void)arg;
	(void)name;
	if (pages < SQ_CHECKPOINT_PAGES) {
		return SQLITE_OK;
	}
	pthread_mutex_lock(&ck.m);
	if (!ck.started && sq_checkpointer_start(db)) {
		ck.started = true;
	}
	if (!ck.started || ck.path == NULL ||
	    strcmp(ck.path, sqlite3_db_filename(db, "main")) != 0) {
		/* No thread for this file (tests open many): as SQLite would.
		 */
		pthread_mutex_unlock(&ck.m);
		(void)sqlite3_wal_checkpoint_v2(db, NULL,
		    SQLITE_CHECKPOINT_PASSIVE, NULL, NULL);
		return SQLITE_OK;
	}
	ck.due = true;
	pthread_cond_signal(&ck.cv);
	pthread_mutex_unlock(&ck.m);
	return SQLITE_OK;
}

/* Hands the turn to the next writer (no-op if this one has none). */
static void
sq_queue_leave(struct sq *q)
{
	if (!q->queued) {
		return;
	}
	q->queued = false;
	q->queued_auto = false;
	pthread_mutex_lock(&wq.m);
	wq.serving++;
	pthread_cond_broadcast(&wq.cv);
	pthread_mutex_unlock(&wq.m);
}

struct sq *
sq_of(struct store *s)
{
	return (struct sq *)s;
}

int
store_sqlite_open(const char *path, struct store **out, char *err,
    size_t errlen)
{
	struct sq *q;
	int rc;

	*out = NULL;
	q = xcalloc(1, sizeof(*q));
	q->base.ops = &sqlite_ops;
	rc = sqlite3_open_v2(path, &q->db,
	    SQLITE_OPEN_READWRITE | SQLITE_OPEN_CREATE | SQLITE_OPEN_NOMUTEX,
	    NULL);
	if (rc != SQLITE_OK) {
		snprintf(err, errlen, "Kan inte öppna databasen %s: %s", path,
		    q->db ? sqlite3_errmsg(q->db) : sqlite3_errstr(rc));
		goto fail;
	}
	sqlite3_extended_result_codes(q->db, 1);
	sqlite3_busy_timeout(q->db, 5000);
	sqlite3_wal_hook(q->db, sq_wal_hook, NULL);
	rc = sqlite3_exec(q->db, pragmas, NULL, NULL, NULL);
	if (rc != SQLITE_OK) {
		snprintf(err, errlen, "Kan inte öppna databasen %s: %s", path,
		    sqlite3_errmsg(q->db));
		goto fail;
	}
	*out = &q->base;
	return B_OK;
fail:
	sqlite3_close(q->db);
	free(q);
	return B_INTERNAL;
}

static void
sq_close(struct store *s)
{
	struct sq *q = sq_of(s);

	sq_queue_leave(q);
	for (int i = 0; i < SQ__COUNT; i++) {
		sqlite3_finalize(q->st[i]);
	}
	if (sqlite3_close(q->db) != SQLITE_OK) {
		log_err("store: close: %s", sqlite3_errmsg(q->db));
	}
	free(q);
}

/* ---- statements, binding, columns, errors ---------------------------- */

static void sq_read_close(struct sq *);

sqlite3_stmt *
sq_prep(struct sq *q, enum sq_id id, const char *sql)
{
	int rc;

	if (q->st[id] == NULL) {
		rc = sqlite3_prepare_v3(q->db, sql, -1,
		    SQLITE_PREPARE_PERSISTENT, &q->st[id], NULL);
		if (rc != SQLITE_OK) {
			log_err("store: prepare %d: %s", (int)id,
			    sqlite3_errmsg(q->db));
			q->st[id] = NULL;
			return NULL;
		}
	}
	/*
	 * Every statement passes here just before it runs: a write ends the
	 * read snapshot first, since upgrading a deferred read transaction
	 * fails (SQLITE_BUSY_SNAPSHOT) once another connection has written.
	 */
	if (!sqlite3_stmt_readonly(q->st[id])) {
		if (q->reading) {
			sq_read_close(q);
		}
		/* A write outside a transaction waits its turn too. */
		if (!q->queued && sqlite3_get_autocommit(q->db)) {
			sq_queue_enter(q);
			q->queued_auto = true;
		}
	}
	return q->st[id];
}

void
sq_done(struct sq *q, sqlite3_stmt *st)
{
	if (st != NULL) {
		sqlite3_reset(st);
		sqlite3_clear_bindings(st);
	}
	/* The end of a write outside a transaction: the next one's turn. */
	if (q->queued_auto && sqlite3_get_autocommit(q->db)) {
		sq_written(q);
		sq_queue_leave(q);
		(void)sq_durable(q);
	}
}

int
sq_err(struct sq *q, int rc, const char *what)
{
	switch (rc) {
	case SQLITE_OK:
	case SQLITE_DONE:
	case SQLITE_ROW:
		return B_OK;
	case SQLITE_CONSTRAINT_UNIQUE:
	case SQLITE_CONSTRAINT_PRIMARYKEY:
		return B_CONFLICT;
	case SQLITE_CONSTRAINT_FOREIGNKEY:
		return B_NOTFOUND;
	case SQLITE_CONSTRAINT_CHECK:
	case SQLITE_CONSTRAINT_NOTNULL:
		return B_INVALID;
	case SQLITE_CONSTRAINT_TRIGGER:
		/* R1, append-only audit, fixed kind: refusals by rule. */
		return B_CONFLICT;
	default:
		break;
	}
	switch (rc & 0xff) {
	case SQLITE_FULL:
	case SQLITE_BUSY:
	case SQLITE_LOCKED:
	case SQLITE_IOERR:
	case SQLITE_READONLY:
	case SQLITE_CANTOPEN:
	case SQLITE_NOMEM:
		/* The write did not happen and may work later: 503. */
		log_err("store: %s: %s (%d)", what, sqlite3_errmsg(q->db), rc);
		return B_UNAVAILABLE;
	default:
		/* The message names tables/columns, never values. */
		log_err("store: %s: %s (%d)", what, sqlite3_errmsg(q->db), rc);
		return B_INTERNAL;
	}
}

int
sq_run(struct sq *q, sqlite3_stmt *st, const char *what)
{
	if (st == NULL) {
		return B_INTERNAL;
	}
	return sq_step_end(q, st, sqlite3_step(st), what);
}

int
sq_step_end(struct sq *q, sqlite3_stmt *st, int rc, const char *what)
{
	rc = sq_err(q, rc, what);
	sq_done(q, st);
	return rc;
}

int
sq_one_end(struct sq *q, sqlite3_stmt *st, int rc, const char *what)
{
	if (rc == SQLITE_DONE) {
		sq_done(q, st);
		return B_NOTFOUND;
	}
	return sq_step_end(q, st, rc, what);
}

int
sq_counts(struct sq *q, sqlite3_stmt *st, const char *what, int64_t *a,
    int64_t *b)
{
	int rc;

	*a = 0;
	if (b != NULL) {
		*b = 0;
	}
	if (st == NULL) {
		return B_INTERNAL;
	}
	rc = sqlite3_step(st);
	if (rc == SQLITE_ROW) {
		*a = sq_col_i64(st, 0);
		if (b != NULL) {
			*b = sq_col_i64(st, 1);
		}
	}
	return sq_step_end(q, st, rc, what);
}

void *
sq_list_end(int rc, void *v, size_t *n)
{
	if (rc != B_OK) {
		free(v);
		v = NULL;
		*n = 0;
	}
	return v;
}

int
sq_insert_id(struct sq *q, sqlite3_stmt *st, int64_t *id, const char *what)
{
	int rc;

	if (st == NULL) {
		return B_INTERNAL;
	}
	rc = sqlite3_step(st);
	if (rc == SQLITE_ROW) {
		*id = sqlite3_column_int64(st, 0);
		rc = SQLITE_DONE;
	}
	rc = sq_err(q, rc, what);
	sq_done(q, st);
	return rc;
}

void
sq_bind_text(sqlite3_stmt *st, int i, const char *v)
{
	if (v == NULL || v[0] == '\0') {
		sqlite3_bind_null(st, i);
	} else {
		sqlite3_bind_text(st, i, v, -1, SQLITE_STATIC);
	}
}

void
sq_bind_str(sqlite3_stmt *st, int i, const char *v)
{
	sqlite3_bind_text(st, i, v ? v : "", -1, SQLITE_STATIC);
}

void
sq_bind_id(sqlite3_stmt *st, int i, int64_t v)
{
	if (v == 0) {
		sqlite3_bind_null(st, i);
	} else {
		sqlite3_bind_int64(st, i, v);
	}
}

void
sq_bind_i64(sqlite3_stmt *st, int i, int64_t v)
{
	sqlite3_bind_int64(st, i, v);
}

void
sq_col_str(sqlite3_stmt *st, int i, char *dst, size_t size)
{
	text_copy(dst, size, (const char *)sqlite3_column_text(st, i));
}

int64_t
sq_col_i64(sqlite3_stmt *st, int i)
{
	return sqlite3_column_int64(st, i);
}

void
sq_now(const struct sq *q, char out[TS_LEN])
{
	ts_format(q->base.now != 0 ? q->base.now : time_now(), out);
}

void *
sq_grow(void *p, size_t *cap, size_t n, size_t size)
{
	if (n + 1 > *cap) {
		*cap = *cap ? *cap * 2 : 16;
		p = xrealloc(p, *cap * size);
	}
	return p;
}

enum party_kind
sq_party_kind(const char *code)
{
	enum party_kind k = PK_FK;

	if (code != NULL) {
		(void)party_kind_from_code(code, &k);
	}
	return k;
}

/* ---- transactions ---------------------------------------------------- */

static int
sq_simple(struct sq *q, enum sq_id id, const char *sql)
{
	return sq_run(q, sq_prep(q, id, sql), sql);
}

/*
 * store_read_begin: a deferred BEGIN, so the reads up to store_read_end
 * share one read transaction and take the WAL read lock once (two fcntl
 * calls per statement otherwise). Only when no transaction is open.
 */
static int
sq_read_begin(struct store *s)
{
	struct sq *q = sq_of(s);
	int rc;

	if (q->reading || sqlite3_get_autocommit(q->db) == 0) {
		return B_OK;
	}
	rc = sq_simple(q, SQ_BEGIN_READ, "BEGIN DEFERRED");
	q->reading = rc == B_OK;
	return rc;
}

/* Ends the snapshot of sq_read_begin, if one is open. */
static void
sq_read_close(struct sq *q)
{
	if (!q->reading) {
		return;
	}
	q->reading = false;
	if (sqlite3_get_autocommit(q->db) == 0 &&
	    sq_simple(q, SQ_COMMIT, "COMMIT") != B_OK) {
		(void)sq_simple(q, SQ_ROLLBACK, "ROLLBACK");
	}
}

/*
 * The end of a request. A transaction still open here was left by a
 * caller that failed half way: it would keep the write lock from every
 * other connection until this one's next request, so it is rolled back.
 */
static void
sq_read_end(struct store *s)
{
	struct sq *q = sq_of(s);

	sq_read_close(q);
	if (sqlite3_get_autocommit(q->db) == 0) {
		log_err("store: a transaction was left open; rolled back");
		(void)sq_simple(q, SQ_ROLLBACK, "ROLLBACK");
	}
	q->depth = 0;
	sq_queue_leave(q);
}

int
sq_tx_begin(struct sq *q, bool *outer)
{
	int rc;

	sq_read_close(q);
	*outer = sqlite3_get_autocommit(q->db) != 0;
	if (*outer) {
		/* Its turn first: BEGIN IMMEDIATE takes SQLite's lock. */
		sq_queue_enter(q);
		rc = sq_simple(q, SQ_BEGIN, "BEGIN IMMEDIATE");
		if (rc != B_OK) {
			sq_queue_leave(q);
		}
		return rc;
	}
	return sq_simple(q, SQ_SAVEPOINT, "SAVEPOINT sq");
}

int
sq_tx_end(struct sq *q, bool outer, int rc)
{
	int crc;

	if (rc == B_OK && outer) {
		/* The follow-up's facts follow every write (migration 007). */
		rc = sq_facts_refresh(q);
	}
	if (rc == B_OK) {
		crc = outer ? sq_simple(q, SQ_COMMIT, "COMMIT")
			    : sq_simple(q, SQ_RELEASE, "RELEASE sq");
		if (crc == B_OK && outer) {
			sq_written(q);
			sq_queue_leave(q);
			return sq_durable(q);
		}
		if (crc == B_OK) {
			return B_OK;
		}
		/* A full disk at COMMIT is B_UNAVAILABLE, not B_INTERNAL. */
		rc = crc;
	}
	if (outer) {
		/* A failed COMMIT (a full disk) may have rolled back already.
		 */
		if (!sqlite3_get_autocommit(q->db)) {
			(void)sq_simple(q, SQ_ROLLBACK, "ROLLBACK");
		}
		sq_queue_leave(q);
	} else {
		(void)sq_simple(q, SQ_ROLLBACK_TO, "ROLLBACK TO sq");
		(void)sq_simple(q, SQ_RELEASE, "RELEASE sq");
	}
	return rc;
}

/*
 * store_begin inside a transaction (an operation that is atomic on its
 * own, run by `bered demo` inside its one transaction) opens a savepoint,
 * so the inner commit or rollback concerns only the inner work.
 */
static int
sq_begin(struct store *s)
{
	struct sq *q = sq_of(s);
	bool outer;
	int rc;

	if (q->depth >= 64) {
		return B_INTERNAL;
	}
	if ((rc = sq_tx_begin(q, &outer)) != B_OK) {
		return rc;
	}
	if (outer) {
		q->nested &= ~((uint64_t)1 << q->depth);
	} else {
		q->nested |= (uint64_t)1 << q->depth;
	}
	q->depth++;
	return B_OK;
}

/* The level being closed: true if it is a savepoint. */
static bool
sq_pop(struct sq *q)
{
	if (q->depth == 0) {
		return false;
	}
	q->depth--;
	return (q->nested >> q->depth & 1) != 0;
}

static int
sq_commit(struct store *s)
{
	struct sq *q = sq_of(s);

	return sq_tx_end(q, !sq_pop(q), B_OK);
}

static int
sq_rollback(struct store *s)
{
	struct sq *q = sq_of(s);

	(void)sq_tx_end(q, !sq_pop(q), B_CONFLICT);
	return B_OK;
}

/* ---- audit ------------------------------------------------------------- */

int
sq_audit(struct sq *q, int64_t actor, const struct sq_audit *a)
{
	sqlite3_stmt *st;
	char now[TS_LEN];

	st = sq_prep(q, SQ_AUDIT,
	    "INSERT INTO audit (at, user_id, entity, entity_id, field, "
	    "old_value, new_value, from_state, to_state, comment) "
	    "VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)");
	if (st == NULL) {
		return B_INTERNAL;
	}
	sq_now(q, now);
	sq_bind_str(st, 1, now);
	sq_bind_id(st, 2, actor);
	sq_bind_str(st, 3, a->entity);
	sq_bind_i64(st, 4, a->entity_id);
	sq_bind_text(st, 5, a->field);
	sq_bind_text(st, 6, a->old_value);
	sq_bind_text(st, 7, a->new_value);
	sq_bind_text(st, 8, a->from_state);
	sq_bind_text(st, 9, a->to_state);
	sq_bind_text(st, 10, a->comment);
	return sq_run(q, st, "audit");
}

/* ---- migrations -------------------------------------------------------- */

/* The applied version (0 = none); the table must exist. */
static int
sq_read_version(struct sq *q, int *v)
{
	sqlite3_stmt *st;
	int rc;

	st = sq_prep(q, SQ_VERSION,
	    "SELECT COALESCE(MAX(version), 0) FROM schema_version");
	if (st == NULL) {
		return B_INTERNAL;
	}
	rc = sqlite3_step(st);
	*v = rc == SQLITE_ROW ? sqlite3_column_int(st, 0) : 0;
	return sq_step_end(q, st, rc, "schema version");
}

/* Applies migration m inside the transaction the caller holds. */
static int
sq_apply(struct sq *q, const struct migration *m, char *err, size_t errlen)
{
	sqlite3_stmt *st = NULL;
	char now[TS_LEN];
	int rc;

	if (sqlite3_exec(q->db, m->sql, NULL, NULL, NULL) != SQLITE_OK) {
		snprintf(err, errlen, "Migrering %d misslyckades: %s",
		    m->version, sqlite3_errmsg(q->db));
		return B_INTERNAL;
	}
	rc = sqlite3_prepare_v2(q->db,
	    "INSERT INTO schema_version "
	    "(version, applied_at) VALUES (?, ?)",
	    -1, &st, NULL);
	if (rc == SQLITE_OK) {
		sq_now(q, now);
		sqlite3_bind_int(st, 1, m->version);
		sq_bind_str(st, 2, now);
		rc = sqlite3_step(st);
	}
	sqlite3_finalize(st);
	if (rc != SQLITE_DONE) {
		snprintf(err, errlen, "Migrering %d misslyckades: %s",
		    m->version, sqlite3_errmsg(q->db));
		return B_INTERNAL;
	}
	return B_OK;
}

/*
 * One step: in a write transaction (so concurrent migrators serialize),
 * read the version and apply the next migration. *more = false when the
 * database is current.
 */
static int
sq_migrate_step(struct sq *q, bool *more, char *err, size_t errlen)
{
	int rc, v = 0, newest = migrations[NMIGRATIONS - 1].version;

	*more = false;
	if (sq_simple(q, SQ_BEGIN, "BEGIN IMMEDIATE") != B_OK) {
		snprintf(err, errlen,
		    "Databasen är låst eller kan inte "
		    "skrivas: %s",
		    sqlite3_errmsg(q->db));
		return B_INTERNAL;
	}
	rc = sq_read_version(q, &v);
	if (rc != B_OK) {
		snprintf(err, errlen, "Kan inte läsa schemaversionen.");
	} else if (v > newest) {
		snprintf(err, errlen,
		    "Databasen har schemaversion %d men "
		    "denna bered känner bara till %d; uppgradera bered.",
		    v, newest);
		rc = B_CONFLICT;
	} else {
		for (int i = 0; i < NMIGRATIONS; i++) {
			if (migrations[i].version > v) {
				rc = sq_apply(q, &migrations[i], err, errlen);
				*more = rc == B_OK;
				break;
			}
		}
	}
	if (rc == B_OK) {
		rc = sq_simple(q, SQ_COMMIT, "COMMIT");
		sq_written(q);
		rc = rc == B_OK ? sq_durable(q) : rc;
	} else {
		(void)sq_simple(q, SQ_ROLLBACK, "ROLLBACK");
	}
	return rc;
}

/*
 * The online backup: pages are copied a batch at a time; a writer that
 * commits meanwhile makes SQLite start over, so the copy is always one
 * consistent state. The copy is then checked (quick_check) before it is
 * kept; a failed copy is removed.
 */
static int
sq_backup(struct store *s, const char *path, char *err, size_t errlen)
{
	struct sq *q = sq_of(s);
	sqlite3 *dst = NULL;
	sqlite3_backup *b;
	sqlite3_stmt *st;
	int rc = SQLITE_OK;
	bool ok = false;

	err[0] = '\0';
	if (access(path, F_OK) == 0) {
		snprintf(err, errlen, "%s finns redan; välj en ny fil.", path);
		return B_CONFLICT;
	}
	if (sqlite3_open_v2(path, &dst,
		SQLITE_OPEN_READWRITE | SQLITE_OPEN_CREATE,
		NULL) != SQLITE_OK) {
		snprintf(err, errlen, "Kan inte skapa %s: %s", path,
		    dst != NULL ? sqlite3_errmsg(dst) : "slut på minne");
		goto out;
	}
	b = sqlite3_backup_init(dst, "main", q->db, "main");
	if (b == NULL) {
		snprintf(err, errlen, "Säkerhetskopian kunde inte börja: %s",
		    sqlite3_errmsg(dst));
		goto out;
	}
	do {
		rc = sqlite3_backup_step(b, 1024);
		if (rc == SQLITE_BUSY || rc == SQLITE_LOCKED) {
			sqlite3_sleep(10);
		}
	} while (rc == SQLITE_OK || rc == SQLITE_BUSY || rc == SQLITE_LOCKED);
	(void)sqlite3_backup_finish(b);
	if (rc != SQLITE_DONE) {
		snprintf(err, errlen, "Säkerhetskopian avbröts: %s",
		    sqlite3_errstr(rc));
		goto out;
	}
	if (sqlite3_prepare_v2(dst, "PRAGMA quick_check", -1, &st, NULL) ==
	    SQLITE_OK) {
		ok = sqlite3_step(st) == SQLITE_ROW &&
		    strcmp((const char *)sqlite3_column_text(st, 0), "ok") == 0;
		sqlite3_finalize(st);
	}
	if (!ok) {
		snprintf(err, errlen, "Kopian i %s klarade inte kontrollen.",
		    path);
	}
out:
	if (dst != NULL && sqlite3_close(dst) != SQLITE_OK) {
		ok = false;
	}
	if (!ok) {
		(void)unlink(path);
		if (err[0] == '\0') {
			snprintf(err, errlen, "Säkerhetskopian misslyckades.");
		}
		return B_INTERNAL;
	}
	return B_OK;
}

static int
sq_migrate(struct store *s, char *err, size_t errlen)
{
	struct sq *q = sq_of(s);
	bool more = true;
	int rc = B_OK;

	if (sqlite3_exec(q->db,
		"CREATE TABLE IF NOT EXISTS schema_version ("
		"version INTEGER PRIMARY KEY, applied_at TEXT NOT NULL)",
		NULL, NULL, NULL) != SQLITE_OK) {
		snprintf(err, errlen, "Kan inte skapa schema_version: %s",
		    sqlite3_errmsg(q->db));
		return B_INTERNAL;
	}
	while (more && rc == B_OK) {
		rc = sq_migrate_step(q, &more, err, errlen);
	}
	if (rc == B_OK) {
		/* Facts a migration marked dirty are computed now, once, not
		 * by the first follow-up (sq_tx_end refreshes them). */
		bool outer;

		if ((rc = sq_tx_begin(q, &outer)) == B_OK) {
			rc = sq_tx_end(q, outer, sq_budget_frames_fill(q));
		}
		if (rc != B_OK) {
			snprintf(err, errlen,
			    "Uppföljningens underlag kunde inte "
			    "beräknas: %s",
			    sqlite3_errmsg(q->db));
		}
	}
	return rc;
}

static int
sq_schema_version(struct store *s, int *db_version, int *binary_version)
{
	struct sq *q = sq_of(s);
	sqlite3_stmt *st = NULL;
	bool exists = false;

	*binary_version = migrations[NMIGRATIONS - 1].version;
	*db_version = 0;
	if (sqlite3_prepare_v2(q->db,
		"SELECT 1 FROM sqlite_master WHERE "
		"type = 'table' AND name = 'schema_version'",
		-1, &st, NULL) != SQLITE_OK) {
		return sq_err(q, sqlite3_errcode(q->db), "schema version");
	}
	exists = sqlite3_step(st) == SQLITE_ROW;
	sqlite3_finalize(st);
	return exists ? sq_read_version(q, db_version) : B_OK;
}

static const struct store_ops sqlite_ops = {
	.name = "sqlite",
	.close = sq_close,
	.migrate = sq_migrate,
	.backup = sq_backup,
	.schema_version = sq_schema_version,
	.begin = sq_begin,
	.commit = sq_commit,
	.rollback = sq_rollback,
	.read_begin = sq_read_begin,
	.read_end = sq_read_end,
	.forbund_create = sq_forbund_create,
	.forbund_get = sq_forbund_get,
	.forbund_name = sq_forbund_name,
	.forbund_list = sq_forbund_list,
	.party_get = sq_party_get,
	.user_create = sq_user_create,
	.user_get = sq_user_get,
	.user_by_email = sq_user_by_email,
	.user_set_pwhash = sq_user_set_pwhash,
	.user_list = sq_user_list,
	.session_create = sq_session_create,
	.session_get = sq_session_get,
	.session_touch = sq_session_touch,
	.session_delete = sq_session_delete,
	.session_purge = sq_session_purge,
	.user_page = sq_user_page,
	.user_update = sq_user_update,
	.user_set_password = sq_user_set_password,
	.user_set_notify = sq_user_set_notify,
	.audit_list = sq_audit_list,
	.notice_add = sq_notice_add,
	.notice_waiting = sq_notice_waiting,
	.mail_queue = sq_mail_queue,
	.notice_skip = sq_notice_skip,
	.mail_due = sq_mail_due,
	.mail_sent = sq_mail_sent,
	.mail_failed = sq_mail_failed,
	.mail_wake = sq_mail_wake,
	.mail_list = sq_mail_list,
	.cases_still = sq_cases_still,
	.cases_call_closing = sq_cases_call_closing,
	.call_update = sq_call_update,
	.feed_set = sq_feed_set,
	.feed_user = sq_feed_user,
	.throttle_take = sq_throttle_take,
	.throttle_release = sq_throttle_release,
	.throttle_clear = sq_throttle_clear,
	.token_create = sq_token_create,
	.token_user = sq_token_user,
	.token_list = sq_token_list,
	.token_revoke = sq_token_revoke,
	.need_create = sq_need_create,
	.need_get = sq_need_get,
	.need_list = sq_need_list,
	.call_create = sq_call_create,
	.call_get = sq_call_get,
	.call_list = sq_call_list,
	.case_create = sq_case_create,
	.case_get = sq_case_get,
	.case_list = sq_case_list,
	.case_count = sq_case_count,
	.case_updated = sq_case_updated,
	.document_add = sq_document_add,
	.group_create = sq_group_create,
	.group_get = sq_group_get,
	.group_list = sq_group_list,
	.group_save = sq_group_save,
	.group_item_add = sq_group_item_add,
	.search = sq_search,
	.document_get = sq_document_get,
	.document_list = sq_document_list,
	.document_chunk = sq_document_chunk,
	.case_save = sq_case_save,
	.case_history = sq_case_history,
	.followup_rows = sq_followup_rows,
	.case_comment = sq_case_comment,
	.followup_days = sq_followup_days,
	.member_kommuner = sq_member_kommuner,
	.forbund_lans = sq_forbund_lans,
	.followup_names = sq_followup_names,
	.followup_quarters = sq_followup_quarters,
	.followup_frames = sq_followup_frames,
	.meeting_create = sq_meeting_create,
	.meeting_get = sq_meeting_get,
	.meeting_list = sq_meeting_list,
	.meeting_update = sq_meeting_update,
	.agenda_add = sq_agenda_add,
	.agenda_remove = sq_agenda_remove,
	.agenda_up = sq_agenda_up,
	.agenda_decide = sq_agenda_decide,
	.budget_get = sq_budget_get,
	.budget_put = sq_budget_put,
	.granted_sum = sq_granted_sum,
	.participants_put = sq_participants_put,
	.participants_list = sq_participants_list,
};
