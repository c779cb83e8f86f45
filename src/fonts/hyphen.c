/*
 * hyphen.c: where words may be hyphenated, from libhyphen's patterns
 * (the ones LibreOffice uses, packaged by Debian as hyphen-LANG) and the
 * config's exceptions.
 *
 * Layout asks through struct hyphenator (fonts.h) with a word of letters
 * as printed; here it is lower-cased for the patterns, and the points
 * the minimums (left_min, right_min, in characters) or the capitals rule
 * exclude are dropped. An exception replaces the patterns for its word:
 * "Pris-tina" breaks only after "Pris", "NATO" never. Acronyms (two or
 * more letters, all capitals) are never hyphenated.
 *
 * Loading all of a language's patterns costs more than the rest of a
 * short briefing, so hyphen_load() (hyphen_load.c) only reads the file,
 * and patterns are loaded when layout first needs them: those the
 * document's words can use (hyphen_use_doc() in hyphen_doc.c,
 * patterns.c), and all of them only for a word the document did not
 * name. Each word is hyphenated once; its points are kept (struct word)
 * for its next use. The points never depend on which patterns were
 * loaded, only the time does.
 */
#define _POSIX_C_SOURCE 200809L
#include "briefing/fonts.h"

#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <hyphen.h>

#include "briefing/base/xalloc.h"
#include "fonts/hyphen_internal.h"
#include "fonts/patterns.h"

/* Words whose points are kept, at most: far more than a long
 * document's distinct words. */
#define CACHE_MAX (1u << 18)

/* Code points in s[0..len). */
static size_t chars(const char *s, size_t len)
{
	size_t n = 0;

	for (size_t i = 0; i < len; i++)
		n += ((unsigned char)s[i] & 0xC0) != 0x80;
	return n;
}

static const struct exception *find_exception(const struct hyphen *h,
                                              const char *w)
{
	for (size_t i = 0; i < h->ex_len; i++)
		if (strcmp(h->ex[i].word, w) == 0)
			return &h->ex[i];
	return NULL;
}

/* The entry of the lower-case word w[0..len), of FNV-1a hash
 * (hyphen_needs_patterns()), added when missing and the cache has room;
 * NULL otherwise. */
struct word *hyphen_word_get(struct hyphen *h, const char *w, size_t len,
                             uint64_t hash, bool add)
{
	size_t i;

	if (!h->slot) {
		if (!add)
			return NULL;
		h->slot_mask = 1023;
		h->slot = xcalloc(h->slot_mask + 1, sizeof *h->slot);
	}
	for (i = (size_t)hash & h->slot_mask; h->slot[i];
	     i = (i + 1) & h->slot_mask) {
		struct word *e = &h->w[h->slot[i] - 1];

		if (e->hash == hash && e->len == len &&
		    memcmp(h->words + e->key, w, len) == 0)
			return e;
	}
	if (!add || h->w_len >= CACHE_MAX)
		return NULL;
	h->w = xgrow(h->w, &h->w_cap, h->w_len + 1, sizeof *h->w);
	h->words = xgrow(h->words, &h->words_cap, h->words_len + len, 1);
	memcpy(h->words + h->words_len, w, len);
	h->w[h->w_len] = (struct word){ hash, h->words_len, 0,
	                                (unsigned char)len, 0, false, false,
	                                false };
	h->words_len += len;
	h->slot[i] = ++h->w_len;
	/* at most half full */
	if (2 * h->w_len > h->slot_mask) {
		size_t mask = 2 * h->slot_mask + 1;

		free(h->slot);
		h->slot = xcalloc(mask + 1, sizeof *h->slot);
		h->slot_mask = mask;
		for (size_t k = 0; k < h->w_len; k++) {
			size_t j = (size_t)h->w[k].hash & mask;

			while (h->slot[j])
				j = (j + 1) & mask;
			h->slot[j] = k + 1;
		}
	}
	return &h->w[h->w_len - 1];
}

static HyphenDict *load_buffer(const char *buf, size_t len)
{
	FILE *f = fmemopen((void *)buf, len, "r");
	HyphenDict *d;

	if (!f)
		return NULL;
	d = hnj_hyphen_load_file(f);
	fclose(f);
	return d;
}

static HyphenDict *full_dict(struct hyphen *h)
{
	if (!h->full_tried) {
		h->full_tried = true;
		h->full = load_buffer(h->dic, h->dic_len);
	}
	return h->full;
}

/* The patterns for a word named before they were loaded: the first
 * call cuts the file down to what the named words can use. */
static HyphenDict *cut_dict(struct hyphen *h)
{
	if (!h->cut_tried) {
		char *list, *cut;
		size_t n = 0, len;

		h->cut_tried = true;
		list = xmalloc(h->words_len + 3 * h->w_len + 1);
		for (size_t i = 0; i < h->w_len; i++) {
			struct word *e = &h->w[i];

			if (!e->named)
				continue;
			e->covered = true;
			list[n++] = '.';
			memcpy(list + n, h->words + e->key, e->len);
			n += e->len;
			list[n++] = '.';
			list[n++] = '\n';
		}
		cut = patterns_filter(h->dic, h->dic_len, list, n, &len);
		free(list);
		if (cut) {
			h->cut = load_buffer(cut, len);
			free(cut);
		}
	}
	return h->cut ? h->cut : full_dict(h);
}

/* Whether the word s[0..len) needs the patterns, and if so its lower
 * case in w (WORD_MAX + 1 bytes), its FNV-1a hash in *hash and its
 * characters in *total; what an exception, the capitals rule or its
 * length decides is in *n, with the points in at[0..max). */
bool hyphen_needs_patterns(const struct hyphen *h, const char *s, size_t len,
                           char *w, uint64_t *hash, size_t *total,
                           size_t *at, size_t max, size_t *n)
{
	const struct exception *e;
	size_t upper = 0, chars_ = 0;
	uint64_t hh = 14695981039346656037u;

	*n = 0;
	if (len == 0 || len > WORD_MAX)
		return false;
	/* one pass: capitals, characters, the lower case and its hash, of
	 * ASCII letters only (the patterns are UTF-8 and hold lower-case
	 * accented letters, which text rarely capitalises mid-sentence) */
	for (size_t i = 0; i < len; i++) {
		unsigned char c = (unsigned char)s[i];

		if ((unsigned)(c - 'A') < 26u) {
			upper++;
			c = (unsigned char)(c - 'A' + 'a');
		}
		chars_ += (c & 0xC0) != 0x80;
		w[i] = (char)c;
		hh = (hh ^ c) * 1099511628211u;
	}
	w[len] = '\0';
	*total = chars_;
	*hash = hh;
	if ((upper && !h->capitals) || (upper >= 2 && upper == chars_))
		return false;
	if (h->ex_len && (e = find_exception(h, w)) != NULL) {
		for (size_t i = 0; i < e->len && *n < max; i++)
			at[(*n)++] = e->points[i];
		return false;
	}
	return h->dic && chars_ >= (size_t)h->left_min + (size_t)h->right_min;
}

static size_t points_of(struct hyphen *h, const char *s, size_t len,
                        size_t *at, size_t max)
{
	char w[WORD_MAX + 1], hy[WORD_MAX + 5];
	unsigned char got[WORD_MAX];
	size_t n = 0, total, k = 0;
	uint64_t hash;
	char **rep = NULL;
	int *pos = NULL, *cut = NULL;
	struct word *e;
	HyphenDict *dict;

	if (!hyphen_needs_patterns(h, s, len, w, &hash, &total, at, max, &n))
		return n;
	e = hyphen_word_get(h, w, len, hash, true);
	if (e && e->done) {
		for (; n < e->n && n < max; n++)
			at[n] = h->pts[e->pts + n];
		return n;
	}
	/* a named word before the cut is made gets covered by it */
	dict = e && e->named && (e->covered || !h->cut_tried) ? cut_dict(h)
	                                                       : full_dict(h);
	if (dict && hnj_hyphen_hyphenate2(dict, w, (int)len, hy, NULL, &rep,
	                                  &pos, &cut) == 0) {
		for (size_t i = 0; i + 1 < len; i++) {
			size_t left, right;

			/* odd: a break after byte i; rep: a spelling change
			 * (not for the languages shipped; refused rather than
			 * misprinted) */
			if (!(hy[i] & 1) || (rep && rep[i]))
				continue;
			left = chars(w, i + 1);
			right = total - left;
			if (left >= (size_t)h->left_min &&
			    right >= (size_t)h->right_min)
				got[k++] = (unsigned char)(i + 1);
		}
	}
	if (rep) {
		for (size_t i = 0; i < len; i++)
			free(rep[i]);
		free(rep);
		free(pos);
		free(cut);
	}
	if (e) {
		/* e may move when the cache grows: hyphen_word_get() is done */
		h->pts = xgrow(h->pts, &h->pts_cap, h->pts_len + k + 1, 1);
		memcpy(h->pts + h->pts_len, got, k);
		e->pts = h->pts_len;
		e->n = (unsigned char)k;
		e->done = true;
		h->pts_len += k;
	}
	for (; n < k && n < max; n++)
		at[n] = got[n];
	return n;
}

static uint64_t raw_hash(const char *s, size_t len)
{
	uint64_t x = 14695981039346656037u;

	for (size_t i = 0; i < len; i++)
		x = (x ^ (unsigned char)s[i]) * 1099511628211u;
	return x;
}

/* Keeps the points pts[0..n) of the word s[0..len) as printed in raw,
 * at slot i of its table (free), when there is room. */
static void raw_put(struct hyphen *h, size_t i, uint64_t x, const char *s,
                    size_t len, const size_t *pts, size_t n)
{
	struct raw *r;

	if (h->raw_len >= CACHE_MAX)
		return;
	h->raw = xgrow(h->raw, &h->raw_cap, h->raw_len + 1, sizeof *h->raw);
	h->raw_keys = xgrow(h->raw_keys, &h->raw_keys_cap,
	                    h->raw_keys_len + len, 1);
	h->pts = xgrow(h->pts, &h->pts_cap, h->pts_len + n + 1, 1);
	r = &h->raw[h->raw_len];
	*r = (struct raw){ x, h->raw_keys_len, h->pts_len, (unsigned char)len,
	                   (unsigned char)n };
	memcpy(h->raw_keys + h->raw_keys_len, s, len);
	h->raw_keys_len += len;
	for (size_t k = 0; k < n; k++)
		h->pts[h->pts_len + k] = (unsigned char)pts[k];
	h->pts_len += n;
	h->raw_slot[i] = ++h->raw_len;
	/* at most half full */
	if (2 * h->raw_len > h->raw_mask) {
		size_t mask = 2 * h->raw_mask + 1;

		free(h->raw_slot);
		h->raw_slot = xcalloc(mask + 1, sizeof *h->raw_slot);
		h->raw_mask = mask;
		for (size_t k = 0; k < h->raw_len; k++) {
			size_t j = (size_t)h->raw[k].hash & mask;

			while (h->raw_slot[j])
				j = (j + 1) & mask;
			h->raw_slot[j] = k + 1;
		}
	}
}

size_t hyphen_points(const void *ctx, const char *s, size_t len, size_t *at,
                     size_t max)
{
	/* The patterns and the caches fill lazily: the object layout holds
	 * as const is never const (hyphen_load() made it). */
	struct hyphen *h = (struct hyphen *)ctx;
	size_t all[WORD_MAX], n, i;
	uint64_t x;

	if (len == 0 || len > WORD_MAX)
		return points_of(h, s, len, at, max);
	x = raw_hash(s, len);
	if (!h->raw_slot) {
		h->raw_mask = 1023;
		h->raw_slot = xcalloc(h->raw_mask + 1, sizeof *h->raw_slot);
	}
	for (i = (size_t)x & h->raw_mask; h->raw_slot[i];
	     i = (i + 1) & h->raw_mask) {
		const struct raw *r = &h->raw[h->raw_slot[i] - 1];

		if (r->hash == x && r->len == len &&
		    memcmp(h->raw_keys + r->key, s, len) == 0) {
			for (n = 0; n < r->n && n < max; n++)
				at[n] = h->pts[r->pts + n];
			return n;
		}
	}
	/* a word has fewer points than bytes: all of them fit */
	n = points_of(h, s, len, all, WORD_MAX);
	raw_put(h, i, x, s, len, all, n);
	for (size_t k = 0; k < n && k < max; k++)
		at[k] = all[k];
	return n < max ? n : max;
}
