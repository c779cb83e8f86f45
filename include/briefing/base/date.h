/*
 * base/date.h: calendar dates as the facts write them (ISO 8601, YYYY-MM-DD),
 * an optional time of day with its NATO zone letter, and the one pattern
 * language every printed date goes through (docs/config.md, "Dates").
 */
#ifndef BRIEFING_BASE_DATE_H
#define BRIEFING_BASE_DATE_H

#include <stdbool.h>
#include <stddef.h>

struct date {
	int year, month, day;
};

/* Parses exactly "YYYY-MM-DD" naming a real day (leap years checked).
 * Returns true on success. */
bool date_parse(const char *s, struct date *out);

/* date_parse() that says why a date is refused, into why (size bytes):
 * "2019 February has 28 days", "month 13", "day 0", "expected
 * YYYY-MM-DD". why may be NULL. */
bool date_parse_why(const char *s, struct date *out, char *why, size_t size);

/* A date with an optional time of day: the NATO date-time group's
 * parts. zone is the NATO time zone letter ('Z' for UTC, 'A'..'M'
 * east, 'N'..'Y' west; never 'J', local time). */
struct date_time {
	struct date date;
	bool has_time;
	int hour, minute;
	char zone;
};

/* Parses "YYYY-MM-DD", or that followed by 'T' or one space, "hh:mm"
 * and a zone: a letter (Z, A-I, K-Y) or an offset "+hh:mm"/"-hh:mm"
 * of whole hours from -12 to +12, mapped to its letter. Returns true,
 * or false with the reason in why ("no NATO zone letter for +05:30"). */
bool date_time_parse(const char *s, struct date_time *out, char *why,
                     size_t size);

/* The offset from UTC in hours of NATO zone letter zone (Z 0, A +1, N
 * -1, ...); 0 for a letter that is not a zone. */
int date_zone_hours(char zone);

/* Days since 1970-01-01 (negative before). */
long date_days(struct date d);

/* Compares: <0, 0, >0. */
int date_cmp(struct date a, struct date b);

/* Formats d into buf per fmt: "iso" (1999-06-09), "long" (9 June 1999),
 * "short" (09 Jun 1999) or "military" (09 JUN 99). Unknown fmt is "iso".
 * The spaces are U+00A0 no-break spaces, so a date never wraps. */
void date_format(struct date d, const char *fmt, char *buf, size_t size);

/* The longest month name date_format_names() takes, in bytes with NUL. */
#define DATE_MONTH_NAME_MAX 32

/* date_format() with the month names of another language ("janvier" ..
 * "décembre", UTF-8); NULL means English. "short" takes the first three
 * characters of the name (whole UTF-8 sequences, never bytes) and
 * "military" upper-cases their ASCII letters. */
void date_format_names(struct date d, const char *fmt,
                       const char (*names)[DATE_MONTH_NAME_MAX],
                       char *buf, size_t size);

/* True when fmt is a pattern or alias date_format() knows and needs no
 * time of day. */
bool date_format_known(const char *fmt);

/* ---- the pattern language (date_pattern.c) ----
 *
 * d dd (day), M MM MMM MMMM (month number, padded, short name, long
 * name), ^MMM ^MMMM (names upper-cased), NNN (the date-time group's
 * month, JAN..DEC in every language), yy yyyy (year), H HH (hour),
 * mm (minute), X (zone letter); 'text' is literal ('' an apostrophe),
 * any other character prints as itself, a space as U+00A0. The names
 * "iso", "long", "short", "military" and "dtg" are aliases. */

/* The pattern an alias stands for, or fmt itself. */
const char *date_pattern_resolve(const char *fmt);

/* Checks fmt (a pattern or an alias). Returns true, setting *uses_time
 * (may be NULL) when it prints a part of the time; or false with why
 * ("'q' is not a date token ..."). */
bool date_pattern_check(const char *fmt, bool *uses_time, char *why,
                        size_t size);

/* The month names a pattern prints: NULL for either means English; no
 * short names means the first three characters of the long ones. */
struct date_names {
	const char (*names)[DATE_MONTH_NAME_MAX];
	const char (*short_names)[DATE_MONTH_NAME_MAX];
};

/* Formats dt per fmt into buf. A time token of a date without a time
 * prints nothing; an invalid fmt prints as "iso". */
void date_format_time(const struct date_time *dt, const char *fmt,
                      const struct date_names *names, char *buf,
                      size_t size);

#endif
