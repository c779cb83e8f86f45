/*
 * suggest.c: the closest known word to a misspelt one (base/suggest.h).
 *
 * The limit is the one every "did you mean" of the tool uses (a third of
 * the word, plus one), so hints feel alike wherever they come from.
 */
#include "briefing/base/suggest.h"

#include <ctype.h>
#include <string.h>

size_t suggest_distance(const char *a, const char *b, bool fold_case)
{
	size_t la = strlen(a), lb = strlen(b), row[65];

	if (la > 64 || lb > 64)
		return (size_t)-1;
	for (size_t j = 0; j <= lb; j++)
		row[j] = j;
	for (size_t i = 1; i <= la; i++) {
		size_t diag = row[0];

		row[0] = i;
		for (size_t j = 1; j <= lb; j++) {
			unsigned char x = (unsigned char)a[i - 1];
			unsigned char y = (unsigned char)b[j - 1];
			size_t up = row[j], best;

			if (fold_case) {
				x = (unsigned char)tolower(x);
				y = (unsigned char)tolower(y);
			}
			best = diag + (x != y);
			if (up + 1 < best)
				best = up + 1;
			if (row[j - 1] + 1 < best)
				best = row[j - 1] + 1;
			row[j] = best;
			diag = up;
		}
	}
	return row[lb];
}

bool suggest_near(const char *word, size_t d)
{
	return d <= strlen(word) / 3 + 1;
}

const char *suggest_closest(const char *word, const char *const *words,
                            size_t n, bool fold_case)
{
	const char *best = NULL;
	size_t best_d = (size_t)-1;

	for (size_t i = 0; i < n; i++) {
		size_t d = suggest_distance(word, words[i], fold_case);

		if (d < best_d) {
			best_d = d;
			best = words[i];
		}
	}
	return best && suggest_near(word, best_d) ? best : NULL;
}
