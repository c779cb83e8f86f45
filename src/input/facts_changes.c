/*
 * facts_changes.c: the changes fact, a document's record of changes.
 *
 *     [brief.changes]
 *     type = changes
 *     1 = "1 | 2018-10-01 | First edition"
 *     2 = "2 | 2018-11-29 | Commander table updated"
 *
 * Each entry is an edition, the day it was issued and what changed, in
 * key order, oldest first. An edition or a date that goes back is an
 * error: a record of changes read out of order says the wrong edition
 * is the current one.
 */
#include "facts_internal.h"

#include <stdlib.h>
#include <string.h>

#include "briefing/base/xalloc.h"
#include "values.h"

/* The part of v from p up to the next '|' (or the end), trimmed. */
static char *part(const char **p)
{
	const char *s = *p, *end = strchr(s, '|');

	if (!end)
		end = s + strlen(s);
	*p = *end ? end + 1 : end;
	while (*s == ' ')
		s++;
	while (end > s && end[-1] == ' ')
		end--;
	return xstrndup(s, (size_t)(end - s));
}

static int count_bars(const char *v)
{
	int n = 0;

	for (; *v; v++)
		n += *v == '|';
	return n;
}

/* Reads item into c. Returns 0, or -1 after reporting. */
static int read_change(const char *file, const char *section,
                       const struct fact_item *item, struct fact_change *c,
                       struct diag_list *dl)
{
	const char *p = item->text;
	char *date = NULL, why[120];
	int key = item->number;

	memset(c, 0, sizeof *c);
	c->line = item->line;
	if (count_bars(p) != 2)
		return diag_error(dl, file, item->line, "[%s] %d: expected "
		                  "'edition | YYYY-MM-DD | what changed'",
		                  section, key);
	c->edition = part(&p);
	date = part(&p);
	c->text = part(&p);
	if (!values_edition_valid(c->edition))
		diag_error(dl, file, item->line, "[%s] %d: edition '%s' is neither "
		           "a number (1 to 9999) nor one or two capital letters "
		           "(A, B, ... AA)", section, key, c->edition);
	else if (!date_parse_why(date, &c->date, why, sizeof why))
		diag_error(dl, file, item->line, "[%s] %d: '%s' is not a date "
		           "(YYYY-MM-DD): %s", section, key, date, why);
	else if (!c->text[0])
		diag_error(dl, file, item->line, "[%s] %d: say what changed in "
		           "edition %s", section, key, c->edition);
	else {
		free(date);
		return 0;
	}
	free(date);
	free(c->edition);
	free(c->text);
	return -1;
}

/* Entry c after entry prev: editions and dates never go back. */
static int check_order(const char *file, const char *section,
                       const struct fact_change *prev,
                       const struct fact_change *c, int key,
                       struct diag_list *dl)
{
	int order = values_edition_cmp(prev->edition, c->edition);

	if (order == 2)
		return diag_error(dl, file, c->line, "[%s] %d: edition %s after "
		                  "edition %s: number the editions, or letter "
		                  "them, not both", section, key, c->edition,
		                  prev->edition);
	if (order > 0)
		return diag_error(dl, file, c->line, "[%s] %d: edition %s comes "
		                  "after edition %s (line %d); list the changes "
		                  "oldest first", section, key, c->edition,
		                  prev->edition, prev->line);
	if (date_cmp(prev->date, c->date) > 0)
		return diag_error(dl, file, c->line, "[%s] %d: this change is "
		                  "dated before the one above it (line %d); list "
		                  "the changes oldest first", section, key,
		                  prev->line);
	return 0;
}

int facts_read_changes(const char *file, const char *section,
                       struct fact *fact, struct diag_list *dl)
{
	size_t before = dl->errors;

	fact->changes = xcalloc(fact->len ? fact->len : 1,
	                        sizeof *fact->changes);
	for (size_t i = 0; i < fact->len; i++) {
		struct fact_change *c = &fact->changes[fact->changes_len];

		if (read_change(file, section, &fact->items[i], c, dl) != 0)
			continue;
		if (fact->changes_len > 0 &&
		    check_order(file, section, c - 1, c, fact->items[i].number,
		                dl) != 0) {
			free(c->edition);
			free(c->text);
			continue;
		}
		fact->changes_len++;
	}
	return dl->errors > before ? -1 : 0;
}

void facts_release_changes(struct fact *fact)
{
	for (size_t i = 0; i < fact->changes_len; i++) {
		free(fact->changes[i].edition);
		free(fact->changes[i].text);
	}
	free(fact->changes);
	fact->changes = NULL;
	fact->changes_len = 0;
}
