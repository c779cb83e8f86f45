/*
 * blocks.c: headings and lists, and the walk over the document that
 * turns each block into items.
 *
 * Keep rules are expressed only through an item's break flag: a heading
 * forbids a break after it, a list's intro stays with its first item.
 */
#include "layout/layout_internal.h"

#include <stdlib.h>
#include <string.h>

#include "briefing/base/arena.h"
#include "briefing/base/xalloc.h"

/* A heading is one item, kept whole and with what follows, so one
 * taller than the content area would run off the page's foot: an error
 * at its section's config line. */
void layout_heading(struct builder *b, const struct doc_block *blk)
{
	const struct doc_heading *h = &blk->u.heading;
	const struct style *s = b->s;
	double size = h->level == 1 ? s->heading1_size : s->heading2_size;
	double leading = size * s->heading_leading;
	double base = layout_baseline(b, FACE_BOLD, size, leading);
	struct layout_line *lines;
	double indent = h->number ? s->heading_number_indent : 0;
	size_t n = layout_wrap(b->m, FACE_BOLD, size, h->title, strlen(h->title),
	                       b->width - indent, &lines);
	double rule_gap = h->level == 1 ? s->heading1_rule_gap : 0;
	struct item *it;

	if (leading * (double)(n ? n : 1) + rule_gap >
	    b->bottom - b->top + FIT_EPSILON) {
		diag_error(b->dl, blk->origin.file, blk->origin.line, "heading is "
		           "%.1f pt tall (%zu lines); a page holds %.1f pt",
		           leading * (double)n + rule_gap, n, b->bottom - b->top);
		free(lines);
		return;
	}
	it = layout_item(b, leading * (double)(n ? n : 1) + rule_gap);
	it->space_before = h->level == 1 ? s->heading_space :
	                   s->heading_space * s->heading2_space;
	it->outline_level = h->level;
	{
		char *t = h->number ? xasprintf("%s %s", h->number, h->title)
		                    : xstrdup(h->title);

		it->outline_title = arena_strndup(b->out->arena, t, strlen(t));
		free(t);
	}
	if (h->number)
		layout_text(b, b->x0, base, FACE_BOLD, size, s->heading_color,
		            h->number, strlen(h->number),
		            layout_width(b->m, FACE_BOLD, size, h->number,
		                         strlen(h->number)));
	for (size_t i = 0; i < n; i++)
		layout_place_line(b, h->title, &lines[i], b->x0 + indent,
		                  base + leading * (double)i, b->width - indent,
		                  FACE_BOLD, size, s->heading_color, false,
		                  DOC_ALIGN_LEFT);
	if (h->level == 1)
		layout_rule(b, b->x0,
		            leading * (double)(n ? n : 1) + s->heading1_rule_offset,
		            b->width, s->heading1_rule_width, s->accent_color);
	free(lines);
}

/* A list: its intro as a paragraph, then the items, ragged right unless
 * list_justify says otherwise. Consecutive one-line items sit closer
 * (list_tight_space) than items of several lines (list_item_space).
 * Keep rules, through the items' break flags: the intro stays with the
 * first item, a break between items leaves at least two on each side,
 * and one inside an item at least two of its lines on each side. */
void layout_list(struct builder *b, const struct doc_list *l,
                 double space_before)
{
	const struct style *s = b->s;
	double size = s->body_size;
	size_t prev_lines = 0;

	if (l->intro) {
		struct layout_par par = { l->intro, &l->intro_rich, { NULL, 0 }, FACE_REGULAR,
		                          size, s->text_color, b->x0, b->width,
		                          s->justify, true, NULL, 0,
		                          s->text_color };

		layout_set_paragraph(b, &par, space_before);
		space_before = size * s->list_item_space;
	}
	for (size_t i = 0; i < l->len; i++) {
		const struct doc_list_item *li = &l->items[i];
		double indent = s->list_indent * (double)(li->level + 1);
		struct layout_par par = {
			li->text, &li->rich, li->origin, FACE_REGULAR, size,
			s->text_color, b->x0 + indent, b->width - indent,
			s->list_justify, true,
			li->level ? s->labels.sub_bullet : s->labels.bullet,
			b->x0 + indent - s->list_indent * s->list_bullet_offset,
			s->heading_color
		};
		size_t first = b->len;
		size_t n = layout_set_paragraph(b, &par, 0);

		if (n == 0)
			continue;
		if (i == 0)
			b->items[first].space_before = space_before;
		else
			b->items[first].space_before = size *
				(n == 1 && prev_lines == 1 ? s->list_tight_space
				                           : s->list_item_space);
		b->items[first].break_ok = i == 0 ? !l->intro
		                                  : i >= 2 && l->len - i >= 2;
		prev_lines = n;
	}
}

/* A paragraph, in the body face and justified as configured, or a note:
 * the same text set smaller, italic, muted and ragged, at its own
 * distance from what comes before. */
static void text_block(struct builder *b, const struct doc_block *blk,
                       double space)
{
	const struct style *s = b->s;
	bool note = blk->kind == DOC_NOTE;
	struct layout_par par = {
		blk->u.paragraph.text, &blk->u.paragraph.rich, blk->origin,
		note ? FACE_ITALIC : FACE_REGULAR,
		note ? s->table_size : s->body_size,
		note ? s->muted_color : s->text_color,
		b->x0, b->width, !note && s->justify, !note, NULL, 0,
		s->text_color
	};

	layout_set_paragraph(b, &par, note ? s->note_space : space);
}

/* A numbered caption is a bookmark one level below its section's
 * heading, at the top of its table or chart with the caption (the
 * item first), so a reader who follows it sees the whole; the list of
 * figures or tables links there too. */
static void caption_bookmark(struct builder *b, const struct doc_block *blk,
                             size_t first, int level)
{
	const char *printed = NULL;
	int number = doc_block_caption(blk, &printed)->number;
	struct item *it = &b->items[first];

	if (!printed || number == 0 || first >= b->len)
		return;
	it->outline_level = level + 1;
	it->outline_title = arena_strndup(b->out->arena, printed,
	                                  strlen(printed));
}

/* Turns every block into items, in order, after the title block (or the
 * cover). A heading is kept with the first item of what follows it. */
void layout_build_items(struct builder *b, const struct doc *d)
{
	const struct style *s = b->s;
	bool after_heading = false;
	int level = 0;   /* of the last heading */
	/* the first item of each heading, table and chart block, for the
	 * entries of the contents and of the lists of figures and tables */
	size_t *heading_item = xcalloc(d->len ? d->len : 1, sizeof *heading_item);

	b->cover = d->len > 0 && d->blocks[0].kind == DOC_COVER;
	layout_check_marking(b, d);
	if (!b->cover)
		layout_title_block(b, d);
	for (size_t i = 0; i < d->len; i++) {
		const struct doc_block *blk = &d->blocks[i];
		size_t first = b->len;
		double space = after_heading ?
		               s->paragraph_space * s->space_after_heading :
		               s->paragraph_space;

		layout_xref_mark(b, i, first);
		switch (blk->kind) {
		case DOC_HEADING:
			layout_section_start(b, blk, after_heading);
			heading_item[i] = b->len;
			level = blk->u.heading.level;
			layout_heading(b, blk);
			if (b->len > heading_item[i])
				b->items[heading_item[i]].heading = true;
			break;
		case DOC_CONTENTS:
			layout_contents(b, &blk->u.contents, space);
			break;
		case DOC_ORGCHART:
			heading_item[i] = b->len;
			layout_orgchart(b, blk, space);
			caption_bookmark(b, blk, first, level);
			break;
		case DOC_IMAGE:
			heading_item[i] = b->len;
			layout_image(b, blk, space);
			caption_bookmark(b, blk, first, level);
			break;
		case DOC_SOURCES:
			layout_sources(b, &blk->u.sources, space);
			break;
		case DOC_COVER:
			layout_cover(b, d, blk);
			break;
		case DOC_PARAGRAPH:
		case DOC_NOTE:
			text_block(b, blk, space);
			break;
		case DOC_LIST:
			layout_list(b, &blk->u.list, space);
			break;
		case DOC_FIGURES:
			layout_figures(b, &blk->u.figures, space + s->table_space);
			break;
		case DOC_TABLE:
			heading_item[i] = b->len;
			layout_table(b, &blk->u.table, space + s->table_space);
			caption_bookmark(b, blk, first, level);
			break;
		case DOC_PAGEBREAK:
			layout_item(b, 0)->forced = true;
			break;
		}
		for (size_t k = first; k < b->len; k++) {
			b->items[k].level = blk->level;
			b->items[k].turned = b->turned;
			/* a note continued on the next page marks it as its text */
			for (size_t j = b->items[k].fn_start; j < b->items[k].fn_end;
			     j++) {
				b->fn[j].level = blk->level;
				b->fn[j].turned = b->turned;
			}
		}
		/* Keep a heading with what follows it. */
		if (after_heading && b->len > first)
			b->items[first].break_ok = false;
		after_heading = blk->kind == DOC_HEADING;
	}
	/* emit sets contents page numbers on the upright measure */
	layout_set_turned(b, false);
	for (size_t i = 0; i < b->len; i++)
		if (b->items[i].toc_ref >= 0)
			b->items[i].toc_ref = (long)heading_item[b->items[i].toc_ref];
	free(heading_item);
}
