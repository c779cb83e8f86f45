/*
 * layout.c: typesetting and pagination.
 *
 * Two passes. First every block becomes a run of "items": a line of a
 * paragraph, a list item's line, a table row. Each item has a height, the
 * space it wants above it, a flag saying whether a page may break just
 * before it, and boxes positioned relative to its own top. Keep rules are
 * expressed only through that flag: a heading forbids a break after it, a
 * paragraph forbids breaks that would leave fewer than two lines on either
 * side, a table forbids a break between its header and its first row.
 *
 * Then pagination walks the items, filling pages; when an item does not
 * fit it backs up to the last allowed break on the page. Because a page is
 * only ever re-filled from its own items, the walk stays linear in the
 * number of items. A table row that starts a page gets the table's header
 * repeated above it. Finally the boxes are copied to their pages and each
 * page gets its running header and footer, now that the page count is
 * known.
 */
#include "briefing/layout.h"

#include <math.h>
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "briefing/base/arena.h"
#include "chart.h"
#include "briefing/base/utf8.h"
#include "briefing/base/xalloc.h"

#define MM (72.0 / 25.4)
#define CELL_PAD_X 4.0
#define CELL_PAD_Y 2.5
#define HEADING_INDENT (10 * MM)
/* Widths are sums of per-glyph floats: a line measured piece by piece may
 * exceed the same line measured whole by a rounding error, and must still
 * fit the column sized from the whole. */
#define FIT_EPSILON 1e-6
#define BOX_CHUNK_SHIFT 12
#define BOX_CHUNK ((size_t)1 << BOX_CHUNK_SHIFT)

/* ---- wrapping ---------------------------------------------------------- */

static double width_of(const struct metrics *m, enum face f, double size,
                       const char *s, size_t len)
{
	return len ? m->text_width(m->ctx, f, size, s, len) : 0;
}

static void push_line(struct layout_line **lines, size_t *n, size_t *cap,
                      size_t start, size_t len, double width)
{
	*lines = xgrow(*lines, cap, *n + 1, sizeof **lines);
	(*lines)[*n].start = start;
	(*lines)[*n].len = len;
	(*lines)[*n].width = width;
	(*n)++;
}

/* The end of the piece of word [ps, we) that starts at ps: just after the
 * first hyphen that has a character on both sides ("multi-|ethnic"), or
 * the word's end. Lines may break between pieces, which keeps justified
 * lines tight without a hyphenation dictionary. */
static size_t piece_end(const char *text, size_t ps, size_t we)
{
	for (size_t k = ps + 1; k + 1 < we; k++)
		if (text[k] == '-' && text[k - 1] != '-' && text[k + 1] != '-')
			return k + 1;
	return we;
}

size_t layout_wrap(const struct metrics *m, enum face face, double size,
                   const char *text, size_t len, double max_width,
                   struct layout_line **lines)
{
	double space = width_of(m, face, size, " ", 1);
	size_t n = 0, cap = 0, i = 0;
	size_t line_start = 0, line_end = 0;  /* line_end: end of last piece */
	double line_w = 0;
	bool have_line = false;

	*lines = NULL;
	while (i < len) {
		size_t ws, we;
		bool glued = false;

		while (i < len && text[i] == ' ')
			i++;
		if (i >= len)
			break;
		ws = i;
		while (i < len && text[i] != ' ')
			i++;
		we = i;
		while (ws < we) {
			size_t pe = piece_end(text, ws, we);
			double w = width_of(m, face, size, text + ws, pe - ws);
			double sep = glued ? 0 : space;

			glued = true;
			if (have_line && line_w + sep + w <= max_width + FIT_EPSILON) {
				line_w += sep + w;
				line_end = pe;
				ws = pe;
				continue;
			}
			if (have_line)
				push_line(lines, &n, &cap, line_start,
				          line_end - line_start, line_w);
			/* A piece wider than the line is cut between characters: as
			 * many as fit, at least one, so that nothing is dropped. */
			while (w > max_width + FIT_EPSILON) {
				size_t p = ws, cut = ws;
				double cw = 0;

				while (p < pe) {
					uint32_t cp;
					size_t k = utf8_decode(text + p, pe - p, &cp);
					double gw;

					if (k == 0)
						k = 1;
					gw = width_of(m, face, size, text + p, k);
					if (cut > ws && cw + gw > max_width + FIT_EPSILON)
						break;
					cw += gw;
					p += k;
					cut = p;
				}
				if (cut >= pe)
					break;
				push_line(lines, &n, &cap, ws, cut - ws, cw);
				ws = cut;
				w = width_of(m, face, size, text + ws, pe - ws);
			}
			line_start = ws;
			line_end = pe;
			line_w = w;
			have_line = true;
			ws = pe;
		}
	}
	if (have_line)
		push_line(lines, &n, &cap, line_start, line_end - line_start, line_w);
	return n;
}

/* ---- items ------------------------------------------------------------- */

struct item {
	double height;
	double space_before;  /* dropped at the top of a page */
	bool break_ok;        /* a page may break just before this item */
	bool forced;          /* a page must break just before this item */
	int table;            /* index in builder tables, or -1 */
	bool table_header;
	bool landscape;       /* alone on a page turned to landscape */
	size_t box_start, box_len;
	int outline_level;    /* 0: none */
	const char *outline_title;
	/* A contents entry: the item of the heading it lists (a doc block
	 * index until build_items resolves it), and the baseline, relative
	 * to the item, where its page number goes once pages are known. */
	long toc_ref;         /* -1: none */
	double toc_baseline;
	double toc_size;
	enum face toc_face;
	/* set by pagination */
	int page;
	double y;
};

struct table_info {
	size_t header_item;
	struct box *header_boxes;  /* a copy, for repeating the header */
	size_t header_len;
	const char *caption;  /* may be NULL */
};

struct builder {
	const struct style *s;
	const struct metrics *m;
	struct pages *out;
	struct item *items;
	size_t len, cap;
	/* Boxes, y relative to the owning item's top, in chunks of BOX_CHUNK
	 * so that emit() can free them as it copies them to their pages: a
	 * 100,000-row table makes a million boxes, and holding two copies
	 * would double peak memory. */
	struct box **chunks;
	size_t chunks_len, chunks_cap;
	size_t boxes_len;
	struct table_info *tables;
	size_t tables_len, tables_cap;
	bool cover;           /* page 1 is a cover, with banners, no heads */
	struct diag_list *dl;
	double x0, width;     /* content column */
	double top, bottom;   /* content area, y down */
};

static struct item *new_item(struct builder *b, double height)
{
	struct item *it;

	b->items = xgrow(b->items, &b->cap, b->len + 1, sizeof *b->items);
	it = &b->items[b->len++];
	memset(it, 0, sizeof *it);
	it->height = height;
	it->break_ok = true;
	it->table = -1;
	it->toc_ref = -1;
	it->box_start = b->boxes_len;
	return it;
}

static struct box *box_at(const struct builder *b, size_t index)
{
	return &b->chunks[index >> BOX_CHUNK_SHIFT][index & (BOX_CHUNK - 1)];
}

static struct box *new_box(struct builder *b, enum box_kind kind)
{
	struct box *x;

	if (b->boxes_len % BOX_CHUNK == 0) {
		b->chunks = xgrow(b->chunks, &b->chunks_cap, b->chunks_len + 1,
		                  sizeof *b->chunks); /* NOLINT(bugprone-sizeof-expression) */
		b->chunks[b->chunks_len++] = xmalloc(BOX_CHUNK * sizeof **b->chunks);
	}
	x = box_at(b, b->boxes_len++);
	memset(x, 0, sizeof *x);
	x->kind = kind;
	x->target_page = -1;
	b->items[b->len - 1].box_len++;
	return x;
}

static void add_text(struct builder *b, double x, double baseline,
                     enum face face, double size, struct rgb color,
                     const char *s, size_t len, double width)
{
	struct box *t = new_box(b, BOX_TEXT);

	t->x = x;
	t->y = baseline;
	t->w = width;
	t->face = face;
	t->size = (float)size;
	t->color = color;
	t->text = arena_strndup(b->out->arena, s, len);
	t->len = len;
}

static void add_fill(struct builder *b, double x, double y, double w,
                     double h, struct rgb color)
{
	struct box *f = new_box(b, BOX_FILL);

	f->x = x;
	f->y = y;
	f->w = w;
	f->h = h;
	f->color = color;
}

static void add_rule(struct builder *b, double x, double y, double w,
                     double line_width, struct rgb color)
{
	struct box *r = new_box(b, BOX_RULE);

	r->x = x;
	r->y = y;
	r->w = w;
	r->line_width = (float)line_width;
	r->color = color;
}

/* Baseline offset of a line of the given leading from the line's top:
 * the glyphs' ascent-to-descent block is centred in the leading. */
static double baseline_in(const struct builder *b, enum face f, double size,
                          double leading)
{
	double asc = b->m->ascent(b->m->ctx, f, size);
	double desc = b->m->descent(b->m->ctx, f, size);

	return (leading - (asc + desc)) / 2 + asc;
}

/* Places one wrapped line at (x, baseline). Justified lines spread their
 * spare width over the gaps between words; each word becomes its own run,
 * since PDF word spacing does not apply to multi-byte fonts. */
static void place_line(struct builder *b, const char *text,
                       const struct layout_line *ln, double x, double baseline,
                       double width, enum face f, double size,
                       struct rgb color, bool justify, enum column_align align)
{
	const char *s = text + ln->start;
	size_t gaps = 0;

	if (align == ALIGN_RIGHT)
		x += width - ln->width;
	else if (align == ALIGN_CENTER)
		x += (width - ln->width) / 2;
	if (justify)
		for (size_t i = 0; i < ln->len; i++)
			gaps += s[i] == ' ' && (i == 0 || s[i - 1] != ' ');
	if (!justify || gaps == 0 || ln->width >= width) {
		add_text(b, x, baseline, f, size, color, s, ln->len, ln->width);
		return;
	}
	{
		double space = width_of(b->m, f, size, " ", 1);
		double words_w = 0, extra, pos = x;
		size_t i = 0;

		/* Sum word widths; runs of spaces count as one gap. */
		while (i < ln->len) {
			size_t ws = i;

			while (i < ln->len && s[i] != ' ')
				i++;
			words_w += width_of(b->m, f, size, s + ws, i - ws);
			while (i < ln->len && s[i] == ' ')
				i++;
		}
		extra = (width - words_w) / (double)gaps;
		/* Very loose lines read worse than ragged ones. */
		if (extra > space * 3) {
			add_text(b, x, baseline, f, size, color, s, ln->len, ln->width);
			return;
		}
		i = 0;
		while (i < ln->len) {
			size_t ws = i;
			double w;

			while (i < ln->len && s[i] != ' ')
				i++;
			w = width_of(b->m, f, size, s + ws, i - ws);
			add_text(b, pos, baseline, f, size, color, s + ws, i - ws, w);
			pos += w + extra;
			while (i < ln->len && s[i] == ' ')
				i++;
		}
	}
}

/* A paragraph: one item per line, breaks allowed only where at least two
 * lines stay on each side. The first item's break flag is left as the
 * caller set it (true), and may be cleared to keep it with a heading. */
static void add_paragraph(struct builder *b, const char *text, double x,
                          double width, enum face f, double size,
                          struct rgb color, bool justify, double space_before)
{
	struct layout_line *lines;
	size_t n = layout_wrap(b->m, f, size, text, strlen(text), width, &lines);
	double leading = size * b->s->line_spacing;
	double base = baseline_in(b, f, size, leading);

	for (size_t i = 0; i < n; i++) {
		struct item *it = new_item(b, leading);

		it->space_before = i == 0 ? space_before : 0;
		it->break_ok = i == 0 || (i >= 2 && n - i >= 2);
		place_line(b, text, &lines[i], x, base, width, f, size, color,
		           justify && i + 1 < n, ALIGN_LEFT);
	}
	free(lines);
}

static void add_heading(struct builder *b, const struct doc_block *h)
{
	const struct style *s = b->s;
	double size = h->level == 1 ? s->heading1_size : s->heading2_size;
	double leading = size * 1.25;
	double base = baseline_in(b, FACE_BOLD, size, leading);
	struct layout_line *lines;
	double indent = h->number ? HEADING_INDENT : 0;
	size_t n = layout_wrap(b->m, FACE_BOLD, size, h->text, strlen(h->text),
	                       b->width - indent, &lines);
	double rule_gap = h->level == 1 ? 3 : 0;
	struct item *it = new_item(b, leading * (double)(n ? n : 1) + rule_gap);

	it->space_before = h->level == 1 ? s->heading_space :
	                   s->heading_space * 0.7;
	it->outline_level = h->level;
	{
		char *t = h->number ? xasprintf("%s %s", h->number, h->text)
		                    : xstrdup(h->text);

		it->outline_title = arena_strndup(b->out->arena, t, strlen(t));
		free(t);
	}
	if (h->number)
		add_text(b, b->x0, base, FACE_BOLD, size, s->heading_color,
		         h->number, strlen(h->number),
		         width_of(b->m, FACE_BOLD, size, h->number,
		                  strlen(h->number)));
	for (size_t i = 0; i < n; i++)
		place_line(b, h->text, &lines[i], b->x0 + indent,
		           base + leading * (double)i, b->width - indent,
		           FACE_BOLD, size, s->heading_color, false, ALIGN_LEFT);
	if (h->level == 1)
		add_rule(b, b->x0, leading * (double)(n ? n : 1) + 1, b->width, 0.6,
		         s->accent_color);
	free(lines);
}

static void add_list(struct builder *b, const struct doc_block *l,
                     double space_before)
{
	const struct style *s = b->s;
	double size = s->body_size, leading = size * s->line_spacing;
	double base = baseline_in(b, FACE_REGULAR, size, leading);
	bool first = true;

	if (l->text) {
		add_paragraph(b, l->text, b->x0, b->width, FACE_REGULAR, size,
		              s->text_color, s->justify, space_before);
		space_before = size * 0.3;
		first = false;
	}
	for (size_t i = 0; i < l->len; i++) {
		double indent = s->list_indent * (double)(l->levels[i] + 1);
		double x = b->x0 + indent, width = b->width - indent;
		const char *bullet = l->levels[i] ? "\xE2\x80\x93" : "\xE2\x80\xA2";
		struct layout_line *lines;
		size_t n = layout_wrap(b->m, FACE_REGULAR, size, l->items[i],
		                       strlen(l->items[i]), width, &lines);

		for (size_t j = 0; j < n; j++) {
			struct item *it = new_item(b, leading);

			it->space_before = j == 0 ? (first ? space_before : size * 0.3)
			                          : 0;
			/* An intro stays with the first item; within an item the
			 * two-line rule applies as in a paragraph. */
			it->break_ok = j == 0 ? !(i == 0 && l->text)
			                      : (j >= 2 && n - j >= 2);
			if (j == 0)
				add_text(b, x - s->list_indent * 0.75, base, FACE_REGULAR,
				         size, s->heading_color, bullet, strlen(bullet),
				         width_of(b->m, FACE_REGULAR, size, bullet,
				                  strlen(bullet)));
			place_line(b, l->items[i], &lines[j], x, base, width,
			           FACE_REGULAR, size, s->text_color,
			           s->justify && j + 1 < n, ALIGN_LEFT);
		}
		free(lines);
		first = false;
	}
}

/* ---- tables ------------------------------------------------------------ */

struct grid {
	size_t cols;
	double *x, *w;                /* column left edges and widths */
	const enum column_align *align;
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
			size_t pe = piece_end(text, ws, i);
			double w = width_of(b->m, f, size, text + ws, pe - ws);

			if (w > widest)
				widest = w;
			ws = pe;
		}
	}
	*min_w = widest + 2 * CELL_PAD_X;
	*max_w = width_of(b->m, f, size, text, len) + 2 * CELL_PAD_X;
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
static void allocate_columns(const struct builder *b, const struct doc_block *t,
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
	if (sum_hi > avail && sum_lo <= avail) {
		/* Find the cap L by bisection: the total width is monotonic in L,
		 * and 50 halvings of a page width are far below a point. */
		double low = 0, high = 0;

		for (size_t c = 0; c < t->cols; c++)
			if (t->columns[c].width <= 0 && hi[c] > high)
				high = hi[c];
		for (int k = 0; k < 50; k++) {
			double mid = (low + high) / 2, total = 0;

			for (size_t c = 0; c < t->cols; c++)
				if (t->columns[c].width <= 0)
					total += fmax(lo[c], fmin(hi[c], mid));
			if (total > avail)
				high = mid;
			else
				low = mid;
		}
		for (size_t c = 0; c < t->cols; c++)
			if (t->columns[c].width <= 0)
				w[c] = fmax(lo[c], fmin(hi[c], low));
		/* Hand what rounding left over to the widest column. */
		{
			double total = 0;
			size_t widest = 0;

			for (size_t c = 0; c < t->cols; c++) {
				total += w[c];
				if (t->columns[c].width <= 0 &&
				    (t->columns[widest].width > 0 || w[c] > w[widest]))
					widest = c;
			}
			w[widest] += b->width - total;
		}
	}
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
	double size = s->table_size, leading = size * 1.25;
	double base = baseline_in(b, face, size, leading);
	/* one array of lines per column */
	struct layout_line **lines = xcalloc(g->cols, sizeof *lines); /* NOLINT(bugprone-sizeof-expression) */
	size_t *n = xcalloc(g->cols, sizeof *n), most = 1, per_piece, first;
	double row_w = g->x[g->cols - 1] + g->w[g->cols - 1] - b->x0;

	for (size_t c = 0; c < g->cols; c++) {
		n[c] = layout_wrap(b->m, face, size, cells[c], strlen(cells[c]),
		                   g->w[c] - 2 * CELL_PAD_X, &lines[c]);
		if (n[c] > most)
			most = n[c];
	}
	per_piece = most;
	if (leading * (double)most + 2 * CELL_PAD_Y > max_height) {
		double fit = floor((max_height - 2 * CELL_PAD_Y) / leading);

		per_piece = fit >= 1 ? (size_t)fit : 1;
	}
	first = b->len;
	for (size_t from = 0; from < most; from += per_piece) {
		size_t to = from + per_piece < most ? from + per_piece : most;
		double height = leading * (double)(to - from) + 2 * CELL_PAD_Y;
		struct item *it = new_item(b, height);

		it->table = table;
		if (fill)
			add_fill(b, b->x0, 0, row_w, height, *fill);
		for (size_t c = 0; c < g->cols; c++)
			for (size_t j = from; j < to && j < n[c]; j++)
				place_line(b, cells[c], &lines[c][j], g->x[c] + CELL_PAD_X,
				           CELL_PAD_Y + base + leading * (double)(j - from),
				           g->w[c] - 2 * CELL_PAD_X, face, size, color,
				           false, g->align[c]);
		if (rule)
			add_rule(b, b->x0, height, b->width, 0.4, s->table_rule_color);
	}
	for (size_t c = 0; c < g->cols; c++)
		free(lines[c]);
	free(lines);
	free(n);
	return first;
}

static double cont_height(const struct builder *b, size_t table);

static void add_caption(struct builder *b, const char *caption,
                        double space_before)
{
	const struct style *s = b->s;

	add_paragraph(b, caption, b->x0, b->width, FACE_BOLD, s->table_size,
	              s->heading_color, false, space_before);
}

void layout_table_columns(const struct metrics *m, const struct style *s,
                          const struct doc_block *t, double width, double *w)
{
	struct builder b;

	memset(&b, 0, sizeof b);
	b.m = m;
	b.s = s;
	b.width = width;
	allocate_columns(&b, t, FACE_REGULAR, w);
}

static void add_table(struct builder *b, const struct doc_block *t,
                      double space_before)
{
	const struct style *s = b->s;
	double *w = xcalloc(t->cols, sizeof *w), *x = xcalloc(t->cols, sizeof *x);
	enum column_align *align = xcalloc(t->cols, sizeof *align);
	char **titles = xcalloc(t->cols, sizeof *titles);
	struct grid g = { t->cols, x, w, align };
	struct table_info *ti;
	struct item *it;
	size_t header;
	double max_height;
	int table;

	allocate_columns(b, t, FACE_REGULAR, w);
	for (size_t c = 0; c < t->cols; c++) {
		x[c] = c ? x[c - 1] + w[c - 1] : b->x0;
		align[c] = t->columns[c].align;
		titles[c] = t->columns[c].title;
	}
	if (t->text) {
		add_caption(b, t->text, space_before);
		space_before = 2;
	}
	b->tables = xgrow(b->tables, &b->tables_cap, b->tables_len + 1,
	                  sizeof *b->tables);
	table = (int)b->tables_len;
	ti = &b->tables[b->tables_len++];
	ti->caption = t->text ? arena_strndup(b->out->arena, t->text,
	                                      strlen(t->text)) : NULL;
	header = add_row(b, &g, titles, FACE_BOLD, s->table_header_text,
	                 &s->table_header_fill, false, table, INFINITY);
	it = &b->items[header];
	it->space_before = space_before;
	it->break_ok = !t->text;
	it->table_header = true;
	ti->header_item = header;
	ti->header_len = it->box_len;
	ti->header_boxes = xmalloc(it->box_len * sizeof *ti->header_boxes);
	for (size_t k = 0; k < it->box_len; k++)
		ti->header_boxes[k] = *box_at(b, it->box_start + k);
	/* A piece of a row must fit on a page below a repeated header. */
	max_height = b->bottom - b->top - cont_height(b, (size_t)table);
	for (size_t r = 0; r < t->rows; r++) {
		bool shade = s->zebra && r % 2 == 1;
		size_t row = add_row(b, &g, &t->cells[r * t->cols], FACE_REGULAR,
		                     s->text_color, shade ? &s->zebra_fill : NULL,
		                     true, table, max_height);

		/* The header never ends a page alone. */
		b->items[row].break_ok = r > 0;
	}
	free(w);
	free(x);
	free(align);
	free(titles);
}

static void add_figures(struct builder *b, const struct doc_block *f,
                        double space_before)
{
	const struct style *s = b->s;
	double label_w = 0, *w, xs[2];
	enum column_align align[2] = { ALIGN_LEFT, ALIGN_LEFT };
	struct grid g;

	for (size_t i = 0; i < f->len; i++) {
		double lo, lw;

		cell_extent(b, FACE_BOLD, s->table_size, f->items[i], &lo, &lw);
		if (lw > label_w)
			label_w = lw;
	}
	if (label_w > b->width * 0.45)
		label_w = b->width * 0.45;
	w = (double[2]){ label_w, b->width - label_w };
	xs[0] = b->x0;
	xs[1] = b->x0 + label_w;
	g = (struct grid){ 2, xs, w, align };
	for (size_t i = 0; i < f->len; i++) {
		char *cells[2] = { f->items[i], f->values[i] };
		/* add_row may move b->items: index it only afterwards */
		size_t row = add_row(b, &g, cells, FACE_REGULAR, s->text_color,
		                     i % 2 == 0 ? &s->zebra_fill : NULL, false, -1,
		                     INFINITY);
		struct item *it = &b->items[row];
		/* Labels in bold: re-set the face of the label column's runs. */
		for (size_t k = it->box_start; k < it->box_start + it->box_len; k++)
			if (box_at(b, k)->kind == BOX_TEXT && box_at(b, k)->x < xs[1])
				box_at(b, k)->face = FACE_BOLD;
		if (i == 0) {
			it->space_before = space_before;
			add_rule(b, b->x0, 0, b->width, 0.8, s->accent_color);
		}
		if (i + 1 == f->len)
			add_rule(b, b->x0, it->height, b->width, 0.8, s->accent_color);
		it->break_ok = i == 0 || (i >= 2 && f->len - i >= 2);
	}
}

static void add_title_block(struct builder *b, const struct doc *d)
{
	const struct style *s = b->s;
	double y = 0, lead;
	struct layout_line *lines;
	size_t n;
	struct item *it;

	new_item(b, 0);
	lead = s->title_size * 1.15;
	n = layout_wrap(b->m, FACE_BOLD, s->title_size, d->title,
	                strlen(d->title), b->width, &lines);
	for (size_t i = 0; i < n; i++) {
		place_line(b, d->title, &lines[i], b->x0,
		           y + baseline_in(b, FACE_BOLD, s->title_size, lead),
		           b->width, FACE_BOLD, s->title_size, s->heading_color,
		           false, ALIGN_LEFT);
		y += lead;
	}
	free(lines);
	if (d->subtitle) {
		lead = s->subtitle_size * 1.3;
		y += 2;
		n = layout_wrap(b->m, FACE_REGULAR, s->subtitle_size, d->subtitle,
		                strlen(d->subtitle), b->width, &lines);
		for (size_t i = 0; i < n; i++) {
			place_line(b, d->subtitle, &lines[i], b->x0,
			           y + baseline_in(b, FACE_REGULAR, s->subtitle_size,
			                           lead),
			           b->width, FACE_REGULAR, s->subtitle_size,
			           s->muted_color, false, ALIGN_LEFT);
			y += lead;
		}
		free(lines);
	}
	{
		char *line = xasprintf("As of %s%s%s", d->as_of,
		                       d->organisation ? "  \xC2\xB7  " : "",
		                       d->organisation ? d->organisation : "");
		double size = s->body_size;

		lead = size * 1.4;
		y += 4;
		n = layout_wrap(b->m, FACE_ITALIC, size, line, strlen(line), b->width,
		                &lines);
		for (size_t i = 0; i < n; i++) {
			place_line(b, line, &lines[i], b->x0,
			           y + baseline_in(b, FACE_ITALIC, size, lead), b->width,
			           FACE_ITALIC, size, s->muted_color, false, ALIGN_LEFT);
			y += lead;
		}
		free(lines);
		free(line);
	}
	y += 6;
	add_rule(b, b->x0, y, b->width, 1.5, s->accent_color);
	it = &b->items[b->len - 1];
	it->height = y + 1.5;
}

/* ---- org charts -------------------------------------------------------- */

#define CHART_PAD 4.0          /* inside a box */
#define CHART_MAX_TEXT (40 * MM) /* text wraps beyond this width */

static void unit_style(const struct style *s, int kind, struct rgb *fill,
                       struct rgb *text)
{
	switch (kind) {
	case UNIT_COMMAND:
		*fill = s->chart_command_fill, *text = s->chart_command_text;
		break;
	case UNIT_STAFF:
		*fill = s->chart_staff_fill, *text = s->chart_staff_text;
		break;
	case UNIT_SUPPORT:
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
static int chart_at_size(struct builder *b, const struct doc_block *c,
                         double size, double max_width,
                         struct chart_node *nodes, struct chart_result *res)
{
	struct chart_params params = {
		.level_gap = 7 * MM, .sibling_gap = 3.5 * MM, .stack_gap = 2.5 * MM,
		.stack_indent = 5 * MM, .max_width = max_width, .allow_stack = true,
	};
	double leading = size * 1.2;

	for (size_t i = 0; i < c->len; i++) {
		struct layout_line *lines;
		size_t n1 = layout_wrap(b->m, FACE_BOLD, size, c->items[i],
		                        strlen(c->items[i]), CHART_MAX_TEXT, &lines);
		double w = 0;

		for (size_t j = 0; j < n1; j++)
			w = fmax(w, lines[j].width);
		free(lines);
		if (c->values[i][0]) {
			size_t n2 = layout_wrap(b->m, FACE_REGULAR, size * 0.9,
			                        c->values[i], strlen(c->values[i]),
			                        CHART_MAX_TEXT, &lines);

			for (size_t j = 0; j < n2; j++)
				w = fmax(w, lines[j].width);
			free(lines);
			n1 += n2;
		}
		nodes[i].w = fmax(w + 2 * CHART_PAD, 22 * MM);
		nodes[i].h = leading * (double)n1 + 2 * CHART_PAD;
		nodes[i].parent = c->parents[i];
		nodes[i].staff = c->levels[i] == UNIT_STAFF;
	}
	even_boxes(nodes, c->len);
	return chart_layout(nodes, c->len, &params, res);
}

/* Draws one box: fill, hairline border, centred lines of text. */
static void chart_box(struct builder *b, const struct doc_block *c, size_t i,
                      const struct chart_node *n, double ox, double size)
{
	const struct style *s = b->s;
	struct rgb fill, text;
	double leading = size * 1.2, x = ox + n->x, y = n->y, line_y;
	struct layout_line *lines;
	size_t k;

	unit_style(s, c->levels[i], &fill, &text);
	add_fill(b, x, y, n->w, n->h, fill);
	add_rule(b, x, y, n->w, 0.6, s->chart_line_color);
	add_rule(b, x, y + n->h, n->w, 0.6, s->chart_line_color);
	{
		struct box *r = new_box(b, BOX_RULE);

		r->x = x, r->y = y, r->h = n->h, r->line_width = 0.6f;
		r->color = s->chart_line_color;
		r = new_box(b, BOX_RULE);
		r->x = x + n->w, r->y = y, r->h = n->h, r->line_width = 0.6f;
		r->color = s->chart_line_color;
	}
	line_y = y + CHART_PAD + baseline_in(b, FACE_BOLD, size, leading);
	k = layout_wrap(b->m, FACE_BOLD, size, c->items[i], strlen(c->items[i]),
	                n->w - 2 * CHART_PAD, &lines);
	for (size_t j = 0; j < k; j++) {
		place_line(b, c->items[i], &lines[j], x + CHART_PAD, line_y,
		           n->w - 2 * CHART_PAD, FACE_BOLD, size, text, false,
		           ALIGN_CENTER);
		line_y += leading;
	}
	free(lines);
	if (c->values[i][0]) {
		k = layout_wrap(b->m, FACE_REGULAR, size * 0.9, c->values[i],
		                strlen(c->values[i]), n->w - 2 * CHART_PAD, &lines);
		for (size_t j = 0; j < k; j++) {
			place_line(b, c->values[i], &lines[j], x + CHART_PAD, line_y,
			           n->w - 2 * CHART_PAD, FACE_REGULAR, size * 0.9, text,
			           false, ALIGN_CENTER);
			line_y += leading;
		}
		free(lines);
	}
}

/* Lays the chart out in a width x height area: stacking leaves first (in
 * chart_layout), then shrinking the type step by step down to
 * chart_min_size. Returns 1 when it fits (res and *size hold the result),
 * 0 when it cannot, -1 when the units are not one tree. */
static int fit_chart(struct builder *b, const struct doc_block *c,
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
		*size = fmax(s->chart_min_size, *size * 0.9);
	}
}

/* An org chart as one item, so it never splits across pages: it moves to
 * the next page when it does not fit where it is. Too big for any page,
 * it gets a landscape page of its own if [page] chart_landscape allows,
 * and is otherwise refused with an error that gives the size it needs. */
static void add_orgchart(struct builder *b, const struct doc_block *c,
                         double space_before)
{
	const struct style *s = b->s;
	struct chart_node *nodes = xcalloc(c->len, sizeof *nodes);
	struct chart_result res;
	double size, max_h = b->bottom - b->top - 12, width = b->width;
	bool landscape = false;
	struct item *it;
	int fit = fit_chart(b, c, nodes, &res, &size, width, max_h);

	if (fit == 0 && s->chart_landscape) {
		double lw = s->page_height - s->margin_left - s->margin_right;
		/* room for the heading that comes along to the turned page */
		double lh = s->page_width - s->margin_top - s->margin_bottom - 12 -
		            3 * s->heading1_size;

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
		diag_error(b->dl, NULL, 0, "org chart '%s' is not one tree", c->text);
		goto done;
	}
	if (fit == 0) {
		diag_error(b->dl, NULL, 0, "org chart '%s' needs %.0f x %.0f mm "
		           "even at %.1f pt; the page has %.0f x %.0f mm (lower "
		           "[style] chart_min_size, set [page] chart_landscape, or use "
		           "a larger page)", c->text, res.width / MM, res.height / MM,
		           size, (s->chart_landscape ? s->page_height - s->margin_left -
		                  s->margin_right : b->width) / MM, max_h / MM);
		goto done;
	}
	it = new_item(b, res.height + 12);
	it->space_before = space_before + 4;
	it->landscape = landscape;
	{
		double ox = b->x0 + (width - res.width) / 2;

		for (size_t i = 0; i < res.segments_len; i++) {
			const struct chart_segment *g = &res.segments[i];
			struct box *r = new_box(b, BOX_RULE);

			r->x = ox + g->x1;
			r->y = 6 + g->y1;
			r->w = g->x2 - g->x1;
			r->h = g->y2 - g->y1;
			r->line_width = 0.9f;
			r->color = s->chart_line_color;
		}
		for (size_t i = 0; i < c->len; i++) {
			struct chart_node n = nodes[i];

			n.y += 6;
			chart_box(b, c, i, &n, ox, size);
		}
	}
	if (landscape)
		new_item(b, 0)->forced = true;
done:
	free(res.segments);
	free(nodes);
}

/* ---- contents, sources, cover ----------------------------------------- */

#define TOC_NUMBER_GAP (10 * MM)   /* title indent after a level-1 number */
#define TOC_LEVEL_INDENT (10 * MM) /* extra indent of level-2 entries */

/* One contents entry per item: number, title (wrapped short of the page
 * number column), dot leaders on a fixed grid so they line up from entry
 * to entry, as in LaTeX. The page number and the link are added by emit()
 * once pagination has placed the heading; an entry's height does not
 * depend on them, so the numbers are right even when the contents runs
 * over several pages. */
static void add_contents(struct builder *b, const struct doc_block *c,
                         double space_before)
{
	const struct style *s = b->s;
	double size = s->body_size, leading = size * s->line_spacing;
	double num_w = width_of(b->m, FACE_BOLD, size, "0000", 4);
	double right = b->x0 + b->width, dot_w = width_of(b->m, FACE_REGULAR,
	                                                  size, ". ", 2);

	for (size_t i = 0; i < c->len; i++) {
		bool top = c->levels[i] == 1;
		enum face face = top ? FACE_BOLD : FACE_REGULAR;
		double num_x = b->x0 + (top ? 0 : TOC_LEVEL_INDENT);
		double title_x = num_x + TOC_NUMBER_GAP + (top ? 0 : 2 * MM);
		double title_w = right - num_w - 6 - title_x;
		double base = baseline_in(b, face, size, leading);
		struct layout_line *lines;
		size_t n = layout_wrap(b->m, face, size, c->items[i],
		                       strlen(c->items[i]), title_w, &lines);
		struct item *it = new_item(b, leading * (double)(n ? n : 1));

		it->space_before = i == 0 ? space_before : top ? size * 0.5 : 0;
		it->toc_ref = (long)c->refs[i];
		it->toc_baseline = base + leading * (double)(n ? n - 1 : 0);
		it->toc_size = size;
		it->toc_face = face;
		add_text(b, num_x, base, face, size, s->text_color, c->values[i],
		         strlen(c->values[i]), width_of(b->m, face, size,
		                                        c->values[i],
		                                        strlen(c->values[i])));
		for (size_t j = 0; j < n; j++)
			place_line(b, c->items[i], &lines[j], title_x,
			           base + leading * (double)j, title_w, face, size,
			           s->text_color, false, ALIGN_LEFT);
		{
			double end = title_x + (n ? lines[n - 1].width : 0) + 4;
			double stop = right - num_w - 4;
			double x = ceil((end - b->x0) / dot_w) * dot_w + b->x0;
			size_t dots = x < stop ? (size_t)((stop - x) / dot_w) : 0;

			if (dots > 0) {
				char *leader = xmalloc(dots * 2 + 1);

				for (size_t k = 0; k < dots; k++)
					memcpy(leader + 2 * k, ". ", 2); /* NOLINT(bugprone-not-null-terminated-result): sized run */
				add_text(b, x, it->toc_baseline, FACE_REGULAR, size,
				         s->muted_color, leader, dots * 2 - 1,
				         width_of(b->m, FACE_REGULAR, size, leader,
				                  dots * 2 - 1));
				free(leader);
			}
		}
		free(lines);
	}
}

/* Each source: title, address (a link), last-updated date. */
static void add_sources_block(struct builder *b, const struct doc_block *src,
                              double space_before)
{
	const struct style *s = b->s;
	double size = s->body_size;

	if (src->text)
		add_paragraph(b, src->text, b->x0, b->width, FACE_REGULAR, size,
		              s->text_color, false, space_before);
	for (size_t i = 0; i < src->len; i++) {
		size_t first = b->len;

		add_paragraph(b, src->items[i], b->x0 + s->list_indent,
		              b->width - s->list_indent, FACE_BOLD, size,
		              s->text_color, false, size * 0.8);
		if (src->values[i][0]) {
			const char *url = src->values[i];
			double x = b->x0 + s->list_indent, w = b->width - s->list_indent;
			double leading = size * s->line_spacing;
			double base = baseline_in(b, FACE_REGULAR, size, leading);
			const char *uri = arena_strndup(b->out->arena, url, strlen(url));
			struct layout_line *lines;
			size_t n = layout_wrap(b->m, FACE_REGULAR, size, url, strlen(url),
			                       w, &lines);

			/* Each line of the address is text with a link over it. */
			for (size_t j = 0; j < n; j++) {
				struct box *l;

				new_item(b, leading);
				place_line(b, url, &lines[j], x, base, w, FACE_REGULAR, size,
				           s->accent_color, false, ALIGN_LEFT);
				l = new_box(b, BOX_LINK);
				l->x = x;
				l->y = 0;
				l->w = lines[j].width;
				l->h = leading;
				l->uri = uri;
			}
			free(lines);
		}
		add_paragraph(b, src->cells[i], b->x0 + s->list_indent,
		              b->width - s->list_indent, FACE_ITALIC, size * 0.9,
		              s->muted_color, false, 0);
		/* An entry stays together. */
		for (size_t k = first + 1; k < b->len; k++)
			b->items[k].break_ok = false;
	}
}

/* The cover: classification banners at the very top and bottom of the
 * page, organisation, title, subtitle and as-of date, then a row of key
 * figures. One item filling the page, then a page break. */
static void add_cover(struct builder *b, const struct doc *d,
                      const struct doc_block *c)
{
	const struct style *s = b->s;
	double page_h = s->page_height, band = 12 * MM;
	double height = b->bottom - b->top, y = height * 0.18;
	struct rgb white = { 1, 1, 1 };
	struct layout_line *lines;
	size_t n;
	struct item *it = new_item(b, height);

	/* Banners span the page: y is relative to the item's top. */
	add_fill(b, 0, -b->top, s->page_width, band, s->accent_color);
	add_fill(b, 0, page_h - band - b->top, s->page_width, band,
	         s->accent_color);
	for (int k = 0; k < 2; k++) {
		double w = width_of(b->m, FACE_BOLD, s->marking_size + 2, d->marking,
		                    strlen(d->marking));
		double by = k == 0 ? -b->top : page_h - band - b->top;

		add_text(b, (s->page_width - w) / 2,
		         by + band / 2 + (s->marking_size + 2) * 0.35, FACE_BOLD,
		         s->marking_size + 2, white, d->marking, strlen(d->marking), w);
	}
	if (d->organisation) {
		n = layout_wrap(b->m, FACE_BOLD, s->subtitle_size, d->organisation,
		                strlen(d->organisation), b->width, &lines);
		for (size_t i = 0; i < n; i++) {
			y += s->subtitle_size * 1.3;
			place_line(b, d->organisation, &lines[i], b->x0, y, b->width,
			           FACE_BOLD, s->subtitle_size, s->muted_color, false,
			           ALIGN_LEFT);
		}
		free(lines);
		y += s->subtitle_size;
	}
	add_rule(b, b->x0, y, b->width * 0.25, 3, s->accent_color);
	y += 10;
	n = layout_wrap(b->m, FACE_BOLD, s->title_size * 1.35, d->title,
	                strlen(d->title), b->width, &lines);
	for (size_t i = 0; i < n; i++) {
		y += s->title_size * 1.35 * 1.15;
		place_line(b, d->title, &lines[i], b->x0, y, b->width, FACE_BOLD,
		           s->title_size * 1.35, s->heading_color, false, ALIGN_LEFT);
	}
	free(lines);
	if (d->subtitle) {
		y += s->subtitle_size * 0.8;
		n = layout_wrap(b->m, FACE_REGULAR, s->subtitle_size * 1.2,
		                d->subtitle, strlen(d->subtitle), b->width, &lines);
		for (size_t i = 0; i < n; i++) {
			y += s->subtitle_size * 1.2 * 1.3;
			place_line(b, d->subtitle, &lines[i], b->x0, y, b->width,
			           FACE_REGULAR, s->subtitle_size * 1.2, s->text_color,
			           false, ALIGN_LEFT);
		}
		free(lines);
	}
	{
		char *as_of = xasprintf("As of %s", d->as_of);
		double size = s->body_size * 1.2;

		y += size * 2.2;
		add_text(b, b->x0, y, FACE_ITALIC, size, s->muted_color, as_of,
		         strlen(as_of), width_of(b->m, FACE_ITALIC, size, as_of,
		                                 strlen(as_of)));
		free(as_of);
	}
	/* Key figures: equal tiles along the foot of the page. */
	if (c->len > 0) {
		size_t cols = c->len < 4 ? c->len : 4;
		size_t rows = (c->len + cols - 1) / cols;
		double gap = 4 * MM, tile_w = (b->width - gap * (double)(cols - 1)) /
		                              (double)cols;
		double value_size = s->heading1_size * 1.3, label_size = s->body_size;
		double tile_h;

		/* The values' longest word must fit a tile: shrink the type to
		 * fit, down to body size, rather than cut a word. */
		for (size_t i = 0; i < c->len; i++) {
			const char *v = c->values[i];

			for (size_t k = 0, ws = 0; ; k++) {
				if (v[k] == ' ' || v[k] == '\0') {
					double w = width_of(b->m, FACE_BOLD, value_size, v + ws,
					                    k - ws);

					if (w > tile_w - 12 && value_size > s->body_size)
						value_size = fmax(s->body_size,
						                  value_size * (tile_w - 12) / w);
					ws = k + 1;
				}
				if (v[k] == '\0')
					break;
			}
		}
		tile_h = value_size * 1.2 * 3 + label_size * 1.3 * 2 + 16;
		double top = height - (double)rows * (tile_h + gap);

		for (size_t i = 0; i < c->len; i++) {
			double tx = b->x0 + (double)(i % cols) * (tile_w + gap);
			size_t row = i / cols;
			double ty = top + (double)row * (tile_h + gap);
			double ly;

			add_fill(b, tx, ty, tile_w, tile_h, s->zebra_fill);
			add_rule(b, tx, ty, tile_w, 2, s->accent_color);
			n = layout_wrap(b->m, FACE_BOLD, value_size, c->values[i],
			                strlen(c->values[i]), tile_w - 12, &lines);
			ly = ty + 6;
			for (size_t j = 0; j < n && j < 3; j++) {
				ly += value_size * 1.2;
				place_line(b, c->values[i], &lines[j], tx + 6, ly,
				           tile_w - 12, FACE_BOLD, value_size,
				           s->heading_color, false, ALIGN_LEFT);
			}
			free(lines);
			n = layout_wrap(b->m, FACE_REGULAR, label_size, c->items[i],
			                strlen(c->items[i]), tile_w - 12, &lines);
			ly = ty + 6 + value_size * 1.2 * 3 + 4;
			for (size_t j = 0; j < n && j < 2; j++) {
				ly += label_size * 1.3;
				place_line(b, c->items[i], &lines[j], tx + 6, ly,
				           tile_w - 12, FACE_REGULAR, label_size,
				           s->muted_color, false, ALIGN_LEFT);
			}
			free(lines);
		}
	}
	it->break_ok = true;
	new_item(b, 0)->forced = true;
}

static void build_items(struct builder *b, const struct doc *d)
{
	const struct style *s = b->s;
	bool after_heading = false;
	/* the first item of each heading block, for contents entries */
	size_t *heading_item = xcalloc(d->len ? d->len : 1, sizeof *heading_item);

	b->cover = d->len > 0 && d->blocks[0].kind == DOC_COVER;
	if (!b->cover)
		add_title_block(b, d);
	for (size_t i = 0; i < d->len; i++) {
		const struct doc_block *blk = &d->blocks[i];
		size_t first = b->len;
		double space = after_heading ? s->paragraph_space * 0.5 :
		               s->paragraph_space;

		switch (blk->kind) {
		case DOC_HEADING:
			heading_item[i] = b->len;
			add_heading(b, blk);
			break;
		case DOC_CONTENTS:
			add_contents(b, blk, space);
			break;
		case DOC_ORGCHART:
			add_orgchart(b, blk, space);
			break;
		case DOC_SOURCES:
			add_sources_block(b, blk, space);
			break;
		case DOC_COVER:
			add_cover(b, d, blk);
			break;
		case DOC_PARAGRAPH:
			add_paragraph(b, blk->text, b->x0, b->width, FACE_REGULAR,
			              s->body_size, s->text_color, s->justify, space);
			break;
		case DOC_NOTE:
			add_paragraph(b, blk->text, b->x0, b->width, FACE_ITALIC,
			              s->table_size, s->muted_color, false, 3);
			break;
		case DOC_LIST:
			add_list(b, blk, space);
			break;
		case DOC_FIGURES:
			add_figures(b, blk, space + 2);
			break;
		case DOC_TABLE:
			add_table(b, blk, space + 2);
			break;
		case DOC_PAGEBREAK:
			new_item(b, 0)->forced = true;
			break;
		}
		/* Keep a heading with what follows it. */
		if (after_heading && b->len > first)
			b->items[first].break_ok = false;
		after_heading = blk->kind == DOC_HEADING;
	}
	for (size_t i = 0; i < b->len; i++)
		if (b->items[i].toc_ref >= 0)
			b->items[i].toc_ref = (long)heading_item[b->items[i].toc_ref];
	free(heading_item);
}

/* ---- pagination -------------------------------------------------------- */

struct cont_header {
	int page;
	size_t table;
	double y;
};

struct paginator {
	struct cont_header *conts;
	size_t len, cap;
};

/* The height a repeated header takes: "(continued)" line plus the row. */
static double cont_height(const struct builder *b, size_t table)
{
	return b->s->table_size * 1.4 + b->items[b->tables[table].header_item].height;
}

/* Assigns every item a page and a y. Returns the page count. */
static int paginate(struct builder *b, struct paginator *pg)
{
	int page = 0;
	size_t first = 0;   /* first item of the current page */
	double y = b->top;
	size_t i = 0;

	while (i < b->len) {
		struct item *it = &b->items[i];
		bool at_top = i == first;

		/* A page break where a page has just begun, or at the very end,
		 * would only make an empty page. */
		if (it->forced && (y == b->top || i + 1 == b->len)) {
			it->page = page;
			it->y = y;
			i++;
			continue;
		}
		double sb = at_top ? 0 : it->space_before;

		if (at_top && it->table >= 0 && !it->table_header) {
			/* A table continues here: repeat its header first. */
			pg->conts = xgrow(pg->conts, &pg->cap, pg->len + 1,
			                  sizeof *pg->conts);
			pg->conts[pg->len].page = page;
			pg->conts[pg->len].table = (size_t)it->table;
			pg->conts[pg->len].y = y;
			pg->len++;
			y += cont_height(b, (size_t)it->table);
		}
		if (it->forced && !at_top) {
			page++;
			first = i;
			y = b->top;
			continue;
		}
		/* A landscape chart starts a page of its own, taking along what
		 * it is kept with (its heading). */
		if ((y + sb + it->height <= b->bottom + 1e-6 && !it->landscape) ||
		    at_top) {
			it->page = page;
			it->y = y + sb;
			y += sb + it->height;
			i++;
			continue;
		}
		/* Back up to the last item on this page before which a break is
		 * allowed; with none, break here anyway (an unbreakable run
		 * longer than a page), except that a landscape chart then turns
		 * this whole page. */
		{
			size_t j = i;

			while (j > first && !b->items[j].break_ok)
				j--;
			if (j == first && it->landscape) {
				it->page = page;
				it->y = y + sb;
				y += sb + it->height;
				i++;
				continue;
			}
			if (j == first)
				j = i;
			page++;
			first = j;
			i = j;
			y = b->top;
		}
	}
	return page + 1;
}

/* ---- output ------------------------------------------------------------ */

static struct page *page_at(struct pages *p, size_t index, const struct style *s)
{
	while (p->len <= index) {
		struct page *pg;

		p->items = xgrow(p->items, &p->cap, p->len + 1, sizeof *p->items);
		pg = &p->items[p->len++];
		memset(pg, 0, sizeof *pg);
		pg->width = s->page_width;
		pg->height = s->page_height;
	}
	return &p->items[index];
}

static void put_box(struct page *pg, const struct box *src, double dy)
{
	pg->boxes = xgrow(pg->boxes, &pg->cap, pg->len + 1, sizeof *pg->boxes);
	pg->boxes[pg->len] = *src;
	pg->boxes[pg->len].y += dy;
	pg->len++;
}

static void put_text(struct builder *b, struct page *pg, double x, double y,
                     enum face f, double size, struct rgb color,
                     const char *text, enum column_align align)
{
	struct box t;
	size_t len = strlen(text);

	memset(&t, 0, sizeof t);
	t.kind = BOX_TEXT;
	t.w = width_of(b->m, f, size, text, len);
	t.x = align == ALIGN_RIGHT ? x - t.w : align == ALIGN_CENTER ? x - t.w / 2
	                                                               : x;
	t.y = y;
	t.face = f;
	t.size = (float)size;
	t.color = color;
	t.text = arena_strndup(b->out->arena, text, len);
	t.len = len;
	t.target_page = -1;
	put_box(pg, &t, 0);
}

static void put_rule(struct page *pg, double x, double y, double w,
                     double lw, struct rgb color)
{
	struct box r;

	memset(&r, 0, sizeof r);
	r.kind = BOX_RULE;
	r.x = x;
	r.y = y;
	r.w = w;
	r.line_width = (float)lw;
	r.color = color;
	r.target_page = -1;
	put_box(pg, &r, 0);
}

/* Marking centred at the very top and bottom; title and date in the
 * header, "Page X of Y" in the footer. A cover page has its own banners
 * instead. In duplex, even pages are mirrored: their content moves over
 * by the difference of the margins, and the page number sits on the
 * outer edge (right on odd pages, left on even ones). */
static void running_heads(struct builder *b, const struct doc *d)
{
	const struct style *s = b->s;
	struct pages *p = b->out;
	double head_base = s->margin_top - 10;
	double mark_top = s->margin_top * 0.3 + s->marking_size * 0.8;
	double shift = s->margin_right - s->margin_left;

	for (size_t i = 0; i < p->len; i++) {
		struct page *pg = &p->items[i];
		/* each page's own size: a chart page may be landscape */
		double cx = pg->width / 2, right = pg->width - s->margin_right;
		double width = right - b->x0;
		double foot_base = pg->height - s->margin_bottom + 10 + s->header_size;
		double mark_bottom = pg->height - s->margin_bottom * 0.3;
		bool verso = s->duplex && i % 2 == 1;
		char *num;

		if (i == 0 && b->cover)
			continue;
		num = xasprintf("Page %zu of %zu", i + 1, p->len);
		put_text(b, pg, cx - (verso ? shift : 0), mark_top, FACE_BOLD,
		         s->marking_size, s->marking_color, d->marking, ALIGN_CENTER);
		put_text(b, pg, cx - (verso ? shift : 0), mark_bottom, FACE_BOLD,
		         s->marking_size, s->marking_color, d->marking, ALIGN_CENTER);
		put_text(b, pg, verso ? right : b->x0, head_base, FACE_REGULAR,
		         s->header_size, s->muted_color, d->title,
		         verso ? ALIGN_RIGHT : ALIGN_LEFT);
		put_text(b, pg, verso ? b->x0 : right, head_base, FACE_REGULAR,
		         s->header_size, s->muted_color, d->as_of,
		         verso ? ALIGN_LEFT : ALIGN_RIGHT);
		put_rule(pg, b->x0, head_base + 4, width, 0.5, s->accent_color);
		put_rule(pg, b->x0, foot_base - s->header_size - 2, width, 0.5,
		         s->accent_color);
		put_text(b, pg, verso ? b->x0 : right, foot_base, FACE_REGULAR,
		         s->header_size, s->muted_color, num,
		         verso ? ALIGN_LEFT : ALIGN_RIGHT);
		if (d->organisation)
			put_text(b, pg, verso ? right : b->x0, foot_base, FACE_REGULAR,
			         s->header_size, s->muted_color, d->organisation,
			         verso ? ALIGN_RIGHT : ALIGN_LEFT);
		free(num);
	}
	if (!s->duplex || shift == 0)
		return;
	for (size_t i = 1; i < p->len; i += 2)
		for (size_t k = 0; k < p->items[i].len; k++)
			p->items[i].boxes[k].x += shift;
}

/* A contents entry's page number, right-aligned, and a link over the
 * entry to the heading's page. */
static void put_toc_number(struct builder *b, struct page *page,
                           const struct item *entry, const struct item *heading)
{
	char num[24];
	struct box link;

	snprintf(num, sizeof num, "%d", heading->page + 1);
	put_text(b, page, b->x0 + b->width, entry->y + entry->toc_baseline,
	         entry->toc_face, entry->toc_size, b->s->text_color, num,
	         ALIGN_RIGHT);
	memset(&link, 0, sizeof link);
	link.kind = BOX_LINK;
	link.x = b->x0;
	link.y = entry->y;
	link.w = b->width;
	link.h = entry->height;
	link.target_page = heading->page;
	put_box(page, &link, 0);
}

/* Copies a repeated table header, with its "(continued)" line, to a page. */
static void put_cont_header(struct builder *b, const struct cont_header *ch)
{
	const struct style *s = b->s;
	const struct table_info *ti = &b->tables[ch->table];
	struct page *page = &b->out->items[ch->page];
	double cap_h = s->table_size * 1.4;
	char *text = xasprintf("%s%s(continued)", ti->caption ? ti->caption : "",
	                       ti->caption ? " " : "");

	put_text(b, page, b->x0, ch->y + s->table_size, FACE_ITALIC,
	         s->table_size, s->muted_color, text, ALIGN_LEFT);
	for (size_t k = 0; k < ti->header_len; k++)
		put_box(page, &ti->header_boxes[k], ch->y + cap_h);
	free(text);
}

/* Moves every item's boxes to its page, in reading order (a repeated
 * header before the rows under it), freeing box chunks once copied. Items
 * and continuation headers are both in page order, so one merge pass
 * does it. */
static void emit(struct builder *b, const struct paginator *pg, int npages)
{
	struct pages *p = b->out;
	size_t c = 0, freed = 0;

	for (int i = 0; i < npages; i++)
		page_at(p, (size_t)i, b->s);
	for (size_t i = 0; i < b->len; i++) {
		const struct item *it = &b->items[i];
		struct page *page;

		while (c < pg->len && pg->conts[c].page <= it->page)
			put_cont_header(b, &pg->conts[c++]);
		page = &p->items[it->page];
		if (it->landscape) {
			page->width = b->s->page_height;
			page->height = b->s->page_width;
		}
		for (size_t k = 0; k < it->box_len; k++)
			put_box(page, box_at(b, it->box_start + k), it->y);
		if (it->toc_ref >= 0)
			put_toc_number(b, page, it, &b->items[it->toc_ref]);
		/* Chunks wholly before the next item's boxes are done with. */
		{
			size_t next = i + 1 < b->len ? b->items[i + 1].box_start
			                             : b->boxes_len;

			for (; freed < (next >> BOX_CHUNK_SHIFT); freed++) {
				free(b->chunks[freed]);
				b->chunks[freed] = NULL;
			}
		}
		if (it->outline_level) {
			struct outline_entry *o;

			p->outline = xgrow(p->outline, &p->outline_cap,
			                   p->outline_len + 1, sizeof *p->outline);
			o = &p->outline[p->outline_len++];
			o->level = it->outline_level;
			o->title = it->outline_title;
			o->page = it->page;
			o->y = it->y;
		}
	}
	while (c < pg->len)
		put_cont_header(b, &pg->conts[c++]);
}

struct pages *layout_run(const struct doc *d, const struct style *s,
                         const struct metrics *m, struct diag_list *dl)
{
	struct builder b;
	struct paginator pg = { NULL, 0, 0 };
	size_t errors_before = dl->errors;
	int npages;

	memset(&b, 0, sizeof b);
	b.s = s;
	b.m = m;
	b.x0 = s->margin_left;
	b.width = s->page_width - s->margin_left - s->margin_right;
	b.top = s->margin_top;
	b.bottom = s->page_height - s->margin_bottom;
	if (b.width < 36 || b.bottom - b.top < 72) {
		diag_error(dl, NULL, 0, "page leaves no room for text: check the "
		           "page size and margins");
		return NULL;
	}
	b.dl = dl;
	b.out = xcalloc(1, sizeof *b.out);
	b.out->arena = arena_new();
	build_items(&b, d);
	if (dl->errors > errors_before) {
		layout_free(b.out);
		b.out = NULL;
		goto done;
	}
	npages = paginate(&b, &pg);
	emit(&b, &pg, npages);
	running_heads(&b, d);
done:
	free(pg.conts);
	free(b.items);
	for (size_t i = 0; i < b.chunks_len; i++)
		free(b.chunks[i]);
	free(b.chunks);
	for (size_t i = 0; i < b.tables_len; i++)
		free(b.tables[i].header_boxes);
	free(b.tables);
	return b.out;
}

void layout_free(struct pages *p)
{
	if (!p)
		return;
	for (size_t i = 0; i < p->len; i++)
		free(p->items[i].boxes);
	free(p->items);
	free(p->outline);
	arena_free(p->arena);
	free(p);
}

int layout_check(const struct pages *p, const struct style *s)
{
	for (size_t i = 0; i < p->len; i++) {
		const struct page *pg = &p->items[i];

		for (size_t k = 0; k < pg->len; k++) {
			const struct box *x = &pg->boxes[k];

			if (x->x < -1e-6 || x->y < -1e-6 ||
			    x->x + x->w > pg->width + 1e-6 ||
			    x->y + x->h > pg->height + 1e-6)
				return -1;
			bool verso = s->duplex && i % 2 == 1;
			double left = verso ? s->margin_right : s->margin_left;
			double right = verso ? s->margin_left : s->margin_right;

			/* cover banners span the page; everything else keeps within
			 * the margins (mirrored on even duplex pages) */
			if (x->kind == BOX_TEXT && x->y > s->margin_top * 0.2 &&
			    x->y < pg->height - s->margin_bottom * 0.2 &&
			    (x->x < left - 1e-6 || x->x + x->w > pg->width - right + 0.5))
				return -1;
		}
	}
	return 0;
}
