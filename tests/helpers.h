/*
 * helpers.h: shared by the unit tests: a fixed-pitch fake metric (every
 * code point is half its size wide, so widths can be checked by hand) and
 * diagnostic assertions.
 */
#ifndef BRIEFING_TEST_HELPERS_H
#define BRIEFING_TEST_HELPERS_H

#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdint.h>
#include <stdio.h>
#include <string.h>
#include <cmocka.h>

#include "briefing/base/diag.h"
#include "briefing/fonts.h"
#include "briefing/base/utf8.h"

static inline double fake_width(const void *ctx, enum face face, double size,
                                const char *s, size_t len)
{
	size_t n = 0;

	(void)ctx;
	(void)face;
	for (size_t i = 0; i < len; i++)
		n += ((unsigned char)s[i] & 0xC0) != 0x80;
	return (double)n * size * 0.5;
}

static inline double fake_ascent(const void *ctx, enum face f, double size)
{
	(void)ctx;
	(void)f;
	return size * 0.8;
}

static inline double fake_descent(const void *ctx, enum face f, double size)
{
	(void)ctx;
	(void)f;
	return size * 0.2;
}

static const struct metrics fake_metrics = {
	fake_width, fake_ascent, fake_descent, NULL
};

/* True when some diagnostic has this file, line (0: any) and contains
 * text. */
static inline int has_diag(const struct diag_list *dl, const char *file,
                           int line, const char *text)
{
	for (size_t i = 0; i < dl->len; i++) {
		const struct diag *d = &dl->items[i];

		if (file && (!d->file || strcmp(d->file, file) != 0))
			continue;
		if (line && d->line != line)
			continue;
		if (strstr(d->msg, text))
			return 1;
	}
	return 0;
}

/* A table-driven bad-input case: input text, and the line and message of
 * the diagnostic it must produce. */
struct bad_case {
	const char *text;
	int line;
	const char *message;
};

/* Prints the list, to make a failing assertion readable. */
static inline void dump_diags(const struct diag_list *dl)
{
	diag_print(dl, stdout);
}

#define assert_diag(dl, file, line, text)                                    \
	do {                                                                     \
		if (!has_diag(dl, file, line, text))                                 \
			dump_diags(dl);                                                  \
		assert_true(has_diag(dl, file, line, text));                         \
	} while (0)

#endif
