/*
 * chart.c: tidy-tree layout of organisational charts.
 *
 * x comes from Walker's algorithm in the linear-time form of Buchheim,
 * Jünger and Leipert (2002), run on a "layout tree": the ordinary
 * children of each node, plus one virtual node standing for the column of
 * a stacked parent's leaves. Every layout node has a reference x (its
 * centre for a box) and a left and a right extent around it; neighbours
 * on one level are kept extents + sibling_gap apart, level by level, so
 * whole subtrees' contours are separated, not only their roots. Extents
 * are how staff boxes and stacks reserve room: a parent's extent covers
 * its staff boxes and its stack, so nothing can be placed beside them.
 *
 * y is one row per level: a row is as tall as its tallest box (or stack),
 * rows are level_gap apart, and a level whose parents have staff gets an
 * extra band between its row and the next, where the staff boxes sit.
 *
 * stack_indent is expected to be positive: the stack hangs to the right
 * of its parent's line, and the arms run right to each leaf.
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

/* Places a parent's staff: right, left, right..., each pair centred on
 * its staff row; the block is centred in its level's band. Returns the
 * block's bottom. */
static double place_staff(struct chart_work *wk, struct chart_node *nodes,
                          const struct chart_params *pp, size_t v)
{
	size_t d = wk->depth[v];
	double cx = wk->cx[v];
	double top = wk->row_y[d] + wk->row_h[d] + pp->level_gap +
	             (wk->band_h[d] - wk->staff_h[v]) / 2;
	size_t k = 0;

	for (size_t s = wk->staff_first[v]; s != NONE; s = wk->snext[s]) {
		size_t t = wk->snext[s];
		double rh = nodes[s].h;

		if (t != NONE && nodes[t].h > rh)
			rh = nodes[t].h;
		top += k++ ? pp->stack_gap : 0;
		nodes[s].x = cx + pp->sibling_gap;
		nodes[s].y = top + (rh - nodes[s].h) / 2;
		if (t != NONE) {
			nodes[t].x = cx - pp->sibling_gap - nodes[t].w;
			nodes[t].y = top + (rh - nodes[t].h) / 2;
		}
		top += rh;
		if (t == NONE)
			break;
		s = t;
	}
	return top;
}

/*
 * One layout round for the current choice of stacked parents: sets every
 * node's x, y and stacked, and returns the chart's width.
 */
static double layout_round(struct chart_work *wk, struct chart_node *nodes,
                           const struct chart_params *pp)
{
	size_t n = wk->n;
	double lo = INFINITY, hi = -INFINITY;

	chart_build_layout_tree(wk);
	chart_measure(wk, nodes, pp);
	chart_order_levels(wk);
	chart_place_rows(wk, nodes, pp);
	tidy(wk, pp->sibling_gap);
	for (size_t j = 0; j < wk->order_len; j++) {
		size_t v = wk->order[j];
		double below;

		if (v >= n)
			continue;
		nodes[v].x = wk->cx[v] - nodes[v].w / 2;
		nodes[v].y = wk->row_y[wk->depth[v]];
		nodes[v].stacked = false;
		below = nodes[v].y + nodes[v].h;
		if (wk->staff_first[v] != NONE)
			below = place_staff(wk, nodes, pp, v);
		below += pp->level_gap;
		for (size_t s = wk->stack_first[v]; s != NONE; s = wk->snext[s]) {
			nodes[s].x = wk->cx[v] + pp->stack_indent;
			nodes[s].y = below;
			nodes[s].stacked = true;
			below += nodes[s].h + pp->stack_gap;
		}
	}
	for (size_t i = 0; i < n; i++) {
		if (wk->staff[i])
			nodes[i].stacked = false;
		lo = fmin(lo, nodes[i].x);
		hi = fmax(hi, nodes[i].x + nodes[i].w);
	}
	return hi - lo;
}

/*
 * Parents that may be stacked, in the order the greedy takes them: most
 * stackable leaves first, ties by lowest index. A parent qualifies when
 * it has at least two non-staff children and all of them are leaves.
 * Counting sort keeps this linear. Returns the count; *out is owned by
 * the caller.
 */
static size_t stack_candidates(const struct chart_work *wk, size_t **out)
{
	size_t n = wk->n, len = 0, *count, *bucket, *res;

	count = xcalloc(n, sizeof *count);
	for (size_t p = 0; p < n; p++) {
		size_t k = 0;

		for (size_t c = wk->kid_first[p]; c != NONE; c = wk->kid_next[c]) {
			if (wk->staff[c])
				continue;
			if (wk->kid_first[c] != NONE) {
				k = 0;
				break;
			}
			k++;
		}
		count[p] = k >= 2 ? k : 0;
		len += k >= 2;
	}
	/* bucket[k]: where candidates with k leaves start, most first. */
	bucket = xcalloc(n + 1, sizeof *bucket);
	for (size_t p = 0; p < n; p++)
		if (count[p])
			bucket[count[p]]++;
	for (size_t k = n, at = 0; k > 0; k--) {
		size_t c = bucket[k];

		bucket[k] = at;
		at += c;
	}
	res = xmalloc(len * sizeof *res);
	for (size_t p = 0; p < n; p++)
		if (count[p])
			res[bucket[count[p]]++] = p;
	free(bucket);
	free(count);
	*out = res;
	return len;
}

static void add_segment(struct chart_result *r, size_t *cap, double x1,
                        double y1, double x2, double y2)
{
	if (fabs(x2 - x1) + fabs(y2 - y1) < EPS)
		return;
	r->segments = xgrow(r->segments, cap, r->segments_len + 1,
	                    sizeof *r->segments);
	r->segments[r->segments_len++] = (struct chart_segment){ x1, y1, x2, y2 };
}

/*
 * Connectors, "down, across, down": parent to a bus halfway above the
 * children's row, the bus, then down to each child. A stack hangs on one
 * line from the parent with a short arm to each leaf's left edge; staff
 * hang off the parent's line the same way.
 */
static void connect(const struct chart_work *wk, const struct chart_node *nodes,
                    const struct chart_params *pp, struct chart_result *r)
{
	size_t n = wk->n, cap = 0;

	for (size_t j = 0; j < wk->order_len; j++) {
		size_t v = wk->order[j];
		double cx, bottom, low = -INFINITY;
		size_t side;

		if (v >= n)
			continue;
		cx = wk->cx[v];
		bottom = nodes[v].y + nodes[v].h;
		for (size_t s = wk->staff_first[v]; s != NONE; s = wk->snext[s])
			low = fmax(low, nodes[s].y + nodes[s].h / 2);
		if (wk->stacked[v]) {
			for (size_t s = wk->stack_first[v]; s != NONE; s = wk->snext[s])
				low = nodes[s].y + nodes[s].h / 2;
			add_segment(r, &cap, cx, bottom, cx, low);
			for (size_t s = wk->stack_first[v]; s != NONE; s = wk->snext[s]) {
				double y = nodes[s].y + nodes[s].h / 2;

				add_segment(r, &cap, cx, y, nodes[s].x, y);
			}
		} else if (wk->first[v] != NONE) {
			double bus = wk->row_y[wk->depth[v] + 1] -
			             pp->level_gap / 2;

			add_segment(r, &cap, cx, bottom, cx, bus);
			add_segment(r, &cap, wk->cx[wk->first[v]], bus,
			            wk->cx[wk->last[v]], bus);
			for (size_t c = wk->first[v]; c != NONE; c = wk->next[c])
				add_segment(r, &cap, wk->cx[c], bus, wk->cx[c],
				            nodes[c].y);
		} else if (wk->staff_first[v] != NONE) {
			add_segment(r, &cap, cx, bottom, cx, low);
		}
		/* Staff alternate right (near edge: left) and left. */
		side = 0;
		for (size_t s = wk->staff_first[v]; s != NONE; s = wk->snext[s]) {
			double y = nodes[s].y + nodes[s].h / 2;
			double edge = side++ % 2 ? nodes[s].x + nodes[s].w
			                         : nodes[s].x;

			add_segment(r, &cap, cx, y, edge, y);
		}
	}
}

/* Moves everything so the bounding box starts at (0, 0). */
static void normalise(struct chart_node *nodes, size_t n,
                      struct chart_result *r)
{
	double x0 = INFINITY, y0 = INFINITY, x1 = -INFINITY, y1 = -INFINITY;

	for (size_t i = 0; i < n; i++) {
		x0 = fmin(x0, nodes[i].x);
		y0 = fmin(y0, nodes[i].y);
	}
	for (size_t i = 0; i < n; i++) {
		nodes[i].x -= x0;
		nodes[i].y -= y0;
		x1 = fmax(x1, nodes[i].x + nodes[i].w);
		y1 = fmax(y1, nodes[i].y + nodes[i].h);
	}
	for (size_t i = 0; i < r->segments_len; i++) {
		r->segments[i].x1 -= x0;
		r->segments[i].x2 -= x0;
		r->segments[i].y1 -= y0;
		r->segments[i].y2 -= y0;
	}
	r->width = x1;
	r->height = y1;
}

int chart_layout(struct chart_node *nodes, size_t n,
                 const struct chart_params *params,
                 struct chart_result *result)
{
	struct chart_work wk = { 0 };
	size_t *cand = NULL, ncand;
	double width, limit;
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
	limit = params->max_width + EPS * fmax(1, fabs(params->max_width));
	width = layout_round(&wk, nodes, params);
	if (width > limit && params->allow_stack) {
		/* Greedy: the parent with the most leaves saves the most
		 * width, and re-laying out after each one stops as soon as
		 * the chart fits. One linear round per candidate at most. */
		ncand = stack_candidates(&wk, &cand);
		for (size_t k = 0; k < ncand && width > limit; k++) {
			wk.stacked[cand[k]] = true;
			width = layout_round(&wk, nodes, params);
		}
	}
	connect(&wk, nodes, params, result);
	normalise(nodes, n, result);
	result->fits = result->width <= limit;
	rc = 0;
fail:
	free(cand);
	chart_work_release(&wk);
	return rc;
}
