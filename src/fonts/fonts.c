/*
 * fonts.c: the faces of a briefing: each font file resolved, read once,
 * validated, and opened with HarfBuzz for metrics and coverage.
 *
 * The widths must be the ones libharu writes into the PDF (its /W array
 * and the text positions it computes), or justified lines would not meet
 * the margin. libharu takes the advance of the glyph the (3,1) cmap gives
 * a code point from hmtx and rounds it once per glyph to an integer in
 * 1/1000 em, advance * 1000 / unitsPerEm, cast to a 16-bit integer; the
 * ascent and descent are hhea's, rounded the same way. We do the same from
 * the same tables, through HarfBuzz, so layout comes out byte for byte as
 * when libharu measured (and at a third of the cost: libharu's UTF-8 font
 * walks all 65,536 code points before the first measurement).
 */
#include "briefing/fonts.h"

#include <stdlib.h>
#include <string.h>

#include "briefing/base/fileio.h"
#include "briefing/base/utf8.h"
#include "briefing/base/xalloc.h"
#include "fonts_internal.h"

static const char *const face_names[FACE_COUNT] = {
	[FACE_REGULAR] = "regular",
	[FACE_BOLD] = "bold",
	[FACE_ITALIC] = "italic",
};

/* Looks cp (in the BMP) up once: has it a glyph, and its advance. */
void fonts_look_up(struct fonts_font *ft, uint32_t cp)
{
	hb_codepoint_t gid = 0;
	bool has = hb_font_get_nominal_glyph(ft->font, cp, &gid) && gid != 0;
	unsigned int aw = (unsigned int)hb_font_get_glyph_h_advance(ft->font, gid);

	/* libharu: (HPDF_INT16)(HPDF_UINT16)((HPDF_UINT)aw * 1000 / upem) */
	ft->advance[cp] = (int16_t)(uint16_t)(aw * 1000u / ft->upem);
	ft->state[cp] = has ? 1 : 2;
}

/* The width of the shaped text (shape.c): what render positions. */
static double metrics_text_width(const void *ctx, enum face face, double size,
                                 const char *s, size_t len)
{
	/* the shaping caches fill lazily; the object is never const */
	struct fonts *f = (struct fonts *)ctx;
	long units = 0;

	if ((unsigned)face >= FACE_COUNT || len == 0)
		return 0;
	shape_units(f, f->index[face], s, len, SHAPE_ANY, &units);
	return (double)units * size / 1000.0;
}

static double metrics_ascent(const void *ctx, enum face face, double size)
{
	const struct fonts *f = ctx;

	if ((unsigned)face >= FACE_COUNT)
		return 0;
	return f->font[f->index[face]].ascent * size / 1000.0;
}

/* hhea's descender is negative (below the baseline); struct metrics
 * promises a positive distance. */
static double metrics_descent(const void *ctx, enum face face, double size)
{
	const struct fonts *f = ctx;

	if ((unsigned)face >= FACE_COUNT)
		return 0;
	return -f->font[f->index[face]].descent * size / 1000.0;
}

/* Opens validated bytes with HarfBuzz and reads what libharu would. */
static void font_open(struct fonts_font *ft)
{
	hb_blob_t *hhea;
	const unsigned char *p;
	unsigned int n;

	ft->blob = hb_blob_create((const char *)ft->data, (unsigned int)ft->len,
	                          HB_MEMORY_MODE_READONLY, NULL, NULL);
	ft->face = hb_face_create(ft->blob, 0);
	ft->font = hb_font_create(ft->face);
	ft->upem = hb_face_get_upem(ft->face);
	/* fonts_check() proved hhea has its 36 bytes, head a non-zero upem */
	hhea = hb_face_reference_table(ft->face, HB_TAG('h', 'h', 'e', 'a'));
	p = (const unsigned char *)hb_blob_get_data(hhea, &n);
	if (n >= 8) {
		int asc = (int16_t)(p[4] << 8 | p[5]), desc = (int16_t)(p[6] << 8 | p[7]);

		ft->ascent = (int16_t)(asc * 1000 / (int)ft->upem);
		ft->descent = (int16_t)(desc * 1000 / (int)ft->upem);
	}
	hb_blob_destroy(hhea);
	ft->state = xcalloc(0x10000, 1);
	ft->advance = xcalloc(0x10000, sizeof *ft->advance);
	ft->slot = xcalloc(0x10000, 1);
}

/* Reads and checks the font of one face into font[f->count], or points
 * the face at an earlier font with the same bytes. */
static int load_face(struct fonts *f, const struct fonts_spec *spec,
                     enum face face, struct diag_list *dl)
{
	struct fonts_font *ft = &f->font[f->count];
	char what[160] = "no font data";
	char *buf = NULL;
	const unsigned char *bytes;
	size_t len = spec->len;

	if (!spec->name)
		return diag_error(dl, spec->file, spec->line, "[fonts] %s: no font",
		                  face_names[face]);
	if (spec->data) {
		f->path[face] = xstrdup(spec->name);
	} else {
		f->path[face] = fontfind_resolve_in(spec->name, spec->font_dir,
		                                    spec->file, spec->line, dl);
		/* a FIFO or an oversized file is refused at the config line */
		if (!f->path[face] || file_read_at(f->path[face], spec->file,
		                                   spec->line, &buf, &len, dl) < 0)
			return -1;
	}
	bytes = spec->data ? spec->data : (const unsigned char *)buf;
	if (!bytes || fonts_check(bytes, len, what, sizeof what)) {
		free(buf);
		return diag_error(dl, spec->file, spec->line, "[fonts] %s: damaged "
		                  "font: %s (%s)", face_names[face], what,
		                  f->path[face]);
	}
	for (size_t i = 0; i < f->count; i++) {
		const struct fonts_font *o = &f->font[i];

		if (o->data && o->len == len && memcmp(o->data, bytes, len) == 0) {
			f->index[face] = i;
			free(buf);
			return 0;
		}
	}
	ft->owned = (unsigned char *)buf;
	ft->data = bytes;
	ft->len = len;
	font_open(ft);
	f->index[face] = f->count++;
	return 0;
}

struct fonts *fonts_load(const struct fonts_spec spec[FACE_COUNT],
                         struct diag_list *dl)
{
	struct fonts *f = xcalloc(1, sizeof *f);
	int failed = 0;

	/* Go on past a bad font so that every bad one is reported at once. */
	for (int face = 0; face < FACE_COUNT; face++)
		if (load_face(f, &spec[face], (enum face)face, dl) < 0)
			failed = 1;
	if (failed) {
		fonts_free(f);
		return NULL;
	}
	f->metrics.text_width = metrics_text_width;
	f->metrics.ascent = metrics_ascent;
	f->metrics.descent = metrics_descent;
	f->metrics.ctx = f;
	return f;
}

void fonts_free(struct fonts *f)
{
	if (!f)
		return;
	for (size_t i = 0; i < f->count; i++) {
		struct fonts_font *ft = &f->font[i];

		hb_font_destroy(ft->font);
		hb_face_destroy(ft->face);
		hb_blob_destroy(ft->blob);
		free(ft->state);
		free(ft->advance);
		pairs_release(ft);
		free(ft->owned);
	}
	shape_release(f);
	/* a face that failed after reading keeps nothing in font[] */
	for (int i = 0; i < FACE_COUNT; i++)
		free(f->path[i]);
	free(f);
}

const struct metrics *fonts_metrics(const struct fonts *f)
{
	return &f->metrics;
}

const char *fonts_path(const struct fonts *f, enum face face)
{
	return (unsigned)face < FACE_COUNT ? f->path[face] : NULL;
}

size_t fonts_count(const struct fonts *f)
{
	return f->count;
}

size_t fonts_index(const struct fonts *f, enum face face)
{
	return (unsigned)face < FACE_COUNT ? f->index[face] : 0;
}

long fonts_missing(const struct fonts *f, enum face face, const char *s,
                   size_t len, uint32_t *cp)
{
	struct fonts_font *ft;

	if ((unsigned)face >= FACE_COUNT)
		return len ? 0 : -1;
	/* the cache is filled lazily; the object is never const */
	ft = (struct fonts_font *)&f->font[f->index[face]];
	for (size_t i = 0; i < len;) {
		uint32_t c;
		size_t n = utf8_decode(s + i, len - i, &c);

		if (n == 0) {
			i++;
			continue;
		}
		if (c <= 0xFFFF && !ft->state[c])
			fonts_look_up(ft, c);
		/* control characters would print as nothing, or as a box */
		if (c > 0xFFFF || c < 0x20 || c == 0x7F || ft->state[c] == 2) {
			*cp = c;
			return (long)i;
		}
		i += n;
	}
	return -1;
}
