/*
 * watch.c: briefing watch, a rebuild whenever an input changes.
 *
 * The inputs are the build's own list (cli_inputs(): config, includes,
 * data, CSV, Markdown, fonts, patterns), the set --depfile writes. Their
 * directories are watched with inotify, not the files: editors that save
 * by writing a new file and renaming it over the old one (vim, emacs,
 * sed -i) replace the inode a file watch would follow, while the
 * directory sees the new name arrive. An input that is a symbolic link
 * is watched at its target's directory too.
 *
 * A change starts a quiet period (DEBOUNCE_MS with no further event) so
 * that one save (often several events: a temporary file, a rename, an
 * attribute change) gives one build. A failed build leaves the last good
 * PDF as it was (outputs are written atomically and only on success) and
 * prints its errors; the inputs it got to are watched as well as those
 * of earlier builds, so fixing a file that broke the build rebuilds.
 * Events that arrive during a build stay queued and start the next one.
 *
 * SIGINT and SIGTERM are taken through a signalfd, so a signal never
 * interrupts a build halfway: the build in progress finishes (or fails)
 * and watch exits with status 0.
 */
#define _GNU_SOURCE
#include "cli/cli.h"

#include <errno.h>
#include <limits.h>
#include <poll.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/inotify.h>
#include <sys/signalfd.h>
#include <unistd.h>

#include "briefing/base/fileio.h"
#include "briefing/base/xalloc.h"

#define DEBOUNCE_MS 150

/* What to rebuild on: a directory watch and a name in it. */
struct watched {
	int wd;
	char *name;
};

struct watch {
	int ifd, sfd;
	struct path_set inputs;   /* every input of every build so far */
	struct watched *files;
	size_t len, cap;
};

static void add_name(struct watch *w, int wd, const char *name)
{
	for (size_t i = 0; i < w->len; i++)
		if (w->files[i].wd == wd && strcmp(w->files[i].name, name) == 0)
			return;
	w->files = xgrow(w->files, &w->cap, w->len + 1, sizeof *w->files);
	w->files[w->len].wd = wd;
	w->files[w->len++].name = xstrdup(name);
}

/* Watches the directory of path for changes to its last component. */
static int watch_path(struct watch *w, const char *path)
{
	const uint32_t mask = IN_CLOSE_WRITE | IN_MOVED_TO | IN_MOVED_FROM |
	                      IN_CREATE | IN_DELETE | IN_ATTRIB |
	                      IN_DELETE_SELF | IN_MOVE_SELF | IN_ONLYDIR;
	const char *slash = strrchr(path, '/');
	char *dir = path_dirname(path);
	int wd = inotify_add_watch(w->ifd, dir, mask);

	free(dir);
	if (wd < 0)
		return -1;
	add_name(w, wd, slash ? slash + 1 : path);
	return 0;
}

/* (Re)computes the watches: inotify_add_watch() of a directory already
 * watched returns its descriptor, and a directory that was removed and
 * made again gets a new one. Returns how many inputs are watched. */
static size_t rewatch(struct watch *w)
{
	size_t n = 0;

	for (size_t i = 0; i < w->len; i++)
		free(w->files[i].name);
	w->len = 0;
	for (size_t i = 0; i < w->inputs.len; i++) {
		struct diag_list ignored = { NULL, 0, 0, 0 };
		char *target = file_resolve_links(w->inputs.items[i], &ignored);
		int ok = watch_path(w, w->inputs.items[i]) == 0;

		if (target && strcmp(target, w->inputs.items[i]) != 0)
			ok |= watch_path(w, target) == 0;
		n += ok != 0;
		free(target);
		diag_release(&ignored);
	}
	return n;
}

/* Reads the pending events; true when one concerns an input (or the
 * queue overflowed, or a watched directory went away). */
static bool drain(struct watch *w)
{
	char buf[64 * (sizeof(struct inotify_event) + NAME_MAX + 1)]
		__attribute__((aligned(__alignof__(struct inotify_event))));
	bool hit = false;

	for (;;) {
		ssize_t n = read(w->ifd, buf, sizeof buf);

		if (n < 0 && errno == EINTR)
			continue;
		if (n <= 0)
			return hit;
		for (char *p = buf; p < buf + n;) {
			const struct inotify_event *e = (const void *)p;

			if (e->mask & (IN_Q_OVERFLOW | IN_IGNORED | IN_DELETE_SELF |
			               IN_MOVE_SELF))
				hit = true;
			for (size_t i = 0; !hit && e->len && i < w->len; i++)
				hit = w->files[i].wd == e->wd &&
				      strcmp(w->files[i].name, e->name) == 0;
			p += sizeof *e + e->len;
		}
	}
}

/* Waits for fds; returns 1 when inotify is readable, 0 on timeout, -1
 * when a signal asks to stop. */
static int wait_for(const struct watch *w, int timeout_ms)
{
	struct pollfd fds[2] = { { w->ifd, POLLIN, 0 }, { w->sfd, POLLIN, 0 } };

	for (;;) {
		int n = poll(fds, 2, timeout_ms);

		if (n < 0 && errno == EINTR)
			continue;
		if (n < 0 || (fds[1].revents & POLLIN))
			return -1;
		if (n == 0)
			return 0;
		return 1;
	}
}

static void watch_release(struct watch *w)
{
	for (size_t i = 0; i < w->len; i++)
		free(w->files[i].name);
	free(w->files);
	path_set_release(&w->inputs);
	if (w->ifd >= 0)
		close(w->ifd);
	if (w->sfd >= 0)
		close(w->sfd);
}

int cli_watch(const struct cli_options *o)
{
	struct watch w = { -1, -1, { NULL, 0, 0 }, NULL, 0, 0 };
	sigset_t stop;
	int rc = CLI_OK;

	sigemptyset(&stop);
	sigaddset(&stop, SIGINT);
	sigaddset(&stop, SIGTERM);
	if (sigprocmask(SIG_BLOCK, &stop, NULL) != 0 ||
	    (w.sfd = signalfd(-1, &stop, SFD_CLOEXEC)) < 0 ||
	    (w.ifd = inotify_init1(IN_NONBLOCK | IN_CLOEXEC)) < 0) {
		fprintf(stderr, "briefing: error: cannot watch files: %s\n",
		        strerror(errno));
		watch_release(&w);
		return CLI_INTERNAL;
	}
	for (bool first = true;; first = false) {
		size_t watched;

		cli_run(o, &w.inputs);
		watched = rewatch(&w);
		if (watched == 0) {
			char *safe = diag_escape(o->config);

			fprintf(stderr, "briefing: error: cannot watch any input of "
			        "%s: none of their directories can be watched\n", safe);
			free(safe);
			rc = CLI_INPUT;
			break;
		}
		if (first && !o->quiet) {
			printf("watching %zu file%s; Ctrl-C stops\n", w.inputs.len,
			       w.inputs.len == 1 ? "" : "s");
			fflush(stdout);
		}
		/* until an input changes */
		for (bool hit = false; !hit;) {
			if (wait_for(&w, -1) < 0)
				goto stop;
			hit = drain(&w);
		}
		/* then until it has been quiet for a while */
		for (int r; (r = wait_for(&w, DEBOUNCE_MS)) != 0;) {
			if (r < 0)
				goto stop;
			drain(&w);
		}
	}
stop:
	watch_release(&w);
	return rc;
}
