/*
 * base/diag.h: diagnostics collected by every stage and printed only by the CLI.
 *
 * Library code never prints and never exits; it appends a diagnostic and
 * returns -1 (or NULL), so the user sees every problem of a run at once.
 */
#ifndef BRIEFING_BASE_DIAG_H
#define BRIEFING_BASE_DIAG_H

#include <stdbool.h>
#include <stdio.h>
#include <stddef.h>

enum diag_level { DIAG_WARNING, DIAG_ERROR };

struct diag {
	enum diag_level level;
	char *file;  /* may be NULL when no file is involved */
	int line;    /* 1-based; 0 when unknown */
	char *msg;   /* lowercase, no full stop; may start with "[section] key: " */
};

struct diag_list {
	struct diag *items;
	size_t len, cap;
	size_t errors;
};

#define DIAG_PRINTF(f, a) __attribute__((format(printf, f, a)))

/* Appends an error. Always returns -1, for `return diag_error(...)`. */
int diag_error(struct diag_list *dl, const char *file, int line,
               const char *fmt, ...) DIAG_PRINTF(4, 5);

/* Appends a warning. Returns 0. */
int diag_warning(struct diag_list *dl, const char *file, int line,
                 const char *fmt, ...) DIAG_PRINTF(4, 5);

/* Echoed text longer than DIAG_SHOW_MAX characters is printed as its first
 * DIAG_SHOW_HEAD, "..." and its last DIAG_SHOW_TAIL. */
#define DIAG_SHOW_MAX 320
#define DIAG_SHOW_HEAD 200
#define DIAG_SHOW_TAIL 100

/* s as it is safe to show on a terminal: control characters (C0, DEL, C1),
 * bidi controls (U+061C, U+200E/F, U+202A-U+202E, U+2066-U+2069) and bytes
 * that are not UTF-8 are escaped ("\x1b", "\r", "\t", "\n", "\u202e",
 * "\xff"); other characters, UTF-8 included, are kept. A backslash is
 * kept as it is: this is for the eye, not for decoding. Cut as above.
 * The caller frees the result. */
char *diag_escape(const char *s);

/* Prints every diagnostic as "file:line: error: msg", one per line, with
 * file and msg passed through diag_escape(). */
void diag_print(const struct diag_list *dl, FILE *out);

/* diag_print(), with "error" in red and "warning" in yellow when color
 * is true: for a terminal, which the caller decides (isatty, NO_COLOR).
 * The escaped text itself never carries colour. */
void diag_print_color(const struct diag_list *dl, FILE *out, bool color);

/* Promotes every warning of dl to an error (--werror) and returns how
 * many there were. */
size_t diag_promote_warnings(struct diag_list *dl);

/* Releases the items; the list itself is caller storage and stays usable. */
void diag_release(struct diag_list *dl);

#endif
