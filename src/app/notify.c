/*
 * notify.c - who is told what (see notify.h). Notices are keyed by their
 * event, so the same event never reaches the same person twice.
 */
#include "notify.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "domain/perm.h"
#include "svc.h"
#include "util/buf.h"
#include "util/log.h"
#include "util/xmalloc.h"

#define KEY_LEN 96

/* The förbund's users who can hear of a (active, may see the case). */
struct audience {
	struct user *u;
	size_t n;
};

static bool
audience_load(struct app_ctx *c, const struct arende *a, struct audience *au)
{
	au->u = NULL;
	au->n = 0;
	return store_user_list(c->st, a->forbund_id, &au->u, &au->n) == B_OK;
}

static bool
may_hear(const struct user *u, const struct arende *a)
{
	return u->active && u->notify != NOTIFY_AV && perm_case_visible(u, a);
}

static void
tell(struct app_ctx *c, const struct user *u, const struct arende *a,
    const char *key, const char *subject, const char *body)
{
	if (!may_hear(u, a)) {
		return;
	}
	if (store_notice_add(c->st, u->id, a->id, key, subject, body) != B_OK) {
		log_err("notify: could not record a notice for user %lld",
		    (long long)u->id);
	}
}

/* The ledamöter of party_id (0: of every participating party). */
static bool
is_party_ledamot(const struct user *u, const struct arende *a, int64_t pid)
{
	const struct party_row *p;

	if (u->role != ROLE_LEDAMOT) {
		return false;
	}
	p = arende_party(a, u->party_id);
	return p != NULL && p->deltar && (pid == 0 || pid == u->party_id);
}

/* What party p is expected to record, as one line; false if nothing. */
static bool
party_waits(const struct arende *a, const struct party_row *p, char *out,
    size_t outsz)
{
	struct rule_list rl;
	size_t o = 0;

	rule_list_init(&rl);
	(void)party_pending(a, p, &rl);
	out[0] = '\0';
	for (size_t i = 0; i < rl.n; i++) {
		if (rl.r[i].ok || o + 3 >= outsz) {
			continue;
		}
		o += (size_t)snprintf(out + o, outsz - o, "%s%s",
		    o > 0 ? "; " : "", rl.r[i].message);
		o = o < outsz ? o : outsz - 1;
	}
	return out[0] != '\0';
}

/* The first target a can move to now (not an off-ramp), if any. */
static bool
case_ready(struct app_ctx *c, const struct arende *a, enum state *to)
{
	enum state t[ST__COUNT];
	struct rule_ctx ctx;
	struct utlysning call;
	struct rule_list rl;
	size_t n = transition_targets(a->kind, a->state, t);

	svc_rule_ctx(c, a, &ctx, &call);
	for (size_t i = 0; i < n; i++) {
		if (t[i] == ST_AVBRUTEN || t[i] == ST_UTANFOR_RUTINEN ||
		    t[i] == ST_BEVILJAD || t[i] == ST_AVSLAG) {
			continue; /* off-ramps and decisions are not "ready" */
		}
		rule_list_init(&rl);
		if (transition_check(a, t[i], &ctx, &rl) == 0) {
			*to = t[i];
			return true;
		}
	}
	return false;
}

void
notify_case(struct app_ctx *c, const struct arende *a, enum state from)
{
	struct audience au;
	struct buf subject, body;
	char key[KEY_LEN], what[1024];
	enum state to;

	if (c->cfg == NULL || !c->cfg->notify || !audience_load(c, a, &au)) {
		return;
	}
	buf_init(&subject);
	buf_init(&body);
	/* One event's notices together: a digest never gets half of them. */
	(void)store_begin(c->st);
	if (from != a->state) {
		snprintf(key, sizeof(key), "move:%lld:%lld", (long long)a->id,
		    (long long)a->version);
		buf_reset(&subject);
		buf_printf(&subject, "Ärendet har flyttats: %s", a->title);
		buf_reset(&body);
		buf_printf(&body, "Ärendet ”%s” har flyttats från %s till %s.",
		    a->title, state_label(from), state_label(a->state));
		for (size_t i = 0; i < au.n; i++) {
			if (is_party_ledamot(&au.u[i], a, 0)) {
				tell(c, &au.u[i], a, key, buf_cstr(&subject),
				    buf_cstr(&body));
			}
		}
	}
	for (size_t k = 0; k < a->nparties; k++) {
		const struct party_row *p = &a->parties[k];

		if (!p->deltar || state_is_final(a->state) ||
		    !party_waits(a, p, what, sizeof(what))) {
			continue;
		}
		snprintf(key, sizeof(key), "wait:%lld:%s:%lld",
		    (long long)a->id, state_code(a->state),
		    (long long)p->party_id);
		buf_reset(&subject);
		buf_printf(&subject, "Väntar på er: %s", a->title);
		buf_reset(&body);
		buf_printf(&body, "Ärendet ”%s” väntar på %s: %s", a->title,
		    p->party_name, what);
		for (size_t i = 0; i < au.n; i++) {
			if (is_party_ledamot(&au.u[i], a, p->party_id)) {
				tell(c, &au.u[i], a, key, buf_cstr(&subject),
				    buf_cstr(&body));
			}
		}
	}
	if (case_ready(c, a, &to)) {
		snprintf(key, sizeof(key), "ready:%lld:%s", (long long)a->id,
		    state_code(a->state));
		buf_reset(&subject);
		buf_printf(&subject, "Kan flyttas: %s", a->title);
		buf_reset(&body);
		buf_printf(&body,
		    "Ärendet ”%s” uppfyller villkoren för att flyttas till %s.",
		    a->title, state_label(to));
		for (size_t i = 0; i < au.n; i++) {
			if (au.u[i].role == ROLE_KANSLI) {
				tell(c, &au.u[i], a, key, buf_cstr(&subject),
				    buf_cstr(&body));
			}
		}
	}
	if (a->kind == KIND_FINSAM && a->state == ST_ANSVARSFORDELNING) {
		snprintf(key, sizeof(key), "board:%lld", (long long)a->id);
		buf_reset(&subject);
		buf_printf(&subject, "Väntar på styrelsens beslut: %s",
		    a->title);
		buf_reset(&body);
		buf_printf(&body,
		    "Finsam-insatsen ”%s” är beredd och väntar på styrelsens "
		    "beslut.",
		    a->title);
		for (size_t i = 0; i < au.n; i++) {
			if (au.u[i].role == ROLE_STYRELSE) {
				tell(c, &au.u[i], a, key, buf_cstr(&subject),
				    buf_cstr(&body));
			}
		}
	}
	if (store_commit(c->st) != B_OK) {
		log_err("notify: the notices of case %lld were not saved",
		    (long long)a->id);
	}
	buf_free(&subject);
	buf_free(&body);
	free(au.u);
}

/* Tells the audience of case id (kansli only, or everyone) about it. */
static void
scan_case(struct app_ctx *c, int64_t id, bool still, const char *today)
{
	struct arende *a = xmalloc(sizeof(*a));
	struct utlysning call;
	struct audience au;
	struct buf subject, body;
	char key[KEY_LEN];

	if (store_case_get(c->st, id, a) != B_OK || !audience_load(c, a, &au)) {
		free(a);
		return;
	}
	buf_init(&subject);
	buf_init(&body);
	if (still) {
		/* Once per still period: the version moves with any change. */
		snprintf(key, sizeof(key), "still:%lld:%lld", (long long)id,
		    (long long)a->version);
		buf_reset(&subject);
		buf_printf(&subject,
		    "Har stått still i %d "
		    "dagar: %s",
		    NOTIFY_STILL_DAYS, a->title);
		buf_reset(&body);
		buf_printf(&body,
		    "Ärendet ”%s” (%s) har inte ändrats på %d dagar.", a->title,
		    state_label(a->state), NOTIFY_STILL_DAYS);
	} else if (a->call_id != 0 &&
	    store_call_get(c->st, a->call_id, &call) == B_OK) {
		snprintf(key, sizeof(key), "call:%lld:%s", (long long)id,
		    call.closes);
		buf_reset(&subject);
		buf_printf(&subject, "Utlysningen stänger %s: %s", call.closes,
		    a->title);
		buf_reset(&body);
		buf_printf(&body,
		    "Utlysningen ”%s” som ärendet ”%s” söker mot stänger %s "
		    "(om %lld dagar).",
		    call.title, a->title, call.closes,
		    (long long)date_diff_days(today, call.closes));
	} else {
		goto out;
	}
	for (size_t i = 0; i < au.n; i++) {
		if (!still || au.u[i].role == ROLE_KANSLI) {
			tell(c, &au.u[i], a, key, buf_cstr(&subject),
			    buf_cstr(&body));
		}
	}
out:
	buf_free(&subject);
	buf_free(&body);
	free(au.u);
	free(a);
}

void
notify_scan(struct app_ctx *c)
{
	char before[DATE_LEN], until[DATE_LEN];
	int64_t *ids = NULL;
	size_t n = 0;

	if (c->cfg == NULL || !c->cfg->notify) {
		return;
	}
	date_from_days(date_to_days(c->today) - NOTIFY_STILL_DAYS, before);
	if (store_cases_still(c->st, before, &ids, &n) == B_OK) {
		for (size_t i = 0; i < n; i++) {
			scan_case(c, ids[i], true, c->today);
		}
	}
	free(ids);
	ids = NULL;
	n = 0;
	date_from_days(date_to_days(c->today) + NOTIFY_CALL_DAYS, until);
	if (store_cases_call_closing(c->st, c->today, until, &ids, &n) ==
	    B_OK) {
		for (size_t i = 0; i < n; i++) {
			scan_case(c, ids[i], false, c->today);
		}
	}
	free(ids);
}
