/*
 * heads.c: the output pass. Boxes are copied to their pages, repeated
 * table headers and contents page numbers are filled in, and each page
 * gets its running header and footer, now that the page count is known.
 */
#include "layout/layout_internal.h"

#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "briefing/base/arena.h"
#include "briefing/base/xalloc.h"

static struct page *page_at(struct pages *p, size_t index,
                            const struct style *s)
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
	pg->boxes[pg->len].y = (float)(pg->boxes[pg->len].y + dy);
	pg->len++;
}

/* The measured copy of text in face f at size: one of b->head_texts,
 * made on a miss in place of the oldest. */
static const struct head_text *head_text(struct builder *b, enum face f,
                                         double size, const char *text)
{
	size_t len = strlen(text), n = sizeof b->head_texts / sizeof *b->head_texts;
	struct head_text *h;

	for (size_t i = 0; i < n; i++) {
		h = &b->head_texts[i];
		if (h->text && h->face == f && h->size == size && h->len == len &&
		    memcmp(h->text, text, len) == 0)
			return h;
	}
	h = &b->head_texts[b->head_texts_next++ % n];
	h->face = f;
	h->size = size;
	h->len = len;
	h->width = layout_width(b->m, f, size, text, len);
	h->text = arena_strndup(b->out->arena, text, len);
	return h;
}

static void put_text(struct builder *b, struct page *pg, double x, double y,
                     enum face f, double size, struct rgb color,
                     const char *text, enum doc_align align)
{
	const struct head_text *h = head_text(b, f, size, text);
	struct box t;

	memset(&t, 0, sizeof t);
	t.kind = BOX_TEXT;
	t.w = (float)h->width;
	t.x = (float)(align == DOC_ALIGN_RIGHT ? x - t.w
	    : align == DOC_ALIGN_CENTER ? x - t.w / 2 : x);
	t.y = (float)y;
	t.face = f;
	t.size = (float)size;
	t.color = color;
	t.text = h->text;
	t.len = h->len;
	put_box(pg, &t, 0);
}

static void put_rule(struct page *pg, double x, double y, double w,
                     double lw, struct rgb color)
{
	struct box r;

	memset(&r, 0, sizeof r);
	r.kind = BOX_RULE;
	r.x = (float)x;
	r.y = (float)y;
	r.w = (float)w;
	r.line_width = (float)lw;
	r.color = color;
	put_box(pg, &r, 0);
}

/* The marking is printed whole on every page (cutting a classification
 * would change what it says), so one wider than the measure is an error;
 * the cover's banners set it cover_marking_grow larger. [document] keys
 * have no line in the model, so the message names the key. */
void layout_check_marking(struct builder *b, const struct doc *d)
{
	const struct style *s = b->s;
	double size = s->marking_size + (b->cover ? s->cover_marking_grow : 0);
	double w = layout_width(b->m, FACE_BOLD, size, d->marking,
	                        strlen(d->marking));

	if (w > b->width + FIT_EPSILON)
		diag_error(b->dl, NULL, 0, "[document] marking is %.1f pt wide at "
		           "%.1f pt; the measure is %.1f pt", w, size, b->width);
	/* with per-page banners, a page may print any level up to the
	 * document's */
	for (int i = 0; d->page_banners && i < d->level &&
	     (size_t)i < d->markings_len; i++) {
		w = layout_width(b->m, FACE_BOLD, s->marking_size, d->markings[i],
		                 strlen(d->markings[i]));
		if (w > b->width + FIT_EPSILON)
			diag_error(b->dl, NULL, 0, "the page marking '%s' is %.1f pt "
			           "wide at %.1f pt; the measure is %.1f pt",
			           d->markings[i], w, s->marking_size, b->width);
	}
}

/* The banner of page i: the document's marking, or with per-page
 * banners the marking of the highest level its items print (the
 * lowest level's when it prints nothing marked). */
static const char *page_marking(const struct doc *d, const int *levels,
                                size_t i)
{
	if (!d->page_banners || !levels || (size_t)levels[i] >= d->markings_len)
		return d->marking;
	return d->markings[levels[i]];
}

/* text, or as much of it as fits in width with "..." after it: the
 * running header's title and the footer's organisation are reminders,
 * and a long one must not run into the date or off the page. Cut at a
 * space when it can be (layout_wrap's first line), between characters
 * otherwise. Plain full stops, not U+2026, as every font has them. The
 * caller frees the result. */
static char *fit_text(const struct builder *b, enum face f, double size,
                      const char *text, double width)
{
	size_t len = strlen(text);
	double dots = layout_width(b->m, f, size, "...", 3);
	struct layout_line *lines;
	size_t n;
	char *out;

	if (layout_width(b->m, f, size, text, len) <= width + FIT_EPSILON)
		return xstrdup(text);
	n = layout_wrap(b->m, f, size, text, len, width - dots, &lines);
	out = n && lines[0].width + dots <= width + FIT_EPSILON
	    ? xasprintf("%.*s...", (int)lines[0].len, text + lines[0].start)
	    : xstrdup("");
	free(lines);
	return out;
}

/* The footer's left part: the organisation, then the reference and
 * edition (doc control), joined by the separator label; NULL if none. */
static char *footer_left(const struct doc *d, const struct style *s)
{
	if (d->organisation && d->footer_control)
		return xasprintf("%s%s%s", d->organisation, s->labels.separator,
		                 d->footer_control);
	if (d->organisation || d->footer_control)
		return xstrdup(d->organisation ? d->organisation : d->footer_control);
	return NULL;
}

/* Marking centred at the very top and bottom; title and date in the
 * header, "Page X of Y" in the footer. A cover page has its own banners
 * instead. In duplex, even pages are mirrored: their content moves over
 * by the difference of the margins, and the page number sits on the
 * outer edge (right on odd pages, left on even ones). */
void layout_running_heads(struct builder *b, const struct doc *d)
{
	const struct style *s = b->s;
	struct pages *p = b->out;
	double head_base = s->margin_top - s->header_offset;
	double mark_top = s->margin_top * s->marking_offset +
	                  s->marking_size * s->marking_baseline;
	double shift = s->margin_right - s->margin_left;
	int *levels = d->page_banners && d->markings
	            ? xcalloc(p->len + 1, sizeof *levels) : NULL;
	bool *blank = layout_blank_pages(b, p->len);

	for (size_t k = 0; levels && k < b->len; k++)
		if (b->items[k].page >= 0 && (size_t)b->items[k].page < p->len &&
		    b->items[k].level > levels[b->items[k].page])
			levels[b->items[k].page] = b->items[k].level;
	for (size_t k = 0; levels && k < b->fn_len; k++)
		if (b->fn[k].page >= 0 && (size_t)b->fn[k].page < p->len &&
		    b->fn[k].level > levels[b->fn[k].page])
			levels[b->fn[k].page] = b->fn[k].level;
	for (size_t i = 0; i < p->len; i++) {
		struct page *pg = &p->items[i];
		/* each page's own size: a chart page may be landscape */
		double cx = pg->width / 2, right = pg->width - s->margin_right;
		double width = right - b->x0;
		double foot_base = pg->height - s->margin_bottom + s->footer_offset +
		                   s->header_size;
		double mark_bottom = pg->height - s->margin_bottom * s->marking_offset;
		bool verso = s->duplex && i % 2 == 1;
		/* room between the title or organisation and the date or page
		 * number: two spaces' worth */
		double gap = 2 * layout_width(b->m, FACE_REGULAR, s->header_size,
		                              " ", 1);
		const char *date = d->header_date ? d->header_date : d->as_of;
		char *num, *title, *org, *foot;
		double logo;

		/* config checked the pattern: exactly two %d, page and count */
		num = xasprintf(s->labels.page_number, (int)(i + 1), (int)p->len);
		if (i == 0 && b->cover) {
			/* [cover] page_number: where every recto has it */
			if (s->cover_page_number)
				put_text(b, pg, right, foot_base, FACE_REGULAR,
				         s->header_size, s->muted_color, num,
				         DOC_ALIGN_RIGHT);
			free(num);
			continue;
		}
		put_text(b, pg, cx - (verso ? shift : 0), mark_top, FACE_BOLD,
		         s->marking_size, s->marking_color,
		         page_marking(d, levels, i), DOC_ALIGN_CENTER);
		put_text(b, pg, cx - (verso ? shift : 0), mark_bottom, FACE_BOLD,
		         s->marking_size, s->marking_color,
		         page_marking(d, levels, i), DOC_ALIGN_CENTER);
		if (blank[i]) {
			/* a blank verso (sections.c): markings only */
			free(num);
			continue;
		}
		foot = footer_left(d, s);
		/* a logo stands on the header rule before the title, which
		 * moves inwards by its width */
		logo = d->header_image.path
		     ? layout_header_image(b, pg, &d->header_image,
		                           verso ? right : b->x0,
		                           head_base + s->header_rule_gap -
		                           s->header_rule_width,
		                           head_base - mark_top, verso) + gap / 2
		     : 0;
		title = fit_text(b, FACE_REGULAR, s->header_size, d->title,
		                 width - logo - gap -
		                 layout_width(b->m, FACE_REGULAR, s->header_size,
		                              date, strlen(date)));
		put_text(b, pg, verso ? right - logo : b->x0 + logo, head_base,
		         FACE_REGULAR,
		         s->header_size, s->muted_color, title,
		         verso ? DOC_ALIGN_RIGHT : DOC_ALIGN_LEFT);
		put_text(b, pg, verso ? b->x0 : right, head_base, FACE_REGULAR,
		         s->header_size, s->muted_color, date,
		         verso ? DOC_ALIGN_LEFT : DOC_ALIGN_RIGHT);
		put_rule(pg, b->x0, head_base + s->header_rule_gap, width,
		         s->header_rule_width, s->accent_color);
		put_rule(pg, b->x0, foot_base - s->header_size - s->footer_rule_gap,
		         width, s->header_rule_width, s->accent_color);
		put_text(b, pg, verso ? b->x0 : right, foot_base, FACE_REGULAR,
		         s->header_size, s->muted_color, num,
		         verso ? DOC_ALIGN_LEFT : DOC_ALIGN_RIGHT);
		org = foot
		    ? fit_text(b, FACE_REGULAR, s->header_size, foot,
		               width - gap - layout_width(b->m, FACE_REGULAR,
		                                          s->header_size, num,
		                                          strlen(num)))
		    : NULL;
		if (org)
			put_text(b, pg, verso ? right : b->x0, foot_base, FACE_REGULAR,
			         s->header_size, s->muted_color, org,
			         verso ? DOC_ALIGN_RIGHT : DOC_ALIGN_LEFT);
		free(org);
		free(foot);
		free(title);
		free(num);
		/* The page is complete: give back what doubling reserved (a
		 * third of the boxes of a long table), so render can reuse it. */
		if (pg->len > 0 && pg->cap > pg->len) {
			pg->boxes = xrealloc(pg->boxes, pg->len * sizeof *pg->boxes);
			pg->cap = pg->len;
		}
	}
	free(levels);
	free(blank);
	if (!s->duplex || shift == 0)
		return;
	for (size_t i = 1; i < p->len; i += 2)
		for (size_t k = 0; k < p->items[i].len; k++)
			p->items[i].boxes[k].x = (float)(p->items[i].boxes[k].x + shift);
}

/* A contents entry's page number, right-aligned, and a link over the
 * entry to the heading's page. */
static void put_toc_number(struct builder *b, struct page *page,
                           const struct item *entry, const struct item *heading)
{
	char num[24];
	struct box link;
	/* the page's own measure: contents on a turned page span it */
	double width = page->width - b->s->margin_right - b->x0;

	snprintf(num, sizeof num, "%d", heading->page + 1);
	put_text(b, page, b->x0 + width, entry->y + entry->toc_baseline,
	         entry->toc_face, entry->toc_size, b->s->text_color, num,
	         DOC_ALIGN_RIGHT);
	memset(&link, 0, sizeof link);
	link.kind = BOX_LINK;
	link.x = (float)b->x0;
	link.y = (float)entry->y;
	link.w = (float)width;
	link.h = (float)entry->height;
	link.target_page = heading->page;
	put_box(page, &link, 0);
}

/* A section's heading repeated at the top of a page that continues the
 * section ([page] repeat_heading), with the "(continued)" label after
 * its last line when it fits the measure there. */
static void put_heading_again(struct builder *b, struct page *page,
                              const struct cont_header *ch)
{
	const struct style *s = b->s;
	const struct box *last = NULL;
	double right = page->width - s->margin_right;

	for (size_t k = 0; k < ch->heading_len; k++) {
		put_box(page, &ch->heading[k], ch->y);
		if (ch->heading[k].kind == BOX_TEXT)
			last = &ch->heading[k];
	}
	if (last) {
		double x = last->x + last->w +
		           layout_width(b->m, (enum face)last->face, last->size,
		                        " ", 1);
		double w = layout_width(b->m, (enum face)last->face, last->size,
		                        s->labels.continued,
		                        strlen(s->labels.continued));

		if (x + w <= right + FIT_EPSILON)
			put_text(b, page, x, ch->y + last->y, (enum face)last->face,
			         last->size, last->color, s->labels.continued,
			         DOC_ALIGN_LEFT);
	}
}

/* Copies a repeated table header, with its "(continued)" line, to a
 * page, or a repeated heading. */
static void put_cont_header(struct builder *b, const struct cont_header *ch)
{
	const struct style *s = b->s;
	const struct table_info *ti;
	struct page *page = &b->out->items[ch->page];
	double cap_h = s->table_size * s->caption_leading;
	char *text;

	if (ch->heading) {
		put_heading_again(b, page, ch);
		return;
	}
	ti = &b->tables[ch->table];
	text = xasprintf("%s%s%s", ti->caption ? ti->caption : "",
	                 ti->caption ? " " : "", s->labels.continued);

	put_text(b, page, b->x0, ch->y + s->table_size, FACE_ITALIC,
	         s->table_size, s->muted_color, text, DOC_ALIGN_LEFT);
	for (size_t k = 0; k < ti->header_len; k++)
		put_box(page, &ti->header_boxes[k], ch->y + cap_h);
	free(text);
}

/* On a turned page, the rules that span the portrait measure (a
 * heading's) span the turned page's instead: the last len boxes of page
 * are the item's just copied. */
static void widen_rules(const struct builder *b, struct page *page,
                        size_t len)
{
	double wide = page->width - b->s->margin_right - b->x0;

	for (size_t k = page->len - len; k < page->len; k++) {
		struct box *r = &page->boxes[k];

		if (r->kind == BOX_RULE && r->h == 0 &&
		    fabs(r->x - b->x0) < 0.01 && fabs(r->w - b->width) < 0.01)
			r->w = (float)wide;
	}
}

/* Moves every item's boxes to its page, in reading order (a repeated
 * header before the rows under it), freeing box chunks once copied. Items
 * and continuation headers are both in page order, so one merge pass
 * does it. */
void layout_emit(struct builder *b, const struct paginator *pg, int npages)
{
	struct pages *p = b->out;
	size_t c = 0, freed = 0;

	for (int i = 0; i < npages; i++)
		page_at(p, (size_t)i, b->s);
	/* Turn the pages of turned charts first: what comes along with a
	 * chart (its heading) is emitted before it and must know. */
	for (size_t i = 0; i < b->len; i++)
		if (b->items[i].landscape) {
			p->items[b->items[i].page].width = b->s->page_height;
			p->items[b->items[i].page].height = b->s->page_width;
		}
	layout_turn_pages(b);
	for (size_t i = 0; i < b->len; i++) {
		const struct item *it = &b->items[i];
		struct page *page;

		while (c < pg->len && pg->conts[c].page <= it->page)
			put_cont_header(b, &pg->conts[c++]);
		page = &p->items[it->page];
		for (size_t k = 0; k < it->box_len; k++)
			put_box(page, layout_box_at(b, it->box_start + k), it->y);
		if (b->source_items_len)
			layout_resolve_citations(b, page, it->box_len);
		layout_xref_links(b, page, it->box_len);
		if (page->width != b->s->page_width && !it->landscape &&
		    !it->turned)
			widen_rules(b, page, it->box_len);
		if (it->toc_ref >= 0)
			put_toc_number(b, page, it, &b->items[it->toc_ref]);
		if (it->fn_end > it->fn_start)
			layout_fn_emit(b, it);
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
	layout_fn_rules(b);
}
