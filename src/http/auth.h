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
 * Login throttling, before the password is looked at: counts this attempt
 * against the account (email) and r's address in one atomic step and sets
 * *allowed when neither has used up its attempts within the window. When
 * the attempt cannot be counted (a full disk), it returns the error and
 * leaves *allowed false: the login is refused, never let through.
 * auth_login_succeeded forgets the account's attempts and takes back the
 * address's one (an office behind one address is not locked out by
 * people logging in correctly).
 */
int auth_login_attempt(struct req *r, const char *email, bool *allowed);
void auth_login_succeeded(struct req *r, const char *email);

#endif
