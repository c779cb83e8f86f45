/*
 * values.h: checks every input value passes, config and facts alike.
 */
#ifndef BRIEFING_INPUT_VALUES_H
#define BRIEFING_INPUT_VALUES_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "briefing/base/diag.h"
#include "ini.h"

/* The first bidirectional embedding, override or isolate control
 * (U+202A..U+202E, U+2066..U+2069) in valid UTF-8 s, or 0. Such a
 * character makes text display in an order other than the one stored
 * ("Trojan Source"), so a briefing could read differently from its
 * data. */
uint32_t values_bidi(const char *s);

/* Reports every value of ini holding such a character, naming its file,
 * line, section and key. Returns 0 or -1. */
int values_check_bidi(const struct ini *ini, struct diag_list *dl);

/* True when s is an RFC 3986 scheme name: a letter, then letters,
 * digits, '+', '-' or '.'. */
bool values_scheme_valid(const char *s, size_t len);

/* Checks that uri is a link target briefing may put in a PDF: no blanks
 * or control characters, and a scheme that is one of schemes[0..n)
 * (compared without case). what names the key for the message, e.g.
 * "[source] url". Returns 0, or -1 after reporting at file:line. */
int values_check_link(const char *uri, char *const *schemes, size_t n,
                      const char *file, int line, const char *what,
                      struct diag_list *dl);

/* True when s is an edition: a number 1 to 9999, or one or two capital
 * letters (A, B, ... AA), as NATO publications number theirs. */
bool values_edition_valid(const char *s);

/* Orders two valid editions: numbers by value, letters as A < B < ... <
 * Z < AA; a number and letters do not compare (returns 2). */
int values_edition_cmp(const char *a, const char *b);

#endif
