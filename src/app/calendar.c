/*
 * calendar.c - the iCalendar feed (see calendar.h). Text is escaped and
 * lines are folded at 75 octets as RFC 5545 3.1 says, never inside a
 * UTF-8 sequence; lines end in CRLF.
 */
#include "calendar.h"

#include <sodium.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "domain/perm.h"
#include "password.h"
#include "util/date.h"
#include "util/xmalloc.h"

/* "NAME:value" or "NAME;PARAM:value" with value escaped and folded. */
static void
ics_prop(struct buf *b, const char *name, const char *value, bool text)
{
	struct buf line;
	size_t col = 0;

	buf_init(&line);
	buf_puts(&line, name);
	buf_putc(&line, ':');
	for (const char *p = value; *p != '\0'; p++) {
		if (text && (*p == '\\' || *p == ';' || *p == ',')) {
			buf_putc(&line, '\\');
			buf_putc(&line, *p);
		} else if (text && *p == '\n') {
			buf_puts(&line, "\\n");
		} else if (*p != '\r') {
			buf_putc(&line, *p);
		}
	}
	for (size_t i = 0; i < line.len; i++) {
		unsigned char ch = (unsigned char)line.p[i];

		/* Fold before 75 octets, at the start of a character. */
		if (col >= 74 && (ch & 0xc0) != 0x80) {
			buf_puts(b, "\r\n ");
			col = 1;
		}
		buf_putc(b, (char)ch);
		col++;
	}
	buf_puts(b, "\r\n");
	buf_free(&line);
}

static void
compact_date(const char *d, char out[9])
{
	snprintf(out, 9, "%.4s%.2s%.2s", d, d + 5, d + 8);
}

/* One all-day event on date (YYYY-MM-DD). */
static void
ics_event(struct buf *b, const char *uid, const char *stamp, const char *date,
    const char *summary, const char *desc)
{
	char d0[9], d1[9], next[DATE_LEN], v[64];

	compact_date(date, d0);
	date_from_days(date_to_days(date) + 1, next);
	compact_date(next, d1);
	buf_puts(b, "BEGIN:VEVENT\r\n");
	ics_prop(b, "UID", uid, false);
	ics_prop(b, "DTSTAMP", stamp, false);
	snprintf(v, sizeof(v), "%s", d0);
	ics_prop(b, "DTSTART;VALUE=DATE", v, false);
	snprintf(v, sizeof(v), "%s", d1);
	ics_prop(b, "DTEND;VALUE=DATE", v, false);
	ics_prop(b, "SUMMARY", summary, true);
	ics_prop(b, "DESCRIPTION", desc, true);
	ics_prop(b, "TRANSP", "TRANSPARENT", false);
	buf_puts(b, "END:VEVENT\r\n");
}

/* Is a one of c's user's own cases (a ledamot: where its party takes
 * part; everyone else: every case they may see)? */
static bool
own_case(const struct app_ctx *c, const struct arende *a)
{
	const struct party_row *p;

	if (!perm_case_visible(c->user, a)) {
		return false;
	}
	if (c->user->role != ROLE_LEDAMOT) {
		return true;
	}
	p = arende_party(a, c->user->party_id);
	return p != NULL && p->deltar;
}

static void
case_events(struct app_ctx *c, const char *host, const char *stamp,
    const struct utlysning *calls, size_t ncalls, struct buf *b)
{
	struct case_filter f = { 0, -1, -1, 0, CALENDAR_CASES_MAX, 0 };
	struct case_brief *v = NULL;
	struct arende *a = xmalloc(sizeof(*a));
	struct buf summary, uid;
	int64_t days;
	size_t n = 0;

	f.forbund_id = c->user->forbund_id;
	f.kind = perm_case_kind_only(c->user) >= 0
	    ? perm_case_kind_only(c->user)
	    : -1;
	f.fk_deltar = c->user->role == ROLE_ESF_KANSLI;
	buf_init(&summary);
	buf_init(&uid);
	if (store_case_list(c->st, &f, &v, &n) != B_OK) {
		n = 0;
	}
	for (size_t i = 0; i < n; i++) {
		if (store_case_get(c->st, v[i].id, a) != B_OK ||
		    !own_case(c, a)) {
			continue;
		}
		for (size_t k = 0; k < ncalls; k++) {
			/* A deadline while the application is still to be
			 * sent: call_warning on its own closing day says so. */
			if (calls[k].id != a->call_id ||
			    call_warning(a, &calls[k], calls[k].closes,
				&days) == CALL_WARN_NONE) {
				continue;
			}
			buf_reset(&summary);
			buf_printf(&summary, "Sista dag att skicka in: %s",
			    a->title);
			buf_reset(&uid);
			buf_printf(&uid, "arende-%lld-ansokan@%s",
			    (long long)a->id, host);
			ics_event(b, buf_cstr(&uid), stamp, calls[k].closes,
			    buf_cstr(&summary),
			    "Ansökan skickas in mot utlysningen senast i dag "
			    "(R8).");
		}
		if (a->state == ST_GENOMFORANDE && date_valid(a->project_end)) {
			buf_reset(&summary);
			buf_printf(&summary, "Projektet slutar: %s", a->title);
			buf_reset(&uid);
			buf_printf(&uid, "arende-%lld-slut@%s",
			    (long long)a->id, host);
			ics_event(b, buf_cstr(&uid), stamp, a->project_end,
			    buf_cstr(&summary), "Projektperiodens sista dag.");
		}
	}
	buf_free(&summary);
	buf_free(&uid);
	free(a);
	free(v);
}

int
calendar_feed(struct app_ctx *c, const char *host, struct buf *out)
{
	struct utlysning *calls = NULL;
	struct buf summary, uid;
	char stamp[32], ts[TS_LEN];
	size_t ncalls = 0;
	int err;

	ts_format(time_now(), ts);
	/* 2026-12-05T10:00:00Z into 20261205T100000Z */
	snprintf(stamp, sizeof(stamp), "%.4s%.2s%.2sT%.2s%.2s%.2sZ", ts, ts + 5,
	    ts + 8, ts + 11, ts + 14, ts + 17);
	if (perm_esf_visible(c->user) &&
	    (err = store_call_list(c->st, &calls, &ncalls)) != B_OK) {
		return err;
	}
	buf_puts(out, "BEGIN:VCALENDAR\r\n");
	ics_prop(out, "VERSION", "2.0", false);
	ics_prop(out, "PRODID", "-//Bered//Beredning av ESF+ och Finsam//SV",
	    false);
	ics_prop(out, "CALSCALE", "GREGORIAN", false);
	ics_prop(out, "METHOD", "PUBLISH", false);
	ics_prop(out, "X-WR-CALNAME", "Bered", true);
	/* RFC 7986: how often a subscriber should look again. */
	ics_prop(out, "REFRESH-INTERVAL;VALUE=DURATION", "PT1H", false);
	ics_prop(out, "X-PUBLISHED-TTL", "PT1H", false);
	buf_init(&summary);
	buf_init(&uid);
	for (size_t i = 0; i < ncalls; i++) {
		if (!date_valid(calls[i].closes)) {
			continue;
		}
		buf_reset(&summary);
		buf_printf(&summary, "Utlysningen stänger: %s", calls[i].title);
		buf_reset(&uid);
		buf_printf(&uid, "utlysning-%lld@%s", (long long)calls[i].id,
		    host);
		ics_event(out, buf_cstr(&uid), stamp, calls[i].closes,
		    buf_cstr(&summary), calls[i].reference);
	}
	case_events(c, host, stamp, calls, ncalls, out);
	buf_puts(out, "END:VCALENDAR\r\n");
	buf_free(&summary);
	buf_free(&uid);
	free(calls);
	return B_OK;
}

int
calendar_token_new(struct app_ctx *c, char token[65])
{
	unsigned char raw[32];
	char hash[65];

	randombytes_buf(raw, sizeof(raw));
	sodium_bin2hex(token, 65, raw, sizeof(raw));
	sodium_memzero(raw, sizeof(raw));
	sha256_hex(token, 64, hash);
	return store_feed_set(c->st, c->user->id, hash);
}

int
calendar_token_revoke(struct app_ctx *c)
{
	return store_feed_set(c->st, c->user->id, NULL);
}

int
calendar_user(struct store *st, const char *token, struct user *u)
{
	char hash[65];
	int64_t id;
	size_t n = strlen(token);
	int err;

	if (n != 64 || strspn(token, "0123456789abcdef") != 64) {
		return B_NOTFOUND;
	}
	sha256_hex(token, 64, hash);
	if ((err = store_feed_user(st, hash, &id)) != B_OK) {
		return err;
	}
	return store_user_get(st, id, u);
}
