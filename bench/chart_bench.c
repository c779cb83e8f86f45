/*
 * chart_bench.c: timing of chart_layout() on random trees, so that its
 * linearity is visible: microseconds per node should stay flat as the
 * trees grow. Stacking is off (max_width is huge); one layout round per
 * call. Trees come from a fixed-seed LCG, so runs are comparable; they
 * are the unit tests' random trees (tests/chart_random.h), with staff.
 *
 *   make build/chart_bench && build/chart_bench
 *
 * (or: gcc -O2 -Iinclude -Isrc src/layout/chart.c src/layout/chart_tree.c
 *  src/base/xalloc.c bench/chart_bench.c -lm -o /tmp/chart_bench)
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

int main(void)
{
	static const size_t sizes[] = { 1000, 5000, 20000, 100000 };
	const struct chart_params params = {
		.level_gap = 20, .sibling_gap = 10, .stack_gap = 6,
		.stack_indent = 12, .max_width = 1e300, .allow_stack = false,
	};

	printf("%8s %12s %12s %10s\n", "nodes", "median_us", "us_per_node",
	       "segments");
	for (size_t k = 0; k < sizeof sizes / sizeof *sizes; k++) {
		size_t n = sizes[k], segs = 0;
		struct chart_node *t = chart_random_tree(n, 42, 16);
		double times[RUNS];

		if (!t)
			return 1;
		for (int run = 0; run < RUNS; run++) {
			struct chart_result r;
			double t0 = now_us();

			if (chart_layout(t, n, &params, &r) != 0) {
				fprintf(stderr, "chart_bench: layout failed\n");
				return 1;
			}
			times[run] = now_us() - t0;
			segs = r.segments_len;
			free(r.segments);
		}
		qsort(times, RUNS, sizeof *times, cmp_double);
		printf("%8zu %12.0f %12.3f %10zu\n", n, times[RUNS / 2],
		       times[RUNS / 2] / (double)n, segs);
		free(t);
	}
	return 0;
}
