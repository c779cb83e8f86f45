/*
 * chart.c: tidy-tree layout of organisational charts.
 *
 * x comes from Walker's algorithm in the linear-time form of Buchheim,
 * Jünger and Leipert (2002), run on a "layout tree": the ordinary
 * children of each node, plus one virtual node standing for a parent's
 * block of leaves (a column, or balanced rows). Every layout node has a
 * reference x (its centre for a box, the line for a column) and a left
 * and a right extent around it; neighbours on one level are kept extents
 * + sibling_gap apart, level by level, so whole subtrees' contours are
 * separated, not only their roots. Extents are how staff boxes and blocks
 * reserve room: a parent's extent covers its staff boxes, so nothing can
 * be placed beside them.
 *
 * y is one row per level: a row is as tall as its tallest box (or
 * block), and a level whose parents have staff gets an extra band
 * between its row and the next, where the staff boxes sit on stubs.
 *
 * Connectors are drawn once the boxes are placed (chart_connect.c).
 *
 * Key invariant: every walk is over arrays in breadth-first order (or its
 * reverse), never recursive, so a chain of 100,000 nodes costs a few
 * arrays and no stack.
 */
#include "chart.h"

#include "chart_work.h"

#include <math.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "briefing/base/xalloc.h"

/* ---- Buchheim, Jünger and Leipert ------------------------------------ */

static size_t next_left(const struct chart_work *wk, size_t v)
{
	return wk->first[v] != NONE ? wk->first[v] : wk->thread[v];
}

static size_t next_right(const struct chart_work *wk, size_t v)
{
	return wk->last[v] != NONE ? wk->last[v] : wk->thread[v];
}

/* Shifts subtree wr right and spreads the shift over the subtrees between
 * wl and wr (applied later by execute_shifts), so smaller subtrees sit
 * evenly between larger ones. */
static void move_subtree(struct chart_work *wk, size_t wl, size_t wr,
                         double shift)
{
	double per = shift / (double)(wk->number[wr] - wk->number[wl]);

	wk->change[wr] -= per;
	wk->shift[wr] += shift;
	wk->change[wl] += per;
	wk->prelim[wr] += shift;
	wk->mod[wr] += shift;
}

static void execute_shifts(struct chart_work *wk, size_t v)
{
	double shift = 0, change = 0;

	for (size_t w = wk->last[v]; w != NONE; w = wk->prev[w]) {
		wk->prelim[w] += shift;
		wk->mod[w] += shift;
		change += wk->change[w];
		shift += wk->shift[w] + change;
	}
}

/*
 * Pushes v's subtree right until its left contour clears the right
 * contour of its left siblings' subtrees on every level below the top
 * (the top is placed by the caller), threading the shorter contour onto
 * the longer one. s* are the sums of mods along each contour, so each
 * node's position relative to the parent is prelim + s.
 */
static size_t apportion(struct chart_work *wk, size_t v, size_t dflt,
                        double gap)
{
	size_t w = wk->prev[v], vip, vop, vim, vom;
	double sip, sop, sim, som;

	if (w == NONE)
		return dflt;
	vip = vop = v;
	vim = w;
	vom = wk->first[wk->lparent[v]];
	sip = wk->mod[vip];
	sop = wk->mod[vop];
	sim = wk->mod[vim];
	som = wk->mod[vom];
	while (next_right(wk, vim) != NONE && next_left(wk, vip) != NONE) {
		double shift;

		vim = next_right(wk, vim);
		vip = next_left(wk, vip);
		vom = next_left(wk, vom);
		vop = next_right(wk, vop);
		wk->ancestor[vop] = v;
		shift = (wk->prelim[vim] + sim + wk->right[vim] + gap +
		         wk->left[vip]) - (wk->prelim[vip] + sip);
		if (shift > 0) {
			size_t a = wk->ancestor[vim];

			/* The paper's ANCESTOR(): vim's greatest uncommon
			 * ancestor if it is v's sibling, else the default. */
			if (wk->lparent[a] != wk->lparent[v])
				a = dflt;
			move_subtree(wk, a, v, shift);
			sip += shift;
			sop += shift;
		}
		sim += wk->mod[vim];
		sip += wk->mod[vip];
		som += wk->mod[vom];
		sop += wk->mod[vop];
	}
	if (next_right(wk, vim) != NONE && next_right(wk, vop) == NONE) {
		wk->thread[vop] = next_right(wk, vim);
		wk->mod[vop] += sim - sop;
	}
	if (next_left(wk, vip) != NONE && next_left(wk, vom) == NONE) {
		wk->thread[vom] = next_left(wk, vip);
		wk->mod[vom] += sip - som;
		dflt = v;
	}
	return dflt;
}

/*
 * Sets cx (reference x) of every layout node. The paper's FIRSTWALK is
 * recursive; here it runs over the reverse breadth-first order, which
 * reaches every node after all its descendants. The tail of FIRSTWALK(w)
 * (placing w beside its left sibling) moves into w's parent's turn, just
 * before APPORTION(w), where the recursion would run it: by then the
 * left sibling has received its shifts. mid[] keeps each node's midpoint
 * over its children until then; it borrows cx's storage.
 */
static void tidy(struct chart_work *wk, double gap)
{
	double *mid = wk->cx;

	for (size_t j = 0; j < wk->order_len; j++) {
		size_t v = wk->order[j];

		wk->prelim[v] = wk->mod[v] = wk->shift[v] = wk->change[v] = 0;
		wk->thread[v] = NONE;
		wk->ancestor[v] = v;
		mid[v] = 0;
	}
	for (size_t j = wk->order_len; j-- > 0;) {
		size_t v = wk->order[j], dflt;

		if (wk->first[v] == NONE)
			continue;
		dflt = wk->first[v];
		for (size_t c = wk->first[v]; c != NONE; c = wk->next[c]) {
			size_t l = wk->prev[c];

			if (l == NONE) {
				wk->prelim[c] = mid[c];
			} else {
				wk->prelim[c] = wk->prelim[l] + wk->right[l] + gap +
				                wk->left[c];
				if (wk->first[c] != NONE)
					wk->mod[c] = wk->prelim[c] - mid[c];
			}
			dflt = apportion(wk, c, dflt, gap);
		}
		execute_shifts(wk, v);
		mid[v] = (wk->prelim[wk->first[v]] + wk->prelim[wk->last[v]]) / 2;
	}
	wk->prelim[wk->root] = mid[wk->root];
	/* SECONDWALK: x = prelim + the sum of the ancestors' mods; the sum is
	 * parked in cx until the node's own turn. */
	wk->cx[wk->root] = 0;
	for (size_t j = 0; j < wk->order_len; j++) {
		size_t v = wk->order[j];
		double acc = wk->cx[v];

		for (size_t c = wk->first[v]; c != NONE; c = wk->next[c])
			wk->cx[c] = acc + wk->mod[v];
		wk->cx[v] = acc + wk->prelim[v];
	}
}

/* Places a parent's staff: first side, other side, first side..., each
 * pair centred on its staff row; the block is centred in its level's
 * band, half a level_gap below the row. */
static void place_staff(struct chart_work *wk, struct chart_node *nodes,
                        const struct chart_params *pp, size_t v)
{
	size_t d = wk->depth[v], k = 0;
	double cx = wk->cx[v];
	double top = wk->row_y[d] + wk->row_h[d] + pp->level_gap / 2 +
	             (wk->band_h[d] - wk->staff_h[v]) / 2;

	for (size_t s = wk->staff_first[v]; s != NONE; s = wk->snext[s]) {
		size_t t = wk->snext[s];
		double rh = nodes[s].h;
		size_t pair[2] = { s, t };

		if (t != NONE)
			rh = fmax(rh, nodes[t].h);
		top += k++ ? pp->stack_gap : 0;
		for (int side = 0; side < 2 && pair[side] != NONE; side++) {
			struct chart_node *b = &nodes[pair[side]];
			bool left = pp->staff_left != (side == 1);

			b->x = left ? cx - pp->staff_gap - b->w : cx + pp->staff_gap;
			b->y = top + (rh - b->h) / 2;
			b->place = CHART_PLACE_STAFF;
		}
		top += rh;
		if (t == NONE)
			break;
		s = t;
	}
}

/* The width and height of the wrapped row that starts at s and holds
 * len boxes; *end is the first box of the next row. */
void chart_wrap_row_size(const struct chart_work *wk,
                         const struct chart_node *nodes,
                         const struct chart_params *pp, size_t s,
                         size_t len, double *w, double *h, size_t *end)
{
	*w = *h = 0;
	for (size_t i = 0; i < len; i++, s = wk->snext[s]) {
		*w += (i ? pp->sibling_gap : 0) + nodes[s].w;
		*h = fmax(*h, nodes[s].h);
	}
	*end = s;
}

/* Places parent p's block of leaves, its top at y: a column right of the
 * line, or rows centred on it, level_gap apart. */
static void place_block(struct chart_work *wk, struct chart_node *nodes,
                        const struct chart_params *pp, size_t p, double y)
{
	double line = wk->cx[wk->n + p];

	if (wk->block[p] == BLOCK_STACK) {
		for (size_t s = wk->block_first[p]; s != NONE; s = wk->snext[s]) {
			nodes[s].x = line + pp->stack_indent;
			nodes[s].y = y;
			nodes[s].place = CHART_PLACE_STACK;
			y += nodes[s].h + pp->stack_gap;
		}
		return;
	}
	for (size_t s = wk->block_first[p], j = 0; s != NONE; j++) {
		size_t len = chart_wrap_row_len(wk->kids[p], wk->block_rows[p], j);
		size_t end;
		double rw, rh, x;

		chart_wrap_row_size(wk, nodes, pp, s, len, &rw, &rh, &end);
		x = line - rw / 2;
		for (; s != end; s = wk->snext[s]) {
			nodes[s].x = x;
			nodes[s].y = y;
			nodes[s].place = CHART_PLACE_WRAP;
			nodes[s].subrow = (int)j;
			x += nodes[s].w + pp->sibling_gap;
		}
		y += rh + pp->level_gap;
	}
}

/*
 * One layout round for the current choice of blocks: sets every node's
 * x, y and place, and returns the chart's width (*height its height).
 */
static double layout_round(struct chart_work *wk, struct chart_node *nodes,
                           const struct chart_params *pp, double *height)
{
	size_t n = wk->n;
	double lo = INFINITY, hi = -INFINITY, top = INFINITY, bottom = -INFINITY;

	chart_choose_blocks(wk, pp->arrange);
	chart_build_layout_tree(wk);
	chart_measure(wk, nodes, pp);
	chart_order_levels(wk);
	chart_place_rows(wk, nodes, pp);
	tidy(wk, pp->sibling_gap);
	for (size_t j = 0; j < wk->order_len; j++) {
		size_t v = wk->order[j];

		if (v >= n) {
			place_block(wk, nodes, pp, v - n, wk->row_y[wk->depth[v]]);
			continue;
		}
		nodes[v].x = wk->cx[v] - nodes[v].w / 2;
		nodes[v].y = wk->row_y[wk->depth[v]];
		nodes[v].place = CHART_PLACE_ROW;
		nodes[v].subrow = 0;
		if (wk->staff_first[v] != NONE)
			place_staff(wk, nodes, pp, v);
	}
	for (size_t i = 0; i < n; i++) {
		lo = fmin(lo, nodes[i].x);
		hi = fmax(hi, nodes[i].x + nodes[i].w);
		top = fmin(top, nodes[i].y);
		bottom = fmax(bottom, nodes[i].y + nodes[i].h);
	}
	*height = bottom - top;
	return hi - lo;
}

/* Moves everything so the bounding box of boxes and connectors (a
 * column's line may be left of every box) starts at (0, 0). */
static void normalise(struct chart_node *nodes, size_t n,
                      struct chart_result *r)
{
	double x0 = INFINITY, y0 = INFINITY, x1 = -INFINITY, y1 = -INFINITY;

	for (size_t i = 0; i < n; i++) {
		x0 = fmin(x0, nodes[i].x);
		y0 = fmin(y0, nodes[i].y);
		x1 = fmax(x1, nodes[i].x + nodes[i].w);
		y1 = fmax(y1, nodes[i].y + nodes[i].h);
	}
	for (size_t i = 0; i < r->segments_len; i++) {
		const struct chart_segment *g = &r->segments[i];

		x0 = fmin(x0, fmin(g->x1, g->x2));
		x1 = fmax(x1, fmax(g->x1, g->x2));
	}
	for (size_t i = 0; i < n; i++) {
		nodes[i].x -= x0;
		nodes[i].y -= y0;
	}
	for (size_t i = 0; i < r->segments_len; i++) {
		r->segments[i].x1 -= x0;
		r->segments[i].x2 -= x0;
		r->segments[i].y1 -= y0;
		r->segments[i].y2 -= y0;
	}
	r->width = x1 - x0;
	r->height = y1 - y0;
}

/* The largest limit in [lo, hi] for which the chart is narrow enough,
 * by binary search (narrower as the limit falls), or lo if none is; the
 * nodes are left laid out at that limit. */
static void search_limit(struct chart_work *wk, struct chart_node *nodes,
                         const struct chart_params *pp, size_t *limit,
                         size_t lo, size_t hi, double max_w)
{
	size_t best = lo, at = NONE;
	double h;

	while (lo <= hi) {
		size_t mid = lo + (hi - lo + 1) / 2;

		*limit = mid;
		at = mid;
		if (layout_round(wk, nodes, pp, &h) <= max_w) {
			best = mid;
			lo = mid + 1;
		} else {
			if (mid == 0)
				break;
			hi = mid - 1;
		}
	}
	*limit = best;
	if (at != best)
		layout_round(wk, nodes, pp, &h);
}

int chart_layout(struct chart_node *nodes, size_t n,
                 const struct chart_params *params,
                 struct chart_result *result)
{
	struct chart_work wk = { 0 };
	double width, height, max_w, max_h;
	int rc = -1;

	if (!result)
		return -1;
	memset(result, 0, sizeof *result);
	if (!nodes || !params || n == 0 || n > SIZE_MAX / 4 / sizeof(double))
		return -1;
	chart_work_init(&wk, n);
	if (chart_check_tree(&wk, nodes) != 0)
		goto fail;
	/* Rounding in the tidy sums must not turn an exact fit into a miss. */
	max_w = params->max_width + EPS * fmax(1, fabs(params->max_width));
	max_h = params->max_height + EPS * fmax(1, fabs(params->max_height));
	/* First with no blocks at all: if that is narrow enough, nothing
	 * needs wrapping or stacking. */
	wk.wrap_cap = wk.stack_min = SIZE_MAX;
	width = layout_round(&wk, nodes, params, &height);
	if (width > max_w && params->arrange != CHART_ROWS) {
		size_t most = 0;

		for (size_t p = 0; p < n; p++) {
			size_t k = params->arrange == CHART_WRAP
			         ? (wk.kids[p] == wk.leaves[p] ? wk.kids[p] : 0)
			         : wk.leaves[p];

			most = k > most ? k : most;
		}
		/* WRAP: rows of at most C, C from most - 1 down to 2; STACK:
		 * parents with at least S leaves, S from most down to 2. */
		if (params->arrange == CHART_WRAP && most >= 3)
			search_limit(&wk, nodes, params, &wk.wrap_cap, 2, most - 1,
			             max_w);
		else if (params->arrange == CHART_STACK && most >= 2)
			search_limit(&wk, nodes, params, &wk.stack_min, 2, most,
			             max_w);
	}
	chart_connect(&wk, nodes, params, result);
	normalise(nodes, n, result);
	result->fits = result->width <= max_w && result->height <= max_h;
	rc = 0;
fail:
	chart_work_release(&wk);
	return rc;
}
