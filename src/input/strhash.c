/*
 * strhash.c: linear probing at a load of at most one half, FNV-1a hashes.
 *
 * The hash only decides speed, never results: lookups compare whole keys,
 * so output does not depend on it.
 */
#include "strhash.h"

#include <stdlib.h>
#include <string.h>

#include "briefing/base/xalloc.h"

static uint64_t hash_of(const char *s, size_t len)
{
	uint64_t h = 14695981039346656037u;

	for (size_t i = 0; i < len; i++) {
		h ^= (unsigned char)s[i];
		h *= 1099511628211u;
	}
	/* Mix the high bits down: the table uses the low ones. */
	h ^= h >> 29;
	return h;
}

void strhash_release(struct strhash *h)
{
	free(h->slots);
	memset(h, 0, sizeof *h);
}

static struct strhash_slot *find(const struct strhash *h, const char *key,
                                 size_t len, uint64_t hash)
{
	size_t mask = h->cap - 1;

	for (size_t i = (size_t)hash & mask;; i = (i + 1) & mask) {
		struct strhash_slot *s = &h->slots[i];

		if (!s->key || (s->hash == hash && s->len == len &&
		                memcmp(s->key, key, len) == 0))
			return s;
	}
}

static void grow(struct strhash *h)
{
	struct strhash old = *h;

	h->cap = old.cap ? old.cap * 2 : 16;
	h->slots = xcalloc(h->cap, sizeof *h->slots);
	for (size_t i = 0; i < old.cap; i++)
		if (old.slots[i].key)
			*find(h, old.slots[i].key, old.slots[i].len,
			      old.slots[i].hash) = old.slots[i];
	free(old.slots);
}

size_t strhash_get(const struct strhash *h, const char *key, size_t len)
{
	const struct strhash_slot *s;

	if (h->cap == 0)
		return STRHASH_NONE;
	s = find(h, key, len, hash_of(key, len));
	return s->key ? s->value : STRHASH_NONE;
}

size_t strhash_put(struct strhash *h, const char *key, size_t len,
                   size_t value)
{
	uint64_t hash = hash_of(key, len);
	struct strhash_slot *s;

	if ((h->len + 1) * 2 > h->cap)
		grow(h);
	s = find(h, key, len, hash);
	if (s->key)
		return s->value;
	s->key = key;
	s->len = len;
	s->hash = hash;
	s->value = value;
	h->len++;
	return STRHASH_NONE;
}
