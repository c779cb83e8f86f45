/*
 * config_dates.c: the [document] keys of dates and document control.
 *
 * as_of may carry a time and a zone (2018-11-29T13:53Z) for the NATO
 * date-time group; every date pattern is checked here, so a pattern
 * that would print a time where none is known, or a letter that is no
 * token, is an error at its line rather than a strange cover.
 */
#include "config_internal.h"

#include <stdlib.h>
#include <string.h>

#include "briefing/base/date.h"
#include "briefing/base/xalloc.h"
#include "values.h"

/* as_of = 2018-11-29 or 2018-11-29T13:53Z; c->as_of keeps the day. */
static void read_as_of(struct config *c, struct ini_section *s,
                       struct diag_list *dl)
{
	struct ini_entry *e = ini_get(s, "as_of");
	char why[160], day[11];

	if (!e) {
		ini_missing(s, "as_of", dl);
		return;
	}
	if (!date_time_parse(e->value, &c->as_of_time, why, sizeof why)) {
		diag_error(dl, e->file, e->line, "[document] as_of: '%s' is not "
		           "a date (YYYY-MM-DD, or YYYY-MM-DDThh:mmZ): %s",
		           e->value, why);
		return;
	}
	memcpy(day, e->value, 10);
	day[10] = '\0';
	c->as_of = xstrdup(day);
}

/* One date pattern key: checked, copied, NULL when not set. A pattern
 * with a time (HH, mm, X) needs an as_of that gives one. */
static char *read_pattern(struct config *c, struct ini_section *s,
                          const char *key, struct diag_list *dl)
{
	struct ini_entry *e = ini_get(s, key);
	char why[200];
	bool time;

	if (!e)
		return NULL;
	if (!date_pattern_check(e->value, &time, why, sizeof why)) {
		diag_error(dl, e->file, e->line, "[document] %s: '%s': %s", key,
		           e->value, why);
		return NULL;
	}
	if (time && c->as_of && !c->as_of_time.has_time) {
		diag_error(dl, e->file, e->line, "[document] %s: '%s' prints a "
		           "time, and as_of gives none (write as_of = %sThh:mmZ)",
		           key, e->value, c->as_of);
		return NULL;
	}
	return xstrdup(e->value);
}

/* The places a table's or a source's dates print have no time of day,
 * so there the whole-document pattern drops its time tokens; their own
 * keys may not hold one. */
static char *read_day_pattern(struct config *c, struct ini_section *s,
                              const char *key, struct diag_list *dl)
{
	struct ini_entry *e = ini_get(s, key);
	char *v = read_pattern(c, s, key, dl);
	bool time = false;

	if (v && date_pattern_check(v, &time, NULL, 0) && time) {
		diag_error(dl, e->file, e->line, "[document] %s: '%s' prints a "
		           "time, and a source's dates have none", key, v);
		free(v);
		return NULL;
	}
	return v;
}

/* reference: what a registry files the briefing under. */
static bool reference_ok(const char *v)
{
	if (!v[0] || strlen(v) > 64)
		return false;
	for (const char *p = v; *p; p++)
		if (!((*p >= 'A' && *p <= 'Z') || (*p >= 'a' && *p <= 'z') ||
		      (*p >= '0' && *p <= '9') || strchr(" -/._:()#", *p)))
			return false;
	return v[0] != ' ';
}

/* "1", "1.2", "2.0.1": whole numbers of up to four digits, dotted. */
static bool version_ok(const char *v)
{
	for (;;) {
		size_t n = strspn(v, "0123456789");

		if (n == 0 || n > 4)
			return false;
		v += n;
		if (!*v)
			return true;
		if (*v++ != '.')
			return false;
	}
}

static void read_control(struct config *c, struct ini_section *s,
                         struct diag_list *dl)
{
	struct ini_entry *e;

	if ((e = ini_get(s, "reference")) && !reference_ok(e->value))
		diag_error(dl, e->file, e->line, "[document] reference: '%s': at "
		           "most 64 letters, digits, spaces and - / . _ : ( ) #, "
		           "not starting with a space", e->value);
	else if (e)
		c->reference = xstrdup(e->value);
	if ((e = ini_get(s, "edition")) && !values_edition_valid(e->value))
		diag_error(dl, e->file, e->line, "[document] edition: '%s' is "
		           "neither a number (1 to 9999) nor one or two capital "
		           "letters (A, B, ... AA)", e->value);
	else if (e) {
		c->edition = xstrdup(e->value);
		c->edition_file = xstrdup(e->file);
		c->edition_line = e->line;
	}
	if ((e = ini_get(s, "version")) && !version_ok(e->value))
		diag_error(dl, e->file, e->line, "[document] version: '%s' is not "
		           "a version such as 1, 2.1 or 2.0.3", e->value);
	else if (e)
		c->version = xstrdup(e->value);
}

void config_read_dates(struct config *c, struct ini_section *s,
                       struct diag_list *dl)
{
	read_as_of(c, s, dl);
	c->date_format = read_pattern(c, s, "date_format", dl);
	c->cover_date_format = read_pattern(c, s, "cover_date_format", dl);
	c->header_date_format = read_pattern(c, s, "header_date_format", dl);
	c->sources_date_format = read_day_pattern(c, s, "sources_date_format",
	                                          dl);
	read_control(c, s, dl);
}

void config_release_dates(struct config *c)
{
	free(c->date_format);
	free(c->cover_date_format);
	free(c->header_date_format);
	free(c->sources_date_format);
	free(c->reference);
	free(c->edition);
	free(c->version);
	free(c->edition_file);
}
