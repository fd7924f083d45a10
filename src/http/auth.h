/*
 * auth.h - who is asking: session cookies, bearer tokens, CSRF, login
 * throttling (auth.c); password hashes and tokens are app/password.h. The
 * dispatcher calls these before a handler runs; ui_account.c uses them for
 * login and logout.
 */
#ifndef BERED_AUTH_H
#define BERED_AUTH_H

#include <stdbool.h>
#include <stddef.h>

#include "app/password.h"
#include "req.h"

#define SESSION_COOKIE "bered_session"

/*
 * After pw verified against hash (user_id's stored hash): when hash was
 * made with other Argon2id costs than the current ones (an older, heavier
 * cost), hashes pw again with the current ones and stores it. Failures
 * are logged and leave the old hash, which still verifies.
 */
void auth_password_upgrade(struct req *r, int64_t user_id, const char *pw,
    const char *hash);

/*
 * Reads the session cookie: on a live session fills r->sess, r->user and
 * sets r->logged_in. Expired sessions (idle or absolute) are deleted.
 * Touches last_seen at most once a minute.
 */
void auth_session_load(struct req *r);
/* Starts a session for u: stores it and adds the Set-Cookie header. */
int auth_session_start(struct req *r, const struct user *u);
/* Deletes r's session (if any) and clears the cookie. */
void auth_session_end(struct req *r);
/* "Authorization: Bearer TOKEN": fills r->user, r->via_token. */
bool auth_bearer(struct req *r);
/* True if the form's _csrf equals the session's (constant time). */
bool auth_csrf_ok(struct req *r);
/* True if an Origin/Referer present names another site than Host. */
bool auth_cross_origin(struct req *r);

/*
 * Login throttling: true if the account (email) or r's address has too
 * many failed logins within the window; checked before the password.
 */
bool auth_throttled(struct req *r, const char *email);
void auth_login_failed(struct req *r, const char *email);
void auth_login_succeeded(struct req *r, const char *email);

#endif
