/*
 * chart_tree.c: the layout tree of an org chart and its measurements.
 *
 * Before each layout round (chart.c), the caller's tree is checked once,
 * then rebuilt as a layout tree (children plus a virtual node per stack),
 * measured (extents, staff and stack heights), ordered breadth-first and
 * given one row per level. Every walk is over arrays, never recursive.
 */
#include "chart_work.h"

#include <math.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "briefing/base/xalloc.h"

void chart_work_init(struct chart_work *wk, size_t n)
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

void chart_work_release(struct chart_work *wk)
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
int chart_check_tree(struct chart_work *wk, const struct chart_node *nodes)
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
void chart_build_layout_tree(struct chart_work *wk)
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
void chart_measure(struct chart_work *wk, const struct chart_node *nodes,
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
void chart_order_levels(struct chart_work *wk)
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
void chart_place_rows(struct chart_work *wk, const struct chart_node *nodes,
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
