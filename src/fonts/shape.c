/*
 * shape.c: text set through HarfBuzz, as render writes it and layout
 * measures it.
 *
 * A shaped run is a list of glyphs, each named by the code point that
 * shows it in the PDF (libharu's CIDs are code points, its CIDToGIDMap
 * maps them through the cmap), with libharu's width of that code point
 * and the kerning HarfBuzz adds to it. Invariant: a run's width is the
 * sum of its glyphs' advance + kern, whichever path made it, so what
 * layout measures is what render positions.
 *
 * hb_shape costs about a microsecond a word, and layout measures every
 * piece of every word and every table cell (4.5 million calls for a
 * 100,000-row table). Three paths, each giving the same result:
 *   1. the pair model (pairs.c): most strings are their glyphs' advances
 *      plus a kern per adjacent pair, from a table filled from GPOS as
 *      pairs are first met, with no HarfBuzz call per string;
 *   2. a cache of the strings the model does not take (a ligature, a
 *      mark), by font and bytes, bounded in memory;
 *   3. HarfBuzz itself, through one buffer reused by every call.
 *
 * Text is shaped left to right, in the script of its first letter that
 * has one (Latin for digits and punctuation alone, which sit among Latin
 * words), with the font's default language system: a word measured
 * alone shapes as it does inside its line.
 */
#include "briefing/fonts.h"

#include <stdlib.h>
#include <string.h>

#include "briefing/base/xalloc.h"
#include "fonts_internal.h"

/* Bounds of the cache: slots (a power of two, at most half used), bytes
 * of keys and glyphs. Longer strings are shaped every time: layout
 * measures words and cells, rarely a whole paragraph. */
#define SHAPE_CACHE_SLOTS 16384
#define SHAPE_CACHE_KEYS ((size_t)256 * 1024)
#define SHAPE_CACHE_GLYPHS 65536
#define SHAPE_CACHE_LONGEST 256

/* a / b rounded half away from zero, b > 0 */
static long div_round(long a, long b)
{
	return a >= 0 ? (a + b / 2) / b : -((-a + b / 2) / b);
}

/* Font units -> 1/1000 em, rounded: kerns and offsets. */
static int16_t units_to_em(const struct fonts_font *ft, long v)
{
	long e = div_round(v * 1000, (long)ft->upem);

	return (int16_t)(e < -32767 ? -32767 : e > 32767 ? 32767 : e);
}

static void run_reserve(struct fonts_run *run, size_t n)
{
	run->glyphs = xgrow(run->glyphs, &run->cap, n, sizeof *run->glyphs);
}

void fonts_run_release(struct fonts_run *run)
{
	if (!run)
		return;
	free(run->glyphs);
	memset(run, 0, sizeof *run);
}

void fonts_run_mark_used(const struct fonts_run *run, unsigned char *used)
{
	for (size_t i = 0; i < run->len; i++) {
		uint16_t cp = run->glyphs[i].cp;

		used[cp >> 3] = (unsigned char)(used[cp >> 3] | (1u << (cp & 7)));
	}
}

/* The script HarfBuzz shapes cp[0..n) in: that of the first character
 * that has one; Latin when none has. */
static hb_script_t run_script(const uint32_t *cp, size_t n)
{
	hb_unicode_funcs_t *u = hb_unicode_funcs_get_default();

	for (size_t i = 0; i < n; i++) {
		hb_script_t sc = hb_unicode_script(u, cp[i]);

		if (sc != HB_SCRIPT_COMMON && sc != HB_SCRIPT_INHERITED &&
		    sc != HB_SCRIPT_UNKNOWN)
			return sc;
	}
	return HB_SCRIPT_LATIN;
}

void shape_harfbuzz(struct fonts *f, struct fonts_font *ft,
                    const uint32_t *cp, const uint32_t *at, size_t n,
                    const hb_feature_t *feat, unsigned int nfeat)
{
	hb_segment_properties_t props = {
		.direction = HB_DIRECTION_LTR,
		.script = run_script(cp, n),
		.language = HB_LANGUAGE_INVALID,
	};

	if (!f->buf)
		f->buf = hb_buffer_create();
	hb_buffer_clear_contents(f->buf);
	hb_buffer_set_content_type(f->buf, HB_BUFFER_CONTENT_TYPE_UNICODE);
	hb_buffer_set_segment_properties(f->buf, &props);
	/* A soft hyphen or a joiner keeps its glyph and width, as libharu
	 * draws it, rather than turning into a zero-width space that would
	 * copy as one. */
	hb_buffer_set_flags(f->buf, HB_BUFFER_FLAG_PRESERVE_DEFAULT_IGNORABLES);
	for (size_t i = 0; i < n; i++)
		hb_buffer_add(f->buf, cp[i], at[i]);
	hb_shape(ft->font, f->buf, feat, nfeat);
}

/* Decodes s[0..len) into f->src_cp/src_at; src_at[n] = len. */
static size_t decode_all(struct fonts *f, const char *s, size_t len)
{
	size_t n = 0;

	if (f->src_cap < len + 1) {
		size_t cap = f->src_cap;

		f->src_cp = xgrow(f->src_cp, &cap, len + 1, sizeof *f->src_cp);
		f->src_at = xgrow(f->src_at, &f->src_cap, len + 1,
		                  sizeof *f->src_at);
	}
	for (size_t i = 0, k; i < len; i += k) {
		f->src_cp[n] = shape_decode(s + i, len - i, &k);
		f->src_at[n++] = (uint32_t)i;
	}
	f->src_at[n] = (uint32_t)len;
	return n;
}

static hb_codepoint_t nominal(const struct fonts_font *ft, uint32_t cp)
{
	hb_codepoint_t gid = 0;

	if (!hb_font_get_nominal_glyph(ft->font, cp, &gid))
		gid = 0;
	return gid;
}

static int16_t advance_of(struct fonts_font *ft, uint32_t cp)
{
	if (!ft->state[cp])
		fonts_look_up(ft, cp);
	return ft->advance[cp];
}

/* The code point that shows gid in cluster chars [i0, i1): one of them
 * whose nominal glyph it is, else the reverse cmap's; 0 when none. */
static uint32_t code_point_of(struct fonts *f, struct fonts_font *ft,
                              hb_codepoint_t gid, size_t i0, size_t i1)
{
	for (size_t i = i0; i < i1; i++)
		if (nominal(ft, f->src_cp[i]) == gid)
			return f->src_cp[i];
	if (gid == 0 || gid >= ft->glyphs)
		return 0;
	fonts_rev(ft);
	return ft->rev[gid];
}

/* Appends the glyphs of the cluster chars [i0, i1) as the font's
 * nominal glyphs of those characters, unkerned: the last resort, which
 * shows every character. */
static void append_plain(struct fonts *f, struct fonts_font *ft, size_t i0,
                         size_t i1, struct fonts_run *run)
{
	run_reserve(run, run->len + (i1 - i0));
	for (size_t i = i0; i < i1; i++) {
		struct fonts_glyph *g = &run->glyphs[run->len++];

		g->cp = (uint16_t)f->src_cp[i];
		g->start = f->src_at[i];
		g->len = (f->src_at[i + 1] - f->src_at[i]);
		g->advance = advance_of(ft, f->src_cp[i]);
		g->kern = 0;
	}
}

/* Turns f->buf (shaped from the n decoded characters) into run. A
 * cluster with a glyph that no code point shows is appended plain when
 * plain is set, else left out, its byte range added to f->feat as a
 * "no ligatures" range for a second shaping. Returns the number of such
 * clusters. */
static size_t collect(struct fonts *f, struct fonts_font *ft, size_t n,
                      bool plain, struct fonts_run *run, size_t *nfeat)
{
	unsigned int ng = 0;
	hb_glyph_info_t *info = hb_buffer_get_glyph_infos(f->buf, &ng);
	hb_glyph_position_t *pos = hb_buffer_get_glyph_positions(f->buf, &ng);
	size_t failed = 0, ci = 0;

	run->len = 0;
	run_reserve(run, ng);
	for (unsigned int g0 = 0, g1; g0 < ng; g0 = g1) {
		uint32_t c0 = info[g0].cluster, c1;
		size_t i0, i1, first = run->len;
		bool identity, ok = true;

		/* a cluster: the glyphs sharing its value (left to right,
		 * HarfBuzz keeps them in increasing order) */
		for (g1 = g0 + 1; g1 < ng && info[g1].cluster <= c0; g1++)
			;
		c1 = g1 < ng ? info[g1].cluster : f->src_at[n];
		while (ci < n && f->src_at[ci] < c0)
			ci++;
		i0 = ci;
		while (ci < n && f->src_at[ci] < c1)
			ci++;
		i1 = ci;
		identity = g1 - g0 == i1 - i0;
		for (unsigned int g = g0; identity && g < g1; g++)
			identity = info[g].codepoint == nominal(ft, f->src_cp[i0 + g - g0]);
		run_reserve(run, run->len + (g1 - g0));
		for (unsigned int g = g0; g < g1; g++) {
			struct fonts_glyph *o = &run->glyphs[run->len];
			size_t i = i0 + (g - g0);
			uint32_t cp = identity ? f->src_cp[i] :
			              code_point_of(f, ft, info[g].codepoint, i0, i1);

			if (!identity && cp == 0) {
				ok = false;
				break;
			}
			o->cp = (uint16_t)cp;
			if (identity) {
				o->start = f->src_at[i];
				o->len = (f->src_at[i + 1] - f->src_at[i]);
			} else {
				o->start = c0;
				o->len = g == g0 ? f->src_at[i1] - c0 : 0;
			}
			o->advance = advance_of(ft, cp);
			o->kern = units_to_em(ft, pos[g].x_advance -
			                      hb_font_get_glyph_h_advance(ft->font,
			                                                  info[g].codepoint));
			/* a horizontal offset moves the glyph, not the pen: the
			 * gap before it grows by as much as the one after it
			 * shrinks */
			if (pos[g].x_offset && run->len > 0) {
				int16_t d = units_to_em(ft, pos[g].x_offset);

				run->glyphs[run->len - 1].kern =
					(int16_t)(run->glyphs[run->len - 1].kern + d);
				o->kern = (int16_t)(o->kern - d);
			}
			run->len++;
		}
		if (ok)
			continue;
		run->len = first;
		failed++;
		if (plain) {
			append_plain(f, ft, i0, i1, run);
		} else {
			f->feat = xgrow(f->feat, &f->feat_cap, *nfeat + 2,
			                sizeof *f->feat);
			f->feat[(*nfeat)++] = (hb_feature_t){ HB_TAG('l', 'i', 'g', 'a'),
			                                      0, c0, c1 };
			f->feat[(*nfeat)++] = (hb_feature_t){ HB_TAG('c', 'l', 'i', 'g'),
			                                      0, c0, c1 };
		}
	}
	return failed;
}

static void sum_width(struct fonts_run *run)
{
	long w = 0;

	for (size_t i = 0; i < run->len; i++)
		w += run->glyphs[i].advance + run->glyphs[i].kern;
	run->width = w;
}

/* Shapes s[0..len) with HarfBuzz into run. A cluster with a glyph that
 * no code point shows (a ligature the cmap does not name) is shaped
 * again without ligatures there; if it still has one, it is set plain. */
static void shape_slow(struct fonts *f, struct fonts_font *ft, const char *s,
                       size_t len, struct fonts_run *run)
{
	size_t n = decode_all(f, s, len), nfeat = 0;

	shape_harfbuzz(f, ft, f->src_cp, f->src_at, n, NULL, 0);
	if (collect(f, ft, n, false, run, &nfeat)) {
		shape_harfbuzz(f, ft, f->src_cp, f->src_at, n, f->feat,
		               (unsigned int)nfeat);
		collect(f, ft, n, true, run, &nfeat);
	}
	sum_width(run);
}

/* FNV-1a over the bytes, mixed with the font; never 0 (an empty slot). */
static uint64_t key_hash(size_t font, const char *s, size_t len)
{
	uint64_t h = 0xcbf29ce484222325ull ^ (font + 1);

	for (size_t i = 0; i < len; i++) {
		h ^= (unsigned char)s[i];
		h *= 0x100000001b3ull;
	}
	return h ? h : 1;
}

static struct shape_entry *cache_find(struct shape_cache *c, uint64_t h,
                                      size_t font, const char *s, size_t len)
{
	size_t mask = SHAPE_CACHE_SLOTS - 1;

	if (!c->slots)
		return NULL;
	for (size_t i = h & mask;; i = (i + 1) & mask) {
		struct shape_entry *e = &c->slots[i];

		if (e->hash == 0)
			return NULL;
		if (e->hash == h && e->font == font && e->key_len == len &&
		    memcmp(c->keys + e->key, s, len) == 0)
			return e;
	}
}

static void cache_clear(struct shape_cache *c)
{
	memset(c->slots, 0, SHAPE_CACHE_SLOTS * sizeof *c->slots);
	c->used = c->keys_len = c->glyphs_len = 0;
	c->clears++;
}

static void cache_put(struct shape_cache *c, uint64_t h, size_t font,
                      const char *s, size_t len, const struct fonts_run *run)
{
	size_t mask = SHAPE_CACHE_SLOTS - 1, i;
	struct shape_entry *e;

	if (!c->slots) {
		c->slots = xcalloc(SHAPE_CACHE_SLOTS, sizeof *c->slots);
		c->keys = xmalloc(SHAPE_CACHE_KEYS);
		c->glyphs = xmalloc(SHAPE_CACHE_GLYPHS * sizeof *c->glyphs);
	}
	if (c->used >= SHAPE_CACHE_SLOTS / 2 ||
	    c->keys_len + len > SHAPE_CACHE_KEYS ||
	    c->glyphs_len + run->len > SHAPE_CACHE_GLYPHS)
		cache_clear(c);
	for (i = h & mask; c->slots[i].hash; i = (i + 1) & mask)
		;
	e = &c->slots[i];
	e->hash = h;
	e->font = (uint32_t)font;
	e->key = (uint32_t)c->keys_len;
	e->key_len = (uint32_t)len;
	memcpy(c->keys + c->keys_len, s, len);
	c->keys_len += len;
	e->glyph = (uint32_t)c->glyphs_len;
	e->glyph_len = (uint32_t)run->len;
	if (run->len)
		memcpy(c->glyphs + c->glyphs_len, run->glyphs,
		       run->len * sizeof *run->glyphs);
	c->glyphs_len += run->len;
	e->width = (int32_t)run->width;
	c->used++;
}

/* The model's run of s[0..len), or false when it cannot take s. */
static bool shape_model(struct fonts_font *ft, const char *s, size_t len,
                        struct fonts_run *run)
{
	unsigned prev = PAIRS_NONE;
	long w = 0;

	run->len = 0;
	run_reserve(run, len);
	for (size_t i = 0, n; i < len; i += n) {
		uint32_t cp = shape_decode(s + i, len - i, &n);
		unsigned slot = ft->slot[cp];
		struct fonts_glyph *g = &run->glyphs[run->len];

		if (slot == 0)
			slot = pairs_classify(ft, cp);
		if (slot == PAIRS_NONE)
			return false;
		if (prev != PAIRS_NONE) {
			uint16_t e = pairs_entry(ft, prev, slot);

			if (e == PAIRS_COMPLEX)
				return false;
			g[-1].kern = (int16_t)(e - PAIRS_BIAS);
			w += g[-1].kern;
		}
		g->cp = (uint16_t)cp;
		g->start = (uint32_t)i;
		g->len = (uint32_t)n;
		g->advance = ft->advance[cp];
		g->kern = 0;
		w += g->advance;
		run->len++;
		prev = slot;
	}
	run->width = w;
	return true;
}

/* The model's width of s[0..len) in 1/1000 em into *units, or false:
 * shape_model() without the run, the path of nearly every text_width
 * call. */
static bool units_model(struct fonts_font *ft, const char *s, size_t len,
                        long *units)
{
	unsigned prev = PAIRS_NONE;
	long w = 0;

	for (size_t i = 0, n; i < len; i += n) {
		uint32_t cp = shape_decode(s + i, len - i, &n);
		unsigned slot = ft->slot[cp];

		if (slot == 0)
			slot = pairs_classify(ft, cp);
		if (slot == PAIRS_NONE)
			return false;
		if (prev != PAIRS_NONE) {
			uint16_t e = pairs_entry(ft, prev, slot);

			if (e == PAIRS_COMPLEX)
				return false;
			w += (long)e - PAIRS_BIAS;
		}
		w += ft->advance[cp];
		prev = slot;
	}
	*units = w;
	return true;
}

/* The cached run of s[0..len), shaped and cached on a miss. */
static void shape_cached(struct fonts *f, size_t font, const char *s,
                         size_t len, struct fonts_run *run)
{
	uint64_t h = key_hash(font, s, len);
	struct shape_entry *e = cache_find(&f->cache, h, font, s, len);

	if (!e) {
		shape_slow(f, &f->font[font], s, len, run);
		cache_put(&f->cache, h, font, s, len, run);
		return;
	}
	run->len = 0;
	run_reserve(run, e->glyph_len);
	if (e->glyph_len)
		memcpy(run->glyphs, f->cache.glyphs + e->glyph,
		       e->glyph_len * sizeof *run->glyphs);
	run->len = e->glyph_len;
	run->width = e->width;
}

bool shape_run(struct fonts *f, size_t font, const char *s, size_t len,
               enum shape_mode mode, struct fonts_run *run)
{
	if (mode != SHAPE_HARFBUZZ && shape_model(&f->font[font], s, len, run))
		return true;
	if (mode == SHAPE_MODEL)
		return false;
	if (mode == SHAPE_HARFBUZZ || len > SHAPE_CACHE_LONGEST)
		shape_slow(f, &f->font[font], s, len, run);
	else
		shape_cached(f, font, s, len, run);
	return true;
}

/* The width of s[0..len) as shape_units() gives it for SHAPE_ANY. */
static long units_any(struct fonts *f, size_t font, const char *s, size_t len)
{
	struct shape_entry *e;
	long units;

	if (units_model(&f->font[font], s, len, &units))
		return units;
	if (len <= SHAPE_CACHE_LONGEST) {
		e = cache_find(&f->cache, key_hash(font, s, len), font, s, len);
		if (e)
			return e->width;
		shape_cached(f, font, s, len, &f->scratch);
	} else {
		shape_slow(f, &f->font[font], s, len, &f->scratch);
	}
	return f->scratch.width;
}

bool shape_units(struct fonts *f, size_t font, const char *s, size_t len,
                 enum shape_mode mode, long *units)
{
	uint64_t key[UNITS_KEY / 8] = { 0, 0, 0 };
	struct units_entry *e;
	uint32_t tag;
	uint64_t h;

	if (mode == SHAPE_ANY && len > 0 && len <= UNITS_KEY) {
		/* the result never changes for the same font and bytes */
		memcpy(key, s, len);
		tag = (uint32_t)font << 8 | (uint32_t)(len + 1);
		h = (key[0] ^ key[1] * 0x9E3779B97F4A7C15ull ^
		     key[2] * 0xC2B2AE3D27D4EB4Full ^ tag) * 0xD6E8FEB86659FD93ull;
		if (!f->units)
			f->units = xcalloc(UNITS_SLOTS, sizeof *f->units);
		e = &f->units[h >> 52];
		if (e->tag == tag && e->key[0] == key[0] && e->key[1] == key[1] &&
		    e->key[2] == key[2]) {
			*units = e->units;
			return true;
		}
		*units = units_any(f, font, s, len);
		memcpy(e->key, key, sizeof key);
		e->tag = tag;
		e->units = (int32_t)*units;
		return true;
	}
	if (mode == SHAPE_ANY) {
		*units = units_any(f, font, s, len);
		return true;
	}
	if (mode != SHAPE_HARFBUZZ && units_model(&f->font[font], s, len, units))
		return true;
	if (mode == SHAPE_MODEL)
		return false;
	shape_slow(f, &f->font[font], s, len, &f->scratch);
	*units = f->scratch.width;
	return true;
}

void fonts_shape(const struct fonts *f, enum face face, const char *s,
                 size_t len, struct fonts_run *run)
{
	/* the caches fill lazily; the object is never const */
	struct fonts *m = (struct fonts *)f;

	run->len = 0;
	run->width = 0;
	if ((unsigned)face >= FACE_COUNT)
		return;
	shape_run(m, m->index[face], s, len, SHAPE_ANY, run);
}

bool fonts_shapes_plainly(const struct fonts *f, enum face face,
                          const char *s, size_t len)
{
	/* the pair model's classes fill lazily; the object is never const */
	struct fonts *m = (struct fonts *)f;
	long units;

	if ((unsigned)face >= FACE_COUNT)
		return false;
	/* shape_run() takes the model's run whenever it can, and the model
	 * sets each character as its own glyph */
	return units_model(&m->font[m->index[face]], s, len, &units);
}

void shape_release(struct fonts *f)
{
	hb_buffer_destroy(f->buf);
	free(f->src_cp);
	free(f->src_at);
	free(f->feat);
	fonts_run_release(&f->scratch);
	free(f->cache.slots);
	free(f->cache.keys);
	free(f->cache.glyphs);
	free(f->units);
}
