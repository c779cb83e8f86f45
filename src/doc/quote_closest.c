/*
 * quote_closest.c: where a quotation that was not found comes closest to
 * the snapshot (quote_closest(), see quote.h), for the message that says
 * which word differs. Apart from quote.c because it is the slow path of
 * another kind: a sliding count of the words in common, over words
 * rather than bytes, run only when a lookup has already failed, and
 * sharing nothing with the hashed index but the passages.
 */
#include "quote.h"

#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "briefing/base/xalloc.h"
#include "quote_internal.h"

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

		if (!quote_word(s[i])) {
			i++;
			continue;
		}
		while (j < b && quote_word(s[j]))
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
	/* callers pass words that exist: best_window() is 0 when a list is
	 * empty, which the analyser does not follow */
	/* NOLINTNEXTLINE(clang-analyzer-core.NullDereference) */
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
		size_t end = quote_passage_end(q, pi), a = k, matched = 0;

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
	/* NOLINTNEXTLINE(clang-analyzer-core.NullDereference): a < b <= hw->n */
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
	*line = q->pline[quote_passage_of(q, hw.start[a])];
done:
	vocab_release(&v);
	words_release(&fw);
	words_release(&hw);
	free(norm);
	return out;
}
