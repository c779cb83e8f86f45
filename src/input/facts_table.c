/*
 * facts_table.c: read access to a table fact's CSV cells.
 *
 * A FACT_TABLE keeps its struct csvfile, which is private to input; these
 * accessors are the only way other modules (the document model) reach
 * it, so the CSV reader can change without them noticing.
 */
#include "briefing/input.h"

#include "input/csvfile.h"

const char *fact_table_file(const struct fact *t)
{
	return t->table->file;
}

size_t fact_table_rows(const struct fact *t)
{
	return t->table->rows;
}

size_t fact_table_columns(const struct fact *t)
{
	return t->table->columns;
}

const char *fact_table_header(const struct fact *t, size_t col)
{
	return t->table->header[col];
}

int fact_table_column(const struct fact *t, const char *name)
{
	return csvfile_column(t->table, name);
}

const char *fact_table_cell(const struct fact *t, size_t row, size_t col)
{
	return csvfile_cell(t->table, row, col);
}

int fact_table_row_line(const struct fact *t, size_t row)
{
	return t->table->lines[row];
}
