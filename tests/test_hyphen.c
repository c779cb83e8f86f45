/* Unit tests for the hyphenator (src/fonts/hyphen.c) with Debian's real
 * patterns (hyphen-en-gb, hyphen-en-us): points, exceptions, minimums,
 * capitals, and the error for a language without patterns. */
#include "helpers.h"

#include <stdlib.h>

#include "briefing/fonts.h"

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

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_international_with_en_gb),
		cmocka_unit_test(test_exceptions_replace_the_patterns),
		cmocka_unit_test(test_minimums_drop_short_pieces),
		cmocka_unit_test(test_capitals_no_and_acronyms),
		cmocka_unit_test(test_missing_patterns_name_the_package),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
