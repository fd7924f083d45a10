/*
 * password.c - Argon2id password hashes and random API tokens
 * (libsodium). All secrets come from randombytes_buf and are compared in
 * constant time; only SHA-256 hashes of tokens are stored, so a copy of
 * the database does not log anyone in. Used by logins (http/auth.c),
 * account pages, the API and the command line alike.
 */
#include "password.h"

#include <pthread.h>
#include <sodium.h>
#include <stdlib.h>
#include <string.h>

#include "util/log.h"

void
sha256_hex(const void *data, size_t len, char out[65])
{
	unsigned char h[crypto_hash_sha256_BYTES];

	crypto_hash_sha256(h, data, len);
	sodium_bin2hex(out, 65, h, sizeof(h));
}

/*
 * The Argon2id cost. libsodium's INTERACTIVE limit takes 64 MiB per hash:
 * twice the 32 MiB the whole server may use (issue 2), and once per
 * concurrent login. We use the alternative OWASP lists for Argon2id
 * (Password Storage Cheat Sheet: m = 12 MiB, t = 3, p = 1), which trades
 * memory for passes at about the same cost to an attacker, and let only
 * one hash run at a time (pwhash_lock), so password hashing adds at most
 * 12 MiB to the peak however many logins arrive together. Logins queue
 * for a few tens of milliseconds instead; failed ones are throttled.
 * Every hash string carries its own parameters, so hashes made with the
 * earlier 64 MiB cost still verify (at their own cost, one at a time).
 */
#define PWHASH_OPS 3ULL
#define PWHASH_MEM ((size_t)12 * 1024 * 1024)

static pthread_mutex_t pwhash_lock = PTHREAD_MUTEX_INITIALIZER;

/* BERED_FAST_HASH=1 (tests only) uses the minimum cost. */
static void
pwhash_limits(unsigned long long *ops, size_t *mem)
{
	const char *fast = getenv("BERED_FAST_HASH");

	if (fast != NULL && strcmp(fast, "1") == 0) {
		*ops = crypto_pwhash_OPSLIMIT_MIN;
		*mem = crypto_pwhash_MEMLIMIT_MIN;
	} else {
		*ops = PWHASH_OPS;
		*mem = PWHASH_MEM;
	}
}

_Static_assert(PASSWORD_HASH_LEN >= crypto_pwhash_STRBYTES,
    "PASSWORD_HASH_LEN holds an Argon2id hash string");

int
password_hash(const char *pw, char *out, size_t outlen)
{
	unsigned long long ops;
	size_t mem;
	int rc;

	if (outlen < crypto_pwhash_STRBYTES) {
		return -1;
	}
	pwhash_limits(&ops, &mem);
	pthread_mutex_lock(&pwhash_lock);
	rc = crypto_pwhash_str_alg(out, pw, strlen(pw), ops, mem,
	    crypto_pwhash_ALG_ARGON2ID13);
	pthread_mutex_unlock(&pwhash_lock);
	return rc == 0 ? 0 : -1;
}

/* crypto_pwhash_str_verify under pwhash_lock: true if pw matches. */
static bool
pwhash_verify(const char *hash, const char *pw)
{
	int rc;

	pthread_mutex_lock(&pwhash_lock);
	rc = crypto_pwhash_str_verify(hash, pw, strlen(pw));
	pthread_mutex_unlock(&pwhash_lock);
	return rc == 0;
}

bool
password_needs_rehash(const char *hash)
{
	unsigned long long ops;
	size_t mem;

	pwhash_limits(&ops, &mem);
	/* 0: made with today's cost. 1: another cost or Argon2i. */
	return crypto_pwhash_str_needs_rehash(hash, ops, mem) != 0;
}

void
password_wipe(void *p, size_t n)
{
	sodium_memzero(p, n);
}

void
token_new(char tok[65], char hash[65])
{
	unsigned char raw[32];

	randombytes_buf(raw, sizeof(raw));
	sodium_bin2hex(tok, 65, raw, sizeof(raw));
	sodium_memzero(raw, sizeof(raw));
	sha256_hex(tok, 64, hash);
}

static char dummy_hash[crypto_pwhash_STRBYTES];
static pthread_once_t dummy_once = PTHREAD_ONCE_INIT;

static void
dummy_init(void)
{
	char pw[33];
	unsigned char raw[16];

	randombytes_buf(raw, sizeof(raw));
	sodium_bin2hex(pw, sizeof(pw), raw, sizeof(raw));
	if (password_hash(pw, dummy_hash, sizeof(dummy_hash)) != 0) {
		dummy_hash[0] = '\0';
	}
}

bool
password_verify(const char *pw, const char *hash)
{
	if (hash == NULL || hash[0] == '\0') {
		/* Unknown user: spend the same time on a hash that never
		 * matches. */
		pthread_once(&dummy_once, dummy_init);
		if (dummy_hash[0] != '\0' && pwhash_verify(dummy_hash, pw)) {
			log_err("dummy password hash matched");
		}
		return false;
	}
	return pwhash_verify(hash, pw);
}
