/*
 * image.c: images on the page: a figure (an image fact, with its caption
 * and credit), the cover's crest and the running header's logo.
 *
 * An image keeps its aspect ratio and never leaves the measure or the
 * page: a width wider than the measure, or a height taller than the
 * page leaves beside the caption, is scaled down with a warning at the
 * line that set the width. A figure, its caption and its credit are one
 * unit that a page break never parts. Every placed image is checked for
 * the resolution it prints at: below 150 dpi print looks coarse.
 */
#include "layout/layout_internal.h"

#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "briefing/base/arena.h"
#include "briefing/base/xalloc.h"

/* Print needs 150 dpi at least; 300 is ideal. */
#define IMAGE_MIN_DPI 150.0

static void put_image(struct builder *b, const struct doc_picture *p,
                      double x, double y, double w, double h)
{
	struct box *box = layout_box(b, BOX_IMAGE);

	box->image = arena_strndup(b->out->arena, p->path, strlen(p->path));
	box->x = (float)x;
	box->y = (float)y;
	box->w = (float)w;
	box->h = (float)h;
}

/* The resolution p prints at w points wide; a warning below 150 dpi
 * that says what would do. */
static void check_dpi(struct builder *b, const struct doc_picture *p,
                      const char *what, double w)
{
	double dpi = p->px_width / (w / 72.0);

	if (dpi + 1e-9 >= IMAGE_MIN_DPI)
		return;
	diag_warning(b->dl, p->origin.file, p->origin.line, "%s '%s' (%u x %u "
	             "pixels) prints at %.0f dpi at %.0f mm wide, below the %.0f "
	             "dpi print needs: give it at most %.0f mm, or a file of at "
	             "least %.0f pixels across", what, p->path, p->px_width,
	             p->px_height, dpi, w / MM, IMAGE_MIN_DPI,
	             p->px_width / IMAGE_MIN_DPI * 25.4,
	             ceil(w / 72.0 * IMAGE_MIN_DPI));
}

/* The size p prints at: its width (points, a share of the measure, or
 * the measure), the height its aspect gives, both scaled down to fit
 * max_w and max_h with a warning that names what was given. */
static void picture_size(struct builder *b, const struct doc_picture *p,
                         const char *what, double measure, double max_h,
                         double *w, double *h)
{
	double want = p->width > 0 ? p->width
	            : p->width < 0 ? -p->width * measure : measure;
	double aspect = (double)p->px_height / p->px_width;

	*w = want;
	if (*w > measure + FIT_EPSILON) {
		diag_warning(b->dl, p->origin.file, p->origin.line, "%s '%s' is "
		             "%.0f mm wide, wider than the %.0f mm measure: printed "
		             "%.0f mm wide", what, p->path, want / MM, measure / MM,
		             measure / MM);
		*w = measure;
	}
	*h = *w * aspect;
	if (*h > max_h + FIT_EPSILON) {
		*h = max_h;
		*w = *h / aspect;
		diag_warning(b->dl, p->origin.file, p->origin.line, "%s '%s' at "
		             "%.0f mm wide is too tall for the page: printed %.0f mm "
		             "wide, %.0f mm tall", what, p->path, want / MM, *w / MM,
		             *h / MM);
	}
}

static double place_x(const struct builder *b, enum doc_place place,
                      double w)
{
	return place == DOC_PLACE_CENTRE ? b->x0 + (b->width - w) / 2
	     : place == DOC_PLACE_RIGHT ? b->x0 + b->width - w : b->x0;
}

/* The height of the credit line's lines (italic, table_size). */
static double credit_height(const struct builder *b, const char *credit)
{
	const struct style *s = b->s;
	struct layout_line *lines;
	size_t n;

	if (!credit)
		return 0;
	n = layout_wrap(b->m, FACE_ITALIC, s->table_size, credit, strlen(credit),
	                b->width, &lines);
	free(lines);
	return s->note_space + s->table_size * s->line_spacing * (double)n;
}

/* The credit under the image and its caption, centred as the caption
 * is: small, italic, muted, one item a line. */
static void credit_lines(struct builder *b, const char *credit)
{
	const struct style *s = b->s;
	double size = s->table_size, leading = size * s->line_spacing;
	double base = layout_baseline(b, FACE_ITALIC, size, leading);
	struct layout_line *lines;
	size_t n = layout_wrap(b->m, FACE_ITALIC, size, credit, strlen(credit),
	                       b->width, &lines);

	for (size_t i = 0; i < n; i++) {
		layout_item(b, leading)->space_before = i == 0 ? s->note_space : 0;
		layout_place_line(b, credit, &lines[i], b->x0, base, b->width,
		                  FACE_ITALIC, size, s->muted_color, false,
		                  DOC_ALIGN_CENTER);
	}
	free(lines);
}

void layout_image(struct builder *b, const struct doc_block *blk,
                  double space_before)
{
	const struct doc_image *im = &blk->u.image;
	const struct style *s = b->s;
	double cap_h = im->caption ? layout_caption_height(b, im->caption) : 0;
	double max_h = b->bottom - b->top - cap_h - credit_height(b, im->credit) -
	               s->chart_margin;
	double w, h;
	size_t first = b->len;
	struct item *it;

	if (max_h < 2 * MM)
		max_h = 2 * MM;
	picture_size(b, &im->pic, "image", b->width, max_h, &w, &h);
	check_dpi(b, &im->pic, "image", w);
	if (im->caption && !im->cap.below) {
		layout_caption(b, im->caption, b->width, DOC_ALIGN_CENTER,
		               space_before + s->chart_space_before);
		space_before = s->caption_gap - s->chart_space_before;
	}
	it = layout_item(b, h);
	it->space_before = space_before + s->chart_space_before;
	put_image(b, &im->pic, place_x(b, im->pic.place, w), 0, w, h);
	if (im->caption && im->cap.below)
		layout_caption(b, im->caption, b->width, DOC_ALIGN_CENTER,
		               s->caption_gap);
	if (im->credit)
		credit_lines(b, im->credit);
	/* the image, its caption and its credit never part */
	for (size_t i = first + 1; i < b->len; i++)
		b->items[i].break_ok = false;
	/* room under the figure, as under a chart */
	layout_item(b, 0)->space_before = s->chart_margin;
}

double layout_cover_image(struct builder *b, const struct doc_picture *p,
                          double y)
{
	double w, h;

	if (!p->path)
		return 0;
	/* a crest takes at most a third of the page */
	picture_size(b, p, "[cover] image", b->width, (b->bottom - b->top) / 3,
	             &w, &h);
	check_dpi(b, p, "[cover] image", w);
	put_image(b, p, place_x(b, p->place, w), y, w, h);
	return h;
}

double layout_header_image(struct builder *b, struct page *pg,
                           const struct doc_picture *p, double x,
                           double bottom, double max_h, bool right)
{
	double h = p->width < max_h ? p->width : max_h;
	double w = h * p->px_width / p->px_height;
	struct box box;

	if (w > b->width / 4) {   /* a logo, not a banner */
		w = b->width / 4;
		h = w * p->px_height / p->px_width;
	}
	memset(&box, 0, sizeof box);
	box.kind = BOX_IMAGE;
	box.image = arena_strndup(b->out->arena, p->path, strlen(p->path));
	box.x = (float)(right ? x - w : x);
	box.y = (float)(bottom - h);
	box.w = (float)w;
	box.h = (float)h;
	pg->boxes = xgrow(pg->boxes, &pg->cap, pg->len + 1, sizeof *pg->boxes);
	pg->boxes[pg->len++] = box;
	return w;
}
