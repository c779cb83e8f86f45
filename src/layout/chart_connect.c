/*
 * chart_connect.c: the connectors of an org chart, once its boxes are
 * placed.
 *
 * Connectors are "down, across, down" with one bus per gap, halfway; the
 * rows of a wrapped block are joined by risers in the gaps between the
 * boxes above, so no line ever crosses a box. This is separate from
 * chart.c because it runs once, after the layout rounds have settled the
 * boxes, and only reads their positions.
 */
#include "chart.h"

#include "chart_work.h"

#include <math.h>

#include "briefing/base/xalloc.h"

static void add_segment(struct chart_result *r, size_t *cap, double x1,
                        double y1, double x2, double y2)
{
	if (fabs(x2 - x1) + fabs(y2 - y1) < EPS)
		return;
	r->segments = xgrow(r->segments, cap, r->segments_len + 1,
	                    sizeof *r->segments);
	r->segments[r->segments_len++] = (struct chart_segment){ x1, y1, x2, y2 };
}

/* A column's line from y down to its last leaf's middle, and an arm from
 * the line to each leaf's left edge. */
static void connect_stack(const struct chart_work *wk,
                          const struct chart_node *nodes, size_t p, double y,
                          struct chart_result *r, size_t *cap)
{
	double line = wk->cx[wk->n + p], low = y;

	for (size_t s = wk->block_first[p]; s != NONE; s = wk->snext[s])
		low = nodes[s].y + nodes[s].h / 2;
	add_segment(r, cap, line, y, line, low);
	for (size_t s = wk->block_first[p]; s != NONE; s = wk->snext[s]) {
		double m = nodes[s].y + nodes[s].h / 2;

		add_segment(r, cap, line, m, nodes[s].x, m);
	}
}

/*
 * Wrapped rows after the first: from the bus over row j - 1, risers run
 * down through that row's gaps to a bus over row j, halfway between the
 * rows, and drop to each box. The riser is at the block's centre when
 * that is a gap (an even row of equal boxes), else in the gaps either
 * side of the box there, so the drawing stays symmetric.
 */
static void connect_wrap(const struct chart_work *wk,
                         const struct chart_node *nodes,
                         const struct chart_params *pp, size_t p,
                         double bus, struct chart_result *r, size_t *cap)
{
	size_t k = wk->kids[p], rows = wk->block_rows[p];
	size_t s = wk->block_first[p], prev = NONE, prev_len = 0;
	double line = wk->cx[wk->n + p];

	for (size_t j = 0; j < rows; j++) {
		size_t len = chart_wrap_row_len(k, rows, j), end, t;
		double rw, rh, lo = INFINITY, hi = -INFINITY, risers[2];
		int nr = 0;

		chart_wrap_row_size(wk, nodes, pp, s, len, &rw, &rh, &end);
		if (j > 0) {
			double next_bus = nodes[s].y - pp->level_gap / 2;
			bool have_l = false, have_r = false, centre = false;
			double lmid = 0, rmid = 0;

			t = prev;
			for (size_t i = 0; i + 1 < prev_len; i++, t = wk->snext[t]) {
				size_t u = wk->snext[t];
				double g0 = nodes[t].x + nodes[t].w, g1 = nodes[u].x;

				if (line >= g0 - EPS && line <= g1 + EPS) {
					centre = true;
					break;
				}
				if (g1 <= line) {
					lmid = (g0 + g1) / 2;
					have_l = true;
				} else if (!have_r) {
					rmid = (g0 + g1) / 2;
					have_r = true;
				}
			}
			if (centre) {
				risers[nr++] = line;
			} else {
				if (have_l)
					risers[nr++] = lmid;
				if (have_r)
					risers[nr++] = rmid;
			}
			for (int i = 0; i < nr; i++) {
				add_segment(r, cap, risers[i], bus, risers[i], next_bus);
				lo = fmin(lo, risers[i]);
				hi = fmax(hi, risers[i]);
			}
			bus = next_bus;
		}
		for (t = s; t != end; t = wk->snext[t]) {
			lo = fmin(lo, nodes[t].x + nodes[t].w / 2);
			hi = fmax(hi, nodes[t].x + nodes[t].w / 2);
		}
		if (j > 0)
			add_segment(r, cap, lo, bus, hi, bus);
		for (t = s; t != end; t = wk->snext[t])
			add_segment(r, cap, nodes[t].x + nodes[t].w / 2, bus,
			            nodes[t].x + nodes[t].w / 2, nodes[t].y);
		prev = s;
		prev_len = len;
		s = end;
	}
}

/* The leftmost and rightmost x where a layout child meets its parent's
 * bus. */
static double drop_x(const struct chart_work *wk,
                     const struct chart_node *nodes, size_t c, bool last)
{
	size_t p, s, t;

	if (c < wk->n || wk->block[c - wk->n] == BLOCK_STACK)
		return wk->cx[c];
	p = c - wk->n;
	s = t = wk->block_first[p];
	for (size_t i = 1; i < chart_wrap_row_len(wk->kids[p],
	                                          wk->block_rows[p], 0); i++)
		t = wk->snext[t];
	return last ? nodes[t].x + nodes[t].w / 2 : nodes[s].x + nodes[s].w / 2;
}

/*
 * Connectors, "down, across, down": parent to a bus halfway above the
 * children's row, the bus, then down to each child; a single child hangs
 * straight below its parent. A column hangs on one line with a short arm
 * to each leaf; staff hang on stubs off the parent's line.
 */
void chart_connect(const struct chart_work *wk, const struct chart_node *nodes,
                   const struct chart_params *pp, struct chart_result *r)
{
	size_t n = wk->n, cap = 0;

	for (size_t j = 0; j < wk->order_len; j++) {
		size_t v = wk->order[j], f, d;
		double cx, bottom, low = -INFINITY;

		if (v >= n)
			continue;
		cx = wk->cx[v];
		d = wk->depth[v];
		f = wk->first[v];
		bottom = nodes[v].y + nodes[v].h;
		for (size_t s = wk->staff_first[v]; s != NONE; s = wk->snext[s])
			low = fmax(low, nodes[s].y + nodes[s].h / 2);
		if (f == NONE) {
			if (wk->staff_first[v] != NONE)
				add_segment(r, &cap, cx, bottom, cx, low);
		} else if (f == wk->last[v] && (f < n || wk->block[v] == BLOCK_STACK)) {
			if (f < n)
				add_segment(r, &cap, cx, bottom, cx, nodes[f].y);
			else
				connect_stack(wk, nodes, v, bottom, r, &cap);
		} else {
			double bus = wk->row_y[d + 1] - wk->gap[d] / 2;

			add_segment(r, &cap, cx, bottom, cx, bus);
			add_segment(r, &cap, drop_x(wk, nodes, f, false), bus,
			            drop_x(wk, nodes, wk->last[v], true), bus);
			for (size_t c = f; c != NONE; c = wk->next[c]) {
				if (c < n)
					add_segment(r, &cap, wk->cx[c], bus, wk->cx[c],
					            nodes[c].y);
				else if (wk->block[c - n] == BLOCK_STACK)
					connect_stack(wk, nodes, c - n, bus, r, &cap);
				else
					connect_wrap(wk, nodes, pp, c - n, bus, r, &cap);
			}
		}
		for (size_t s = wk->staff_first[v]; s != NONE; s = wk->snext[s]) {
			double y = nodes[s].y + nodes[s].h / 2;
			double edge = nodes[s].x > cx ? nodes[s].x
			                              : nodes[s].x + nodes[s].w;

			add_segment(r, &cap, cx, y, edge, y);
		}
	}
}
