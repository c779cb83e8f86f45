/*
 * paginate.c: items -> pages.
 *
 * The walk fills pages; when an item does not fit it backs up to the last
 * allowed break on the page. Because a page is only ever re-filled from
 * its own items, the walk stays linear in the number of items. A table
 * row that starts a page gets the table's header repeated above it.
 */
#include "layout/layout_internal.h"

#include "briefing/base/xalloc.h"

/* The height a repeated header takes: "(continued)" line plus the row. */
double layout_cont_height(const struct builder *b, size_t table)
{
	const struct item *header = &b->items[b->tables[table].header_item];

	return b->s->table_size * b->s->caption_leading + header->height;
}

/* Assigns every item a page and a y. Returns the page count. */
int layout_paginate(struct builder *b, struct paginator *pg)
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
			/* a section that starts on an odd page leaves the even
			 * one blank (sections.c) */
			if (it->odd_start && y == b->top && page % 2 == 1)
				page++;
			it->page = page;
			it->y = y;
			/* An empty break marker is not the page's content: what
			 * follows still starts the page, drops its space above as
			 * at the top of any page, and a turned chart right after
			 * it still starts this page, so two turned charts leave
			 * no blank page between. */
			if (i == first || y == b->top)
				first = i + 1;
			i++;
			continue;
		}
		double sb = at_top ? 0 : it->space_before;

		if (at_top && pg->heading_of)
			y += layout_repeat_heading(b, pg, i, page, y);
		if (at_top && it->table >= 0 && !it->table_header) {
			/* A table continues here: repeat its header first. */
			pg->conts = xgrow(pg->conts, &pg->cap, pg->len + 1,
			                  sizeof *pg->conts);
			pg->conts[pg->len].page = page;
			pg->conts[pg->len].table = (size_t)it->table;
			pg->conts[pg->len].y = y;
			pg->conts[pg->len].heading = NULL;   /* a table's */
			pg->conts[pg->len].heading_len = 0;
			pg->len++;
			y += layout_cont_height(b, (size_t)it->table);
		}
		if (it->forced && !at_top) {
			page++;
			layout_fn_new_page(b, pg, page);
			first = i;
			y = b->top;
			continue;
		}
		/* A landscape chart starts a page of its own, taking along what
		 * it is kept with (its heading). */
		if ((layout_fn_fits(b, pg, it, y + sb + it->height) &&
		     !it->landscape) || at_top) {
			layout_fn_place(b, pg, it, y + sb + it->height, page);
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
			layout_fn_backup(b, pg, first, j, i);
			page++;
			layout_fn_new_page(b, pg, page);
			first = j;
			i = j;
			y = b->top;
		}
	}
	/* the rest of a note split on the last page */
	while (pg->fn_done < pg->fn_due)
		layout_fn_new_page(b, pg, ++page);
	layout_fn_finish(b);
	return page + 1;
}
