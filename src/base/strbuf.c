/*
 * strbuf.c: a growing string (base/strbuf.h).
 */
#include "briefing/base/strbuf.h"

#include <stdarg.h>
#include <stdint.h>
#include <stdio.h>
#include <string.h>

#include "briefing/base/utf8.h"
#include "briefing/base/xalloc.h"

void strbuf_add(struct strbuf *b, const char *s, size_t n)
{
	b->s = xgrow(b->s, &b->cap, b->len + n + 1, 1);
	memcpy(b->s + b->len, s, n);
	b->len += n;
	b->s[b->len] = '\0';
}

void strbuf_puts(struct strbuf *b, const char *s)
{
	strbuf_add(b, s, strlen(s));
}

void strbuf_addf(struct strbuf *b, const char *fmt, ...)
{
	va_list ap;
	int n;

	va_start(ap, fmt);
	n = vsnprintf(NULL, 0, fmt, ap);
	va_end(ap);
	if (n <= 0)
		return;
	b->s = xgrow(b->s, &b->cap, b->len + (size_t)n + 1, 1);
	va_start(ap, fmt);
	vsnprintf(b->s + b->len, (size_t)n + 1, fmt, ap);
	va_end(ap);
	b->len += (size_t)n;
}

void strbuf_json(struct strbuf *b, const char *s)
{
	size_t n;

	if (!s) {
		strbuf_add(b, "null", 4);
		return;
	}
	n = strlen(s);
	strbuf_add(b, "\"", 1);
	for (size_t i = 0; i < n;) {
		unsigned char ch = (unsigned char)s[i];
		uint32_t cp;
		size_t k;

		if (ch == '"' || ch == '\\') {
			strbuf_add(b, "\\", 1);
			strbuf_add(b, s + i++, 1);
		} else if (ch == '\n') {
			strbuf_add(b, "\\n", 2);
			i++;
		} else if (ch == '\t') {
			strbuf_add(b, "\\t", 2);
			i++;
		} else if (ch < 0x20 || ch == 0x7F) {
			strbuf_addf(b, "\\u%04x", ch);
			i++;
		} else if (ch < 0x80) {
			strbuf_add(b, s + i++, 1);
		} else if ((k = utf8_decode(s + i, n - i, &cp)) > 0) {
			strbuf_add(b, s + i, k);
			i += k;
		} else {
			strbuf_add(b, "\\ufffd", 6);
			i++;
		}
	}
	strbuf_add(b, "\"", 1);
}
