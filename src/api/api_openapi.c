/*
 * api_openapi.c - GET /api/v1/openapi.json: the OpenAPI 3 description of
 * the API, www/openapi.json compiled into the binary (assets.h). Served
 * from memory like every static file; public, like the API's docs.
 */
#include "api.h"
#include "api_handlers.h"
#include "http/assets.h"

void
api_openapi(struct req *r)
{
	const struct asset *a = asset_find("openapi.json");

	if (a == NULL) {
		api_error(r, 404, "not_found", "API-beskrivningen saknas.");
		return;
	}
	r->status = 200;
	r->ctype = "application/json; charset=utf-8";
	buf_reset(&r->out);
	buf_append(&r->out, a->data, a->len);
}
