/*
 * calendar.h - the per-user iCalendar feed (issue 8, RFC 5545), for
 * Outlook and other calendars to subscribe to: the closing dates of
 * ESF-rådet's calls, and the deadlines of the user's cases (the last day
 * to submit against a linked call; the end of a project being carried
 * out). All-day events with stable UIDs, and a refresh interval. The feed
 * is reached by a secret token of its own (not a session, not an API
 * token), made and revoked on /konto.
 */
#ifndef BERED_CALENDAR_H
#define BERED_CALENDAR_H

#include "app.h"
#include "util/buf.h"

#define CALENDAR_CASES_MAX 500 /* cases looked at for one feed */

/* c's user's feed into out; host names the UIDs' domain. */
int calendar_feed(struct app_ctx *c, const char *host, struct buf *out);
/*
 * Makes a new feed token for c's user (the old one stops working) into
 * token (65 bytes, hex); revoking stores none.
 */
int calendar_token_new(struct app_ctx *c, char token[65]);
int calendar_token_revoke(struct app_ctx *c);
/* The user of a feed token; B_NOTFOUND for an unknown or revoked one. */
int calendar_user(struct store *st, const char *token, struct user *u);

#endif
