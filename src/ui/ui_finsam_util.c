/*
 * ui_finsam_util.c - small pieces shared by the Finsam pages: PRG
 * notices, the year's money against the frame, percentages as Swedish
 * officials type and read them. Writes only through html.h.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "domain/finsam.h"
#include "html.h"
#include "layout.h"
#include "ui_finsam.h"

struct notice {
	const char *code;
	bool warn;
	const char *text;
};

static const struct notice notices[] = {
	{ "mote", false, "Sammanträdet har skapats." },
	{ "motet", false, "Sammanträdets uppgifter har sparats." },
	{ "dagordning", false, "Ärendet har lagts på dagordningen." },
	{ "struken", false, "Ärendet har strukits från dagordningen." },
	{ "ordning", false, "Dagordningens ordning har ändrats." },
	{ "beslut", false,
	    "Beslutet har registrerats och ärendet har "
	    "flyttats." },
	{ "beslut-over", true,
	    "Beslutet har registrerats. Observera: årets "
	    "beviljade belopp överskrider budgetramen." },
	{ "beslut-utan-budget", true,
	    "Beslutet har registrerats. Observera: "
	    "ingen budget är registrerad för året, så beslutet ligger utanför "
	    "en fastställd budgetram." },
	{ "budget", false, "Budgeten har sparats." },
};

void
ui_finsam_notice(struct req *r)
{
	const char *ok = req_query(r, "ok");
	size_t i;

	if (ok == NULL) {
		return;
	}
	for (i = 0; i < sizeof(notices) / sizeof(notices[0]); i++) {
		if (strcmp(ok, notices[i].code) != 0) {
			continue;
		}
		if (notices[i].warn) {
			html_lit(&r->out,
			    "<div class=\"notice warning\" "
			    "role=\"status\"><p>");
		} else {
			html_lit(&r->out,
			    "<div class=\"notice notice-ok\" "
			    "role=\"status\"><p>");
		}
		html_text(&r->out, notices[i].text);
		html_lit(&r->out, "</p></div>\n");
		return;
	}
}

void
ui_finsam_frame(struct req *r, const struct frame_status *fs)
{
	struct buf *b = &r->out;

	htmlf(b, "<dl class=\"facts frame\">\n<dt>Budgetram %d</dt><dd>",
	    fs->year);
	if (fs->has_budget) {
		html_money(b, fs->frame);
	} else {
		htmlf(b, "Ingen budget är registrerad för %d", fs->year);
	}
	htmlf(b, "</dd>\n<dt>Beviljat av styrelsen %d</dt><dd>", fs->year);
	html_money(b, fs->granted);
	html_lit(b, "</dd>\n<dt>Återstår av ramen</dt><dd>");
	if (fs->has_budget) {
		html_money(b, fs->remaining);
	} else {
		html_lit(b, "–");
	}
	html_lit(b, "</dd>\n</dl>\n");
	if (fs->over && fs->has_budget) {
		html_lit(b,
		    "<p class=\"warning\"><strong>Över ramen:</strong> "
		    "beviljade belopp överskrider årets budgetram med ");
		html_money(b, -fs->remaining);
		html_lit(b,
		    ". Beslut över ramen är tillåtna men markeras.</p>\n");
	} else if (fs->over) {
		htmlf(b,
		    "<p class=\"warning\"><strong>Utan ram:</strong> "
		    "Ingen budget är registrerad för %d, men styrelsen har "
		    "beviljat pengar för det året.</p>\n",
		    fs->year);
	}
}

void
ui_finsam_percent(int64_t ppm, char *out, size_t outsz)
{
	int64_t whole = ppm / 10000, frac = ppm % 10000;
	char dec[8];
	int n;

	if (frac < 0) {
		frac = -frac;
	}
	if (frac == 0) {
		snprintf(out, outsz, "%lld", (long long)whole);
		return;
	}
	n = snprintf(dec, sizeof(dec), "%04lld", (long long)frac);
	while (n > 0 && dec[n - 1] == '0') {
		dec[--n] = '\0';
	}
	snprintf(out, outsz, "%lld,%s", (long long)whole, dec);
}

bool
ui_finsam_parse_percent(const char *s, int64_t *ppm)
{
	int64_t whole = 0, frac = 0;
	int ndec = 0, ndig = 0;
	bool point = false;

	*ppm = 0;
	for (; s != NULL && *s != '\0'; s++) {
		if (*s == ' ' || *s == '%') {
			continue;
		}
		if ((*s == ',' || *s == '.') && !point) {
			point = true;
		} else if (*s >= '0' && *s <= '9' && !point && ndig < 7) {
			whole = whole * 10 + (*s - '0');
			ndig++;
		} else if (*s >= '0' && *s <= '9' && point && ndec < 4) {
			frac = frac * 10 + (*s - '0');
			ndec++;
		} else {
			return false;
		}
	}
	if (ndig == 0 && ndec == 0) {
		return !point;
	}
	for (; ndec < 4; ndec++) {
		frac *= 10;
	}
	*ppm = whole * 10000 + frac;
	return true;
}

void
ui_finsam_rename_field(struct field_errors *fe, const char *from,
    const char *to)
{
	size_t i, n = strlen(to);

	if (n >= sizeof(fe->e[0].field)) {
		return;
	}
	for (i = 0; i < fe->n; i++) {
		if (strcmp(fe->e[i].field, from) == 0) {
			memcpy(fe->e[i].field, to, n + 1);
		}
	}
}

void
ui_finsam_forbund_name(struct req *r, int64_t fid, char *out, size_t outsz)
{
	struct forbund_brief *fb = NULL;
	size_t n = 0, i;

	out[0] = '\0';
	if (layout_failed(r, store_forbund_list(r->st, &fb, &n))) {
		return;
	}
	for (i = 0; i < n; i++) {
		if (fb[i].id == fid) {
			snprintf(out, outsz, "%s", fb[i].name);
		}
	}
	free(fb);
}
