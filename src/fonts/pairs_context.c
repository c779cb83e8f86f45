/*
 * pairs_context.c: contextual subtables (GSUB 5 and 6, GPOS 7 and 8) for
 * the pair model: a subtable none of whose rules can match a string of
 * model characters is dead; any other puts the glyphs it starts at out
 * of the model (see pairs.c for why that is enough).
 */
#include "pairs_analysis.h"

/* Coverage offsets cov[0..n) at so + at; *dead when one of them holds no
 * glyph a model string may have (the rule cannot match one). */
static bool probe_coverages(struct analysis *a, size_t so, size_t at,
                            unsigned n, bool *dead)
{
	for (unsigned i = 0; i < n && !*dead; i++) {
		unsigned off;
		bool hit = false;

		if (!rd16(&a->t, so + at + 2 * (size_t)i, &off) ||
		    !analysis_coverage(a, so + off, COVER_PROBE, &hit))
			return false;
		if (!hit)
			*dead = true;
	}
	return true;
}

/* The class of glyph g in the class definition at off (0 when it has
 * none), or -1 on a damaged table. */
static long class_of(struct analysis *a, size_t off, unsigned g)
{
	unsigned fmt, start, count, v, lo, hi;

	if (!rd16(&a->t, off, &fmt))
		return -1;
	if (fmt == 1) {
		if (!rd16(&a->t, off + 2, &start) || !rd16(&a->t, off + 4, &count))
			return -1;
		if (g < start || g - start >= count)
			return 0;
		return rd16(&a->t, off + 6 + 2 * (size_t)(g - start), &v) ? (long)v : -1;
	}
	if (fmt != 2 || !rd16(&a->t, off + 2, &count))
		return -1;
	a->budget -= count;
	for (unsigned i = 0; i < count; i++) {
		size_t r = off + 4 + 6 * (size_t)i;

		if (!rd16(&a->t, r, &lo) || !rd16(&a->t, r + 2, &hi) ||
		    !rd16(&a->t, r + 4, &v))
			return -1;
		if (g >= lo && g <= hi)
			return v;
	}
	return 0;
}

/* Does class c of the class definition at off hold a glyph a model
 * string may have? Class 0 holds every glyph no class names: yes. */
static bool class_hit(struct analysis *a, size_t off, unsigned c, bool *hit)
{
	unsigned fmt, start, count, v, lo, hi;

	*hit = c == 0;
	if (c == 0)
		return true;
	if (!rd16(&a->t, off, &fmt) || !rd16(&a->t, off + 2, &start))
		return false;
	if (fmt == 1) {
		if (!rd16(&a->t, off + 4, &count))
			return false;
		a->budget -= count;
		for (unsigned i = 0; i < count && !*hit; i++) {
			if (!rd16(&a->t, off + 6 + 2 * (size_t)i, &v))
				return false;
			*hit = v == c && analysis_may_be_model(a, start + i);
		}
		return a->budget >= 0;
	}
	if (fmt != 2)
		return false;
	count = start;
	for (unsigned i = 0; i < count && !*hit; i++) {
		size_t r = off + 4 + 6 * (size_t)i;

		if (!rd16(&a->t, r, &lo) || !rd16(&a->t, r + 2, &hi) ||
		    !rd16(&a->t, r + 4, &v) || hi < lo)
			return false;
		if (v != c)
			continue;
		a->budget -= (long)(hi - lo) + 1;
		if (a->budget < 0)
			return false;
		for (unsigned g = lo; g <= hi && !*hit; g++)
			*hit = analysis_may_be_model(a, g);
	}
	return true;
}

/* A sequence of n glyphs (classes, with classdef) at off: *dead when one
 * of them is no glyph (holds no glyph) a model string may have. */
static bool sequence(struct analysis *a, size_t off, unsigned n,
                     size_t classdef, bool *dead)
{
	for (unsigned i = 0; i < n && !*dead; i++) {
		unsigned v;
		bool hit;

		if (!rd16(&a->t, off + 2 * (size_t)i, &v))
			return false;
		if (classdef) {
			if (!class_hit(a, classdef, v, &hit))
				return false;
		} else {
			hit = analysis_may_be_model(a, v);
		}
		*dead = !hit;
	}
	return true;
}

/* Class definitions of a chain rule's backtrack, input and lookahead
 * (all 0 for glyph rules). */
struct rule_classes {
	size_t back, input, ahead;
};

/* Rule set at rs: *live when one of its rules may match a model
 * string. A rule of a context subtable: glyphCount, seqLookupCount,
 * input[glyphCount - 1]; of a chain one: backtrack count and sequence,
 * input count and sequence (but the first), lookahead count and
 * sequence. */
static bool rule_set(struct analysis *a, size_t rs, bool chain,
                     const struct rule_classes *rc, bool *live)
{
	unsigned nrules;

	*live = false;
	if (!rd16(&a->t, rs, &nrules))
		return false;
	a->budget -= nrules;
	for (unsigned i = 0; i < nrules && !*live && a->budget >= 0; i++) {
		unsigned ro, nb = 0, ni, nl = 0;
		size_t r;
		bool dead = false;

		if (!rd16(&a->t, rs + 2 + 2 * (size_t)i, &ro))
			return false;
		r = rs + ro;
		if (!chain) {
			if (!rd16(&a->t, r, &ni) || ni == 0 ||
			    !sequence(a, r + 4, ni - 1, rc->input, &dead))
				return false;
		} else {
			if (!rd16(&a->t, r, &nb) ||
			    !sequence(a, r + 2, nb, rc->back, &dead))
				return false;
			r += 2 + 2 * (size_t)nb;
			if (!rd16(&a->t, r, &ni) || ni == 0 ||
			    !sequence(a, r + 2, ni - 1, rc->input, &dead))
				return false;
			r += 2 + 2 * (size_t)(ni - 1);
			if (!rd16(&a->t, r, &nl) ||
			    !sequence(a, r + 2, nl, rc->ahead, &dead))
				return false;
		}
		*live = !dead;
	}
	return a->budget >= 0;
}

/* Context subtables of format 1 (rules by glyph) or 2 (by class): a
 * glyph of the coverage is excluded when the rule set it selects (by
 * its coverage index, or its input class) has a rule that may match. */
static bool context_rules(struct analysis *a, size_t so, unsigned fmt,
                          bool chain)
{
	struct rule_classes rc = { 0, 0, 0 };
	unsigned cov, fmtc, count, nsets, v;
	size_t sets;

	if (!rd16(&a->t, so + 2, &cov))
		return false;
	if (fmt == 1) {
		sets = so + 4;
	} else if (!chain) {
		if (!rd16(&a->t, so + 4, &v))
			return false;
		rc.input = so + v;
		sets = so + 6;
	} else {
		if (!rd16(&a->t, so + 4, &v))
			return false;
		rc.back = so + v;
		if (!rd16(&a->t, so + 6, &v))
			return false;
		rc.input = so + v;
		if (!rd16(&a->t, so + 8, &v))
			return false;
		rc.ahead = so + v;
		sets = so + 10;
	}
	if (!rd16(&a->t, sets, &nsets) || !rd16(&a->t, so + cov, &fmtc) ||
	    !rd16(&a->t, so + cov + 2, &count))
		return false;
	/* each coverage glyph and its index */
	for (unsigned i = 0, index = 0; i < count; i++) {
		unsigned lo, hi;

		if (fmtc == 1) {
			if (!rd16(&a->t, so + cov + 4 + 2 * (size_t)i, &lo))
				return false;
			hi = lo;
		} else if (fmtc == 2) {
			if (!rd16(&a->t, so + cov + 4 + 6 * (size_t)i, &lo) ||
			    !rd16(&a->t, so + cov + 6 + 6 * (size_t)i, &hi) ||
			    !rd16(&a->t, so + cov + 8 + 6 * (size_t)i, &index) ||
			    hi < lo)
				return false;
		} else {
			return false;
		}
		for (unsigned g = lo; g <= hi; g++, index++) {
			long set = fmt == 1 ? (long)index : class_of(a, rc.input, g);
			unsigned off;
			bool live;

			if (set < 0 || --a->budget < 0)
				return false;
			if ((unsigned long)set >= nsets)
				continue;   /* no rules: never matches */
			if (!rd16(&a->t, sets + 2 + 2 * (size_t)set, &off))
				return false;
			if (off == 0)
				continue;
			if (!rule_set(a, so + off, chain, &rc, &live))
				return false;
			if (live)
				analysis_exclude(a->ft, g);
		}
	}
	return true;
}

/* A context (chain) subtable at so, GSUB 5/6 or GPOS 7/8: its rules,
 * or for format 3, which lists a coverage per position, the subtable is
 * dead when one of them holds no glyph a model string may have, else
 * its starting coverage is excluded. */
bool analysis_context(struct analysis *a, size_t so, bool chain)
{
	unsigned fmt, nb = 0, ni, nl = 0, first;
	size_t at;
	bool dead = false;

	if (!rd16(&a->t, so, &fmt))
		return false;
	if (fmt == 1 || fmt == 2)
		return context_rules(a, so, fmt, chain);
	if (fmt != 3)
		return false;
	if (!chain) {
		/* glyphCount, seqLookupCount, coverageOffsets[glyphCount] */
		if (!rd16(&a->t, so + 2, &ni) || ni == 0 ||
		    !probe_coverages(a, so, 6, ni, &dead))
			return false;
		first = 6;
	} else {
		/* backtrack count and offsets, input, lookahead */
		if (!rd16(&a->t, so + 2, &nb) ||
		    !probe_coverages(a, so, 4, nb, &dead))
			return false;
		at = 4 + 2 * (size_t)nb;
		if (!rd16(&a->t, so + at, &ni) || ni == 0 ||
		    !probe_coverages(a, so, at + 2, ni, &dead))
			return false;
		first = (unsigned)at + 2;
		at += 2 + 2 * (size_t)ni;
		if (!rd16(&a->t, so + at, &nl) ||
		    !probe_coverages(a, so, at + 2, nl, &dead))
			return false;
	}
	return dead || analysis_exclude_at(a, so, first);
}
