/*
 * chart.h: tidy-tree geometry for organisational charts.
 *
 * Pure geometry: boxes of given sizes, linked by parent indices, are
 * placed so that parents are centred over their children, subtrees never
 * overlap, equal subtrees are drawn alike and each level is one row
 * (Walker's algorithm in Buchheim, Jünger and Leipert's linear-time form).
 * Layout sizes the boxes from their wrapped text, calls this, and turns the
 * result into rules and fills; nothing here knows about fonts or pages.
 */
#ifndef BRIEFING_CHART_H
#define BRIEFING_CHART_H

#include <stdbool.h>
#include <stddef.h>

struct chart_node {
	/* input */
	double w, h;      /* box size in points */
	int parent;       /* index of the parent node, -1 for the root */
	bool staff;       /* a staff unit: drawn beside its parent's line */
	/* output */
	double x, y;      /* top-left corner, relative to the chart's origin */
	bool stacked;     /* a leaf placed in a vertical stack under its parent */
};

/* An orthogonal connector segment: horizontal or vertical. */
struct chart_segment {
	double x1, y1, x2, y2;
};

struct chart_params {
	double level_gap;     /* vertical space between a parent and its row
	                         of children */
	double sibling_gap;   /* horizontal space between neighbouring boxes */
	double stack_gap;     /* vertical space between stacked leaves */
	double stack_indent;  /* how far stacked leaves sit right of the
	                         parent's line */
	double max_width;     /* the chart must fit this width */
	bool allow_stack;     /* may stack leaf children to save width */
};

struct chart_result {
	double width, height;             /* bounding box of all boxes */
	struct chart_segment *segments;   /* connectors; caller frees */
	size_t segments_len;
	bool fits;                        /* width <= max_width */
};

/* Lays out n nodes (children in index order). The nodes must form one
 * tree rooted at exactly one node with parent -1 (facts validates this;
 * a bad tree returns -1 without touching the nodes). When the tidy tree
 * is wider than max_width and allow_stack is set, the leaf children of
 * the widest levels are stacked vertically under their parent, parent by
 * parent, until the chart fits or nothing is left to stack; result->fits
 * says which. Output coordinates start at (0, 0). Cost is linear in n.
 * Returns 0, or -1 for an invalid tree. Free result->segments with
 * free(). */
int chart_layout(struct chart_node *nodes, size_t n,
                 const struct chart_params *params,
                 struct chart_result *result);

#endif
