/*
 * summary.c: --summary-json, one line per build for log shippers.
 *
 *   {"command":"build","status":0,"output":"out/briefing.pdf","pages":7,
 *    "bytes":40123,"milliseconds":9.4,"warnings":0,"errors":0,
 *    "inputs":["config/briefing.ini","data/kfor.ini",...],
 *    "defines":["page.size=letter"]}
 *
 * (on one line). It is written for failed builds too, with their status,
 * so a log shows every run. A file is opened for appending and the line
 * goes out in one write(2): on a local file system lines of parallel
 * builds sharing one log do not interleave. File names are bytes, JSON
 * is UTF-8: a byte that is not UTF-8 is written as U+FFFD.
 */
#define _POSIX_C_SOURCE 200809L
#include "cli/cli.h"

#include <errno.h>
#include <fcntl.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "briefing/base/strbuf.h"
#include "briefing/base/xalloc.h"

/* The line, without its newline. */
static void format(struct strbuf *b, const struct cli_options *o, int status,
                   const struct cli_result *r, const struct diag_list *dl)
{
	size_t warnings = 0;

	for (size_t i = 0; i < dl->len; i++)
		warnings += dl->items[i].level == DIAG_WARNING;
	strbuf_add(b, "{\"command\":", 11);
	strbuf_json(b, o->command);
	strbuf_addf(b, ",\"status\":%d,\"output\":", status);
	if (strcmp(o->command, "check") == 0)
		strbuf_add(b, "null", 4);
	else
		strbuf_json(b, o->output);
	strbuf_addf(b, ",\"pages\":%zu,\"bytes\":%zu,\"milliseconds\":%.1f", r->pages,
	     r->bytes, r->ms);
	strbuf_addf(b, ",\"warnings\":%zu,\"errors\":%zu,\"inputs\":[", warnings,
	     dl->errors);
	for (size_t i = 0; i < r->inputs.len; i++) {
		if (i)
			strbuf_add(b, ",", 1);
		strbuf_json(b, r->inputs.items[i]);
	}
	/* which variant of the config this was: every -D, in order */
	strbuf_add(b, "],\"defines\":[", 13);
	for (size_t i = 0; i < o->defines.len; i++) {
		if (i)
			strbuf_add(b, ",", 1);
		strbuf_json(b, o->defines.items[i]);
	}
	strbuf_add(b, "]}\n", 3);
}

/* Appends b to path in one write; 0 or an errno. A FIFO without a reader
 * is an error, not a wait (O_NONBLOCK). */
static int append(const char *path, const struct strbuf *b)
{
	int fd = open(path, O_WRONLY | O_APPEND | O_CREAT | O_NOCTTY |
	              O_NONBLOCK | O_CLOEXEC, 0666);
	int err = 0, flags;
	size_t done = 0;
	struct stat st;

	if (fd < 0)
		return errno;
	if (fstat(fd, &st) == 0 && S_ISDIR(st.st_mode)) {
		close(fd);
		return EISDIR;
	}
	flags = fcntl(fd, F_GETFL);
	if (flags >= 0)
		(void)fcntl(fd, F_SETFL, flags & ~O_NONBLOCK);
	while (done < b->len) {
		ssize_t n = write(fd, b->s + done, b->len - done);

		if (n < 0 && errno == EINTR)
			continue;
		if (n <= 0) {
			err = n < 0 ? errno : EIO;
			break;
		}
		done += (size_t)n;
	}
	if (close(fd) != 0 && !err)
		err = errno;
	return err;
}

int cli_summary_write(const struct cli_options *o, int status,
                      const struct cli_result *r, const struct diag_list *dl,
                      struct diag_list *out)
{
	struct strbuf b = { NULL, 0, 0 };
	int err = 0;

	format(&b, o, status, r, dl);
	if (strcmp(o->summary, "-") == 0) {
		errno = 0;
		if (fwrite(b.s, 1, b.len, stdout) != b.len || fflush(stdout) != 0)
			err = errno ? errno : EIO;
	} else {
		err = append(o->summary, &b);
	}
	free(b.s);
	if (err)
		return diag_error(out, strcmp(o->summary, "-") == 0 ? NULL :
		                  o->summary, 0, "cannot write the summary: %s",
		                  strerror(err));
	return 0;
}
