/*
 * date.c: proleptic Gregorian dates without the C library's time zone
 * machinery, so results never depend on TZ or the clock. A refused date
 * says why ("2019 February has 28 days"); printing is date_pattern.c's.
 */
#include "briefing/base/date.h"
#include "base/date_internal.h"

#include <ctype.h>
#include <stdarg.h>
#include <stdio.h>
#include <string.h>

static const char *const month_names[] = {
	"January", "February", "March", "April", "May", "June", "July",
	"August", "September", "October", "November", "December"
};

static bool is_leap(int y)
{
	return (y % 4 == 0 && y % 100 != 0) || y % 400 == 0;
}

static int days_in_month(int y, int m)
{
	static const int days[] = { 31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31 };

	return m == 2 && is_leap(y) ? 29 : days[m - 1];
}

bool date_refuse(char *why, size_t size, const char *fmt, ...)
{
	va_list ap;

	if (why && size) {
		va_start(ap, fmt);
		vsnprintf(why, size, fmt, ap);
		va_end(ap);
	}
	return false;
}

static int digits(const char *s, int n)
{
	int v = 0;

	for (int i = 0; i < n; i++)
		v = v * 10 + (s[i] - '0');
	return v;
}

/* Reads the "YYYY-MM-DD" at the start of s (at least 10 bytes long). */
static bool parse_day(const char *s, struct date *out, char *why, size_t size)
{
	struct date d;

	for (int i = 0; i < 10; i++)
		if (i == 4 || i == 7 ? s[i] != '-' : s[i] < '0' || s[i] > '9')
			return date_refuse(why, size, "expected YYYY-MM-DD");
	d.year = digits(s, 4);
	d.month = digits(s + 5, 2);
	d.day = digits(s + 8, 2);
	if (d.year < 1)
		return date_refuse(why, size, "year 0");
	if (d.month < 1 || d.month > 12)
		return date_refuse(why, size, "month %d", d.month);
	if (d.day < 1)
		return date_refuse(why, size, "day 0");
	if (d.day > days_in_month(d.year, d.month))
		return date_refuse(why, size, "%d %s has %d days", d.year,
		              month_names[d.month - 1],
		              days_in_month(d.year, d.month));
	*out = d;
	return true;
}

bool date_parse_why(const char *s, struct date *out, char *why, size_t size)
{
	if (strlen(s) != 10)
		return date_refuse(why, size, "expected YYYY-MM-DD");
	return parse_day(s, out, why, size);
}

bool date_parse(const char *s, struct date *out)
{
	return date_parse_why(s, out, NULL, 0);
}

/* The NATO zone letter of a whole-hour offset: A..I are +1..+9, K..M
 * +10..+12 (J, local time, is skipped), N..Y -1..-12, Z zero. */
static char zone_letter(int hours)
{
	if (hours == 0)
		return 'Z';
	if (hours > 0)
		return (char)(hours <= 9 ? 'A' + hours - 1 : 'K' + hours - 10);
	return (char)('N' - hours - 1);
}

int date_zone_hours(char zone)
{
	if (zone >= 'A' && zone <= 'I')
		return zone - 'A' + 1;
	if (zone >= 'K' && zone <= 'M')
		return zone - 'K' + 10;
	if (zone >= 'N' && zone <= 'Y')
		return -(zone - 'N' + 1);
	return 0;
}

static bool parse_zone(const char *z, char *zone, char *why, size_t size)
{
	if (z[0] >= 'A' && z[0] <= 'Z' && z[1] == '\0') {
		if (z[0] == 'J')
			return date_refuse(why, size, "zone J is local time, which names "
			              "no offset; write the zone's letter");
		*zone = z[0];
		return true;
	}
	if ((z[0] == '+' || z[0] == '-') && strlen(z) == 6 && z[3] == ':' &&
	    isdigit((unsigned char)z[1]) && isdigit((unsigned char)z[2]) &&
	    isdigit((unsigned char)z[4]) && isdigit((unsigned char)z[5])) {
		int h = digits(z + 1, 2), m = digits(z + 4, 2);

		if (m != 0 || h > 12)
			return date_refuse(why, size, "no NATO zone letter for %s (whole "
			              "hours from -12:00 to +12:00)", z);
		*zone = zone_letter(z[0] == '-' ? -h : h);
		return true;
	}
	return date_refuse(why, size, "'%s' is not a time zone (a letter such as "
	              "Z, or +hh:mm)", z);
}

bool date_time_parse(const char *s, struct date_time *out, char *why,
                     size_t size)
{
	struct date_time t = { { 0, 0, 0 }, false, 0, 0, 'Z' };
	size_t len = strlen(s);

	if (len == 10) {
		if (!parse_day(s, &t.date, why, size))
			return false;
		*out = t;
		return true;
	}
	if (len < 16 || (s[10] != 'T' && s[10] != ' ') || s[13] != ':' ||
	    !isdigit((unsigned char)s[11]) || !isdigit((unsigned char)s[12]) ||
	    !isdigit((unsigned char)s[14]) || !isdigit((unsigned char)s[15]))
		return date_refuse(why, size, "expected YYYY-MM-DD or YYYY-MM-DDThh:mmZ");
	if (!parse_day(s, &t.date, why, size))
		return false;
	t.has_time = true;
	t.hour = digits(s + 11, 2);
	t.minute = digits(s + 14, 2);
	if (t.hour > 23)
		return date_refuse(why, size, "hour %d", t.hour);
	if (t.minute > 59)
		return date_refuse(why, size, "minute %d", t.minute);
	if (len == 16)
		return date_refuse(why, size, "a time needs its zone (Z for UTC, "
		              "another letter or +hh:mm)");
	if (!parse_zone(s + 16, &t.zone, why, size))
		return false;
	*out = t;
	return true;
}

long date_days(struct date d)
{
	/* Howard Hinnant's days_from_civil. */
	long y = d.year - (d.month <= 2);
	long era = (y >= 0 ? y : y - 399) / 400;
	long yoe = y - era * 400;
	long mp = (d.month + 9) % 12;
	long doy = (153 * mp + 2) / 5 + d.day - 1;
	long doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;

	return era * 146097 + doe - 719468;
}

int date_cmp(struct date a, struct date b)
{
	long x = date_days(a), y = date_days(b);

	return (x > y) - (x < y);
}

