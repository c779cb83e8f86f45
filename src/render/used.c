/*
 * used.c: the code points each font draws, collected before any font is
 * loaded: the subsets, the one-byte encodings and ToUnicode are cut from
 * them.
 *
 * A run shows the glyphs of its shaped text, which are its own
 * characters unless the font ligates or substitutes (then a
 * presentation form such as U+FB01 stands for "fi"). Shaping every run
 * here and again when drawing it was a tenth of the time of a long
 * table, so a run the pair model sets glyph for character
 * (fonts_shapes_plainly()) is not shaped here: its characters are its
 * glyphs.
 *
 * Whether each font covers what it draws is checked here too, once per
 * code point rather than once per character drawn; only when one is
 * missing are the runs searched for the first that uses it, so that the
 * message names the text.
 */
#include "render_internal.h"

#include <string.h>

#include "briefing/base/utf8.h"
#include "briefing/base/xalloc.h"

/* Marks the code points of a UTF-8 run in used[], as they will be
 * written: the CID of a BMP character is its code point, and a character
 * beyond the BMP becomes U+0020 (*astral is set: no font prints it).
 * Returns -1 on invalid UTF-8, which would otherwise come out as
 * silently wrong glyphs. */
static int mark_used(unsigned char *used, const char *s, size_t len,
                     bool *astral)
{
	size_t i = 0;
	uint32_t cp;

	while (i < len) {
		size_t n = utf8_decode(s + i, len - i, &cp);

		if (n == 0)
			return -1;
		if (cp > 0xFFFF) {
			cp = 0x20;
			*astral = true;
		}
		used[cp >> 3] |= (unsigned char)(1u << (cp & 7));
		i += n;
	}
	return 0;
}

/* Records that code point cp of font slot shows the UTF-8 text
 * s[0..len) (a ligature's letters), for ToUnicode; the first text seen
 * for a code point is the one kept. */
static void add_alias(struct render *r, size_t slot, uint16_t cp,
                      const char *s, size_t len)
{
	struct render_alias a = {slot, cp, 0, {0}};
	size_t i = 0;

	for (size_t k = 0; k < r->naliases; k++)
		if (r->aliases[k].slot == slot && r->aliases[k].cp == cp)
			return;
	while (i < len && a.len < RENDER_ALIAS_MAX) {
		uint32_t u;
		size_t n = utf8_decode(s + i, len - i, &u);

		if (n == 0 || u > 0xFFFF)
			return;  /* not worth a mapping: copy-paste shows cp */
		a.text[a.len++] = (uint16_t)u;
		i += n;
	}
	if (i < len)
		return;
	r->aliases = xgrow(r->aliases, &r->aliases_cap, r->naliases + 1,
	                   sizeof *r->aliases);
	r->aliases[r->naliases++] = a;
}

/* Whether glyph g of a run of s shows exactly its own character. */
static bool shows_itself(const struct fonts_glyph *g, const char *s)
{
	uint32_t u;
	size_t n = utf8_decode(s + g->start, g->len, &u);

	return n == g->len && u == g->cp;
}

/* Adds the glyphs of b's shaped text to used, and an alias for each that
 * stands for other text. */
static void mark_shaped(struct render *r, const struct box *b, size_t slot,
                        unsigned char *used)
{
	fonts_shape(r->fonts, b->face, b->text, b->len, &r->run);
	fonts_run_mark_used(&r->run, used);
	for (size_t g = 0; g < r->run.len; g++)
		if (r->run.glyphs[g].len > 0 &&
		    !shows_itself(&r->run.glyphs[g], b->text))
			add_alias(r, slot, r->run.glyphs[g].cp,
			          b->text + r->run.glyphs[g].start,
			          r->run.glyphs[g].len);
}

static bool is_text(const struct box *b)
{
	return b->kind == BOX_TEXT && (unsigned)b->face < FACE_COUNT;
}

/* Reports the first text run of the pages, in drawing order, whose font
 * slot cannot print one of its characters. */
static int report_first_missing(const struct render *r,
                                const struct pages *pages, size_t slot,
                                struct diag_list *dl)
{
	for (size_t i = 0; i < pages->len; i++)
		for (size_t k = 0; k < pages->items[i].len; k++) {
			const struct box *b = &pages->items[i].boxes[k];

			/* fonts_check_doc() has named the fact of every
			 * character from the data; this catches what layout made
			 * itself (labels) */
			if (is_text(b) && fonts_index(r->fonts, b->face) == slot &&
			    fonts_report_missing(r->fonts, b->face, b->text, b->len,
			                         NULL, 0, dl) < 0)
				return -1;
		}
	return 0;
}

/* Whether font slot (drawn by face) prints every code point in used. */
static bool covers_used(const struct render *r, enum face face,
                        const unsigned char *used)
{
	for (uint32_t cp = render_next_used(used, 0); cp <= 0xFFFF;
	     cp = render_next_used(used, cp + 1)) {
		char s[4];
		size_t n = utf8_encode(cp, s);
		uint32_t missing;

		if (fonts_missing(r->fonts, face, s, n, &missing) >= 0)
			return false;
	}
	return true;
}

int render_collect_used(struct render *r, const struct pages *pages,
                        struct diag_list *dl)
{
	enum face face_of[FACE_COUNT];
	bool seen[FACE_COUNT] = {false}, astral[FACE_COUNT] = {false};

	for (size_t i = 0; i < pages->len; i++)
		for (size_t k = 0; k < pages->items[i].len; k++) {
			const struct box *b = &pages->items[i].boxes[k];
			unsigned char *used;
			size_t slot;

			if (!is_text(b))
				continue;
			slot = fonts_index(r->fonts, b->face);
			used = r->used + slot * FONTS_BMP_BYTES;
			if (!seen[slot]) {
				seen[slot] = true;
				face_of[slot] = b->face;
			}
			if (mark_used(used, b->text, b->len, &astral[slot]) < 0)
				return diag_error(dl, NULL, 0, "page %zu: text run is not "
				                  "valid UTF-8", i + 1);
			if (!fonts_shapes_plainly(r->fonts, b->face, b->text, b->len))
				mark_shaped(r, b, slot, used);
		}
	for (size_t slot = 0; slot < r->nloaded; slot++)
		if (seen[slot] &&
		    (astral[slot] ||
		     !covers_used(r, face_of[slot], r->used + slot * FONTS_BMP_BYTES)) &&
		    report_first_missing(r, pages, slot, dl) < 0)
			return -1;
	return 0;
}
