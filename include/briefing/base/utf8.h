/*
 * base/utf8.h: the little UTF-8 every stage needs: validate, decode, step.
 */
#ifndef BRIEFING_BASE_UTF8_H
#define BRIEFING_BASE_UTF8_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

/* Decodes one code point at s (len > 0 bytes available). Returns the number
 * of bytes it takes (1-4), or 0 when s does not start with a valid,
 * shortest-form, non-surrogate sequence. */
size_t utf8_decode(const char *s, size_t len, uint32_t *cp);

/* True when s[0..len) is valid UTF-8. Otherwise *bad (if not NULL) gets the
 * byte offset of the first invalid sequence. */
bool utf8_valid(const char *s, size_t len, size_t *bad);

/* Encodes cp into out (at least 4 bytes); returns the byte count. */
size_t utf8_encode(uint32_t cp, char *out);

#endif
