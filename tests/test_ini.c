/* Unit tests for ini.c: line numbers, duplicates and what iniparser
 * would mangle. */
#include "helpers.h"

#include <stdlib.h>

#include "input/ini.h"

static struct ini *parse(const char *text, struct diag_list *dl)
{
	return ini_parse(text, strlen(text), "t.ini", dl);
}

static void test_keys_keep_file_order_and_lines(void **state)
{
	struct diag_list dl = { 0 };
	struct ini *ini = parse("# c\n[One]\nB = 2\nA = \"x; y\"\n\n[two]\nk=v\n", &dl);
	struct ini_section *s;

	(void)state;
	assert_non_null(ini);
	assert_int_equal(ini->len, 2);
	s = ini_find(ini, "one");
	assert_non_null(s);
	assert_int_equal(s->line, 2);
	assert_string_equal(s->entries[0].key, "b");
	assert_int_equal(s->entries[0].line, 3);
	assert_string_equal(s->entries[1].value, "x; y");
	assert_int_equal(s->entries[1].line, 4);
	assert_string_equal(ini_value(ini_find(ini, "two"), "k"), "v");
	assert_int_equal(dl.len, 0);
	ini_free(ini);
	diag_release(&dl);
}

static void test_repeated_key_is_an_error_with_both_lines(void **state)
{
	struct diag_list dl = { 0 };

	(void)state;
	assert_null(parse("[a]\nk = 1\nK = 2\n", &dl));
	assert_diag(&dl, "t.ini", 3, "[a] k: key repeated (first at line 2)");
	diag_release(&dl);
}

static void test_repeated_section_is_an_error(void **state)
{
	struct diag_list dl = { 0 };

	(void)state;
	assert_null(parse("[a]\nk = 1\n[b]\n[A]\nk = 2\n", &dl));
	assert_diag(&dl, "t.ini", 4, "section [A] repeated (first at line 1)");
	/* Its keys are not blamed on the section above it. */
	assert_int_equal(dl.errors, 1);
	diag_release(&dl);
}

static void test_colon_in_section_name_is_refused(void **state)
{
	struct diag_list dl = { 0 };

	(void)state;
	assert_null(parse("[a:b]\nk = 1\n", &dl));
	assert_diag(&dl, "t.ini", 1, "contains ':'");
	diag_release(&dl);
}

static void test_syntax_error_names_line(void **state)
{
	struct diag_list dl = { 0 };

	(void)state;
	assert_null(parse("[a]\nk = 1\nthis is not ini\n", &dl));
	assert_diag(&dl, "t.ini", 3, "expected 'key = value' or '[section]'");
	diag_release(&dl);
}

static void test_key_before_section_is_an_error(void **state)
{
	struct diag_list dl = { 0 };

	(void)state;
	assert_null(parse("k = 1\n[a]\n", &dl));
	assert_diag(&dl, "t.ini", 1, "before any [section]");
	diag_release(&dl);
}

static void test_long_line_is_refused_with_limit(void **state)
{
	struct diag_list dl = { 0 };
	char *text = malloc(3000);

	(void)state;
	strcpy(text, "[a]\nk = ");
	memset(text + 8, 'x', 2000);
	strcpy(text + 2008, "\n");
	assert_null(parse(text, &dl));
	assert_diag(&dl, "t.ini", 2, "the limit is 1000");
	free(text);
	diag_release(&dl);
}

static void test_nul_byte_and_bad_utf8_are_refused(void **state)
{
	struct diag_list dl = { 0 };
	const char nul[] = "[a]\nk = 1\0\n";

	(void)state;
	assert_null(ini_parse(nul, sizeof nul - 1, "t.ini", &dl));
	assert_diag(&dl, "t.ini", 2, "NUL byte");
	assert_null(parse("[a]\n\nk = caf\xC3\n", &dl));
	assert_diag(&dl, "t.ini", 3, "invalid UTF-8");
	diag_release(&dl);
}

static void test_unquoted_semicolon_warns(void **state)
{
	struct diag_list dl = { 0 };
	struct ini *ini = parse("[a]\nk = one; two\n", &dl);

	(void)state;
	assert_non_null(ini);
	assert_string_equal(ini_value(ini->sections, "k"), "one");
	assert_int_equal(dl.errors, 0);
	assert_diag(&dl, "t.ini", 2, "text after ';' is dropped");
	ini_free(ini);
	diag_release(&dl);
}

static void test_numbered_keys_sort_numerically(void **state)
{
	struct diag_list dl = { 0 };
	struct ini *ini = parse("[a]\n10 = j\n2 = b\n2.1 = b1\n1 = a\nx = y\n", &dl);
	struct ini_numbered *items;
	size_t n;

	(void)state;
	items = ini_numbered(ini->sections, &n, &dl);
	assert_int_equal(n, 4);
	assert_string_equal(items[0].entry->value, "a");
	assert_string_equal(items[1].entry->value, "b");
	assert_string_equal(items[2].entry->value, "b1");
	assert_int_equal(items[2].minor, 1);
	assert_string_equal(items[3].entry->value, "j");
	free(items);
	ini_free(ini);
	diag_release(&dl);
}

static void test_unknown_key_suggests_the_closest(void **state)
{
	static const char *const allowed[] = { "margin_top", "size", NULL };
	struct diag_list dl = { 0 };
	struct ini *ini = parse("[page]\nmargin_tpo = 3\n", &dl);

	(void)state;
	assert_int_equal(ini_check_unused(ini->sections, allowed, &dl), -1);
	assert_diag(&dl, "t.ini", 2,
	            "[page] margin_tpo: unknown key (did you mean 'margin_top'?)");
	ini_free(ini);
	diag_release(&dl);
}

static void test_numbers_are_read_in_base_ten(void **state)
{
	struct diag_list dl = { 0 };
	struct ini *ini = parse("[s]\na = 08\nb = 2.5\nc = 12pt\nd = -3\n", &dl);
	double v = 0;

	(void)state;
	assert_int_equal(ini_number(ini->sections, "a", 0, 100, &v, &dl), 1);
	assert_true(v == 8);
	assert_int_equal(ini_number(ini->sections, "b", 0, 100, &v, &dl), 1);
	assert_true(v == 2.5);
	assert_int_equal(ini_number(ini->sections, "c", 0, 100, &v, &dl), -1);
	assert_diag(&dl, "t.ini", 4, "[s] c: '12pt' is not a number");
	assert_int_equal(ini_number(ini->sections, "d", 0, 100, &v, &dl), -1);
	assert_diag(&dl, "t.ini", 5, "[s] d: -3 is out of range (0 to 100)");
	assert_int_equal(ini_number(ini->sections, "zz", 0, 1, &v, &dl), 0);
	ini_free(ini);
	diag_release(&dl);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_keys_keep_file_order_and_lines),
		cmocka_unit_test(test_repeated_key_is_an_error_with_both_lines),
		cmocka_unit_test(test_repeated_section_is_an_error),
		cmocka_unit_test(test_colon_in_section_name_is_refused),
		cmocka_unit_test(test_syntax_error_names_line),
		cmocka_unit_test(test_key_before_section_is_an_error),
		cmocka_unit_test(test_long_line_is_refused_with_limit),
		cmocka_unit_test(test_nul_byte_and_bad_utf8_are_refused),
		cmocka_unit_test(test_unquoted_semicolon_warns),
		cmocka_unit_test(test_numbered_keys_sort_numerically),
		cmocka_unit_test(test_unknown_key_suggests_the_closest),
		cmocka_unit_test(test_numbers_are_read_in_base_ten),
	};

	return cmocka_run_group_tests_name("ini", tests, NULL, NULL);
}
