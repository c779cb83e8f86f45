/*
 * fonts.h: the fonts a briefing is set in: loading and validating the
 * font files, the metrics layout measures text with, glyph coverage, and
 * the subsets render embeds.
 *
 * Layout measures text through a table of callbacks (struct metrics) and
 * never sees a font library; unit tests implement it with a fixed-pitch
 * fake so line and page breaks can be checked by hand. fonts_metrics()
 * implements it from the font's own tables through HarfBuzz, with the
 * rounding libharu applies, so the widths are the ones the PDF carries.
 * Text is shaped (fonts_shape()): kerning and the font's standard
 * ligatures apply, and widths are those of the shaped text.
 * No libharu here: render is its only user.
 */
#ifndef BRIEFING_FONTS_H
#define BRIEFING_FONTS_H

#include <stddef.h>
#include <stdint.h>

#include "briefing/base/diag.h"
#include "briefing/base/style.h"
#include "briefing/doc.h"


struct metrics {
	/* Advance width in points of the UTF-8 text s[0..len) set in face at
	 * size points. len is a byte count; s need not be NUL-terminated. */
	double (*text_width)(const void *ctx, enum face face, double size,
	                     const char *s, size_t len);
	/* Distance from the baseline up to the top of the tallest glyphs and
	 * down to the bottom of descenders, both positive, in points. */
	double (*ascent)(const void *ctx, enum face face, double size);
	double (*descent)(const void *ctx, enum face face, double size);
	const void *ctx;
};

/* spec is either a path (it contains '/' or ends in ".ttf"), which must
 * name a readable file, or a fontconfig pattern such as "DejaVu Sans:bold",
 * which must match an installed TrueType font of that family. Errors name
 * file and line (the config key's). The caller frees the result. */
char *fontfind_resolve(const char *spec, const char *file, int line,
                       struct diag_list *dl);

/* fontfind_resolve(), but a fontconfig name is looked up among the
 * fonts under dir (and its subdirectories) first: when one there has the
 * family asked for, it is the match; otherwise the installed fonts are
 * searched as without dir. dir NULL is fontfind_resolve(). A path is
 * not affected. */
char *fontfind_resolve_in(const char *spec, const char *dir,
                          const char *file, int line, struct diag_list *dl);

/* One face fontconfig offers: the name a config's [fonts] accepts for it
 * ("DejaVu Sans:style=Bold") and its file. */
struct fontfind_face {
	char *name;
	char *file;
};

struct fontfind_list {
	struct fontfind_face *items;
	size_t len;
};

/* Lists the TrueType faces that a config can name: those under dir (may
 * be NULL) and the installed ones, each only when its name resolves
 * (fontfind_resolve_in() with dir) back to its own file, one per name,
 * sorted by name. Fills list (release with fontfind_list_release()).
 * Returns 0, or -1 with a diagnostic. */
int fontfind_list(const char *dir, struct fontfind_list *list,
                  struct diag_list *dl);

void fontfind_list_release(struct fontfind_list *list);

/* Releases fontconfig's process-wide caches, so leak checkers see a clean
 * exit. Call once, after the last fontfind_resolve(). */
void fontfind_shutdown(void);

/* Where the font of one face comes from. */
struct fonts_spec {
	/* A path or fontconfig name for fontfind_resolve(); with data, only
	 * the name messages give the font. */
	const char *name;
	/* The font's bytes, when they are not to be read from a file (tests
	 * and fuzzers); NULL reads the resolved file. Not copied: they must
	 * outlive the struct fonts. */
	const unsigned char *data;
	size_t len;
	/* Fonts here are searched first for a fontconfig name (--font-path;
	 * fontfind_resolve_in()); NULL: only the installed ones. */
	const char *font_dir;
	/* The config key that set it, for messages; file may be NULL. */
	const char *file;
	int line;
};

struct fonts;

/* Resolves, reads and validates the font of every face. Every table
 * libharu reads is checked first (libharu trusts fonts: a bad hhea or
 * head overflows a heap array or divides by zero), so a bad file is
 * refused with "damaged font: <what>" at spec.file:spec.line. Faces whose
 * files hold the same bytes share one font. Goes on past a bad face to
 * report every one. The caller frees the result with fonts_free().
 * Returns NULL on error. */
struct fonts *fonts_load(const struct fonts_spec spec[FACE_COUNT],
                         struct diag_list *dl);

void fonts_free(struct fonts *f);

/* Metrics of the loaded faces, valid until fonts_free(). A width is that
 * of the shaped text, fonts_shape()'s run.width: per glyph libharu's
 * advance (advance * 1000 / unitsPerEm as an integer) plus its kern. */
const struct metrics *fonts_metrics(const struct fonts *f);

/* One glyph of a shaped run, as render writes it. The PDF shows it by
 * the CID cp: in libharu's UTF-8 mode the CID is the code point, mapped
 * to the glyph through the font's cmap, so a ligature is shown by the
 * code point the cmap gives its glyph (U+FB01 for "fi" in DejaVu Sans).
 * It stands for the source bytes s[start, start + len): its own
 * character for all glyphs but ligatures (and the rare glyph a font puts
 * in place of a character, such as a dotless i before an accent), which
 * stand for all the characters of their cluster; a second glyph of one
 * cluster has len 0. That text is what ToUnicode must map cp back to
 * where it is not cp itself. */
struct fonts_glyph {
	uint32_t start, len;
	uint16_t cp;
	/* libharu's width of cp (the /W entry), in 1/1000 em */
	int16_t advance;
	/* the shaped advance minus that, in 1/1000 em, rounded: the kerning
	 * to the next glyph. In a TJ array it is written negated after the
	 * glyph: kern -63 after "A" of "AV" is [(A) 63 (V)] TJ. Horizontal
	 * mark offsets are folded into the kerns around the mark; vertical
	 * ones are not carried. */
	int16_t kern;
};

/* A shaped run; storage the caller owns. Zero-initialise it, pass it to
 * fonts_shape() as often as needed (it reuses its array), and release
 * it with fonts_run_release(). */
struct fonts_run {
	struct fonts_glyph *glyphs;
	size_t len, cap;
	/* the sum of advance + kern over glyphs: text_width at size 1000 */
	long width;
};

/* Shapes the UTF-8 text s[0..len) in face with HarfBuzz, with the
 * font's default features (kerning and standard ligatures among them),
 * left to right, into run (its previous glyphs are replaced). Bytes that
 * are not UTF-8 become U+FFFD, characters beyond the BMP spaces, as
 * libharu prints them. A ligature whose glyph has no code point is set
 * as its letters, so nothing is lost. Cheap enough to call per word:
 * most strings are measured without HarfBuzz (see pairs.c), the others
 * are cached. An unknown face gives an empty run. */
void fonts_shape(const struct fonts *f, enum face face, const char *s,
                 size_t len, struct fonts_run *run);

void fonts_run_release(struct fonts_run *run);

/* True when fonts_shape() sets s[0..len) glyph for character, each glyph
 * showing its own code point (no ligature, no substitution): then the
 * characters are the glyphs a subset must keep. Cheaper than shaping. */
bool fonts_shapes_plainly(const struct fonts *f, enum face face,
                          const char *s, size_t len);

/* Marks the code points run shows in used (FONTS_BMP_BYTES, see
 * fonts_subset()), so the subset keeps ligatures' presentation forms. */
void fonts_run_mark_used(const struct fonts_run *run, unsigned char *used);

/* The resolved file of face (or spec.name for fonts given as bytes), for
 * messages about what the font lacks. */
const char *fonts_path(const struct fonts *f, enum face face);

/* Distinct fonts: faces that share bytes share one, which is embedded
 * once. fonts_index() maps a face to 0 .. fonts_count() - 1. */
size_t fonts_count(const struct fonts *f);
size_t fonts_index(const struct fonts *f, enum face face);

/* Finds the first character of the UTF-8 text s[0..len) that face cannot
 * print: one without a glyph, a control character, or one beyond the
 * Basic Multilingual Plane (libharu prints those as spaces). Returns its
 * byte offset and sets *cp, or returns -1 when every character prints
 * (invalid UTF-8 is not this function's business and is skipped). */
long fonts_missing(const struct fonts *f, enum face face, const char *s,
                   size_t len, uint32_t *cp);

/* When face cannot print a character of s[0..len) (see fonts_missing()),
 * reports it at file:line (file may be NULL), naming the character, the
 * face's font and the text around it, and returns -1; else returns 0. */
int fonts_report_missing(const struct fonts *f, enum face face,
                         const char *s, size_t len, const char *file,
                         int line, struct diag_list *dl);

/* Checks, before layout, that every string of d has a glyph in the face
 * layout sets it in, reporting each missing character once per face at
 * the origin of its first use (a fact's line, a table row's CSV line).
 * Returns 0, or -1 after reporting. */
int fonts_check_doc(const struct fonts *f, const struct doc *d,
                    struct diag_list *dl);

/* One bit per BMP code point, (bits[cp >> 3] >> (cp & 7)) & 1: the
 * characters a font must keep in its subset. */
#define FONTS_BMP_BYTES (0x10000 / 8)

/* A copy of font index (see fonts_index()) cut down with HarfBuzz to the
 * code points set in used and to the tables libharu needs, validated like
 * the original; when HarfBuzz cannot subset it, or the subset fails the
 * checks, the whole (validated) font. *out (of *len bytes) is the
 * caller's to free(). Returns 0, or -1 with a diagnostic. */
int fonts_subset(const struct fonts *f, size_t index,
                 const unsigned char used[FONTS_BMP_BYTES],
                 unsigned char **out, size_t *len, struct diag_list *dl);

/* Checks that the TrueType font data[0..len) has every table libharu
 * reads, of the sizes it reads and consistent with each other. Returns
 * NULL when it does, else buf holding the first problem (cut to size
 * bytes), e.g. "hhea.numberOfHMetrics 9 > maxp.numGlyphs 4", which
 * fonts_load() reports as "damaged font: <what>". */
const char *fonts_check(const unsigned char *data, size_t len,
                        char *buf, size_t size);


/* ---- hyphenation (src/fonts/hyphen.c) ------------------------------------
 *
 * Where words may be hyphenated: libhyphen's patterns for the document's
 * language, overridden by the config's exceptions. Like the fonts, a
 * resource layout reaches only through callbacks (struct hyphenator), so
 * layout tests use a fake and never need the patterns installed.
 */

struct hyphenator {
	/* Writes into at[0..max), in increasing order, the byte offsets
	 * inside the word s[0..len) (UTF-8, letters only, as printed) after
	 * which a hyphen may break it, and returns how many. 0: nowhere (a
	 * short word, an exception without points, an acronym). */
	size_t (*points)(const void *ctx, const char *s, size_t len,
	                 size_t *at, size_t max);
	const char *hyphen;  /* what to draw: U+2010 or "-", NUL-terminated */
	const void *ctx;
};

/* What hyphen_load() reads: from the config's [document] language and
 * [hyphenation] section. */
struct hyphen_spec {
	const char *language;     /* "en-GB": /usr/share/hyphen/hyph_en_GB.dic */
	const char *file;         /* where language is set, for messages */
	int line;
	/* Words as the config writes them, case ignored: "Pris-tina" may
	 * break only at its hyphens, "NATO" never. */
	const char *const *exceptions;
	size_t exceptions_len;
	int left_min, right_min;  /* characters kept before and after a break */
	bool capitals;            /* false: no word with a capital letter */
	const char *hyphen;       /* the glyph to draw (see struct hyphenator) */
	const char *dir;          /* where the patterns are; NULL: the system's */
};

struct hyphen;

/* Loads the patterns for spec->language. A language without patterns
 * installed is an error at spec->file:spec->line naming the Debian
 * package that has them (hyphen-de for "de"). The file is read here and
 * its patterns loaded when first needed. The caller frees the result
 * with hyphen_free(). Returns NULL on error. */
struct hyphen *hyphen_load(const struct hyphen_spec *spec,
                           struct diag_list *dl);

void hyphen_free(struct hyphen *h);

/* Names, before layout, the words of d that layout may hyphenate (in
 * paragraphs, list intros and list items), so that only the patterns
 * these words can use are loaded, when layout first needs any. A word
 * not named is hyphenated with all the patterns: the points never
 * depend on this call, only the time does. */
void hyphen_use_doc(struct hyphen *h, const struct doc *d);

/* The callbacks layout uses, valid until hyphen_free(). */
const struct hyphenator *hyphen_hyphenator(const struct hyphen *h);

/* The pattern file h was loaded from (/usr/share/hyphen/hyph_en_GB.dic),
 * valid until hyphen_free(); NULL for a NULL h. An input of the build,
 * for depfiles and watch mode. */
const char *hyphen_path(const struct hyphen *h);

#endif
