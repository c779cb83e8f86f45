/*
 * config.h: a config INI file -> struct config, plain validated values.
 *
 * The config says what goes where and how it looks; it holds no facts.
 * Every section and key is checked: an unknown one is an error naming its
 * line, so a typo is never silently ignored.
 */
#ifndef BRIEFING_CONFIG_H
#define BRIEFING_CONFIG_H

#include <stdbool.h>
#include <stddef.h>

#include "briefing/diag.h"
#include "briefing/metrics.h"
#include "briefing/style.h"

enum block_kind {
	BLOCK_TEXT,      /* paragraphs of a text fact */
	BLOCK_LIST,      /* a bulleted list fact */
	BLOCK_FIGURES,   /* a key-figures fact as a two-column table */
	BLOCK_TABLE,     /* a table fact read from CSV */
	BLOCK_ORGCHART,  /* an org chart fact, laid out as a tree */
	BLOCK_PAGEBREAK, /* start a new page; names no fact (nor do the rest) */
	BLOCK_CONTENTS,  /* the table of contents; names no fact */
	BLOCK_SOURCES    /* every data file's source; names no fact */
};

struct config_block {
	enum block_kind kind;
	char *fact;      /* dotted fact name; NULL for a page break */
	char *file;      /* where the block is named, for diagnostics */
	int line;
};

struct config_section {
	char *id;        /* the part after "section." */
	char *title;
	int level;       /* 1 or 2 */
	bool numbered;   /* false: no number, not in the contents */
	int line;
	struct config_block *blocks;
	size_t len, cap;
};

/* ALIGN_AUTO: right for a column of numbers, left otherwise. */
enum column_align { ALIGN_LEFT, ALIGN_RIGHT, ALIGN_CENTER, ALIGN_AUTO };

/* How one column of a table block looks. width: > 0 a fixed width in
 * points, 0 automatic (from content), < 0 a proportional share (-1 = 1*). */
struct config_column {
	char *field;     /* CSV header name, or "tenure" (computed) */
	char *title;
	enum column_align align;
	double width;
	char *file;
	int line;
};

struct config_table {
	char *fact;
	char *date_format;   /* "iso", "long", "short", "military" */
	char *caption;
	struct config_column *columns;
	size_t len, cap;
	int line;
};

/* A key figure shown on the cover: item `number` of figures fact `fact`. */
struct config_cover_figure {
	char *fact;
	int number;
	char *file;
	int line;
};

struct config {
	char *file;            /* path as given */
	/* [document] */
	char *title, *subtitle, *author, *subject, *keywords;
	char *organisation;    /* issuing organisation; may be NULL */
	char *marking;         /* classification marking on every page */
	char *as_of;           /* YYYY-MM-DD */
	double max_source_age; /* days; a source older than this warns; 0: off */
	/* [cover]: a cover page when present */
	bool cover;
	struct config_cover_figure *cover_figures;
	size_t cover_figures_len;
	/* [data] files, resolved against the config's directory */
	char **data_files;
	size_t data_len;
	/* [fonts]: a file path (resolved) or a fontconfig name */
	char *fonts[FACE_COUNT];
	char *font_files[FACE_COUNT];   /* where each was set, for diagnostics */
	int font_lines[FACE_COUNT];
	struct style style;
	struct config_section *sections;
	size_t sections_len;
	struct config_table *tables;
	size_t tables_len;
};

/* Parses config text buf[0..len) named name. Relative paths inside it are
 * resolved against the directory of name. The caller frees the result with
 * config_free(). Returns NULL after reporting every error found. */
struct config *config_parse(const char *buf, size_t len, const char *name,
                            struct diag_list *dl);

/* Reads and parses the config file at path. */
struct config *config_load(const char *path, struct diag_list *dl);

void config_free(struct config *c);

/* The table settings for a fact, or NULL when the config has none. */
const struct config_table *config_table_for(const struct config *c,
                                            const char *fact);

#endif
