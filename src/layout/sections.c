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
