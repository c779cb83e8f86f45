/*
 * fontsuggest.c: the faces a suggestion may offer.
 *
 * A "did you mean" that names a font the build then refuses (an
 * OpenType file, a damaged TrueType) sends the user round in a circle.
 * So every face offered, in a hint or by briefing fonts, is read and
 * passes the checks fonts_load() makes (fonts_check()), and a misspelt
 * family is matched by name against those faces only, not answered
 * with fontconfig's fallback, which is the same family for any typo.
 */
#define _POSIX_C_SOURCE 200809L
#include "fontfind_internal.h"

#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "briefing/base/fileio.h"
#include "briefing/base/suggest.h"
#include "briefing/base/xalloc.h"
#include "briefing/fonts.h"

bool fontsuggest_loadable(const char *path)
{
	struct diag_list quiet = { NULL, 0, 0, 0 };
	char *buf = NULL, what[160];
	size_t len = 0, n = strlen(path);
	bool ok;

	if (n < 4 || strcasecmp(path + n - 4, ".ttf") != 0)
		return false;
	ok = file_read(path, &buf, &len, &quiet) == 0 &&
	     !fonts_check((const unsigned char *)buf, len, what, sizeof what);
	free(buf);
	diag_release(&quiet);
	return ok;
}

char *fontsuggest_family(const char *family, FcFontSet *set)
{
	FcPattern *all = FcPatternCreate();
	FcObjectSet *os = FcObjectSetBuild(FC_FAMILY, FC_FILE, (char *)NULL);
	FcFontSet *list = set ? FcFontSetList(NULL, &set, 1, all, os)
	                      : FcFontList(NULL, all, os);
	size_t best_d = (size_t)-1;
	char *best = NULL;

	for (int i = 0; list && i < list->nfont; i++) {
		FcChar8 *name, *file;
		size_t d;

		if (FcPatternGetString(list->fonts[i], FC_FAMILY, 0, &name) !=
		    FcResultMatch ||
		    FcPatternGetString(list->fonts[i], FC_FILE, 0, &file) !=
		    FcResultMatch)
			continue;
		d = suggest_distance(family, (const char *)name, true);
		/* the file is read only for a name near enough to offer */
		if (!suggest_near(family, d) || d >= best_d ||
		    !fontsuggest_loadable((const char *)file))
			continue;
		best_d = d;
		free(best);
		best = xstrdup((const char *)name);
	}
	if (list)
		FcFontSetDestroy(list);
	FcObjectSetDestroy(os);
	FcPatternDestroy(all);
	return best;
}
