/* Unit tests for date.c: strict ISO 8601 parsing (leap years included),
 * day numbers, comparison and every output format. */
#include "helpers.h"

#include "briefing/base/date.h"

#define NBSP "\xC2\xA0"

static struct date ymd(int y, int m, int d)
{
	struct date t = { y, m, d };

	return t;
}

static void test_parse_reads_year_month_day(void **state)
{
	struct date d = { 0 };

	(void)state;
	assert_true(date_parse("1999-06-09", &d));
	assert_int_equal(d.year, 1999);
	assert_int_equal(d.month, 6);
	assert_int_equal(d.day, 9);
	assert_true(date_parse("0001-01-01", &d));
	assert_int_equal(d.year, 1);
	assert_true(date_parse("9999-12-31", &d));
	assert_int_equal(d.year, 9999);
	assert_int_equal(d.month, 12);
	assert_int_equal(d.day, 31);
}

static void test_parse_knows_month_lengths(void **state)
{
	static const char *const good[] = {
		"2001-01-31", "2001-03-31", "2001-04-30", "2001-05-31",
		"2001-06-30", "2001-07-31", "2001-08-31", "2001-09-30",
		"2001-10-31", "2001-11-30", "2001-12-31", "2001-02-28",
	};
	static const char *const bad[] = {
		"2001-04-31", "2001-06-31", "2001-09-31", "2001-11-31",
		"2001-01-32", "2001-12-32",
	};
	struct date d;

	(void)state;
	for (size_t i = 0; i < sizeof good / sizeof good[0]; i++) {
		if (!date_parse(good[i], &d))
			printf("refused %s\n", good[i]);
		assert_true(date_parse(good[i], &d));
	}
	for (size_t i = 0; i < sizeof bad / sizeof bad[0]; i++) {
		if (date_parse(bad[i], &d))
			printf("accepted %s\n", bad[i]);
		assert_false(date_parse(bad[i], &d));
	}
}

/* Every fourth year is leap, except centuries, except every fourth
 * century. */
static void test_parse_checks_leap_years(void **state)
{
	struct date d;

	(void)state;
	assert_true(date_parse("2020-02-29", &d));
	assert_true(date_parse("2000-02-29", &d));    /* divisible by 400 */
	assert_true(date_parse("1600-02-29", &d));
	assert_false(date_parse("2019-02-29", &d));
	assert_false(date_parse("1900-02-29", &d));   /* century, not 400 */
	assert_false(date_parse("2100-02-29", &d));
	assert_false(date_parse("2020-02-30", &d));   /* even in a leap year */
}

static void test_parse_refuses_bad_forms(void **state)
{
	static const char *const bad[] = {
		"", "2018-11-2", "2018-1-29", "18-11-29", "2018-11-290",
		"2018/11/29", "2018-11-29 ", " 2018-11-29", "2018-11-29T00",
		"29-11-2018", "2018-xx-29", "2018-11-2a", "201a-11-29",
		"+018-11-29", "2018--1-29", "2018-13-01", "2018-00-10",
		"2018-11-00", "0000-01-01", "29 Nov 2018", "2018_11_29",
	};
	struct date d;

	(void)state;
	for (size_t i = 0; i < sizeof bad / sizeof bad[0]; i++) {
		if (date_parse(bad[i], &d))
			printf("accepted '%s'\n", bad[i]);
		assert_false(date_parse(bad[i], &d));
	}
}

static void test_days_count_from_1970(void **state)
{
	(void)state;
	assert_int_equal(date_days(ymd(1970, 1, 1)), 0);
	assert_int_equal(date_days(ymd(1970, 1, 2)), 1);
	assert_int_equal(date_days(ymd(1969, 12, 31)), -1);
	assert_int_equal(date_days(ymd(2000, 3, 1)), 11017);
	/* 1700000000 s (the e2e SOURCE_DATE_EPOCH) is 2023-11-14. */
	assert_int_equal(date_days(ymd(2023, 11, 14)), 1700000000L / 86400);
	assert_int_equal(date_days(ymd(1, 1, 1)), -719162);
}

static void test_days_span_leap_days(void **state)
{
	(void)state;
	assert_int_equal(date_days(ymd(2020, 3, 1)) - date_days(ymd(2020, 2, 28)), 2);
	assert_int_equal(date_days(ymd(2019, 3, 1)) - date_days(ymd(2019, 2, 28)), 1);
	assert_int_equal(date_days(ymd(1900, 3, 1)) - date_days(ymd(1900, 2, 28)), 1);
	assert_int_equal(date_days(ymd(2000, 3, 1)) - date_days(ymd(2000, 2, 28)), 2);
	assert_int_equal(date_days(ymd(2021, 1, 1)) - date_days(ymd(2020, 1, 1)), 366);
	assert_int_equal(date_days(ymd(2001, 1, 1)) - date_days(ymd(2000, 1, 1)), 366);
	assert_int_equal(date_days(ymd(1901, 1, 1)) - date_days(ymd(1900, 1, 1)), 365);
}

/* Consecutive days differ by one across every month and year boundary
 * from 1899 to 2101, so date_days() is a strictly increasing day count. */
static void test_days_are_consecutive(void **state)
{
	static const int len[] = { 31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31 };
	long prev = date_days(ymd(1898, 12, 31));

	(void)state;
	for (int y = 1899; y <= 2101; y++)
		for (int m = 1; m <= 12; m++) {
			int n = len[m - 1] +
			        (m == 2 && ((y % 4 == 0 && y % 100 != 0) || y % 400 == 0));

			for (int d = 1; d <= n; d++) {
				long now = date_days(ymd(y, m, d));

				if (now != prev + 1)
					printf("%04d-%02d-%02d: %ld after %ld\n", y, m, d, now, prev);
				assert_int_equal(now, prev + 1);
				prev = now;
			}
		}
}

/* The header promises only the sign: <0, 0, >0. */
static int sign(int x)
{
	return (x > 0) - (x < 0);
}

static void test_cmp_orders_by_year_month_day(void **state)
{
	(void)state;
	assert_int_equal(date_cmp(ymd(2018, 11, 29), ymd(2018, 11, 29)), 0);
	assert_int_equal(sign(date_cmp(ymd(2018, 11, 28), ymd(2018, 11, 29))), -1);
	assert_int_equal(sign(date_cmp(ymd(2018, 11, 29), ymd(2018, 11, 28))), 1);
	assert_int_equal(sign(date_cmp(ymd(2018, 10, 31), ymd(2018, 11, 1))), -1);
	assert_int_equal(sign(date_cmp(ymd(2019, 1, 1), ymd(2018, 12, 31))), 1);
	assert_int_equal(sign(date_cmp(ymd(1969, 12, 31), ymd(1970, 1, 1))), -1);
	assert_int_equal(sign(date_cmp(ymd(1, 1, 1), ymd(9999, 12, 31))), -1);
	assert_int_equal(sign(date_cmp(ymd(9999, 12, 31), ymd(1, 1, 1))), 1);
}

static const struct {
	struct date d;
	const char *fmt, *want;
} formats[] = {
	{ { 1999, 6, 9 }, "iso", "1999-06-09" },
	{ { 1999, 6, 9 }, "long", "9" NBSP "June" NBSP "1999" },
	{ { 1999, 6, 9 }, "short", "09" NBSP "Jun" NBSP "1999" },
	{ { 1999, 6, 9 }, "military", "09" NBSP "JUN" NBSP "99" },
	{ { 2016, 8, 28 }, "long", "28" NBSP "August" NBSP "2016" },
	{ { 2001, 12, 31 }, "short", "31" NBSP "Dec" NBSP "2001" },
	{ { 2005, 1, 5 }, "military", "05" NBSP "JAN" NBSP "05" },
	{ { 2000, 9, 30 }, "military", "30" NBSP "SEP" NBSP "00" },
	{ { 1, 2, 3 }, "iso", "0001-02-03" },
	/* unknown formats print as iso */
	{ { 2018, 11, 29 }, "rfc", "2018-11-29" },
	{ { 2018, 11, 29 }, "", "2018-11-29" },
	{ { 2018, 11, 29 }, "LONG", "2018-11-29" },
};

static void test_format_writes_each_format(void **state)
{
	char buf[64];

	(void)state;
	for (size_t i = 0; i < sizeof formats / sizeof formats[0]; i++) {
		date_format(formats[i].d, formats[i].fmt, buf, sizeof buf);
		if (strcmp(buf, formats[i].want) != 0)
			printf("case %zu (%s)\n", i, formats[i].fmt);
		assert_string_equal(buf, formats[i].want);
	}
}

static void test_format_names_every_month(void **state)
{
	static const char *const names[] = {
		"January", "February", "March", "April", "May", "June", "July",
		"August", "September", "October", "November", "December"
	};
	char buf[64], want[64];

	(void)state;
	for (int m = 1; m <= 12; m++) {
		char up[4];

		snprintf(want, sizeof want, "1" NBSP "%s" NBSP "2000", names[m - 1]);
		date_format(ymd(2000, m, 1), "long", buf, sizeof buf);
		assert_string_equal(buf, want);
		snprintf(want, sizeof want, "01" NBSP "%.3s" NBSP "2000", names[m - 1]);
		date_format(ymd(2000, m, 1), "short", buf, sizeof buf);
		assert_string_equal(buf, want);
		for (int i = 0; i < 3; i++)
			up[i] = (char)(names[m - 1][i] & ~0x20);
		up[3] = '\0';
		snprintf(want, sizeof want, "01" NBSP "%s" NBSP "00", up);
		date_format(ymd(2000, m, 1), "military", buf, sizeof buf);
		assert_string_equal(buf, want);
	}
}

/* No format uses a plain space, so a printed date never wraps. */
static void test_format_never_has_a_breaking_space(void **state)
{
	static const char *const fmts[] = { "iso", "long", "short", "military" };
	char buf[64];

	(void)state;
	for (size_t i = 0; i < 4; i++) {
		date_format(ymd(2017, 6, 15), fmts[i], buf, sizeof buf);
		assert_null(strchr(buf, ' '));
	}
}

/* The output is cut to fit and still NUL-terminated. */
static void test_format_truncates_to_the_buffer(void **state)
{
	char buf[8];

	(void)state;
	memset(buf, 'x', sizeof buf);
	date_format(ymd(1999, 6, 9), "iso", buf, 5);
	assert_string_equal(buf, "1999");
	assert_int_equal(buf[5], 'x');
}

static void test_format_known_lists_the_four(void **state)
{
	(void)state;
	assert_true(date_format_known("iso"));
	assert_true(date_format_known("long"));
	assert_true(date_format_known("short"));
	assert_true(date_format_known("military"));
	assert_false(date_format_known(""));
	assert_false(date_format_known("ISO"));
	assert_false(date_format_known("longer"));
	assert_false(date_format_known("mil"));
}

/* Month names from [labels]: "short" cuts whole UTF-8 characters, never
 * bytes, and "military" upper-cases only ASCII letters. */
static void test_format_takes_month_names_of_another_language(void **state)
{
	static const char names[12][DATE_MONTH_NAME_MAX] = {
		"janvier", "f\xC3\xA9vrier", "mars", "avril", "mai", "juin",
		"juillet", "ao\xC3\xBBt", "septembre", "octobre", "novembre",
		"d\xC3\xA9""cembre"
	};
	struct date feb = { 2018, 2, 9 };
	char buf[64];

	(void)state;
	date_format_names(feb, "long", names, buf, sizeof buf);
	assert_string_equal(buf, "9\xC2\xA0" "f\xC3\xA9vrier\xC2\xA0" "2018");
	date_format_names(feb, "short", names, buf, sizeof buf);
	assert_string_equal(buf, "09\xC2\xA0" "f\xC3\xA9v\xC2\xA0" "2018");
	date_format_names(feb, "military", names, buf, sizeof buf);
	assert_string_equal(buf, "09\xC2\xA0" "F\xC3\xA9V\xC2\xA0" "18");
	date_format_names(feb, "iso", names, buf, sizeof buf);
	assert_string_equal(buf, "2018-02-09");
	date_format_names(feb, "long", NULL, buf, sizeof buf);
	assert_string_equal(buf, "9\xC2\xA0" "February\xC2\xA0" "2018");
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_parse_reads_year_month_day),
		cmocka_unit_test(test_parse_knows_month_lengths),
		cmocka_unit_test(test_parse_checks_leap_years),
		cmocka_unit_test(test_parse_refuses_bad_forms),
		cmocka_unit_test(test_days_count_from_1970),
		cmocka_unit_test(test_days_span_leap_days),
		cmocka_unit_test(test_days_are_consecutive),
		cmocka_unit_test(test_cmp_orders_by_year_month_day),
		cmocka_unit_test(test_format_writes_each_format),
		cmocka_unit_test(test_format_names_every_month),
		cmocka_unit_test(test_format_takes_month_names_of_another_language),
		cmocka_unit_test(test_format_never_has_a_breaking_space),
		cmocka_unit_test(test_format_truncates_to_the_buffer),
		cmocka_unit_test(test_format_known_lists_the_four),
	};

	return cmocka_run_group_tests_name("date", tests, NULL, NULL);
}
