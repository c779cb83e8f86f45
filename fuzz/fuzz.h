/*
 * fuzz.h: what the libFuzzer harnesses share: a name for the input that
 * points into an empty scratch directory, and file reads that cannot
 * leave it.
 *
 * The parsers read other files named relative to the input's name (a
 * config's "include = FILE", a table fact's "file = FILE.csv"). Fuzzing must
 * stay hermetic, so the name is FILE in a fresh, empty temporary directory:
 * every relative path resolves to a file that does not exist. The harnesses
 * are linked with -Wl,--wrap=file_parse_at,--wrap=file_read_at, and the
 * wrappers treat any path outside that directory (absolute, or climbing
 * out with "..") as missing too, so "include = /dev/stdin" or
 * "file = /etc/passwd" can neither read the host nor block.
 *
 * Each harness defines _POSIX_C_SOURCE (for mkdtemp) before any include.
 */
#ifndef BRIEFING_FUZZ_H
#define BRIEFING_FUZZ_H

#include <errno.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "briefing/base/diag.h"
#include "briefing/base/fileio.h"

static char fuzz_dir[] = "/tmp/briefing-fuzz-XXXXXX";

static void fuzz_remove_dir(void)
{
	rmdir(fuzz_dir);
}

/* "<scratch dir>/base", made once; the directory is removed at exit. */
static const char *fuzz_name(const char *base)
{
	static char name[sizeof fuzz_dir + 64];

	if (!name[0]) {
		if (!mkdtemp(fuzz_dir)) {
			perror("fuzz: mkdtemp");
			abort();
		}
		atexit(fuzz_remove_dir);
		snprintf(name, sizeof name, "%s/%s", fuzz_dir, base);
	}
	return name;
}

/* The harness for a parser that returns a new object or NULL: parse the
 * input under the scratch name base, then free the object and the
 * diagnostics. */
#define FUZZ_PARSER(parse, release, base) \
	int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size); \
	int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size) \
	{ \
		struct diag_list dl = { 0 }; \
		release(parse((const char *)data, size, fuzz_name(base), &dl)); \
		diag_release(&dl); \
		return 0; \
	}

/* True when path lies inside the scratch directory. */
static int fuzz_inside(const char *path)
{
	size_t n = strlen(fuzz_dir);

	return strncmp(path, fuzz_dir, n) == 0 && path[n] == '/' &&
	       !strstr(path + n, "/..");
}

/* Every way the parsers and the fonts module read a file by name:
 * file_parse_at() (includes, data files, CSV tables) and file_read_at()
 * (fonts, images). file_read() is only called from fileio.c itself, where
 * --wrap cannot reach, from main.c, which no harness links, and from
 * render's image loader, which no harness hands a path. */
void *__real_file_parse_at(const char *path, const char *ref_file,
                           int ref_line, file_parser *parse, void *ctx,
                           struct diag_list *dl);
void *__wrap_file_parse_at(const char *path, const char *ref_file,
                           int ref_line, file_parser *parse, void *ctx,
                           struct diag_list *dl);
int __real_file_read_at(const char *path, const char *ref_file, int ref_line,
                        char **buf, size_t *len, struct diag_list *dl);
int __wrap_file_read_at(const char *path, const char *ref_file, int ref_line,
                        char **buf, size_t *len, struct diag_list *dl);

void *__wrap_file_parse_at(const char *path, const char *ref_file,
                           int ref_line, file_parser *parse, void *ctx,
                           struct diag_list *dl)
{
	if (fuzz_inside(path))
		return __real_file_parse_at(path, ref_file, ref_line, parse, ctx,
		                            dl);
	diag_error(dl, path, 0, "cannot open: %s", strerror(ENOENT));
	return NULL;
}

int __wrap_file_read_at(const char *path, const char *ref_file, int ref_line,
                        char **buf, size_t *len, struct diag_list *dl)
{
	if (fuzz_inside(path))
		return __real_file_read_at(path, ref_file, ref_line, buf, len, dl);
	*buf = NULL;
	*len = 0;
	return diag_error(dl, path, 0, "cannot open: %s", strerror(ENOENT));
}

#endif
