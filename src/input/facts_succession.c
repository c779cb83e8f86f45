/*
 * facts_succession.c: a table with succession = yes lists consecutive
 * terms of office (from, to), and each term starts the day the previous
 * one ended; a gap or an overlap between two terms is a warning.
 *
 * A break the source itself has (a post left vacant, a handover a week
 * late) is a fact, not a mistake, and a check that always warns about it
 * trains its readers to ignore warnings. So the data can acknowledge it,
 * with its reason, on the table's section:
 *
 *     gap.2001-10-03 = "The post was vacant until the next rotation."
 *     overlap.2005-09-01 = "The outgoing commander stayed for the handover."
 *
 * keyed by the day the earlier term ended, where the break begins. An
 * acknowledged break is not reported; an acknowledgement that matches no
 * break is, so it cannot outlive the data it excuses.
 */
#include "facts_internal.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "briefing/base/suggest.h"
#include "briefing/base/xalloc.h"
#include "csvfile.h"

/* One gap.DATE or overlap.DATE key. */
struct ack {
	const struct ini_entry *e;
	bool overlap;
	struct date at;
	bool matched;
};

/* Reads the acknowledgements of s, marking their keys used; reports a
 * key that is not gap.YYYY-MM-DD or overlap.YYYY-MM-DD, or gives no
 * reason. *n gets their number; the caller frees the result. */
static struct ack *read_acks(const struct ini *ini, struct ini_section *s,
                             bool succession, size_t *n,
                             struct diag_list *dl)
{
	struct ack *acks = xcalloc(s->len ? s->len : 1, sizeof *acks);

	*n = 0;
	for (size_t i = 0; i < s->len; i++) {
		struct ini_entry *e = &s->entries[i];
		bool overlap = strncmp(e->key, "overlap.", 8) == 0;
		const char *day = e->key + (overlap ? 8 : 4);
		struct date at;

		if (!overlap && strncmp(e->key, "gap.", 4) != 0)
			continue;
		e->used = true;
		if (!succession)
			diag_error(dl, ini->file, e->line, "[%s] %s: only a table with "
			           "succession = yes has gaps and overlaps", s->name,
			           e->key);
		else if (!date_parse(day, &at))
			diag_error(dl, ini->file, e->line, "[%s] %s: '%s' is not a date "
			           "(YYYY-MM-DD): write %s.DATE, DATE the day the "
			           "earlier term ended", s->name, e->key, day,
			           overlap ? "overlap" : "gap");
		else if (!e->value[0])
			diag_error(dl, ini->file, e->line, "[%s] %s: say why the "
			           "succession has this %s", s->name, e->key,
			           overlap ? "overlap" : "gap");
		else
			acks[(*n)++] = (struct ack){ e, overlap, at, false };
	}
	return acks;
}

/* The acknowledgement of the break after the term that ended at, or
 * NULL. */
static struct ack *find_ack(struct ack *acks, size_t n, struct date at)
{
	for (size_t i = 0; i < n; i++)
		if (date_cmp(acks[i].at, at) == 0)
			return &acks[i];
	return NULL;
}

static void format_day(struct date d, char *buf, size_t size)
{
	snprintf(buf, size, "%04d-%02d-%02d", d.year, d.month, d.day);
}

/* Reports the break of days (> 0 a gap, < 0 an overlap) between rows
 * prev and r of the table, unless an acknowledgement names it as what it
 * is; one that names it as the other kind is reported at its own line. */
static void report_break(const struct ini *ini, const struct fact *fact,
                         struct ack *acks, size_t n, struct date prev_to,
                         long days, size_t prev, size_t r,
                         struct diag_list *dl)
{
	const struct csvfile *t = fact->table;
	int name = csvfile_column(t, "name");
	const char *who = name >= 0 ? csvfile_cell(t, r, (size_t)name) : "";
	const char *prev_who = name >= 0 ? csvfile_cell(t, prev, (size_t)name)
	                                 : "";
	const char *what = days > 0 ? "gap" : "overlap";
	struct ack *a = find_ack(acks, n, prev_to);
	char day[16];

	format_day(prev_to, day, sizeof day);
	if (a) {
		a->matched = true;
		if (a->overlap != (days < 0))
			diag_warning(dl, ini->file, a->e->line, "[%s] %s: the break "
			             "after %s (%s:%d) is %s %s of %ld day%s; write "
			             "%s.%s", fact->name, a->e->key, day, t->file,
			             t->lines[r], days > 0 ? "a" : "an", what,
			             labs(days), labs(days) == 1 ? "" : "s", what, day);
		return;
	}
	diag_warning(dl, t->file, t->lines[r], "%s of %ld day%s between row %zu "
	             "(%s) and row %zu (%s); if the source has it, acknowledge "
	             "it in [%s]: %s.%s = \"why\"", what, labs(days),
	             labs(days) == 1 ? "" : "s", prev + 1, prev_who, r + 1, who,
	             fact->name, what, day);
}

/* A succession needs columns 'from' and 'to' (lower case, as every
 * column name the config cites); name the one written otherwise. */
static void report_missing_terms(const struct fact *fact, const char *want,
                                 struct diag_list *dl)
{
	const struct csvfile *t = fact->table;
	const char *near = NULL;

	/* "To" or "form", not "no" for "to": a two-letter name is near
	 * too much to guess at */
	for (size_t i = 0; i < t->columns && !near; i++) {
		size_t d = suggest_distance(want, t->header[i], true);

		if (d == 0 || (strlen(want) > 2 && suggest_near(want, d)))
			near = t->header[i];
	}
	if (near)
		diag_error(dl, fact->file, fact->line, "[%s] succession: the table "
		           "needs 'from' and 'to' columns; rename its column '%s' "
		           "to '%s' (names are exact)", fact->name, near, want);
	else
		diag_error(dl, fact->file, fact->line, "[%s] succession: the table "
		           "needs 'from' and 'to' columns", fact->name);
}

/* The terms of rows: each from <= to, each after the first starting the
 * day the previous one ended unless acknowledged; an empty 'to' (the
 * incumbent) only on the last row, 'unknown' ending the chain. */
static void check_terms(const struct ini *ini, const struct fact *fact,
                        struct ack *acks, size_t n, struct diag_list *dl)
{
	const struct csvfile *t = fact->table;
	int from = csvfile_column(t, "from"), to = csvfile_column(t, "to");
	struct date prev_to = { 0, 0, 0 };
	char why[120];
	bool have_prev = false;
	size_t prev_row = 0;

	if (from < 0 || to < 0) {
		report_missing_terms(fact, from < 0 ? "from" : "to", dl);
		return;
	}
	for (size_t r = 0; r < t->rows; r++) {
		const char *fs = csvfile_cell(t, r, (size_t)from);
		const char *ts = csvfile_cell(t, r, (size_t)to);
		struct date fd, td = { 0, 0, 0 };
		bool open_end = !ts[0] || strcmp(ts, "unknown") == 0;

		if (!date_parse_why(fs, &fd, why, sizeof why)) {
			diag_error(dl, t->file, t->lines[r], "row %zu, column 'from': "
			           "'%s' is not a date (YYYY-MM-DD): %s", r + 1, fs, why);
			have_prev = false;
			continue;
		}
		if (!open_end && !date_parse_why(ts, &td, why, sizeof why)) {
			diag_error(dl, t->file, t->lines[r], "row %zu, column 'to': "
			           "'%s' is not a date (YYYY-MM-DD), empty (incumbent) "
			           "or 'unknown': %s", r + 1, ts, why);
			have_prev = false;
			continue;
		}
		if (!open_end && date_cmp(fd, td) > 0)
			diag_error(dl, t->file, t->lines[r], "row %zu: 'from' %s is "
			           "after 'to' %s", r + 1, fs, ts);
		if (have_prev && date_cmp(prev_to, fd) != 0)
			report_break(ini, fact, acks, n, prev_to,
			             date_days(fd) - date_days(prev_to), prev_row, r,
			             dl);
		if (!ts[0] && r + 1 < t->rows)
			diag_error(dl, t->file, t->lines[r], "row %zu: an empty 'to' "
			           "marks the incumbent, who must be the last row", r + 1);
		have_prev = !open_end;
		prev_to = td;
		prev_row = r;
	}
}

int facts_check_succession(const struct ini *ini, struct ini_section *s,
                           const struct fact *fact, struct diag_list *dl)
{
	size_t n, before = dl->errors;
	struct ack *acks = read_acks(ini, s, fact->succession, &n, dl);

	if (fact->succession && fact->table)
		check_terms(ini, fact, acks, n, dl);
	for (size_t i = 0; fact->table && i < n; i++) {
		char day[16];

		if (acks[i].matched)
			continue;
		format_day(acks[i].at, day, sizeof day);
		diag_warning(dl, ini->file, acks[i].e->line, "[%s] %s: no %s in "
		             "the succession begins on %s (the day a term ends); "
		             "remove it or correct the date", s->name, acks[i].e->key,
		             acks[i].overlap ? "overlap" : "gap", day);
	}
	free(acks);
	return dl->errors > before ? -1 : 0;
}
