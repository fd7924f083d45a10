/*
 * cmd_cli.c - the administrative subcommands: migrate, serve, user add
 * and token create. Each parses its own options (main.c has removed
 * --db), validates them, and answers with the exit status convention of
 * cmd.h: 0 success, 1 refused or failed (one line on stderr), 2 bad usage.
 * Messages are Swedish like the rest of Bered.
 */
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "app/account.h"
#include "app/app.h"
#include "app/calls_import.h"
#include "app/password.h"
#include "app/users.h"
#include "cmd.h"
#include "util/xmalloc.h"
#include "mail/mail.h"
#include "domain/arende.h"
#include "domain/rules.h"
#include "http/http.h"
#include "store/store.h"
#include "util/date.h"
#include "util/fielderr.h"
#include "util/log.h"
#include "util/text.h"

int
cmd_parse_opts(const char *cmd, int argc, char **argv, int start,
    const struct opt *opts, size_t nopts)
{
	for (int i = start; i < argc; i++) {
		const char *a = argv[i], *eq;
		const struct opt *o = NULL;
		size_t len;

		if (strncmp(a, "--", 2) != 0) {
			fprintf(stderr, "bered %s: oväntat argument: %s\n", cmd,
			    a);
			return 2;
		}
		a += 2;
		eq = strchr(a, '=');
		len = eq != NULL ? (size_t)(eq - a) : strlen(a);
		for (size_t k = 0; k < nopts; k++) {
			if (strlen(opts[k].name) == len &&
			    strncmp(opts[k].name, a, len) == 0) {
				o = &opts[k];
			}
		}
		if (o == NULL) {
			fprintf(stderr, "bered %s: okänd flagga: %s\n", cmd,
			    argv[i]);
			return 2;
		}
		if (o->flag != NULL) {
			*o->flag = true;
		} else if (eq != NULL) {
			*o->val = eq + 1;
		} else if (i + 1 < argc) {
			*o->val = argv[++i];
		} else {
			fprintf(stderr, "bered %s: --%s kräver ett värde\n",
			    cmd, o->name);
			return 2;
		}
	}
	return 0;
}

/* Opens db and brings its schema up to date; NULL after a message. */
static struct store *
open_migrated(const char *db)
{
	struct store *s = NULL;
	char err[256];

	if (store_open(db, &s, err, sizeof(err)) != B_OK) {
		/* err names the database and the reason already. */
		fprintf(stderr, "bered: %s\n", err);
		return NULL;
	}
	if (store_migrate(s, err, sizeof(err)) != B_OK) {
		fprintf(stderr, "bered: migreringen misslyckades: %s\n", err);
		store_close(s);
		return NULL;
	}
	return s;
}

/*
 * url as it may be shown: a password in a postgres:// URL ("user:secret@")
 * replaced by "***", so no password reaches the terminal or a log.
 */
static const char *
url_shown(const char *url, char *out, size_t outlen)
{
	const char *at = strchr(url, '@'), *scheme = strstr(url, "://");
	const char *colon;

	snprintf(out, outlen, "%s", url);
	if (scheme == NULL || at == NULL) {
		return out;
	}
	colon = memchr(scheme + 3, ':', (size_t)(at - (scheme + 3)));
	if (colon != NULL && (size_t)(colon - url) + 5 < outlen) {
		/* out holds url: cut it after the user, add the rest. */
		memcpy(out + (colon - url), ":***", 5);
		text_copy(out + (colon - url) + 4,
		    outlen - (size_t)(colon - url) - 4, at);
	}
	return out;
}

int
cmd_migrate(const char *db, int argc, char **argv)
{
	struct store *s;
	char shown[512];
	int have = 0, know = 0;

	if (cmd_parse_opts("migrate", argc, argv, 1, NULL, 0) != 0) {
		return 2;
	}
	if ((s = open_migrated(db)) == NULL) {
		return 1;
	}
	if (store_schema_version(s, &have, &know) == B_OK) {
		printf("Databasen %s har schemaversion %d.\n",
		    url_shown(db, shown, sizeof(shown)), have);
	}
	store_close(s);
	return 0;
}

int
cmd_esf_period(const char *cmd, const char *calls, const char *activity,
    struct esf_config *esf)
{
	if ((calls != NULL && !date_valid(calls)) ||
	    (activity != NULL && !date_valid(activity))) {
		fprintf(stderr, "bered %s: datum ska skrivas ÅÅÅÅ-MM-DD\n",
		    cmd);
		return 2;
	}
	if (calls != NULL) {
		memcpy(esf->calls_until, calls, DATE_LEN);
	}
	if (activity != NULL) {
		memcpy(esf->activity_until, activity, DATE_LEN);
	}
	if (strcmp(esf->calls_until, esf->activity_until) > 0) {
		fprintf(stderr,
		    "bered %s: --esf-calls-until kan inte ligga "
		    "efter --esf-activity-until\n",
		    cmd);
		return 2;
	}
	return 0;
}

static bool
positive_seconds(const char *s, int64_t *out)
{
	return parse_int64(s, out) && *out > 0;
}

/* The serve options into o; 0 or 2 (usage). */
static int
serve_opts(int argc, char **argv, struct serve_opts *o, bool *quiet)
{
	const char *threads = NULL, *calls = NULL, *activity = NULL;
	const char *idle = NULL, *absolute = NULL, *per_ip = NULL, *secure;
	static char base[512];
	int64_t n;
	const struct opt opts[] = {
		{ "listen", &o->listen, NULL },
		{ "threads", &threads, NULL },
		{ "conn-per-ip", &per_ip, NULL },
		{ "smtp", &o->mail_flags.smtp_url, NULL },
		{ "mail-from", &o->mail_flags.from, NULL },
		{ "base-url", &o->mail_flags.base_url, NULL },
		{ "quiet", NULL, quiet },
		{ "trust-proxy", NULL, &o->trust_proxy },
		{ "esf-calls-until", &calls, NULL },
		{ "esf-activity-until", &activity, NULL },
		{ "session-idle", &idle, NULL },
		{ "session-absolute", &absolute, NULL },
	};

	if (cmd_parse_opts("serve", argc, argv, 1, opts,
		sizeof(opts) / sizeof(opts[0])) != 0) {
		return 2;
	}
	if (threads != NULL) {
		if (!parse_int64(threads, &n) || n < 1 || n > 256) {
			fprintf(stderr,
			    "bered serve: --threads ska vara 1-256\n");
			return 2;
		}
		o->threads = (unsigned)n;
	}
	if (per_ip != NULL) {
		if (!parse_int64(per_ip, &n) || n < 1 || n > HTTP_CONN_LIMIT) {
			fprintf(stderr,
			    "bered serve: --conn-per-ip ska vara 1-%d\n",
			    HTTP_CONN_LIMIT);
			return 2;
		}
		o->conn_per_ip = (unsigned)n;
	}
	if (cmd_esf_period("serve", calls, activity, &o->cfg.esf) != 0) {
		return 2;
	}
	if ((idle != NULL && !positive_seconds(idle, &o->cfg.session_idle)) ||
	    (absolute != NULL &&
		!positive_seconds(absolute, &o->cfg.session_absolute))) {
		fprintf(stderr,
		    "bered serve: sessionstider anges i sekunder (> 0)\n");
		return 2;
	}
	if (o->mail_flags.base_url != NULL) {
		/* Links are written as BASE/arenden/ID: no trailing slash. */
		snprintf(base, sizeof(base), "%s", o->mail_flags.base_url);
		for (size_t k = strlen(base); k > 0 && base[k - 1] == '/';) {
			base[--k] = '\0';
		}
		o->mail_flags.base_url = base;
	}
	if (o->mail_flags.smtp_url == NULL &&
	    (o->mail_flags.from != NULL || o->mail_flags.base_url != NULL)) {
		fprintf(stderr,
		    "bered serve: --mail-from och --base-url hör "
		    "till --smtp\n");
		return 2;
	}
	o->cfg.notify = o->mail_flags.smtp_url != NULL;
	secure = getenv("BERED_SECURE_COOKIES");
	o->cfg.secure_cookies = secure != NULL && strcmp(secure, "1") == 0;
	return 0;
}

int
cmd_serve(const char *db, int argc, char **argv)
{
	struct serve_opts o;
	struct store *s;
	bool quiet = false;
	int rc;

	memset(&o, 0, sizeof(o));
	o.db = db;
	o.listen = "127.0.0.1:8080";
	app_config_default(&o.cfg);
	if ((rc = serve_opts(argc, argv, &o, &quiet)) != 0) {
		return rc;
	}
	/* Migrate first, so that a fresh checkout serves at once. */
	if ((s = open_migrated(db)) == NULL) {
		return 1;
	}
	store_close(s);
	log_set_quiet(quiet);
	if (o.mail_flags.smtp_url != NULL) {
		struct mail_opts mo = { .db = db,
			.smtp_url = o.mail_flags.smtp_url,
			.from = o.mail_flags.from,
			.base_url = o.mail_flags.base_url,
			.password = getenv("BERED_SMTP_PASSWORD"),
			.cfg = &o.cfg };

		if (mail_start(&mo) != 0) {
			return 2;
		}
	}
	rc = http_serve(&o);
	mail_stop();
	return rc;
}

/*
 * Prints the problems user_check found in a new user, one line each.
 * Returns 2 (bad usage) if the e-mail, name or password is wrong, else 1
 * (refused: the förbund or party does not fit the role).
 */
static int
user_refused(const struct field_errors *fe)
{
	int rc = 1;

	for (size_t i = 0; i < fe->n; i++) {
		fprintf(stderr, "bered user add: %s\n", fe->e[i].message);
		if (strcmp(fe->e[i].field, "forbund_id") != 0 &&
		    strcmp(fe->e[i].field, "party_id") != 0) {
			rc = 2;
		}
	}
	return rc;
}

static int
user_add(const char *db, int argc, char **argv)
{
	const char *email = NULL, *name = NULL, *role = NULL, *pw = NULL;
	const char *forbund = NULL, *party = NULL;
	const struct opt opts[] = {
		{ "email", &email, NULL },
		{ "name", &name, NULL },
		{ "role", &role, NULL },
		{ "password", &pw, NULL },
		{ "forbund", &forbund, NULL },
		{ "party", &party, NULL },
	};
	char hash[PASSWORD_HASH_LEN];
	struct field_errors fe;
	struct store *s = NULL;
	struct user u;
	int64_t id;
	int rc, err;

	memset(&u, 0, sizeof(u));
	if ((rc = cmd_parse_opts("user add", argc, argv, 2, opts,
		 sizeof(opts) / sizeof(opts[0]))) != 0) {
		return rc;
	}
	if (email == NULL || name == NULL || pw == NULL) {
		fprintf(stderr,
		    "bered user add: --email, --name, --role och "
		    "--password krävs\n");
		return 2;
	}
	if (role == NULL || !role_from_code(role, &u.role)) {
		fprintf(stderr,
		    "bered user add: okänd roll %s (ledamot, kansli, "
		    "styrelse, esf-kansli, nationell, admin)\n",
		    role != NULL ? role : "");
		return 2;
	}
	if ((forbund != NULL &&
		(!parse_int64(forbund, &u.forbund_id) || u.forbund_id < 1)) ||
	    (party != NULL &&
		(!parse_int64(party, &u.party_id) || u.party_id < 1))) {
		fprintf(stderr,
		    "bered user add: --forbund och --party är "
		    "positiva heltal (id)\n");
		return 2;
	}
	if ((size_t)snprintf(u.email, sizeof(u.email), "%s", email) >=
		sizeof(u.email) ||
	    (size_t)snprintf(u.name, sizeof(u.name), "%s", name) >=
		sizeof(u.name)) {
		fprintf(stderr,
		    "bered user add: --email eller --name är för "
		    "lång\n");
		return 2;
	}
	if ((s = open_migrated(db)) == NULL) {
		return 1;
	}
	field_errors_init(&fe);
	rc = 1;
	if ((err = user_check(s, &u, pw, &fe)) != B_OK) {
		fprintf(stderr, "bered user add: databasen kunde inte läsas\n");
		goto out;
	}
	if (fe.n > 0) {
		rc = user_refused(&fe);
		goto out;
	}
	if (password_hash(pw, hash, sizeof(hash)) != 0) {
		fprintf(stderr,
		    "bered user add: lösenordet kunde inte hashas\n");
		goto out;
	}
	err = store_user_create(s, &u, hash, 0, &id);
	if (err == B_CONFLICT) {
		fprintf(stderr,
		    "bered user add: e-postadressen %s finns redan\n", email);
	} else if (err != B_OK) {
		fprintf(stderr,
		    "bered user add: användaren kunde inte sparas\n");
	} else {
		printf("%lld\n", (long long)id);
		rc = 0;
	}
out:
	store_close(s);
	return rc;
}

/* The operator at the command line: acts as an admin, audited as nobody. */
static void
operator_ctx(struct app_ctx *c, struct store *s, struct user *op,
    struct app_config *cfg)
{
	memset(op, 0, sizeof(*op));
	op->role = ROLE_ADMIN;
	op->active = true;
	snprintf(op->name, sizeof(op->name), "kommandoraden");
	app_config_default(cfg);
	app_ctx_init(c, s, op, cfg);
}

static int
user_list(const char *db, int argc, char **argv)
{
	struct store *s;
	struct user *u = NULL;
	size_t n = 0;
	int rc;

	if ((rc = cmd_parse_opts("user list", argc, argv, 2, NULL, 0)) != 0) {
		return rc;
	}
	if ((s = open_migrated(db)) == NULL) {
		return 1;
	}
	if (store_user_list(s, 0, &u, &n) != B_OK) {
		fprintf(stderr,
		    "bered user list: databasen kunde inte läsas\n");
		store_close(s);
		return 1;
	}
	printf("%-6s %-36s %-11s %-8s %-8s %s\n", "id", "e-post", "roll",
	    "förbund", "konto", "namn");
	for (size_t i = 0; i < n; i++) {
		printf("%-6lld %-36s %-11s %-8lld %-8s %s\n",
		    (long long)u[i].id, u[i].email, role_code(u[i].role),
		    (long long)u[i].forbund_id,
		    u[i].active ? "aktivt" : "avstängt", u[i].name);
	}
	free(u);
	store_close(s);
	return 0;
}

/* The user with --email, or NULL (message on stderr). */
static bool
user_by_email_opt(struct store *s, const char *cmd, const char *email,
    struct user *u)
{
	int err = store_user_by_email(s, email, u, NULL, 0);

	if (err == B_NOTFOUND) {
		fprintf(stderr,
		    "bered %s: ingen användare har e-postadressen "
		    "%s\n",
		    cmd, email);
	} else if (err != B_OK) {
		fprintf(stderr, "bered %s: databasen kunde inte läsas\n", cmd);
	}
	return err == B_OK;
}

static int
user_deactivate(const char *db, int argc, char **argv)
{
	const char *email = NULL;
	const struct opt opts[] = { { "email", &email, NULL } };
	struct user_change ch;
	struct field_errors fe;
	struct app_config cfg;
	struct app_ctx c;
	struct user op, u, saved;
	struct store *s;
	int rc;

	if ((rc = cmd_parse_opts("user deactivate", argc, argv, 2, opts, 1)) !=
	    0) {
		return rc;
	}
	if (email == NULL) {
		fprintf(stderr, "bered user deactivate: --email krävs\n");
		return 2;
	}
	if ((s = open_migrated(db)) == NULL) {
		return 1;
	}
	rc = 1;
	if (user_by_email_opt(s, "user deactivate", email, &u)) {
		operator_ctx(&c, s, &op, &cfg);
		memset(&ch, 0, sizeof(ch));
		ch.has_active = true;
		ch.active = false;
		field_errors_init(&fe);
		if (acct_user_update(&c, u.id, &ch, &fe, &saved) == B_OK) {
			printf("%s är avstängd: inloggningar och API-nycklar "
			       "gäller inte längre\n",
			    email);
			rc = 0;
		} else {
			fprintf(stderr,
			    "bered user deactivate: användaren "
			    "kunde inte ändras\n");
		}
	}
	store_close(s);
	return rc;
}

/* A password from standard input: one line, the newline dropped. */
static bool
read_password(char *pw, size_t size)
{
	size_t n;

	if (fgets(pw, (int)size, stdin) == NULL) {
		return false;
	}
	n = strlen(pw);
	if (n > 0 && pw[n - 1] == '\n') {
		pw[--n] = '\0';
		if (n > 0 && pw[n - 1] == '\r') {
			pw[--n] = '\0';
		}
	} else if (!feof(stdin)) {
		return false; /* longer than the buffer */
	}
	return true;
}

static int
user_passwd(const char *db, int argc, char **argv)
{
	const char *email = NULL;
	const struct opt opts[] = { { "email", &email, NULL } };
	char pw[USER_PASSWORD_MAX + 2];
	struct field_errors fe;
	struct app_config cfg;
	struct app_ctx c;
	struct user op, u;
	struct store *s;
	int rc, err;

	if ((rc = cmd_parse_opts("user passwd", argc, argv, 2, opts, 1)) != 0) {
		return rc;
	}
	if (email == NULL) {
		fprintf(stderr,
		    "bered user passwd: --email krävs (lösenordet "
		    "läses från standard in)\n");
		return 2;
	}
	if (!read_password(pw, sizeof(pw))) {
		fprintf(stderr,
		    "bered user passwd: inget lösenord på "
		    "standard in\n");
		return 2;
	}
	if ((s = open_migrated(db)) == NULL) {
		password_wipe(pw, sizeof(pw));
		return 1;
	}
	rc = 1;
	if (user_by_email_opt(s, "user passwd", email, &u)) {
		operator_ctx(&c, s, &op, &cfg);
		field_errors_init(&fe);
		err = acct_password_set(&c, u.id, pw, false, &fe);
		for (size_t i = 0; i < fe.n; i++) {
			fprintf(stderr, "bered user passwd: %s\n",
			    fe.e[i].message);
		}
		if (err == B_OK) {
			printf("Lösenordet för %s är bytt; alla hens "
			       "inloggningar har avslutats\n",
			    email);
			rc = 0;
		} else if (err == B_INVALID) {
			rc = 2;
		}
	}
	password_wipe(pw, sizeof(pw));
	store_close(s);
	return rc;
}

int
cmd_user(const char *db, int argc, char **argv)
{
	if (argc >= 2 && strcmp(argv[1], "add") == 0) {
		return user_add(db, argc, argv);
	}
	if (argc >= 2 && strcmp(argv[1], "list") == 0) {
		return user_list(db, argc, argv);
	}
	if (argc >= 2 && strcmp(argv[1], "deactivate") == 0) {
		return user_deactivate(db, argc, argv);
	}
	if (argc >= 2 && strcmp(argv[1], "passwd") == 0) {
		return user_passwd(db, argc, argv);
	}
	fprintf(stderr,
	    "bered user: använd \"bered user add|list|deactivate|passwd "
	    "...\" (se bered user --help)\n");
	return 2;
}

static int
token_create(const char *db, int argc, char **argv)
{
	const char *email = NULL, *name = "cli";
	const struct opt opts[] = {
		{ "email", &email, NULL },
		{ "name", &name, NULL },
	};
	char tok[65], hash[65];
	struct store *s;
	struct user u;
	int64_t id;
	int rc = 1;

	if (cmd_parse_opts("token create", argc, argv, 2, opts,
		sizeof(opts) / sizeof(opts[0])) != 0) {
		return 2;
	}
	if (email == NULL || email[0] == '\0' || strlen(name) >= NAME_MAX_ ||
	    !text_valid_utf8(name, false)) {
		fprintf(stderr,
		    "bered token create: --email krävs (och --name "
		    "högst %d tecken)\n",
		    NAME_MAX_ - 1);
		return 2;
	}
	if ((s = open_migrated(db)) == NULL) {
		return 1;
	}
	if (store_user_by_email(s, email, &u, NULL, 0) != B_OK) {
		fprintf(stderr,
		    "bered token create: ingen användare med "
		    "e-postadressen %s\n",
		    email);
		goto out;
	}
	token_new(tok, hash);
	if (store_token_create(s, u.id, name, hash, &id) != B_OK) {
		fprintf(stderr,
		    "bered token create: nyckeln kunde inte sparas\n");
		goto out;
	}
	printf("%s\n", tok);
	rc = 0;
out:
	password_wipe(tok, sizeof(tok));
	store_close(s);
	return rc;
}

int
cmd_token(const char *db, int argc, char **argv)
{
	if (argc >= 2 && strcmp(argv[1], "create") == 0) {
		return token_create(db, argc, argv);
	}
	fprintf(stderr,
	    "bered token: använd \"bered token create --email E\" "
	    "(se bered token --help)\n");
	return 2;
}

/* bered calls import FILE: the same import as the API, from a file. */
int
cmd_calls(const char *db, int argc, char **argv)
{
	struct import_result *res;
	struct app_config cfg;
	struct app_ctx c;
	struct user op;
	struct store *s;
	struct buf text;
	char chunk[8192];
	size_t got;
	FILE *f;
	int rc = 1, err;

	if (argc < 3 || strcmp(argv[1], "import") != 0 || argv[2][0] == '-') {
		fprintf(stderr,
		    "bered calls: använd \"bered calls import "
		    "FIL\" (se bered calls --help)\n");
		return 2;
	}
	if ((rc = cmd_parse_opts("calls import", argc, argv, 3, NULL, 0)) !=
	    0) {
		return rc;
	}
	if ((f = fopen(argv[2], "rb")) == NULL) {
		fprintf(stderr, "bered calls import: kan inte läsa %s\n",
		    argv[2]);
		return 1;
	}
	buf_init(&text);
	while ((got = fread(chunk, 1, sizeof(chunk), f)) > 0 &&
	    text.len < 16 * 1024 * 1024) {
		buf_append(&text, chunk, got);
	}
	fclose(f);
	if ((s = open_migrated(db)) == NULL) {
		buf_free(&text);
		return 1;
	}
	res = xmalloc(sizeof(*res));
	operator_ctx(&c, s, &op, &cfg);
	err = calls_import(&c, text.p != NULL ? text.p : "", text.len, res);
	if (err == B_OK) {
		printf("%d nya och %d uppdaterade utlysningar\n", res->created,
		    res->updated);
		rc = 0;
	} else if (err == B_INVALID) {
		for (size_t i = 0; i < res->n; i++) {
			fprintf(stderr, "bered calls import: rad %d, %s: %s\n",
			    res->e[i].line, res->e[i].field, res->e[i].message);
		}
		fprintf(stderr, "bered calls import: inget lästes in\n");
		rc = 1;
	} else {
		fprintf(stderr,
		    "bered calls import: utlysningarna kunde inte "
		    "sparas\n");
		rc = 1;
	}
	free(res);
	store_close(s);
	buf_free(&text);
	return rc;
}

/*
 * bered backup FILE: a consistent copy of the database while the server
 * runs (SQLite's online backup API), never over an existing file. For
 * PostgreSQL the README shows pg_dump.
 */
int
cmd_backup(const char *db, int argc, char **argv)
{
	struct store *s = NULL;
	char err[512];
	int rc;

	if (argc < 2 || argv[1][0] == '-') {
		fprintf(stderr,
		    "bered backup: använd \"bered backup FIL\" (se bered "
		    "backup --help)\n");
		return 2;
	}
	if ((rc = cmd_parse_opts("backup", argc, argv, 2, NULL, 0)) != 0) {
		return rc;
	}
	if (store_open(db, &s, err, sizeof(err)) != B_OK) {
		fprintf(stderr, "bered: %s\n", err);
		return 1;
	}
	rc = store_backup(s, argv[1], err, sizeof(err));
	store_close(s);
	if (rc != B_OK) {
		fprintf(stderr, "bered backup: %s\n", err);
		return 1;
	}
	printf("Säkerhetskopian av %s finns i %s.\n", db, argv[1]);
	return 0;
}

/* Opens the source of migrate-data: it must be at this binary's version. */
static struct store *
open_source(const char *from)
{
	struct store *s = NULL;
	char err[512];
	int have = 0, know = 0;

	if (store_open(from, &s, err, sizeof(err)) != B_OK) {
		fprintf(stderr, "bered migrate-data: %s\n", err);
		return NULL;
	}
	if (store_schema_version(s, &have, &know) != B_OK || have != know) {
		fprintf(stderr,
		    "bered migrate-data: källan har schemaversion %d, denna "
		    "bered %d; kör först bered migrate --db på källan.\n",
		    have, know);
		store_close(s);
		return NULL;
	}
	return s;
}

/* Prints what store_copy did, table by table. */
static void
print_copy(const struct copy_table *v, size_t n)
{
	int64_t rows = 0;

	for (size_t i = 0; i < n; i++) {
		if (v[i].name[0] == '\0') {
			continue;
		}
		printf("  %-24s %9lld rader  sha256 %.16s…  %s\n", v[i].name,
		    (long long)v[i].rows, v[i].sha256,
		    v[i].same ? "lika" : "SKILJER SIG");
		rows += v[i].rows;
	}
	printf("%lld rader i %zu tabeller.\n", (long long)rows, n);
}

/*
 * bered migrate-data --from URL --to URL: moves a förbund's database (a
 * SQLite file) into another (PostgreSQL), which must be new and empty:
 * migrated here, filled in one transaction, then every table read back
 * from both and compared by row count and SHA-256. Nothing is written to
 * the source. Exit 1 with the reason if anything differs or is refused.
 */
int
cmd_migrate_data(const char *db, int argc, char **argv)
{
	const char *from = NULL, *to = NULL;
	const struct opt opts[] = { { "from", &from, NULL },
		{ "to", &to, NULL } };
	struct store *src = NULL, *dst = NULL;
	struct copy_table *v = NULL;
	char err[512], a[512], b[512];
	size_t n = 0;
	int rc;

	(void)db;
	if ((rc = cmd_parse_opts("migrate-data", argc, argv, 1, opts, 2)) !=
	    0) {
		return rc;
	}
	if (from == NULL || to == NULL || from[0] == '\0' || to[0] == '\0') {
		fprintf(stderr,
		    "bered migrate-data: ange --from URL och "
		    "--to URL\n");
		return 2;
	}
	if ((src = open_source(from)) == NULL ||
	    (dst = open_migrated(to)) == NULL) {
		rc = 1;
		goto out;
	}
	rc = store_copy(src, dst, &v, &n, err, sizeof(err));
	if (rc != B_OK) {
		/* One line, naming the table (the command-line convention). */
		fprintf(stderr, "bered migrate-data: %s\n", err);
		rc = 1;
		goto out;
	}
	print_copy(v, n);
	printf("%s är flyttad till %s: antal rader och kontrollsummor "
	       "stämmer i varje tabell.\n",
	    url_shown(from, a, sizeof(a)), url_shown(to, b, sizeof(b)));
out:
	free(v);
	store_close(dst);
	store_close(src);
	return rc;
}
