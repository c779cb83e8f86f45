/*
 * facts_chart.c: org chart facts: a [CHART] with type = orgchart, and a
 * section [CHART.ID] per unit, checked to form one tree.
 */
#include "facts_internal.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "briefing/base/xalloc.h"

static const char *const unit_kinds[] = { "command", "staff", "unit",
                                          "support", NULL };

/* The org chart of this file that section s is a unit of: s is named
 * CHART.ID after a [CHART] with type = orgchart, and has no type itself. */
struct fact *facts_unit_owner(struct facts *f, size_t first,
                              struct ini_section *s)
{
	size_t best = STRHASH_NONE;

	/* Each dotted prefix of the name may be a chart; the one defined
	 * last wins, as a later chart is the nearer enclosing one. A name
	 * has few dots, so this is a few hash lookups, not a scan of every
	 * fact. */
	for (const char *dot = strchr(s->name, '.'); dot && dot[1];
	     dot = strchr(dot + 1, '.')) {
		size_t i = strhash_get(f->index, s->name, (size_t)(dot - s->name));

		if (i != STRHASH_NONE && i >= first &&
		    f->items[i].kind == FACT_ORGCHART &&
		    (best == STRHASH_NONE || i > best))
			best = i;
	}
	if (best == STRHASH_NONE || ini_get(s, "type"))
		return NULL;
	return &f->items[best];
}

int facts_read_unit(const struct facts *f, struct fact *chart,
                    struct ini_section *s, struct diag_list *dl)
{
	static const char *const keys[] = { "name", "detail", "parent", "kind",
	                                    "classification", "releasable",
	                                    NULL };
	struct fact_unit u;
	const char *name = ini_value(s, "name");
	const char *detail = ini_value(s, "detail");
	const char *parent = ini_value(s, "parent");
	int kind = UNIT_UNIT;
	size_t before = dl->errors;

	memset(&u, 0, sizeof u);
	if (chart->units_len >= FACTS_MAX_UNITS)
		return diag_error(dl, s->file, s->line, "[%s]: more than %d units",
		                  chart->name, FACTS_MAX_UNITS);
	if (!name || !name[0])
		ini_missing(s, "name", dl);
	ini_choice(s, "kind", unit_kinds, &kind, dl);
	u.mark = chart->mark;
	facts_read_mark(f, s, "classification", "releasable", &u.mark, dl);
	ini_check_unused(s, keys, dl);
	if (dl->errors > before)
		return -1;
	u.id = xstrdup(s->name + strlen(chart->name) + 1);
	u.name = xstrdup(name);
	u.detail = detail && detail[0] ? xstrdup(detail) : NULL;
	u.parent_id = parent && parent[0] ? xstrdup(parent) : NULL;
	u.parent = -1;
	u.kind = (enum unit_kind)kind;
	u.line = s->line;
	chart->units = xrealloc(chart->units, (chart->units_len + 1) *
	                        sizeof *chart->units);
	chart->units[chart->units_len++] = u;
	return 0;
}

/* Sets each unit's parent index from its parent id, through a hash of
 * the ids (a chart may have 10,000 units), reporting unknown parents. */
static void resolve_parents(struct fact *c, struct diag_list *dl)
{
	struct strhash ids = { 0 };

	for (size_t i = 0; i < c->units_len; i++)
		strhash_put(&ids, c->units[i].id, strlen(c->units[i].id), i);
	for (size_t i = 0; i < c->units_len; i++) {
		struct fact_unit *u = &c->units[i];
		size_t j;

		if (!u->parent_id)
			continue;
		j = strhash_get(&ids, u->parent_id, strlen(u->parent_id));
		u->parent = j == STRHASH_NONE ? -1 : (int)j;
		if (u->parent < 0)
			diag_error(dl, c->file, u->line, "[%s.%s] parent: no unit '%s' "
			           "in chart '%s'", c->name, u->id, u->parent_id,
			           c->name);
		else if (u->parent == (int)i)
			diag_error(dl, c->file, u->line, "[%s.%s] parent: a unit cannot "
			           "be its own parent", c->name, u->id);
	}
	strhash_release(&ids);
}

/* Resolves parent ids and checks the units form one tree: every parent
 * exists, exactly one root, no cycle. Each error names the unit ids. */
int facts_check_chart(struct fact *c, struct diag_list *dl)
{
	size_t before = dl->errors, roots = 0;
	char list[512] = "";

	if (c->units_len == 0)
		return diag_error(dl, c->file, c->line, "[%s]: an org chart needs "
		                  "units: sections [%s.ID] with name and parent",
		                  c->name, c->name);
	for (size_t i = 0; i < c->units_len; i++) {
		struct fact_unit *u = &c->units[i];

		if (!u->parent_id) {
			size_t used = strlen(list);

			roots++;
			snprintf(list + used, sizeof list - used, "%s%s",
			         used ? ", " : "", u->id);
		}
	}
	resolve_parents(c, dl);
	if (roots > 1)
		diag_error(dl, c->file, c->line, "[%s]: more than one root unit "
		           "(%s); give all but one a parent", c->name, list);
	if (dl->errors > before)
		return -1;
	/* A cycle: following parents from some unit never reaches a root.
	 * Each cycle is reported once, its units listed from the first one
	 * in the file. */
	{
		bool *reported = xcalloc(c->units_len, sizeof *reported);

		for (size_t i = 0; i < c->units_len; i++) {
			int at = (int)i, low;
			size_t used = 0;

			for (size_t n = 0; n < c->units_len && at >= 0; n++)
				at = c->units[at].parent;
			if (at < 0)
				continue;
			/* at is now on the cycle */
			low = at;
			for (int k = c->units[at].parent; k != at; k = c->units[k].parent)
				if (k < low)
					low = k;
			if (reported[low])
				continue;
			list[0] = '\0';
			for (int k = low;;) {
				reported[k] = true;
				if (used < sizeof list)
					used += (size_t)snprintf(list + used, sizeof list - used,
					                         "%s -> ", c->units[k].id);
				k = c->units[k].parent;
				if (k == low)
					break;
			}
			if (used < sizeof list)
				snprintf(list + used, sizeof list - used, "%s",
				         c->units[low].id);
			diag_error(dl, c->file, c->units[low].line, "[%s]: units form a "
			           "cycle: %s", c->name, list);
		}
		free(reported);
	}
	if (roots == 0 && dl->errors == before)
		diag_error(dl, c->file, c->line, "[%s]: no root unit: every unit "
		           "has a parent", c->name);
	return dl->errors > before ? -1 : 0;
}
