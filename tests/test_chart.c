/*
 * Unit tests for chart.c: tidy-tree geometry. Every layout goes through
 * layout_ok(), which runs chart_layout() twice (the runs must agree) and
 * then chart_check(), the invariant walker: boxes inside the bounding box
 * and apart, rows level, parents centred, connectors orthogonal and clear
 * of boxes. The tests add the behaviour-specific assertions.
 */
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdint.h>
#include <math.h>
#include <stdlib.h>
#include <string.h>
#include <cmocka.h>

#include "briefing/base/xalloc.h"
#include "layout/chart.h"
#include "layout/chart_fit.h"
#include "chart_random.h"
#include "helpers.h"

#define TOL 1e-6
/* Above this many nodes the quadratic checks are skipped. */
#define CHECK_PAIRS_MAX 3000

static const struct chart_params base_params = {
	.level_gap = 20, .sibling_gap = 10, .stack_gap = 6, .stack_indent = 12,
	.staff_gap = 10, .max_width = 1e9, .max_height = 1e9,
	.arrange = CHART_ROWS,
};

static struct chart_node *nodes_new(size_t n, double w, double h)
{
	struct chart_node *t = calloc(n, sizeof *t);

	assert_non_null(t);
	for (size_t i = 0; i < n; i++) {
		t[i].w = w;
		t[i].h = h;
		t[i].parent = i ? 0 : -1;
	}
	return t;
}

/* chart_random_tree() without staff; out of memory fails the test. */
static struct chart_node *random_tree(size_t n, uint32_t seed)
{
	struct chart_node *t = chart_random_tree(n, seed, 0);

	assert_non_null(t);
	return t;
}

/* Marks about a quarter of the nodes staff, leaves and non-leaves alike
 * (a non-leaf staff must be drawn as an ordinary child). */
static void sprinkle_staff(struct chart_node *t, size_t n, uint32_t seed)
{
	for (size_t i = 1; i < n; i++)
		t[i].staff = chart_random_next(&seed) % 4 == 0;
}

static size_t *depths(const struct chart_node *t, size_t n)
{
	size_t *d = malloc(n * sizeof *d), *first = malloc(n * sizeof *first);
	size_t *next = malloc(n * sizeof *next), *queue = malloc(n * sizeof *queue);
	size_t head = 0, len = 0;

	assert_true(d && first && next && queue);
	for (size_t i = 0; i < n; i++)
		first[i] = next[i] = SIZE_MAX;
	for (size_t i = n; i-- > 0;)
		if (t[i].parent >= 0) {
			next[i] = first[t[i].parent];
			first[t[i].parent] = i;
		} else {
			queue[len++] = i;
			d[i] = 0;
		}
	while (head < len) {
		size_t v = queue[head++];

		for (size_t c = first[v]; c != SIZE_MAX; c = next[c]) {
			d[c] = d[v] + 1;
			queue[len++] = c;
		}
	}
	assert_int_equal(len, n);
	free(first);
	free(next);
	free(queue);
	return d;
}

static bool overlap_1d(double a0, double a1, double b0, double b1)
{
	return a0 < b1 - TOL && b0 < a1 - TOL;
}

static int by_x(const void *a, const void *b)
{
	const struct chart_node *p = *(const struct chart_node *const *)a;
	const struct chart_node *q = *(const struct chart_node *const *)b;

	return (p->x > q->x) - (p->x < q->x);
}

/* Whether segment g runs through the inside of box b. */
static bool crosses(const struct chart_segment *g, const struct chart_node *b)
{
	return overlap_1d(fmin(g->x1, g->x2) - TOL, fmax(g->x1, g->x2) + TOL,
	                  b->x, b->x + b->w) &&
	       overlap_1d(fmin(g->y1, g->y2) - TOL, fmax(g->y1, g->y2) + TOL,
	                  b->y, b->y + b->h);
}

/* Connectors orthogonal, inside the chart, and clear of every box; no
 * two boxes overlap. */
static void check_boxes_and_lines(const struct chart_node *t, size_t n,
                                  const struct chart_segment *seg,
                                  size_t nseg, double width, double height)
{
	for (size_t s = 0; s < nseg; s++) {
		const struct chart_segment *g = &seg[s];

		assert_true(g->x1 == g->x2 || g->y1 == g->y2);
		assert_true(fmin(g->x1, g->x2) > -TOL);
		assert_true(fmax(g->x1, g->x2) < width + TOL);
		assert_true(fmin(g->y1, g->y2) > -TOL);
		assert_true(fmax(g->y1, g->y2) < height + TOL);
	}
	if (n > CHECK_PAIRS_MAX)
		return;
	for (size_t i = 0; i < n; i++) {
		for (size_t j = i + 1; j < n; j++)
			assert_false(overlap_1d(t[i].x, t[i].x + t[i].w,
			                        t[j].x, t[j].x + t[j].w) &&
			             overlap_1d(t[i].y, t[i].y + t[i].h,
			                        t[j].y, t[j].y + t[j].h));
		for (size_t s = 0; s < nseg; s++)
			assert_false(crosses(&seg[s], &t[i]));
	}
}

/*
 * The invariant walker. "Row" nodes are those in their level's row
 * (not staff in effect, not in a block; a staff node with children is
 * an ordinary child). A parent is centred over its row children and
 * the lines of its stacks, and each of its wrapped rows is centred
 * under it.
 */
static void chart_check(const struct chart_node *t, size_t n,
                        const struct chart_params *p,
                        const struct chart_result *r)
{
	size_t *d = depths(t, n), maxd = 0;
	bool *leaf = malloc(n * sizeof *leaf), *row = malloc(n * sizeof *row);
	double *lo = malloc(n * sizeof *lo), *hi = malloc(n * sizeof *hi);
	const struct chart_node **lv = malloc(n * sizeof *lv);
	double x0 = INFINITY, y0 = INFINITY, x1 = -INFINITY, y1 = -INFINITY;

	assert_true(leaf && row && lo && hi && lv);
	for (size_t i = 0; i < n; i++) {
		leaf[i] = true;
		lo[i] = INFINITY;
		hi[i] = -INFINITY;
	}
	for (size_t i = 0; i < n; i++)
		if (t[i].parent >= 0)
			leaf[t[i].parent] = false;
	for (size_t i = 0; i < n; i++) {
		bool staff = t[i].staff && t[i].parent >= 0 && leaf[i];
		size_t q = (size_t)t[i].parent;

		row[i] = t[i].place == CHART_PLACE_ROW;
		assert_true(staff == (t[i].place == CHART_PLACE_STAFF));
		/* Only leaves go into blocks, never staff. */
		if (t[i].place == CHART_PLACE_STACK ||
		    t[i].place == CHART_PLACE_WRAP)
			assert_true(leaf[i] && !staff);
		if (t[i].parent >= 0 && row[i]) {
			lo[q] = fmin(lo[q], t[i].x + t[i].w / 2);
			hi[q] = fmax(hi[q], t[i].x + t[i].w / 2);
		} else if (t[i].parent >= 0 && t[i].place == CHART_PLACE_STACK) {
			lo[q] = fmin(lo[q], t[i].x - p->stack_indent);
			hi[q] = fmax(hi[q], t[i].x - p->stack_indent);
		}
		if (d[i] > maxd)
			maxd = d[i];
		x0 = fmin(x0, t[i].x);
		y0 = fmin(y0, t[i].y);
		x1 = fmax(x1, t[i].x + t[i].w);
		y1 = fmax(y1, t[i].y + t[i].h);
	}
	/* Normalised, and the result's box is the bounding box of the
	 * boxes and the connectors (a column's line can stick out left). */
	for (size_t s = 0; s < r->segments_len; s++) {
		x0 = fmin(x0, fmin(r->segments[s].x1, r->segments[s].x2));
		x1 = fmax(x1, fmax(r->segments[s].x1, r->segments[s].x2));
	}
	assert_true(fabs(x0) < TOL && fabs(y0) < TOL);
	assert_true(fabs(x1 - r->width) < TOL);
	assert_true(fabs(y1 - r->height) < TOL);
	assert_true(r->fits == (r->width <= p->max_width + TOL &&
	                        r->height <= p->max_height + TOL));
	/* Parents centred over their row children and stack lines. */
	for (size_t i = 0; i < n; i++)
		if (lo[i] <= hi[i])
			assert_true(fabs(t[i].x + t[i].w / 2 - (lo[i] + hi[i]) / 2) <
			            TOL);
	/* Each wrapped row centred under its parent. */
	for (size_t i = 0; i < n; i++) {
		double a = INFINITY, b = -INFINITY, c;

		if (t[i].place != CHART_PLACE_WRAP)
			continue;
		for (size_t j = 0; j < n; j++)
			if (t[j].place == CHART_PLACE_WRAP &&
			    t[j].parent == t[i].parent && t[j].subrow == t[i].subrow) {
				a = fmin(a, t[j].x);
				b = fmax(b, t[j].x + t[j].w);
			}
		c = t[t[i].parent].x + t[t[i].parent].w / 2;
		assert_true(fabs((a + b) / 2 - c) < TOL);
	}
	/* One row per level, sibling_gap apart. */
	for (size_t k = 0; k <= maxd; k++) {
		size_t len = 0;

		for (size_t i = 0; i < n; i++)
			if (row[i] && d[i] == k)
				lv[len++] = &t[i];
		qsort(lv, len, sizeof *lv, by_x);
		for (size_t j = 1; j < len; j++) {
			assert_true(lv[j]->y == lv[0]->y);
			assert_true(lv[j]->x - (lv[j - 1]->x + lv[j - 1]->w) >
			            p->sibling_gap - TOL);
		}
	}
	check_boxes_and_lines(t, n, r->segments, r->segments_len, r->width,
	                      r->height);
	free(d);
	free(leaf);
	free(row);
	free(lo);
	free(hi);
	free(lv);
}

/* Lays out t twice from the same input, demands identical output, checks
 * the invariants and leaves the first run's output in t and *r. */
static void layout_ok(struct chart_node *t, size_t n,
                      const struct chart_params *p, struct chart_result *r)
{
	struct chart_node *u = malloc(n * sizeof *u);
	struct chart_result r2;

	assert_non_null(u);
	memcpy(u, t, n * sizeof *u);
	assert_int_equal(chart_layout(t, n, p, r), 0);
	assert_int_equal(chart_layout(u, n, p, &r2), 0);
	for (size_t i = 0; i < n; i++) {
		assert_true(t[i].x == u[i].x && t[i].y == u[i].y);
		assert_true(t[i].place == u[i].place);
	}
	assert_true(r->width == r2.width && r->height == r2.height);
	assert_true(r->fits == r2.fits);
	assert_int_equal(r->segments_len, r2.segments_len);
	if (r->segments_len)
		assert_memory_equal(r->segments, r2.segments,
		                    r->segments_len * sizeof *r->segments);
	free(r2.segments);
	free(u);
	chart_check(t, n, p, r);
}

static double centre(const struct chart_node *b)
{
	return b->x + b->w / 2;
}

static size_t count_placed(const struct chart_node *t, size_t n,
                           enum chart_place place)
{
	size_t k = 0;

	for (size_t i = 0; i < n; i++)
		k += t[i].place == place;
	return k;
}

static size_t count_stacked(const struct chart_node *t, size_t n)
{
	return count_placed(t, n, CHART_PLACE_STACK);
}

/* ---- tidy tree -------------------------------------------------------- */

static void test_single_node_sits_at_origin(void **state)
{
	struct chart_node *t = nodes_new(1, 50, 20);
	struct chart_result r;

	(void)state;
	layout_ok(t, 1, &base_params, &r);
	assert_true(t[0].x == 0 && t[0].y == 0);
	assert_true(r.width == 50 && r.height == 20);
	assert_int_equal(r.segments_len, 0);
	free(r.segments);
	free(t);
}

/* A chain has no forks: each level hangs half a level_gap below the one
 * above, as long as the stem into a fork. */
static void test_chain_of_10_is_one_vertical_line(void **state)
{
	struct chart_node *t = nodes_new(10, 0, 0);
	struct chart_result r;

	(void)state;
	for (size_t i = 0; i < 10; i++) {
		t[i].w = 30 + 7 * (double)i;
		t[i].h = 20;
		t[i].parent = (int)i - 1;
	}
	layout_ok(t, 10, &base_params, &r);
	for (size_t i = 1; i < 10; i++) {
		assert_true(fabs(centre(&t[i]) - centre(&t[0])) < TOL);
		assert_true(fabs(t[i].y - 30 * (double)i) < TOL);
	}
	assert_true(fabs(r.width - t[9].w) < TOL);
	free(r.segments);
	free(t);
}

static void test_star_of_30_is_one_row_under_its_root(void **state)
{
	struct chart_node *t = nodes_new(31, 60, 20);
	struct chart_result r;

	(void)state;
	layout_ok(t, 31, &base_params, &r);
	for (size_t i = 1; i < 31; i++) {
		assert_true(t[i].y == 40);
		if (i > 1)
			assert_true(fabs(t[i].x - t[i - 1].x - 70) < TOL);
	}
	assert_true(fabs(r.width - (30 * 60 + 29 * 10)) < TOL);
	assert_false(r.fits && count_stacked(t, 31));
	free(r.segments);
	free(t);
}

/* Levels 0..6 of a full binary tree: the 64 leaves set the width, and
 * each node is the mirror image of its mirror node. */
static void test_full_binary_tree_is_as_wide_as_its_leaves(void **state)
{
	size_t n = 127;
	struct chart_node *t = nodes_new(n, 40, 20);
	struct chart_result r;

	(void)state;
	for (size_t i = 1; i < n; i++)
		t[i].parent = (int)((i - 1) / 2);
	layout_ok(t, n, &base_params, &r);
	assert_true(fabs(r.width - (64 * 40 + 63 * 10)) < TOL);
	for (size_t k = 0, at = 0; k <= 6; at += (size_t)1 << k, k++) {
		size_t m = (size_t)1 << k;

		for (size_t j = 0; j < m; j++)
			assert_true(fabs(centre(&t[at + j]) +
			                 centre(&t[at + m - 1 - j]) - r.width) < TOL);
	}
	free(r.segments);
	free(t);
}

static void test_random_trees_keep_invariants(void **state)
{
	(void)state;
	for (uint32_t seed = 1; seed <= 10; seed++) {
		struct chart_node *t = random_tree(200, seed);
		struct chart_result r;

		layout_ok(t, 200, &base_params, &r);
		assert_true(r.fits);
		assert_int_equal(count_stacked(t, 200), 0);
		free(r.segments);
		free(t);
	}
}

/* Root with subtree A, a different subtree, then a copy of A: both copies
 * must come out the same shape, whatever shifting happened between. */
static void test_equal_subtrees_are_drawn_alike(void **state)
{
	size_t a = 40, b = 15, n = 1 + a + b + a;
	struct chart_node *sa = random_tree(a, 7), *sb = random_tree(b, 8);
	struct chart_node *t = nodes_new(n, 0, 0);
	struct chart_result r;

	(void)state;
	t[0].w = 50;
	t[0].h = 20;
	for (size_t i = 0; i < a; i++) {
		t[1 + i] = sa[i];
		t[1 + a + b + i] = sa[i];
		t[1 + i].parent = i ? sa[i].parent + 1 : 0;
		t[1 + a + b + i].parent = i ? sa[i].parent + (int)(1 + a + b) : 0;
	}
	for (size_t i = 0; i < b; i++) {
		t[1 + a + i] = sb[i];
		t[1 + a + i].parent = i ? sb[i].parent + (int)(1 + a) : 0;
	}
	layout_ok(t, n, &base_params, &r);
	for (size_t i = 0; i < a; i++) {
		const struct chart_node *p = &t[1 + i], *q = &t[1 + a + b + i];

		assert_true(fabs((p->x - t[1].x) - (q->x - t[1 + a + b].x)) < TOL);
		assert_true(p->y == q->y);
	}
	free(r.segments);
	free(t);
	free(sa);
	free(sb);
}

/* Two narrow children with wide grandchildren: the grandchildren, not the
 * children, decide the spacing, and then sit exactly sibling_gap apart. */
static void test_contours_are_separated_below_the_top(void **state)
{
	struct chart_node t[5] = {
		{ .w = 40, .h = 20, .parent = -1 },
		{ .w = 10, .h = 20, .parent = 0 },
		{ .w = 10, .h = 20, .parent = 0 },
		{ .w = 100, .h = 20, .parent = 1 },
		{ .w = 100, .h = 20, .parent = 2 },
	};
	struct chart_result r;

	(void)state;
	layout_ok(t, 5, &base_params, &r);
	assert_true(fabs(t[4].x - (t[3].x + 100) - 10) < TOL);
	assert_true(fabs(centre(&t[1]) - centre(&t[3])) < TOL);
	assert_true(fabs(centre(&t[2]) - centre(&t[4])) < TOL);
	free(r.segments);
}

/* Buchheim et al.'s shift distribution: leaves between two subtrees
 * pushed apart by their deep contours end up evenly spaced. */
static void test_small_subtrees_are_spaced_evenly(void **state)
{
	struct chart_node t[7] = {
		{ .w = 40, .h = 20, .parent = -1 },
		{ .w = 10, .h = 20, .parent = 0 },
		{ .w = 200, .h = 20, .parent = 1 },
		{ .w = 10, .h = 20, .parent = 0 },
		{ .w = 10, .h = 20, .parent = 0 },
		{ .w = 10, .h = 20, .parent = 0 },
		{ .w = 200, .h = 20, .parent = 5 },
	};
	struct chart_result r;
	double d1, d2, d3;

	(void)state;
	layout_ok(t, 7, &base_params, &r);
	d1 = centre(&t[3]) - centre(&t[1]);
	d2 = centre(&t[4]) - centre(&t[3]);
	d3 = centre(&t[5]) - centre(&t[4]);
	assert_true(d1 > 20 + TOL);
	assert_true(fabs(d1 - d2) < TOL && fabs(d2 - d3) < TOL);
	free(r.segments);
}

/* y of a level = sum over earlier levels of (tallest box + their gap). */
static void test_rows_are_as_tall_as_their_tallest_box(void **state)
{
	struct chart_node t[6] = {
		{ .w = 40, .h = 25, .parent = -1 },
		{ .w = 40, .h = 10, .parent = 0 },
		{ .w = 40, .h = 45, .parent = 0 },
		{ .w = 40, .h = 15, .parent = 1 },
		{ .w = 40, .h = 30, .parent = 2 },
		{ .w = 40, .h = 5, .parent = 4 },
	};
	struct chart_result r;

	(void)state;
	layout_ok(t, 6, &base_params, &r);
	/* level 0 forks (a full gap); below it every parent has one child
	 * (half a gap) */
	assert_true(t[1].y == 45 && t[2].y == 45);
	assert_true(t[3].y == 100 && t[4].y == 100);
	assert_true(t[5].y == 140);
	assert_true(r.height == 145);
	free(r.segments);
}

/* Root over three children: down to the bus, the bus, three drops. */
static void test_connectors_run_down_across_down(void **state)
{
	struct chart_node *t = nodes_new(4, 40, 20);
	struct chart_result r;
	const struct chart_segment *g;
	double bus = 20 + 10;

	(void)state;
	layout_ok(t, 4, &base_params, &r);
	assert_int_equal(r.segments_len, 5);
	g = &r.segments[0];
	assert_true(g->x1 == centre(&t[0]) && g->x2 == g->x1);
	assert_true(g->y1 == 20 && g->y2 == bus);
	g = &r.segments[1];
	assert_true(g->y1 == bus && g->y2 == bus);
	assert_true(g->x1 == centre(&t[1]) && g->x2 == centre(&t[3]));
	for (size_t i = 1; i <= 3; i++) {
		g = &r.segments[1 + i];
		assert_true(g->x1 == centre(&t[i]) && g->x2 == g->x1);
		assert_true(g->y1 == bus && g->y2 == t[i].y);
	}
	free(r.segments);
	free(t);
}

/* ---- stacking --------------------------------------------------------- */

static void test_stacking_fits_a_star_into_a_narrow_width(void **state)
{
	struct chart_node *t = nodes_new(31, 60, 20);
	struct chart_params p = base_params;
	struct chart_result r;
	double line, y;

	(void)state;
	t[0].w = 80;
	p.max_width = 300;
	p.arrange = CHART_STACK;
	layout_ok(t, 31, &p, &r);
	assert_true(r.fits);
	assert_true(r.width <= 300);
	assert_int_equal(count_stacked(t, 31), 30);
	line = centre(&t[0]);
	y = t[0].y + t[0].h + p.level_gap / 2;
	for (size_t i = 1; i < 31; i++) {
		assert_true(fabs(t[i].x - (line + p.stack_indent)) < TOL);
		assert_true(fabs(t[i].y - y) < TOL);
		y += t[i].h + p.stack_gap;
	}
	/* One drop line, and one arm per leaf. */
	assert_int_equal(r.segments_len, 31);
	assert_true(fabs(r.segments[0].y2 - (t[30].y + 10)) < TOL);
	free(r.segments);
	free(t);
}

/* The greedy takes the parent with the most leaves first and stops as
 * soon as the chart fits. */
static void test_stacking_takes_the_most_leaves_first(void **state)
{
	size_t n = 3 + 5 + 10;
	struct chart_node *t = nodes_new(n, 60, 20);
	struct chart_params p = base_params;
	struct chart_result r;

	(void)state;
	/* 1 has five leaves (3..7), 2 has ten (8..17). */
	for (size_t i = 3; i < n; i++)
		t[i].parent = i < 8 ? 1 : 2;
	p.max_width = 600;
	p.arrange = CHART_STACK;
	layout_ok(t, n, &p, &r);
	assert_true(r.fits);
	for (size_t i = 3; i < n; i++)
		assert_true((t[i].place == CHART_PLACE_STACK) == (i >= 8));
	free(r.segments);
	free(t);
}

static void test_stacking_is_off_unless_allowed(void **state)
{
	struct chart_node *t = nodes_new(31, 60, 20);
	struct chart_params p = base_params;
	struct chart_result r;

	(void)state;
	p.max_width = 300;
	layout_ok(t, 31, &p, &r);
	assert_false(r.fits);
	assert_int_equal(count_stacked(t, 31), 0);
	free(r.segments);
	free(t);
}

/* A stack under node 1 is taller than the row it hangs into: the next
 * row (node 4) must start below it. */
static void test_stack_pushes_deeper_rows_down(void **state)
{
	size_t n = 5 + 6;
	struct chart_node *t = nodes_new(n, 60, 20);
	struct chart_params p = base_params;
	struct chart_result r;
	double bottom = 0;

	(void)state;
	t[2].parent = 0;
	t[3].parent = 2;
	t[4].parent = 3;
	for (size_t i = 5; i < n; i++)
		t[i].parent = 1;
	p.max_width = 200;
	p.arrange = CHART_STACK;
	layout_ok(t, n, &p, &r);
	assert_true(t[5].place == CHART_PLACE_STACK);
	for (size_t i = 5; i < n; i++)
		bottom = fmax(bottom, t[i].y + t[i].h);
	assert_true(t[4].y >= bottom + p.level_gap / 2 - TOL);
	free(r.segments);
	free(t);
}

static void test_random_trees_with_stacking_keep_invariants(void **state)
{
	struct chart_params p = base_params;

	(void)state;
	p.max_width = 500;
	p.arrange = CHART_STACK;
	for (uint32_t seed = 11; seed <= 20; seed++) {
		struct chart_node *t = random_tree(200, seed);
		struct chart_result r;

		layout_ok(t, 200, &p, &r);
		assert_true(count_stacked(t, 200) > 0);
		free(r.segments);
		free(t);
	}
}

/* ---- staff ------------------------------------------------------------ */

/* Root 0 with staff 1, 3, 5 and children 2, 4: staff go right, left,
 * right, in the band between the root and its children's row. */
static void test_staff_sit_beside_the_parent_line(void **state)
{
	struct chart_node *t = nodes_new(6, 60, 20);
	struct chart_params p = base_params;
	struct chart_result r;
	double line, band_top, kids_top;

	(void)state;
	t[1].staff = t[3].staff = t[5].staff = true;
	t[1].h = 16;
	t[3].w = 30;
	layout_ok(t, 6, &p, &r);
	line = centre(&t[0]);
	assert_true(fabs(t[1].x - (line + p.staff_gap)) < TOL);
	assert_true(fabs(t[3].x + t[3].w - (line - p.staff_gap)) < TOL);
	assert_true(fabs(t[5].x - (line + p.staff_gap)) < TOL);
	/* 1 and 3 share the first staff row, 5 is a row lower. */
	assert_true(fabs((t[1].y + 8) - (t[3].y + 10)) < TOL);
	assert_true(t[5].y > t[3].y + t[3].h);
	band_top = t[0].y + t[0].h + p.level_gap / 2;
	kids_top = band_top + 20 + p.stack_gap + 20 + p.level_gap;
	assert_true(fabs(t[2].y - kids_top) < TOL && t[4].y == t[2].y);
	for (size_t i = 1; i <= 5; i += 2) {
		assert_true(t[i].y >= band_top - TOL);
		assert_true(t[i].y + t[i].h <= kids_top - p.level_gap + TOL);
	}
	/* Each staff box has an arm from the line at its middle. */
	for (size_t i = 1; i <= 5; i += 2) {
		bool found = false;
		double y = t[i].y + t[i].h / 2;

		for (size_t s = 0; s < r.segments_len; s++) {
			const struct chart_segment *g = &r.segments[s];

			found |= g->y1 == y && g->y2 == y && g->x1 == line &&
			         (g->x2 == t[i].x || g->x2 == t[i].x + t[i].w);
		}
		assert_true(found);
	}
	free(r.segments);
	free(t);
}

/* A staff node with children of its own cannot hang beside the line; it
 * is drawn as an ordinary child. */
static void test_staff_with_children_is_an_ordinary_child(void **state)
{
	struct chart_node *t = nodes_new(4, 60, 20);
	struct chart_result r;

	(void)state;
	t[1].staff = true;
	t[3].parent = 1;
	layout_ok(t, 4, &base_params, &r);
	assert_true(t[1].y == t[2].y);
	free(r.segments);
	free(t);
}

/* Staff beside neighbouring parents must not collide with each other,
 * with stacks or with lines. */
static void test_random_trees_with_staff_keep_invariants(void **state)
{
	struct chart_params p = base_params;

	(void)state;
	for (uint32_t seed = 21; seed <= 30; seed++) {
		struct chart_node *t = random_tree(200, seed);
		struct chart_result r;

		sprinkle_staff(t, 200, seed * 7);
		p.arrange = seed % 2 ? CHART_STACK : CHART_ROWS;
		p.max_width = seed % 2 ? 400 : 1e9;
		layout_ok(t, 200, &p, &r);
		free(r.segments);
		free(t);
	}
}


/* ---- wrapped rows ----------------------------------------------------- */

/* Six equal leaves that do not fit one row wrap 3 + 3, both rows centred
 * under the root, and risers run through the gaps either side of the
 * middle box of the first row. */
static void test_wrap_splits_six_leaves_three_and_three(void **state)
{
	struct chart_node *t = nodes_new(7, 60, 20);
	struct chart_params p = base_params;
	struct chart_result r;
	size_t per_row[2] = { 0, 0 };

	(void)state;
	p.max_width = 300;
	p.arrange = CHART_WRAP;
	layout_ok(t, 7, &p, &r);
	assert_true(r.fits);
	for (size_t i = 1; i < 7; i++) {
		assert_int_equal(t[i].place, CHART_PLACE_WRAP);
		per_row[t[i].subrow]++;
	}
	assert_int_equal(per_row[0], 3);
	assert_int_equal(per_row[1], 3);
	assert_true(t[4].y == t[1].y + 20 + p.level_gap);
	free(r.segments);
	free(t);
}

/* Balanced, not greedy: seven leaves with room for five a row make
 * 4 + 3, not 5 + 2. */
static void test_wrap_rows_are_balanced(void **state)
{
	struct chart_node *t = nodes_new(8, 60, 20);
	struct chart_params p = base_params;
	struct chart_result r;
	size_t per_row[2] = { 0, 0 };

	(void)state;
	p.max_width = 5 * 60 + 4 * 10;
	p.arrange = CHART_WRAP;
	layout_ok(t, 8, &p, &r);
	assert_true(r.fits);
	for (size_t i = 1; i < 8; i++)
		per_row[t[i].subrow]++;
	assert_int_equal(per_row[0], 4);
	assert_int_equal(per_row[1], 3);
	free(r.segments);
	free(t);
}

/* Parents with subtrees keep their row; only the all-leaf parents wrap. */
static void test_random_trees_with_wrapping_keep_invariants(void **state)
{
	struct chart_params p = base_params;

	(void)state;
	p.arrange = CHART_WRAP;
	for (uint32_t seed = 31; seed <= 40; seed++) {
		struct chart_node *t = random_tree(200, seed);
		struct chart_result r;

		sprinkle_staff(t, 200, seed * 3);
		p.max_width = 300 + 50 * (double)(seed % 5);
		layout_ok(t, 200, &p, &r);
		free(r.segments);
		free(t);
	}
}

/* A parent with a subtree and three leaves: the leaves stack in a column
 * of their own in the row, the subtree keeps its place. */
static void test_leaves_of_a_mixed_parent_stack(void **state)
{
	struct chart_node *t = nodes_new(7, 60, 20);
	struct chart_params p = base_params;
	struct chart_result r;

	(void)state;
	/* 0 -> 1 (-> 5, 6), 2, 3, 4 */
	t[5].parent = t[6].parent = 1;
	p.max_width = 2 * 60 + 10 + 10 + 12 + 60;
	p.arrange = CHART_STACK;
	layout_ok(t, 7, &p, &r);
	assert_true(r.fits);
	assert_int_equal(t[1].place, CHART_PLACE_ROW);
	for (size_t i = 2; i <= 4; i++)
		assert_int_equal(t[i].place, CHART_PLACE_STACK);
	free(r.segments);
	free(t);
}

/* staff_left puts the first staff box left of the line. */
static void test_staff_side_is_configurable(void **state)
{
	struct chart_node *t = nodes_new(4, 60, 20);
	struct chart_params p = base_params;
	struct chart_result r;

	(void)state;
	t[1].staff = t[2].staff = true;
	p.staff_left = true;
	layout_ok(t, 4, &p, &r);
	assert_true(t[1].x + t[1].w <= centre(&t[0]) - p.staff_gap + TOL);
	assert_true(t[2].x >= centre(&t[0]) + p.staff_gap - TOL);
	free(r.segments);
	free(t);
}

/* ---- fitting a chart to a page (orgchart.c, fake metrics) -------------- */

/* A doc_orgchart from (name, detail, kind, parent) rows. */
struct unit_row {
	const char *name, *detail;
	enum doc_unit_kind kind;
	int parent;
};

static struct doc_orgchart *chart_new(const struct unit_row *rows, size_t n)
{
	struct doc_orgchart *c = calloc(1, sizeof *c);

	assert_non_null(c);
	c->name = xstrdup("test.chart");
	c->units = calloc(n, sizeof *c->units);
	assert_non_null(c->units);
	c->len = n;
	for (size_t i = 0; i < n; i++) {
		c->units[i].name = xstrdup(rows[i].name);
		c->units[i].detail = xstrdup(rows[i].detail);
		c->units[i].kind = rows[i].kind;
		c->units[i].parent = rows[i].parent;
	}
	return c;
}

static void chart_free_test(struct doc_orgchart *c)
{
	for (size_t i = 0; i < c->len; i++) {
		free(c->units[i].name);
		free(c->units[i].detail);
	}
	free(c->units);
	free(c->name);
	free(c);
}

/* A generated force: an HQ with `staff` staff cells, `a` formations,
 * each with `b` units, each with `c` sub-units (0: none). */
static struct doc_orgchart *force_new(size_t staff, size_t a, size_t b,
                                      size_t c, size_t *len)
{
	size_t n = 1 + staff + a + a * b + a * b * c, k = 0;
	struct unit_row *rows = calloc(n, sizeof *rows);
	char (*names)[48] = calloc(n, sizeof *names);
	struct doc_orgchart *out;
	static const char *const tf[] = { "Alpha", "Bravo", "Charlie", "Delta",
	                                  "Echo", "Foxtrot" };

	assert_true(rows && names);
	rows[k++] = (struct unit_row){ "HQ Multinational Force", "Commander",
	                               DOC_UNIT_COMMAND, -1 };
	for (size_t s = 0; s < staff; s++) {
		snprintf(names[k], sizeof names[k], "J%zu Staff Cell", s + 1);
		rows[k] = (struct unit_row){ names[k], "", DOC_UNIT_STAFF, 0 };
		k++;
	}
	for (size_t i = 0; i < a; i++) {
		size_t fi = k;

		snprintf(names[k], sizeof names[k], "Task Force %s", tf[i % 6]);
		rows[k++] = (struct unit_row){ names[fi], "Camp North", DOC_UNIT_UNIT,
		                               0 };
		for (size_t j = 0; j < b; j++) {
			size_t bi = k;

			snprintf(names[k], sizeof names[k], "%zu-%zu Battalion", i + 1,
			         j + 1);
			rows[k++] = (struct unit_row){ names[bi], "", DOC_UNIT_UNIT,
			                               (int)fi };
			for (size_t q = 0; q < c; q++) {
				snprintf(names[k], sizeof names[k], "%c Company",
				         (char)('A' + q));
				rows[k] = (struct unit_row){ names[k], "", DOC_UNIT_SUPPORT,
				                             (int)bi };
				k++;
			}
		}
	}
	assert_int_equal(k, n);
	out = chart_new(rows, n);
	free(rows);
	free(names);
	*len = n;
	return out;
}

/* The fit's geometry: inside the area, nothing overlaps or is crossed,
 * boxes of one level (staff aside) share a width and row boxes a height,
 * the type is no smaller than chart_min_size. */
static void fit_check(const struct chart_fit *f, const struct doc_orgchart *c,
                      const struct style *s, const struct chart_area *a)
{
	size_t n = c->len, *d;
	struct chart_node *t = calloc(n, sizeof *t);
	size_t m = 0;

	assert_non_null(t);
	assert_true(f->size >= s->chart_min_size - TOL);
	assert_true(f->size <= s->chart_size + TOL);
	assert_true(f->width <= (f->turned ? a->turned_width : a->width) + TOL);
	assert_true(f->height <= (f->turned ? a->turned_height : a->height) + TOL);
	for (size_t i = 0; i < n; i++) {
		t[i] = f->nodes[i];
		t[i].parent = c->units[i].parent;
	}
	d = depths(t, n);
	for (size_t i = 0; i < n; i++) {
		assert_true(t[i].x >= -TOL && t[i].x + t[i].w <= f->width + TOL);
		assert_true(t[i].y >= -TOL && t[i].y + t[i].h <= f->height + TOL);
		if (f->listed[i] || t[i].place == CHART_PLACE_STAFF)
			continue;
		for (size_t j = 0; j < n; j++) {
			if (f->listed[j] || t[j].place == CHART_PLACE_STAFF ||
			    d[j] != d[i])
				continue;
			assert_true(fabs(t[i].w - t[j].w) < TOL);
			if (t[i].place == CHART_PLACE_ROW &&
			    t[j].place == CHART_PLACE_ROW)
				assert_true(fabs(f->box_h[i] - f->box_h[j]) < TOL);
		}
	}
	/* the boxes drawn (listed units are lines inside their parent's) */
	for (size_t i = 0; i < n; i++)
		if (!f->listed[i])
			t[m++] = f->nodes[i];
	check_boxes_and_lines(t, m, f->segments, f->segments_len, f->width,
	                      f->height);
	free(d);
	free(t);
}

static void a4_landscape(struct style *s, struct chart_area *a, bool a3)
{
	style_default(s);
	s->page_width = (a3 ? 420 : 297) * 72 / 25.4;
	s->page_height = (a3 ? 297 : 210) * 72 / 25.4;
	a->width = s->page_width - s->margin_left - s->margin_right;
	a->height = s->page_height - s->margin_top - s->margin_bottom -
	            s->chart_margin;
	a->turned_width = a->turned_height = 0;
}

/* The case: HQ with three staff cells, three task forces, six
 * battalions, twelve companies: 25 units in 4 levels on A4 landscape. */
static void test_25_units_fit_a4_landscape_at_6_5_pt(void **state)
{
	struct style s;
	struct chart_area a;
	struct chart_fit f;
	size_t n;
	struct doc_orgchart *c = force_new(3, 3, 2, 2, &n);

	(void)state;
	assert_int_equal(n, 25);
	a4_landscape(&s, &a, false);
	s.chart_min_size = 6.5;
	assert_int_equal(chart_fit(&fake_metrics, &s, c, &a, &f), 1);
	assert_true(f.size >= 6.5);
	assert_false(f.compact);
	fit_check(&f, c, &s, &a);
	chart_fit_release(&f);
	chart_free_test(c);
}

/* 60 units: HQ, four staff cells, five task forces of three battalions,
 * 35 companies (the last ten battalions have two, the first five three;
 * generated as 3 each, then trimmed): A3 landscape at 6 pt or more. */
static void test_60_units_fit_a3_landscape_at_6_pt(void **state)
{
	struct style s;
	struct chart_area a;
	struct chart_fit f;
	size_t n;
	struct doc_orgchart *c = force_new(4, 5, 3, 3, &n);

	(void)state;
	/* 1 + 4 + 5 + 15 + 45 = 70: drop ten companies (the last of ten
	 * battalions) from the end, keeping parents before children */
	{
		/* keep the file order: remove the third company of the last
		 * ten battalions by rebuilding the list */
		struct doc_unit *u = calloc(n, sizeof *u);
		size_t *map = calloc(n, sizeof *map), k = 0, battalion = 0;

		assert_true(u && map);
		for (size_t i = 0; i < n; i++) {
			const struct doc_unit *x = &c->units[i];
			bool company = x->kind == DOC_UNIT_SUPPORT;

			if (!company && x->parent >= 0 &&
			    c->units[x->parent].parent >= 0)
				battalion++;
			if (company && battalion > 5 && x->name[0] == 'C') {
				free(x->name);
				free(x->detail);
				continue;
			}
			map[i] = k;
			u[k] = *x;
			u[k].parent = x->parent < 0 ? -1 : (int)map[x->parent];
			k++;
		}
		assert_int_equal(k, 60);
		free(c->units);
		free(map);
		c->units = u;
		c->len = k;
	}
	a4_landscape(&s, &a, true);
	s.chart_min_size = 6;
	assert_int_equal(chart_fit(&fake_metrics, &s, c, &a, &f), 1);
	assert_true(f.size >= 6);
	fit_check(&f, c, &s, &a);
	chart_free_test(c);
	chart_fit_release(&f);
}

/* The NALT's shape on A4 portrait: six branches in one row (or balanced
 * rows) of equal boxes under the Director, the Deputy on a stub. */
static void test_director_with_deputy_and_six_branches(void **state)
{
	static const struct unit_row rows[] = {
		{ "Director", "senior military rank", DOC_UNIT_COMMAND, -1 },
		{ "Deputy Director", "civilian", DOC_UNIT_STAFF, 0 },
		{ "Command and Support Element", "", DOC_UNIT_SUPPORT, 0 },
		{ "Command Element", "", DOC_UNIT_UNIT, 0 },
		{ "Chief of Staff Support Team", "", DOC_UNIT_UNIT, 0 },
		{ "Strategy and Plans Branch", "", DOC_UNIT_UNIT, 0 },
		{ "Operations Branch", "", DOC_UNIT_UNIT, 0 },
		{ "Support Branch", "", DOC_UNIT_UNIT, 0 },
	};
	struct doc_orgchart *c = chart_new(rows, 8);
	struct style s;
	struct chart_area a = { 0 };
	struct chart_fit f;
	double mid;

	(void)state;
	style_default(&s);
	a.width = s.page_width - s.margin_left - s.margin_right;
	a.height = 400;
	assert_int_equal(chart_fit(&fake_metrics, &s, c, &a, &f), 1);
	fit_check(&f, c, &s, &a);
	assert_true(f.size == s.chart_size);
	assert_int_equal(f.nodes[1].place, CHART_PLACE_STAFF);
	mid = f.nodes[0].x + f.nodes[0].w / 2;
	/* the Deputy is between the Director and the branches, beside the
	 * Director's line */
	assert_true(f.nodes[1].y > f.nodes[0].y + f.nodes[0].h);
	assert_true(f.nodes[1].y + f.nodes[1].h < f.nodes[2].y);
	assert_true(f.nodes[1].x > mid || f.nodes[1].x + f.nodes[1].w < mid);
	for (size_t i = 3; i < 8; i++)
		assert_true(fabs(f.nodes[i].w - f.nodes[2].w) < TOL);
	chart_fit_release(&f);
	chart_free_test(c);
}

/* Compact: with chart_compact = yes the bottom level becomes lists in
 * their parents' boxes, and the chart gets narrower. */
static void test_compact_lists_the_lowest_level(void **state)
{
	struct style s;
	struct chart_area a;
	struct chart_fit f, g;
	size_t n;
	struct doc_orgchart *c = force_new(0, 3, 2, 3, &n);

	(void)state;
	a4_landscape(&s, &a, false);
	s.chart_compact = 0;
	assert_int_equal(chart_fit(&fake_metrics, &s, c, &a, &f), 1);
	s.chart_compact = 1;
	assert_int_equal(chart_fit(&fake_metrics, &s, c, &a, &g), 1);
	assert_true(g.compact);
	for (size_t i = 0; i < n; i++)
		assert_true(g.listed[i] == (c->units[i].kind == DOC_UNIT_SUPPORT));
	fit_check(&g, c, &s, &a);
	assert_true(g.height < f.height || g.width < f.width ||
	            g.size > f.size);
	chart_fit_release(&f);
	chart_fit_release(&g);
	chart_free_test(c);
}

/* ---- invalid trees ---------------------------------------------------- */

/* chart_layout refuses t and leaves it exactly as it was. */
static void assert_rejected(struct chart_node *t, size_t n)
{
	struct chart_node *copy = malloc(n * sizeof *copy);
	struct chart_result r;

	assert_non_null(copy);
	memcpy(copy, t, n * sizeof *copy);
	assert_int_equal(chart_layout(t, n, &base_params, &r), -1);
	assert_memory_equal(t, copy, n * sizeof *copy);
	assert_null(r.segments);
	assert_int_equal(r.segments_len, 0);
	free(copy);
}

static void test_two_roots_are_rejected(void **state)
{
	struct chart_node *t = nodes_new(4, 60, 20);

	(void)state;
	t[2].parent = -1;
	assert_rejected(t, 4);
	free(t);
}

static void test_cycle_is_rejected(void **state)
{
	struct chart_node *t = nodes_new(5, 60, 20);

	(void)state;
	t[2].parent = 3;
	t[3].parent = 4;
	t[4].parent = 2;
	assert_rejected(t, 5);
	t[2].parent = 2;
	t[3].parent = t[4].parent = 0;
	assert_rejected(t, 5);
	free(t);
}

static void test_bad_parent_index_is_rejected(void **state)
{
	struct chart_node *t = nodes_new(4, 60, 20);

	(void)state;
	t[3].parent = 4;
	assert_rejected(t, 4);
	t[3].parent = -2;
	assert_rejected(t, 4);
	free(t);
}

static void test_no_root_is_rejected(void **state)
{
	struct chart_node *t = nodes_new(3, 60, 20);
	struct chart_result r;

	(void)state;
	t[0].parent = 2;
	assert_rejected(t, 3);
	assert_int_equal(chart_layout(t, 0, &base_params, &r), -1);
	free(t);
}

/* ---- scale ------------------------------------------------------------ */

static void test_chain_of_100000_does_not_overflow_the_stack(void **state)
{
	size_t n = 100000;
	struct chart_node *t = nodes_new(n, 40, 10);
	struct chart_result r;

	(void)state;
	for (size_t i = 0; i < n; i++)
		t[i].parent = (int)i - 1;
	layout_ok(t, n, &base_params, &r);
	assert_true(r.width == 40);
	assert_true(fabs(t[n - 1].y - 20.0 * (double)(n - 1)) < TOL * (double)n);
	free(r.segments);
	free(t);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_single_node_sits_at_origin),
		cmocka_unit_test(test_chain_of_10_is_one_vertical_line),
		cmocka_unit_test(test_star_of_30_is_one_row_under_its_root),
		cmocka_unit_test(test_full_binary_tree_is_as_wide_as_its_leaves),
		cmocka_unit_test(test_random_trees_keep_invariants),
		cmocka_unit_test(test_equal_subtrees_are_drawn_alike),
		cmocka_unit_test(test_contours_are_separated_below_the_top),
		cmocka_unit_test(test_small_subtrees_are_spaced_evenly),
		cmocka_unit_test(test_rows_are_as_tall_as_their_tallest_box),
		cmocka_unit_test(test_connectors_run_down_across_down),
		cmocka_unit_test(test_stacking_fits_a_star_into_a_narrow_width),
		cmocka_unit_test(test_stacking_takes_the_most_leaves_first),
		cmocka_unit_test(test_stacking_is_off_unless_allowed),
		cmocka_unit_test(test_stack_pushes_deeper_rows_down),
		cmocka_unit_test(test_random_trees_with_stacking_keep_invariants),
		cmocka_unit_test(test_staff_sit_beside_the_parent_line),
		cmocka_unit_test(test_staff_with_children_is_an_ordinary_child),
		cmocka_unit_test(test_random_trees_with_staff_keep_invariants),
		cmocka_unit_test(test_wrap_splits_six_leaves_three_and_three),
		cmocka_unit_test(test_wrap_rows_are_balanced),
		cmocka_unit_test(test_random_trees_with_wrapping_keep_invariants),
		cmocka_unit_test(test_leaves_of_a_mixed_parent_stack),
		cmocka_unit_test(test_staff_side_is_configurable),
		cmocka_unit_test(test_25_units_fit_a4_landscape_at_6_5_pt),
		cmocka_unit_test(test_60_units_fit_a3_landscape_at_6_pt),
		cmocka_unit_test(test_director_with_deputy_and_six_branches),
		cmocka_unit_test(test_compact_lists_the_lowest_level),
		cmocka_unit_test(test_two_roots_are_rejected),
		cmocka_unit_test(test_cycle_is_rejected),
		cmocka_unit_test(test_bad_parent_index_is_rejected),
		cmocka_unit_test(test_no_root_is_rejected),
		cmocka_unit_test(test_chain_of_100000_does_not_overflow_the_stack),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
