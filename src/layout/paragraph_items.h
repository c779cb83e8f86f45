/*
 * paragraph_items.h: a paragraph as line-breaker items, shared by
 * paragraph_items.c (building and breaking them) and paragraph.c
 * (setting the lines). Private to those two files.
 */
#ifndef BRIEFING_PARAGRAPH_ITEMS_H
#define BRIEFING_PARAGRAPH_ITEMS_H

#include <stdbool.h>
#include <stddef.h>

#include "layout/layout_internal.h"

/* What an item stands for in the text. */
struct par_meta {
	size_t start, len;   /* BOX: bytes of the text */
	long span;           /* BOX: the span with a link over it, or -1 */
	unsigned char face;  /* BOX; PENALTY: the face of the hyphen */
	bool hyphen;         /* PENALTY: draws a hyphen when it breaks */
	bool cut;            /* PENALTY: between characters of an over-wide word */
	bool hyph_point;     /* PENALTY: a hyphenation point (not in pass 1) */
	bool mark;           /* BOX: a footnote's marker, set superscript */
};

struct par_items {
	struct lb_item *it;
	struct par_meta *meta;
	size_t len, cap, meta_cap;
};

/* Everything the item builder needs, whether called for a builder or
 * from a test. */
struct par_ctx {
	const struct metrics *m;
	const struct hyphenator *hy;
	const struct style *s;
	const struct layout_par *par;
	size_t text_len;
};

/* Breaks the paragraph: the passes described at the top of
 * paragraph_items.c. Returns the line count; *lines and the items in pi
 * are the caller's to free (pi with layout_par_items_release()). */
size_t layout_par_break(const struct par_ctx *c, struct par_items *pi,
                        struct lb_line **lines);

void layout_par_items_release(struct par_items *pi);

#endif
