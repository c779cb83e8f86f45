/*
 * quote.c: finding quotations in a snapshot (see quote.h for the rules).
 *
 * The snapshot is normalised once into passages joined by '\n'. Every
 * position where a quotation may start (the start of a line, and any
 * byte that is not the second letter of a word) is hashed by its next 8
 * bytes, so finding a quotation of 8 bytes or more costs a lookup and a
 * few memcmp()s, not a scan: a briefing checks every fact on every
 * build. A normalised quotation holds no '\n', so no match can run from
 * one passage into the next. Shorter ones (a cell such as "UK") are
 * scanned for: they are few, and a snapshot is small.
 *
 * Invariant: h is NUL-terminated, holds no blank at the start or end of
 * a passage and no two blanks in a row, and map[k] is the offset in the
 * original text of the character that made byte k.
 */
#include "quote.h"

#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "briefing/base/utf8.h"
#include "briefing/base/xalloc.h"
#include "quote_internal.h"

#define KEY 8   /* bytes hashed per start position */

/* ---- normalising ------------------------------------------------------- */

static bool is_space(uint32_t c)
{
	return c == ' ' || c == '\t' || c == '\f' || c == '\v' || c == 0xA0 ||
	       (c >= 0x2000 && c <= 0x200A) || c == 0x202F || c == 0x205F ||
	       c == 0x3000 || c == 0x1680;
}

static bool is_line_end(uint32_t c)
{
	return c == '\n' || c == '\r' || c == 0x2028 || c == 0x2029 ||
	       c == 0x85;
}

/* Soft hyphen, zero-width space, joiners, word joiner, BOM. */
static bool is_dropped(uint32_t c)
{
	return c == 0xAD || (c >= 0x200B && c <= 0x200D) || c == 0x2060 ||
	       c == 0xFEFF;
}

/* What a character is compared as: a string of 1 to 3 bytes, or NULL
 * for itself. */
static const char *folded(uint32_t c)
{
	switch (c) {
	case 0x2018: case 0x2019: case 0x201A: case 0x201B:
	case 0x2032: case 0x2035: case 0x00B4: case 0x02BC:
		return "'";
	case 0x201C: case 0x201D: case 0x201E: case 0x201F:
	case 0x2033: case 0x2036: case 0x00AB: case 0x00BB:
		return "\"";
	case 0x2010: case 0x2011: case 0x2012: case 0x2013: case 0x2014:
	case 0x2015: case 0x2212: case 0xFE58: case 0xFE63: case 0xFF0D:
		return "-";
	case 0x2026:
		return "...";
	default:
		return NULL;
	}
}

static bool is_bullet(uint32_t c)
{
	return c == 0x2022 || c == 0x25E6 || c == 0x25AA || c == 0x2023 ||
	       c == 0x2043 || c == 0x25CF || c == '*' || c == '-';
}

/* Passages found while normalising a snapshot. */
struct passages {
	size_t *start;
	int *line;
	size_t len, cap;
};

/* Normalises s[0..len) into out (room for len + 1 bytes: nothing grows)
 * and returns its length. With ps (a snapshot), line ends separate
 * passages ('\n'), blank lines are dropped, a leading bullet is dropped
 * and each passage's start and line are recorded; map, when not NULL,
 * gets the source offset of each output byte. Without ps, line ends are
 * blanks. */
static size_t normalise(const char *s, size_t len, char *out, uint32_t *map,
                        struct passages *ps)
{
	size_t o = 0;
	bool blank = false, line_start = true;
	int line = 1;

	for (size_t i = 0; i < len;) {
		unsigned char ch = (unsigned char)s[i];
		uint32_t c;
		size_t n;
		const char *f;

		/* Most of a text is ASCII inside a line: copied as it is. */
		if (ch > ' ' && ch < 0x7F && !line_start) {
			if (blank) {
				out[o++] = ' ';
				blank = false;
			}
			if (map)
				map[o] = (uint32_t)i;
			out[o++] = (char)ch;
			i++;
			continue;
		}
		n = utf8_decode(s + i, len - i, &c);

		if (n == 0) {   /* not UTF-8: compare the byte as it is */
			c = (unsigned char)s[i];
			n = 1;
		}
		if (is_line_end(c)) {
			if (c == '\r' && i + 1 < len && s[i + 1] == '\n')
				n = 2;
			line++;
			i += n;
			if (!ps) {
				blank = true;
				continue;
			}
			if (!line_start)
				out[o++] = '\n';
			line_start = true;
			blank = false;
			continue;
		}
		if (is_space(c) || is_dropped(c)) {
			blank |= is_space(c);
			i += n;
			continue;
		}
		if (ps && line_start && is_bullet(c) &&
		    (i + n >= len || s[i + n] == ' ' || s[i + n] == '\t')) {
			i += n;
			continue;
		}
		if (blank && o > 0 && !line_start)
			out[o++] = ' ';
		blank = false;
		if (line_start && ps) {
			if (ps->len == ps->cap) {
				ps->cap = ps->cap ? 2 * ps->cap : 64;
				ps->start = xrealloc(ps->start,
				                     ps->cap * sizeof *ps->start);
				ps->line = xrealloc(ps->line, ps->cap * sizeof *ps->line);
			}
			ps->start[ps->len] = o;
			ps->line[ps->len++] = line;
		}
		line_start = false;
		f = folded(c);
		if (f) {
			for (; *f; f++) {
				if (map)
					map[o] = (uint32_t)i;
				out[o++] = *f;
			}
		} else {
			for (size_t k = 0; k < n; k++) {
				if (map)
					map[o] = (uint32_t)i;
				out[o++] = s[i + k];
			}
		}
		i += n;
	}
	if (o > 0 && out[o - 1] == '\n')
		o--;
	out[o] = '\0';
	return o;
}

char *quote_normalise(const char *s, size_t len, size_t *out_len)
{
	char *out = xmalloc(len + 1);

	*out_len = normalise(s, len, out, NULL, NULL);
	return out;
}

/* ---- the index --------------------------------------------------------- */

static uint32_t slot_of(const char *p, unsigned bits)
{
	uint64_t k;

	memcpy(&k, p, KEY);
	return (uint32_t)((k * 0x9E3779B97F4A7C15ULL) >> (64 - bits));
}

struct quote_index *quote_index_new(const char *text, size_t len)
{
	struct quote_index *q = xcalloc(1, sizeof *q);
	struct passages ps = { 0 };
	size_t cap = 0;

	q->orig = xmalloc(len + 1);
	memcpy(q->orig, text, len);
	q->orig[len] = '\0';
	q->orig_len = len;
	q->h = xmalloc(len + 1);
	q->map = xmalloc((len + 1) * sizeof *q->map);
	q->len = normalise(text, len, q->h, q->map, &ps);
	q->pstart = ps.start;
	q->pline = ps.line;
	q->plen = ps.len;
	for (size_t p = 0; p + KEY <= q->len; p++)
		cap += p == 0 || !quote_word(q->h[p]) ||
		       !quote_word(q->h[p - 1]);
	q->bits = 4;
	while (((size_t)1 << q->bits) < 2 * cap)
		q->bits++;
	q->head = xcalloc((size_t)1 << q->bits, sizeof *q->head);
	q->pos = xmalloc((cap ? cap : 1) * sizeof *q->pos);
	q->next = xmalloc((cap ? cap : 1) * sizeof *q->next);
	/* backwards, so that each chain runs in text order */
	for (size_t p = q->len >= KEY ? q->len - KEY + 1 : 0; p-- > 0;) {
		uint32_t s;

		if (!(p == 0 || !quote_word(q->h[p]) ||
		      !quote_word(q->h[p - 1])))
			continue;
		s = slot_of(q->h + p, q->bits);
		q->pos[q->npos] = (uint32_t)p;
		q->next[q->npos] = q->head[s];
		q->head[s] = (uint32_t)++q->npos;
	}
	return q;
}

void quote_index_free(struct quote_index *q)
{
	if (!q)
		return;
	free(q->h);
	free(q->map);
	free(q->orig);
	free(q->pstart);
	free(q->pline);
	free(q->head);
	free(q->pos);
	free(q->next);
	free(q);
}

/* Ends a sentence: . ? ! : ; and a closing quote or bracket after one. */
static bool ends_sentence(const char *h, size_t end)
{
	while (end > 0 && (h[end - 1] == '"' || h[end - 1] == '\'' ||
	                   h[end - 1] == ')' || h[end - 1] == ']'))
		end--;
	return end > 0 && strchr(".?!:;", h[end - 1]) != NULL;
}

/* Whether h[p..p+n) is a match as mode asks: on word boundaries, and for
 * sentences starting at the passage's start or after a sentence's end,
 * and ending at the passage's end or with a sentence's end. */
static bool fits(const struct quote_index *q, size_t p, size_t n,
                 enum quote_mode mode)
{
	const char *h = q->h;
	bool at_start = p == 0 || h[p - 1] == '\n';
	bool at_end = p + n == q->len || h[p + n] == '\n';

	if (!at_start && quote_word(h[p - 1]) && quote_word(h[p]))
		return false;
	if (!at_end && quote_word(h[p + n - 1]) && quote_word(h[p + n]))
		return false;
	if (mode == QUOTE_PHRASE)
		return true;
	if (!at_start && !(h[p - 1] == ' ' && ends_sentence(h, p - 1)))
		return false;
	return at_end || (h[p + n] == ' ' && ends_sentence(h, p + n));
}

/* Where the search for one quotation has got to. */
struct cursor {
	bool started;
	uint32_t k;     /* the next chain entry, 0 at the end */
	size_t from;    /* the next offset a scan looks at */
};

/* The next place where s[0..n) occurs and fits, or (size_t)-1: walks the
 * hash chain for n >= KEY, scans otherwise; c keeps the place. */
static size_t next_match(const struct quote_index *q, const char *s, size_t n,
                         enum quote_mode mode, struct cursor *c)
{
	if (n == 0 || n > q->len)
		return (size_t)-1;
	if (n >= KEY) {
		if (!c->started)
			c->k = q->head[slot_of(s, q->bits)];
		c->started = true;
		while (c->k) {
			size_t p = q->pos[c->k - 1];

			c->k = q->next[c->k - 1];
			if (p + n <= q->len && memcmp(q->h + p, s, n) == 0 &&
			    fits(q, p, n, mode))
				return p;
		}
		return (size_t)-1;
	}
	for (size_t p = c->from; p + n <= q->len; p++) {
		const char *hit = memchr(q->h + p, s[0], q->len - n + 1 - p);

		if (!hit)
			break;
		p = (size_t)(hit - q->h);
		if (memcmp(hit, s, n) == 0 && fits(q, p, n, mode)) {
			c->from = p + 1;
			return p;
		}
	}
	c->from = q->len;
	return (size_t)-1;
}

int quote_find(const struct quote_index *q, const char *s, size_t len,
               enum quote_mode mode)
{
	size_t n, p;
	char *norm = quote_normalise(s, len, &n);
	struct cursor c = { false, 0, 0 };

	p = next_match(q, norm, n, mode, &c);
	free(norm);
	return p == (size_t)-1 ? 0 : q->pline[quote_passage_of(q, p)];
}

/* Whether s[0..n) occurs, on word boundaries, within h[a..b). */
static bool in_range(const struct quote_index *q, const char *s, size_t n,
                     size_t a, size_t b)
{
	if (n == 0)
		return true;
	for (size_t p = a; p + n <= b; p++) {
		const char *hit = memchr(q->h + p, s[0], b - n + 1 - p);

		if (!hit)
			return false;
		p = (size_t)(hit - q->h);
		if (memcmp(hit, s, n) == 0 && fits(q, p, n, QUOTE_PHRASE))
			return true;
	}
	return false;
}

int quote_find_together(const struct quote_index *q, const char *const *s,
                        size_t n, size_t *missing)
{
	char **norm = xcalloc(n ? n : 1, sizeof *norm);
	size_t *lens = xcalloc(n ? n : 1, sizeof *lens);
	size_t longest = 0, best_found = 0, best_missing;
	struct cursor c = { false, 0, 0 };
	int line = 0;

	for (size_t i = 0; i < n; i++) {
		norm[i] = quote_normalise(s[i], strlen(s[i]), &lens[i]);
		if (lens[i] > lens[longest])
			longest = i;
	}
	best_missing = longest;
	while (n > 0 && line == 0) {
		size_t p = next_match(q, norm[longest], lens[longest], QUOTE_PHRASE,
		                      &c);
		size_t found = 1, first_missing = n, pi, a, b;

		if (p == (size_t)-1)
			break;
		pi = quote_passage_of(q, p);
		a = q->pstart[pi];
		b = quote_passage_end(q, pi);
		for (size_t i = 0; i < n; i++) {
			if (i == longest)
				continue;
			if (in_range(q, norm[i], lens[i], a, b))
				found++;
			else if (first_missing == n)
				first_missing = i;
		}
		if (first_missing == n)
			line = q->pline[pi];
		else if (found > best_found) {
			best_found = found;
			best_missing = first_missing;
		}
	}
	if (missing)
		*missing = line ? n : best_missing;
	for (size_t i = 0; i < n; i++)
		free(norm[i]);
	free(norm);
	free(lens);
	return line;
}
