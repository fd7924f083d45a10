/*
 * xmalloc.h - allocation that cannot fail.
 *
 * Every function aborts the process on out-of-memory, so callers never
 * check for NULL. Memory returned is owned by the caller and released
 * with free().
 */
#ifndef BERED_XMALLOC_H
#define BERED_XMALLOC_H

#include <stddef.h>

void *xmalloc(size_t n);
void *xcalloc(size_t nmemb, size_t size);
void *xrealloc(void *p, size_t n);
/* Copy of s (NULL gives NULL). Caller frees. */
char *xstrdup(const char *s);
/* Copy of at most n bytes of s, NUL-terminated. Caller frees. */
char *xstrndup(const char *s, size_t n);

#endif
