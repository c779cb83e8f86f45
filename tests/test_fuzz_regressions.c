/* Regression tests for what fuzzing the parsers found (make fuzz). Each
 * test feeds the minimised input, as bytes, to the parser that failed on
 * it and checks that the parser now returns cleanly with a diagnostic
 * naming the line. The leak checks of `make check` cover the freeing. */
#include "helpers.h"

#include <stdlib.h>

#include "briefing/base/imagefile.h"
#include "briefing/input.h"
#include "briefing/render.h"

/* No diagnostic comes from iniparser's safety net, which names only the
 * memory file it was handed, not the user's file and line. */
static void assert_scan_caught_it(const struct diag_list *dl)
{
	if (has_diag(dl, NULL, 0, "iniparser cannot read the file"))
		dump_diags(dl);
	assert_false(has_diag(dl, NULL, 0, "iniparser cannot read the file"));
}

/* Found by fuzzing ini_parse() on the config and facts corpora with a
 * check that iniparser's safety net never fires: iniparser 4.1 fails on a
 * comment after a section name, which the scan allowed, so the error
 * named /proc/self/fd/N and no line of the user's file. */
static void test_comment_after_section_name_is_refused(void **state)
{
	static const char input[] = { '[', 'a', ']', '#', '\n' };
	struct diag_list dl = { 0 };
	struct facts *f = facts_new();

	(void)state;
	assert_int_equal(facts_parse(f, input, sizeof input, "f.ini", &dl), -1);
	assert_diag(&dl, "f.ini", 1, "comment after section name [a], which "
	            "iniparser cannot read; put it on a line of its own");
	assert_scan_caught_it(&dl);
	facts_free(f);
	diag_release(&dl);
}

/* Found by the same fuzzing with the scan's sections and keys compared to
 * the ones iniparser stored: with '=' in the comment, iniparser read "[t.a] ; x = y" as a key of [source] and
 * every key below it as [source]'s too, so [t.a] type read as ''. */
static void test_comment_with_equals_after_section_is_not_a_key(void **state)
{
	static const char input[] =
		"[source]\ntitle = T\nupdated = 2020-01-01\n"
		"[t.a] ; x = y\ntype = text\n1 = \"one\"\n";
	struct diag_list dl = { 0 };
	struct facts *f = facts_new();

	(void)state;
	assert_int_equal(facts_parse(f, input, sizeof input - 1, "f.ini", &dl),
	                 -1);
	assert_diag(&dl, "f.ini", 4, "comment after section name [t.a]");
	assert_false(has_diag(&dl, NULL, 0, "is not one of"));
	assert_int_equal(dl.errors, 1);
	facts_free(f);
	diag_release(&dl);
}

/* Found by the same comparison ("[c]\nd:e=-\\" gave [c] a key iniparser
 * never stored): iniparser 4.1 drops a last line that ends in '\', as it
 * waits for a next line that never comes. Here the source's url read as
 * '' and the file loaded without a word. */
static void test_last_line_continued_into_nothing_is_refused(void **state)
{
	static const char input[] =
		"[source]\ntitle = T\nupdated = 2020-01-01\n"
		"url = \"https://example.org/\" \\\n";
	struct diag_list dl = { 0 };
	struct facts *f = facts_new();

	(void)state;
	assert_int_equal(facts_parse(f, input, sizeof input - 1, "f.ini", &dl),
	                 -1);
	assert_diag(&dl, "f.ini", 4, "the last line ends in '\\' but no line "
	            "follows, so iniparser would drop it");
	assert_int_equal(dl.errors, 1);
	facts_free(f);
	diag_release(&dl);
}

/* Found by review while checking the scan against iniparser 4.1: a
 * continued line's trailing blanks count for iniparser's 1024-byte line
 * buffer (it strips them only after reading the line in), but the scan
 * counted the joined text only. 600 bytes, then a line of "\" and 999
 * spaces: iniparser failed with "input line too long". */
static void test_continued_line_counts_trailing_blanks(void **state)
{
	char input[1700];
	size_t n = 0;
	struct diag_list dl = { 0 };

	(void)state;
	n += (size_t)sprintf(input, "[document]\ntitle = ");
	memset(input + n, 'a', 588);
	n += 588;
	input[n++] = '\\';
	input[n++] = '\n';
	input[n++] = '\\';
	memset(input + n, ' ', 999);
	n += 999;
	input[n++] = '\n';
	input[n++] = 'b';
	input[n++] = '\n';
	assert_null(config_parse(input, n, "c.ini", &dl));
	assert_diag(&dl, "c.ini", 2, "continued line is 1596 bytes long; the "
	            "limit is 1000");
	assert_scan_caught_it(&dl);
	diag_release(&dl);
}

/* Found by fuzz_image (its CRCs as the harness fixes them): an IDAT
 * chunk whose length swallows the chunks after it, holding a complete
 * zlib stream and then junk. The probe took it and libpng refused it, so
 * a build would have failed in render with no line to name. Now the
 * probe refuses it; whatever it accepts, libharu loads. */
static void test_png_with_junk_after_its_image_data_is_refused(void **state)
{
	static const unsigned char input[] = {
		0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0x00, 0x00, 0x00, 0x0d,
		0x49, 0x48, 0x44, 0x52, 0x00, 0x00, 0x00, 0x11, 0x00, 0x00, 0x00, 0x09,
		0x08, 0x00, 0x00, 0x00, 0x00, 0xf1, 0x83, 0x98, 0xd0, 0x00, 0x00, 0x00,
		0x94, 0x49, 0x44, 0x41, 0x54, 0x78, 0xda, 0x63, 0x58, 0x8a, 0x0e, 0x18,
		0x96, 0x46, 0xa2, 0x02, 0x3a, 0x8b, 0xa0, 0x03, 0x00, 0x58, 0x9e, 0x43,
		0x72, 0xd7, 0xda, 0xce, 0x85, 0x00, 0x00, 0x05, 0x3a, 0x8b, 0xa0, 0x01,
		0x00, 0x60, 0xf0, 0x00, 0x01, 0x71, 0xa0, 0x03, 0xff, 0x8b, 0xa0, 0x03,
		0x00, 0x58, 0x9e, 0x43, 0x72, 0xd7, 0xda, 0xce, 0x85, 0x00, 0x00, 0x00,
		0x14, 0x74, 0x44, 0x41, 0x54, 0x78, 0xda, 0x00, 0x00, 0x00, 0x00, 0x96,
		0x03, 0xff, 0xa2, 0x05, 0x3a, 0x8b, 0xa0, 0x03, 0x00, 0x58, 0x9e, 0x43,
		0x72, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x0c, 0x49, 0x45, 0x4e,
		0x44, 0x01, 0x00, 0x00, 0x00, 0x00, 0x0c, 0x49, 0x45, 0x4e, 0x44, 0x01,
		0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x0b, 0x00, 0x00, 0x00, 0x14, 0x18,
		0x96, 0x03, 0xff, 0x43, 0x72, 0x9b, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00,
		0x00, 0x49, 0x45, 0x4e, 0x44, 0x01, 0x00, 0x00, 0x00, 0x00, 0x00, 0x96,
		0x03, 0xff, 0x14, 0x18, 0x96, 0x03, 0xff, 0x43, 0x72, 0xd8, 0x13, 0x91,
		0x3a, 0x00, 0x00, 0x00, 0x00, 0x49, 0x45, 0x4e, 0x44, 0xae, 0x42, 0x60,
		0x82,
	};
	struct image_info info;
	struct diag_list dl = { 0 };
	char why[160];

	(void)state;
	assert_int_equal(image_probe(input, sizeof input, &info, why, sizeof why),
	                 -1);
	assert_string_equal(why, "data after the end of the compressed image "
	                    "data (damaged)");
	/* render checks the bytes it loads too */
	assert_int_equal(render_image_bytes(input, sizeof input, "x.png", &dl), -1);
	assert_diag(&dl, "x.png", 0, "data after the end of the compressed image "
	            "data (damaged)");
	diag_release(&dl);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_png_with_junk_after_its_image_data_is_refused),
		cmocka_unit_test(test_comment_after_section_name_is_refused),
		cmocka_unit_test(test_comment_with_equals_after_section_is_not_a_key),
		cmocka_unit_test(test_last_line_continued_into_nothing_is_refused),
		cmocka_unit_test(test_continued_line_counts_trailing_blanks),
	};

	return cmocka_run_group_tests_name("fuzz_regressions", tests, NULL,
	                                   NULL);
}
