/*
 * facts.c: data INI files (and the CSV tables they name) -> struct facts.
 *
 * Invariant: every fact in the store is complete and valid for its kind,
 * carries the file and line it came from, and points at its file's source.
 */
#define _POSIX_C_SOURCE 200809L
#include "facts_internal.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "briefing/base/fileio.h"
#include "briefing/base/utf8.h"
#include "briefing/base/xalloc.h"
#include "csvfile.h"
#include "values.h"

static const char *const kind_names[] = { "text", "list", "figures", "table",
                                          "orgchart", "changes", "image",
                                          NULL };
static const char *const source_keys[] = { "title", "url", "updated",
                                            "snapshot", "retrieved", NULL };

const char *fact_kind_name(enum fact_kind k)
{
	return kind_names[k];
}

static void set_schemes(struct facts *f, char *const *schemes, size_t n)
{
	xfree_strings(f->link_schemes, f->link_schemes_len);
	f->link_schemes = xcalloc(n ? n : 1, sizeof *f->link_schemes);
	for (size_t i = 0; i < n; i++)
		f->link_schemes[i] = xstrdup(schemes[i]);
	f->link_schemes_len = n;
}

struct facts *facts_new(void)
{
	static char *const defaults[] = { "http", "https", "mailto" };
	struct facts *f = xcalloc(1, sizeof(struct facts));

	f->index = xcalloc(1, sizeof *f->index);
	set_schemes(f, defaults, 3);
	class_scheme_default(&f->scheme);
	return f;
}

void facts_configure(struct facts *f, const struct config *c)
{
	f->allow_bidi = c->allow_bidi;
	set_schemes(f, c->link_schemes, c->link_schemes_len);
	class_scheme_release(&f->scheme);
	class_scheme_copy(&f->scheme, &c->classification.scheme);
}

const struct fact *facts_find(const struct facts *f, const char *name)
{
	size_t i = strhash_get(f->index, name, strlen(name));

	return i == STRHASH_NONE ? NULL : &f->items[i];
}

int facts_check_link(const struct facts *f, const char *uri,
                     const char *file, int line, const char *what,
                     struct diag_list *dl)
{
	return values_check_link(uri, f->link_schemes, f->link_schemes_len, file,
	                         line, what, dl);
}

const char *facts_suggest(const struct facts *f, const char *name)
{
	return facts_suggest_kind(f, name, -1);
}

const char *facts_suggest_kind(const struct facts *f, const char *name,
                               int kind)
{
	const char *best = NULL;
	size_t best_d = (size_t)-1;

	for (size_t i = 0; i < f->len; i++) {
		size_t d;

		if (kind >= 0 && f->items[i].kind != (enum fact_kind)kind)
			continue;
		d = ini_edit_distance(name, f->items[i].name);
		if (d < best_d) {
			best_d = d;
			best = f->items[i].name;
		}
	}
	return best_d <= strlen(name) / 3 + 1 ? best : NULL;
}

static int check_text(const char *buf, size_t len, const char *name,
                      bool allow_bidi, const char *what, struct diag_list *dl);
static void drop_bom(char *buf, size_t *len);

/* [source] snapshot = FILE, retrieved = DATE: the text of the page as it
 * was read, relative to the data file, and the day it was read, which
 * cannot come before the page's last update. Each needs the other. A
 * snapshot is never printed, so bidi controls in it are harmless. */
static void read_snapshot(const struct ini *ini, struct ini_section *s,
                          struct fact_source *src, bool updated_ok,
                          struct diag_list *dl)
{
	struct ini_entry *snap = ini_get(s, "snapshot");
	struct ini_entry *ret = ini_get(s, "retrieved");
	char *dir, *buf = NULL, why[120];
	size_t len = 0;

	if (!snap && !ret)
		return;
	if (!snap || !snap->value[0]) {
		diag_error(dl, ini->file, snap ? snap->line : ret->line,
		           "[source] %s: a retrieved date needs a snapshot "
		           "(snapshot = FILE, the page's text as read)",
		           snap ? "snapshot" : "retrieved");
		return;
	}
	if (!ret) {
		diag_error(dl, ini->file, snap->line, "[source] snapshot: say when "
		           "the page was read (retrieved = YYYY-MM-DD)");
		return;
	}
	if (!date_parse_why(ret->value, &src->retrieved, why, sizeof why)) {
		diag_error(dl, ini->file, ret->line, "[source] retrieved: '%s' is "
		           "not a date (YYYY-MM-DD): %s", ret->value, why);
		return;
	}
	if (updated_ok && date_cmp(src->retrieved, src->updated) < 0) {
		diag_error(dl, ini->file, ret->line, "[source] retrieved: %s is "
		           "before the page's last update (updated); a snapshot "
		           "cannot be older than the page", ret->value);
		return;
	}
	dir = path_dirname(ini->file);
	src->snapshot = path_join(dir, snap->value);
	free(dir);
	src->snapshot_line = snap->line;
	if (file_read_at(src->snapshot, ini->file, snap->line, &buf, &len,
	                 dl) != 0)
		return;
	if (check_text(buf, len, src->snapshot, true, "a snapshot is text",
	               dl) != 0) {
		free(buf);
		return;
	}
	drop_bom(buf, &len);
	if (len == 0) {
		free(buf);
		diag_error(dl, ini->file, snap->line, "[source] snapshot: '%s' is "
		           "empty; it holds the page's text", src->snapshot);
		return;
	}
	src->snapshot_text = buf;
	src->snapshot_len = len;
}

static struct fact_source *read_source(const struct facts *f,
                                       const struct ini *ini,
                                       struct diag_list *dl)
{
	struct ini_section *s = ini_find(ini, "source");
	struct fact_source *src;
	struct ini_entry *e;
	const char *v;
	bool updated_ok = false;
	char why[120];

	if (!s) {
		diag_error(dl, ini->file, 0, "missing [source] section (title, url, "
		           "updated): every data file names its source");
		return NULL;
	}
	src = xcalloc(1, sizeof *src);
	src->file = xstrdup(ini->file);
	v = ini_value(s, "title");
	if (v && v[0])
		src->title = xstrdup(v);
	else
		ini_missing(s, "title", dl);
	e = ini_get(s, "url");
	if (e && e->value[0] &&
	    values_check_link(e->value, f->link_schemes, f->link_schemes_len,
	                      e->file, e->line, "[source] url", dl) == 0)
		src->url = xstrdup(e->value);
	e = ini_get(s, "updated");
	if (!e)
		ini_missing(s, "updated", dl);
	else if (!(updated_ok = date_parse_why(e->value, &src->updated, why,
	                                       sizeof why)))
		diag_error(dl, ini->file, e->line, "[source] updated: '%s' is not a "
		           "date (YYYY-MM-DD): %s", e->value, why);
	read_snapshot(ini, s, src, updated_ok, dl);
	ini_check_unused(s, source_keys, dl);
	/* [classification] level and releasable: what the file's facts are
	 * marked unless they say otherwise */
	s = ini_find(ini, "classification");
	if (s) {
		static const char *const keys[] = { "level", "releasable", NULL };

		facts_read_mark(f, s, "level", "releasable", &src->mark, dl);
		ini_check_unused(s, keys, dl);
	}
	return src;
}

static void split_figure(const char *v, struct fact_item *item)
{
	const char *bar = strchr(v, '|');
	const char *a_end = bar, *b = bar + 1, *b_end = v + strlen(v);

	while (a_end > v && a_end[-1] == ' ')
		a_end--;
	while (*b == ' ')
		b++;
	while (b_end > b && b_end[-1] == ' ')
		b_end--;
	item->text = xstrndup(v, (size_t)(a_end - v));
	item->value = xstrndup(b, (size_t)(b_end - b));
}

/* Checks and copies the numbered items of a text, list or figures fact. */
static int read_items(const struct facts *f, const struct ini *ini,
                      struct ini_section *s, struct fact *fact,
                      struct diag_list *dl)
{
	struct ini_numbered *items;
	size_t n, before = dl->errors;
	int last_major = 0;

	items = ini_numbered(s, &n, dl);
	fact->items = xcalloc(n ? n : 1, sizeof *fact->items);
	for (size_t i = 0; i < n; i++) {
		const struct ini_entry *e = items[i].entry;
		struct fact_item *item = &fact->items[fact->len];

		if (!e->value[0]) {
			diag_error(dl, ini->file, e->line, "[%s] %s: empty item",
			           s->name, e->key);
			continue;
		}
		if (items[i].minor && fact->kind != FACT_LIST) {
			diag_error(dl, ini->file, e->line, "[%s] %s: only list items "
			           "can have sub-items", s->name, e->key);
			continue;
		}
		if (items[i].minor && items[i].major != last_major) {
			diag_error(dl, ini->file, e->line, "[%s] %s: sub-item of item "
			           "%d, which does not exist", s->name, e->key,
			           items[i].major);
			continue;
		}
		if (!items[i].minor)
			last_major = items[i].major;
		if (fact->kind == FACT_FIGURES) {
			const char *bar = strchr(e->value, '|');

			if (!bar || bar == e->value || !bar[1] || strchr(bar + 1, '|')) {
				diag_error(dl, ini->file, e->line, "[%s] %s: expected "
				           "'label | value'", s->name, e->key);
				continue;
			}
			split_figure(e->value, item);
			if (!item->text[0] || !item->value[0]) {
				diag_error(dl, ini->file, e->line, "[%s] %s: the figure "
				           "has an empty %s; expected 'label | value'",
				           s->name, e->key, item->text[0] ? "value" : "label");
				free(item->text);
				free(item->value);
				item->text = item->value = NULL;
				continue;
			}
		} else {
			item->text = xstrdup(e->value);
		}
		item->level = items[i].minor ? 1 : 0;
		item->number = items[i].major;
		item->minor = items[i].minor;
		item->line = e->line;
		/* classification.3 = NR marks item 3 (classification.2.1 its
		 * sub-item); a sub-item does not inherit its item's mark */
		item->mark = fact->mark;
		{
			char *lk = xasprintf("classification.%s", e->key);
			char *rk = xasprintf("releasable.%s", e->key);

			facts_read_mark(f, s, lk, rk, &item->mark, dl);
			free(lk);
			free(rk);
		}
		fact->len++;
	}
	free(items);
	if (n == 0)
		diag_error(dl, ini->file, s->line, "[%s]: a %s fact needs items "
		           "(keys 1, 2, ...)", s->name, kind_names[fact->kind]);
	return dl->errors > before ? -1 : 0;
}

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

static int read_table(struct facts *f, const struct ini *ini,
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

/* The line of byte off in buf: lines end at LF, CR LF or a lone CR, as
 * in CommonMark. */
static int line_at(const char *buf, size_t off)
{
	int line = 1;

	for (size_t i = 0; i < off; i++)
		if (buf[i] == '\n' || (buf[i] == '\r' && buf[i + 1] != '\n'))
			line++;
	return line;
}

/* Checks the text of a Markdown file: what any input file must be (UTF-8,
 * no NUL), no control character a PDF cannot show (tab and line ends
 * aside), and no bidi control unless allowed. Reports the first problem
 * of each kind at its line; returns 0 or -1. */
static int check_text(const char *buf, size_t len, const char *name,
                      bool allow_bidi, const char *what, struct diag_list *dl)
{
	size_t bad;

	if (!utf8_valid(buf, len, &bad))
		return diag_error(dl, name, line_at(buf, bad), "invalid UTF-8 at "
		                  "byte %zu; save the file as UTF-8", bad + 1);
	for (size_t i = 0; i < len; i++) {
		unsigned char ch = (unsigned char)buf[i];

		if (ch == 0)
			return diag_error(dl, name, line_at(buf, i), "NUL byte at byte "
			                  "%zu; %s", i + 1, what);
		if ((ch < 0x20 && ch != '\t' && ch != '\n' && ch != '\r') ||
		    ch == 0x7F)
			return diag_error(dl, name, line_at(buf, i), "control "
			                  "character U+%04X at byte %zu", ch, i + 1);
	}
	if (!allow_bidi) {
		uint32_t cp = values_bidi(buf);
		char enc[5] = { 0 };

		/* buf holds no NUL (checked above), so strstr sees all of it */
		if (cp && utf8_encode(cp, enc))
			return diag_error(dl, name, line_at(buf, (size_t)(strstr(buf,
			                  enc) - buf)), "bidirectional control "
			                  "character U+%04X; set [document] allow_bidi "
			                  "= yes in the config to allow it",
			                  (unsigned)cp);
	}
	return 0;
}

/* Removes a leading byte-order mark from the NUL-terminated buf. Lines
 * and offsets stay right: a BOM is three bytes of line 1. */
static void drop_bom(char *buf, size_t *len)
{
	if (*len >= 3 && memcmp(buf, "\xEF\xBB\xBF", 3) == 0) {
		memmove(buf, buf + 3, *len - 3 + 1);
		*len -= 3;
	}
}

/* file = "x.md": the paragraphs and lists of a text fact are a Markdown
 * file, named relative to the INI file, so that a paragraph has no
 * length limit. The file is read and checked here; its markup is the
 * model's (doc_markup_file()). */
static int read_markdown(struct facts *f, const struct ini *ini,
                         struct ini_section *s, struct fact *fact,
                         struct diag_list *dl)
{
	static const char *const keys[] = { "type", "file", NULL };
	struct ini_entry *file = ini_get(s, "file");
	char *dir, *path, *buf = NULL;
	size_t len = 0;
	int rc;

	for (size_t i = 0; i < s->len; i++)
		if (&s->entries[i] != file && !s->entries[i].used &&
		    strcmp(s->entries[i].key, "type") != 0 &&
		    strspn(s->entries[i].key, "0123456789.") ==
		    strlen(s->entries[i].key))
			return diag_error(dl, ini->file, s->entries[i].line,
			                  "[%s] %s: a text fact has either a file or "
			                  "numbered paragraphs, not both", s->name,
			                  s->entries[i].key);
	if (ini_check_unused(s, keys, dl) != 0)
		return -1;
	if (!file->value[0])
		return diag_error(dl, ini->file, file->line, "[%s] file: empty; "
		                  "name a Markdown file", s->name);
	dir = path_dirname(ini->file);
	path = path_join(dir, file->value);
	free(dir);
	fact->text_file = path;
	fact->file_line = file->line;
	path_set_add(&f->files, path);
	if (file_read_at(path, ini->file, file->line, &buf, &len, dl) != 0)
		return -1;
	rc = check_text(buf, len, path, f->allow_bidi, "a Markdown file is text",
	                dl);
	if (rc == 0 && len == 0)
		rc = diag_error(dl, path, 0, "empty Markdown file: a text fact "
		                "needs a paragraph");
	if (rc != 0) {
		free(buf);
		return -1;
	}
	drop_bom(buf, &len);
	fact->markdown = buf;
	fact->markdown_len = len;
	return 0;
}

static void fact_release(struct fact *f)
{
	for (size_t i = 0; i < f->len; i++) {
		free(f->items[i].text);
		free(f->items[i].value);
	}
	free(f->items);
	free(f->name);
	free(f->file);
	free(f->intro);
	free(f->note);
	csvfile_free(f->table);
	for (size_t i = 0; i < f->codes_len; i++) {
		free(f->codes[i].field);
		free(f->codes[i].code);
		free(f->codes[i].meaning);
	}
	free(f->codes);
	for (size_t i = 0; i < f->units_len; i++) {
		free(f->units[i].id);
		free(f->units[i].name);
		free(f->units[i].detail);
		free(f->units[i].parent_id);
	}
	free(f->units);
	facts_release_changes(f);
	free(f->text_file);
	free(f->markdown);
	free(f->row_marks);
	for (size_t i = 0; i < f->departures_len; i++) {
		free(f->departures[i].part);
		free(f->departures[i].reason);
	}
	free(f->departures);
	free(f->departure_column);
	free(f->image_file);
	free(f->caption);
	free(f->alt);
	free(f->credit);
}

static bool valid_name(const char *s)
{
	for (const char *c = s; *c; c++)
		if (!((*c >= 'a' && *c <= 'z') || (*c >= '0' && *c <= '9') ||
		      *c == '.' || *c == '-' || *c == '_'))
			return false;
	return s[0] != '\0';
}

static int read_fact(struct facts *f, const struct ini *ini,
                     struct ini_section *s, const struct fact_source *src,
                     struct diag_list *dl)
{
	static const char *const item_keys[] = { "type", "intro", NULL };
	struct fact fact;
	struct ini_entry *type = ini_get(s, "type");
	const struct fact *dup = facts_find(f, s->name);
	int kind = 0;

	if (!valid_name(s->name))
		return diag_error(dl, ini->file, s->line, "[%s]: fact names use "
		                  "lower-case letters, digits, '.', '-' and '_'",
		                  s->name);
	if (dup)
		return diag_error(dl, ini->file, s->line, "[%s]: fact already "
		                  "defined at %s:%d", s->name, dup->file, dup->line);
	if (!type)
		return ini_missing(s, "type", dl);
	if (ini_choice(s, "type", kind_names, &kind, dl) != 1)
		return -1;
	memset(&fact, 0, sizeof fact);
	fact.name = xstrdup(s->name);
	fact.kind = (enum fact_kind)kind;
	fact.file = xstrdup(ini->file);
	fact.line = s->line;
	fact.source = src;
	fact.mark_column = fact.releasable_column = -1;
	if (src)
		fact.mark = src->mark;
	if (facts_read_mark(f, s, "classification", "releasable", &fact.mark,
	                    dl) != 0)
		goto fail;
	if (facts_read_departures(ini, s, &fact, dl) != 0)
		goto fail;
	if (fact.kind == FACT_TABLE) {
		if (read_table(f, ini, s, &fact, dl) != 0)
			goto fail;
	} else if (fact.kind == FACT_ORGCHART) {
		static const char *const chart_keys[] = { "type", NULL };

		if (ini_check_unused(s, chart_keys, dl) != 0)
			goto fail;
	} else if (fact.kind == FACT_IMAGE) {
		if (facts_read_image(f, ini, s, &fact, dl) != 0)
			goto fail;
	} else if (fact.kind == FACT_TEXT && ini_get(s, "file")) {
		if (read_markdown(f, ini, s, &fact, dl) != 0)
			goto fail;
	} else {
		const char *intro = ini_value(s, "intro");

		if (intro && fact.kind != FACT_LIST) {
			diag_error(dl, ini->file, ini_get(s, "intro")->line,
			           "[%s] intro: only a list has an intro", s->name);
			goto fail;
		}
		fact.intro = intro && intro[0] ? xstrdup(intro) : NULL;
		fact.intro_line = intro ? ini_get(s, "intro")->line : 0;
		if (read_items(f, ini, s, &fact, dl) != 0 ||
		    ini_check_unused(s, item_keys, dl) != 0)
			goto fail;
		if (fact.kind == FACT_CHANGES &&
		    facts_read_changes(ini->file, s->name, &fact, dl) != 0)
			goto fail;
	}
	if (fact.kind != FACT_ORGCHART && facts_check_departures(&fact, dl) != 0)
		goto fail;
	f->items = xgrow(f->items, &f->cap, f->len + 1, sizeof *f->items);
	f->items[f->len] = fact;
	strhash_put(f->index, fact.name, strlen(fact.name), f->len++);
	return 0;
fail:
	fact_release(&fact);
	return -1;
}

int facts_parse(struct facts *f, const char *buf, size_t len,
                const char *name, struct diag_list *dl)
{
	struct ini *ini = ini_parse(buf, len, name, dl);
	struct fact_source *src;
	size_t before = dl->errors, first = f->len;

	if (!ini)
		return -1;
	if (ini->includes_len)
		diag_error(dl, name, ini->include_lines[0], "include: only config files "
		           "can include another file");
	if (!f->allow_bidi)
		values_check_bidi(ini, dl);
	src = read_source(f, ini, dl);
	/* an input even when it could not be read: watch mode waits for it */
	if (src && src->snapshot)
		path_set_add(&f->files, src->snapshot);
	if (src) {
		f->sources = xgrow(f->sources, &f->sources_cap, f->sources_len + 1,
		                   sizeof *f->sources); /* NOLINT(bugprone-sizeof-expression): array of pointers */
		f->sources[f->sources_len++] = src;
	}
	for (size_t i = 0; i < ini->len; i++) {
		struct ini_section *s = &ini->sections[i];
		struct fact *chart = facts_unit_owner(f, first, s);

		if (chart)
			facts_read_unit(f, chart, s, dl);
		else if (strcmp(s->name, "source") != 0 &&
		         strcmp(s->name, "classification") != 0)
			read_fact(f, ini, s, src, dl);
	}
	for (size_t i = first; i < f->len; i++)
		if (f->items[i].kind == FACT_ORGCHART &&
		    facts_check_chart(&f->items[i], dl) == 0)
			facts_check_departures(&f->items[i], dl);
	ini_free(ini);
	return dl->errors > before ? -1 : 0;
}

/* facts_parse() as file_parse_at() calls it: the store, or NULL. */
static void *parse_facts(void *f, const char *buf, size_t len,
                         const char *name, struct diag_list *dl)
{
	return facts_parse(f, buf, len, name, dl) == 0 ? f : NULL;
}

int facts_load(struct facts *f, const char *path, struct diag_list *dl)
{
	return facts_load_at(f, path, NULL, 0, dl);
}

int facts_load_at(struct facts *f, const char *path, const char *ref_file,
                  int ref_line, struct diag_list *dl)
{
	/* before reading: a file that cannot be read is still an input,
	 * which watch mode waits for */
	path_set_add(&f->files, path);
	return file_parse_at(path, ref_file, ref_line, parse_facts, f, dl) ?
	       0 : -1;
}

void facts_free(struct facts *f)
{
	if (!f)
		return;
	for (size_t i = 0; i < f->len; i++)
		fact_release(&f->items[i]);
	free(f->items);
	for (size_t i = 0; i < f->sources_len; i++) {
		free(f->sources[i]->snapshot);
		free(f->sources[i]->snapshot_text);
		free(f->sources[i]->file);
		free(f->sources[i]->title);
		free(f->sources[i]->url);
		free(f->sources[i]);
	}
	free(f->sources);
	path_set_release(&f->files);
	xfree_strings(f->link_schemes, f->link_schemes_len);
	class_scheme_release(&f->scheme);
	strhash_release(f->index);
	free(f->index);
	free(f);
}
