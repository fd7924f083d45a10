/*
 * account.h - managing accounts (issue 9): changing a user, a user's own
 * password and e-mail choice, an admin's one-time password. The pages,
 * the API and the command line call these; the permissions (domain/perm.c)
 * and the password rules (users.c) are decided here, once.
 */
#ifndef BERED_ACCOUNT_H
#define BERED_ACCOUNT_H

#include <stdbool.h>

#include "app.h"
#include "util/fielderr.h"

/* What a change of an account sets; has_* false = keep. */
struct user_change {
	bool has_name, has_role, has_forbund, has_party, has_active;
	char name[NAME_MAX_];
	enum role role;
	int64_t forbund_id;
	int64_t party_id;
	bool active;
};

/*
 * Changes user id as ch says. B_NOTFOUND when the user does not exist or
 * is not c's to see (another förbund), B_FORBIDDEN when c may see but not
 * change them or not give that role or förbund, B_INVALID with fe for bad
 * values (a role's förbund and party, deactivating oneself). *out gets the
 * saved user.
 */
int acct_user_update(struct app_ctx *c, int64_t id,
    const struct user_change *ch, struct field_errors *fe, struct user *out);
/*
 * c's user changes their own password: current must verify (else
 * B_INVALID with "current"), fresh must follow the rules ("new"). Every
 * other session of the user ends; keep_session (an id hash, or NULL)
 * stays logged in.
 */
int acct_password_change(struct app_ctx *c, const char *current,
    const char *fresh, const char *keep_session, struct field_errors *fe);
/*
 * Sets user id's password (the rules apply, field "password"): one_time
 * makes the user choose a new one at the next login (the admin's page and
 * API); the command line sets a password to keep. Every session of the
 * user ends. The admin only, or the operator (c->user admin).
 */
int acct_password_set(struct app_ctx *c, int64_t id, const char *pw,
    bool one_time, struct field_errors *fe);
int acct_notify_set(struct app_ctx *c, enum notify_mode m);
/*
 * The audit rows f selects within what c's user may see: B_FORBIDDEN for
 * roles without the log, B_NOTFOUND for another förbund than a kansli's
 * own; a kansli's rows are its förbund's, and whoever does not see ESF+
 * never gets its rows (R1, perm_esf_visible).
 */
int acct_audit_list(struct app_ctx *c, struct audit_filter *f,
    struct audit_row **out, size_t *n, int64_t *total);

#endif
