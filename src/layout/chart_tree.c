/*
 * chart_tree.c: the layout tree of an org chart and its measurements.
 *
 * Before each layout round (chart.c), the caller's tree is checked once,
 * then rebuilt as a layout tree (children plus a virtual node per block
 * of leaves: a stack or wrapped rows), measured (extents, staff and block
 * sizes), ordered breadth-first and given one row per level. Every walk is over arrays, never recursive.
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
	wk->leaves = xcalloc(n, sizeof *wk->leaves);
	wk->kids = xcalloc(n, sizeof *wk->kids);
	wk->block = xcalloc(n, sizeof *wk->block);
	wk->block_rows = xcalloc(n, sizeof *wk->block_rows);
	wk->staff_first = xmalloc(n * sizeof *wk->staff_first);
	wk->block_first = xmalloc(n * sizeof *wk->block_first);
	wk->snext = xmalloc(n * sizeof *wk->snext);
	wk->staff_h = xcalloc(n, sizeof *wk->staff_h);
	wk->block_h = xcalloc(n, sizeof *wk->block_h);
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
	/* A tree of n nodes has at most n levels, plus one for blocks;
	 * has_band's second half holds each level's fork flag. */
	wk->row_h = xmalloc((n + 1) * sizeof *wk->row_h);
	wk->band_h = xmalloc((n + 1) * sizeof *wk->band_h);
	wk->gap = xmalloc((n + 1) * sizeof *wk->gap);
	wk->row_y = xmalloc((n + 2) * sizeof *wk->row_y);
	wk->has_band = xmalloc(2 * (n + 1) * sizeof *wk->has_band);
}

void chart_work_release(struct chart_work *wk)
{
	free(wk->kid_first);
	free(wk->kid_next);
	free(wk->staff);
	free(wk->leaves);
	free(wk->kids);
	free(wk->block);
	free(wk->block_rows);
	free(wk->staff_first);
	free(wk->block_first);
	free(wk->snext);
	free(wk->staff_h);
	free(wk->block_h);
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
	free(wk->gap);
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
	for (size_t i = 0; i < n; i++) {
		size_t p = (size_t)nodes[i].parent;

		if (nodes[i].parent < 0 || wk->staff[i])
			continue;
		wk->kids[p]++;
		wk->leaves[p] += wk->kid_first[i] == NONE;
	}
	rc = 0;
fail:
	free(tail);
	return rc;
}

/* Every parent's block for this round. WRAP: a parent whose children
 * (staff aside) are all leaves, more than wrap_cap of them, wraps them
 * into as few rows of at most wrap_cap as it can. STACK: a parent with
 * at least stack_min (and two) leaves stacks them, whatever its other
 * children. */
void chart_choose_blocks(struct chart_work *wk, enum chart_arrange a)
{
	for (size_t p = 0; p < wk->n; p++) {
		size_t k = wk->kids[p], l = wk->leaves[p];

		wk->block[p] = BLOCK_NONE;
		wk->block_rows[p] = 1;
		if (a == CHART_WRAP && k == l && k > wk->wrap_cap &&
		    wk->wrap_cap >= 2) {
			wk->block[p] = BLOCK_WRAP;
			wk->block_rows[p] = (k + wk->wrap_cap - 1) / wk->wrap_cap;
		} else if (a == CHART_STACK && l >= 2 && l >= wk->stack_min) {
			wk->block[p] = BLOCK_STACK;
		}
	}
}

size_t chart_wrap_row_len(size_t k, size_t r, size_t j)
{
	return k / r + (j < k % r);
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
 * Sorts each node's children into staff, block leaves and row children
 * (the layout tree). A block's virtual child takes the place of its first
 * leaf, so the file order of the row is kept.
 */
void chart_build_layout_tree(struct chart_work *wk)
{
	size_t n = wk->n;

	for (size_t i = 0; i < 2 * n; i++)
		wk->lparent[i] = wk->first[i] = wk->last[i] = wk->next[i] =
			wk->prev[i] = NONE;
	for (size_t i = 0; i < n; i++) {
		wk->staff_first[i] = wk->block_first[i] = NONE;
		wk->snext[i] = NONE;
	}
	/* Walk each parent's children once, so side lists stay in index
	 * order without tail arrays. */
	for (size_t p = 0; p < n; p++) {
		size_t staff_last = NONE, block_last = NONE;

		for (size_t c = wk->kid_first[p]; c != NONE; c = wk->kid_next[c]) {
			bool leaf = wk->kid_first[c] == NONE;

			if (wk->staff[c]) {
				if (staff_last == NONE)
					wk->staff_first[p] = c;
				else
					wk->snext[staff_last] = c;
				staff_last = c;
			} else if (wk->block[p] != BLOCK_NONE && leaf) {
				if (block_last == NONE) {
					wk->block_first[p] = c;
					link_child(wk, p, n + p);
				} else {
					wk->snext[block_last] = c;
				}
				block_last = c;
			} else {
				link_child(wk, p, c);
			}
		}
	}
}

/*
 * Extents around each layout node's reference x, and the sizes of staff
 * blocks and leaf blocks. Staff alternate sides, the first on the side
 * params say; each pair shares a staff row, rows stack_gap apart. A staff
 * box sits staff_gap from its parent's line, so the parent reserves
 * gap + width on that side. A stack's reference x is its line: the
 * column runs from there to indent + widest leaf. Wrapped rows are
 * centred on the reference x.
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
			double *near = pp->staff_left ? &wl : &wr;
			double *far = pp->staff_left ? &wr : &wl;

			/* s goes to the first side, its partner t (if any) to
			 * the other. */
			*near = fmax(*near, nodes[s].w);
			if (t != NONE) {
				*far = fmax(*far, nodes[t].w);
				rh = fmax(rh, nodes[t].h);
			}
			block += (k++ ? pp->stack_gap : 0) + rh;
			if (t == NONE)
				break;
			s = t;
		}
		wk->staff_h[i] = block;
		if (wr >= 0)
			wk->right[i] = fmax(wk->right[i], pp->staff_gap + wr);
		if (wl >= 0)
			wk->left[i] = fmax(wk->left[i], pp->staff_gap + wl);
		if (wk->block[i] == BLOCK_STACK) {
			double maxw = 0, sum = 0;

			k = 0;
			for (size_t s = wk->block_first[i]; s != NONE; s = wk->snext[s]) {
				sum += (k++ ? pp->stack_gap : 0) + nodes[s].h;
				maxw = fmax(maxw, nodes[s].w);
			}
			wk->block_h[i] = sum;
			wk->left[n + i] = 0;
			wk->right[n + i] = pp->stack_indent + maxw;
		} else if (wk->block[i] == BLOCK_WRAP) {
			size_t r = wk->block_rows[i], j = 0, in_row = 0;
			double maxw = 0, rw = 0, rh = 0, sum = 0;

			for (size_t s = wk->block_first[i]; s != NONE; s = wk->snext[s]) {
				rw += (in_row ? pp->sibling_gap : 0) + nodes[s].w;
				rh = fmax(rh, nodes[s].h);
				if (++in_row == chart_wrap_row_len(wk->kids[i], r, j)) {
					maxw = fmax(maxw, rw);
					sum += (j ? pp->level_gap : 0) + rh;
					rw = rh = 0;
					in_row = 0;
					j++;
				}
			}
			wk->block_h[i] = sum;
			wk->left[n + i] = wk->right[n + i] = maxw / 2;
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
 * Row tops: y(k + 1) = y(k) + row height + the gap below level k, plus
 * half a level_gap and a staff band when level k has staff. The gap is
 * level_gap when some parent on level k forks (a bus in the middle of
 * the gap), half that when every parent there has one child below it:
 * then each connector stem, into a fork or straight down, is as long. A
 * virtual node counts with its block's height, which keeps a stack or
 * wrapped rows clear of the row below.
 */
void chart_place_rows(struct chart_work *wk, const struct chart_node *nodes,
                      const struct chart_params *pp)
{
	size_t n = wk->n;
	bool *fork = wk->has_band + wk->levels;

	for (size_t k = 0; k < wk->levels; k++) {
		wk->row_h[k] = wk->band_h[k] = 0;
		wk->has_band[k] = fork[k] = false;
	}
	for (size_t j = 0; j < wk->order_len; j++) {
		size_t v = wk->order[j], d = wk->depth[v];
		double h = v < n ? nodes[v].h : wk->block_h[v - n];

		wk->row_h[d] = fmax(wk->row_h[d], h);
		if (v >= n)
			continue;
		if (wk->staff_first[v] != NONE) {
			wk->has_band[d] = true;
			wk->band_h[d] = fmax(wk->band_h[d], wk->staff_h[v]);
		}
		if (wk->first[v] != NONE &&
		    (wk->first[v] != wk->last[v] || wk->block[v] == BLOCK_WRAP))
			fork[d] = true;
	}
	wk->row_y[0] = 0;
	for (size_t k = 0; k < wk->levels; k++) {
		wk->gap[k] = fork[k] ? pp->level_gap : pp->level_gap / 2;
		wk->row_y[k + 1] = wk->row_y[k] + wk->row_h[k] + wk->gap[k];
		if (wk->has_band[k])
			wk->row_y[k + 1] += pp->level_gap / 2 + wk->band_h[k];
	}
}
