/*
 * pairs_analysis.h: the reading of a font's GSUB and GPOS lookups that
 * decides what the pair model may take (pairs.c), shared with the
 * analysis of contextual subtables (pairs_context.c). Private to
 * src/fonts/.
 */
#ifndef BRIEFING_FONTS_PAIRS_ANALYSIS_H
#define BRIEFING_FONTS_PAIRS_ANALYSIS_H

#include <stdbool.h>
#include <stddef.h>

#include <hb.h>

#include "fonts_internal.h"
#include "otab.h"

/* The analysis of one font: its table, glyph classes and a work budget
 * (a hostile font must not make the analysis slow: past it, no model). */
struct analysis {
	struct fonts_font *ft;
	struct otab t;
	bool classes;
	long budget;
	unsigned lookup;             /* the lookup being read */
	unsigned flag;               /* its lookup flag */
	size_t base;                 /* offset of the table in the blob */
	/* may_be_model() of each glyph, once asked: 0 not yet, 1 yes, 2 no
	 * (contextual rules ask about the same glyphs again and again) */
	unsigned char *model;
};


/* What to do with each glyph of a coverage table. */
enum cover_op {
	COVER_EXCLUDE,   /* set its bit in excluded */
	COVER_PROBE,     /* does it hold a glyph a model string can have? */
};

/* Puts glyph g out of the model: a lookup it may start is not one the
 * model describes. */
static inline void analysis_exclude(struct fonts_font *ft, unsigned g)
{
	ft->excluded[g >> 3] = (unsigned char)(ft->excluded[g >> 3] | 1u << (g & 7));
}

/* May glyph g occur in a string of model characters? (pairs.c) */
bool analysis_may_be_model(struct analysis *a, hb_codepoint_t g);

/* Walks the coverage table at off: excludes its glyphs, or for
 * COVER_PROBE sets *hit when it holds a glyph a model string may have.
 * False on a damaged table or an exhausted budget. (pairs.c) */
bool analysis_coverage(struct analysis *a, size_t off, enum cover_op op,
                       bool *hit);

/* Excludes the glyphs of the coverage at offset so + at of subtable so.
 * (pairs.c) */
bool analysis_exclude_at(struct analysis *a, size_t so, size_t at);

/* A contextual subtable at so (chained when chain): dead when none of
 * its rules can match a string of model characters, else its starting
 * glyphs are excluded. False on a damaged table. (pairs_context.c) */
bool analysis_context(struct analysis *a, size_t so, bool chain);

#endif
