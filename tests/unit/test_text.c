/*
 * test_text.c - src/util/text.c and fielderr.c: UTF-8 cuts never split a
 * character, character counts, input validation, whole numbers, kronor
 * as shown, and per-field errors that keep the first message.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <string.h>

#include <cmocka.h>

#include "util/fielderr.h"
#include "util/text.h"

static void
test_copy_cuts_at_character(void **state)
{
	char out[6];

	(void)state;
	text_copy(out, sizeof(out), "abc");
	assert_string_equal(out, "abc");
	/* "Malmö": ö is two bytes; 5 bytes fit "Malm" + half an ö: cut. */
	text_copy(out, 6, "Malmö stad");
	assert_string_equal(out, "Malm");
	text_copy(out, sizeof(out), NULL);
	assert_string_equal(out, "");
	text_copy(out, 1, "x");
	assert_string_equal(out, "");
}

static void
test_prefix_and_chars(void **state)
{
	(void)state;
	assert_int_equal(text_prefix("åäö", 3), 2);
	assert_int_equal(text_prefix("åäö", 4), 4);
	assert_int_equal(text_prefix("ab", 10), 2);
	assert_int_equal(text_chars("Torsås"), 6);
	assert_int_equal(text_chars(""), 0);
}

static void
test_trim_tail(void **state)
{
	char s[8] = "ab\xc3";

	(void)state;
	text_trim_tail(s);
	assert_string_equal(s, "ab");
	strcpy(s, "a\xe2\x80\xaf");
	text_trim_tail(s);
	assert_string_equal(s, "a\xe2\x80\xaf");
}

static void
test_valid_utf8(void **state)
{
	(void)state;
	assert_true(text_valid_utf8("Örebro", false));
	assert_false(text_valid_utf8("a\nb", false));
	assert_true(text_valid_utf8("a\nb", true));
	assert_false(text_valid_utf8("\xc0\xaf", true));     /* overlong */
	assert_false(text_valid_utf8("\xed\xa0\x80", true)); /* surrogate */
	assert_false(text_valid_utf8("\xc2\x85", true));     /* C1 control */
}

static void
test_parse_int64(void **state)
{
	int64_t v;

	(void)state;
	assert_true(parse_int64("-12", &v));
	assert_int_equal(v, -12);
	assert_true(parse_int64("9223372036854775807", &v));
	assert_false(parse_int64("9223372036854775808", &v));
	assert_true(parse_int64("-9223372036854775808", &v));
	assert_true(v == INT64_MIN);
	assert_false(parse_int64("", &v));
	assert_false(parse_int64("12a", &v));
	assert_false(parse_int64(NULL, &v));
}

static void
test_money(void **state)
{
	char out[64];

	(void)state;
	money_format(1234567, out, sizeof(out));
	assert_string_equal(out,
	    "1\xe2\x80\xaf"
	    "234\xe2\x80\xaf"
	    "567\xc2\xa0kr");
	money_format(0, out, sizeof(out));
	assert_string_equal(out, "0\xc2\xa0kr");
	money_format(-1000, out, sizeof(out));
	assert_string_equal(out,
	    "-1\xe2\x80\xaf"
	    "000\xc2\xa0kr");
	money_format(INT64_MIN, out, sizeof(out));
	assert_true(strlen(out) > 20);
}

static void
test_field_errors_keep_first(void **state)
{
	struct field_errors fe;

	(void)state;
	field_errors_init(&fe);
	field_error_add(&fe, "title", "Titel saknas");
	field_error_add(&fe, "title", "Titel för lång");
	field_error_add(&fe, "closes", "Datum %s", "2026-02-30");
	assert_int_equal(fe.n, 2);
	assert_string_equal(field_error_get(&fe, "title"), "Titel saknas");
	assert_string_equal(field_error_get(&fe, "closes"), "Datum 2026-02-30");
	assert_null(field_error_get(&fe, "opens"));
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_copy_cuts_at_character),
		cmocka_unit_test(test_prefix_and_chars),
		cmocka_unit_test(test_trim_tail),
		cmocka_unit_test(test_valid_utf8),
		cmocka_unit_test(test_parse_int64),
		cmocka_unit_test(test_money),
		cmocka_unit_test(test_field_errors_keep_first),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
