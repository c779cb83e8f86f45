/*
 * chart_random.h: the random org-chart trees that the chart unit tests
 * and bench/chart_bench.c both lay out, so that the bench times the
 * shapes the tests check. A tiny LCG makes them the same on every libc.
 */
#ifndef BRIEFING_TESTS_CHART_RANDOM_H
#define BRIEFING_TESTS_CHART_RANDOM_H

#include <stdint.h>
#include <stdlib.h>

#include "layout/chart.h"

static uint32_t chart_random_next(uint32_t *s)
{
	*s = *s * 1664525u + 1013904223u;
	return *s >> 8;
}

/* A random tree of n nodes: node i hangs under an earlier node, half the
 * time a recent one so that some branches run deep; sizes vary. With
 * staff_one_in > 0, about one node in staff_one_in (never the root) is
 * staff; with 0, none is. The caller frees the result; NULL when out of
 * memory. */
static struct chart_node *chart_random_tree(size_t n, uint32_t seed,
                                            uint32_t staff_one_in)
{
	struct chart_node *t = calloc(n, sizeof *t);

	if (!t)
		return NULL;
	for (size_t i = 0; i < n; i++) {
		uint32_t r = chart_random_next(&seed);

		t[i].w = 20 + r % 80;
		t[i].h = 10 + (r >> 8) % 30;
		t[i].staff = staff_one_in && i > 0 &&
		             (r >> 16) % staff_one_in == 0;
		if (i == 0)
			t[i].parent = -1;
		else if (r % 2)
			t[i].parent = (int)(i - 1 - (r >> 4) % (i < 8 ? i : 8));
		else
			t[i].parent = (int)((r >> 4) % i);
	}
	return t;
}

#endif
