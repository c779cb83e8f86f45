/*
 * layout.h: the document model + style + font metrics -> pages of
 * positioned boxes.
 *
 * Layout decides line breaks, page breaks (headings kept with what
 * follows, at least two lines of a paragraph on each side of a break,
 * table rows never cut and table headers repeated), the running header and
 * footer with "Page X of Y", and the outline. It never sees config or a
 * PDF library, so tests run it with a fake metric.
 */
#ifndef BRIEFING_LAYOUT_H
#define BRIEFING_LAYOUT_H

#include <stddef.h>

#include "briefing/diag.h"
#include "briefing/doc.h"
#include "briefing/metrics.h"
#include "briefing/pages.h"
#include "briefing/style.h"

/* One line of wrapped text: bytes [start, start + len) of the input, with
 * trailing spaces dropped, and its natural width. */
struct layout_line {
	size_t start, len;
	double width;
};

/* Breaks text[0..len) into lines no wider than max_width, at spaces. A word
 * wider than a line is broken between characters (never inside a UTF-8
 * sequence) so nothing is lost. Returns the line count and a new array in
 * *lines that the caller frees with free(). Empty text gives zero lines. */
size_t layout_wrap(const struct metrics *m, enum face face, double size,
                   const char *text, size_t len, double max_width,
                   struct layout_line **lines);

/* The widths of table t's columns in a table width wide, into w[t->cols]:
 * fixed columns get their width, automatic ones their natural width (all
 * cells on one line), proportional ones share the rest; automatic columns
 * shrink in proportion when they alone would overflow. Exposed for tests. */
void layout_table_columns(const struct metrics *m, const struct style *s,
                          const struct doc_block *t, double width, double *w);

/* Lays out the document. The caller frees the result with layout_free().
 * Returns NULL after reporting an error (e.g. a page too small). */
struct pages *layout_run(const struct doc *d, const struct style *s,
                         const struct metrics *m, struct diag_list *dl);

void layout_free(struct pages *p);

/* Checks that every box lies on its page and every text run inside the
 * page's margins or its header/footer band. Returns 0 when all hold. */
int layout_check(const struct pages *p, const struct style *s);

#endif
