/*
 * fileio.c: whole-file reads with clear errors, and atomic writes.
 *
 * A scheduled build must never leave a truncated PDF or destroy the last
 * good one, so output goes to a temporary sibling that is fsync'd and
 * renamed; rename() within a directory is atomic on POSIX file systems.
 */
#define _POSIX_C_SOURCE 200809L
#include "briefing/base/fileio.h"

#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "briefing/base/xalloc.h"

int file_read(const char *path, char **buf, size_t *len, struct diag_list *dl)
{
	struct stat st;
	char *data = NULL;
	size_t used = 0, cap = 0;
	int fd;

	*buf = NULL;
	*len = 0;
	fd = open(path, O_RDONLY);
	if (fd < 0)
		return diag_error(dl, path, 0, "cannot open: %s", strerror(errno));
	if (fstat(fd, &st) == 0 && S_ISDIR(st.st_mode)) {
		close(fd);
		return diag_error(dl, path, 0, "is a directory, not a file");
	}
	for (;;) {
		ssize_t n;

		data = xgrow(data, &cap, used + 65536 + 1, 1);
		n = read(fd, data + used, cap - used - 1);
		if (n < 0 && errno == EINTR)
			continue;
		if (n < 0) {
			diag_error(dl, path, 0, "cannot read: %s", strerror(errno));
			goto fail;
		}
		if (n == 0)
			break;
		used += (size_t)n;
		if (used > FILEIO_MAX_INPUT) {
			diag_error(dl, path, 0,
			           "file is larger than the limit of %zu bytes",
			           FILEIO_MAX_INPUT);
			goto fail;
		}
	}
	close(fd);
	data[used] = '\0';
	*buf = data;
	*len = used;
	return 0;
fail:
	close(fd);
	free(data);
	return -1;
}

int file_write_atomic(const char *path, const void *data, size_t len,
                      struct diag_list *dl)
{
	char *dir = path_dirname(path);
	char *tmp = xasprintf("%s.tmp.XXXXXX", path);
	const char *p = data;
	int fd;

	fd = mkstemp(tmp);
	if (fd < 0) {
		struct stat st;

		if (stat(dir, &st) != 0)
			diag_error(dl, path, 0, "output directory '%s' does not exist",
			           dir);
		else
			diag_error(dl, path, 0, "cannot create output file: %s",
			           strerror(errno));
		goto fail_free;
	}
	while (len > 0) {
		ssize_t n = write(fd, p, len);

		if (n < 0 && errno == EINTR)
			continue;
		if (n < 0) {
			diag_error(dl, path, 0, "cannot write output: %s",
			           strerror(errno));
			goto fail_unlink;
		}
		p += n;
		len -= (size_t)n;
	}
	if (fsync(fd) != 0 && errno != EINVAL) {
		diag_error(dl, path, 0, "cannot write output: %s", strerror(errno));
		goto fail_unlink;
	}
	/* mkstemp creates 0600; a PDF is a document for others to read. */
	{
		mode_t mask = umask(0);

		umask(mask);
		fchmod(fd, 0666 & ~mask);
	}
	if (close(fd) != 0) {
		fd = -1;
		diag_error(dl, path, 0, "cannot write output: %s", strerror(errno));
		goto fail_unlink;
	}
	fd = -1;
	if (rename(tmp, path) != 0) {
		diag_error(dl, path, 0, "cannot replace output: %s", strerror(errno));
		goto fail_unlink;
	}
	free(tmp);
	free(dir);
	return 0;
fail_unlink:
	if (fd >= 0)
		close(fd);
	unlink(tmp);
fail_free:
	free(tmp);
	free(dir);
	return -1;
}

char *path_dirname(const char *path)
{
	const char *slash = strrchr(path, '/');

	if (!slash)
		return xstrdup(".");
	if (slash == path)
		return xstrdup("/");
	return xstrndup(path, (size_t)(slash - path));
}

char *path_join(const char *dir, const char *rel)
{
	if (rel[0] == '/' || !dir || !dir[0] || strcmp(dir, ".") == 0)
		return xstrdup(rel);
	return xasprintf("%s/%s", dir, rel);
}
