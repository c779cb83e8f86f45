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

/* The builder for one pass over d. */
static void builder_init(struct builder *b, const struct style *s,
                         const struct metrics *m, const struct hyphenator *hy,
                         struct diag_list *dl)
{
	memset(b, 0, sizeof *b);
	b->s = s;
	b->m = m;
	b->hy = hy;
	b->x0 = s->margin_left;
	b->width = s->page_width - s->margin_left - s->margin_right;
	b->top = s->margin_top;
	b->bottom = s->page_height - s->margin_bottom;
	b->dl = dl;
	b->out = xcalloc(1, sizeof *b->out);
	b->out->arena = arena_new();
}

/* Frees what a pass held but its pages. */
static void builder_release(struct builder *b, struct paginator *pg)
{
	layout_paginator_release(pg);
	memset(pg, 0, sizeof *pg);
	free(b->items);
	for (size_t i = 0; i < b->chunks_len; i++)
		free(b->chunks[i]);
	free(b->chunks);
	for (size_t i = 0; i < b->tables_len; i++)
		free(b->tables[i].header_boxes);
	free(b->tables);
	free(b->source_items);
	free(b->fn);
	free(b->block_items);
}

/* The page each of d's blocks landed on in pass b, into pages[d->len];
 * true when that differs from before (NULL: the first pass). */
static bool block_pages(const struct builder *b, const struct doc *d,
                        const int *before, int *pages)
{
	bool changed = !before;

	for (size_t i = 0; i < d->len; i++) {
		size_t k = i < b->block_items_len ? b->block_items[i] : 0;

		pages[i] = k && k <= b->len ? b->items[k - 1].page : -1;
		changed = changed || pages[i] != before[i];
	}
	return changed;
}

/* Forgets the warnings of a pass that is done again (its errors stop
 * the run, so there are none). */
static void drop_diags(struct diag_list *dl, size_t len)
{
	while (dl->len > len) {
		dl->len--;
		free(dl->items[dl->len].file);
		free(dl->items[dl->len].msg);
	}
}

/* True when r, or one of its notes, has a page reference. */
static bool rich_has_page_ref(const struct doc_rich *r)
{
	for (size_t j = 0; j < r->spans_len; j++)
		if (r->spans[j].uri && strncmp(r->spans[j].uri, DOC_REF_PAGE,
		                               strlen(DOC_REF_PAGE)) == 0)
			return true;
	for (size_t j = 0; j < r->notes_len; j++)
		if (rich_has_page_ref(&r->notes[j].rich))
			return true;
	return false;
}

/* True when some text of d has a page reference. */
static bool has_page_refs(const struct doc *d)
{
	for (size_t i = 0; i < d->len; i++) {
		const struct doc_block *blk = &d->blocks[i];

		if ((blk->kind == DOC_PARAGRAPH || blk->kind == DOC_NOTE) &&
		    rich_has_page_ref(&blk->u.paragraph.rich))
			return true;
		if (blk->kind != DOC_LIST)
			continue;
		if (rich_has_page_ref(&blk->u.list.intro_rich))
			return true;
		for (size_t k = 0; k < blk->u.list.len; k++)
			if (rich_has_page_ref(&blk->u.list.items[k].rich))
				return true;
	}
	return false;
}

/* Passes at most: a page number's width can move its target, which can
 * change the number; past this the numbers are the last pass's. */
#define XREF_PASSES 4

struct pages *layout_run_hyphenated(const struct doc *d,
                                    const struct style *s,
                                    const struct metrics *m,
                                    const struct hyphenator *hy,
                                    struct diag_list *dl)
{
	struct builder b;
	struct paginator pg;
	size_t errors_before = dl->errors, diags_before = dl->len;
	bool refs = has_page_refs(d);
	int *before = NULL, *now = xcalloc(d->len + 1, sizeof *now);
	struct pages *out = NULL;
	int npages;

	for (int pass = 1;; pass++) {
		memset(&pg, 0, sizeof pg);
		builder_init(&b, s, m, hy, dl);
		b.ref_pages = before;
		b.ref_pages_len = before ? d->len : 0;
		layout_measure_figures(&b, d);
		layout_build_items(&b, d);
		if (dl->errors > errors_before) {
			layout_free(b.out);
			break;
		}
		if (s->repeat_heading)
			pg.heading_of = layout_heading_index(&b);
		npages = layout_paginate(&b, &pg);
		if (refs && block_pages(&b, d, before, now) &&
		    pass < XREF_PASSES) {
			int *t = before ? before : xcalloc(d->len + 1, sizeof *t);

			/* this pass printed the last one's pages: again */
			before = now;
			now = t;
			layout_free(b.out);
			builder_release(&b, &pg);
			drop_diags(dl, diags_before);
			continue;
		}
		if (refs && pass == XREF_PASSES && block_pages(&b, d, before, now))
			diag_warning(dl, NULL, 0, "page references did not settle "
			             "after %d layouts: a page number may be off by "
			             "one", XREF_PASSES);
		layout_emit(&b, &pg, npages);
		layout_running_heads(&b, d);
		out = b.out;
		break;
	}
	builder_release(&b, &pg);
	free(before);
	free(now);
	return out;
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
