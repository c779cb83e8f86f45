/*
 * base/pathset.h: an ordered set of file names, such as the files a build
 * read (its depfile, its summary, what watch mode watches).
 */
#ifndef BRIEFING_BASE_PATHSET_H
#define BRIEFING_BASE_PATHSET_H

#include <stdbool.h>
#include <stddef.h>

/* Caller storage; zero-initialise it ({ 0 }) and release it with
 * path_set_release(). The names are copies, in the order first added. */
struct path_set {
	char **items;
	size_t len, cap;
};

/* Adds a copy of path unless the set holds the same string already (no
 * normalisation: "a/b" and "./a/b" are two names). NULL is ignored. */
void path_set_add(struct path_set *s, const char *path);

/* Adds every name of from to s, in from's order. */
void path_set_merge(struct path_set *s, const struct path_set *from);

/* True when s holds path. */
bool path_set_has(const struct path_set *s, const char *path);

/* Frees the names; s is then an empty set again. */
void path_set_release(struct path_set *s);

#endif
