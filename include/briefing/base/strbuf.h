/*
 * base/strbuf.h: a growing string, for the reports the tool writes (the
 * summary line, the provenance report) and their JSON strings.
 */
#ifndef BRIEFING_BASE_STRBUF_H
#define BRIEFING_BASE_STRBUF_H

#include <stddef.h>

/* Zero-initialise; s is NUL-terminated once anything was added, and
 * the caller frees it with free(). */
struct strbuf {
	char *s;
	size_t len, cap;
};

/* Appends s[0..n). */
void strbuf_add(struct strbuf *b, const char *s, size_t n);

/* Appends the NUL-terminated s. */
void strbuf_puts(struct strbuf *b, const char *s);

/* Appends printf output, of any length. */
void strbuf_addf(struct strbuf *b, const char *fmt, ...)
	__attribute__((format(printf, 2, 3)));

/* Appends s as a JSON string, quotes included (RFC 8259): '"' and '\'
 * escaped, control characters as \n, \t or \u00XX, valid UTF-8 as it
 * is, and each byte of invalid UTF-8 as \ufffd, so the line always
 * parses. NULL appends null. */
void strbuf_json(struct strbuf *b, const char *s);

#endif
