/*
 * cli/cli.h: the command line's parts, shared by main.c and src/cli/.
 *
 * The CLI is the only code that prints and picks exit statuses; it is not
 * a pipeline stage, so this header is private to it (src/, not include/).
 *
 *   main.c      options (one table), usage, dispatch to a command
 *   build.c     one build: the pipeline, the output, the list of inputs,
 *               and reporting it (diagnostics, "wrote", summary)
 *   depfile.c   the make rule of --depfile
 *   summary.c   the JSON line of --summary-json
 *   watch.c     briefing watch: rebuild when an input changes (inotify)
 *   init.c      briefing init DIR: a minimal mission that builds
 *   fonts.c     briefing fonts: the faces a config can name
 */
#ifndef BRIEFING_CLI_H
#define BRIEFING_CLI_H

#include <stdbool.h>
#include <stddef.h>

#include "briefing/base/diag.h"
#include "briefing/base/pathset.h"
#include "briefing/input.h"

/* Exit statuses, documented in --help, README.md and docs/cli.md. */
enum cli_exit {
	CLI_OK = 0,        /* success; warnings may have been printed */
	CLI_INPUT = 1,     /* bad input (config, data, fonts), or a warning
	                      under --werror; nothing was written */
	CLI_USAGE = 2,     /* bad command line */
	CLI_OUTPUT = 3,    /* the output, depfile or summary could not be
	                      written; a previous output is untouched */
	CLI_INTERNAL = 4   /* out of memory, or libharu failed on input that
	                      passed every check: a bug to report */
};

struct cli_options {
	const char *command;   /* "build", "check", "watch", "init", "fonts" */
	const char *config;
	const char *output;    /* "-": standard output */
	const char *depfile;   /* NULL: none */
	const char *summary;   /* NULL: none; "-": standard output */
	const char *provenance; /* the provenance report; NULL: none */
	const char *font_path; /* --font-path: searched first; NULL: none */
	struct config_defines defines;   /* every -D, in order */
	const char *operand;   /* init's directory */
	/* the release the build is for, and its report; NULL: the config's */
	const char *release_level, *releasable_to, *release_report;
	bool quiet;
	bool werror;
	bool color;            /* colour the level of diagnostics */
};

/* What one build did, for the summary and watch mode. */
struct cli_result {
	struct path_set inputs;  /* the files it read, as far as it got */
	size_t pages;            /* 0 unless laid out */
	size_t bytes;            /* of the PDF; 0 unless rendered */
	double ms;               /* wall time of the whole build */
};

/* ---- build.c ---- */

/* Runs one build (or check) as o says: reads the inputs, lays out,
 * renders and, for build and watch, writes the output and then the
 * depfile. Problems go to dl; r (zero-initialised by the caller, released
 * with cli_result_release()) gets what the build read and made. Returns
 * a cli_exit status. Prints nothing. */
int cli_build(const struct cli_options *o, struct cli_result *r,
              struct diag_list *dl);

void cli_result_release(struct cli_result *r);

/* cli_build(), then the report: the summary line (when asked for), every
 * diagnostic on stderr, and "wrote FILE (N pages)" on stdout unless
 * quiet, writing to stdout or printing the summary there. When inputs is
 * not NULL, the build's inputs are added to it. Returns the status. */
int cli_run(const struct cli_options *o, struct path_set *inputs);

/* The files a build reads: input_files() of c and f (either may be NULL),
 * the resolved file of every face of fonts, the hyphenation patterns of
 * hyph (both may be NULL). */
struct config;
struct facts;
struct fonts;
struct hyphen;
void cli_inputs(const struct config *c, const struct facts *f,
                const struct fonts *fonts, const struct hyphen *hyph,
                struct path_set *set);

/* ---- depfile.c ---- */

/* Appends to buf (of *len bytes, *cap allocated; grown with xgrow) the
 * file name name as GNU make reads it back in a rule: as a target when
 * target, else as a prerequisite. Returns 0, or -1 with *why saying what
 * make cannot read (a newline, ';', '=', ...). */
int cli_make_escape(char **buf, size_t *len, size_t *cap, const char *name,
                    bool target, const char **why);

/* The depfile text: the make rule "target: inputs..." and an empty rule
 * per input (as gcc -MP writes, so a deleted input does not stop make),
 * in a new buffer *out of *len bytes that the caller frees. Returns 0, or
 * -1 with a diagnostic when make could not read a name back. */
int cli_depfile_format(const char *target, const struct path_set *inputs,
                       char **out, size_t *len, struct diag_list *dl);

/* ---- summary.c ---- */

/* Writes the summary of one build as one JSON line to o->summary ("-":
 * standard output; otherwise appended to the file in one write, so
 * parallel builds may share a log). status is the exit status. Returns 0,
 * or -1 with a diagnostic. */
int cli_summary_write(const struct cli_options *o, int status,
                      const struct cli_result *r, const struct diag_list *dl,
                      struct diag_list *out);

/* ---- watch.c ---- */

/* briefing watch: builds, then rebuilds whenever one of the build's
 * inputs changes, until SIGINT or SIGTERM (status 0). Returns a cli_exit
 * status when it cannot watch at all. */
int cli_watch(const struct cli_options *o);

/* ---- init.c ---- */

/* briefing init DIR: writes a minimal mission into o->operand (created
 * if missing): config/briefing.ini, data/mission.ini, data/units.csv and
 * an empty out/, so that "cd DIR && briefing build" works at once. It
 * refuses (status 1, nothing written) when any of the files exists.
 * Prints what it wrote unless quiet. Returns a cli_exit status. */
int cli_init(const struct cli_options *o);

/* The PNG of init's example crest, a plain shield (init_crest.c), in a
 * new buffer of *len bytes that the caller frees; NULL if it cannot be
 * compressed. */
unsigned char *cli_init_crest(size_t *len);

/* ---- fonts.c ---- */

/* briefing fonts: prints, one per line, "NAME<TAB>FILE" for every face
 * fontfind_list() gives (o->font_path first). Returns a cli_exit status. */
int cli_fonts(const struct cli_options *o);

#endif
