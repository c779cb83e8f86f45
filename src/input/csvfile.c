/*
 * csvfile.c: CSV through libcsv in strict mode, plus what libcsv leaves to us:
 * line numbers, a header row, ragged-row and UTF-8 checks, and limits.
 *
 * libcsv is fed one physical line at a time so that we always know the
 * line being read; a quoted field spanning lines simply completes later.
 * Beside it we follow the quotes ourselves, to know the line where a
 * quoted field opened: that is where an unclosed quote is reported.
 */
#include "csvfile.h"

#include <csv.h>
#include <stdbool.h>
#include <stdlib.h>
#include <string.h>

#include "briefing/base/fileio.h"
#include "briefing/base/utf8.h"
#include "briefing/base/xalloc.h"

struct reader {
	struct csvfile *t;
	struct diag_list *dl;
	const char *name;
	int line;          /* line being fed to libcsv */
	int row_line;      /* line the current row started on */
	int row_start;     /* line the next row starts on, when one does */
	bool row_ended;    /* a row just ended: the next line starts one */
	char **row;        /* fields of the row being read */
	size_t row_len, row_cap;
	size_t cells_cap, lines_cap;
	bool header_done;
	bool failed;
};

static void on_field(void *data, size_t len, void *priv)
{
	struct reader *r = priv;
	char *s;

	if (r->failed)
		return;
	/* The row starts where its first field did, even when that field
	 * spans lines and so ends later. */
	if (r->row_len == 0)
		r->row_line = r->row_start;
	if (len > CSV_MAX_FIELD) {
		diag_error(r->dl, r->name, r->line, "field %zu is %zu bytes long; "
		           "the limit is %d", r->row_len + 1, len, CSV_MAX_FIELD);
		r->failed = true;
		return;
	}
	s = xstrndup(data ? data : "", data ? len : 0);
	for (char *c = s; c < s + len; c++)
		if (*c == '\t')
			*c = ' ';
	if (memchr(s, '\0', len)) {
		diag_error(r->dl, r->name, r->line, "NUL byte in field %zu",
		           r->row_len + 1);
		r->failed = true;
		free(s);
		return;
	}
	r->row = xgrow(r->row, &r->row_cap, r->row_len + 1, sizeof *r->row);
	r->row[r->row_len++] = s;
}

static void drop_row(struct reader *r)
{
	for (size_t i = 0; i < r->row_len; i++)
		free(r->row[i]);
	r->row_len = 0;
}

/* Two columns of one name would make the second unreachable by name. At
 * most CSV_MAX_COLUMNS columns: comparing each pair is cheap. */
static void check_header_names(struct reader *r)
{
	const struct csvfile *t = r->t;

	for (size_t i = 1; i < t->columns; i++) {
		for (size_t j = 0; j < i; j++) {
			if (t->header[i][0] && strcmp(t->header[i], t->header[j]) == 0) {
				diag_error(r->dl, r->name, r->row_line, "header columns "
				           "%zu and %zu are both named '%s'", j + 1, i + 1,
				           t->header[i]);
				break;
			}
		}
	}
}

/* One column, and a ';' in every row: a ';'-separated file whose header
 * happens to be one word. A list of sentences might be that too, so it
 * is a warning, not an error. */
static void warn_semicolon_rows(const struct csvfile *t, const char *name,
                                struct diag_list *dl)
{
	if (t->columns != 1 || t->rows == 0)
		return;
	for (size_t i = 0; i < t->rows; i++)
		if (!strchr(t->cells[i], ';'))
			return;
	diag_warning(dl, name, t->lines[0], "every row is one field with ';' in "
	             "it: if the file is ';'-separated, save it as "
	             "comma-separated CSV (fields are separated by ',')");
}

static void on_row_end(int c, void *priv)
{
	struct reader *r = priv;
	struct csvfile *t = r->t;

	(void)c;
	r->row_ended = true;
	if (r->failed) {
		drop_row(r);
		return;
	}
	/* libcsv reports a blank line as a row of one empty field. */
	if (r->row_len == 1 && r->row[0][0] == '\0') {
		drop_row(r);
		return;
	}
	if (!r->header_done) {
		if (r->row_len > CSV_MAX_COLUMNS) {
			diag_error(r->dl, r->name, r->row_line, "header has %zu columns; "
			           "the limit is %d", r->row_len, CSV_MAX_COLUMNS);
			r->failed = true;
			drop_row(r);
			return;
		}
		t->columns = r->row_len;
		t->header = xcalloc(r->row_len, sizeof *t->header);
		for (size_t i = 0; i < r->row_len; i++) {
			char *h = r->row[i], *end;

			while (*h == ' ')
				h++;
			end = h + strlen(h);
			while (end > h && end[-1] == ' ')
				end--;
			t->header[i] = xstrndup(h, (size_t)(end - h));
			free(r->row[i]);
			if (!t->header[i][0])
				diag_error(r->dl, r->name, r->row_line,
				           "header column %zu has no name", i + 1);
		}
		r->row_len = 0;
		r->header_done = true;
		t->header_line = r->row_line;
		check_header_names(r);
		/* "name;from;to" read as one column: every later message
		 * (a missing column, a row's field count) would hide why */
		if (t->columns == 1 && strchr(t->header[0], ';')) {
			diag_error(r->dl, r->name, r->row_line, "the header '%s' is one "
			           "column: the file looks ';'-separated, but fields are "
			           "separated by ','; save it as comma-separated CSV",
			           t->header[0]);
			r->failed = true;
		}
		return;
	}
	if (r->row_len != t->columns) {
		diag_error(r->dl, r->name, r->row_line, "row %zu has %zu fields; "
		           "the header has %zu", t->rows + 1, r->row_len, t->columns);
		drop_row(r);
		return;
	}
	if (t->rows >= CSV_MAX_ROWS) {
		diag_error(r->dl, r->name, r->row_line, "more than %d rows",
		           CSV_MAX_ROWS);
		r->failed = true;
		drop_row(r);
		return;
	}
	t->cells = xgrow(t->cells, &r->cells_cap, (t->rows + 1) * t->columns,
	                 sizeof *t->cells);
	memcpy(t->cells + t->rows * t->columns, r->row,
	       t->columns * sizeof *t->cells);
	t->lines = xgrow(t->lines, &r->lines_cap, t->rows + 1, sizeof *t->lines);
	t->lines[t->rows++] = r->row_line;
	r->row_len = 0;
}

/* The length of the physical line at p, its end included: up to LF, or
 * up to a CR not followed by LF. libcsv itself takes a lone CR for a row
 * end; splitting there too keeps line numbers right in old Mac files. */
static size_t line_length(const char *p, const char *end)
{
	for (const char *c = p; c < end; c++)
		if (*c == '\n' || (*c == '\r' && (c + 1 == end || c[1] != '\n')))
			return (size_t)(c - p) + 1;
	return (size_t)(end - p);
}

static bool blank_line(const char *p, size_t n)
{
	for (size_t i = 0; i < n; i++)
		if (p[i] != '\r' && p[i] != '\n')
			return false;
	return true;
}

/* Quote state alongside libcsv: in RFC 4180 a quote opens a field only
 * at its start and closes it when not doubled, and "" inside stays
 * inside. after_quote: the last byte seen was a quote inside a quoted
 * field, which closes it unless the next byte is another quote. */
struct quotes {
	bool open, after_quote;
	int line;         /* where the open quoted field started */
};

static void follow_quotes(struct quotes *q, const char *p, size_t n, int line)
{
	for (size_t i = 0; i < n; i++) {
		if (q->after_quote) {
			q->after_quote = false;
			if (p[i] == '"')
				continue;      /* "" : a quote inside the field */
			q->open = false;
		}
		if (p[i] != '"')
			continue;
		if (q->open) {
			q->after_quote = true;
		} else {
			q->open = true;
			q->line = line;
		}
	}
}

struct csvfile *csvfile_parse(const char *buf, size_t len, const char *name,
                            struct diag_list *dl)
{
	struct csv_parser parser;
	struct reader r;
	struct quotes q = { false, false, 0 };
	struct csvfile *t = xcalloc(1, sizeof *t);
	const char *p = buf, *end = buf + len;
	size_t before = dl->errors, bad;

	memset(&r, 0, sizeof r);
	r.t = t;
	r.dl = dl;
	r.name = name;
	t->file = xstrdup(name);
	if (len >= 3 && memcmp(buf, "\xEF\xBB\xBF", 3) == 0)
		p += 3;
	if (!utf8_valid(p, (size_t)(end - p), &bad)) {
		int line = 1;

		for (const char *c = p; c < p + bad; c += line_length(c, end))
			line += c + line_length(c, end) <= p + bad;
		diag_error(dl, name, line, "invalid UTF-8 (byte 0x%02x)",
		           (unsigned char)p[bad]);
		goto fail;
	}
	if (csv_init(&parser, CSV_STRICT | CSV_STRICT_FINI | CSV_APPEND_NULL) != 0)
		abort();
	while (p < end && !r.failed) {
		size_t n = line_length(p, end);

		r.line++;
		/* libcsv skips blank lines: a row starts on the next other. */
		if ((r.row_ended || r.line == 1) && !blank_line(p, n)) {
			r.row_start = r.line;
			r.row_ended = false;
		}
		follow_quotes(&q, p, n, r.line);
		if (csv_parse(&parser, p, n, on_field, on_row_end, &r) != n) {
			diag_error(dl, name, r.line, "CSV syntax error: %s (a quote "
			           "inside a field must be doubled, and a quoted field "
			           "must be followed by ',' or a line end)",
			           csv_strerror(csv_error(&parser)));
			r.failed = true;
		}
		p += n;
	}
	if (!r.failed &&
	    csv_fini(&parser, on_field, on_row_end, &r) != 0)
		diag_error(dl, name, q.open ? q.line : r.line, "CSV syntax error: "
		           "the quoted field opened here is not closed before the "
		           "end of the file");
	csv_free(&parser);
	drop_row(&r);
	free(r.row);
	if (!r.header_done && dl->errors == before)
		diag_error(dl, name, 0, "empty CSV file: expected a header row");
	if (dl->errors == before)
		warn_semicolon_rows(t, name, dl);
	if (dl->errors > before)
		goto fail;
	return t;
fail:
	csvfile_free(t);
	return NULL;
}

struct csvfile *csvfile_load(const char *path, struct diag_list *dl)
{
	return csvfile_load_at(path, NULL, 0, dl);
}

static void *parse_csv(void *ctx, const char *buf, size_t len,
                       const char *name, struct diag_list *dl)
{
	(void)ctx;
	return csvfile_parse(buf, len, name, dl);
}

struct csvfile *csvfile_load_at(const char *path, const char *ref_file,
                                int ref_line, struct diag_list *dl)
{
	return file_parse_at(path, ref_file, ref_line, parse_csv, NULL, dl);
}

void csvfile_free(struct csvfile *t)
{
	if (!t)
		return;
	for (size_t i = 0; i < t->rows * t->columns; i++)
		free(t->cells[i]);
	for (size_t i = 0; i < t->columns && t->header; i++)
		free(t->header[i]);
	free(t->header);
	free(t->cells);
	free(t->lines);
	free(t->file);
	free(t);
}

const char *csvfile_cell(const struct csvfile *t, size_t r, size_t c)
{
	return t->cells[r * t->columns + c];
}

int csvfile_column(const struct csvfile *t, const char *name)
{
	for (size_t i = 0; i < t->columns; i++)
		if (strcmp(t->header[i], name) == 0)
			return (int)i;
	return -1;
}
