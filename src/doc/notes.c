/*
 * notes.c: footnote numbers and references, once every block is built.
 *
 * Markup leaves a placeholder where a number or a printed reference
 * goes (markup_note.c, markup.c), because only the whole document knows
 * the reading order, the section numbers and the caption numbers. This
 * pass walks every rich text in reading order: each footnote marker gets
 * the next number, and each "#id" link is resolved to the block it names
 * (DOC_REF_BLOCK, or DOC_REF_PAGE for "#page:id", whose page number
 * layout writes in once pages are known).
 */
#include "doc_internal.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "briefing/base/suggest.h"
#include "briefing/base/xalloc.h"

/* Replaces the bytes of span k of (*text, r) by with, moving the spans
 * after it. */
static void replace_span(char **text, struct doc_rich *r, size_t k,
                         const char *with)
{
	struct doc_span *sp = &r->spans[k];
	size_t n = strlen(with), old = sp->len;
	char *t = xasprintf("%.*s%s%s", (int)sp->start, *text, with,
	                    *text + sp->start + old);

	free(*text);
	*text = t;
	sp->len = n;
	for (size_t j = k + 1; j < r->spans_len; j++)
		r->spans[j].start = r->spans[j].start - old + n;
}

/* The block id names: "section.NAME" a heading, else a table's, an
 * org chart's or an image's fact. SIZE_MAX when none. */
static size_t find_target(const struct doc *d, const char *id)
{
	bool section = strncmp(id, "section.", 8) == 0;

	for (size_t i = 0; i < d->len; i++) {
		const struct doc_block *b = &d->blocks[i];

		if (section && b->kind == DOC_HEADING && b->u.heading.id &&
		    strcmp(b->u.heading.id, id + 8) == 0)
			return i;
		if (!section && b->kind == DOC_TABLE && b->u.table.name &&
		    strcmp(b->u.table.name, id) == 0)
			return i;
		if (!section && b->kind == DOC_ORGCHART && b->u.orgchart.name &&
		    strcmp(b->u.orgchart.name, id) == 0)
			return i;
		if (!section && b->kind == DOC_IMAGE && b->u.image.name &&
		    strcmp(b->u.image.name, id) == 0)
			return i;
	}
	return (size_t)-1;
}

/* The id of block b, or NULL when nothing can refer to it. */
static char *id_of(const struct doc_block *b)
{
	if (b->kind == DOC_HEADING && b->u.heading.id)
		return xasprintf("section.%s", b->u.heading.id);
	if (b->kind == DOC_TABLE && b->u.table.name)
		return xstrdup(b->u.table.name);
	if (b->kind == DOC_ORGCHART && b->u.orgchart.name)
		return xstrdup(b->u.orgchart.name);
	if (b->kind == DOC_IMAGE && b->u.image.name)
		return xstrdup(b->u.image.name);
	return NULL;
}

/* An unknown id: the error names the closest id, or lists them all. */
static void unknown_id(const struct doc *d, const char *id,
                       struct doc_origin o, struct diag_list *dl)
{
	char list[512] = "", *best = NULL;
	size_t used = 0, best_d = (size_t)-1;

	for (size_t i = 0; i < d->len; i++) {
		char *other = id_of(&d->blocks[i]);
		size_t dist;

		if (!other)
			continue;
		dist = suggest_distance(id, other, false);
		if (used < sizeof list)
			used += (size_t)snprintf(list + used, sizeof list - used,
			                         "%s%s", used ? ", " : "", other);
		if (dist < best_d) {
			free(best);
			best = other;
			best_d = dist;
		} else {
			free(other);
		}
	}
	if (best && best_d <= strlen(id) / 3 + 1)
		diag_error(dl, o.file, o.line, "reference to unknown id '%s' "
		           "(did you mean '%s'?)", id, best);
	else
		diag_error(dl, o.file, o.line, "reference to unknown id '%s'; "
		           "the ids are section.NAME of a [section.NAME] and the "
		           "facts of tables, charts and images: %s", id,
		           used ? list : "(none)");
	free(best);
}

/* The printed form of a reference to block t: "section 3.1", "Table 2",
 * "Figure 1"; NULL (after an error) when t has no number to print. */
static char *printed_ref(const struct doc_block *t, const char *id,
                         const struct labels *l, struct doc_origin o,
                         struct diag_list *dl)
{
	int n;

	if (t->kind == DOC_HEADING) {
		char buf[LABEL_MAX + 64];

		if (!t->u.heading.number)
			return xstrdup(t->u.heading.title);
		/* config checked the pattern: exactly one %s */
		snprintf(buf, sizeof buf, l->section_ref, t->u.heading.number);
		return xstrdup(buf);
	}
	n = t->kind == DOC_TABLE ? t->u.table.cap.number
	  : t->kind == DOC_IMAGE ? t->u.image.cap.number
	                         : t->u.orgchart.cap.number;
	if (n == 0 && t->kind == DOC_IMAGE) {
		diag_error(dl, o.file, o.line, "image '%s' has no caption, so no "
		           "number to print; give the fact a caption or write the "
		           "link's text: [the text](#%s)", id, id);
		return NULL;
	}
	if (n == 0) {
		diag_error(dl, o.file, o.line, "'%s' has no caption, so no number "
		           "to print; give it a caption ([%s.%s] caption = ...) or "
		           "write the link's text: [the text](#%s)", id,
		           t->kind == DOC_TABLE ? "table" : "orgchart", id, id);
		return NULL;
	}
	/* a no-break space: "Figure" never ends a line without its number */
	return xasprintf("%s\xC2\xA0%d", t->kind == DOC_TABLE ? l->table
	                                                  : l->figure, n);
}

/* Resolves reference span k of (*text, r), written at o. */
static void resolve_ref(const struct doc *d, char **text, struct doc_rich *r,
                        size_t k, const struct labels *l,
                        struct doc_origin o, struct diag_list *dl)
{
	const char *uri = r->spans[k].uri;
	bool own = uri[1] != '#';
	const char *id = uri + (own ? 1 : 2);
	bool page = strncmp(id, "page:", 5) == 0;
	size_t t;
	char *printed = NULL, *target;

	if (page)
		id += 5;
	t = find_target(d, id);
	if (t == (size_t)-1) {
		unknown_id(d, id, o, dl);
		return;
	}
	if (page && own) {
		diag_error(dl, o.file, o.line, "a page reference prints the page "
		           "number: write [](#page:%s), with no text", id);
		return;
	}
	if (page) {
		char buf[LABEL_MAX + 32];

		/* layout writes the page in; "0" holds its place */
		snprintf(buf, sizeof buf, l->page_ref, 0);
		printed = xstrdup(buf);
	} else if (!own) {
		printed = printed_ref(&d->blocks[t], id, l, o, dl);
		if (!printed)
			return;
	}
	if (printed)
		replace_span(text, r, k, printed);
	free(printed);
	target = xasprintf("%s%zu", page ? DOC_REF_PAGE : DOC_REF_BLOCK, t);
	free(r->spans[k].uri);
	r->spans[k].uri = target;
}

char *doc_text_unmarked(const char *text, const struct doc_rich *r)
{
	size_t len = strlen(text), out = 0, from = 0;
	char *t = xmalloc(len + 1);

	for (size_t k = 0; r && k < r->spans_len; k++) {
		const struct doc_span *sp = &r->spans[k];

		if (!(sp->style & DOC_SPAN_NOTE))
			continue;
		memcpy(t + out, text + from, sp->start - from);
		out += sp->start - from;
		from = sp->start + sp->len;
	}
	memcpy(t + out, text + from, len - from + 1);
	return t;
}

/* True for a reference markup left ("#id", "##id"), not one resolved
 * already nor a citation the model made ("#source-N"). */
static bool is_reference(const char *uri)
{
	return uri && uri[0] == '#' && strncmp(uri, "#source-", 8) != 0 &&
	       strncmp(uri, DOC_REF_BLOCK, strlen(DOC_REF_BLOCK)) != 0 &&
	       strncmp(uri, DOC_REF_PAGE, strlen(DOC_REF_PAGE)) != 0;
}

struct walk {
	const struct labels *l;
	struct diag_list *dl;
	int notes;
};

/* Numbers the notes of one text and resolves its references, and those
 * of its notes. */
static void walk_text(struct walk *w, const struct doc *d, char **text,
                      struct doc_rich *r, struct doc_origin o)
{
	size_t note = 0;

	for (size_t k = 0; k < r->spans_len; k++) {
		const struct doc_span *sp = &r->spans[k];

		if ((sp->style & DOC_SPAN_NOTE) && note < r->notes_len) {
			struct doc_note *n = &r->notes[note++];
			char num[16];

			n->number = ++w->notes;
			n->origin.file = o.file;
			if (!n->origin.line)
				n->origin.line = o.line;
			snprintf(num, sizeof num, "%d", n->number);
			replace_span(text, r, k, num);
		} else if (is_reference(sp->uri)) {
			resolve_ref(d, text, r, k, w->l, o, w->dl);
		}
	}
	for (size_t i = 0; i < r->notes_len; i++)
		walk_text(w, d, &r->notes[i].text, &r->notes[i].rich,
		          r->notes[i].origin);
}

void doc_resolve_notes(struct doc *d, const struct labels *l,
                       struct diag_list *dl)
{
	struct walk w = { l, dl, 0 };

	for (size_t i = 0; i < d->len; i++) {
		struct doc_block *b = &d->blocks[i];

		if (b->kind == DOC_PARAGRAPH || b->kind == DOC_NOTE) {
			walk_text(&w, d, &b->u.paragraph.text, &b->u.paragraph.rich,
			          b->origin);
		} else if (b->kind == DOC_LIST) {
			if (b->u.list.intro)
				walk_text(&w, d, &b->u.list.intro, &b->u.list.intro_rich,
				          b->origin);
			for (size_t k = 0; k < b->u.list.len; k++)
				walk_text(&w, d, &b->u.list.items[k].text,
				          &b->u.list.items[k].rich,
				          b->u.list.items[k].origin);
		}
	}
}
