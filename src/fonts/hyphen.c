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
 * short briefing, so hyphen_load() only reads the file, and patterns
 * are loaded when layout first needs them: those the document's words
 * can use (hyphen_use_doc(), patterns.c), and all of them only for a
 * word the document did not name. Each word is hyphenated once; its
 * points are kept (struct word) for its next use. The points never
 * depend on which patterns were loaded, only the time does.
 */
#define _POSIX_C_SOURCE 200809L
#include "briefing/fonts.h"

#include <ctype.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include <hyphen.h>

#include "briefing/base/fileio.h"
#include "briefing/base/utf8.h"
#include "briefing/base/xalloc.h"
#include "fonts/patterns.h"

#define HYPHEN_DIR "/usr/share/hyphen"
/* libhyphen's own limit on a word */
#define WORD_MAX 100
/* Words whose points are kept, at most: far more than a long
 * document's distinct words. */
#define CACHE_MAX (1u << 18)

struct exception {
	char *word;          /* lower case, hyphens removed */
	size_t *points;      /* byte offsets in word */
	size_t len;
};

/* A word as printed and its points (struct hyphen's raw). */
struct raw {
	uint64_t hash;
	size_t key, pts;     /* offsets in raw_keys and pts */
	unsigned char len, n;
};

/* A word (lower case) and its points, once known. */
struct word {
	uint64_t hash;
	size_t key;          /* offset of the word in words */
	size_t pts;          /* offset of its points in pts */
	unsigned char len;
	unsigned char n;     /* points, when done */
	bool done;
	bool named;          /* by hyphen_use_doc() */
	bool covered;        /* named before the cut patterns were loaded */
};

struct hyphen {
	char *dic;               /* the patterns file */
	size_t dic_len;
	HyphenDict *cut;         /* the patterns the named words can use */
	HyphenDict *full;        /* all of them */
	bool cut_tried, full_tried;
	struct word *w;          /* the cache: entries, */
	size_t w_len, w_cap;
	size_t *slot, slot_mask; /* a hash table of entry + 1 (0: free), */
	char *words;             /* the words and */
	size_t words_len, words_cap;
	unsigned char *pts;      /* their points, byte offsets */
	size_t pts_len, pts_cap;
	/* The points of words as layout asks about them (as printed, before
	 * lower-casing): most of a document's words come again and again,
	 * and finding one here costs a third of lower-casing it and looking
	 * it up in w. Open addressing, entry + 1 (0: free). */
	struct raw *raw;
	size_t raw_len, raw_cap;
	size_t *raw_slot, raw_mask;
	char *raw_keys;
	size_t raw_keys_len, raw_keys_cap;
	struct exception *ex;
	size_t ex_len;
	int left_min, right_min;
	bool capitals;
	char hyphen_glyph[8];
	struct hyphenator cb;
	char *path;              /* the patterns file's name (hyphen_path()) */
};

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

/* The entry of the lower-case word w[0..len), of FNV-1a hash (needs_patterns()),
 * added when missing and the cache has room; NULL otherwise. */
static struct word *word_get(struct hyphen *h, const char *w, size_t len,
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
static bool needs_patterns(const struct hyphen *h, const char *s, size_t len,
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

	if (!needs_patterns(h, s, len, w, &hash, &total, at, max, &n))
		return n;
	e = word_get(h, w, len, hash, true);
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
		/* e may move when the cache grows: word_get() is done */
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

static size_t points(const void *ctx, const char *s, size_t len, size_t *at,
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

/* "Pris-tina" -> word "pristina", points { 4 }. */
static void add_exception(struct hyphen *h, const char *spec)
{
	struct exception *e;
	size_t len = strlen(spec), o = 0;

	h->ex = xrealloc(h->ex, (h->ex_len + 1) * sizeof *h->ex);
	e = &h->ex[h->ex_len++];
	e->word = xmalloc(len + 1);
	e->points = xcalloc(len ? len : 1, sizeof *e->points);
	e->len = 0;
	for (size_t i = 0; i < len; i++) {
		if (spec[i] == '-') {
			if (o > 0 && (e->len == 0 || e->points[e->len - 1] != o))
				e->points[e->len++] = o;
			continue;
		}
		e->word[o++] = (char)tolower((unsigned char)spec[i]);
	}
	e->word[o] = '\0';
	/* a trailing hyphen marks no point */
	while (e->len && e->points[e->len - 1] >= o)
		e->len--;
}

/* "en-GB" -> "en_GB"; the Debian package "hyphen-en-gb", or for other
 * languages "hyphen-" and the language alone ("hyphen-de"). */
static void names(const char *lang, char *file, size_t fsize, char *pkg,
                  size_t psize)
{
	size_t n = strlen(lang);
	char primary[16];
	size_t k = strcspn(lang, "-_");

	snprintf(file, fsize, "hyph_%s.dic", lang);
	for (char *p = file; *p; p++)
		if (*p == '-')
			*p = '_';
	snprintf(primary, sizeof primary, "%.*s", (int)(k < 15 ? k : 15), lang);
	for (char *p = primary; *p; p++)
		*p = (char)tolower((unsigned char)*p);
	if (strcmp(primary, "en") == 0 && n > k) {
		snprintf(pkg, psize, "hyphen-%s", lang);
		for (char *p = pkg; *p; p++) {
			if (*p == '_')
				*p = '-';
			else
				*p = (char)tolower((unsigned char)*p);
		}
	} else {
		snprintf(pkg, psize, "hyphen-%s", primary);
	}
}

struct hyphen *hyphen_load(const struct hyphen_spec *spec,
                           struct diag_list *dl)
{
	struct hyphen *h;
	char file[64], pkg[48], *path;
	const char *dir = spec->dir ? spec->dir : HYPHEN_DIR;

	for (const char *p = spec->language; *p; p++)
		if (!isalnum((unsigned char)*p) && *p != '-' && *p != '_') {
			diag_error(dl, spec->file, spec->line, "[document] language: "
			           "'%s' is not a language tag such as en-GB",
			           spec->language);
			return NULL;
		}
	if (!spec->language[0] || strlen(spec->language) > 35) {
		diag_error(dl, spec->file, spec->line, "[document] language: '%s' "
		           "is not a language tag such as en-GB", spec->language);
		return NULL;
	}
	names(spec->language, file, sizeof file, pkg, sizeof pkg);
	path = xasprintf("%s/%s", dir, file);
	if (access(path, R_OK) != 0) {
		/* "de" alone: the patterns are named for its main country */
		char *alt = NULL;

		if (!strchr(spec->language, '-') && !strchr(spec->language, '_')) {
			char up[40];
			size_t i;

			for (i = 0; spec->language[i] && i + 1 < sizeof up; i++)
				up[i] = (char)toupper((unsigned char)spec->language[i]);
			up[i] = '\0';
			alt = xasprintf("%s/hyph_%s_%s.dic", dir, spec->language, up);
		}
		if (!alt || access(alt, R_OK) != 0) {
			diag_error(dl, spec->file, spec->line, "[document] language: no "
			           "hyphenation patterns for '%s' (%s); install the "
			           "Debian package %s, or set [hyphenation] enabled = no",
			           spec->language, path, pkg);
			free(alt);
			free(path);
			return NULL;
		}
		free(path);
		path = alt;
	}
	h = xcalloc(1, sizeof *h);
	{
		/* file_read()'s own words would name no config line */
		struct diag_list quiet = { NULL, 0, 0, 0 };

		if (file_read(path, &h->dic, &h->dic_len, &quiet) != 0) {
			diag_release(&quiet);
			diag_error(dl, spec->file, spec->line, "[document] language: "
			           "cannot read the hyphenation patterns %s", path);
			free(path);
			free(h);
			return NULL;
		}
		diag_release(&quiet);
	}
	h->path = path;
	for (size_t i = 0; i < spec->exceptions_len; i++)
		add_exception(h, spec->exceptions[i]);
	h->left_min = spec->left_min;
	h->right_min = spec->right_min;
	h->capitals = spec->capitals;
	snprintf(h->hyphen_glyph, sizeof h->hyphen_glyph, "%s",
	         spec->hyphen ? spec->hyphen : "-");
	h->cb.points = points;
	h->cb.hyphen = h->hyphen_glyph;
	h->cb.ctx = h;
	return h;
}

void hyphen_free(struct hyphen *h)
{
	if (!h)
		return;
	if (h->cut)
		hnj_hyphen_free(h->cut);
	if (h->full)
		hnj_hyphen_free(h->full);
	free(h->dic);
	free(h->w);
	free(h->slot);
	free(h->words);
	free(h->pts);
	free(h->raw);
	free(h->raw_slot);
	free(h->raw_keys);
	for (size_t i = 0; i < h->ex_len; i++) {
		free(h->ex[i].word);
		free(h->ex[i].points);
	}
	free(h->ex);
	free(h->path);
	free(h);
}

const struct hyphenator *hyphen_hyphenator(const struct hyphen *h)
{
	return &h->cb;
}

/* Letters a pattern can see, as paragraph.c has them: Latin, Greek,
 * Cyrillic. (Were the two to differ, a word would only be hyphenated
 * with all the patterns, to the same points.) */
static bool is_letter(uint32_t cp)
{
	if ((cp >= 'a' && cp <= 'z') || (cp >= 'A' && cp <= 'Z'))
		return true;
	if (cp >= 0xC0 && cp <= 0x24F)
		return cp != 0xD7 && cp != 0xF7;
	return cp >= 0x370 && cp <= 0x52F;
}

/* The words (between spaces, as written) already named: a document
 * repeats most of its words, and finding one here costs a fifth of
 * naming it again. Open addressing on FNV-1a hashes (0: a free slot);
 * the words themselves are in the document's text. */
struct seen {
	uint64_t *hash;
	const char **at;
	size_t *len;
	size_t mask, n;
};

static void seen_init(struct seen *sn, size_t mask)
{
	sn->hash = xcalloc(mask + 1, sizeof *sn->hash);
	sn->at = xmalloc((mask + 1) * sizeof *sn->at);
	sn->len = xmalloc((mask + 1) * sizeof *sn->len);
	sn->mask = mask;
	sn->n = 0;
}

static void seen_release(struct seen *sn)
{
	free(sn->hash);
	free(sn->at);
	free(sn->len);
}

/* Whether the word w[0..len) was seen; adds it if not. */
static bool seen_before(struct seen *sn, const char *w, size_t len)
{
	uint64_t x = 14695981039346656037u;
	size_t i;

	for (size_t k = 0; k < len; k++)
		x = (x ^ (unsigned char)w[k]) * 1099511628211u;
	x += !x;
	for (i = (size_t)(x ^ (x >> 29)) & sn->mask; sn->hash[i];
	     i = (i + 1) & sn->mask)
		if (sn->hash[i] == x && sn->len[i] == len &&
		    memcmp(sn->at[i], w, len) == 0)
			return true;
	sn->hash[i] = x;
	sn->at[i] = w;
	sn->len[i] = len;
	/* at most half full */
	if (2 * ++sn->n > sn->mask) {
		struct seen old = *sn;

		seen_init(sn, 2 * old.mask + 1);
		sn->n = old.n;
		for (size_t k = 0; k <= old.mask; k++) {
			size_t j;

			if (!old.hash[k])
				continue;
			for (j = (size_t)(old.hash[k] ^ (old.hash[k] >> 29)) & sn->mask;
			     sn->hash[j]; j = (j + 1) & sn->mask)
				;
			sn->hash[j] = old.hash[k];
			sn->at[j] = old.at[k];
			sn->len[j] = old.len[k];
		}
		seen_release(&old);
	}
	return false;
}

/* Names the words of t that paragraph.c may ask about: in each word
 * (between spaces) without a digit, '/', '@', ':' or inner hyphen, its
 * runs of letters. A word seen before (sn) was named then. */
static void name_words(struct hyphen *h, struct seen *sn, const char *t)
{
	size_t len = t ? strlen(t) : 0;

	for (size_t i = 0; i < len;) {
		size_t ws, we;
		bool skip = false;

		while (i < len && t[i] == ' ')
			i++;
		ws = i;
		while (i < len && t[i] != ' ')
			i++;
		we = i;
		if (we == ws || seen_before(sn, t + ws, we - ws))
			continue;
		for (size_t p = ws; p < we && !skip; p++) {
			char c = t[p];

			skip = (c >= '0' && c <= '9') || c == '/' || c == '@' ||
			       c == ':' || (c == '-' && p > ws && p + 1 < we);
		}
		for (size_t p = ws; p < we && !skip;) {
			size_t a = p, total, at[1], n;
			uint64_t hash;
			char w[WORD_MAX + 1];
			uint32_t cp;

			for (;;) {
				unsigned char c = p < we ? (unsigned char)t[p] : 0;
				size_t k;

				if (c < 0x80) {
					if (!((c >= 'a' && c <= 'z') ||
					      (c >= 'A' && c <= 'Z')))
						break;
					p++;
					continue;
				}
				k = utf8_decode(t + p, we - p, &cp);
				if (k == 0 || !is_letter(cp))
					break;
				p += k;
			}
			if (p > a && needs_patterns(h, t + a, p - a, w, &hash, &total,
			                            at, 0, &n)) {
				struct word *e = word_get(h, w, p - a, hash, true);

				if (e)
					e->named = true;
			}
			if (p == a)
				p++;
		}
	}
}

void hyphen_use_doc(struct hyphen *h, const struct doc *d)
{
	struct seen sn;

	if (!h)
		return;
	seen_init(&sn, 1023);
	for (size_t i = 0; i < d->len; i++) {
		const struct doc_block *b = &d->blocks[i];

		if (b->kind == DOC_PARAGRAPH) {
			name_words(h, &sn, b->u.paragraph.text);
		} else if (b->kind == DOC_LIST) {
			name_words(h, &sn, b->u.list.intro);
			for (size_t k = 0; k < b->u.list.len; k++)
				name_words(h, &sn, b->u.list.items[k].text);
		}
	}
	seen_release(&sn);
}

/* ---- the pattern file, for the list of a build's inputs ---- */

const char *hyphen_path(const struct hyphen *h)
{
	return h ? h->path : NULL;
}
