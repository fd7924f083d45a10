/*
 * assets.h - static files from www/, compiled into the binary (assets_data.S
 * with .incbin) and served from memory: no file opens per request.
 */
#ifndef BERED_ASSETS_H
#define BERED_ASSETS_H

#include <stddef.h>

struct asset {
	const char *name; /* "style.css", "openapi.json" */
	const char *ctype;
	const unsigned char *data;
	size_t len;
};

/* The asset called name, or NULL. */
const struct asset *asset_find(const char *name);

#endif
