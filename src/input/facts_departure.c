/*
 * facts_departure.c: where a fact declares that it departs from its
 * source, and the check that each declaration names a part it has.
 */
#include "facts_internal.h"

#include <stdlib.h>
#include <string.h>

#include "briefing/base/xalloc.h"
#include "csvfile.h"

/* ---- declared departures from the source --------------------------------
 *
 * Every part of a fact is a quotation of its source unless the fact says
 * otherwise: verbatim = no with departure = "why" for the whole fact, or
 * departure.KEY = "why" for one part (an item's key, intro, note, a
 * table column or an org chart unit). A table may also name a column
 * whose cells give each row's reason. The keys are read here, before the
 * kind's own keys, and their parts checked once the fact is complete. */

static void add_departure(struct fact *fact, const char *part,
                          const char *reason, int line)
{
	struct fact_departure *d;

	fact->departures = xrealloc(fact->departures, (fact->departures_len + 1) *
	                            sizeof *fact->departures);
	d = &fact->departures[fact->departures_len++];
	d->part = xstrdup(part);
	d->reason = xstrdup(reason);
	d->line = line;
}

int facts_read_departures(const struct ini *ini, struct ini_section *s,
                           struct fact *fact, struct diag_list *dl)
{
	struct ini_entry *v = ini_get(s, "verbatim");
	struct ini_entry *why = ini_get(s, "departure");
	struct ini_entry *col = ini_get(s, "departure_column");
	bool verbatim = true;
	size_t before = dl->errors;

	if (v && ini_bool(s, "verbatim", &verbatim, dl) < 0)
		return -1;
	if (!verbatim && (!why || !why->value[0]))
		diag_error(dl, ini->file, v->line, "[%s] verbatim = no: say how the "
		           "fact departs from its source (departure = \"...\")",
		           s->name);
	else if (why && verbatim)
		diag_error(dl, ini->file, why->line, "[%s] departure: a whole fact "
		           "departs with verbatim = no; for one part write "
		           "departure.KEY", s->name);
	else if (why)
		add_departure(fact, "", why->value, why->line);
	for (size_t i = 0; i < s->len; i++) {
		struct ini_entry *e = &s->entries[i];

		if (strncmp(e->key, "departure.", 10) != 0)
			continue;
		e->used = true;
		if (!e->key[10] || !e->value[0])
			diag_error(dl, ini->file, e->line, "[%s] %s: name the part "
			           "(departure.KEY) and say why it departs", s->name,
			           e->key);
		else
			add_departure(fact, e->key + 10, e->value, e->line);
	}
	if (col && fact->kind != FACT_TABLE)
		diag_error(dl, ini->file, col->line, "[%s] departure_column: only a "
		           "table has columns", s->name);
	else if (col && !col->value[0])
		diag_error(dl, ini->file, col->line, "[%s] departure_column: empty; "
		           "name a column of the CSV", s->name);
	else if (col)
		fact->departure_column = xstrdup(col->value);
	return dl->errors > before ? -1 : 0;
}

/* Whether part is the key of one of fact's items ("3", "3.1"). */
static bool is_item_key(const struct fact *fact, const char *part)
{
	for (size_t i = 0; i < fact->len; i++) {
		char key[32];

		if (fact->items[i].minor)
			snprintf(key, sizeof key, "%d.%d", fact->items[i].number,
			         fact->items[i].minor);
		else
			snprintf(key, sizeof key, "%d", fact->items[i].number);
		if (strcmp(key, part) == 0)
			return true;
	}
	return false;
}

static bool is_part(const struct fact *fact, const char *part)
{
	switch (fact->kind) {
	case FACT_TEXT:
		return !fact->markdown && is_item_key(fact, part);
	case FACT_LIST:
		return is_item_key(fact, part) ||
		       (fact->intro && strcmp(part, "intro") == 0);
	case FACT_FIGURES:
	case FACT_CHANGES:
		return is_item_key(fact, part);
	case FACT_TABLE:
		return (fact->note && strcmp(part, "note") == 0) ||
		       csvfile_column(fact->table, part) >= 0;
	case FACT_IMAGE:   /* no parts: it departs as a whole or not at all */
		return false;
	case FACT_ORGCHART:
		break;
	}
	for (size_t i = 0; i < fact->units_len; i++)
		if (strcmp(fact->units[i].id, part) == 0)
			return true;
	return false;
}

/* Every departure.KEY names a part the fact has; a departure column is
 * one of the table's. Org chart units are read after their chart, so a
 * chart's parts are checked once the file is read. */
int facts_check_departures(const struct fact *fact, struct diag_list *dl)
{
	static const char *const parts[] = {
		[FACT_TEXT] = "a paragraph's key",
		[FACT_LIST] = "an item's key or intro",
		[FACT_FIGURES] = "an item's key",
		[FACT_TABLE] = "a column or note",
		[FACT_ORGCHART] = "a unit's id",
		[FACT_CHANGES] = "an entry's key",
		[FACT_IMAGE] = "an image has none: verbatim = no departs as a whole",
	};
	size_t before = dl->errors;

	for (size_t i = 0; i < fact->departures_len; i++) {
		const struct fact_departure *d = &fact->departures[i];

		if (!d->part[0] || is_part(fact, d->part))
			continue;
		if (fact->kind == FACT_TEXT && fact->markdown)
			diag_error(dl, fact->file, d->line, "[%s] departure.%s: a text "
			           "fact from a Markdown file departs as a whole "
			           "(verbatim = no)", fact->name, d->part);
		else
			diag_error(dl, fact->file, d->line, "[%s] departure.%s: the "
			           "fact has no part '%s' (%s)", fact->name, d->part,
			           d->part, parts[fact->kind]);
	}
	if (fact->departure_column &&
	    csvfile_column(fact->table, fact->departure_column) < 0)
		diag_error(dl, fact->file, fact->line, "[%s] departure_column: the "
		           "table has no column '%s'", fact->name,
		           fact->departure_column);
	return dl->errors > before ? -1 : 0;
}

const char *fact_departure(const struct fact *fact, const char *part)
{
	const char *found = NULL;

	for (size_t i = 0; i < fact->departures_len; i++) {
		if (!fact->departures[i].part[0])
			return fact->departures[i].reason;
		if (!found && strcmp(fact->departures[i].part, part) == 0)
			found = fact->departures[i].reason;
	}
	return found;
}
