/*
 * diag.c: the diagnostic list.
 */
#include "briefing/base/diag.h"

#include <stdarg.h>
#include <stdlib.h>

#include "briefing/base/xalloc.h"

static void add(struct diag_list *dl, enum diag_level level, const char *file,
                int line, const char *fmt, va_list ap)
{
	struct diag *d;
	va_list copy;
	int n;

	dl->items = xgrow(dl->items, &dl->cap, dl->len + 1, sizeof *dl->items);
	d = &dl->items[dl->len++];
	d->level = level;
	d->file = file ? xstrdup(file) : NULL;
	d->line = line;
	va_copy(copy, ap);
	n = vsnprintf(NULL, 0, fmt, copy);
	va_end(copy);
	d->msg = xmalloc(n > 0 ? (size_t)n + 1 : 1);
	vsnprintf(d->msg, n > 0 ? (size_t)n + 1 : 1, fmt, ap);
	if (level == DIAG_ERROR)
		dl->errors++;
}

int diag_error(struct diag_list *dl, const char *file, int line,
               const char *fmt, ...)
{
	va_list ap;

	va_start(ap, fmt);
	add(dl, DIAG_ERROR, file, line, fmt, ap);
	va_end(ap);
	return -1;
}

int diag_warning(struct diag_list *dl, const char *file, int line,
                 const char *fmt, ...)
{
	va_list ap;

	va_start(ap, fmt);
	add(dl, DIAG_WARNING, file, line, fmt, ap);
	va_end(ap);
	return 0;
}

void diag_print(const struct diag_list *dl, FILE *out)
{
	for (size_t i = 0; i < dl->len; i++) {
		const struct diag *d = &dl->items[i];
		const char *level = d->level == DIAG_ERROR ? "error" : "warning";

		if (d->file && d->line > 0)
			fprintf(out, "%s:%d: %s: %s\n", d->file, d->line, level, d->msg);
		else if (d->file)
			fprintf(out, "%s: %s: %s\n", d->file, level, d->msg);
		else
			fprintf(out, "briefing: %s: %s\n", level, d->msg);
	}
}

void diag_release(struct diag_list *dl)
{
	for (size_t i = 0; i < dl->len; i++) {
		free(dl->items[i].file);
		free(dl->items[i].msg);
	}
	free(dl->items);
	dl->items = NULL;
	dl->len = dl->cap = dl->errors = 0;
}
