/*
 * arena.c: chunks of at least 64 KiB, chained; a string never spans two.
 */
#include "briefing/base/arena.h"

#include <stdlib.h>
#include <string.h>

#include "briefing/base/xalloc.h"

struct chunk {
	struct chunk *next;
	size_t used, size;
	char data[];
};

struct arena {
	struct chunk *head;
};

struct arena *arena_new(void)
{
	return xcalloc(1, sizeof(struct arena));
}

void arena_free(struct arena *a)
{
	if (!a)
		return;
	while (a->head) {
		struct chunk *next = a->head->next;

		free(a->head);
		a->head = next;
	}
	free(a);
}

char *arena_strndup(struct arena *a, const char *s, size_t len)
{
	struct chunk *c = a->head;
	char *p;

	if (!c || c->size - c->used < len + 1) {
		size_t size = len + 1 > 65536 ? len + 1 : 65536;

		c = xmalloc(sizeof *c + size);
		c->size = size;
		c->used = 0;
		c->next = a->head;
		a->head = c;
	}
	p = c->data + c->used;
	memcpy(p, s, len);
	p[len] = '\0';
	c->used += len + 1;
	return p;
}
