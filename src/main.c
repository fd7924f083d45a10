/*
 * main.c - the `bered` binary: one static table of subcommands, the
 * options every subcommand shares (--db, --help) and the exit status
 * convention (0 success, 1 refused or failed, 2 bad usage). The commands
 * themselves live in cmd_*.c and parse their own options.
 */
#include <errno.h>
#include <sodium.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

#include "cmd/cmd.h"
#include "util/xmalloc.h"

#define BERED_VERSION "0.1.0"
#define DEFAULT_DB    "var/bered.db"

struct command {
	const char *name;
	int (*fn)(const char *db, int argc, char **argv);
	const char *usage;
	const char *summary;
};

static const struct command commands[] = {
	{ "migrate", cmd_migrate, "bered migrate [--db URL]",
	    "skapar eller uppgraderar databasschemat (säkert att köra igen)" },
	{ "serve", cmd_serve,
	    "bered serve [--db URL] [--listen HOST:PORT] [--threads N] [--quiet]\n"
	    "            [--esf-calls-until ÅÅÅÅ-MM-DD] "
	    "[--esf-activity-until ÅÅÅÅ-MM-DD]\n"
	    "            [--session-idle SEKUNDER] [--session-absolute SEKUNDER]\n"
	    "            [--trust-proxy]  (klientadress från X-Forwarded-For)\n"
	    "            [--conn-per-ip N]  (anslutningar per adress, 64)\n"
	    "            [--smtp smtp://VÄRD:PORT --mail-from ADRESS "
	    "--base-url URL]\n"
	    "  Miljö: BERED_SECURE_COOKIES=1 (bakom TLS), BERED_SMTP_PASSWORD",
	    "kör webbgränssnittet och API:t tills SIGINT/SIGTERM" },
	{ "user", cmd_user,
	    "bered user add --email E --name N --role R --password P\n"
	    "               [--forbund ID] [--party ID] [--db URL]\n"
	    "  R: ledamot, kansli, styrelse, esf-kansli, nationell, admin\n"
	    "bered user list [--db URL]\n"
	    "bered user deactivate --email E [--db URL]\n"
	    "bered user passwd --email E [--db URL]  (lösenordet på standard "
	    "in)",
	    "lägger till, listar, stänger av användare och byter lösenord" },
	{ "calls", cmd_calls,
	    "bered calls import FIL [--db URL]\n"
	    "  FIL: CSV med rubrikraden title;reference;opens;closes;focus;"
	    "esf_share",
	    "läser in ESF-rådets utlysningsplan (allt eller inget)" },
	{ "token", cmd_token,
	    "bered token create --email E [--name N] [--db URL]",
	    "skriver ut en ny API-nyckel för användaren" },
	{ "backup", cmd_backup, "bered backup FIL [--db URL]",
	    "gör en säkerhetskopia av databasen medan servern kör" },
	{ "migrate-data", cmd_migrate_data,
	    "bered migrate-data --from URL --to URL\n"
	    "  t.ex. --from var/bered.db --to postgresql://bered@värd/bered",
	    "flyttar all data till en ny, tom databas och jämför" },
	{ "demo", cmd_demo,
	    "bered demo [--db URL] [--esf-calls-until ÅÅÅÅ-MM-DD] "
	    "[--esf-activity-until ÅÅÅÅ-MM-DD]",
	    "fyller databasen med realistiska demodata" },
};

#define NCOMMANDS (sizeof(commands) / sizeof(commands[0]))

static void
usage(FILE *f)
{
	fprintf(f, "Användning: bered KOMMANDO [FLAGGOR]\n\nKommandon:\n");
	for (size_t i = 0; i < NCOMMANDS; i++) {
		fprintf(f, "  %-8s %s\n", commands[i].name,
		    commands[i].summary);
	}
	fprintf(f,
	    "\nAlla kommandon tar --db URL (standard %s).\n"
	    "bered KOMMANDO --help visar kommandots flaggor. "
	    "bered --version visar versionen.\n",
	    DEFAULT_DB);
}

static const struct command *
find_command(const char *name)
{
	for (size_t i = 0; i < NCOMMANDS; i++) {
		if (strcmp(commands[i].name, name) == 0) {
			return &commands[i];
		}
	}
	return NULL;
}

/* The default database lives in var/: create it on first use. */
static int
default_db_dir(void)
{
	if (mkdir("var", 0750) != 0 && errno != EEXIST) {
		fprintf(stderr, "bered: kan inte skapa katalogen var/: %s\n",
		    strerror(errno));
		return 1;
	}
	return 0;
}

/*
 * Runs cmd with --db taken out of argv (argv[0] is the command's name).
 */
static int
run(const struct command *cmd, int argc, char **argv)
{
	const char *db = NULL;
	char **args = xcalloc((size_t)argc + 1, sizeof(*args));
	int nargs = 0, rc = 2;

	for (int i = 0; i < argc; i++) {
		if (strcmp(argv[i], "--help") == 0 ||
		    strcmp(argv[i], "-h") == 0) {
			printf("Användning: %s\n", cmd->usage);
			rc = 0;
			goto out;
		}
		if (strcmp(argv[i], "--db") == 0) {
			if (i + 1 >= argc || argv[i + 1][0] == '\0') {
				fprintf(stderr, "bered: --db kräver en URL\n");
				goto out;
			}
			db = argv[++i];
		} else if (strncmp(argv[i], "--db=", 5) == 0 &&
		    argv[i][5] != '\0') {
			db = argv[i] + 5;
		} else {
			args[nargs++] = argv[i];
		}
	}
	if (db == NULL) {
		db = DEFAULT_DB;
		if (default_db_dir() != 0) {
			rc = 1;
			goto out;
		}
	}
	rc = cmd->fn(db, nargs, args);
out:
	free(args);
	return rc;
}

/*
 * The index in argv of the subcommand's name: the first argument that is
 * neither --db nor its value, so that `bered --db X migrate` and
 * `bered migrate --db X` are the same. argc when there is none.
 */
static int
command_index(int argc, char **argv)
{
	int i;

	for (i = 1; i < argc; i++) {
		if (strcmp(argv[i], "--db") == 0) {
			i++;
		} else if (strncmp(argv[i], "--db=", 5) != 0) {
			break;
		}
	}
	return i;
}

int
main(int argc, char **argv)
{
	const struct command *cmd;
	int ci;

	ci = command_index(argc, argv);
	if (ci >= argc) {
		usage(stderr);
		return 2;
	}
	if (ci > 1) {
		/* Global --db first: move the command's name in front of it. */
		char *name = argv[ci];

		memmove(argv + 2, argv + 1, (size_t)(ci - 1) * sizeof(*argv));
		argv[1] = name;
	}
	if (strcmp(argv[1], "--version") == 0 || strcmp(argv[1], "-V") == 0) {
		printf("bered %s\n", BERED_VERSION);
		return 0;
	}
	if (strcmp(argv[1], "--help") == 0 || strcmp(argv[1], "-h") == 0 ||
	    strcmp(argv[1], "help") == 0) {
		usage(stdout);
		return 0;
	}
	cmd = find_command(argv[1]);
	if (cmd == NULL) {
		fprintf(stderr, "bered: okänt kommando: %s (se bered --help)\n",
		    argv[1]);
		return 2;
	}
	if (sodium_init() < 0) {
		fprintf(stderr, "bered: libsodium kunde inte initieras\n");
		return 1;
	}
	return run(cmd, argc - 1, argv + 1);
}
