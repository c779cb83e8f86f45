/*
 * date_pattern.c: the one pattern language every printed date goes
 * through, so the cover, the running header, tables, the sources and
 * the record of changes can never write one date two ways.
 *
 * A pattern is runs of letters (tokens: d dd M MM MMM MMMM NNN yy yyyy H
 * HH mm X, and ^ before a month name to upper-case it), 'quoted text' and
 * any other character printed as itself. Every letter outside quotes
 * must be a token, so a typo is an error rather than a stray letter on
 * the cover. Spaces print as U+00A0, so a date never wraps.
 */
#include "briefing/base/date.h"
#include "base/date_internal.h"

#include <string.h>

#define NBSP "\xC2\xA0"

static const char *const english[12] = {
	"January", "February", "March", "April", "May", "June", "July",
	"August", "September", "October", "November", "December"
};

static const struct {
	const char *name, *pattern;
} aliases[] = {
	{ "iso", "yyyy-MM-dd" },
	{ "long", "d MMMM yyyy" },
	{ "short", "dd MMM yyyy" },
	{ "military", "dd ^MMM yy" },
	{ "dtg", "ddHHmmXNNNyy" },
};

const char *date_pattern_resolve(const char *fmt)
{
	for (size_t i = 0; i < sizeof aliases / sizeof aliases[0]; i++)
		if (strcmp(fmt, aliases[i].name) == 0)
			return aliases[i].pattern;
	return fmt;
}

enum token {
	TOK_BAD, TOK_DAY, TOK_DAY2, TOK_MONTH, TOK_MONTH2, TOK_MON_SHORT,
	TOK_MON_LONG, TOK_MON_NATO, TOK_YEAR2, TOK_YEAR4, TOK_HOUR, TOK_HOUR2, TOK_MINUTE2,
	TOK_ZONE
};

/* The token a run of n letters c makes, or TOK_BAD. */
static enum token token_of(char c, size_t n)
{
	switch (c) {
	case 'd': return n == 1 ? TOK_DAY : n == 2 ? TOK_DAY2 : TOK_BAD;
	case 'M':
		return n == 1 ? TOK_MONTH : n == 2 ? TOK_MONTH2 :
		       n == 3 ? TOK_MON_SHORT : n == 4 ? TOK_MON_LONG : TOK_BAD;
	case 'N': return n == 3 ? TOK_MON_NATO : TOK_BAD;
	case 'y': return n == 2 ? TOK_YEAR2 : n == 4 ? TOK_YEAR4 : TOK_BAD;
	case 'H': return n == 1 ? TOK_HOUR : n == 2 ? TOK_HOUR2 : TOK_BAD;
	case 'm': return n == 2 ? TOK_MINUTE2 : TOK_BAD;
	case 'X': return n == 1 ? TOK_ZONE : TOK_BAD;
	default: return TOK_BAD;
	}
}

static bool is_letter(char c)
{
	return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z');
}

static size_t run_length(const char *p)
{
	size_t n = 1;

	while (p[n] == p[0])
		n++;
	return n;
}

#define TOKENS "d, dd, M, MM, MMM, MMMM, ^MMM, ^MMMM, NNN, yy, yyyy, H, " \
               "HH, mm, X"

bool date_pattern_check(const char *fmt, bool *uses_time, char *why,
                        size_t size)
{
	const char *p = date_pattern_resolve(fmt);
	bool time = false;

	if (!*p)
		return date_refuse(why, size, "an empty date pattern");
	while (*p) {
		if (*p == '\'') {
			const char *end = strchr(p + 1, '\'');

			if (!end)
				return date_refuse(why, size, "a quote that is not closed "
				            "(write '' for an apostrophe)");
			p = end + 1;
			continue;
		}
		if (*p == '^') {
			size_t n = p[1] == 'M' ? run_length(p + 1) : 0;

			if (n != 3 && n != 4)
				return date_refuse(why, size, "'^' upper-cases a month name: "
				            "write ^MMM or ^MMMM");
			p += 1 + n;
			continue;
		}
		if (is_letter(*p)) {
			size_t n = run_length(p);
			enum token t = token_of(*p, n);

			if (t == TOK_BAD) {
				size_t w = 0;   /* the whole word, as the user sees it */

				while (is_letter(p[w]))
					w++;
				return date_refuse(why, size, "'%.*s' is not a date token (%s; "
				            "quote literal text: 'at')", (int)w, p, TOKENS);
			}
			time = time || t >= TOK_HOUR;
			p += n;
			continue;
		}
		p++;
	}
	if (uses_time)
		*uses_time = time;
	return true;
}

bool date_format_known(const char *fmt)
{
	bool time;

	return date_pattern_check(fmt, &time, NULL, 0) && !time;
}

/* An output buffer that cuts at its size and stays NUL-terminated. */
struct out {
	char *buf;
	size_t size, len;
};

static void put(struct out *o, const char *s, size_t n)
{
	for (size_t i = 0; i < n && o->len + 1 < o->size; i++)
		o->buf[o->len++] = s[i];
	if (o->size)
		o->buf[o->len] = '\0';
}

/* A literal character; a space is U+00A0, so the date stays one word. */
static void put_char(struct out *o, char c)
{
	if (c == ' ')
		put(o, NBSP, strlen(NBSP));
	else
		put(o, &c, 1);
}

/* v (>= 0) in decimal, zero-padded to at least width digits: printf's
 * "%0*d" without printf, which was most of the cost of a table of dates. */
static void put_int(struct out *o, int v, int width)
{
	char tmp[16], *p = tmp + sizeof tmp;
	unsigned u = v < 0 ? 0u : (unsigned)v;

	do {
		*--p = (char)('0' + u % 10);
		u /= 10;
		width--;
	} while (u && p > tmp);
	while (width-- > 0 && p > tmp)
		*--p = '0';
	put(o, p, (size_t)(tmp + sizeof tmp - p));
}

/* The first n characters of the UTF-8 name s (whole sequences). */
static size_t first_chars(const char *s, int n)
{
	size_t i = 0;

	for (int k = 0; s[i] && k < n; k++)
		do
			i++;
		while (((unsigned char)s[i] & 0xC0) == 0x80);
	return i;
}

/* Puts name upper-cased: ASCII letters and the Latin-1 small letters
 * U+00E0..U+00FE (é -> É, ü -> Ü), which covers the month names of the
 * Western European languages; anything else is kept as it is. */
static void put_upper(struct out *o, const char *s, size_t n)
{
	for (size_t i = 0; i < n; i++) {
		char c = s[i];

		if (c >= 'a' && c <= 'z')
			c = (char)(c - 'a' + 'A');
		else if ((unsigned char)c == 0xC3 && i + 1 < n &&
		         (unsigned char)s[i + 1] >= 0xA0 &&
		         (unsigned char)s[i + 1] <= 0xBE &&
		         (unsigned char)s[i + 1] != 0xB7) {
			char pair[2] = { c, (char)(s[i + 1] - 0x20) };

			put(o, pair, 2);
			i++;
			continue;
		}
		put(o, &c, 1);
	}
}

static void put_month(struct out *o, const struct date *d, enum token t,
                      bool upper, const struct date_names *names)
{
	const char *name = names && names->names ? names->names[d->month - 1]
	                                         : english[d->month - 1];
	size_t n = strlen(name);

	if (t == TOK_MON_SHORT) {
		if (names && names->short_names) {
			name = names->short_names[d->month - 1];
			n = strlen(name);
		} else {
			n = first_chars(name, 3);
		}
	}
	if (upper)
		put_upper(o, name, n);
	else
		put(o, name, n);
}

static void put_token(struct out *o, const struct date_time *dt,
                      enum token t, bool upper,
                      const struct date_names *names)
{
	const struct date *d = &dt->date;

	if (t >= TOK_HOUR && !dt->has_time)
		return;
	switch (t) {
	case TOK_DAY: put_int(o, d->day, 1); break;
	case TOK_DAY2: put_int(o, d->day, 2); break;
	case TOK_MONTH: put_int(o, d->month, 1); break;
	case TOK_MONTH2: put_int(o, d->month, 2); break;
	case TOK_MON_SHORT:
	case TOK_MON_LONG: put_month(o, d, t, upper, names); break;
	case TOK_MON_NATO:   /* ACP 121: JAN .. DEC in every language */
		put_upper(o, english[d->month - 1], 3);
		break;
	case TOK_YEAR2: put_int(o, d->year % 100, 2); break;
	case TOK_YEAR4: put_int(o, d->year, 4); break;
	case TOK_HOUR: put_int(o, dt->hour, 1); break;
	case TOK_HOUR2: put_int(o, dt->hour, 2); break;
	case TOK_MINUTE2: put_int(o, dt->minute, 2); break;
	case TOK_ZONE: put(o, &dt->zone, 1); break;
	case TOK_BAD: break;
	}
}

void date_format_time(const struct date_time *dt, const char *fmt,
                      const struct date_names *names, char *buf,
                      size_t size)
{
	struct out o = { buf, size, 0 };
	const char *p;

	if (!date_pattern_check(fmt, NULL, NULL, 0))
		fmt = "iso";
	p = date_pattern_resolve(fmt);
	put(&o, "", 0);
	while (*p) {
		if (*p == '\'') {
			const char *end = strchr(p + 1, '\'');

			if (end == p + 1)
				put(&o, "'", 1);    /* '' is an apostrophe */
			for (const char *q = p + 1; q < end; q++)
				put_char(&o, *q);
			p = end + 1;
		} else if (*p == '^' || is_letter(*p)) {
			bool upper = *p == '^';
			size_t n = run_length(p + upper);

			put_token(&o, dt, token_of(p[upper], n), upper, names);
			p += upper + n;
		} else {
			put_char(&o, *p++);
		}
	}
}

void date_format_names(struct date d, const char *fmt,
                       const char (*names)[DATE_MONTH_NAME_MAX],
                       char *buf, size_t size)
{
	struct date_time dt = { d, false, 0, 0, 'Z' };
	struct date_names n = { names, NULL };

	date_format_time(&dt, fmt, &n, buf, size);
}

void date_format(struct date d, const char *fmt, char *buf, size_t size)
{
	date_format_names(d, fmt, NULL, buf, size);
}
