/*
 * markup_text.c: the text markup builds (markup_internal.h): plain text
 * with its spans, the characters around a quote, smart quotes and
 * entities.
 */
#include "markup_internal.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "briefing/base/utf8.h"
#include "briefing/base/xalloc.h"
#include "briefing/input.h"
#include "doc_internal.h"

/* ---- building text and spans ------------------------------------------- */


void markup_builder_release(struct builder *b)
{
	for (size_t i = 0; i < b->spans_len; i++)
		free(b->spans[i].uri);
	free(b->spans);
	free(b->text);
	memset(b, 0, sizeof *b);
}

/* Appends s[0..n) in style (and linking to uri, or NULL): a run in the
 * style of the span before it, and right after it, extends that span. */
void markup_builder_put(struct builder *b, const char *s, size_t n,
                        unsigned style, const char *uri)
{
	struct doc_span *last = b->spans_len ? &b->spans[b->spans_len - 1] : NULL;

	if (n == 0)
		return;
	b->text = xgrow(b->text, &b->cap, b->len + n + 1, 1);
	memcpy(b->text + b->len, s, n);
	if (style || uri) {
		if (last && last->start + last->len == b->len &&
		    last->style == style && !(style & DOC_SPAN_NOTE) &&
		    (last->uri ? uri && strcmp(last->uri, uri) == 0 : !uri)) {
			last->len += n;
		} else {
			b->spans = xgrow(b->spans, &b->spans_cap, b->spans_len + 1,
			                 sizeof *b->spans);
			b->spans[b->spans_len++] = (struct doc_span){
				b->len, n, style, uri ? xstrdup(uri) : NULL
			};
		}
	}
	b->len += n;
	b->text[b->len] = '\0';
}

/* Moves b's text and spans out (the text "" when none), emptying b. */
void markup_builder_take(struct builder *b, char **text, struct doc_rich *r)
{
	*text = b->text ? b->text : xstrdup("");
	r->spans = b->spans;
	r->spans_len = b->spans_len;
	r->notes = NULL;
	r->notes_len = 0;
	memset(b, 0, sizeof *b);
}

/* ---- characters -------------------------------------------------------- */

static bool ascii_punct(uint32_t c)
{
	return (c >= '!' && c <= '/') || (c >= ':' && c <= '@') ||
	       (c >= '[' && c <= '`') || (c >= '{' && c <= '~');
}

/* Blank or punctuation as CommonMark's flanking rules see them, for the
 * characters data holds: ASCII, the no-break space, the spaces and the
 * punctuation of U+2000..U+206F (dashes, quotes, the ellipsis) and
 * Latin-1's. Start and end of the text count as blank. */
bool markup_is_blank(uint32_t c)
{
	return c == 0 || c == ' ' || c == '\t' || c == '\n' || c == '\r' ||
	       c == 0xA0 || (c >= 0x2000 && c <= 0x200A);
}

bool markup_is_punct(uint32_t c)
{
	return ascii_punct(c) || (c >= 0xA1 && c <= 0xBF) ||
	       (c >= 0x2010 && c <= 0x2027) || (c >= 0x2030 && c <= 0x205E);
}

/* The code point ending just before s[at] (0 at the start). */
uint32_t markup_cp_before(const char *s, size_t at)
{
	size_t i = at;
	uint32_t cp;

	if (at == 0)
		return 0;
	while (i > 0 && at - i < 4 && ((unsigned char)s[i - 1] & 0xC0) == 0x80)
		i--;
	if (i > 0)
		i--;
	if (utf8_decode(s + i, at - i, &cp) != at - i)
		return (unsigned char)s[at - 1];
	return cp;
}

/* The code point at s[at] of s[0..len) (0 at the end). */
uint32_t markup_cp_at(const char *s, size_t len, size_t at)
{
	uint32_t cp;

	if (at >= len)
		return 0;
	return utf8_decode(s + at, len - at, &cp) ? cp : (unsigned char)s[at];
}

/* ---- smart quotes ------------------------------------------------------ */

/* A quote opens after the start, a blank, an opening bracket, a dash or
 * another opening quote, and before something that is not blank. */
static bool opens_after(uint32_t prev)
{
	return markup_is_blank(prev) || prev == '(' || prev == '[' || prev == '{' ||
	       prev == '/' || prev == '-' || prev == 0x2013 || prev == 0x2014 ||
	       prev == 0x201C || prev == 0x2018;
}

/* Appends s[0..n) to b, each straight quote typographic when on: " as
 * “ or ”, ' as ‘ where it opens a quotation and ’ elsewhere (O’Brien,
 * KFOR’s, ’90s). next is the code point after s, for the last quote. The
 * character before comes from b, so "**KFOR**'s" reads the bold text. */
void markup_put_quoted(struct builder *b, const char *s, size_t n,
                       uint32_t next, bool on, unsigned style, const char *uri)
{
	size_t from = 0;

	if (!on) {
		markup_builder_put(b, s, n, style, uri);
		return;
	}
	for (size_t i = 0; i < n; i++) {
		uint32_t prev, after;
		bool open;
		const char *q;

		if (s[i] != '\'' && s[i] != '"')
			continue;
		markup_builder_put(b, s + from, i - from, style, uri);
		from = i + 1;
		prev = markup_cp_before(b->text ? b->text : "", b->len);
		after = i + 1 < n ? markup_cp_at(s, n, i + 1) : next;
		open = opens_after(prev) && !markup_is_blank(after);
		if (s[i] == '"')
			q = open ? "\xE2\x80\x9C" : "\xE2\x80\x9D";
		else
			q = open && !(after >= '0' && after <= '9') ? "\xE2\x80\x98"
			                                            : "\xE2\x80\x99";
		markup_builder_put(b, q, 3, style, uri);
	}
	markup_builder_put(b, s + from, n - from, style, uri);
}

char *doc_markup_plain(const struct doc_markup *m, const char *s)
{
	struct builder b = { 0 };
	struct doc_rich r;
	char *text;

	if (!m->smart_quotes || !strpbrk(s, "'\""))
		return xstrdup(s);
	markup_put_quoted(&b, s, strlen(s), 0, true, 0, NULL);
	markup_builder_take(&b, &text, &r);
	return text;
}

void doc_rich_release(struct doc_rich *r)
{
	for (size_t i = 0; i < r->spans_len; i++)
		free(r->spans[i].uri);
	free(r->spans);
	r->spans = NULL;
	r->spans_len = 0;
	for (size_t i = 0; i < r->notes_len; i++) {
		free(r->notes[i].text);
		doc_rich_release(&r->notes[i].rich);
	}
	free(r->notes);
	r->notes = NULL;
	r->notes_len = 0;
}

/* ---- entities ---------------------------------------------------------- */

static const struct { const char *name, *text; } entities[] = {
	{ "nbsp", NBSP }, { "amp", "&" }, { "lt", "<" }, { "gt", ">" },
	{ "quot", "\"" }, { "apos", "'" }, { "ndash", "\xE2\x80\x93" },
	{ "mdash", "\xE2\x80\x94" }, { "hellip", "\xE2\x80\xA6" },
	{ "lsquo", "\xE2\x80\x98" }, { "rsquo", "\xE2\x80\x99" },
	{ "ldquo", "\xE2\x80\x9C" }, { "rdquo", "\xE2\x80\x9D" },
};


/* Decodes entity s[0..n) ("&nbsp;", "&#160;", "&#xA0;") into out (at
 * least 5 bytes, NUL-terminated). md4c has checked the syntax. */
enum entity_result markup_decode_entity(const char *s, size_t n, char *out,
                                        bool allow_bidi)
{
	unsigned long cp = 0;

	if (n >= 4 && s[1] == '#') {
		bool hex = s[2] == 'x' || s[2] == 'X';

		for (size_t i = hex ? 3 : 2; i + 1 < n && cp <= 0x10FFFF; i++) {
			char c = s[i];
			unsigned d = c >= '0' && c <= '9' ? (unsigned)(c - '0')
			             : (unsigned)((c | 0x20) - 'a' + 10);

			cp = cp * (hex ? 16 : 10) + d;
		}
		if (cp == 0 || cp > 0x10FFFF || (cp >= 0xD800 && cp <= 0xDFFF) ||
		    cp < 0x20 || (cp >= 0x7F && cp < 0xA0))
			return ENTITY_UNPRINTABLE;
		if (!allow_bidi && ((cp >= 0x202A && cp <= 0x202E) ||
		                    (cp >= 0x2066 && cp <= 0x2069)))
			return ENTITY_BIDI;
		out[utf8_encode((uint32_t)cp, out)] = '\0';
		return ENTITY_OK;
	}
	for (size_t i = 0; i < sizeof entities / sizeof *entities; i++)
		if (strlen(entities[i].name) == n - 2 &&
		    memcmp(entities[i].name, s + 1, n - 2) == 0) {
			memcpy(out, entities[i].text, strlen(entities[i].text) + 1);
			return ENTITY_OK;
		}
	return ENTITY_UNKNOWN;
}
