/*
 * ui_account.c - the platform's own pages: health check, static files,
 * login and logout, and the account page where a user manages personal
 * API tokens. The dispatcher has already enforced login and CSRF for the
 * routes that need them; login itself is guarded by throttling and an
 * Origin/Referer check (there is no session yet to carry a CSRF token).
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "app/account.h"
#include "app/calendar.h"
#include "app/password.h"
#include "html.h"
#include "http/assets.h"
#include "http/auth.h"
#include "layout.h"
#include "ui.h"
#include "ui_handlers.h"

#define LOGIN_BAD "Fel e-postadress eller lösenord."
#define LOGIN_THROTTLED                                                        \
	"För många misslyckade inloggningsförsök. Vänta "                 \
	"15 minuter och försök sedan igen."

/*
 * Liveness and the database: "ok", or 503 with Retry-After and what is
 * wrong, when the database cannot be read ("unreachable") or the last
 * write was refused for want of it ("writes_failing": a full disk, a
 * lock held elsewhere) and none has succeeded since.
 */
void
h_healthz(struct req *r)
{
	const char *db = "ok";
	int dbv = 0, binv = 0;

	r->ctype = "application/json; charset=utf-8";
	r->no_store = true;
	if (r->st == NULL || store_schema_version(r->st, &dbv, &binv) != B_OK) {
		db = "unreachable";
	} else if (req_writes_failing()) {
		db = "writes_failing";
	}
	if (strcmp(db, "ok") != 0) {
		r->status = 503;
		req_retry_later(r);
	}
	buf_printf(&r->out, "{\"status\":\"%s\",\"database\":\"%s\"}",
	    strcmp(db, "ok") == 0 ? "ok" : "unavailable", db);
}

void
h_static(struct req *r)
{
	const struct asset *a = asset_find(r->path + strlen("/static/"));

	if (a == NULL) {
		layout_error(r, 404, "Filen finns inte.");
		return;
	}
	r->ctype = a->ctype;
	req_set_header(r, "Cache-Control", "public, max-age=3600");
	buf_append(&r->out, a->data, a->len);
}

/* next only when it is a local path: never "//host" or a scheme. */
static const char *
safe_next(const char *next)
{
	if (next == NULL || next[0] != '/' || next[1] == '/' ||
	    next[1] == '\\' || strlen(next) > 1000) {
		return "/";
	}
	for (const char *p = next; *p != '\0'; p++) {
		if ((unsigned char)*p < 0x20 || *p == 0x7f) {
			return "/";
		}
	}
	return next;
}

/* A login field with autocomplete (WCAG 1.3.5), tied to its error. */
static void
login_field(struct req *r, const struct field_errors *fe, const char *field,
    const char *label, const char *type, const char *autocomplete,
    const char *value)
{
	bool bad = field_error_get(fe, field) != NULL;

	htmlf(&r->out,
	    "<div class=\"field%s\">\n<label for=\"%s\">%s</label>\n",
	    bad ? " field-invalid" : "", field, label);
	html_field_error(r, fe, field);
	htmlf(&r->out,
	    "<input type=\"%s\" id=\"%s\" name=\"%s\" value=\"%s\" "
	    "autocomplete=\"%s\" required",
	    type, field, field, value, autocomplete);
	if (bad) {
		htmlf(&r->out,
		    " aria-invalid=\"true\" aria-describedby=\"%s-fel\"",
		    field);
	}
	html_lit(&r->out, ">\n</div>\n");
}

static void
login_page(struct req *r, const struct field_errors *fe, const char *email,
    const char *next, const char *notice)
{
	layout_begin(r, "Logga in");
	if (notice != NULL) {
		htmlf(&r->out, "<p class=\"notice\" role=\"status\">%s</p>\n",
		    notice);
	}
	html_error_summary(r, fe);
	html_lit(&r->out,
	    "<form method=\"post\" action=\"/login\" "
	    "class=\"login\" novalidate>\n");
	if (strcmp(next, "/") != 0) {
		htmlf(&r->out,
		    "<input type=\"hidden\" name=\"next\" "
		    "value=\"%s\">\n",
		    next);
	}
	login_field(r, fe, "email", "E-postadress", "email", "username", email);
	login_field(r, fe, "password", "Lösenord", "password",
	    "current-password", "");
	html_lit(&r->out,
	    "<div class=\"actions\"><button type=\"submit\" "
	    "class=\"primary\">Logga in</button></div>\n</form>\n");
	layout_end(r);
}

void
h_login_form(struct req *r)
{
	struct field_errors fe;
	const char *next = safe_next(req_query(r, "next"));
	const char *notice = NULL;

	if (r->logged_in) {
		req_redirect(r, next);
		return;
	}
	if (req_query(r, "utloggad") != NULL) {
		notice = "Du är nu utloggad.";
	}
	field_errors_init(&fe);
	login_page(r, &fe, "", next, notice);
}

/* Checks the credentials; true and *u filled if they are right. */
static bool
login_check(struct req *r, const char *email, const char *pw, struct user *u,
    int *err)
{
	char hash[PASSWORD_HASH_LEN];
	bool ok;

	*err = store_user_by_email(r->st, email, u, hash, sizeof(hash));
	if (*err == B_OK && !u->active) {
		/* A deactivated account: the same time, the same answer. */
		(void)password_verify(pw, NULL);
		ok = false;
	} else if (*err == B_OK) {
		ok = password_verify(pw, hash);
		if (ok) {
			auth_password_upgrade(r, u->id, pw, hash);
		}
	} else {
		/* Unknown e-mail: spend the same time, say the same thing. */
		ok = password_verify(pw, NULL);
		*err = *err == B_NOTFOUND ? B_OK : *err;
	}
	password_wipe(hash, sizeof(hash));
	return ok;
}

void
h_login(struct req *r)
{
	struct field_errors fe;
	struct user u;
	char email[SHORT_MAX];
	const char *pw = req_form(r, "password");
	const char *next = safe_next(req_form(r, "next"));
	bool allowed;
	int err;

	if (auth_cross_origin(r)) {
		layout_error(r, 403,
		    "Inloggningen kom från en annan webbplats "
		    "och avvisades.");
		return;
	}
	field_errors_init(&fe);
	form_text(r, &fe, "email", "E-postadress", email, sizeof(email), true,
	    false);
	if (pw == NULL || pw[0] == '\0') {
		field_error_add(&fe, "password", "Lösenord måste fyllas i.");
	}
	if (fe.n > 0) {
		r->status = 422;
		login_page(r, &fe, email, next, NULL);
		return;
	}
	/*
	 * Count the attempt before looking at the password: guessing gains
	 * nothing, and an attempt that cannot be counted is refused (503).
	 */
	err = auth_login_attempt(r, email, &allowed);
	if (err != B_OK) {
		layout_error_berr(r, B_UNAVAILABLE);
		return;
	}
	if (!allowed) {
		r->status = 429;
		req_set_header(r, "Retry-After", "900");
		field_error_add(&fe, "email", "%s", LOGIN_THROTTLED);
		login_page(r, &fe, email, next, NULL);
		return;
	}
	if (!login_check(r, email, pw, &u, &err)) {
		if (err != B_OK) {
			layout_error_berr(r, err);
			return;
		}
		r->status = 401;
		field_error_add(&fe, "password", "%s", LOGIN_BAD);
		login_page(r, &fe, email, next, NULL);
		return;
	}
	auth_login_succeeded(r, email);
	if (r->logged_in && !r->via_token) {
		/* A login replaces the old session; its cookie is overwritten.
		 */
		(void)store_session_delete(r->st, r->sess.id_hash);
	}
	if ((err = auth_session_start(r, &u)) != B_OK) {
		layout_error_berr(r, err);
		return;
	}
	req_redirect(r, next);
}

void
h_logout(struct req *r)
{
	auth_session_end(r);
	req_redirect(r, "/login?utloggad=1");
}

static void
account_details(struct req *r)
{
	htmlf(&r->out,
	    "<section aria-labelledby=\"uppgifter\">\n"
	    "<h2 id=\"uppgifter\">Dina uppgifter</h2>\n<dl class=\"facts\">\n"
	    "<dt>Namn</dt><dd>%s</dd>\n<dt>E-postadress</dt><dd>%s</dd>\n"
	    "<dt>Roll</dt><dd>%s</dd>\n</dl>\n</section>\n",
	    r->user.name, r->user.email, role_label(r->user.role));
}

static void
token_row(struct req *r, const struct api_token *t)
{
	char date[DATE_LEN];

	/* The date is enough for people; the stored time is UTC. */
	snprintf(date, sizeof(date), "%.10s", t->created_at);
	htmlf(&r->out, "<tr><td>%s</td><td>%s</td>", t->name, date);
	if (t->revoked) {
		html_lit(&r->out,
		    "<td><span class=\"badge badge-closed\">"
		    "Återkallad</span></td><td></td></tr>\n");
		return;
	}
	html_lit(&r->out,
	    "<td><span class=\"badge badge-ok\">Aktiv</span>"
	    "</td><td>");
	htmlf(&r->out,
	    "<form method=\"post\" action=\"/konto/nycklar/%lld/"
	    "aterkalla\" class=\"inline\">",
	    (long long)t->id);
	html_csrf(r);
	htmlf(&r->out,
	    "<button type=\"submit\" class=\"danger\">Återkalla"
	    "<span class=\"visually-hidden\"> nyckeln %s</span></button>"
	    "</form></td></tr>\n",
	    t->name);
}

static int
token_table(struct req *r)
{
	struct api_token *t = NULL;
	size_t n = 0;
	int err;

	err = store_token_list(r->st, r->user.id, &t, &n);
	if (err != B_OK) {
		return err;
	}
	if (n == 0) {
		html_lit(&r->out, "<p>Du har inga API-nycklar ännu.</p>\n");
	} else {
		ui_table_begin(r, "API-nycklar", NULL);
		html_lit(&r->out,
		    "<caption>Dina API-nycklar</caption>\n"
		    "<thead><tr><th scope=\"col\">Namn</th><th scope=\"col\">"
		    "Skapad</th><th scope=\"col\">Status</th><th scope=\"col\">"
		    "<span class=\"visually-hidden\">Åtgärd</span></th></tr>"
		    "</thead>\n<tbody>\n");
		for (size_t i = 0; i < n; i++) {
			token_row(r, &t[i]);
		}
		html_lit(&r->out, "</tbody>\n");
		ui_table_end(r);
	}
	free(t);
	return B_OK;
}

/* The account page; newtok (shown once) after a token was created. */
/* Changing one's own password (id losenord: the one-time redirect). */
static void
password_form(struct req *r, const struct field_errors *fe)
{
	html_lit(&r->out,
	    "<section aria-labelledby=\"losenord\">\n"
	    "<h2 id=\"losenord\" tabindex=\"-1\">Byt lösenord</h2>\n"
	    "<p class=\"hint\">Minst 12 tecken, inte din e-postadress och "
	    "inte ett vanligt lösenord. Några ord som inte hör ihop är lätta "
	    "att minnas och svåra att gissa. Dina andra inloggningar "
	    "avslutas när du byter.</p>\n");
	html_error_summary(r, fe);
	html_lit(&r->out,
	    "<form method=\"post\" action=\"/konto/losenord\" "
	    "novalidate>\n");
	html_csrf(r);
	/* autocomplete lets a password manager fill and save (WCAG 1.3.5). */
	login_field(r, fe, "current", "Nuvarande lösenord", "password",
	    "current-password", "");
	login_field(r, fe, "new", "Nytt lösenord", "password", "new-password",
	    "");
	login_field(r, fe, "repeat", "Nytt lösenord igen", "password",
	    "new-password", "");
	html_lit(&r->out,
	    "<div class=\"actions\"><button type=\"submit\">Byt "
	    "lösenord</button></div>\n</form>\n</section>\n");
}

/* The choice of e-mail notifications (issue 9). */
static void
notify_form(struct req *r)
{
	const char *codes[NOTIFY__COUNT], *labels[NOTIFY__COUNT];

	for (int i = 0; i < NOTIFY__COUNT; i++) {
		codes[i] = notify_code((enum notify_mode)i);
		labels[i] = notify_label((enum notify_mode)i);
	}
	html_lit(&r->out,
	    "<section aria-labelledby=\"aviseringar\">\n"
	    "<h2 id=\"aviseringar\">E-post om det som väntar på dig</h2>\n"
	    "<p class=\"hint\">Bered mejlar när ett ärende väntar på din "
	    "part (förankring, mandat, ägarprövning, beslut), när ett ärende "
	    "som rör dig flyttas och när en utlysning snart stänger. Mejlet "
	    "innehåller bara ärendets titel, vad som väntar och en "
	    "länk.</p>\n"
	    "<form method=\"post\" action=\"/konto/aviseringar\">\n");
	html_csrf(r);
	html_select(r, NULL, "mode", "Skicka e-post", codes, labels,
	    NOTIFY__COUNT, notify_code(r->user.notify), false);
	html_lit(&r->out,
	    "<div class=\"actions\"><button type=\"submit\">Spara "
	    "valet</button></div>\n</form>\n</section>\n");
}

/* The calendar feed for Outlook (issue 8); newfeed: shown this once. */
static void
calendar_section(struct req *r, const char *newfeed)
{
	const char *host = req_header(r, "Host");

	html_lit(&r->out,
	    "<section aria-labelledby=\"kalender\">\n<h2 id=\"kalender\">"
	    "Kalender i Outlook</h2>\n<p>Prenumerera på utlysningarnas "
	    "sista dagar och dina ärendens tidsgränser i din kalender. Länken "
	    "är personlig: den som har den ser samma datum som du. Skapar du "
	    "en ny slutar den gamla att fungera.</p>\n");
	if (newfeed != NULL) {
		htmlf(&r->out,
		    "<div class=\"notice\" role=\"status\"><p>Din nya "
		    "kalenderlänk (visas bara nu): <code class=\"token\">"
		    "%s://%s/kalender/%s.ics</code></p><p>I Outlook: Lägg till "
		    "kalender, Från Internet, klistra in länken.</p></div>\n",
		    r->cfg->secure_cookies ? "https" : "http",
		    host != NULL ? host : "localhost", newfeed);
	}
	html_lit(&r->out,
	    "<form method=\"post\" action=\"/konto/kalender\" "
	    "class=\"inline\">");
	html_csrf(r);
	html_lit(&r->out,
	    "<button type=\"submit\">Skapa en ny kalenderlänk</button>"
	    "</form>\n<form method=\"post\" "
	    "action=\"/konto/kalender/aterkalla\" class=\"inline\">");
	html_csrf(r);
	html_lit(&r->out,
	    "<button type=\"submit\" class=\"secondary\">Återkalla "
	    "kalenderlänken</button></form>\n</section>\n");
}

static void account_page_feed(struct req *r, const struct field_errors *fe,
    const char *name, const char *newtok, const struct field_errors *pwfe,
    const char *newfeed);

static void
account_page(struct req *r, const struct field_errors *fe, const char *name,
    const char *newtok, const struct field_errors *pwfe)
{
	account_page_feed(r, fe, name, newtok, pwfe, NULL);
}

static void
account_page_feed(struct req *r, const struct field_errors *fe,
    const char *name, const char *newtok, const struct field_errors *pwfe,
    const char *newfeed)
{
	struct field_errors none;
	int err;

	field_errors_init(&none);
	if (pwfe == NULL) {
		pwfe = &none;
	}

	layout_begin(r, "Konto");
	if (r->user.must_change_pw) {
		/* Only the password form until the one-time one is replaced. */
		html_lit(&r->out,
		    "<div class=\"notice notice-error\" role=\"alert\"><p>"
		    "Du har fått ett engångslösenord. Välj ett eget lösenord "
		    "innan du fortsätter.</p></div>\n");
		password_form(r, pwfe);
		layout_end(r);
		return;
	}
	ui_ok_notice(r);
	if (newtok != NULL) {
		htmlf(&r->out,
		    "<div class=\"notice\" role=\"status\">\n"
		    "<h2>Ny API-nyckel skapad</h2>\n<p>Kopiera nyckeln nu. "
		    "Den visas bara den här gången och kan inte tas fram "
		    "igen.</p>\n<p><code "
		    "class=\"token\">%s</code></p>\n</div>\n",
		    newtok);
	}
	account_details(r);
	password_form(r, pwfe);
	notify_form(r);
	calendar_section(r, newfeed);
	html_lit(&r->out,
	    "<section aria-labelledby=\"nycklar\">\n"
	    "<h2 id=\"nycklar\">API-nycklar</h2>\n<p>Med en API-nyckel kan "
	    "andra system använda Bered med dina behörigheter. Skicka den i "
	    "rubriken <code>Authorization: Bearer NYCKEL</code>. "
	    "<a href=\"/api/v1/openapi.json\">API-beskrivning (OpenAPI)</a>."
	    "</p>\n");
	err = token_table(r);
	if (err != B_OK) {
		layout_error_berr(r, err);
		return;
	}
	html_lit(&r->out, "<h3>Skapa en ny nyckel</h3>\n");
	html_error_summary(r, fe);
	html_lit(&r->out, "<form method=\"post\" action=\"/konto/nycklar\">\n");
	html_csrf(r);
	html_input(r, fe, "name",
	    "Namn på nyckeln (till exempel systemets "
	    "namn)",
	    "text", name, false);
	html_lit(&r->out,
	    "<div class=\"actions\"><button type=\"submit\">"
	    "Skapa nyckel</button></div>\n</form>\n</section>\n");
	layout_end(r);
}

void
h_account(struct req *r)
{
	struct field_errors fe;

	field_errors_init(&fe);
	account_page(r, &fe, "", NULL, &fe);
}

void
h_password_change(struct req *r)
{
	struct field_errors fe, none;
	const char *cur = req_form(r, "current"), *fresh = req_form(r, "new");
	const char *again = req_form(r, "repeat");
	int err;

	field_errors_init(&fe);
	field_errors_init(&none);
	if (cur == NULL || cur[0] == '\0') {
		field_error_add(&fe, "current",
		    "Fyll i ditt nuvarande "
		    "lösenord.");
	}
	if (fresh == NULL || again == NULL || strcmp(fresh, again) != 0) {
		field_error_add(&fe, "repeat",
		    "Skriv samma nya lösenord två gånger.");
	}
	err = fe.n > 0
	    ? B_INVALID
	    : acct_password_change(&r->app, cur, fresh, r->sess.id_hash, &fe);
	if (err == B_INVALID) {
		r->status = 422;
		account_page(r, &none, "", NULL, &fe);
	} else if (err != B_OK) {
		layout_error_berr(r, err);
	} else {
		req_redirect(r, "/konto?ok=losenord");
	}
}

void
h_notify_save(struct req *r)
{
	struct field_errors fe;
	enum notify_mode m;
	const char *v = req_form(r, "mode");
	int err;

	field_errors_init(&fe);
	if (v == NULL || !notify_from_code(v, &m)) {
		layout_error(r, 422, "Välj hur du vill få e-post.");
		return;
	}
	if ((err = acct_notify_set(&r->app, m)) != B_OK) {
		layout_error_berr(r, err);
		return;
	}
	req_redirect(r, "/konto?ok=aviseringar");
}

void
h_token_create(struct req *r)
{
	struct field_errors fe;
	char name[NAME_MAX_], tok[65], hash[65];
	int64_t id;
	int err;

	field_errors_init(&fe);
	if (!form_text(r, &fe, "name", "Namn på nyckeln", name, sizeof(name),
		false, false)) {
		r->status = 422;
		account_page(r, &fe, "", NULL, NULL);
		return;
	}
	if (name[0] == '\0') {
		snprintf(name, sizeof(name), "API-nyckel");
	}
	token_new(tok, hash);
	err = store_token_create(r->st, r->user.id, name, hash, &id);
	if (err != B_OK) {
		layout_error_berr(r, err);
	} else {
		/* A page, not a redirect: the token is shown this once only. */
		account_page(r, &fe, "", tok, NULL);
	}
	password_wipe(tok, sizeof(tok));
}

void
h_token_revoke(struct req *r)
{
	int err = store_token_revoke(r->st, r->user.id, r->id[0]);

	if (err != B_OK) {
		layout_error_berr(r, err);
		return;
	}
	req_redirect(r, "/konto");
}

void
h_feed_create(struct req *r)
{
	struct field_errors fe;
	char token[65];
	int err;

	field_errors_init(&fe);
	if ((err = calendar_token_new(&r->app, token)) != B_OK) {
		layout_error_berr(r, err);
		return;
	}
	/* A page, not a redirect: the link is shown this once only. */
	account_page_feed(r, &fe, "", NULL, NULL, token);
	password_wipe(token, sizeof(token));
}

void
h_feed_revoke(struct req *r)
{
	int err = calendar_token_revoke(&r->app);

	if (err != B_OK) {
		layout_error_berr(r, err);
		return;
	}
	req_redirect(r, "/konto?ok=kalender");
}

void
h_calendar(struct req *r)
{
	const char *name = r->path + strlen("/kalender/");
	char token[65];
	struct user u;
	size_t n = strlen(name);
	int err = B_NOTFOUND;

	if (n == 68 && strcmp(name + 64, ".ics") == 0) {
		memcpy(token, name, 64);
		token[64] = '\0';
		err = calendar_user(r->st, token, &u);
	}
	if (err == B_OK) {
		struct app_ctx c;
		const char *host = req_header(r, "Host");
		char h[128];

		/* The feed is the token's user's, whoever asks. */
		app_ctx_init(&c, r->st, &u, r->cfg);
		size_t hl;

		host = host != NULL ? host : "bered";
		hl = strcspn(host, ":");
		hl = hl < sizeof(h) ? hl : sizeof(h) - 1;
		memcpy(h, host, hl);
		h[hl] = '\0';
		err = calendar_feed(&c, h, &r->out);
	}
	if (err != B_OK) {
		r->status = err == B_NOTFOUND ? 404 : berr_http_status(err);
		r->ctype = "text/plain; charset=utf-8";
		buf_reset(&r->out);
		buf_puts(&r->out,
		    err == B_NOTFOUND
			? "Kalenderlänken finns inte eller är återkallad.\n"
			: "Kalendern kan inte visas just nu.\n");
		return;
	}
	r->ctype = "text/calendar; charset=utf-8";
	req_set_header(r, "Content-Disposition",
	    "inline; filename=\"bered.ics\"");
}
