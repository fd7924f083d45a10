/*
 * html.h - the escaping HTML writer. The ONLY way markup reaches a page.
 *
 * html_text/html_attr escape for element text and quoted attribute values;
 * html_url percent-encodes a query component. htmlf() escapes every %s
 * (and formats %d %i %u %ld %lld %zu %%); there is no raw conversion.
 * Raw markup only through html_lit(), which accepts string literals only:
 * a variable cannot be written raw by accident. tools/check-html-raw
 * (make lint) fails on html_raw_ used anywhere else.
 */
#ifndef BERED_HTML_H
#define BERED_HTML_H

#include <stdint.h>

#include "util/buf.h"
#include "util/text.h"

#define html_lit(b, s) html_raw_((b), "" s "")

void html_raw_(struct buf *b, const char *literal);
void html_text(struct buf *b, const char *s);
void html_attr(struct buf *b, const char *s);
void html_url(struct buf *b, const char *s);
void htmlf(struct buf *b, const char *fmt, ...)
    __attribute__((format(printf, 2, 3)));
/* "1 234 567 kr" (narrow no-break spaces as thousands separators). */
void html_money(struct buf *b, int64_t kronor);

#endif
