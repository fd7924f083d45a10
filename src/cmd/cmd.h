/*
 * cmd.h - the subcommands of the `bered` binary (one static table in
 * main.c). Each returns the process exit status: 0 success, 1 refused or
 * failed (one clear line on stderr), 2 bad usage.
 * `db` is the --db URL (default var/bered.db).
 */
#ifndef BERED_CMD_H
#define BERED_CMD_H

#include <stdbool.h>
#include <stddef.h>

#include "domain/rules.h"

/* One option of a subcommand, for cmd_parse_opts. */
struct opt {
	const char *name; /* without the leading "--" */
	const char **val; /* for options with a value */
	bool *flag;       /* for flags */
};

/*
 * Parses argv[start..] of subcommand cmd against opts: "--name VALUE",
 * "--name=VALUE" or "--flag". Returns 0, or 2 after one line on stderr.
 */
int cmd_parse_opts(const char *cmd, int argc, char **argv, int start,
    const struct opt *opts, size_t nopts);
/*
 * The ESF+ programme period (R4) from --esf-calls-until and
 * --esf-activity-until (NULL = keep esf's value) into esf. Returns 0, or
 * 2 after one line on stderr (not a date, or calls after activity).
 */
int cmd_esf_period(const char *cmd, const char *calls, const char *activity,
    struct esf_config *esf);

int cmd_migrate(const char *db, int argc, char **argv);
int cmd_serve(const char *db, int argc, char **argv);
int cmd_calls(const char *db, int argc, char **argv);
int cmd_user(const char *db, int argc, char **argv);  /* user add ... */
int cmd_token(const char *db, int argc, char **argv); /* token create ... */
int cmd_demo(const char *db, int argc, char **argv);
int cmd_backup(const char *db, int argc, char **argv);
int cmd_migrate_data(const char *db, int argc, char **argv);

#endif
