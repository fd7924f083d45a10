/*
 * test_date.c - ISO dates and timestamps (src/util/date.c): validation of
 * real calendar days, day arithmetic against known values and a round
 * trip over every day of the supported range.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <string.h>

#include <cmocka.h>

#include "util/date.h"

static void
test_valid(void **state)
{
	static const char *const good[] = {
		"2025-01-01",
		"2024-02-29",
		"2000-02-29",
		"1900-01-01",
		"2199-12-31",
		"2025-12-31",
		"2025-04-30",
	};

	(void)state;
	for (size_t i = 0; i < sizeof(good) / sizeof(good[0]); i++) {
		if (!date_valid(good[i])) {
			fail_msg("%s should be valid", good[i]);
		}
	}
}

static void
test_invalid(void **state)
{
	static const char *const bad[] = {
		"",
		"2025-1-01",
		"2025-01-1",
		"25-01-01",
		"2025/01/01",
		"2025-01-01 ",
		" 2025-01-01",
		"2025-01-01x",
		"2025-00-10",
		"2025-13-01",
		"2025-01-00",
		"2025-01-32",
		"2025-02-29",
		"1900-02-29",
		"2100-02-29",
		"2025-04-31",
		"1899-12-31",
		"2200-01-01",
		"20250101",
		"2025-0a-01",
		"+025-01-01",
		"2025--1-01",
		"2025-06-3\xc3",
	};

	(void)state;
	for (size_t i = 0; i < sizeof(bad) / sizeof(bad[0]); i++) {
		if (date_valid(bad[i])) {
			fail_msg("\"%s\" should be invalid", bad[i]);
		}
	}
	assert_false(date_valid(NULL));
}

static void
test_known_days(void **state)
{
	char out[DATE_LEN];

	(void)state;
	assert_int_equal(date_to_days("1970-01-01"), 0);
	assert_int_equal(date_to_days("2000-03-01"), 11017);
	assert_int_equal(date_to_days("1900-01-01"), -25567);
	assert_int_equal(date_to_days("2199-12-31"), 84005);
	assert_int_equal(date_to_days("2024-02-29"), 19782);
	assert_int_equal(date_to_days("2025-01-01"), 20089);
	date_from_days(19782, out);
	assert_string_equal(out, "2024-02-29");
	date_from_days(-25567, out);
	assert_string_equal(out, "1900-01-01");
	date_from_days(0, out);
	assert_string_equal(out, "1970-01-01");
}

static void
test_diff(void **state)
{
	(void)state;
	assert_int_equal(date_diff_days("2025-01-01", "2025-01-01"), 0);
	assert_int_equal(date_diff_days("2025-01-01", "2025-12-31"), 364);
	assert_int_equal(date_diff_days("2024-01-01", "2024-12-31"), 365);
	assert_int_equal(date_diff_days("2025-03-01", "2025-02-28"), -1);
	assert_int_equal(date_diff_days("2024-02-28", "2024-03-01"), 2);
	assert_int_equal(date_diff_days("2021-01-01", "2029-12-31"), 3286);
}

/* Every day 1900-01-01 .. 2199-12-31: valid, increasing, round trip. */
static void
test_round_trip_every_day(void **state)
{
	int64_t first = date_to_days("1900-01-01");
	int64_t last = date_to_days("2199-12-31");
	char out[DATE_LEN], prev[DATE_LEN] = "";

	(void)state;
	for (int64_t d = first; d <= last; d++) {
		date_from_days(d, out);
		if (!date_valid(out) || date_to_days(out) != d ||
		    strcmp(prev, out) >= 0) {
			fail_msg("day %lld gave %s (previous %s)", (long long)d,
			    out, prev);
		}
		memcpy(prev, out, sizeof(prev));
	}
	/* 73 leap days: 1904..2196 every fourth year, but not 2100 */
	assert_int_equal(last - first + 1, 300 * 365 + 73);
}

static void
test_timestamps(void **state)
{
	char ts[TS_LEN], today[DATE_LEN];

	(void)state;
	ts_format(0, ts);
	assert_string_equal(ts, "1970-01-01T00:00:00Z");
	ts_format(1700000000, ts);
	assert_string_equal(ts, "2023-11-14T22:13:20Z");
	assert_true(time_now() > 1700000000);
	date_today(today);
	assert_true(date_valid(today));
	assert_true(strcmp(today, "2023-11-14") > 0);
}

/* Swedish time: CET, CEST from the last Sunday of March to October. */
static void
test_swedish_time(void **state)
{
	char out[TS_SWEDISH_LEN];

	(void)state;
	assert_true(ts_swedish("2026-12-05T02:10:00Z", out));
	assert_string_equal(out, "2026-12-05 03:10");
	assert_true(ts_swedish("2026-07-01T22:30:00Z", out));
	assert_string_equal(out, "2026-07-02 00:30");
	/* 2026: summer time from 29 March 01:00 UTC to 25 October. */
	assert_true(ts_swedish("2026-03-29T00:59:00Z", out));
	assert_string_equal(out, "2026-03-29 01:59");
	assert_true(ts_swedish("2026-03-29T01:00:00Z", out));
	assert_string_equal(out, "2026-03-29 03:00");
	assert_true(ts_swedish("2026-10-25T00:59:00Z", out));
	assert_string_equal(out, "2026-10-25 02:59");
	assert_true(ts_swedish("2026-10-25T01:00:00Z", out));
	assert_string_equal(out, "2026-10-25 02:00");
	assert_true(ts_swedish("2028-12-31T23:30:00Z", out));
	assert_string_equal(out, "2029-01-01 00:30");
	assert_false(ts_swedish("2026-02-30T01:00:00Z", out));
	assert_false(ts_swedish("nonsense", out));
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_valid),
		cmocka_unit_test(test_invalid),
		cmocka_unit_test(test_known_days),
		cmocka_unit_test(test_diff),
		cmocka_unit_test(test_round_trip_every_day),
		cmocka_unit_test(test_timestamps),
		cmocka_unit_test(test_swedish_time),
	};

	return cmocka_run_group_tests_name("date", tests, NULL, NULL);
}
