/*
 * builder.c: the items and boxes of the first pass, and the primitives
 * every block is built from: a text run, a fill, a rule, a placed line,
 * a paragraph.
 *
 * Invariant: a box always belongs to the last item created, with y
 * relative to that item's top; pagination moves the item, not its boxes.
 */
#include "layout/layout_internal.h"

#include <stdlib.h>
#include <string.h>

#include "briefing/base/arena.h"
#include "briefing/base/xalloc.h"

struct item *layout_item(struct builder *b, double height)
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

struct box *layout_box_at(const struct builder *b, size_t index)
{
	return &b->chunks[index >> BOX_CHUNK_SHIFT][index & (BOX_CHUNK - 1)];
}

struct box *layout_box(struct builder *b, enum box_kind kind)
{
	struct box *x;

	if (b->boxes_len % BOX_CHUNK == 0) {
		b->chunks = xgrow(b->chunks, &b->chunks_cap, b->chunks_len + 1,
		                  sizeof *b->chunks); /* NOLINT(bugprone-sizeof-expression) */
		b->chunks[b->chunks_len++] = xmalloc(BOX_CHUNK * sizeof **b->chunks);
	}
	x = layout_box_at(b, b->boxes_len++);
	memset(x, 0, sizeof *x);
	x->kind = kind;
	if (kind == BOX_LINK)
		x->target_page = -1;
	b->items[b->len - 1].box_len++;
	return x;
}

/* A new box of kind at x, y (y relative to the current item), w wide in
 * color: the fields that text runs, fills and rules all have. */
static struct box *placed_box(struct builder *b, enum box_kind kind,
                              double x, double y, double w, struct rgb color)
{
	struct box *p = layout_box(b, kind);

	p->x = (float)x;
	p->y = (float)y;
	p->w = (float)w;
	p->color = color;
	return p;
}

struct box *layout_text(struct builder *b, double x, double baseline,
                        enum face face, double size, struct rgb color,
                        const char *s, size_t len, double width)
{
	struct box *t = placed_box(b, BOX_TEXT, x, baseline, width, color);

	t->face = face;
	t->size = (float)size;
	t->text = arena_strndup(b->out->arena, s, len);
	t->len = len;
	return t;
}

void layout_fill(struct builder *b, double x, double y, double w,
                 double h, struct rgb color)
{
	placed_box(b, BOX_FILL, x, y, w, color)->h = (float)h;
}

void layout_rule(struct builder *b, double x, double y, double w,
                 double line_width, struct rgb color)
{
	placed_box(b, BOX_RULE, x, y, w, color)->line_width = (float)line_width;
}

/* Baseline offset of a line of the given leading from the line's top:
 * the glyphs' ascent-to-descent block is centred in the leading. */
double layout_baseline(const struct builder *b, enum face f, double size,
                       double leading)
{
	double asc = b->m->ascent(b->m->ctx, f, size);
	double desc = b->m->descent(b->m->ctx, f, size);

	return (leading - (asc + desc)) / 2 + asc;
}

/* Places one wrapped line at (x, baseline). Justified lines spread their
 * spare width over the gaps between words; each word becomes its own run,
 * since PDF word spacing does not apply to multi-byte fonts. */
void layout_place_line(struct builder *b, const char *text,
                       const struct layout_line *ln, double x, double baseline,
                       double width, enum face f, double size,
                       struct rgb color, bool justify, enum doc_align align)
{
	const char *s = text + ln->start;
	size_t gaps = 0;

	if (align == DOC_ALIGN_RIGHT)
		x += width - ln->width;
	else if (align == DOC_ALIGN_CENTER)
		x += (width - ln->width) / 2;
	if (justify)
		for (size_t i = 0; i < ln->len; i++)
			gaps += s[i] == ' ' && (i == 0 || s[i - 1] != ' ');
	if (!justify || gaps == 0 || ln->width >= width) {
		layout_text(b, x, baseline, f, size, color, s, ln->len, ln->width);
		return;
	}
	{
		double space = layout_width(b->m, f, size, " ", 1);
		double words_w = 0, extra, pos = x;
		size_t i = 0;

		/* Sum word widths; runs of spaces count as one gap. */
		while (i < ln->len) {
			size_t ws = i;

			while (i < ln->len && s[i] != ' ')
				i++;
			words_w += layout_width(b->m, f, size, s + ws, i - ws);
			while (i < ln->len && s[i] == ' ')
				i++;
		}
		extra = (width - words_w) / (double)gaps;
		/* Very loose lines read worse than ragged ones. */
		if (extra > space * b->s->justify_max_space) {
			layout_text(b, x, baseline, f, size, color, s, ln->len, ln->width);
			return;
		}
		i = 0;
		while (i < ln->len) {
			size_t ws = i;
			double w;

			while (i < ln->len && s[i] != ' ')
				i++;
			w = layout_width(b->m, f, size, s + ws, i - ws);
			layout_text(b, pos, baseline, f, size, color, s + ws, i - ws, w);
			pos += w + extra;
			while (i < ln->len && s[i] == ' ')
				i++;
		}
	}
}

/* A paragraph: one item per line, breaks allowed only where at least two
 * lines stay on each side. The first item's break flag is left as the
 * caller set it (true), and may be cleared to keep it with a heading. */
void layout_paragraph(struct builder *b, const char *text, double x,
                      double width, enum face f, double size,
                      struct rgb color, bool justify, double space_before)
{
	struct layout_line *lines;
	size_t n = layout_wrap(b->m, f, size, text, strlen(text), width, &lines);
	double leading = size * b->s->line_spacing;
	double base = layout_baseline(b, f, size, leading);

	for (size_t i = 0; i < n; i++) {
		struct item *it = layout_item(b, leading);

		it->space_before = i == 0 ? space_before : 0;
		it->break_ok = i == 0 || (i >= 2 && n - i >= 2);
		layout_place_line(b, text, &lines[i], x, base, width, f, size, color,
		                  justify && i + 1 < n, DOC_ALIGN_LEFT);
	}
	free(lines);
}

/* ---- citations ---------------------------------------------------------
 *
 * The model marks a citation as a link span to "#source-N" (the Sources
 * entry N); paragraphs draw it as any link. Once pages are known, such
 * a link points at the page where entry N landed: a data file's links
 * always have a scheme, so "#" cannot come from the data. */

void layout_mark_source(struct builder *b, size_t n, size_t item)
{
	if (n == 0)
		return;
	if (n > b->source_items_len) {
		b->source_items = xrealloc(b->source_items,
		                           n * sizeof *b->source_items);
		memset(b->source_items + b->source_items_len, 0,
		       (n - b->source_items_len) * sizeof *b->source_items);
		b->source_items_len = n;
	}
	if (!b->source_items[n - 1])
		b->source_items[n - 1] = item + 1;
}

void layout_resolve_citations(const struct builder *b, struct page *page,
                              size_t len)
{
	for (size_t k = page->len - len; k < page->len; k++) {
		struct box *x = &page->boxes[k];
		unsigned long n;

		if (x->kind != BOX_LINK || x->target_page >= 0 || !x->uri ||
		    strncmp(x->uri, "#source-", 8) != 0)
			continue;
		n = strtoul(x->uri + 8, NULL, 10);
		if (n >= 1 && n <= b->source_items_len && b->source_items[n - 1])
			x->target_page = b->items[b->source_items[n - 1] - 1].page;
	}
}
