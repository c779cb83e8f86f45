/*
 * markup_internal.h: what markup.c (the parse) and markup_text.c (the
 * text it builds: spans, characters, smart quotes, entities) share.
 * Private to src/doc/.
 */
#ifndef BRIEFING_MARKUP_INTERNAL_H
#define BRIEFING_MARKUP_INTERNAL_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "briefing/doc.h"

#define NBSP "\xC2\xA0"

/* The plain text being built and, for each run in one style, a span. */
struct builder {
	char *text;
	size_t len, cap;
	struct doc_span *spans;
	size_t spans_len, spans_cap;
};

enum entity_result { ENTITY_OK, ENTITY_UNKNOWN, ENTITY_UNPRINTABLE,
                     ENTITY_BIDI };

/* Frees what b holds. */
void markup_builder_release(struct builder *b);

/* Appends s[0..n) in style (and linking to uri, or NULL): a run in the
 * style of the span before it, and right after it, extends that span. */
void markup_builder_put(struct builder *b, const char *s, size_t n,
                        unsigned style, const char *uri);

/* Moves b's text and spans out (the text "" when none), emptying b. */
void markup_builder_take(struct builder *b, char **text, struct doc_rich *r);

/* Blank or punctuation as CommonMark's flanking rules see them, for the
 * characters data holds: ASCII, the no-break space, the spaces and the
 * punctuation of U+2000..U+206F (dashes, quotes, the ellipsis) and
 * Latin-1's. Start and end of the text count as blank. */
bool markup_is_blank(uint32_t c);
bool markup_is_punct(uint32_t c);

/* The code point ending just before s[at] (0 at the start). */
uint32_t markup_cp_before(const char *s, size_t at);

/* The code point at s[at] of s[0..len) (0 at the end). */
uint32_t markup_cp_at(const char *s, size_t len, size_t at);

/* Appends s[0..n) to b, each straight quote typographic when on: " as
 * “ or ”, ' as ‘ where it opens a quotation and ’ elsewhere (O’Brien,
 * KFOR’s, ’90s). next is the code point after s, for the last quote. The
 * character before comes from b, so "**KFOR**'s" reads the bold text. */
void markup_put_quoted(struct builder *b, const char *s, size_t n,
                       uint32_t next, bool on, unsigned style, const char *uri);

/* Decodes entity s[0..n) ("&nbsp;", "&#160;", "&#xA0;") into out (at
 * least 5 bytes, NUL-terminated). md4c has checked the syntax. */
enum entity_result markup_decode_entity(const char *s, size_t n, char *out,
                                        bool allow_bidi);

#endif
