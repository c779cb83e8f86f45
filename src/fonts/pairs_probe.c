/*
 * pairs_probe.c: the kern of a pair of model characters, read from the
 * GPOS pair adjustment subtables pairs.c kept, on first use of the pair
 * (pairs_probe(), fonts_internal.h). See pairs.c for why the sum of
 * these is what HarfBuzz gives.
 */
#include "briefing/fonts.h"

#include <stdlib.h>
#include <string.h>

#include <hb-ot.h>

#include "briefing/base/xalloc.h"
#include "fonts_internal.h"
#include "otab.h"

/* The coverage index of g in the coverage at off, or -1. */
static long coverage_index(const struct otab *t, size_t off, unsigned g)
{
	unsigned fmt, count, lo, hi, idx;
	size_t l = 0, h;

	if (!rd16(t, off, &fmt) || !rd16(t, off + 2, &count))
		return -1;
	h = count;
	while (l < h) {
		size_t m = l + (h - l) / 2;

		if (fmt == 1) {
			if (!rd16(t, off + 4 + 2 * m, &lo))
				return -1;
			hi = lo;
			idx = (unsigned)m;
		} else if (!rd16(t, off + 4 + 6 * m, &lo) ||
		           !rd16(t, off + 6 + 6 * m, &hi) ||
		           !rd16(t, off + 8 + 6 * m, &idx)) {
			return -1;
		}
		if (g < lo)
			h = m;
		else if (g > hi)
			l = m + 1;
		else
			return (long)idx + (g - lo);
	}
	return -1;
}

/* The class of g in the (checked) class definition at off. */
static unsigned class_value(const struct otab *t, size_t off, unsigned g)
{
	unsigned fmt, start, count, lo, hi, v = 0;
	size_t l = 0, h;

	if (!rd16(t, off, &fmt) || !rd16(t, off + 2, &start))
		return 0;
	if (fmt == 1) {
		if (!rd16(t, off + 4, &count) || g < start || g - start >= count ||
		    !rd16(t, off + 6 + 2 * (size_t)(g - start), &v))
			return 0;
		return v;
	}
	h = start;
	while (l < h) {
		size_t m = l + (h - l) / 2;

		if (!rd16(t, off + 4 + 6 * m, &lo) || !rd16(t, off + 6 + 6 * m, &hi))
			return 0;
		if (g < lo)
			h = m;
		else if (g > hi)
			l = m + 1;
		else
			return rd16(t, off + 8 + 6 * m, &v) ? v : 0;
	}
	return 0;
}

/* Does subtable s apply to the pair (a, b), as HarfBuzz's PairPos
 * apply() decides? Its XAdvance for a into *v. */
static bool sub_applies(const struct otab *t, const struct pairs_sub *s,
                        unsigned a, unsigned b, int *v)
{
	unsigned cov, n, off, g, c1n, c2n, x = 0;
	long idx;

	*v = 0;
	if (!rd16(t, s->off + 2, &cov) ||
	    (idx = coverage_index(t, s->off + cov, a)) < 0)
		return false;
	if (s->format == 1) {
		size_t ps, l = 0, h;

		if (!rd16(t, s->off + 8, &n) || (unsigned long)idx >= n ||
		    !rd16(t, s->off + 10 + 2 * (size_t)idx, &off))
			return false;
		ps = s->off + off;
		if (!rd16(t, ps, &n))
			return false;
		h = n;
		while (l < h) {
			size_t m = l + (h - l) / 2, r = ps + 2 + (2 + s->value) * m;

			if (!rd16(t, r, &g))
				return false;
			if (b < g) {
				h = m;
			} else if (b > g) {
				l = m + 1;
			} else {
				if (s->value && rd16(t, r + 2, &x))
					*v = (int16_t)x;
				return true;
			}
		}
		return false;
	}
	if (!rd16(t, s->off + 8, &off) || !rd16(t, s->off + 10, &n) ||
	    !rd16(t, s->off + 12, &c1n) || !rd16(t, s->off + 14, &c2n))
		return false;
	{
		unsigned c1 = class_value(t, s->off + off, a);
		unsigned c2 = class_value(t, s->off + n, b);

		if (c1 >= c1n || c2 >= c2n)
			return false;
		if (s->value &&
		    rd16(t, s->off + 16 + ((size_t)c1 * c2n + c2) * s->value, &x))
			*v = (int16_t)x;
	}
	return true;
}

uint16_t pairs_probe(struct fonts_font *ft, unsigned a, unsigned b)
{
	unsigned ga = ft->slot_gid[a], gb = ft->slot_gid[b];
	unsigned int n = 0;
	struct otab t;
	long d = 0, k;
	uint16_t e = PAIRS_COMPLEX;

	/* a ligature may start here: HarfBuzz decides */
	if (pairs_ligature_starts(ft, ga, gb)) {
		ft->pair[a * PAIRS_SLOTS + b] = e;
		return e;
	}
	t.p = ft->gpos ? (const unsigned char *)hb_blob_get_data(ft->gpos, &n) : NULL;
	t.n = n;
	/* each lookup adds the value of its first subtable that applies */
	for (size_t i = 0; i < ft->nsubs; i++) {
		int v;

		if (sub_applies(&t, &ft->subs[i], ga, gb, &v)) {
			d += v;
			/* skip the lookup's other subtables */
			while (i + 1 < ft->nsubs &&
			       ft->subs[i + 1].lookup == ft->subs[i].lookup)
				i++;
		}
	}
	/* the same rounding as shape.c's units_to_em() */
	k = d >= 0 ? (d * 1000 + ft->upem / 2) / ft->upem :
	    -((-d * 1000 + ft->upem / 2) / ft->upem);
	if (k > -PAIRS_BIAS + 2 && k < PAIRS_BIAS)
		e = (uint16_t)(k + PAIRS_BIAS);
	ft->pair[a * PAIRS_SLOTS + b] = e;
	return e;
}
