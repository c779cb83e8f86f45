/*
 * base/fileio.h: reading inputs whole and writing outputs atomically.
 */
#ifndef BRIEFING_BASE_FILEIO_H
#define BRIEFING_BASE_FILEIO_H

#include <stddef.h>

#include "briefing/base/diag.h"

/* Inputs larger than this are refused (see docs/limits.md). */
#define FILEIO_MAX_INPUT ((size_t)16 * 1024 * 1024)

/* Reads the whole file at path into a new NUL-terminated buffer (*buf, of
 * *len bytes without the NUL) that the caller frees with free(). A missing,
 * unreadable or oversized file is reported naming path. Returns 0 or -1. */
int file_read(const char *path, char **buf, size_t *len, struct diag_list *dl);

/* Writes data to path so that path either keeps its old content or holds
 * all of data: the bytes go to a temporary file in the same directory,
 * which is flushed and renamed over path. On any failure the temporary
 * file is removed and path is untouched. Returns 0 or -1. */
int file_write_atomic(const char *path, const void *data, size_t len,
                      struct diag_list *dl);

/* The directory part of path ("config/a.ini" -> "config", "a.ini" -> ".").
 * The caller frees the result. */
char *path_dirname(const char *path);

/* rel resolved against dir unless rel is absolute. Caller frees. */
char *path_join(const char *dir, const char *rel);

#endif
