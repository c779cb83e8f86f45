/*
 * depfile.c: --depfile, the make rule that says what a PDF depends on.
 *
 * The format is gcc -MD -MP's, which make, ninja (deps = gcc) and most
 * build tools read:
 *
 *     out/kfor.pdf: config/kfor.ini \
 *      data/kfor.ini \
 *      /usr/share/fonts/truetype/dejavu/DejaVuSans.ttf
 *     config/kfor.ini:
 *     ...
 *
 * The empty rules keep make going when an input is deleted or renamed
 * (the PDF is rebuilt, and the build then says what is missing).
 *
 * File names are written so that GNU make reads back exactly the name
 * (tests/e2e/depfile.sh checks each case against make itself):
 *
 *   space, tab, '#', ':'   a backslash before them, and the backslashes
 *                          right before them doubled ("a\ b", "a\\\ b")
 *   '$'                    "$$"
 *   '*', '?', '[', ']'     make expands wildcards in rules: the name is
 *                          written as a glob pattern matching only itself
 *                          ('\' before each of them and before every '\')
 *   '%' in the target      "\%" (it is a pattern character there only)
 *   a leading '~'          "./~" (make expands a leading ~ to a home)
 *
 * Some names cannot be written at all, and are refused rather than
 * written wrong: a newline or carriage return, ';' (starts a recipe),
 * '=' (a target-specific variable), '|' (order-only prerequisites), '('
 * and ')' (archive members) and a trailing backslash.
 */
#define _POSIX_C_SOURCE 200809L
#include "cli/cli.h"

#include <stdlib.h>
#include <string.h>

#include "briefing/base/xalloc.h"

static void put(char **buf, size_t *len, size_t *cap, char ch)
{
	*buf = xgrow(*buf, cap, *len + 2, 1);
	(*buf)[(*len)++] = ch;
	(*buf)[*len] = '\0';
}

static void puts_n(char **buf, size_t *len, size_t *cap, const char *s)
{
	while (*s)
		put(buf, len, cap, *s++);
}

/* What make cannot read back in name, or NULL. */
static const char *unwritable(const char *name)
{
	static const struct { char ch; const char *why; } bad[] = {
		{ '\n', "a newline" }, { '\r', "a carriage return" },
		{ ';', "';'" }, { '=', "'='" }, { '|', "'|'" },
		{ '(', "'('" }, { ')', "')'" },
	};
	size_t n = strlen(name);

	if (n == 0)
		return "an empty name";
	for (size_t i = 0; i < sizeof bad / sizeof bad[0]; i++)
		if (strchr(name, bad[i].ch))
			return bad[i].why;
	if (name[n - 1] == '\\')
		return "a trailing backslash";
	return NULL;
}

int cli_make_escape(char **buf, size_t *len, size_t *cap, const char *name,
                    bool target, const char **why)
{
	bool glob = strpbrk(name, "*?[]") != NULL;
	size_t slashes = 0;   /* backslashes just written, for doubling */

	*why = unwritable(name);
	if (*why)
		return -1;
	if (name[0] == '~')
		puts_n(buf, len, cap, "./");
	for (const char *s = name; *s; s++) {
		char ch = *s;

		/* the glob layer: make hands a name with a wildcard to glob(),
		 * where '\' quotes the next character */
		if (glob && strchr("*?[]\\", ch)) {
			put(buf, len, cap, '\\');
			slashes++;
		}
		if (ch == ' ' || ch == '\t' || ch == '#' || ch == ':' ||
		    (target && ch == '%')) {
			/* make's layer: 2n backslashes and one more quote the
			 * character after n literal backslashes */
			for (size_t i = 0; i < slashes; i++)
				put(buf, len, cap, '\\');
			put(buf, len, cap, '\\');
			put(buf, len, cap, ch);
			slashes = 0;
			continue;
		}
		if (ch == '$') {
			puts_n(buf, len, cap, "$$");
			slashes = 0;
			continue;
		}
		put(buf, len, cap, ch);
		slashes = ch == '\\' ? slashes + 1 : 0;
	}
	return 0;
}

int cli_depfile_format(const char *target, const struct path_set *inputs,
                       char **out, size_t *out_len, struct diag_list *dl)
{
	char *buf = NULL;
	size_t len = 0, cap = 0;
	const char *why, *name = target;

	*out = NULL;
	*out_len = 0;
	if (cli_make_escape(&buf, &len, &cap, target, true, &why) != 0)
		goto unwritable;
	put(&buf, &len, &cap, ':');
	for (size_t i = 0; i < inputs->len; i++) {
		name = inputs->items[i];
		puts_n(&buf, &len, &cap, i ? " \\\n " : " ");
		if (cli_make_escape(&buf, &len, &cap, name, false, &why) != 0)
			goto unwritable;
	}
	put(&buf, &len, &cap, '\n');
	for (size_t i = 0; i < inputs->len; i++) {
		/* an empty rule: the name is a target here */
		cli_make_escape(&buf, &len, &cap, inputs->items[i], true, &why);
		puts_n(&buf, &len, &cap, ":\n");
	}
	*out = buf;
	*out_len = len;
	return 0;
unwritable:
	free(buf);
	return diag_error(dl, NULL, 0, "--depfile: make cannot read the file "
	                  "name '%s' (it has %s); rename it or drop --depfile",
	                  name, why);
}
