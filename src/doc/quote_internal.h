/*
 * quote_internal.h: what quote.c (normalising, the index, lookups) and
 * quote_closest.c (the closest passage) share: the index itself and its
 * passages, and the small helpers both use (inline, as they were static
 * in one file). Private to src/doc/.
 */
#ifndef BRIEFING_DOC_QUOTE_INTERNAL_H
#define BRIEFING_DOC_QUOTE_INTERNAL_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "quote.h"

struct quote_index {
	char *h;             /* normalised passages, '\n' between them */
	size_t len;
	uint32_t *map;       /* h offset -> offset in orig */
	char *orig;          /* the snapshot as given, for excerpts */
	size_t orig_len;
	size_t *pstart;      /* start of each passage in h */
	int *pline;          /* its line in orig */
	size_t plen;
	/* start positions by their first KEY bytes: a chained hash */
	uint32_t *head;      /* slot -> 1 + index into pos, 0 for none */
	uint32_t *pos, *next;
	size_t npos;
	unsigned bits;
};

/* Letters, digits and everything beyond ASCII (é, ñ) make words. */
static inline bool quote_word(char c)
{
	unsigned char u = (unsigned char)c;

	return (u >= '0' && u <= '9') || (u >= 'a' && u <= 'z') ||
	       (u >= 'A' && u <= 'Z') || u >= 0x80;
}

/* The passage holding h offset p. */
static inline size_t quote_passage_of(const struct quote_index *q, size_t p)
{
	size_t lo = 0, hi = q->plen;

	while (hi - lo > 1) {
		size_t mid = lo + (hi - lo) / 2;

		if (q->pstart[mid] <= p)
			lo = mid;
		else
			hi = mid;
	}
	return lo;
}

/* The end (in h) of passage i: its '\n', or the end of h. */
static inline size_t quote_passage_end(const struct quote_index *q, size_t i)
{
	return i + 1 < q->plen ? q->pstart[i + 1] - 1 : q->len;
}

#endif
