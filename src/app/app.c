/*
 * app.c - the context of an operation (app.h) and the default settings.
 */
#include "app.h"

#include <string.h>

void
app_config_default(struct app_config *cfg)
{
	memset(cfg, 0, sizeof(*cfg));
	esf_config_default(&cfg->esf);
	cfg->session_idle = 30 * 60;
	cfg->session_absolute = 12 * 60 * 60;
	cfg->secure_cookies = false;
	cfg->login_max_failures = 5;
	cfg->login_window = 15 * 60;
}

void
app_ctx_init(struct app_ctx *c, struct store *st, const struct user *u,
    const struct app_config *cfg)
{
	memset(c, 0, sizeof(*c));
	c->st = st;
	c->user = u;
	c->cfg = cfg;
	date_today(c->today);
}

void
app_rule_ctx(const struct app_ctx *c, struct rule_ctx *ctx)
{
	memset(ctx, 0, sizeof(*ctx));
	memcpy(ctx->today, c->today, DATE_LEN);
	/* No configuration (unit tests): rules.c then uses the defaults. */
	ctx->cfg = c->cfg != NULL ? &c->cfg->esf : NULL;
	ctx->call = NULL;
	ctx->board_decision = false;
}
