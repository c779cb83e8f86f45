/*
 * pages.h: the output of layout, the input of render.
 *
 * A document is a list of pages; a page is a list of positioned boxes.
 * Coordinates are PostScript points (1/72 in) with the origin at the
 * page's top-left corner and y growing downwards, as a reader scans a
 * page; render flips them for PDF. Everything here is plain data, so tests
 * can assert on it and another renderer would be a small module.
 */
#ifndef BRIEFING_PAGES_H
#define BRIEFING_PAGES_H

#include <stddef.h>

#include "briefing/metrics.h"

/* Colour components 0..1. float, not double: PDF colour operands are
 * printed with a few digits, and a million boxes are smaller this way. */
struct rgb {
	float r, g, b;
};

enum box_kind {
	BOX_TEXT,  /* a run of text on one baseline */
	BOX_RULE,  /* a straight line */
	BOX_FILL,  /* a filled rectangle */
	BOX_LINK   /* a clickable area: to a page of this document or a URI */
};

/* Fields are ordered to pack: a long table makes a million boxes. */
struct box {
	enum box_kind kind;
	enum face face;    /* TEXT */
	/* TEXT: (x, y) is the start of the baseline, w the run's width.
	 * RULE: from (x, y) to (x + w, y + h), stroked line_width wide.
	 * FILL, LINK: top-left corner (x, y), size w by h. */
	double x, y, w, h;
	struct rgb color;
	/* LINK only: target_page is a 0-based page index, or -1 with uri set */
	int target_page;
	float size;        /* TEXT: font size in points */
	float line_width;  /* RULE */
	const char *text;  /* TEXT: UTF-8, len bytes, not NUL-terminated */
	size_t len;
	const char *uri;   /* LINK */
};

struct page {
	double width, height;
	struct box *boxes;
	size_t len, cap;
};

/* One PDF bookmark: a heading and where it landed. */
struct outline_entry {
	int level;          /* 1 for a top-level section, 2 for a subsection */
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

#endif
