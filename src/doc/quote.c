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

#define KEY 8   /* bytes hashed per start position */

struct quote_index {
	char *h;             /* normalised passages, '\n' between them */
	size_t len;
	uint32_t *map;       /* h offset -> offset in orig */
	char *orig;          /* the snapshot as given, for excerpts */
	size_t orig_len;
	size_t *pstart;      /* start of each passage in h */
	int *pline;          /* its line in orig */
	size_t plen;
	/* start positions by their first KEY bytes: a chained hash */
	uint32_t *head;      /* slot -> 1 + index into pos, 0 for none */
	uint32_t *pos, *next;
	size_t npos;
	unsigned bits;
};

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

/* Letters, digits and everything beyond ASCII (é, ñ) make words. */
static bool word(char c)
{
	unsigned char u = (unsigned char)c;

	return (u >= '0' && u <= '9') || (u >= 'a' && u <= 'z') ||
	       (u >= 'A' && u <= 'Z') || u >= 0x80;
}

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
		cap += p == 0 || !word(q->h[p]) || !word(q->h[p - 1]);
	q->bits = 4;
	while (((size_t)1 << q->bits) < 2 * cap)
		q->bits++;
	q->head = xcalloc((size_t)1 << q->bits, sizeof *q->head);
	q->pos = xmalloc((cap ? cap : 1) * sizeof *q->pos);
	q->next = xmalloc((cap ? cap : 1) * sizeof *q->next);
	/* backwards, so that each chain runs in text order */
	for (size_t p = q->len >= KEY ? q->len - KEY + 1 : 0; p-- > 0;) {
		uint32_t s;

		if (!(p == 0 || !word(q->h[p]) || !word(q->h[p - 1])))
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

/* The passage holding h offset p. */
static size_t passage_of(const struct quote_index *q, size_t p)
{
	size_t lo = 0, hi = q->plen;

	while (hi - lo > 1) {
		size_t mid = lo + (hi - lo) / 2;

		if (q->pstart[mid] <= p)
			lo = mid;
		else
			hi = mid;
	}
	return lo;
}

static size_t passage_end(const struct quote_index *q, size_t i)
{
	return i + 1 < q->plen ? q->pstart[i + 1] - 1 : q->len;
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

	if (!at_start && word(h[p - 1]) && word(h[p]))
		return false;
	if (!at_end && word(h[p + n - 1]) && word(h[p + n]))
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
	return p == (size_t)-1 ? 0 : q->pline[passage_of(q, p)];
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
		pi = passage_of(q, p);
		a = q->pstart[pi];
		b = passage_end(q, pi);
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

/* ---- the closest passage ----------------------------------------------- */

struct words {
	size_t *start, *len;
	uint64_t *hash;
	size_t n, cap;
};

static void words_release(struct words *w)
{
	free(w->start);
	free(w->len);
	free(w->hash);
}

/* The words of s[a..b), appended to w. */
static void words_of(const char *s, size_t a, size_t b, struct words *w)
{
	for (size_t i = a; i < b;) {
		size_t j = i;
		uint64_t h = 1469598103934665603ULL;

		if (!word(s[i])) {
			i++;
			continue;
		}
		while (j < b && word(s[j]))
			h = (h ^ (unsigned char)s[j++]) * 1099511628211ULL;
		w->start = xgrow(w->start, &w->cap, w->n + 1, sizeof *w->start);
		w->len = xrealloc(w->len, w->cap * sizeof *w->len);
		w->hash = xrealloc(w->hash, w->cap * sizeof *w->hash);
		w->start[w->n] = i;
		w->len[w->n] = j - i;
		w->hash[w->n++] = h;
		i = j;
	}
}

/* The fact's distinct words, each with how often it occurs: an open
 * hash from word hash to vocabulary id. */
struct vocab {
	uint64_t *key;
	int *id;
	size_t mask;
	int *need;
	int n;
};

static int vocab_find(const struct vocab *v, uint64_t h)
{
	for (size_t s = (size_t)(h & v->mask);; s = (s + 1) & v->mask) {
		if (v->id[s] < 0)
			return -1;
		if (v->key[s] == h)
			return v->id[s];
	}
}

static void vocab_init(struct vocab *v, const struct words *w)
{
	size_t size = 16;

	while (size < 2 * w->n + 2)
		size *= 2;
	v->key = xcalloc(size, sizeof *v->key);
	v->id = xmalloc(size * sizeof *v->id);
	v->need = xcalloc(w->n ? w->n : 1, sizeof *v->need);
	v->mask = size - 1;
	v->n = 0;
	for (size_t i = 0; i < size; i++)
		v->id[i] = -1;
	for (size_t i = 0; i < w->n; i++) {
		size_t s = (size_t)(w->hash[i] & v->mask);

		while (v->id[s] >= 0 && v->key[s] != w->hash[i])
			s = (s + 1) & v->mask;
		if (v->id[s] < 0) {
			v->key[s] = w->hash[i];
			v->id[s] = v->n++;
		}
		v->need[v->id[s]]++;
	}
}

static void vocab_release(struct vocab *v)
{
	free(v->key);
	free(v->id);
	free(v->need);
}

static bool same_word(const char *a, const struct words *wa, size_t i,
                      const char *b, const struct words *wb, size_t j)
{
	return wa->hash[i] == wb->hash[j] && wa->len[i] == wb->len[j] &&
	       memcmp(a + wa->start[i], b + wb->start[j], wa->len[i]) == 0;
}

/* The best window: most words in common among windows of fw words that
 * stay inside one passage; the first one of those. Sets the window's
 * first word and its passage's word range. Returns the count. */
static size_t best_window(const struct quote_index *q, const struct words *hw,
                          const struct vocab *v, size_t fw, size_t *ws,
                          size_t *pa, size_t *pb)
{
	int *id = xmalloc((hw->n ? hw->n : 1) * sizeof *id);
	int *count = xcalloc(v->n ? (size_t)v->n : 1, sizeof *count);
	size_t best = 0, k = 0;

	for (size_t i = 0; i < hw->n; i++)
		id[i] = vocab_find(v, hw->hash[i]);
	for (size_t pi = 0; pi < q->plen; pi++) {
		size_t end = passage_end(q, pi), a = k, matched = 0;

		while (k < hw->n && hw->start[k] < end)
			k++;
		/* words a..k are this passage's */
		for (size_t i = a; i < k; i++) {
			if (id[i] >= 0 && count[id[i]]++ < v->need[id[i]])
				matched++;
			if (i >= a + fw) {
				int old = id[i - fw];

				if (old >= 0 && --count[old] < v->need[old])
					matched--;
			}
			if (matched > best) {
				best = matched;
				*ws = i + 1 > a + fw ? i + 1 - fw : a;
				*pa = a;
				*pb = k;
			}
		}
		for (size_t i = k > a + fw ? k - fw : a; i < k; i++)
			if (id[i] >= 0)
				count[id[i]]--;
	}
	free(id);
	free(count);
	return best;
}

/* The original text of snapshot words [a, b) of passage words [pa, pb),
 * with '…' where words are left out. */
static char *excerpt(const struct quote_index *q, const struct words *hw,
                     size_t a, size_t b, size_t pa, size_t pb)
{
	size_t from = q->map[hw->start[a]];
	size_t last = hw->start[b - 1] + hw->len[b - 1] - 1;
	size_t to = q->map[last] + 1;

	while (to < q->orig_len && ((unsigned char)q->orig[to] & 0xC0) == 0x80)
		to++;
	/* a word's closing punctuation belongs with it: "order;" */
	while (to < q->orig_len && q->orig[to] != '\n' && q->orig[to] != '\r' &&
	       q->orig[to] != ' ' && (b == pb || to < q->map[hw->start[b]]))
		to++;
	return xasprintf("%s%.*s%s", a > pa ? "\xE2\x80\xA6" : "",
	                 (int)(to - from), q->orig + from,
	                 b < pb ? "\xE2\x80\xA6" : "");
}

char *quote_closest(const struct quote_index *q, const char *s, size_t len,
                    int *line, char **fact_word, char **snap_word)
{
	size_t n, ws = 0, pa = 0, pb = 0, i = 0, j, a, b;
	char *norm = quote_normalise(s, len, &n), *out = NULL;
	struct words fw = { 0 }, hw = { 0 };
	struct vocab v;

	*line = 0;
	*fact_word = *snap_word = NULL;
	words_of(norm, 0, n, &fw);
	words_of(q->h, 0, q->len, &hw);
	vocab_init(&v, &fw);
	if (fw.n == 0 || best_window(q, &hw, &v, fw.n, &ws, &pa, &pb) == 0)
		goto done;
	/* Line the fact up with the window at its first word, then walk
	 * both while their words agree. */
	j = ws;
	for (size_t k = ws; k < pb && k < ws + fw.n; k++)
		if (same_word(norm, &fw, 0, q->h, &hw, k)) {
			j = k;
			break;
		}
	while (i < fw.n && j < pb && same_word(norm, &fw, i, q->h, &hw, j)) {
		i++;
		j++;
	}
	if (i < fw.n) {
		*fact_word = xstrndup(norm + fw.start[i], fw.len[i]);
		if (j < pb)
			*snap_word = xstrndup(q->h + hw.start[j], hw.len[j]);
		a = j >= pa + 4 ? j - 4 : pa;
		b = j + 5 < pb ? j + 5 : pb;
	} else {
		a = ws;
		b = ws + 10 < pb ? ws + 10 : pb;
	}
	if (b <= a)
		b = a + 1 <= pb ? a + 1 : pb;
	if (a >= b)
		a = b - 1;
	out = excerpt(q, &hw, a, b, pa, pb);
	*line = q->pline[passage_of(q, hw.start[a])];
done:
	vocab_release(&v);
	words_release(&fw);
	words_release(&hw);
	free(norm);
	return out;
}
