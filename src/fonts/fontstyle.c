/*
 * fontstyle.c: a [fonts] pattern's style checked against the face
 * fontconfig gives for it.
 *
 * fontconfig reads "DejaVu Serif:blod" as "DejaVu Serif" (an element
 * that is no constant is dropped) and "DejaVu Serif:style=Blod" as a
 * wish it need not grant: either way the best match is the regular
 * face, and the briefing silently prints its bold text in Book. So each
 * element of the pattern must be one fontconfig knows, and the match
 * must have the weight, slant and style asked for; otherwise the reason
 * names the family's styles, which are what the user can write.
 */
#define _POSIX_C_SOURCE 200809L
#include "fontfind_internal.h"

#include <stdbool.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "briefing/base/strbuf.h"
#include "briefing/base/suggest.h"
#include "briefing/base/xalloc.h"

/* The words one usually means after ':', for "did you mean". */
static const char *const style_words[] = {
	"bold", "italic", "oblique", "roman", "regular", "book", "medium",
	"light", "thin", "black", "heavy", "semibold", "demibold",
	"extrabold", "extralight", "ultralight", "condensed", NULL
};

static int compare_names(const void *a, const void *b)
{
	return strcasecmp(*(char *const *)a, *(char *const *)b);
}

/* The styles of family's faces that load among set (NULL: the installed
 * fonts), sorted, each once, so that every one offered works; *n gets
 * their number. The caller frees each and the array. */
static char **family_styles(const FcChar8 *family, FcFontSet *set,
                            size_t *n)
{
	FcPattern *pat = FcPatternCreate();
	FcObjectSet *os = FcObjectSetBuild(FC_STYLE, FC_FILE, (char *)NULL);
	FcFontSet *list;
	char **out;

	*n = 0;
	FcPatternAddString(pat, FC_FAMILY, family);
	list = set ? FcFontSetList(NULL, &set, 1, pat, os)
	           : FcFontList(NULL, pat, os);
	out = xcalloc(list && list->nfont ? (size_t)list->nfont : 1,
	              sizeof *out);
	for (int i = 0; list && i < list->nfont; i++) {
		FcChar8 *style, *file;
		bool dup = false;

		if (FcPatternGetString(list->fonts[i], FC_STYLE, 0, &style) !=
		    FcResultMatch ||
		    FcPatternGetString(list->fonts[i], FC_FILE, 0, &file) !=
		    FcResultMatch)
			continue;
		for (size_t k = 0; k < *n && !dup; k++)
			dup = strcmp(out[k], (const char *)style) == 0;
		if (!dup && fontsuggest_loadable((const char *)file))
			out[(*n)++] = xstrdup((const char *)style);
	}
	if (*n)
		qsort(out, *n, sizeof *out, compare_names);
	if (list)
		FcFontSetDestroy(list);
	FcObjectSetDestroy(os);
	FcPatternDestroy(pat);
	return out;
}

/* The first element after the family of spec that fontconfig does not
 * know (a bare word that is no constant, as "blod"), copied into buf; or
 * false. Elements are split at ':' not escaped by '\'. */
static bool unknown_element(const char *spec, char *buf, size_t size)
{
	const char *p = spec;

	for (;;) {
		const char *start;
		size_t len;
		int v;

		while (*p && *p != ':')
			p += p[0] == '\\' && p[1] ? 2 : 1;
		if (!*p)
			return false;
		start = ++p;
		while (*p && *p != ':')
			p += p[0] == '\\' && p[1] ? 2 : 1;
		len = (size_t)(p - start);
		if (len == 0 || memchr(start, '=', len) || len >= size)
			continue;
		memcpy(buf, start, len);
		buf[len] = '\0';
		if (!FcNameConstant((const FcChar8 *)buf, &v))
			return true;
	}
}

/* True when the match has what the parsed pattern asks: each style name
 * it gives is one of the match's (case ignored), its weight is the
 * match's and its slant upright or not as the match's. */
static bool style_matches(FcPattern *want, FcPattern *match)
{
	FcChar8 *ws, *ms;
	int w, m;

	if (FcPatternGetString(want, FC_STYLE, 0, &ws) == FcResultMatch) {
		bool found = false;

		for (int i = 0; !found && FcPatternGetString(match, FC_STYLE, i,
		                                             &ms) == FcResultMatch;
		     i++)
			found = strcasecmp((const char *)ws, (const char *)ms) == 0;
		if (!found)
			return false;
	}
	if (FcPatternGetInteger(want, FC_WEIGHT, 0, &w) == FcResultMatch &&
	    (FcPatternGetInteger(match, FC_WEIGHT, 0, &m) != FcResultMatch ||
	     m != w))
		return false;
	if (FcPatternGetInteger(want, FC_SLANT, 0, &w) == FcResultMatch &&
	    (FcPatternGetInteger(match, FC_SLANT, 0, &m) != FcResultMatch ||
	     (m == FC_SLANT_ROMAN) != (w == FC_SLANT_ROMAN)))
		return false;
	return true;
}

/* The face of match's file as the file describes it. fontconfig's
 * synthetic rules (90-synthetic.conf) set slant = oblique and weight =
 * bold on a match when a family lacks the face, for a renderer to slant
 * or embolden; libharu embeds the file as it is, so those values must
 * not count. NULL when the file cannot be read. */
static FcPattern *file_face(FcPattern *match)
{
	FcChar8 *file;
	int index = 0, count;

	if (FcPatternGetString(match, FC_FILE, 0, &file) != FcResultMatch)
		return NULL;
	FcPatternGetInteger(match, FC_INDEX, 0, &index);
	return FcFreeTypeQuery(file, index, NULL, &count);
}

char *fontstyle_mismatch(const char *spec, FcPattern *match, FcFontSet *set)
{
	FcPattern *want = FcNameParse((const FcChar8 *)spec), *face;
	FcChar8 *family = NULL, *got = NULL;
	struct strbuf b = { NULL, 0, 0 };
	char word[64], **styles;
	size_t n;
	bool unknown;

	if (!want)
		return NULL;
	face = file_face(match);
	unknown = unknown_element(spec, word, sizeof word);
	if ((!unknown && style_matches(want, face ? face : match)) ||
	    FcPatternGetString(match, FC_FAMILY, 0, &family) != FcResultMatch) {
		if (face)
			FcPatternDestroy(face);
		FcPatternDestroy(want);
		return NULL;
	}
	FcPatternGetString(face ? face : match, FC_STYLE, 0, &got);
	styles = family_styles(family, set, &n);
	if (unknown) {
		const char *hint = suggest_closest(word, style_words,
		                                   sizeof style_words /
		                                   sizeof *style_words - 1, true);

		strbuf_addf(&b, "'%s' is not a style fontconfig knows", word);
		if (!hint)
			hint = suggest_closest(word, (const char *const *)styles, n,
			                       true);
		if (hint)
			strbuf_addf(&b, " (did you mean '%s'?)", hint);
	} else {
		strbuf_addf(&b, "%s has no such style (fontconfig would give '%s')",
		            (const char *)family, got ? (const char *)got : "?");
	}
	strbuf_addf(&b, "; %s has: ", (const char *)family);
	for (size_t i = 0; i < n; i++) {
		strbuf_addf(&b, "%s%s", i ? ", " : "", styles[i]);
		free(styles[i]);
	}
	free(styles);
	if (face)
		FcPatternDestroy(face);
	FcPatternDestroy(want);
	return b.s;
}
