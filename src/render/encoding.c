/*
 * encoding.c: one-byte codes for the text of each embedded font.
 *
 * libharu's UTF-8 mode writes every character as a two-byte CID (its code
 * point) through the predefined Identity-H CMap. A table row is then
 * mostly NUL high bytes. A document draws a few hundred distinct
 * characters at most, so each font can give each of its code points one
 * byte instead.
 *
 * The codes: printable ASCII (0x20-0x7E) keeps its own code, so content
 * strings read as text and compress as well as text does; U+00A0-U+00FF
 * keep theirs too; every other code point takes a free code (0x80-0xFF,
 * 0x7F, then 0x01-0x1F; code 0 is CID 0, .notdef). When there are more of
 * those than free codes, the printable ASCII codes the font does not draw
 * serve as well; only a font that draws more than 255 distinct code
 * points keeps libharu's two-byte Identity-H.
 *
 * The code is also the CID: the font's /Encoding is a one-byte identity
 * CMap (<00>-<FF> -> CID 0-255), and libharu, told by the encoder that
 * each code point's CID is its code (render.c), writes the /W widths and
 * the CIDToGIDMap by code. CIDs must fit in one byte for MuPDF 1.21, which
 * rebuilds ToUnicode by CID within the encoding's codespace and would drop
 * a CID above 0xFF. ToUnicode maps each code to its code point
 * (tounicode.c).
 */
#include "render_internal.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <hpdf_font.h>
#include <hpdf_objects.h>
#include <hpdf_streams.h>

#include "briefing/base/xalloc.h"

static bool printable_ascii(uint32_t cp)
{
	return cp >= 0x20 && cp <= 0x7E;
}

/* A code point that keeps its own code: printable ASCII and Latin-1. */
static bool own_code(uint32_t cp)
{
	return printable_ascii(cp) || (cp >= 0xA0 && cp <= 0xFF);
}

/* The codes the other code points take, best first. */
static size_t free_codes(uint8_t *out)
{
	size_t n = 0;

	for (unsigned c = 0x80; c <= 0xFF; c++)
		out[n++] = (uint8_t)c;
	out[n++] = 0x7F;
	for (unsigned c = 0x01; c < 0x20; c++)
		out[n++] = (uint8_t)c;
	return n;
}

void render_encoding_plan(struct render_encoding *e, const unsigned char *used)
{
	uint8_t order[256];
	size_t nfree = free_codes(order), others = 0, ascii = 0, next = 0;
	bool taken[256] = {false};

	memset(e, 0, sizeof *e);
	for (uint32_t cp = render_next_used(used, 0); cp <= 0xFFFF;
	     cp = render_next_used(used, cp + 1)) {
		if (printable_ascii(cp))
			ascii++;
		else
			others++;
	}
	if (ascii + others > 255)
		return;  /* two-byte CIDs */
	if (others > nfree)  /* the printable ASCII codes not drawn */
		for (unsigned c = 0x20; c <= 0x7E; c++)
			if (!render_is_used(used, c))
				order[nfree++] = (uint8_t)c;
	e->one_byte = true;
	e->code = xcalloc(0x10000, 1);
	for (uint32_t cp = render_next_used(used, 0); cp <= 0xFF;
	     cp = render_next_used(used, cp + 1))
		if (own_code(cp)) {
			e->code[cp] = (uint8_t)cp;
			e->cp[cp] = (uint16_t)cp;
			e->drawn[cp] = taken[cp] = true;
		}
	for (uint32_t cp = render_next_used(used, 0); cp <= 0xFFFF;
	     cp = render_next_used(used, cp + 1)) {
		if (own_code(cp))
			continue;
		while (taken[order[next]])
			next++;
		e->code[cp] = order[next];
		e->cp[order[next]] = (uint16_t)cp;
		e->drawn[order[next]] = taken[order[next]] = true;
	}
}

void render_encoding_release(struct render_encoding *e)
{
	free(e->code);
	memset(e, 0, sizeof *e);
}

/* The CIDSystemInfo of an Identity ordering: the CIDs belong to no
 * character collection, only to the font (its CIDToGIDMap). */
static HPDF_Dict identity_info(HPDF_MMgr mmgr)
{
	HPDF_Dict info = HPDF_Dict_New(mmgr);

	if (!info)
		return NULL;
	if (HPDF_Dict_Add(info, "Registry",
	                  HPDF_String_New(mmgr, "Adobe", NULL)) != HPDF_OK ||
	    HPDF_Dict_Add(info, "Ordering",
	                  HPDF_String_New(mmgr, "Identity", NULL)) != HPDF_OK ||
	    HPDF_Dict_AddNumber(info, "Supplement", 0) != HPDF_OK)
		return NULL;
	return info;
}

/* The one-byte identity CMap every one-byte font shares, made on first
 * use; NULL after a libharu error. */
static HPDF_Dict identity_cmap(struct render *r)
{
	static const char name[] = "Briefing-Identity-1";
	HPDF_Dict cmap = r->byte_cmap;
	HPDF_STATUS ret = HPDF_OK;

	if (cmap)
		return cmap;
	cmap = HPDF_DictStream_New(r->pdf->mmgr, r->pdf->xref);
	if (!cmap)
		return NULL;
	cmap->filter = HPDF_STREAM_FILTER_FLATE_DECODE;
	ret |= HPDF_Dict_AddName(cmap, "Type", "CMap");
	ret |= HPDF_Dict_AddName(cmap, "CMapName", name);
	ret |= HPDF_Dict_Add(cmap, "CIDSystemInfo", identity_info(r->pdf->mmgr));
	ret |= render_cmap_put(cmap->stream,
	                       "/CIDInit /ProcSet findresource begin\n"
	                       "12 dict begin\nbegincmap\n");
	ret |= render_cmap_put(cmap->stream,
	                       "/CIDSystemInfo << /Registry (Adobe) /Ordering "
	                       "(Identity) /Supplement 0 >> def\n");
	ret |= render_cmap_put(cmap->stream, "/CMapName /%s def\n"
	                       "/CMapType 1 def\n", name);
	ret |= render_cmap_put(cmap->stream, "1 begincodespacerange\n"
	                       "<00> <FF>\nendcodespacerange\n"
	                       "1 begincidrange\n<00> <FF> 0\nendcidrange\n");
	ret |= render_cmap_put(cmap->stream, "endcmap\nCMapName currentdict "
	                       "/CMap defineresource pop\nend\nend\n");
	if (ret != HPDF_OK)
		return NULL;
	r->byte_cmap = cmap;
	return cmap;
}

/* Replaces the /Encoding /Identity-H of a one-byte font with the shared
 * one-byte identity CMap, and its descendant's CIDSystemInfo (libharu
 * writes the ordering "Identity-H") with the CMap's. */
int render_set_encoding(struct render *r, HPDF_Font font,
                        struct diag_list *dl)
{
	HPDF_Dict cmap = identity_cmap(r);
	HPDF_FontAttr attr = font->attr;
	HPDF_STATUS ret = HPDF_OK;

	if (!cmap || !attr->descendant_font)
		goto fail;
	/* each replaces (and frees) the entry there was */
	ret |= HPDF_Dict_Add(font, "Encoding", cmap);
	ret |= HPDF_Dict_Add(attr->descendant_font, "CIDSystemInfo",
	                     identity_info(r->pdf->mmgr));
	if (ret != HPDF_OK || render_haru_failed(r))
		goto fail;
	return 0;
fail:
	return render_haru_error(r, dl, "cannot write the font's encoding");
}
