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

#include "layout/chart.h"
#include "chart_random.h"

#define TOL 1e-6
/* Above this many nodes the quadratic checks are skipped. */
#define CHECK_PAIRS_MAX 3000

static const struct chart_params base_params = {
	.level_gap = 20, .sibling_gap = 10, .stack_gap = 6, .stack_indent = 12,
	.max_width = 1e9, .allow_stack = false,
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

/*
 * The invariant walker. "Row" nodes are those neither stacked nor staff
 * in effect (a staff node with children is an ordinary child).
 */
static void chart_check(const struct chart_node *t, size_t n,
                        const struct chart_params *p,
                        const struct chart_result *r)
{
	size_t *d = depths(t, n), maxd = 0;
	bool *leaf = malloc(n * sizeof *leaf), *row = malloc(n * sizeof *row);
	size_t *firstc = malloc(n * sizeof *firstc);
	size_t *lastc = malloc(n * sizeof *lastc);
	const struct chart_node **lv = malloc(n * sizeof *lv);
	double x0 = INFINITY, y0 = INFINITY, x1 = -INFINITY, y1 = -INFINITY;

	assert_true(leaf && row && firstc && lastc && lv);
	for (size_t i = 0; i < n; i++) {
		leaf[i] = true;
		firstc[i] = lastc[i] = SIZE_MAX;
	}
	for (size_t i = 0; i < n; i++)
		if (t[i].parent >= 0)
			leaf[t[i].parent] = false;
	for (size_t i = 0; i < n; i++) {
		bool staff = t[i].staff && t[i].parent >= 0 && leaf[i];

		row[i] = !staff && !t[i].stacked;
		if (t[i].stacked) {
			/* Only leaves stack, never staff, all of a parent's. */
			assert_true(leaf[i]);
			assert_false(staff);
		}
		if (row[i] && t[i].parent >= 0) {
			size_t q = (size_t)t[i].parent;

			if (firstc[q] == SIZE_MAX)
				firstc[q] = i;
			lastc[q] = i;
		}
		if (d[i] > maxd)
			maxd = d[i];
		x0 = fmin(x0, t[i].x);
		y0 = fmin(y0, t[i].y);
		x1 = fmax(x1, t[i].x + t[i].w);
		y1 = fmax(y1, t[i].y + t[i].h);
	}
	/* Normalised, and the result's box is the boxes' bounding box. */
	assert_true(fabs(x0) < TOL && fabs(y0) < TOL);
	assert_true(fabs(x1 - r->width) < TOL);
	assert_true(fabs(y1 - r->height) < TOL);
	assert_true(r->fits == (r->width <= p->max_width + TOL));
	/* Parents centred over their row children. */
	for (size_t i = 0; i < n; i++)
		if (firstc[i] != SIZE_MAX) {
			double mid = (t[firstc[i]].x + t[firstc[i]].w / 2 +
			              t[lastc[i]].x + t[lastc[i]].w / 2) / 2;

			assert_true(fabs(t[i].x + t[i].w / 2 - mid) < TOL);
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
	/* Connectors: orthogonal, inside the chart. */
	for (size_t s = 0; s < r->segments_len; s++) {
		const struct chart_segment *g = &r->segments[s];

		assert_true(g->x1 == g->x2 || g->y1 == g->y2);
		assert_true(fmin(g->x1, g->x2) > -TOL);
		assert_true(fmax(g->x1, g->x2) < r->width + TOL);
		assert_true(fmin(g->y1, g->y2) > -TOL);
		assert_true(fmax(g->y1, g->y2) < r->height + TOL);
	}
	if (n <= CHECK_PAIRS_MAX) {
		/* No two boxes overlap, and no connector runs through a box. */
		for (size_t i = 0; i < n; i++) {
			for (size_t j = i + 1; j < n; j++)
				assert_false(overlap_1d(t[i].x, t[i].x + t[i].w,
				                        t[j].x, t[j].x + t[j].w) &&
				             overlap_1d(t[i].y, t[i].y + t[i].h,
				                        t[j].y, t[j].y + t[j].h));
			for (size_t s = 0; s < r->segments_len; s++) {
				const struct chart_segment *g = &r->segments[s];

				assert_false(overlap_1d(fmin(g->x1, g->x2) - TOL,
				                        fmax(g->x1, g->x2) + TOL,
				                        t[i].x, t[i].x + t[i].w) &&
				             overlap_1d(fmin(g->y1, g->y2) - TOL,
				                        fmax(g->y1, g->y2) + TOL,
				                        t[i].y, t[i].y + t[i].h));
			}
		}
	}
	free(d);
	free(leaf);
	free(row);
	free(firstc);
	free(lastc);
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
		assert_true(t[i].stacked == u[i].stacked);
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

static size_t count_stacked(const struct chart_node *t, size_t n)
{
	size_t k = 0;

	for (size_t i = 0; i < n; i++)
		k += t[i].stacked;
	return k;
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
		assert_true(fabs(t[i].y - 40 * (double)i) < TOL);
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

/* y of a level = sum over earlier levels of (tallest box + level_gap). */
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
	assert_true(t[1].y == 45 && t[2].y == 45);
	assert_true(t[3].y == 110 && t[4].y == 110);
	assert_true(t[5].y == 160);
	assert_true(r.height == 165);
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
	p.allow_stack = true;
	layout_ok(t, 31, &p, &r);
	assert_true(r.fits);
	assert_true(r.width <= 300);
	assert_int_equal(count_stacked(t, 31), 30);
	line = centre(&t[0]);
	y = t[0].y + t[0].h + p.level_gap;
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
	p.allow_stack = true;
	layout_ok(t, n, &p, &r);
	assert_true(r.fits);
	for (size_t i = 3; i < n; i++)
		assert_true(t[i].stacked == (i >= 8));
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
	p.allow_stack = true;
	layout_ok(t, n, &p, &r);
	assert_true(t[5].stacked);
	for (size_t i = 5; i < n; i++)
		bottom = fmax(bottom, t[i].y + t[i].h);
	assert_true(t[4].y >= bottom + p.level_gap - TOL);
	free(r.segments);
	free(t);
}

static void test_random_trees_with_stacking_keep_invariants(void **state)
{
	struct chart_params p = base_params;

	(void)state;
	p.max_width = 500;
	p.allow_stack = true;
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
	assert_true(fabs(t[1].x - (line + p.sibling_gap)) < TOL);
	assert_true(fabs(t[3].x + t[3].w - (line - p.sibling_gap)) < TOL);
	assert_true(fabs(t[5].x - (line + p.sibling_gap)) < TOL);
	/* 1 and 3 share the first staff row, 5 is a row lower. */
	assert_true(fabs((t[1].y + 8) - (t[3].y + 10)) < TOL);
	assert_true(t[5].y > t[3].y + t[3].h);
	band_top = t[0].y + t[0].h + p.level_gap;
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
		p.allow_stack = seed % 2;
		p.max_width = seed % 2 ? 400 : 1e9;
		layout_ok(t, 200, &p, &r);
		free(r.segments);
		free(t);
	}
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
	assert_true(fabs(t[n - 1].y - 30.0 * (double)(n - 1)) < TOL * (double)n);
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
		cmocka_unit_test(test_two_roots_are_rejected),
		cmocka_unit_test(test_cycle_is_rejected),
		cmocka_unit_test(test_bad_parent_index_is_rejected),
		cmocka_unit_test(test_no_root_is_rejected),
		cmocka_unit_test(test_chain_of_100000_does_not_overflow_the_stack),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
