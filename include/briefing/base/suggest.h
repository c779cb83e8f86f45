/*
 * base/suggest.h: "did you mean": the closest of a few known words to a
 * misspelt one, for the stages that have no word list of their own to
 * borrow (the model's table columns, the fonts' styles and families).
 */
#ifndef BRIEFING_BASE_SUGGEST_H
#define BRIEFING_BASE_SUGGEST_H

#include <stdbool.h>
#include <stddef.h>

/* The edit distance of a and b (insertions, deletions, substitutions),
 * ASCII case ignored when fold_case; (size_t)-1 when either is over 64
 * bytes, which no hint is worth. */
size_t suggest_distance(const char *a, const char *b, bool fold_case);

/* True when a word at distance d from word is near enough to offer:
 * at most a third of word's length, plus one. */
bool suggest_near(const char *word, size_t d);

/* The closest of words[0..n) to word that is near enough, or NULL. */
const char *suggest_closest(const char *word, const char *const *words,
                            size_t n, bool fold_case);

#endif
