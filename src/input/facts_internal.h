/*
 * facts_internal.h: what facts.c and facts_chart.c share.
 */
#ifndef BRIEFING_INPUT_FACTS_INTERNAL_H
#define BRIEFING_INPUT_FACTS_INTERNAL_H

#include "briefing/input.h"
#include "ini.h"
#include "strhash.h"

/* Units of one chart beyond this are refused (docs/limits.md). */
#define FACTS_MAX_UNITS 10000

/* The org chart of this file (facts first..) that section s is a unit
 * of: s is named CHART.ID after a [CHART] with type = orgchart, and has
 * no type itself. NULL otherwise. */
struct fact *facts_unit_owner(struct facts *f, size_t first,
                              struct ini_section *s);

/* Reads unit section s into chart. Returns 0 or -1. */
int facts_read_unit(struct fact *chart, struct ini_section *s,
                    struct diag_list *dl);

/* Resolves parent ids and checks the units form one tree: every parent
 * exists, exactly one root, no cycle. Each error names the unit ids. */
int facts_check_chart(struct fact *c, struct diag_list *dl);

#endif
