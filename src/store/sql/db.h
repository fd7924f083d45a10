/*
 * db.h - what the SQL store (store/sql/) needs of a database driver, and
 * what each driver (store/sqlite/, store/pg/) offers: a connection, its
 * prepared statements with bound parameters, rows one at a time,
 * transactions, and the migrations in the driver's dialect. The SQL store
 * writes every query once, as literal text with parameters "?", "?N" or
 * ":name" (a driver whose database spells them otherwise rewrites them
 * when it prepares), so one store serves both databases.
 *
 * Results: db_step() answers DB_ROW, DB_DONE or an enum berr (the driver
 * maps its database's errors: a constraint to B_CONFLICT / B_INVALID /
 * B_NOTFOUND, a lock, full disk or lost connection to B_UNAVAILABLE).
 * No other header of the SQL store names a driver's library.
 */
#ifndef BERED_STORE_DB_H
#define BERED_STORE_DB_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#define DB_ROW  100 /* a row is ready */
#define DB_DONE 101 /* no more rows: the statement has run */

struct db;
struct dbst;

/* One migration in a driver's dialect: version N is applied once. */
struct db_migration {
	int version;
	const char *sql;
};

/* What a column of the current row holds. */
enum db_kind { DB_KIND_NULL, DB_KIND_INT, DB_KIND_TEXT, DB_KIND_BLOB };

/* Where the SQL store must say a thing differently (search). */
enum db_dialect { DB_SQLITE, DB_POSTGRES };

struct db_ops {
	const char *name; /* "SQLite", "PostgreSQL" */
	enum db_dialect dialect;
	void (*close)(struct db *);
	/* Prepares sql; NULL on error (logged). */
	struct dbst *(*prepare)(struct db *, const char *sql);
	void (*finalize)(struct dbst *);
	/* Before a (cached) statement runs: the driver's turn-taking. */
	void (*use)(struct db *, struct dbst *);
	/* After it ran: reset, bindings cleared (st may be NULL). */
	void (*done)(struct db *, struct dbst *);
	int (*step)(struct dbst *);
	/* Parameters are numbered from 1; text and blobs must stay valid
	 * until the statement is done. */
	void (*bind_null)(struct dbst *, int);
	void (*bind_i64)(struct dbst *, int, int64_t);
	void (*bind_text)(struct dbst *, int, const char *);
	void (*bind_blob)(struct dbst *, int, const void *, size_t);
	int (*param_index)(struct dbst *, const char *name); /* 0: none */
	int (*param_count)(struct dbst *);
	/* Columns of the current row, numbered from 0. */
	bool (*col_null)(struct dbst *, int);
	int64_t (*col_i64)(struct dbst *, int);
	const char *(*col_text)(struct dbst *, int); /* NULL for NULL */
	const void *(*col_blob)(struct dbst *, int, size_t *);
	enum db_kind (*col_kind)(struct dbst *, int);
	/* Rows changed by the last INSERT, UPDATE or DELETE. */
	int64_t (*changes)(struct db *);
	const char *(*errmsg)(struct db *);
	/* True while a transaction is open. */
	bool (*in_tx)(struct db *);
	/* A write transaction: begin (in turn), commit (durably), roll back. */
	int (*write_begin)(struct db *);
	int (*write_commit)(struct db *);
	void (*write_rollback)(struct db *);
	/* A read snapshot shared by the reads up to read_close. */
	int (*read_begin)(struct db *);
	void (*read_close)(struct db *);
	/* The end of a request: anything left open is rolled back. */
	void (*request_end)(struct db *);
	/* Runs sql, one or more statements without parameters. */
	int (*exec)(struct db *, const char *sql);
	/* B_OK if the table exists, B_NOTFOUND if not. */
	int (*has_table)(struct db *, const char *name);
	/* In a migration's transaction: concurrent migrators wait here. */
	int (*migrate_lock)(struct db *);
	/* After rows with their ids were copied into table: new rows get
	 * ids after them. */
	int (*ids_continue)(struct db *, const char *table);
	/* The migrations in this driver's dialect, oldest first. */
	const struct db_migration *migrations;
	int nmigrations;
	/* A consistent copy into a new file; B_INVALID if not offered. */
	int (*backup)(struct db *, const char *path, char *err, size_t errlen);
};

/* The head of every driver's connection and statement. */
struct db {
	const struct db_ops *ops;
};
struct dbst {
	struct db *db;
};

static inline int
db_step(struct dbst *st)
{
	return st->db->ops->step(st);
}

static inline void
db_bind_null(struct dbst *st, int i)
{
	st->db->ops->bind_null(st, i);
}

static inline void
db_bind_i64(struct dbst *st, int i, int64_t v)
{
	st->db->ops->bind_i64(st, i, v);
}

static inline void
db_bind_text(struct dbst *st, int i, const char *v)
{
	st->db->ops->bind_text(st, i, v);
}

static inline void
db_bind_blob(struct dbst *st, int i, const void *p, size_t n)
{
	st->db->ops->bind_blob(st, i, p, n);
}

static inline int
db_param_index(struct dbst *st, const char *name)
{
	return st->db->ops->param_index(st, name);
}

static inline int
db_param_count(struct dbst *st)
{
	return st->db->ops->param_count(st);
}

static inline bool
db_col_null(struct dbst *st, int i)
{
	return st->db->ops->col_null(st, i);
}

static inline int64_t
db_col_i64(struct dbst *st, int i)
{
	return st->db->ops->col_i64(st, i);
}

static inline const char *
db_col_text(struct dbst *st, int i)
{
	return st->db->ops->col_text(st, i);
}

static inline const void *
db_col_blob(struct dbst *st, int i, size_t *n)
{
	return st->db->ops->col_blob(st, i, n);
}

static inline int64_t
db_changes(struct db *db)
{
	return db->ops->changes(db);
}

static inline const char *
db_errmsg(struct db *db)
{
	return db->ops->errmsg(db);
}

#endif
