/*
 * err.h - the small error enum used across layers. Zero means success.
 * It is mapped to HTTP in exactly one place (http/req.c: berr_http_status).
 */
#ifndef BERED_ERR_H
#define BERED_ERR_H

enum berr {
	B_OK = 0,
	B_NOTFOUND,  /* missing, or not visible to this user (404) */
	B_FORBIDDEN, /* authenticated but not allowed (403) */
	B_INVALID,   /* invalid input (422) */
	B_CONFLICT,  /* state machine or uniqueness refused (409) */
	B_INTERNAL,  /* storage failure etc. (500) */
	/*
	 * The database cannot take the write now (disk full, busy past the
	 * wait, I/O error, unreachable): nothing was saved, nothing saved is
	 * lost, and asking again later may work (503 with Retry-After).
	 */
	B_UNAVAILABLE,
	B_UNSUPPORTED /* a file of a type that is not taken (415) */
};

#endif
