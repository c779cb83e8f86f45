/*
 * chart_fit.h: fitting an org chart to a page, without drawing it.
 *
 * chart_fit.c sizes every unit's box from its wrapped text and searches
 * for the arrangement that fits (largest type first); drawing is a
 * separate step (orgchart.c), so tests can check the geometry with fake
 * metrics and no PDF. Private to the layout stage and its tests.
 */
#ifndef BRIEFING_CHART_FIT_H
#define BRIEFING_CHART_FIT_H

#include <stdbool.h>
#include <stddef.h>

#include "layout/chart.h"
#include "layout/layout_internal.h"

struct chart_fit {
	size_t n;                  /* units */
	/* Per unit: its box (x, y, w, h, place). A unit listed under its
	 * parent (compact) has listed set and the box of its line. */
	struct chart_node *nodes;
	bool *listed;
	double *box_h;             /* the box without a list under it */
	double *name_wrap, *detail_wrap;  /* width each text wraps at */
	struct chart_segment *segments;
	size_t segments_len;
	double width, height;      /* the chart's bounding box */
	double size;               /* the type size it is drawn at */
	bool turned;               /* it fits only the turned page */
	bool compact;              /* its lowest level is drawn as lists */
};

/* The area the chart may take, on the page and (turned_width > 0) on
 * the page turned. */
struct chart_area {
	double width, height, turned_width, turned_height;
};

/*
 * Fits org chart c into the area: for each type size from chart_size
 * down to chart_min_size, one row, then balanced rows, then stacked
 * leaves, each with labels wrapped into as few lines as will do and
 * boxes as alike as will do; then the same on the turned page; then
 * (chart_compact = auto) all of it again with the lowest level as lists.
 * Returns 1 when it fits, 0 when it does not (out holds the last,
 * narrowest attempt, for the error message), -1 when the units are not
 * one tree. Release out with chart_fit_release() in every case.
 */
int chart_fit(const struct metrics *m, const struct style *s,
              const struct doc_orgchart *c, const struct chart_area *area,
              struct chart_fit *out);

void chart_fit_release(struct chart_fit *f);

#endif
