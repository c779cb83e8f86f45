/*
 * subset.c: the copy of a font that render embeds.
 *
 * libharu embeds a TrueType font almost whole (about 90 KB a face: it
 * trims glyph outlines but copies every other table). HarfBuzz cuts it to
 * the code points the pages use first, and drops the layout tables libharu
 * neither reads nor writes. Hinting (cvt, fpgm, prep) is kept: libharu
 * copies those tables and readers may use them. The subset is checked like
 * the original, because it is what libharu parses.
 */
#include "briefing/fonts.h"

#include <hb-subset.h>
#include <stdlib.h>
#include <string.h>

#include "briefing/base/xalloc.h"
#include "fonts_internal.h"

/* Subsets ft to the used code points; NULL when HarfBuzz cannot. */
static hb_blob_t *subset_blob(const struct fonts_font *ft,
                              const unsigned char *used)
{
	static const hb_tag_t drop[] = {
		HB_TAG('G', 'P', 'O', 'S'), HB_TAG('G', 'S', 'U', 'B'),
		HB_TAG('G', 'D', 'E', 'F'), HB_TAG('k', 'e', 'r', 'n'),
	};
	hb_subset_input_t *in = hb_subset_input_create_or_fail();
	hb_face_t *sub = NULL;
	hb_blob_t *out = NULL;
	hb_set_t *unicodes, *tables;

	if (!in)
		return NULL;
	unicodes = hb_subset_input_unicode_set(in);
	tables = hb_subset_input_set(in, HB_SUBSET_SETS_DROP_TABLE_TAG);
	for (uint32_t cp = 0; cp <= 0xFFFF; cp++)
		if (used[cp >> 3] & (1u << (cp & 7)))
			hb_set_add(unicodes, cp);
	for (size_t i = 0; i < sizeof drop / sizeof drop[0]; i++)
		hb_set_add(tables, drop[i]);
	sub = hb_subset_or_fail(ft->face, in);
	if (sub)
		out = hb_face_reference_blob(sub);
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
