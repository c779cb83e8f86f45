/*
 * base/date.h: calendar dates as the facts write them (ISO 8601, YYYY-MM-DD).
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

/* True when fmt is one date_format() knows. */
bool date_format_known(const char *fmt);

#endif
