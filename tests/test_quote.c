/* Unit tests for quote.c: how a quotation is normalised, where it may
 * and may not match a snapshot (one passage, word and sentence bounds),
 * a table row's cells together, and the closest passage reported when
 * it does not. Table-driven: snapshot, quotation, mode -> line. */
#include "helpers.h"

#include <stdlib.h>
#include <string.h>

#include "doc/quote.h"

/* A snapshot as the seeds are written: a title, a date line, blank
 * lines, paragraphs and bulleted items each on a line of their own. */
static const char snapshot[] =
	"Example Mission\n"                                            /* 1 */
	"\n"
	"  \xE2\x80\xA2 Last updated: 2 Mar. 2020 09:15\n"             /* 3 */
	"\n"
	"The mission\xE2\x80\x99s staff advise the \xE2\x80\x9C"
	"host nation\xE2\x80\x9D \xE2\x80\x93 and train its officers. "
	"It was created on 1 May 2019.\n"                              /* 5 */
	"The mission performs the following tasks:\n"                  /* 6 */
	"  \xE2\x80\xA2 advise;\n"                                     /* 7 */
	"  \xE2\x80\xA2 train, including officer courses; and\n"       /* 8 */
	"  \xE2\x80\xA2 liaise with partners.\n"                       /* 9 */
	"\tCol. Ann Example, NO A\r\n"                                 /* 10 */
	"01 May 2019 - 30 Jun 2021\n";                                 /* 11 */

static const struct {
	const char *quote;
	enum quote_mode mode;
	int line;     /* 0: must not match */
	const char *why;
} cases[] = {
	/* normalising */
	{ "The mission's staff advise the \"host nation\" - and train its "
	  "officers.", QUOTE_SENTENCES, 5, "straight quotes and a hyphen" },
	{ "The  mission\xE2\x80\x99s staff\xC2\xA0" "advise the \xE2\x80\x9C"
	  "host nation\xE2\x80\x9D \xE2\x80\x94 and\ttrain its officers.",
	  QUOTE_SENTENCES, 5, "blanks, a no-break space and an em dash" },
	{ "It was created on 1 May 2019.", QUOTE_SENTENCES, 5,
	  "a later sentence of a passage" },
	{ "advise;", QUOTE_SENTENCES, 7, "a bulleted item, bullet dropped" },
	{ "Col. Ann Example", QUOTE_PHRASE, 10, "a tab and CR LF" },
	{ "Last updated: 2 Mar. 2020 09:15", QUOTE_SENTENCES, 3,
	  "a bulleted line" },
	/* what does not match */
	{ "the mission's staff advise", QUOTE_PHRASE, 0, "case differs" },
	{ "advise; train, including officer courses; and", QUOTE_SENTENCES, 0,
	  "two items joined" },
	{ "advise; train", QUOTE_PHRASE, 0, "a phrase across two passages" },
	{ "tasks: advise;", QUOTE_SENTENCES, 0, "an intro run into its item" },
	{ "officers. It was created on 1 May 2019.", QUOTE_SENTENCES, 0,
	  "starting mid-sentence" },
	{ "It was created on 1 May", QUOTE_SENTENCES, 0,
	  "ending mid-sentence" },
	{ "It was created on 1 May", QUOTE_PHRASE, 5, "a phrase may" },
	{ "1 May 201", QUOTE_PHRASE, 0, "part of a word" },
	{ "NO", QUOTE_PHRASE, 10, "a short cell on word bounds" },
	{ "Exam", QUOTE_PHRASE, 0, "a short cell inside a word" },
	{ "   ", QUOTE_PHRASE, 0, "nothing left once normalised" },
	{ "The mission performs the following tasks:", QUOTE_SENTENCES, 6,
	  "an intro ending in a colon" },
};

static void test_quotations_match_within_one_passage(void **state)
{
	struct quote_index *q = quote_index_new(snapshot, strlen(snapshot));

	(void)state;
	for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++) {
		int got = quote_find(q, cases[i].quote, strlen(cases[i].quote),
		                     cases[i].mode);

		if (got != cases[i].line)
			fail_msg("%s: '%s' at line %d, want %d", cases[i].why,
			         cases[i].quote, got, cases[i].line);
	}
	quote_index_free(q);
}

static void test_normalise_folds_quotes_dashes_and_blanks(void **state)
{
	static const char in[] = "  \xE2\x80\x98" "a\xE2\x80\x99 \xC2\xA0"
	                         "\xE2\x80\x9C" "b\xE2\x80\x9D\n\xE2\x80\x93"
	                         "c\xE2\x80\xA6\xC2\xAD" "d  ";
	size_t n;
	char *s = quote_normalise(in, strlen(in), &n);

	(void)state;
	assert_string_equal(s, "'a' \"b\" -c...d");
	assert_int_equal(n, strlen(s));
	free(s);
}

static void test_row_cells_must_share_a_passage(void **state)
{
	struct quote_index *q = quote_index_new(snapshot, strlen(snapshot));
	const char *row[] = { "Col.", "Ann Example", "NO", "A" };
	const char *split[] = { "Ann Example", "advise" };
	size_t missing = 99;

	(void)state;
	assert_int_equal(quote_find_together(q, row, 4, &missing), 10);
	assert_int_equal(missing, 4);
	/* both occur, but not on one line */
	assert_int_equal(quote_find_together(q, split, 2, &missing), 0);
	assert_int_equal(missing, 1);
	quote_index_free(q);
}

static void test_closest_passage_shows_the_changed_word(void **state)
{
	struct quote_index *q = quote_index_new(snapshot, strlen(snapshot));
	const char *typo = "It was founded on 1 May 2019.";
	int line;
	char *fw, *sw;
	char *near = quote_closest(q, typo, strlen(typo), &line, &fw, &sw);

	(void)state;
	assert_non_null(near);
	assert_int_equal(line, 5);
	assert_string_equal(fw, "founded");
	assert_string_equal(sw, "created");
	/* the snapshot's own text around the word, four words before it,
	 * cut with an ellipsis where words are left out */
	assert_string_equal(near, "\xE2\x80\xA6" "its officers. It was created "
	                    "on 1 May 2019.");
	free(near);
	free(fw);
	free(sw);
	quote_index_free(q);
}

static void test_closest_passage_when_only_punctuation_differs(void **state)
{
	struct quote_index *q = quote_index_new(snapshot, strlen(snapshot));
	const char *s = "liaise with partners;";
	int line;
	char *fw, *sw;
	char *near = quote_closest(q, s, strlen(s), &line, &fw, &sw);

	(void)state;
	assert_int_equal(quote_find(q, s, strlen(s), QUOTE_SENTENCES), 0);
	assert_int_equal(line, 9);
	assert_null(fw);
	assert_null(sw);
	assert_string_equal(near, "liaise with partners.");
	free(near);
	quote_index_free(q);
}

static void test_closest_passage_of_unknown_words_is_none(void **state)
{
	struct quote_index *q = quote_index_new(snapshot, strlen(snapshot));
	int line = 7;
	char *fw, *sw;

	(void)state;
	assert_null(quote_closest(q, "zebra quagga", 12, &line, &fw, &sw));
	assert_int_equal(line, 0);
	quote_index_free(q);
}

/* Every occurrence of a common 8-byte prefix is tried, not the first. */
static void test_repeated_prefixes_find_the_right_passage(void **state)
{
	static const char text[] = "The mission was\nThe mission is small.\n";
	struct quote_index *q = quote_index_new(text, strlen(text));

	(void)state;
	assert_int_equal(quote_find(q, "The mission is small.", 21,
	                            QUOTE_SENTENCES), 2);
	quote_index_free(q);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_quotations_match_within_one_passage),
		cmocka_unit_test(test_normalise_folds_quotes_dashes_and_blanks),
		cmocka_unit_test(test_row_cells_must_share_a_passage),
		cmocka_unit_test(test_closest_passage_shows_the_changed_word),
		cmocka_unit_test(test_closest_passage_when_only_punctuation_differs),
		cmocka_unit_test(test_closest_passage_of_unknown_words_is_none),
		cmocka_unit_test(test_repeated_prefixes_find_the_right_passage),
	};

	return cmocka_run_group_tests_name("quote", tests, NULL, NULL);
}
