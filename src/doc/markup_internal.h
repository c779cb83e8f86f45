/*
 * markup_internal.h: what markup.c (the parse), markup_inline.c (its
 * inline callbacks) and markup_text.c (the text it builds: spans,
 * characters, smart quotes, entities) share.
 * Private to src/doc/.
 */
#ifndef BRIEFING_MARKUP_INTERNAL_H
#define BRIEFING_MARKUP_INTERNAL_H

#include <md4c.h>
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

/* The state of one parse (markup.c); the footnote part is
 * markup_note.c's. */
struct mitem {
	char *text;
	struct doc_rich rich;
	int level, line;
};

struct mparse {
	const struct doc_markup *m;
	const char *file;
	const char *buf;      /* what md4c reads */
	size_t len;
	size_t *starts;       /* a file: the offset of each line */
	size_t lines;
	struct diag_list *dl;

	/* inline state */
	char *uri;            /* the link being read, or NULL */
	size_t link_start;
	char *pending;        /* a refused construct's error, until a line */
	const char *last_end; /* the end of the last text seen in buf */

	/* what is being built: one text (a value) or a file's blocks */
	struct doc *d;
	struct mitem *items;  /* the top list's items so far */
	size_t items_len, items_cap;
	struct builder cur;

	int line;             /* an INI value: its line; 0 for a file */
	int errors;
	int strong, em;
	int skip;             /* > 0 inside a construct we refuse */
	int cur_line;         /* the line of cur's first text */
	int ul, li;           /* depth of bulleted lists and items */
	bool stopped;         /* too many errors: md_parse was aborted */
	bool uri_unchecked;   /* checked at its first text, for the line */
	bool pending_block;
	bool item_open;       /* cur is an item's text, not yet stored */
	bool item_has_para;

	/* a footnote being read (markup_note.c): cur holds its text, outer
	 * the text around it */
	struct builder outer;
	bool in_note;
	int note_depth;       /* '[' opened inside the note and not closed */
	int note_strong, note_em;   /* the emphasis around it, while the
	                             * note's own counts from 0 */
	int note_line;
	struct doc_note *notes;   /* the notes of the text being built */
	size_t notes_len, notes_cap;
};

/* Counts and reports an error at line; returns 1 when the parse must
 * stop (too many errors). */
int markup_error(struct mparse *p, int line, const char *msg);

/* ---- what markup.c and markup_inline.c share ---- */

/* The line of at, a pointer into the buffer (else the last line known). */
int markup_line_of(const struct mparse *p, const char *at);

/* Where a construct without text starts: for a block, the first
 * non-blank line after the line of the last text; for a span, that
 * line itself. */
int markup_line_after_last(const struct mparse *p, bool block);

/* Counts an error; past the limit, says so once and stops the parse. */
int markup_counted(struct mparse *p, int line);

/* Refuses the construct being entered: its error waits for its first
 * text (which gives the line) or its end. */
void markup_refuse(struct mparse *p, const char *msg, bool block);

/* Reports the refused construct's waiting error at line, if any. */
int markup_resolve_pending(struct mparse *p, int line);

/* Leaves a refused construct; at its outermost end, reports it. */
int markup_unskip(struct mparse *p);

/* md4c's inline callbacks (markup_inline.c); u is the struct mparse. */
int markup_on_text(MD_TEXTTYPE type, const MD_CHAR *s, MD_SIZE n, void *u);
int markup_on_enter_span(MD_SPANTYPE type, void *detail, void *u);
int markup_on_leave_span(MD_SPANTYPE type, void *detail, void *u);

/* ---- footnotes (markup_note.c) ---- */

/* "^[" was read at line: what follows, to the matching ']', is a note. */
int markup_note_open(struct mparse *p, int line);

/* The matching ']' was read: the note ends and its marker is put. */
int markup_note_close(struct mparse *p, int line);

/* The paragraph or value ends: a note still open is an error. */
int markup_note_end(struct mparse *p);

/* Moves the notes read so far into r, the rich of the text just taken. */
void markup_note_take(struct mparse *p, struct doc_rich *r);

/* Frees what a failed parse left: notes and an open note's outer text. */
void markup_note_release(struct mparse *p);

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
