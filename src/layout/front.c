/*
 * front.c: the parts of a briefing that are not body text: the title
 * block, the cover page, the table of contents and the list of sources.
 */
#include "layout/layout_internal.h"

#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "briefing/base/arena.h"
#include "briefing/base/xalloc.h"

/* Sets text wrapped to the column in lines step apart and returns y
 * moved down a step per line. The title block passes y as the first
 * line's top (from_top) and gets the y below the last line; the cover
 * passes a baseline, sets each line a step below the one before, and
 * gets the last baseline. */
static double column_lines(struct builder *b, const char *text, enum face f,
                           double size, double step, struct rgb color,
                           double y, bool from_top)
{
	struct layout_line *lines;
	size_t n = layout_wrap(b->m, f, size, text, strlen(text), b->width,
	                       &lines);
	double first = from_top ? layout_baseline(b, f, size, step) : step;

	for (size_t i = 0; i < n; i++) {
		layout_place_line(b, text, &lines[i], b->x0, y + first, b->width,
		                  f, size, color, false, DOC_ALIGN_LEFT);
		y += step;
	}
	free(lines);
	return y;
}

/* The title block on the first page when there is no cover: title,
 * subtitle, "As of" date and organisation, and a rule, as one item. */
void layout_title_block(struct builder *b, const struct doc *d)
{
	const struct style *s = b->s;
	double y;
	struct item *it;

	layout_item(b, 0);
	y = column_lines(b, d->title, FACE_BOLD, s->title_size,
	                 s->title_size * s->title_leading, s->heading_color, 0,
	                 true);
	if (d->subtitle)
		y = column_lines(b, d->subtitle, FACE_REGULAR, s->subtitle_size,
		                 s->subtitle_size * s->subtitle_leading,
		                 s->muted_color, y + s->subtitle_gap, true);
	{
		char *line = xasprintf("%s %s%s%s", s->labels.as_of, d->as_of,
		                       d->organisation ? s->labels.separator : "",
		                       d->organisation ? d->organisation : "");

		y = column_lines(b, line, FACE_ITALIC, s->body_size,
		                 s->body_size * s->as_of_leading, s->muted_color,
		                 y + s->as_of_gap, true);
		free(line);
	}
	if (d->control)   /* reference, edition, version: under the date */
		y = column_lines(b, d->control, FACE_REGULAR, s->body_size,
		                 s->body_size * s->as_of_leading, s->muted_color,
		                 y, true);
	y += s->title_rule_gap;
	layout_rule(b, b->x0, y, b->width, s->title_rule_width, s->accent_color);
	it = &b->items[b->len - 1];
	it->height = y + s->title_rule_width;
}

/* ---- contents, sources, cover ----------------------------------------- */


/* Dot leaders from the end of a contents entry's title to its page
 * number column, on a fixed grid so they line up from entry to entry:
 * copies of the leader label (". "), its trailing blanks dropped. */
static void toc_leader(struct builder *b, const struct item *it, double end,
                       double stop, double dot_w, double size)
{
	const char *unit = b->s->labels.leader;
	size_t ul = strlen(unit), n;
	double x;
	size_t dots;
	char *leader;

	if (ul == 0 || dot_w <= 0)
		return;
	x = ceil((end - b->x0) / dot_w) * dot_w + b->x0;
	dots = x < stop ? (size_t)((stop - x) / dot_w) : 0;
	if (dots == 0)
		return;
	leader = xmalloc(dots * ul + 1);
	for (size_t k = 0; k < dots; k++)
		memcpy(leader + ul * k, unit, ul); /* NOLINT(bugprone-not-null-terminated-result): sized run */
	for (n = dots * ul; n > 0 && leader[n - 1] == ' '; n--)
		;
	layout_text(b, x, it->toc_baseline, FACE_REGULAR, size, b->s->muted_color,
	            leader, n, layout_width(b->m, FACE_REGULAR, size, leader, n));
	free(leader);
}

/* One contents entry per item: number, title (wrapped short of the page
 * number column), dot leaders, as in LaTeX; a list of figures or tables
 * is the same with the caption's number and text. The page number and
 * the link are added by layout_emit() once pagination has placed the
 * heading (or the captioned table or chart); an
 * entry's height does not depend on them, so the numbers are right even
 * when the contents runs over several pages. */
void layout_contents(struct builder *b, const struct doc_contents *c,
                     double space_before)
{
	const struct style *s = b->s;
	double size = s->body_size, leading = size * s->line_spacing;
	double num_w = layout_width(b->m, FACE_BOLD, size, "0000", 4);
	double right = b->x0 + b->width;
	double dot_w = layout_width(b->m, FACE_REGULAR, size, s->labels.leader,
	                            strlen(s->labels.leader));

	/* A list of figures or tables: the numbers flush left as level-1
	 * entries are, the entries set like level-2 ones (regular, close) */
	bool captions = c->lists != DOC_CONTENTS_HEADINGS;

	for (size_t i = 0; i < c->len; i++) {
		const struct doc_contents_entry *e = &c->entries[i];
		bool top = e->level == 1;
		enum face face = top && !captions ? FACE_BOLD : FACE_REGULAR;
		double num_x = b->x0 + (top ? 0 : s->contents_level_indent);
		double title_x = num_x + s->contents_number_gap +
		                 (top ? 0 : s->contents_level2_gap);
		double title_w = right - num_w - s->contents_number_space - title_x;
		double base = layout_baseline(b, face, size, leading);
		struct layout_line *lines;
		size_t n = layout_wrap(b->m, face, size, e->title, strlen(e->title),
		                       title_w, &lines);
		struct item *it = layout_item(b, leading * (double)(n ? n : 1));

		it->space_before = i == 0 ? space_before
		                 : top && !captions ? size * s->contents_entry_space
		                 : 0;
		it->toc_ref = (long)e->ref;
		it->toc_baseline = base + leading * (double)(n ? n - 1 : 0);
		it->toc_size = size;
		it->toc_face = face;
		layout_text(b, num_x, base, face, size, s->text_color, e->number,
		            strlen(e->number), layout_width(b->m, face, size,
		                                            e->number,
		                                            strlen(e->number)));
		for (size_t j = 0; j < n; j++)
			layout_place_line(b, e->title, &lines[j], title_x,
			                  base + leading * (double)j, title_w, face, size,
			                  s->text_color, false, DOC_ALIGN_LEFT);
		toc_leader(b, it, title_x + (n ? lines[n - 1].width : 0) +
		           s->contents_leader_gap,
		           right - num_w - s->contents_leader_gap, dot_w, size);
		free(lines);
	}
}

/* A source's address: each line is text with a link over it. */
static void source_url(struct builder *b, const char *url)
{
	const struct style *s = b->s;
	double size = s->body_size;
	double x = b->x0 + s->list_indent, w = b->width - s->list_indent;
	double leading = size * s->line_spacing;
	double base = layout_baseline(b, FACE_REGULAR, size, leading);
	const char *uri = arena_strndup(b->out->arena, url, strlen(url));
	struct layout_line *lines;
	size_t n = layout_wrap(b->m, FACE_REGULAR, size, url, strlen(url), w,
	                       &lines);

	for (size_t j = 0; j < n; j++) {
		struct box *l;

		layout_item(b, leading);
		layout_place_line(b, url, &lines[j], x, base, w, FACE_REGULAR, size,
		                  s->accent_color, false, DOC_ALIGN_LEFT);
		l = layout_box(b, BOX_LINK);
		l->x = (float)x;
		l->y = 0;
		l->w = (float)lines[j].width;
		l->h = (float)leading;
		l->uri = uri;
	}
	free(lines);
}

/* Each source: title, address (a link), last-updated date. */
void layout_sources(struct builder *b, const struct doc_sources *src,
                    double space_before)
{
	const struct style *s = b->s;
	double size = s->body_size;

	if (src->intro)
		layout_paragraph(b, src->intro, b->x0, b->width, FACE_REGULAR, size,
		                 s->text_color, false, space_before);
	for (size_t i = 0; i < src->len; i++) {
		const struct doc_source *e = &src->items[i];
		size_t first = b->len;

		layout_mark_source(b, i + 1, first);   /* citations link here */
		layout_paragraph(b, e->title, b->x0 + s->list_indent,
		                 b->width - s->list_indent, FACE_BOLD, size,
		                 s->text_color, false, size * s->sources_entry_space);
		if (e->url[0])
			source_url(b, e->url);
		layout_paragraph(b, e->updated, b->x0 + s->list_indent,
		                 b->width - s->list_indent, FACE_ITALIC,
		                 size * s->sources_date_scale, s->muted_color, false,
		                 0);
		/* An entry stays together. */
		for (size_t k = first + 1; k < b->len; k++)
			b->items[k].break_ok = false;
	}
}

/* Classification banners across the very top and bottom of the cover
 * page, marking centred in white; y is relative to the cover item's top,
 * which sits at the top margin. */
static void cover_banners(struct builder *b, const struct doc *d, double band)
{
	const struct style *s = b->s;
	double page_h = s->page_height;
	double size = s->marking_size + s->cover_marking_grow;

	layout_fill(b, 0, -b->top, s->page_width, band, s->accent_color);
	layout_fill(b, 0, page_h - band - b->top, s->page_width, band,
	            s->accent_color);
	for (int k = 0; k < 2; k++) {
		double w = layout_width(b->m, FACE_BOLD, size, d->marking,
		                        strlen(d->marking));
		double by = k == 0 ? -b->top : page_h - band - b->top;

		layout_text(b, (s->page_width - w) / 2,
		            by + band / 2 + size * s->cover_marking_baseline,
		            FACE_BOLD, size, s->cover_marking_color, d->marking,
		            strlen(d->marking), w);
	}
}

/* Where the note of a key figure's value starts: the value's trailing
 * "(...)", with its own parentheses balanced and text before it, as in
 * "4,000 (approx.)"; or len when it has none. */
static size_t note_start(const char *v, size_t len)
{
	int depth = 0;

	if (len == 0 || v[len - 1] != ')')
		return len;
	for (size_t i = len; i-- > 0;) {
		if (v[i] == ')')
			depth++;
		else if (v[i] == '(' && --depth == 0)
			return i > 1 && v[i - 1] == ' ' && v[i - 2] != ' ' ? i : len;
	}
	return len;
}

/* The tiles as the cover shows them: with cover_note_to_label, a value's
 * note moves to its label, so the value in large type stays short
 * ("4,000" over "KFOR troops (approx.)"). The facts keep the whole
 * value, and figures blocks print it as it is. Free with
 * shown_figures_free(). */
static struct doc_figures shown_figures(const struct builder *b,
                                        const struct doc_figures *c)
{
	struct doc_figures out = { xcalloc(c->len ? c->len : 1,
	                                   sizeof *out.items), c->len };

	for (size_t i = 0; i < c->len; i++) {
		const struct doc_figure *f = &c->items[i];
		size_t len = strlen(f->value);
		size_t at = b->s->cover_note_to_label ? note_start(f->value, len)
		                                      : len;

		out.items[i].origin = f->origin;
		if (at == len) {
			out.items[i].value = xstrdup(f->value);
			out.items[i].label = xstrdup(f->label);
			continue;
		}
		out.items[i].value = xstrndup(f->value, at - 1);
		out.items[i].label = xasprintf("%s %s", f->label, f->value + at);
	}
	return out;
}

static void shown_figures_free(struct doc_figures *f)
{
	for (size_t i = 0; i < f->len; i++) {
		free(f->items[i].value);
		free(f->items[i].label);
	}
	free(f->items);
}

/* The type size for the tiles' values: the longest word of every value
 * must fit a tile, so shrink from the heading size, down to body size,
 * rather than cut a word. */
static double tile_value_size(const struct builder *b,
                              const struct doc_figures *c, double tile_w)
{
	const struct style *s = b->s;
	double value_size = s->heading1_size * s->cover_value_scale;
	double fit = tile_w - 2 * s->cover_tile_pad;

	for (size_t i = 0; i < c->len; i++) {
		const char *v = c->items[i].value;

		for (size_t k = 0, ws = 0; ; k++) {
			if (v[k] == ' ' || v[k] == '\0') {
				double w = layout_width(b->m, FACE_BOLD, value_size, v + ws,
				                        k - ws);

				if (w > fit && value_size > s->body_size)
					value_size = fmax(s->body_size,
					                  value_size * fit / w);
				ws = k + 1;
			}
			if (v[k] == '\0')
				break;
		}
	}
	return value_size;
}

/* Up to max lines of text in a tile, baselines step apart below y. */
static void tile_text(struct builder *b, const char *text, enum face f,
                      double size, double step, size_t max, double x,
                      double y, double w, struct rgb color)
{
	struct layout_line *lines;
	size_t n = layout_wrap(b->m, f, size, text, strlen(text), w, &lines);

	for (size_t j = 0; j < n && j < max; j++) {
		y += step;
		layout_place_line(b, text, &lines[j], x, y, w, f, size, color, false,
		                  DOC_ALIGN_LEFT);
	}
	free(lines);
}

/* The geometry of the cover's tiles: cols a row, each tile_w by tile_h,
 * the values set at value_size in value_lines, the labels in
 * label_lines: as many as the longest needs, up to cover_value_lines
 * and cover_label_lines, so tiles of short values stay low. */
struct tile_grid {
	size_t cols, rows;
	double tile_w, tile_h, value_size;
	size_t value_lines, label_lines;
};

/* Lines text takes wrapped to width, at most max, at least 1. */
static size_t tile_lines(const struct builder *b, const char *text,
                         enum face f, double size, double width, int max)
{
	struct layout_line *lines;
	size_t n = layout_wrap(b->m, f, size, text, strlen(text), width, &lines);

	free(lines);
	return n < 1 ? 1 : n > (size_t)max ? (size_t)max : n;
}

static struct tile_grid tile_grid(const struct builder *b,
                                  const struct doc_figures *c)
{
	const struct style *s = b->s;
	size_t most = (size_t)s->cover_tile_columns;
	struct tile_grid g;
	double inner;

	g.cols = c->len < most ? c->len : most;
	g.rows = (c->len + g.cols - 1) / g.cols;
	g.tile_w = (b->width - s->cover_tile_gap * (double)(g.cols - 1)) /
	           (double)g.cols;
	inner = g.tile_w - 2 * s->cover_tile_pad;
	g.value_size = tile_value_size(b, c, g.tile_w);
	g.value_lines = g.label_lines = 1;
	for (size_t i = 0; i < c->len && inner > 0; i++) {
		size_t v = tile_lines(b, c->items[i].value, FACE_BOLD, g.value_size,
		                      inner, s->cover_value_lines);
		size_t l = tile_lines(b, c->items[i].label, FACE_REGULAR,
		                      s->body_size, inner, s->cover_label_lines);

		g.value_lines = v > g.value_lines ? v : g.value_lines;
		g.label_lines = l > g.label_lines ? l : g.label_lines;
	}
	/* the pads above and below, and the gap between value and label */
	g.tile_h = g.value_size * s->cover_value_leading *
	           (double)g.value_lines +
	           s->body_size * s->cover_label_leading *
	           (double)g.label_lines +
	           (2 * s->cover_tile_pad + s->cover_label_gap);
	return g;
}

/* How many of the tiles fit between text_end, the foot of the cover's
 * text, and the foot of the cover, height down: whole rows, each a tile
 * and a gap tall. A tile too narrow for its own padding fits nowhere. */
static size_t tiles_that_fit(const struct builder *b,
                             const struct tile_grid *g, double text_end,
                             double height)
{
	double room = height - text_end;
	double rows = floor(room / (g->tile_h + b->s->cover_tile_gap) +
	                    FIT_EPSILON);

	if (g->tile_w <= 2 * b->s->cover_tile_pad || rows < 1)
		return 0;
	return rows >= (double)g->rows ? g->rows * g->cols
	                               : (size_t)rows * g->cols;
}

/* The widest word of text (split at spaces) set in f at size. */
static double widest_word(const struct builder *b, const char *text,
                          enum face f, double size)
{
	double widest = 0;

	for (size_t k = 0, ws = 0; ; k++) {
		if (text[k] == ' ' || text[k] == '\0') {
			widest = fmax(widest, layout_width(b->m, f, size, text + ws,
			                                   k - ws));
			ws = k + 1;
		}
		if (text[k] == '\0')
			return widest;
	}
}

/* A tile that would lose text: a value or label wrapping to more lines
 * than a tile shows, or a value word wider than the tile even at the
 * smallest value size (it would be cut between characters). An error
 * at the tile's [cover] line, naming the figure by its label in the
 * data (given). Returns 0 when every tile fits, or -1. */
static int check_tiles(struct builder *b, const struct doc_figures *given,
                       const struct doc_figures *c, double value_size,
                       double inner)
{
	const struct style *s = b->s;
	int rc = 0;

	for (size_t i = 0; i < c->len; i++) {
		const struct doc_figure *f = &c->items[i];
		const char *name = given->items[i].label;
		struct layout_line *lines;
		size_t nv = layout_wrap(b->m, FACE_BOLD, value_size, f->value,
		                        strlen(f->value), inner, &lines);
		size_t nl;
		double word = widest_word(b, f->value, FACE_BOLD, value_size);

		free(lines);
		nl = layout_wrap(b->m, FACE_REGULAR, s->body_size, f->label,
		                 strlen(f->label), inner, &lines);
		free(lines);
		if (word > inner + FIT_EPSILON)
			rc = diag_error(b->dl, f->origin.file, f->origin.line,
			                "cover tile '%s': a word of its value '%s' is "
			                "%.1f pt wide at %.1f pt; a tile holds %.1f pt",
			                name, f->value, word, value_size, inner);
		else if (nv > (size_t)s->cover_value_lines)
			rc = diag_error(b->dl, f->origin.file, f->origin.line,
			                "cover tile '%s': its value '%s' needs %zu "
			                "lines at %.1f pt; a tile holds %d (shorten "
			                "it, or raise [style] cover_value_lines)", name,
			                f->value, nv, value_size, s->cover_value_lines);
		if (nl > (size_t)s->cover_label_lines)
			rc = diag_error(b->dl, f->origin.file, f->origin.line,
			                "cover tile '%s': its label '%s' needs %zu "
			                "lines; a tile holds %d (shorten it, or raise "
			                "[style] cover_label_lines)", name, f->label, nl,
			                s->cover_label_lines);
	}
	return rc;
}

/* Key figures: equal tiles, up to cover_tile_columns a row, along the
 * foot of the cover, which is height tall: the value (cover_value_lines
 * at most) over the label (cover_label_lines at most). Tiles that would
 * climb over the text above them (text_end is its foot) are an error
 * naming the [cover] line of the first one that does not fit. */
static void cover_tiles(struct builder *b, const struct doc_figures *given,
                        double text_end, double height)
{
	const struct style *s = b->s;
	struct doc_figures shown = shown_figures(b, given);
	const struct doc_figures *c = &shown;
	struct tile_grid g = tile_grid(b, c);
	size_t fit = tiles_that_fit(b, &g, text_end, height);
	double gap = s->cover_tile_gap, pad = s->cover_tile_pad;
	double inner = g.tile_w - 2 * pad, label_size = s->body_size;
	double value_h = g.value_size * s->cover_value_leading *
	                 (double)g.value_lines;
	double top = height - (double)g.rows * (g.tile_h + gap);

	if (fit < c->len) {
		diag_error(b->dl, c->items[fit].origin.file, c->items[fit].origin.line,
		           "cover has %zu key figure%s; %zu fit%s on this page",
		           c->len, c->len == 1 ? "" : "s", fit, fit == 1 ? "s" : "");
		goto done;
	}
	if (check_tiles(b, given, c, g.value_size, inner) != 0)
		goto done;
	for (size_t i = 0; i < c->len; i++) {
		size_t row = i / g.cols;
		double tx = b->x0 + (double)(i % g.cols) * (g.tile_w + gap);
		double ty = top + (double)row * (g.tile_h + gap);

		layout_fill(b, tx, ty, g.tile_w, g.tile_h, s->zebra_fill);
		layout_rule(b, tx, ty, g.tile_w, s->cover_tile_rule_width,
		            s->accent_color);
		tile_text(b, c->items[i].value, FACE_BOLD, g.value_size,
		          g.value_size * s->cover_value_leading,
		          (size_t)s->cover_value_lines, tx + pad, ty + pad, inner,
		          s->heading_color);
		tile_text(b, c->items[i].label, FACE_REGULAR, label_size,
		          label_size * s->cover_label_leading,
		          (size_t)s->cover_label_lines, tx + pad,
		          ty + pad + value_h + s->cover_label_gap, inner,
		          s->muted_color);
	}
done:
	shown_figures_free(&shown);
}

/* The cover: classification banners at the very top and bottom of the
 * page, organisation, title, subtitle and as-of date, then a row of key
 * figures. One item filling the page, then a page break. */
void layout_cover(struct builder *b, const struct doc *d,
                  const struct doc_block *blk)
{
	const struct doc_figures *c = &blk->u.figures;
	const struct style *s = b->s;
	double height = b->bottom - b->top, y = height * s->cover_top;
	double title = s->title_size * s->cover_title_scale;
	double subtitle = s->subtitle_size * s->cover_subtitle_scale;
	struct item *it = layout_item(b, height);

	cover_banners(b, d, s->cover_band);
	/* a crest stands at the top of the page; the title block starts
	 * below it when it reaches down so far */
	if (d->cover_image.path) {
		double crest = layout_cover_image(b, &d->cover_image, 0);
		double below = crest + s->subtitle_size * (1 + s->cover_org_gap);

		if (y < below)
			y = below;
	}
	if (d->organisation) {
		y = column_lines(b, d->organisation, FACE_BOLD, s->subtitle_size,
		                 s->subtitle_size * s->cover_org_leading,
		                 s->muted_color, y, false);
		y += s->subtitle_size * s->cover_org_gap;
	}
	layout_rule(b, b->x0, y, b->width * s->cover_rule_length,
	            s->cover_rule_width, s->accent_color);
	y += s->cover_rule_gap;
	y = column_lines(b, d->title, FACE_BOLD, title,
	                 title * s->cover_title_leading, s->heading_color, y,
	                 false);
	if (d->subtitle) {
		y += s->subtitle_size * s->cover_subtitle_gap;
		y = column_lines(b, d->subtitle, FACE_REGULAR, subtitle,
		                 subtitle * s->cover_subtitle_leading, s->text_color,
		                 y, false);
	}
	{
		char *as_of = xasprintf("%s %s", s->labels.as_of, d->as_of);
		double size = s->body_size * s->cover_as_of_scale;

		y += size * s->cover_as_of_gap;
		layout_text(b, b->x0, y, FACE_ITALIC, size, s->muted_color, as_of,
		            strlen(as_of), layout_width(b->m, FACE_ITALIC, size, as_of,
		                                        strlen(as_of)));
		free(as_of);
		y += b->m->descent(b->m->ctx, FACE_ITALIC, size);
	}
	if (d->control) {   /* reference, edition, version: under the date */
		double size = s->body_size * s->cover_as_of_scale;

		y = column_lines(b, d->control, FACE_REGULAR, size,
		                 size * s->as_of_leading, s->muted_color, y, false);
	}
	/* A title long enough to push the as-of line off the page. */
	if (y > height + FIT_EPSILON) {
		diag_error(b->dl, blk->origin.file, blk->origin.line, "cover: the "
		           "title, subtitle and as-of line need %.1f pt; the page "
		           "holds %.1f pt", y, height);
		return;
	}
	if (c->len > 0)
		cover_tiles(b, c, y, height);
	it->break_ok = true;
	layout_item(b, 0)->forced = true;
}
