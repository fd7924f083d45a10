/*
 * app.h - what every operation of app/ is given: the store, the user
 * asking, the configuration and today's date. The pages, the API, the
 * command line and `bered demo` all build one and call the same
 * operations, so a rule or a permission is never re-built by a caller.
 */
#ifndef BERED_APP_H
#define BERED_APP_H

#include <stdbool.h>
#include <stdint.h>

#include "domain/arende.h"
#include "domain/rules.h"
#include "store/store.h"
#include "util/date.h"

struct app_config {
	struct esf_config esf;
	int64_t session_idle;     /* seconds, default 30 min */
	int64_t session_absolute; /* seconds, default 12 h */
	bool secure_cookies;      /* behind TLS */
	int login_max_failures;   /* per account / address per window */
	int64_t login_window;     /* seconds */
	/* E-mail notifications are on (serve --smtp): notices are made. */
	bool notify;
};

struct app_ctx {
	struct store *st;             /* the caller's connection */
	const struct user *user;      /* who acts; never NULL */
	const struct app_config *cfg; /* NULL: defaults (tests) */
	char today[DATE_LEN];
};

/* The defaults of every setting (README's Configuration). */
void app_config_default(struct app_config *cfg);
/*
 * Fills c for user u on st with cfg and today's date (the clock is read
 * here, once per request or command, and nowhere else in app/).
 */
void app_ctx_init(struct app_ctx *c, struct store *st, const struct user *u,
    const struct app_config *cfg);
/* The rule context for today and c's configuration (no call linked). */
void app_rule_ctx(const struct app_ctx *c, struct rule_ctx *ctx);

#endif
