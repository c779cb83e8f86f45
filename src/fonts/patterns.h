/*
 * patterns.h: libhyphen's patterns cut down to those a set of words can
 * use (private to src/fonts; see patterns.c).
 */
#ifndef BRIEFING_FONTS_PATTERNS_H
#define BRIEFING_FONTS_PATTERNS_H

#include <stddef.h>

/* The lines of the .dic file dic[0..len) that libhyphen needs to give
 * every word in words[0..words_len) the points all the lines give it.
 * words holds each word lower-cased as libhyphen sees it, between
 * dots and followed by a newline (".pristina.\n.mission.\n"). Returns a
 * new buffer of *out_len bytes that the caller frees, or NULL when the
 * file's form rules cutting out (two levels, a NUL byte, a first line
 * libhyphen would split): use it whole then. */
char *patterns_filter(const char *dic, size_t len, const char *words,
                      size_t words_len, size_t *out_len);

#endif
