/*
 * ini_scan.c: the line-numbering scan in front of iniparser.
 *
 * The scan mirrors iniparser 4.1's grammar (section lines, key = value,
 * '#'/';' comments, quotes, trailing-backslash continuation) closely enough
 * to know the line of every key and to reject what iniparser would mangle:
 * over-long lines, ':' in section names, keys outside sections, repeated
 * sections and keys. It records every section and key, in file order, with
 * its line; ini.c then attaches iniparser's values.
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
	return s;
}

int ini_line_of(const char *buf, size_t off)
{
	int line = 1;

	for (size_t i = 0; i < off; i++)
		if (buf[i] == '\n')
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
	for (size_t i = 0; i < ini->len; i++) {
		if (strlen(ini->sections[i].name) == (size_t)(n_end - n) &&
		    strncasecmp(ini->sections[i].name, n,
		                (size_t)(n_end - n)) == 0) {
			diag_error(dl, ini->file, lineno, "section [%.*s] repeated "
			           "(first at line %d)", (int)(n_end - n), n,
			           ini->sections[i].line);
			/* Its keys belong to it, not to the section above. */
			add_section(ini, n, (size_t)(n_end - n), lineno);
			return -1;
		}
	}
	add_section(ini, n, (size_t)(n_end - n), lineno);
	return 0;
}

/* "include = FILE" before any section. */
static void scan_include(struct ini *ini, const char *eq, const char *end,
                         int lineno)
{
	const char *v = skip_space(eq + 1, end);
	const char *v_end = end;

	if (v < v_end && *v == '"' && v_end - v >= 2 && v_end[-1] == '"')
		v++, v_end--;
	ini->include = xstrndup(v, (size_t)(v_end - v));
	ini->include_line = lineno;
}

/* A "key = value" line, p..end trimmed; eq is its first '='. */
static int scan_key(struct ini *ini, const char *p, const char *eq,
                    const char *end, int lineno, struct diag_list *dl)
{
	const char *k_end = trim_end(p, eq), *v;
	struct ini_section *s;
	char *key;

	if (k_end == p)
		return diag_error(dl, ini->file, lineno, "missing key before '='");
	if (ini->len == 0) {
		if ((size_t)(k_end - p) == 7 && strncasecmp(p, "include", 7) == 0 &&
		    !ini->include) {
			scan_include(ini, eq, end, lineno);
			return 0;
		}
		return diag_error(dl, ini->file, lineno,
		                  "key '%.*s' appears before any [section]",
		                  (int)(k_end - p), p);
	}
	s = &ini->sections[ini->len - 1];
	key = xstrndup(p, (size_t)(k_end - p));
	for (char *c = key; *c; c++)
		*c = (char)tolower((unsigned char)*c);
	for (size_t i = 0; i < s->len; i++) {
		if (strcmp(s->entries[i].key, key) == 0) {
			diag_error(dl, ini->file, lineno,
			           "[%s] %s: key repeated (first at line %d)",
			           s->name, key, s->entries[i].line);
			free(key);
			return -1;
		}
	}
	s->entries = xgrow(s->entries, &s->cap, s->len + 1, sizeof *s->entries);
	s->entries[s->len].file = ini->file;
	s->entries[s->len].key = key;
	s->entries[s->len].value = NULL;
	s->entries[s->len].line = lineno;
	s->entries[s->len].used = false;
	s->len++;

	/* iniparser silently drops an unquoted value's text after ';' or '#'.
	 * Facts are sentences full of semicolons: say so rather than lose words. */
	v = skip_space(eq + 1, end);
	if (v < end && *v != '"' && *v != '\'') {
		const char *c = v;

		while (c < end && *c != ';' && *c != '#')
			c++;
		if (c < end && c > v)
			diag_warning(dl, ini->file, lineno,
			             "[%s] %s: text after '%c' is dropped as a comment; "
			             "put the value in double quotes to keep it",
			             s->name, key, *c);
	}
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
		const char *nl = memchr(p, '\n', (size_t)(end - p));
		const char *line_end = nl ? nl : end;
		const char *t;

		lineno++;
		if (line_end - p > INI_MAX_LINE) {
			rc = diag_error(dl, ini->file, lineno,
			                "line is %zu bytes long; the limit is %d",
			                (size_t)(line_end - p), INI_MAX_LINE);
			p = nl ? nl + 1 : end;
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
			p = nl ? nl + 1 : end;
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
		p = nl ? nl + 1 : end;
	}
	free(logical);
	return rc;
}
