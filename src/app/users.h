/*
 * users.h - the rules for a new user account, decided here once for the
 * three ways to add one: `bered user add` (cmd_cli.c), POST /api/v1/users
 * (api_org.c) and the admin page (ui_admin.c). Each caller reads its own
 * input (argv, JSON, form) and reports the problems its own way.
 */
#ifndef BERED_USERS_H
#define BERED_USERS_H

#include "domain/arende.h"
#include "store/store.h"
#include "util/fielderr.h"

#define USER_PASSWORD_MIN       12  /* characters */
#define USER_PASSWORD_MAX_CHARS 256 /* hashing is costly enough */
#define USER_PASSWORD_MAX       (USER_PASSWORD_MAX_CHARS * 4) /* bytes */

/*
 * Checks the new user u (email, name, role, forbund_id and party_id as
 * read by the caller) and its password (NULL = not given as text).
 * E-mail shape, a name, a password of USER_PASSWORD_MIN characters and at
 * most USER_PASSWORD_MAX_CHARS characters, and the förbund and party the role
 * needs (DOMAIN.md 6): kansli and styrelse belong to a förbund, a ledamot to a
 * party of that förbund, the other roles to neither. A ledamot given a
 * party but no förbund gets the party's förbund in u->forbund_id.
 * Problems go to fe in Swedish under "email", "name", "password",
 * "forbund_id" and "party_id"; a field that already has an error is not
 * checked again, and the förbund and party only when "role",
 * "forbund_id" and "party_id" have none. Returns B_OK, or the store's
 * error when a lookup failed for another reason than a missing row.
 */
int user_check(struct store *st, struct user *u, const char *password,
    struct field_errors *fe);
/*
 * Only the förbund and party u's role needs (part of user_check), for a
 * changed account.
 */
int user_scope(struct store *st, struct user *u, struct field_errors *fe);
/*
 * The rules for every new password (issue 9): USER_PASSWORD_MIN to
 * USER_PASSWORD_MAX_CHARS characters, not the e-mail address (nor its
 * part before the @), and not a common password (the list shipped in
 * common-passwords.txt, also with digits and punctuation added at the end,
 * or one short piece repeated). The first problem goes to fe under field.
 */
bool user_password_check(const char *pw, const char *email, const char *field,
    struct field_errors *fe);

#endif
