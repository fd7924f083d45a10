/*
 * store_fixture.h - the fixture shared by the store conformance suites
 * (test_store*.c): a temporary SQLite file per test (mkstemp under /tmp,
 * removed after) or, with BERED_TEST_PG=postgresql://user@host:port, a
 * PostgreSQL database of its own (created and dropped), migrated, with
 * two förbund (Sydväst in län 12 and Norr in län 01), their parties and
 * one kansli user; helpers to create and move cases, and a raw connection
 * (sqlite3 or libpq) for what must be shown to be refused by the
 * database itself. Functions are static inline so each suite uses what
 * it needs.
 */
#ifndef BERED_TEST_STORE_FIXTURE_H
#define BERED_TEST_STORE_FIXTURE_H

#include <setjmp.h>
#include <stdarg.h>
#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include <cmocka.h>
#include <libpq-fe.h>
#include <sqlite3.h>

#include "store/store.h"
#include "util/log.h"

struct fix {
	char path[256];  /* a file, or a postgresql:// URL */
	char pgname[64]; /* the PostgreSQL database, "" for SQLite */
	struct store *s;
	int64_t fb1, fb2;                   /* Skåne, Stockholm */
	int64_t fk, af, lund, malmo, skane; /* parties of fb1 */
	int64_t sthlm, region_sthlm;        /* parties of fb2 */
	int64_t user;                       /* kansli of fb1 */
};

static inline void
add_party(struct forbund *f, enum party_kind k, const char *code,
    const char *name)
{
	struct party *p = &f->parties[f->nparties++];

	memset(p, 0, sizeof(*p));
	p->kind = k;
	snprintf(p->code, sizeof(p->code), "%s", code);
	snprintf(p->name, sizeof(p->name), "%s", name);
}

static inline int64_t
party_id(struct store *s, int64_t fb, const char *name)
{
	struct forbund *f = calloc(1, sizeof(*f));
	int64_t id = 0;

	assert_int_equal(store_forbund_get(s, fb, f), B_OK);
	for (size_t i = 0; i < f->nparties; i++) {
		if (strcmp(f->parties[i].name, name) == 0) {
			id = f->parties[i].id;
		}
	}
	free(f);
	assert_true(id > 0);
	return id;
}

static inline void
make_forbund(struct fix *x)
{
	struct forbund *f = calloc(1, sizeof(*f));

	snprintf(f->name, sizeof(f->name), "Samordningsförbundet Sydväst");
	/* Deliberately out of display order: the store sorts. */
	add_party(f, PK_REGION, "12", "Region Skåne");
	add_party(f, PK_KOMMUN, "1280", "Malmö stad");
	add_party(f, PK_AF, "", "Arbetsförmedlingen");
	add_party(f, PK_KOMMUN, "1281", "Lunds kommun");
	add_party(f, PK_FK, "", "Försäkringskassan");
	assert_int_equal(store_forbund_create(x->s, f, 0, &x->fb1), B_OK);
	memset(f, 0, sizeof(*f));
	snprintf(f->name, sizeof(f->name), "Samordningsförbundet Norr");
	add_party(f, PK_FK, "", "Försäkringskassan");
	add_party(f, PK_AF, "", "Arbetsförmedlingen");
	add_party(f, PK_KOMMUN, "0180", "Stockholms stad");
	add_party(f, PK_KOMMUN, "1280", "Malmö stad (dubblett)");
	add_party(f, PK_REGION, "01", "Region Stockholm");
	assert_int_equal(store_forbund_create(x->s, f, 0, &x->fb2), B_OK);
	free(f);
	x->fk = party_id(x->s, x->fb1, "Försäkringskassan");
	x->af = party_id(x->s, x->fb1, "Arbetsförmedlingen");
	x->lund = party_id(x->s, x->fb1, "Lunds kommun");
	x->malmo = party_id(x->s, x->fb1, "Malmö stad");
	x->skane = party_id(x->s, x->fb1, "Region Skåne");
	x->sthlm = party_id(x->s, x->fb2, "Stockholms stad");
	x->region_sthlm = party_id(x->s, x->fb2, "Region Stockholm");
}

/* Runs sql on the PostgreSQL server of BERED_TEST_PG; 0 on success. */
static inline int
pg_admin(const char *sql)
{
	char url[256];
	PGconn *c;
	PGresult *r;
	int rc;

	snprintf(url, sizeof(url), "%s/postgres", getenv("BERED_TEST_PG"));
	c = PQconnectdb(url);
	assert_int_equal(PQstatus(c), CONNECTION_OK);
	r = PQexec(c, sql);
	rc = PQresultStatus(r) == PGRES_COMMAND_OK ? 0 : 1;
	PQclear(r);
	PQfinish(c);
	return rc;
}

/* Creates (or drops) the test's own PostgreSQL database. */
static inline void
pg_database(struct fix *x, bool create)
{
	static unsigned serial;
	char sql[160];

	if (create) {
		snprintf(x->pgname, sizeof(x->pgname), "bered_store_%d_%u",
		    (int)getpid(), ++serial);
		snprintf(x->path, sizeof(x->path), "%s/%s",
		    getenv("BERED_TEST_PG"), x->pgname);
	}
	if (create) {
		snprintf(sql, sizeof(sql), "CREATE DATABASE %s", x->pgname);
	} else {
		snprintf(sql, sizeof(sql), "DROP DATABASE %s WITH (FORCE)",
		    x->pgname);
	}
	assert_int_equal(pg_admin(sql), 0);
}

static inline bool
fix_pg(const struct fix *x)
{
	return x->pgname[0] != '\0';
}

static inline int
setup(void **state)
{
	struct fix *x = calloc(1, sizeof(*x));
	struct user u;
	char err[256];
	int fd;

	log_set_quiet(1);
	if (getenv("BERED_TEST_PG") != NULL) {
		pg_database(x, true);
	} else {
		snprintf(x->path, sizeof(x->path), "/tmp/bered-store-XXXXXX");
		fd = mkstemp(x->path);
		assert_true(fd >= 0);
		close(fd);
	}
	assert_int_equal(store_open(x->path, &x->s, err, sizeof(err)), B_OK);
	assert_int_equal(store_migrate(x->s, err, sizeof(err)), B_OK);
	make_forbund(x);
	memset(&u, 0, sizeof(u));
	snprintf(u.email, sizeof(u.email), "kansli@sydvast.se");
	snprintf(u.name, sizeof(u.name), "Karin Kansli");
	u.role = ROLE_KANSLI;
	u.forbund_id = x->fb1;
	assert_int_equal(store_user_create(x->s, &u, "$argon2id$hash", 0,
			     &x->user),
	    B_OK);
	*state = x;
	return 0;
}

static inline int
teardown(void **state)
{
	struct fix *x = *state;
	char p[300];

	store_close(x->s);
	if (fix_pg(x)) {
		pg_database(x, false);
		free(x);
		return 0;
	}
	unlink(x->path);
	snprintf(p, sizeof(p), "%s-wal", x->path);
	unlink(p);
	snprintf(p, sizeof(p), "%s-shm", x->path);
	unlink(p);
	free(x);
	return 0;
}

/* A raw connection to the test database, for what store.h cannot do. */
struct raw {
	sqlite3 *lite;
	PGconn *pg;
	char err[256]; /* the last error's message */
};

static inline struct raw *
raw_open(const struct fix *x)
{
	struct raw *db = calloc(1, sizeof(*db));

	if (fix_pg(x)) {
		db->pg = PQconnectdb(x->path);
		assert_int_equal(PQstatus(db->pg), CONNECTION_OK);
		return db;
	}
	assert_int_equal(sqlite3_open(x->path, &db->lite), SQLITE_OK);
	sqlite3_extended_result_codes(db->lite, 1);
	sqlite3_busy_timeout(db->lite, 5000);
	return db;
}

static inline void
raw_close(struct raw *db)
{
	if (db->pg != NULL) {
		PQfinish(db->pg);
	} else {
		sqlite3_close(db->lite);
	}
	free(db);
}

/*
 * Runs sql: 0 on success; else RAW_REFUSED when a trigger or constraint
 * of the schema refused it (err holds the message), RAW_FAILED otherwise.
 */
#define RAW_REFUSED 1
#define RAW_FAILED  2
static inline int
raw_exec(struct raw *db, const char *sql)
{
	const char *state;
	PGresult *r;
	int rc;

	if (db->lite != NULL) {
		rc = sqlite3_exec(db->lite, sql, NULL, NULL, NULL);
		snprintf(db->err, sizeof(db->err), "%s",
		    sqlite3_errmsg(db->lite));
		return rc == SQLITE_OK                ? 0
		    : rc == SQLITE_CONSTRAINT_TRIGGER ? RAW_REFUSED
						      : RAW_FAILED;
	}
	r = PQexec(db->pg, sql);
	rc = 0;
	if (PQresultStatus(r) != PGRES_COMMAND_OK &&
	    PQresultStatus(r) != PGRES_TUPLES_OK) {
		state = PQresultErrorField(r, PG_DIAG_SQLSTATE);
		rc = state != NULL && strcmp(state, "23000") == 0 ? RAW_REFUSED
								  : RAW_FAILED;
		snprintf(db->err, sizeof(db->err), "%s",
		    PQresultErrorField(r, PG_DIAG_MESSAGE_PRIMARY));
	}
	PQclear(r);
	return rc;
}

static inline int64_t
raw_count(struct raw *db, const char *sql)
{
	sqlite3_stmt *st;
	PGresult *r;
	int64_t n = -1;

	if (db->pg != NULL) {
		r = PQexec(db->pg, sql);
		assert_int_equal(PQresultStatus(r), PGRES_TUPLES_OK);
		if (PQntuples(r) > 0) {
			n = strtoll(PQgetvalue(r, 0, 0), NULL, 10);
		}
		PQclear(r);
		return n;
	}
	assert_int_equal(sqlite3_prepare_v2(db->lite, sql, -1, &st, NULL),
	    SQLITE_OK);
	if (sqlite3_step(st) == SQLITE_ROW) {
		n = sqlite3_column_int64(st, 0);
	}
	sqlite3_finalize(st);
	return n;
}

/* A new case of kind k in fb1, with Malmö and Lund taking part. */
static inline struct arende *
new_case(struct fix *x, enum kind k, const char *title)
{
	struct arende *a = malloc(sizeof(*a));

	arende_init(a);
	a->forbund_id = x->fb1;
	a->kind = k;
	snprintf(a->title, sizeof(a->title), "%s", title);
	a->nparties = 2;
	a->parties[0].party_id = x->malmo;
	a->parties[0].deltar = true;
	a->parties[1].party_id = x->lund;
	a->parties[1].deltar = true;
	assert_int_equal(store_case_create(x->s, a, x->user), B_OK);
	return a;
}

/* Saves a copy of a moved to state to (reloading a afterwards). */
static inline void
move(struct fix *x, struct arende *a, enum state to, const char *comment)
{
	struct arende *b = malloc(sizeof(*b));

	*b = *a;
	b->state = to;
	assert_int_equal(store_case_save(x->s, a, b, x->user, comment), B_OK);
	assert_int_equal(store_case_get(x->s, a->id, a), B_OK);
	assert_int_equal(a->state, to);
	free(b);
}

#endif
