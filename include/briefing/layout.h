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

#include "briefing/base/diag.h"
#include "briefing/doc.h"
#include "briefing/fonts.h"
#include "briefing/base/style.h"

/* Pages: the output of layout, the input of render.
 *
 * A document is a list of pages; a page is a list of positioned boxes.
 * Coordinates are PostScript points (1/72 in) with the origin at the
 * page's top-left corner and y growing downwards, as a reader scans a
 * page; render flips them for PDF. Everything here is plain data, so tests
 * can assert on it and another renderer would be a small module.
 */

enum box_kind {
	BOX_TEXT,  /* a run of text on one baseline */
	BOX_RULE,  /* a straight line */
	BOX_FILL,  /* a filled rectangle */
	BOX_LINK,  /* a clickable area: to a page of this document or a URI */
	BOX_IMAGE  /* a PNG or JPEG file, scaled into its box */
};

/* Fields are ordered to pack, and each union holds what one kind of box
 * needs: a long table makes millions of boxes, 48 bytes each (88 before).
 * Coordinates are float: render prints them to 0.01 pt, and a float
 * holds a coordinate on any page up to A0 to better than 0.001 pt. */
struct box {
	union {
		const char *text;  /* TEXT: UTF-8, len bytes, not NUL-terminated */
		const char *uri;   /* LINK, when target_page is -1 */
		const char *image; /* IMAGE: the file's path, NUL-terminated */
	};
	/* TEXT: (x, y) is the start of the baseline, w the run's width.
	 * RULE: from (x, y) to (x + w, y + h), stroked line_width wide.
	 * FILL, LINK, IMAGE: top-left corner (x, y), size w by h. */
	float x, y, w;
	union {
		float h;       /* RULE, FILL, LINK, IMAGE */
		/* TEXT: how much wider (> 0) or narrower (< 0) than their
		 * natural width the glyphs are set, as a fraction (0.01: 1 %
		 * wider), to justify a line with even word gaps; 0 mostly */
		float expand;
	};
	struct rgb color;
	union {
		float size;        /* TEXT: font size in points */
		float line_width;  /* RULE */
		int target_page;   /* LINK: a 0-based page index, or -1 with uri */
	};
	/* TEXT: a run is far shorter than 4 GB. LINK to a page: 0 for its
	 * top, else the height to show, len - 1 points from the top */
	unsigned len;
	unsigned char kind;  /* enum box_kind */
	unsigned char face;  /* enum face, TEXT */
};

struct page {
	double width, height;
	struct box *boxes;
	size_t len, cap;
};

/* One PDF bookmark: a heading, or a numbered caption, and where it
 * landed. */
struct outline_entry {
	int level;          /* 1 for a top-level section, 2 for a subsection;
	                     * a caption one more than its section's heading */
	const char *title;  /* UTF-8, NUL-terminated */
	int page;           /* 0-based page index */
	double y;           /* top of the heading on that page */
};

struct pages {
	struct page *items;
	size_t len, cap;
	struct outline_entry *outline;
	size_t outline_len, outline_cap;
	struct arena *arena;  /* owns every string the boxes point to */
};

/* Lays out the document. s must leave room for text on the page (config
 * checks that, naming the [page] line; style_default() does); layout
 * itself only promises to finish on any style. Errors name the block's
 * origin for what would not stay on the page: an org chart too big for
 * it, cover tiles that do not fit (the first one's origin), fixed table
 * column widths over the measure (the column's), a heading taller than a
 * page, a marking wider than the measure (no origin). The caller frees
 * the result with layout_free(). Returns NULL after reporting an error. */
struct pages *layout_run(const struct doc *d, const struct style *s,
                         const struct metrics *m, struct diag_list *dl);

/* As layout_run(), hyphenating paragraphs and list items where hy says
 * a word may break (NULL: nowhere). Tables, headings, captions and the
 * cover are never hyphenated. */
struct pages *layout_run_hyphenated(const struct doc *d,
                                    const struct style *s,
                                    const struct metrics *m,
                                    const struct hyphenator *hy,
                                    struct diag_list *dl);

void layout_free(struct pages *p);

/* Checks that every box lies on its page and every text run inside the
 * page's margins or its header/footer band. Returns 0 when all hold. */
int layout_check(const struct pages *p, const struct style *s);

#endif
