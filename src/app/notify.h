/*
 * notify.h - who is told what (issue 9). The operations that move or
 * change a case call notify_case; the mailer (mail/) calls notify_scan
 * now and then, and turns the notices into e-mail as each user chose
 * (direkt, dagligen, av). Nothing here sends anything, and nothing here
 * runs unless e-mail is configured (app_config.notify).
 *
 * Who gets what:
 * - the ledamöter of a party, when the case waits for that party's
 *   förankring, mandate, ownership examination or formal decision
 *   (party_pending, the same predicates as the move's guards);
 * - the ledamöter of every participating party, when the case moves;
 * - the kansli, when a case can move on (transition_check passes) or has
 *   stood still for NOTIFY_STILL_DAYS days;
 * - everyone in the förbund, when a linked call closes within
 *   NOTIFY_CALL_DAYS days;
 * - the styrelse, when a Finsam insats waits for the board's decision.
 * Each recipient must see the case (perm_case_visible): the styrelse
 * never hears of an ESF+ matter (R1), nobody of another förbund's case.
 * A notice holds the case's title and what is awaited, nothing more.
 */
#ifndef BERED_NOTIFY_H
#define BERED_NOTIFY_H

#include "app.h"

#define NOTIFY_STILL_DAYS 30
#define NOTIFY_CALL_DAYS  14

/* After a change of a (moved from `from`, or from == a->state). */
void notify_case(struct app_ctx *c, const struct arende *a, enum state from);
/* Cases that stood still, calls that close soon: run by the mailer. */
void notify_scan(struct app_ctx *c);

#endif
