/*
 * layout.c: typesetting and pagination, the stage's driver.
 *
 * Two passes. First every block becomes a run of items with boxes
 * relative to their own tops (blocks.c and the files it calls). Then
 * pagination assigns each item a page and a y (paginate.c), and the boxes
 * are copied to their pages, each page getting its running header and
 * footer once the page count is known (heads.c). See layout_internal.h
 * for the map of files.
 */
#include "briefing/layout.h"

#include <stdlib.h>
#include <string.h>

#include "briefing/base/arena.h"
#include "briefing/base/xalloc.h"
#include "layout/layout_internal.h"

struct pages *layout_run(const struct doc *d, const struct style *s,
                         const struct metrics *m, struct diag_list *dl)
{
	return layout_run_hyphenated(d, s, m, NULL, dl);
}

struct pages *layout_run_hyphenated(const struct doc *d,
                                    const struct style *s,
                                    const struct metrics *m,
                                    const struct hyphenator *hy,
                                    struct diag_list *dl)
{
	struct builder b;
	struct paginator pg = { NULL, 0, 0, NULL };
	size_t errors_before = dl->errors;
	int npages;

	memset(&b, 0, sizeof b);
	b.s = s;
	b.m = m;
	b.hy = hy;
	b.x0 = s->margin_left;
	b.width = s->page_width - s->margin_left - s->margin_right;
	b.top = s->margin_top;
	b.bottom = s->page_height - s->margin_bottom;
	b.dl = dl;
	b.out = xcalloc(1, sizeof *b.out);
	b.out->arena = arena_new();
	layout_measure_figures(&b, d);
	layout_build_items(&b, d);
	if (dl->errors > errors_before) {
		layout_free(b.out);
		b.out = NULL;
		goto done;
	}
	if (s->repeat_heading)
		pg.heading_of = layout_heading_index(&b);
	npages = layout_paginate(&b, &pg);
	layout_emit(&b, &pg, npages);
	layout_running_heads(&b, d);
done:
	layout_paginator_release(&pg);
	free(b.items);
	for (size_t i = 0; i < b.chunks_len; i++)
		free(b.chunks[i]);
	free(b.chunks);
	for (size_t i = 0; i < b.tables_len; i++)
		free(b.tables[i].header_boxes);
	free(b.tables);
	free(b.source_items);
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
			/* an image never crosses the side margins */
			if (x->kind == BOX_IMAGE &&
			    (x->x < left - 1e-3 || x->x + x->w > pg->width - right + 1e-3))
				return -1;
		}
	}
	return 0;
}
