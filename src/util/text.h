/*
 * text.h - UTF-8 text and numbers as Bered writes and reads them: the one
 * place that cuts text at a character boundary, counts characters,
 * validates input text, parses whole numbers and formats kronor.
 * Pure functions over caller-owned buffers; nothing here allocates.
 */
#ifndef BERED_TEXT_H
#define BERED_TEXT_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

/*
 * Copies src (NULL = "") into dst of size bytes, cut at a UTF-8
 * character boundary so that it fits; dst is always terminated.
 */
void text_copy(char *dst, size_t size, const char *src);
/* Bytes of s's first max bytes that end on a UTF-8 character boundary. */
size_t text_prefix(const char *s, size_t max);
/* Drops a last UTF-8 sequence that a cut left incomplete. */
void text_trim_tail(char *s);
/* Number of UTF-8 characters in s, and in its first len bytes. */
size_t text_chars(const char *s);
size_t text_chars_n(const char *s, size_t len);
/*
 * True if s is valid UTF-8 without control characters (tab, newline and
 * carriage return allowed when multiline).
 */
bool text_valid_utf8(const char *s, bool multiline);
/* Parses a whole decimal int64 ("-12"); false on junk or overflow. */
bool parse_int64(const char *s, int64_t *out);
/*
 * Whole kronor as shown to people: "1 234 567 kr" with U+202F between
 * the groups and U+00A0 before "kr". out of 64 bytes fits any int64.
 */
void money_format(int64_t kronor, char *out, size_t outlen);

#endif
