/*
 * main.c: the briefing command line: options, usage, and the command.
 *
 * The only place, with src/cli/, that prints and chooses exit codes
 * (enum cli_exit in cli/cli.h):
 *   0  success (warnings may have been printed)
 *   1  bad input: config, data or fonts, or a warning under --werror;
 *      nothing was written
 *   2  usage error
 *   3  the output (or depfile, or summary) could not be written; any
 *      previous file is untouched
 *   4  internal error: out of memory, or libharu failed on checked input
 *
 * Options are one table (options[]): a new option is one row, one enum
 * value and, in to_options(), the line that stores it.
 */
#define _POSIX_C_SOURCE 200809L
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "briefing/base/diag.h"
#include "briefing/base/fileio.h"
#include "briefing/base/xalloc.h"
#include "briefing/fonts.h"
#include "cli/cli.h"

#ifndef BRIEFING_VERSION
#define BRIEFING_VERSION "0.1.0"
#endif

/* The commands, as bits, for the commands an option applies to. CMD_ANY
 * is those that build; init and fonts take few options. */
enum {
	CMD_BUILD = 1, CMD_CHECK = 2, CMD_WATCH = 4, CMD_ANY = 7,
	CMD_INIT = 8, CMD_FONTS = 16
};

static const struct command {
	const char *name;
	unsigned bit;
	const char *help;
	const char *operand;   /* the one argument it takes ("DIR"), or NULL */
} commands[] = {
	{ "build", CMD_BUILD, "lay out the briefing and write it as PDF", NULL },
	{ "check", CMD_CHECK, "validate the config, every data file it names, "
	  "and the layout;\nwrite nothing", NULL },
	{ "watch", CMD_WATCH, "build, then rebuild whenever an input changes, "
	  "until\nCtrl-C; a failed build keeps the last good PDF", NULL },
	{ "init", CMD_INIT, "write a minimal mission into DIR (config, data, "
	  "a CSV)\nthat builds at once: cd DIR && briefing build", "DIR" },
	{ "fonts", CMD_FONTS, "list the fonts a config's [fonts] can name, "
	  "and their\nfiles (tab-separated)", NULL },
};

enum opt_id {
	OPT_HELP, OPT_VERSION, OPT_CONFIG, OPT_OUTPUT, OPT_DEPFILE,
	OPT_SUMMARY, OPT_WERROR, OPT_QUIET, OPT_PROVENANCE,
	OPT_FONT_PATH, OPT_DEFINE,
	OPT_RELEASE_LEVEL, OPT_RELEASABLE_TO, OPT_RELEASE_REPORT, OPT_COUNT
};

/* How an option takes its value: none, the next argument (or "=VALUE"),
 * or only "=VALUE" (--summary-json alone means standard output). */
enum opt_arg { ARG_NONE, ARG_REQUIRED, ARG_OPTIONAL };

static const struct option {
	enum opt_id id;
	enum opt_arg arg;
	const char *short_name;   /* "-c", or NULL */
	const char *long_name;    /* "--config" */
	const char *arg_name;     /* "FILE" in the help */
	unsigned commands;        /* CMD_* it applies to */
	const char *help;         /* lines after the first are indented */
} options[] = {
	{ OPT_CONFIG, ARG_REQUIRED, "-c", "--config", "FILE", CMD_ANY,
	  "layout config (default: config/briefing.ini)" },
	{ OPT_OUTPUT, ARG_REQUIRED, "-o", "--output", "FILE",
	  CMD_BUILD | CMD_WATCH,
	  "PDF to write (default: out/briefing.pdf); it is\n"
	  "replaced only when the build succeeds; '-' is\n"
	  "standard output; never one of the inputs" },
	{ OPT_DEPFILE, ARG_REQUIRED, NULL, "--depfile", "FILE",
	  CMD_BUILD | CMD_WATCH,
	  "after a successful build, write a make rule: the\n"
	  "output depends on every file the build read\n"
	  "(config, includes, data, CSV, Markdown, fonts,\n"
	  "hyphenation patterns)" },
	{ OPT_SUMMARY, ARG_OPTIONAL, NULL, "--summary-json", "[=FILE]", CMD_ANY,
	  "print one JSON line per build (output, pages,\n"
	  "bytes, milliseconds, warnings, inputs) on\n"
	  "standard output instead of 'wrote ...', or\n"
	  "append it to FILE" },
	{ OPT_PROVENANCE, ARG_REQUIRED, NULL, "--provenance", "FILE",
	  CMD_BUILD | CMD_CHECK,
	  "also write, as JSON, every printed fact's file,\n"
	  "line, source, snapshot date and how it was\n"
	  "checked against the snapshot ('-': standard\n"
	  "output)" },
	{ OPT_DEFINE, ARG_REQUIRED, "-D", "--define", "SECTION.KEY=VALUE",
	  CMD_ANY,
	  "set KEY of [SECTION] over every config file,\n"
	  "as if written last (-D page.size=letter); may\n"
	  "be repeated, applied in order" },
	{ OPT_FONT_PATH, ARG_REQUIRED, NULL, "--font-path", "DIR",
	  CMD_ANY | CMD_FONTS,
	  "look fontconfig names up among the fonts in DIR\n"
	  "first, then among the installed ones" },
	/* release builds (docs/classification.md) */
	{ OPT_RELEASE_LEVEL, ARG_REQUIRED, NULL, "--release-level", "LEVEL",
	  CMD_ANY, "leave out everything marked above LEVEL (e.g. NR)" },
	{ OPT_RELEASABLE_TO, ARG_REQUIRED, NULL, "--releasable-to", "AUDIENCE",
	  CMD_ANY, "leave out everything not releasable to AUDIENCE" },
	{ OPT_RELEASE_REPORT, ARG_REQUIRED, NULL, "--release-report", "FILE",
	  CMD_BUILD | CMD_WATCH,
	  "also write what the release left out: names and\n"
	  "file:line, never their text" },
	{ OPT_WERROR, ARG_NONE, NULL, "--werror", NULL, CMD_ANY,
	  "treat warnings as errors: exit 1, write nothing" },
	{ OPT_QUIET, ARG_NONE, "-q", "--quiet", NULL, CMD_ANY | CMD_INIT,
	  "print nothing on success (warnings still go to\n"
	  "standard error)" },
	{ OPT_HELP, ARG_NONE, "-h", "--help", NULL, CMD_ANY,
	  "print this help and exit" },
	{ OPT_VERSION, ARG_NONE, NULL, "--version", NULL, CMD_ANY,
	  "print the version and exit" },
};

#define COUNT(a) (sizeof (a) / sizeof (a)[0])

static const char usage_head[] =
	"usage: briefing build [-c CONFIG] [-o OUTPUT] [OPTIONS]\n"
	"       briefing check [-c CONFIG] [OPTIONS]\n"
	"       briefing watch [-c CONFIG] [-o OUTPUT] [OPTIONS]\n"
	"       briefing init [-q] DIR\n"
	"       briefing fonts [--font-path DIR]\n"
	"       briefing --help | --version\n";

static const char usage_tail[] =
	"\n"
	"Exit status:\n"
	"  0  success (warnings may have been printed)\n"
	"  1  bad input (config, data or fonts), or a warning under --werror;\n"
	"     nothing was written\n"
	"  2  usage error\n"
	"  3  the output, depfile or summary could not be written\n"
	"  4  internal error (out of memory, libharu failure): please report\n"
	"\n"
	"Environment: SOURCE_DATE_EPOCH sets the PDF's dates (default: the\n"
	"config's as_of date), for reproducible builds. NO_COLOR turns off\n"
	"colour, which is only used when standard error is a terminal.\n";

/* Prints text, its lines after the first indented by indent columns. */
static void print_indented(const char *text, int indent)
{
	for (const char *s = text; *s; s++) {
		putchar(*s);
		if (*s == '\n')
			printf("%*s", indent, "");
	}
	putchar('\n');
}

static void print_help(void)
{
	fputs(usage_head, stdout);
	fputs("\nCommands:\n", stdout);
	for (size_t i = 0; i < COUNT(commands); i++) {
		printf("  %-8s", commands[i].name);
		print_indented(commands[i].help, 10);
	}
	fputs("\nOptions:\n", stdout);
	for (size_t i = 0; i < COUNT(options); i++) {
		const struct option *op = &options[i];
		char left[64];

		snprintf(left, sizeof left, "%s%s%s%s%s",
		         op->short_name ? op->short_name : "",
		         op->short_name ? ", " : "    ", op->long_name,
		         op->arg_name && op->arg == ARG_REQUIRED ? " " : "",
		         op->arg_name ? op->arg_name : "");
		if (strlen(left) > 22)
			printf("  %s\n%*s", left, 26, "");
		else
			printf("  %-24s", left);
		print_indented(op->help, 26);
	}
	fputs(usage_tail, stdout);
}

/* arg comes from the command line, so it is shown escaped, as every
 * diagnostic is. */
static int usage_error(const char *fmt, const char *arg)
{
	char *safe = diag_escape(arg);

	fputs("briefing: ", stderr);
	fprintf(stderr, fmt, safe);
	fputs("\nTry 'briefing --help'.\n", stderr);
	free(safe);
	return CLI_USAGE;
}

/* The option a names ("-c", "--config", "--config=FILE"), or NULL;
 * *value gets what follows '='. */
static const struct option *find_option(const char *a, const char **value)
{
	*value = NULL;
	for (size_t i = 0; i < COUNT(options); i++) {
		const struct option *op = &options[i];
		size_t n = strlen(op->long_name);

		if ((op->short_name && strcmp(a, op->short_name) == 0) ||
		    strcmp(a, op->long_name) == 0)
			return op;
		if (strncmp(a, op->long_name, n) == 0 && a[n] == '=') {
			*value = a + n + 1;
			return op;
		}
	}
	return NULL;
}

/* What the command line gave: each option at most once. */
struct args {
	const struct command *command;
	bool given[OPT_COUNT];
	const char *value[OPT_COUNT];
	const char *spelling[OPT_COUNT];   /* as written, for messages */
	const char *operand;               /* init's DIR */
	const char **defines;              /* every -D, in order */
	size_t defines_len;
};

/* -D's value must at least look like SECTION.KEY=VALUE; whether the
 * config has the section and key is the config's to say. */
static bool define_valid(const char *v)
{
	const char *eq = v ? strchr(v, '=') : NULL;
	const char *dot = eq ? memchr(v, '.', (size_t)(eq - v)) : NULL;

	return dot && dot > v && dot + 1 < eq;
}

static int collect(int argc, char **argv, struct args *a)
{
	memset(a, 0, sizeof *a);
	a->defines = xcalloc((size_t)argc, sizeof *a->defines);
	for (int i = 1; i < argc; i++) {
		const char *arg = argv[i], *value;
		const struct option *op;

		if (arg[0] != '-' || strcmp(arg, "-") == 0) {
			if (a->command && a->command->operand && !a->operand) {
				a->operand = arg;
				continue;
			}
			if (a->command)
				return usage_error("unexpected argument '%s'", arg);
			for (size_t k = 0; k < COUNT(commands); k++)
				if (strcmp(arg, commands[k].name) == 0)
					a->command = &commands[k];
			if (!a->command)
				return usage_error("unknown command '%s'", arg);
			continue;
		}
		op = find_option(arg, &value);
		if (!op)
			return usage_error("unknown option '%s'", arg);
		if (op->id == OPT_HELP) {
			print_help();
			exit(CLI_OK);
		}
		if (op->id == OPT_VERSION) {
			printf("briefing %s\n", BRIEFING_VERSION);
			exit(CLI_OK);
		}
		/* -c a -c b: which one was meant? A script that appends an
		 * option to a list it did not check is told, not ignored. -D
		 * is a list: each one sets another key. */
		if (a->given[op->id] && op->id != OPT_DEFINE)
			return usage_error("option '%s' given twice", arg);
		if (op->arg == ARG_NONE && value)
			return usage_error("option '%s' takes no value", op->long_name);
		if (op->arg == ARG_REQUIRED && !value) {
			if (i + 1 >= argc)
				return usage_error("option '%s' needs a file name", arg);
			value = argv[++i];
		}
		if (op->id == OPT_DEFINE && !define_valid(value))
			return usage_error("-D '%s': expected SECTION.KEY=VALUE, e.g. "
			                   "-D page.size=letter", value);
		if (op->id == OPT_DEFINE)
			a->defines[a->defines_len++] = value;
		if (op->arg != ARG_NONE && value && !value[0])
			return usage_error("option '%s' needs a file name", arg);
		a->given[op->id] = true;
		a->value[op->id] = value;
		a->spelling[op->id] = arg;
	}
	return -1;
}

/* Checks the options against the command and each other and fills o. */
static int to_options(const struct args *a, struct cli_options *o)
{
	const char *no_color = getenv("NO_COLOR");
	const char *cmd;

	if (!a->command)
		return usage_error("%s", "missing command: build, check, watch, "
		                   "init or fonts");
	cmd = a->command->name;
	for (size_t i = 0; i < COUNT(options); i++) {
		const struct option *op = &options[i];

		if (a->given[op->id] && !(op->commands & a->command->bit)) {
			/* the message scripts already know */
			if (op->id == OPT_OUTPUT)
				return usage_error("%s", "'check' writes nothing; drop -o");
			fprintf(stderr, "briefing: '%s' does not take %s\n"
			        "Try 'briefing --help'.\n", cmd, op->long_name);
			return CLI_USAGE;
		}
	}
	memset(o, 0, sizeof *o);
	o->command = cmd;
	o->config = a->given[OPT_CONFIG] ? a->value[OPT_CONFIG]
	                                 : "config/briefing.ini";
	o->output = a->given[OPT_OUTPUT] ? a->value[OPT_OUTPUT]
	                                 : "out/briefing.pdf";
	o->depfile = a->value[OPT_DEPFILE];
	/* --summary-json alone: standard output */
	if (a->given[OPT_SUMMARY])
		o->summary = a->value[OPT_SUMMARY] ? a->value[OPT_SUMMARY] : "-";
	o->quiet = a->given[OPT_QUIET];
	o->werror = a->given[OPT_WERROR];
	o->provenance = a->value[OPT_PROVENANCE];
	o->font_path = a->value[OPT_FONT_PATH];
	o->defines.items = a->defines;
	o->defines.len = a->defines_len;
	o->operand = a->operand;
	o->release_level = a->value[OPT_RELEASE_LEVEL];
	o->releasable_to = a->value[OPT_RELEASABLE_TO];
	o->release_report = a->value[OPT_RELEASE_REPORT];
	/* https://no-color.org: set and not empty turns colour off */
	o->color = isatty(STDERR_FILENO) && !(no_color && no_color[0]);

	if (a->command->operand && !o->operand)
		return usage_error("'%s' needs a directory", cmd);
	if (o->font_path) {
		struct stat st;

		if (stat(o->font_path, &st) != 0 || !S_ISDIR(st.st_mode))
			return usage_error("--font-path '%s' is not a directory",
			                   o->font_path);
	}
	if (o->depfile && strcmp(o->depfile, "-") == 0)
		return usage_error("%s", "--depfile needs a file name, not '-'");
	if (o->depfile && strcmp(o->depfile, o->output) == 0)
		return usage_error("--depfile '%s' is the output", o->depfile);
	if (o->summary && strcmp(o->summary, "-") != 0 &&
	    ((strcmp(cmd, "check") != 0 && strcmp(o->summary, o->output) == 0) ||
	     (o->depfile && strcmp(o->summary, o->depfile) == 0)))
		return usage_error("--summary-json file '%s' is another output",
		                   o->summary);
	if (o->provenance && strcmp(o->provenance, "-") != 0 &&
	    ((strcmp(cmd, "check") != 0 && strcmp(o->provenance, o->output) == 0) ||
	     (o->depfile && strcmp(o->provenance, o->depfile) == 0) ||
	     (o->summary && strcmp(o->provenance, o->summary) == 0)))
		return usage_error("--provenance file '%s' is another output",
		                   o->provenance);
	if (strcmp(cmd, "check") != 0 && strcmp(o->output, "-") == 0) {
		if (strcmp(cmd, "watch") == 0)
			return usage_error("%s", "'watch' writes a file; name it with "
			                   "-o");
		if (o->summary && strcmp(o->summary, "-") == 0)
			return usage_error("%s", "the PDF goes to standard output: "
			                   "give the summary a file "
			                   "(--summary-json=FILE)");
	}
	return -1;
}

/* xalloc's failure hook: an internal error, not the user's input. */
static void out_of_memory(void)
{
	static const char msg[] = "briefing: error: out of memory\n";

	/* no stdio: it may need the memory there is not */
	(void)!write(STDERR_FILENO, msg, sizeof msg - 1);
	_exit(CLI_INTERNAL);
}

int main(int argc, char **argv)
{
	struct args a;
	struct cli_options o;
	int rc = collect(argc, argv, &a);

	if (rc < 0)
		rc = to_options(&a, &o);
	if (rc >= 0) {
		free(a.defines);
		return rc;
	}
	xalloc_set_oom_handler(out_of_memory);
	if (strcmp(o.command, "watch") == 0)
		rc = cli_watch(&o);
	else if (strcmp(o.command, "init") == 0)
		rc = cli_init(&o);
	else if (strcmp(o.command, "fonts") == 0)
		rc = cli_fonts(&o);
	else
		rc = cli_run(&o, NULL);
	fontfind_shutdown();
	free(a.defines);
	return rc;
}
