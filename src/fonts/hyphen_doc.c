/*
 * hyphen_doc.c: hyphen_use_doc(), the naming of the words a document's
 * paragraphs and lists may ask about, so the patterns first loaded are
 * only those these words can use. Separate from hyphen.c because it
 * walks the document, not the patterns: a word's points never depend on
 * it, only the time to find them does.
 */
#include "briefing/fonts.h"

#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "briefing/base/utf8.h"
#include "briefing/base/xalloc.h"
#include "fonts/hyphen_internal.h"

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
			if (p > a &&
			    hyphen_needs_patterns(h, t + a, p - a, w, &hash,
			                          &total, at, 0, &n)) {
				struct word *e;

				e = hyphen_word_get(h, w, p - a, hash, true);
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
