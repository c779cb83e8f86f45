/*
 * tounicode.c: a correct ToUnicode CMap for each embedded font.
 *
 * libharu 2.3.0 reuses its encoding CMap as the ToUnicode CMap: that CMap
 * maps codes to CIDs with begincidrange, which a ToUnicode CMap may not
 * contain, so poppler warns and text extraction and copy-paste guess. In
 * libharu's UTF-8 mode a CID is the character's Unicode code point, so the
 * repaired CMap maps each two-byte code the pages use to itself, or, for
 * a font with one-byte codes (encoding.c), each code to the code point it
 * stands for.
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

HPDF_STATUS render_cmap_put(HPDF_Stream s, const char *fmt, ...)
{
	char line[96];
	va_list ap;

	va_start(ap, fmt);
	vsnprintf(line, sizeof line, fmt, ap);
	va_end(ap);
	return HPDF_Stream_WriteStr(s, line);
}

/* A run of consecutive codes whose code points are consecutive too: one
 * bfrange entry, or a bfchar entry when lo == hi. bfrange may only vary
 * the last byte of the source code and of the destination, hence the
 * split at multiples of 256. dst is the code point of lo. */
struct cmap_run {
	uint16_t lo, hi, dst;
	/* a single code that copies out as other text (a ligature), or NULL */
	const struct render_alias *alias;
};

/* The text a code point copies out as. Layout glues dates and numbers to
 * their units with no-break spaces; pasted or searched, they should be
 * ordinary spaces. */
static uint32_t copy_as(uint32_t cp)
{
	return cp == 0xA0 ? 0x20 : cp;
}

/* One bfchar entry mapping code to the alias's text: "<1F> <00660069>". */
static HPDF_STATUS put_alias(HPDF_Stream s, uint16_t code,
                             const struct render_alias *a, int digits)
{
	char dst[RENDER_ALIAS_MAX * 4 + 1];

	for (size_t i = 0; i < a->len; i++)
		snprintf(dst + 4 * i, 5, "%04X", (unsigned)copy_as(a->text[i]));
	dst[4 * (size_t)a->len] = '\0';
	return render_cmap_put(s, "<%0*X> <%s>\n", digits, code, dst);
}

/* Writes "N beginbfchar/bfrange ... end" blocks of at most 100 entries for
 * the runs of one kind (single = bfchar). */
static HPDF_STATUS put_cmap_entries(HPDF_Stream s, const struct cmap_run *runs,
                                    size_t nruns, bool single, int digits)
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

			ret |= render_cmap_put(s, "%zu begin%s\n",
			                       left < RENDER_CMAP_BLOCK ? left :
			                       (size_t)RENDER_CMAP_BLOCK, kind);
		}
		if (single && u->alias)
			ret |= put_alias(s, u->lo, u->alias, digits);
		else if (single)
			ret |= render_cmap_put(s, "<%0*X> <%04X>\n", digits, u->lo,
			                       (unsigned)copy_as(u->dst));
		else
			ret |= render_cmap_put(s, "<%0*X> <%0*X> <%04X>\n", digits,
			                       u->lo, digits, u->hi, u->dst);
		if (++done % RENDER_CMAP_BLOCK == 0 || done == total)
			ret |= render_cmap_put(s, "end%s\n", kind);
	}
	return ret;
}

/* The alias of code point cp in font slot, or NULL. */
static const struct render_alias *find_alias(const struct render *r,
                                             size_t slot, uint16_t cp)
{
	for (size_t i = 0; i < r->naliases; i++)
		if (r->aliases[i].slot == slot && r->aliases[i].cp == cp)
			return &r->aliases[i];
	return NULL;
}

/* Adds code, which copies out as code point cp or as alias's text, to
 * the runs. */
static void add_run(struct cmap_run **runs, size_t *nruns, size_t *cap,
                    uint16_t code, uint16_t cp,
                    const struct render_alias *alias)
{
	struct cmap_run *last = *nruns > 0 ? &(*runs)[*nruns - 1] : NULL;

	if (last && !alias && !last->alias && last->hi + 1u == code && (code & 0xFF) != 0 &&
	    last->dst + (code - last->lo) == cp && (cp & 0xFF) != 0 &&
	    copy_as(cp) == cp && copy_as(last->dst) == last->dst) {
		last->hi = code;
		return;
	}
	*runs = xgrow(*runs, cap, *nruns + 1, sizeof **runs);
	(*runs)[*nruns] = (struct cmap_run){code, code, cp, alias};
	(*nruns)++;
}

/*
 * Replaces the ToUnicode CMap of font with one that maps every code the
 * pages draw to its character: the code points in used (a BMP bitmap) to
 * themselves for two-byte CIDs, or e's one-byte codes to theirs.
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
int render_fix_tounicode(struct render *r, HPDF_Font font, size_t slot,
                         const unsigned char *used,
                         const struct render_encoding *e,
                         struct diag_list *dl)
{
	static const char *const drop[] = {"Type", "CMapName", "CIDSystemInfo",
	                                   "WMode"};
	HPDF_Dict tu = HPDF_Dict_GetItem(font, "ToUnicode", HPDF_OCLASS_DICT);
	struct cmap_run *runs = NULL;
	size_t nruns = 0, cap = 0;
	int digits = e->one_byte ? 2 : 4;
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
	if (e->one_byte) {
		for (unsigned c = 0; c < 256; c++)
			if (e->drawn[c])
				add_run(&runs, &nruns, &cap, (uint16_t)c, e->cp[c],
				        find_alias(r, slot, e->cp[c]));
	} else {
		for (uint32_t cp = render_next_used(used, 0); cp <= 0xFFFF;
		     cp = render_next_used(used, cp + 1))
			add_run(&runs, &nruns, &cap, (uint16_t)cp, (uint16_t)cp,
			        find_alias(r, slot, (uint16_t)cp));
	}

	for (size_t i = 0; i < sizeof drop / sizeof drop[0]; i++)
		HPDF_Dict_RemoveElement(tu, drop[i]);
	s = tu->stream;
	HPDF_MemStream_FreeData(s);
	ret |= render_cmap_put(s, "/CIDInit /ProcSet findresource begin\n"
	                          "12 dict begin\n"
	                          "begincmap\n");
	ret |= render_cmap_put(s, "/CIDSystemInfo << /Registry (Adobe) /Ordering "
	                          "(UCS) /Supplement 0 >> def\n");
	ret |= render_cmap_put(s, "/CMapName /Adobe-Identity-UCS def\n"
	                          "/CMapType 2 def\n");
	ret |= render_cmap_put(s, "1 begincodespacerange\n<%s> <%s>\n"
	                          "endcodespacerange\n",
	                       e->one_byte ? "00" : "0000",
	                       e->one_byte ? "FF" : "FFFF");
	ret |= put_cmap_entries(s, runs, nruns, true, digits);
	ret |= put_cmap_entries(s, runs, nruns, false, digits);
	ret |= render_cmap_put(s, "endcmap\nCMapName currentdict /CMap "
	                          "defineresource pop\nend\nend\n");
	if (ret != HPDF_OK || render_haru_failed(r)) {
		render_haru_error(r, dl, "cannot write the ToUnicode map");
		goto fail;
	}
	rc = 0;
fail:
	free(runs);
	return rc;
}
