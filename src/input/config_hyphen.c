/*
 * config_hyphen.c: [document] language and the [hyphenation] section.
 *
 * The language picks libhyphen's patterns (fonts/hyphen.c loads them and
 * reports a language without patterns at this key's line); [hyphenation]
 * turns hyphenation off, lists exceptions and sets the shortest pieces a
 * break may leave. Kept apart from config.c so the section is one file.
 */
#include "config_internal.h"

#include <ctype.h>
#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "briefing/base/xalloc.h"

/* An exception is letters (any UTF-8 beyond ASCII counts as a letter)
 * with single hyphens between them, e.g. "Pris-tina". */
static bool exception_ok(const char *w, size_t len)
{
	if (len == 0 || w[0] == '-' || w[len - 1] == '-')
		return false;
	for (size_t i = 0; i < len; i++) {
		unsigned char ch = (unsigned char)w[i];

		if (ch == '-' ? w[i + 1] == '-' : !(isalpha(ch) || ch >= 0x80))
			return false;
	}
	return true;
}

static void read_exceptions(struct config *c, struct ini_section *s,
                            struct diag_list *dl)
{
	struct ini_entry *e = ini_get(s, "exceptions");
	const char *p;

	if (!e)
		return;
	c->hyphen_exceptions = xcalloc(strlen(e->value) / 2 + 1,
	                               sizeof *c->hyphen_exceptions);
	for (p = e->value; *p;) {
		size_t len = strcspn(p, ", ");

		if (len == 0) {
			p++;
			continue;
		}
		if (!exception_ok(p, len))
			diag_error(dl, e->file, e->line, "[hyphenation] exceptions: "
			           "'%.*s' is not a word with optional hyphens, e.g. "
			           "'Pris-tina'", (int)len, p);
		else
			c->hyphen_exceptions[c->hyphen_exceptions_len++] =
				xstrndup(p, len);
		p += len;
	}
}

static void read_min(struct ini_section *s, const char *key, int *out,
                     struct diag_list *dl)
{
	double v;

	if (ini_number(s, key, 1, 20, &v, dl) != 1)
		return;
	if (v != floor(v)) {
		struct ini_entry *e = ini_get(s, key);

		diag_error(dl, e->file, e->line, "[hyphenation] %s: '%s' is not a "
		           "whole number", key, e->value);
		return;
	}
	*out = (int)v;
}

int config_read_hyphenation(struct config *c, const struct ini *ini,
                            struct diag_list *dl)
{
	static const char *const keys[] = {
		"enabled", "exceptions", "left_min", "right_min", "capitals", NULL
	};
	struct ini_section *doc = ini_find(ini, "document");
	struct ini_section *s = ini_find(ini, "hyphenation");
	struct ini_entry *e = doc ? ini_get(doc, "language") : NULL;
	size_t before = dl->errors;

	c->language = xstrdup(e ? e->value : "en-GB");
	c->language_file = xstrdup(e ? e->file : c->file);
	c->language_line = e ? e->line : 0;
	c->hyphenate = true;
	c->hyphen_left_min = 2;
	c->hyphen_right_min = 3;
	c->hyphen_capitals = true;
	if (!s)
		return 0;
	ini_bool(s, "enabled", &c->hyphenate, dl);
	ini_bool(s, "capitals", &c->hyphen_capitals, dl);
	read_min(s, "left_min", &c->hyphen_left_min, dl);
	read_min(s, "right_min", &c->hyphen_right_min, dl);
	read_exceptions(c, s, dl);
	ini_check_unused(s, keys, dl);
	return dl->errors > before ? -1 : 0;
}

void config_hyphenation_release(struct config *c)
{
	free(c->language);
	free(c->language_file);
	xfree_strings(c->hyphen_exceptions, c->hyphen_exceptions_len);
}
