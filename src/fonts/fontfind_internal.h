/*
 * fontfind_internal.h: what fontfind.c asks of the faces fontconfig
 * offers: whether a match is the style asked for (fontstyle.c), whether
 * a face loads and which loadable family a misspelt one meant
 * (fontsuggest.c). Private to src/fonts/.
 */
#ifndef BRIEFING_FONTS_FONTFIND_INTERNAL_H
#define BRIEFING_FONTS_FONTFIND_INTERNAL_H

#include <stdbool.h>
#include <fontconfig/fontconfig.h>
#include <fontconfig/fcfreetype.h>

/* Why match, fontconfig's best match for pattern spec among set (NULL:
 * the installed fonts) and of the family spec names, is not the style
 * spec asks for; NULL when it is (or spec asks for none). The reason
 * names the styles of the family's faces that load, e.g. "'blod' is not
 * a style fontconfig knows (did you mean 'bold'?); DejaVu Serif has:
 * Bold, Book". The caller frees it. */
char *fontstyle_mismatch(const char *spec, FcPattern *match, FcFontSet *set);

/* True when the file at path is a TrueType font a build would load: a
 * .ttf that passes fonts_check(), as fonts_load() checks it. */
bool fontsuggest_loadable(const char *path);

/* The family closest to family (case ignored) among the faces of set
 * (NULL: the installed fonts) that load, for "did you mean"; NULL when
 * none is near. The caller frees it. */
char *fontsuggest_family(const char *family, FcFontSet *set);

#endif
