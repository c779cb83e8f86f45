/*
 * doc.h: the document model, built from config and facts.
 *
 * A briefing is a flat sequence of blocks: numbered headings, paragraphs,
 * lists, key figures, tables, notes and page breaks. The model copies every
 * string it keeps, so config and facts can be freed once it is built, and
 * it holds no layout decisions: those are layout's.
 */
#ifndef BRIEFING_DOC_H
#define BRIEFING_DOC_H

#include <stddef.h>

#include "briefing/base/diag.h"
#include "briefing/input.h"

enum doc_kind {
	DOC_HEADING,
	DOC_PARAGRAPH,
	DOC_LIST,
	DOC_FIGURES,
	DOC_TABLE,
	DOC_ORGCHART,   /* units (items: names, values: details or "", levels:
	                   enum unit_kind, parents: index or -1) */
	DOC_NOTE,       /* a small-print remark, e.g. under a table */
	DOC_PAGEBREAK,
	DOC_CONTENTS,   /* table of contents */
	DOC_SOURCES,    /* the sources of the facts */
	DOC_COVER       /* a cover page; always the first block when present */
};

struct doc_column {
	char *title;
	enum column_align align;
	double width;   /* as struct config_column */
};

struct doc_block {
	enum doc_kind kind;
	int level;          /* HEADING: 1 or 2 */
	char *number;       /* HEADING: "2.1", or NULL when unnumbered */
	char *text;         /* HEADING title, PARAGRAPH, NOTE, LIST intro,
	                       TABLE caption; may be NULL for LIST/TABLE */
	/* LIST items (levels 0/1); FIGURES and COVER: labels (items) and
	 * values; CONTENTS: titles (items), numbers (values), levels, and
	 * refs, the index of each entry's HEADING block; SOURCES: titles
	 * (items), addresses (values, "" when none) and "last updated" lines
	 * (cells, len of them) */
	char **items;
	char **values;
	int *levels;
	size_t *refs;
	int *parents;
	size_t len;
	/* TABLE */
	struct doc_column *columns;
	size_t cols, rows;
	char **cells;       /* rows * cols, row-major */
};

struct doc {
	char *title, *subtitle, *marking, *organisation;
	char *as_of;        /* formatted for print: "29 November 2018" */
	struct doc_block *blocks;
	size_t len, cap;
};

/* Builds the document the config describes from the facts. A block that
 * names a missing fact, or a fact of another kind, is an error naming the
 * config line. The caller frees the result with doc_free(). Returns NULL
 * after reporting every error. */
struct doc *doc_build(const struct config *c, const struct facts *f,
                      struct diag_list *dl);

void doc_free(struct doc *d);

/* Checks the model's invariants (numbers present on headings, cells sized
 * rows * cols, ...). Returns 0 when they hold; for tests. */
int doc_check(const struct doc *d);

/* "4 months", "1 year, 2 months" or "12 days": the time from a to b,
 * each number joined to its unit by a no-break space (U+00A0). */
void doc_format_tenure(struct date a, struct date b, char *buf, size_t size);

#endif
