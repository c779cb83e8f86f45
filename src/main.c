/*
 * main.c: the briefing command line.
 *
 * The only place that prints diagnostics and chooses exit codes:
 *   0  success (warnings may have been printed)
 *   1  bad input: config, data or fonts; nothing was written
 *   2  usage error
 *   3  the output could not be written; any previous file is untouched
 */
#define _POSIX_C_SOURCE 200809L
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "briefing/input.h"
#include "briefing/base/diag.h"
#include "briefing/doc.h"
#include "briefing/base/fileio.h"
#include "briefing/base/xalloc.h"
#include "briefing/fonts.h"
#include "briefing/layout.h"
#include "briefing/render.h"

#ifndef BRIEFING_VERSION
#define BRIEFING_VERSION "0.1.0"
#endif

enum exit_code { EXIT_OK = 0, EXIT_INPUT = 1, EXIT_USAGE = 2, EXIT_OUTPUT = 3 };

static const char usage_text[] =
	"usage: briefing build [-c CONFIG] [-o OUTPUT]\n"
	"       briefing check [-c CONFIG]\n"
	"       briefing --help | --version\n"
	"\n"
	"Commands:\n"
	"  build   lay out the briefing and write it as PDF\n"
	"  check   validate the config, every data file it names, and the layout;\n"
	"          write nothing\n"
	"\n"
	"Options:\n"
	"  -c, --config FILE   layout config (default: config/briefing.ini)\n"
	"  -o, --output FILE   PDF to write (default: out/briefing.pdf); it is\n"
	"                      replaced only when the build succeeds; '-' is\n"
	"                      standard output; never one of the inputs\n"
	"  -q, --quiet         print nothing on success\n"
	"  --release-level L   leave out everything above level L (e.g. NR)\n"
	"  --releasable-to A   leave out everything not releasable to A\n"
	"  --release-report F  write what was left out (names, file:line) to F\n"
	"\n"
	"Exit status: 0 success, 1 bad input (config, data or fonts),\n"
	"2 usage error, 3 output could not be written.\n"
	"Environment: SOURCE_DATE_EPOCH sets the PDF's dates (default: the\n"
	"config's as_of date), for reproducible builds.\n";

struct options {
	const char *command;
	const char *config;
	const char *output;
	int quiet;
	/* release builds (docs/classification.md) */
	const char *release_level, *releasable_to, *release_report;
};

/* --release-level L, --releasable-to A, --release-report FILE: 1 when
 * argv[*i] is one (taking its value), 0 when not, -1 on a missing value. */
static int release_option(int argc, char **argv, int *i, struct options *o)
{
	static const char *const names[] = { "--release-level",
	                                     "--releasable-to",
	                                     "--release-report" };
	const char **slots[] = { &o->release_level, &o->releasable_to,
	                         &o->release_report };

	for (int k = 0; k < 3; k++) {
		if (strcmp(argv[*i], names[k]) != 0)
			continue;
		if (*i + 1 >= argc)
			return -1;
		*slots[k] = argv[++*i];
		return 1;
	}
	return 0;
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
	return EXIT_USAGE;
}

static int parse_args(int argc, char **argv, struct options *o)
{
	o->command = NULL;
	o->config = "config/briefing.ini";
	o->output = "out/briefing.pdf";
	o->quiet = 0;
	o->release_level = o->releasable_to = o->release_report = NULL;
	for (int i = 1; i < argc; i++) {
		const char *a = argv[i];
		int rel = release_option(argc, argv, &i, o);

		if (rel < 0)
			return usage_error("option '%s' needs a value", a);
		if (rel > 0)
			continue;
		if (strcmp(a, "-h") == 0 || strcmp(a, "--help") == 0) {
			fputs(usage_text, stdout);
			exit(EXIT_OK);
		} else if (strcmp(a, "--version") == 0) {
			printf("briefing %s\n", BRIEFING_VERSION);
			exit(EXIT_OK);
		} else if (strcmp(a, "-c") == 0 || strcmp(a, "--config") == 0 ||
		           strcmp(a, "-o") == 0 || strcmp(a, "--output") == 0) {
			if (i + 1 >= argc)
				return usage_error("option '%s' needs a file name", a);
			if (a[1] == 'c' || a[2] == 'c')
				o->config = argv[++i];
			else
				o->output = argv[++i];
		} else if (strcmp(a, "-q") == 0 || strcmp(a, "--quiet") == 0) {
			o->quiet = 1;
		} else if (a[0] == '-') {
			return usage_error("unknown option '%s'", a);
		} else if (!o->command) {
			if (strcmp(a, "build") != 0 && strcmp(a, "check") != 0)
				return usage_error("unknown command '%s'", a);
			o->command = a;
		} else {
			return usage_error("unexpected argument '%s'", a);
		}
	}
	if (!o->command)
		return usage_error("%s", "missing command: build or check");
	if (strcmp(o->command, "check") == 0 && strcmp(o->output,
	                                                "out/briefing.pdf") != 0)
		return usage_error("%s", "'check' writes nothing; drop -o");
	return -1;
}

/* The PDF date: SOURCE_DATE_EPOCH when set (reproducible-builds.org),
 * else the briefing's as-of date; never the clock. */
static int pdf_date(const struct config *c, char *buf, size_t size,
                    struct diag_list *dl)
{
	const char *sde = getenv("SOURCE_DATE_EPOCH");

	if (sde && sde[0]) {
		char *end;
		long long v = strtoll(sde, &end, 10);
		time_t t = (time_t)v;
		struct tm tm;

		if (*end || v < 0 || !gmtime_r(&t, &tm))
			return diag_error(dl, NULL, 0, "SOURCE_DATE_EPOCH '%s' is not "
			                  "a number of seconds since 1970", sde);
		strftime(buf, size, "%Y-%m-%d", &tm);
		return 0;
	}
	snprintf(buf, size, "%s", c->as_of);
	return 0;
}

/* Adds path to the set of files this build reads, once. */
static void add_input(const char ***in, size_t *n, size_t *cap,
                      const char *path)
{
	if (!path)
		return;
	for (size_t i = 0; i < *n; i++)
		if (strcmp((*in)[i], path) == 0)
			return;
	*in = xgrow(*in, cap, *n + 1, sizeof **in);
	(*in)[(*n)++] = path;
}

/* Build refuses an output that is one of its inputs: the config and the
 * files it includes, the data files, the CSV and Markdown files they
 * name and the fonts (fonts is NULL when fonts_load() failed). Problems
 * go to dl. */
static void check_files(const struct options *o, const struct config *c,
                        const struct facts *f, const struct fonts *fonts,
                        struct diag_list *dl)
{
	const char **in = NULL;
	size_t n = 0, cap = 0;

	for (size_t i = 0; i < c->files_len; i++)
		add_input(&in, &n, &cap, c->files[i]);
	for (size_t i = 0; i < c->data_len; i++)
		add_input(&in, &n, &cap, c->data_files[i]);
	for (size_t i = 0; i < f->len; i++)
		if (f->items[i].kind == FACT_TABLE && f->items[i].table)
			add_input(&in, &n, &cap, fact_table_file(&f->items[i]));
		else if (f->items[i].kind == FACT_TEXT)
			add_input(&in, &n, &cap, f->items[i].text_file);
	for (int i = 0; i < FACE_COUNT; i++) {
		add_input(&in, &n, &cap, c->font_files[i]);
		if (fonts)
			add_input(&in, &n, &cap, fonts_path(fonts, (enum face)i));
	}
	if (strcmp(o->command, "build") == 0)
		file_check_output(o->output, in, n, dl);
	free(in);
}

/* The hyphenation patterns of the config's language. Breaks are drawn
 * with U+2010 HYPHEN when every face has it, else with '-'. */
static struct hyphen *load_hyphen(const struct config *c,
                                  const struct fonts *fonts,
                                  struct diag_list *dl)
{
	static const char u2010[] = "\xE2\x80\x90";
	const char *glyph = fonts ? u2010 : "-";
	struct hyphen_spec spec = {
		c->language, c->language_file, c->language_line,
		(const char *const *)c->hyphen_exceptions, c->hyphen_exceptions_len,
		c->hyphen_left_min, c->hyphen_right_min, c->hyphen_capitals,
		NULL, NULL
	};

	for (int i = 0; fonts && i < FACE_COUNT; i++) {
		uint32_t cp;

		if (fonts_missing(fonts, (enum face)i, u2010, 3, &cp) >= 0)
			glyph = "-";
	}
	spec.hyphen = glyph;
	return hyphen_load(&spec, dl);
}

static int run(const struct options *o, struct diag_list *dl)
{
	struct config *c = NULL;
	struct facts *f = NULL;
	struct doc *d = NULL;
	struct fonts *fonts = NULL;
	struct hyphen *hyph = NULL;
	struct pages *p = NULL;
	struct fonts_spec specs[FACE_COUNT];
	unsigned char *pdf = NULL;
	size_t pdf_len = 0;
	char date[32];
	int rc = EXIT_INPUT;

	c = config_load(o->config, dl);
	if (!c || config_set_release(c, o->release_level, o->releasable_to,
	                             dl) != 0)
		goto done;
	f = facts_new();
	facts_configure(f, c);
	for (size_t i = 0; i < c->data_len; i++)
		facts_load_at(f, c->data_files[i], c->data_ref_files[i],
		              c->data_lines[i], dl);
	/* Fonts load with the facts, before the document, so that a bad font
	 * is reported together with bad data; neither needs the other. */
	for (int i = 0; i < FACE_COUNT; i++)
		specs[i] = (struct fonts_spec){ .name = c->fonts[i],
			.file = c->font_files[i], .line = c->font_lines[i] };
	fonts = fonts_load(specs, dl);
	if (c->hyphenate)
		hyph = load_hyphen(c, fonts, dl);
	check_files(o, c, f, fonts, dl);
	if (dl->errors)
		goto done;
	d = doc_build(c, f, dl);
	/* The model holds copies of everything it prints: the facts (a long
	 * table's every cell) need not stay for layout and render. */
	facts_free(f);
	f = NULL;
	if (!d || fonts_check_doc(fonts, d, dl) != 0 ||
	    pdf_date(c, date, sizeof date, dl) != 0)
		goto done;
	/* only the patterns the document's words can use get loaded */
	if (hyph)
		hyphen_use_doc(hyph, d);
	p = layout_run_hyphenated(d, &c->style, fonts_metrics(fonts),
	                          hyph ? hyphen_hyphenator(hyph) : NULL, dl);
	if (!p)
		goto done;
	{
		struct render_info info = {
			c->title, c->author, c->subject, c->keywords,
			"briefing " BRIEFING_VERSION, date, d->marking
		};

		if (render_pdf(p, fonts, &info, &pdf, &pdf_len, dl) != 0)
			goto done;
	}
	/* check goes all the way through layout and rendering, which find
	 * what only they can (a chart too wide, a character no font has),
	 * and stops short of writing. */
	if (strcmp(o->command, "check") == 0) {
		rc = EXIT_OK;
		goto done;
	}
	if (file_write_output(o->output, pdf, pdf_len, dl) != 0) {
		rc = EXIT_OUTPUT;
		goto done;
	}
	if (o->release_report) {
		char *report = doc_release_report(d);
		int w = file_write_output(o->release_report,
		                          (const unsigned char *)report,
		                          strlen(report), dl);

		free(report);
		if (w != 0) {
			rc = EXIT_OUTPUT;
			goto done;
		}
	}
	if (!o->quiet && !file_is_stdout(o->output))
		printf("wrote %s (%zu page%s)\n", o->output, p->len,
		       p->len == 1 ? "" : "s");
	rc = EXIT_OK;
done:
	free(pdf);
	layout_free(p);
	doc_free(d);
	hyphen_free(hyph);
	fonts_free(fonts);
	facts_free(f);
	config_free(c);
	return rc;
}

int main(int argc, char **argv)
{
	struct options o;
	struct diag_list dl = { NULL, 0, 0, 0 };
	int rc = parse_args(argc, argv, &o);

	if (rc >= 0)
		return rc;
	rc = run(&o, &dl);
	fontfind_shutdown();
	if (rc == EXIT_OK && dl.errors)
		rc = EXIT_INPUT;
	diag_print(&dl, stderr);
	if (rc == EXIT_OK && !o.quiet && strcmp(o.command, "check") == 0)
		printf("%s: ok (%zu warning%s)\n", o.config, dl.len,
		       dl.len == 1 ? "" : "s");
	diag_release(&dl);
	return rc;
}
