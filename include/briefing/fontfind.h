/*
 * fontfind.h: a config's font value -> a TrueType file to embed.
 */
#ifndef BRIEFING_FONTFIND_H
#define BRIEFING_FONTFIND_H

#include "briefing/diag.h"

/* spec is either a path (it contains '/' or ends in ".ttf"), which must
 * name a readable file, or a fontconfig pattern such as "DejaVu Sans:bold",
 * which must match an installed TrueType font of that family. Errors name
 * file and line (the config key's). The caller frees the result. */
char *fontfind_resolve(const char *spec, const char *file, int line,
                       struct diag_list *dl);

/* Releases fontconfig's process-wide caches, so leak checkers see a clean
 * exit. Call once, after the last fontfind_resolve(). */
void fontfind_shutdown(void);

#endif
