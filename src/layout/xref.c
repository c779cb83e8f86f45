/*
 * xref.c: references to sections, tables and figures, once pages are
 * known.
 *
 * The model resolves a reference to its block: a link span to
 * "#block-N", whose text it has written ("Figure 2"), or to "#page-N",
 * whose text is the page block N lands on. Layout records the first
 * item of every block; a link then points at that item's page and
 * height. A page number's width changes the lines it is in, which may
 * move the target: layout_run() lays the document out again with the
 * pages of the last pass until they no longer change (see layout.c).
 */
#include "layout/layout_internal.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "briefing/base/xalloc.h"

void layout_xref_mark(struct builder *b, size_t block, size_t item)
{
	if (block >= b->block_items_len) {
		size_t n = block + 1;

		b->block_items = xrealloc(b->block_items, n * sizeof *b->block_items);
		memset(b->block_items + b->block_items_len, 0,
		       (n - b->block_items_len) * sizeof *b->block_items);
		b->block_items_len = n;
	}
	if (!b->block_items[block])
		b->block_items[block] = item + 1;
}

/* The block a reference uri names, or -1 for another link. */
static long ref_block(const char *uri, bool *page)
{
	size_t lb = strlen(DOC_REF_BLOCK), lp = strlen(DOC_REF_PAGE);

	if (!uri)
		return -1;
	*page = strncmp(uri, DOC_REF_PAGE, lp) == 0;
	if (!*page && strncmp(uri, DOC_REF_BLOCK, lb) != 0)
		return -1;
	return strtol(uri + (*page ? lp : lb), NULL, 10);
}

bool layout_xref_text(const struct builder *b, const struct layout_par *par,
                      char **text, struct doc_rich *rich)
{
	const struct doc_rich *r = par->rich;
	size_t len = strlen(par->text), from = 0, out = 0, cap;
	bool any = false, page;
	char *t;

	for (size_t k = 0; r && k < r->spans_len; k++)
		any = any || (ref_block(r->spans[k].uri, &page) >= 0 && page);
	if (!any)
		return false;
	cap = len + r->spans_len * (LABEL_MAX + 16) + 1;
	t = xmalloc(cap);
	*rich = *r;
	rich->spans = xmalloc(r->spans_len * sizeof *rich->spans);
	for (size_t k = 0; k < r->spans_len; k++) {
		const struct doc_span *sp = &r->spans[k];
		long n = ref_block(sp->uri, &page);

		memcpy(t + out, par->text + from, sp->start - from);
		out += sp->start - from;
		rich->spans[k] = *sp;
		rich->spans[k].start = out;
		if (n >= 0 && page) {
			int pg = b->ref_pages && (size_t)n < b->ref_pages_len &&
			         b->ref_pages[n] >= 0 ? b->ref_pages[n] + 1 : 0;
			/* config checked the pattern: exactly one %d */
			int w = snprintf(t + out, LABEL_MAX + 16, b->s->labels.page_ref,
			                 pg);

			out += (size_t)(w < LABEL_MAX + 16 ? w : LABEL_MAX + 15);
		} else {
			memcpy(t + out, par->text + sp->start, sp->len);
			out += sp->len;
		}
		rich->spans[k].len = out - rich->spans[k].start;
		from = sp->start + sp->len;
	}
	memcpy(t + out, par->text + from, len - from + 1);
	*text = t;
	return true;
}

void layout_xref_release(char *text, struct doc_rich *rich)
{
	free(text);
	free(rich->spans);
}

void layout_xref_links(const struct builder *b, struct page *page,
                       size_t len)
{
	for (size_t k = page->len - len; k < page->len; k++) {
		struct box *x = &page->boxes[k];
		bool pg;
		long n;

		if (x->kind != BOX_LINK || x->target_page >= 0)
			continue;
		n = ref_block(x->uri, &pg);
		if (n < 0 || (size_t)n >= b->block_items_len ||
		    !b->block_items[n] || b->block_items[n] > b->len)
			continue;
		{
			const struct item *it = &b->items[b->block_items[n] - 1];

			x->target_page = it->page;
			/* the height to scroll to, + 1 (0: the page's top) */
			x->len = (unsigned)(it->y > 0 ? it->y : 0) + 1;
		}
	}
}
