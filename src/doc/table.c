/*
 * table.c: table facts -> table blocks: cells formatted for print (dates
 * in the config's format, codes decoded, "present" and blank cells from
 * the labels, tenures computed), column alignment resolved, and the
 * checks on succession terms.
 */
#include "briefing/doc.h"

#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "briefing/base/strbuf.h"
#include "briefing/base/suggest.h"
#include "briefing/base/xalloc.h"
#include "briefing/input.h"
#include "doc_internal.h"

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
static char *tenure_cell(const struct fact *t, size_t row, int fc, int tc,
                         struct date as_of, const struct labels *l)
{
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

/* The CSV columns one table's cells come from, looked up once a table
 * rather than once a cell: col[i] for printed column i (-1: none), and
 * the "from" and "to" columns a tenure is computed from. */
struct cell_columns {
	int *col;
	int from, to;
};

/* The text of one table cell, printed column i: dates in the configured
 * format, an empty "to" as "present", "unknown" and other blanks as a
 * dash (the labels present and blank). */
static char *format_cell(const struct fact *fact, size_t row, const char *field,
                         const struct cell_columns *cc, size_t i,
                         const char *fmt, struct date as_of,
                         const struct config *c)
{
	const struct labels *l = &c->style.labels;
	int col = cc->col[i];
	const char *v;
	char buf[160];
	struct date d;

	if (col < 0 && strcmp(field, "tenure") == 0)
		return tenure_cell(fact, row, cc->from, cc->to, as_of, l);
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
		doc_format_day(c, DOC_DATE_TABLE, fmt, d, buf, sizeof buf);
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

/* The CSV's column names, the first max of them, as "a, b, c, ...".
 * The caller frees the result. */
static char *column_list(const struct fact *fact, size_t max)
{
	size_t n = fact_table_columns(fact);
	struct strbuf b = { NULL, 0, 0 };

	for (size_t i = 0; i < n && i < max; i++)
		strbuf_addf(&b, "%s%s", i ? ", " : "", fact_table_header(fact, i));
	if (n > max)
		strbuf_puts(&b, ", ...");
	return b.s ? b.s : xstrdup("");
}

/* Every column the config names must be in the CSV, or be the computed
 * tenure of a succession table. Reports each missing one with the
 * column probably meant and the CSV's columns. */
static int check_columns(const struct config_table *ct, const struct fact *fact,
                         struct diag_list *dl)
{
	size_t before = dl->errors, n = fact_table_columns(fact);
	const char **names = xcalloc(n ? n : 1, sizeof *names);
	char *list = column_list(fact, 12);

	for (size_t i = 0; i < n; i++)
		names[i] = fact_table_header(fact, i);
	for (size_t i = 0; i < ct->len; i++) {
		const char *field = ct->columns[i].field, *hint;
		bool tenure = strcmp(field, "tenure") == 0;

		if (fact_table_column(fact, field) >= 0 ||
		    (tenure && fact->succession))
			continue;
		hint = suggest_closest(field, names, n, false);
		if (tenure)
			diag_error(dl, ct->columns[i].file, ct->columns[i].line,
			           "[table.%s]: column 'tenure' is computed only for a "
			           "table with succession = yes, and %s has none (its "
			           "columns: %s)", ct->fact, fact_table_file(fact), list);
		else
			diag_error(dl, ct->columns[i].file, ct->columns[i].line,
			           "[table.%s]: column '%s' is not in %s (%s%s%sits "
			           "columns: %s)", ct->fact, field, fact_table_file(fact),
			           hint ? "did you mean '" : "", hint ? hint : "",
			           hint ? "'? " : "", list);
	}
	free(list);
	free(names);
	return dl->errors > before ? -1 : 0;
}

/* True for a column of marks (classification_column, ...): they say how
 * rows are marked and print only when the config lists them. */
static bool mark_column(const struct fact *fact, size_t col)
{
	return (int)col == fact->mark_column ||
	       (int)col == fact->releasable_column;
}

int doc_add_table(struct doc *d, const struct config *c,
                  const struct fact *fact, const struct doc_markup *m,
                  struct date as_of, struct doc_release *r,
                  struct diag_list *dl)
{
	const struct config_table *ct = config_table_for(c, fact->name);
	/* without config columns, every CSV column prints but the one
	 * giving rows' departures from the source (provenance, not data)
	 * and the ones giving rows' marks */
	int dep = fact->departure_column && !ct ?
	          fact_table_column(fact, fact->departure_column) : -1;
	size_t cols = 0, all = fact_table_rows(fact), rows = 0;
	size_t *colmap, *rowmap;
	const char *csv = doc_intern(d, fact_table_file(fact));
	struct doc_table *t;
	struct doc_block *b;
	struct cell_columns cc;
	size_t first;
	int level = fact->mark.level;

	if (ct && check_columns(ct, fact, dl) != 0)
		return -1;
	/* the rows this release keeps, in order; withheld ones are never
	 * formatted, so no cell of theirs reaches the model */
	rowmap = xcalloc(all ? all : 1, sizeof *rowmap);
	for (size_t i = 0; i < all; i++) {
		char part[32];

		snprintf(part, sizeof part, "row %zu", i + 1);
		if (!doc_release_keep(d, r, &fact->row_marks[i], fact->name, part,
		                      fact_table_file(fact),
		                      fact_table_row_line(fact, i)))
			continue;
		if (fact->row_marks[i].level > level)
			level = fact->row_marks[i].level;
		rowmap[rows++] = i;
	}
	if (rows == 0) {
		free(rowmap);
		return 0;
	}
	colmap = xcalloc(fact_table_columns(fact) + 1, sizeof *colmap);
	if (ct)
		for (size_t i = 0; i < ct->len; i++)
			colmap[cols++] = i;
	else
		for (size_t i = 0; i < fact_table_columns(fact); i++)
			if (!mark_column(fact, i) && (int)i != dep)
				colmap[cols++] = i;
	first = d->len;
	t = &doc_append(d, DOC_TABLE, fact->file, fact->line)->u.table;
	t->name = xstrdup(fact->name);
	if (ct && ct->caption)
		doc_set_caption(d, &t->cap, ct->caption, ct->caption_file,
		                ct->caption_line, ct->caption_position,
		                c->style.table_caption_below);
	t->cols = cols;
	t->rows = rows;
	t->columns = xcalloc(cols, sizeof *t->columns);
	t->cells = xcalloc(cols * rows > 0 ? cols * rows : 1, sizeof *t->cells);
	t->row_origins = xcalloc(rows ? rows : 1, sizeof *t->row_origins);
	for (size_t i = 0; i < cols; i++) {
		t->columns[i].title = xstrdup(ct ? ct->columns[i].title
		                                 : fact_table_header(fact, colmap[i]));
		t->columns[i].width = ct ? ct->columns[i].width : 0;
		t->columns[i].origin = ct ? (struct doc_origin){
		        doc_intern(d, ct->columns[i].file), ct->columns[i].line }
		                          : doc_fact_origin(d, fact, fact->line);
	}
	cc.col = xcalloc(cols ? cols : 1, sizeof *cc.col);
	cc.from = fact_table_column(fact, "from");
	cc.to = fact_table_column(fact, "to");
	for (size_t i = 0; i < cols; i++)
		cc.col[i] = fact_table_column(fact, ct ? ct->columns[i].field
		                                       : fact_table_header(fact,
		                                                           colmap[i]));
	for (size_t k = 0; k < rows; k++) {
		size_t row = rowmap[k];

		t->row_origins[k].file = csv;
		t->row_origins[k].line = fact_table_row_line(fact, row);
		for (size_t i = 0; i < cols; i++) {
			char *cell = format_cell(fact, row, ct ? ct->columns[i].field
			                                     : fact_table_header(fact,
			                                                         colmap[i]),
			                         &cc, i, ct ? ct->date_format : NULL,
			                         as_of, c);

			/* O'Brien in a CSV prints as O’Brien, as in the text */
			t->cells[k * cols + i] = doc_markup_plain(m, cell);
			free(cell);
		}
	}
	free(cc.col);
	for (size_t i = 0; i < cols; i++)
		t->columns[i].align = resolve_align(t, i, ct ? ct->columns[i].align
		                                             : ALIGN_AUTO,
		                                    &c->style.labels);
	if (fact->note) {
		int line = fact->note_line ? fact->note_line : fact->line;
		char *text;
		struct doc_rich rich;

		if (doc_markup_text(m, fact->note, fact->file, line, &text, &rich,
		                    dl) != 0) {
			free(rowmap);
			free(colmap);
			return -1;
		}
		b = doc_append(d, DOC_NOTE, fact->file, line);
		b->u.paragraph.text = text;
		b->u.paragraph.rich = rich;
	}
	doc_portion_blocks(d, first, level);
	free(rowmap);
	free(colmap);
	return 0;
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
void doc_check_term_dates(const struct config *c, const struct facts *f,
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
