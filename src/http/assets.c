/*
 * assets.c - the table of files embedded by assets_data.S. Lookups are by
 * exact name: a path like "../x" simply matches nothing.
 */
#include "assets.h"

#include <pthread.h>
#include <string.h>

extern const unsigned char asset_style_css[], asset_style_css_end[];
extern const unsigned char asset_openapi_json[], asset_openapi_json_end[];
extern const unsigned char asset_favicon_svg[], asset_favicon_svg_end[];

static struct asset table[3];
static pthread_once_t table_once = PTHREAD_ONCE_INIT;

/* Lengths come from link-time labels, not constants: filled once. */
static void
table_init(void)
{
	table[0] = (struct asset){ "style.css", "text/css; charset=utf-8",
		asset_style_css,
		(size_t)(asset_style_css_end - asset_style_css) };
	table[1] = (struct asset){ "openapi.json",
		"application/json; charset=utf-8", asset_openapi_json,
		(size_t)(asset_openapi_json_end - asset_openapi_json) };
	table[2] =
	    (struct asset){ "favicon.svg", "image/svg+xml", asset_favicon_svg,
		    (size_t)(asset_favicon_svg_end - asset_favicon_svg) };
}

const struct asset *
asset_find(const char *name)
{
	pthread_once(&table_once, table_init);
	for (size_t i = 0; i < sizeof(table) / sizeof(table[0]); i++) {
		if (name != NULL && strcmp(name, table[i].name) == 0) {
			return &table[i];
		}
	}
	return NULL;
}
