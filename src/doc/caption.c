/*
 * caption.c: the captions of tables and figures: placed, numbered in
 * document order, printed with the labels' words, listed in the lists of
 * figures and tables.
 */
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "briefing/base/xalloc.h"
#include "briefing/input.h"
#include "doc_internal.h"

void doc_set_caption(struct doc *d, struct doc_caption *c, const char *text,
                     const char *file, int line, enum caption_position pos,
                     bool below_default)
{
	c->text = xstrdup(text);
	c->origin.file = doc_intern(d, file);
	c->origin.line = line;
	c->below = pos == CAPTION_DEFAULT ? below_default : pos == CAPTION_BELOW;
}

/* The length of an old, hand-numbered caption's number ("Table 1. ",
 * "Figure 2: ", "Table 3 – "): word, a space, digits (and dots), then a
 * '.' or ':' or a spaced dash, then blanks, with text after it. word is
 * the label in use; the English default is recognised too, as configs
 * written before numbering was automatic are English. 0 when text does
 * not start so. */
static size_t old_number_len(const char *text, const char *word,
                             const char *english)
{
	const char *words[2] = { word, english };

	for (int w = 0; w < 2; w++) {
		size_t n = strlen(words[w]);
		const char *p = text + n;

		if (n == 0 || strncasecmp(text, words[w], n) != 0 || *p != ' ')
			continue;
		while (*p == ' ')
			p++;
		if (*p < '0' || *p > '9')
			continue;
		while ((*p >= '0' && *p <= '9') || (*p == '.' && p[1] >= '0' &&
		                                    p[1] <= '9'))
			p++;
		if (*p == '.' || *p == ':') {
			p++;
		} else {
			static const char *const dashes[] = {
				" \xE2\x80\x93 ", " \xE2\x80\x94 ", " - "
			};
			size_t k;

			for (k = 0; k < 3; k++)
				if (strncmp(p, dashes[k], strlen(dashes[k])) == 0)
					break;
			if (k == 3)
				continue;
			p += strlen(dashes[k]);
		}
		if (*p != ' ' && p[-1] != ' ')
			continue;
		while (*p == ' ')
			p++;
		if (*p)
			return (size_t)(p - text);
	}
	return 0;
}

/* Numbers one caption (n is the last number of its kind) and writes its
 * printed form. A caption that still carries the number it was given by
 * hand ("Table 1. Commanders of KFOR") would print it twice; it is
 * accepted without it, with a warning at its config line giving the
 * caption to write instead. */
static void number_caption(struct doc_caption *c, char **printed,
                           const char *section, const char *fact,
                           const struct labels *l, int *n,
                           struct diag_list *dl)
{
	bool table = strcmp(section, "table.") == 0;
	const char *word = table ? l->table : l->figure;
	size_t old;

	if (!c->text)
		return;
	c->number = ++*n;
	old = old_number_len(c->text, word, table ? "Table" : "Figure");
	if (old) {
		memmove(c->text, c->text + old, strlen(c->text + old) + 1);
		diag_warning(dl, c->origin.file, c->origin.line, "[%s%s] caption: "
		             "%ss are numbered automatically; write caption = "
		             "\"%s\" (it prints as \"%s %d%s%s\")", section, fact,
		             table ? "table" : "figure", c->text, word, c->number,
		             l->caption_separator, c->text);
	}
	*printed = xasprintf("%s %d%s%s", word, c->number,
	                       l->caption_separator, c->text);
}

/* Tables and figures are numbered apart, each in document order, and
 * only when they have a caption. */
void doc_number_captions(struct doc *d, const struct labels *l,
                            struct diag_list *dl)
{
	int tables = 0, figures = 0;

	for (size_t i = 0; i < d->len; i++) {
		struct doc_block *b = &d->blocks[i];

		if (b->kind == DOC_TABLE)
			number_caption(&b->u.table.cap, &b->u.table.caption, "table.",
			               b->u.table.name, l, &tables, dl);
		else if (b->kind == DOC_ORGCHART)
			number_caption(&b->u.orgchart.cap, &b->u.orgchart.caption,
			               "orgchart.", b->u.orgchart.name, l, &figures, dl);
		else if (b->kind == DOC_IMAGE)
			/* an image's caption is the data's: [FACT] */
			number_caption(&b->u.image.cap, &b->u.image.caption, "",
			               b->u.image.name, l, &figures, dl);
	}
}

/* The caption number of block b when it is of kind, or 0; an image is
 * a figure, as an org chart is. */
static int number_of(const struct doc_block *b, enum doc_kind kind)
{
	if (b->kind != kind && !(kind == DOC_ORGCHART && b->kind == DOC_IMAGE))
		return 0;
	return doc_block_caption(b, NULL)->number;
}

/* Each list of figures (or tables) gets an entry per numbered one. */
void doc_fill_caption_lists(struct doc *d)
{
	for (size_t i = 0; i < d->len; i++) {
		struct doc_contents *l = &d->blocks[i].u.contents;
		enum doc_kind lists;
		size_t n = 0;

		if (d->blocks[i].kind != DOC_CONTENTS ||
		    l->lists == DOC_CONTENTS_HEADINGS)
			continue;
		lists = l->lists == DOC_CONTENTS_FIGURES ? DOC_ORGCHART : DOC_TABLE;
		for (size_t j = 0; j < d->len; j++)
			n += number_of(&d->blocks[j], lists) > 0;
		l->entries = xcalloc(n ? n : 1, sizeof *l->entries);
		for (size_t j = 0; j < d->len; j++) {
			const struct doc_block *b = &d->blocks[j];
			struct doc_contents_entry *e;

			if (number_of(b, lists) == 0)
				continue;
			e = &l->entries[l->len++];
			e->title = xstrdup(doc_block_caption(b, NULL)->text);
			e->number = xasprintf("%d", number_of(b, lists));
			e->level = 1;
			e->ref = j;
		}
	}
}
