/*
 * metrics.h: the font-metrics interface between layout and render.
 *
 * Layout measures text through this table of callbacks and never sees a
 * font library. render implements it with libharu; unit tests implement it
 * with a fixed-pitch fake so line and page breaks can be checked by hand.
 */
#ifndef BRIEFING_METRICS_H
#define BRIEFING_METRICS_H

#include <stddef.h>

/* The typefaces a document uses. Config maps each to a font file. */
enum face {
	FACE_REGULAR,
	FACE_BOLD,
	FACE_ITALIC,
	FACE_COUNT
};

struct metrics {
	/* Advance width in points of the UTF-8 text s[0..len) set in face at
	 * size points. len is a byte count; s need not be NUL-terminated. */
	double (*text_width)(const void *ctx, enum face face, double size,
	                     const char *s, size_t len);
	/* Distance from the baseline up to the top of the tallest glyphs and
	 * down to the bottom of descenders, both positive, in points. */
	double (*ascent)(const void *ctx, enum face face, double size);
	double (*descent)(const void *ctx, enum face face, double size);
	const void *ctx;
};

#endif
