/*
 * sections.c: where a section starts and how its pages stand.
 *
 * A section may start on a new page or on the next odd one, and may
 * stand turned (landscape in a portrait document, or the other way): the
 * model gives each heading its section's start and orientation. Both
 * become one zero-height forced break item before the heading, which
 * pagination already knows how to place; it carries odd_start, and
 * every item carries turned, so pagination fills a turned page to its
 * own foot and emit gives that page its own size. A page never holds
 * items of both orientations, because a change of orientation always
 * breaks the page.
 *
 * A page left empty to bring a section to an odd page is a blank verso:
 * it prints the markings (a classified document marks every page) but no
 * running header or footer, as LaTeX's \cleardoublepage leaves it.
 */
#include "layout/layout_internal.h"

#include <stdlib.h>

#include "briefing/base/xalloc.h"

/* Does a heading's section stand turned against the page? A square page
 * never turns. */
static bool heading_turned(const struct style *s, const struct doc_heading *h)
{
	bool landscape_page = s->page_width > s->page_height;

	if (h->orient == PAGE_ORIENT_DEFAULT || s->page_width == s->page_height)
		return false;
	return (h->orient == PAGE_ORIENT_LANDSCAPE) != landscape_page;
}

/* The content area of an upright or a turned page. */
void layout_set_turned(struct builder *b, bool turned)
{
	const struct style *s = b->s;
	double w = turned ? s->page_height : s->page_width;
	double h = turned ? s->page_width : s->page_height;

	b->turned = turned;
	b->width = w - s->margin_left - s->margin_right;
	b->bottom = h - s->margin_bottom;
}

double layout_item_bottom(const struct builder *b, const struct item *it)
{
	const struct style *s = b->s;

	return (it->turned ? s->page_width : s->page_height) - s->margin_bottom;
}

/* Before a section's heading: the page break its start or a change of
 * orientation asks for. A heading that directly follows another (a
 * section with no blocks of its own, then its first subsection) is
 * already at the top of the page that one started, so it starts no
 * other, unless it turns the page. */
void layout_section_start(struct builder *b, const struct doc_block *blk,
                          bool after_heading)
{
	const struct doc_heading *h = &blk->u.heading;
	bool turned = heading_turned(b->s, h);
	bool turn = turned != b->turned;
	struct item *it;

	if (!turn && (after_heading || h->start == PAGE_START_DEFAULT ||
	              h->start == PAGE_START_CONTINUE))
		return;
	if (turn) {
		const struct style *s = b->s;
		double w = (turned ? s->page_height : s->page_width) -
		           s->margin_left - s->margin_right;
		double tall = (turned ? s->page_width : s->page_height) -
		              s->margin_top - s->margin_bottom;

		/* config checked the upright page's text area, not the turned */
		if (w < 72 || tall < 144) {
			diag_error(b->dl, blk->origin.file, blk->origin.line, "the "
			           "turned page leaves %.0f x %.0f mm for text; it "
			           "needs at least 25 x 50 mm", w / MM, tall / MM);
			/* once: its subsections stand as it does; the upright
			 * measure stays, so nothing else fails for it */
			b->turned = turned;
			return;
		}
		layout_set_turned(b, turned);
	}
	it = layout_item(b, 0);
	it->forced = true;
	it->odd_start = h->start == PAGE_START_ODD;
}

/* Emit: the pages of turned sections get their own size. */
void layout_turn_pages(struct builder *b)
{
	for (size_t i = 0; i < b->len; i++)
		if (b->items[i].turned) {
			struct page *pg = &b->out->items[b->items[i].page];

			pg->width = b->s->page_height;
			pg->height = b->s->page_width;
		}
}

/* Which of npages pages hold nothing: the blank versos before an odd
 * start. The caller frees the array. */
bool *layout_blank_pages(const struct builder *b, size_t npages)
{
	bool *blank = xcalloc(npages + 1, sizeof *blank);

	for (size_t i = 0; i < npages; i++)
		blank[i] = true;
	for (size_t i = 0; i < b->len; i++)
		if (b->items[i].box_len > 0 && b->items[i].page >= 0 &&
		    (size_t)b->items[i].page < npages)
			blank[b->items[i].page] = false;
	return blank;
}

/* [page] repeat_heading: for each item, the heading item it is under,
 * + 1 (0: none), so pagination finds a page's section in constant time
 * however long the section. The caller frees it. */
size_t *layout_heading_index(const struct builder *b)
{
	size_t *of = xcalloc(b->len + 1, sizeof *of), cur = 0;

	for (size_t i = 0; i < b->len; i++) {
		if (b->items[i].heading)
			cur = i + 1;
		of[i] = cur;
	}
	return of;
}

/* A page that item i starts inside a section, not at its heading, gets
 * a copy of the heading on top, so a slide or page that continues a
 * section still says which it is. Not on a turned chart's page (the
 * chart fills it) nor where a section, a page break or the cover
 * starts. */
double layout_repeat_heading(struct builder *b, struct paginator *pg,
                             size_t i, int page, double y)
{
	const struct item *it = &b->items[i];
	size_t h = pg->heading_of[i];
	const struct item *head;
	struct cont_header *ch;

	if (h == 0 || h - 1 == i || it->heading || it->forced ||
	    it->landscape || it->box_len == 0)
		return 0;
	head = &b->items[h - 1];
	pg->conts = xgrow(pg->conts, &pg->cap, pg->len + 1, sizeof *pg->conts);
	ch = &pg->conts[pg->len++];
	ch->page = page;
	ch->table = 0;
	ch->y = y;
	ch->heading_len = head->box_len;
	ch->heading = xcalloc(head->box_len + 1, sizeof *ch->heading);
	for (size_t k = 0; k < head->box_len; k++)
		ch->heading[k] = *layout_box_at(b, head->box_start + k);
	return head->height + b->s->paragraph_space * b->s->space_after_heading;
}

void layout_paginator_release(struct paginator *pg)
{
	for (size_t i = 0; i < pg->len; i++)
		free(pg->conts[i].heading);
	free(pg->conts);
	free(pg->heading_of);
}
