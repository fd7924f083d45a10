/*
 * test_store.c - the conformance suite of the storage layer (store.h),
 * part 1: lifecycle and migrations, förbund and parties, users,
 * sessions, login throttling, API tokens, needs and calls, the
 * append-only audit log and transactions. Part 2 (cases, follow-up,
 * Finsam) is test_store_case.c; the fixture is store_fixture.h. Tests
 * drive store.h only, except where the database itself must be shown to
 * refuse something (a raw connection to the same database). The suite
 * runs on SQLite, and on PostgreSQL with BERED_TEST_PG set.
 */
#include "store_fixture.h"

/* ---- lifecycle ---------------------------------------------------------- */

static void
test_store_migrate_idempotent(void **state)
{
	struct fix *x = *state;
	struct store *s2 = NULL;
	struct forbund_brief *fb;
	sqlite3_stmt *st;
	struct raw *db;
	char err[256];
	size_t n;
	int dbv, binv;

	assert_int_equal(store_migrate(x->s, err, sizeof(err)), B_OK);
	assert_int_equal(store_migrate(x->s, err, sizeof(err)), B_OK);
	assert_int_equal(store_schema_version(x->s, &dbv, &binv), B_OK);
	assert_int_equal(dbv, binv);
	assert_true(binv >= 2);
	/* WAL is a property of the file: the pragmas reached it. */
	db = raw_open(x);
	if (db->lite != NULL) {
		assert_int_equal(sqlite3_prepare_v2(db->lite,
				     "PRAGMA journal_mode", -1, &st, NULL),
		    SQLITE_OK);
		assert_int_equal(sqlite3_step(st), SQLITE_ROW);
		assert_string_equal((const char *)sqlite3_column_text(st, 0),
		    "wal");
		sqlite3_finalize(st);
	}
	raw_close(db);
	/* A second connection migrating the same file changes nothing. */
	assert_int_equal(store_open(x->path, &s2, err, sizeof(err)), B_OK);
	assert_int_equal(store_migrate(s2, err, sizeof(err)), B_OK);
	assert_int_equal(store_forbund_list(s2, &fb, &n), B_OK);
	assert_int_equal(n, 2);
	free(fb);
	store_close(s2);
	store_close(NULL);
}

static void
test_store_newer_db_refused(void **state)
{
	struct fix *x = *state;
	struct raw *db = raw_open(x);
	char err[256] = "", want[128];
	int dbv, binv;

	assert_int_equal(raw_exec(db,
			     "INSERT INTO schema_version (version, "
			     "applied_at) VALUES (99, '2030-01-01T00:00:00Z')"),
	    0);
	raw_close(db);
	assert_int_equal(store_migrate(x->s, err, sizeof(err)), B_CONFLICT);
	assert_int_equal(store_schema_version(x->s, &dbv, &binv), B_OK);
	assert_int_equal(dbv, 99);
	snprintf(want, sizeof(want),
	    "Databasen har schemaversion 99 men "
	    "denna bered känner bara till %d; uppgradera bered.",
	    binv);
	assert_string_equal(err, want);
}

static void
test_store_open_urls(void **state)
{
	struct store *s = (struct store *)(uintptr_t)1; /* must be reset */
	char err[256] = "";

	(void)state;
	/* PostgreSQL that cannot be reached: 503's cause, not a crash. */
	assert_int_equal(store_open("postgresql://bered@127.0.0.1:1/bered", &s,
			     err, sizeof(err)),
	    B_UNAVAILABLE);
	assert_null(s);
	assert_true(strncmp(err, "Kan inte ansluta till PostgreSQL", 32) == 0);
	assert_int_not_equal(store_open("/nonexistent-dir/x/bered.db", &s, err,
				 sizeof(err)),
	    B_OK);
	assert_null(s);
	assert_true(strlen(err) > 0);
}

/* ---- förbund and users -------------------------------------------------- */

static void
test_store_forbund(void **state)
{
	struct fix *x = *state;
	struct forbund *f = calloc(1, sizeof(*f));
	struct forbund_brief *list;
	struct party p;
	char(*codes)[8];
	int64_t id;
	size_t n, ncodes;

	assert_int_equal(store_forbund_get(x->s, x->fb1, f), B_OK);
	assert_string_equal(f->name, "Samordningsförbundet Sydväst");
	assert_int_equal(f->nparties, 5);
	/* FK, AF, kommuner by name, regioner. */
	assert_int_equal(f->parties[0].kind, PK_FK);
	assert_int_equal(f->parties[1].kind, PK_AF);
	assert_string_equal(f->parties[2].name, "Lunds kommun");
	assert_string_equal(f->parties[3].name, "Malmö stad");
	assert_string_equal(f->parties[3].code, "1280");
	assert_int_equal(f->parties[4].kind, PK_REGION);
	assert_int_equal(f->parties[4].forbund_id, x->fb1);
	assert_int_equal(store_forbund_get(x->s, 9999, f), B_NOTFOUND);

	assert_int_equal(store_forbund_list(x->s, &list, &n), B_OK);
	assert_int_equal(n, 2);
	assert_string_equal(list[0].name, "Samordningsförbundet Norr");
	assert_int_equal(list[1].nparties, 5);
	free(list);

	assert_int_equal(store_party_get(x->s, x->skane, &p), B_OK);
	assert_string_equal(p.name, "Region Skåne");
	assert_string_equal(p.code, "12");
	assert_int_equal(p.kind, PK_REGION);
	assert_int_equal(store_party_get(x->s, 9999, &p), B_NOTFOUND);
	/* 1280, 1281, 0180: Malmö counts once though in two förbund. */
	assert_int_equal(store_member_kommuner(x->s, &codes, &ncodes), B_OK);
	assert_int_equal(ncodes, 3);
	free(codes);

	/* A name already taken is refused, also in other (ASCII) case. */
	assert_int_equal(store_forbund_get(x->s, x->fb1, f), B_OK);
	assert_int_equal(store_forbund_create(x->s, f, 0, &id), B_CONFLICT);
	f->name[0] = 's';
	assert_int_equal(store_forbund_create(x->s, f, 0, &id), B_CONFLICT);

	memset(f, 0, sizeof(*f));
	assert_int_equal(store_forbund_create(x->s, f, 0, &id), B_INVALID);
	free(f);
}

static void
test_store_users(void **state)
{
	struct fix *x = *state;
	struct user u, got, *list;
	char hash[128];
	int64_t id;
	size_t n;
	struct raw *db;

	assert_int_equal(store_user_get(x->s, x->user, &got), B_OK);
	assert_string_equal(got.name, "Karin Kansli");
	assert_int_equal(got.role, ROLE_KANSLI);
	assert_int_equal(got.forbund_id, x->fb1);
	assert_int_equal(got.party_id, 0);
	assert_int_equal(store_user_by_email(x->s, "KANSLI@Sydvast.se", &got,
			     hash, sizeof(hash)),
	    B_OK);
	assert_int_equal(got.id, x->user);
	assert_string_equal(hash, "$argon2id$hash");
	assert_int_equal(store_user_by_email(x->s, "nobody@x.se", &got, NULL,
			     0),
	    B_NOTFOUND);

	memset(&u, 0, sizeof(u));
	snprintf(u.email, sizeof(u.email), "Kansli@SYDVAST.se");
	snprintf(u.name, sizeof(u.name), "Dubblett");
	u.role = ROLE_ADMIN;
	assert_int_equal(store_user_create(x->s, &u, "h", 0, &id), B_CONFLICT);

	snprintf(u.email, sizeof(u.email), "ledamot@malmo.se");
	u.role = ROLE_LEDAMOT;
	u.forbund_id = x->fb1;
	u.party_id = x->sthlm; /* a party of another förbund */
	assert_int_equal(store_user_create(x->s, &u, "h", 0, &id), B_INVALID);
	u.party_id = x->malmo;
	u.forbund_id = 9999;
	assert_int_equal(store_user_create(x->s, &u, "h", 0, &id), B_INVALID);
	u.forbund_id = x->fb1;
	assert_int_equal(store_user_create(x->s, &u, "secret-hash", x->user,
			     &id),
	    B_OK);
	assert_int_equal(store_user_get(x->s, id, &got), B_OK);
	assert_int_equal(got.party_id, x->malmo);

	assert_int_equal(store_user_list(x->s, x->fb1, &list, &n), B_OK);
	assert_int_equal(n, 2);
	free(list);
	assert_int_equal(store_user_list(x->s, x->fb2, &list, &n), B_OK);
	assert_int_equal(n, 0);
	free(list);
	assert_int_equal(store_user_list(x->s, 0, &list, &n), B_OK);
	assert_int_equal(n, 2);
	free(list);

	/* Audited, and never with a password hash. */
	db = raw_open(x);
	assert_int_equal(raw_count(db,
			     "SELECT COUNT(*) FROM audit WHERE "
			     "entity = 'user'"),
	    2);
	assert_int_equal(
	    raw_count(db,
		"SELECT COUNT(*) FROM audit WHERE "
		"old_value LIKE '%hash%' OR new_value LIKE '%hash%' OR "
		"comment LIKE '%hash%'"),
	    0);
	raw_close(db);
}

/* ---- sessions, throttling, tokens --------------------------------------- */

static void
test_store_sessions(void **state)
{
	struct fix *x = *state;
	struct session in, got;

	memset(&in, 0, sizeof(in));
	snprintf(in.id_hash, sizeof(in.id_hash), "%064d", 1);
	snprintf(in.csrf, sizeof(in.csrf), "csrf-token");
	in.user_id = x->user;
	in.created = 1000;
	in.last_seen = 1000;
	assert_int_equal(store_session_create(x->s, &in), B_OK);
	assert_int_equal(store_session_create(x->s, &in), B_CONFLICT);
	assert_int_equal(store_session_get(x->s, in.id_hash, &got), B_OK);
	assert_int_equal(got.user_id, x->user);
	assert_string_equal(got.csrf, "csrf-token");
	assert_int_equal(got.created, 1000);
	assert_int_equal(store_session_touch(x->s, in.id_hash, 2000), B_OK);
	assert_int_equal(store_session_get(x->s, in.id_hash, &got), B_OK);
	assert_int_equal(got.last_seen, 2000);
	assert_int_equal(store_session_touch(x->s, "nope", 2000), B_NOTFOUND);
	assert_int_equal(store_session_get(x->s, "nope", &got), B_NOTFOUND);

	/* Idle since before 1500: not yet; created before 1001: yes. */
	assert_int_equal(store_session_purge(x->s, 1500, 500), B_OK);
	assert_int_equal(store_session_get(x->s, in.id_hash, &got), B_OK);
	assert_int_equal(store_session_purge(x->s, 1500, 1001), B_OK);
	assert_int_equal(store_session_get(x->s, in.id_hash, &got), B_NOTFOUND);

	in.id_hash[0] = 'a';
	assert_int_equal(store_session_create(x->s, &in), B_OK);
	assert_int_equal(store_session_delete(x->s, in.id_hash), B_OK);
	assert_int_equal(store_session_get(x->s, in.id_hash, &got), B_NOTFOUND);
	in.user_id = 9999;
	assert_int_equal(store_session_create(x->s, &in), B_NOTFOUND);
}

static void
test_store_throttle(void **state)
{
	struct fix *x = *state;
	struct throttle_key keys[2] = { { "u:a@b.se", 2 },
		{ "ip:10.0.0.1", 3 } };
	struct throttle_key other[2] = { { "u:c@d.se", 2 },
		{ "ip:10.0.0.1", 3 } };
	bool ok;

	/* Two attempts for the account, then refused without counting. */
	assert_int_equal(store_throttle_take(x->s, keys, 2, 100, 0, &ok), B_OK);
	assert_true(ok);
	assert_int_equal(store_throttle_take(x->s, keys, 2, 200, 0, &ok), B_OK);
	assert_true(ok);
	assert_int_equal(store_throttle_take(x->s, keys, 2, 300, 0, &ok), B_OK);
	assert_false(ok);
	/* The window: attempts before `since` do not count. */
	assert_int_equal(store_throttle_take(x->s, keys, 2, 300, 150, &ok),
	    B_OK);
	assert_true(ok);
	/* The address has used its three: another account is refused too. */
	assert_int_equal(store_throttle_take(x->s, other, 2, 300, 0, &ok),
	    B_OK);
	assert_false(ok);
	/* A release gives one back to the address; clear forgets the account.
	 */
	assert_int_equal(store_throttle_release(x->s, "ip:10.0.0.1"), B_OK);
	assert_int_equal(store_throttle_take(x->s, other, 2, 300, 0, &ok),
	    B_OK);
	assert_true(ok);
	assert_int_equal(store_throttle_clear(x->s, "u:a@b.se"), B_OK);
	assert_int_equal(store_throttle_release(x->s, "ip:10.0.0.1"), B_OK);
	assert_int_equal(store_throttle_take(x->s, keys, 2, 300, 0, &ok), B_OK);
	assert_true(ok);
}

static void
test_store_tokens(void **state)
{
	struct fix *x = *state;
	struct api_token *list;
	struct user u;
	int64_t id, id2, other, uid;
	size_t n;

	memset(&u, 0, sizeof(u));
	snprintf(u.email, sizeof(u.email), "annan@x.se");
	snprintf(u.name, sizeof(u.name), "Annan");
	u.role = ROLE_NATIONELL;
	assert_int_equal(store_user_create(x->s, &u, NULL, 0, &other), B_OK);

	assert_int_equal(store_token_create(x->s, x->user, "CI", "hash-1", &id),
	    B_OK);
	assert_int_equal(store_token_create(x->s, other, "Annans", "hash-1",
			     &id2),
	    B_CONFLICT);
	assert_int_equal(store_token_create(x->s, other, "Annans", "hash-2",
			     &id2),
	    B_OK);
	assert_int_equal(store_token_create(x->s, 9999, "x", "hash-3", &uid),
	    B_NOTFOUND);
	assert_int_equal(store_token_user(x->s, "hash-1", &uid), B_OK);
	assert_int_equal(uid, x->user);
	assert_int_equal(store_token_user(x->s, "hash-x", &uid), B_NOTFOUND);

	assert_int_equal(store_token_list(x->s, x->user, &list, &n), B_OK);
	assert_int_equal(n, 1);
	assert_string_equal(list[0].name, "CI");
	assert_false(list[0].revoked);
	assert_int_equal(strlen(list[0].created_at), 20);
	free(list);

	/* Another user's token is "not found" to this user. */
	assert_int_equal(store_token_revoke(x->s, x->user, id2), B_NOTFOUND);
	assert_int_equal(store_token_user(x->s, "hash-2", &uid), B_OK);
	assert_int_equal(store_token_revoke(x->s, x->user, id), B_OK);
	assert_int_equal(store_token_revoke(x->s, x->user, id), B_OK);
	assert_int_equal(store_token_user(x->s, "hash-1", &uid), B_NOTFOUND);
	assert_int_equal(store_token_list(x->s, x->user, &list, &n), B_OK);
	assert_int_equal(n, 1);
	assert_true(list[0].revoked);
	free(list);
}

/* ---- needs and calls ---------------------------------------------------- */

static void
test_store_needs_calls(void **state)
{
	struct fix *x = *state;
	struct need nd, got, *nl;
	struct utlysning c, cg, *cl;
	size_t n;

	memset(&nd, 0, sizeof(nd));
	nd.forbund_id = x->fb1;
	snprintf(nd.malgrupp, sizeof(nd.malgrupp), "Unga vuxna 18-29");
	snprintf(nd.behov, sizeof(nd.behov), "Stöd till arbete");
	assert_int_equal(store_need_create(x->s, &nd, x->user), B_OK);
	assert_true(nd.id > 0);
	assert_int_equal(strlen(nd.created_on), 10);
	assert_int_equal(store_need_get(x->s, nd.id, &got), B_OK);
	assert_string_equal(got.malgrupp, "Unga vuxna 18-29");
	assert_string_equal(got.utbud, "");
	assert_int_equal(store_need_list(x->s, x->fb1, &nl, &n), B_OK);
	assert_int_equal(n, 1);
	free(nl);
	assert_int_equal(store_need_list(x->s, x->fb2, &nl, &n), B_OK);
	assert_int_equal(n, 0);
	free(nl);
	nd.forbund_id = 9999;
	assert_int_equal(store_need_create(x->s, &nd, x->user), B_NOTFOUND);
	assert_int_equal(store_need_get(x->s, 9999, &got), B_NOTFOUND);

	memset(&c, 0, sizeof(c));
	snprintf(c.title, sizeof(c.title), "Insatser mot utanförskap");
	snprintf(c.closes, sizeof(c.closes), "2025-03-01");
	c.esf_share_pct = 60;
	assert_int_equal(store_call_create(x->s, &c, x->user), B_OK);
	snprintf(c.title, sizeof(c.title), "Senare utlysning");
	snprintf(c.closes, sizeof(c.closes), "2026-03-01");
	assert_int_equal(store_call_create(x->s, &c, x->user), B_OK);
	snprintf(c.closes, sizeof(c.closes), "2026-02-30");
	assert_int_equal(store_call_create(x->s, &c, x->user), B_INVALID);
	snprintf(c.closes, sizeof(c.closes), "2026-02-28");
	c.esf_share_pct = 101;
	assert_int_equal(store_call_create(x->s, &c, x->user), B_INVALID);
	assert_int_equal(store_call_list(x->s, &cl, &n), B_OK);
	assert_int_equal(n, 2);
	assert_string_equal(cl[0].title, "Senare utlysning");
	assert_int_equal(cl[1].esf_share_pct, 60);
	assert_int_equal(store_call_get(x->s, cl[1].id, &cg), B_OK);
	assert_string_equal(cg.title, "Insatser mot utanförskap");
	assert_string_equal(cg.opens, "");
	free(cl);
}

static void
test_store_audit_append_only(void **state)
{
	struct fix *x = *state;
	struct arende *a = new_case(x, KIND_ESF, "Historik");
	struct raw *db = raw_open(x);
	int64_t before;

	before = raw_count(db, "SELECT COUNT(*) FROM audit");
	assert_true(before > 0);
	assert_int_equal(raw_exec(db, "UPDATE audit SET comment = 'x'"),
	    RAW_REFUSED);
	assert_int_equal(raw_exec(db, "DELETE FROM audit"), RAW_REFUSED);
	assert_int_equal(raw_count(db, "SELECT COUNT(*) FROM audit"), before);
	assert_int_equal(raw_count(db,
			     "SELECT COUNT(*) FROM audit WHERE "
			     "comment = 'x'"),
	    0);
	raw_close(db);
	free(a);
}

/* The caller's transaction wraps the store's own (savepoints). */
static void
test_store_transaction(void **state)
{
	struct fix *x = *state;
	struct case_filter f = { 0, -1, -1, 0, 0, 0 };
	struct arende *a;
	int64_t cnt;

	assert_int_equal(store_begin(x->s), B_OK);
	a = new_case(x, KIND_ESF, "Ångras");
	assert_int_equal(store_rollback(x->s), B_OK);
	assert_int_equal(store_case_count(x->s, &f, &cnt), B_OK);
	assert_int_equal(cnt, 0);
	free(a);
	assert_int_equal(store_begin(x->s), B_OK);
	a = new_case(x, KIND_ESF, "Behålls");
	assert_int_equal(store_commit(x->s), B_OK);
	assert_int_equal(store_case_count(x->s, &f, &cnt), B_OK);
	assert_int_equal(cnt, 1);
	free(a);
}

/* store_set_now backdates every stamp until it is set back to 0. */
static void
test_store_set_now(void **state)
{
	struct fix *x = *state;
	struct arende *a, *b;
	struct raw *db;
	char sql[160];

	store_set_now(x->s, (int64_t)20000 * 86400 + 3600);
	a = new_case(x, KIND_ESF, "Bakåtdaterad");
	move(x, a, ST_UTFORMNING, "Steg");
	store_set_now(x->s, 0);
	b = new_case(x, KIND_ESF, "Nu");
	db = raw_open(x);
	snprintf(sql, sizeof(sql),
	    "SELECT COUNT(*) FROM arende WHERE id = "
	    "%lld AND created_at = '2024-10-04T01:00:00Z' AND updated_at = "
	    "created_at",
	    (long long)a->id);
	assert_int_equal(raw_count(db, sql), 1);
	snprintf(sql, sizeof(sql),
	    "SELECT COUNT(*) FROM audit WHERE "
	    "entity = 'arende' AND entity_id = %lld AND at <> "
	    "'2024-10-04T01:00:00Z'",
	    (long long)a->id);
	assert_int_equal(raw_count(db, sql), 0);
	snprintf(sql, sizeof(sql),
	    "SELECT COUNT(*) FROM audit WHERE "
	    "entity = 'arende' AND entity_id = %lld AND at > '2025'",
	    (long long)b->id);
	assert_true(raw_count(db, sql) > 0);
	raw_close(db);
	free(a);
	free(b);
}

/* store_user_set_pwhash replaces the hash; the audit row holds no hash. */
static void
test_store_user_set_pwhash(void **state)
{
	struct fix *x = *state;
	struct user u;
	char hash[160];
	struct raw *db;

	assert_int_equal(store_user_set_pwhash(x->s, x->user, "$argon2id$ny"),
	    B_OK);
	assert_int_equal(store_user_by_email(x->s, "kansli@sydvast.se", &u,
			     hash, sizeof(hash)),
	    B_OK);
	assert_string_equal(hash, "$argon2id$ny");
	assert_int_equal(u.id, x->user);
	assert_int_equal(store_user_set_pwhash(x->s, 9999, "$argon2id$x"),
	    B_NOTFOUND);
	assert_int_equal(store_user_set_pwhash(x->s, x->user, ""), B_INVALID);
	db = raw_open(x);
	assert_int_equal(raw_count(db,
			     "SELECT COUNT(*) FROM audit WHERE "
			     "field = 'pwhash'"),
	    1);
	assert_int_equal(
	    raw_count(db,
		"SELECT COUNT(*) FROM audit WHERE "
		"field = 'pwhash' AND entity = 'user' AND old_value IS NULL AND "
		"new_value IS NULL"),
	    1);
	raw_close(db);
}

/*
 * A read snapshot (one web request) sees the database as it was when it
 * began. A write through the store ends it first, and a save from a
 * version read in the snapshot that another connection changed since is
 * a B_CONFLICT: never a lost update, never SQLITE_BUSY_SNAPSHOT.
 */
static void
test_store_read_snapshot(void **state)
{
	struct fix *x = *state;
	struct arende *a = new_case(x, KIND_ESF, "Ögonblicksbild");
	struct arende *b = malloc(sizeof(*b)), *after = malloc(sizeof(*after));
	struct raw *db = raw_open(x);
	char sql[128];

	assert_int_equal(store_read_begin(x->s), B_OK);
	assert_int_equal(store_case_get(x->s, a->id, b), B_OK);
	snprintf(sql, sizeof(sql),
	    "UPDATE arende SET title = 'Ändrad', "
	    "version = version + 1 WHERE id = %lld",
	    (long long)a->id);
	assert_int_equal(raw_exec(db, sql), 0);
	assert_int_equal(store_case_get(x->s, a->id, b), B_OK);
	assert_string_equal(b->title, "Ögonblicksbild");
	*after = *b;
	snprintf(after->title, sizeof(after->title), "Från gammal läsning");
	assert_int_equal(store_case_save(x->s, b, after, x->user, ""),
	    B_CONFLICT);
	/* The write ended the snapshot: reads see the other change now. */
	assert_int_equal(store_case_get(x->s, a->id, b), B_OK);
	assert_string_equal(b->title, "Ändrad");
	store_read_end(x->s);
	store_read_end(x->s);
	raw_close(db);
	free(after);
	free(b);
	free(a);
}

/* A transaction left open in a request is rolled back at its end. */
static void
test_store_read_end_rolls_back(void **state)
{
	struct fix *x = *state;
	struct arende *a;
	struct raw *db = raw_open(x);

	assert_int_equal(store_read_begin(x->s), B_OK);
	assert_int_equal(store_begin(x->s), B_OK);
	a = new_case(x, KIND_ESF, "Lämnad öppen");
	store_read_end(x->s);
	assert_int_equal(raw_count(db,
			     "SELECT COUNT(*) FROM arende WHERE "
			     "title = 'Lämnad öppen'"),
	    0);
	/* The write lock is free again: no waiting. */
	if (db->lite != NULL) {
		sqlite3_busy_timeout(db->lite, 0);
		assert_int_equal(raw_exec(db, "BEGIN IMMEDIATE; COMMIT"), 0);
	} else {
		assert_int_equal(raw_exec(db,
				     "SET lock_timeout = 1; BEGIN; "
				     "SELECT pg_advisory_xact_lock("
				     "4711); COMMIT"),
		    0);
	}
	/* And the store itself writes again. */
	free(a);
	a = new_case(x, KIND_ESF, "Efteråt");
	assert_int_equal(raw_count(db, "SELECT COUNT(*) FROM arende"), 1);
	raw_close(db);
	free(a);
}

static void
test_store_outbox(void **state)
{
	struct fix *x = *state;
	struct mail m, *v = NULL;
	struct notice_mail *nv = NULL;
	int64_t waiting = 0, failing = 0, id;
	size_t n = 0;

	memset(&m, 0, sizeof(m));
	m.user_id = x->user;
	snprintf(m.to, sizeof(m.to), "kansli@skane.se");
	m.subject = "Bered: Väntar på er";
	m.text = "text";
	m.html = "<p>html</p>";
	m.next_try = 1000;
	assert_int_equal(store_mail_queue(x->s, &m, NULL, 0, NULL), B_OK);
	assert_int_equal(store_mail_due(x->s, 999, 10, &v, &n), B_OK);
	assert_int_equal(n, 0);
	assert_int_equal(store_mail_due(x->s, 1000, 10, &v, &n), B_OK);
	assert_int_equal(n, 1);
	assert_string_equal(v[0].subject, "Bered: Väntar på er");
	m.id = v[0].id;
	mails_free(v, n);
	/* Leased: another mail thread (instance) does not get it, unless
	 * the lease runs out. */
	assert_int_equal(store_mail_due(x->s, 1000, 10, &v, &n), B_OK);
	assert_int_equal(n, 0);
	assert_int_equal(store_mail_due(x->s, 1000 + MAIL_LEASE, 10, &v, &n),
	    B_OK);
	assert_int_equal(n, 1);
	mails_free(v, n);
	/* A failure backs off: not due until next_try, and counted. */
	assert_int_equal(store_mail_failed(x->s, m.id, 5000, "refused"), B_OK);
	assert_int_equal(store_mail_due(x->s, 1001, 10, &v, &n), B_OK);
	assert_int_equal(n, 0);
	assert_int_equal(store_mail_list(x->s, 10, &v, &n, &waiting, &failing),
	    B_OK);
	assert_int_equal(n, 1);
	assert_int_equal(v[0].attempts, 1);
	assert_string_equal(v[0].last_error, "refused");
	assert_int_equal(waiting, 1);
	assert_int_equal(failing, 1);
	mails_free(v, n);
	/* A restart wakes it: due at once, and sent only once. */
	assert_int_equal(store_mail_wake(x->s, 1002), B_OK);
	assert_int_equal(store_mail_due(x->s, 1002, 10, &v, &n), B_OK);
	assert_int_equal(n, 1);
	mails_free(v, n);
	assert_int_equal(store_mail_sent(x->s, m.id), B_OK);
	assert_int_equal(store_mail_wake(x->s, 9999), B_OK);
	assert_int_equal(store_mail_due(x->s, 9999, 10, &v, &n), B_OK);
	assert_int_equal(n, 0);
	assert_int_equal(store_mail_list(x->s, 10, &v, &n, &waiting, &failing),
	    B_OK);
	assert_int_equal(waiting, 0);
	assert_true(v[0].sent_at[0] != '\0');
	mails_free(v, n);

	/* A notice is queued once: a second instance that read it waiting
	 * too is refused, and no second mail is queued. */
	assert_int_equal(store_notice_add(x->s, x->user, 0, "prov", "Ämne",
			     "Text"),
	    B_OK);
	assert_int_equal(store_notice_waiting(x->s, &nv, &n), B_OK);
	assert_int_equal(n, 1);
	id = nv[0].id;
	notices_free(nv, n);
	m.next_try = 2000;
	assert_int_equal(store_mail_queue(x->s, &m, &id, 1, NULL), B_OK);
	assert_int_equal(store_mail_queue(x->s, &m, &id, 1, NULL), B_CONFLICT);
	assert_int_equal(store_mail_list(x->s, 10, &v, &n, &waiting, &failing),
	    B_OK);
	assert_int_equal(n, 2);
	assert_int_equal(waiting, 1);
	mails_free(v, n);
}

#define T(f) cmocka_unit_test_setup_teardown(f, setup, teardown)

int
main(void)
{
	const struct CMUnitTest tests[] = {
		T(test_store_migrate_idempotent),
		T(test_store_newer_db_refused),
		cmocka_unit_test(test_store_open_urls),
		T(test_store_forbund),
		T(test_store_users),
		T(test_store_sessions),
		T(test_store_throttle),
		T(test_store_tokens),
		T(test_store_outbox),
		T(test_store_needs_calls),
		T(test_store_audit_append_only),
		T(test_store_transaction),
		T(test_store_set_now),
		T(test_store_user_set_pwhash),
		T(test_store_read_snapshot),
		T(test_store_read_end_rolls_back),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
