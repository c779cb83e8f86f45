/*
 * diag.c: the diagnostic list, and printing it safely.
 *
 * Messages echo what the input says (values, keys, file names), and the
 * input may be hostile: an ESC sequence can recolour or retitle the
 * terminal, a CR can overwrite the start of the line, a bidi control can
 * make "error" read as something else. So text is escaped when it is
 * printed, not when it is formatted: the list keeps the exact bytes for
 * tests and any other consumer, every module's messages are covered
 * without each call site knowing which %s is untrusted, and file names
 * (which are never formatted) go through the same door.
 */
#include "briefing/base/diag.h"

#include <stdarg.h>
#include <stdbool.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "briefing/base/utf8.h"
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

/* True for a code point that steers the terminal rather than showing a
 * character: C0 controls (ESC, CR, ...), DEL, C1 controls (U+0080-U+009F,
 * which some terminals obey as CSI and friends), and the bidi controls
 * that reorder what follows (Trojan Source, CVE-2021-42574). */
static bool is_unsafe(uint32_t cp)
{
	return cp < 0x20 || (cp >= 0x7F && cp <= 0x9F) || cp == 0x061C ||
	       cp == 0x200E || cp == 0x200F || (cp >= 0x202A && cp <= 0x202E) ||
	       (cp >= 0x2066 && cp <= 0x2069);
}

/* One unit of text at s: a valid UTF-8 character (*cp, returns 1-4) or a
 * stray byte that is not one (*bad = true, returns 1). */
static size_t next_unit(const char *s, size_t len, uint32_t *cp, bool *bad)
{
	size_t n = utf8_decode(s, len, cp);

	*bad = n == 0;
	if (n == 0)
		*cp = (unsigned char)s[0];
	return n ? n : 1;
}

/* Appends the shown form of one unit to out, which has room for it. */
static size_t put_unit(char *out, const char *s, size_t n, uint32_t cp,
                       bool bad)
{
	if (!bad && !is_unsafe(cp)) {
		memcpy(out, s, n);
		return n;
	}
	if (!bad && cp == '\t')
		return (size_t)snprintf(out, 7, "\\t");
	if (!bad && cp == '\n')
		return (size_t)snprintf(out, 7, "\\n");
	if (!bad && cp == '\r')
		return (size_t)snprintf(out, 7, "\\r");
	if (bad || cp < 0x80)
		return (size_t)snprintf(out, 7, "\\x%02x", (unsigned)cp);
	return (size_t)snprintf(out, 7, "\\u%04x", (unsigned)cp);
}

char *diag_escape(const char *s)
{
	size_t len = strlen(s), units = 0, i = 0, at = 0;
	/* Each byte shows as at most 4 (a stray 0xff as \xff; a 2-byte C1 as
	 * \u0085 is 3 per byte), plus "..." and the NUL. */
	char *out = xmalloc(len * 4 + 4), *o = out;
	uint32_t cp;
	bool bad;

	while (i < len) {
		i += next_unit(s + i, len - i, &cp, &bad);
		units++;
	}
	for (i = 0; i < len; at++) {
		size_t n = next_unit(s + i, len - i, &cp, &bad);

		/* Too long: keep the head and the tail, where a message says
		 * what it is about and what is wrong, and cut the echoed middle. */
		if (units > DIAG_SHOW_MAX && at >= DIAG_SHOW_HEAD &&
		    at < units - DIAG_SHOW_TAIL) {
			if (at == DIAG_SHOW_HEAD) {
				memcpy(o, "...", 3);
				o += 3;
			}
		} else {
			o += put_unit(o, s + i, n, cp, bad);
		}
		i += n;
	}
	*o = '\0';
	return out;
}

/* SGR sequences for the level word only, as compilers colour it: bold
 * red for errors, bold yellow for warnings. */
#define COLOR_ERROR "\033[1;31m"
#define COLOR_WARNING "\033[1;33m"
#define COLOR_RESET "\033[0m"

void diag_print_color(const struct diag_list *dl, FILE *out, bool color)
{
	for (size_t i = 0; i < dl->len; i++) {
		const struct diag *d = &dl->items[i];
		bool err = d->level == DIAG_ERROR;
		const char *level = err ? "error" : "warning";
		const char *on = !color ? "" : err ? COLOR_ERROR : COLOR_WARNING;
		const char *off = color ? COLOR_RESET : "";
		char *msg = diag_escape(d->msg);
		char *file = d->file ? diag_escape(d->file) : NULL;

		if (file && d->line > 0)
			fprintf(out, "%s:%d: %s%s:%s %s\n", file, d->line, on, level,
			        off, msg);
		else if (file)
			fprintf(out, "%s: %s%s:%s %s\n", file, on, level, off, msg);
		else
			fprintf(out, "briefing: %s%s:%s %s\n", on, level, off, msg);
		free(file);
		free(msg);
	}
}

void diag_print(const struct diag_list *dl, FILE *out)
{
	diag_print_color(dl, out, false);
}

size_t diag_promote_warnings(struct diag_list *dl)
{
	size_t n = 0;

	for (size_t i = 0; i < dl->len; i++)
		if (dl->items[i].level == DIAG_WARNING) {
			dl->items[i].level = DIAG_ERROR;
			n++;
		}
	dl->errors += n;
	return n;
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
