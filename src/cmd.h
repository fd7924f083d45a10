/*
 * cmd.h - the subcommands of the `bered` binary (one static table in
 * main.c). Each returns the process exit status: 0 success, 1 refused or
 * failed (one clear line on stderr), 2 bad usage.
 * `db` is the --db URL (default var/bered.db).
 */
#ifndef BERED_CMD_H
#define BERED_CMD_H

#include <stddef.h>

int	 cmd_migrate(const char *db, int argc, char **argv);
int	 cmd_serve(const char *db, int argc, char **argv);
int	 cmd_user(const char *db, int argc, char **argv);	/* user add ... */
int	 cmd_token(const char *db, int argc, char **argv);	/* token create ... */
int	 cmd_demo(const char *db, int argc, char **argv);

/* Password hashing (Argon2id via libsodium), shared by CLI, UI and demo. */
/* Hashes pw into out (crypto_pwhash_STRBYTES); 0 on success. */
int	 password_hash(const char *pw, char *out, size_t outlen);
/* New random API token (hex, 64 chars) into tok and its SHA-256 hex into hash. */
void	 token_new(char tok[65], char hash[65]);

#endif
