/*
 * linebreak.c: paragraph-level line breaking, after Knuth and Plass,
 * "Breaking Paragraphs into Lines" (1981), the algorithm of TeX.
 *
 * A paragraph is a list of abstract items: boxes (text of fixed width),
 * glue (space that may stretch and shrink) and penalties (places where a
 * line may break at a cost, such as a hyphen). Among all ways to break
 * it into lines, the one chosen has the least total demerits, where a
 * line's demerits grow with the square of its badness (how far its glue
 * is stretched or shrunk) plus its penalty, with extra demerits for two
 * hyphenated lines in a row, for a hyphen before the last line, and for
 * a loose line next to a tight one. Nothing here knows about text or
 * fonts: the caller measures, so tests use the fake metric.
 *
 * Invariant: the active list holds only breaks from which a line can
 * still reach the current item without overflowing; a break is dropped
 * as soon as the line from it is overfull, which keeps the work about
 * linear in the paragraph's length (a line holds a bounded number of
 * breaks).
 *
 * The active list is in order of position, so its lines get looser
 * from front to back (ratios_monotone). Its loose tail (ratio > 10, or
 * past the tolerance) is skipped whole in the first two passes and, in
 * the last, scored without measuring each line, or not at all when a
 * bound on its demerits shows that none of it can win: the choices are
 * those of scoring every node (tests/test_linebreak.c keeps that
 * straightforward breaker and compares).
 */
#include "layout/layout_internal.h"

#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "briefing/base/xalloc.h"

/* A feasible break: where, and the best way of getting there. */
struct lb_node {
	size_t pos;          /* item index of the break; SIZE_MAX: the start */
	size_t start;        /* the first item of the line after it */
	size_t line;         /* lines before and including the one ending here */
	int fitness;         /* 0 very loose, 1 loose, 2 decent, 3 tight */
	bool flagged;        /* a hyphen break */
	double demerits;     /* total, from the paragraph's start */
	double ratio;        /* of the line that ends here */
	long prev;           /* node index of the previous break, -1 at start */
};

struct lb_state {
	struct lb_node *nodes;
	size_t len, cap;
	size_t *active;      /* node indices, in order of position */
	/* lo[k]: at most the least demerits of active[k..] (a bound that
	 * dropping nodes only loosens) */
	double *lo;
	size_t active_len, active_cap, lo_cap;
};

/* Appends node ni to the active list, keeping lo[] a bound. */
static void activate(struct lb_state *st, size_t ni)
{
	double x = st->nodes[ni].demerits;
	size_t k = st->active_len;

	st->active = xgrow(st->active, &st->active_cap, k + 1,
	                   sizeof *st->active);
	st->lo = xgrow(st->lo, &st->lo_cap, k + 1, sizeof *st->lo);
	st->active[k] = ni;
	st->lo[k] = x;
	while (k > 0 && st->lo[k - 1] > x)
		st->lo[--k] = x;
	st->active_len++;
}

static size_t new_node(struct lb_state *st, struct lb_node n)
{
	st->nodes = xgrow(st->nodes, &st->cap, st->len + 1, sizeof *st->nodes);
	st->nodes[st->len] = n;
	return st->len++;
}

/* The first item a line after a break at pos holds: glue and penalties
 * after a break are dropped, up to the next box (or a forced break). */
static size_t line_start(const struct lb_item *it, size_t n, size_t pos)
{
	size_t j = pos == SIZE_MAX ? 0 : pos + 1;

	if (pos == SIZE_MAX)
		return 0;
	while (j < n && it[j].kind != LB_BOX &&
	       !(it[j].kind == LB_PENALTY && it[j].penalty <= -LB_INF))
		j++;
	return j;
}

double layout_badness(double ratio)
{
	double b;

	if (ratio < -1)
		return LB_INF_BAD + 1;
	if (ratio > 10)
		return LB_INF_BAD;
	b = 100 * fabs(ratio) * fabs(ratio) * fabs(ratio);
	return b > LB_INF_BAD ? LB_INF_BAD : b;
}

static int fitness_class(double r)
{
	if (r < -0.5)
		return 3;
	if (r <= 0.5)
		return 2;
	if (r <= 1)
		return 1;
	return 0;
}

/* The adjustment ratio of a line of natural width w, stretch y and
 * shrink z in a measure of p->width. */
static double line_ratio(const struct lb_params *p, double w, double y,
                         double z)
{
	if (w < p->width - FIT_EPSILON)
		return y > 0 ? (p->width - w) / y : LB_INF;
	if (w > p->width + FIT_EPSILON)
		return z > 0 ? (p->width - w) / z : -LB_INF;
	return 0;
}

/* Whether lines get looser along the active list: with no negative
 * width, stretch or shrink, a later break (a later line start) leaves
 * less material and less stretch before the current item, so among the
 * lines that fit loosely (w below the measure) the ratio never falls
 * from one active node to the next, in floating point too (subtraction,
 * addition and division round monotonically). layout_linebreak() finds
 * it out while it sums the items (nonneg). */

size_t layout_linebreak(const struct lb_item *it, size_t n,
                        const struct lb_params *p, struct lb_line **out)
{
	struct lb_state st = { NULL, 0, 0, NULL, NULL, 0, 0, 0 };
	/* sums[i]: width, stretch and shrink of items [0, i) */
	double *sw = xmalloc(3 * (n + 1) * sizeof *sw);
	double *sy = sw + (n + 1);
	double *sz = sy + (n + 1);
	bool any = p->tolerance < 0;
	bool nonneg = p->line_stretch >= 0, mono;
	long last_dropped = -1;
	size_t count = 0;

	*out = NULL;
	sw[0] = sy[0] = sz[0] = 0;
	for (size_t i = 0; i < n; i++) {
		if (it[i].kind != LB_PENALTY) {
			double w = it[i].width, y = it[i].stretch, z = it[i].shrink;

			nonneg = nonneg && w >= 0 && y >= 0 && z >= 0;
			sw[i + 1] = sw[i] + w;
			sy[i + 1] = sy[i] + y;
			sz[i + 1] = sz[i] + z;
		} else {
			sw[i + 1] = sw[i] + 0;
			sy[i + 1] = sy[i] + 0;
			sz[i + 1] = sz[i] + 0;
		}
	}
	/* Loose lines (ratio > 10, badness LB_INF_BAD) form the tail of the
	 * active list (see nonneg above): a pass with a tolerance below
	 * LB_INF_BAD skips the tail whole, the last pass scores it without
	 * measuring each line. */
	mono = nonneg &&
	       (any ? p->flagged_demerits >= 0 && p->fitness_demerits >= 0
	            : p->tolerance < LB_INF_BAD);
	activate(&st, new_node(&st, (struct lb_node){
		SIZE_MAX, 0, 0, 2, false, 0, 0, -1 }));

	for (size_t i = 0; i < n && st.active_len; i++) {
		const struct lb_item *b = &it[i];
		bool legal = (b->kind == LB_GLUE && i > 0 &&
		              it[i - 1].kind == LB_BOX) ||
		             (b->kind == LB_PENALTY && b->penalty < LB_INF);
		bool forced = b->kind == LB_PENALTY && b->penalty <= -LB_INF;
		bool pen = b->kind == LB_PENALTY;
		double pw = pen ? b->width : 0;
		/* per fitness class, when its bit of found is set: the best
		 * total demerits, from which node, at what ratio */
		double best[4] = { INFINITY, INFINITY, INFINITY, INFINITY };
		long from[4];
		double ratio[4];
		unsigned found = 0;
		size_t keep = 0;

		if (!legal)
			continue;
		for (size_t k = 0; k < st.active_len; k++) {
			size_t ai = st.active[k];
			const struct lb_node *a = &st.nodes[ai];
			size_t s = a->start;
			double w = (s <= i ? sw[i] - sw[s] : 0) + pw;
			double y = (s <= i ? sy[i] - sy[s] : 0) + p->line_stretch;
			double z = s <= i ? sz[i] - sz[s] : 0;
			double r, bad, d;
			int c;

			r = line_ratio(p, w, y, z);
			if (mono && !forced && r > 0 &&
			    (r > 10 || (!any && layout_badness(r) > p->tolerance))) {
				/* This line and every later one fit loosely, each at
				 * least as loosely: all stay active, and only the
				 * last pass gives them a (class 0) candidate, of
				 * badness LB_INF_BAD once past 10. */
				size_t rest = st.active_len - k;

				if (any) {
					double d0 = p->line_penalty + LB_INF_BAD, d1;

					d0 *= d0;
					if (pen && b->penalty > 0)
						d0 += b->penalty * b->penalty;
					else if (pen)
						d0 -= b->penalty * b->penalty;
					d1 = d0 + p->flagged_demerits;
					/* d0 + lo[j] bounds every candidate from j on: when
					 * it cannot beat the best so far, skip them */
					for (size_t j = k; j < st.active_len &&
					     !(best[0] <= d0 + st.lo[j]); j++) {
						const struct lb_node *t = &st.nodes[st.active[j]];

						d = pen && b->flagged && t->flagged ? d1 : d0;
						if (t->pos != SIZE_MAX && t->fitness >= 2)
							d += p->fitness_demerits;
						d += t->demerits;
						if (d < best[0]) {
							size_t ts = t->start;

							best[0] = d;
							found |= 1;
							from[0] = (long)st.active[j];
							ratio[0] = line_ratio(p,
								(ts <= i ? sw[i] - sw[ts] : 0) + pw,
								(ts <= i ? sy[i] - sy[ts] : 0) +
								p->line_stretch,
								ts <= i ? sz[i] - sz[ts] : 0);
						}
					}
				}
				if (keep < k) {
					memmove(st.active + keep, st.active + k,
					        rest * sizeof *st.active);
					memmove(st.lo + keep, st.lo + k, rest * sizeof *st.lo);
				}
				keep += rest;
				break;
			}
			if (r < -1 || forced) {
				/* No line from a can reach beyond i: drop it. */
				if (r < -1)
					last_dropped = (long)ai;
			} else {
				st.lo[keep] = st.lo[k];
				st.active[keep++] = ai;
			}
			if (r < -1)
				continue;
			bad = layout_badness(r);
			if (!any && bad > p->tolerance)
				continue;
			d = p->line_penalty + bad;
			d *= d;
			if (pen && b->penalty > 0)
				d += b->penalty * b->penalty;
			else if (pen && !forced)
				d -= b->penalty * b->penalty;
			/* Two hyphenated lines in a row: the same. */
			if (pen && b->flagged && a->flagged) {
				if (!any)
					continue;
				d += p->flagged_demerits;
			}
			/* A hyphen before the last line: refused while another
			 * way within the tolerance may exist, costly after. */
			if (forced && a->flagged) {
				if (!any)
					continue;
				d += p->final_hyphen_demerits;
			}
			c = fitness_class(r);
			if (a->pos != SIZE_MAX && abs(c - a->fitness) > 1)
				d += p->fitness_demerits;
			d += a->demerits;
			if (d < best[c]) {
				best[c] = d;
				found |= 1u << c;
				from[c] = (long)ai;
				ratio[c] = r;
			}
		}
		st.active_len = keep;
		/* In the last pass a word wider than the measure would leave no
		 * way on: take the line that just overflowed, overfull. */
		if (any && st.active_len == 0 && !found && last_dropped >= 0) {
			found = 1u << 2;
			from[2] = last_dropped;
			best[2] = st.nodes[last_dropped].demerits + LB_INF_BAD * LB_INF_BAD;
			ratio[2] = -1;
		}
		/* A fitness class whose best is more than adj_demerits worse
		 * than the best of all can never win (TeX does the same). */
		if (!found)
			continue;
		/* (one class alone is its own best, unless adj_demerits < 0) */
		if ((found & (found - 1)) || !(p->fitness_demerits >= 0)) {
			double mn = INFINITY;

			for (int c = 0; c < 4; c++)
				if ((found >> c & 1) && best[c] < mn)
					mn = best[c];
			for (int c = 0; c < 4; c++)
				if ((found >> c & 1) && best[c] > mn + p->fitness_demerits)
					found &= ~(1u << c);
		}
		for (int c = 0; c < 4; c++) {
			size_t ni;

			if (!(found >> c & 1))
				continue;
			ni = new_node(&st, (struct lb_node){ i, line_start(it, n, i),
				st.nodes[from[c]].line + 1, c,
				b->kind == LB_PENALTY && b->flagged, best[c], ratio[c],
				from[c] });
			activate(&st, ni);
		}
	}
	/* The paragraph ends with a forced break: the active nodes left are
	 * at the last item. Take the one with the least demerits. */
	{
		long bi = -1;

		for (size_t k = 0; k < st.active_len; k++) {
			const struct lb_node *a = &st.nodes[st.active[k]];

			if (a->pos == n - 1 && n > 0 &&
			    (bi < 0 || a->demerits < st.nodes[bi].demerits))
				bi = (long)st.active[k];
		}
		if (bi >= 0) {
			count = st.nodes[bi].line;
			*out = xcalloc(count, sizeof **out);
			for (long k = bi, l = (long)count - 1; k >= 0 && l >= 0;
			     k = st.nodes[k].prev, l--) {
				const struct lb_node *a = &st.nodes[k];
				const struct lb_node *pr = &st.nodes[a->prev];

				(*out)[l].start = pr->start;
				(*out)[l].end = a->pos;
				(*out)[l].ratio = a->ratio;
				(*out)[l].demerits = a->demerits - pr->demerits;
			}
		}
	}
	free(st.nodes);
	free(st.active);
	free(st.lo);
	free(sw);
	return count;
}
