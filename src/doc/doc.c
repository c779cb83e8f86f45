/*
 * doc.c: config sections + facts -> the document model.
 *
 * This is where the config's references meet the facts: every block's
 * fact must exist and be of the block's kind. Section numbers (1, 1.1) are
 * assigned here, table cells are formatted (dates, "present", computed
 * tenure) and column alignment resolved, so layout only places text. The
 * input's enums are mapped to the model's own here, and nowhere else.
 *
 * Invariant: every block has an origin, and every string and file name a
 * block holds is owned by the doc (file names once each, in d->files).
 */
#include "briefing/doc.h"

#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "briefing/base/xalloc.h"
#include "briefing/input.h"

/* An origin at line of the fact's file, or at the fact's own line when
 * line is 0 (not known). */
static struct doc_origin fact_origin(struct doc *d, const struct fact *f,
                                     int line)
{
	struct doc_origin o = { doc_intern(d, f->file), line ? line : f->line };

	return o;
}

/* Numbers are glued to their units with no-break spaces (U+00A0). */
#define NBSP "\xC2\xA0"

void doc_format_tenure(struct date a, struct date b, const struct labels *l,
                       char *buf, size_t size)
{
	int months = (b.year - a.year) * 12 + (b.month - a.month) -
	             (b.day < a.day);
	int y = months / 12, m = months % 12;

	/* A term that has not begun has no length: a negative count of days
	 * would read as a typo, and the blank says "not known" as elsewhere. */
	if (date_cmp(a, b) > 0) {
		snprintf(buf, size, "%s", l->blank);
	} else if (months < 1) {
		long days = date_days(b) - date_days(a);

		snprintf(buf, size, "%ld" NBSP "%s", days,
		         days == 1 ? l->day : l->days);
	} else if (months < 12) {
		snprintf(buf, size, "%d" NBSP "%s", months,
		         months == 1 ? l->month : l->months);
	} else if (m == 0) {
		snprintf(buf, size, "%d" NBSP "%s", y, y == 1 ? l->year : l->years);
	} else {
		snprintf(buf, size, "%d" NBSP "%s, %d" NBSP "%s", y,
		         y == 1 ? l->year : l->years, m,
		         m == 1 ? l->month : l->months);
	}
}

/* The computed "tenure" cell of a succession table: from "from" to "to",
 * or to the as-of date while the term runs. A term starting after the
 * as-of date prints blank (check_term_dates warns about it). */
static char *tenure_cell(const struct fact *t, size_t row, struct date as_of,
                         const struct labels *l)
{
	int fc = fact_table_column(t, "from"), tc = fact_table_column(t, "to");
	struct date from, to;
	const char *ts;
	char buf[64];

	if (fc < 0 || tc < 0 ||
	    !date_parse(fact_table_cell(t, row, (size_t)fc), &from))
		return xstrdup(l->blank);
	ts = fact_table_cell(t, row, (size_t)tc);
	if (!ts[0])
		to = as_of;
	else if (!date_parse(ts, &to))
		return xstrdup(l->blank);
	if (date_cmp(from, as_of) > 0)
		return xstrdup(l->blank);
	doc_format_tenure(from, to, l, buf, sizeof buf);
	return xstrdup(buf);
}

/* The text of one table cell: dates in the configured format, an empty
 * "to" as "present", "unknown" and other blanks as a dash (the labels
 * present and blank). */
static char *format_cell(const struct fact *fact, size_t row, const char *field,
                         const char *fmt, struct date as_of,
                         const struct labels *l)
{
	int col = fact_table_column(fact, field);
	const char *v;
	char buf[64];
	struct date d;

	if (strcmp(field, "tenure") == 0 && col < 0)
		return tenure_cell(fact, row, as_of, l);
	v = fact_table_cell(fact, row, (size_t)col);
	if (!v[0] && strcmp(field, "to") == 0 && fact->succession)
		return xstrdup(l->present);
	for (size_t i = 0; i < fact->codes_len; i++)
		if (strcmp(fact->codes[i].field, field) == 0 &&
		    strcmp(fact->codes[i].code, v) == 0)
			return xstrdup(fact->codes[i].meaning);
	if (!v[0] || strcmp(v, "unknown") == 0)
		return xstrdup(l->blank);
	if (date_parse(v, &d)) {
		date_format_names(d, fmt, l->month_names, buf, sizeof buf);
		return xstrdup(buf);
	}
	return xstrdup(v);
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

/* The config's alignment in the model's terms. ALIGN_AUTO becomes right
 * for a column whose cells are all numbers (or dashes for missing
 * values), left otherwise. */
static enum doc_align resolve_align(const struct doc_table *t, size_t col,
                                    enum column_align align,
                                    const struct labels *l)
{
	bool any = false;

	switch (align) {
	case ALIGN_LEFT:
		return DOC_ALIGN_LEFT;
	case ALIGN_RIGHT:
		return DOC_ALIGN_RIGHT;
	case ALIGN_CENTER:
		return DOC_ALIGN_CENTER;
	case ALIGN_AUTO:
		break;
	}
	for (size_t r = 0; r < t->rows; r++) {
		const char *v = t->cells[r * t->cols + col];

		if (strcmp(v, l->blank) == 0)
			continue;
		if (!is_number(v))
			return DOC_ALIGN_LEFT;
		any = true;
	}
	return any ? DOC_ALIGN_RIGHT : DOC_ALIGN_LEFT;
}

/* Every column the config names must be in the CSV, or be the computed
 * tenure of a succession table. Reports each missing one. */
static int check_columns(const struct config_table *ct, const struct fact *fact,
                         struct diag_list *dl)
{
	size_t before = dl->errors;

	for (size_t i = 0; i < ct->len; i++) {
		const char *field = ct->columns[i].field;

		if (fact_table_column(fact, field) < 0 &&
		    !(strcmp(field, "tenure") == 0 && fact->succession))
			diag_error(dl, ct->columns[i].file, ct->columns[i].line,
			           "[table.%s]: column '%s' is not in %s (its "
			           "columns: %s%s)", ct->fact, field,
			           fact_table_file(fact), fact_table_header(fact, 0),
			           fact_table_columns(fact) > 1 ? ", ..." : "");
	}
	return dl->errors > before ? -1 : 0;
}

static int add_table(struct doc *d, const struct config *c,
                     const struct fact *fact, struct date as_of,
                     struct diag_list *dl)
{
	const struct config_table *ct = config_table_for(c, fact->name);
	size_t cols = ct ? ct->len : fact_table_columns(fact);
	size_t rows = fact_table_rows(fact);
	const char *csv = doc_intern(d, fact_table_file(fact));
	struct doc_table *t;

	if (ct && check_columns(ct, fact, dl) != 0)
		return -1;
	t = &doc_append(d, DOC_TABLE, fact->file, fact->line)->u.table;
	t->caption = ct && ct->caption ? xstrdup(ct->caption) : NULL;
	t->cols = cols;
	t->rows = rows;
	t->columns = xcalloc(cols, sizeof *t->columns);
	t->cells = xcalloc(cols * rows > 0 ? cols * rows : 1, sizeof *t->cells);
	t->row_origins = xcalloc(rows ? rows : 1, sizeof *t->row_origins);
	for (size_t i = 0; i < cols; i++) {
		t->columns[i].title = xstrdup(ct ? ct->columns[i].title
		                                 : fact_table_header(fact, i));
		t->columns[i].width = ct ? ct->columns[i].width : 0;
		t->columns[i].origin = ct ? (struct doc_origin){
		        doc_intern(d, ct->columns[i].file), ct->columns[i].line }
		                          : fact_origin(d, fact, fact->line);
	}
	for (size_t r = 0; r < rows; r++) {
		t->row_origins[r].file = csv;
		t->row_origins[r].line = fact_table_row_line(fact, r);
		for (size_t i = 0; i < cols; i++)
			t->cells[r * cols + i] = format_cell(fact, r,
			        ct ? ct->columns[i].field : fact_table_header(fact, i),
			        ct ? ct->date_format : "iso", as_of, &c->style.labels);
	}
	for (size_t i = 0; i < cols; i++)
		t->columns[i].align = resolve_align(t, i, ct ? ct->columns[i].align
		                                             : ALIGN_AUTO,
		                                    &c->style.labels);
	if (fact->note)
		doc_append(d, DOC_NOTE, fact->file, fact->line)->u.paragraph.text =
		        xstrdup(fact->note);
	return 0;
}

/* One entry per data file: title, address, last-updated date. */
static void add_sources(struct doc *d, const struct config *c,
                        const struct config_block *cb, const struct facts *f,
                        struct date as_of)
{
	const struct labels *l = &c->style.labels;
	struct doc_sources *s;
	char date[64];

	s = &doc_append(d, DOC_SOURCES, cb->file, cb->line)->u.sources;
	date_format_names(as_of, "long", l->month_names, date, sizeof date);
	/* config checked the pattern: exactly one %s, the date */
	s->intro = xasprintf(l->sources_intro, date);
	s->len = f->sources_len;
	s->items = xcalloc(s->len ? s->len : 1, sizeof *s->items);
	for (size_t i = 0; i < f->sources_len; i++) {
		const struct fact_source *src = f->sources[i];
		struct doc_source *e = &s->items[i];

		e->title = xstrdup(src->title ? src->title : src->file);
		e->url = xstrdup(src->url ? src->url : "");
		date_format_names(src->updated, "long", l->month_names, date,
		                  sizeof date);
		e->updated = xasprintf("%s %s", l->last_updated, date);
		e->origin.file = doc_intern(d, src->file);
	}
}

/* Warns about each source last updated more than max_source_age days
 * before the briefing's as-of date: the briefing may state what is no
 * longer true. */
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

/* The term warnings one table prints in full; the rest are counted in
 * one line, so a table of 100,000 future terms is not 100,000 lines. */
#define TERM_WARNINGS_MAX 5

/* The date row r of t starts, or else ends, after as_of, into d and
 * *which (0 from, 1 to); false when neither does. */
static bool term_after(const struct fact *t, size_t r, struct date as_of,
                       struct date *d, int *which)
{
	static const char *const field[] = { "from", "to" };

	for (int k = 0; k < 2; k++) {
		int col = fact_table_column(t, field[k]);

		if (col >= 0 && date_parse(fact_table_cell(t, r, (size_t)col), d) &&
		    date_cmp(*d, as_of) > 0) {
			*which = k;
			return true;
		}
	}
	return false;
}

/* Warns about each succession term that starts, or else ends, after the
 * as-of date: the briefing would state as past what its own date has not
 * reached, and a tenure would come out negative. Every succession fact
 * is checked once, used or not, as the input checks every file. */
static void check_term_dates(const struct config *c, const struct facts *f,
                             struct date as_of, struct diag_list *dl)
{
	static const char *const verb[] = { "starts", "ends" };

	for (size_t i = 0; i < f->len; i++) {
		const struct fact *t = &f->items[i];
		size_t warned = 0, more = 0;

		if (t->kind != FACT_TABLE || !t->succession)
			continue;
		for (size_t r = 0; r < fact_table_rows(t); r++) {
			struct date d;
			char iso[32];
			int k;

			if (!term_after(t, r, as_of, &d, &k))
				continue;
			if (warned == TERM_WARNINGS_MAX) {
				more++;
				continue;
			}
			warned++;
			date_format(d, "iso", iso, sizeof iso);
			diag_warning(dl, fact_table_file(t), fact_table_row_line(t, r),
			             "term %s %s, after the briefing's as-of date %s",
			             verb[k], iso, c->as_of);
		}
		if (more)
			diag_warning(dl, fact_table_file(t), 0, "%zu more term%s after "
			             "the briefing's as-of date %s", more,
			             more == 1 ? "" : "s", c->as_of);
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
                      const struct facts *f, struct diag_list *dl)
{
	size_t n = c->cover_figures_len;
	struct doc_figures *cov = &doc_append(d, DOC_COVER, c->file, 0)->u.figures;

	cov->items = xcalloc(n ? n : 1, sizeof *cov->items);
	for (size_t i = 0; i < n; i++) {
		const struct fact *fact;
		const struct fact_item *item = cover_item(&c->cover_figures[i], f,
		                                          &fact, dl);
		struct doc_figure *fig;

		if (!item)
			continue;
		fig = &cov->items[cov->len++];
		fig->label = xstrdup(item->text);
		fig->value = xstrdup(item->value);
		/* the config line: it picked the tile, and layout names it
		 * when the tile does not fit the page */
		fig->origin.file = doc_intern(d, c->cover_figures[i].file);
		fig->origin.line = c->cover_figures[i].line;
	}
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
		struct doc_contents *c = &d->blocks[i].u.contents;

		if (d->blocks[i].kind != DOC_CONTENTS)
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

static void add_orgchart(struct doc *d, const struct fact *fact)
{
	struct doc_orgchart *o;

	o = &doc_append(d, DOC_ORGCHART, fact->file, fact->line)->u.orgchart;
	o->name = xstrdup(fact->name);
	o->len = fact->units_len;
	o->units = xcalloc(o->len ? o->len : 1, sizeof *o->units);
	for (size_t i = 0; i < o->len; i++) {
		const struct fact_unit *u = &fact->units[i];

		o->units[i].name = xstrdup(u->name);
		o->units[i].detail = xstrdup(u->detail ? u->detail : "");
		o->units[i].kind = unit_kind(u->kind);
		o->units[i].parent = u->parent;
		o->units[i].origin = fact_origin(d, fact, u->line);
	}
}

/* A list fact's items, or a figures fact's label/value pairs. Items have
 * no lines of their own in the input, so they carry the fact's. */
static void add_items(struct doc *d, const struct fact *fact)
{
	struct doc_block *b = doc_append(d, fact->kind == FACT_LIST ? DOC_LIST
	                                                         : DOC_FIGURES,
	                                 fact->file, fact->line);
	if (fact->kind == FACT_LIST) {
		struct doc_list *l = &b->u.list;

		l->intro = fact->intro ? xstrdup(fact->intro) : NULL;
		l->len = fact->len;
		l->items = xcalloc(l->len ? l->len : 1, sizeof *l->items);
		for (size_t i = 0; i < l->len; i++) {
			l->items[i].text = xstrdup(fact->items[i].text);
			l->items[i].level = fact->items[i].level;
			l->items[i].origin = fact_origin(d, fact, fact->items[i].line);
		}
		return;
	}
	b->u.figures.len = fact->len;
	b->u.figures.items = xcalloc(fact->len ? fact->len : 1,
	                             sizeof *b->u.figures.items);
	for (size_t i = 0; i < fact->len; i++) {
		struct doc_figure *fig = &b->u.figures.items[i];

		fig->label = xstrdup(fact->items[i].text);
		fig->value = xstrdup(fact->items[i].value);
		fig->origin = fact_origin(d, fact, fact->items[i].line);
	}
}

static const enum fact_kind block_fact_kind[] = {
	[BLOCK_TEXT] = FACT_TEXT, [BLOCK_LIST] = FACT_LIST,
	[BLOCK_FIGURES] = FACT_FIGURES, [BLOCK_TABLE] = FACT_TABLE,
	[BLOCK_ORGCHART] = FACT_ORGCHART,
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
                         struct date as_of, struct diag_list *dl)
{
	const struct fact *fact;

	switch (cb->kind) {
	case BLOCK_PAGEBREAK:
		doc_append(d, DOC_PAGEBREAK, cb->file, cb->line);
		return 0;
	case BLOCK_CONTENTS:   /* filled once all headings exist */
		doc_append(d, DOC_CONTENTS, cb->file, cb->line);
		return 0;
	case BLOCK_SOURCES:
		add_sources(d, c, cb, f, as_of);
		return 0;
	default:
		break;
	}
	fact = named_fact(sec, cb, f, dl);
	if (!fact)
		return -1;
	switch (fact->kind) {
	case FACT_TEXT:
		for (size_t i = 0; i < fact->len; i++)
			doc_append(d, DOC_PARAGRAPH, fact->file, fact->items[i].line ?
			           fact->items[i].line : fact->line)
			        ->u.paragraph.text = xstrdup(fact->items[i].text);
		return 0;
	case FACT_LIST:
	case FACT_FIGURES:
		add_items(d, fact);
		return 0;
	case FACT_TABLE:
		return add_table(d, c, fact, as_of, dl);
	case FACT_ORGCHART:
		add_orgchart(d, fact);
		return 0;
	}
	return 0;
}

/* A section's heading, numbered 1, 1.1, ... unless the section is not. */
static void add_heading(struct doc *d, const struct config *c,
                        const struct config_section *sec, int *n1, int *n2)
{
	struct doc_heading *h;

	h = &doc_append(d, DOC_HEADING, c->file, sec->line)->u.heading;
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
}

struct doc *doc_build(const struct config *c, const struct facts *f,
                      struct diag_list *dl)
{
	struct doc *d;
	struct date as_of;
	char buf[64];
	int n1 = 0, n2 = 0;
	size_t before = dl->errors;

	if (!date_parse(c->as_of, &as_of))
		as_of = (struct date){ 1970, 1, 1 };
	date_format_names(as_of, "long", c->style.labels.month_names, buf,
	                  sizeof buf);
	d = doc_new(c->title, c->marking, buf);
	d->origin.file = doc_intern(d, c->file);
	d->subtitle = c->subtitle ? xstrdup(c->subtitle) : NULL;
	d->organisation = c->organisation ? xstrdup(c->organisation) : NULL;
	if (c->cover)
		add_cover(d, c, f, dl);
	check_source_age(c, f, as_of, dl);
	check_term_dates(c, f, as_of, dl);
	for (size_t i = 0; i < c->sections_len; i++) {
		const struct config_section *sec = &c->sections[i];

		add_heading(d, c, sec, &n1, &n2);
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
