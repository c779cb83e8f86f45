/*
 * otab.h: reading a font table with bounds checks (fonts are untrusted
 * input), for the files that read OpenType tables themselves: pairs.c,
 * pairs_probe.c and revcmap.c. Private to src/fonts/.
 */
#ifndef BRIEFING_FONTS_OTAB_H
#define BRIEFING_FONTS_OTAB_H

#include <stdbool.h>
#include <stddef.h>

/* A font table, read with bounds checks: fonts are untrusted input. */
struct otab {
	const unsigned char *p;
	size_t n;
};

/* The big-endian 16- and 32-bit values at off, or false past the end. */
static inline bool rd16(const struct otab *t, size_t off, unsigned *v)
{
	if (off > t->n || t->n - off < 2)
		return false;
	*v = (unsigned)t->p[off] << 8 | t->p[off + 1];
	return true;
}

static inline bool rd32(const struct otab *t, size_t off, size_t *v)
{
	if (off > t->n || t->n - off < 4)
		return false;
	*v = (size_t)t->p[off] << 24 | (size_t)t->p[off + 1] << 16 |
	     (size_t)t->p[off + 2] << 8 | t->p[off + 3];
	return true;
}

#endif
