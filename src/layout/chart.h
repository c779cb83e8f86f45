/*
 * chart.h: tidy-tree geometry for organisational charts.
 *
 * Pure geometry: boxes of given sizes, linked by parent indices, are
 * placed so that parents are centred over their children, subtrees never
 * overlap, equal subtrees are drawn alike and each level is one row
 * (Walker's algorithm in Buchheim, Jünger and Leipert's linear-time form).
 * A parent's leaves may instead be wrapped into balanced rows or stacked
 * in a column, and staff hang on stubs off their parent's line. Layout
 * sizes the boxes from their wrapped text, calls this, and turns the
 * result into rules and fills; nothing here knows about fonts or pages.
 */
#ifndef BRIEFING_CHART_H
#define BRIEFING_CHART_H

#include <stdbool.h>
#include <stddef.h>

/* Where chart_layout() put a node. */
enum chart_place {
	CHART_PLACE_ROW,    /* in its level's row, under its parent's bus */
	CHART_PLACE_STAFF,  /* on a stub off its parent's line */
	CHART_PLACE_STACK,  /* in a column of leaves hanging off one line */
	CHART_PLACE_WRAP    /* in one of a parent's balanced rows of leaves */
};

struct chart_node {
	/* input */
	double w, h;      /* box size in points */
	int parent;       /* index of the parent node, -1 for the root */
	bool staff;       /* a staff unit: drawn beside its parent's line */
	/* output */
	double x, y;      /* top-left corner, relative to the chart's origin */
	enum chart_place place;
	int subrow;       /* CHART_PLACE_WRAP: 0 for the first row, 1, ... */
};

/* An orthogonal connector segment: horizontal or vertical. */
struct chart_segment {
	double x1, y1, x2, y2;
};

/* How a parent's leaves may be arranged, each a fallback for the one
 * before: one row; balanced rows (3 + 3, never 5 + 1); a column. */
enum chart_arrange {
	CHART_ROWS,   /* every child in its level's row */
	CHART_WRAP,   /* a parent whose children are all leaves may wrap them
	                 into balanced rows */
	CHART_STACK   /* a parent's leaves may hang in a column off one line */
};

struct chart_params {
	double level_gap;     /* vertical space between a parent and a row
	                         of children that a bus joins (the bus is in
	                         the middle); a single child hangs half that
	                         below, so every connector stem is as long */
	double sibling_gap;   /* horizontal space between neighbouring boxes
	                         (must be positive) */
	double stack_gap;     /* vertical space between stacked leaves, and
	                         between rows of staff */
	double stack_indent;  /* how far stacked leaves sit right of their
	                         line (must be positive) */
	double staff_gap;     /* length of a staff box's stub */
	bool staff_left;      /* the first staff box goes left (else right);
	                         the next ones alternate */
	double max_width, max_height;  /* the chart must fit this */
	enum chart_arrange arrange;
};

struct chart_result {
	double width, height;             /* bounding box of all boxes */
	struct chart_segment *segments;   /* connectors; caller frees */
	size_t segments_len;
	bool fits;                        /* within max_width x max_height */
};

/*
 * Lays out n nodes (children in index order). The nodes must form one
 * tree rooted at exactly one node with parent -1 (facts validates this;
 * a bad tree returns -1 without touching the nodes).
 *
 * With CHART_WRAP, the parents whose children are all leaves wrap them
 * into rows of at most C boxes, balanced, for the largest C that makes
 * the chart narrow enough (a binary search, so a few rounds). With
 * CHART_STACK, the leaves of every parent that has at least S of them
 * (mixed with other children or not) hang in a column, for the largest
 * such S. If nothing fits, the narrowest arrangement is kept;
 * result->fits says which. Output coordinates start at (0, 0). Each
 * round is linear in n. Returns 0, or -1 for an invalid tree. Free
 * result->segments with free().
 */
int chart_layout(struct chart_node *nodes, size_t n,
                 const struct chart_params *params,
                 struct chart_result *result);

#endif
