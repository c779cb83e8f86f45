/*
 * fileio.c: whole-file reads with clear errors, and careful writes.
 *
 * Inputs are regular files only. Opening is non-blocking, so a FIFO named
 * as an input is refused at once instead of waiting forever for a writer,
 * and the type is checked on the open descriptor (fstat), not on the name,
 * so nothing can be swapped in between the check and the read.
 *
 * A scheduled build must never leave a truncated PDF or destroy the last
 * good one, so a regular output goes to a temporary sibling that is
 * fsync'd and renamed; rename() within a directory is atomic on POSIX file
 * systems. Devices and FIFOs cannot be renamed over and are written
 * straight to; a symlink is followed so that its target is replaced and
 * the link stays.
 */
#define _POSIX_C_SOURCE 200809L
#include "briefing/base/fileio.h"

#include <errno.h>
#include <fcntl.h>
#include <limits.h>
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "briefing/base/xalloc.h"

/* Linux gives up after 40 links (SYMLOOP_MAX); so do we. */
#define FILEIO_MAX_LINKS 40

/* The part of mkstemp's template after the output's own name. */
#define TEMP_SUFFIX ".tmp.XXXXXX"

/* What a file that is not a regular file is, for "is a FIFO, not ...". */
static const char *type_name(mode_t mode)
{
	if (S_ISDIR(mode))
		return "a directory";
	if (S_ISFIFO(mode))
		return "a FIFO";
	if (S_ISCHR(mode))
		return "a character device";
	if (S_ISBLK(mode))
		return "a block device";
	if (S_ISSOCK(mode))
		return "a socket";
	return "not a regular file";
}

/* Reports problem with the input path: at the config line that named it
 * when the caller knows one (ref_file), else at the file itself. */
static int input_error(const char *path, const char *ref_file, int ref_line,
                       const char *problem, struct diag_list *dl)
{
	if (ref_file)
		return diag_error(dl, ref_file, ref_line, "'%s': %s", path, problem);
	return diag_error(dl, path, 0, "%s", problem);
}

/* Reports why mode is not a regular file. A directory keeps its older,
 * shorter message, which scripts may already match. */
static int not_regular(const char *path, const char *ref_file, int ref_line,
                       mode_t mode, struct diag_list *dl)
{
	char *problem;
	int rc;

	if (S_ISDIR(mode))
		return input_error(path, ref_file, ref_line,
		                   "is a directory, not a file", dl);
	problem = xasprintf("is %s, not a regular file", type_name(mode));
	rc = input_error(path, ref_file, ref_line, problem, dl);
	free(problem);
	return rc;
}

/* Opens path for reading if it is a regular file; returns the descriptor
 * (blocking again) or -1 after reporting. *size gets its size. */
static int open_regular(const char *path, const char *ref_file, int ref_line,
                        off_t *size, struct diag_list *dl)
{
	struct stat st;
	char *problem;
	int fd, flags;

	/* O_NONBLOCK: opening a FIFO for reading would otherwise wait for a
	 * writer, and opening a terminal or modem line for its carrier. */
	fd = open(path, O_RDONLY | O_NONBLOCK | O_NOCTTY | O_CLOEXEC);
	if (fd < 0) {
		int err = errno;

		/* A Unix socket cannot be opened at all (ENXIO): name it. */
		if (err == ENXIO && stat(path, &st) == 0 && !S_ISREG(st.st_mode))
			return not_regular(path, ref_file, ref_line, st.st_mode, dl);
		problem = xasprintf("cannot open: %s", strerror(err));
		input_error(path, ref_file, ref_line, problem, dl);
		free(problem);
		return -1;
	}
	if (fstat(fd, &st) != 0) {
		problem = xasprintf("cannot read: %s", strerror(errno));
		input_error(path, ref_file, ref_line, problem, dl);
		free(problem);
		close(fd);
		return -1;
	}
	if (!S_ISREG(st.st_mode)) {
		close(fd);
		return not_regular(path, ref_file, ref_line, st.st_mode, dl);
	}
	/* A regular file never blocks, but a read must not see EAGAIN from
	 * a file system that honours the flag (some FUSE and network ones). */
	flags = fcntl(fd, F_GETFL);
	if (flags >= 0)
		(void)fcntl(fd, F_SETFL, flags & ~O_NONBLOCK);
	*size = st.st_size;
	return fd;
}

int file_check_input(const char *path, const char *ref_file, int ref_line,
                     struct diag_list *dl)
{
	off_t size;
	int fd = open_regular(path, ref_file, ref_line, &size, dl);

	if (fd < 0)
		return -1;
	close(fd);
	return 0;
}

/* Reads fd to the end into a new NUL-terminated buffer; -1 on error
 * (reported against path and the referring line). size is what fstat
 * said: the buffer starts that big (and one byte more, so the read that
 * finds the end needs no room of its own), so a font is read once, not
 * copied through buffers twice its size. */
static int read_all(int fd, off_t size, const char *path,
                    const char *ref_file, int ref_line, char **buf,
                    size_t *len, struct diag_list *dl)
{
	size_t used = 0, cap = size > 0 ? (size_t)size + 2 : 0;
	char *data = cap ? xmalloc(cap) : NULL, *problem;

	for (;;) {
		ssize_t n;

		if (cap - used < 2)
			data = xgrow(data, &cap, used + 65536 + 1, 1);
		n = read(fd, data + used, cap - used - 1);
		if (n < 0 && errno == EINTR)
			continue;
		if (n < 0) {
			problem = xasprintf("cannot read: %s", strerror(errno));
			input_error(path, ref_file, ref_line, problem, dl);
			free(problem);
			goto fail;
		}
		if (n == 0)
			break;
		used += (size_t)n;
		/* Checked while reading too: the file may grow after fstat. */
		if (used > FILEIO_MAX_INPUT)
			goto too_big;
	}
	data[used] = '\0';
	*buf = data;
	*len = used;
	return 0;
too_big:
	problem = xasprintf("file is larger than the limit of %zu bytes",
	                    FILEIO_MAX_INPUT);
	input_error(path, ref_file, ref_line, problem, dl);
	free(problem);
fail:
	free(data);
	return -1;
}

int file_read_at(const char *path, const char *ref_file, int ref_line,
                 char **buf, size_t *len, struct diag_list *dl)
{
	off_t size = 0;
	int fd, rc;

	*buf = NULL;
	*len = 0;
	fd = open_regular(path, ref_file, ref_line, &size, dl);
	if (fd < 0)
		return -1;
	/* Refuse a huge file before reading 16 MB of it. */
	if (size > 0 && (unsigned long long)size > FILEIO_MAX_INPUT) {
		char *problem = xasprintf("file is larger than the limit of %zu "
		                          "bytes", FILEIO_MAX_INPUT);

		input_error(path, ref_file, ref_line, problem, dl);
		free(problem);
		close(fd);
		return -1;
	}
	rc = read_all(fd, size, path, ref_file, ref_line, buf, len, dl);
	close(fd);
	return rc;
}

int file_read(const char *path, char **buf, size_t *len, struct diag_list *dl)
{
	return file_read_at(path, NULL, 0, buf, len, dl);
}

void *file_parse_at(const char *path, const char *ref_file, int ref_line,
                    file_parser *parse, void *ctx, struct diag_list *dl)
{
	char *buf;
	size_t len;
	void *result;

	if (file_read_at(path, ref_file, ref_line, &buf, &len, dl) != 0)
		return NULL;
	result = parse(ctx, buf, len, path, dl);
	free(buf);
	return result;
}

/* Writes all of data to fd, retrying short writes; 0, or an errno. */
static int write_all(int fd, const void *data, size_t len)
{
	const char *p = data;

	while (len > 0) {
		ssize_t n = write(fd, p, len);

		if (n < 0 && errno == EINTR)
			continue;
		if (n < 0)
			return errno;
		if (n == 0)
			return EIO;
		p += n;
		len -= (size_t)n;
	}
	return 0;
}

/* The longest file name the directory of path takes (NAME_MAX, or less on
 * some file systems). */
static size_t name_max(const char *path)
{
	char *dir = path_dirname(path);
	long max = pathconf(dir, _PC_NAME_MAX);

	free(dir);
	if (max <= 0)
		max = 255;
	return (size_t)max;
}

/* The mkstemp() template for path: "<name>.tmp.XXXXXX" in path's
 * directory. mkstemp fills in XXXXXX and creates with O_EXCL, so the name
 * is unique even next to other builds. A name near NAME_MAX is shortened
 * (at a UTF-8 character boundary) so the template still fits. */
static char *temp_template(const char *path)
{
	const char *slash = strrchr(path, '/');
	const char *base = slash ? slash + 1 : path;
	size_t max = name_max(path), keep = strlen(base);
	size_t room = max > strlen(TEMP_SUFFIX) ? max - strlen(TEMP_SUFFIX) : 0;

	if (keep > room) {
		keep = room;
		while (keep > 0 && ((unsigned char)base[keep] & 0xC0) == 0x80)
			keep--;
	}
	return xasprintf("%.*s%.*s" TEMP_SUFFIX, (int)(base - path), path,
	                 (int)keep, base);
}

/* The mode the new file gets: an existing file's own permissions (a
 * private 0600 briefing stays private), else what the umask allows for a
 * document others read. mkstemp itself creates 0600. */
static mode_t output_mode(const char *path)
{
	struct stat st;
	mode_t mask;

	if (stat(path, &st) == 0 && S_ISREG(st.st_mode))
		return st.st_mode & 0777;
	mask = umask(0);
	umask(mask);
	return 0666 & ~mask;
}

/* Makes the rename itself durable. Not every file system can fsync a
 * directory (EINVAL); the data is safe either way, so this is best
 * effort and never an error. */
static void sync_dir(const char *path)
{
	char *dir = path_dirname(path);
	int fd = open(dir, O_RDONLY | O_DIRECTORY | O_CLOEXEC);

	if (fd >= 0) {
		(void)fsync(fd);
		close(fd);
	}
	free(dir);
}

/* Creates the temporary file for path; -1 after reporting. */
static int create_temp(const char *path, char *tmp, struct diag_list *dl)
{
	int fd = mkstemp(tmp);

	if (fd < 0) {
		int err = errno;
		char *dir = path_dirname(path);
		struct stat st;

		if (stat(dir, &st) != 0)
			diag_error(dl, path, 0, "output directory '%s' does not exist",
			           dir);
		else
			diag_error(dl, path, 0, "cannot create output file: %s",
			           strerror(err));
		free(dir);
	}
	return fd;
}

int file_write_atomic(const char *path, const void *data, size_t len,
                      struct diag_list *dl)
{
	char *tmp = temp_template(path);
	mode_t mode = output_mode(path);
	int fd, err;

	fd = create_temp(path, tmp, dl);
	if (fd < 0)
		goto fail_free;
	err = write_all(fd, data, len);
	if (!err && fsync(fd) != 0 && errno != EINVAL)
		err = errno;
	if (!err && fchmod(fd, mode) != 0)
		err = errno;
	if (err) {
		diag_error(dl, path, 0, "cannot write output: %s", strerror(err));
		goto fail_unlink;
	}
	err = close(fd) != 0 ? errno : 0;
	fd = -1;
	if (err) {
		diag_error(dl, path, 0, "cannot write output: %s", strerror(err));
		goto fail_unlink;
	}
	if (rename(tmp, path) != 0) {
		diag_error(dl, path, 0, "cannot replace output: %s", strerror(errno));
		goto fail_unlink;
	}
	sync_dir(path);
	free(tmp);
	return 0;
fail_unlink:
	if (fd >= 0)
		close(fd);
	unlink(tmp);
fail_free:
	free(tmp);
	return -1;
}

/* Writes to a character device or FIFO as it is: it cannot be renamed
 * over, and replacing /dev/null by a regular file would break the system.
 * A FIFO nobody reads is an error rather than a wait (O_NONBLOCK). */
static int write_device(const char *path, const void *data, size_t len,
                        struct diag_list *dl)
{
	struct stat st;
	int fd, flags, err;

	fd = open(path, O_WRONLY | O_NOCTTY | O_NONBLOCK | O_CLOEXEC);
	if (fd < 0 && errno == ENXIO)
		return diag_error(dl, path, 0, "cannot write output: the FIFO has "
		                  "no reader");
	if (fd < 0)
		return diag_error(dl, path, 0, "cannot open output: %s",
		                  strerror(errno));
	/* Without O_TRUNC nothing changed if the name now is a regular file. */
	if (fstat(fd, &st) != 0 || !(S_ISCHR(st.st_mode) || S_ISFIFO(st.st_mode))) {
		close(fd);
		return diag_error(dl, path, 0, "output changed while it was opened");
	}
	flags = fcntl(fd, F_GETFL);
	if (flags >= 0)
		(void)fcntl(fd, F_SETFL, flags & ~O_NONBLOCK);
	err = write_all(fd, data, len);
	if (close(fd) != 0 && !err)
		err = errno;
	if (err)
		return diag_error(dl, path, 0, "cannot write output: %s",
		                  strerror(err));
	return 0;
}

/* Standard output, for "-o -". A PDF on a terminal is binary noise that
 * can reprogram it, so a terminal is refused, as gzip does. */
static int write_stdout(const void *data, size_t len, struct diag_list *dl)
{
	int err;

	if (isatty(STDOUT_FILENO))
		return diag_error(dl, NULL, 0, "refusing to write a pdf to a "
		                  "terminal; redirect standard output or name a file");
	err = write_all(STDOUT_FILENO, data, len);
	if (err)
		return diag_error(dl, NULL, 0, "cannot write output to standard "
		                  "output: %s", strerror(err));
	return 0;
}

char *file_resolve_links(const char *path, struct diag_list *dl)
{
	char *cur = xstrdup(path);

	for (int hops = 0; hops <= FILEIO_MAX_LINKS; hops++) {
		struct stat st;
		char *link, *dir, *next;
		ssize_t n;

		if (lstat(cur, &st) != 0 || !S_ISLNK(st.st_mode))
			return cur;     /* missing: created here; else itself */
		/* st_size is 0 for some links (/proc); PATH_MAX always fits. */
		link = xmalloc(PATH_MAX + 1);
		n = readlink(cur, link, PATH_MAX);
		if (n < 0) {
			diag_error(dl, cur, 0, "cannot read symbolic link: %s",
			           strerror(errno));
			free(link);
			free(cur);
			return NULL;
		}
		link[n] = '\0';
		dir = path_dirname(cur);
		next = path_join(dir, link);
		free(dir);
		free(link);
		free(cur);
		cur = next;
	}
	diag_error(dl, path, 0, "too many levels of symbolic links");
	free(cur);
	return NULL;
}

int file_write_output(const char *path, const void *data, size_t len,
                      struct diag_list *dl)
{
	struct stat st;
	char *target;
	int rc;

	if (strcmp(path, "-") == 0)
		return write_stdout(data, len, dl);
	/* stat() follows links: /dev/stdout may be a pipe or a terminal. */
	if (stat(path, &st) == 0) {
		if (S_ISCHR(st.st_mode) || S_ISFIFO(st.st_mode))
			return write_device(path, data, len, dl);
		if (S_ISDIR(st.st_mode))
			return diag_error(dl, path, 0, "is a directory; name the pdf "
			                  "file to write");
		if (!S_ISREG(st.st_mode))
			return diag_error(dl, path, 0, "is %s; cannot write a pdf to "
			                  "it", type_name(st.st_mode));
	}
	target = file_resolve_links(path, dl);
	if (!target)
		return -1;
	rc = file_write_atomic(target, data, len, dl);
	free(target);
	return rc;
}

static bool same_file(const struct stat *a, const struct stat *b)
{
	return a->st_dev == b->st_dev && a->st_ino == b->st_ino;
}

/* What output names, following links; "-" is standard output. */
static int stat_output(const char *output, struct stat *st)
{
	return strcmp(output, "-") == 0 ? fstat(STDOUT_FILENO, st)
	                                : stat(output, st);
}

bool file_is_stdout(const char *output)
{
	struct stat out, std;

	return strcmp(output, "-") == 0 ||
	       (stat(output, &out) == 0 && fstat(STDOUT_FILENO, &std) == 0 &&
	        same_file(&out, &std));
}

int file_check_output(const char *output, const char *const *inputs,
                      size_t n, struct diag_list *dl)
{
	struct stat out, in;
	/* "-": standard output may be redirected onto an input (>>). */
	int rc = stat_output(output, &out);

	/* An output that does not exist yet is no input; a device is none
	 * either (inputs are regular files). */
	if (rc != 0 || !S_ISREG(out.st_mode))
		return 0;
	for (size_t i = 0; i < n; i++) {
		if (!inputs[i] || stat(inputs[i], &in) != 0)
			continue;
		if (same_file(&in, &out))
			return diag_error(dl, NULL, 0, "output '%s' is the input '%s' "
			                  "(read by this build); choose another output",
			                  output, inputs[i]);
	}
	return 0;
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
