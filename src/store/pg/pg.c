/*
 * pg.c - the PostgreSQL driver (db.h) under the SQL store, with libpq:
 * the store's queries prepared on the server (parameters "?", "?N" and
 * ":name" rewritten to "$N" once, when a statement is first prepared) and
 * run with bound parameters, never formatted; errors mapped to enum berr
 * by SQLSTATE; writers serialized by a transaction-level advisory lock,
 * so every check-then-write of the store is as atomic as on SQLite, across
 * any number of instances; and a connection that broke (a restarted
 * database) reset on the next statement, its statements prepared again.
 * The migrations in PostgreSQL's dialect are src/store/pg/schema/.
 */
#include <ctype.h>
#include <libpq-fe.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "store/sql/sql.h"
#include "util/buf.h"
#include "util/log.h"
#include "util/text.h"
#include "util/xmalloc.h"

static const struct db_migration migrations[] = {
	{ 1, pg_schema_001_init },
	{ 2, schema_002_indexes },
	{ 3, schema_003_forbund_name },
	{ 4, pg_schema_004_bordlagd },
	{ 5, pg_schema_005_accounts_mail },
	{ 6, schema_006_calendar },
	{ 7, pg_schema_007_followup_facts },
	{ 8, pg_schema_008_applied_amount },
	{ 9, pg_schema_009_documents },
	{ 10, pg_schema_010_search },
	{ 11, pg_schema_011_group_meetings },
};

/* The advisory locks: every write transaction, and migrations. */
#define PG_WRITE_LOCK   "SELECT pg_advisory_xact_lock(4711)"
#define PG_MIGRATE_LOCK "SELECT pg_advisory_xact_lock(4712)"
#define PG_MAX_PARAMS   64

struct pg_db {
	struct db base; /* first */
	PGconn *c;
	unsigned session; /* bumped when the connection is reset */
	unsigned names;   /* statement names handed out */
	int64_t changes;
	bool reading; /* a read snapshot is open (read_begin) */
	char err[512];
};

struct pg_st {
	struct dbst base; /* first */
	char *sql;        /* with $N parameters */
	char name[24];
	unsigned session; /* the session it was prepared on, 0 = none */
	int nparams;
	char *pname[PG_MAX_PARAMS]; /* ":name" of parameter i + 1, or NULL */
	const char *val[PG_MAX_PARAMS];
	int len[PG_MAX_PARAMS];
	int fmt[PG_MAX_PARAMS];
	char num[PG_MAX_PARAMS][24];
	bool used[PG_MAX_PARAMS]; /* parameter i + 1 is in the query */
	PGresult *res;
	int row, nrows; /* row: the current row + 1 */
	bool ran;
	bool writes;         /* not a SELECT: ends a read snapshot first */
	unsigned char *blob; /* the last column read as bytea (col_blob) */
};

static struct pg_db *
pg_of(struct db *db)
{
	return (struct pg_db *)db;
}

static struct pg_st *
pg_st(struct dbst *st)
{
	return (struct pg_st *)st;
}

/* ---- errors -------------------------------------------------------------- */

/* Keeps the message of res (or the connection's) for errmsg. */
static void
pg_keep_err(struct pg_db *d, const PGresult *res)
{
	const char *m = res != NULL ? PQresultErrorMessage(res) : "";

	if (m == NULL || m[0] == '\0') {
		m = PQerrorMessage(d->c);
	}
	text_copy(d->err, sizeof(d->err), m);
	d->err[strcspn(d->err, "\n")] = '\0';
}

/*
 * A failed result as enum berr, by SQLSTATE: constraints are refusals
 * (as SQLite's), a lost connection, a database shutting down, a full
 * disk or a lock are B_UNAVAILABLE (503, try again).
 */
static int
pg_fail(struct pg_db *d, const PGresult *res)
{
	const char *s =
	    res != NULL ? PQresultErrorField(res, PG_DIAG_SQLSTATE) : NULL;

	pg_keep_err(d, res);
	if (PQstatus(d->c) != CONNECTION_OK || s == NULL) {
		return B_UNAVAILABLE;
	}
	if (strcmp(s, "23505") == 0 || strcmp(s, "23000") == 0 ||
	    strcmp(s, "P0001") == 0) {
		/* unique; the schema's refusals (R1, ...), a trigger's */
		return B_CONFLICT;
	}
	if (strcmp(s, "23503") == 0) {
		return B_NOTFOUND; /* foreign key */
	}
	if (strcmp(s, "23514") == 0 || strcmp(s, "23502") == 0 ||
	    strncmp(s, "22", 2) == 0) {
		return B_INVALID; /* check, not null, data exceptions */
	}
	if (strncmp(s, "08", 2) == 0 || strncmp(s, "53", 2) == 0 ||
	    strncmp(s, "57P", 3) == 0 || strcmp(s, "40001") == 0 ||
	    strcmp(s, "40P01") == 0 || strcmp(s, "55P03") == 0) {
		return B_UNAVAILABLE;
	}
	return B_INTERNAL;
}

static bool
pg_failed(const PGresult *res)
{
	return PQresultStatus(res) != PGRES_COMMAND_OK &&
	    PQresultStatus(res) != PGRES_TUPLES_OK;
}

/*
 * The session's settings, on every new connection: no notices (a
 * migration's "skipping"), and a writer waits at most 5 s for its turn,
 * as on SQLite, then 503.
 */
static bool
pg_session_setup(struct pg_db *d)
{
	PGresult *res = PQexec(d->c,
	    "SET client_min_messages = warning; "
	    "SET lock_timeout = '5s'");
	bool ok = !pg_failed(res);

	if (!ok) {
		pg_keep_err(d, res);
	}
	PQclear(res);
	return ok;
}

/*
 * The connection, usable: a broken one (the database restarted) is reset
 * here, and every statement is prepared again on the new session.
 */
static bool
pg_alive(struct pg_db *d)
{
	if (PQstatus(d->c) == CONNECTION_OK) {
		return true;
	}
	PQreset(d->c);
	if (PQstatus(d->c) != CONNECTION_OK) {
		pg_keep_err(d, NULL);
		return false;
	}
	d->session++;
	d->reading = false;
	log_info("store: reconnected to PostgreSQL");
	return pg_session_setup(d);
}

/*
 * Runs sql without parameters; B_OK or the error. A command outside a
 * transaction (the BEGIN each request starts with) that finds the
 * server gone since the last request (a restart) is sent again, once, on
 * a new connection: nothing of the old one was left to lose.
 */
static int
pg_command(struct pg_db *d, const char *sql)
{
	PGresult *res;
	bool idle;
	int rc = B_OK;

	if (!pg_alive(d)) {
		return B_UNAVAILABLE;
	}
	idle = PQtransactionStatus(d->c) == PQTRANS_IDLE;
	res = PQexec(d->c, sql);
	if (pg_failed(res) && idle && PQstatus(d->c) != CONNECTION_OK &&
	    pg_alive(d)) {
		PQclear(res);
		res = PQexec(d->c, sql);
	}
	if (pg_failed(res)) {
		rc = pg_fail(d, res);
	}
	PQclear(res);
	return rc;
}

/* ---- statements ---------------------------------------------------------- */

/* The index of parameter name (":x") in st, adding it if new. */
static int
pg_name_index(struct pg_st *st, const char *name, size_t len, int *max)
{
	for (int i = 0; i < *max; i++) {
		if (st->pname[i] != NULL && strlen(st->pname[i]) == len &&
		    memcmp(st->pname[i], name, len) == 0) {
			return i + 1;
		}
	}
	if (*max >= PG_MAX_PARAMS) {
		return 0;
	}
	st->pname[*max] = xmalloc(len + 1);
	memcpy(st->pname[*max], name, len);
	st->pname[*max][len] = '\0';
	return ++*max;
}

/*
 * Rewrites SQLite's parameters as PostgreSQL's, numbered as SQLite
 * numbers them: "?N" is N, "?" the one after the largest so far, ":name"
 * on first sight the one after the largest. Quoted text is copied as is.
 */
static bool
pg_rewrite(struct pg_st *st, const char *sql, struct buf *out)
{
	int max = 0, n;
	const char *p = sql;
	char quote;

	while (*p != '\0') {
		if (*p == '\'' || *p == '"') {
			quote = *p;
			buf_putc(out, *p++);
			while (*p != '\0' && *p != quote) {
				buf_putc(out, *p++);
			}
			if (*p != '\0') {
				buf_putc(out, *p++);
			}
			continue;
		}
		if (p[0] == ':' && p[1] == ':') {
			buf_puts(out, "::");
			p += 2;
			continue;
		}
		if (*p == '?' && isdigit((unsigned char)p[1])) {
			n = (int)strtol(p + 1, (char **)&p, 10);
			if (n < 1 || n > PG_MAX_PARAMS) {
				return false;
			}
			max = n > max ? n : max;
		} else if (*p == '?') {
			n = ++max;
			p++;
		} else if (*p == ':' &&
		    (isalpha((unsigned char)p[1]) || p[1] == '_')) {
			const char *e = p + 1;

			while (isalnum((unsigned char)*e) || *e == '_') {
				e++;
			}
			n = pg_name_index(st, p, (size_t)(e - p), &max);
			p = e;
		} else {
			buf_putc(out, *p++);
			continue;
		}
		if (n < 1 || n > PG_MAX_PARAMS) {
			return false;
		}
		st->used[n - 1] = true;
		buf_printf(out, "$%d", n);
	}
	st->nparams = max;
	return true;
}

static void
pg_st_free(struct pg_st *st)
{
	for (int i = 0; i < PG_MAX_PARAMS; i++) {
		free(st->pname[i]);
	}
	PQclear(st->res);
	PQfreemem(st->blob);
	free(st->sql);
	free(st);
}

static struct dbst *
pg_prepare(struct db *db, const char *sql)
{
	struct pg_db *d = pg_of(db);
	struct pg_st *st = xcalloc(1, sizeof(*st));
	struct buf b;

	st->base.db = db;
	buf_init(&b);
	if (!pg_rewrite(st, sql, &b)) {
		snprintf(d->err, sizeof(d->err), "too many parameters");
		buf_free(&b);
		pg_st_free(st);
		return NULL;
	}
	st->sql = xstrdup(buf_cstr(&b));
	buf_free(&b);
	st->writes = strncmp(st->sql, "SELECT", 6) != 0;
	snprintf(st->name, sizeof(st->name), "b%u", ++d->names);
	return &st->base;
}

static void
pg_finalize(struct dbst *st)
{
	pg_st_free(pg_st(st));
}

static void pg_read_close(struct db *db);

/* A write ends the read snapshot first (it is READ ONLY). */
static void
pg_use(struct db *db, struct dbst *st)
{
	if (pg_st(st)->writes && pg_of(db)->reading) {
		pg_read_close(db);
	}
}

static void
pg_done(struct db *db, struct dbst *dst)
{
	struct pg_st *st;

	(void)db;
	if (dst == NULL) {
		return;
	}
	st = pg_st(dst);
	PQclear(st->res);
	st->res = NULL;
	PQfreemem(st->blob);
	st->blob = NULL;
	st->ran = false;
	st->row = st->nrows = 0;
	for (int i = 0; i < st->nparams; i++) {
		st->val[i] = NULL;
		st->len[i] = 0;
		st->fmt[i] = 0;
	}
}

/* libpq's type ids (catalog/pg_type_d.h) of what can be bound: text
 * and bytea are told apart by format, int8 is sent as text. */
#define PG_INT8  20
#define PG_TEXT  25
#define PG_BYTEA 17

/*
 * Prepares st on this session if it is not yet. PostgreSQL infers each
 * parameter's type from the query (the store casts where it cannot, as
 * in "CAST(?2 AS TEXT) IS NULL"); a parameter the query does not use
 * (the store binds one set for several variants) is declared text.
 */
static int
pg_ready(struct pg_db *d, struct pg_st *st)
{
	Oid types[PG_MAX_PARAMS];
	PGresult *res;
	int rc = B_OK;

	if (st->session == d->session + 1) {
		return B_OK;
	}
	for (int i = 0; i < st->nparams; i++) {
		types[i] = st->used[i] ? 0 : PG_TEXT;
	}
	res = PQprepare(d->c, st->name, st->sql, st->nparams, types);
	if (PQresultStatus(res) != PGRES_COMMAND_OK) {
		rc = pg_fail(d, res);
	} else {
		st->session = d->session + 1;
	}
	PQclear(res);
	return rc;
}

static int
pg_run(struct pg_db *d, struct pg_st *st)
{
	const char *ct;
	int rc;

	if (!pg_alive(d)) {
		return B_UNAVAILABLE;
	}
	if ((rc = pg_ready(d, st)) != B_OK) {
		return rc;
	}
	st->res = PQexecPrepared(d->c, st->name, st->nparams, st->val, st->len,
	    st->fmt, 0);
	if (pg_failed(st->res)) {
		return pg_fail(d, st->res);
	}
	st->nrows =
	    PQresultStatus(st->res) == PGRES_TUPLES_OK ? PQntuples(st->res) : 0;
	ct = PQcmdTuples(st->res);
	if (ct != NULL && ct[0] != '\0') {
		d->changes = strtoll(ct, NULL, 10);
	}
	return B_OK;
}

static int
pg_step(struct dbst *dst)
{
	struct pg_st *st = pg_st(dst);
	struct pg_db *d = pg_of(dst->db);
	int rc;

	if (!st->ran) {
		st->ran = true;
		if ((rc = pg_run(d, st)) != B_OK) {
			return rc;
		}
	}
	if (st->row < st->nrows) {
		st->row++;
		PQfreemem(st->blob);
		st->blob = NULL;
		return DB_ROW;
	}
	return DB_DONE;
}

static void
pg_bind(struct pg_st *st, int i, const char *v, int len, Oid type)
{
	if (i < 1 || i > st->nparams) {
		return;
	}
	st->val[i - 1] = v;
	st->len[i - 1] = len;
	st->fmt[i - 1] = type == PG_BYTEA ? 1 : 0;
}

static void
pg_bind_null(struct dbst *st, int i)
{
	pg_bind(pg_st(st), i, NULL, 0, 0);
}

static void
pg_bind_i64(struct dbst *dst, int i, int64_t v)
{
	struct pg_st *st = pg_st(dst);

	if (i < 1 || i > st->nparams) {
		return;
	}
	snprintf(st->num[i - 1], sizeof(st->num[i - 1]), "%lld", (long long)v);
	pg_bind(st, i, st->num[i - 1], 0, PG_INT8);
}

static void
pg_bind_text(struct dbst *st, int i, const char *v)
{
	pg_bind(pg_st(st), i, v, 0, PG_TEXT);
}

static void
pg_bind_blob(struct dbst *st, int i, const void *p, size_t n)
{
	pg_bind(pg_st(st), i, p, (int)n, PG_BYTEA);
}

static int
pg_param_index(struct dbst *dst, const char *name)
{
	struct pg_st *st = pg_st(dst);

	for (int i = 0; i < st->nparams; i++) {
		if (st->pname[i] != NULL && strcmp(st->pname[i], name) == 0) {
			return i + 1;
		}
	}
	return 0;
}

static int
pg_param_count(struct dbst *st)
{
	return pg_st(st)->nparams;
}

static bool
pg_col_null(struct dbst *dst, int i)
{
	struct pg_st *st = pg_st(dst);

	return st->row < 1 || i >= PQnfields(st->res) ||
	    PQgetisnull(st->res, st->row - 1, i);
}

static const char *
pg_col_text(struct dbst *dst, int i)
{
	struct pg_st *st = pg_st(dst);

	if (pg_col_null(dst, i)) {
		return NULL;
	}
	return PQgetvalue(st->res, st->row - 1, i);
}

/* Integers, and PostgreSQL's booleans ("t", "f") as SQLite's 1 and 0. */
static int64_t
pg_col_i64(struct dbst *dst, int i)
{
	const char *v = pg_col_text(dst, i);

	if (v == NULL) {
		return 0;
	}
	if (v[0] == 't' && v[1] == '\0') {
		return 1;
	}
	return strtoll(v, NULL, 10);
}

static const void *
pg_col_blob(struct dbst *dst, int i, size_t *n)
{
	struct pg_st *st = pg_st(dst);
	const char *v = pg_col_text(dst, i);

	*n = 0;
	if (v == NULL) {
		return NULL;
	}
	PQfreemem(st->blob);
	st->blob = PQunescapeBytea((const unsigned char *)v, n);
	return st->blob;
}

static enum db_kind
pg_col_kind(struct dbst *dst, int i)
{
	struct pg_st *st = pg_st(dst);

	if (pg_col_null(dst, i)) {
		return DB_KIND_NULL;
	}
	switch (PQftype(st->res, i)) {
	case PG_INT8:
	case 23: /* int4 */
	case 21: /* int2 */
		return DB_KIND_INT;
	case PG_BYTEA:
		return DB_KIND_BLOB;
	default:
		return DB_KIND_TEXT;
	}
}

/*
 * An identity column continues after the ids copied into table. The
 * table's name is one of the store's own constants (sql_copy.c), an
 * identifier that cannot be bound: it is checked to be a plain word.
 */
static int
pg_ids_continue(struct db *db, const char *table)
{
	char sql[256];

	for (const char *p = table; *p != '\0'; p++) {
		if (!islower((unsigned char)*p) && *p != '_') {
			return B_INTERNAL;
		}
	}
	snprintf(sql, sizeof(sql),
	    "SELECT setval(pg_get_serial_sequence('%s', 'id'), "
	    "COALESCE((SELECT MAX(id) FROM %s), 0) + 1, false)",
	    table, table);
	return pg_command(pg_of(db), sql);
}

static int64_t
pg_changes(struct db *db)
{
	return pg_of(db)->changes;
}

static const char *
pg_errmsg(struct db *db)
{
	return pg_of(db)->err;
}

static bool
pg_in_tx(struct db *db)
{
	PGTransactionStatusType t = PQtransactionStatus(pg_of(db)->c);

	return t == PQTRANS_INTRANS || t == PQTRANS_INERROR ||
	    t == PQTRANS_ACTIVE;
}

static int
pg_exec(struct db *db, const char *sql)
{
	return pg_command(pg_of(db), sql);
}

static int
pg_has_table(struct db *db, const char *name)
{
	struct pg_db *d = pg_of(db);
	const char *v[1] = { name };
	PGresult *res;
	int rc;

	if (!pg_alive(d)) {
		return B_UNAVAILABLE;
	}
	res = PQexecParams(d->c,
	    "SELECT 1 FROM pg_tables WHERE schemaname = current_schema() "
	    "AND tablename = $1",
	    1, NULL, v, NULL, NULL, 0);
	if (PQresultStatus(res) != PGRES_TUPLES_OK) {
		rc = pg_fail(d, res);
	} else {
		rc = PQntuples(res) > 0 ? B_OK : B_NOTFOUND;
	}
	PQclear(res);
	return rc;
}

static int
pg_migrate_lock(struct db *db)
{
	return pg_command(pg_of(db), PG_MIGRATE_LOCK);
}

/* ---- transactions -------------------------------------------------------- */

/*
 * BEGIN, then the writers' lock: one writer at a time over every
 * instance, as with SQLite, so the store's reads-then-writes inside a
 * transaction see no other writer; readers never wait.
 */
static int
pg_write_begin(struct db *db)
{
	struct pg_db *d = pg_of(db);
	int rc;

	pg_read_close(db);
	rc = pg_command(d, "BEGIN");

	if (rc == B_OK && (rc = pg_command(d, PG_WRITE_LOCK)) != B_OK) {
		(void)pg_command(d, "ROLLBACK");
	}
	return rc;
}

static int
pg_write_commit(struct db *db)
{
	return pg_command(pg_of(db), "COMMIT");
}

static void
pg_write_rollback(struct db *db)
{
	struct pg_db *d = pg_of(db);

	if (PQstatus(d->c) == CONNECTION_OK && pg_in_tx(db)) {
		(void)pg_command(d, "ROLLBACK");
	}
}

/*
 * One snapshot for the reads up to read_close (a page reads many tables
 * and must see them as of one moment, as on SQLite). Only when no
 * transaction is open.
 */
static int
pg_read_begin(struct db *db)
{
	struct pg_db *d = pg_of(db);
	int rc;

	if (d->reading || pg_in_tx(db)) {
		return B_OK;
	}
	rc = pg_command(d, "BEGIN ISOLATION LEVEL REPEATABLE READ READ ONLY");
	d->reading = rc == B_OK;
	return rc;
}

static void
pg_read_close(struct db *db)
{
	struct pg_db *d = pg_of(db);

	if (!d->reading) {
		return;
	}
	d->reading = false;
	if (PQstatus(d->c) == CONNECTION_OK && pg_in_tx(db) &&
	    pg_command(d, "COMMIT") != B_OK) {
		(void)pg_command(d, "ROLLBACK");
	}
}

static void
pg_request_end(struct db *db)
{
	struct pg_db *d = pg_of(db);

	pg_read_close(db);
	if (PQstatus(d->c) == CONNECTION_OK && pg_in_tx(db)) {
		log_err("store: a transaction was left open; rolled back");
		(void)pg_command(d, "ROLLBACK");
	}
}

static int
pg_backup(struct db *db, const char *path, char *err, size_t errlen)
{
	(void)db;
	(void)path;
	snprintf(err, errlen,
	    "bered backup kopierar en SQLite-databas; en PostgreSQL-databas "
	    "kopieras med pg_dump (se README).");
	return B_INVALID;
}

static void
pg_close(struct db *db)
{
	struct pg_db *d = pg_of(db);

	PQfinish(d->c);
	free(d);
}

static const struct db_ops pg_db_ops = {
	.name = "PostgreSQL",
	.dialect = DB_POSTGRES,
	.close = pg_close,
	.prepare = pg_prepare,
	.finalize = pg_finalize,
	.use = pg_use,
	.done = pg_done,
	.step = pg_step,
	.bind_null = pg_bind_null,
	.bind_i64 = pg_bind_i64,
	.bind_text = pg_bind_text,
	.bind_blob = pg_bind_blob,
	.param_index = pg_param_index,
	.param_count = pg_param_count,
	.col_null = pg_col_null,
	.col_i64 = pg_col_i64,
	.col_text = pg_col_text,
	.col_blob = pg_col_blob,
	.col_kind = pg_col_kind,
	.ids_continue = pg_ids_continue,
	.changes = pg_changes,
	.errmsg = pg_errmsg,
	.in_tx = pg_in_tx,
	.write_begin = pg_write_begin,
	.write_commit = pg_write_commit,
	.write_rollback = pg_write_rollback,
	.read_begin = pg_read_begin,
	.read_close = pg_read_close,
	.request_end = pg_request_end,
	.exec = pg_exec,
	.has_table = pg_has_table,
	.migrate_lock = pg_migrate_lock,
	.migrations = migrations,
	.nmigrations = (int)(sizeof(migrations) / sizeof(migrations[0])),
	.backup = pg_backup,
};

/* libpq's notices (a migration's "skipping") are not errors. */
static void
pg_notice(void *arg, const char *msg)
{
	(void)arg;
	(void)msg;
}

int
store_pg_open(const char *url, struct store **out, char *err, size_t errlen)
{
	struct pg_db *d;

	*out = NULL;
	d = xcalloc(1, sizeof(*d));
	d->base.ops = &pg_db_ops;
	d->c = PQconnectdb(url);
	if (PQstatus(d->c) != CONNECTION_OK) {
		snprintf(err, errlen, "Kan inte ansluta till PostgreSQL: %s",
		    PQerrorMessage(d->c));
		err[strcspn(err, "\n")] = '\0';
		PQfinish(d->c);
		free(d);
		return B_UNAVAILABLE;
	}
	PQsetNoticeProcessor(d->c, pg_notice, NULL);
	if (!pg_session_setup(d)) {
		snprintf(err, errlen, "PostgreSQL: %s", d->err);
		PQfinish(d->c);
		free(d);
		return B_INTERNAL;
	}
	*out = sq_store(&d->base);
	return B_OK;
}
