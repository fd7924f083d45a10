/*
 * sqlite.c - the SQLite driver (db.h) under the SQL store: opening a
 * database file with the pragmas Bered relies on, statements, errors
 * mapped to enum berr, and what makes writes hold under load: writers of
 * the process take turns (a queue, not the busy handler), commits share
 * their WAL syncs (group commit), checkpoints run on a thread of their
 * own; and the online backup. The migrations in SQLite's dialect are
 * src/store/schema/.
 */
#include <pthread.h>
#include <sqlite3.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "store/sql/sql.h"
#include "util/log.h"
#include "util/xmalloc.h"

/* The migrations, oldest first; version N is applied once, in order. */
static const struct db_migration migrations[] = {
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

/*
 * Pragmas: WAL for concurrent readers, FKs. synchronous = NORMAL: a
 * commit writes the WAL without syncing it; sl_durable syncs it before
 * the write is reported done, once for every commit written meanwhile
 * (group commit), so nothing reported saved is lost on a power cut.
 */
static const char pragmas[] = "PRAGMA journal_mode = WAL;"
			      "PRAGMA foreign_keys = ON;"
			      "PRAGMA synchronous = NORMAL;"
			      "PRAGMA mmap_size = 67108864;"
			      "PRAGMA temp_store = MEMORY;";

struct sl_db {
	struct db base; /* first */
	sqlite3 *h;
	sqlite3_stmt *begin, *begin_read, *commit, *rollback;
	bool reading;       /* a read snapshot is open (read_begin) */
	bool queued;        /* this connection has its turn to write (wq) */
	bool queued_auto;   /* ... for one statement outside a transaction */
	uint64_t commit_no; /* its last commit not yet known synced (ws) */
};

struct sl_st {
	struct dbst base; /* first */
	sqlite3_stmt *s;
};

static struct sl_db *
sl_of(struct db *db)
{
	return (struct sl_db *)db;
}

static sqlite3_stmt *
sl_s(struct dbst *st)
{
	return ((struct sl_st *)st)->s;
}

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
sl_written(struct sl_db *d)
{
	pthread_mutex_lock(&ws.m);
	d->commit_no = ++ws.written;
	pthread_mutex_unlock(&ws.m);
}

/* Syncs the WAL file through d's handle on it (fdatasync). */
static int
sl_sync_wal(struct sl_db *d)
{
	sqlite3_file *f = NULL;

	if (sqlite3_file_control(d->h, "main", SQLITE_FCNTL_JOURNAL_POINTER,
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
 * Returns when d's last commit is on disk: B_OK, or B_UNAVAILABLE when
 * the sync failed (the write may be lost; it is not reported saved).
 */
static int
sl_durable(struct sl_db *d)
{
	uint64_t target;
	int rc = B_OK;

	if (d->commit_no == 0) {
		return B_OK;
	}
	pthread_mutex_lock(&ws.m);
	while (ws.synced < d->commit_no && rc == B_OK) {
		if (ws.syncing) {
			pthread_cond_wait(&ws.cv, &ws.m);
			continue;
		}
		ws.syncing = true;
		target = ws.written;
		pthread_mutex_unlock(&ws.m);
		rc = sl_sync_wal(d);
		pthread_mutex_lock(&ws.m);
		ws.syncing = false;
		if (rc == B_OK && target > ws.synced) {
			ws.synced = target;
		}
		pthread_cond_broadcast(&ws.cv);
	}
	pthread_mutex_unlock(&ws.m);
	d->commit_no = 0;
	return rc;
}

/* Waits for this connection's turn to write (no-op if it has it). */
static void
sl_queue_enter(struct sl_db *d)
{
	uint64_t ticket;

	if (d->queued) {
		return;
	}
	pthread_mutex_lock(&wq.m);
	ticket = wq.next++;
	while (wq.serving != ticket) {
		pthread_cond_wait(&wq.cv, &wq.m);
	}
	pthread_mutex_unlock(&wq.m);
	d->queued = true;
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
#define SL_CHECKPOINT_PAGES 1000

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
sl_checkpointer(void *arg)
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
sl_checkpointer_start(sqlite3 *db)
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
	ok = pthread_create(&t, &attr, sl_checkpointer, NULL) == 0;
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
sl_wal_hook(void *arg, sqlite3 *db, const char *name, int pages)
{
	(void)arg;
	(void)name;
	if (pages < SL_CHECKPOINT_PAGES) {
		return SQLITE_OK;
	}
	pthread_mutex_lock(&ck.m);
	if (!ck.started && sl_checkpointer_start(db)) {
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
sl_queue_leave(struct sl_db *d)
{
	if (!d->queued) {
		return;
	}
	d->queued = false;
	d->queued_auto = false;
	pthread_mutex_lock(&wq.m);
	wq.serving++;
	pthread_cond_broadcast(&wq.cv);
	pthread_mutex_unlock(&wq.m);
}

/* ---- results ------------------------------------------------------------ */

/* A SQLite result code as DB_ROW, DB_DONE or enum berr. */
static int
sl_result(int rc)
{
	switch (rc) {
	case SQLITE_OK:
	case SQLITE_DONE:
		return DB_DONE;
	case SQLITE_ROW:
		return DB_ROW;
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
		return B_UNAVAILABLE;
	default:
		return B_INTERNAL;
	}
}

/* Runs one of the connection's own statements (BEGIN, COMMIT, ...). */
static int
sl_run(struct sl_db *d, sqlite3_stmt **st, const char *sql)
{
	int rc;

	if (*st == NULL &&
	    sqlite3_prepare_v3(d->h, sql, -1, SQLITE_PREPARE_PERSISTENT, st,
		NULL) != SQLITE_OK) {
		*st = NULL;
		return B_INTERNAL;
	}
	rc = sl_result(sqlite3_step(*st));
	sqlite3_reset(*st);
	return rc == DB_DONE ? B_OK : rc;
}

/* ---- statements ---------------------------------------------------------- */

static struct dbst *
sl_prepare(struct db *db, const char *sql)
{
	struct sl_db *d = sl_of(db);
	struct sl_st *st = xcalloc(1, sizeof(*st));

	st->base.db = db;
	if (sqlite3_prepare_v3(d->h, sql, -1, SQLITE_PREPARE_PERSISTENT, &st->s,
		NULL) != SQLITE_OK) {
		free(st);
		return NULL;
	}
	return &st->base;
}

static void
sl_finalize(struct dbst *st)
{
	sqlite3_finalize(sl_s(st));
	free(st);
}

static void sl_read_close(struct db *db);

/*
 * Every statement passes here just before it runs: a write ends the read
 * snapshot first, since upgrading a deferred read transaction fails
 * (SQLITE_BUSY_SNAPSHOT) once another connection has written; and a write
 * outside a transaction waits its turn too.
 */
static void
sl_use(struct db *db, struct dbst *st)
{
	struct sl_db *d = sl_of(db);

	if (sqlite3_stmt_readonly(sl_s(st))) {
		return;
	}
	if (d->reading) {
		sl_read_close(db);
	}
	if (!d->queued && sqlite3_get_autocommit(d->h)) {
		sl_queue_enter(d);
		d->queued_auto = true;
	}
}

static void
sl_done(struct db *db, struct dbst *st)
{
	struct sl_db *d = sl_of(db);

	if (st != NULL) {
		sqlite3_reset(sl_s(st));
		sqlite3_clear_bindings(sl_s(st));
	}
	/* The end of a write outside a transaction: the next one's turn. */
	if (d->queued_auto && sqlite3_get_autocommit(d->h)) {
		sl_written(d);
		sl_queue_leave(d);
		(void)sl_durable(d);
	}
}

static int
sl_step(struct dbst *st)
{
	return sl_result(sqlite3_step(sl_s(st)));
}

static void
sl_bind_null(struct dbst *st, int i)
{
	sqlite3_bind_null(sl_s(st), i);
}

static void
sl_bind_i64(struct dbst *st, int i, int64_t v)
{
	sqlite3_bind_int64(sl_s(st), i, v);
}

static void
sl_bind_text(struct dbst *st, int i, const char *v)
{
	sqlite3_bind_text(sl_s(st), i, v, -1, SQLITE_STATIC);
}

static void
sl_bind_blob(struct dbst *st, int i, const void *p, size_t n)
{
	sqlite3_bind_blob64(sl_s(st), i, p, n, SQLITE_STATIC);
}

static int
sl_param_index(struct dbst *st, const char *name)
{
	return sqlite3_bind_parameter_index(sl_s(st), name);
}

static int
sl_param_count(struct dbst *st)
{
	return sqlite3_bind_parameter_count(sl_s(st));
}

static bool
sl_col_null(struct dbst *st, int i)
{
	return sqlite3_column_type(sl_s(st), i) == SQLITE_NULL;
}

static int64_t
sl_col_i64(struct dbst *st, int i)
{
	return sqlite3_column_int64(sl_s(st), i);
}

static const char *
sl_col_text(struct dbst *st, int i)
{
	return (const char *)sqlite3_column_text(sl_s(st), i);
}

static const void *
sl_col_blob(struct dbst *st, int i, size_t *n)
{
	const void *p = sqlite3_column_blob(sl_s(st), i);
	int len = sqlite3_column_bytes(sl_s(st), i);

	*n = len > 0 ? (size_t)len : 0;
	return p;
}

static enum db_kind
sl_col_kind(struct dbst *st, int i)
{
	switch (sqlite3_column_type(sl_s(st), i)) {
	case SQLITE_NULL:
		return DB_KIND_NULL;
	case SQLITE_INTEGER:
		return DB_KIND_INT;
	case SQLITE_BLOB:
		return DB_KIND_BLOB;
	default:
		return DB_KIND_TEXT; /* text; no column holds a float */
	}
}

/* INTEGER PRIMARY KEY continues after the largest id by itself. */
static int
sl_ids_continue(struct db *db, const char *table)
{
	(void)db;
	(void)table;
	return B_OK;
}

static int64_t
sl_changes(struct db *db)
{
	return sqlite3_changes(sl_of(db)->h);
}

static const char *
sl_errmsg(struct db *db)
{
	return sqlite3_errmsg(sl_of(db)->h);
}

static bool
sl_in_tx(struct db *db)
{
	return sqlite3_get_autocommit(sl_of(db)->h) == 0;
}

static int
sl_exec(struct db *db, const char *sql)
{
	int rc = sl_result(sqlite3_exec(sl_of(db)->h, sql, NULL, NULL, NULL));

	return rc == DB_DONE ? B_OK : rc;
}

static int
sl_has_table(struct db *db, const char *name)
{
	sqlite3_stmt *st = NULL;
	int rc;

	if (sqlite3_prepare_v2(sl_of(db)->h,
		"SELECT 1 FROM sqlite_master WHERE type = 'table' AND "
		"name = ?",
		-1, &st, NULL) != SQLITE_OK) {
		return B_INTERNAL;
	}
	sqlite3_bind_text(st, 1, name, -1, SQLITE_STATIC);
	rc = sl_result(sqlite3_step(st));
	sqlite3_finalize(st);
	return rc == DB_ROW ? B_OK : rc == DB_DONE ? B_NOTFOUND : rc;
}

/* BEGIN IMMEDIATE serializes migrators already. */
static int
sl_migrate_lock(struct db *db)
{
	(void)db;
	return B_OK;
}

/* ---- transactions -------------------------------------------------------- */

static int
sl_write_begin(struct db *db)
{
	struct sl_db *d = sl_of(db);
	int rc;

	sl_read_close(db);
	/* Its turn first: BEGIN IMMEDIATE takes SQLite's lock. */
	sl_queue_enter(d);
	rc = sl_run(d, &d->begin, "BEGIN IMMEDIATE");
	if (rc != B_OK) {
		sl_queue_leave(d);
	}
	return rc;
}

static int
sl_write_commit(struct db *db)
{
	struct sl_db *d = sl_of(db);
	int rc = sl_run(d, &d->commit, "COMMIT");

	if (rc != B_OK) {
		return rc; /* the caller rolls back */
	}
	sl_written(d);
	sl_queue_leave(d);
	return sl_durable(d);
}

static void
sl_write_rollback(struct db *db)
{
	struct sl_db *d = sl_of(db);

	/* A failed COMMIT (a full disk) may have rolled back already. */
	if (!sqlite3_get_autocommit(d->h)) {
		(void)sl_run(d, &d->rollback, "ROLLBACK");
	}
	sl_queue_leave(d);
}

/*
 * A deferred BEGIN, so the reads up to read_close share one read
 * transaction and take the WAL read lock once (two fcntl calls per
 * statement otherwise). Only when no transaction is open.
 */
static int
sl_read_begin(struct db *db)
{
	struct sl_db *d = sl_of(db);
	int rc;

	if (d->reading || sqlite3_get_autocommit(d->h) == 0) {
		return B_OK;
	}
	rc = sl_run(d, &d->begin_read, "BEGIN DEFERRED");
	d->reading = rc == B_OK;
	return rc;
}

static void
sl_read_close(struct db *db)
{
	struct sl_db *d = sl_of(db);

	if (!d->reading) {
		return;
	}
	d->reading = false;
	if (sqlite3_get_autocommit(d->h) == 0 &&
	    sl_run(d, &d->commit, "COMMIT") != B_OK) {
		(void)sl_run(d, &d->rollback, "ROLLBACK");
	}
}

static void
sl_request_end(struct db *db)
{
	struct sl_db *d = sl_of(db);

	sl_read_close(db);
	if (sqlite3_get_autocommit(d->h) == 0) {
		log_err("store: a transaction was left open; rolled back");
		(void)sl_run(d, &d->rollback, "ROLLBACK");
	}
	sl_queue_leave(d);
}

static void
sl_close(struct db *db)
{
	struct sl_db *d = sl_of(db);

	sl_queue_leave(d);
	sqlite3_finalize(d->begin);
	sqlite3_finalize(d->begin_read);
	sqlite3_finalize(d->commit);
	sqlite3_finalize(d->rollback);
	if (sqlite3_close(d->h) != SQLITE_OK) {
		log_err("store: close: %s", sqlite3_errmsg(d->h));
	}
	free(d);
}

/*
 * The online backup: pages are copied a batch at a time; a writer that
 * commits meanwhile makes SQLite start over, so the copy is always one
 * consistent state. The copy is then checked (quick_check) before it is
 * kept; a failed copy is removed.
 */
static int
sl_backup(struct db *db, const char *path, char *err, size_t errlen)
{
	struct sl_db *d = sl_of(db);
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
	b = sqlite3_backup_init(dst, "main", d->h, "main");
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

static const struct db_ops sqlite_db_ops = {
	.name = "SQLite",
	.dialect = DB_SQLITE,
	.close = sl_close,
	.prepare = sl_prepare,
	.finalize = sl_finalize,
	.use = sl_use,
	.done = sl_done,
	.step = sl_step,
	.bind_null = sl_bind_null,
	.bind_i64 = sl_bind_i64,
	.bind_text = sl_bind_text,
	.bind_blob = sl_bind_blob,
	.param_index = sl_param_index,
	.param_count = sl_param_count,
	.col_null = sl_col_null,
	.col_i64 = sl_col_i64,
	.col_text = sl_col_text,
	.col_blob = sl_col_blob,
	.col_kind = sl_col_kind,
	.ids_continue = sl_ids_continue,
	.changes = sl_changes,
	.errmsg = sl_errmsg,
	.in_tx = sl_in_tx,
	.write_begin = sl_write_begin,
	.write_commit = sl_write_commit,
	.write_rollback = sl_write_rollback,
	.read_begin = sl_read_begin,
	.read_close = sl_read_close,
	.request_end = sl_request_end,
	.exec = sl_exec,
	.has_table = sl_has_table,
	.migrate_lock = sl_migrate_lock,
	.migrations = migrations,
	.nmigrations = (int)(sizeof(migrations) / sizeof(migrations[0])),
	.backup = sl_backup,
};

int
store_sqlite_open(const char *path, struct store **out, char *err,
    size_t errlen)
{
	struct sl_db *d;
	int rc;

	*out = NULL;
	d = xcalloc(1, sizeof(*d));
	d->base.ops = &sqlite_db_ops;
	rc = sqlite3_open_v2(path, &d->h,
	    SQLITE_OPEN_READWRITE | SQLITE_OPEN_CREATE | SQLITE_OPEN_NOMUTEX,
	    NULL);
	if (rc != SQLITE_OK) {
		snprintf(err, errlen, "Kan inte öppna databasen %s: %s", path,
		    d->h ? sqlite3_errmsg(d->h) : sqlite3_errstr(rc));
		goto fail;
	}
	sqlite3_extended_result_codes(d->h, 1);
	sqlite3_busy_timeout(d->h, 5000);
	sqlite3_wal_hook(d->h, sl_wal_hook, NULL);
	rc = sqlite3_exec(d->h, pragmas, NULL, NULL, NULL);
	if (rc != SQLITE_OK) {
		snprintf(err, errlen, "Kan inte öppna databasen %s: %s", path,
		    sqlite3_errmsg(d->h));
		goto fail;
	}
	*out = sq_store(&d->base);
	return B_OK;
fail:
	sqlite3_close(d->h);
	free(d);
	return B_INTERNAL;
}
