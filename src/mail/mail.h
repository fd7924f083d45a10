/*
 * mail.h - e-mail notifications (issue 9): a thread of `bered serve`
 * that turns notices (app/notify.c) into mail as each user chose (direkt:
 * one mail a notice; dagligen: one digest a day; av: none) and sends the
 * outbox by SMTP with libcurl. A request never waits for the mail server:
 * everything goes through the outbox table, in the database, so a failed
 * send is retried with back-off (RETRY_FIRST s, doubling, at most
 * RETRY_MAX s) and nothing is lost across a restart. A mail is marked sent
 * the moment the server accepts it; only a crash in between those two
 * steps could send it again, and its fixed Message-ID lets the receiving
 * server drop the copy.
 */
#ifndef BERED_MAIL_H
#define BERED_MAIL_H

#include "app/app.h"

#define MAIL_RETRY_FIRST 5    /* seconds */
#define MAIL_RETRY_MAX   3600 /* seconds */

struct mail_opts {
	const char *db;       /* the store URL (the thread opens its own) */
	const char *smtp_url; /* smtp://HOST:PORT or smtps://... */
	const char *from;     /* --mail-from */
	const char *base_url; /* --base-url: links in the mail */
	const char *password; /* BERED_SMTP_PASSWORD, or NULL */
	const struct app_config *cfg;
};

/* Starts the mail thread; 0, or -1 (message on stderr). */
int mail_start(const struct mail_opts *o);
/* Stops it (a send in progress finishes first). */
void mail_stop(void);

#endif
