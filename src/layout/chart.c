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

#include <math.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "briefing/base/xalloc.h"

#define NONE ((size_t)-1)
/* Lengths below this are rounding noise, not connectors or overflow. */
#define EPS 1e-9

/*
 * All per-node state of one chart_layout() call. Indices below n are the
 * caller's nodes; n + p is the virtual node for p's stack. The arrays are
 * allocated once and reset by each layout round.
 */
struct chart_work {
	size_t n, root;
	/* the input tree, children in index order */
	size_t *kid_first, *kid_next;
	bool *staff;        /* staff in effect: a leaf that has a parent */
	bool *stacked;      /* parents whose leaves are stacked this round */
	/* per real node: its staff and stacked leaves, in index order */
	size_t *staff_first, *stack_first, *snext;  /* snext: next in either */
	double *staff_h, *stack_h;
	/* the layout tree (2n slots) */
	size_t *lparent, *first, *last, *next, *prev, *number;
	size_t *order, order_len, *depth;
	double *left, *right;
	/* Buchheim-Jünger-Leipert fields, named as in the paper */
	double *prelim, *mod, *shift, *change, *cx;
	size_t *thread, *ancestor;
	/* per level */
	size_t levels;
	double *row_h, *band_h, *row_y;
	bool *has_band;
};

static void work_init(struct chart_work *wk, size_t n)
{
	size_t m = 2 * n;

	wk->n = n;
	wk->root = NONE;
	wk->kid_first = xmalloc(n * sizeof *wk->kid_first);
	wk->kid_next = xmalloc(n * sizeof *wk->kid_next);
	wk->staff = xcalloc(n, sizeof *wk->staff);
	wk->stacked = xcalloc(n, sizeof *wk->stacked);
	wk->staff_first = xmalloc(n * sizeof *wk->staff_first);
	wk->stack_first = xmalloc(n * sizeof *wk->stack_first);
	wk->snext = xmalloc(n * sizeof *wk->snext);
	wk->staff_h = xcalloc(n, sizeof *wk->staff_h);
	wk->stack_h = xcalloc(n, sizeof *wk->stack_h);
	wk->lparent = xmalloc(m * sizeof *wk->lparent);
	wk->first = xmalloc(m * sizeof *wk->first);
	wk->last = xmalloc(m * sizeof *wk->last);
	wk->next = xmalloc(m * sizeof *wk->next);
	wk->prev = xmalloc(m * sizeof *wk->prev);
	wk->number = xmalloc(m * sizeof *wk->number);
	wk->order = xmalloc(m * sizeof *wk->order);
	wk->depth = xmalloc(m * sizeof *wk->depth);
	wk->left = xmalloc(m * sizeof *wk->left);
	wk->right = xmalloc(m * sizeof *wk->right);
	wk->prelim = xmalloc(m * sizeof *wk->prelim);
	wk->mod = xmalloc(m * sizeof *wk->mod);
	wk->shift = xmalloc(m * sizeof *wk->shift);
	wk->change = xmalloc(m * sizeof *wk->change);
	wk->cx = xmalloc(m * sizeof *wk->cx);
	wk->thread = xmalloc(m * sizeof *wk->thread);
	wk->ancestor = xmalloc(m * sizeof *wk->ancestor);
	/* A tree of n nodes has at most n levels, plus one for stacks. */
	wk->row_h = xmalloc((n + 1) * sizeof *wk->row_h);
	wk->band_h = xmalloc((n + 1) * sizeof *wk->band_h);
	wk->row_y = xmalloc((n + 2) * sizeof *wk->row_y);
	wk->has_band = xmalloc((n + 1) * sizeof *wk->has_band);
}

static void work_release(struct chart_work *wk)
{
	free(wk->kid_first);
	free(wk->kid_next);
	free(wk->staff);
	free(wk->stacked);
	free(wk->staff_first);
	free(wk->stack_first);
	free(wk->snext);
	free(wk->staff_h);
	free(wk->stack_h);
	free(wk->lparent);
	free(wk->first);
	free(wk->last);
	free(wk->next);
	free(wk->prev);
	free(wk->number);
	free(wk->order);
	free(wk->depth);
	free(wk->left);
	free(wk->right);
	free(wk->prelim);
	free(wk->mod);
	free(wk->shift);
	free(wk->change);
	free(wk->cx);
	free(wk->thread);
	free(wk->ancestor);
	free(wk->row_h);
	free(wk->band_h);
	free(wk->row_y);
	free(wk->has_band);
}

/*
 * Builds the child lists and checks that the nodes form one tree: exactly
 * one root, parents in range, and every node reachable from the root
 * (a node on a cycle never is). Reads the nodes only, so a bad tree
 * leaves them untouched. Returns 0 or -1.
 */
static int check_tree(struct chart_work *wk, const struct chart_node *nodes)
{
	size_t n = wk->n, *tail, seen = 0, head = 0;
	int rc = -1;

	tail = xmalloc(n * sizeof *tail);
	for (size_t i = 0; i < n; i++)
		wk->kid_first[i] = wk->kid_next[i] = tail[i] = NONE;
	for (size_t i = 0; i < n; i++) {
		int p = nodes[i].parent;

		if (p == -1) {
			if (wk->root != NONE)
				goto fail;
			wk->root = i;
			continue;
		}
		if (p < 0 || (size_t)p >= n)
			goto fail;
		/* Appending in index order keeps children in index order. */
		if (tail[p] == NONE)
			wk->kid_first[p] = i;
		else
			wk->kid_next[tail[p]] = i;
		tail[p] = i;
	}
	if (wk->root == NONE)
		goto fail;
	/* Breadth-first count, reusing tail as the queue. */
	tail[seen++] = wk->root;
	while (head < seen) {
		size_t v = tail[head++];

		for (size_t c = wk->kid_first[v]; c != NONE; c = wk->kid_next[c])
			tail[seen++] = c;
	}
	if (seen != n)
		goto fail;
	for (size_t i = 0; i < n; i++)
		wk->staff[i] = nodes[i].staff && nodes[i].parent != -1 &&
		               wk->kid_first[i] == NONE;
	rc = 0;
fail:
	free(tail);
	return rc;
}

static void link_child(struct chart_work *wk, size_t p, size_t c)
{
	wk->lparent[c] = p;
	wk->prev[c] = wk->last[p];
	wk->next[c] = NONE;
	if (wk->last[p] == NONE) {
		wk->first[p] = c;
		wk->number[c] = 1;
	} else {
		wk->next[wk->last[p]] = c;
		wk->number[c] = wk->number[wk->last[p]] + 1;
	}
	wk->last[p] = c;
}

/*
 * Sorts each node's children into staff, stacked leaves and row children
 * (the layout tree), and gives each stacked parent its virtual child.
 */
static void build_layout_tree(struct chart_work *wk)
{
	size_t n = wk->n;

	for (size_t i = 0; i < 2 * n; i++)
		wk->lparent[i] = wk->first[i] = wk->last[i] = wk->next[i] =
			wk->prev[i] = NONE;
	for (size_t i = 0; i < n; i++) {
		wk->staff_first[i] = wk->stack_first[i] = NONE;
		wk->snext[i] = NONE;
	}
	/* Walk each parent's children once, so side lists stay in index
	 * order without tail arrays. */
	for (size_t p = 0; p < n; p++) {
		size_t staff_last = NONE, stack_last = NONE;

		for (size_t c = wk->kid_first[p]; c != NONE; c = wk->kid_next[c]) {
			if (wk->staff[c]) {
				if (staff_last == NONE)
					wk->staff_first[p] = c;
				else
					wk->snext[staff_last] = c;
				staff_last = c;
			} else if (wk->stacked[p]) {
				if (stack_last == NONE)
					wk->stack_first[p] = c;
				else
					wk->snext[stack_last] = c;
				stack_last = c;
			} else {
				link_child(wk, p, c);
			}
		}
		if (wk->stacked[p])
			link_child(wk, p, n + p);
	}
}

/*
 * Extents around each layout node's reference x, and the heights of staff
 * blocks and stacks. Staff alternate right, left, right...; each
 * right/left pair shares a staff row, rows stack_gap apart. A staff box
 * sits sibling_gap from its parent's line, so the parent reserves
 * gap + width on that side. A stack's column runs from the parent's line
 * (the connector) to indent + widest leaf; the parent reserves it on its
 * own level, where the stack may begin, and the virtual node on the next.
 */
static void measure(struct chart_work *wk, const struct chart_node *nodes,
                    const struct chart_params *pp)
{
	size_t n = wk->n;

	for (size_t i = 0; i < n; i++) {
		double half = nodes[i].w / 2, wl = -1, wr = -1, block = 0;
		size_t k = 0;

		wk->left[i] = wk->right[i] = half;
		for (size_t s = wk->staff_first[i]; s != NONE; s = wk->snext[s]) {
			size_t t = wk->snext[s];
			double rh = nodes[s].h;

			/* s goes right, its partner t (if any) left. */
			if (nodes[s].w > wr)
				wr = nodes[s].w;
			if (t != NONE) {
				if (nodes[t].w > wl)
					wl = nodes[t].w;
				if (nodes[t].h > rh)
					rh = nodes[t].h;
			}
			block += (k++ ? pp->stack_gap : 0) + rh;
			if (t == NONE)
				break;
			s = t;
		}
		wk->staff_h[i] = block;
		if (wr >= 0 && pp->sibling_gap + wr > wk->right[i])
			wk->right[i] = pp->sibling_gap + wr;
		if (wl >= 0 && pp->sibling_gap + wl > wk->left[i])
			wk->left[i] = pp->sibling_gap + wl;
		if (wk->stacked[i]) {
			double maxw = 0, sum = 0, a, b;

			k = 0;
			for (size_t s = wk->stack_first[i]; s != NONE; s = wk->snext[s]) {
				sum += (k++ ? pp->stack_gap : 0) + nodes[s].h;
				if (nodes[s].w > maxw)
					maxw = nodes[s].w;
			}
			wk->stack_h[i] = sum;
			a = fmin(0, pp->stack_indent);
			b = fmax(0, pp->stack_indent + maxw);
			wk->left[i] = fmax(wk->left[i], -a);
			wk->right[i] = fmax(wk->right[i], b);
			wk->left[n + i] = -a;
			wk->right[n + i] = b;
		}
	}
}

/* The layout tree in breadth-first order, with depths. */
static void order_levels(struct chart_work *wk)
{
	size_t head = 0, len = 0;

	wk->order[len++] = wk->root;
	wk->depth[wk->root] = 0;
	wk->levels = 1;
	while (head < len) {
		size_t v = wk->order[head++];

		for (size_t c = wk->first[v]; c != NONE; c = wk->next[c]) {
			wk->depth[c] = wk->depth[v] + 1;
			if (wk->depth[c] + 1 > wk->levels)
				wk->levels = wk->depth[c] + 1;
			wk->order[len++] = c;
		}
	}
	wk->order_len = len;
}

/*
 * Row tops: y(k + 1) = y(k) + row height + level_gap, plus a staff band
 * and another level_gap when level k has staff. A virtual node counts
 * with its stack's height, which is what keeps a stack clear of the row
 * below it: the stack starts no lower than its row's top.
 */
static void place_rows(struct chart_work *wk, const struct chart_node *nodes,
                       const struct chart_params *pp)
{
	size_t n = wk->n;

	for (size_t k = 0; k < wk->levels; k++) {
		wk->row_h[k] = wk->band_h[k] = 0;
		wk->has_band[k] = false;
	}
	for (size_t j = 0; j < wk->order_len; j++) {
		size_t v = wk->order[j], d = wk->depth[v];
		double h = v < n ? nodes[v].h : wk->stack_h[v - n];

		if (h > wk->row_h[d])
			wk->row_h[d] = h;
		if (v < n && wk->staff_first[v] != NONE) {
			wk->has_band[d] = true;
			if (wk->staff_h[v] > wk->band_h[d])
				wk->band_h[d] = wk->staff_h[v];
		}
	}
	wk->row_y[0] = 0;
	for (size_t k = 0; k < wk->levels; k++) {
		wk->row_y[k + 1] = wk->row_y[k] + wk->row_h[k] + pp->level_gap;
		if (wk->has_band[k])
			wk->row_y[k + 1] += wk->band_h[k] + pp->level_gap;
	}
}

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

	build_layout_tree(wk);
	measure(wk, nodes, pp);
	order_levels(wk);
	place_rows(wk, nodes, pp);
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
	work_init(&wk, n);
	if (check_tree(&wk, nodes) != 0)
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
	work_release(&wk);
	return rc;
}
