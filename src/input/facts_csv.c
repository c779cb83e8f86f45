/*
 * facts_csv.c: a table fact's section: the CSV file it names, what the
 * codes in its columns mean (codes.FIELD), the columns that mark each
 * row, and the checks on its cells.
 *
 * Separate from facts.c because only a table fact has a second file
 * read through csvfile.c; facts_table.c is the read access the model
 * uses once the table is loaded.
 */
#define _POSIX_C_SOURCE 200809L
#include "facts_internal.h"

#include <stdlib.h>
#include <string.h>

#include "briefing/base/fileio.h"
#include "briefing/base/xalloc.h"
#include "csvfile.h"
#include "values.h"

/* codes.FIELD = "A = Army, N = Navy": what the codes in a column mean. */
static int read_codes(const struct ini *ini, struct ini_section *s,
                      struct fact *fact, struct diag_list *dl)
{
	size_t before = dl->errors;

	for (size_t i = 0; i < s->len; i++) {
		struct ini_entry *e = &s->entries[i];
		const char *field;
		char *copy, *save = NULL;

		if (strncmp(e->key, "codes.", 6) != 0)
			continue;
		field = e->key + strlen("codes.");
		e->used = true;
		if (csvfile_column(fact->table, field) < 0) {
			diag_error(dl, ini->file, e->line, "[%s] %s: the table has no "
			           "column '%s'", s->name, e->key, field);
			continue;
		}
		copy = xstrdup(e->value);
		for (char *pair = strtok_r(copy, ",", &save); pair;
		     pair = strtok_r(NULL, ",", &save)) {
			char *eq = strchr(pair, '='), *c = pair, *m, *end;
			struct fact_code *fc;

			if (!eq) {
				diag_error(dl, ini->file, e->line, "[%s] %s: expected "
				           "'CODE = meaning, ...'", s->name, e->key);
				break;
			}
			*eq = '\0';
			m = eq + 1;
			while (*c == ' ')
				c++;
			while (*m == ' ')
				m++;
			for (end = eq; end > c && end[-1] == ' '; end--)
				end[-1] = '\0';
			for (end = m + strlen(m); end > m && end[-1] == ' '; end--)
				end[-1] = '\0';
			fact->codes = xrealloc(fact->codes, (fact->codes_len + 1) *
			                       sizeof *fact->codes);
			fc = &fact->codes[fact->codes_len++];
			fc->field = xstrdup(field);
			fc->code = xstrdup(c);
			fc->meaning = xstrdup(m);
		}
		free(copy);
	}
	return dl->errors > before ? -1 : 0;
}

/* Bidi controls in a CSV header or cell, named by row and column. */
static void check_table_bidi(const struct csvfile *t, struct diag_list *dl)
{
	for (size_t c = 0; c < t->columns; c++) {
		uint32_t cp = values_bidi(t->header[c]);

		if (cp)
			diag_error(dl, t->file, t->header_line, "header column %zu: "
			           "bidirectional control character U+%04X; set "
			           "[document] allow_bidi = yes in the config to allow "
			           "it", c + 1, (unsigned)cp);
	}
	for (size_t r = 0; r < t->rows; r++) {
		for (size_t c = 0; c < t->columns; c++) {
			uint32_t cp = values_bidi(csvfile_cell(t, r, c));

			if (cp)
				diag_error(dl, t->file, t->lines[r], "row %zu, column '%s': "
				           "bidirectional control character U+%04X; set "
				           "[document] allow_bidi = yes in the config to "
				           "allow it", r + 1, t->header[c], (unsigned)cp);
		}
	}
}

/* classification_column = COL, releasable_column = COL: the CSV
 * columns whose cells mark each row (empty: the fact's mark). They are
 * marks, not facts, and do not print. */
static void read_row_marks(const struct facts *f, struct ini_section *s,
                           struct fact *fact, struct diag_list *dl)
{
	const char *keys[2] = { "classification_column", "releasable_column" };
	int *cols[2] = { &fact->mark_column, &fact->releasable_column };
	const struct csvfile *t = fact->table;

	for (int k = 0; k < 2; k++) {
		struct ini_entry *e = ini_get(s, keys[k]);

		*cols[k] = -1;
		if (!e)
			continue;
		*cols[k] = csvfile_column(t, e->value);
		if (*cols[k] < 0)
			diag_error(dl, e->file, e->line, "[%s] %s: the table has no "
			           "column '%s'", s->name, keys[k], e->value);
	}
	fact->row_marks = xcalloc(t->rows ? t->rows : 1, sizeof *fact->row_marks);
	for (size_t r = 0; r < t->rows; r++) {
		fact->row_marks[r] = fact->mark;
		facts_read_cell_mark(f, fact->mark_column >= 0 ?
		                     csvfile_cell(t, r, (size_t)fact->mark_column)
		                     : NULL, fact->releasable_column >= 0 ?
		                     csvfile_cell(t, r,
		                                  (size_t)fact->releasable_column)
		                     : NULL, t->file, t->lines[r], r,
		                     &fact->row_marks[r], dl);
	}
}

int facts_read_table(struct facts *f, const struct ini *ini,
                     struct ini_section *s, struct fact *fact,
                     struct diag_list *dl)
{
	static const char *const keys[] = { "type", "file", "note", "succession",
	                                     "classification_column",
	                                     "releasable_column", NULL };
	struct ini_entry *file = ini_get(s, "file");
	const char *note = ini_value(s, "note");
	bool succession = false;
	size_t before = dl->errors;

	fact->note = note && note[0] ? xstrdup(note) : NULL;
	fact->note_line = note ? ini_get(s, "note")->line : 0;
	ini_bool(s, "succession", &succession, dl);
	fact->succession = succession;
	if (!file || !file->value[0]) {
		facts_check_succession(ini, s, fact, dl);
		ini_check_unused(s, keys, dl);
		return ini_missing(s, "file", dl);
	}
	{
		char *dir = path_dirname(ini->file);
		char *path = path_join(dir, file->value);

		path_set_add(&f->files, path);
		fact->table = csvfile_load_at(path, ini->file, file->line, dl);
		free(path);
		free(dir);
	}
	/* csvfile has reported why, at this line or at the CSV's own */
	if (!fact->table)
		return -1;
	read_codes(ini, s, fact, dl);
	read_row_marks(f, s, fact, dl);
	facts_check_succession(ini, s, fact, dl);
	ini_check_unused(s, keys, dl);
	if (!f->allow_bidi)
		check_table_bidi(fact->table, dl);
	if (fact->table->rows == 0)
		diag_error(dl, fact->table->file, 0, "table has a header but no rows");
	return dl->errors > before ? -1 : 0;
}
