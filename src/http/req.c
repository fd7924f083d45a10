/*
 * req.c - the getters and answer helpers of struct req (req.h), the
 * urlencoded body parser, and the one mapping of enum berr to HTTP.
 *
 * Handlers never see libmicrohttpd: the few lookups that need the
 * connection (query, headers, cookies) happen here. r->conn may be NULL
 * (unit tests build a struct req by hand); lookups then find nothing.
 */
#include <errno.h>
#include <microhttpd.h>
#include <stdatomic.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "http.h"
#include "ui/html.h"
#include "util/err.h"
#include "util/log.h"
#include "util/xmalloc.h"

void
req_init(struct req *r)
{
	memset(r, 0, sizeof(*r));
	r->method = "GET";
	r->path = "/";
	r->status = 200;
	r->ctype = "text/html; charset=utf-8";
	buf_init(&r->body);
	buf_init(&r->out);
}

void
req_free(struct req *r)
{
	for (size_t i = 0; i < r->nform; i++) {
		free(r->form[i].key);
		free(r->form[i].val);
	}
	for (size_t i = 0; i < r->nheaders; i++) {
		free(r->headers[i].key);
		free(r->headers[i].val);
	}
	r->nform = r->nheaders = 0;
	if (r->upload != NULL) {
		if (r->upload->pp != NULL) {
			(void)MHD_destroy_post_processor(r->upload->pp);
		}
		if (r->upload->f != NULL) {
			fclose(r->upload->f);
		}
		free(r->upload);
		r->upload = NULL;
	}
	buf_free(&r->body);
	buf_free(&r->out);
	/* The session's CSRF token is a secret: do not leave it behind. */
	memset(&r->sess, 0, sizeof(r->sess));
}

const char *
req_query(struct req *r, const char *name)
{
	if (r->conn == NULL) {
		return NULL;
	}
	return MHD_lookup_connection_value(r->conn, MHD_GET_ARGUMENT_KIND,
	    name);
}

const char *
req_form(struct req *r, const char *name)
{
	for (size_t i = 0; i < r->nform; i++) {
		if (strcmp(r->form[i].key, name) == 0) {
			return r->form[i].val;
		}
	}
	return NULL;
}

const char *
req_header(struct req *r, const char *name)
{
	if (r->conn == NULL) {
		return NULL;
	}
	return MHD_lookup_connection_value(r->conn, MHD_HEADER_KIND, name);
}

const char *
req_cookie(struct req *r, const char *name)
{
	if (r->conn == NULL) {
		return NULL;
	}
	return MHD_lookup_connection_value(r->conn, MHD_COOKIE_KIND, name);
}

/* Header values must not smuggle a line break into the response. */
static bool
header_safe(const char *s)
{
	for (; *s != '\0'; s++) {
		if ((unsigned char)*s < 0x20 || *s == 0x7f) {
			return false;
		}
	}
	return true;
}

void
req_set_header(struct req *r, const char *name, const char *value)
{
	if (!header_safe(name) || !header_safe(value)) {
		log_err("refused unsafe response header %s", name);
		return;
	}
	if (r->nheaders >= REQ_MAX_HEADERS) {
		log_err("too many response headers, dropped %s", name);
		return;
	}
	r->headers[r->nheaders].key = xstrdup(name);
	r->headers[r->nheaders].val = xstrdup(value);
	r->nheaders++;
}

void
req_redirect(struct req *r, const char *path)
{
	/* Only local paths: "//host" would leave the site. */
	if (path == NULL || path[0] != '/' || path[1] == '/' ||
	    path[1] == '\\' || !header_safe(path)) {
		path = "/";
	}
	r->status = 303;
	buf_reset(&r->out);
	req_set_header(r, "Location", path);
}

const char *
req_csrf(struct req *r)
{
	return r->logged_in && !r->via_token ? r->sess.csrf : "";
}

int
berr_http_status(int err)
{
	switch (err) {
	case B_OK:
		return 200;
	case B_NOTFOUND:
		return 404;
	case B_FORBIDDEN:
		return 403;
	case B_INVALID:
		return 422;
	case B_CONFLICT:
		return 409;
	case B_UNAVAILABLE:
		return 503;
	case B_UNSUPPORTED:
		return 415;
	default:
		return 500;
	}
}

void
req_retry_later(struct req *r)
{
	req_set_header(r, "Retry-After", RETRY_AFTER_SECONDS);
}

/*
 * Whether the last write a handler answered was refused as unavailable
 * (503: a full disk, a database that cannot be reached), until a write
 * succeeds again. For /healthz: one flag for the process, not request
 * state.
 */
static atomic_bool writes_failing;

void
req_note_write(const struct req *r)
{
	if (strcmp(r->method, "GET") == 0 || strcmp(r->method, "HEAD") == 0) {
		return;
	}
	if (r->status == 503) {
		atomic_store(&writes_failing, true);
	} else if (r->status < 400) {
		atomic_store(&writes_failing, false);
	}
}

bool
req_writes_failing(void)
{
	return atomic_load(&writes_failing);
}

static int
hexval(char c)
{
	if (c >= '0' && c <= '9') {
		return c - '0';
	}
	if (c >= 'a' && c <= 'f') {
		return c - 'a' + 10;
	}
	if (c >= 'A' && c <= 'F') {
		return c - 'A' + 10;
	}
	return -1;
}

/* Decodes s[0..n) into a new string; NULL on a malformed %XX or a NUL. */
static char *
urldecode(const char *s, size_t n)
{
	char *out = xmalloc(n + 1);
	size_t o = 0;

	for (size_t i = 0; i < n; i++) {
		if (s[i] == '+') {
			out[o++] = ' ';
		} else if (s[i] == '%') {
			int hi, lo;

			if (i + 2 >= n) {
				goto bad;
			}
			hi = hexval(s[i + 1]);
			lo = hexval(s[i + 2]);
			if (hi < 0 || lo < 0 || (hi == 0 && lo == 0)) {
				goto bad;
			}
			out[o++] = (char)(hi * 16 + lo);
			i += 2;
		} else {
			out[o++] = s[i];
		}
	}
	out[o] = '\0';
	return out;
bad:
	free(out);
	return NULL;
}

bool
form_parse_urlencoded(struct req *r, const char *body, size_t len)
{
	size_t i = 0;

	while (i < len) {
		size_t start = i, eq;
		char *k, *v;

		while (i < len && body[i] != '&') {
			i++;
		}
		for (eq = start; eq < i && body[eq] != '='; eq++) {
		}
		if (i > start) {
			if (r->nform >= REQ_MAX_FIELDS) {
				return false;
			}
			k = urldecode(body + start, eq - start);
			v = eq < i ? urldecode(body + eq + 1, i - eq - 1)
				   : xstrdup("");
			if (k == NULL || v == NULL) {
				free(k);
				free(v);
				return false;
			}
			r->form[r->nform].key = k;
			r->form[r->nform].val = v;
			r->nform++;
		}
		i++; /* skip '&' */
	}
	return true;
}

/* One multipart field at a time: appends a part's pieces to its value. */
static enum MHD_Result
multipart_piece(void *cls, enum MHD_ValueKind kind, const char *key,
    const char *filename, const char *ctype, const char *encoding,
    const char *data, uint64_t off, size_t size)
{
	struct req *r = cls;
	struct kv *f;
	size_t had;

	(void)kind;
	(void)filename;
	(void)ctype;
	(void)encoding;
	if (off == 0 || r->nform == 0 ||
	    strcmp(r->form[r->nform - 1].key, key) != 0) {
		if (r->nform >= REQ_MAX_FIELDS) {
			return MHD_NO;
		}
		r->form[r->nform].key = xstrdup(key);
		r->form[r->nform].val = xstrdup("");
		r->nform++;
	}
	f = &r->form[r->nform - 1];
	had = strlen(f->val);
	if (memchr(data, '\0', size) != NULL) {
		return MHD_NO; /* a text form never holds NUL */
	}
	f->val = xrealloc(f->val, had + size + 1);
	memcpy(f->val + had, data, size);
	f->val[had + size] = '\0';
	return MHD_YES;
}

/* P_UPLOAD: the part "file" to the temporary file, the rest to the form. */
static enum MHD_Result
upload_piece(void *cls, enum MHD_ValueKind kind, const char *key,
    const char *filename, const char *ctype, const char *encoding,
    const char *data, uint64_t off, size_t size)
{
	struct req *r = cls;
	struct req_upload *u = r->upload;

	if (strcmp(key, "file") != 0 || filename == NULL) {
		if (!multipart_piece(cls, kind, key, filename, ctype, encoding,
			data, off, size)) {
			u->status = 400;
			return MHD_NO;
		}
		return MHD_YES;
	}
	if (off == 0 && u->f == NULL) {
		if ((u->f = tmpfile()) == NULL) {
			log_err("upload: no temporary file: %s",
			    strerror(errno));
			u->status = 503;
			return MHD_NO;
		}
		snprintf(u->name, sizeof(u->name), "%s", filename);
		crypto_hash_sha256_init(&u->sha);
	} else if (off == 0 || u->f == NULL) {
		u->status = 400; /* a second file */
		return MHD_NO;
	}
	if (u->size + (int64_t)size > DOC_MAX_BYTES) {
		u->status = 413;
		return MHD_NO;
	}
	if (size > 0 && fwrite(data, 1, size, u->f) != size) {
		log_err("upload: writing the temporary file: %s",
		    strerror(errno));
		u->status = 503;
		return MHD_NO;
	}
	crypto_hash_sha256_update(&u->sha, (const unsigned char *)data, size);
	u->size += (int64_t)size;
	return MHD_YES;
}

bool
req_upload_begin(struct req *r)
{
	const char *ct = req_header(r, "Content-Type");

	if (r->conn == NULL || ct == NULL ||
	    strncasecmp(ct, "multipart/form-data", 19) != 0) {
		return false;
	}
	r->upload = xcalloc(1, sizeof(*r->upload));
	r->upload->pp =
	    MHD_create_post_processor(r->conn, 64 * 1024, upload_piece, r);
	if (r->upload->pp == NULL) {
		free(r->upload);
		r->upload = NULL;
	}
	return r->upload != NULL;
}

void
req_upload_refuse(struct req *r)
{
	http_fail(r, 415, "unsupported_media_type",
	    "Skicka filen som multipart/form-data, med filen i fältet file.");
}

int
req_upload_feed(struct req *r, const char *data, size_t n)
{
	struct req_upload *u = r->upload;

	if (u->status == 0 && MHD_post_process(u->pp, data, n) != MHD_YES &&
	    u->status == 0) {
		u->status = 400;
	}
	return u->status;
}

int
req_upload_end(struct req *r)
{
	struct req_upload *u = r->upload;
	unsigned char h[crypto_hash_sha256_BYTES];

	if (u->pp != NULL) {
		if (MHD_destroy_post_processor(u->pp) != MHD_YES &&
		    u->status == 0) {
			u->status = 400; /* the body ended inside a part */
		}
		u->pp = NULL;
	}
	if (u->status == 0 && u->f != NULL) {
		if (fflush(u->f) != 0) {
			u->status = 503;
		}
		crypto_hash_sha256_final(&u->sha, h);
		sodium_bin2hex(u->sha256, sizeof(u->sha256), h, sizeof(h));
	}
	return u->status;
}

void
req_send_document(struct req *r, const struct document *d)
{
	struct buf v;
	size_t i;

	buf_init(&v);
	/* An ASCII name for old clients, the real one as RFC 6266 says. */
	buf_puts(&v, "attachment; filename=\"");
	for (i = 0; d->name[i] != '\0'; i++) {
		unsigned char c = (unsigned char)d->name[i];

		buf_putc(&v,
		    c < 0x20 || c >= 0x7f || c == '"' || c == '\\' ? '_'
								   : (char)c);
	}
	buf_puts(&v, "\"; filename*=UTF-8''");
	html_url(&v, d->name);
	req_set_header(r, "Content-Disposition", buf_cstr(&v));
	buf_free(&v);
	r->status = 200;
	r->ctype = doc_type_static(d->content_type);
	if (r->ctype == NULL) {
		r->ctype = "application/octet-stream";
	}
	r->no_store = true;
	r->stream_doc = d->id;
	r->stream_size = d->size;
}

bool
form_parse_multipart(struct req *r)
{
	struct MHD_PostProcessor *pp;
	bool ok;

	if (r->conn == NULL) {
		return false;
	}
	pp = MHD_create_post_processor(r->conn, 16 * 1024, multipart_piece, r);
	if (pp == NULL) {
		return false;
	}
	ok = MHD_post_process(pp, r->body.p, r->body.len) == MHD_YES;
	return MHD_destroy_post_processor(pp) == MHD_YES && ok;
}

struct self_ctx {
	struct buf *b;
	const char *const *skip;
};

static enum MHD_Result
self_arg(void *cls, enum MHD_ValueKind kind, const char *key, const char *value)
{
	struct self_ctx *x = cls;

	(void)kind;
	for (size_t i = 0; x->skip[i] != NULL; i++) {
		if (strcmp(key, x->skip[i]) == 0) {
			return MHD_YES;
		}
	}
	html_url(x->b, key);
	if (value != NULL) {
		buf_putc(x->b, '=');
		html_url(x->b, value);
	}
	buf_putc(x->b, '&');
	return MHD_YES;
}

void
req_self_url(struct req *r, const char *const *skip, struct buf *out)
{
	struct self_ctx x = { out, skip };

	buf_puts(out, r->path);
	buf_putc(out, '?');
	if (r->conn != NULL) {
		MHD_get_connection_values(r->conn, MHD_GET_ARGUMENT_KIND,
		    self_arg, &x);
	}
}
