/*
 * pathset.c: an ordered set of file names.
 *
 * A build reads a handful of files (a config, its includes, data files,
 * CSV and Markdown files, fonts, one pattern file), so membership is a
 * linear scan: even a thousand data files cost a millisecond, and the
 * order of first insertion, which depfiles and summaries print, needs no
 * second structure.
 */
#include "briefing/base/pathset.h"

#include <stdlib.h>
#include <string.h>

#include "briefing/base/xalloc.h"

bool path_set_has(const struct path_set *s, const char *path)
{
	for (size_t i = 0; i < s->len; i++)
		if (strcmp(s->items[i], path) == 0)
			return true;
	return false;
}

void path_set_add(struct path_set *s, const char *path)
{
	if (!path || path_set_has(s, path))
		return;
	s->items = xgrow(s->items, &s->cap, s->len + 1, sizeof *s->items);
	s->items[s->len++] = xstrdup(path);
}

void path_set_merge(struct path_set *s, const struct path_set *from)
{
	for (size_t i = 0; i < from->len; i++)
		path_set_add(s, from->items[i]);
}

void path_set_release(struct path_set *s)
{
	xfree_strings(s->items, s->len);
	s->items = NULL;
	s->len = s->cap = 0;
}
