/*
 * fontfind.c: font lookup through fontconfig, and the list of faces it
 * offers (briefing fonts).
 *
 * fontconfig always returns its best match, even for a family that is not
 * installed; we accept the match only when its family is the one asked for,
 * because silently printing a briefing in a fallback face is a surprise.
 */
#define _POSIX_C_SOURCE 200809L
#include "briefing/fonts.h"

#include <errno.h>
#include <stdbool.h>
#include <stdlib.h>
#include <fontconfig/fontconfig.h>
#include <string.h>
#include <strings.h>
#include <unistd.h>

#include "briefing/base/xalloc.h"
#include "fontfind_internal.h"

static bool ends_with(const char *s, const char *suffix)
{
	size_t a = strlen(s), b = strlen(suffix);

	return a >= b && strcasecmp(s + a - b, suffix) == 0;
}

/* fontconfig's best match for pattern spec among the fonts of set (NULL:
 * the installed fonts), accepted only when its family is the one asked for.
 * Returns the file, or NULL with *family (if not NULL) the family it
 * offered instead (or NULL when nothing matched); the caller frees both.
 * A match of the family but not of the style asked for (fontstyle.c) is
 * no match either: *style_out gets why. */
static char *match_in(FcFontSet *set, const char *spec, char **family_out,
                      bool *not_ttf, char **style_out)
{
	FcPattern *pat, *match;
	FcResult result;
	FcChar8 *path = NULL, *family = NULL, *want = NULL;
	char *out = NULL;

	*family_out = NULL;
	*not_ttf = false;
	*style_out = NULL;
	pat = FcNameParse((const FcChar8 *)spec);
	if (!pat)
		return NULL;
	FcPatternGetString(pat, FC_FAMILY, 0, &want);
	want = want ? (FcChar8 *)xstrdup((const char *)want) : NULL;
	FcConfigSubstitute(NULL, pat, FcMatchPattern);
	FcDefaultSubstitute(pat);
	match = set ? FcFontSetMatch(NULL, &set, 1, pat, &result)
	            : FcFontMatch(NULL, pat, &result);
	if (match && FcPatternGetString(match, FC_FILE, 0, &path) == FcResultMatch &&
	    FcPatternGetString(match, FC_FAMILY, 0, &family) == FcResultMatch) {
		if (want && strcasecmp((const char *)want, (const char *)family) != 0)
			*family_out = xstrdup((const char *)family);
		else if (!ends_with((const char *)path, ".ttf")) {
			*family_out = xstrdup((const char *)path);
			*not_ttf = true;
		} else if (!(*style_out = fontstyle_mismatch(spec, match, set)))
			out = xstrdup((const char *)path);
	}
	if (match)
		FcPatternDestroy(match);
	FcPatternDestroy(pat);
	free(want);
	return out;
}

/* Adds the fonts under dir to set, its subdirectories too (depth at
 * most 8, so a symlink loop ends). Scanned without fontconfig's cache:
 * a cache would be written where fontconfig chooses, and an empty
 * configuration has nowhere to write it (fontconfig then complains on
 * stderr). */
static void scan_dir(FcFontSet *set, const FcChar8 *dir, int depth)
{
	FcStrSet *subs = FcStrSetCreate();
	FcStrList *it;
	FcChar8 *sub;

	if (!subs)
		return;
	FcDirScan(set, subs, NULL, NULL, dir, FcTrue);
	it = depth < 8 ? FcStrListCreate(subs) : NULL;
	while (it && (sub = FcStrListNext(it)))
		scan_dir(set, sub, depth + 1);
	if (it)
		FcStrListDone(it);
	FcStrSetDestroy(subs);
}

/* The fonts under dir (--font-path), or NULL when there is no set. */
static FcFontSet *dir_fonts(const char *dir)
{
	FcFontSet *set = FcFontSetCreate();

	if (set)
		scan_dir(set, (const FcChar8 *)dir, 0);
	return set;
}

/* A family fontconfig does not have: the closest family that loads,
 * under --font-path dir or installed, is the hint; fontconfig's own
 * offer would be its fallback, the same for every typo. */
static void report_not_installed(const char *spec, const char *dir,
                                 const char *file, int line,
                                 struct diag_list *dl)
{
	FcPattern *pat = FcNameParse((const FcChar8 *)spec);
	FcChar8 *want = NULL;
	char *hint = NULL;

	if (pat && FcPatternGetString(pat, FC_FAMILY, 0, &want) == FcResultMatch) {
		FcFontSet *set = dir ? dir_fonts(dir) : NULL;

		hint = set ? fontsuggest_family((const char *)want, set) : NULL;
		if (!hint)
			hint = fontsuggest_family((const char *)want, NULL);
		if (set)
			FcFontSetDestroy(set);
	}
	diag_error(dl, file, line, "font '%s' is not installed%s%s%s; install "
	           "it, name a .ttf file%s, or pick a face 'briefing fonts' "
	           "lists", spec, hint ? " (did you mean '" : "",
	           hint ? hint : "", hint ? "'?)" : "",
	           dir ? ", put it under --font-path" : "");
	free(hint);
	if (pat)
		FcPatternDestroy(pat);
}

char *fontfind_resolve(const char *spec, const char *file, int line,
                       struct diag_list *dl)
{
	return fontfind_resolve_in(spec, NULL, file, line, dl);
}

char *fontfind_resolve_in(const char *spec, const char *dir,
                          const char *file, int line, struct diag_list *dl)
{
	char *out = NULL, *other = NULL, *style = NULL;
	bool not_ttf = false;
	FcPattern *probe;

	if (strchr(spec, '/') || ends_with(spec, ".ttf")) {
		if (access(spec, R_OK) != 0) {
			diag_error(dl, file, line, "font file '%s': %s%s", spec,
			           strerror(errno), errno == ENOENT ?
			           " (run 'make fonts' to copy DejaVu from Debian's "
			           "fonts-dejavu packages)" : "");
			return NULL;
		}
		return xstrdup(spec);
	}
	if (!FcInit()) {
		diag_error(dl, file, line, "cannot initialise fontconfig to find "
		           "font '%s'", spec);
		return NULL;
	}
	probe = FcNameParse((const FcChar8 *)spec);
	if (!probe) {
		diag_error(dl, file, line, "'%s' is not a fontconfig font name",
		           spec);
		return NULL;
	}
	FcPatternDestroy(probe);
	/* The fonts of --font-path first: a family found there wins over an
	 * installed one; any other falls through to the system's fonts. */
	if (dir) {
		FcFontSet *set = dir_fonts(dir);

		if (set && set->nfont > 0) {
			out = match_in(set, spec, &other, &not_ttf, &style);
			free(other);
			other = NULL;
		}
		if (set)
			FcFontSetDestroy(set);
		if (out)
			return out;
		/* the family is under --font-path, but not that style */
		if (style) {
			diag_error(dl, file, line, "font '%s': %s", spec, style);
			free(style);
			return NULL;
		}
	}
	out = match_in(NULL, spec, &other, &not_ttf, &style);
	if (style)
		diag_error(dl, file, line, "font '%s': %s", spec, style);
	else if (!out && other && not_ttf)
		diag_error(dl, file, line, "font '%s' resolves to '%s', which "
		           "is not a TrueType (.ttf) file; pick a face 'briefing "
		           "fonts' lists", spec, other);
	else if (!out && other)
		report_not_installed(spec, dir, file, line, dl);
	else if (!out)
		diag_error(dl, file, line, "no installed font matches '%s'", spec);
	free(other);
	free(style);
	return out;
}

/* The name a face is given in the list: its family and style as a
 * fontconfig pattern ("DejaVu Sans:style=Bold"), which fontfind_resolve()
 * reads back; NULL for a face without a family. */
static char *face_name(FcPattern *face)
{
	FcChar8 *family = NULL, *style = NULL, *s;
	FcPattern *p;
	char *out;

	if (FcPatternGetString(face, FC_FAMILY, 0, &family) != FcResultMatch)
		return NULL;
	p = FcPatternCreate();
	FcPatternAddString(p, FC_FAMILY, family);
	if (FcPatternGetString(face, FC_STYLE, 0, &style) == FcResultMatch)
		FcPatternAddString(p, FC_STYLE, style);
	s = FcNameUnparse(p);
	FcPatternDestroy(p);
	if (!s)
		return NULL;
	out = xstrdup((const char *)s);
	FcStrFree(s);
	return out;
}

static int compare_faces(const void *a, const void *b)
{
	const struct fontfind_face *x = a, *y = b;
	int c = strcasecmp(x->name, y->name);

	return c ? c : strcmp(x->name, y->name);
}

/* Adds the TrueType faces of fonts (NULL: the installed ones) whose name
 * resolves back to their own file (through dir first, as a build would
 * look them up) and whose file passes the checks a build makes. */
static void list_fonts(FcFontSet *fonts, const char *dir,
                        struct fontfind_list *list, size_t *cap)
{
	FcPattern *all = FcPatternCreate();
	FcObjectSet *os = FcObjectSetBuild(FC_FAMILY, FC_STYLE, FC_FILE,
	                                   (char *)NULL);
	FcFontSet *set = fonts ? FcFontSetList(NULL, &fonts, 1, all, os)
	                       : FcFontList(NULL, all, os);

	for (int i = 0; set && i < set->nfont; i++) {
		FcChar8 *path;
		char *name, *back;
		struct diag_list quiet = { NULL, 0, 0, 0 };

		if (FcPatternGetString(set->fonts[i], FC_FILE, 0, &path) !=
		    FcResultMatch || !ends_with((const char *)path, ".ttf"))
			continue;
		name = face_name(set->fonts[i]);
		if (!name)
			continue;
		back = fontfind_resolve_in(name, dir, NULL, 0, &quiet);
		diag_release(&quiet);
		/* listed only if a build would load it */
		if (!back || strcmp(back, (const char *)path) != 0 ||
		    !fontsuggest_loadable((const char *)path)) {
			free(back);
			free(name);
			continue;
		}
		free(back);
		if (list->len == *cap)
			list->items = xgrow(list->items, cap, list->len + 1,
			                    sizeof *list->items);
		list->items[list->len].name = name;
		list->items[list->len].file = xstrdup((const char *)path);
		list->len++;
	}
	if (set)
		FcFontSetDestroy(set);
	FcObjectSetDestroy(os);
	FcPatternDestroy(all);
}

int fontfind_list(const char *dir, struct fontfind_list *list,
                  struct diag_list *dl)
{
	size_t cap = 0, kept = 0;

	list->items = NULL;
	list->len = 0;
	if (!FcInit())
		return diag_error(dl, NULL, 0, "cannot initialise fontconfig");
	if (dir) {
		FcFontSet *set = dir_fonts(dir);

		if (set)
			list_fonts(set, dir, list, &cap);
		if (set)
			FcFontSetDestroy(set);
	}
	list_fonts(NULL, dir, list, &cap);
	/* one line per name: where --font-path and the system both have a
	 * face, the one a build uses (listed first) stays */
	for (size_t i = 0; i < list->len; i++) {
		bool dup = false;

		for (size_t k = 0; k < kept && !dup; k++)
			dup = strcmp(list->items[k].name, list->items[i].name) == 0;
		if (dup) {
			free(list->items[i].name);
			free(list->items[i].file);
		} else {
			list->items[kept++] = list->items[i];
		}
	}
	list->len = kept;
	if (list->len)
		qsort(list->items, list->len, sizeof *list->items, compare_faces);
	return 0;
}

void fontfind_list_release(struct fontfind_list *list)
{
	for (size_t i = 0; i < list->len; i++) {
		free(list->items[i].name);
		free(list->items[i].file);
	}
	free(list->items);
	list->items = NULL;
	list->len = 0;
}

void fontfind_shutdown(void)
{
	FcFini();
}
