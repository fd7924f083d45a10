/*
 * password.h - passwords (Argon2id via libsodium) and API tokens, for
 * every door that makes or checks one: logins, /konto, the admin page,
 * the API, `bered user add`, `bered token create` and `bered demo`.
 */
#ifndef BERED_PASSWORD_H
#define BERED_PASSWORD_H

#include <stdbool.h>
#include <stddef.h>

#define PASSWORD_HASH_LEN 128 /* >= crypto_pwhash_STRBYTES */

/*
 * Hashes pw with Argon2id at the current cost into out (at least
 * PASSWORD_HASH_LEN bytes); 0 on success. One hash runs at a time, so
 * logins add at most one hash's memory to the peak.
 */
int password_hash(const char *pw, char *out, size_t outlen);
/*
 * Checks pw against a hash from password_hash(). With hash NULL or ""
 * (unknown user) it verifies against a dummy hash so that the answer
 * takes as long as for a real user, and returns false.
 */
bool password_verify(const char *pw, const char *hash);
/* True if hash was made with another cost than the current one. */
bool password_needs_rehash(const char *hash);
/* Overwrites n bytes at p with zeros (not optimised away). */
void password_wipe(void *p, size_t n);
/* A new random API token (hex, 64 chars) into tok, its SHA-256 into hash. */
void token_new(char tok[65], char hash[65]);
/* Hex SHA-256 of data into out. */
void sha256_hex(const void *data, size_t len, char out[65]);

#endif
