/*
 * mail.c - the mail thread (see mail.h): composes notices into the
 * outbox, sends what is due over SMTP (libcurl's SMTP and MIME support,
 * multipart/alternative with a plain text and an HTML part), and runs
 * notify_scan every SCAN_EVERY seconds.
 */
#include "mail.h"

#include <curl/curl.h>
#include <pthread.h>
#include <sodium.h>
#include <stdatomic.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "app/notify.h"
#include "ui/html.h"
#include "util/buf.h"
#include "util/date.h"
#include "util/log.h"
#include "util/xmalloc.h"

#define TICK_MS    500 /* how often the outbox is looked at */
#define SCAN_EVERY 600 /* seconds between notify_scan runs */
#define SEND_BATCH 20  /* mails per tick */

static struct mail_opts opts;
static pthread_t thread;
static atomic_bool stopping;
static bool running;

/* ---- composing -------------------------------------------------------- */

static void
footer_text(struct buf *b)
{
	buf_printf(b,
	    "\n--\nDu får det här meddelandet från Bered eftersom du deltar i "
	    "beredningen i ditt samordningsförbund. Välj direkt, dagligen "
	    "eller av under Konto: %s/konto\n",
	    opts.base_url);
}

static void
footer_html(struct buf *b)
{
	htmlf(b,
	    "<hr><p style=\"color:#555\">Du får det här meddelandet från "
	    "Bered eftersom du deltar i beredningen i ditt "
	    "samordningsförbund. Välj direkt, dagligen eller av under "
	    "<a href=\"%s/konto\">Konto</a>.</p>",
	    opts.base_url);
}

/* One notice as text and HTML: what, and the link to the case. */
static void
notice_parts(const struct notice_mail *n, struct buf *t, struct buf *h)
{
	buf_printf(t, "%s\n", n->body);
	htmlf(h, "<p>%s</p>", n->body);
	if (n->case_id > 0) {
		buf_printf(t, "Öppna ärendet: %s/arenden/%lld\n", opts.base_url,
		    (long long)n->case_id);
		htmlf(h, "<p><a href=\"%s/arenden/%lld\">Öppna ärendet</a></p>",
		    opts.base_url, (long long)n->case_id);
	}
}

/* Queues one mail of notices v[0..k) for their user. */
static void
queue(struct store *s, const struct notice_mail *v, size_t k,
    const char *digest_date)
{
	struct buf text, html, subject;
	int64_t *ids = xcalloc(k, sizeof(*ids));
	struct mail m;
	int rc;

	buf_init(&text);
	buf_init(&html);
	buf_init(&subject);
	buf_printf(&text, "Hej %s!\n\n", v[0].name);
	html_lit(&html,
	    "<!DOCTYPE html><html lang=\"sv\"><head><meta "
	    "charset=\"utf-8\"></head><body>");
	htmlf(&html, "<p>Hej %s!</p>", v[0].name);
	if (digest_date != NULL) {
		buf_printf(&subject, "Bered: %zu %s väntar på dig", k,
		    k == 1 ? "sak" : "saker");
		buf_printf(&text, "Det här har hänt sedan sist:\n\n");
		html_lit(&html, "<p>Det här har hänt sedan sist:</p>");
	} else {
		buf_printf(&subject, "Bered: %s", v[0].subject);
	}
	for (size_t i = 0; i < k; i++) {
		ids[i] = v[i].id;
		if (digest_date != NULL) {
			buf_printf(&text, "* %s\n", v[i].subject);
			htmlf(&html, "<h2 style=\"font-size:1.1em\">%s</h2>",
			    v[i].subject);
		}
		notice_parts(&v[i], &text, &html);
		buf_putc(&text, '\n');
	}
	footer_text(&text);
	footer_html(&html);
	html_lit(&html, "</body></html>");
	memset(&m, 0, sizeof(m));
	m.user_id = v[0].user_id;
	snprintf(m.to, sizeof(m.to), "%s", v[0].email);
	m.subject = (char *)buf_cstr(&subject);
	m.text = (char *)buf_cstr(&text);
	m.html = (char *)buf_cstr(&html);
	m.next_try = time_now();
	/* B_CONFLICT: another instance mailed these notices already. */
	rc = store_mail_queue(s, &m, ids, k, digest_date);
	if (rc != B_OK && rc != B_CONFLICT) {
		log_err("mail: could not queue a mail for user %lld",
		    (long long)v[0].user_id);
	}
	buf_free(&subject);
	buf_free(&text);
	buf_free(&html);
	free(ids);
}

/* The waiting notices of one user v[0..k), as the user chose. */
static void
compose_user(struct store *s, const struct notice_mail *v, size_t k,
    const char *today)
{
	if (!v[0].active || v[0].mode == NOTIFY_AV) {
		(void)store_notice_skip(s, v[0].user_id);
	} else if (v[0].mode == NOTIFY_DIREKT) {
		for (size_t i = 0; i < k; i++) {
			queue(s, &v[i], 1, NULL);
		}
	} else if (strcmp(v[0].last_digest, today) != 0) {
		queue(s, v, k, today); /* dagligen: once a day */
	}
}

static void
compose(struct store *s)
{
	struct notice_mail *v = NULL;
	char today[DATE_LEN];
	size_t n = 0, i = 0, j;

	if (store_notice_waiting(s, &v, &n) != B_OK) {
		return;
	}
	date_today(today);
	while (i < n) {
		for (j = i; j < n && v[j].user_id == v[i].user_id; j++) {
		}
		compose_user(s, &v[i], j - i, today);
		i = j;
	}
	notices_free(v, n);
}

/* ---- sending ---------------------------------------------------------- */

/* "=?UTF-8?B?...?=" of s (RFC 2047), so that å, ä, ö survive. */
static void
encoded_word(struct buf *b, const char *s)
{
	size_t n = strlen(s);
	size_t len =
	    sodium_base64_ENCODED_LEN(n, sodium_base64_VARIANT_ORIGINAL);
	char *enc = xmalloc(len);

	sodium_bin2base64(enc, len, (const unsigned char *)s, n,
	    sodium_base64_VARIANT_ORIGINAL);
	buf_printf(b, "=?UTF-8?B?%s?=", enc);
	free(enc);
}

/* The host of --base-url, for Message-ID. */
static void
base_host(char *out, size_t outsz)
{
	const char *p = strstr(opts.base_url, "://");

	size_t n;

	p = p != NULL ? p + 3 : opts.base_url;
	n = strcspn(p, "/:");
	n = n < outsz ? n : outsz - 1;
	memcpy(out, p, n);
	out[n] = '\0';
	if (out[0] == '\0') {
		snprintf(out, outsz, "bered");
	}
}

static struct curl_slist *
add_header(struct curl_slist *h, struct buf *b)
{
	struct curl_slist *n = curl_slist_append(h, buf_cstr(b));

	buf_reset(b);
	if (n == NULL) {
		curl_slist_free_all(h);
	}
	return n;
}

/* Sends m; NULL on success, else curl's reason (static storage). */
static const char *
smtp_send(const struct mail *m)
{
	CURL *c = curl_easy_init();
	struct curl_slist *rcpt = NULL, *hdr = NULL;
	curl_mime *mime = NULL, *alt = NULL;
	curl_mimepart *part;
	struct buf b;
	char host[128], date[64], from[SHORT_MAX + 2], to[SHORT_MAX + 2];
	time_t now = time(NULL);
	struct tm tm;
	CURLcode rc = CURLE_OUT_OF_MEMORY;

	if (c == NULL) {
		return curl_easy_strerror(rc);
	}
	buf_init(&b);
	base_host(host, sizeof(host));
	gmtime_r(&now, &tm);
	strftime(date, sizeof(date), "%a, %d %b %Y %H:%M:%S +0000", &tm);
	snprintf(from, sizeof(from), "<%s>", opts.from);
	snprintf(to, sizeof(to), "<%s>", m->to);
	rcpt = curl_slist_append(NULL, to);
	buf_puts(&b, "Subject: ");
	encoded_word(&b, m->subject);
	hdr = add_header(NULL, &b);
	buf_printf(&b, "From: Bered <%s>", opts.from);
	hdr = hdr != NULL ? add_header(hdr, &b) : NULL;
	buf_printf(&b, "To: <%s>", m->to);
	hdr = hdr != NULL ? add_header(hdr, &b) : NULL;
	buf_printf(&b, "Date: %s", date);
	hdr = hdr != NULL ? add_header(hdr, &b) : NULL;
	/* Fixed per outbox row: a copy sent again can be recognised. */
	buf_printf(&b, "Message-ID: <bered.%lld.%s@%s>", (long long)m->id,
	    m->created_at, host);
	hdr = hdr != NULL ? add_header(hdr, &b) : NULL;
	mime = curl_mime_init(c);
	alt = curl_mime_init(c);
	if (rcpt == NULL || hdr == NULL || mime == NULL || alt == NULL) {
		curl_mime_free(alt);
		goto out;
	}
	part = curl_mime_addpart(alt);
	curl_mime_data(part, m->text, CURL_ZERO_TERMINATED);
	curl_mime_type(part, "text/plain; charset=utf-8");
	curl_mime_encoder(part, "quoted-printable");
	part = curl_mime_addpart(alt);
	curl_mime_data(part, m->html, CURL_ZERO_TERMINATED);
	curl_mime_type(part, "text/html; charset=utf-8");
	curl_mime_encoder(part, "quoted-printable");
	part = curl_mime_addpart(mime);
	curl_mime_subparts(part, alt);
	curl_mime_type(part, "multipart/alternative");
	curl_easy_setopt(c, CURLOPT_URL, opts.smtp_url);
	curl_easy_setopt(c, CURLOPT_MAIL_FROM, from);
	curl_easy_setopt(c, CURLOPT_MAIL_RCPT, rcpt);
	curl_easy_setopt(c, CURLOPT_HTTPHEADER, hdr);
	curl_easy_setopt(c, CURLOPT_MIMEPOST, mime);
	curl_easy_setopt(c, CURLOPT_USE_SSL, (long)CURLUSESSL_TRY);
	curl_easy_setopt(c, CURLOPT_CONNECTTIMEOUT, 10L);
	curl_easy_setopt(c, CURLOPT_TIMEOUT, 60L);
	curl_easy_setopt(c, CURLOPT_NOSIGNAL, 1L);
	if (opts.password != NULL) {
		curl_easy_setopt(c, CURLOPT_PASSWORD, opts.password);
	}
	rc = curl_easy_perform(c);
out:
	curl_mime_free(mime);
	curl_slist_free_all(hdr);
	curl_slist_free_all(rcpt);
	curl_easy_cleanup(c);
	buf_free(&b);
	return rc == CURLE_OK ? NULL : curl_easy_strerror(rc);
}

static int64_t
backoff(int attempts)
{
	int64_t d = MAIL_RETRY_FIRST;

	for (int i = 0; i < attempts && d < MAIL_RETRY_MAX; i++) {
		d *= 2;
	}
	return d < MAIL_RETRY_MAX ? d : MAIL_RETRY_MAX;
}

static void
send_due(struct store *s)
{
	struct mail *v = NULL;
	const char *why;
	size_t n = 0;

	if (store_mail_due(s, time_now(), SEND_BATCH, &v, &n) != B_OK) {
		return;
	}
	for (size_t i = 0; i < n && !atomic_load(&stopping); i++) {
		why = smtp_send(&v[i]);
		if (why == NULL) {
			if (store_mail_sent(s, v[i].id) != B_OK) {
				log_err("mail: %lld was sent but could not be "
					"marked so",
				    (long long)v[i].id);
			}
			continue;
		}
		log_err("mail: sending %lld to the SMTP server failed: %s",
		    (long long)v[i].id, why);
		(void)store_mail_failed(s, v[i].id,
		    time_now() + backoff(v[i].attempts), why);
	}
	mails_free(v, n);
}

/* ---- the thread ------------------------------------------------------- */

static void *
mail_main(void *arg)
{
	struct store *s = NULL;
	struct app_ctx c;
	struct user system;
	char err[256];
	int64_t last_scan = 0;
	bool woken = false;
	struct timespec tick = { TICK_MS / 1000, (TICK_MS % 1000) * 1000000L };

	(void)arg;
	memset(&system, 0, sizeof(system));
	system.role = ROLE_ADMIN;
	system.active = true;
	while (!atomic_load(&stopping)) {
		if (s == NULL &&
		    store_open(opts.db, &s, err, sizeof(err)) != B_OK) {
			log_err("mail: cannot open the database: %s", err);
			s = NULL;
		} else if (s != NULL && !woken) {
			/* A restart often follows a mended SMTP server or
			 * password: what waited is tried at once, then backs
			 * off again. */
			woken = store_mail_wake(s, time_now()) == B_OK;
		}
		if (s != NULL) {
			if (time_now() - last_scan >= SCAN_EVERY) {
				app_ctx_init(&c, s, &system, opts.cfg);
				notify_scan(&c);
				last_scan = time_now();
			}
			compose(s);
			send_due(s);
		}
		nanosleep(&tick, NULL);
	}
	store_close(s);
	return NULL;
}

int
mail_start(const struct mail_opts *o)
{
	if (strncmp(o->smtp_url, "smtp://", 7) != 0 &&
	    strncmp(o->smtp_url, "smtps://", 8) != 0) {
		fprintf(stderr,
		    "bered serve: --smtp ska vara smtp://VÄRD:PORT "
		    "eller smtps://VÄRD:PORT\n");
		return -1;
	}
	if (o->from == NULL || strchr(o->from, '@') == NULL ||
	    o->base_url == NULL || strncmp(o->base_url, "http", 4) != 0) {
		fprintf(stderr,
		    "bered serve: --smtp kräver --mail-from ADRESS "
		    "och --base-url https://...\n");
		return -1;
	}
	if (curl_global_init(CURL_GLOBAL_DEFAULT) != CURLE_OK) {
		fprintf(stderr, "bered serve: libcurl kunde inte starta\n");
		return -1;
	}
	opts = *o;
	atomic_store(&stopping, false);
	if (pthread_create(&thread, NULL, mail_main, NULL) != 0) {
		curl_global_cleanup();
		fprintf(stderr,
		    "bered serve: e-posttråden kunde inte starta\n");
		return -1;
	}
	running = true;
	return 0;
}

void
mail_stop(void)
{
	if (!running) {
		return;
	}
	atomic_store(&stopping, true);
	pthread_join(thread, NULL);
	curl_global_cleanup();
	running = false;
}
