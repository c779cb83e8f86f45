/*
 * base/fileio.h: reading regular files whole and writing outputs safely.
 */
#ifndef BRIEFING_BASE_FILEIO_H
#define BRIEFING_BASE_FILEIO_H

#include <stdbool.h>
#include <stddef.h>

#include "briefing/base/diag.h"

/* Inputs larger than this are refused (see docs/limits.md). */
#define FILEIO_MAX_INPUT ((size_t)16 * 1024 * 1024)

/* Reads the whole file at path into a new NUL-terminated buffer (*buf, of
 * *len bytes without the NUL) that the caller frees with free(). Only a
 * regular file is read: a FIFO, device, socket or directory is refused at
 * once, without blocking ("is a FIFO, not a regular file"). A missing,
 * unreadable or oversized file is reported naming path. Returns 0 or -1. */
int file_read(const char *path, char **buf, size_t *len, struct diag_list *dl);

/* file_read() for a file that a config line names: when ref_file is not
 * NULL, problems are reported at ref_file:ref_line and name path
 * ("config/a.ini:12: error: 'x.csv' is a FIFO, not a regular file"). */
int file_read_at(const char *path, const char *ref_file, int ref_line,
                 char **buf, size_t *len, struct diag_list *dl);

/* The parser file_parse_at() hands a file's bytes to: buf holds len
 * bytes and a NUL, name is the file's path, ctx is the caller's. Returns
 * the parsed object, or NULL after reporting why. */
typedef void *file_parser(void *ctx, const char *buf, size_t len,
                          const char *name, struct diag_list *dl);

/* Reads path as file_read_at() does and returns parse(ctx, ...) on its
 * bytes, or NULL when the file cannot be read. The buffer is freed when
 * parse returns, so parse copies what it keeps. This is every *_load()
 * of a parser that takes buffers. */
void *file_parse_at(const char *path, const char *ref_file, int ref_line,
                    file_parser *parse, void *ctx, struct diag_list *dl);

/* Checks, without reading, that path opens and is a regular file, for
 * files another library reads by name (fonts): reported as file_read_at()
 * would. Returns 0 or -1. */
int file_check_input(const char *path, const char *ref_file, int ref_line,
                     struct diag_list *dl);

/* Writes data to the regular file path so that path either keeps its old
 * content or holds all of data: the bytes go to a new temporary file
 * (O_EXCL, its name within NAME_MAX) in the same directory, which is
 * flushed, given the old file's mode (or 0666 less the umask) and renamed
 * over path. On any failure the temporary file is removed and path is
 * untouched. A symlink at path is replaced; see file_write_output().
 * Returns 0 or -1. */
int file_write_atomic(const char *path, const void *data, size_t len,
                      struct diag_list *dl);

/* Writes the build's output as a careful Unix tool does:
 *   "-"                    standard output (refused when it is a terminal)
 *   a character device     written straight to (/dev/null, /dev/full, a
 *   or a FIFO              terminal); a FIFO nobody reads is an error
 *   a symlink              its final target is replaced; the link stays
 *   a regular file or none file_write_atomic()
 * A directory, block device or socket is refused. Every write error is
 * reported (ENOSPC on /dev/full). Returns 0 or -1. */
int file_write_output(const char *path, const void *data, size_t len,
                      struct diag_list *dl);

/* True when output is standard output: "-", or any name for what fd 1
 * is open on (/dev/stdout, /dev/fd/1, a pipe's path), so the caller must
 * not print its own messages there. */
bool file_is_stdout(const char *output);

/* Refuses an output that is one of the n inputs this build reads: the
 * same file (st_dev and st_ino, following symlinks; hard links too), so
 * "-o config/briefing.ini" cannot destroy the config. An output that does
 * not exist yet, or is a device, is fine; "-" is checked as what standard
 * output is open on. NULL inputs are skipped. Returns 0, or -1 after
 * "output 'X' is the input 'Y' (read by this build); choose another
 * output". */
int file_check_output(const char *output, const char *const *inputs,
                      size_t n, struct diag_list *dl);

/* Follows path through symbolic links to the name that is not a link
 * (which need not exist: a dangling link's target is where a file would be
 * created). Relative link targets are resolved against the link's
 * directory. The caller frees the result; NULL after reporting a loop. */
char *file_resolve_links(const char *path, struct diag_list *dl);

/* The directory part of path ("config/a.ini" -> "config", "a.ini" -> ".").
 * The caller frees the result. */
char *path_dirname(const char *path);

/* rel resolved against dir unless rel is absolute. Caller frees. */
char *path_join(const char *dir, const char *rel);

#endif
