/*
 * doc.c: config sections + facts -> the document model.
 *
 * This is where the config's references meet the facts: every block's
 * fact must exist and be of the block's kind. Section numbers (1, 1.1) are
 * assigned here; tables are built in table.c (cells formatted, tenures
 * computed, alignment resolved), so layout only places text; the other
 * facts' blocks in fact_blocks.c, and what a release leaves of each
 * section is decided in withheld.c. The input's enums are mapped to the
 * model's own here and in fact_blocks.c, and nowhere else.
 *
 * Invariant: every block has an origin, and every string and file name a
 * block holds is owned by the doc (file names once each, in d->files).
 */
#include "briefing/doc.h"

#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "briefing/base/xalloc.h"
#include "briefing/input.h"
#include "doc_internal.h"

/* True when some block of c names a fact of src's file that this
 * release prints. */
static bool source_used(const struct config *c, const struct facts *f,
                        const struct doc_release *r,
                        const struct fact_source *src)
{
	for (size_t i = 0; i < c->sections_len; i++)
		for (size_t j = 0; j < c->sections[i].len; j++) {
			const struct config_block *cb = &c->sections[i].blocks[j];
			const struct fact *fact = cb->fact ? facts_find(f, cb->fact)
			                                   : NULL;

			if (fact && fact->source == src && doc_fact_visible(r, fact))
				return true;
		}
	return false;
}

/* One entry per data file: title, address, last-updated date. An entry
 * is marked as its file's [classification] says; a release build lists
 * only the files it prints a fact from, since a source's title can say
 * as much as its facts. */
static void add_sources(struct doc *d, const struct config *c,
                        const struct config_block *cb, const struct facts *f,
                        const struct doc_markup *m, struct date as_of,
                        struct doc_release *r)
{
	bool release = r->cl->release_level >= 0 || r->cl->release_to >= 0;
	struct doc_block *b;
	int level = 0;
	const struct labels *l = &c->style.labels;
	struct doc_sources *s;
	char date[64];

	b = doc_append(d, DOC_SOURCES, cb->file, cb->line);
	s = &b->u.sources;
	doc_format_day(c, DOC_DATE_SOURCES, NULL, as_of, date, sizeof date);
	/* config checked the pattern: exactly one %s, the date */
	s->intro = xasprintf(l->sources_intro, date);
	s->items = xcalloc(f->sources_len ? f->sources_len : 1, sizeof *s->items);
	for (size_t i = 0; i < f->sources_len; i++) {
		const struct fact_source *src = f->sources[i];
		struct doc_source *e;

		if (release && !source_used(c, f, r, src)) {
			if (doc_release_passes(r, &src->mark))
				continue;   /* nothing of it prints: not withheld */
		}
		if (!doc_release_keep(d, r, &src->mark, "[source]", "", src->file, 0))
			continue;
		if (src->mark.level > level)
			level = src->mark.level;
		e = &s->items[s->len++];

		e->title = src->title ? doc_markup_plain(m, src->title)
		                      : xstrdup(src->file);
		e->url = xstrdup(src->url ? src->url : "");
		doc_format_day(c, DOC_DATE_SOURCES, NULL, src->updated, date,
		               sizeof date);
		e->updated = xasprintf("%s %s", l->last_updated, date);
		e->origin.file = doc_intern(d, src->file);
	}
	b->level = level;
}

/* Warns about each source last updated more than max_source_age days
 * before the briefing's as-of date: the briefing may state what is no
 * longer true. */
static void check_source_age(const struct config *c, const struct facts *f,
                             struct date as_of, struct diag_list *dl)
{
	for (size_t i = 0; i < f->sources_len; i++) {
		const struct fact_source *src = f->sources[i];
		long age = date_days(as_of) - date_days(src->updated);
		char updated[32];

		date_format(src->updated, "iso", updated, sizeof updated);
		/* a page updated after the briefing's date: the as-of date, or
		 * the updated one, is mistyped (the sources page would print
		 * both) */
		if (age < 0)
			diag_warning(dl, src->file, 0, "[source] updated: %s is after "
			             "the briefing's as-of date %s (a mistyped date?)", updated,
			             c->as_of);
		if (c->max_source_age <= 0 || (double)age <= c->max_source_age)
			continue;
		diag_warning(dl, src->file, 0, "[source] updated: %s is %ld days "
		             "before the as-of date %s (max_source_age is %.0f)",
		             updated, age, c->as_of, c->max_source_age);
	}
}

/* The item of figures fact cf names, or NULL after reporting why not. */
static const struct fact_item *cover_item(const struct config_cover_figure *cf,
                                          const struct facts *f,
                                          const struct fact **fact,
                                          struct diag_list *dl)
{
	*fact = facts_find(f, cf->fact);
	if (!*fact || (*fact)->kind != FACT_FIGURES) {
		diag_error(dl, cf->file, cf->line, "[cover]: '%s' is not a "
		           "figures fact", cf->fact);
		return NULL;
	}
	for (size_t k = 0; k < (*fact)->len; k++)
		if ((*fact)->items[k].number == cf->number)
			return &(*fact)->items[k];
	diag_error(dl, cf->file, cf->line, "[cover]: '%s' has no item %d (%s:%d)",
	           cf->fact, cf->number, (*fact)->file, (*fact)->line);
	return NULL;
}

/* The cover's key figures: each names an item of a figures fact. */
static void add_cover(struct doc *d, const struct config *c,
                      const struct facts *f, const struct doc_markup *m,
                      struct doc_release *r, struct prov *p,
                      struct diag_list *dl)
{
	size_t n = c->cover_figures_len;
	struct doc_block *b = doc_append(d, DOC_COVER, c->file, 0);
	struct doc_figures *cov = &b->u.figures;

	cov->items = xcalloc(n ? n : 1, sizeof *cov->items);
	for (size_t i = 0; i < n; i++) {
		const struct fact *fact;
		const struct fact_item *item = cover_item(&c->cover_figures[i], f,
		                                          &fact, dl);
		struct doc_figure *fig;

		if (!item)
			continue;
		{
			char part[32];

			snprintf(part, sizeof part, "item %d", item->number);
			if (!doc_release_keep(d, r, &item->mark, fact->name, part,
			                      fact->file, item->line))
				continue;
		}
		if (item->mark.level > b->level)
			b->level = item->mark.level;
		fig = &cov->items[cov->len++];
		fig->label = doc_markup_plain(m, item->text);
		fig->value = doc_markup_plain(m, item->value);
		/* the config line: it picked the tile, and layout names it
		 * when the tile does not fit the page */
		fig->origin.file = doc_intern(d, c->cover_figures[i].file);
		fig->origin.line = c->cover_figures[i].line;
		prov_cover_figure(p, d, fact, (size_t)(item - fact->items),
		                  fig->value, dl);
	}
}

/* True for the heading of a section that opens with the contents or a
 * list of figures or tables, which the contents do not list: they are
 * the ways into the briefing, not part of it (as in LaTeX). */
static bool heads_contents(const struct doc *d, size_t i)
{
	if (d->blocks[i].kind != DOC_HEADING || i + 1 >= d->len)
		return false;
	return d->blocks[i + 1].kind == DOC_CONTENTS;
}

/* Lists every heading in each contents block, numbered or not, but for
 * the contents' own. */
static void fill_contents(struct doc *d)
{
	size_t headings = 0;

	for (size_t i = 0; i < d->len; i++)
		headings += d->blocks[i].kind == DOC_HEADING && !heads_contents(d, i);
	for (size_t i = 0; i < d->len; i++) {
		struct doc_contents *c = &d->blocks[i].u.contents;

		if (d->blocks[i].kind != DOC_CONTENTS ||
		    c->lists != DOC_CONTENTS_HEADINGS)
			continue;
		c->entries = xcalloc(headings ? headings : 1, sizeof *c->entries);
		for (size_t j = 0; j < d->len; j++) {
			const struct doc_heading *h = &d->blocks[j].u.heading;
			struct doc_contents_entry *e;

			if (d->blocks[j].kind != DOC_HEADING || heads_contents(d, j))
				continue;
			e = &c->entries[c->len++];
			e->title = xstrdup(h->title);
			e->number = xstrdup(h->number ? h->number : "");
			e->level = h->level;
			e->ref = j;
		}
	}
}

static const enum fact_kind block_fact_kind[] = {
	[BLOCK_TEXT] = FACT_TEXT, [BLOCK_LIST] = FACT_LIST,
	[BLOCK_FIGURES] = FACT_FIGURES, [BLOCK_TABLE] = FACT_TABLE,
	[BLOCK_ORGCHART] = FACT_ORGCHART, [BLOCK_CHANGES] = FACT_CHANGES,
	[BLOCK_IMAGE] = FACT_IMAGE,
};

/* The fact a config block names, or NULL after an error naming the
 * block's config line. */
static const struct fact *named_fact(const struct config_section *sec,
                                     const struct config_block *cb,
                                     const struct facts *f,
                                     struct diag_list *dl)
{
	const struct fact *fact = facts_find(f, cb->fact);

	if (!fact) {
		const char *hint = facts_suggest(f, cb->fact);

		diag_error(dl, cb->file, cb->line, "[section.%s]: no fact named "
		           "'%s'%s%s%s", sec->id, cb->fact,
		           hint ? " (did you mean '" : "", hint ? hint : "",
		           hint ? "'?)" : "");
		return NULL;
	}
	if (fact->kind != block_fact_kind[cb->kind]) {
		diag_error(dl, cb->file, cb->line, "[section.%s]: fact '%s' is a %s "
		           "(%s:%d), not a %s", sec->id, cb->fact,
		           fact_kind_name(fact->kind), fact->file, fact->line,
		           fact_kind_name(block_fact_kind[cb->kind]));
		return NULL;
	}
	return fact;
}

static int add_block_for(struct doc *d, const struct config *c,
                         const struct config_section *sec,
                         const struct config_block *cb, const struct facts *f,
                         const struct doc_markup *m, struct date as_of,
                         struct doc_release *r, struct prov *p,
                         struct diag_list *dl)
{
	const struct fact *fact;
	size_t first = d->len;
	int rc;

	switch (cb->kind) {
	case BLOCK_PAGEBREAK:
		doc_append(d, DOC_PAGEBREAK, cb->file, cb->line);
		return 0;
	case BLOCK_CONTENTS:   /* filled once all headings exist */
		doc_append(d, DOC_CONTENTS, cb->file, cb->line);
		return 0;
	case BLOCK_SOURCES:
		add_sources(d, c, cb, f, m, as_of, r);
		return 0;
	case BLOCK_LIST_OF_FIGURES:   /* filled once all captions exist */
		doc_append(d, DOC_CONTENTS, cb->file, cb->line)->u.contents.lists =
			DOC_CONTENTS_FIGURES;
		return 0;
	case BLOCK_LIST_OF_TABLES:
		doc_append(d, DOC_CONTENTS, cb->file, cb->line)->u.contents.lists =
			DOC_CONTENTS_TABLES;
		return 0;
	default:
		break;
	}
	fact = named_fact(sec, cb, f, dl);
	if (!fact)
		return -1;
	/* a fact withheld is withheld whole, whatever its parts say */
	if (!doc_release_keep(d, r, &fact->mark, fact->name, "", fact->file,
	                      fact->line))
		return 0;
	if (doc_add_fact(d, c, cb, fact, m, as_of, r, dl) != 0)
		return -1;
	/* nothing of it prints in this release; the record of changes is
	 * the document's own history, not a fact a source states */
	if (d->len == first || fact->kind == FACT_CHANGES)
		return 0;
	/* what the blocks print is checked against the fact's source, before
	 * the portion marks go in front of it */
	rc = prov_fact(p, d, fact, first, dl);
	doc_portion_marks(d, r, first);
	return rc;
}

/* The provenance report lists every source, printed or not: one this
 * release withholds keeps its number but loses its title and address,
 * which can say as much as its facts. */
static void withhold_refs(struct doc *d, const struct config *c,
                          const struct facts *f, const struct doc_release *r)
{
	bool release = r->cl->release_level >= 0 || r->cl->release_to >= 0;

	for (size_t i = 0; release && i < d->refs_len && i < f->sources_len; i++) {
		const struct fact_source *src = f->sources[i];

		if (doc_release_passes(r, &src->mark) && source_used(c, f, r, src))
			continue;
		free(d->refs[i].title);
		free(d->refs[i].url);
		d->refs[i].title = xstrdup("");
		d->refs[i].url = xstrdup("");
	}
}

/* A section's heading, numbered 1, 1.1, ... unless the section is not. */
static void add_heading(struct doc *d, const struct config *c,
                        const struct config_section *sec, int *n1, int *n2)
{
	struct doc_heading *h;

	/* the section's own file: it may be one the config includes */
	h = &doc_append(d, DOC_HEADING, sec->file ? sec->file : c->file,
	                sec->line)->u.heading;
	if (!sec->numbered) {
		h->number = NULL;
	} else if (sec->level == 1) {
		++*n1;
		*n2 = 0;
		h->number = xasprintf("%d", *n1);
	} else {
		++*n2;
		h->number = xasprintf("%d.%d", *n1, *n2);
	}
	h->level = sec->level;
	h->title = xstrdup(sec->title);
	h->id = xstrdup(sec->id);
	h->start = sec->start;
	h->orient = sec->orient;
}

struct doc *doc_build(const struct config *c, const struct facts *f,
                      struct diag_list *dl)
{
	struct doc *d;
	struct doc_markup m = { c->smart_quotes, f };
	struct prov *p;
	struct date as_of;
	char buf[160];
	int n1 = 0, n2 = 0;
	size_t before = dl->errors;
	struct doc_release r;
	bool *drop;

	if (!date_parse(c->as_of, &as_of))
		as_of = (struct date){ 1970, 1, 1 };
	{
		struct date_time when = c->as_of_time;

		when.date = as_of;
		doc_format_when(c, DOC_DATE_COVER, NULL, &when, buf, sizeof buf);
		d = doc_new(c->title, "", buf);
		doc_format_when(c, DOC_DATE_HEADER, NULL, &when, buf, sizeof buf);
		d->header_date = xstrdup(buf);
	}
	doc_set_control(d, c);
	doc_release_init(&r, c);
	d->origin.file = doc_intern(d, c->file);
	d->subtitle = c->subtitle ? xstrdup(c->subtitle) : NULL;
	d->organisation = c->organisation ? xstrdup(c->organisation) : NULL;
	p = prov_new(c, f, d);
	doc_add_placed_images(d, c);
	if (c->cover)
		add_cover(d, c, f, &m, &r, p, dl);
	check_source_age(c, f, as_of, dl);
	doc_check_edition(c, f, dl);
	doc_check_term_dates(c, f, as_of, dl);
	doc_check_required(c, f, &r, dl);
	drop = doc_sections_dropped(c, f, &r);
	for (size_t i = 0; i < c->sections_len; i++) {
		const struct config_section *sec = &c->sections[i];
		size_t start = d->len;
		int o1 = n1, o2 = n2;

		add_heading(d, c, sec, &n1, &n2);
		for (size_t j = 0; j < sec->len; j++)
			add_block_for(d, c, sec, &sec->blocks[j], f, &m, as_of, &r, p,
			              dl);
		/* built all the same, so that what it withholds is recorded */
		if (drop[i]) {
			doc_truncate(d, start);
			n1 = o1;
			n2 = o2;
		}
	}
	free(drop);
	prov_finish(p, d, dl);
	prov_free(p);
	withhold_refs(d, c, f, &r);
	fill_contents(d);
	doc_number_captions(d, &c->style.labels, dl);
	doc_fill_caption_lists(d);
	doc_resolve_notes(d, &c->style.labels, dl);
	doc_check_fact_sections(c, f, dl);
	doc_release_finish(d, c, &r, dl);
	if (dl->errors > before) {
		doc_free(d);
		return NULL;
	}
	return d;
}