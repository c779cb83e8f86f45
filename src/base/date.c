/*
 * date.c: proleptic Gregorian dates without the C library's time zone
 * machinery, so results never depend on TZ or the clock.
 */
#include "briefing/base/date.h"

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

bool date_parse(const char *s, struct date *out)
{
	struct date d;

	if (strlen(s) != 10 || s[4] != '-' || s[7] != '-')
		return false;
	for (int i = 0; i < 10; i++)
		if (i != 4 && i != 7 && (s[i] < '0' || s[i] > '9'))
			return false;
	d.year = (s[0] - '0') * 1000 + (s[1] - '0') * 100 + (s[2] - '0') * 10 +
	         (s[3] - '0');
	d.month = (s[5] - '0') * 10 + (s[6] - '0');
	d.day = (s[8] - '0') * 10 + (s[9] - '0');
	if (d.year < 1 || d.month < 1 || d.month > 12 || d.day < 1 ||
	    d.day > days_in_month(d.year, d.month))
		return false;
	*out = d;
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

bool date_format_known(const char *fmt)
{
	return strcmp(fmt, "iso") == 0 || strcmp(fmt, "long") == 0 ||
	       strcmp(fmt, "short") == 0 || strcmp(fmt, "military") == 0;
}

/* Parts of a printed date are joined by no-break spaces (U+00A0), so a
 * date is never split across lines. */
#define NBSP "\xC2\xA0"

/* The first n characters of the UTF-8 name s into out (of size bytes). */
static void first_chars(const char *s, int n, char *out, size_t size)
{
	size_t i = 0;

	for (int k = 0; s[i] && k < n; k++)
		do
			i++;
		while (((unsigned char)s[i] & 0xC0) == 0x80);
	if (i >= size)
		i = size - 1;
	memcpy(out, s, i);
	out[i] = '\0';
}

void date_format_names(struct date d, const char *fmt,
                       const char (*names)[DATE_MONTH_NAME_MAX],
                       char *buf, size_t size)
{
	const char *month = names ? names[d.month - 1] : month_names[d.month - 1];
	char m[4 * 3 + 1];

	if (strcmp(fmt, "long") == 0) {
		snprintf(buf, size, "%d" NBSP "%s" NBSP "%d", d.day, month, d.year);
	} else if (strcmp(fmt, "short") == 0) {
		first_chars(month, 3, m, sizeof m);
		snprintf(buf, size, "%02d" NBSP "%s" NBSP "%d", d.day, m, d.year);
	} else if (strcmp(fmt, "military") == 0) {
		first_chars(month, 3, m, sizeof m);
		for (char *c = m; *c; c++)
			if (*c >= 'a' && *c <= 'z')
				*c = (char)(*c - 'a' + 'A');
		snprintf(buf, size, "%02d" NBSP "%s" NBSP "%02d", d.day, m,
		         d.year % 100);
	} else {
		snprintf(buf, size, "%04d-%02d-%02d", d.year, d.month, d.day);
	}
}

void date_format(struct date d, const char *fmt, char *buf, size_t size)
{
	date_format_names(d, fmt, NULL, buf, size);
}
