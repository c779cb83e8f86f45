/*
 * fact_blocks.c: the blocks of text, list, figures and org chart facts, and
 * the dispatch from a fact's kind to the code that builds its block.
 *
 * Separate from doc.c, which walks the config's sections and checks
 * that each block names a fact of its kind: this is what happens once
 * the fact is known, part by part, with each item, sub-item and unit
 * kept or withheld as the release says. Tables, changes and images have
 * files of their own (table.c, changes.c, image.c).
 */
#include "briefing/doc.h"

#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>

#include "briefing/base/xalloc.h"
#include "briefing/input.h"
#include "doc_internal.h"

/* Sets paragraph block b to text and its spans (both taken over). */
static void b_paragraph(struct doc_block *b, char *text, struct doc_rich rich)
{
	b->u.paragraph.text = text;
	b->u.paragraph.rich = rich;
}

static enum doc_unit_kind unit_kind(enum unit_kind k)
{
	switch (k) {
	case UNIT_COMMAND:
		return DOC_UNIT_COMMAND;
	case UNIT_STAFF:
		return DOC_UNIT_STAFF;
	case UNIT_SUPPORT:
		return DOC_UNIT_SUPPORT;
	case UNIT_UNIT:
		break;
	}
	return DOC_UNIT_UNIT;
}

/* True when unit i, or a unit above it, may not print: a unit withheld
 * takes the units under it along, as they would hang from nothing. */
static bool unit_hidden(const struct doc_release *r, const struct fact *fact,
                        size_t i)
{
	for (int k = (int)i; k >= 0; k = fact->units[k].parent)
		if (!doc_release_passes(r, &fact->units[k].mark))
			return true;
	return false;
}

static void add_orgchart(struct doc *d, const struct config *c,
                         const struct fact *fact, const struct doc_markup *m,
                         struct doc_release *r)
{
	const struct config_orgchart *co = config_orgchart_for(c, fact->name);
	struct doc_orgchart *o;
	struct doc_block *b;
	int *index = xcalloc(fact->units_len + 1, sizeof *index);
	size_t kept = 0;
	int level = fact->mark.level;

	for (size_t i = 0; i < fact->units_len; i++) {
		const struct fact_unit *u = &fact->units[i];

		index[i] = -1;
		if (unit_hidden(r, fact, i)) {
			/* recorded with its own reason, or its parent's */
			if (doc_release_keep(d, r, &u->mark, fact->name, "unit",
			                     fact->file, u->line) == false)
				continue;
			/* kept by its own mark but under a withheld unit: undo
			 * nothing (its mark is no higher than what prints), and
			 * record it as withheld with the reason */
			d->withheld = xgrow(d->withheld, &d->withheld_cap,
			                    d->withheld_len + 1, sizeof *d->withheld);
			d->withheld[d->withheld_len++] = (struct doc_withheld){
				xstrdup(fact->name), xstrdup("unit"),
				xstrdup("under a withheld unit"),
				{ doc_intern(d, fact->file), u->line } };
			continue;
		}
		doc_release_keep(d, r, &u->mark, fact->name, "unit", fact->file,
		                 u->line);
		if (u->mark.level > level)
			level = u->mark.level;
		index[i] = (int)kept++;
	}
	if (kept == 0) {
		free(index);
		return;
	}
	b = doc_append(d, DOC_ORGCHART, fact->file, fact->line);
	b->level = level;
	o = &b->u.orgchart;
	o->name = xstrdup(fact->name);
	if (co && co->caption)
		doc_set_caption(d, &o->cap, co->caption, co->caption_file,
		                co->caption_line, co->caption_position,
		                c->style.figure_caption_below);
	o->units = xcalloc(kept, sizeof *o->units);
	for (size_t i = 0; i < fact->units_len; i++) {
		const struct fact_unit *u = &fact->units[i];
		struct doc_unit *du;

		if (index[i] < 0)
			continue;
		du = &o->units[o->len++];
		du->name = doc_markup_plain(m, u->name);
		du->detail = doc_markup_plain(m, u->detail ? u->detail : "");
		du->kind = unit_kind(u->kind);
		du->parent = u->parent < 0 ? -1 : index[u->parent];
		du->origin = doc_fact_origin(d, fact, u->line);
	}
	free(index);
}

/* A list fact's items, or a figures fact's label/value pairs, each at
 * its own line. List items and the intro take markup; figures are short
 * and set in fixed styles, so they only get their quotes. Returns 0, or
 * -1 after reporting markup errors. */
/* Whether item i of fact prints in this release; "item 3", "item 2.1"
 * into part. A sub-item goes with its item. */
static bool item_kept(struct doc *d, struct doc_release *r,
                      const struct fact *fact, size_t i, bool *parent_kept)
{
	const struct fact_item *it = &fact->items[i];
	char part[48];
	bool keep;

	if (it->level == 0)
		snprintf(part, sizeof part, "item %d", it->number);
	else
		snprintf(part, sizeof part, "sub-item of item %d", it->number);
	if (it->level > 0 && !*parent_kept) {
		if (doc_release_keep(d, r, &it->mark, fact->name, part, fact->file,
		                     it->line))
			/* its own mark would pass: record why it does not */
			d->withheld = xgrow(d->withheld, &d->withheld_cap,
			                    d->withheld_len + 1, sizeof *d->withheld),
			d->withheld[d->withheld_len++] = (struct doc_withheld){
				xstrdup(fact->name), xstrdup(part),
				xstrdup("under a withheld item"),
				{ doc_intern(d, fact->file), it->line } };
		return false;
	}
	keep = doc_release_keep(d, r, &it->mark, fact->name, part, fact->file,
	                        it->line);
	if (it->level == 0)
		*parent_kept = keep;
	return keep;
}

static int add_items(struct doc *d, const struct fact *fact,
                     const struct doc_markup *m, struct doc_release *r,
                     struct diag_list *dl)
{
	struct doc_block *b;
	int rc = 0, level = fact->mark.level;
	bool *keep = xcalloc(fact->len + 1, sizeof *keep), parent = true;
	size_t kept = 0, first = d->len;

	for (size_t i = 0; i < fact->len; i++) {
		keep[i] = item_kept(d, r, fact, i, &parent);
		kept += keep[i];
		if (keep[i] && fact->items[i].mark.level > level)
			level = fact->items[i].mark.level;
	}
	if (kept == 0) {
		free(keep);
		return 0;
	}
	b = doc_append(d, fact->kind == FACT_LIST ? DOC_LIST : DOC_FIGURES,
	               fact->file, fact->line);
	b->level = level;

	if (fact->kind == FACT_LIST) {
		struct doc_list *l = &b->u.list;

		if (fact->intro)
			rc |= doc_markup_text(m, fact->intro, fact->file,
			                      fact->intro_line ? fact->intro_line
			                                       : fact->line,
			                      &l->intro, &l->intro_rich, dl);
		l->items = xcalloc(kept, sizeof *l->items);
		for (size_t i = 0; i < fact->len; i++) {
			struct doc_list_item *it = &l->items[l->len];
			struct doc_origin o = doc_fact_origin(d, fact,
			                                      fact->items[i].line);

			if (!keep[i])
				continue;
			if (doc_markup_text(m, fact->items[i].text, o.file, o.line,
			                    &it->text, &it->rich, dl) != 0) {
				rc = -1;
				continue;
			}
			it->mark = fact->items[i].mark.level;
			it->level = fact->items[i].level;
			it->origin = o;
			l->len++;
		}
		free(keep);
		(void)first;
		return rc ? -1 : 0;
	}
	b->u.figures.items = xcalloc(kept, sizeof *b->u.figures.items);
	for (size_t i = 0; i < fact->len; i++) {
		struct doc_figure *fig;

		if (!keep[i])
			continue;
		fig = &b->u.figures.items[b->u.figures.len++];
		fig->label = doc_markup_plain(m, fact->items[i].text);
		fig->value = doc_markup_plain(m, fact->items[i].value);
		fig->origin = doc_fact_origin(d, fact, fact->items[i].line);
	}
	free(keep);
	return 0;
}

/* A text fact's paragraphs: INI values, or the blocks of its Markdown
 * file. Returns 0, or -1 after reporting markup errors. */
static int add_text(struct doc *d, const struct fact *fact,
                    const struct doc_markup *m, struct doc_release *r,
                    struct diag_list *dl)
{
	int rc = 0;
	size_t first = d->len;
	bool parent = true;

	if (fact->markdown) {
		rc = doc_markup_file(d, m, fact->text_file, fact->markdown,
		                     fact->markdown_len, dl);
		doc_portion_blocks(d, first, fact->mark.level);
		return rc;
	}
	for (size_t i = 0; i < fact->len; i++) {
		int line = fact->items[i].line ? fact->items[i].line : fact->line;
		char *text;
		struct doc_rich rich;

		if (!item_kept(d, r, fact, i, &parent))
			continue;
		if (doc_markup_text(m, fact->items[i].text, fact->file, line, &text,
		                    &rich, dl) != 0) {
			rc = -1;
			continue;
		}
		b_paragraph(doc_append(d, DOC_PARAGRAPH, fact->file, line), text,
		            rich);
		doc_portion_blocks(d, d->len - 1, fact->items[i].mark.level);
	}
	return rc;
}

int doc_add_fact(struct doc *d, const struct config *c,
                 const struct config_block *cb, const struct fact *fact,
                 const struct doc_markup *m, struct date as_of,
                 struct doc_release *r, struct diag_list *dl)
{
	switch (fact->kind) {
	case FACT_TEXT:
		return add_text(d, fact, m, r, dl);
	case FACT_LIST:
	case FACT_FIGURES:
		return add_items(d, fact, m, r, dl);
	case FACT_TABLE:
		return doc_add_table(d, c, fact, m, as_of, r, dl);
	case FACT_ORGCHART:
		add_orgchart(d, c, fact, m, r);
		return 0;
	case FACT_CHANGES:
		return doc_add_changes(d, c, fact, m, dl);
	case FACT_IMAGE:
		return doc_add_image(d, c, fact, m, cb);
	}
	return 0;
}
