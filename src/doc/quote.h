/*
 * quote.h: finding a quotation in the text of its source page.
 *
 * A snapshot is the text of a page as it was read: each paragraph, list
 * item and heading on a line of its own. A quotation matches when, after
 * both are normalised (below), it occurs inside one line of the snapshot
 * (a passage), starting and ending on word boundaries; a sentence
 * quotation must also start where a sentence starts and end where one
 * ends. Nothing ever matches across two passages: a list item cannot be
 * found by joining the end of one item and the start of the next.
 *
 * Normalising maps every run of blanks (space, tab, no-break and the
 * other Unicode spaces) to one space, typographic single quotes,
 * apostrophes and primes to ', double ones and guillemets to ", the
 * hyphens, dashes and the minus sign to -, the ellipsis to ..., and drops
 * soft hyphens and zero-width characters; in the snapshot it also drops a
 * bullet (•, ◦, ▪, ‣, *, -) that starts a line. Case, letters, digits and
 * other punctuation must match exactly.
 *
 * Private to doc: provenance.c checks facts through it, and
 * tests/test_quote.c tests it.
 */
#ifndef BRIEFING_DOC_QUOTE_H
#define BRIEFING_DOC_QUOTE_H

#include <stdbool.h>
#include <stddef.h>

struct quote_index;

/* How much of a passage a quotation must cover. */
enum quote_mode {
	QUOTE_PHRASE,    /* a figure value, a table cell: word boundaries */
	QUOTE_SENTENCES  /* a paragraph, a list item or intro: whole sentences */
};

/* Indexes the snapshot text[0..len) (valid UTF-8). The index keeps its
 * own copy; free it with quote_index_free(). */
struct quote_index *quote_index_new(const char *text, size_t len);

void quote_index_free(struct quote_index *q);

/* s[0..len) normalised as above (newlines become spaces), in a new
 * string the caller frees; *out_len gets its length. */
char *quote_normalise(const char *s, size_t len, size_t *out_len);

/* The snapshot line on which s[0..len) occurs, as mode says, or 0 when
 * it does not. An empty quotation (once normalised) never occurs. */
int quote_find(const struct quote_index *q, const char *s, size_t len,
               enum quote_mode mode);

/* The line of the first passage holding every one of the n phrases
 * s[i] (NUL-terminated), each on word boundaries, or 0. For the cells of
 * a table row, which a page writes together. When none does, *missing
 * gets the index of the phrase that the best candidate passage lacks. */
int quote_find_together(const struct quote_index *q, const char *const *s,
                        size_t n, size_t *missing);

/* Where s[0..len) comes closest to the snapshot: the passage window of
 * as many words with the most words in common (a sliding count, linear
 * in the snapshot). Returns a new string the caller frees: an excerpt of
 * the snapshot's own text around the first word where the two part
 * (about a dozen words, '…' where it is cut), and sets *line to its line,
 * *fact_word and *snap_word to the first differing words (new strings,
 * or NULL when the words agree and only punctuation or spacing differs;
 * *snap_word is NULL too when the passage ends first). Returns NULL (and
 * *line 0) when the snapshot has no word of s. */
char *quote_closest(const struct quote_index *q, const char *s, size_t len,
                    int *line, char **fact_word, char **snap_word);

#endif
