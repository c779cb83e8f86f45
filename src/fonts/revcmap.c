/*
 * revcmap.c: the reverse cmap of a font, glyph -> code point, so that a
 * shaped glyph (a ligature) can be shown by the code point the font's
 * cmap gives it (fonts_rev(), fonts_internal.h).
 */
#include "briefing/fonts.h"

#include <stdlib.h>
#include <string.h>

#include <hb-ot.h>

#include "briefing/base/xalloc.h"
#include "fonts_internal.h"
#include "otab.h"

/* Records that glyph g shows cp; a glyph of several code points is
 * marked in rev_multi. */
static void rev_add(struct fonts_font *ft, uint32_t cp, uint32_t g)
{
	if (cp == 0 || cp > 0xFFFF || g == 0 || g >= 0x10000)
		return;
	if (ft->rev[g])
		ft->rev_multi[g >> 3] = (unsigned char)
			(ft->rev_multi[g >> 3] | 1u << (g & 7));
	else
		ft->rev[g] = (uint16_t)cp;
}

/* The reverse of a (3,10) format 12 cmap subtable, the one HarfBuzz
 * maps characters with whenever a font has it (hb-ot-cmap-table.hh,
 * find_best_subtable()): its groups read in a loop, at a tenth of the
 * cost of asking HarfBuzz code point by code point. False when the font
 * has none, or a damaged one. */
static bool rev_format12(struct fonts_font *ft)
{
	hb_blob_t *blob = hb_face_reference_table(ft->face,
	                                          HB_TAG('c', 'm', 'a', 'p'));
	unsigned int len = 0;
	struct otab t;
	unsigned n, plat, enc, fmt;
	size_t off = 0, groups = 0;
	bool ok = false;

	t.p = (const unsigned char *)hb_blob_get_data(blob, &len);
	t.n = len;
	if (!rd16(&t, 2, &n))
		goto done;
	for (unsigned i = 0; i < n; i++)
		if (rd16(&t, 4 + 8 * (size_t)i, &plat) &&
		    rd16(&t, 6 + 8 * (size_t)i, &enc) && plat == 3 && enc == 10 &&
		    rd32(&t, 8 + 8 * (size_t)i, &off))
			break;
		else
			off = 0;
	if (!off || !rd16(&t, off, &fmt) || fmt != 12 ||
	    !rd32(&t, off + 12, &groups) || groups > (t.n - off) / 12)
		goto done;
	for (size_t i = 0; i < groups; i++) {
		size_t lo, hi, g;

		if (!rd32(&t, off + 16 + 12 * i, &lo) ||
		    !rd32(&t, off + 20 + 12 * i, &hi) ||
		    !rd32(&t, off + 24 + 12 * i, &g))
			goto done;
		for (size_t cp = lo; cp <= hi && cp <= 0xFFFF; cp++)
			rev_add(ft, (uint32_t)cp, (uint32_t)(g + (cp - lo)));
	}
	ok = true;
done:
	hb_blob_destroy(blob);
	return ok;
}

void fonts_rev(struct fonts_font *ft)
{
	hb_set_t *cps;
	hb_codepoint_t cp = HB_SET_VALUE_INVALID;

	if (ft->rev)
		return;
	ft->rev = xcalloc(0x10000, sizeof *ft->rev);
	ft->rev_multi = xcalloc(0x10000 / 8, 1);
	if (rev_format12(ft))
		return;
	memset(ft->rev, 0, 0x10000 * sizeof *ft->rev);
	memset(ft->rev_multi, 0, 0x10000 / 8);
	cps = hb_set_create();
	hb_face_collect_unicodes(ft->face, cps);
	/* in batches: a call per code point was most of the cost */
	for (;;) {
		hb_codepoint_t cpv[512], gid[512];
		unsigned int n = hb_set_next_many(cps, cp, cpv, 512);

		if (n == 0)
			break;
		cp = cpv[n - 1];
		memset(gid, 0, sizeof gid);
		hb_font_get_nominal_glyphs(ft->font, n, cpv, sizeof *cpv, gid,
		                           sizeof *gid);
		for (unsigned int i = 0; i < n; i++)
			rev_add(ft, cpv[i], gid[i]);
		if (cp > 0xFFFF)
			break;
	}
	hb_set_destroy(cps);
}
