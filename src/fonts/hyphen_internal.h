/*
 * hyphen_internal.h: the hyphenator's state, shared by its lookups
 * (hyphen.c), its loading (hyphen_load.c) and its naming of a
 * document's words (hyphen_doc.c); private to src/fonts.
 */
#ifndef BRIEFING_FONTS_HYPHEN_INTERNAL_H
#define BRIEFING_FONTS_HYPHEN_INTERNAL_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include <hyphen.h>

#include "briefing/fonts.h"

/* libhyphen's own limit on a word */
#define WORD_MAX 100

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

/* hyphen.c */
/* The entry of the lower-case word w[0..len), of FNV-1a hash
 * (hyphen_needs_patterns()), added when missing and the cache has room;
 * NULL otherwise. */
struct word *hyphen_word_get(struct hyphen *h, const char *w, size_t len,
                             uint64_t hash, bool add);

/* Whether the word s[0..len) needs the patterns, and if so its lower
 * case in w (WORD_MAX + 1 bytes), its FNV-1a hash in *hash and its
 * characters in *total; what an exception, the capitals rule or its
 * length decides is in *n, with the points in at[0..max). */
bool hyphen_needs_patterns(const struct hyphen *h, const char *s, size_t len,
                           char *w, uint64_t *hash, size_t *total,
                           size_t *at, size_t max, size_t *n);

/* struct hyphenator's points: the points of the word s[0..len) as
 * printed in at[0..max), and how many (ctx: the struct hyphen). */
size_t hyphen_points(const void *ctx, const char *s, size_t len, size_t *at,
                     size_t max);

#endif
