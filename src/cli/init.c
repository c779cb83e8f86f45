/*
 * init.c: briefing init DIR, a minimal mission that builds at once.
 *
 * The files are the smallest mission that shows each kind of input: a
 * config (metadata, a date pattern and document control, fonts by
 * fontconfig name, a cover with a crest, two sections), the crest (a PNG
 * drawn by init_crest.c), one data file (its source, a text, a list,
 * figures, a table, a record of changes) and the CSV the table reads.
 * Nothing is overwritten: if any of the files exists, init
 * writes none of them, so running it twice, or over a real mission,
 * loses nothing.
 */
#define _POSIX_C_SOURCE 200809L
#include "cli/cli.h"

#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

#include "briefing/base/fileio.h"
#include "briefing/base/xalloc.h"

static const char config_ini[] =
	"# The layout of the briefing: what goes where and how it looks.\n"
	"# The facts are in ../data/; docs/config.md describes every key.\n"
	"[document]\n"
	"title = \"Exercise Example: mission briefing\"\n"
	"subtitle = \"Written by briefing init; replace with your own\"\n"
	"author = \"Exercise Example staff\"\n"
	"marking = \"NU\"\n"
	"as_of = 2024-01-15\n"
	"# Every date prints in this pattern (docs/config.md, \"Dates\"); the\n"
	"# reference and edition go on page 1, in the footer and the PDF.\n"
	"date_format = \"d MMM yyyy\"\n"
	"reference = \"EXEX/PLANS/001\"\n"
	"edition = 2\n"
	"\n"
	"# Installed fonts, by fontconfig name ('briefing fonts' lists them);\n"
	"# a path to a .ttf file works too.\n"
	"[fonts]\n"
	"regular = \"DejaVu Sans\"\n"
	"bold = \"DejaVu Sans:bold\"\n"
	"italic = \"DejaVu Sans:oblique\"\n"
	"\n"
	"[data]\n"
	"mission = ../data/mission.ini\n"
	"\n"
	"# A cover page, with a crest above the title: an image of the layout,\n"
	"# named relative to this file (PNG or JPEG; init drew a plain shield).\n"
	"[cover]\n"
	"image = crest.png\n"
	"image_width = 30 mm\n"
	"# key figures on the cover: item N of a figures fact\n"
	"1 = mission.figures 1\n"
	"2 = mission.figures 2\n"
	"\n"
	"[section.mission]\n"
	"title = \"The mission\"\n"
	"1 = text mission.summary\n"
	"2 = figures mission.figures\n"
	"3 = list mission.tasks\n"
	"# a map or photo is a fact (see ../data/mission.ini): 4 = image mission.map\n"
	"\n"
	"[section.units]\n"
	"title = \"Units\"\n"
	"1 = table mission.units\n"
	"\n"
	"[section.sources]\n"
	"title = \"Sources\"\n"
	"1 = sources\n"
	"\n"
	"[section.control]\n"
	"title = \"Document control\"\n"
	"numbered = no\n"
	"1 = changes mission.changes\n";

static const char mission_ini[] =
	"# The facts: what is true, and where it comes from. No layout here.\n"
	"# docs/data-format.md describes every kind of fact.\n"
	"[source]\n"
	"title = \"Exercise Example: mission directive (invented)\"\n"
	"updated = 2024-01-10\n"
	"\n"
	"[mission.summary]\n"
	"type = text\n"
	"1 = \"Exercise Example^[An exercise: every name in it is invented.] "
	"trains a small headquarters to plan and run a relief operation in an "
	"invented region, with the units of [](#section.units).\"\n"
	"\n"
	"[mission.figures]\n"
	"type = figures\n"
	"1 = \"Units under command | 3\"\n"
	"2 = \"Duration | 10 days\"\n"
	"\n"
	"[mission.tasks]\n"
	"type = list\n"
	"intro = \"The headquarters will:\"\n"
	"1 = \"open a supply route to the region's capital\"\n"
	"2 = \"keep the route open for ten days\"\n"
	"3 = \"hand over to the civil authorities\"\n"
	"\n"
	"[mission.units]\n"
	"type = table\n"
	"file = units.csv\n"
	"\n"
	"# The record of changes: edition | date | what changed, oldest first.\n"
	"[mission.changes]\n"
	"type = changes\n"
	"1 = \"1 | 2024-01-10 | First edition\"\n"
	"2 = \"2 | 2024-01-15 | Medical company added\"\n"
	"\n"
	"# A map or photo is a fact too, with its caption (numbered as a figure):\n"
	"# [mission.map]\n"
	"# type = image\n"
	"# file = map.png\n"
	"# caption = \"The exercise region\"\n"
	"# credit = \"Map: Exercise Example survey office\"\n";

static const char units_csv[] =
	"unit,role,strength\n"
	"1st Logistics Battalion,supply,420\n"
	"2nd Engineer Company,route clearance,130\n"
	"3rd Medical Company,field hospital,95\n";

static const struct init_file {
	const char *path;   /* under DIR */
	const char *text;   /* NULL: the crest (cli_init_crest()) */
} files[] = {
	{ "config/briefing.ini", config_ini },
	{ "config/crest.png", NULL },
	{ "data/mission.ini", mission_ini },
	{ "data/units.csv", units_csv },
};

#define COUNT(a) (sizeof (a) / sizeof (a)[0])

/* mkdir -p for dir/sub (sub NULL: dir alone). Returns 0 or -1 (errno). */
static int make_dir(const char *dir, const char *sub)
{
	char *path = xmalloc(strlen(dir) + (sub ? strlen(sub) : 0) + 2);
	int rc = 0;

	sprintf(path, "%s%s%s", dir, sub ? "/" : "", sub ? sub : "");
	for (char *p = path + 1; ; p++) {
		char c = *p;

		if (c != '/' && c != '\0')
			continue;
		*p = '\0';
		if (mkdir(path, 0777) != 0 && errno != EEXIST)
			rc = -1;
		*p = c;
		if (rc || c == '\0')
			break;
	}
	free(path);
	return rc;
}

static char *join(const char *dir, const char *name)
{
	char *p = xmalloc(strlen(dir) + strlen(name) + 2);

	sprintf(p, "%s/%s", dir, name);
	return p;
}

int cli_init(const struct cli_options *o)
{
	struct diag_list dl = { NULL, 0, 0, 0 };
	const char *dir = o->operand;
	int rc = CLI_OK;

	/* every refusal first, so a refused init writes nothing */
	for (size_t i = 0; i < COUNT(files); i++) {
		char *path = join(dir, files[i].path);
		struct stat st;

		if (lstat(path, &st) == 0)
			diag_error(&dl, path, 0, "exists; briefing init writes only "
			           "into a new mission (nothing was written)");
		free(path);
	}
	if (dl.errors) {
		rc = CLI_INPUT;
		goto done;
	}
	if (make_dir(dir, "config") != 0 || make_dir(dir, "data") != 0 ||
	    make_dir(dir, "out") != 0) {
		diag_error(&dl, dir, 0, "cannot create the mission's directories: "
		           "%s", strerror(errno));
		rc = CLI_OUTPUT;
		goto done;
	}
	for (size_t i = 0; i < COUNT(files); i++) {
		char *path = join(dir, files[i].path);
		size_t len = files[i].text ? strlen(files[i].text) : 0;
		unsigned char *crest = files[i].text ? NULL : cli_init_crest(&len);
		const void *data = files[i].text ? (const void *)files[i].text
		                                 : (const void *)crest;

		if (!data) {
			diag_error(&dl, path, 0, "cannot draw the crest");
			rc = CLI_OUTPUT;
		} else if (file_write_atomic(path, data, len, &dl) != 0) {
			rc = CLI_OUTPUT;
		} else if (!o->quiet) {
			printf("wrote %s\n", path);
		}
		free(crest);
		free(path);
		if (rc != CLI_OK)
			goto done;
	}
	if (!o->quiet) {
		char *safe = diag_escape(dir);

		printf("build it: cd %s && briefing build\n", safe);
		free(safe);
	}
done:
	diag_print_color(&dl, stderr, o->color);
	fflush(stdout);
	diag_release(&dl);
	return rc;
}
