/*
 * pairs.c: the pair model, shaping without HarfBuzz for most strings.
 *
 * Claim: for a string of "model" characters, HarfBuzz's result is the
 * characters' nominal glyphs, each advanced by its hmtx advance plus one
 * kern per adjacent pair, the sum of what the font's pair adjustment
 * lookups give that pair. So a width is a sum over a table, filled on
 * first use of each pair by reading GPOS.
 *
 * Why it holds. HarfBuzz changes glyphs in GSUB and positions in GPOS,
 * one lookup after another; each lookup acts only where one of its
 * subtables' coverage (the glyph it starts at) matches. We read the
 * lookups of the very plan text is shaped with (left to right, Latin,
 * default language) and, for every subtable:
 *   - a pair adjustment that changes only the first glyph's x advance
 *     (value format 1 is XAdvance or nothing, value format 2 nothing, no
 *     IgnoreBaseGlyphs) is the model itself: on each adjacent pair it
 *     adds a value that depends on the two glyphs alone, and moves on to
 *     the second glyph, which starts the next pair; successive lookups
 *     add up. Its tables are checked sorted, so that the binary searches
 *     of pairs_probe() find what HarfBuzz's find;
 *   - a contextual subtable none of whose rules can match a string of
 *     model characters is dead: each rule needs, at some position, a
 *     glyph (or a class, or a coverage) no model character shows;
 *   - a ligature substitution (unless its lookup skips base glyphs)
 *     acts only where its first two components are adjacent, so each
 *     such pair is complex (shaped) and its glyphs stay in the model
 *     beside any other: "of" is a model string, "fi" is shaped;
 *   - every other subtable (every other substitution, other
 *     positioning, contextual rules that may match) puts the glyphs it
 *     may start at in `excluded`: a string with one is shaped.
 * A model character: in the BMP, of Latin or common script (so strings
 * of them shape with this plan), with a glyph of GDEF class base or
 * unclassified that is not excluded, and not a mark, control character,
 * default ignorable or fraction slash, which HarfBuzz treats specially.
 * Fonts with AAT tables, variations or a legacy kern table that
 * HarfBuzz would apply are not modelled at all. tests/test_fonts.c
 * checks the model against hb_shape on every pair of a briefing's
 * alphabet, every triple of kerning letters and 200,000 random strings.
 */
#include "briefing/fonts.h"

#include <stdlib.h>
#include <string.h>

#include <hb-ot.h>

#include "briefing/base/xalloc.h"
#include "fonts_internal.h"
#include "otab.h"
#include "pairs_analysis.h"


/* Default ignorables (DerivedCoreProperties), in the BMP. */
static bool default_ignorable(uint32_t cp)
{
	return cp == 0x00AD || cp == 0x034F || cp == 0x061C ||
	       (cp >= 0x115F && cp <= 0x1160) || (cp >= 0x17B4 && cp <= 0x17B5) ||
	       (cp >= 0x180B && cp <= 0x180F) || (cp >= 0x200B && cp <= 0x200F) ||
	       (cp >= 0x202A && cp <= 0x202E) || (cp >= 0x2060 && cp <= 0x206F) ||
	       cp == 0x3164 || (cp >= 0xFE00 && cp <= 0xFE0F) || cp == 0xFEFF ||
	       cp == 0xFFA0 || (cp >= 0xFFF0 && cp <= 0xFFF8);
}

/* What a model character must be, by its code point alone. */
static bool model_cp(uint32_t cp)
{
	hb_unicode_funcs_t *u = hb_unicode_funcs_get_default();
	hb_unicode_general_category_t gc;
	hb_script_t sc;

	if (cp < 0x20 || (cp >= 0x7F && cp <= 0x9F) || cp == 0x2044 ||
	    cp > 0xFFFF || default_ignorable(cp))
		return false;
	sc = hb_unicode_script(u, cp);
	if (sc != HB_SCRIPT_LATIN && sc != HB_SCRIPT_COMMON)
		return false;
	gc = hb_unicode_general_category(u, cp);
	return gc != HB_UNICODE_GENERAL_CATEGORY_NON_SPACING_MARK &&
	       gc != HB_UNICODE_GENERAL_CATEGORY_SPACING_MARK &&
	       gc != HB_UNICODE_GENERAL_CATEGORY_ENCLOSING_MARK &&
	       gc != HB_UNICODE_GENERAL_CATEGORY_UNASSIGNED &&
	       gc != HB_UNICODE_GENERAL_CATEGORY_SURROGATE;
}

/* Does a glyph have GDEF class base or unclassified (or GDEF no
 * classes)? A model character's glyph must. */
static bool base_class(hb_face_t *face, bool classes, hb_codepoint_t g)
{
	hb_ot_layout_glyph_class_t c;

	if (!classes)
		return true;
	c = hb_ot_layout_get_glyph_class(face, g);
	return c == HB_OT_LAYOUT_GLYPH_CLASS_UNCLASSIFIED ||
	       c == HB_OT_LAYOUT_GLYPH_CLASS_BASE_GLYPH;
}


/* May glyph g occur in a string of model characters? Only as the
 * nominal glyph of one: a base glyph that the cmap gives a code point
 * model_cp() accepts (DejaVu's combining koronis, U+0343, is a base
 * glyph in GDEF, but no model character shows it). A glyph of several
 * code points is taken to be one. */
bool analysis_may_be_model(struct analysis *a, hb_codepoint_t g)
{
	struct fonts_font *ft = a->ft;
	bool yes;

	if (g >= 0x10000)
		return false;
	if (a->model[g])
		return a->model[g] == 1;
	fonts_rev(ft);
	yes = base_class(ft->face, a->classes, g) && ft->rev[g] &&
	      ((ft->rev_multi[g >> 3] >> (g & 7) & 1) || model_cp(ft->rev[g]));
	a->model[g] = yes ? 1 : 2;
	return yes;
}

/* Record i of the coverage table of format fmt at off: glyphs lo..hi,
 * and when index is not NULL the coverage index of lo (format 1: i;
 * format 2: the range's startCoverageIndex). False when it cannot be
 * read, or the format is neither. */
static bool coverage_record(const struct analysis *a, size_t off,
                            unsigned fmt, unsigned i, unsigned *lo,
                            unsigned *hi, unsigned *index)
{
	size_t r = off + 4 + 6 * (size_t)i;

	if (fmt == 1) {
		if (!rd16(&a->t, off + 4 + 2 * (size_t)i, lo))
			return false;
		*hi = *lo;
		if (index)
			*index = i;
		return true;
	}
	return fmt == 2 && rd16(&a->t, r, lo) && rd16(&a->t, r + 2, hi) &&
	       (!index || rd16(&a->t, r + 4, index)) && *hi >= *lo;
}

/* Walks the coverage table at off. For COVER_PROBE, *hit is set when it
 * holds a glyph a model string may have. Returns false on a damaged
 * table or an exhausted budget. */
bool analysis_coverage(struct analysis *a, size_t off, enum cover_op op,
                     bool *hit)
{
	unsigned fmt, count;

	if (!rd16(&a->t, off, &fmt) || !rd16(&a->t, off + 2, &count))
		return false;
	for (unsigned i = 0; i < count; i++) {
		unsigned lo, hi;

		if (!coverage_record(a, off, fmt, i, &lo, &hi, NULL))
			return false;
		a->budget -= (long)(hi - lo) + 1;
		if (a->budget < 0)
			return false;
		for (unsigned g = lo; g <= hi; g++) {
			if (op == COVER_EXCLUDE) {
				analysis_exclude(a->ft, g);
			} else if (analysis_may_be_model(a, g)) {
				*hit = true;
				return true;
			}
		}
	}
	return true;
}

/* A subtable whose coverage at so + at is where it starts: excluded. */
bool analysis_exclude_at(struct analysis *a, size_t so, size_t at)
{
	unsigned off;

	return rd16(&a->t, so + at, &off) &&
	       analysis_coverage(a, so + off, COVER_EXCLUDE, NULL);
}

/* The coverage index of each glyph of the coverage table at off, in
 * turn, to fn (as HarfBuzz reads it: a range's index is its
 * startCoverageIndex plus the distance from its start). */
static bool each_covered(struct analysis *a, size_t off,
                         bool (*fn)(struct analysis *, unsigned g,
                                    unsigned index, void *ctx),
                         void *ctx)
{
	unsigned fmt, count;

	if (!rd16(&a->t, off, &fmt) || !rd16(&a->t, off + 2, &count) ||
	    (fmt != 1 && fmt != 2))
		return false;
	for (unsigned i = 0; i < count; i++) {
		unsigned lo, hi, first;

		if (!coverage_record(a, off, fmt, i, &lo, &hi, &first))
			return false;
		a->budget -= (long)(hi - lo) + 1;
		if (a->budget < 0)
			return false;
		for (unsigned g = lo; g <= hi; g++)
			if (!fn(a, g, first + (g - lo), ctx))
				return false;
	}
	return true;
}

static void add_liga_pair(struct fonts_font *ft, unsigned g1, unsigned g2)
{
	ft->liga_pairs = xgrow(ft->liga_pairs, &ft->liga_pairs_cap,
	                       ft->nliga_pairs + 1, sizeof *ft->liga_pairs);
	ft->liga_pairs[ft->nliga_pairs++] = (uint32_t)g1 << 16 | (g2 & 0xFFFF);
}

/* The ligatures of the set that coverage glyph g selects (index in the
 * subtable at *(size_t *)so): each makes its first two components a
 * complex pair; a ligature of one component replaces g wherever it is,
 * so g is excluded. */
static bool liga_set(struct analysis *a, unsigned g, unsigned index, void *so_)
{
	size_t so = *(size_t *)so_;
	unsigned nsets, set, nligs;

	if (!rd16(&a->t, so + 4, &nsets))
		return false;
	if (index >= nsets)
		return true;  /* HarfBuzz finds no set: nothing happens */
	if (!rd16(&a->t, so + 6 + 2 * (size_t)index, &set) ||
	    !rd16(&a->t, so + set, &nligs))
		return false;
	for (unsigned k = 0; k < nligs; k++) {
		unsigned lig, ncomp, second;
		size_t at;

		if (--a->budget < 0 ||
		    !rd16(&a->t, so + set + 2 + 2 * (size_t)k, &lig))
			return false;
		at = so + set + lig;
		if (!rd16(&a->t, at + 2, &ncomp))
			return false;
		if (ncomp < 2) {
			analysis_exclude(a->ft, g);
			continue;
		}
		if (!rd16(&a->t, at + 4, &second))
			return false;
		add_liga_pair(a->ft, g, second);
	}
	return true;
}

/* A ligature substitution subtable (GSUB type 4) at so. */
static bool ligature_subtable(struct analysis *a, size_t so)
{
	unsigned fmt, off;

	/* skipping base glyphs, a ligature may join glyphs that are not
	 * adjacent: then its first glyphs are out of the model */
	if (a->flag & 0x0002)
		return analysis_exclude_at(a, so, 2);
	return rd16(&a->t, so, &fmt) && fmt == 1 && rd16(&a->t, so + 2, &off) &&
	       each_covered(a, so + off, liga_set, &so);
}

static int u32_cmp(const void *x, const void *y)
{
	uint32_t a = *(const uint32_t *)x, b = *(const uint32_t *)y;

	return (a > b) - (a < b);
}

bool pairs_ligature_starts(const struct fonts_font *ft, unsigned g1,
                           unsigned g2)
{
	uint32_t key = (uint32_t)g1 << 16 | (g2 & 0xFFFF);

	return ft->nliga_pairs &&
	       bsearch(&key, ft->liga_pairs, ft->nliga_pairs,
	               sizeof *ft->liga_pairs, u32_cmp) != NULL;
}

/* Is the coverage at off sorted, as HarfBuzz's binary search needs? */
static bool sorted_coverage(struct analysis *a, size_t off)
{
	unsigned fmt, count, prev = 0, lo, hi, index;

	if (!rd16(&a->t, off, &fmt) || !rd16(&a->t, off + 2, &count) ||
	    (fmt != 1 && fmt != 2))
		return false;
	a->budget -= count;
	for (unsigned i = 0; i < count; i++) {
		if (!coverage_record(a, off, fmt, i, &lo, &hi, &index))
			return false;
		if (i > 0 && lo <= prev)
			return false;
		prev = hi;
	}
	return a->budget >= 0;
}

/* Is the class definition at off readable, its ranges sorted? */
static bool sorted_classdef(struct analysis *a, size_t off)
{
	unsigned fmt, start, count, lo, hi, v, prev = 0;

	if (!rd16(&a->t, off, &fmt) || !rd16(&a->t, off + 2, &start))
		return false;
	if (fmt == 1)
		return rd16(&a->t, off + 4, &count) &&
		       (count == 0 || rd16(&a->t, off + 6 + 2 * (size_t)(count - 1), &v));
	if (fmt != 2)
		return false;
	count = start;
	a->budget -= count;
	for (unsigned i = 0; i < count; i++) {
		size_t r = off + 4 + 6 * (size_t)i;

		if (!rd16(&a->t, r, &lo) || !rd16(&a->t, r + 2, &hi) ||
		    !rd16(&a->t, r + 4, &v) || hi < lo || (i > 0 && lo <= prev))
			return false;
		prev = hi;
	}
	return a->budget >= 0;
}

/* A pair adjustment subtable the model takes: checked readable and
 * sorted (so that our binary searches find what HarfBuzz's find), and
 * recorded for pairs_probe(). */
static bool pair_subtable(struct analysis *a, size_t so, unsigned fmt,
                          unsigned value)
{
	struct fonts_font *ft = a->ft;
	unsigned cov, n, c1, c2, off, cnt, prev = 0, g;

	if (!rd16(&a->t, so + 2, &cov) || !sorted_coverage(a, so + cov) ||
	    !rd16(&a->t, so + 8, &n))
		return false;
	if (fmt == 1) {
		/* pair sets, each sorted by second glyph */
		for (unsigned i = 0; i < n; i++) {
			size_t ps;

			if (!rd16(&a->t, so + 10 + 2 * (size_t)i, &off))
				return false;
			ps = so + off;
			if (!rd16(&a->t, ps, &cnt))
				return false;
			a->budget -= cnt;
			if (a->budget < 0)
				return false;
			for (unsigned k = 0; k < cnt; k++) {
				size_t r = ps + 2 + (2 + value) * (size_t)k;

				if (!rd16(&a->t, r, &g) ||
				    (value && !rd16(&a->t, r + 2, &off)) ||
				    (k > 0 && g <= prev))
					return false;
				prev = g;
			}
		}
	} else {
		if (!sorted_classdef(a, so + n) || !rd16(&a->t, so + 10, &off) ||
		    !sorted_classdef(a, so + off) || !rd16(&a->t, so + 12, &c1) ||
		    !rd16(&a->t, so + 14, &c2))
			return false;
		if (value && c1 && c2 &&
		    !rd16(&a->t, so + 16 + ((size_t)c1 * c2 - 1) * value, &off))
			return false;
	}
	ft->subs = xgrow(ft->subs, &ft->subs_cap, ft->nsubs + 1, sizeof *ft->subs);
	ft->subs[ft->nsubs++] = (struct pairs_sub){
		.off = (uint32_t)so, .lookup = (uint16_t)a->lookup,
		.format = (uint8_t)fmt, .value = (uint8_t)value,
	};
	return true;
}

/* One subtable at so of lookup type `type` (extensions resolved). */
static bool subtable(struct analysis *a, bool gpos, unsigned type, size_t so)
{
	unsigned fmt, vf1, vf2;

	if (!gpos) {
		switch (type) {
		case 4:
			return ligature_subtable(a, so);
		case 1: case 2: case 3: case 8:
			return analysis_exclude_at(a, so, 2);
		case 5: case 6:
			return analysis_context(a, so, type == 6);
		default:
			return false;
		}
	}
	switch (type) {
	case 2:
		if (!rd16(&a->t, so, &fmt) || (fmt != 1 && fmt != 2) ||
		    !rd16(&a->t, so + 4, &vf1) || !rd16(&a->t, so + 6, &vf2))
			return false;
		/* XAdvance of the first glyph, nothing of the second: the
		 * model, unless the lookup skips base glyphs */
		if ((vf1 & ~0x0004u) == 0 && vf2 == 0 && !(a->flag & 0x0002))
			return pair_subtable(a, so, fmt, vf1 ? 2 : 0);
		return analysis_exclude_at(a, so, 2);
	case 1: case 3: case 4: case 5: case 6:
		return analysis_exclude_at(a, so, 2);
	case 7: case 8:
		return analysis_context(a, so, type == 8);
	default:
		return false;
	}
}

/* The lookups of the plan in GSUB or GPOS. */
static bool lookups(struct analysis *a, hb_shape_plan_t *plan, bool gpos)
{
	hb_tag_t tag = gpos ? HB_OT_TAG_GPOS : HB_OT_TAG_GSUB;
	hb_set_t *set = hb_set_create();
	hb_codepoint_t li = HB_SET_VALUE_INVALID;
	hb_blob_t *blob = NULL;
	unsigned list, count;
	bool ok = true;

	hb_ot_shape_plan_collect_lookups(plan, tag, set);
	if (hb_set_is_empty(set))
		goto done;
	blob = hb_face_reference_table(a->ft->face, tag);
	{
		unsigned int n = 0;

		a->t.p = (const unsigned char *)hb_blob_get_data(blob, &n);
		a->t.n = n;
	}
	ok = rd16(&a->t, 8, &list) && rd16(&a->t, list, &count);
	while (ok && hb_set_next(set, &li)) {
		unsigned lo, type, nsub;

		ok = li < count && rd16(&a->t, list + 2 + 2 * (size_t)li, &lo) &&
		     rd16(&a->t, list + lo, &type) &&
		     rd16(&a->t, list + lo + 2, &a->flag) &&
		     rd16(&a->t, list + lo + 4, &nsub);
		a->lookup = li;
		for (unsigned k = 0; ok && k < nsub; k++) {
			unsigned off = 0, t = type, ext_fmt;
			size_t so, ext = 0;

			ok = rd16(&a->t, list + lo + 6 + 2 * (size_t)k, &off);
			so = list + lo + off;
			/* an extension subtable: format 1, the real type, a
			 * 32-bit offset from itself */
			if (ok && t == (gpos ? 9u : 7u)) {
				ok = rd16(&a->t, so, &ext_fmt) && ext_fmt == 1 &&
				     rd16(&a->t, so + 2, &t) && t != (gpos ? 9u : 7u) &&
				     rd32(&a->t, so + 4, &ext);
				so += ok ? ext : 0;
			}
			ok = ok && subtable(a, gpos, t, so);
		}
	}
	if (ok && gpos)
		a->ft->gpos = hb_blob_reference(blob);
done:
	hb_blob_destroy(blob);
	hb_set_destroy(set);
	return ok;
}

static bool has_table(hb_face_t *face, hb_tag_t tag)
{
	hb_blob_t *b = hb_face_reference_table(face, tag);
	bool has = hb_blob_get_length(b) > 0;

	hb_blob_destroy(b);
	return has;
}

/* Would HarfBuzz apply a legacy 'kern' table? It does when GPOS has no
 * 'kern' feature for the script (hb-ot-shape.cc). */
static bool legacy_kern(hb_face_t *face)
{
	hb_tag_t scripts[HB_OT_MAX_TAGS_PER_SCRIPT];
	unsigned int ns = HB_OT_MAX_TAGS_PER_SCRIPT, nl = 0, script, feature;
	hb_tag_t chosen;

	if (!has_table(face, HB_TAG('k', 'e', 'r', 'n')))
		return false;
	hb_ot_tags_from_script_and_language(HB_SCRIPT_LATIN, HB_LANGUAGE_INVALID,
	                                    &ns, scripts, &nl, NULL);
	hb_ot_layout_table_select_script(face, HB_OT_TAG_GPOS, ns, scripts,
	                                 &script, &chosen);
	return !hb_ot_layout_language_find_feature(face, HB_OT_TAG_GPOS, script,
	                                           HB_OT_LAYOUT_DEFAULT_LANGUAGE_INDEX,
	                                           HB_TAG('k', 'e', 'r', 'n'),
	                                           &feature);
}

/* Decides once whether ft can be modelled, and what it excludes. */
static void analyse(struct fonts_font *ft)
{
	static const hb_tag_t unmodelled[] = {
		HB_TAG('m', 'o', 'r', 'x'), HB_TAG('m', 'o', 'r', 't'),
		HB_TAG('k', 'e', 'r', 'x'), HB_TAG('t', 'r', 'a', 'k'),
		HB_TAG('f', 'v', 'a', 'r'),
	};
	hb_segment_properties_t props = {
		.direction = HB_DIRECTION_LTR, .script = HB_SCRIPT_LATIN,
		.language = HB_LANGUAGE_INVALID,
	};
	struct analysis a = { .ft = ft, .budget = 1000000 };
	hb_shape_plan_t *plan;
	bool ok = true;

	ft->model = -1;
	ft->glyphs = hb_face_get_glyph_count(ft->face);
	for (size_t i = 0; i < sizeof unmodelled / sizeof unmodelled[0]; i++)
		if (has_table(ft->face, unmodelled[i]))
			return;
	if (legacy_kern(ft->face))
		return;
	ft->excluded = xcalloc(0x10000 / 8, 1);
	a.classes = hb_ot_layout_has_glyph_classes(ft->face);
	a.model = xcalloc(0x10000, 1);
	plan = hb_shape_plan_create_cached(ft->face, &props, NULL, 0, NULL);
	ok = lookups(&a, plan, false) && lookups(&a, plan, true);
	hb_shape_plan_destroy(plan);
	free(a.model);
	if (!ok)
		return;
	if (ft->nliga_pairs > 1)
		qsort(ft->liga_pairs, ft->nliga_pairs, sizeof *ft->liga_pairs,
		      u32_cmp);
	ft->pair = xcalloc((size_t)PAIRS_SLOTS * PAIRS_SLOTS, sizeof *ft->pair);
	ft->model = 1;
}

/* Is cp a model character? (see the top of the file) Its nominal glyph
 * goes to *gid. */
static bool model_char(struct fonts_font *ft, uint32_t cp,
                       hb_codepoint_t *gid)
{
	return model_cp(cp) && hb_font_get_nominal_glyph(ft->font, cp, gid) &&
	       *gid != 0 && *gid < ft->glyphs && *gid < 0x10000 &&
	       !(ft->excluded[*gid >> 3] >> (*gid & 7) & 1) &&
	       base_class(ft->face, hb_ot_layout_has_glyph_classes(ft->face),
	                  *gid);
}

unsigned pairs_classify(struct fonts_font *ft, uint32_t cp)
{
	hb_codepoint_t gid = 0;

	if (ft->model == 0)
		analyse(ft);
	if (!ft->state[cp])
		fonts_look_up(ft, cp);
	if (ft->model < 0 || ft->slots >= PAIRS_NONE - 1 ||
	    !model_char(ft, cp, &gid)) {
		ft->slot[cp] = PAIRS_NONE;
		return PAIRS_NONE;
	}
	/* slots start at 1: 0 is "not classified" */
	ft->slots++;
	ft->slot_cp[ft->slots] = (uint16_t)cp;
	ft->slot_gid[ft->slots] = (uint16_t)gid;
	ft->slot[cp] = (unsigned char)ft->slots;
	return ft->slots;
}


void pairs_release(struct fonts_font *ft)
{
	free(ft->slot);
	free(ft->pair);
	free(ft->excluded);
	free(ft->liga_pairs);
	free(ft->subs);
	hb_blob_destroy(ft->gpos);
	free(ft->rev);
	free(ft->rev_multi);
}
