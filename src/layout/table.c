/*
 * table.c: tables and key figures.
 *
 * A table row is one item, so a page break never cuts it; only a row
 * taller than a page is split between lines. The header row is copied so
 * it can be repeated above a row that starts a page (see heads.c).
 */
#include "layout/layout_internal.h"

#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "briefing/base/arena.h"
#include "briefing/base/xalloc.h"

/* ---- tables ------------------------------------------------------------ */

struct grid {
	size_t cols;
	double *x, *w;                /* column left edges and widths */
	const enum doc_align *align;
};

/* Widest word of text (pieces as layout_wrap breaks them) and the width
 * of the whole text on one line, padding included in both. */
static void cell_extent(const struct builder *b, enum face f, double size,
                        const char *text, double *min_w, double *max_w)
{
	size_t len = strlen(text), i = 0;
	double widest = 0;

	while (i < len) {
		size_t ws;

		while (i < len && text[i] == ' ')
			i++;
		ws = i;
		while (i < len && text[i] != ' ')
			i++;
		while (ws < i) {
			size_t pe = layout_piece_end(text, ws, i);
			double w = layout_width(b->m, f, size, text + ws, pe - ws);

			if (w > widest)
				widest = w;
			ws = pe;
		}
	}
	*min_w = widest + 2 * b->s->cell_pad_x;
	*max_w = layout_width(b->m, f, size, text, len) + 2 * b->s->cell_pad_x;
}

/* Caps every flexible column at one level L, never below its minimum
 * lo[c] nor above its maximum hi[c], with L the largest that fits avail;
 * then hands what rounding left over to the widest column, so the table
 * comes to width exactly. */
static void cap_columns(const struct doc_table *t, const double *lo,
                        const double *hi, double avail, double width,
                        double *w)
{
	/* Find L by bisection: the total width is monotonic in L, and 50
	 * halvings of a page width are far below a point. */
	double low = 0, high = 0, total = 0;
	size_t widest = 0;

	for (size_t c = 0; c < t->cols; c++)
		if (t->columns[c].width <= 0 && hi[c] > high)
			high = hi[c];
	for (int k = 0; k < 50; k++) {
		double mid = (low + high) / 2, sum = 0;

		for (size_t c = 0; c < t->cols; c++)
			if (t->columns[c].width <= 0)
				sum += fmax(lo[c], fmin(hi[c], mid));
		if (sum > avail)
			high = mid;
		else
			low = mid;
	}
	for (size_t c = 0; c < t->cols; c++)
		if (t->columns[c].width <= 0)
			w[c] = fmax(lo[c], fmin(hi[c], low));
	for (size_t c = 0; c < t->cols; c++) {
		total += w[c];
		if (t->columns[c].width <= 0 &&
		    (t->columns[widest].width > 0 || w[c] > w[widest]))
			widest = c;
	}
	w[widest] += width - total;
}

/* Column widths. Each flexible column (automatic or proportional) has a
 * minimum, its widest word, so nothing breaks mid-word, and a maximum, its
 * widest cell on one line. Fixed columns take their width. When every
 * flexible column fits at its maximum, automatic columns take it and
 * proportional ones share the rest by weight (with no proportional column,
 * automatic ones widen to fill the table). Otherwise the widest columns
 * give way first: every column is capped at one level L, chosen so the
 * table fits, but never below its minimum. Short columns (numbers, codes,
 * dates) then stay on one line and long text wraps, as a typesetter
 * would do it by hand. If even the minimums overflow, they scale down and
 * long words are cut between characters. */
static void allocate_columns(const struct builder *b, const struct doc_table *t,
                             enum face body_face, double *w)
{
	double size = b->s->table_size, fixed = 0, shares = 0;
	double sum_lo = 0, sum_hi = 0, auto_hi = 0, avail;
	double *lo = xcalloc(t->cols, sizeof *lo), *hi = xcalloc(t->cols,
	                                                         sizeof *hi);

	for (size_t c = 0; c < t->cols; c++) {
		double width = t->columns[c].width;

		if (width > 0) {
			w[c] = width;
			fixed += width;
			continue;
		}
		cell_extent(b, FACE_BOLD, size, t->columns[c].title, &lo[c], &hi[c]);
		for (size_t r = 0; r < t->rows; r++) {
			double a, z;

			cell_extent(b, body_face, size, t->cells[r * t->cols + c], &a, &z);
			if (a > lo[c])
				lo[c] = a;
			if (z > hi[c])
				hi[c] = z;
		}
		sum_lo += lo[c];
		sum_hi += hi[c];
		if (width == 0)
			auto_hi += hi[c];
		else
			shares += -width;
	}
	avail = b->width - fixed;
	for (size_t c = 0; c < t->cols; c++) {
		double width = t->columns[c].width;

		if (width > 0)
			continue;
		if (sum_hi <= avail) {
			if (shares > 0)
				w[c] = width == 0 ? hi[c]
				                  : (avail - auto_hi) * -width / shares;
			else
				w[c] = hi[c] * avail / sum_hi;
		} else if (sum_lo > avail) {
			w[c] = lo[c] * avail / sum_lo;
		}
	}
	if (sum_hi > avail && sum_lo <= avail)
		cap_columns(t, lo, hi, avail, b->width, w);
	free(lo);
	free(hi);
}

/* One table row: cells wrapped in their columns, the row as tall as its
 * tallest cell, as one item, so a page break never cuts it. Only a row
 * taller than max_height (what a page holds under a repeated header) is
 * split, between lines, into several items; each piece repeats the row's
 * shading and the table header repeats above it. Returns the index of the
 * row's first item; every piece gets the table index. */
static size_t add_row(struct builder *b, const struct grid *g,
                      char *const *cells, enum face face, struct rgb color,
                      const struct rgb *fill, bool rule, int table,
                      double max_height)
{
	const struct style *s = b->s;
	double size = s->table_size, leading = size * s->table_leading;
	double base = layout_baseline(b, face, size, leading);
	/* one array of lines per column */
	struct layout_line **lines = xcalloc(g->cols, sizeof *lines); /* NOLINT(bugprone-sizeof-expression) */
	size_t *n = xcalloc(g->cols, sizeof *n), most = 1, per_piece, first;
	double row_w = g->x[g->cols - 1] + g->w[g->cols - 1] - b->x0;

	for (size_t c = 0; c < g->cols; c++) {
		n[c] = layout_wrap(b->m, face, size, cells[c], strlen(cells[c]),
		                   g->w[c] - 2 * s->cell_pad_x, &lines[c]);
		if (n[c] > most)
			most = n[c];
	}
	per_piece = most;
	if (leading * (double)most + 2 * s->cell_pad_y > max_height) {
		double fit = floor((max_height - 2 * s->cell_pad_y) / leading);

		per_piece = fit >= 1 ? (size_t)fit : 1;
	}
	first = b->len;
	for (size_t from = 0; from < most; from += per_piece) {
		size_t to = from + per_piece < most ? from + per_piece : most;
		double height = leading * (double)(to - from) + 2 * s->cell_pad_y;
		struct item *it = layout_item(b, height);

		it->table = table;
		if (fill)
			layout_fill(b, b->x0, 0, row_w, height, *fill);
		for (size_t c = 0; c < g->cols; c++)
			for (size_t j = from; j < to && j < n[c]; j++)
				layout_place_line(b, cells[c], &lines[c][j],
				                  g->x[c] + s->cell_pad_x,
				                  s->cell_pad_y + base +
				                  leading * (double)(j - from),
				                  g->w[c] - 2 * s->cell_pad_x, face, size,
				                  color, false, g->align[c]);
		if (rule)
			layout_rule(b, b->x0, height, b->width, s->table_rule_width,
			            s->table_rule_color);
	}
	for (size_t c = 0; c < g->cols; c++)
		free(lines[c]);
	free(lines);
	free(n);
	return first;
}

/* ---- captions ---------------------------------------------------------- */

double layout_caption_height(const struct builder *b, const char *text)
{
	const struct style *s = b->s;
	struct layout_line *lines;
	size_t n = layout_wrap(b->m, FACE_BOLD, s->table_size, text,
	                       strlen(text), b->width, &lines);

	free(lines);
	return s->table_size * s->line_spacing * (double)n + s->caption_gap;
}

/* A caption is set as a table's caption always was (bold, table_size,
 * heading_color, ragged), one item per line; no page breaks between its
 * lines, so it is never split. */
size_t layout_caption(struct builder *b, const char *text, double width,
                      enum doc_align align, double space_before)
{
	const struct style *s = b->s;
	double size = s->table_size, leading = size * s->line_spacing;
	double base = layout_baseline(b, FACE_BOLD, size, leading);
	struct layout_line *lines;
	size_t n = layout_wrap(b->m, FACE_BOLD, size, text, strlen(text),
	                       b->width, &lines);

	for (size_t i = 0; i < n; i++) {
		struct item *it = layout_item(b, leading);

		it->space_before = i == 0 ? space_before : 0;
		it->break_ok = i == 0;
		layout_place_line(b, text, &lines[i], b->x0, base, width, FACE_BOLD,
		                  size, s->heading_color, false, align);
	}
	free(lines);
	return n;
}

void layout_table_columns(const struct metrics *m, const struct style *s,
                          const struct doc_table *t, double width, double *w)
{
	struct builder b;

	memset(&b, 0, sizeof b);
	b.m = m;
	b.s = s;
	b.width = width;
	allocate_columns(&b, t, FACE_REGULAR, w);
}

/* The widest single character of text, set in f. */
static double widest_char(const struct builder *b, enum face f, double size,
                          const char *text)
{
	double widest = 0;

	for (size_t i = 0; text[i]; ) {
		size_t k = i + 1;
		double w;

		while (((unsigned char)text[k] & 0xC0) == 0x80)
			k++;
		w = layout_width(b->m, f, size, text + i, k - i);
		if (w > widest)
			widest = w;
		i = k;
	}
	return widest;
}

/* A fixed column too narrow for its padding and one character of its
 * text would set that character over its neighbour, or off the page at
 * the table's edge. Columns wider than two ems are not measured: no
 * glyph is that wide, and a long table has many cells. Returns 0, or -1
 * after an error at the column's config line. */
static int check_narrow_column(struct builder *b, const struct doc_table *t,
                               size_t c)
{
	double size = b->s->table_size, pad = 2 * b->s->cell_pad_x;
	double w = t->columns[c].width, need;

	if (w <= 0 || w - pad >= 2 * size)
		return 0;
	need = widest_char(b, FACE_BOLD, size, t->columns[c].title);
	for (size_t r = 0; r < t->rows; r++)
		need = fmax(need, widest_char(b, FACE_REGULAR, size,
		                              t->cells[r * t->cols + c]));
	if (w >= need + pad - FIT_EPSILON)
		return 0;
	return diag_error(b->dl, t->columns[c].origin.file,
	                  t->columns[c].origin.line, "table column '%s' is "
	                  "%.1f mm wide; its padding and widest character need "
	                  "%.1f mm", t->columns[c].title, w / MM,
	                  (need + pad) / MM);
}

/* Fixed widths come from the config and may add up to more than the
 * measure (a column may be 1000 mm): the table would run off the page.
 * That is an error at the config line of the first fixed column that
 * does not fit, with what the columns need: the fixed widths and, since
 * the other columns shrink to nothing but their padding, that padding.
 * Tables with no fixed column always fit (they shrink and cut words).
 * Returns 0 when the columns fit, or -1 after the error (and after
 * check_narrow_column's). */
static int check_fixed_widths(struct builder *b, const struct doc_table *t)
{
	double pad = 2 * b->s->cell_pad_x, need;
	size_t flexible = 0, over = t->cols;

	for (size_t c = 0; c < t->cols; c++)
		if (t->columns[c].width <= 0)
			flexible++;
	need = pad * (double)flexible;
	for (size_t c = 0; c < t->cols; c++) {
		if (t->columns[c].width <= 0)
			continue;
		need += t->columns[c].width;
		if (over == t->cols && need > b->width + FIT_EPSILON)
			over = c;
	}
	if (over == t->cols) {
		int rc = 0;

		for (size_t c = 0; c < t->cols; c++)
			rc |= check_narrow_column(b, t, c);
		return rc;
	}
	diag_error(b->dl, t->columns[over].origin.file,
	           t->columns[over].origin.line, "table column '%s' does not "
	           "fit: columns need %.1f pt (%.1f mm)%s; the measure is %.1f pt "
	           "(%.1f mm)", t->columns[over].title, need, need / MM,
	           flexible ? " with padding" : "", b->width, b->width / MM);
	return -1;
}

/* Where a page may break inside a table whose rows start at items
 * rows[0..n) and whose caption (or header) is item start. A table of at
 * most table_keep_rows rows is kept whole, with its caption; a longer
 * one may break only where table_min_rows rows stay on each side, so no
 * page starts or ends with a lone row, and the header never ends a page
 * alone. A table that cannot be kept as the rule says, because what must
 * stay together is taller than a page, may break before any row but the
 * first; pagination then breaks it where it must, as it does inside a
 * row taller than a page (between the row's pieces, which always allow
 * a break). */
static void set_row_breaks(struct builder *b, const size_t *rows, size_t n,
                           size_t start)
{
	const struct style *s = b->s;
	size_t min = (size_t)s->table_min_rows;
	double height = 0;
	bool fits, any = false;

	for (size_t k = start; k < b->len; k++)
		height += b->items[k].height +
		          (k > start ? b->items[k].space_before : 0);
	fits = height <= b->bottom - b->top + FIT_EPSILON;
	for (size_t r = 0; r < n; r++) {
		bool ok = !(fits && n <= (size_t)s->table_keep_rows) &&
		          r >= min && n - r >= min;

		b->items[rows[r]].break_ok = ok;
		any |= ok;
	}
	if (!any && !fits)
		for (size_t r = 1; r < n; r++)
			b->items[rows[r]].break_ok = true;
}

void layout_table(struct builder *b, const struct doc_table *t,
                  double space_before)
{
	const struct style *s = b->s;
	double *w = xcalloc(t->cols, sizeof *w), *x = xcalloc(t->cols, sizeof *x);
	enum doc_align *align = xcalloc(t->cols, sizeof *align);
	char **titles = xcalloc(t->cols, sizeof *titles);
	struct grid g = { t->cols, x, w, align };
	struct table_info *ti;
	struct item *it;
	size_t header, start, *rows;
	double max_height;
	int table;
	bool above;

	if (check_fixed_widths(b, t) != 0)
		goto done;
	allocate_columns(b, t, FACE_REGULAR, w);
	for (size_t c = 0; c < t->cols; c++) {
		x[c] = c ? x[c - 1] + w[c - 1] : b->x0;
		align[c] = t->columns[c].align;
		titles[c] = t->columns[c].title;
	}
	start = b->len;
	above = t->caption && !t->cap.below;
	if (above) {
		layout_caption(b, t->caption, b->width, DOC_ALIGN_LEFT,
		               space_before);
		space_before = b->s->caption_gap;
	}
	b->tables = xgrow(b->tables, &b->tables_cap, b->tables_len + 1,
	                  sizeof *b->tables);
	table = (int)b->tables_len;
	ti = &b->tables[b->tables_len++];
	ti->caption = t->caption ? arena_strndup(b->out->arena, t->caption,
	                                      strlen(t->caption)) : NULL;
	header = add_row(b, &g, titles, FACE_BOLD, s->table_header_text,
	                 &s->table_header_fill, false, table, INFINITY);
	it = &b->items[header];
	it->space_before = space_before;
	/* A caption above is never left at a page foot: the header below
	 * it is kept with it, and set_row_breaks keeps the first rows. */
	it->break_ok = !above;
	it->table_header = true;
	ti->header_item = header;
	ti->header_len = it->box_len;
	ti->header_boxes = xmalloc(it->box_len * sizeof *ti->header_boxes);
	for (size_t k = 0; k < it->box_len; k++)
		ti->header_boxes[k] = *layout_box_at(b, it->box_start + k);
	/* A piece of a row must fit on a page below a repeated header. */
	max_height = b->bottom - b->top - layout_cont_height(b, (size_t)table);
	rows = xcalloc(t->rows ? t->rows : 1, sizeof *rows);
	for (size_t r = 0; r < t->rows; r++) {
		bool shade = s->zebra && r % 2 == 1;

		rows[r] = add_row(b, &g, &t->cells[r * t->cols], FACE_REGULAR,
		                  s->text_color, shade ? &s->zebra_fill : NULL,
		                  true, table, max_height);
	}
	/* A caption below starts no page: it stays with the last rows,
	 * which set_row_breaks keeps together. */
	if (t->caption && t->cap.below) {
		size_t cap = b->len;

		if (layout_caption(b, t->caption, b->width, DOC_ALIGN_LEFT,
		                   s->caption_gap) > 0)
			b->items[cap].break_ok = false;
	}
	set_row_breaks(b, rows, t->rows, start);
	free(rows);
done:
	free(w);
	free(x);
	free(align);
	free(titles);
}

/* The widest label of f on one line, padding included, or widest if
 * that is wider. */
static double widest_label(const struct builder *b,
                           const struct doc_figures *f, double widest)
{
	for (size_t i = 0; i < f->len; i++) {
		double lo, lw;

		cell_extent(b, FACE_BOLD, b->s->table_size, f->items[i].label, &lo,
		            &lw);
		if (lw > widest)
			widest = lw;
	}
	return widest;
}

/* Figures blocks are label/value tables; one label column for all of
 * them makes their values line up from block to block, as a designer
 * would set them. Cover tiles are not figures blocks. */
void layout_measure_figures(struct builder *b, const struct doc *d)
{
	double widest = 0;

	for (size_t i = 0; i < d->len; i++)
		if (d->blocks[i].kind == DOC_FIGURES)
			widest = widest_label(b, &d->blocks[i].u.figures, widest);
	b->figures_label_w = fmin(widest, b->width * b->s->figures_label_max);
}

void layout_figures(struct builder *b, const struct doc_figures *f,
                    double space_before)
{
	const struct style *s = b->s;
	double label_w = b->figures_label_w, *w, xs[2];
	enum doc_align align[2] = { DOC_ALIGN_LEFT, DOC_ALIGN_LEFT };
	struct grid g;

	if (label_w <= 0)
		label_w = fmin(widest_label(b, f, 0),
		               b->width * s->figures_label_max);
	w = (double[2]){ label_w, b->width - label_w };
	xs[0] = b->x0;
	xs[1] = b->x0 + label_w;
	g = (struct grid){ 2, xs, w, align };
	for (size_t i = 0; i < f->len; i++) {
		char *cells[2] = { f->items[i].label, f->items[i].value };
		/* add_row may move b->items: index it only afterwards */
		size_t row = add_row(b, &g, cells, FACE_REGULAR, s->text_color,
		                     i % 2 == 0 ? &s->zebra_fill : NULL, false, -1,
		                     INFINITY);
		struct item *it = &b->items[row];
		/* Labels in bold: re-set the face of the label column's runs. */
		for (size_t k = it->box_start; k < it->box_start + it->box_len; k++) {
			struct box *x = layout_box_at(b, k);

			if (x->kind == BOX_TEXT && x->x < xs[1])
				x->face = FACE_BOLD;
		}
		if (i == 0) {
			it->space_before = space_before;
			layout_rule(b, b->x0, 0, b->width, s->figures_rule_width,
			            s->accent_color);
		}
		if (i + 1 == f->len)
			layout_rule(b, b->x0, it->height, b->width, s->figures_rule_width,
			            s->accent_color);
		it->break_ok = i == 0 || (i >= 2 && f->len - i >= 2);
	}
}
