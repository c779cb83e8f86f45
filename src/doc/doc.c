/*
 * doc.c: config sections + facts -> the document model.
 *
 * This is where the config's references meet the facts: every block's
 * fact must exist and be of the block's kind. Section numbers (1, 1.1) are
 * assigned here, and table cells are formatted (dates, "present",
 * computed tenure), so layout only places text.
 */
#include "briefing/doc.h"

#include <stdbool.h>
#include <stdlib.h>
#include <string.h>

#include "briefing/base/xalloc.h"
#include "input/csvfile.h"

static struct doc_block *add_block(struct doc *d, enum doc_kind kind)
{
	struct doc_block *b;

	d->blocks = xgrow(d->blocks, &d->cap, d->len + 1, sizeof *d->blocks);
	b = &d->blocks[d->len++];
	memset(b, 0, sizeof *b);
	b->kind = kind;
	return b;
}

/* Numbers are glued to their units with no-break spaces (U+00A0). */
#define NBSP "\xC2\xA0"

void doc_format_tenure(struct date a, struct date b, char *buf, size_t size)
{
	int months = (b.year - a.year) * 12 + (b.month - a.month);

	if (b.day < a.day)
		months--;
	if (months < 1) {
		long days = date_days(b) - date_days(a);

		snprintf(buf, size, "%ld" NBSP "day%s", days, days == 1 ? "" : "s");
	} else if (months < 12) {
		snprintf(buf, size, "%d" NBSP "month%s", months,
		         months == 1 ? "" : "s");
	} else if (months % 12 == 0) {
		snprintf(buf, size, "%d" NBSP "year%s", months / 12,
		         months / 12 == 1 ? "" : "s");
	} else {
		snprintf(buf, size, "%d" NBSP "year%s, %d" NBSP "month%s",
		         months / 12, months / 12 == 1 ? "" : "s", months % 12,
		         months % 12 == 1 ? "" : "s");
	}
}

/* The text of one table cell: dates in the configured format, an empty
 * "to" as "present", "unknown" and other blanks as a dash. */
static char *format_cell(const struct fact *fact, size_t row, const char *field,
                         const char *fmt, struct date as_of)
{
	const struct csvfile *t = fact->table;
	int col = csvfile_column(t, field);
	char buf[64];
	struct date d;

	if (strcmp(field, "tenure") == 0 && col < 0) {
		int fc = csvfile_column(t, "from"), tc = csvfile_column(t, "to");
		struct date from, to;
		const char *ts;

		if (fc < 0 || tc < 0 || !date_parse(csvfile_cell(t, row, (size_t)fc),
		                                    &from))
			return xstrdup("–");
		ts = csvfile_cell(t, row, (size_t)tc);
		if (!ts[0])
			to = as_of;
		else if (!date_parse(ts, &to))
			return xstrdup("–");
		doc_format_tenure(from, to, buf, sizeof buf);
		return xstrdup(buf);
	}
	{
		const char *v = csvfile_cell(t, row, (size_t)col);

		if (!v[0] && strcmp(field, "to") == 0 && fact->succession)
			return xstrdup("present");
		for (size_t i = 0; i < fact->codes_len; i++)
			if (strcmp(fact->codes[i].field, field) == 0 &&
			    strcmp(fact->codes[i].code, v) == 0)
				return xstrdup(fact->codes[i].meaning);
		if (!v[0] || strcmp(v, "unknown") == 0)
			return xstrdup("–");
		if (date_parse(v, &d)) {
			date_format(d, fmt, buf, sizeof buf);
			return xstrdup(buf);
		}
		return xstrdup(v);
	}
}

/* A number as tables print them: digits with optional sign, thousands
 * commas, decimals and a trailing %. */
static bool is_number(const char *s)
{
	bool digit = false;

	if (*s == '+' || *s == '-')
		s++;
	for (; *s; s++) {
		if (*s >= '0' && *s <= '9')
			digit = true;
		else if (*s == ',' || *s == '.')
			continue;
		else if (*s == '%' && s[1] == '\0')
			break;
		else
			return false;
	}
	return digit;
}

/* ALIGN_AUTO becomes right for a column whose cells are all numbers (or
 * dashes for missing values), left otherwise. */
static enum column_align resolve_align(const struct doc_block *b, size_t col,
                                       enum column_align align)
{
	bool any = false;

	if (align != ALIGN_AUTO)
		return align;
	for (size_t r = 0; r < b->rows; r++) {
		const char *v = b->cells[r * b->cols + col];

		if (strcmp(v, "–") == 0)
			continue;
		if (!is_number(v))
			return ALIGN_LEFT;
		any = true;
	}
	return any ? ALIGN_RIGHT : ALIGN_LEFT;
}

static int add_table(struct doc *d, const struct config *c,
                     const struct config_block *cb, const struct fact *fact,
                     struct date as_of, struct diag_list *dl)
{
	const struct config_table *ct = config_table_for(c, fact->name);
	const struct csvfile *t = fact->table;
	struct doc_block *b;
	size_t cols = ct ? ct->len : t->columns;

	if (ct) {
		size_t before = dl->errors;

		for (size_t i = 0; i < ct->len; i++) {
			const char *field = ct->columns[i].field;

			if (csvfile_column(t, field) < 0 &&
			    !(strcmp(field, "tenure") == 0 && fact->succession))
				diag_error(dl, ct->columns[i].file, ct->columns[i].line,
				           "[table.%s]: column '%s' is not in %s (its "
				           "columns: %s%s)", ct->fact, field, t->file,
				           t->header[0], t->columns > 1 ? ", ..." : "");
		}
		if (dl->errors > before)
			return -1;
	}
	b = add_block(d, DOC_TABLE);
	b->text = ct && ct->caption ? xstrdup(ct->caption) : NULL;
	b->cols = cols;
	b->rows = t->rows;
	b->columns = xcalloc(cols, sizeof *b->columns);
	b->cells = xcalloc(cols * t->rows, sizeof *b->cells);
	for (size_t i = 0; i < cols; i++) {
		b->columns[i].title = xstrdup(ct ? ct->columns[i].title : t->header[i]);
		b->columns[i].align = ct ? ct->columns[i].align : ALIGN_AUTO;
		b->columns[i].width = ct ? ct->columns[i].width : 0;
	}
	for (size_t r = 0; r < t->rows; r++)
		for (size_t i = 0; i < cols; i++)
			b->cells[r * cols + i] = format_cell(fact, r,
			        ct ? ct->columns[i].field : t->header[i],
			        ct ? ct->date_format : "iso", as_of);
	for (size_t i = 0; i < cols; i++)
		b->columns[i].align = resolve_align(b, i, b->columns[i].align);
	if (fact->note)
		add_block(d, DOC_NOTE)->text = xstrdup(fact->note);
	(void)cb;
	return 0;
}

/* One entry per data file: title, address, last-updated date. A source
 * older than the config's max_source_age before the as-of date warns:
 * the briefing may state what is no longer true. */
static int add_sources(struct doc *d, const struct facts *f,
                       struct date as_of)
{
	struct doc_block *b = add_block(d, DOC_SOURCES);
	char date[64];

	date_format(as_of, "long", date, sizeof date);
	b->text = xasprintf("This briefing is current as of %s. It draws on "
	                    "the following sources.", date);
	b->len = f->sources_len;
	b->rows = f->sources_len;
	b->cols = 1;
	b->items = xcalloc(b->len ? b->len : 1, sizeof *b->items);
	b->values = xcalloc(b->len ? b->len : 1, sizeof *b->values);
	b->levels = xcalloc(b->len ? b->len : 1, sizeof *b->levels);
	b->cells = xcalloc(b->len ? b->len : 1, sizeof *b->cells);
	for (size_t i = 0; i < f->sources_len; i++) {
		const struct fact_source *src = f->sources[i];

		b->items[i] = xstrdup(src->title ? src->title : src->file);
		b->values[i] = xstrdup(src->url ? src->url : "");
		date_format(src->updated, "long", date, sizeof date);
		b->cells[i] = xasprintf("Last updated %s", date);
	}
	return 0;
}

/* Warns about each source last updated more than max_source_age days
 * before the briefing's as-of date. */
static void check_source_age(const struct config *c, const struct facts *f,
                             struct date as_of, struct diag_list *dl)
{
	if (c->max_source_age <= 0)
		return;
	for (size_t i = 0; i < f->sources_len; i++) {
		const struct fact_source *src = f->sources[i];
		long age = date_days(as_of) - date_days(src->updated);
		char updated[32];

		if ((double)age <= c->max_source_age)
			continue;
		date_format(src->updated, "iso", updated, sizeof updated);
		diag_warning(dl, src->file, 0, "[source] updated: %s is %ld days "
		             "before the as-of date %s (max_source_age is %.0f)",
		             updated, age, c->as_of, c->max_source_age);
	}
}

/* The cover's key figures: each names an item of a figures fact. */
static int add_cover(struct doc *d, const struct config *c,
                     const struct facts *f, struct diag_list *dl)
{
	struct doc_block *b = add_block(d, DOC_COVER);
	size_t n = c->cover_figures_len;

	b->items = xcalloc(n ? n : 1, sizeof *b->items);
	b->values = xcalloc(n ? n : 1, sizeof *b->values);
	b->levels = xcalloc(n ? n : 1, sizeof *b->levels);
	for (size_t i = 0; i < n; i++) {
		const struct config_cover_figure *cf = &c->cover_figures[i];
		const struct fact *fact = facts_find(f, cf->fact);
		const struct fact_item *item = NULL;

		if (!fact || fact->kind != FACT_FIGURES) {
			diag_error(dl, cf->file, cf->line, "[cover]: '%s' is not a "
			           "figures fact", cf->fact);
			continue;
		}
		for (size_t k = 0; k < fact->len && !item; k++)
			if (fact->items[k].number == cf->number)
				item = &fact->items[k];
		if (!item) {
			diag_error(dl, cf->file, cf->line, "[cover]: '%s' has no item "
			           "%d (%s:%d)", cf->fact, cf->number, fact->file,
			           fact->line);
			continue;
		}
		b->items[b->len] = xstrdup(item->text);
		b->values[b->len] = xstrdup(item->value);
		b->len++;
	}
	return 0;
}

/* True for the heading of the section that holds the contents itself,
 * which the contents do not list. */
static bool heads_contents(const struct doc *d, size_t i)
{
	return d->blocks[i].kind == DOC_HEADING && i + 1 < d->len &&
	       d->blocks[i + 1].kind == DOC_CONTENTS;
}

/* Lists every heading in each contents block, numbered or not, but for
 * the contents' own. */
static void fill_contents(struct doc *d)
{
	size_t headings = 0;

	for (size_t i = 0; i < d->len; i++)
		headings += d->blocks[i].kind == DOC_HEADING && !heads_contents(d, i);
	for (size_t i = 0; i < d->len; i++) {
		struct doc_block *b = &d->blocks[i];

		if (b->kind != DOC_CONTENTS)
			continue;
		b->items = xcalloc(headings ? headings : 1, sizeof *b->items);
		b->values = xcalloc(headings ? headings : 1, sizeof *b->values);
		b->levels = xcalloc(headings ? headings : 1, sizeof *b->levels);
		b->refs = xcalloc(headings ? headings : 1, sizeof *b->refs);
		for (size_t j = 0; j < d->len; j++) {
			const struct doc_block *h = &d->blocks[j];

			if (h->kind != DOC_HEADING || heads_contents(d, j))
				continue;
			b->items[b->len] = xstrdup(h->text);
			b->values[b->len] = xstrdup(h->number ? h->number : "");
			b->levels[b->len] = h->level;
			b->refs[b->len] = j;
			b->len++;
		}
	}
}

static const enum fact_kind block_fact_kind[] = {
	[BLOCK_TEXT] = FACT_TEXT, [BLOCK_LIST] = FACT_LIST,
	[BLOCK_FIGURES] = FACT_FIGURES, [BLOCK_TABLE] = FACT_TABLE,
	[BLOCK_ORGCHART] = FACT_ORGCHART,
};

static int add_block_for(struct doc *d, const struct config *c,
                         const struct config_section *sec,
                         const struct config_block *cb, const struct facts *f,
                         struct date as_of, struct diag_list *dl)
{
	const struct fact *fact;
	struct doc_block *b;

	if (cb->kind == BLOCK_PAGEBREAK) {
		add_block(d, DOC_PAGEBREAK);
		return 0;
	}
	if (cb->kind == BLOCK_CONTENTS) {
		add_block(d, DOC_CONTENTS);   /* filled once all headings exist */
		return 0;
	}
	if (cb->kind == BLOCK_SOURCES)
		return add_sources(d, f, as_of);
	fact = facts_find(f, cb->fact);
	if (!fact) {
		const char *hint = facts_suggest(f, cb->fact);

		return diag_error(dl, cb->file, cb->line, "[section.%s]: no fact "
		                  "named '%s'%s%s%s", sec->id, cb->fact,
		                  hint ? " (did you mean '" : "", hint ? hint : "",
		                  hint ? "'?)" : "");
	}
	if (fact->kind != block_fact_kind[cb->kind])
		return diag_error(dl, cb->file, cb->line, "[section.%s]: fact '%s' "
		                  "is a %s (%s:%d), not a %s", sec->id, cb->fact,
		                  fact_kind_name(fact->kind), fact->file, fact->line,
		                  fact_kind_name(block_fact_kind[cb->kind]));
	switch (fact->kind) {
	case FACT_TEXT:
		for (size_t i = 0; i < fact->len; i++)
			add_block(d, DOC_PARAGRAPH)->text = xstrdup(fact->items[i].text);
		return 0;
	case FACT_LIST:
	case FACT_FIGURES:
		b = add_block(d, fact->kind == FACT_LIST ? DOC_LIST : DOC_FIGURES);
		b->text = fact->intro ? xstrdup(fact->intro) : NULL;
		b->len = fact->len;
		b->items = xcalloc(fact->len, sizeof *b->items);
		b->levels = xcalloc(fact->len, sizeof *b->levels);
		if (fact->kind == FACT_FIGURES)
			b->values = xcalloc(fact->len, sizeof *b->values);
		for (size_t i = 0; i < fact->len; i++) {
			b->items[i] = xstrdup(fact->items[i].text);
			b->levels[i] = fact->items[i].level;
			if (b->values)
				b->values[i] = xstrdup(fact->items[i].value);
		}
		return 0;
	case FACT_TABLE:
		return add_table(d, c, cb, fact, as_of, dl);
	case FACT_ORGCHART:
		b = add_block(d, DOC_ORGCHART);
		b->text = xstrdup(fact->name);
		b->len = fact->units_len;
		b->items = xcalloc(b->len, sizeof *b->items);
		b->values = xcalloc(b->len, sizeof *b->values);
		b->levels = xcalloc(b->len, sizeof *b->levels);
		b->parents = xcalloc(b->len, sizeof *b->parents);
		for (size_t i = 0; i < b->len; i++) {
			const struct fact_unit *u = &fact->units[i];

			b->items[i] = xstrdup(u->name);
			b->values[i] = xstrdup(u->detail ? u->detail : "");
			b->levels[i] = (int)u->kind;
			b->parents[i] = u->parent;
		}
		return 0;
	}
	return 0;
}

struct doc *doc_build(const struct config *c, const struct facts *f,
                      struct diag_list *dl)
{
	struct doc *d = xcalloc(1, sizeof *d);
	struct date as_of;
	char buf[64];
	int n1 = 0, n2 = 0;
	size_t before = dl->errors;

	if (!date_parse(c->as_of, &as_of))
		as_of = (struct date){ 1970, 1, 1 };
	date_format(as_of, "long", buf, sizeof buf);
	d->as_of = xstrdup(buf);
	d->title = xstrdup(c->title);
	d->subtitle = c->subtitle ? xstrdup(c->subtitle) : NULL;
	d->marking = xstrdup(c->marking);
	d->organisation = c->organisation ? xstrdup(c->organisation) : NULL;
	if (c->cover)
		add_cover(d, c, f, dl);
	check_source_age(c, f, as_of, dl);
	for (size_t i = 0; i < c->sections_len; i++) {
		const struct config_section *sec = &c->sections[i];
		struct doc_block *h = add_block(d, DOC_HEADING);

		if (!sec->numbered) {
			h->number = NULL;
		} else if (sec->level == 1) {
			n1++;
			n2 = 0;
			h->number = xasprintf("%d", n1);
		} else {
			n2++;
			h->number = xasprintf("%d.%d", n1, n2);
		}
		h->level = sec->level;
		h->text = xstrdup(sec->title);
		for (size_t j = 0; j < sec->len; j++)
			add_block_for(d, c, sec, &sec->blocks[j], f, as_of, dl);
	}
	fill_contents(d);
	if (dl->errors > before) {
		doc_free(d);
		return NULL;
	}
	return d;
}

void doc_free(struct doc *d)
{
	if (!d)
		return;
	for (size_t i = 0; i < d->len; i++) {
		struct doc_block *b = &d->blocks[i];

		free(b->number);
		free(b->text);
		for (size_t j = 0; j < b->len; j++) {
			free(b->items[j]);
			if (b->values)
				free(b->values[j]);
		}
		free(b->items);
		free(b->values);
		free(b->levels);
		free(b->refs);
		free(b->parents);
		for (size_t j = 0; b->columns && j < b->cols; j++)
			free(b->columns[j].title);
		for (size_t j = 0; j < b->cols * b->rows; j++)
			free(b->cells[j]);
		free(b->columns);
		free(b->cells);
	}
	free(d->blocks);
	free(d->title);
	free(d->subtitle);
	free(d->marking);
	free(d->organisation);
	free(d->as_of);
	free(d);
}

int doc_check(const struct doc *d)
{
	if (!d->title || !d->marking || !d->as_of)
		return -1;
	for (size_t i = 0; i < d->len; i++) {
		const struct doc_block *b = &d->blocks[i];

		switch (b->kind) {
		case DOC_HEADING:
			if (!b->text || b->level < 1 || b->level > 2)
				return -1;
			break;
		case DOC_PARAGRAPH:
		case DOC_NOTE:
			if (!b->text)
				return -1;
			break;
		case DOC_LIST:
		case DOC_FIGURES:
			if (!b->items || !b->levels || b->len == 0 ||
			    (b->kind == DOC_FIGURES && !b->values))
				return -1;
			break;
		case DOC_TABLE:
			if (b->cols == 0 || !b->columns || !b->cells)
				return -1;
			for (size_t j = 0; j < b->cols * b->rows; j++)
				if (!b->cells[j])
					return -1;
			break;
		case DOC_CONTENTS:
			for (size_t j = 0; j < b->len; j++)
				if (b->refs[j] >= d->len ||
				    d->blocks[b->refs[j]].kind != DOC_HEADING)
					return -1;
			break;
		case DOC_ORGCHART:
			if (!b->parents || b->len == 0)
				return -1;
			break;
		case DOC_SOURCES:
		case DOC_COVER:
			if (b->len && (!b->items || !b->values))
				return -1;
			break;
		case DOC_PAGEBREAK:
			break;
		}
	}
	return 0;
}
