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
 * bytes, and "military" upper-cases ASCII and Latin-1 letters (é -> É). */
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
	assert_string_equal(buf, "09\xC2\xA0" "F\xC3\x89V\xC2\xA0" "18");
	date_format_names(feb, "iso", names, buf, sizeof buf);
	assert_string_equal(buf, "2018-02-09");
	date_format_names(feb, "long", NULL, buf, sizeof buf);
	assert_string_equal(buf, "9\xC2\xA0" "February\xC2\xA0" "2018");
}


/* ---- the pattern language ---- */

static struct date_time at(int y, int mo, int d, int h, int mi, char z)
{
	struct date_time t = { { y, mo, d }, true, h, mi, z };

	return t;
}

static void expect(const struct date_time *t, const char *fmt,
                   const struct date_names *n, const char *want)
{
	char buf[128];

	date_format_time(t, fmt, n, buf, sizeof buf);
	if (strcmp(buf, want) != 0)
		printf("pattern '%s': '%s', want '%s'\n", fmt, buf, want);
	assert_string_equal(buf, want);
}

static void test_pattern_prints_every_token(void **state)
{
	struct date_time t = at(2005, 3, 7, 9, 5, 'A');

	(void)state;
	expect(&t, "d", NULL, "7");
	expect(&t, "dd", NULL, "07");
	expect(&t, "M", NULL, "3");
	expect(&t, "MM", NULL, "03");
	expect(&t, "MMM", NULL, "Mar");
	expect(&t, "MMMM", NULL, "March");
	expect(&t, "^MMM", NULL, "MAR");
	expect(&t, "^MMMM", NULL, "MARCH");
	expect(&t, "yy", NULL, "05");
	expect(&t, "yyyy", NULL, "2005");
	expect(&t, "H", NULL, "9");
	expect(&t, "HH", NULL, "09");
	expect(&t, "mm", NULL, "05");
	expect(&t, "X", NULL, "A");
	expect(&t, "NNN", NULL, "MAR");
	expect(&t, "d/M/yy", NULL, "7/3/05");
	expect(&t, "d MMMM yyyy", NULL, "7" NBSP "March" NBSP "2005");
	expect(&t, "yyyy-MM-dd'T'HH:mmX", NULL, "2005-03-07T09:05A");
}

static void test_pattern_quotes_literal_text(void **state)
{
	struct date_time t = at(2018, 11, 29, 13, 53, 'Z');

	(void)state;
	expect(&t, "'the' d'th of' MMMM", NULL,
	       "the" NBSP "29th" NBSP "of" NBSP "November");
	expect(&t, "MMM ''yy", NULL, "Nov" NBSP "'18");
	expect(&t, "'dd MM'", NULL, "dd" NBSP "MM");
}

static void test_pattern_aliases_keep_their_forms(void **state)
{
	struct date_time t = at(1999, 6, 9, 0, 0, 'Z');

	(void)state;
	assert_string_equal(date_pattern_resolve("iso"), "yyyy-MM-dd");
	assert_string_equal(date_pattern_resolve("long"), "d MMMM yyyy");
	assert_string_equal(date_pattern_resolve("d MMM"), "d MMM");
	expect(&t, "military", NULL, "09" NBSP "JUN" NBSP "99");
}

/* The NATO date-time group: DDHHMM, zone letter, month, year. */
static void test_pattern_writes_the_dtg(void **state)
{
	struct date_time t = at(2018, 11, 29, 13, 53, 'Z');
	struct date_time u = at(2019, 1, 2, 0, 7, 'N');
	struct date_time noon = { { 2018, 11, 29 }, false, 0, 0, 'Z' };

	(void)state;
	expect(&t, "dtg", NULL, "291353ZNOV18");
	expect(&u, "dtg", NULL, "020007NJAN19");
	/* no time known: the time tokens print nothing */
	expect(&noon, "dtg", NULL, "29NOV18");
}

static void test_pattern_refuses_what_it_does_not_know(void **state)
{
	static const struct {
		const char *fmt, *why;
	} bad[] = {
		{ "d MMM yyy", "'yyy' is not a date token" },
		{ "ddd", "'ddd' is not a date token" },
		{ "MMMMM", "'MMMMM' is not a date token" },
		{ "d of MMMM", "'of' is not a date token" },
		{ "%d %b %Y", "'b' is not a date token" },
		{ "Q", "'Q' is not a date token" },
		{ "d 'MMM", "a quote that is not closed" },
		{ "^dd", "'^' upper-cases a month name" },
		{ "^MM", "'^' upper-cases a month name" },
		{ "", "an empty date pattern" },
		{ "LONG", "'LONG' is not a date token" },
	};
	char why[200];
	bool time;

	(void)state;
	for (size_t i = 0; i < sizeof bad / sizeof bad[0]; i++) {
		why[0] = '\0';
		assert_false(date_pattern_check(bad[i].fmt, &time, why, sizeof why));
		if (!strstr(why, bad[i].why))
			printf("'%s': %s\n", bad[i].fmt, why);
		assert_non_null(strstr(why, bad[i].why));
	}
	assert_true(date_pattern_check("dtg", &time, why, sizeof why));
	assert_true(time);
	assert_true(date_pattern_check("d MMM yyyy", &time, why, sizeof why));
	assert_false(time);
	assert_true(date_format_known("dd.MM.yyyy"));
	assert_false(date_format_known("dtg"));   /* needs a time */
}

static void test_pattern_takes_short_names(void **state)
{
	static const char names[12][DATE_MONTH_NAME_MAX] = {
		"janvier", "f\xC3\xA9vrier", "mars", "avril", "mai", "juin",
		"juillet", "ao\xC3\xBBt", "septembre", "octobre", "novembre",
		"d\xC3\xA9""cembre"
	};
	static const char shorts[12][DATE_MONTH_NAME_MAX] = {
		"janv.", "f\xC3\xA9vr.", "mars", "avr.", "mai", "juin", "juil.",
		"ao\xC3\xBBt", "sept.", "oct.", "nov.", "d\xC3\xA9""c."
	};
	struct date_names fr = { names, shorts };
	struct date_time t = at(2018, 8, 1, 0, 0, 'Z');

	(void)state;
	expect(&t, "d MMM yyyy", &fr, "1" NBSP "ao\xC3\xBBt" NBSP "2018");
	expect(&t, "^MMMM", &fr, "AO\xC3\x9BT");
	expect(&t, "^MMM", &fr, "AO\xC3\x9BT");
	expect(&t, "NNN", &fr, "AUG");     /* the DTG's month stays ACP 121's */
	expect(&t, "dtg", &fr, "010000ZAUG18");
	t.date.month = 12;
	expect(&t, "d MMM", &fr, "1" NBSP "d\xC3\xA9" "c.");
	expect(&t, "d MMMM", &fr, "1" NBSP "d\xC3\xA9" "cembre");
}

/* ---- why a date is refused; times and zones ---- */

static void test_parse_says_why(void **state)
{
	static const struct {
		const char *s, *why;
	} bad[] = {
		{ "2019-02-29", "2019 February has 28 days" },
		{ "2018-04-31", "2018 April has 30 days" },
		{ "2018-13-01", "month 13" },
		{ "2018-00-01", "month 0" },
		{ "2018-11-00", "day 0" },
		{ "0000-01-01", "year 0" },
		{ "29 Nov 2018", "expected YYYY-MM-DD" },
		{ "2018/11/29", "expected YYYY-MM-DD" },
	};
	struct date d;
	char why[100];

	(void)state;
	for (size_t i = 0; i < sizeof bad / sizeof bad[0]; i++) {
		assert_false(date_parse_why(bad[i].s, &d, why, sizeof why));
		assert_string_equal(why, bad[i].why);
	}
	assert_true(date_parse_why("2020-02-29", &d, why, sizeof why));
}

static void test_time_parse_reads_zones(void **state)
{
	static const struct {
		const char *s;
		int hour, minute;
		char zone;
	} good[] = {
		{ "2018-11-29T13:53Z", 13, 53, 'Z' },
		{ "2018-11-29 13:53Z", 13, 53, 'Z' },
		{ "2018-11-29T13:53A", 13, 53, 'A' },
		{ "2018-11-29T13:53+01:00", 13, 53, 'A' },
		{ "2018-11-29T13:53+09:00", 13, 53, 'I' },
		{ "2018-11-29T13:53+10:00", 13, 53, 'K' },
		{ "2018-11-29T13:53+12:00", 13, 53, 'M' },
		{ "2018-11-29T13:53-01:00", 13, 53, 'N' },
		{ "2018-11-29T13:53-05:00", 13, 53, 'R' },
		{ "2018-11-29T13:53-12:00", 13, 53, 'Y' },
		{ "2018-11-29T00:00+00:00", 0, 0, 'Z' },
		{ "2018-11-29T23:59-00:00", 23, 59, 'Z' },
	};
	struct date_time t;
	char why[100];

	(void)state;
	for (size_t i = 0; i < sizeof good / sizeof good[0]; i++) {
		assert_true(date_time_parse(good[i].s, &t, why, sizeof why));
		assert_true(t.has_time);
		assert_int_equal(t.hour, good[i].hour);
		assert_int_equal(t.minute, good[i].minute);
		assert_int_equal(t.zone, good[i].zone);
	}
	assert_true(date_time_parse("2018-11-29", &t, why, sizeof why));
	assert_false(t.has_time);
	/* and back: each letter's offset, every whole hour once */
	for (int h = -12; h <= 12; h++) {
		char s[32];

		snprintf(s, sizeof s, "2018-11-29T13:53%c%02d:00", h < 0 ? '-' : '+',
		         h < 0 ? -h : h);
		assert_true(date_time_parse(s, &t, why, sizeof why));
		assert_int_equal(date_zone_hours(t.zone), h);
	}
	assert_int_equal(date_zone_hours('J'), 0);
	assert_int_equal(t.date.day, 29);
}

static void test_time_parse_says_why(void **state)
{
	static const struct {
		const char *s, *why;
	} bad[] = {
		{ "2018-11-29T24:00Z", "hour 24" },
		{ "2018-11-29T13:60Z", "minute 60" },
		{ "2018-11-29T13:53", "a time needs its zone" },
		{ "2018-11-29T13:53J", "zone J is local time" },
		{ "2018-11-29T13:53+05:30", "no NATO zone letter for +05:30" },
		{ "2018-11-29T13:53+13:00", "no NATO zone letter for +13:00" },
		{ "2018-11-29T13:53z", "'z' is not a time zone" },
		{ "2018-11-29T1353Z", "expected YYYY-MM-DD or YYYY-MM-DDThh:mmZ" },
		{ "2019-02-29T13:53Z", "2019 February has 28 days" },
	};
	struct date_time t;
	char why[120];

	(void)state;
	for (size_t i = 0; i < sizeof bad / sizeof bad[0]; i++) {
		why[0] = '\0';
		assert_false(date_time_parse(bad[i].s, &t, why, sizeof why));
		if (!strstr(why, bad[i].why))
			printf("'%s': %s\n", bad[i].s, why);
		assert_non_null(strstr(why, bad[i].why));
	}
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
		cmocka_unit_test(test_pattern_prints_every_token),
		cmocka_unit_test(test_pattern_quotes_literal_text),
		cmocka_unit_test(test_pattern_aliases_keep_their_forms),
		cmocka_unit_test(test_pattern_writes_the_dtg),
		cmocka_unit_test(test_pattern_refuses_what_it_does_not_know),
		cmocka_unit_test(test_pattern_takes_short_names),
		cmocka_unit_test(test_parse_says_why),
		cmocka_unit_test(test_time_parse_reads_zones),
		cmocka_unit_test(test_time_parse_says_why),
	};

	return cmocka_run_group_tests_name("date", tests, NULL, NULL);
}
