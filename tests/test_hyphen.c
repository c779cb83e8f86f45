/* Unit tests for the hyphenator (src/fonts/hyphen.c) with Debian's real
 * patterns (hyphen-en-gb, hyphen-en-us): points, exceptions, minimums,
 * capitals, and the error for a language without patterns. */
#define _POSIX_C_SOURCE 200809L
#include "helpers.h"

#include <ctype.h>
#include <dirent.h>
#include <stdio.h>
#include <stdlib.h>

#include <hyphen.h>

#include "briefing/base/fileio.h"
#include "briefing/base/xalloc.h"
#include "briefing/doc.h"
#include "briefing/fonts.h"
#include "fonts/patterns.h"

/* word with its points shown as '-', e.g. "inter-na-tional" */
static void show(const struct hyphenator *h, const char *w, char *out)
{
	size_t at[32], n = h->points(h->ctx, w, strlen(w), at, 32), k = 0;

	for (size_t i = 0; w[i]; i++) {
		if (k < n && at[k] == i) {
			*out++ = '-';
			k++;
		}
		*out++ = w[i];
	}
	*out = '\0';
}

static struct hyphen *load(const char *lang, const char *const *ex,
                           size_t nex, int l, int r, bool caps,
                           struct diag_list *dl)
{
	struct hyphen_spec spec = { lang, "c.ini", 4, ex, nex, l, r, caps, "-",
	                            NULL };

	return hyphen_load(&spec, dl);
}

static void test_international_with_en_gb(void **state)
{
	struct diag_list dl = { NULL, 0, 0, 0 };
	struct hyphen *h = load("en-GB", NULL, 0, 2, 3, true, &dl);
	char buf[64];

	(void)state;
	assert_non_null(h);
	/* the patterns' own points (TeX's too) at left_min 2 ... */
	show(hyphen_hyphenator(h), "international", buf);
	assert_string_equal(buf, "in-ter-na-tional");
	hyphen_free(h);
	/* ... and at 3, which keeps "in-" from standing alone */
	h = load("en-GB", NULL, 0, 3, 3, true, &dl);
	show(hyphen_hyphenator(h), "international", buf);
	assert_string_equal(buf, "inter-na-tional");
	show(hyphen_hyphenator(h), "Kosovo", buf);
	assert_string_equal(buf, "Kosovo");
	hyphen_free(h);
	diag_release(&dl);
}

static void test_exceptions_replace_the_patterns(void **state)
{
	static const char *const ex[] = { "NATO", "Pris-tina", "inter-national" };
	struct diag_list dl = { NULL, 0, 0, 0 };
	struct hyphen *h = load("en-US", ex, 3, 2, 3, true, &dl);
	char buf[64];

	(void)state;
	assert_non_null(h);
	show(hyphen_hyphenator(h), "Pristina", buf);
	assert_string_equal(buf, "Pris-tina");
	show(hyphen_hyphenator(h), "International", buf);
	assert_string_equal(buf, "Inter-national");
	show(hyphen_hyphenator(h), "nato", buf);
	assert_string_equal(buf, "nato");
	hyphen_free(h);
	diag_release(&dl);
}

static void test_minimums_drop_short_pieces(void **state)
{
	struct diag_list dl = { NULL, 0, 0, 0 };
	struct hyphen *h = load("en-GB", NULL, 0, 6, 6, true, &dl);
	char buf[64];

	(void)state;
	show(hyphen_hyphenator(h), "international", buf);
	assert_string_equal(buf, "interna-tional");
	hyphen_free(h);
	h = load("en-GB", NULL, 0, 3, 8, true, &dl);
	show(hyphen_hyphenator(h), "international", buf);
	assert_string_equal(buf, "inter-national");
	hyphen_free(h);
	diag_release(&dl);
}

static void test_capitals_no_and_acronyms(void **state)
{
	struct diag_list dl = { NULL, 0, 0, 0 };
	struct hyphen *h = load("en-GB", NULL, 0, 2, 3, false, &dl);
	char buf[64];

	(void)state;
	show(hyphen_hyphenator(h), "International", buf);
	assert_string_equal(buf, "International");
	show(hyphen_hyphenator(h), "international", buf);
	assert_string_equal(buf, "in-ter-na-tional");
	hyphen_free(h);
	h = load("en-GB", NULL, 0, 2, 3, true, &dl);
	show(hyphen_hyphenator(h), "INTERNATIONAL", buf);
	assert_string_equal(buf, "INTERNATIONAL");
	hyphen_free(h);
	diag_release(&dl);
}

static void test_missing_patterns_name_the_package(void **state)
{
	struct diag_list dl = { NULL, 0, 0, 0 };

	(void)state;
	assert_null(load("xx-YY", NULL, 0, 2, 3, true, &dl));
	assert_true(has_diag(&dl, "c.ini", 4, "install the Debian package "
	                     "hyphen-xx"));
	assert_null(load("en-XX", NULL, 0, 2, 3, true, &dl));
	assert_true(has_diag(&dl, "c.ini", 4, "hyphen-en-xx"));
	assert_null(load("en/../x", NULL, 0, 2, 3, true, &dl));
	assert_true(has_diag(&dl, "c.ini", 4, "not a language tag"));
	diag_release(&dl);
}

/* ---- the cut patterns (src/fonts/patterns.c) ---- */

struct words {
	char *list;          /* ".word.\n" each, as patterns_filter() takes */
	size_t len, cap;
	char **w;
	size_t n, wcap;
};

static void add_word(struct words *ws, const char *s, size_t len)
{
	char *w;

	if (len == 0 || len > 60)
		return;
	w = xmalloc(len + 1);
	for (size_t i = 0; i < len; i++)
		w[i] = (char)((unsigned char)s[i] < 0x80 ?
		              tolower((unsigned char)s[i]) : s[i]);
	w[len] = '\0';
	ws->w = xgrow(ws->w, &ws->wcap, ws->n + 1, sizeof *ws->w);
	ws->w[ws->n++] = w;
	ws->list = xgrow(ws->list, &ws->cap, ws->len + len + 3, 1);
	ws->list[ws->len++] = '.';
	memcpy(ws->list + ws->len, w, len);
	ws->len += len;
	ws->list[ws->len++] = '.';
	ws->list[ws->len++] = '\n';
}

/* The runs of letters (ASCII or not) of a file's text. */
static void add_file_words(struct words *ws, const char *path)
{
	struct diag_list dl = { NULL, 0, 0, 0 };
	char *buf;
	size_t len;

	if (file_read(path, &buf, &len, &dl) != 0) {
		diag_release(&dl);
		return;
	}
	for (size_t i = 0; i < len;) {
		size_t a = i;

		while (i < len && (isalpha((unsigned char)buf[i]) ||
		                   (unsigned char)buf[i] >= 0x80))
			i++;
		add_word(ws, buf + a, i - a);
		if (i == a)
			i++;
	}
	free(buf);
}

static HyphenDict *load_mem(const char *buf, size_t len)
{
	FILE *f = fmemopen((void *)buf, len, "r");
	HyphenDict *d;

	assert_non_null(f);
	d = hnj_hyphen_load_file(f);
	fclose(f);
	return d;
}

/* The points (and spelling changes) of every word, by both. */
static void same_points(HyphenDict *a, HyphenDict *b, const struct words *ws)
{
	for (size_t i = 0; i < ws->n; i++) {
		const char *w = ws->w[i];
		int len = (int)strlen(w);
		char ha[128], hb[128];
		char **ra = NULL, **rb = NULL;
		int *pa = NULL, *pb = NULL, *ca = NULL, *cb = NULL;

		assert_int_equal(hnj_hyphen_hyphenate2(a, w, len, ha, NULL, &ra,
		                                       &pa, &ca), 0);
		assert_int_equal(hnj_hyphen_hyphenate2(b, w, len, hb, NULL, &rb,
		                                       &pb, &cb), 0);
		if (strcmp(ha, hb) != 0)
			fprintf(stderr, "differs: %s %s %s\n", w, ha, hb);
		assert_string_equal(ha, hb);
		assert_true((ra == NULL) == (rb == NULL));
		for (int k = 0; ra && rb && k < len; k++) {
			assert_true((ra[k] == NULL) == (rb[k] == NULL));
			if (ra[k])
				assert_string_equal(ra[k], rb[k]);
			free(ra[k]);
			free(rb[k]);
		}
		free(ra);
		free(rb);
		free(pa);
		free(pb);
		free(ca);
		free(cb);
	}
}

static void words_release(struct words *ws)
{
	for (size_t i = 0; i < ws->n; i++)
		free(ws->w[i]);
	free(ws->w);
	free(ws->list);
}

/* Pseudo-random words over a few letters, so that many patterns and
 * their prefixes meet, as they would in a large vocabulary. */
static void add_random_words(struct words *ws, size_t n, const char *alpha)
{
	unsigned seed = 4242;
	size_t na = strlen(alpha);

	for (size_t i = 0; i < n; i++) {
		char w[16];
		size_t len;

		seed = seed * 1103515245u + 12345u;
		len = 3 + (seed >> 16) % 12;
		for (size_t k = 0; k < len; k++) {
			seed = seed * 1103515245u + 12345u;
			w[k] = alpha[(seed >> 16) % na];
		}
		add_word(ws, w, len);
	}
}

/* Every installed dictionary, cut down to a vocabulary (the repository's
 * data and docs, the system word list when there is one, the benchmark's
 * words, random words), gives each word of it exactly the points of the
 * whole dictionary. */
static void test_cut_patterns_give_the_same_points(void **state)
{
	static const char *const files[] = {
		"data/kfor.ini", "data/nalt.ini", "docs/data-format.md",
		"docs/config.md", "docs/architecture.md", "bench/gen_text.sh",
		"/usr/share/dict/words",
	};
	DIR *dir = opendir("/usr/share/hyphen");
	struct dirent *de;
	size_t dicts = 0;

	(void)state;
	assert_non_null(dir);
	while ((de = readdir(dir))) {
		struct words ws = { NULL, 0, 0, NULL, 0, 0 };
		struct diag_list dl = { NULL, 0, 0, 0 };
		char path[512], *dic, *cut;
		size_t len, cut_len;
		HyphenDict *full, *part;

		if (!strstr(de->d_name, ".dic"))
			continue;
		snprintf(path, sizeof path, "/usr/share/hyphen/%s", de->d_name);
		if (file_read(path, &dic, &len, &dl) != 0) {
			diag_release(&dl);
			continue;
		}
		for (size_t i = 0; i < sizeof files / sizeof *files; i++)
			add_file_words(&ws, files[i]);
		add_random_words(&ws, 20000, "aeionrstlcdmph");
		add_random_words(&ws, 5000, "abcdefghijklmnopqrstuvwxyz");
		cut = patterns_filter(dic, len, ws.list, ws.len, &cut_len);
		if (cut) {
			/* the cut is a real cut */
			assert_true(cut_len < len);
			full = load_mem(dic, len);
			part = load_mem(cut, cut_len);
			same_points(full, part, &ws);
			hnj_hyphen_free(full);
			hnj_hyphen_free(part);
			dicts++;
		}
		free(cut);
		free(dic);
		words_release(&ws);
	}
	closedir(dir);
	assert_true(dicts > 0);
}

/* A pattern that only masks: with "ab4cz" and "b1c", libhyphen sitting
 * on "abc" (a prefix of a pattern the words lack, "abcz") applies
 * nothing; cut to what "xabcd" holds, it would fall back to "bc" and
 * apply "b1c". The cut keeps "abcz" so that it does not. */
static void test_cut_keeps_a_pattern_that_masks_another(void **state)
{
	static const char dic[] = "UTF-8\nab4cz\nb1c\n";
	struct words ws = { NULL, 0, 0, NULL, 0, 0 };
	char *cut;
	size_t len;
	HyphenDict *full, *part;

	(void)state;
	add_word(&ws, "xabcd", 5);
	cut = patterns_filter(dic, sizeof dic - 1, ws.list, ws.len, &len);
	assert_non_null(cut);
	{
		bool found = false;

		for (size_t i = 0; i + 5 <= len; i++)
			found = found || memcmp(cut + i, "ab4cz", 5) == 0;
		assert_true(found);
	}
	full = load_mem(dic, sizeof dic - 1);
	part = load_mem(cut, len);
	same_points(full, part, &ws);
	hnj_hyphen_free(full);
	hnj_hyphen_free(part);
	free(cut);
	words_release(&ws);
}

static void test_two_level_dictionaries_are_not_cut(void **state)
{
	static const char dic[] = "UTF-8\n1-1\nNEXTLEVEL\na1b\n";
	size_t len;

	(void)state;
	assert_null(patterns_filter(dic, sizeof dic - 1, ".ab.\n", 5, &len));
}

/* A document's words get the points they get without naming them, and
 * a word the document does not hold still gets its own. */
static void test_named_words_get_the_same_points(void **state)
{
	struct diag_list dl = { NULL, 0, 0, 0 };
	struct hyphen *a = load("en-GB", NULL, 0, 2, 3, true, &dl);
	struct hyphen *b = load("en-GB", NULL, 0, 2, 3, true, &dl);
	struct doc_block blk;
	struct doc d;
	static const char *const words[] = {
		"international", "coordination", "Uroševac", "headquarters",
		"establishment", "responsibilities", "unnamed", "hyphenation",
	};
	char x[64], y[64];

	(void)state;
	memset(&d, 0, sizeof d);
	memset(&blk, 0, sizeof blk);
	blk.kind = DOC_PARAGRAPH;
	blk.u.paragraph.text = (char *)"The international coordination "
		"(Uroševac) of headquarters: establishment, responsibilities.";
	d.blocks = &blk;
	d.len = 1;
	hyphen_use_doc(b, &d);
	for (int round = 0; round < 2; round++)
		for (size_t i = 0; i < sizeof words / sizeof *words; i++) {
			show(hyphen_hyphenator(a), words[i], x);
			show(hyphen_hyphenator(b), words[i], y);
			assert_string_equal(x, y);
		}
	show(hyphen_hyphenator(b), "international", y);
	assert_string_equal(y, "in-ter-na-tional");
	hyphen_free(a);
	hyphen_free(b);
	diag_release(&dl);
}

/* A word asked about again (its points kept by its bytes as written)
 * gets what it got the first time, within the room it is given, and an
 * exception or a capitalised word keeps its own answer. */
static void test_repeated_words_get_the_same_points(void **state)
{
	static const char *const ex[] = { "Pris-tina" };
	struct diag_list dl = { NULL, 0, 0, 0 };
	struct hyphen *h = load("en-GB", ex, 1, 2, 3, false, &dl);
	const struct hyphenator *hy;
	size_t at[32], n;
	char x[64];

	(void)state;
	assert_non_null(h);
	hy = hyphen_hyphenator(h);
	for (int round = 0; round < 3; round++) {
		show(hy, "international", x);
		assert_string_equal(x, "in-ter-na-tional");
		show(hy, "pristina", x);
		assert_string_equal(x, "pris-tina");
		show(hy, "International", x);
		assert_string_equal(x, "International");
		n = hy->points(hy->ctx, "international", 13, at, 2);
		assert_int_equal(n, 2);
		assert_int_equal(at[0], 2);
		assert_int_equal(at[1], 5);
		assert_int_equal(hy->points(hy->ctx, "international", 13, at, 0), 0);
	}
	hyphen_free(h);
	diag_release(&dl);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_international_with_en_gb),
		cmocka_unit_test(test_exceptions_replace_the_patterns),
		cmocka_unit_test(test_minimums_drop_short_pieces),
		cmocka_unit_test(test_capitals_no_and_acronyms),
		cmocka_unit_test(test_missing_patterns_name_the_package),
		cmocka_unit_test(test_cut_patterns_give_the_same_points),
		cmocka_unit_test(test_cut_keeps_a_pattern_that_masks_another),
		cmocka_unit_test(test_two_level_dictionaries_are_not_cut),
		cmocka_unit_test(test_named_words_get_the_same_points),
		cmocka_unit_test(test_repeated_words_get_the_same_points),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
