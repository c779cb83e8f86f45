/*
 * fonts.c: briefing fonts, the faces a config's [fonts] can name.
 *
 * The list is fontfind_list()'s: each name on it has been resolved back
 * to its own file the way a build resolves it, so any name printed here
 * works as a [fonts] value. One face per line, "NAME<TAB>FILE", so a
 * script can cut the names (cut -f1) and a person can read them.
 */
#define _POSIX_C_SOURCE 200809L
#include "cli/cli.h"

#include <stdio.h>

#include "briefing/fonts.h"

int cli_fonts(const struct cli_options *o)
{
	struct diag_list dl = { NULL, 0, 0, 0 };
	struct fontfind_list list = { NULL, 0 };
	int rc = CLI_OK;

	if (fontfind_list(o->font_path, &list, &dl) != 0)
		rc = CLI_INPUT;
	for (size_t i = 0; i < list.len; i++)
		printf("%s\t%s\n", list.items[i].name, list.items[i].file);
	if (rc == CLI_OK && list.len == 0) {
		diag_error(&dl, NULL, 0, "fontconfig offers no TrueType font; "
		           "install one (fonts-dejavu-core) or use --font-path");
		rc = CLI_INPUT;
	}
	fflush(stdout);
	diag_print_color(&dl, stderr, o->color);
	fontfind_list_release(&list);
	diag_release(&dl);
	return rc;
}
