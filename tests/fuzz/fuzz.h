/*
 * fuzz.h - what every libFuzzer target in tests/fuzz shares.
 *
 * Each fuzz_*.c defines LLVMFuzzerTestOneInput. `make fuzz` links it with
 * libFuzzer (clang); `make check` links it with replay.c (gcc, ASan/UBSan)
 * and feeds it the saved corpus, so past findings stay fixed.
 * An oracle failure is reported with FUZZ_CHECK, which aborts: the fuzzer
 * then saves the input as a crash reproducer.
 */
#ifndef BERED_FUZZ_H
#define BERED_FUZZ_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

#define FUZZ_CHECK(cond)                                                       \
	do {                                                                   \
		if (!(cond)) {                                                 \
			fprintf(stderr, "%s:%d: oracle failed: %s\n",          \
			    __FILE__, __LINE__, #cond);                        \
			abort();                                               \
		}                                                              \
	} while (0)

/* A NUL-terminated heap copy of data[0..size) (caller frees). */
static inline char *
fuzz_cstr(const uint8_t *data, size_t size)
{
	char *s = malloc(size + 1);

	if (s == NULL) {
		abort();
	}
	if (size > 0) {
		memcpy(s, data, size);
	}
	s[size] = '\0';
	return s;
}

/* Reads bytes off the front of the input; zeros once it runs out. */
struct fuzz_in {
	const uint8_t *p;
	size_t n;
};

static inline uint8_t
fuzz_u8(struct fuzz_in *in)
{
	uint8_t v = 0;

	if (in->n > 0) {
		v = in->p[0];
		in->p++;
		in->n--;
	}
	return v;
}

static inline uint64_t
fuzz_u64(struct fuzz_in *in)
{
	uint64_t v = 0;

	for (int i = 0; i < 8; i++) {
		v = (v << 8) | fuzz_u8(in);
	}
	return v;
}

/* Up to max bytes, NUL-terminated into out[max + 1]; length-prefixed. */
static inline void
fuzz_str(struct fuzz_in *in, char *out, size_t max)
{
	size_t len = fuzz_u8(in);

	if (len > max) {
		len = max;
	}
	if (len > in->n) {
		len = in->n;
	}
	memcpy(out, in->p, len);
	out[len] = '\0';
	in->p += len;
	in->n -= len;
}

#endif
