/*
 * strhash.h: a small open-addressing hash from strings to indices, so that
 * the input stage finds a section, key or fact in constant time and a
 * file of n names costs O(n), not O(n^2).
 *
 * The table does not own its keys: each points into storage the caller
 * keeps alive and unmoved (heap strings whose arrays may move, since the
 * key pointer is to the characters, not to the array slot).
 */
#ifndef BRIEFING_INPUT_STRHASH_H
#define BRIEFING_INPUT_STRHASH_H

#include <stddef.h>
#include <stdint.h>

#define STRHASH_NONE ((size_t)-1)

struct strhash_slot {
	const char *key;   /* NULL: empty */
	size_t len;
	uint64_t hash;
	size_t value;
};

struct strhash {
	struct strhash_slot *slots;
	size_t cap;        /* 0 or a power of two */
	size_t len;
};

/* Frees the slots; h may then be reused as an empty table. */
void strhash_release(struct strhash *h);

/* The value stored for key[0..len), or STRHASH_NONE. */
size_t strhash_get(const struct strhash *h, const char *key, size_t len);

/* Stores key[0..len) -> value unless the key is present. Returns the
 * value already stored, or STRHASH_NONE when it inserted. */
size_t strhash_put(struct strhash *h, const char *key, size_t len,
                   size_t value);

#endif
