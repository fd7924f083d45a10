/*
 * buf.h - a growable byte buffer, always NUL-terminated.
 *
 * A struct buf owns its memory: buf_init() before use, buf_free() after.
 * Appending cannot fail (allocation aborts on OOM). buf_printf() does NOT
 * escape anything: never use it to write HTML; use html.h for that.
 */
#ifndef BERED_BUF_H
#define BERED_BUF_H

#include <stdarg.h>
#include <stddef.h>

struct buf {
	char *p; /* always NUL-terminated once anything is appended */
	size_t len;
	size_t cap;
};

void buf_init(struct buf *b);
void buf_free(struct buf *b);  /* accepts a zeroed buf */
void buf_reset(struct buf *b); /* len = 0, keeps memory */
void buf_reserve(struct buf *b, size_t extra);
void buf_append(struct buf *b, const void *data, size_t n);
void buf_puts(struct buf *b, const char *s);
void buf_putc(struct buf *b, char c);
void buf_printf(struct buf *b, const char *fmt, ...)
    __attribute__((format(printf, 2, 3)));
void buf_vprintf(struct buf *b, const char *fmt, va_list ap);
/* The contents as a C string ("" for an empty buffer); owned by b. */
const char *buf_cstr(struct buf *b);
/* Hands the memory to the caller (who frees it) and re-inits b. */
char *buf_detach(struct buf *b);

#endif
