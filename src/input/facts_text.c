/*
 * facts_text.c: the text files a data file names, checked as text: a
 * text fact's Markdown file (file = "x.md") and a source's snapshot.
 *
 * Separate from facts.c because these checks are about bytes, not
 * INI: valid UTF-8, no NUL or control character, no bidi control unless
 * allowed, each reported at its line of the file; and a byte-order mark
 * dropped.
 */
#define _POSIX_C_SOURCE 200809L
#include "facts_internal.h"

#include <stdlib.h>
#include <string.h>

#include "briefing/base/fileio.h"
#include "briefing/base/utf8.h"
#include "values.h"

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
int facts_check_text(const char *buf, size_t len, const char *name,
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
void facts_drop_bom(char *buf, size_t *len)
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
int facts_read_markdown(struct facts *f, const struct ini *ini,
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
	rc = facts_check_text(buf, len, path, f->allow_bidi,
	                      "a Markdown file is text", dl);
	if (rc == 0 && len == 0)
		rc = diag_error(dl, path, 0, "empty Markdown file: a text fact "
		                "needs a paragraph");
	if (rc != 0) {
		free(buf);
		return -1;
	}
	facts_drop_bom(buf, &len);
	fact->markdown = buf;
	fact->markdown_len = len;
	return 0;
}
