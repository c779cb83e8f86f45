/*
 * fonts_internal.h: struct fonts, shared by fonts.c (loading, metrics,
 * coverage) and subset.c. Tests include it to look inside.
 */
#ifndef BRIEFING_FONTS_INTERNAL_H
#define BRIEFING_FONTS_INTERNAL_H

#include <stdbool.h>
#include <stdint.h>

#include <hb.h>

#include "briefing/fonts.h"

/* One distinct font, shared by the faces whose files hold its bytes. */
struct fonts_font {
	unsigned char *owned;        /* the bytes, when read from a file */
	const unsigned char *data;   /* the bytes, validated by fonts_check() */
	size_t len;
	hb_blob_t *blob;
	hb_face_t *face;
	hb_font_t *font;
	unsigned int upem;
	int ascent, descent;         /* libharu's: hhea * 1000 / upem, signed */
	/* Per BMP code point, filled on first use (layout measures every word
	 * and cell): state 0 not looked up, 1 has a glyph, 2 has none; and
	 * the advance in 1/1000 em as libharu rounds it. */
	unsigned char *state;
	int16_t *advance;
};

struct fonts {
	struct fonts_font font[FACE_COUNT];
	size_t count;                /* distinct fonts in font[] */
	size_t index[FACE_COUNT];    /* face -> font[] */
	char *path[FACE_COUNT];      /* resolved file (or name) of each face */
	struct metrics metrics;
};

#endif
