/*
 * model.c: the document model's lifecycle and invariants.
 *
 * doc.c fills a model from config and facts; this file owns what any
 * builder of one needs (tests build theirs by hand): creating blocks,
 * the single copy of each file name that origins point to, freeing, and
 * doc_check(), which states in code what doc.h promises in words.
 */
#include "briefing/doc.h"

#include <stdbool.h>
#include <stdlib.h>
#include <string.h>

#include "briefing/base/xalloc.h"
#include "doc_internal.h"

const char *doc_intern(struct doc *d, const char *file)
{
	if (!file)
		return NULL;
	/* A briefing has a handful of files: a linear search is plenty. */
	for (size_t i = 0; i < d->files_len; i++)
		if (strcmp(d->files[i], file) == 0)
			return d->files[i];
	d->files = xgrow(d->files, &d->files_cap, d->files_len + 1,
	                 sizeof *d->files);
	d->files[d->files_len] = xstrdup(file);
	return d->files[d->files_len++];
}

struct doc *doc_new(const char *title, const char *marking, const char *as_of)
{
	struct doc *d = xcalloc(1, sizeof *d);

	d->title = xstrdup(title);
	d->marking = xstrdup(marking);
	d->as_of = xstrdup(as_of);
	return d;
}

struct doc_block *doc_append(struct doc *d, enum doc_kind kind,
                             const char *file, int line)
{
	struct doc_block *b;

	d->blocks = xgrow(d->blocks, &d->cap, d->len + 1, sizeof *d->blocks);
	b = &d->blocks[d->len++];
	memset(b, 0, sizeof *b);
	b->kind = kind;
	b->origin.file = doc_intern(d, file);
	b->origin.line = line;
	return b;
}

/* Frees what one block owns, by kind; the block itself is in an array. */
static void block_release(struct doc_block *b)
{
	switch (b->kind) {
	case DOC_HEADING:
		free(b->u.heading.number);
		free(b->u.heading.title);
		free(b->u.heading.id);
		break;
	case DOC_PARAGRAPH:
	case DOC_NOTE:
		free(b->u.paragraph.text);
		doc_rich_release(&b->u.paragraph.rich);
		break;
	case DOC_LIST:
		for (size_t i = 0; i < b->u.list.len; i++) {
			free(b->u.list.items[i].text);
			doc_rich_release(&b->u.list.items[i].rich);
		}
		free(b->u.list.items);
		free(b->u.list.intro);
		doc_rich_release(&b->u.list.intro_rich);
		break;
	case DOC_FIGURES:
	case DOC_COVER:
		for (size_t i = 0; i < b->u.figures.len; i++) {
			free(b->u.figures.items[i].label);
			free(b->u.figures.items[i].value);
		}
		free(b->u.figures.items);
		break;
	case DOC_TABLE: {
		struct doc_table *t = &b->u.table;

		for (size_t i = 0; t->columns && i < t->cols; i++)
			free(t->columns[i].title);
		for (size_t i = 0; t->cells && i < t->cols * t->rows; i++)
			free(t->cells[i]);
		free(t->columns);
		free(t->cells);
		free(t->row_origins);
		free(t->caption);
		free(t->cap.text);
		free(t->name);
		break;
	}
	case DOC_ORGCHART:
		for (size_t i = 0; i < b->u.orgchart.len; i++) {
			free(b->u.orgchart.units[i].name);
			free(b->u.orgchart.units[i].detail);
		}
		free(b->u.orgchart.units);
		free(b->u.orgchart.name);
		free(b->u.orgchart.caption);
		free(b->u.orgchart.cap.text);
		break;
	case DOC_CONTENTS:
		for (size_t i = 0; i < b->u.contents.len; i++) {
			free(b->u.contents.entries[i].title);
			free(b->u.contents.entries[i].number);
		}
		free(b->u.contents.entries);
		break;
	case DOC_SOURCES:
		for (size_t i = 0; i < b->u.sources.len; i++) {
			free(b->u.sources.items[i].title);
			free(b->u.sources.items[i].url);
			free(b->u.sources.items[i].updated);
		}
		free(b->u.sources.items);
		free(b->u.sources.intro);
		break;
	case DOC_IMAGE:
		doc_image_release(&b->u.image);
		break;
	case DOC_PAGEBREAK:
		break;
	}
}

void doc_truncate(struct doc *d, size_t len)
{
	while (d->len > len)
		block_release(&d->blocks[--d->len]);
}

void doc_free(struct doc *d)
{
	if (!d)
		return;
	for (size_t i = 0; i < d->len; i++)
		block_release(&d->blocks[i]);
	free(d->blocks);
	doc_release_free(d);
	doc_provenance_release(d);
	xfree_strings(d->files, d->files_len);
	free(d->title);
	free(d->subtitle);
	free(d->marking);
	free(d->organisation);
	free(d->as_of);
	free(d->header_date);
	free(d->control);
	free(d->footer_control);
	doc_picture_release(&d->cover_image);
	doc_picture_release(&d->header_image);
	free(d);
}

/* ---- invariants -------------------------------------------------------- */

/* An origin is either empty or names a file the doc owns. */
static bool origin_ok(const struct doc *d, struct doc_origin o)
{
	if (!o.file)
		return o.line == 0;
	for (size_t i = 0; i < d->files_len; i++)
		if (d->files[i] == o.file)
			return o.line >= 0;
	return false;
}

/* Spans mark bytes of their text: each within it, on UTF-8 character
 * boundaries (layout switches faces there), not empty, after the one
 * before it, and bold, italic or a link. */
static bool rich_ok(const char *text, const struct doc_rich *r)
{
	size_t len, end = 0, marks = 0;

	for (size_t i = 0; i < r->notes_len; i++)
		if (r->notes[i].number < 1 || !r->notes[i].text ||
		    r->notes[i].rich.notes_len ||
		    !rich_ok(r->notes[i].text, &r->notes[i].rich))
			return false;
	if (r->spans_len == 0)
		return r->notes_len == 0;
	if (!text || !r->spans)
		return false;
	len = strlen(text);
	for (size_t i = 0; i < r->spans_len; i++) {
		const struct doc_span *sp = &r->spans[i];
		size_t stop = sp->start + sp->len;

		if (sp->len == 0 || sp->start < end || sp->start > len ||
		    sp->len > len - sp->start)
			return false;
		if ((sp->style & ~(unsigned)(DOC_SPAN_BOLD | DOC_SPAN_ITALIC |
		                             DOC_SPAN_NOTE)) ||
		    (!sp->style && !sp->uri) || (sp->uri && !sp->uri[0]))
			return false;
		/* a marker is a marker only, and calls a note */
		if ((sp->style & DOC_SPAN_NOTE) &&
		    (sp->style != DOC_SPAN_NOTE || sp->uri || marks++ >= r->notes_len))
			return false;
		if (((unsigned char)text[sp->start] & 0xC0) == 0x80 ||
		    (stop < len && ((unsigned char)text[stop] & 0xC0) == 0x80))
			return false;
		end = stop;
	}
	return marks == r->notes_len;
}

static bool figures_ok(const struct doc *d, const struct doc_figures *f)
{
	if (f->len && !f->items)
		return false;
	for (size_t i = 0; i < f->len; i++)
		if (!f->items[i].label || !f->items[i].value ||
		    !origin_ok(d, f->items[i].origin))
			return false;
	return true;
}

static bool list_ok(const struct doc *d, const struct doc_list *l)
{
	if (l->len == 0 || !l->items || !rich_ok(l->intro, &l->intro_rich))
		return false;
	for (size_t i = 0; i < l->len; i++)
		if (!l->items[i].text || l->items[i].level < 0 ||
		    l->items[i].level > 1 || !origin_ok(d, l->items[i].origin) ||
		    !rich_ok(l->items[i].text, &l->items[i].rich))
			return false;
	return true;
}

static bool table_ok(const struct doc *d, const struct doc_table *t)
{
	if (t->cols == 0 || !t->columns || (t->rows && !t->cells))
		return false;
	for (size_t c = 0; c < t->cols; c++)
		if (!t->columns[c].title || t->columns[c].align > DOC_ALIGN_CENTER ||
		    !origin_ok(d, t->columns[c].origin))
			return false;
	for (size_t i = 0; i < t->cols * t->rows; i++)
		if (!t->cells[i])
			return false;
	for (size_t r = 0; t->row_origins && r < t->rows; r++)
		if (!origin_ok(d, t->row_origins[r]))
			return false;
	return true;
}

/* One root, parents in range and not the unit itself. */
static bool orgchart_ok(const struct doc *d, const struct doc_orgchart *o)
{
	size_t roots = 0;

	if (o->len == 0 || !o->units || !o->name)
		return false;
	for (size_t i = 0; i < o->len; i++) {
		const struct doc_unit *u = &o->units[i];

		if (!u->name || !u->detail || u->kind > DOC_UNIT_SUPPORT ||
		    !origin_ok(d, u->origin))
			return false;
		if (u->parent < 0)
			roots++;
		else if ((size_t)u->parent >= o->len || (size_t)u->parent == i)
			return false;
	}
	return roots == 1;
}

/* Entries refer to blocks of the kind they list: headings for the
 * contents, numbered charts or tables for the lists of them. */
static bool contents_ok(const struct doc *d, const struct doc_contents *c)
{
	enum doc_kind lists = c->lists == DOC_CONTENTS_FIGURES ? DOC_ORGCHART
	                    : c->lists == DOC_CONTENTS_TABLES ? DOC_TABLE
	                    : DOC_HEADING;

	if (c->lists > DOC_CONTENTS_TABLES)
		return false;
	for (size_t i = 0; i < c->len; i++) {
		const struct doc_contents_entry *e = &c->entries[i];
		const struct doc_block *to;

		if (!e->title || !e->number || e->ref >= d->len)
			return false;
		to = &d->blocks[e->ref];
		if (to->kind != lists &&
		    !(lists == DOC_ORGCHART && to->kind == DOC_IMAGE))
			return false;
		if (lists != DOC_HEADING && doc_block_caption(to, NULL)->number == 0)
			return false;
	}
	return true;
}

/* A caption has text, its printed form and a number, or none of them
 * but maybe a printed caption (a model built by hand); numbers run 1,
 * 2, ... per kind, counted in *last. */
static bool caption_ok(const struct doc *d, const char *printed,
                       const struct doc_caption *c, int *last)
{
	if (!c->text)
		return c->number == 0;
	if (!printed || c->number != *last + 1 || !origin_ok(d, c->origin))
		return false;
	*last = c->number;
	return true;
}

static bool captions_ok(const struct doc *d)
{
	int tables = 0, figures = 0;

	for (size_t i = 0; i < d->len; i++) {
		const struct doc_block *b = &d->blocks[i];

		if (b->kind == DOC_TABLE &&
		    !caption_ok(d, b->u.table.caption, &b->u.table.cap, &tables))
			return false;
		if (b->kind == DOC_ORGCHART &&
		    !caption_ok(d, b->u.orgchart.caption, &b->u.orgchart.cap,
		                &figures))
			return false;
		if (b->kind == DOC_IMAGE &&
		    !caption_ok(d, b->u.image.caption, &b->u.image.cap, &figures))
			return false;
	}
	return true;
}

static bool sources_ok(const struct doc *d, const struct doc_sources *s)
{
	for (size_t i = 0; i < s->len; i++)
		if (!s->items[i].title || !s->items[i].url || !s->items[i].updated ||
		    !origin_ok(d, s->items[i].origin))
			return false;
	return true;
}

static bool block_ok(const struct doc *d, size_t i)
{
	const struct doc_block *b = &d->blocks[i];

	if (!origin_ok(d, b->origin))
		return false;
	switch (b->kind) {
	case DOC_HEADING:
		return b->u.heading.title && b->u.heading.level >= 1 &&
		       b->u.heading.level <= 2;
	case DOC_PARAGRAPH:
	case DOC_NOTE:
		return b->u.paragraph.text != NULL &&
		       rich_ok(b->u.paragraph.text, &b->u.paragraph.rich);
	case DOC_LIST:
		return list_ok(d, &b->u.list);
	case DOC_FIGURES:
		return b->u.figures.len > 0 && figures_ok(d, &b->u.figures);
	case DOC_COVER:
		return i == 0 && figures_ok(d, &b->u.figures);
	case DOC_TABLE:
		return table_ok(d, &b->u.table);
	case DOC_ORGCHART:
		return orgchart_ok(d, &b->u.orgchart);
	case DOC_CONTENTS:
		return contents_ok(d, &b->u.contents);
	case DOC_SOURCES:
		return sources_ok(d, &b->u.sources);
	case DOC_IMAGE:
		return b->u.image.pic.path && b->u.image.pic.px_width > 0 &&
		       b->u.image.pic.px_height > 0 &&
		       (b->u.image.cap.text || b->u.image.alt);
	case DOC_PAGEBREAK:
		return true;
	}
	return false;
}

int doc_check(const struct doc *d)
{
	if (!d->title || !d->marking || !d->as_of || !captions_ok(d))
		return -1;
	for (size_t i = 0; i < d->len; i++)
		if (!block_ok(d, i))
			return -1;
	return 0;
}

/* See doc_internal.h. */
struct doc_origin doc_fact_origin(struct doc *d, const struct fact *f,
                                  int line)
{
	struct doc_origin o = { doc_intern(d, f->file), line ? line : f->line };

	return o;
}
