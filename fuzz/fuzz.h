/*
 * fuzz.h: what the libFuzzer harnesses share: a name for the input that
 * points into an empty scratch directory, and a file_read() that cannot
 * leave it.
 *
 * The parsers read other files named relative to the input's name (a
 * config's "include = FILE", a table fact's "file = FILE.csv"). Fuzzing must
 * stay hermetic, so the name is FILE in a fresh, empty temporary directory:
 * every relative path resolves to a file that does not exist. The harnesses
 * are linked with -Wl,--wrap=file_read, and __wrap_file_read() treats any
 * path outside that directory (absolute, or climbing out with "..") as
 * missing too, so "include = /dev/stdin" can neither read the host nor
 * block.
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

int __real_file_read(const char *path, char **buf, size_t *len,
                     struct diag_list *dl);
int __wrap_file_read(const char *path, char **buf, size_t *len,
                     struct diag_list *dl);

int __wrap_file_read(const char *path, char **buf, size_t *len,
                     struct diag_list *dl)
{
	size_t n = strlen(fuzz_dir);

	if (strncmp(path, fuzz_dir, n) == 0 && path[n] == '/' &&
	    !strstr(path + n, "/.."))
		return __real_file_read(path, buf, len, dl);
	*buf = NULL;
	*len = 0;
	return diag_error(dl, path, 0, "cannot open: %s", strerror(ENOENT));
}

#endif
