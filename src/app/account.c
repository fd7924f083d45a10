/*
 * account.c - managing accounts (see account.h). Who may do what is
 * domain/perm.c's; the shape of a valid account is users.c's.
 */
#include "account.h"

#include <string.h>

#include "domain/perm.h"
#include "password.h"
#include "users.h"

static void
apply_change(struct user *u, const struct user_change *ch)
{
	if (ch->has_name) {
		memcpy(u->name, ch->name, sizeof(u->name));
	}
	if (ch->has_role) {
		u->role = ch->role;
	}
	if (ch->has_forbund) {
		u->forbund_id = ch->forbund_id;
	}
	if (ch->has_party) {
		u->party_id = ch->party_id;
	}
	if (ch->has_active) {
		u->active = ch->active;
	}
}

int
acct_user_update(struct app_ctx *c, int64_t id, const struct user_change *ch,
    struct field_errors *fe, struct user *out)
{
	struct user before;
	int err;

	if ((err = store_user_get(c->st, id, &before)) != B_OK) {
		return err;
	}
	if (!perm_user_visible(c->user, &before)) {
		return B_NOTFOUND;
	}
	*out = before;
	apply_change(out, ch);
	if (!perm_user_manage(c->user, &before) ||
	    !perm_user_role(c->user, out->role, out->forbund_id)) {
		return B_FORBIDDEN;
	}
	if (out->name[0] == '\0') {
		field_error_add(fe, "name", "Ange ett namn.");
	}
	if (!perm_user_self_change(c->user, &before, out)) {
		field_error_add(fe, "active",
		    "Du kan inte stänga av ditt eget konto eller ändra din "
		    "egen roll eller ditt förbund: be en annan "
		    "administratör.");
	}
	if ((err = user_scope(c->st, out, fe)) != B_OK) {
		return err;
	}
	if (fe->n > 0) {
		return B_INVALID;
	}
	err = store_user_update(c->st, c->user->id, out);
	if (err == B_OK) {
		err = store_user_get(c->st, id, out);
	}
	return err;
}

/* Hashes pw and stores it for user id; the hash is wiped after. */
static int
set_hash(struct app_ctx *c, int64_t id, const char *pw, bool one_time,
    const char *keep)
{
	char hash[PASSWORD_HASH_LEN];
	int err;

	if (password_hash(pw, hash, sizeof(hash)) != 0) {
		return B_INTERNAL;
	}
	err = store_user_set_password(c->st, c->user->id, id, hash, one_time,
	    keep);
	password_wipe(hash, sizeof(hash));
	return err;
}

int
acct_password_change(struct app_ctx *c, const char *current, const char *fresh,
    const char *keep_session, struct field_errors *fe)
{
	char hash[PASSWORD_HASH_LEN];
	struct user u;
	int err;

	err =
	    store_user_by_email(c->st, c->user->email, &u, hash, sizeof(hash));
	if (err != B_OK) {
		return err;
	}
	if (current == NULL || !password_verify(current, hash)) {
		field_error_add(fe, "current",
		    "Det nuvarande lösenordet stämmer inte.");
	}
	password_wipe(hash, sizeof(hash));
	if (fe->n == 0) {
		(void)user_password_check(fresh, u.email, "new", fe);
	}
	if (fe->n == 0 && strcmp(current, fresh) == 0) {
		field_error_add(fe, "new",
		    "Det nya lösenordet måste skilja sig från det nuvarande.");
	}
	if (fe->n > 0) {
		return B_INVALID;
	}
	return set_hash(c, u.id, fresh, false, keep_session);
}

int
acct_password_set(struct app_ctx *c, int64_t id, const char *pw, bool one_time,
    struct field_errors *fe)
{
	struct user u;
	int err;

	if ((err = store_user_get(c->st, id, &u)) != B_OK) {
		return err;
	}
	if (!perm_user_visible(c->user, &u)) {
		return B_NOTFOUND;
	}
	if (!perm_admin(c->user)) {
		return B_FORBIDDEN;
	}
	if (!user_password_check(pw, u.email, "password", fe)) {
		return B_INVALID;
	}
	return set_hash(c, id, pw, one_time, NULL);
}

int
acct_notify_set(struct app_ctx *c, enum notify_mode m)
{
	return store_user_set_notify(c->st, c->user->id, m);
}

int
acct_audit_list(struct app_ctx *c, struct audit_filter *f,
    struct audit_row **out, size_t *n, int64_t *total)
{
	int64_t own = perm_audit_forbund(c->user);

	*out = NULL;
	*n = 0;
	*total = 0;
	if (!perm_audit_view(c->user)) {
		return B_FORBIDDEN;
	}
	if (own > 0) {
		if (f->forbund_id != 0 && f->forbund_id != own) {
			return B_NOTFOUND;
		}
		f->forbund_id = own;
	}
	f->finsam_only = !perm_esf_visible(c->user);
	return store_audit_list(c->st, f, out, n, total);
}
