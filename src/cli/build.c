/*
 * build.c: one build, from the config to the written PDF, and its report.
 *
 * The stages run in the pipeline's order (docs/architecture.md); this
 * file only sequences them, chooses the exit status and records what the
 * build read. That list (cli_inputs()) is the one the output-is-an-input
 * check, the depfile, the summary and watch mode all use, so they cannot
 * disagree about what the build depends on.
 */
#define _POSIX_C_SOURCE 200809L
#include "cli/cli.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "briefing/base/fileio.h"
#include "briefing/doc.h"
#include "briefing/fonts.h"
#include "briefing/input.h"
#include "briefing/layout.h"
#include "briefing/render.h"

#ifndef BRIEFING_VERSION
#define BRIEFING_VERSION "0.1.0"
#endif

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
	if (c->as_of_time.has_time)   /* the time the DTG prints, too */
		snprintf(buf, size, "%sT%02d:%02d%c", c->as_of, c->as_of_time.hour,
		         c->as_of_time.minute, c->as_of_time.zone);
	else
		snprintf(buf, size, "%s", c->as_of);
	return 0;
}

void cli_inputs(const struct config *c, const struct facts *f,
                const struct fonts *fonts, const struct hyphen *hyph,
                struct path_set *set)
{
	input_files(c, f, set);
	for (int i = 0; fonts && i < FACE_COUNT; i++)
		path_set_add(set, fonts_path(fonts, (enum face)i));
	path_set_add(set, hyphen_path(hyph));
}

/* The outputs this build writes (the PDF, the depfile, a summary file)
 * must not be one of its inputs: "-o config/briefing.ini" must not
 * destroy the config. Reported to dl. */
static void check_outputs(const struct cli_options *o,
                          const struct path_set *in, struct diag_list *dl)
{
	const char *const *v = (const char *const *)in->items;

	if (strcmp(o->command, "check") != 0)
		file_check_output(o->output, v, in->len, dl);
	if (o->depfile)
		file_check_output(o->depfile, v, in->len, dl);
	if (o->summary && strcmp(o->summary, "-") != 0)
		file_check_output(o->summary, v, in->len, dl);
	if (o->provenance && strcmp(o->provenance, "-") != 0)
		file_check_output(o->provenance, v, in->len, dl);
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

static double now_ms(void)
{
	struct timespec ts;

	clock_gettime(CLOCK_MONOTONIC, &ts);
	return (double)ts.tv_sec * 1e3 + (double)ts.tv_nsec / 1e6;
}

/* --release-report FILE: what the release left out (doc.h). */
static int write_release_report(const struct cli_options *o,
                                const struct doc *d, struct diag_list *dl)
{
	char *report;
	int rc;

	if (!o->release_report)
		return 0;
	report = doc_release_report(d);
	rc = file_write_output(o->release_report, report, strlen(report), dl);
	free(report);
	return rc;
}

int cli_build(const struct cli_options *o, struct cli_result *r,
              struct diag_list *dl)
{
	struct config *c = NULL;
	struct facts *f = NULL;
	struct doc *d = NULL;
	struct fonts *fonts = NULL;
	struct hyphen *hyph = NULL;
	struct pages *p = NULL;
	struct fonts_spec specs[FACE_COUNT];
	unsigned char *pdf = NULL;
	char *dep = NULL;
	size_t pdf_len = 0, dep_len = 0;
	char date[32];
	double start = now_ms();
	int rc = CLI_INPUT;

	/* the config is an input even when it cannot be read */
	path_set_add(&r->inputs, o->config);
	c = config_load_defines(o->config, &o->defines, dl);
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
			.font_dir = o->font_path, .file = c->font_files[i],
			.line = c->font_lines[i] };
	fonts = fonts_load(specs, dl);
	if (c->hyphenate)
		hyph = load_hyphen(c, fonts, dl);
	/* Recorded before anything can stop the build: what a failed build
	 * read is what watch mode must wait on. */
	cli_inputs(c, f, fonts, hyph, &r->inputs);
	check_outputs(o, &r->inputs, dl);
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
	/* the patterns are not needed past layout: render's peak is the
	 * build's */
	hyphen_free(hyph);
	hyph = NULL;
	if (!p)
		goto done;
	r->pages = p->len;
	{
		struct render_info info = {
			c->title, c->author, c->subject, c->keywords,
			"briefing " BRIEFING_VERSION, date, d->marking,
			c->reference, c->edition, c->version
		};

		/* Every input passed its checks by now (fonts_check_doc() found
		 * every character a face lacks), so a failure here is libharu's
		 * or ours, not the user's. */
		if (render_pdf(p, fonts, &info, &pdf, &pdf_len, dl) != 0) {
			rc = CLI_INTERNAL;
			goto done;
		}
	}
	r->bytes = pdf_len;
	/* --werror: a warning fails the build before anything is written. */
	if (o->werror && diag_promote_warnings(dl) > 0)
		goto done;
	/* check goes all the way through layout and rendering, which find
	 * what only they can (a chart too wide, a character no font has),
	 * and stops short of writing. */
	if (strcmp(o->command, "check") == 0) {
		rc = CLI_OK;
		if (o->provenance &&
		    doc_write_provenance(d, o->provenance, dl) != 0)
			rc = CLI_OUTPUT;
		goto done;
	}
	/* The depfile is made before anything is written (a name make
	 * cannot read fails the build as bad input would) and written after
	 * the PDF: it never describes a PDF that was not written. */
	if (o->depfile && cli_depfile_format(o->output, &r->inputs, &dep,
	                                     &dep_len, dl) != 0)
		goto done;
	/* the provenance report describes the PDF just written */
	if (file_write_output(o->output, pdf, pdf_len, dl) != 0 ||
	    (dep && file_write_output(o->depfile, dep, dep_len, dl) != 0) ||
	    (o->provenance &&
	     doc_write_provenance(d, o->provenance, dl) != 0) ||
	    write_release_report(o, d, dl) != 0) {
		rc = CLI_OUTPUT;
		goto done;
	}
	rc = CLI_OK;
done:
	if (o->werror)
		diag_promote_warnings(dl);
	if (rc == CLI_OK && dl->errors)
		rc = CLI_INPUT;
	free(dep);
	free(pdf);
	layout_free(p);
	doc_free(d);
	hyphen_free(hyph);
	fonts_free(fonts);
	facts_free(f);
	config_free(c);
	r->ms = now_ms() - start;
	return rc;
}

void cli_result_release(struct cli_result *r)
{
	path_set_release(&r->inputs);
}

int cli_run(const struct cli_options *o, struct path_set *inputs)
{
	struct diag_list dl = { NULL, 0, 0, 0 };
	struct cli_result r = { { NULL, 0, 0 }, 0, 0, 0 };
	int rc = cli_build(o, &r, &dl);
	bool summary_stdout = o->summary && strcmp(o->summary, "-") == 0;

	if (o->summary && cli_summary_write(o, rc, &r, &dl, &dl) != 0 &&
	    rc == CLI_OK)
		rc = CLI_OUTPUT;
	diag_print_color(&dl, stderr, o->color);
	fflush(stderr);
	if (rc == CLI_OK && !o->quiet && !summary_stdout) {
		if (strcmp(o->command, "check") == 0)
			printf("%s: ok (%zu warning%s)\n", o->config, dl.len,
			       dl.len == 1 ? "" : "s");
		else if (!file_is_stdout(o->output))
			printf("wrote %s (%zu page%s)\n", o->output, r.pages,
			       r.pages == 1 ? "" : "s");
	}
	fflush(stdout);
	if (inputs)
		path_set_merge(inputs, &r.inputs);
	cli_result_release(&r);
	diag_release(&dl);
	return rc;
}
