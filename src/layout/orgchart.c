/*
 * orgchart.c: org charts on the page.
 *
 * chart.c does the geometry and chart_fit.c sizes each unit's box from
 * its wrapped text and searches for the arrangement that fits; this file
 * turns the result into fills, rules and text. A chart is one item: it
 * never splits across pages.
 */
#include "layout/chart_fit.h"

#include <stdlib.h>
#include <string.h>

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

/* ---- drawing ---------------------------------------------------------- */

static size_t count_lines(const struct metrics *m, enum face f, double size,
                          const char *text, double width)
{
	struct layout_line *lines;
	size_t k = layout_wrap(m, f, size, text, strlen(text), width, &lines);

	free(lines);
	return k;
}

/* A box's four borders. */
static void box_border(struct builder *b, double x, double y, double w,
                       double h, double rule_w, struct rgb color)
{
	layout_rule(b, x, y, w, rule_w, color);
	layout_rule(b, x, y + h, w, rule_w, color);
	for (int side = 0; side < 2; side++) {
		struct box *r = layout_box(b, BOX_RULE);

		r->x = (float)(side ? x + w : x), r->y = (float)y, r->h = (float)h;
		r->line_width = (float)rule_w;
		r->color = color;
	}
}

/* Centred lines of text wrapped at wrap, in a column width wide from x,
 * the first line's top at y. Returns the top of the line after. */
static double box_lines(struct builder *b, const char *text, enum face f,
                        double size, double leading, double x, double y,
                        double wrap, double width, struct rgb color)
{
	struct layout_line *lines;
	size_t k = layout_wrap(b->m, f, size, text, strlen(text), wrap, &lines);
	double base = layout_baseline(b, f, size, leading);

	for (size_t j = 0; j < k; j++) {
		layout_place_line(b, text, &lines[j], x, y + base, width, f, size,
		                  color, false, DOC_ALIGN_CENTER);
		y += leading;
	}
	free(lines);
	return y;
}

/* Draws unit i: fill, border, its lines centred both ways; and the list
 * of its listed units under it, if any. */
static void chart_box(struct builder *b, const struct chart_fit *f,
                      const struct doc_orgchart *c, size_t i, double ox,
                      double oy)
{
	const struct style *s = b->s;
	const struct doc_unit *u = &c->units[i];
	const struct chart_node *nd = &f->nodes[i];
	double size = f->size, pad = s->chart_padding * size;
	double leading = size * s->chart_leading, ds = size * s->chart_detail_scale;
	double x = ox + nd->x, y = oy + nd->y, bh = f->box_h[i];
	double rule_w = s->chart_border * size, inner = nd->w - 2 * pad;
	double text_h;
	struct rgb fill, text;
	size_t k;

	unit_style(s, u->kind, &fill, &text);
	layout_fill(b, x, y, nd->w, bh, fill);
	box_border(b, x, y, nd->w, bh, rule_w, s->chart_line_color);
	k = count_lines(b->m, FACE_BOLD, size, u->name, f->name_wrap[i]) +
	    count_lines(b->m, FACE_REGULAR, ds, u->detail, f->detail_wrap[i]);
	text_h = leading * (double)k;
	y += (bh - text_h) / 2;
	y = box_lines(b, u->name, FACE_BOLD, size, leading, x + pad, y,
	              f->name_wrap[i], inner, text);
	if (u->detail[0])
		box_lines(b, u->detail, FACE_REGULAR, ds, leading, x + pad, y,
		          f->detail_wrap[i], inner, text);
	if (nd->h > bh + 1e-9) {
		/* the list panel of a compact chart's bottom level */
		y = oy + nd->y + bh;
		layout_fill(b, x, y, nd->w, nd->h - bh, s->chart_staff_fill);
		box_border(b, x, y, nd->w, nd->h - bh, rule_w, s->chart_line_color);
	}
}

/* One listed unit: a bullet and its name, wrapped, left-aligned. */
static void chart_list_entry(struct builder *b, const struct chart_fit *f,
                             const struct doc_orgchart *c, size_t i,
                             double ox, double oy)
{
	const struct style *s = b->s;
	const struct chart_node *nd = &f->nodes[i];
	double size = f->size, leading = size * s->chart_leading;
	double base = layout_baseline(b, FACE_REGULAR, size, leading);
	double y = oy + nd->y;
	const char *name = c->units[i].name, *bullet = s->labels.sub_bullet;
	struct layout_line *lines;
	size_t k = layout_wrap(b->m, FACE_REGULAR, size, name, strlen(name),
	                       nd->w, &lines);

	layout_text(b, ox + nd->x - s->chart_list_indent * size, y + base,
	            FACE_REGULAR, size, s->chart_staff_text, bullet,
	            strlen(bullet), layout_width(b->m, FACE_REGULAR, size, bullet,
	                                         strlen(bullet)));
	for (size_t j = 0; j < k; j++) {
		layout_place_line(b, name, &lines[j], ox + nd->x, y + base, nd->w,
		                  FACE_REGULAR, size, s->chart_staff_text, false,
		                  DOC_ALIGN_LEFT);
		y += leading;
	}
	free(lines);
}

/* Connectors and boxes of a fitted chart, as the last item's boxes; the
 * chart is centred in a column width wide and sits half the chart
 * margin below the item's top. */
static void place_chart(struct builder *b, const struct doc_orgchart *c,
                        const struct chart_fit *f, double width)
{
	const struct style *s = b->s;
	double ox = b->x0 + (width - f->width) / 2, oy = s->chart_margin / 2;

	for (size_t i = 0; i < f->segments_len; i++) {
		const struct chart_segment *g = &f->segments[i];
		struct box *r = layout_box(b, BOX_RULE);

		r->x = (float)(ox + g->x1);
		r->y = (float)(oy + g->y1);
		r->w = (float)(g->x2 - g->x1);
		r->h = (float)(g->y2 - g->y1);
		r->line_width = (float)(s->chart_line * f->size);
		r->color = s->chart_line_color;
	}
	for (size_t i = 0; i < c->len; i++)
		if (!f->listed[i])
			chart_box(b, f, c, i, ox, oy);
	for (size_t i = 0; i < c->len; i++)
		if (f->listed[i])
			chart_list_entry(b, f, c, i, ox, oy);
}

/* An org chart as one item, so it never splits across pages: it moves to
 * the next page when it does not fit where it is. Too big for any page,
 * it gets a turned page of its own if [page] chart_landscape allows,
 * and is otherwise refused with an error, naming the chart's data file
 * line, that gives the size it needs. */
void layout_orgchart(struct builder *b, const struct doc_block *blk,
                     double space_before)
{
	const struct doc_orgchart *c = &blk->u.orgchart;
	const struct style *s = b->s;
	struct chart_area area = {
		.width = b->width,
		.height = b->bottom - b->top - s->chart_margin,
	};
	struct chart_fit f;
	struct item *it;
	double width;
	/* a caption shares the chart's page: the chart fits in what it
	 * leaves */
	double cap_h = c->caption ? layout_caption_height(b, c->caption) : 0;
	size_t chart_item;
	int fit;

	area.height -= cap_h;
	if (s->chart_landscape) {
		area.turned_width = s->page_height - s->margin_left -
		                    s->margin_right;
		/* room for the heading that comes along to the turned page */
		area.turned_height = s->page_width - s->margin_top -
		                     s->margin_bottom - s->chart_margin -
		                     s->chart_landscape_heading * s->heading1_size -
		                     cap_h;
	}
	fit = chart_fit(b->m, s, c, &area, &f);
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
		           c->name, f.width / MM, f.height / MM, f.size,
		           (f.turned ? area.turned_width : area.width) / MM,
		           (f.turned ? area.turned_height : area.height) / MM);
		goto done;
	}
	width = f.turned ? area.turned_width : area.width;
	if (c->caption && !c->cap.below) {
		layout_caption(b, c->caption, width, DOC_ALIGN_CENTER,
		               space_before + s->chart_space_before);
		space_before = s->caption_gap - s->chart_space_before;
	}
	chart_item = b->len;
	it = layout_item(b, f.height + s->chart_margin);
	it->space_before = space_before + s->chart_space_before;
	it->landscape = f.turned;
	/* a chart and its caption never part */
	it->break_ok = !(c->caption && !c->cap.below);
	place_chart(b, c, &f, width);
	if (c->caption && c->cap.below &&
	    layout_caption(b, c->caption, width, DOC_ALIGN_CENTER,
	                   s->caption_gap) > 0)
		b->items[chart_item + 1].break_ok = false;
	if (f.turned)
		layout_item(b, 0)->forced = true;
done:
	chart_fit_release(&f);
}
