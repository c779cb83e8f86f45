/*
 * facts.h: data files -> named, validated facts with their sources.
 *
 * Facts say what is true and where it comes from; they carry no layout.
 * Each fact has a dotted name (kfor.mandate) that config blocks cite.
 */
#ifndef BRIEFING_FACTS_H
#define BRIEFING_FACTS_H

#include <stdbool.h>
#include <stddef.h>

#include "briefing/csvfile.h"
#include "briefing/date.h"
#include "briefing/diag.h"

enum fact_kind { FACT_TEXT, FACT_LIST, FACT_FIGURES, FACT_TABLE,
                 FACT_ORGCHART };

/* What a unit of an org chart is; config maps each to a box style. */
enum unit_kind { UNIT_COMMAND, UNIT_STAFF, UNIT_UNIT, UNIT_SUPPORT };

/* One box of an org chart, from section [CHART.ID]. */
struct fact_unit {
	char *id;
	char *name;
	char *detail;     /* second line (location or role); may be NULL */
	char *parent_id;  /* NULL for the root */
	int parent;       /* index in units, -1 for the root */
	enum unit_kind kind;
	int line;
};

struct fact_source {
	char *file;     /* the data file */
	char *title;
	char *url;      /* may be NULL */
	struct date updated;
};

/* A paragraph, a list item or a key figure. */
struct fact_item {
	char *text;     /* paragraph or item text; a figure's label */
	char *value;    /* a figure's value; NULL otherwise */
	int level;      /* list items: 0, or 1 for a sub-item */
	int number;     /* its key in the data file: 3 for "3" and "3.1" */
};

/* A code used in a table column and what it stands for ("A" = "Army"). */
struct fact_code {
	char *field;
	char *code;
	char *meaning;
};

struct fact {
	char *name;
	enum fact_kind kind;
	char *file;
	int line;
	char *intro;    /* list: lead-in sentence; may be NULL */
	char *note;     /* table: note printed under it; may be NULL */
	struct fact_item *items;
	size_t len;
	struct csvfile *table;   /* FACT_TABLE only */
	bool succession;         /* rows are consecutive terms (from, to) */
	struct fact_code *codes; /* FACT_TABLE: codes.FIELD = "A = Army, ..." */
	size_t codes_len;
	struct fact_unit *units; /* FACT_ORGCHART, in file order */
	size_t units_len;
	const struct fact_source *source;
};

struct facts {
	struct fact *items;
	size_t len, cap;
	struct fact_source **sources;   /* one per data file, in load order */
	size_t sources_len, sources_cap;
};

/* Empty fact store; free with facts_free(). */
struct facts *facts_new(void);

/* Parses one data file's text buf[0..len) named name into f. CSV files a
 * table names are read relative to name's directory. Reports every error;
 * returns 0 or -1. A fact name already present is an error naming both. */
int facts_parse(struct facts *f, const char *buf, size_t len,
                const char *name, struct diag_list *dl);

/* Reads the data file at path and parses it into f. */
int facts_load(struct facts *f, const char *path, struct diag_list *dl);

void facts_free(struct facts *f);

/* The fact called name, or NULL. */
const struct fact *facts_find(const struct facts *f, const char *name);

/* The name of the kind, for messages ("text", "list", ...). */
const char *fact_kind_name(enum fact_kind k);

/* The closest fact name to name, for "did you mean", or NULL. */
const char *facts_suggest(const struct facts *f, const char *name);

#endif
