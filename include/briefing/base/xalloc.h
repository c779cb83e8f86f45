/*
 * base/xalloc.h: allocation that cannot fail.
 *
 * Running out of memory is not a user error we can report usefully, so
 * these abort with a message, as cmark's default allocator does; call
 * sites then skip dead NULL checks.
 */
#ifndef BRIEFING_BASE_XALLOC_H
#define BRIEFING_BASE_XALLOC_H

#include <stddef.h>

/* Called when an allocation fails, instead of printing and aborting; it
 * must not return (the command line's prints its message and exits with
 * its status for an internal error). NULL restores the default. The one
 * process-wide setting, made once by main() before any work. */
void xalloc_set_oom_handler(void (*handler)(void));

void *xmalloc(size_t size);
void *xcalloc(size_t n, size_t size);
void *xrealloc(void *p, size_t size);
/* Grows an array of *cap elements of elem_size bytes to hold at least need. */
void *xgrow(void *p, size_t *cap, size_t need, size_t elem_size);
char *xstrdup(const char *s);
char *xstrndup(const char *s, size_t n);
/* printf into a new string. */
char *xasprintf(const char *fmt, ...) __attribute__((format(printf, 1, 2)));
/* Frees each of the n strings of v, then v: the owned string arrays the
 * stages keep (file lists, link schemes). v may be NULL when n is 0. */
void xfree_strings(char **v, size_t n);

#endif
