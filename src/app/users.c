/*
 * users.c - the rules for a new user account (see users.h), shared by
 * the command line, the JSON API and the admin page so that the three
 * cannot drift apart.
 */
#include "users.h"

#include <stdbool.h>
#include <stdlib.h>
#include <string.h>

#include "util/err.h"
#include "util/text.h"
#include "util/xmalloc.h"

/* E-mail, name and password: what needs no store. */
static void
user_text(const struct user *u, const char *pw, struct field_errors *fe)
{
	if (field_error_get(fe, "email") == NULL &&
	    (strchr(u->email, '@') == NULL || strchr(u->email, ' ') != NULL ||
		!text_valid_utf8(u->email, false))) {
		field_error_add(fe, "email",
		    "Ange en e-postadress, till "
		    "exempel namn@kommun.se.");
	}
	if (field_error_get(fe, "name") == NULL &&
	    (u->name[0] == '\0' || !text_valid_utf8(u->name, false))) {
		field_error_add(fe, "name", "Ange ett namn.");
	}
	user_password_check(pw, u->email, "password", fe);
}

/* The embedded common-passwords.txt (passwords.S). */
extern const char common_passwords[];

/* s in lower case (ASCII and Å, Ä, Ö), into out (size outsz). */
static void
lower_sv(const char *s, char *out, size_t outsz)
{
	size_t o = 0;

	for (; *s != '\0' && o + 1 < outsz; s++) {
		unsigned char c = (unsigned char)*s;

		if (c >= 'A' && c <= 'Z') {
			c = (unsigned char)(c - 'A' + 'a');
		} else if (c == 0xc3 &&
		    (s[1] == '\x85' || s[1] == '\x84' || s[1] == '\x96') &&
		    o + 2 < outsz) {
			out[o++] = (char)c;
			c = (unsigned char)(s[1] + 0x20);
			s++;
		}
		out[o++] = (char)c;
	}
	out[o] = '\0';
}

/* True if the line of the list at p (up to '\n') equals s[0..n). */
static bool
list_has(const char *s, size_t n)
{
	const char *p = common_passwords;

	while (*p != '\0') {
		size_t len = strcspn(p, "\n");

		if (p[0] != '#' && len == n && len > 0 &&
		    memcmp(p, s, n) == 0) {
			return true;
		}
		p += len + (p[len] == '\n');
	}
	return false;
}

/* One short piece repeated ("abcabcabcabc", "aaaaaaaaaaaa"). */
static bool
repeats(const char *s, size_t n)
{
	for (size_t k = 1; k <= 4 && k < n; k++) {
		size_t i = k;

		while (i < n && s[i] == s[i - k]) {
			i++;
		}
		if (i == n) {
			return true;
		}
	}
	return false;
}

/*
 * A common password: on the list as it is, or a listed stem with digits
 * and punctuation after it ("Sommar2026!!" is "sommar"), or a repeat.
 */
static bool
common_password(const char *pw)
{
	char low[USER_PASSWORD_MAX + 1];
	size_t n;

	lower_sv(pw, low, sizeof(low));
	n = strlen(low);
	if (list_has(low, n) || repeats(low, n)) {
		return true;
	}
	while (n > 0 &&
	    (strchr("0123456789!?.,-_#@$%&*+=/ ", low[n - 1]) != NULL)) {
		n--;
	}
	return n == 0 || list_has(low, n);
}

bool
user_password_check(const char *pw, const char *email, const char *field,
    struct field_errors *fe)
{
	char a[USER_PASSWORD_MAX + 1], b[SHORT_MAX];
	size_t local;

	/* The password is taken as given: spaces are characters too. */
	if (pw == NULL || !text_valid_utf8(pw, false) ||
	    text_chars(pw) < USER_PASSWORD_MIN ||
	    text_chars(pw) > USER_PASSWORD_MAX_CHARS) {
		field_error_add(fe, field,
		    "Lösenordet måste ha %d-%d "
		    "tecken.",
		    USER_PASSWORD_MIN, USER_PASSWORD_MAX_CHARS);
		return false;
	}
	lower_sv(pw, a, sizeof(a));
	lower_sv(email != NULL ? email : "", b, sizeof(b));
	local = strcspn(b, "@");
	if (b[0] != '\0' &&
	    (strcmp(a, b) == 0 ||
		(local > 0 && strlen(a) == local &&
		    strncmp(a, b, local) == 0))) {
		field_error_add(fe, field,
		    "Lösenordet får inte vara din e-postadress.");
		return false;
	}
	if (common_password(pw)) {
		field_error_add(fe, field,
		    "Lösenordet är för vanligt och lätt att gissa. Välj "
		    "ett annat, till exempel några ord som inte hör ihop.");
		return false;
	}
	return true;
}

/*
 * The party of u: it must exist and, when a förbund is given, belong to
 * it; a ledamot without a förbund takes the party's.
 */
static int
user_party(struct store *st, struct user *u, struct field_errors *fe)
{
	struct party p;
	int err;

	if (u->party_id == 0 || field_error_get(fe, "party_id") != NULL) {
		return B_OK;
	}
	if ((err = store_party_get(st, u->party_id, &p)) == B_NOTFOUND) {
		field_error_add(fe, "party_id", "Parten finns inte.");
		return B_OK;
	}
	if (err != B_OK) {
		return err;
	}
	if (u->forbund_id == 0 && u->role == ROLE_LEDAMOT) {
		u->forbund_id = p.forbund_id;
	} else if (p.forbund_id != u->forbund_id) {
		field_error_add(fe, "party_id",
		    "Parten hör inte till det "
		    "valda förbundet.");
	}
	return B_OK;
}

/* The förbund and party a role needs (DOMAIN.md 6). */
int
user_scope(struct store *st, struct user *u, struct field_errors *fe)
{
	bool bound = u->role == ROLE_LEDAMOT || u->role == ROLE_KANSLI ||
	    u->role == ROLE_STYRELSE;
	struct forbund *f = NULL;
	int err;

	if (u->role == ROLE_LEDAMOT && u->party_id == 0) {
		field_error_add(fe, "party_id",
		    "En ledamot representerar en "
		    "part: ange parten.");
	}
	if (u->role != ROLE_LEDAMOT && u->party_id != 0) {
		field_error_add(fe, "party_id",
		    "Bara en ledamot representerar "
		    "en part: lämna parten tom.");
	}
	if ((err = user_party(st, u, fe)) != B_OK) {
		goto out;
	}
	/* A ledamot's förbund follows from the party: one error is enough. */
	if (bound && u->forbund_id == 0 &&
	    (u->role != ROLE_LEDAMOT ||
		field_error_get(fe, "party_id") == NULL)) {
		field_error_add(fe, "forbund_id",
		    "Rollen %s hör till ett "
		    "förbund: ange förbundet.",
		    role_label(u->role));
	}
	if (!bound && u->forbund_id != 0) {
		field_error_add(fe, "forbund_id",
		    "Rollen %s hör inte till "
		    "något förbund: lämna förbundet tomt.",
		    role_label(u->role));
	}
	if (u->forbund_id != 0 && field_error_get(fe, "forbund_id") == NULL) {
		f = xmalloc(sizeof(*f));
		if ((err = store_forbund_get(st, u->forbund_id, f)) ==
		    B_NOTFOUND) {
			field_error_add(fe, "forbund_id",
			    "Förbundet finns inte.");
			err = B_OK;
		}
	}
out:
	free(f);
	return err;
}

int
user_check(struct store *st, struct user *u, const char *password,
    struct field_errors *fe)
{
	user_text(u, password, fe);
	if (field_error_get(fe, "role") != NULL ||
	    field_error_get(fe, "forbund_id") != NULL ||
	    field_error_get(fe, "party_id") != NULL) {
		return B_OK;
	}
	return user_scope(st, u, fe);
}
