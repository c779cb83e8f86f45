/*
 * fontfind.c: font lookup through fontconfig.
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

static bool ends_with(const char *s, const char *suffix)
{
	size_t a = strlen(s), b = strlen(suffix);

	return a >= b && strcasecmp(s + a - b, suffix) == 0;
}

char *fontfind_resolve(const char *spec, const char *file, int line,
                       struct diag_list *dl)
{
	FcPattern *pat, *match;
	FcResult result;
	FcChar8 *path = NULL, *family = NULL, *want = NULL;
	char *out = NULL;

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
	pat = FcNameParse((const FcChar8 *)spec);
	if (!pat) {
		diag_error(dl, file, line, "'%s' is not a fontconfig font name",
		           spec);
		return NULL;
	}
	FcPatternGetString(pat, FC_FAMILY, 0, &want);
	want = want ? (FcChar8 *)xstrdup((const char *)want) : NULL;
	FcConfigSubstitute(NULL, pat, FcMatchPattern);
	FcDefaultSubstitute(pat);
	match = FcFontMatch(NULL, pat, &result);
	if (match && FcPatternGetString(match, FC_FILE, 0, &path) == FcResultMatch &&
	    FcPatternGetString(match, FC_FAMILY, 0, &family) == FcResultMatch) {
		if (want && strcasecmp((const char *)want, (const char *)family) != 0)
			diag_error(dl, file, line, "font '%s' is not installed "
			           "(fontconfig offers '%s' instead); install it or "
			           "name a .ttf file", spec, (const char *)family);
		else if (!ends_with((const char *)path, ".ttf"))
			diag_error(dl, file, line, "font '%s' resolves to '%s', which "
			           "is not a TrueType (.ttf) file", spec,
			           (const char *)path);
		else
			out = xstrdup((const char *)path);
	} else {
		diag_error(dl, file, line, "no installed font matches '%s'", spec);
	}
	if (match)
		FcPatternDestroy(match);
	FcPatternDestroy(pat);
	free(want);
	return out;
}

void fontfind_shutdown(void)
{
	FcFini();
}
