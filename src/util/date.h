/*
 * date.h - calendar dates as ISO strings "YYYY-MM-DD" and timestamps.
 *
 * Dates are kept as char[DATE_LEN] everywhere; an empty string means
 * "not set". ISO dates compare correctly with strcmp().
 */
#ifndef BERED_DATE_H
#define BERED_DATE_H

#include <stdbool.h>
#include <stdint.h>

#define DATE_LEN 11 /* "YYYY-MM-DD" + NUL */
#define TS_LEN   21 /* "YYYY-MM-DDTHH:MM:SSZ" + NUL */

/* True if s is exactly YYYY-MM-DD and a real calendar day (1900-2199). */
bool date_valid(const char *s);
/* Today's local date into out. */
void date_today(char out[DATE_LEN]);
/* Days from a to b (b - a); both must be valid. */
int64_t date_diff_days(const char *a, const char *b);
/* Days since 1970-01-01 of a valid date. */
int64_t date_to_days(const char *s);
/* The date of days-since-epoch d into out. */
void date_from_days(int64_t d, char out[DATE_LEN]);
/* Current time in seconds since the epoch. */
int64_t time_now(void);
#define TS_SWEDISH_LEN 17 /* "YYYY-MM-DD HH:MM" + NUL */
/*
 * The RFC 3339 UTC timestamp ts as Swedish time (CET, CEST in summer)
 * "YYYY-MM-DD HH:MM" into out; false if ts is not one.
 */
bool ts_swedish(const char *ts, char out[TS_SWEDISH_LEN]);
/* RFC 3339 UTC of t into out. */
void ts_format(int64_t t, char out[TS_LEN]);

#endif
