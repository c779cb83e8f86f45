/*
 * chart_bench.c: timing of chart_layout() on random trees, so that its
 * linearity is visible: microseconds per node should stay flat as the
 * trees grow. "rows" is one layout round (max_width is huge); "stack"
 * gives a width the trees cannot have in one row, so the search for
 * the stacking threshold runs (a few rounds, as many as halvings of the
 * largest family). Trees come from a fixed-seed LCG, so runs are
 * comparable; they are the unit tests' random trees
 * (tests/chart_random.h), with staff.
 *
 *   make build/chart_bench && build/chart_bench
 *
 * (or: gcc -O2 -Iinclude -Isrc src/layout/chart.c src/layout/chart_connect.c
 *  src/layout/chart_tree.c src/base/xalloc.c bench/chart_bench.c -lm
 *  -o /tmp/chart_bench)
 */
#define _POSIX_C_SOURCE 200809L
#include "layout/chart.h"
#include "../tests/chart_random.h"

#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#define RUNS 11

static double now_us(void)
{
	struct timespec ts;

	clock_gettime(CLOCK_MONOTONIC, &ts);
	return (double)ts.tv_sec * 1e6 + (double)ts.tv_nsec / 1e3;
}

static int cmp_double(const void *a, const void *b)
{
	double x = *(const double *)a, y = *(const double *)b;

	return (x > y) - (x < y);
}

static int run(const char *name, const struct chart_params *params)
{
	static const size_t sizes[] = { 1000, 5000, 20000, 100000 };

	for (size_t k = 0; k < sizeof sizes / sizeof *sizes; k++) {
		size_t n = sizes[k], segs = 0;
		struct chart_node *t = chart_random_tree(n, 42, 16);
		double times[RUNS];

		if (!t)
			return 1;
		for (int i = 0; i < RUNS; i++) {
			struct chart_result r;
			double t0 = now_us();

			if (chart_layout(t, n, params, &r) != 0) {
				fprintf(stderr, "chart_bench: layout failed\n");
				free(t);
				return 1;
			}
			times[i] = now_us() - t0;
			segs = r.segments_len;
			free(r.segments);
		}
		qsort(times, RUNS, sizeof *times, cmp_double);
		printf("%-6s %8zu %12.0f %12.3f %10zu\n", name, n, times[RUNS / 2],
		       times[RUNS / 2] / (double)n, segs);
		free(t);
	}
	return 0;
}

int main(void)
{
	struct chart_params params = {
		.level_gap = 20, .sibling_gap = 10, .stack_gap = 6,
		.stack_indent = 12, .staff_gap = 10, .max_width = 1e300,
		.max_height = 1e300, .arrange = CHART_ROWS,
	};

	printf("%-6s %8s %12s %12s %10s\n", "case", "nodes", "median_us",
	       "us_per_node", "segments");
	if (run("rows", &params) != 0)
		return 1;
	params.arrange = CHART_STACK;
	params.max_width = 2000;
	return run("stack", &params);
}
