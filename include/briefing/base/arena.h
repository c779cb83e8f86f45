/*
 * base/arena.h: a bump allocator for the many small strings layout makes,
 * freed all at once.
 */
#ifndef BRIEFING_BASE_ARENA_H
#define BRIEFING_BASE_ARENA_H

#include <stddef.h>

struct arena;

struct arena *arena_new(void);
void arena_free(struct arena *a);
/* A copy of s[0..len) plus a NUL, owned by the arena. */
char *arena_strndup(struct arena *a, const char *s, size_t len);

#endif
