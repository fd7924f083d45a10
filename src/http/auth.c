/*
 * auth.c - session cookies, bearer tokens, CSRF and login throttling
 * (passwords and tokens themselves: app/password.c). All secrets come from
 * libsodium's randombytes_buf and are compared in constant time; only SHA-256
 * hashes of tokens and session ids are stored, so a copy of the database does
 * not log anyone in. Sessions and throttle counters live in the database
 * (instances stay stateless). Nothing here renders a page.
 */
#include "auth.h"

#include <pthread.h>
#include <sodium.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "app/password.h"
#include "http.h"
#include "util/date.h"
#include "util/log.h"

#define TOUCH_INTERVAL 60 /* seconds between last_seen writes */
/* An address may fail for several accounts: 4x the per-account limit. */
#define IP_FACTOR      4

void
auth_password_upgrade(struct req *r, int64_t user_id, const char *pw,
    const char *hash)
{
	char fresh[PASSWORD_HASH_LEN];
	int err;

	if (!password_needs_rehash(hash)) {
		return;
	}
	if (password_hash(pw, fresh, sizeof(fresh)) != 0) {
		log_err("login: could not re-hash the password of user %lld",
		    (long long)user_id);
		return;
	}
	/* A failure keeps the old hash, which still verifies: no harm. */
	err = store_user_set_pwhash(r->st, user_id, fresh);
	if (err != B_OK) {
		log_err("login: could not store the re-hashed password of "
			"user %lld (%d)",
		    (long long)user_id, err);
	}
	password_wipe(fresh, sizeof(fresh));
}

static bool
is_hex64(const char *s)
{
	size_t i;

	for (i = 0; s[i] != '\0'; i++) {
		if (!((s[i] >= '0' && s[i] <= '9') ||
			(s[i] >= 'a' && s[i] <= 'f'))) {
			return false;
		}
	}
	return i == 64;
}

void
auth_session_load(struct req *r)
{
	const char *cookie = req_cookie(r, SESSION_COOKIE);
	char hash[65];
	int64_t now = time_now();
	int err;

	r->logged_in = false;
	if (cookie == NULL || !is_hex64(cookie) || r->st == NULL) {
		return;
	}
	sha256_hex(cookie, 64, hash);
	if ((err = store_session_get(r->st, hash, &r->sess)) != B_OK) {
		r->auth_db_failed = err != B_NOTFOUND;
		memset(&r->sess, 0, sizeof(r->sess));
		return;
	}
	if (now - r->sess.last_seen > r->cfg->session_idle ||
	    now - r->sess.created > r->cfg->session_absolute) {
		(void)store_session_delete(r->st, hash);
		memset(&r->sess, 0, sizeof(r->sess));
		return;
	}
	if ((err = store_user_get(r->st, r->sess.user_id, &r->user)) != B_OK &&
	    err != B_NOTFOUND) {
		r->auth_db_failed = true;
		memset(&r->sess, 0, sizeof(r->sess));
		memset(&r->user, 0, sizeof(r->user));
		return;
	}
	if (err != B_OK || !r->user.active) {
		/* A deactivated user is logged out at the next request. */
		(void)store_session_delete(r->st, hash);
		memset(&r->sess, 0, sizeof(r->sess));
		memset(&r->user, 0, sizeof(r->user));
		return;
	}
	/* One write a minute at most: a write per request would serialize. */
	if (now - r->sess.last_seen >= TOUCH_INTERVAL) {
		(void)store_session_touch(r->st, hash, now);
		r->sess.last_seen = now;
	}
	r->logged_in = true;
}

static void
set_cookie(struct req *r, const char *value, bool clear)
{
	char line[256];

	snprintf(line, sizeof(line),
	    "%s=%s; Path=/; HttpOnly; SameSite=Lax%s%s", SESSION_COOKIE, value,
	    clear ? "; Max-Age=0" : "",
	    r->cfg->secure_cookies ? "; Secure" : "");
	req_set_header(r, "Set-Cookie", line);
}

int
auth_session_start(struct req *r, const struct user *u)
{
	unsigned char raw[32];
	char id[65];
	struct session s;
	int64_t now = time_now();
	int err;

	memset(&s, 0, sizeof(s));
	randombytes_buf(raw, sizeof(raw));
	sodium_bin2hex(id, sizeof(id), raw, sizeof(raw));
	sha256_hex(id, 64, s.id_hash);
	randombytes_buf(raw, sizeof(raw));
	sodium_bin2hex(s.csrf, sizeof(s.csrf), raw, sizeof(raw));
	sodium_memzero(raw, sizeof(raw));
	s.user_id = u->id;
	s.created = now;
	s.last_seen = now;
	/* Expired sessions of anyone are removed here, not on every request. */
	(void)store_session_purge(r->st, now - r->cfg->session_idle,
	    now - r->cfg->session_absolute);
	err = store_session_create(r->st, &s);
	if (err == B_OK) {
		set_cookie(r, id, false);
		r->sess = s;
		r->user = *u;
		r->logged_in = true;
	}
	sodium_memzero(id, sizeof(id));
	return err;
}

void
auth_session_end(struct req *r)
{
	if (r->logged_in && !r->via_token && r->st != NULL) {
		(void)store_session_delete(r->st, r->sess.id_hash);
	}
	memset(&r->sess, 0, sizeof(r->sess));
	r->logged_in = false;
	set_cookie(r, "", true);
}

bool
auth_bearer(struct req *r)
{
	const char *h = req_header(r, "Authorization");
	char hash[65];
	int64_t uid;
	int err;

	r->logged_in = false;
	if (h == NULL || strncasecmp(h, "Bearer ", 7) != 0 || r->st == NULL) {
		return false;
	}
	h += 7;
	while (*h == ' ') {
		h++;
	}
	if (!is_hex64(h)) {
		return false;
	}
	sha256_hex(h, 64, hash);
	err = store_token_user(r->st, hash, &uid);
	if (err == B_OK) {
		err = store_user_get(r->st, uid, &r->user);
	}
	if (err != B_OK || !r->user.active) {
		r->auth_db_failed = err != B_OK && err != B_NOTFOUND;
		memset(&r->user, 0, sizeof(r->user));
		return false;
	}
	r->logged_in = true;
	r->via_token = true;
	return true;
}

bool
auth_csrf_ok(struct req *r)
{
	const char *f = req_form(r, "_csrf");

	if (!r->logged_in || r->via_token || f == NULL || strlen(f) != 64 ||
	    strlen(r->sess.csrf) != 64) {
		return false;
	}
	return sodium_memcmp(f, r->sess.csrf, 64) == 0;
}

/* True if url is "http(s)://HOST" followed by end or '/'. */
static bool
same_host(const char *url, const char *host, bool prefix)
{
	size_t hl = strlen(host);

	if (strncmp(url, "https://", 8) == 0) {
		url += 8;
	} else if (strncmp(url, "http://", 7) == 0) {
		url += 7;
	} else {
		return false;
	}
	if (strncasecmp(url, host, hl) != 0) {
		return false;
	}
	return url[hl] == '\0' || (prefix && url[hl] == '/');
}

bool
auth_cross_origin(struct req *r)
{
	const char *host = req_header(r, "Host");
	const char *origin = req_header(r, "Origin");
	const char *referer = req_header(r, "Referer");

	if (origin != NULL) {
		return host == NULL || !same_host(origin, host, false);
	}
	if (referer != NULL) {
		return host == NULL || !same_host(referer, host, true);
	}
	return false; /* neither sent: SameSite=Lax still applies */
}

static void
throttle_keys(struct req *r, const char *email, char *ukey, size_t ulen,
    char *ikey, size_t ilen)
{
	size_t o;

	o = (size_t)snprintf(ukey, ulen, "u:");
	for (; *email != '\0' && o + 1 < ulen; email++) {
		char c = *email;

		ukey[o++] = c >= 'A' && c <= 'Z' ? (char)(c - 'A' + 'a') : c;
	}
	ukey[o] = '\0';
	snprintf(ikey, ilen, "ip:%s", r->remote);
}

int
auth_login_attempt(struct req *r, const char *email, bool *allowed)
{
	char ukey[300], ikey[80];
	struct throttle_key keys[2];
	int64_t now = time_now();

	throttle_keys(r, email, ukey, sizeof(ukey), ikey, sizeof(ikey));
	keys[0] = (struct throttle_key){ ukey, r->cfg->login_max_failures };
	keys[1] = (struct throttle_key){ ikey,
		IP_FACTOR * r->cfg->login_max_failures };
	return store_throttle_take(r->st, keys, 2, now,
	    now - r->cfg->login_window, allowed);
}

void
auth_login_succeeded(struct req *r, const char *email)
{
	char ukey[300], ikey[80];

	throttle_keys(r, email, ukey, sizeof(ukey), ikey, sizeof(ikey));
	(void)store_throttle_clear(r->st, ukey);
	(void)store_throttle_release(r->st, ikey);
}
