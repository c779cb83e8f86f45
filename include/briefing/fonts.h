/*
 * fonts.h: the fonts a briefing is set in, and the metrics layout
 * measures text with.
 *
 * Layout measures text through a table of callbacks (struct metrics) and
 * never sees a font library; unit tests implement it with a fixed-pitch
 * fake so line and page breaks can be checked by hand.
 */
#ifndef BRIEFING_FONTS_H
#define BRIEFING_FONTS_H

#include <stddef.h>

#include "briefing/base/diag.h"
#include "briefing/base/style.h"


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

/* spec is either a path (it contains '/' or ends in ".ttf"), which must
 * name a readable file, or a fontconfig pattern such as "DejaVu Sans:bold",
 * which must match an installed TrueType font of that family. Errors name
 * file and line (the config key's). The caller frees the result. */
char *fontfind_resolve(const char *spec, const char *file, int line,
                       struct diag_list *dl);

/* Releases fontconfig's process-wide caches, so leak checkers see a clean
 * exit. Call once, after the last fontfind_resolve(). */
void fontfind_shutdown(void);

#endif
