/*
 * tounicode.c: a correct ToUnicode CMap for each embedded font.
 *
 * libharu 2.3.0 reuses its encoding CMap as the ToUnicode CMap: that CMap
 * maps codes to CIDs with begincidrange, which a ToUnicode CMap may not
 * contain, so poppler warns and text extraction and copy-paste guess. In
 * libharu's UTF-8 mode a CID is the character's Unicode code point, so the
 * repaired CMap maps each code point the pages use to itself.
 */
#include "render_internal.h"

#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>

#include <hpdf_objects.h>
#include <hpdf_streams.h>

#include "briefing/base/xalloc.h"

/* A ToUnicode CMap may hold at most 100 entries per bfchar/bfrange block. */
#define RENDER_CMAP_BLOCK 100

/* Appends one line to a libharu stream; returns non-zero on failure. */
static HPDF_STATUS put(HPDF_Stream s, const char *fmt, ...)
	__attribute__((format(printf, 2, 3)));

static HPDF_STATUS put(HPDF_Stream s, const char *fmt, ...)
{
	char line[96];
	va_list ap;

	va_start(ap, fmt);
	vsnprintf(line, sizeof line, fmt, ap);
	va_end(ap);
	return HPDF_Stream_WriteStr(s, line);
}

/* A run of consecutive used code points that share a high byte: one
 * bfrange entry, or a bfchar entry when lo == hi. bfrange may only vary
 * the last byte of the source code, hence the high-byte split. */
struct cmap_run {
	uint16_t lo, hi;
};

/* The text a code point copies out as. Layout glues dates and numbers to
 * their units with no-break spaces; pasted or searched, they should be
 * ordinary spaces. */
static uint32_t copy_as(uint32_t cp)
{
	return cp == 0xA0 ? 0x20 : cp;
}

/* Writes "N beginbfchar/bfrange ... end" blocks of at most 100 entries for
 * the runs of one kind (single = bfchar). */
static HPDF_STATUS put_cmap_entries(HPDF_Stream s, const struct cmap_run *runs,
                                    size_t nruns, bool single)
{
	const char *kind = single ? "bfchar" : "bfrange";
	HPDF_STATUS ret = HPDF_OK;
	size_t total = 0, done = 0;

	for (size_t i = 0; i < nruns; i++)
		total += (runs[i].lo == runs[i].hi) == single;
	for (size_t i = 0; i < nruns; i++) {
		const struct cmap_run *u = &runs[i];

		if ((u->lo == u->hi) != single)
			continue;
		if (done % RENDER_CMAP_BLOCK == 0) {
			size_t left = total - done;

			ret |= put(s, "%zu begin%s\n", left < RENDER_CMAP_BLOCK ?
			           left : (size_t)RENDER_CMAP_BLOCK, kind);
		}
		if (single)
			ret |= put(s, "<%04X> <%04X>\n", u->lo, copy_as(u->lo));
		else
			ret |= put(s, "<%04X> <%04X> <%04X>\n", u->lo, u->hi, u->lo);
		if (++done % RENDER_CMAP_BLOCK == 0 || done == total)
			ret |= put(s, "end%s\n", kind);
	}
	return ret;
}

/*
 * Replaces the ToUnicode CMap of font with one that maps every code point
 * in used (a BMP bitmap) to itself, since CID == code point here.
 *
 * libharu 2.3.0 reuses its encoding CMap as the ToUnicode CMap: that CMap
 * maps codes to CIDs with begincidrange, which a ToUnicode CMap may not
 * contain, so poppler warns and text extraction and copy-paste guess.
 * The font dictionary is an HPDF_Dict whose "ToUnicode" entry is a stream
 * dictionary; we empty its memory stream and write a conforming CMap, and
 * drop the dictionary keys that only an encoding CMap carries. Rewriting
 * in place keeps the object number, so no orphan object is left behind and
 * libharu still applies the font's compression filter when it writes.
 */
int render_fix_tounicode(struct render *r, HPDF_Font font,
                         const unsigned char *used, struct diag_list *dl)
{
	static const char *const drop[] = {"Type", "CMapName", "CIDSystemInfo",
	                                   "WMode"};
	HPDF_Dict tu = HPDF_Dict_GetItem(font, "ToUnicode", HPDF_OCLASS_DICT);
	struct cmap_run *runs = NULL;
	size_t nruns = 0, cap = 0;
	HPDF_Stream s;
	HPDF_STATUS ret = HPDF_OK;
	int rc = -1;

	if (!tu || !tu->stream) {
		if (render_haru_failed(r))
			return render_haru_error(r, dl, "cannot find the ToUnicode map");
		return diag_error(dl, NULL, 0, "font '%s' has no ToUnicode stream "
		                  "to repair (not libharu 2.3.0?)",
		                  HPDF_Font_GetFontName(font));
	}
	for (uint32_t cp = render_next_used(used, 0); cp <= 0xFFFF;
	     cp = render_next_used(used, cp + 1)) {
		if (nruns > 0 && runs[nruns - 1].hi + 1u == cp && (cp & 0xFF) != 0 &&
		    copy_as(cp) == cp && copy_as(cp - 1) == cp - 1) {
			runs[nruns - 1].hi = (uint16_t)cp;
			continue;
		}
		runs = xgrow(runs, &cap, nruns + 1, sizeof *runs);
		runs[nruns].lo = runs[nruns].hi = (uint16_t)cp;
		nruns++;
	}

	for (size_t i = 0; i < sizeof drop / sizeof drop[0]; i++)
		HPDF_Dict_RemoveElement(tu, drop[i]);
	s = tu->stream;
	HPDF_MemStream_FreeData(s);
	ret |= put(s, "/CIDInit /ProcSet findresource begin\n"
	              "12 dict begin\n"
	              "begincmap\n");
	ret |= put(s, "/CIDSystemInfo << /Registry (Adobe) /Ordering (UCS) "
	              "/Supplement 0 >> def\n");
	ret |= put(s, "/CMapName /Adobe-Identity-UCS def\n/CMapType 2 def\n");
	ret |= put(s, "1 begincodespacerange\n<0000> <FFFF>\nendcodespacerange\n");
	ret |= put_cmap_entries(s, runs, nruns, true);
	ret |= put_cmap_entries(s, runs, nruns, false);
	ret |= put(s, "endcmap\nCMapName currentdict /CMap defineresource pop\n"
	              "end\nend\n");
	if (ret != HPDF_OK || render_haru_failed(r)) {
		render_haru_error(r, dl, "cannot write the ToUnicode map");
		goto fail;
	}
	rc = 0;
fail:
	free(runs);
	return rc;
}
