/*
 * chart_work.h: the working state of one chart_layout() call, shared by
 * chart.c (the layout rounds), chart_tree.c (building and measuring
 * the layout tree) and chart_connect.c (the connectors). Private to
 * those files.
 */
#ifndef BRIEFING_CHART_WORK_H
#define BRIEFING_CHART_WORK_H

#include <stdbool.h>
#include <stddef.h>

#include "chart.h"

#define NONE ((size_t)-1)
/* Lengths below this are rounding noise, not connectors or overflow. */
#define EPS 1e-9

/* What a parent's virtual layout node (slot n + p) stands for. */
enum chart_block { BLOCK_NONE, BLOCK_STACK, BLOCK_WRAP };

/*
 * All per-node state of one chart_layout() call. Indices below n are the
 * caller's nodes; n + p is the virtual node for p's block of leaves (a
 * stack or wrapped rows). The arrays are allocated once and reset by
 * each layout round.
 */
struct chart_work {
	size_t n, root;
	/* the input tree, children in index order */
	size_t *kid_first, *kid_next;
	bool *staff;        /* staff in effect: a leaf that has a parent */
	size_t *leaves;     /* per parent: its non-staff leaf children */
	size_t *kids;       /* per parent: its non-staff children */
	/* this round: each parent's block, and the limits that chose them */
	unsigned char *block;
	size_t wrap_cap;    /* CHART_WRAP: at most this many boxes a row */
	size_t stack_min;   /* CHART_STACK: stack parents with this many leaves */
	/* per real node: its staff and block leaves, in index order */
	size_t *staff_first, *block_first, *snext;  /* snext: next in either */
	size_t *block_rows; /* BLOCK_WRAP: how many rows */
	double *staff_h, *block_h;
	/* the layout tree (2n slots) */
	size_t *lparent, *first, *last, *next, *prev, *number;
	size_t *order, order_len, *depth;
	double *left, *right;
	/* Buchheim-Jünger-Leipert fields, named as in the paper */
	double *prelim, *mod, *shift, *change, *cx;
	size_t *thread, *ancestor;
	/* per level */
	size_t levels;
	double *row_h, *band_h, *row_y, *gap;
	bool *has_band;
};

/* Allocates every array for n nodes; chart_work_release() frees them. */
void chart_work_init(struct chart_work *wk, size_t n);
void chart_work_release(struct chart_work *wk);

/* Builds the child lists and checks that the nodes form one tree: exactly
 * one root, parents in range, every node reachable. Returns 0 or -1. */
int chart_check_tree(struct chart_work *wk, const struct chart_node *nodes);

/* Sets each parent's block for this round from wk->wrap_cap or
 * wk->stack_min (SIZE_MAX: no blocks). */
void chart_choose_blocks(struct chart_work *wk, enum chart_arrange a);

/* The layout tree of this round: children, plus a virtual node for each
 * parent's block of leaves. */
void chart_build_layout_tree(struct chart_work *wk);

/* Extents around each layout node's reference x, staff and block sizes. */
void chart_measure(struct chart_work *wk, const struct chart_node *nodes,
                   const struct chart_params *pp);

/* The layout tree in breadth-first order, with depths. */
void chart_order_levels(struct chart_work *wk);

/* Row tops, one row per level, with staff bands. */
void chart_place_rows(struct chart_work *wk, const struct chart_node *nodes,
                      const struct chart_params *pp);

/* Wrapped rows: how many boxes row j of a block of k leaves in r rows
 * holds (the first k % r rows take one more). */
size_t chart_wrap_row_len(size_t k, size_t r, size_t j);

/* The width and height of the wrapped row that starts at s and holds
 * len boxes; *end is the first box of the next row (chart.c). */
void chart_wrap_row_size(const struct chart_work *wk,
                         const struct chart_node *nodes,
                         const struct chart_params *pp, size_t s,
                         size_t len, double *w, double *h, size_t *end);

/* The connectors of the placed nodes into r (chart_connect.c). */
void chart_connect(const struct chart_work *wk, const struct chart_node *nodes,
                   const struct chart_params *pp, struct chart_result *r);

#endif
