/*
 * html.c - the escaping HTML writer: the only code that writes markup.
 *
 * Every string that is not a literal goes through html_text/html_attr
 * (entity escaping) or html_url (percent-encoding). htmlf() is a small
 * printf whose %s always escapes; it knows only the integer conversions
 * listed in html.h, so nothing can be written raw by a format mistake.
 * This file must not be used to write anything but HTML.
 */
#include "html.h"

#include <inttypes.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "util/log.h"

void
html_raw_(struct buf *b, const char *literal)
{
	buf_puts(b, literal);
}

/* Escapes the five characters that matter in text and quoted attributes. */
static void
escape(struct buf *b, const char *s)
{
	const char *run = s;

	if (s == NULL) {
		return;
	}
	for (; *s != '\0'; s++) {
		const char *ent;

		switch (*s) {
		case '&':
			ent = "&amp;";
			break;
		case '<':
			ent = "&lt;";
			break;
		case '>':
			ent = "&gt;";
			break;
		case '"':
			ent = "&quot;";
			break;
		case '\'':
			ent = "&#39;";
			break;
		default:
			continue;
		}
		buf_append(b, run, (size_t)(s - run));
		buf_puts(b, ent);
		run = s + 1;
	}
	buf_append(b, run, (size_t)(s - run));
}

void
html_text(struct buf *b, const char *s)
{
	escape(b, s);
}

void
html_attr(struct buf *b, const char *s)
{
	escape(b, s);
}

void
html_url(struct buf *b, const char *s)
{
	static const char hex[] = "0123456789ABCDEF";

	if (s == NULL) {
		return;
	}
	for (; *s != '\0'; s++) {
		unsigned char c = (unsigned char)*s;

		if ((c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') ||
		    (c >= '0' && c <= '9') || c == '-' || c == '.' ||
		    c == '_' || c == '~') {
			buf_putc(b, (char)c);
		} else {
			char enc[3] = { '%', hex[c >> 4], hex[c & 15] };

			buf_append(b, enc, 3);
		}
	}
}

/*
 * An unknown conversion is a programming error. In the sanitizer build
 * (tests) it aborts so it is found; in production the rest of the format
 * is dropped rather than reading arguments of the wrong type.
 */
static void
bad_conversion(const char *fmt)
{
	log_err("htmlf: unsupported conversion in \"%.40s\"", fmt);
#if defined(__SANITIZE_ADDRESS__)
	abort();
#endif
}

void
htmlf(struct buf *b, const char *fmt, ...)
{
	const char *p = fmt, *run = fmt;
	char num[32];
	va_list ap;

	va_start(ap, fmt);
	while (*p != '\0') {
		if (*p != '%') {
			p++;
			continue;
		}
		buf_append(b, run, (size_t)(p - run));
		p++;
		if (*p == '%') {
			buf_putc(b, '%');
		} else if (*p == 's') {
			escape(b, va_arg(ap, const char *));
		} else if (*p == 'd' || *p == 'i') {
			snprintf(num, sizeof(num), "%d", va_arg(ap, int));
			buf_puts(b, num);
		} else if (*p == 'u') {
			snprintf(num, sizeof(num), "%u", va_arg(ap, unsigned));
			buf_puts(b, num);
		} else if (*p == 'z' && p[1] == 'u') {
			p++;
			snprintf(num, sizeof(num), "%zu", va_arg(ap, size_t));
			buf_puts(b, num);
		} else if (*p == 'l' && p[1] == 'l' &&
		    (p[2] == 'd' || p[2] == 'i')) {
			p += 2;
			snprintf(num, sizeof(num), "%lld",
			    va_arg(ap, long long));
			buf_puts(b, num);
		} else if (*p == 'l' && p[1] == 'l' && p[2] == 'u') {
			p += 2;
			snprintf(num, sizeof(num), "%llu",
			    va_arg(ap, unsigned long long));
			buf_puts(b, num);
		} else if (*p == 'l' && (p[1] == 'd' || p[1] == 'i')) {
			p++;
			snprintf(num, sizeof(num), "%ld", va_arg(ap, long));
			buf_puts(b, num);
		} else if (*p == 'l' && p[1] == 'u') {
			p++;
			snprintf(num, sizeof(num), "%lu",
			    va_arg(ap, unsigned long));
			buf_puts(b, num);
		} else {
			bad_conversion(fmt);
			run = p = "";
			break;
		}
		p++;
		run = p;
	}
	buf_append(b, run, (size_t)(p - run));
	va_end(ap);
}

void
html_money(struct buf *b, int64_t kronor)
{
	char s[64];

	money_format(kronor, s, sizeof(s));
	html_text(b, s);
}
