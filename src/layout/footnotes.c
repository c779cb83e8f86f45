/*
 * footnotes.c: notes set at the foot of the page their marker lands on.
 *
 * A paragraph's marker is a superscript in its line (paragraph.c). Once
 * the paragraph is set, each note it calls is set as a small paragraph
 * of its own, its number hung in the margin of the note, and its lines
 * move from the item list to the builder's fn list: they belong to the
 * page of the line that holds their marker, not to the flow.
 *
 * Pagination keeps a queue: footnote lines are placed in marker order,
 * so the lines on a page are one run of the queue. A line with markers
 * fits when it and all of its notes fit above the page's foot; failing
 * that, when it and at least the first line of each of its notes fit,
 * and the rest of the last note continues at the foot of the next page
 * (whose rule then spans the measure, as a continued note's does in
 * print), the page being full. Otherwise the line goes to the next page
 * with its notes, as any line that does not fit.
 */
#include "layout/layout_internal.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "briefing/base/xalloc.h"

void layout_fn_mark(struct fn_marks *m, const struct doc_rich *rich,
                    size_t start, size_t item)
{
	size_t k = 0;

	/* the note of a marker is the k-th note for the k-th marker span */
	for (size_t i = 0; i < rich->spans_len; i++) {
		if (!(rich->spans[i].style & DOC_SPAN_NOTE))
			continue;
		if (rich->spans[i].start == start)
			break;
		k++;
	}
	if (k >= rich->notes_len)
		return;
	m->items = xgrow(m->items, &m->cap, m->len + 1, sizeof *m->items);
	m->items[m->len++] = (struct fn_mark){ item, &rich->notes[k] };
}

/* Sets note n as lines at the end of the items, then moves them to fn. */
static void set_note(struct builder *b, const struct doc_note *n)
{
	const struct style *s = b->s;
	double size = s->footnote_size;
	char num[16];
	double indent;
	size_t first = b->len, lines;

	snprintf(num, sizeof num, "%d", n->number);
	/* room for a two-digit number and a space, so notes align */
	indent = layout_width(b->m, FACE_REGULAR, size, "00", 2) + size * 0.5;
	{
		struct layout_par par = {
			n->text, &n->rich, n->origin, FACE_REGULAR, size,
			s->text_color, b->x0 + indent, b->width - indent, false, true,
			num, b->x0, s->text_color
		};

		lines = layout_set_paragraph(b, &par, 0);
	}
	b->fn = xgrow(b->fn, &b->fn_cap, b->fn_len + lines, sizeof *b->fn);
	for (size_t k = 0; k < lines; k++) {
		b->fn[b->fn_len] = b->items[first + k];
		b->fn[b->fn_len].note_first = k == 0;
		b->fn_len++;
	}
	b->len = first;
}

void layout_fn_add(struct builder *b, struct fn_marks *m)
{
	for (size_t i = 0; i < m->len; i++) {
		size_t start = b->fn_len;
		struct item *it;

		set_note(b, m->items[i].note);
		/* set_note() appends items: only now is the pointer stable */
		it = &b->items[m->items[i].item];
		if (it->fn_end == it->fn_start)
			it->fn_start = start;
		it->fn_end = b->fn_len;
		it->fn_need = start + 1;
	}
	free(m->items);
	m->items = NULL;
	m->len = m->cap = 0;
}

/* The height the foot takes with lines [from, to): the lines and the
 * gap with the rule above them; 0 with none. */
static double foot_height(const struct builder *b, size_t from, size_t to)
{
	double h = 0;

	for (size_t k = from; k < to; k++)
		h += b->fn[k].height;
	return to > from ? h + b->s->footnote_gap : 0;
}

static bool has_notes(const struct item *it)
{
	return it->fn_end > it->fn_start;
}

bool layout_fn_fits(const struct builder *b, const struct paginator *pg,
                    const struct item *it, double y)
{
	size_t need = has_notes(it) ? it->fn_need : pg->fn_done;

	if (pg->fn_full)
		return false;
	if (need < pg->fn_done)
		need = pg->fn_done;
	return y <= layout_item_bottom(b, it) -
	            foot_height(b, pg->fn_first, need) + 1e-6;
}

/* Puts lines [pg->fn_done, to) on page. */
static void put_lines(struct builder *b, struct paginator *pg, size_t to,
                      int page)
{
	for (; pg->fn_done < to; pg->fn_done++)
		b->fn[pg->fn_done].page = page;
}

void layout_fn_place(struct builder *b, struct paginator *pg,
                     const struct item *it, double y, int page)
{
	double bottom = layout_item_bottom(b, it);
	size_t k;

	if (!has_notes(it))
		return;
	if (it->fn_end > pg->fn_due)
		pg->fn_due = it->fn_end;
	/* as many lines as fit, at least the first of each note */
	k = it->fn_end;
	while (k > it->fn_need && k > pg->fn_done &&
	       y > bottom - foot_height(b, pg->fn_first, k) + 1e-6)
		k--;
	if (k < pg->fn_done)
		k = pg->fn_done;
	put_lines(b, pg, k, page);
	if (k < it->fn_end)
		pg->fn_full = true;
}

void layout_fn_new_page(struct builder *b, struct paginator *pg, int page)
{
	size_t k = pg->fn_done;
	/* a carried line stands as the page it continues from (turned) */
	double half = k < b->fn_len
	            ? (layout_item_bottom(b, &b->fn[k]) - b->top) / 2 : 0;

	pg->fn_full = false;
	pg->fn_first = pg->fn_done;
	/* what a split note left: first, but in no more than half the page,
	 * so the text still has room (at least one line goes) */
	while (k < pg->fn_due &&
	       (k == pg->fn_done ||
	        foot_height(b, pg->fn_first, k + 1) <= half))
		k++;
	put_lines(b, pg, k, page);
	if (k < pg->fn_due)
		pg->fn_full = true;
	pg->fn_carry = pg->fn_done;
	pg->fn_carry_due = pg->fn_due;
}

void layout_fn_backup(struct builder *b, struct paginator *pg, size_t first,
                      size_t j, size_t i)
{
	if (j >= i)
		return;
	/* items [j, i) leave the page: so do their notes */
	pg->fn_done = pg->fn_carry;
	pg->fn_due = pg->fn_carry_due;
	pg->fn_full = false;
	for (size_t k = first; k < j; k++)
		if (has_notes(&b->items[k])) {
			pg->fn_done = b->items[k].fn_end;
			if (pg->fn_due < pg->fn_done)
				pg->fn_due = pg->fn_done;
		}
}

void layout_fn_finish(struct builder *b)
{
	for (size_t k = 0; k < b->fn_len;) {
		size_t end = k;
		double y = layout_item_bottom(b, &b->fn[k]);

		while (end < b->fn_len && b->fn[end].page == b->fn[k].page)
			end++;
		for (size_t j = end; j-- > k;) {
			y -= b->fn[j].height;
			b->fn[j].y = y;
		}
		k = end;
	}
}

void layout_fn_emit(struct builder *b, const struct item *it)
{
	for (size_t k = it->fn_start; k < it->fn_end; k++) {
		const struct item *ln = &b->fn[k];
		struct page *page = &b->out->items[ln->page];

		for (size_t x = 0; x < ln->box_len; x++) {
			struct box *src = layout_box_at(b, ln->box_start + x);

			page->boxes = xgrow(page->boxes, &page->cap, page->len + 1,
			                    sizeof *page->boxes);
			page->boxes[page->len] = *src;
			page->boxes[page->len].y = (float)(src->y + ln->y);
			page->len++;
		}
		if (b->source_items_len)
			layout_resolve_citations(b, page, ln->box_len);
		layout_xref_links(b, page, ln->box_len);
	}
}

void layout_fn_rules(struct builder *b)
{
	const struct style *s = b->s;

	for (size_t k = 0; k < b->fn_len; k++) {
		struct page *page;
		struct box *r;
		bool continued;

		if (k > 0 && b->fn[k - 1].page == b->fn[k].page)
			continue;
		continued = !b->fn[k].note_first;
		page = &b->out->items[b->fn[k].page];
		page->boxes = xgrow(page->boxes, &page->cap, page->len + 1,
		                    sizeof *page->boxes);
		r = &page->boxes[page->len++];
		memset(r, 0, sizeof *r);
		r->kind = BOX_RULE;
		r->x = (float)b->x0;
		r->y = (float)(b->fn[k].y - s->footnote_gap / 2);
		{
			/* the page's own measure: a turned page is wider */
			double w = page->width - s->margin_left - s->margin_right;

			r->w = (float)(continued ? w : w * s->footnote_rule_length);
		}
		r->line_width = (float)s->header_rule_width;
		r->color = s->muted_color;
	}
}
