/*
 * ini_scan.c: one pass over an INI file in iniparser 4.1's dialect.
 *
 * The scan follows iniparser 4.1's grammar (section lines, key = value,
 * '#'/';' comments, quotes, trailing-backslash continuation) and its value
 * rules (iniparser_line(): the sscanf patterns '%[^=] = "%[^"]"', then
 * '%[^=] = %[^;#]'), so values are what iniparser would give. It also
 * rejects what iniparser would mangle: over-long lines, ':' in section
 * names, keys outside sections, repeated sections and keys, text after a
 * closing quote and an opening quote never closed. Repeats are found
 * through hash tables, so the scan is linear in the file's size.
 */
#define _GNU_SOURCE
#include "ini.h"

#include <ctype.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "briefing/base/xalloc.h"

static struct ini_section *add_section(struct ini *ini, const char *name,
                                       size_t len, int line)
{
	struct ini_section *s;

	ini->sections = xgrow(ini->sections, &ini->cap, ini->len + 1,
	                      sizeof *ini->sections);
	s = &ini->sections[ini->len++];
	memset(s, 0, sizeof *s);
	s->name = xstrndup(name, len);
	for (char *p = s->name; *p; p++)
		*p = (char)tolower((unsigned char)*p);
	s->line = line;
	s->file = ini->file;
	strhash_put(&ini->index, s->name, len, ini->len - 1);
	return s;
}

int ini_line_of(const char *buf, size_t off)
{
	int line = 1;

	for (size_t i = 0; i < off; i++)
		if (buf[i] == '\n' || (buf[i] == '\r' && (i + 1 == off ||
		                                         buf[i + 1] != '\n')))
			line++;
	return line;
}

static const char *skip_space(const char *p, const char *end)
{
	while (p < end && isspace((unsigned char)*p))
		p++;
	return p;
}

static const char *trim_end(const char *start, const char *end)
{
	while (end > start && isspace((unsigned char)end[-1]))
		end--;
	return end;
}

/* A "[name]" line, p..end trimmed and starting with '['. */
static int scan_section(struct ini *ini, const char *p, const char *end,
                        int lineno, struct diag_list *dl)
{
	const char *close = memchr(p, ']', (size_t)(end - p));
	const char *n, *n_end, *after;

	if (!close)
		return diag_error(dl, ini->file, lineno,
		                  "section name is missing its closing ']'");
	n = skip_space(p + 1, close);
	n_end = trim_end(n, close);
	if (n == n_end)
		return diag_error(dl, ini->file, lineno, "empty section name");
	if (memchr(n, ':', (size_t)(n_end - n)))
		return diag_error(dl, ini->file, lineno,
		                  "section name '%.*s' contains ':', which "
		                  "iniparser cannot store",
		                  (int)(n_end - n), n);
	/* iniparser 4.1 takes a line for a section only when it ends in
	 * ']': it fails on "[a] # note" and reads "[a] ; x = y" as a key
	 * of the section above, so even a comment may not follow. */
	after = skip_space(close + 1, end);
	if (after != end && (*after == '#' || *after == ';'))
		return diag_error(dl, ini->file, lineno,
		                  "comment after section name [%.*s], which "
		                  "iniparser cannot read; put it on a line of "
		                  "its own", (int)(n_end - n), n);
	if (after != end)
		return diag_error(dl, ini->file, lineno,
		                  "unexpected text after section name");
	{
		char *lower = xstrndup(n, (size_t)(n_end - n));
		size_t first;

		for (char *c = lower; *c; c++)
			*c = (char)tolower((unsigned char)*c);
		first = strhash_get(&ini->index, lower, strlen(lower));
		free(lower);
		if (first != STRHASH_NONE) {
			diag_error(dl, ini->file, lineno, "section [%.*s] repeated "
			           "(first at line %d)", (int)(n_end - n), n,
			           ini->sections[first].line);
			/* Its keys belong to it, not to the section above. */
			add_section(ini, n, (size_t)(n_end - n), lineno);
			return -1;
		}
	}
	add_section(ini, n, (size_t)(n_end - n), lineno);
	return 0;
}

/* "include = FILE" before any section; a file may have several. The
 * same name twice is a slip (which one was meant to win?), so it is an
 * error naming the first. */
static int scan_include(struct ini *ini, const char *eq, const char *end,
                        int lineno, struct diag_list *dl)
{
	const char *v = skip_space(eq + 1, end);
	const char *v_end = end;
	size_t n;

	if (v < v_end && *v == '"' && v_end - v >= 2 && v_end[-1] == '"')
		v++, v_end--;
	if (v == v_end)
		return diag_error(dl, ini->file, lineno,
		                  "include: no file named");
	for (size_t i = 0; i < ini->includes_len; i++)
		if (strlen(ini->includes[i]) == (size_t)(v_end - v) &&
		    memcmp(ini->includes[i], v, (size_t)(v_end - v)) == 0)
			return diag_error(dl, ini->file, lineno, "include: '%s' is "
			                  "already included (line %d)",
			                  ini->includes[i], ini->include_lines[i]);
	n = ini->includes_len + 1;
	ini->includes = xrealloc(ini->includes, n * sizeof *ini->includes);
	ini->include_lines = xrealloc(ini->include_lines,
	                              n * sizeof *ini->include_lines);
	ini->includes[ini->includes_len] = xstrndup(v, (size_t)(v_end - v));
	ini->include_lines[ini->includes_len++] = lineno;
	return 0;
}

/* The value of "key = v..end", v just after '=' and end trimmed, as
 * iniparser 4.1 reads it: a value opening with a quote (followed by
 * something other than the same quote) runs to the next such quote, kept
 * as is; otherwise the value runs to the first ';' or '#', trimmed, and
 * "" or '' reads as empty. Where iniparser would silently drop text
 * (after a closing quote, or all of an unclosed quote's closing) we report
 * instead. Returns the new value, or NULL after reporting. */
static char *scan_value(struct ini *ini, const struct ini_section *s,
                        const char *key, const char *v, const char *end,
                        int lineno, struct diag_list *dl)
{
	const char *c;

	v = skip_space(v, end);
	if (v < end && (*v == '"' || *v == '\'')) {
		char q = *v;
		const char *close = v + 1 < end && v[1] == q ? v + 1 :
		                    memchr(v + 1, q, (size_t)(end - v - 1));
		const char *after;

		if (!close) {
			diag_error(dl, ini->file, lineno, "[%s] %s: the %s quote "
			           "opened here is never closed", s->name, key,
			           q == '"' ? "double" : "single");
			return NULL;
		}
		after = skip_space(close + 1, end);
		if (after < end && *after != '#' && *after != ';') {
			diag_error(dl, ini->file, lineno, "[%s] %s: text after the "
			           "closing quote: '%.*s'", s->name, key,
			           (int)(end - after), after);
			return NULL;
		}
		return xstrndup(v + 1, (size_t)(close - v - 1));
	}
	for (c = v; c < end && *c != ';' && *c != '#'; c++)
		;
	/* iniparser silently drops an unquoted value's text after ';' or '#'.
	 * Facts are sentences full of semicolons: say so rather than lose
	 * words. */
	if (c < end && c > v)
		diag_warning(dl, ini->file, lineno,
		             "[%s] %s: text after '%c' is dropped as a comment; "
		             "put the value in double quotes to keep it",
		             s->name, key, *c);
	return xstrndup(v, (size_t)(trim_end(v, c) - v));
}

/* A "key = value" line, p..end trimmed; eq is its first '='. */
static int scan_key(struct ini *ini, const char *p, const char *eq,
                    const char *end, int lineno, struct diag_list *dl)
{
	const char *k_end = trim_end(p, eq);
	struct ini_section *s;
	struct ini_entry *e;
	char *key, *value;
	size_t first;

	if (k_end == p)
		return diag_error(dl, ini->file, lineno, "missing key before '='");
	if (ini->len == 0) {
		if ((size_t)(k_end - p) == 7 && strncasecmp(p, "include", 7) == 0)
			return scan_include(ini, eq, end, lineno, dl);
		return diag_error(dl, ini->file, lineno,
		                  "key '%.*s' appears before any [section]",
		                  (int)(k_end - p), p);
	}
	s = &ini->sections[ini->len - 1];
	key = xstrndup(p, (size_t)(k_end - p));
	for (char *c = key; *c; c++)
		*c = (char)tolower((unsigned char)*c);
	first = strhash_get(&s->index, key, strlen(key));
	if (first != STRHASH_NONE) {
		diag_error(dl, ini->file, lineno,
		           "[%s] %s: key repeated (first at line %d)",
		           s->name, key, s->entries[first].line);
		free(key);
		return -1;
	}
	value = scan_value(ini, s, key, eq + 1, end, lineno, dl);
	if (!value) {
		free(key);
		return -1;
	}
	s->entries = xgrow(s->entries, &s->cap, s->len + 1, sizeof *s->entries);
	e = &s->entries[s->len];
	e->file = ini->file;
	e->key = key;
	e->value = value;
	e->raw = xstrndup(eq + 1, (size_t)(end - eq - 1));
	e->line = lineno;
	e->used = false;
	e->command_line = false;
	strhash_put(&s->index, key, strlen(key), s->len++);
	return 0;
}

/* Checks one logical line and records its section or key. */
static int scan_line(struct ini *ini, const char *p, const char *end,
                     int lineno, struct diag_list *dl)
{
	const char *eq;

	p = skip_space(p, end);
	end = trim_end(p, end);
	if (p == end || *p == '#' || *p == ';')
		return 0;
	if (*p == '[')
		return scan_section(ini, p, end, lineno, dl);
	eq = memchr(p, '=', (size_t)(end - p));
	if (!eq)
		return diag_error(dl, ini->file, lineno,
		                  "expected 'key = value' or '[section]'");
	return scan_key(ini, p, eq, end, lineno, dl);
}

/* The end of the physical line at p: its LF, or a CR not followed by LF
 * (old Mac files end lines so; a CR before LF stays in the line and is
 * trimmed as a blank). *next gets the start of the following line. */
static const char *physical_end(const char *p, const char *end,
                                const char **next)
{
	for (const char *c = p; c < end; c++) {
		if (*c == '\n' || (*c == '\r' && (c + 1 == end || c[1] != '\n'))) {
			*next = c + 1;
			return c;
		}
	}
	*next = end;
	return end;
}

int ini_scan(struct ini *ini, const char *buf, size_t len,
             struct diag_list *dl)
{
	const char *p = buf, *end = buf + len;
	char *logical = NULL;
	/* held: the most bytes iniparser's line buffer holds for this logical
	 * line. It reads each physical line whole, trailing blanks and all,
	 * after the text joined so far, so that is what must fit. */
	size_t logical_len = 0, logical_cap = 0, held = 0;
	int lineno = 0, start_line = 0, rc = 0;

	if (len >= 3 && memcmp(buf, "\xEF\xBB\xBF", 3) == 0)
		return diag_error(dl, ini->file, 1,
		                  "file starts with a byte-order mark, which "
		                  "iniparser cannot read; save it as UTF-8 without BOM");
	while (p < end) {
		const char *next;
		const char *line_end = physical_end(p, end, &next);
		const char *t;

		lineno++;
		if (line_end - p > INI_MAX_LINE) {
			rc = diag_error(dl, ini->file, lineno,
			                "line is %zu bytes long; the limit is %d",
			                (size_t)(line_end - p), INI_MAX_LINE);
			p = next;
			continue;
		}
		if (logical_len == 0)
			start_line = lineno;
		if (logical_len + (size_t)(line_end - p) > held)
			held = logical_len + (size_t)(line_end - p);
		t = trim_end(p, line_end);
		if (t > p && t[-1] == '\\') {
			logical = xgrow(logical, &logical_cap,
			                logical_len + (size_t)(t - p), 1);
			memcpy(logical + logical_len, p, (size_t)(t - 1 - p));
			logical_len += (size_t)(t - 1 - p);
			p = next;
			if (p < end)
				continue;
			/* iniparser 4.1 waits for the next line, meets the end of
			 * the file and silently drops the joined text. */
			rc = diag_error(dl, ini->file, start_line,
			                "the last line ends in '\\' but no line "
			                "follows, so iniparser would drop it");
			break;
		}
		logical = xgrow(logical, &logical_cap,
		                logical_len + (size_t)(line_end - p) + 1, 1);
		memcpy(logical + logical_len, p, (size_t)(line_end - p));
		logical_len += (size_t)(line_end - p);
		if (held > INI_MAX_LINE)
			rc = diag_error(dl, ini->file, start_line,
			                "continued line is %zu bytes long; the limit "
			                "is %d", held, INI_MAX_LINE);
		else if (scan_line(ini, logical, logical + logical_len, start_line,
		                   dl) != 0)
			rc = -1;
		logical_len = 0;
		held = 0;
		p = next;
	}
	free(logical);
	return rc;
}

int ini_scan_entry(struct ini *ini, const char *section, const char *text,
                   size_t len, int line, struct diag_list *dl)
{
	const char *end = text + len;
	const char *p = skip_space(text, end);
	const char *eq = memchr(p, '=', (size_t)(end - p));
	size_t i = strhash_get(&ini->index, section, strlen(section));

	end = trim_end(p, end);
	/* In a file, a line ending in '\\' continues on the next one; here
	 * there is no next line, and iniparser would drop the value. */
	if (end > p && end[-1] == '\\')
		return diag_error(dl, ini->file, line, "[%s] the value ends in "
		                  "'\\', which iniparser reads as a line that "
		                  "continues", section);
	if (len > INI_MAX_LINE)
		return diag_error(dl, ini->file, line, "[%s] the key and value "
		                  "are %zu bytes long; the limit is %d", section, len,
		                  INI_MAX_LINE);
	if (!eq)
		return diag_error(dl, ini->file, line, "expected 'key = value'");
	if (i == STRHASH_NONE)
		add_section(ini, section, strlen(section), line);
	else if (i != ini->len - 1)
		return diag_error(dl, ini->file, line, "[%s] is not the last "
		                  "section read", section);
	return scan_key(ini, p, eq, end, line, dl);
}
