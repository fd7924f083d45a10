/*
 * fuzz_date.c - ISO dates (util/date.c) on any bytes and any day number.
 *
 * Oracles: a string date_valid accepts is exactly YYYY-MM-DD in
 * 1900..2199 and comes back unchanged from date_from_days(date_to_days());
 * every day number in that range makes a valid date that maps back to
 * the same number; days grow with the string order; date_from_days and
 * ts_format take any int64 without undefined behaviour.
 */
#include "fuzz.h"

#include "util/date.h"

static int64_t first_day, last_day;

static void
check_string(const char *s)
{
	char back[DATE_LEN];
	int64_t d;

	if (!date_valid(s)) {
		return;
	}
	FUZZ_CHECK(strlen(s) == DATE_LEN - 1 && s[4] == '-' && s[7] == '-');
	FUZZ_CHECK(
	    strcmp(s, "1900-01-01") >= 0 && strcmp(s, "2199-12-31") <= 0);
	d = date_to_days(s);
	FUZZ_CHECK(d >= first_day && d <= last_day);
	date_from_days(d, back);
	FUZZ_CHECK(strcmp(back, s) == 0);
	FUZZ_CHECK(date_diff_days(s, s) == 0);
	FUZZ_CHECK(date_diff_days("1970-01-01", s) == d);
}

static void
check_days(int64_t z)
{
	int64_t d = first_day +
	    (int64_t)((uint64_t)z % (uint64_t)(last_day - first_day + 1));
	char s[DATE_LEN], t[DATE_LEN], ts[TS_LEN];

	date_from_days(d, s);
	FUZZ_CHECK(date_valid(s));
	FUZZ_CHECK(date_to_days(s) == d);
	if (d < last_day) {
		date_from_days(d + 1, t);
		FUZZ_CHECK(strcmp(s, t) < 0);
		FUZZ_CHECK(date_diff_days(s, t) == 1);
	}
	/* Any int64 at all: no crash, no UB, a NUL-terminated result. */
	date_from_days(z, s);
	FUZZ_CHECK(strlen(s) < DATE_LEN);
	ts_format(z, ts);
	FUZZ_CHECK(strlen(ts) < TS_LEN);
}

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	struct fuzz_in in = { data, size };
	char *s;

	if (first_day == 0) {
		first_day = date_to_days("1900-01-01");
		last_day = date_to_days("2199-12-31");
	}
	s = fuzz_cstr(data, size);
	check_string(s);
	free(s);
	check_days((int64_t)fuzz_u64(&in));
	return 0;
}
