/*
 * fontstyle.h: whether fontconfig's match for a [fonts] pattern is the
 * style the pattern asks for (fontstyle.c); private to src/fonts/.
 */
#ifndef BRIEFING_FONTS_FONTSTYLE_H
#define BRIEFING_FONTS_FONTSTYLE_H

#include <fontconfig/fontconfig.h>

/* Why match, fontconfig's best match for pattern spec among set (NULL:
 * the installed fonts) and of the family spec names, is not the style
 * spec asks for; NULL when it is (or spec asks for none). The reason
 * names the styles the family has, e.g. "'blod' is not a style (did you
 * mean 'bold'?); DejaVu Serif has: Bold, Book". The caller frees it. */
char *fontstyle_mismatch(const char *spec, FcPattern *match, FcFontSet *set);

#endif
