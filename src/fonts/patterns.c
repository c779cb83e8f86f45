/*
 * patterns.c: libhyphen's patterns cut down to those a set of words can
 * use, so that loading them costs a tenth of loading them all.
 *
 * libhyphen turns the pattern lines into an automaton whose states are
 * the prefixes of the patterns' letters (digits dropped; '.' marks a
 * word's edge). On ".word." it walks, after each character, to the
 * longest state that ends the text read so far, and applies that
 * state's digits if it is a pattern. A pattern whose letters do not
 * occur in any ".word." is never applied to these words; dropping it
 * can only change what is applied through the states it took along:
 * where the full automaton sits on a prefix S of a dropped pattern (S
 * occurs in a word, is no pattern, so nothing is applied there), the cut
 * one falls back to a shorter suffix T of S, and applies T when T is a
 * pattern. Files made with libhyphen's substrings.pl (all Debian ships)
 * never allow that: S would be a pattern holding T's digits. To depend
 * on no such promise, a dropped pattern is kept whenever one of its
 * prefixes could be such an S. So every word of the set gets from the
 * cut file exactly the points the whole file gives it.
 *
 * Everything that is not a pattern is kept as written: the charset line,
 * LEFTHYPHENMIN and the other keywords, and lines too long for
 * libhyphen's buffer (it skips them; so it still does). A file with a
 * second level (NEXTLEVEL) applies its second patterns to pieces of a
 * word between dots of their own, which need not occur in ".word.": it
 * is never cut.
 */
#include "fonts/patterns.h"

#include <stdbool.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include <hyphen.h>

#include "briefing/base/xalloc.h"

#define FNV_BASIS 14695981039346656037u
#define FNV_PRIME 1099511628211u

static uint64_t step(uint64_t h, unsigned char c)
{
	return (h ^ c) * FNV_PRIME;
}

/* A set of 64-bit hashes, open addressing; 0 marks a free slot. A hash
 * may stand for two strings: the set answers "maybe", which is safe
 * wherever it only keeps more lines (the one exact test is in_kept()). */
struct hset {
	uint64_t *v;
	size_t mask;
};

static void hset_init(struct hset *s, size_t n)
{
	size_t cap = 16;

	while (cap < 2 * n)
		cap *= 2;
	s->v = xcalloc(cap, sizeof *s->v);
	s->mask = cap - 1;
}

static size_t hset_slot(const struct hset *s, uint64_t h)
{
	size_t i = (size_t)(h ^ (h >> 29)) & s->mask;

	while (s->v[i] && s->v[i] != h)
		i = (i + 1) & s->mask;
	return i;
}

static void hset_add(struct hset *s, uint64_t h)
{
	h += !h;
	s->v[hset_slot(s, h)] = h;
}

static bool hset_has(const struct hset *s, uint64_t h)
{
	h += !h;
	return s->v[hset_slot(s, h)] == h;
}

/* One line of the file, after the charset line. */
struct line {
	size_t start, len;       /* without the newline */
	uint64_t hash;           /* PATTERN: of its letters, */
	size_t at;               /* where they are in the copy, */
	unsigned char letters;   /* and their length */
	unsigned char kind;      /* KEEP, DROP or PATTERN */
	bool nl;                 /* a newline follows */
	bool occurs;             /* PATTERN: its letters occur in a word */
};

enum { KEEP, DROP, PATTERN };

/* The letters libhyphen reads from a pattern line, into out, and their
 * hash: digits left out, up to the first byte at or below ' ' or the
 * first '/' (a replacement follows; libhyphen cuts the line at the
 * first '/' anywhere, which past a space changes nothing it reads). */
static size_t letters_of(const char *s, size_t len, char *out, uint64_t *hash)
{
	uint64_t h = FNV_BASIS;
	size_t n = 0;

	for (size_t i = 0; i < len; i++) {
		unsigned char c = (unsigned char)s[i];

		if (c <= ' ' || c == '/')
			break;
		if (c < '0' || c > '9') {
			out[n++] = (char)c;
			h = step(h, c);
		}
	}
	*hash = h;
	return n;
}

static bool starts(const char *s, size_t len, const char *word)
{
	size_t n = strlen(word);

	return len >= n && memcmp(s, word, n) == 0;
}

/* The kept patterns' letters, exactly: a table of indices (0: free)
 * into the entries, found by hash; kept_add() takes s inside text. */
struct kept {
	size_t *slot, mask;
	uint64_t *hash;
	size_t *at;              /* offset of the letters in text */
	unsigned char *len;
	const char *text;        /* the letters of every pattern */
	size_t n;
};

static size_t kept_find(const struct kept *k, const char *s, size_t len,
                        uint64_t h, bool *found)
{
	size_t i = (size_t)(h ^ (h >> 29)) & k->mask;

	*found = false;
	for (; k->slot[i]; i = (i + 1) & k->mask) {
		size_t e = k->slot[i] - 1;

		if (k->hash[e] == h && k->len[e] == len &&
		    memcmp(k->text + k->at[e], s, len) == 0) {
			*found = true;
			break;
		}
	}
	return i;
}

static bool in_kept(const struct kept *k, const char *s, size_t len,
                    uint64_t h)
{
	bool found;

	kept_find(k, s, len, h, &found);
	return found;
}

static void kept_add(struct kept *k, const char *s, size_t len, uint64_t h)
{
	bool found;
	size_t i = kept_find(k, s, len, h, &found);

	if (found)
		return;
	k->hash[k->n] = h;
	k->len[k->n] = (unsigned char)len;
	k->at[k->n] = (size_t)(s - k->text);
	k->slot[i] = ++k->n;
}

/* Quick rejections for may_mask(): the pairs of bytes the words hold,
 * and a bit per kept pattern's hash. Both only ever say "maybe". */
struct quick {
	unsigned char pair[65536 / 8];
	unsigned char kept[65536 / 8];
};

static bool bit(const unsigned char *map, size_t i)
{
	return (map[i >> 3] >> (i & 7)) & 1;
}

static void set_bit(unsigned char *map, size_t i)
{
	map[i >> 3] |= (unsigned char)(1u << (i & 7));
}

/* Whether some prefix S of the dropped pattern p[0..m), of length 2 or
 * more, occurs in a word (per subs), is no kept pattern, and ends in a
 * kept pattern: then the full automaton could sit on S where the cut
 * one would apply that pattern (see the top of the file). */
static bool may_mask(const char *p, size_t m, const struct hset *subs,
                     const struct kept *kept, const struct quick *qk)
{
	uint64_t ph[MAX_CHARS + 1];
	size_t occ = 0;
	uint64_t h = FNV_BASIS;

	if (m < 2 || !bit(qk->pair, (size_t)(unsigned char)p[0] << 8 |
	                            (unsigned char)p[1]))
		return false;
	for (size_t q = 0; q < m; q++) {
		h = step(h, (unsigned char)p[q]);
		if (!hset_has(subs, h))
			break;
		ph[++occ] = h;
	}
	for (size_t k = 1; k + 1 <= occ; k++) {
		h = FNV_BASIS;
		for (size_t q = k; q < occ; q++) {
			h = step(h, (unsigned char)p[q]);
			if (bit(qk->kept, (size_t)h & 0xFFFF) &&
			    in_kept(kept, p + k, q + 1 - k, h) &&
			    !in_kept(kept, p, q + 1, ph[q + 1]))
				return true;
		}
	}
	return false;
}

char *patterns_filter(const char *dic, size_t len, const char *words,
                      size_t words_len, size_t *out_len)
{
	struct line *lines = NULL;
	size_t nlines = 0, cap, first, maxlen = 0, subs_n = 0, o = 0, nlet = 0;
	struct hset subs = { NULL, 0 };
	struct kept kept = { NULL, 0, NULL, NULL, NULL, NULL, 0 };
	struct quick *qk;
	char *let, *out;
	const char *nl;

	if (memchr(dic, '\0', len))
		return NULL;
	/* libhyphen reads the charset with fgets() into MAX_NAME bytes: a
	 * longer first line would go on as patterns */
	nl = memchr(dic, '\n', len);
	first = nl ? (size_t)(nl - dic) + 1 : len;
	if (first > MAX_NAME - 1)
		return NULL;
	/* a line holds at least one byte and its newline, or is the last */
	cap = (len - first) / 2 + 2;
	lines = xmalloc(cap * sizeof *lines);
	let = xmalloc(len + 1);
	for (size_t a = first; a < len;) {
		const char *s = dic + a;
		const char *e = memchr(s, '\n', len - a);
		size_t l = e ? (size_t)(e - s) : len - a;
		struct line *ln = &lines[nlines++];

		*ln = (struct line){ a, l, 0, nlet, 0, PATTERN, e != NULL, false };
		a += l + (e != NULL);
		if (l + 3 >= MAX_CHARS) {
			ln->kind = KEEP;       /* libhyphen skips it: still does */
		} else if (l && s[0] == '%') {
			ln->kind = DROP;       /* a comment */
		} else if (l && s[0] >= 'A' && s[0] <= 'Z') {
			if (starts(s, l, "NEXTLEVEL"))
				goto whole;
			if (starts(s, l, "LEFTHYPHENMIN") ||
			    starts(s, l, "RIGHTHYPHENMIN") ||
			    starts(s, l, "COMPOUNDLEFTHYPHENMIN") ||
			    starts(s, l, "COMPOUNDRIGHTHYPHENMIN") ||
			    starts(s, l, "NOHYPHEN"))
				ln->kind = KEEP;
		}
		if (ln->kind != PATTERN)
			continue;
		ln->letters = (unsigned char)letters_of(s, l, let + nlet, &ln->hash);
		nlet += ln->letters;
		if (ln->letters > maxlen)
			maxlen = ln->letters;
	}

	/* every substring of the words up to the longest pattern */
	for (size_t p = 0, wl = 0; p < words_len; p++) {
		if (words[p] == '\n') {
			wl = 0;
			continue;
		}
		if (wl == 0)
			while (p + wl < words_len && words[p + wl] != '\n')
				wl++;
		subs_n += wl < maxlen ? wl : maxlen;
		wl--;
	}
	hset_init(&subs, subs_n);
	qk = xcalloc(1, sizeof *qk);
	for (size_t p = 0; p < words_len; p++) {
		uint64_t h = FNV_BASIS;

		if (p + 1 < words_len)
			set_bit(qk->pair, (size_t)(unsigned char)words[p] << 8 |
			                  (unsigned char)words[p + 1]);

		for (size_t q = p; q < words_len && words[q] != '\n' &&
		     q - p < maxlen; q++) {
			h = step(h, (unsigned char)words[q]);
			hset_add(&subs, h);
		}
	}

	/* the patterns whose letters occur */
	{
		size_t slots = 16;

		while (slots < 2 * nlines)
			slots *= 2;
		kept.slot = xcalloc(slots, sizeof *kept.slot);
		kept.mask = slots - 1;
	}
	kept.hash = xmalloc((nlines + 1) * sizeof *kept.hash);
	kept.at = xmalloc((nlines + 1) * sizeof *kept.at);
	kept.len = xmalloc(nlines + 1);
	kept.text = let;
	for (size_t i = 0; i < nlines; i++) {
		struct line *ln = &lines[i];

		if (ln->kind != PATTERN)
			continue;
		ln->occurs = ln->letters == 0 || hset_has(&subs, ln->hash);
		if (ln->occurs && ln->letters) {
			kept_add(&kept, let + ln->at, ln->letters, ln->hash);
			set_bit(qk->kept, (size_t)ln->hash & 0xFFFF);
		}
	}

	out = xmalloc(len + 1);
	memcpy(out, dic, first);
	o = first;
	for (size_t i = 0; i < nlines; i++) {
		const struct line *ln = &lines[i];
		bool keep = ln->kind == KEEP;

		if (ln->kind == PATTERN)
			keep = ln->occurs ||
			       may_mask(let + ln->at, ln->letters, &subs, &kept, qk);
		if (!keep)
			continue;
		memcpy(out + o, dic + ln->start, ln->len);
		o += ln->len;
		if (ln->nl)
			out[o++] = '\n';
	}
	*out_len = o;
	free(kept.slot);
	free(kept.hash);
	free(kept.at);
	free(kept.len);
	free(subs.v);
	free(qk);
	free(lines);
	free(let);
	return out;
whole:
	free(lines);
	free(let);
	return NULL;
}
