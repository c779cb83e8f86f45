/*
 * fonts_internal.h: struct fonts, shared by fonts.c (loading, metrics,
 * coverage), shape.c (shaping and its cache), pairs.c (the pair model,
 * shaping's fast path) and subset.c. Tests include it to look inside.
 */
#ifndef BRIEFING_FONTS_INTERNAL_H
#define BRIEFING_FONTS_INTERNAL_H

#include <stdbool.h>
#include <stdint.h>

#include <hb.h>

#include "briefing/base/utf8.h"

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
	/* The pair model (pairs.c), built on first use: model 0 not yet
	 * analysed, 1 usable, -1 not (the font does what the model cannot
	 * describe). slot[cp]: 0 not classified, PAIRS_NONE not in the model,
	 * else its row and column in pair[] (PAIRS_SLOTS square, see
	 * pairs_entry()); slot_cp[] maps a slot back to its code point.
	 * excluded: one bit per glyph where a lookup the model does not
	 * describe may start. */
	int model;
	unsigned char *slot;
	uint16_t slot_cp[256];
	unsigned slots;
	uint16_t *pair;
	unsigned char *excluded;
	uint16_t slot_gid[256];      /* the nominal glyph of each slot */
	/* The glyph pairs a ligature may start with (first << 16 | second),
	 * sorted: such a pair is PAIRS_COMPLEX, while its glyphs stay in the
	 * model next to any other (pairs.c). */
	uint32_t *liga_pairs;
	size_t nliga_pairs, liga_pairs_cap;
	/* The model's kerning: the pair adjustment subtables of the plan's
	 * GPOS lookups, in order, read from gpos (see pairs_probe()). */
	struct pairs_sub *subs;
	size_t nsubs, subs_cap;
	hb_blob_t *gpos;
	/* glyph -> the lowest code point the cmap maps to it (0: none), and
	 * one bit per glyph that more than one maps to; built on first use
	 * (fonts_rev()) */
	uint16_t *rev;
	unsigned char *rev_multi;
	unsigned int glyphs;         /* maxp.numGlyphs, as HarfBuzz reads it */
};

/* A pair adjustment subtable the model reads: its offset in the GPOS
 * table, its lookup, its format and the bytes of its value record (2:
 * an XAdvance, 0: nothing). */
struct pairs_sub {
	uint32_t off;
	uint16_t lookup;
	uint8_t format, value;
};

/* Shaped results of the strings the pair model cannot measure, by font
 * and bytes (shape.c). Open addressing; bounded: when a bound is reached
 * it is emptied and fills again, so memory stays under about 2 MB. */
struct shape_entry {
	uint64_t hash;               /* 0: an empty slot */
	uint32_t key, key_len;       /* the bytes, in keys[] */
	uint32_t glyph, glyph_len;   /* the run, in glyphs[] */
	int32_t width;               /* 1/1000 em */
	uint32_t font;
};

struct shape_cache {
	struct shape_entry *slots;   /* SHAPE_CACHE_SLOTS */
	size_t used;
	char *keys;
	size_t keys_len;
	struct fonts_glyph *glyphs;
	size_t glyphs_len;
	size_t clears;               /* times a bound emptied it (tests) */
};

/* Widths of short strings, by font and bytes (shape.c): layout measures
 * the same words and pieces of words again and again, and a lookup here
 * costs a third of summing a word through the pair model. Direct-mapped:
 * a collision replaces the entry. The key is the bytes zero-padded to
 * UNITS_KEY, their length and the font. */
#define UNITS_KEY 24
#define UNITS_SLOTS 4096

struct units_entry {
	uint64_t key[UNITS_KEY / 8];
	uint32_t tag;                /* font << 8 | length + 1; 0: empty */
	int32_t units;
};

struct fonts {
	struct fonts_font font[FACE_COUNT];
	size_t count;                /* distinct fonts in font[] */
	size_t index[FACE_COUNT];    /* face -> font[] */
	char *path[FACE_COUNT];      /* resolved file (or name) of each face */
	struct metrics metrics;
	/* Shaping (shape.c): one HarfBuzz buffer reused by every call, the
	 * decoded text (code points and their byte offsets), the features of
	 * a fallback, a run for text_width, and the cache. */
	hb_buffer_t *buf;
	uint32_t *src_cp, *src_at;
	size_t src_cap;
	hb_feature_t *feat;
	size_t feat_cap;
	struct fonts_run scratch;
	struct shape_cache cache;
	struct units_entry *units;   /* UNITS_SLOTS, on first use */
};

#define PAIRS_NONE 255
#define PAIRS_SLOTS 256

/* How text_width and fonts_shape may take a string (tests force each). */
enum shape_mode {
	SHAPE_ANY,                   /* pair model, else cache, else HarfBuzz */
	SHAPE_MODEL,                 /* the pair model only: false if it cannot */
	SHAPE_HARFBUZZ,              /* HarfBuzz, bypassing model and cache */
};

/* fonts.c: fills state[cp] and advance[cp] (cp in the BMP). */
void fonts_look_up(struct fonts_font *ft, uint32_t cp);

/* shape.c */
/* The code point libharu prints for the UTF-8 at s[0..len): invalid
 * bytes are U+FFFD one byte each, and beyond the BMP a space. Sets *n to
 * the bytes taken. */
static inline uint32_t shape_decode(const char *s, size_t len, size_t *n)
{
	uint32_t cp = (unsigned char)s[0];
	size_t k;

	if (cp < 0x80) {
		*n = 1;
		return cp;
	}
	k = utf8_decode(s, len, &cp);
	if (k == 0) {
		*n = 1;
		return 0xFFFD;
	}
	*n = k;
	return cp > 0xFFFF ? ' ' : cp;
}

/* Shapes the n code points cp[] (cluster values at[], byte offsets)
 * with HarfBuzz into f->buf, with the features feat[0..nfeat). */
void shape_harfbuzz(struct fonts *f, struct fonts_font *ft,
                    const uint32_t *cp, const uint32_t *at, size_t n,
                    const hb_feature_t *feat, unsigned int nfeat);

/* Shapes s[0..len) in ft (font number font) into run as mode says.
 * Returns false only for SHAPE_MODEL when the model cannot take s. */
bool shape_run(struct fonts *f, size_t font, const char *s, size_t len,
               enum shape_mode mode, struct fonts_run *run);

/* The width of s[0..len) in 1/1000 em into *units, as shape_run() would
 * give it. Returns false only for SHAPE_MODEL when the model cannot take
 * s. */
bool shape_units(struct fonts *f, size_t font, const char *s, size_t len,
                 enum shape_mode mode, long *units);

void shape_release(struct fonts *f);

/* pairs.c */
/* Classifies cp (in the BMP) for the pair model: its slot, or
 * PAIRS_NONE. Analyses the font first if need be. */
unsigned pairs_classify(struct fonts_font *ft, uint32_t cp);

/* Whether a ligature of the plan may start with glyphs g1, g2. */
bool pairs_ligature_starts(const struct fonts_font *ft, unsigned g1,
                           unsigned g2);

/* The pair entry of slots a, b, read from GPOS on first use: the kern
 * in 1/1000 em plus PAIRS_BIAS, or PAIRS_COMPLEX for a kern too large to
 * hold or a pair a ligature may start with (the string is then
 * shaped). */
#define PAIRS_COMPLEX 1
#define PAIRS_BIAS 0x4000
uint16_t pairs_probe(struct fonts_font *ft, unsigned a, unsigned b);

static inline uint16_t pairs_entry(struct fonts_font *ft, unsigned a,
                                   unsigned b)
{
	uint16_t e = ft->pair[a * PAIRS_SLOTS + b];

	return e ? e : pairs_probe(ft, a, b);
}

void pairs_release(struct fonts_font *ft);

/* Builds ft->rev and ft->rev_multi if not yet built. */
void fonts_rev(struct fonts_font *ft);

#endif
