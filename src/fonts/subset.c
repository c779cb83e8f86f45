/*
 * subset.c: the copy of a font that render embeds.
 *
 * libharu embeds a TrueType font almost whole (about 90 KB a face: it
 * trims glyph outlines but copies every other table it knows). HarfBuzz
 * cuts it to the code points the pages use first, keeping only the
 * tables libharu reads and copies into the PDF. Hinting goes too: the
 * bytecode in glyf, fpgm, prep and the cvt values were about 60 % of the
 * embedded bytes, and poppler draws the unhinted outlines pixel for pixel
 * the same at screen resolutions (it does not run the bytecode by
 * default). libharu 2.3.0 lists cvt, fpgm and prep among the tables a
 * TrueType font must have (REQUIRED_TAGS); Debian's build copes with
 * their absence, but that is not a promise, so the subset carries them
 * back as stubs. The subset is checked like the original, because
 * it is what libharu parses.
 */
#include "briefing/fonts.h"

#include <hb-subset.h>
#include <stdlib.h>
#include <string.h>

#include "briefing/base/xalloc.h"
#include "fonts_internal.h"

/* What libharu reads and embeds (its REQUIRED_TAGS in hpdf_fontdef_tt.c)
 * apart from the hinting tables; a PDF viewer needs no more. */
static const hb_tag_t subset_keep[] = {
	HB_TAG('O', 'S', '/', '2'), HB_TAG('c', 'm', 'a', 'p'),
	HB_TAG('g', 'l', 'y', 'f'), HB_TAG('h', 'e', 'a', 'd'),
	HB_TAG('h', 'h', 'e', 'a'), HB_TAG('h', 'm', 't', 'x'),
	HB_TAG('l', 'o', 'c', 'a'), HB_TAG('m', 'a', 'x', 'p'),
	HB_TAG('n', 'a', 'm', 'e'), HB_TAG('p', 'o', 's', 't'),
};

/* The hinting tables libharu requires, added back empty: an empty
 * program and no control values are what an unhinted font has. */
static const hb_tag_t subset_stubs[] = {
	HB_TAG('c', 'v', 't', ' '), HB_TAG('f', 'p', 'g', 'm'),
};

/* All but prep, which is not empty: libharu rebuilds the font in a
 * memory stream, table by table in the order of its REQUIRED_TAGS, prep
 * last, then seeks back to each table's start. Its stream cannot seek to
 * its own end when the size is a multiple of its chunk size (it looks
 * for a chunk past the last), so an empty prep fails the save of any
 * font whose other tables happen to sum to that (one build in sixty of
 * a batch). PUSHB[0] 0, POP: a program that does nothing. */
static const unsigned char subset_prep[] = { 0xB0, 0x00, 0x21 };

#define SUBSET_COUNT(a) (sizeof (a) / sizeof (a)[0])

static bool subset_kept(hb_tag_t tag)
{
	for (size_t i = 0; i < SUBSET_COUNT(subset_keep); i++)
		if (subset_keep[i] == tag)
			return true;
	return false;
}

/* Puts every table of face that is not in subset_keep into drop. */
static void subset_drop_others(hb_face_t *face, hb_set_t *drop)
{
	hb_tag_t tags[64];
	unsigned int start = 0, n;

	do {
		n = SUBSET_COUNT(tags);
		hb_face_get_table_tags(face, start, &n, tags);
		for (unsigned int i = 0; i < n; i++)
			if (!subset_kept(tags[i]))
				hb_set_add(drop, tags[i]);
		start += n;
	} while (n == SUBSET_COUNT(tags));
}

/* The font file of sub's kept tables plus the stubs. HarfBuzz's face
 * builder writes the table directory: sorted records, each table's
 * checksum and head.checkSumAdjustment. */
static hb_blob_t *subset_with_stubs(hb_face_t *sub)
{
	hb_face_t *b = hb_face_builder_create();
	hb_blob_t *out, *prep;

	for (size_t i = 0; i < SUBSET_COUNT(subset_keep); i++) {
		hb_blob_t *t = hb_face_reference_table(sub, subset_keep[i]);

		if (hb_blob_get_length(t) > 0)
			hb_face_builder_add_table(b, subset_keep[i], t);
		hb_blob_destroy(t);
	}
	for (size_t i = 0; i < SUBSET_COUNT(subset_stubs); i++)
		hb_face_builder_add_table(b, subset_stubs[i], hb_blob_get_empty());
	prep = hb_blob_create((const char *)subset_prep, sizeof subset_prep,
	                      HB_MEMORY_MODE_READONLY, NULL, NULL);
	hb_face_builder_add_table(b, HB_TAG('p', 'r', 'e', 'p'), prep);
	hb_blob_destroy(prep);
	out = hb_face_reference_blob(b);
	hb_face_destroy(b);
	return out;
}

/* Subsets ft to the used code points; NULL when HarfBuzz cannot. */
static hb_blob_t *subset_blob(const struct fonts_font *ft,
                              const unsigned char *used)
{
	hb_subset_input_t *in = hb_subset_input_create_or_fail();
	hb_face_t *sub = NULL;
	hb_blob_t *out = NULL;
	hb_set_t *unicodes;

	if (!in)
		return NULL;
	hb_subset_input_set_flags(in, HB_SUBSET_FLAGS_NO_HINTING);
	unicodes = hb_subset_input_unicode_set(in);
	for (uint32_t cp = 0; cp <= 0xFFFF; cp++)
		if (used[cp >> 3] & (1u << (cp & 7)))
			hb_set_add(unicodes, cp);
	subset_drop_others(ft->face,
	                   hb_subset_input_set(in, HB_SUBSET_SETS_DROP_TABLE_TAG));
	sub = hb_subset_or_fail(ft->face, in);
	if (sub)
		out = subset_with_stubs(sub);
	hb_face_destroy(sub);
	hb_subset_input_destroy(in);
	return out;
}
int fonts_subset(const struct fonts *f, size_t index,
                 const unsigned char used[FONTS_BMP_BYTES],
                 unsigned char **out, size_t *len, struct diag_list *dl)
{
	const struct fonts_font *ft;
	hb_blob_t *blob;
	const char *data = NULL;
	unsigned int n = 0;
	char what[160];

	*out = NULL;
	*len = 0;
	if (index >= f->count)
		return diag_error(dl, NULL, 0, "no font %zu to subset (of %zu)",
		                  index, f->count);
	ft = &f->font[index];
	blob = subset_blob(ft, used);
	if (blob)
		data = hb_blob_get_data(blob, &n);
	/* The whole font, which fonts_load() checked, when HarfBuzz gives up
	 * or makes something libharu could not take. */
	if (n == 0 || fonts_check((const unsigned char *)data, n, what,
	                          sizeof what)) {
		data = (const char *)ft->data;
		n = (unsigned int)ft->len;
	}
	*out = xmalloc(n ? n : 1);
	memcpy(*out, data, n);
	*len = n;
	hb_blob_destroy(blob);
	return 0;
}
