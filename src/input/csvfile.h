/*
 * csvfile.h: RFC 4180 CSV tables (through libcsv), with a header row.
 */
#ifndef BRIEFING_CSVFILE_H
#define BRIEFING_CSVFILE_H

#include <stddef.h>

#include "briefing/base/diag.h"

/* Beyond these a table is refused (see docs/limits.md). */
#define CSV_MAX_ROWS 1000000
#define CSV_MAX_COLUMNS 64
#define CSV_MAX_FIELD 4000

struct csvfile {
	char *file;
	size_t columns;   /* fields per row, from the header */
	char **header;    /* columns names, trimmed, each unique */
	int header_line;
	size_t rows;      /* data rows, header excluded */
	char **cells;     /* rows * columns UTF-8 strings, row-major */
	int *lines;       /* the line each data row starts on */
};

/* Parses buf[0..len) named name. Quoted fields may hold commas, quotes
 * ("") and newlines. Lines end at LF, CR LF or a lone CR. A UTF-8
 * byte-order mark is skipped. Every data row must have as many fields as
 * the header, and no two columns may share a name. A tab in a field
 * becomes a space (a PDF has no tab stops). Blank lines are skipped. The
 * caller frees the result with csvfile_free(). Returns NULL after reporting. */
struct csvfile *csvfile_parse(const char *buf, size_t len, const char *name,
                            struct diag_list *dl);

struct csvfile *csvfile_load(const char *path, struct diag_list *dl);

/* csvfile_load() for a file a data file's line names: a file that cannot
 * be read is reported at ref_file:ref_line (see file_read_at()). */
struct csvfile *csvfile_load_at(const char *path, const char *ref_file,
                                int ref_line, struct diag_list *dl);

void csvfile_free(struct csvfile *t);

/* The cell at row r (0-based, data rows) and column c. */
const char *csvfile_cell(const struct csvfile *t, size_t r, size_t c);

/* The index of the column named name, or -1. */
int csvfile_column(const struct csvfile *t, const char *name);

#endif
