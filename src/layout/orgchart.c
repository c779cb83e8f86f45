/*
 * orgchart.c: org charts on the page.
 *
 * chart.c does the geometry; this file sizes each unit's box from its
 * wrapped text, shrinks the type (or turns the page) until the chart fits,
 * and turns the result into fills, rules and text. A chart is one item:
 * it never splits across pages.
 */
#include "layout/layout_internal.h"

#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "briefing/base/xalloc.h"
#include "layout/chart.h"

/* ---- org charts -------------------------------------------------------- */


static void unit_style(const struct style *s, enum doc_unit_kind kind,
                       struct rgb *fill, struct rgb *text)
{
	switch (kind) {
	case DOC_UNIT_COMMAND:
		*fill = s->chart_command_fill, *text = s->chart_command_text;
		break;
	case DOC_UNIT_STAFF:
		*fill = s->chart_staff_fill, *text = s->chart_staff_text;
		break;
	case DOC_UNIT_SUPPORT:
		*fill = s->chart_support_fill, *text = s->chart_support_text;
		break;
	default:
		*fill = s->chart_unit_fill, *text = s->chart_unit_text;
		break;
	}
}

/* Boxes of one level share a height, and siblings a width, as on a drawn
 * chart; staff boxes keep their own size. The units form a tree (facts
 * checked it), so following parents always ends. */
static void even_boxes(struct chart_node *nodes, size_t n)
{
	int *depth = xcalloc(n, sizeof *depth), max_depth = 0;
	double *row_h, *kin_w = xcalloc(n + 1, sizeof *kin_w);

	for (size_t i = 0; i < n; i++) {
		for (int p = nodes[i].parent; p >= 0; p = nodes[p].parent)
			depth[i]++;
		if (depth[i] > max_depth)
			max_depth = depth[i];
	}
	row_h = xcalloc((size_t)max_depth + 1, sizeof *row_h);
	for (size_t i = 0; i < n; i++) {
		if (nodes[i].staff)
			continue;
		row_h[depth[i]] = fmax(row_h[depth[i]], nodes[i].h);
		/* kin_w[parent + 1]: the widest child of parent (root: slot 0) */
		kin_w[nodes[i].parent + 1] = fmax(kin_w[nodes[i].parent + 1],
		                                  nodes[i].w);
	}
	for (size_t i = 0; i < n; i++) {
		if (nodes[i].staff)
			continue;
		nodes[i].h = row_h[depth[i]];
		nodes[i].w = kin_w[nodes[i].parent + 1];
	}
	free(depth);
	free(row_h);
	free(kin_w);
}

/* Sizes every box from its wrapped text at size, and lays out the tree
 * to fit max_width. */
static int chart_at_size(struct builder *b, const struct doc_orgchart *c,
                         double size, double max_width,
                         struct chart_node *nodes, struct chart_result *res)
{
	const struct style *s = b->s;
	struct chart_params params = {
		.level_gap = s->chart_level_gap, .sibling_gap = s->chart_sibling_gap,
		.stack_gap = s->chart_stack_gap, .stack_indent = s->chart_stack_indent,
		.max_width = max_width, .allow_stack = true,
	};
	double leading = size * s->chart_leading;

	for (size_t i = 0; i < c->len; i++) {
		const struct doc_unit *u = &c->units[i];
		struct layout_line *lines;
		size_t n1 = layout_wrap(b->m, FACE_BOLD, size, u->name,
		                        strlen(u->name), s->chart_max_text, &lines);
		double w = 0;

		for (size_t j = 0; j < n1; j++)
			w = fmax(w, lines[j].width);
		free(lines);
		if (u->detail[0]) {
			size_t n2 = layout_wrap(b->m, FACE_REGULAR,
			                        size * s->chart_detail_scale, u->detail,
			                        strlen(u->detail), s->chart_max_text,
			                        &lines);

			for (size_t j = 0; j < n2; j++)
				w = fmax(w, lines[j].width);
			free(lines);
			n1 += n2;
		}
		nodes[i].w = fmax(w + 2 * s->chart_pad, s->chart_min_box_width);
		nodes[i].h = leading * (double)n1 + 2 * s->chart_pad;
		nodes[i].parent = u->parent;
		nodes[i].staff = u->kind == DOC_UNIT_STAFF;
	}
	even_boxes(nodes, c->len);
	return chart_layout(nodes, c->len, &params, res);
}

/* Centred lines of text in a box of width w from x, the first baseline
 * at y and the next leading below. Returns the baseline after the last. */
static double box_lines(struct builder *b, const char *text, enum face f,
                        double size, double leading, double x, double y,
                        double w, struct rgb color)
{
	struct layout_line *lines;
	size_t k = layout_wrap(b->m, f, size, text, strlen(text), w, &lines);

	for (size_t j = 0; j < k; j++) {
		layout_place_line(b, text, &lines[j], x, y, w, f, size, color, false,
		                  DOC_ALIGN_CENTER);
		y += leading;
	}
	free(lines);
	return y;
}

/* Draws one box: fill, hairline border, centred lines of text. */
static void chart_box(struct builder *b, const struct doc_unit *u,
                      const struct chart_node *n, double ox, double size)
{
	const struct style *s = b->s;
	struct rgb fill, text;
	double leading = size * s->chart_leading, x = ox + n->x, y = n->y;
	double line_y, rule_w = s->chart_box_rule_width;
	double inner = n->w - 2 * s->chart_pad;

	unit_style(s, u->kind, &fill, &text);
	layout_fill(b, x, y, n->w, n->h, fill);
	layout_rule(b, x, y, n->w, rule_w, s->chart_line_color);
	layout_rule(b, x, y + n->h, n->w, rule_w, s->chart_line_color);
	{
		struct box *r = layout_box(b, BOX_RULE);

		r->x = (float)x, r->y = (float)y, r->h = (float)n->h;
		r->line_width = (float)rule_w;
		r->color = s->chart_line_color;
		r = layout_box(b, BOX_RULE);
		r->x = (float)(x + n->w), r->y = (float)y, r->h = (float)n->h;
		r->line_width = (float)rule_w;
		r->color = s->chart_line_color;
	}
	line_y = y + s->chart_pad + layout_baseline(b, FACE_BOLD, size, leading);
	line_y = box_lines(b, u->name, FACE_BOLD, size, leading, x + s->chart_pad,
	                   line_y, inner, text);
	if (u->detail[0])
		box_lines(b, u->detail, FACE_REGULAR, size * s->chart_detail_scale,
		          leading, x + s->chart_pad, line_y, inner, text);
}

/* Lays the chart out in a width x height area: stacking leaves first (in
 * chart_layout), then shrinking the type step by step down to
 * chart_min_size. Returns 1 when it fits (res and *size hold the result),
 * 0 when it cannot, -1 when the units are not one tree. */
static int fit_chart(struct builder *b, const struct doc_orgchart *c,
                     struct chart_node *nodes, struct chart_result *res,
                     double *size, double width, double height)
{
	const struct style *s = b->s;

	*size = s->chart_size;
	for (;;) {
		memset(res, 0, sizeof *res);
		if (chart_at_size(b, c, *size, width, nodes, res) != 0)
			return -1;
		if (res->fits && res->height <= height)
			return 1;
		if (*size <= s->chart_min_size)
			return 0;
		free(res->segments);
		*size = fmax(s->chart_min_size, *size * s->chart_shrink);
	}
}

/* Connectors and boxes of a laid-out chart, as one item; the chart is
 * centred in a column width wide and sits half the chart margin below
 * the item's top. */
static void place_chart(struct builder *b, const struct doc_orgchart *c,
                        const struct chart_node *nodes,
                        const struct chart_result *res, double size,
                        double width)
{
	const struct style *s = b->s;
	double ox = b->x0 + (width - res->width) / 2;

	for (size_t i = 0; i < res->segments_len; i++) {
		const struct chart_segment *g = &res->segments[i];
		struct box *r = layout_box(b, BOX_RULE);

		r->x = (float)(ox + g->x1);
		r->y = (float)(s->chart_margin / 2 + g->y1);
		r->w = (float)(g->x2 - g->x1);
		r->h = (float)(g->y2 - g->y1);
		r->line_width = (float)s->chart_line_width;
		r->color = s->chart_line_color;
	}
	for (size_t i = 0; i < c->len; i++) {
		struct chart_node n = nodes[i];

		n.y += s->chart_margin / 2;
		chart_box(b, &c->units[i], &n, ox, size);
	}
}

/* An org chart as one item, so it never splits across pages: it moves to
 * the next page when it does not fit where it is. Too big for any page,
 * it gets a landscape page of its own if [page] chart_landscape allows,
 * and is otherwise refused with an error, naming the chart's data file
 * line, that gives the size it needs. */
void layout_orgchart(struct builder *b, const struct doc_block *blk,
                     double space_before)
{
	const struct doc_orgchart *c = &blk->u.orgchart;
	const struct style *s = b->s;
	struct chart_node *nodes = xcalloc(c->len, sizeof *nodes);
	struct chart_result res;
	double size, max_h = b->bottom - b->top - s->chart_margin;
	double width = b->width;
	bool landscape = false;
	struct item *it;
	int fit = fit_chart(b, c, nodes, &res, &size, width, max_h);

	if (fit == 0 && s->chart_landscape) {
		double lw = s->page_height - s->margin_left - s->margin_right;
		/* room for the heading that comes along to the turned page */
		double lh = s->page_width - s->margin_top - s->margin_bottom -
		            s->chart_margin -
		            s->chart_landscape_heading * s->heading1_size;

		free(res.segments);
		fit = fit_chart(b, c, nodes, &res, &size, lw, lh);
		if (fit == 1) {
			landscape = true;
			width = lw;
		} else {
			max_h = lh;
		}
	}
	if (fit < 0) {
		diag_error(b->dl, blk->origin.file, blk->origin.line,
		           "org chart '%s' is not one tree", c->name);
		goto done;
	}
	if (fit == 0) {
		diag_error(b->dl, blk->origin.file, blk->origin.line,
		           "org chart '%s' needs %.0f x %.0f mm even at %.1f pt; the "
		           "page has %.0f x %.0f mm (lower [style] chart_min_size, "
		           "set [page] chart_landscape, or use a larger page)",
		           c->name, res.width / MM, res.height / MM, size,
		           (s->chart_landscape ? s->page_height - s->margin_left -
		            s->margin_right : b->width) / MM, max_h / MM);
		goto done;
	}
	it = layout_item(b, res.height + s->chart_margin);
	it->space_before = space_before + s->chart_space_before;
	it->landscape = landscape;
	place_chart(b, c, nodes, &res, size, width);
	if (landscape)
		layout_item(b, 0)->forced = true;
done:
	free(res.segments);
	free(nodes);
}
